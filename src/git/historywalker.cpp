#include "git/historywalker.h"

#include "git/githandles.h"
#include "git/gitsupport.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace driftline::git::detail
{

namespace
{
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(driftline::git::Repository)
};

bool sameIds(const QVarLengthArray<git_oid, 4>& a, const QVarLengthArray<git_oid, 4>& b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (!git_oid_equal(&a[i], &b[i]))
            return false;
    }
    return true;
}

bool anyPresent(const QVarLengthArray<git_oid, 4>& ids)
{
    for (const git_oid& id : ids) {
        if (!git_oid_is_zero(&id))
            return true;
    }
    return false;
}

// The id of `path` in `root` ("" is the root itself); a zero id when absent.
int entryId(git_tree* root, const QByteArray& path, git_oid* out)
{
    if (path.isEmpty()) {
        git_oid_cpy(out, git_tree_id(root));
        return 0;
    }
    git_tree_entry* raw = nullptr;
    const int rc = git_tree_entry_bypath(&raw, root, path.constData());
    if (rc == GIT_ENOTFOUND) {
        std::memset(out, 0, sizeof *out);
        return 0;
    }
    if (rc < 0)
        return rc;
    const TreeEntryPtr entry(raw);
    git_oid_cpy(out, git_tree_entry_id(entry.get()));
    return 0;
}
} // namespace

HistoryWalker::HistoryWalker(git_repository* repo, const QStringList& paths)
    : m_repo(repo)
{
    m_paths.reserve(paths.size());
    for (const QString& p : paths)
        m_paths.append(p.toUtf8());
}

