#include "workspace/renderer.h"

#include "core/manifestparser.h"
#include "git/repository.h"
#include "workspace/helmrenderer.h"
#include "workspace/kustomizerenderer.h"
#include "workspace/plainrenderer.h"
#include "workspace/rendercache.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QSet>
#include <QMutex>
#include <QStringBuilder>

#include <atomic>

using namespace Qt::StringLiterals;

namespace driftline::workspace {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(driftline::workspace::Renderer)
};

QString parentPath(const QString& path)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    return slash < 0 ? QString() : path.left(slash);
}

std::atomic<int> s_renderCount { 0 };

// Results that depend on the machine rather than on the repository (a missing
// tool, a timeout, an I/O problem) must not be remembered.
bool cacheable(const RenderResult& r)
{
    for (const Error& e : r.errors) {
        switch (e.code) {
        case Error::Code::Unsupported:
        case Error::Code::Timeout:
        case Error::Code::Cancelled:
        case Error::Code::Io:
        case Error::Code::Git:
            return false;
        default:
            break;
        }
    }
    return true;
}

} // namespace

Result<QStringList> Renderer::inputs(const git::Repository& repo, const QString& commitId,
                                     const Application& app) const
{
    auto entry = entryAt(repo, commitId, app.path);
    if (!entry)
        return fail(entry.error());
    return QStringList { app.path + u' ' + entry->id };
}

bool Renderer::isClusterScoped(const QString& group, const QString& kind)
{
    // The built-in cluster-scoped kinds, by API group. Custom resources named
    // Cluster* (ClusterIssuer, ClusterSecretStore, ClusterPolicy, ...) follow the
    // same convention, so they count too.
    static const QHash<QString, QSet<QString>> table {
        { QString(),
          { u"Namespace"_s, u"Node"_s, u"PersistentVolume"_s, u"ComponentStatus"_s } },
        { u"rbac.authorization.k8s.io"_s, { u"ClusterRole"_s, u"ClusterRoleBinding"_s } },
        { u"apiextensions.k8s.io"_s, { u"CustomResourceDefinition"_s } },
        { u"scheduling.k8s.io"_s, { u"PriorityClass"_s } },
        { u"networking.k8s.io"_s, { u"IngressClass"_s } },
        { u"node.k8s.io"_s, { u"RuntimeClass"_s } },
        { u"storage.k8s.io"_s,
          { u"StorageClass"_s, u"CSIDriver"_s, u"CSINode"_s, u"VolumeAttachment"_s } },
        { u"snapshot.storage.k8s.io"_s, { u"VolumeSnapshotClass"_s, u"VolumeSnapshotContent"_s } },
        { u"admissionregistration.k8s.io"_s,
          { u"ValidatingWebhookConfiguration"_s, u"MutatingWebhookConfiguration"_s,
            u"ValidatingAdmissionPolicy"_s, u"ValidatingAdmissionPolicyBinding"_s } },
        { u"apiregistration.k8s.io"_s, { u"APIService"_s } },
        { u"certificates.k8s.io"_s, { u"CertificateSigningRequest"_s } },
        { u"flowcontrol.apiserver.k8s.io"_s, { u"FlowSchema"_s, u"PriorityLevelConfiguration"_s } },
        { u"policy"_s, { u"PodSecurityPolicy"_s } },
        { u"gateway.networking.k8s.io"_s, { u"GatewayClass"_s } },
    };
    const auto it = table.constFind(group);
    if (it != table.constEnd() && it->contains(kind))
        return true;
    return !group.isEmpty() && kind.startsWith(u"Cluster")
        && kind.size() > 7 && kind.at(7).isUpper();
}

