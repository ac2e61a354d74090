#include "workspace/discovery.h"

#include "core/manifestparser.h"
#include "git/repository.h"
#include "workspace/discovery_paths.h"
#include "workspace/workspacedefinition.h"

#include <QCache>
#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMutex>
#include <QSet>
#include <QThread>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace driftline::workspace
{

namespace
{

// lupdate reads Tr::tr() with this context; the strings are for people.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(driftline::workspace::Discovery)
};

// Argo CD and Flux objects are small; a bigger file is data, not a deployment declaration.
constexpr qint64 MaxScanSize = 1024 * 1024;

bool hasSuffix(const QString& path, QLatin1StringView suffix)
{
    return path.endsWith(suffix, Qt::CaseInsensitive);
}

bool isYamlFile(const QString& path)
{
    return hasSuffix(path, ".yaml"_L1) || hasSuffix(path, ".yml"_L1);
}

bool isManifestFile(const QString& path)
{
    return isYamlFile(path) || hasSuffix(path, ".json"_L1);
}

QString fileName(const QString& path)
{
    return path.section(u'/', -1);
}

QString folderOf(const QString& path)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    return slash < 0 ? QString() : path.left(slash);
}

// A folder with one of these is rendered as a whole by kustomize or helm.
bool isRenderRoot(const QString& name)
{
    return name == u"kustomization.yaml" || name == u"kustomization.yml" || name == u"Kustomization"
        || name == u"Chart.yaml";
}

bool isHidden(const QStringList& components)
{
    return std::any_of(
        components.cbegin(), components.cend(), [](const QString& c) { return c.startsWith(u'.'); });
}

// Where an environment sits in the promotion order people expect to read top to bottom.
int environmentRank(const QString& name)
{
    const QString n = name.toLower();
    if (n.startsWith(u"dev") || n == u"local")
        return 0;
    if (n.startsWith(u"test") || n.startsWith(u"qa"))
        return 1;
    if (n.startsWith(u"stag") || n.startsWith(u"uat") || n.startsWith(u"preprod")
        || n.startsWith(u"pre-prod"))
        return 2;
    if (n.startsWith(u"prod") || n == u"live")
        return 4;
    return 3;
}

bool environmentLess(const QString& a, const QString& b)
{
    const int ra = environmentRank(a);
    const int rb = environmentRank(b);
    if (ra != rb)
        return ra < rb;
    const int ci = a.compare(b, Qt::CaseInsensitive);
    return ci != 0 ? ci < 0 : a < b;
}

QString origin(const Resource& r)
{
    return r.source().toString();
}

struct Candidate {
    Application app;
    QString qualifiedName; // the name to fall back to when two candidates share one
};

// What one file tells discovery. Filled by worker threads, one slot per file.
struct FileFacts {
    bool manifest = false; // holds Kubernetes objects (or makes its folder a kustomize or helm root)
    QList<Candidate> argo;
    QList<Candidate> flux;
    QList<Error> errors;
};

