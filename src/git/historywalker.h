// The commits that changed a set of paths, found the way `git log -- <paths>`
// finds them but without diffing whole trees: each commit's entry ids for the
// paths are compared with its parents'. Merges are simplified by TREESAME (a
// merge that equals one parent for the paths is hidden and only that parent is
// followed), and renames of a single file are followed into older commits.
#pragma once

#include "core/error.h"
#include "git/repository.h"

#include <QByteArray>
#include <QList>
#include <QVarLengthArray>
#include <cstring>
#include <git2.h>
#include <unordered_map>

namespace driftline::git::detail
{

class HistoryWalker
{
public:
    HistoryWalker(git_repository* repo, const QStringList& paths);

    Result<QList<CommitInfo>> run(const git_oid& from, int maxCount);

private:
    // What the walk knows about a commit it has reached through a child.
    struct Node {
        QVarLengthArray<git_oid, 4> ids; // entry id per path, all-zero when absent
        QByteArray renamedPath; // rename mode: the file's name in this commit
        bool computed = false;
        bool interesting = false; // on the simplified history: to be examined
    };
    struct OidHash {
        size_t operator()(const git_oid& oid) const noexcept
        {
            size_t h;
            std::memcpy(&h, oid.id, sizeof h); // object ids are uniformly distributed already
            return h;
        }
    };
    struct OidEqual {
        bool operator()(const git_oid& a, const git_oid& b) const noexcept { return git_oid_equal(&a, &b); }
    };

    Result<QList<CommitInfo>> allCommits(git_revwalk* walk, int maxCount);
    // Fills node.ids for `commit`'s tree with the node's path(s).
    int computeIds(const git_commit* commit, Node& node);
    int renameSource(
        const git_commit* parent, const git_commit* commit, const QByteArray& path, QByteArray* oldPath);

    git_repository* m_repo;
    QList<QByteArray> m_paths;
    bool m_renameMode = false;
    std::unordered_map<git_oid, Node, OidHash, OidEqual> m_nodes;
};

} // namespace driftline::git::detail