void Renderer::finish(RenderResult& result, const Application& app)
{
    ResourceList out;
    out.reserve(result.resources.size());
    QHash<ResourceKey, qsizetype> seen; // identity without the version -> index in `out`
    for (Resource r : std::as_const(result.resources)) {
        if (r.namespace_().isEmpty() && !app.namespace_.isEmpty() && !isClusterScoped(r.key().group, r.kind()))
            r = r.withNamespace(app.namespace_);
        ResourceKey identity = r.key();
        identity.version.clear();
        const auto it = seen.constFind(identity);
        if (it != seen.constEnd()) {
            const Resource& first = out.at(*it);
            result.errors.append(
                Error::make(Error::Code::InvalidInput,
                            Tr::tr("%1 is declared twice: at %2 and at %3")
                                .arg(r.key().displayName(), first.source().toString(), r.source().toString()))
                    .at(r.source().file, r.source().line)
                    .forResource(r.key().displayName()));
            continue;
        }
        seen.insert(identity, out.size());
        out.append(r);
    }
    result.resources = std::move(out);
}

Result<git::TreeEntry> Renderer::entryAt(const git::Repository& repo, const QString& commitId, const QString& path)
{
    if (path.isEmpty()) {
        auto root = repo.treeId(commitId, {});
        if (!root)
            return fail(root.error());
        git::TreeEntry e;
        e.id = *root;
        e.type = git::TreeEntry::Type::Tree;
        return e;
    }
    // Folders, the common case, without listing the parent: a parent holding
    // hundreds of applications would make opening a workspace quadratic.
    if (auto listed = repo.listTree(commitId, path, false)) {
        auto id = repo.treeId(commitId, path);
        if (!id)
            return fail(id.error());
        git::TreeEntry e;
        e.path = path;
        e.id = *id;
        e.type = git::TreeEntry::Type::Tree;
        return e;
    } else if (listed.error().code == Error::Code::NotFound) {
        return fail(Error::make(Error::Code::NotFound, Tr::tr("%1 does not exist at commit %2").arg(path, commitId.left(8)))
                        .at(path));
    }
    auto entries = repo.listTree(commitId, parentPath(path), false);
    if (!entries)
        return fail(entries.error());
    for (const git::TreeEntry& e : std::as_const(*entries)) {
        if (e.path == path)
            return e;
    }
    return fail(Error::make(Error::Code::NotFound, Tr::tr("%1 does not exist at commit %2").arg(path, commitId.left(8)))
                    .at(path));
}

Result<void> Renderer::writeTree(const git::Repository& repo, const QString& commitId, const QString& path,
                                 const QString& destination)
{
    auto top = entryAt(repo, commitId, path);
    if (!top)
        return fail(top.error());
    QList<git::TreeEntry> entries;
    if (top->type == git::TreeEntry::Type::Tree) {
        auto listed = repo.listTree(commitId, path, true);
        if (!listed)
            return fail(listed.error());
        entries = std::move(*listed);
    } else {
        entries.append(*top);
    }
    const QDir root(destination);
    for (const git::TreeEntry& e : std::as_const(entries)) {
        const QString target = root.filePath(e.path);
        if (!QDir().mkpath(QFileInfo(target).absolutePath()))
            return fail(Error::make(Error::Code::Io, Tr::tr("cannot create a folder for %1").arg(e.path)));
        if (e.type == git::TreeEntry::Type::Submodule || QFileInfo::exists(target) || QFileInfo(target).isSymLink())
            continue;
        if (e.type == git::TreeEntry::Type::Symlink) {
            // Only links that stay inside the repository are recreated: the tools
            // must never read outside the copy.
            auto link = repo.readBlob(e.id);
            if (!link)
                return fail(link.error());
            const QString linkTarget = QString::fromUtf8(*link);
            const QString resolved = QDir::cleanPath(parentPath(e.path) + u'/' + linkTarget);
            if (QDir::isAbsolutePath(linkTarget) || resolved == u".." || resolved.startsWith(u"../"))
                continue;
            QFile::link(linkTarget, target);
            continue;
        }
        auto size = repo.blobSize(e.id);
        if (!size)
            return fail(size.error());
        if (*size > ManifestParser::MaxFileSize)
            continue;
        auto data = repo.readBlob(e.id);
        if (!data)
            return fail(data.error());
        QFile f(target);
        if (!f.open(QIODevice::WriteOnly) || f.write(*data) != data->size())
            return fail(Error::make(Error::Code::Io, Tr::tr("cannot write %1: %2").arg(target, f.errorString())));
        if (e.executable)
            f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
    }
    return {};
}