void addArgoApplication(const Resource& r, const QStringList& tree, FileFacts& out)
{
    const QJsonObject spec = r.object().value(u"spec"_s).toObject();
    QJsonObject source = spec.value(u"source"_s).toObject();
    if (source.isEmpty()) {
        // Multi-source Applications: the first source that is a folder of this repository.
        const QJsonArray sources = spec.value(u"sources"_s).toArray();
        for (const QJsonValue& s : sources) {
            if (s.toObject().contains(u"path"_s)) {
                source = s.toObject();
                break;
            }
        }
    }
    const QString where = origin(r);
    const QString repoUrl = source.value(u"repoURL"_s).toString();
    if (!source.contains(u"path"_s)) {
        const QString chart = source.value(u"chart"_s).toString();
        const QString why = chart.isEmpty()
            ? Tr::tr("Argo CD Application %1 has no source path; skipped").arg(r.name())
            : Tr::tr("Argo CD Application %1 installs the chart %2 from %3, not a folder of this repository; "
                     "skipped")
                  .arg(r.name(), chart, repoUrl);
        out.errors.append(Error::make(Error::Code::Unsupported, why).at(r.source().file, r.source().line));
        return;
    }
    const QString rawPath = source.value(u"path"_s).toString();
    const paths::NormalizedPath path = paths::normalize(rawPath);
    if (path.problem != paths::PathProblem::None) {
        out.errors.append(Error::make(Error::Code::InvalidInput,
            Tr::tr("Argo CD Application %1: the path '%2' is outside the repository; skipped")
                .arg(r.name(), rawPath))
                              .at(r.source().file, r.source().line));
        return;
    }
    if (!paths::treeHolds(tree, path.path)) {
        // Often the Application points at another repository; it is still shown, with this note.
        out.errors.append(Error::make(Error::Code::NotFound,
            Tr::tr("Argo CD Application %1: the path '%2' is not in this repository at this "
                   "revision (its source is %3)")
                .arg(r.name(), path.path, repoUrl.isEmpty() ? Tr::tr("unset") : repoUrl))
                              .at(r.source().file, r.source().line));
    }

    const QJsonObject destination = spec.value(u"destination"_s).toObject();
    QString environment = destination.value(u"name"_s).toString();
    if (environment.isEmpty()) {
        const QString server = destination.value(u"server"_s).toString();
        const QString host = QUrl(server).host();
        if (host == u"kubernetes.default.svc" || host.startsWith(u"kubernetes.default.svc."))
            environment = u"in-cluster"_s;
        else if (!host.isEmpty())
            environment = host;
        else
            environment = u"default"_s;
    }

    Candidate cand;
    cand.app.name = r.name();
    cand.app.environment = environment;
    cand.app.path = path.path;
    cand.app.namespace_ = destination.value(u"namespace"_s).toString();
    const QString revision = source.value(u"targetRevision"_s).toString();
    cand.app.revision = revision == u"HEAD" ? QString() : revision;
    cand.app.rule = DiscoveryRule::ArgoApplication;
    cand.app.origin = where;
    const QJsonArray ignores = spec.value(u"ignoreDifferences"_s).toArray();
    for (const QJsonValue& v : ignores) {
        const QJsonObject o = v.toObject();
        IgnoreDifference diff;
        diff.group = o.value(u"group"_s).toString();
        diff.kind = o.value(u"kind"_s).toString();
        diff.name = o.value(u"name"_s).toString();
        diff.namespace_ = o.value(u"namespace"_s).toString();
        const QJsonArray pointers = o.value(u"jsonPointers"_s).toArray();
        for (const QJsonValue& p : pointers) {
            if (p.toString().startsWith(u'/'))
                diff.jsonPointers.append(p.toString());
        }
        // jqPathExpressions and managedFieldsManagers have no equivalent here.
        if (!diff.jsonPointers.isEmpty())
            cand.app.ignoreDifferences.append(diff);
    }
    cand.qualifiedName = cand.app.name;
    out.argo.append(cand);
}

void addFluxKustomization(
    const Resource& r, const QString& environment, const QStringList& tree, FileFacts& out)
{
    const QJsonObject spec = r.object().value(u"spec"_s).toObject();
    const QString rawPath = spec.value(u"path"_s).toString();
    const paths::NormalizedPath path = paths::normalize(rawPath);
    if (path.problem != paths::PathProblem::None) {
        out.errors.append(Error::make(Error::Code::InvalidInput,
            Tr::tr("Flux Kustomization %1: the path '%2' is outside the repository; skipped")
                .arg(r.name(), rawPath))
                              .at(r.source().file, r.source().line));
        return;
    }
    if (!paths::treeHolds(tree, path.path)) {
        out.errors.append(Error::make(Error::Code::NotFound,
            Tr::tr("Flux Kustomization %1: the path '%2' is not in this repository at this "
                   "revision")
                .arg(r.name(), path.path))
                              .at(r.source().file, r.source().line));
    }
    Candidate cand;
    cand.app.name = r.name();
    cand.app.environment = environment;
    cand.app.path = path.path;
    cand.app.namespace_ = spec.value(u"targetNamespace"_s).toString();
    cand.app.rule = DiscoveryRule::FluxKustomization;
    cand.app.origin = origin(r);
    cand.qualifiedName = cand.app.name;
    out.flux.append(cand);
}

