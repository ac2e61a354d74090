#include "git/repository.h"

#include "git/githandles.h"
#include "git/gitsupport.h"
#include "git/historywalker.h"
#include "git/transfercallbacks.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <cstdlib>
#include <git2.h>
#include <mutex>

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

    TransferCallbacks callbacks(progress, url);
    git_fetch_options options = GIT_FETCH_OPTIONS_INIT;
    callbacks.install(&options.callbacks);
    const int rc = git_remote_fetch(handle.get(), nullptr, &options, nullptr);
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
    git_tree* rawTree = nullptr;
    if (const int rc = git_tree_lookup(&rawTree, m_repo.get(), &treeOid); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot read the new tree")));
    const TreePtr tree(rawTree);

    // An unborn branch (a fresh repository) has no parent commit.
    CommitPtr parent;
    git_reference* rawHead = nullptr;
    const int headRc = git_repository_head(&rawHead, m_repo.get());
    if (headRc == 0) {
        const ReferencePtr head(rawHead);
        git_object* rawObject = nullptr;
        if (const int rc = git_reference_peel(&rawObject, head.get(), GIT_OBJECT_COMMIT); rc < 0)
            return fail(gitError(rc, Tr::tr("cannot read HEAD of %1").arg(workdir())));
        parent.reset(reinterpret_cast<git_commit*>(rawObject));
    } else if (headRc != GIT_EUNBORNBRANCH && headRc != GIT_ENOTFOUND) {
        return fail(gitError(headRc, Tr::tr("cannot read HEAD of %1").arg(workdir())));
    }

    int src = 0;
    const SignaturePtr signature = makeSignature(author, &src);
    if (src < 0)
        return fail(gitError(src, Tr::tr("invalid author '%1 <%2>'").arg(author.name, author.email)));

    const QByteArray text = message.toUtf8();
    const git_commit* parents[] = { parent.get() };
    git_oid commitOid;
    if (const int rc = git_commit_create(&commitOid, m_repo.get(), "HEAD", signature.get(), signature.get(),
            nullptr, text.constData(), tree.get(), parent ? 1 : 0, parents);
        rc < 0)
        return fail(gitError(rc, Tr::tr("cannot commit in %1").arg(workdir())));
    return oidToString(commitOid);
}

// Builds the commit's tree from HEAD's tree plus the named files in a private,
// in-memory index rather than in the repository's index: what the user staged
// for other files must neither slip into this commit nor be lost, and a
// temporary index cannot be left half-changed by a failure. Only afterwards are
// the named files' entries of the real index set to what was committed, so
// `git status` shows them clean and leaves everything else alone.
Result<QString> Repository::commitFiles(const QStringList& paths, const QString& message, const Signature& author)
{
    if (isBare())
        return fail(Error::make(
            Error::Code::Unsupported, Tr::tr("cannot commit in the bare repository %1").arg(gitDir())));
    if (git_repository_head_detached(m_repo.get()) == 1)
        return fail(Error::make(Error::Code::Unsupported,
            Tr::tr("cannot commit in %1: HEAD is detached (not on a branch); check out a branch first")
                .arg(workdir())));
    if (git_repository_state(m_repo.get()) != GIT_REPOSITORY_STATE_NONE)
        return fail(Error::make(Error::Code::Unsupported,
            Tr::tr("cannot commit in %1 while a merge, rebase, cherry-pick or revert is in progress")
                .arg(workdir())));
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
    CommitPtr parent;
    git_reference* rawHead = nullptr;
    const int headRc = git_repository_head(&rawHead, m_repo.get());
    if (headRc == 0) {
        const ReferencePtr head(rawHead);
        git_object* rawObject = nullptr;
        if (const int rc = git_reference_peel(&rawObject, head.get(), GIT_OBJECT_COMMIT); rc < 0)
            return fail(gitError(rc, Tr::tr("cannot read HEAD of %1").arg(workdir())));
        parent.reset(reinterpret_cast<git_commit*>(rawObject));
    } else if (headRc != GIT_EUNBORNBRANCH && headRc != GIT_ENOTFOUND) {
        return fail(gitError(headRc, Tr::tr("cannot read HEAD of %1").arg(workdir())));
    }

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
    git_tree* rawTree = nullptr;
    if (const int rc = git_tree_lookup(&rawTree, m_repo.get(), &treeOid); rc < 0)
        return fail(gitError(rc, Tr::tr("cannot read the new tree")));
    const TreePtr tree(rawTree);

    int src = 0;
    const SignaturePtr signature = makeSignature(author, &src);
    if (src < 0)
        return fail(gitError(src, Tr::tr("invalid author '%1 <%2>'").arg(author.name, author.email)));
    const QByteArray text = message.toUtf8();
    const git_commit* parents[] = { parent.get() };
    git_oid commitOid;
    // Updating "HEAD" moves the current branch, and fails if it moved since we read it.
    if (const int rc = git_commit_create(&commitOid, m_repo.get(), "HEAD", signature.get(), signature.get(),
            nullptr, text.constData(), tree.get(), parent ? 1 : 0, parents);
        rc < 0)
        return fail(gitError(rc, Tr::tr("cannot commit in %1").arg(workdir())));
    const QString commitId = oidToString(commitOid);

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
