#include "gui/diffhighlighter.h"

#include "gui/highlightingrepository.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Format>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/Theme>

using namespace Qt::StringLiterals;

namespace driftline::gui {

DiffHighlighter::DiffHighlighter()
{
    setDefinition(HighlightingRepository::instance().definitionForName(u"YAML"_s));
    // The definition's rules load on first use: pay for it here, not in the first paint of a diff.
    highlightLine(u"key: value"_s, KSyntaxHighlighting::State());
}

KSyntaxHighlighting::State DiffHighlighter::highlight(
    const QString& line, const KSyntaxHighlighting::State& state, QList<QTextLayout::FormatRange>* ranges)
{
    m_ranges = ranges;
    const KSyntaxHighlighting::State next = highlightLine(line, state);
    m_ranges = nullptr;
    return next;
}

void DiffHighlighter::applyFormat(int offset, int length, const KSyntaxHighlighting::Format& format)
{
    if (!m_ranges || length <= 0 || format.isDefaultTextStyle(theme()))
        return;
    QTextCharFormat f;
    if (format.hasTextColor(theme()))
        f.setForeground(format.textColor(theme()));
    // The theme's own backgrounds would hide the diff colours under them.
    if (format.isBold(theme()))
        f.setFontWeight(QFont::Bold);
    if (format.isItalic(theme()))
        f.setFontItalic(true);
    if (format.isUnderline(theme()))
        f.setFontUnderline(true);
    if (format.isStrikeThrough(theme()))
        f.setFontStrikeOut(true);
    m_ranges->append({offset, length, f});
}

} // namespace driftline::gui