Result<QList<CommitInfo>> HistoryWalker::run(const git_oid& from, int maxCount)
{
    git_revwalk* rawWalk = nullptr;
    if (const int rc = git_revwalk_new(&rawWalk, m_repo); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot walk the history")));
    const RevwalkPtr walk(rawWalk);
    if (const int rc = git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot walk the history")));
    if (const int rc = git_revwalk_push(walk.get(), &from); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot walk the history from %1").arg(oidToString(from))));

    if (maxCount == 0)
        return QList<CommitInfo> {};
    if (m_paths.isEmpty())
        return allCommits(walk.get(), maxCount);

    git_commit* rawStart = nullptr;
    if (const int rc = git_commit_lookup(&rawStart, m_repo, &from); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot read commit %1").arg(oidToString(from))));
    const CommitPtr start(rawStart);

    // Renames are followed only for one file, as `git log --follow` does: with a folder
    // or several paths there is no single old name to continue with.
    Node& first = m_nodes[from];
    first.interesting = true;
    if (m_paths.size() == 1 && !m_paths.first().isEmpty()) {
        git_tree* rawTree = nullptr;
        if (const int rc = git_commit_tree(&rawTree, start.get()); rc < 0)
            return fail(gitError(rc, Tr::tr("cannot read the tree of %1").arg(oidToString(from))));
        const TreePtr tree(rawTree);
        git_tree_entry* rawEntry = nullptr;
        const int rc = git_tree_entry_bypath(&rawEntry, tree.get(), m_paths.first().constData());
        if (rc == 0) {
            const TreeEntryPtr entry(rawEntry);
            m_renameMode = git_tree_entry_type(entry.get()) == GIT_OBJECT_BLOB;
        } else if (rc != GIT_ENOTFOUND) {
            return fail(gitError(rc,
                Tr::tr("cannot read '%1' at %2").arg(QString::fromUtf8(m_paths.first()), oidToString(from))));
        }
        if (m_renameMode)
            first.renamedPath = m_paths.first();
    }

    QList<CommitInfo> result;
    git_oid oid;
    int rc = 0;
    while ((rc = git_revwalk_next(&oid, walk.get())) == 0) {
        const auto it = m_nodes.find(oid);
        if (it == m_nodes.end())
            continue; // reached only through a parent that simplification dropped
        // Topological order: every child has been seen, nothing refers to this node any more.
        Node node = std::move(it->second);
        m_nodes.erase(it);
        if (!node.interesting)
            continue;

        git_commit* rawCommit = nullptr;
        if (const int lrc = git_commit_lookup(&rawCommit, m_repo, &oid); lrc < 0)
            return fail(gitError(lrc, Tr::tr("cannot read commit %1").arg(oidToString(oid))));
        const CommitPtr commit(rawCommit);
        if (!node.computed) {
            if (const int crc = computeIds(commit.get(), node); crc < 0)
                return fail(gitError(crc, Tr::tr("cannot read the tree of %1").arg(oidToString(oid))));
        }

        const unsigned int parentCount = git_commit_parentcount(commit.get());
        bool changed = false;
        if (parentCount == 0) {
            changed = anyPresent(node.ids);
        } else {
            int sameAs = -1;
            for (unsigned int i = 0; i < parentCount && sameAs < 0; ++i) {
                const git_oid* parentId = git_commit_parent_id(commit.get(), i);
                Node& parent = m_nodes[*parentId];
                if (parent.computed && parent.renamedPath == node.renamedPath) {
                    if (sameIds(parent.ids, node.ids))
                        sameAs = int(i);
                    continue;
                }
                git_commit* rawParent = nullptr;
                if (const int prc = git_commit_parent(&rawParent, commit.get(), i); prc < 0)
                    return fail(gitError(prc, Tr::tr("cannot read the parents of %1").arg(oidToString(oid))));
                const CommitPtr parentCommit(rawParent);
                Node probe;
                probe.renamedPath = node.renamedPath;
                if (git_oid_equal(git_commit_tree_id(parentCommit.get()), git_commit_tree_id(commit.get()))) {
                    probe.ids = node.ids; // the same tree: no need to look inside
                    probe.computed = true;
                } else if (const int crc = computeIds(parentCommit.get(), probe); crc < 0) {
                    return fail(
                        gitError(crc, Tr::tr("cannot read the tree of %1").arg(oidToString(*parentId))));
                }
                const bool same = sameIds(probe.ids, node.ids);
                if (!parent.computed) {
                    // Keep what we learnt for when the walk reaches the parent itself.
                    parent.ids = std::move(probe.ids);
                    parent.renamedPath = std::move(probe.renamedPath);
                    parent.computed = true;
                }
                if (same)
                    sameAs = int(i);
            }

            if (sameAs >= 0) {
                // TREESAME to that parent: the change (if any) came from there, follow only it.
                m_nodes[*git_commit_parent_id(commit.get(), unsigned(sameAs))].interesting = true;
            } else {
                changed = true;
                const bool appeared = m_renameMode && anyPresent(node.ids);
                for (unsigned int i = 0; i < parentCount; ++i) {
                    Node& parent = m_nodes[*git_commit_parent_id(commit.get(), i)];
                    parent.interesting = true;
                    if (!appeared || anyPresent(parent.ids) || parent.renamedPath != node.renamedPath)
                        continue;
                    // The file appears here: if it was renamed, older commits know it by its old name.
                    git_commit* rawParent = nullptr;
                    if (const int prc = git_commit_parent(&rawParent, commit.get(), i); prc < 0)
                        return fail(
                            gitError(prc, Tr::tr("cannot read the parents of %1").arg(oidToString(oid))));
                    const CommitPtr parentCommit(rawParent);
                    QByteArray oldPath;
                    if (const int rrc
                        = renameSource(parentCommit.get(), commit.get(), node.renamedPath, &oldPath);
                        rrc < 0)
                        return fail(
                            gitError(rrc, Tr::tr("cannot look for renames in %1").arg(oidToString(oid))));
                    if (!oldPath.isEmpty()) {
                        parent.renamedPath = oldPath;
                        if (const int crc = computeIds(parentCommit.get(), parent); crc < 0)
                            return fail(gitError(crc,
                                Tr::tr("cannot read the tree of %1")
                                    .arg(oidToString(*git_commit_parent_id(commit.get(), i)))));
                    }
                }
            }
        }

        if (changed) {
            result.append(commitInfo(commit.get()));
            if (maxCount > 0 && result.size() >= maxCount)
                break;
        }
    }
    if (rc < 0 && rc != GIT_ITEROVER)
        return fail(gitError(rc, Tr::tr("cannot walk the history")));
    return result;
}

Result<QList<CommitInfo>> HistoryWalker::allCommits(git_revwalk* walk, int maxCount)
{
    QList<CommitInfo> result;
    git_oid oid;
    int rc = 0;
    while ((maxCount < 0 || result.size() < maxCount) && (rc = git_revwalk_next(&oid, walk)) == 0) {
        git_commit* raw = nullptr;
        if (const int lrc = git_commit_lookup(&raw, m_repo, &oid); lrc < 0)
            return fail(gitError(lrc, Tr::tr("cannot read commit %1").arg(oidToString(oid))));
        const CommitPtr commit(raw);
        result.append(commitInfo(commit.get()));
    }
    if (rc < 0 && rc != GIT_ITEROVER)
        return fail(gitError(rc, Tr::tr("cannot walk the history")));
    return result;
}

int HistoryWalker::computeIds(const git_commit* commit, Node& node)
{
    git_tree* rawTree = nullptr;
    if (const int rc = git_commit_tree(&rawTree, commit); rc < 0)
        return rc;
    const TreePtr tree(rawTree);
    if (m_renameMode) {
        node.ids.resize(1);
        if (const int rc = entryId(tree.get(), node.renamedPath, &node.ids[0]); rc < 0)
            return rc;
    } else {
        node.ids.resize(m_paths.size());
        for (qsizetype i = 0; i < m_paths.size(); ++i) {
            if (const int rc = entryId(tree.get(), m_paths[i], &node.ids[i]); rc < 0)
                return rc;
        }
    }
    node.computed = true;
    return 0;
}

int HistoryWalker::renameSource(
    const git_commit* parent, const git_commit* commit, const QByteArray& path, QByteArray* oldPath)
{
    git_tree* rawOld = nullptr;
    if (const int rc = git_commit_tree(&rawOld, parent); rc < 0)
        return rc;
    const TreePtr oldTree(rawOld);
    git_tree* rawNew = nullptr;
    if (const int rc = git_commit_tree(&rawNew, commit); rc < 0)
        return rc;
    const TreePtr newTree(rawNew);

    git_diff* rawDiff = nullptr;
    if (const int rc = git_diff_tree_to_tree(&rawDiff, m_repo, oldTree.get(), newTree.get(), nullptr); rc < 0)
        return rc;
    const DiffPtr diff(rawDiff);
    git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
    find.flags = GIT_DIFF_FIND_RENAMES;
    if (const int rc = git_diff_find_similar(diff.get(), &find); rc < 0)
        return rc;
    const size_t count = git_diff_num_deltas(diff.get());
    for (size_t i = 0; i < count; ++i) {
        const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
        if (delta->status == GIT_DELTA_RENAMED && path == delta->new_file.path) {
            *oldPath = QByteArray(delta->old_file.path);
            break;
        }
    }
    return 0;
}

} // namespace driftline::git::detail
