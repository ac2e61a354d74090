// TextDiff: a GUI-free, side-by-side model of the difference between two texts,
// as Qt Creator's DiffEditor keeps it: rows of one line per side, filler lines
// where a side has nothing, so both panes have the same number of rows and
// scrolling one scrolls the other by the same amount. Lines are matched by
// git::LineDiff; changed line pairs carry intra-line highlights, found by running
// the same line diff on their tokens (one token per line). Pure; runs on a
// worker thread; cancellable between steps.
#pragma once

#include "core/error.h"

#include <QList>
#include <QPair>
#include <QString>

#include <array>
#include <functional>

namespace driftline::engine {

enum DiffSide { LeftSide = 0, RightSide = 1 };

struct DiffLine {
    int number = -1; // 0-based line of that side's text; -1: a filler row on this side
    QString text;    // without the newline
    // Intra-line changes: (start, length) in `text`, sorted, not overlapping.
    QList<QPair<int, int>> highlights;
    bool isFiller() const { return number < 0; }
};

struct DiffRow {
    enum Kind {
        Equal,   // the same line on both sides
        Changed, // a left line replaced by a right line (intra-line highlights on both)
        Removed, // a left line only; the right side is a filler
        Added,   // a right line only; the left side is a filler
    };
    Kind kind = Equal;
    std::array<DiffLine, 2> side;
};

// A run of rows the view shows or folds.
struct DiffSegment {
    int firstRow = 0;
    int rowCount = 0;
    bool folded = false; // unchanged rows hidden behind "N unchanged lines"
};

struct TextDiffResult {
    QList<DiffRow> rows;
    QList<int> changeStarts;        // first row of each block of consecutive non-Equal rows, ascending
    std::array<int, 2> lineCount {}; // lines of each side
    // Per side, the row of each line, filled by TextDiff::compute so rowOfLine is
    // O(1); a result assembled without it falls back to a scan.
    std::array<QList<int>, 2> rowIndex;

    bool identical() const { return changeStarts.isEmpty(); }
    // The rows as the view lays them out: unchanged runs farther than `context`
    // rows from any change are folded (a fold hides at least 2 rows, never 1).
    QList<DiffSegment> segments(int context) const;
    // The row that holds `line` (0-based) of `side`, or -1.
    int rowOfLine(DiffSide side, int line) const;
    // The index in changeStarts of the change block holding `row`, or of the next
    // one after it (-1 when none): what "next change" moves to.
    int changeAtOrAfter(int row) const;
    // A unified diff ("--- left", "+++ right", "@@ -a,b +c,d @@" hunks, ' ', '-', '+' lines).
    QString unified(const QString& leftLabel, const QString& rightLabel, int context = 3) const;
};

class TextDiff
{
public:
    struct Options {
        bool intraLine = true;
        std::function<bool()> isCanceled; // polled between steps; may be empty
    };
    // Error::Code::Cancelled when cancelled. Thread-safe.
    static Result<TextDiffResult> compute(const QString& left, const QString& right, const Options& options);
    static Result<TextDiffResult> compute(const QString& left, const QString& right)
    {
        return compute(left, right, Options {});
    }
};

} // namespace driftline::engine
