// A Git repository through libgit2. The only place that sees git_* types.
// A Repository is used by one thread at a time: each worker opens its own
// (opening is cheap). git_libgit2_init is called once by GitLibrary.
#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

struct git_repository;

namespace driftline::git {

// Calls git_libgit2_init once for the process and shuts libgit2 down at exit.
class GitLibrary
{
public:
    static void ensureInitialized();
};

struct Signature {
    QString name;
    QString email;
    QDateTime time; // invalid: now
};

struct CommitInfo {
    QString id;      // full hex object id
    QString shortId; // first 8 hex digits
    QString author;
    QString authorEmail;
    QDateTime time;  // author time, with its offset
    QString summary; // first line of the message
    QString message;
    QStringList parents;
};

struct TreeEntry {
    enum class Type { Blob, Tree, Symlink, Submodule };
    QString path; // relative to the repository root, '/'-separated
    QString id;   // hex object id
    Type type = Type::Blob;
    bool executable = false;
};

struct BranchInfo {
    QString name;     // "main" or "origin/main"
    bool remote = false;
    bool isHead = false;
    QString targetId; // commit id
    QString upstream; // "origin/main" for a local branch tracking one, else empty
};

// Progress of a transfer (clone, fetch): objects received of total, plus a phase text.
struct TransferProgress {
    quint64 receivedObjects = 0;
    quint64 totalObjects = 0;
    quint64 receivedBytes = 0;
    quint64 indexedDeltas = 0;
    quint64 totalDeltas = 0;
    QString phase;
};
// Return false to cancel the transfer.
using ProgressCallback = std::function<bool(const TransferProgress&)>;

class Repository
{
public:
    Repository(Repository&&) noexcept;
    Repository& operator=(Repository&&) noexcept;
    ~Repository();

    // Opens the repository containing `path` (a working tree, a .git folder or a bare repository).
    static Result<Repository> open(const QString& path);
    // Creates a new repository (with an initial branch named `initialBranch`).
    static Result<Repository> init(const QString& path, bool bare = false,
                                   const QString& initialBranch = QStringLiteral("main"));
    // Clones `url` (file://, a local path, https, ssh where libgit2 supports it) into `destination`.
    static Result<Repository> clone(const QString& url, const QString& destination,
                                    const ProgressCallback& progress = {}, const QString& branch = {});

    QString workdir() const; // empty for a bare repository; ends without '/'
    QString gitDir() const;
    bool isBare() const;

    // Fetches `remote` (default origin) and updates its remote-tracking branches.
    Result<void> fetch(const QString& remote = QStringLiteral("origin"), const ProgressCallback& progress = {});

    // The current branch's short name, or empty when HEAD is detached or unborn.
    QString currentBranch() const;
    Result<QList<BranchInfo>> branches() const;

    // Any revision git understands ("HEAD", "main", "origin/main", "v1.2", "a1b2c3d", "HEAD~2") to a commit id.
    Result<QString> resolve(const QString& revision) const;
    Result<CommitInfo> commit(const QString& revision) const;

    // Tree id of `path` ("" for the root) at `commitId`; NotFound when the path is absent.
    Result<QString> treeId(const QString& commitId, const QString& path = {}) const;
    // Entries under `path` at `commitId`; recursive lists every blob below, not the trees.
    Result<QList<TreeEntry>> listTree(const QString& commitId, const QString& path = {}, bool recursive = false) const;
    // File contents at a revision, without touching the working tree.
    Result<QByteArray> readFile(const QString& commitId, const QString& path) const;
    Result<QByteArray> readBlob(const QString& blobId) const;
    Result<qint64> blobSize(const QString& blobId) const;

    // Commits reachable from `from` that changed anything under one of `paths`
    // (all commits when empty), newest first; follows renames of single files.
    Result<QList<CommitInfo>> history(const QStringList& paths, const QString& from = QStringLiteral("HEAD"),
                                      int maxCount = -1) const;

    // Paths under `paths` whose working-tree or index contents differ from HEAD.
    Result<QStringList> uncommittedChanges(const QStringList& paths = {}) const;

    // Stages everything in the working tree (adds, changes, deletions) and commits it on HEAD.
    Result<QString> commitAll(const QString& message, const Signature& author);
    // Commits the working-tree contents of exactly `paths` (relative to the working
    // tree, or absolute inside it; a path gone from the working tree is deleted) on
    // top of HEAD, on the current branch. Every other change stays as it was:
    // unstaged edits unstaged, staged ones staged. The index entries of `paths`
    // are updated to what was committed. Refused on a bare repository, a detached
    // HEAD, or while a merge, rebase or similar is in progress. Returns the commit id.
    Result<QString> commitFiles(const QStringList& paths, const QString& message, const Signature& author);
    // A new commit on the current branch whose tree is HEAD's except under each
    // of `paths` (files or folders, repository-relative; "" is the whole tree),
    // where it is `revision`'s: what a revision held there comes back, what it
    // did not hold is removed. Refused, naming the files, when any of `paths`
    // has uncommitted (staged, unstaged or untracked) changes; refused when HEAD
    // already matches `revision` there. The index and working-tree files of
    // those paths are updated, so `git status` stays clean. Returns the commit id.
    Result<QString> restorePaths(const QString& revision, const QStringList& paths, const QString& message,
                                 const Signature& author);
    // One new commit on the current branch undoing `commitIds` (applied newest
    // first, as `git revert --no-commit` of each). A conflict is refused naming
    // the files, and nothing is written; so are uncommitted changes in the
    // files the revert touches. Index and working tree follow as for restorePaths.
    Result<QString> revertCommits(const QStringList& commitIds, const QString& message, const Signature& author);
    // Pushes refs/heads/<branch> (empty: the current branch) to the same name on
    // `remote`, with the credentials fetch and clone use. A rejected push (the
    // remote has commits the local branch lacks) says to fetch first.
    Result<void> push(const QString& remote = QStringLiteral("origin"), const QString& branch = {},
                      const ProgressCallback& progress = {});
    // The identity from git config (user.name, user.email), or a fallback.
    Signature defaultSignature() const;

private:
    explicit Repository(git_repository* repo);
    struct Deleter {
        void operator()(git_repository* r) const;
    };
    std::unique_ptr<git_repository, Deleter> m_repo;
};

} // namespace driftline::git
