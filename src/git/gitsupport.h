// Helpers shared by the libgit2 wrappers: error conversion and object ids.
#pragma once

#include "core/error.h"
#include "git/repository.h"

#include <QString>
#include <git2.h>

namespace driftline::git::detail
{

// A failed libgit2 call as an Error: `what` says what was attempted, libgit2's
// message follows. Must be called right after the failing call, because the
// message lives in thread-local state that the next call overwrites.
Error gitError(int rc, const QString& what);

QString oidToString(const git_oid& oid);
// Parses a full hex object id; false when `text` is not one.
bool oidFromString(const QString& text, git_oid* out);

// The fields of a commit as the public API shows them.
CommitInfo commitInfo(const git_commit* commit);

// A URL fit for messages: without a password or token in its user info.
QString redactedUrl(const QString& url);

} // namespace driftline::git::detail