// Reads one file at the revision: only manifests, and only as far as needed.
FileFacts scanFile(const git::Repository& repo, const git::TreeEntry& e, const QStringList& tree)
{
    FileFacts facts;
    const QString name = fileName(e.path);
    const QStringList components = e.path.split(u'/');
    const bool hidden = isHidden(components);
    if (isRenderRoot(name)) {
        facts.manifest = !hidden;
        return facts;
    }
    if (!isManifestFile(e.path))
        return facts;
    const Result<qint64> size = repo.blobSize(e.id);
    if (!size) {
        facts.errors.append(size.error().wrapped(e.path));
        return facts;
    }
    if (*size > MaxScanSize) {
        // Left for the renderer to refuse or parse, with its own message.
        facts.manifest = !hidden;
        return facts;
    }
    const Result<QByteArray> data = repo.readBlob(e.id);
    if (!data) {
        facts.errors.append(data.error().wrapped(e.path));
        return facts;
    }
    if (ManifestParser::looksBinary(*data))
        return facts;
    facts.manifest = !hidden && (data->contains("kind:") || data->contains("\"kind\""));
    if (!isYamlFile(e.path))
        return facts;
    const bool argo = data->contains("argoproj.io");
    const qsizetype clusters = components.indexOf(u"clusters"_s);
    const bool flux = clusters >= 0 && components.size() >= clusters + 3 && data->contains("fluxcd.io");
    if (!argo && !flux)
        return facts;
    const ParseResult parsed = ManifestParser::parse(*data, e.path);
    for (const Resource& r : parsed.resources) {
        if (argo && r.key().group == u"argoproj.io" && r.kind() == u"Application")
            addArgoApplication(r, tree, facts);
        else if (flux && r.key().group == u"kustomize.toolkit.fluxcd.io" && r.kind() == u"Kustomization")
            addFluxKustomization(r, components.at(clusters + 1), tree, facts);
    }
    return facts;
}

class Scanner
{
public:
    Scanner(const git::Repository& repo, QString repoName)
        : m_repo(repo)
        , m_repoName(std::move(repoName))
    {
    }

    QList<Error> errors;

    void readTree(const QList<git::TreeEntry>& entries)
    {
        for (const git::TreeEntry& e : entries) {
            if (e.type != git::TreeEntry::Type::Blob)
                continue;
            m_blobs.append(e);
            m_paths.append(e.path);
        }
        std::sort(m_paths.begin(), m_paths.end());
    }

    const QStringList& paths() const { return m_paths; }

    bool holds(const QString& path) const { return paths::treeHolds(m_paths, path); }

    // One pass over the files: which hold Kubernetes objects, and the Argo CD
    // Applications and Flux Kustomizations among them. Reading thousands of
    // loose objects is the slow part of opening a repository, so the files are
    // shared out over threads, each with its own handle on the repository.
    void scanFiles()
    {
        const qsizetype count = m_blobs.size();
        std::vector<FileFacts> facts(static_cast<size_t>(count));
        const int workers = count < 512 ? 1 : std::clamp(QThread::idealThreadCount(), 1, 8);
        const auto scanShare = [&](const git::Repository& repo, int worker) {
            for (qsizetype i = worker; i < count; i += workers)
                facts[size_t(i)] = scanFile(repo, m_blobs.at(i), m_paths);
        };
        QList<QFuture<bool>> helpers;
        const QString gitDir = m_repo.gitDir();
        for (int w = 1; w < workers; ++w) {
            helpers.append(QtConcurrent::run([&, w] {
                const Result<git::Repository> own = git::Repository::open(gitDir);
                if (!own)
                    return false;
                scanShare(*own, w);
                return true;
            }));
        }
        scanShare(m_repo, 0);
        for (int w = 1; w < workers; ++w) {
            // A worker that could not open the repository leaves its share to this thread.
            if (!helpers[w - 1].result())
                scanShare(m_repo, w);
        }

        for (const FileFacts& f : facts) {
            errors += f.errors;
            m_argo += f.argo;
            m_flux += f.flux;
        }
        for (qsizetype i = 0; i < count; ++i) {
            if (facts[size_t(i)].manifest)
                m_manifestFiles.append(m_blobs.at(i).path);
        }
    }

    QList<Candidate> argoAndFlux() const { return m_argo + m_flux; }

