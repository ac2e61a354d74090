// The one KSyntaxHighlighting::Repository of the application: loading the
// syntax definitions is costly, so every highlighter shares this instance.
#pragma once

namespace KSyntaxHighlighting {
class Repository;
}

namespace driftline::gui {

class HighlightingRepository
{
public:
    // Created on first use (on the UI thread) and kept until the process ends.
    static KSyntaxHighlighting::Repository& instance();
};

} // namespace driftline::gui
