#include "gui/highlightingrepository.h"

#include <KSyntaxHighlighting/Repository>

namespace driftline::gui {

KSyntaxHighlighting::Repository& HighlightingRepository::instance()
{
    static KSyntaxHighlighting::Repository repository;
    return repository;
}

} // namespace driftline::gui