    // <app>/overlays/<env>/ and environments|envs|clusters/<env>/<app>/.
    QList<Candidate> conventions() const
    {
        static const QStringList envRoots { u"environments"_s, u"envs"_s, u"clusters"_s };
        QList<Candidate> out;
        QSet<QString> seen;
        for (const QString& file : m_manifestFiles) {
            const QStringList c = file.split(u'/');
            Candidate cand;
            const qsizetype overlays = c.indexOf(u"overlays"_s);
            if (overlays >= 0 && c.size() >= overlays + 3) {
                cand.app.path = c.mid(0, overlays + 2).join(u'/');
                cand.app.environment = c.at(overlays + 1);
                cand.app.name = overlays > 0 ? c.at(overlays - 1) : m_repoName;
                cand.qualifiedName = overlays > 0 ? c.mid(0, overlays).join(u'/') : m_repoName;
                cand.app.rule = DiscoveryRule::OverlaysFolder;
            } else {
                qsizetype root = -1;
                for (qsizetype i = 0; i + 3 < c.size(); ++i) {
                    if (envRoots.contains(c.at(i))) {
                        root = i;
                        break;
                    }
                }
                if (root < 0)
                    continue;
                cand.app.path = c.mid(0, root + 3).join(u'/');
                cand.app.environment = c.at(root + 1);
                cand.app.name = c.at(root + 2);
                cand.qualifiedName
                    = root > 0 ? c.mid(0, root).join(u'/') + u'/' + cand.app.name : cand.app.name;
                cand.app.rule = DiscoveryRule::EnvironmentsFolder;
            }
            if (seen.contains(cand.app.path))
                continue;
            seen.insert(cand.app.path);
            cand.app.origin = cand.app.path;
            out.append(cand);
        }
        return out;
    }

    // Every topmost folder holding manifests, in the environment "default". A
    // folder below another one is part of it: rendering a folder reads its
    // subfolders too, and a resource must belong to one application only.
    QList<Candidate> manifestFolders() const
    {
        QStringList folders;
        for (const QString& file : m_manifestFiles)
            folders.append(folderOf(file));
        std::sort(folders.begin(), folders.end());
        folders.erase(std::unique(folders.begin(), folders.end()), folders.end());

        QSet<QString> roots;
        QList<Candidate> out;
        for (const QString& folder : std::as_const(folders)) {
            bool nested = roots.contains(QString());
            for (qsizetype slash = folder.indexOf(u'/'); !nested && slash >= 0;
                 slash = folder.indexOf(u'/', slash + 1))
                nested = roots.contains(folder.left(slash));
            if (nested)
                continue;
            roots.insert(folder);
            Candidate cand;
            cand.app.path = folder;
            cand.app.environment = u"default"_s;
            cand.app.name = folder.isEmpty() ? m_repoName : fileName(folder);
            cand.qualifiedName = folder.isEmpty() ? m_repoName : folder;
            cand.app.rule = DiscoveryRule::ManifestFolder;
            cand.app.origin = folder.isEmpty() ? u"."_s : folder;
            out.append(cand);
        }
        return out;
    }

private:
    const git::Repository& m_repo;
    QString m_repoName;
    QList<git::TreeEntry> m_blobs;
    QStringList m_paths;
    QStringList m_manifestFiles;
    QList<Candidate> m_argo;
    QList<Candidate> m_flux;
};

// Two applications with one id cannot both be shown. Folder rules rename all
// of the clashing ones to their qualified names; declared objects (Argo, Flux)
// keep the first and report the others.
QList<Application> resolveCollisions(const QList<Candidate>& candidates, bool rename, QList<Error>& errors)
{
    QHash<QString, int> count;
    for (const Candidate& c : candidates)
        ++count[c.app.id()];
    QList<Application> out;
    QHash<QString, QString> taken; // id -> origin
    for (const Candidate& c : candidates) {
        Application app = c.app;
        if (count.value(app.id()) > 1 && rename)
            app.name = c.qualifiedName;
        if (const auto first = taken.constFind(app.id()); first != taken.cend()) {
            errors.append(Error::make(Error::Code::InvalidInput,
                Tr::tr("application %1 in environment %2 is defined twice (first at %3); the "
                       "second is ignored")
                    .arg(app.name, app.environment, *first))
                              .at(app.origin.section(u':', 0, 0), app.origin.section(u':', 1).toInt()));
            continue;
        }
        taken.insert(app.id(), app.origin);
        out.append(app);
    }
    return out;
}

// Discovery is a pure function of the repository's root tree, so a reload of an
// unchanged revision (F5, reopening) is answered from memory.
struct Discovered {
    QString definitionFile;
    QList<Environment> environments;
    QList<Application> applications;
    QList<Error> errors;
};

struct Memo {
    QMutex mutex;
    QCache<QString, Discovered> entries { 16 };
};
Q_GLOBAL_STATIC(Memo, memo)

