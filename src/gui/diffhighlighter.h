// DiffHighlighter: KSyntaxHighlighting's YAML colours for one line at a time, as
// QTextLayout format ranges. The diff panes highlight only the blocks they paint
// (a 20,000-line document is never highlighted as a whole), carrying the
// highlighter state from line to line and starting afresh at each fold or hunk
// boundary, so a block scalar in one hunk cannot colour the next.
#pragma once

#include <KSyntaxHighlighting/AbstractHighlighter>
#include <KSyntaxHighlighting/State>

#include <QList>
#include <QTextLayout>

namespace driftline::gui {

class DiffHighlighter : public KSyntaxHighlighting::AbstractHighlighter
{
public:
    DiffHighlighter(); // the YAML definition, the default theme until setTheme()

    // Highlights `line` from `state` (a default State: the start of a text) and
    // returns the state after it; the line's formats are appended to `ranges`.
    KSyntaxHighlighting::State highlight(
        const QString& line, const KSyntaxHighlighting::State& state, QList<QTextLayout::FormatRange>* ranges);

protected:
    void applyFormat(int offset, int length, const KSyntaxHighlighting::Format& format) override;

private:
    QList<QTextLayout::FormatRange>* m_ranges = nullptr;
};

} // namespace driftline::gui