QString Renderer::toolVersion(const QString& program, const QStringList& args, int timeoutMs)
{
    if (program.isEmpty())
        return {};
    static QMutex mutex;
    static QHash<QString, QString> versions;
    const QString key = program + u'\n' + args.join(u'\n');
    {
        QMutexLocker lock(&mutex);
        if (auto it = versions.constFind(key); it != versions.cend())
            return *it;
    }
    // Run outside the lock: two threads may both ask once, which is harmless.
    const ToolRun run = runTool(program, args, timeoutMs);
    QString version = QString::fromUtf8(run.out).section(u'\n', 0, 0).trimmed();
    if (version.isEmpty())
        version = u"unknown"_s;
    QMutexLocker lock(&mutex);
    versions.insert(key, version);
    return version;
}

Renderer::ToolRun Renderer::runTool(const QString& program, const QStringList& args, int timeoutMs,
                                    const QString& workingDirectory)
{
    ToolRun run;
    QProcess p;
    if (!workingDirectory.isEmpty())
        p.setWorkingDirectory(workingDirectory);
    p.start(program, args);
    if (!p.waitForStarted(std::min(timeoutMs, 30000))) {
        return run;
    }
    run.started = true;
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        run.timedOut = true;
        p.kill();
        p.waitForFinished(5000);
    }
    run.out = p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return run;
}

struct ApplicationRenderer::Private {
    Options options;
    PlainRenderer plain;
    KustomizeRenderer kustomize;
    HelmRenderer helm;
    RenderCache cache;

    explicit Private(Options o)
        : options(std::move(o))
        , kustomize(options.toolTimeoutMs)
        , helm(options.toolTimeoutMs)
        , cache(options.cacheDir)
    {
    }

    Result<const Renderer*> pick(const git::Repository& repo, const QString& commitId, const Application& app) const
    {
        auto entries = repo.listTree(commitId, app.path, false);
        if (!entries) {
            // Not a folder: a single manifest file, or nothing at all.
            auto entry = Renderer::entryAt(repo, commitId, app.path);
            if (!entry)
                return fail(entry.error());
            return &plain;
        }
        const QString prefix = app.path.isEmpty() ? QString() : app.path + u'/';
        bool chart = false;
        for (const git::TreeEntry& e : std::as_const(*entries)) {
            const QString name = e.path.mid(prefix.size());
            if (KustomizeRenderer::isKustomizationFile(name))
                return &kustomize;
            if (name == u"Chart.yaml")
                chart = true;
        }
        return chart ? static_cast<const Renderer*>(&helm) : &plain;
    }
};

ApplicationRenderer::ApplicationRenderer(Options options)
    : d(std::make_unique<Private>(std::move(options)))
{
}

ApplicationRenderer::~ApplicationRenderer() = default;

int ApplicationRenderer::renderCount()
{
    return s_renderCount.load();
}

RenderResult ApplicationRenderer::render(const git::Repository& repo, const QString& commitId,
                                         const Application& app) const
{
    QElapsedTimer timer;
    timer.start();
    RenderResult out;
    auto renderer = d->pick(repo, commitId, app);
    if (!renderer) {
        out.errors.append(renderer.error());
    } else {
        out.renderer = (*renderer)->name();
        auto inputs = (*renderer)->inputs(repo, commitId, app);
        QString key;
        if (inputs)
            key = RenderCache::key((*renderer)->name(), (*renderer)->version(), app, *inputs);
        if (auto cached = key.isEmpty() ? std::nullopt : d->cache.find(key)) {
            out = std::move(*cached);
            out.fromCache = true;
            out.cacheKey = key;
        } else {
            ++s_renderCount;
            out = (*renderer)->render(repo, commitId, app);
            out.renderer = (*renderer)->name();
            if (!key.isEmpty() && cacheable(out)) {
                out.cacheKey = key;
                d->cache.insert(key, out);
            }
        }
    }
    // The cache holds results without context, so the same files give the same entry in every environment.
    for (Error& e : out.errors) {
        e = e.wrapped(Tr::tr("render %1").arg(app.name));
        e.cluster = app.environment;
    }
    out.elapsedMs = timer.elapsed();
    return out;
}

} // namespace driftline::workspace