void remember(const QString& key, const Workspace& ws)
{
    // A file that could not be read may read next time: such results are not kept.
    const bool transient = std::any_of(ws.errors.cbegin(), ws.errors.cend(),
        [](const Error& e) { return e.code == Error::Code::Git || e.code == Error::Code::Io; });
    if (key.isEmpty() || transient)
        return;
    QMutexLocker lock(&memo->mutex);
    memo->entries.insert(
        key, new Discovered { ws.definitionFile, ws.environments, ws.applications, ws.errors });
}

QString repositoryName(const QString& repositoryPath)
{
    QString name = QFileInfo(repositoryPath).fileName();
    if (name.endsWith(u".git"))
        name.chop(4);
    return name.isEmpty() ? u"root"_s : name;
}

} // namespace

Result<Workspace> Discovery::discover(const git::Repository& repo, const QString& commitId)
{
    const QString revision = commitId.isEmpty() ? u"HEAD"_s : commitId;
    const Result<QString> resolved = repo.resolve(revision);
    if (!resolved)
        return fail(resolved.error());

    Workspace ws;
    ws.repositoryPath = repo.workdir().isEmpty() ? repo.gitDir() : repo.workdir();
    ws.revision = revision;
    ws.commitId = *resolved;
    ws.branch = repo.currentBranch();

    QString memoKey;
    if (const Result<QString> rootTree = repo.treeId(ws.commitId); rootTree) {
        memoKey = repo.gitDir() + u'\n' + *rootTree;
        QMutexLocker lock(&memo->mutex);
        if (const Discovered* known = memo->entries.object(memoKey)) {
            ws.definitionFile = known->definitionFile;
            ws.environments = known->environments;
            ws.applications = known->applications;
            ws.errors = known->errors;
            return ws;
        }
    }

    const Result<QList<git::TreeEntry>> tree = repo.listTree(ws.commitId, {}, true);
    if (!tree)
        return fail(tree.error());

    Scanner scanner(repo, repositoryName(ws.repositoryPath));
    scanner.readTree(*tree);

    const QString definitionFile = QString::fromLatin1(WorkspaceDefinition::FileName);
    if (scanner.paths().contains(definitionFile)) {
        ws.definitionFile = definitionFile;
        const Result<QByteArray> data = repo.readFile(ws.commitId, definitionFile);
        if (!data) {
            ws.errors.append(data.error());
            return ws;
        }
        const WorkspaceDefinition def = WorkspaceDefinition::parse(*data, definitionFile);
        ws.environments = def.environments;
        ws.applications = def.applications;
        ws.errors = def.errors;
        for (const Application& app : std::as_const(ws.applications)) {
            if (!scanner.holds(app.path)) {
                ws.errors.append(Error::make(Error::Code::NotFound,
                    Tr::tr("application %1 in %2: the path '%3' does not exist at this revision")
                        .arg(app.name, app.environment, app.path))
                                     .at(definitionFile, app.origin.section(u':', -1).toInt()));
            }
        }
        remember(memoKey, ws);
        return ws;
    }

    scanner.scanFiles();
    ws.errors = scanner.errors;
    QList<Application> apps = resolveCollisions(scanner.argoAndFlux(), false, ws.errors);
    if (apps.isEmpty())
        apps = resolveCollisions(scanner.conventions(), true, ws.errors);
    if (apps.isEmpty())
        apps = resolveCollisions(scanner.manifestFolders(), true, ws.errors);

    QStringList environments;
    for (const Application& app : std::as_const(apps)) {
        if (!environments.contains(app.environment))
            environments.append(app.environment);
    }
    std::sort(environments.begin(), environments.end(), environmentLess);
    for (const QString& name : std::as_const(environments)) {
        Environment env;
        env.name = name;
        env.production = environmentRank(name) == environmentRank(u"production"_s);
        ws.environments.append(env);
    }
    std::stable_sort(apps.begin(), apps.end(), [&](const Application& a, const Application& b) {
        if (a.environment != b.environment)
            return environments.indexOf(a.environment) < environments.indexOf(b.environment);
        const int ci = a.name.compare(b.name, Qt::CaseInsensitive);
        return ci != 0 ? ci < 0 : a.name < b.name;
    });
    ws.applications = apps;
    remember(memoKey, ws);
    return ws;
}

void Discovery::clearCache()
{
    QMutexLocker lock(&memo->mutex);
    memo->entries.clear();
}

} // namespace driftline::workspace
