// Line matching between two texts with libgit2's own diff (git_diff_buffers),
// so no line-diff algorithm is written by hand. libgit2 exposes Myers, minimal
// and patience, not histogram (git's histogram is patience's refinement): we
// ask for patience, which matches unique lines the way histogram does and keeps
// YAML blocks together. Used for the YAML diff panel's rows and, on token
// lists, for its intra-line highlights.
#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QList>

namespace driftline::git {

// One changed region, without context: lines [oldStart, oldStart + oldCount) of
// the old text are replaced by [newStart, newStart + newCount) of the new one.
// Line numbers are 0-based; a count may be 0 (pure insertion or deletion), and
// then its start is where the lines would go.
struct LineHunk {
    int oldStart = 0;
    int oldCount = 0;
    int newStart = 0;
    int newCount = 0;
    friend bool operator==(const LineHunk&, const LineHunk&) = default;
};

class LineDiff
{
public:
    // Lines end at '\n'; a missing final newline is not a difference. Thread-safe.
    static Result<QList<LineHunk>> hunks(const QByteArray& oldText, const QByteArray& newText);
};

} // namespace driftline::git
