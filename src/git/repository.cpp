#include "git/repository.h"

#include "git/githandles.h"
#include "git/gitsupport.h"
#include "git/historywalker.h"
#include "git/transfercallbacks.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <algorithm>
#include <cstdlib>
#include <git2.h>
#include <mutex>
#include <vector>

using namespace Qt::StringLiterals;

namespace driftline::git
{

using namespace detail;

namespace
{
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(driftline::git::Repository)
};

QString withoutTrailingSlash(const char* path)
{
    QString p = QString::fromUtf8(path);
    while (p.size() > 1 && p.endsWith(u'/'))
        p.chop(1);
    return p;
}

// Repository paths as libgit2 wants them: '/'-separated, no leading or trailing slash, "" for the root.
QByteArray treePath(const QString& path)
{
    QString p = QDir::fromNativeSeparators(path);
    while (p.startsWith(u"./"_s))
        p.remove(0, 2);
    while (p.startsWith(u'/'))
        p.remove(0, 1);
    while (p.endsWith(u'/'))
        p.chop(1);
    if (p == u"."_s)
        p.clear();
    return p.toUtf8();
}

SignaturePtr makeSignature(const Signature& s, int* rc)
{
    git_signature* raw = nullptr;
    const QByteArray name = s.name.toUtf8();
    const QByteArray email = s.email.toUtf8();
    if (s.time.isValid())
        *rc = git_signature_new(&raw, name.constData(), email.constData(), s.time.toSecsSinceEpoch(),
            s.time.offsetFromUtc() / 60);
    else
        *rc = git_signature_now(&raw, name.constData(), email.constData());
    return SignaturePtr(raw);
}

// Removes what a failed clone left behind: the folder itself when the clone created it,
// otherwise only its contents.
void removeClone(const QString& destination, bool existedBefore)
{
    QDir dir(destination);
    if (!existedBefore) {
        dir.removeRecursively();
        return;
    }
    const QFileInfoList entries
        = dir.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QFileInfo& fi : entries) {
        if (fi.isDir() && !fi.isSymLink())
            QDir(fi.absoluteFilePath()).removeRecursively();
        else
            QFile::remove(fi.absoluteFilePath());
    }
}
} // namespace

// ---- GitLibrary

void GitLibrary::ensureInitialized()
{
    static std::once_flag once;
    std::call_once(once, [] {
        git_libgit2_init();
        std::atexit([] { git_libgit2_shutdown(); });
    });
}

// ---- Repository: lifetime

void Repository::Deleter::operator()(git_repository* r) const
{
    git_repository_free(r);
}

Repository::Repository(git_repository* repo)
    : m_repo(repo)
{
}

Repository::Repository(Repository&&) noexcept = default;
Repository& Repository::operator=(Repository&&) noexcept = default;
Repository::~Repository() = default;

Result<Repository> Repository::open(const QString& path)
{
    GitLibrary::ensureInitialized();
    git_repository* raw = nullptr;
    const QByteArray native = QFile::encodeName(path);
    if (const int rc = git_repository_open_ext(&raw, native.constData(), 0, nullptr); rc < 0) {
        if (rc == GIT_ENOTFOUND)
            return fail(
                Error::make(Error::Code::NotFound, Tr::tr("no git repository at %1").arg(path)).at(path));
        return fail(gitError(rc, Tr::tr("cannot open the git repository at %1").arg(path)).at(path));
    }
    return Repository(raw);
}

Result<Repository> Repository::init(const QString& path, bool bare, const QString& initialBranch)
{
    GitLibrary::ensureInitialized();
    git_repository_init_options options = GIT_REPOSITORY_INIT_OPTIONS_INIT;
    options.flags = GIT_REPOSITORY_INIT_MKPATH;
    if (bare)
        options.flags |= GIT_REPOSITORY_INIT_BARE;
    const QByteArray head = initialBranch.toUtf8();
    if (!initialBranch.isEmpty())
        options.initial_head = head.constData();
    git_repository* raw = nullptr;
    const QByteArray native = QFile::encodeName(path);
    if (const int rc = git_repository_init_ext(&raw, native.constData(), &options); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot create a git repository at %1").arg(path)).at(path));
    return Repository(raw);
}

Result<Repository> Repository::clone(
    const QString& url, const QString& destination, const ProgressCallback& progress, const QString& branch)
{
    GitLibrary::ensureInitialized();
    const QString shownUrl = redactedUrl(url);
    const QFileInfo dest(destination);
    const bool existedBefore = dest.exists();
    if (existedBefore
        && (!dest.isDir()
            || !QDir(destination)
                    .isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot)))
        return fail(Error::make(Error::Code::InvalidInput,
            Tr::tr("cannot clone %1: %2 already exists and is not an empty folder")
                .arg(shownUrl, destination))
                        .at(destination));

    TransferCallbacks callbacks(progress, url);
    git_clone_options options = GIT_CLONE_OPTIONS_INIT;
    callbacks.install(&options.fetch_opts.callbacks);
    callbacks.installCheckout(&options.checkout_opts);
    const QByteArray branchName = branch.toUtf8();
    if (!branch.isEmpty())
        options.checkout_branch = branchName.constData();

    git_repository* raw = nullptr;
    const QByteArray nativeUrl = url.toUtf8();
    const QByteArray nativeDest = QFile::encodeName(destination);
    const int rc = git_clone(&raw, nativeUrl.constData(), nativeDest.constData(), &options);
    callbacks.settleCredential(rc == 0 && !callbacks.cancelled());
    RepositoryPtr repo(raw);
    if (rc < 0 || callbacks.cancelled()) {
        // Read libgit2's message before cleaning up: the file operations below may reset it.
        Error error = callbacks.cancelled() ? Error::make(Error::Code::Cancelled, Tr::tr("clone cancelled"))
                                            : gitError(rc, Tr::tr("cannot clone %1").arg(shownUrl));
        if (!callbacks.cancelled() && !callbacks.authFailure().isEmpty())
            error = Error::make(Error::Code::Git, callbacks.authFailure()).withDetail(error.message);
        repo.reset();
        removeClone(destination, existedBefore);
        return fail(std::move(error));
    }
    return Repository(repo.release());
}

// ---- Basic properties

QString Repository::workdir() const
{
    const char* dir = git_repository_workdir(m_repo.get());
    return dir ? withoutTrailingSlash(dir) : QString();
}

QString Repository::gitDir() const
{
    return withoutTrailingSlash(git_repository_path(m_repo.get()));
}

