#include "gui/difflayout.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace driftline::gui {

using engine::DiffRow;

namespace {

// Appends one line (block) to a pane.
void append(DiffPaneContent& pane, const QString& text, const DiffPaneLine& line)
{
    if (!pane.lines.isEmpty())
        pane.text += u'\n';
    pane.text += text;
    pane.lines.append(line);
}

DiffPaneLine::Kind kindOf(DiffRow::Kind kind)
{
    switch (kind) {
    case DiffRow::Equal:
        return DiffPaneLine::Equal;
    case DiffRow::Changed:
        return DiffPaneLine::Changed;
    case DiffRow::Removed:
        return DiffPaneLine::Removed;
    case DiffRow::Added:
        return DiffPaneLine::Added;
    }
    return DiffPaneLine::Equal;
}

qsizetype estimateSize(const engine::TextDiffResult& diff, int side)
{
    qsizetype size = 0;
    for (const DiffRow& row : diff.rows)
        size += row.side[side].text.size() + 1;
    return size;
}

} // namespace

QString DiffLayout::foldText(int count)
{
    return QCoreApplication::translate("driftline::gui::DiffLayout", "⋯ %n unchanged lines", nullptr, count);
}

DiffLayout DiffLayout::build(const engine::TextDiffResult& diff, Mode mode, const QSet<int>& expanded, int context,
    bool oneSided)
{
    DiffLayout layout;
    layout.mode = mode;
    layout.rowBlock.fill(-1, diff.rows.size());

    if (oneSided) {
        // Only the left text: shown plainly, numbered, nothing folded.
        DiffPaneContent& pane = layout.panes[0];
        pane.text.reserve(estimateSize(diff, 0));
        for (int r = 0; r < diff.rows.size(); ++r) {
            const engine::DiffLine& line = diff.rows.at(r).side[0];
            if (line.isFiller())
                continue;
            layout.rowBlock[r] = int(pane.lines.size());
            append(pane, line.text, {DiffPaneLine::Equal, 0, r, {line.number, -1}, 0});
        }
        return layout;
    }

    const QList<engine::DiffSegment> segments = diff.segments(context);
    if (mode == Mode::SideBySide) {
        for (int s = 0; s < 2; ++s)
            layout.panes[s].text.reserve(estimateSize(diff, s));
        for (int i = 0; i < segments.size(); ++i) {
            const engine::DiffSegment& segment = segments.at(i);
            if (segment.folded && !expanded.contains(i)) {
                const QString text = foldText(segment.rowCount);
                for (int s = 0; s < 2; ++s)
                    append(layout.panes[s], text, {DiffPaneLine::Fold, quint8(s), i, {-1, -1}, segment.rowCount});
                continue;
            }
            for (int r = segment.firstRow; r < segment.firstRow + segment.rowCount; ++r) {
                const DiffRow& row = diff.rows.at(r);
                layout.rowBlock[r] = int(layout.panes[0].lines.size());
                for (int s = 0; s < 2; ++s) {
                    const engine::DiffLine& line = row.side[s];
                    DiffPaneLine entry {line.isFiller() ? DiffPaneLine::Filler : kindOf(row.kind), quint8(s), r,
                        {-1, -1}, 0};
                    entry.number[s] = line.number;
                    append(layout.panes[s], line.isFiller() ? QString() : line.text, entry);
                }
            }
        }
    } else {
        DiffPaneContent& pane = layout.panes[0];
        pane.text.reserve(estimateSize(diff, 0) + estimateSize(diff, 1) / 8);
        // A change block prints its removed lines, then its added ones.
        QList<int> removed;
        QList<int> added;
        const auto flush = [&] {
            for (int r : removed) {
                const engine::DiffLine& line = diff.rows.at(r).side[0];
                if (layout.rowBlock[r] < 0)
                    layout.rowBlock[r] = int(pane.lines.size());
                append(pane, line.text, {DiffPaneLine::Removed, 0, r, {line.number, -1}, 0});
            }
            for (int r : added) {
                const engine::DiffLine& line = diff.rows.at(r).side[1];
                if (layout.rowBlock[r] < 0)
                    layout.rowBlock[r] = int(pane.lines.size());
                append(pane, line.text, {DiffPaneLine::Added, 1, r, {-1, line.number}, 0});
            }
            removed.clear();
            added.clear();
        };
        for (int i = 0; i < segments.size(); ++i) {
            const engine::DiffSegment& segment = segments.at(i);
            if (segment.folded && !expanded.contains(i)) {
                flush();
                append(pane, foldText(segment.rowCount), {DiffPaneLine::Fold, 0, i, {-1, -1}, segment.rowCount});
                continue;
            }
            for (int r = segment.firstRow; r < segment.firstRow + segment.rowCount; ++r) {
                const DiffRow& row = diff.rows.at(r);
                if (row.kind == DiffRow::Equal) {
                    flush();
                    layout.rowBlock[r] = int(pane.lines.size());
                    append(pane, row.side[1].text,
                        {DiffPaneLine::Equal, 1, r, {row.side[0].number, row.side[1].number}, 0});
                    continue;
                }
                if (!row.side[0].isFiller())
                    removed << r;
                if (!row.side[1].isFiller())
                    added << r;
            }
        }
        flush();
    }

    layout.changeBlock.reserve(diff.changeStarts.size());
    for (int start : diff.changeStarts)
        layout.changeBlock << (start >= 0 && start < layout.rowBlock.size() ? layout.rowBlock.at(start) : -1);
    return layout;
}

} // namespace driftline::gui
