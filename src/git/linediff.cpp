#include "git/linediff.h"

#include "git/gitsupport.h"
#include "git/repository.h"

#include <QCoreApplication>
#include <git2.h>

using namespace Qt::StringLiterals;

namespace driftline::git {

namespace {

// libgit2 reports a missing final newline as a change of its own ("\ No newline
// at end of file"); the panel does not show that, so both texts are closed.
QByteArray closed(const QByteArray& text)
{
    if (text.isEmpty() || text.endsWith('\n'))
        return text;
    QByteArray copy;
    copy.reserve(text.size() + 1);
    copy.append(text);
    copy.append('\n');
    return copy;
}

// Hunk starts are 1-based, except that an empty side names the line after which
// the other side's lines go: that is already the 0-based insertion point.
int zeroBased(int start, int count)
{
    return count == 0 ? start : start - 1;
}

int collectHunk(const git_diff_delta*, const git_diff_hunk* hunk, void* payload)
{
    auto* hunks = static_cast<QList<LineHunk>*>(payload);
    hunks->append(LineHunk {zeroBased(hunk->old_start, hunk->old_lines), hunk->old_lines,
                            zeroBased(hunk->new_start, hunk->new_lines), hunk->new_lines});
    return 0;
}

} // namespace

Result<QList<LineHunk>> LineDiff::hunks(const QByteArray& oldText, const QByteArray& newText)
{
    GitLibrary::ensureInitialized();
    const QByteArray oldClosed = closed(oldText);
    const QByteArray newClosed = closed(newText);

    git_diff_options options = GIT_DIFF_OPTIONS_INIT;
    // Patience keeps YAML blocks together; forced text so a NUL byte in a value
    // does not turn the whole object into "binary files differ".
    options.flags = GIT_DIFF_PATIENCE | GIT_DIFF_FORCE_TEXT;
    options.context_lines = 0;
    options.interhunk_lines = 0;

    QList<LineHunk> result;
    const int rc = git_diff_buffers(oldClosed.constData(), size_t(oldClosed.size()), nullptr,
                                    newClosed.constData(), size_t(newClosed.size()), nullptr, &options,
                                    nullptr, nullptr, &collectHunk, nullptr, &result);
    if (rc < 0)
        return fail(detail::gitError(rc, QCoreApplication::translate("driftline::git::LineDiff",
                                                                     "cannot compare two texts")));
    return result;
}

} // namespace driftline::git