bool Repository::isBare() const
{
    return git_repository_is_bare(m_repo.get()) == 1;
}

// ---- Remotes

Result<void> Repository::fetch(const QString& remote, const ProgressCallback& progress)
{
    const QByteArray name = remote.toUtf8();
    git_remote* rawRemote = nullptr;
    if (const int rc = git_remote_lookup(&rawRemote, m_repo.get(), name.constData()); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot fetch: no remote named '%1'").arg(remote)));
    const RemotePtr handle(rawRemote);
    const char* rawUrl = git_remote_url(handle.get());
    const QString url = rawUrl ? QString::fromUtf8(rawUrl) : remote;

    TransferCallbacks callbacks(progress, url, workdir());
    git_fetch_options options = GIT_FETCH_OPTIONS_INIT;
    callbacks.install(&options.callbacks);
    const int rc = git_remote_fetch(handle.get(), nullptr, &options, nullptr);
    callbacks.settleCredential(rc == 0 && !callbacks.cancelled());
    if (callbacks.cancelled())
        return fail(Error::make(Error::Code::Cancelled, Tr::tr("fetch cancelled")));
    if (rc < 0) {
        Error error = gitError(rc, Tr::tr("cannot fetch %1 from %2").arg(remote, redactedUrl(url)));
        if (!callbacks.authFailure().isEmpty())
            error = Error::make(Error::Code::Git, callbacks.authFailure()).withDetail(error.message);
        return fail(std::move(error));
    }
    return {};
}

// ---- Branches and revisions

QString Repository::currentBranch() const
{
    git_reference* raw = nullptr;
    if (git_repository_head(&raw, m_repo.get()) < 0)
        return {}; // unborn or broken HEAD: no current branch to name
    const ReferencePtr head(raw);
    if (!git_reference_is_branch(head.get()))
        return {};
    const char* name = nullptr;
    if (git_branch_name(&name, head.get()) < 0)
        return {};
    return QString::fromUtf8(name);
}

Result<QList<BranchInfo>> Repository::branches() const
{
    git_branch_iterator* rawIt = nullptr;
    if (const int rc = git_branch_iterator_new(&rawIt, m_repo.get(), GIT_BRANCH_ALL); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot list branches")));
    const BranchIteratorPtr it(rawIt);

    QList<BranchInfo> result;
    git_reference* rawRef = nullptr;
    git_branch_t type;
    int rc = 0;
    while ((rc = git_branch_next(&rawRef, &type, it.get())) == 0) {
        const ReferencePtr ref(rawRef);
        // Symbolic remote refs (origin/HEAD) only alias another branch.
        if (git_reference_type(ref.get()) != GIT_REFERENCE_DIRECT)
            continue;
        BranchInfo info;
        const char* name = nullptr;
        if (const int nrc = git_branch_name(&name, ref.get()); nrc < 0)
            return fail(gitError(nrc,
                Tr::tr("cannot read the name of %1").arg(QString::fromUtf8(git_reference_name(ref.get())))));
        info.name = QString::fromUtf8(name);
        info.remote = type == GIT_BRANCH_REMOTE;
        info.isHead = git_branch_is_head(ref.get()) == 1;
        if (const git_oid* target = git_reference_target(ref.get()))
            info.targetId = oidToString(*target);
        if (!info.remote) {
            git_reference* rawUp = nullptr;
            const int urc = git_branch_upstream(&rawUp, ref.get());
            if (urc == 0) {
                const ReferencePtr up(rawUp);
                const char* upName = nullptr;
                if (const int unrc = git_branch_name(&upName, up.get()); unrc < 0)
                    return fail(gitError(unrc, Tr::tr("cannot read the upstream of %1").arg(info.name)));
                info.upstream = QString::fromUtf8(upName);
            } else if (urc != GIT_ENOTFOUND) {
                return fail(gitError(urc, Tr::tr("cannot read the upstream of %1").arg(info.name)));
            }
        }
        result.append(std::move(info));
    }
    if (rc != GIT_ITEROVER)
        return fail(gitError(rc, Tr::tr("cannot list branches")));
    return result;
}

namespace
{
QString repoName(git_repository* repo)
{
    const char* dir = git_repository_workdir(repo);
    return withoutTrailingSlash(dir ? dir : git_repository_path(repo));
}

// A revision (or a full commit id, fast path) to its commit.
Result<CommitPtr> lookupCommit(git_repository* repo, const QString& revision)
{
    git_oid oid;
    if (oidFromString(revision, &oid)) {
        git_commit* raw = nullptr;
        const int rc = git_commit_lookup(&raw, repo, &oid);
        if (rc == 0)
            return CommitPtr(raw);
        if (rc != GIT_ENOTFOUND && rc != GIT_EINVALID && rc != GIT_EAMBIGUOUS)
            return fail(gitError(rc, Tr::tr("cannot read commit %1").arg(revision)));
        // A 40-hex branch or tag name, or a tree id: let revparse explain it.
    }
    const QByteArray spec = revision.toUtf8();
    git_object* rawObject = nullptr;
    if (const int rc = git_revparse_single(&rawObject, repo, spec.constData()); rc < 0) {
        if (rc == GIT_ENOTFOUND)
            return fail(Error::make(Error::Code::NotFound,
                Tr::tr("revision '%1' not found in %2").arg(revision, repoName(repo))));
        return fail(gitError(rc, Tr::tr("cannot resolve revision '%1' in %2").arg(revision, repoName(repo))));
    }
    const ObjectPtr object(rawObject);
    git_object* rawPeeled = nullptr;
    if (const int rc = git_object_peel(&rawPeeled, object.get(), GIT_OBJECT_COMMIT); rc < 0)
        return fail(
            gitError(rc, Tr::tr("revision '%1' in %2 does not name a commit").arg(revision, repoName(repo))));
    return CommitPtr(reinterpret_cast<git_commit*>(rawPeeled));
}

// The tree at `path` ("" for the root) in `commit`.
Result<TreePtr> treeAt(git_repository* repo, git_commit* commit, const QByteArray& path)
{
    git_tree* rawRoot = nullptr;
    if (const int rc = git_commit_tree(&rawRoot, commit); rc < 0)
        return fail(
            gitError(rc, Tr::tr("cannot read the tree of %1").arg(oidToString(*git_commit_id(commit)))));
    TreePtr root(rawRoot);
    if (path.isEmpty())
        return root;
    git_tree_entry* rawEntry = nullptr;
    if (const int rc = git_tree_entry_bypath(&rawEntry, root.get(), path.constData()); rc < 0) {
        if (rc == GIT_ENOTFOUND)
            return fail(Error::make(Error::Code::NotFound,
                Tr::tr("'%1' not found at %2")
                    .arg(QString::fromUtf8(path), oidToString(*git_commit_id(commit))))
                            .at(QString::fromUtf8(path)));
        return fail(gitError(rc, Tr::tr("cannot read '%1'").arg(QString::fromUtf8(path)))
                        .at(QString::fromUtf8(path)));
    }
    const TreeEntryPtr entry(rawEntry);
    if (git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE)
        return fail(Error::make(
            Error::Code::InvalidInput, Tr::tr("'%1' is not a folder").arg(QString::fromUtf8(path)))
                        .at(QString::fromUtf8(path)));
    git_tree* rawTree = nullptr;
    if (const int rc = git_tree_lookup(&rawTree, repo, git_tree_entry_id(entry.get())); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot read '%1'").arg(QString::fromUtf8(path)))
                        .at(QString::fromUtf8(path)));
    return TreePtr(rawTree);
}

TreeEntry toEntry(const git_tree_entry* entry, const QString& path)
{
    TreeEntry e;
    e.path = path;
    e.id = oidToString(*git_tree_entry_id(entry));
    switch (git_tree_entry_filemode(entry)) {
    case GIT_FILEMODE_TREE:
        e.type = TreeEntry::Type::Tree;
        break;
    case GIT_FILEMODE_LINK:
        e.type = TreeEntry::Type::Symlink;
        break;
    case GIT_FILEMODE_COMMIT:
        e.type = TreeEntry::Type::Submodule;
        break;
    case GIT_FILEMODE_BLOB_EXECUTABLE:
        e.executable = true;
        e.type = TreeEntry::Type::Blob;
        break;
    default:
        e.type = TreeEntry::Type::Blob;
        break;
    }
    return e;
}

// The tree entry at `path` in a commit; NotFound when the path is absent.
Result<TreeEntryPtr> entryByPath(git_commit* commit, const QString& commitId, const QString& path,
                                 const QByteArray& encodedPath)
{
    git_tree* rawRoot = nullptr;
    if (const int rc = git_commit_tree(&rawRoot, commit); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot read the tree of %1").arg(commitId)));
    const TreePtr root(rawRoot);
    git_tree_entry* rawEntry = nullptr;
    if (const int rc = git_tree_entry_bypath(&rawEntry, root.get(), encodedPath.constData()); rc < 0) {
        if (rc == GIT_ENOTFOUND)
            return fail(Error::make(Error::Code::NotFound, Tr::tr("'%1' not found at %2").arg(path, commitId))
                            .at(path));
        return fail(gitError(rc, Tr::tr("cannot read '%1' at %2").arg(path, commitId)).at(path));
    }
    return TreeEntryPtr(rawEntry);
}
} // namespace

Result<QString> Repository::resolve(const QString& revision) const
{
    auto commit = lookupCommit(m_repo.get(), revision);
    if (!commit)
        return fail(std::move(commit.error()));
    return oidToString(*git_commit_id(commit->get()));
}

Result<CommitInfo> Repository::commit(const QString& revision) const
{
    auto commit = lookupCommit(m_repo.get(), revision);
    if (!commit)
        return fail(std::move(commit.error()));
    return commitInfo(commit->get());
}

// ---- Trees and blobs

Result<QString> Repository::treeId(const QString& commitId, const QString& path) const
{
    auto commit = lookupCommit(m_repo.get(), commitId);
    if (!commit)
        return fail(std::move(commit.error()));
    const QByteArray p = treePath(path);
    if (p.isEmpty())
        return oidToString(*git_commit_tree_id(commit->get()));
    auto found = entryByPath(commit->get(), commitId, path, p);
    if (!found)
        return fail(std::move(found.error()));
    const TreeEntryPtr entry = std::move(*found);
    return oidToString(*git_tree_entry_id(entry.get()));
}

namespace
{
struct WalkState {
    QList<TreeEntry>* out;
    QString prefix; // the listed folder plus '/', or empty for the root
};

int collectEntry(const char* root, const git_tree_entry* entry, void* payload)
{
    if (git_tree_entry_type(entry) == GIT_OBJECT_TREE)
        return 0; // recursive listings hold what is inside folders, not the folders
    auto* state = static_cast<WalkState*>(payload);
    const QString path
        = state->prefix + QString::fromUtf8(root) + QString::fromUtf8(git_tree_entry_name(entry));
    state->out->append(toEntry(entry, path));
    return 0;
}
} // namespace

Result<QList<TreeEntry>> Repository::listTree(
    const QString& commitId, const QString& path, bool recursive) const
{
    auto commit = lookupCommit(m_repo.get(), commitId);
    if (!commit)
        return fail(std::move(commit.error()));
    const QByteArray p = treePath(path);
    auto tree = treeAt(m_repo.get(), commit->get(), p);
    if (!tree)
        return fail(std::move(tree.error()));

    QList<TreeEntry> result;
    const QString prefix = p.isEmpty() ? QString() : QString::fromUtf8(p) + u'/';
    if (!recursive) {
        const size_t count = git_tree_entrycount(tree->get());
        result.reserve(qsizetype(count));
        for (size_t i = 0; i < count; ++i) {
            const git_tree_entry* entry = git_tree_entry_byindex(tree->get(), i);
            result.append(toEntry(entry, prefix + QString::fromUtf8(git_tree_entry_name(entry))));
        }
        return result;
    }
    WalkState state { &result, prefix };
    if (const int rc = git_tree_walk(tree->get(), GIT_TREEWALK_PRE, &collectEntry, &state); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot list '%1' at %2").arg(path, commitId)));
    return result;
}

Result<QByteArray> Repository::readFile(const QString& commitId, const QString& path) const
{
    auto commit = lookupCommit(m_repo.get(), commitId);
    if (!commit)
        return fail(std::move(commit.error()));
    const QByteArray p = treePath(path);
    if (p.isEmpty())
        return fail(Error::make(Error::Code::InvalidInput, Tr::tr("cannot read a file without a path")));
    auto found = entryByPath(commit->get(), commitId, path, p);
    if (!found)
        return fail(std::move(found.error()));
    const TreeEntryPtr entry = std::move(*found);
    if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB)
        return fail(
            Error::make(Error::Code::InvalidInput, Tr::tr("'%1' is not a file at %2").arg(path, commitId))
                .at(path));
    auto data = readBlob(oidToString(*git_tree_entry_id(entry.get())));
    if (!data)
        return fail(std::move(data.error()).at(path));
    return data;
}

Result<QByteArray> Repository::readBlob(const QString& blobId) const
{
    git_oid oid;
    if (!oidFromString(blobId, &oid))
        return fail(Error::make(Error::Code::InvalidInput, Tr::tr("'%1' is not an object id").arg(blobId)));
    git_blob* raw = nullptr;
    if (const int rc = git_blob_lookup(&raw, m_repo.get(), &oid); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot read blob %1").arg(blobId)));
    const BlobPtr blob(raw);
    const auto size = git_blob_rawsize(blob.get());
    return QByteArray(static_cast<const char*>(git_blob_rawcontent(blob.get())), qsizetype(size));
}

Result<qint64> Repository::blobSize(const QString& blobId) const
{
    git_oid oid;
    if (!oidFromString(blobId, &oid))
        return fail(Error::make(Error::Code::InvalidInput, Tr::tr("'%1' is not an object id").arg(blobId)));
    git_odb* rawOdb = nullptr;
    if (const int rc = git_repository_odb(&rawOdb, m_repo.get()); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot open the object database")));
    const OdbPtr odb(rawOdb);
    // The header alone: sizing a 60 MB blob must not inflate it.
    size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    if (const int rc = git_odb_read_header(&size, &type, odb.get(), &oid); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot read blob %1").arg(blobId)));
    if (type != GIT_OBJECT_BLOB)
        return fail(Error::make(Error::Code::InvalidInput, Tr::tr("%1 is not a blob").arg(blobId)));
    return qint64(size);
}

// ---- History

Result<QList<CommitInfo>> Repository::history(
    const QStringList& paths, const QString& from, int maxCount) const
{
    auto start = lookupCommit(m_repo.get(), from);
    if (!start)
        return fail(std::move(start.error()));
    QStringList normalized;
    normalized.reserve(paths.size());
    for (const QString& p : paths)
        normalized.append(QString::fromUtf8(treePath(p)));
    normalized.removeDuplicates();
    HistoryWalker walker(m_repo.get(), normalized);
    return walker.run(*git_commit_id(start->get()), maxCount);
}

// ---- Working tree

Result<QStringList> Repository::uncommittedChanges(const QStringList& paths) const
{
    if (isBare())
        return QStringList {};
    QList<QByteArray> specs;
    specs.reserve(paths.size());
    for (const QString& p : paths) {
        const QByteArray spec = treePath(p);
        if (spec.isEmpty()) { // the root covers everything
            specs.clear();
            break;
        }
        specs.append(spec);
    }
    QList<char*> specPointers;
    specPointers.reserve(specs.size());
    for (QByteArray& s : specs)
        specPointers.append(s.data());

    git_status_options options = GIT_STATUS_OPTIONS_INIT;
    options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS
        | GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
    options.pathspec.strings = specPointers.data();
    options.pathspec.count = size_t(specPointers.size());

    git_status_list* raw = nullptr;
    if (const int rc = git_status_list_new(&raw, m_repo.get(), &options); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot read the status of %1").arg(workdir())));
    const StatusListPtr list(raw);

    QStringList result;
    const size_t count = git_status_list_entrycount(list.get());
    for (size_t i = 0; i < count; ++i) {
        const git_status_entry* entry = git_status_byindex(list.get(), i);
        if (entry->status == GIT_STATUS_CURRENT || (entry->status & GIT_STATUS_IGNORED))
            continue;
        const git_diff_delta* delta
            = entry->index_to_workdir ? entry->index_to_workdir : entry->head_to_index;
        if (!delta)
            continue;
        const char* path = delta->new_file.path ? delta->new_file.path : delta->old_file.path;
        result.append(QString::fromUtf8(path));
        // A staged rename changes its old path too.
        if (entry->head_to_index && entry->head_to_index->old_file.path
            && qstrcmp(entry->head_to_index->old_file.path, path) != 0)
            result.append(QString::fromUtf8(entry->head_to_index->old_file.path));
    }
    result.removeDuplicates();
    result.sort();
    return result;
}

namespace
{
// What commitFiles, restorePaths and revertCommits require before writing a commit on HEAD.
Result<void> checkCanCommit(git_repository* repo, const QString& workdir, const QString& gitDir)
{
    if (git_repository_is_bare(repo) == 1)
        return fail(Error::make(
            Error::Code::Unsupported, Tr::tr("cannot commit in the bare repository %1").arg(gitDir)));
    if (git_repository_head_detached(repo) == 1)
        return fail(Error::make(Error::Code::Unsupported,
            Tr::tr("cannot commit in %1: HEAD is detached (not on a branch); check out a branch first")
                .arg(workdir)));
    if (git_repository_state(repo) != GIT_REPOSITORY_STATE_NONE)
        return fail(Error::make(Error::Code::Unsupported,
            Tr::tr("cannot commit in %1 while a merge, rebase, cherry-pick or revert is in progress")
                .arg(workdir)));
    return {};
}

// HEAD's commit; null on an unborn branch (a fresh repository has no commit yet).
Result<CommitPtr> headCommit(git_repository* repo, const QString& where)
{
    git_reference* rawHead = nullptr;
    const int headRc = git_repository_head(&rawHead, repo);
    if (headRc == GIT_EUNBORNBRANCH || headRc == GIT_ENOTFOUND)
        return CommitPtr();
    if (headRc < 0)
        return fail(gitError(headRc, Tr::tr("cannot read HEAD of %1").arg(where)));
    const ReferencePtr head(rawHead);
    git_object* rawObject = nullptr;
    if (const int rc = git_reference_peel(&rawObject, head.get(), GIT_OBJECT_COMMIT); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot read HEAD of %1").arg(where)));
    return CommitPtr(reinterpret_cast<git_commit*>(rawObject));
}

// Commits `treeOid` with `parent` (none: a root commit) as the author's and
// committer's work, and moves the current branch to it. Updating "HEAD" fails
// if the branch moved since `parent` was read, so a concurrent commit is never lost.
Result<QString> commitTree(git_repository* repo, const git_oid& treeOid, git_commit* parent,
    const QString& message, const Signature& author, const QString& where)
{
    git_tree* rawTree = nullptr;
    if (const int rc = git_tree_lookup(&rawTree, repo, &treeOid); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot read the new tree")));
    const TreePtr tree(rawTree);

    int src = 0;
    const SignaturePtr signature = makeSignature(author, &src);
    if (src < 0)
        return fail(gitError(src, Tr::tr("invalid author '%1 <%2>'").arg(author.name, author.email)));
    const QByteArray text = message.toUtf8();
    const git_commit* parents[] = { parent };
    git_oid commitOid;
    if (const int rc = git_commit_create(&commitOid, repo, "HEAD", signature.get(), signature.get(), nullptr,
            text.constData(), tree.get(), parent ? 1 : 0, parents);
        rc < 0)
        return fail(gitError(rc, Tr::tr("cannot commit in %1").arg(where)));
    return oidToString(commitOid);
}
} // namespace

Result<QString> Repository::commitAll(const QString& message, const Signature& author)
{
    if (isBare())
        return fail(Error::make(
            Error::Code::Unsupported, Tr::tr("cannot commit in the bare repository %1").arg(gitDir())));

    git_index* rawIndex = nullptr;
    if (const int rc = git_repository_index(&rawIndex, m_repo.get()); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot open the index of %1").arg(workdir())));
    const IndexPtr index(rawIndex);
    // add_all stages new and changed files; update_all stages deletions.
    if (const int rc = git_index_add_all(index.get(), nullptr, GIT_INDEX_ADD_DEFAULT, nullptr, nullptr);
        rc < 0)
        return fail(gitError(rc, Tr::tr("cannot stage the changes in %1").arg(workdir())));
    if (const int rc = git_index_update_all(index.get(), nullptr, nullptr, nullptr); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot stage the deletions in %1").arg(workdir())));
    if (const int rc = git_index_write(index.get()); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot write the index of %1").arg(workdir())));
    git_oid treeOid;
    if (const int rc = git_index_write_tree(&treeOid, index.get()); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot write the tree of %1").arg(workdir())));
    auto parent = headCommit(m_repo.get(), workdir());
    if (!parent)
        return fail(std::move(parent.error()));
    return commitTree(m_repo.get(), treeOid, parent->get(), message, author, workdir());
}

// Builds the commit's tree from HEAD's tree plus the named files in a private,
// in-memory index rather than in the repository's index: what the user staged
// for other files must neither slip into this commit nor be lost, and a
// temporary index cannot be left half-changed by a failure. Only afterwards are
// the named files' entries of the real index set to what was committed, so
// `git status` shows them clean and leaves everything else alone.
Result<QString> Repository::commitFiles(const QStringList& paths, const QString& message, const Signature& author)
{
    if (auto ok = checkCanCommit(m_repo.get(), workdir(), gitDir()); !ok)
        return fail(std::move(ok.error()));
    if (paths.isEmpty())
        return fail(Error::make(Error::Code::InvalidInput, Tr::tr("no files to commit")));

    const QDir root(workdir());
    QList<QByteArray> relative;
    for (const QString& p : paths) {
        const QString absolute = QDir::cleanPath(QDir::isAbsolutePath(p) ? p : root.filePath(p));
        const QString rel = root.relativeFilePath(absolute);
        if (rel.isEmpty() || rel == u"."_s || rel == u".."_s || rel.startsWith(u"../"_s)
            || QDir::isAbsolutePath(rel))
            return fail(Error::make(Error::Code::InvalidInput,
                Tr::tr("%1 is not a file inside the working tree %2").arg(p, workdir())));
        if (QFileInfo(absolute).isDir())
            return fail(Error::make(Error::Code::InvalidInput,
                Tr::tr("%1 is a folder; name the files to commit").arg(p)));
        relative.append(rel.toUtf8());
    }

    // HEAD's commit; none on an unborn branch.
    auto head = headCommit(m_repo.get(), workdir());
    if (!head)
        return fail(std::move(head.error()));
    const CommitPtr parent = std::move(*head);

    git_index* rawStaging = nullptr;
    if (const int rc = git_index_new(&rawStaging); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot create an index")));
    const IndexPtr staging(rawStaging);
    if (parent) {
        git_tree* rawParentTree = nullptr;
        if (const int rc = git_commit_tree(&rawParentTree, parent.get()); rc < 0)
            return fail(gitError(rc, Tr::tr("cannot read the tree of HEAD")));
        const TreePtr parentTree(rawParentTree);
        if (const int rc = git_index_read_tree(staging.get(), parentTree.get()); rc < 0)
            return fail(gitError(rc, Tr::tr("cannot read the tree of HEAD")));
    }

    // Each file as a blob (through the repository's filters, as `git add` would).
    QList<git_index_entry> added;
    QList<QByteArray> removed;
    for (const QByteArray& rel : std::as_const(relative)) {
        const QString shown = QString::fromUtf8(rel);
        const QFileInfo info(root.filePath(shown));
        if (!info.exists() && !info.isSymLink()) {
            if (!git_index_get_bypath(staging.get(), rel.constData(), 0))
                return fail(Error::make(Error::Code::NotFound,
                    Tr::tr("%1 is neither in the working tree nor in HEAD").arg(shown)));
            if (const int rc = git_index_remove_bypath(staging.get(), rel.constData()); rc < 0)
                return fail(gitError(rc, Tr::tr("cannot remove %1 from the commit").arg(shown)));
            removed.append(rel);
            continue;
        }
        if (info.isSymLink())
            return fail(Error::make(Error::Code::Unsupported,
                Tr::tr("%1 is a symbolic link; Driftline commits only regular files").arg(shown)));
        git_index_entry entry {};
        if (const int rc = git_blob_create_from_workdir(&entry.id, m_repo.get(), rel.constData()); rc < 0)
            return fail(gitError(rc, Tr::tr("cannot read %1").arg(shown)));
        entry.path = rel.constData();
        entry.mode = info.isExecutable() ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB;
        entry.file_size = quint32(info.size());
        if (const int rc = git_index_add(staging.get(), &entry); rc < 0)
            return fail(gitError(rc, Tr::tr("cannot add %1 to the commit").arg(shown)));
        added.append(entry);
    }

    git_oid treeOid;
    if (const int rc = git_index_write_tree_to(&treeOid, staging.get(), m_repo.get()); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot write the tree of the commit")));
    auto committed = commitTree(m_repo.get(), treeOid, parent.get(), message, author, workdir());
    if (!committed)
        return fail(std::move(committed.error()));
    const QString commitId = *committed;

    // The real index: only the committed paths change. Their stat data stays
    // empty, so git re-reads those files once instead of trusting a stale cache.
    auto indexError = [&](int rc) {
        return gitError(rc, Tr::tr("committed %1, but cannot update the index of %2").arg(commitId, workdir()));
    };
    git_index* rawIndex = nullptr;
    if (const int rc = git_repository_index(&rawIndex, m_repo.get()); rc < 0)
        return fail(indexError(rc));
    const IndexPtr index(rawIndex);
    if (const int rc = git_index_read(index.get(), 0); rc < 0)
        return fail(indexError(rc));
    for (const git_index_entry& entry : std::as_const(added)) {
        if (const int rc = git_index_add(index.get(), &entry); rc < 0)
            return fail(indexError(rc));
    }
    for (const QByteArray& rel : std::as_const(removed)) {
        if (const int rc = git_index_remove_bypath(index.get(), rel.constData()); rc < 0)
            return fail(indexError(rc));
    }
    if (const int rc = git_index_write(index.get()); rc < 0)
        return fail(indexError(rc));
    return commitId;
}

namespace
{
// Whether the index path `entry` is `path` or lies below it ("" holds everything).
bool isUnder(const char* entry, const QByteArray& path)
{
    if (path.isEmpty())
        return true;
    const QByteArrayView e(entry);
    return e.startsWith(path) && (e.size() == path.size() || e.at(path.size()) == '/');
}

// The error for uncommitted changes in files a commit would touch.
Error uncommittedError(const QString& what, const QStringList& files)
{
    constexpr qsizetype shown = 5;
    QString list = files.mid(0, shown).join(u", "_s);
    if (files.size() > shown)
        list += Tr::tr(" and %n more", nullptr, int(files.size() - shown));
    return Error::make(Error::Code::InvalidInput,
        Tr::tr("cannot %1: uncommitted changes in %2; commit or discard them first").arg(what, list))
        .at(files.value(0));
}

struct AddWalk {
    git_index* index;
    QByteArray prefix; // the walked folder plus '/', or empty for the root
    int rc = 0;
};

// Adds every file below a walked tree to the index, at its full path.
int addWalkedEntry(const char* root, const git_tree_entry* entry, void* payload)
{
    if (git_tree_entry_type(entry) == GIT_OBJECT_TREE)
        return 0; // an index holds files; their folders follow from the paths
    auto* walk = static_cast<AddWalk*>(payload);
    const QByteArray path = walk->prefix + root + git_tree_entry_name(entry);
    git_index_entry e {};
    e.id = *git_tree_entry_id(entry);
    e.mode = git_tree_entry_filemode_raw(entry);
    e.path = path.constData();
    walk->rc = git_index_add(walk->index, &e);
    return walk->rc < 0 ? -1 : 0;
}

// The paths whose entries differ between two trees.
Result<QStringList> changedFiles(git_repository* repo, git_tree* from, git_tree* to)
{
    git_diff* raw = nullptr;
    if (const int rc = git_diff_tree_to_tree(&raw, repo, from, to, nullptr); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot compare the trees")));
    const DiffPtr diff(raw);
    QStringList files;
    for (size_t i = 0, n = git_diff_num_deltas(diff.get()); i < n; ++i) {
        const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
        if (delta->old_file.path)
            files.append(QString::fromUtf8(delta->old_file.path));
        if (delta->new_file.path)
            files.append(QString::fromUtf8(delta->new_file.path));
    }
    files.removeDuplicates();
    return files;
}

// After a commit moved HEAD from `from` to `to`: brings exactly `files` of the
// index and working tree along. `from` is the baseline, so a file changed
// since the caller checked it is reported, never overwritten.
Result<void> checkoutFiles(git_repository* repo, git_tree* from, git_tree* to, const QStringList& files,
    const QString& commitId, const QString& workdir)
{
    if (files.isEmpty())
        return {};
    QList<QByteArray> encoded;
    encoded.reserve(files.size());
    for (const QString& f : files)
        encoded.append(f.toUtf8());
    QList<char*> pointers;
    pointers.reserve(encoded.size());
    for (QByteArray& f : encoded)
        pointers.append(f.data());
    git_checkout_options options = GIT_CHECKOUT_OPTIONS_INIT;
    // Exact paths: a file name holding '*' or '[' is not a pattern here.
    options.checkout_strategy = GIT_CHECKOUT_SAFE | GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH;
    options.baseline = from;
    options.paths.strings = pointers.data();
    options.paths.count = size_t(pointers.size());
    if (const int rc = git_checkout_tree(repo, reinterpret_cast<const git_object*>(to), &options); rc < 0)
        return fail(gitError(rc,
            Tr::tr("committed %1, but cannot update the working tree of %2").arg(commitId, workdir)));
    return {};
}

Result<TreePtr> commitTreeOf(git_commit* commit)
{
    git_tree* raw = nullptr;
    if (const int rc = git_commit_tree(&raw, commit); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot read the tree of %1").arg(oidToString(*git_commit_id(commit)))));
    return TreePtr(raw);
}

Result<TreePtr> lookupTree(git_repository* repo, const git_oid& id)
{
    git_tree* raw = nullptr;
    if (const int rc = git_tree_lookup(&raw, repo, &id); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot read tree %1").arg(oidToString(id))));
    return TreePtr(raw);
}
} // namespace

// The new tree is built in a private in-memory index from HEAD's tree (as
// commitFiles does), so nothing the user staged is involved and a failure
// leaves nothing half-done; only after the commit are the restored files'
// index entries and working-tree copies brought along.
Result<QString> Repository::restorePaths(
    const QString& revision, const QStringList& paths, const QString& message, const Signature& author)
{
    if (auto ok = checkCanCommit(m_repo.get(), workdir(), gitDir()); !ok)
        return fail(std::move(ok.error()));
    if (paths.isEmpty())
        return fail(Error::make(Error::Code::InvalidInput, Tr::tr("no paths to restore")));
    QList<QByteArray> specs;
    for (const QString& p : paths) {
        const QByteArray spec = treePath(p);
        if (spec == ".." || spec.startsWith("../") || spec.contains("/../") || spec.endsWith("/.."))
            return fail(Error::make(Error::Code::InvalidInput,
                Tr::tr("%1 is not a path inside the repository").arg(p)));
        specs.append(spec);
    }

    auto target = lookupCommit(m_repo.get(), revision);
    if (!target)
        return fail(std::move(target.error()));
    auto head = headCommit(m_repo.get(), workdir());
    if (!head)
        return fail(std::move(head.error()));
    if (!*head)
        return fail(Error::make(Error::Code::Unsupported,
            Tr::tr("cannot restore files in %1: the current branch has no commit yet").arg(workdir())));
    const QString targetShort = oidToString(*git_commit_id(target->get())).left(8);
    const QString what = Tr::tr("restore %1 from %2").arg(paths.join(u", "_s), targetShort);

    auto dirty = uncommittedChanges(paths);
    if (!dirty)
        return fail(std::move(dirty.error()));
    if (!dirty->isEmpty())
        return fail(uncommittedError(what, *dirty));

    auto headTree = commitTreeOf(head->get());
    if (!headTree)
        return fail(std::move(headTree.error()));
    auto targetTree = commitTreeOf(target->get());
    if (!targetTree)
        return fail(std::move(targetTree.error()));

    git_index* rawStaging = nullptr;
    if (const int rc = git_index_new(&rawStaging); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot create an index")));
    const IndexPtr staging(rawStaging);
    if (const int rc = git_index_read_tree(staging.get(), headTree->get()); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot read the tree of HEAD")));

    // HEAD's files under the paths go; the revision's come in.
    QList<bool> found(specs.size(), false);
    QList<QByteArray> removed;
    for (size_t i = 0, n = git_index_entrycount(staging.get()); i < n; ++i) {
        const git_index_entry* entry = git_index_get_byindex(staging.get(), i);
        for (qsizetype s = 0; s < specs.size(); ++s) {
            if (isUnder(entry->path, specs.at(s))) {
                found[s] = true;
                removed.append(entry->path);
                break;
            }
        }
    }
    for (const QByteArray& path : std::as_const(removed)) {
        if (const int rc = git_index_remove(staging.get(), path.constData(), 0); rc < 0)
            return fail(gitError(rc, Tr::tr("cannot remove %1 from the commit").arg(QString::fromUtf8(path))));
    }
    for (qsizetype s = 0; s < specs.size(); ++s) {
        const QByteArray& spec = specs.at(s);
        const QString shown = QString::fromUtf8(spec);
        AddWalk walk { staging.get(), {} };
        TreePtr subtree;
        git_tree* walked = targetTree->get();
        if (!spec.isEmpty()) {
            git_tree_entry* rawEntry = nullptr;
            const int rc = git_tree_entry_bypath(&rawEntry, targetTree->get(), spec.constData());
            if (rc == GIT_ENOTFOUND)
                continue; // absent at the revision: stays removed
            if (rc < 0)
                return fail(gitError(rc, Tr::tr("cannot read '%1' at %2").arg(shown, targetShort)).at(shown));
            const TreeEntryPtr entry(rawEntry);
            found[s] = true;
            if (git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE) {
                git_index_entry e {};
                e.id = *git_tree_entry_id(entry.get());
                e.mode = git_tree_entry_filemode_raw(entry.get());
                e.path = spec.constData();
                if (const int arc = git_index_add(staging.get(), &e); arc < 0)
                    return fail(gitError(arc, Tr::tr("cannot add %1 to the commit").arg(shown)));
                continue;
            }
            auto tree = lookupTree(m_repo.get(), *git_tree_entry_id(entry.get()));
            if (!tree)
                return fail(std::move(tree.error()));
            subtree = std::move(*tree);
            walked = subtree.get();
            walk.prefix = spec + '/';
        } else {
            found[s] = true;
        }
        if (const int rc = git_tree_walk(walked, GIT_TREEWALK_PRE, &addWalkedEntry, &walk); rc < 0 || walk.rc < 0)
            return fail(gitError(walk.rc < 0 ? walk.rc : rc,
                Tr::tr("cannot read '%1' at %2").arg(shown, targetShort)));
    }
    for (qsizetype s = 0; s < specs.size(); ++s) {
        if (!found.at(s))
            return fail(Error::make(Error::Code::NotFound,
                Tr::tr("'%1' is neither at HEAD nor at %2").arg(QString::fromUtf8(specs.at(s)), targetShort))
                    .at(QString::fromUtf8(specs.at(s))));
    }

    git_oid treeOid;
    if (const int rc = git_index_write_tree_to(&treeOid, staging.get(), m_repo.get()); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot write the tree of the commit")));
    if (git_oid_equal(&treeOid, git_tree_id(headTree->get())))
        return fail(Error::make(Error::Code::InvalidInput,
            Tr::tr("nothing to commit: %1 already matches %2 there").arg(paths.join(u", "_s), targetShort)));
    auto newTree = lookupTree(m_repo.get(), treeOid);
    if (!newTree)
        return fail(std::move(newTree.error()));
    auto files = changedFiles(m_repo.get(), headTree->get(), newTree->get());
    if (!files)
        return fail(std::move(files.error()));

    auto committed = commitTree(m_repo.get(), treeOid, head->get(), message, author, workdir());
    if (!committed)
        return fail(std::move(committed.error()));
    if (auto ok = checkoutFiles(m_repo.get(), headTree->get(), newTree->get(), *files, *committed, workdir()); !ok)
        return fail(std::move(ok.error()));
    return committed;
}

// Each revert is a three-way merge of trees, as git does it: the reverted
// commit's tree is the base, the current result "ours", its parent's tree
// "theirs". Chaining trees instead of commits writes no commit until all
// reverts applied cleanly.
Result<QString> Repository::revertCommits(
    const QStringList& commitIds, const QString& message, const Signature& author)
{
    if (auto ok = checkCanCommit(m_repo.get(), workdir(), gitDir()); !ok)
        return fail(std::move(ok.error()));
    if (commitIds.isEmpty())
        return fail(Error::make(Error::Code::InvalidInput, Tr::tr("no commits to revert")));
    auto head = headCommit(m_repo.get(), workdir());
    if (!head)
        return fail(std::move(head.error()));
    if (!*head)
        return fail(Error::make(Error::Code::Unsupported,
            Tr::tr("cannot revert in %1: the current branch has no commit yet").arg(workdir())));

    std::vector<CommitPtr> commits;
    for (const QString& id : commitIds) {
        auto c = lookupCommit(m_repo.get(), id);
        if (!c)
            return fail(std::move(c.error()));
        if (git_commit_parentcount(c->get()) == 0)
            return fail(Error::make(Error::Code::Unsupported,
                Tr::tr("cannot revert %1: it is the first commit").arg(id)));
        commits.push_back(std::move(*c));
    }
    std::stable_sort(commits.begin(), commits.end(), [](const CommitPtr& a, const CommitPtr& b) {
        return git_commit_time(a.get()) > git_commit_time(b.get());
    });

    auto headTree = commitTreeOf(head->get());
    if (!headTree)
        return fail(std::move(headTree.error()));
    TreePtr ours;
    git_tree* current = headTree->get();
    for (const CommitPtr& commit : commits) {
        const QString shortId = oidToString(*git_commit_id(commit.get())).left(8);
        git_commit* rawParent = nullptr;
        // A merge is reverted against its first parent, as `git revert -m 1`.
        if (const int rc = git_commit_parent(&rawParent, commit.get(), 0); rc < 0)
            return fail(gitError(rc, Tr::tr("cannot read the parent of %1").arg(shortId)));
        const CommitPtr parent(rawParent);
        auto base = commitTreeOf(commit.get());
        if (!base)
            return fail(std::move(base.error()));
        auto theirs = commitTreeOf(parent.get());
        if (!theirs)
            return fail(std::move(theirs.error()));
        git_index* rawMerged = nullptr;
        if (const int rc = git_merge_trees(&rawMerged, m_repo.get(), base->get(), current, theirs->get(), nullptr);
            rc < 0)
            return fail(gitError(rc, Tr::tr("cannot revert %1").arg(shortId)));
        const IndexPtr merged(rawMerged);
        if (git_index_has_conflicts(merged.get())) {
            QStringList conflicted;
            git_index_conflict_iterator* rawIt = nullptr;
            if (git_index_conflict_iterator_new(&rawIt, merged.get()) == 0) {
                const GitPtr<git_index_conflict_iterator, git_index_conflict_iterator_free> it(rawIt);
                const git_index_entry *ancestor = nullptr, *our = nullptr, *their = nullptr;
                while (git_index_conflict_next(&ancestor, &our, &their, it.get()) == 0) {
                    const git_index_entry* any = our ? our : (their ? their : ancestor);
                    if (any)
                        conflicted.append(QString::fromUtf8(any->path));
                }
            }
            conflicted.removeDuplicates();
            return fail(Error::make(Error::Code::Git,
                Tr::tr("cannot revert %1: it conflicts with later changes to %2; nothing was written")
                    .arg(shortId, conflicted.join(u", "_s)))
                    .at(conflicted.value(0)));
        }
        git_oid treeOid;
        if (const int rc = git_index_write_tree_to(&treeOid, merged.get(), m_repo.get()); rc < 0)
            return fail(gitError(rc, Tr::tr("cannot write the tree of the revert")));
        auto next = lookupTree(m_repo.get(), treeOid);
        if (!next)
            return fail(std::move(next.error()));
        ours = std::move(*next);
        current = ours.get();
    }

    if (git_oid_equal(git_tree_id(current), git_tree_id(headTree->get())))
        return fail(Error::make(Error::Code::InvalidInput,
            Tr::tr("nothing to commit: HEAD already undoes those commits")));
    auto files = changedFiles(m_repo.get(), headTree->get(), current);
    if (!files)
        return fail(std::move(files.error()));
    auto dirty = uncommittedChanges(*files);
    if (!dirty)
        return fail(std::move(dirty.error()));
    if (!dirty->isEmpty())
        return fail(uncommittedError(Tr::tr("revert"), *dirty));

    auto committed = commitTree(m_repo.get(), *git_tree_id(current), head->get(), message, author, workdir());
    if (!committed)
        return fail(std::move(committed.error()));
    if (auto ok = checkoutFiles(m_repo.get(), headTree->get(), current, *files, *committed, workdir()); !ok)
        return fail(std::move(ok.error()));
    return committed;
}

// ---- Push

Result<void> Repository::push(const QString& remote, const QString& branch, const ProgressCallback& progress)
{
    const QString name = branch.isEmpty() ? currentBranch() : branch;
    if (name.isEmpty())
        return fail(Error::make(Error::Code::Unsupported,
            Tr::tr("cannot push: HEAD is not on a branch; name the branch to push")));
    const QByteArray remoteName = remote.toUtf8();
    git_remote* rawRemote = nullptr;
    if (const int rc = git_remote_lookup(&rawRemote, m_repo.get(), remoteName.constData()); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot push: no remote named '%1'").arg(remote)));
    const RemotePtr handle(rawRemote);
    const char* rawUrl = git_remote_pushurl(handle.get());
    if (!rawUrl)
        rawUrl = git_remote_url(handle.get());
    const QString url = rawUrl ? QString::fromUtf8(rawUrl) : remote;

    TransferCallbacks callbacks(progress, url, workdir());
    git_push_options options = GIT_PUSH_OPTIONS_INIT;
    callbacks.install(&options.callbacks);
    QByteArray refspec = u"refs/heads/%1:refs/heads/%1"_s.arg(name).toUtf8();
    char* specs[] = { refspec.data() };
    const git_strarray refspecs { specs, 1 };
    const int rc = git_remote_push(handle.get(), &refspecs, &options);
    callbacks.settleCredential(rc == 0 || rc == GIT_ENONFASTFORWARD || !callbacks.pushRejection().isEmpty());
    // libgit2's message must be read before any other libgit2 call replaces it.
    const Error pushError = rc < 0 ? gitError(rc, Tr::tr("cannot push %1 to %2").arg(name, redactedUrl(url))) : Error();
    if (callbacks.cancelled())
        return fail(Error::make(Error::Code::Cancelled, Tr::tr("push cancelled")));
    const QString rejection = callbacks.pushRejection();
    const bool behind = rc == GIT_ENONFASTFORWARD || rejection.contains(u"fast-forward"_s)
        || rejection.contains(u"fetch first"_s);
    if (behind) {
        Error error = Error::make(Error::Code::Git,
            Tr::tr("cannot push %1 to %2: the remote has commits on %1 that you do not have; "
                   "fetch first, then push again")
                .arg(name, redactedUrl(url)));
        return fail(std::move(error).withDetail(rejection.isEmpty() ? pushError.message : rejection));
    }
    if (rc < 0) {
        Error error = pushError;
        if (!callbacks.authFailure().isEmpty())
            error = Error::make(Error::Code::Git, callbacks.authFailure()).withDetail(error.message);
        return fail(std::move(error));
    }
    if (!rejection.isEmpty())
        return fail(Error::make(Error::Code::Git,
            Tr::tr("%1 refused the push of %2: %3").arg(redactedUrl(url), name, rejection)));
    return {};
}

Signature Repository::defaultSignature() const
{
    git_signature* raw = nullptr;
    if (git_signature_default(&raw, m_repo.get()) == 0) {
        const SignaturePtr sig(raw);
        return Signature { QString::fromUtf8(sig->name), QString::fromUtf8(sig->email), {} };
    }
    // Not configured: commits still need an identity, and this one says where they came from.
    return Signature { u"Driftline user"_s, u"driftline@localhost"_s, {} };
}

} // namespace driftline::git
