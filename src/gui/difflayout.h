// DiffLayout: how a TextDiffResult becomes the text of the diff panel's panes,
// one block per line: in side-by-side mode two documents with the same number of
// blocks (filler lines where a side has nothing, a fold line where unchanged rows
// are hidden), in unified mode one document (equal lines once, then the removed
// and the added lines of each change block). Pure and cheap: built on a worker
// for a new diff and on the UI thread when a fold opens or the mode changes.
#pragma once

#include "engine/textdiff.h"

#include <QList>
#include <QSet>
#include <QString>

#include <array>

namespace driftline::gui {

struct DiffPaneLine {
    enum Kind : quint8 { Equal, Changed, Removed, Added, Filler, Fold };
    Kind kind = Equal;
    quint8 side = 0;                // whose text the line shows (engine::DiffSide)
    int row = -1;                   // the diff row; for a Fold line the segment index
    std::array<int, 2> number {-1, -1}; // 0-based line of each side shown in the gutter, -1: none
    int foldCount = 0;              // rows a Fold line hides
};

struct DiffPaneContent {
    QString text; // the lines joined by '\n', no trailing newline
    QList<DiffPaneLine> lines;
};

struct DiffLayout {
    enum class Mode { SideBySide, Unified };

    Mode mode = Mode::SideBySide;
    std::array<DiffPaneContent, 2> panes; // unified: panes[0] only
    QList<int> rowBlock;    // per diff row, the first block showing it; -1 while folded
    QList<int> changeBlock; // per TextDiffResult::changeStarts entry, its first block

    // `expanded`: indices (into diff.segments(context)) of folds the user opened.
    // `oneSided`: only the left text exists (the right side is unavailable): no
    // diff colours and no folds.
    static DiffLayout build(const engine::TextDiffResult& diff, Mode mode, const QSet<int>& expanded,
        int context = 3, bool oneSided = false);
    // "⋯ 42 unchanged lines"
    static QString foldText(int count);
};

} // namespace driftline::gui
