#include "workspace/kustomizerenderer.h"

#include "core/manifestparser.h"
#include "git/repository.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QStandardPaths>
#include <QStringBuilder>
#include <QTemporaryDir>

#include <mutex>

using namespace Qt::StringLiterals;

namespace driftline::workspace {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(driftline::workspace::KustomizeRenderer)
};

QString joinPath(const QString& folder, const QString& relative)
{
    return folder.isEmpty() ? relative : folder + u'/' + relative;
}

QString program()
{
    return QStandardPaths::findExecutable(u"kustomize"_s);
}

// A reference in a kustomization that was not found in the tree.
struct Missing {
    QString file;
    int line = 0;
    QString reference;
};

// Everything a kustomization build reads from the repository, found by
// following the kustomization files' references through git.
struct Inputs {
    QMap<QString, QString> entries; // repository-relative path -> object id
    QStringList resourceFiles;      // files listed under resources: (they declare objects)
    QList<Missing> missing;
    bool unresolved = false;        // a remote, outside or missing reference: the whole tree is needed
};

class InputResolver
{
public:
    InputResolver(const git::Repository& repo, const QString& commitId)
        : m_repo(repo)
        , m_commit(commitId)
    {
    }

    Result<Inputs> resolve(const QString& folder)
    {
        if (auto r = visit(folder, true); !r)
            return fail(r.error());
        return m_inputs;
    }

private:
    enum class Use { Resource, File };

    Result<void> visit(const QString& folder, bool top)
    {
        if (m_visited.contains(folder))
            return {};
        m_visited.insert(folder);
        auto entry = Renderer::entryAt(m_repo, m_commit, folder);
        if (!entry)
            return top ? Result<void>(fail(entry.error())) : Result<void> {};
        m_inputs.entries.insert(folder, entry->id);
        if (entry->type != git::TreeEntry::Type::Tree)
            return {};
        auto listed = m_repo.listTree(m_commit, folder, false);
        if (!listed)
            return fail(listed.error());
        QString kustomization;
        for (const git::TreeEntry& e : std::as_const(*listed)) {
            const QString name = e.path.mid(e.path.lastIndexOf(u'/') + 1);
            if (KustomizeRenderer::isKustomizationFile(name) && e.type == git::TreeEntry::Type::Blob) {
                kustomization = e.path;
                break;
            }
        }
        if (kustomization.isEmpty()) {
            // A plain folder listed under resources: kustomize reads its files (and complains about it).
            for (const git::TreeEntry& e : std::as_const(*listed)) {
                if (e.type == git::TreeEntry::Type::Blob)
                    m_inputs.resourceFiles.append(e.path);
            }
            return {};
        }
        auto text = m_repo.readFile(m_commit, kustomization);
        if (!text)
            return fail(text.error());
        auto parsed = ManifestParser::parseYamlValue(*text, kustomization);
        if (!parsed || !parsed->isObject())
            return {}; // kustomize reports the broken file itself
        const QJsonObject k = parsed->toObject();
        const QStringList lines = QString::fromUtf8(*text).split(u'\n');

        auto strings = [&](const QString& key) {
            QStringList out;
            const QJsonArray arr = k.value(key).toArray();
            for (const QJsonValue& v : arr) {
                if (v.isString())
                    out.append(v.toString());
            }
            return out;
        };
        auto pathsOf = [&](const QString& key) {
            QStringList out;
            const QJsonArray arr = k.value(key).toArray();
            for (const QJsonValue& v : arr) {
                const QString p = v.toObject().value(u"path"_s).toString();
                if (!p.isEmpty())
                    out.append(p);
            }
            return out;
        };

        QList<std::pair<QString, Use>> refs;
        for (const QString& key : { u"resources"_s, u"bases"_s, u"components"_s }) {
            for (const QString& r : strings(key))
                refs.append({ r, Use::Resource });
        }
        for (const QString& key : { u"crds"_s, u"configurations"_s, u"patchesStrategicMerge"_s, u"transformers"_s,
                                    u"generators"_s, u"validators"_s }) {
            for (const QString& r : strings(key)) {
                // Inline YAML (a patch or transformer written in place) is no path.
                if (!r.contains(u'\n') && !r.contains(u": "))
                    refs.append({ r, Use::File });
            }
        }
        for (const QString& key : { u"patches"_s, u"patchesJson6902"_s, u"replacements"_s })
            for (const QString& r : pathsOf(key))
                refs.append({ r, Use::File });
        if (const QString p = k.value(u"openapi"_s).toObject().value(u"path"_s).toString(); !p.isEmpty())
            refs.append({ p, Use::File });
        for (const QString& key : { u"configMapGenerator"_s, u"secretGenerator"_s }) {
            const QJsonArray gens = k.value(key).toArray();
            for (const QJsonValue& g : gens) {
                const QJsonObject go = g.toObject();
                QStringList files;
                for (const QJsonValue& f : go.value(u"files"_s).toArray())
                    files.append(f.toString());
                for (const QJsonValue& f : go.value(u"envs"_s).toArray())
                    files.append(f.toString());
                if (go.value(u"env"_s).isString())
                    files.append(go.value(u"env"_s).toString());
                for (QString f : std::as_const(files)) {
                    // "key=path" names the key the file's contents go under.
                    if (const qsizetype eq = f.indexOf(u'='); eq >= 0)
                        f = f.mid(eq + 1);
                    if (!f.isEmpty())
                        refs.append({ f, Use::File });
                }
            }
        }
        if (k.contains(u"helmCharts"_s) || k.contains(u"helmChartInflationGenerator"_s))
            m_inputs.unresolved = true; // charts may come from anywhere

        for (const auto& [ref, use] : std::as_const(refs)) {
            if (ref.contains(u"://") || ref.startsWith(u"github.com/") || ref.startsWith(u"git@")
                || ref.startsWith(u"git::") || QDir::isAbsolutePath(ref)) {
                m_inputs.unresolved = true;
                continue;
            }
            QString path = QDir::cleanPath(joinPath(folder, ref));
            if (path == u".")
                path.clear();
            if (path == u".." || path.startsWith(u"../")) {
                m_inputs.unresolved = true;
                continue;
            }
            auto target = Renderer::entryAt(m_repo, m_commit, path);
            if (!target) {
                int line = 0;
                for (qsizetype i = 0; i < lines.size(); ++i) {
                    if (lines.at(i).contains(ref)) {
                        line = int(i) + 1;
                        break;
                    }
                }
                m_inputs.missing.append({ kustomization, line, ref });
                m_inputs.unresolved = true;
                continue;
            }
            if (target->type == git::TreeEntry::Type::Tree) {
                if (auto r = visit(path, false); !r)
                    return r;
                if (use == Use::File)
                    m_inputs.entries.insert(path, target->id);
            } else {
                m_inputs.entries.insert(path, target->id);
                if (use == Use::Resource)
                    m_inputs.resourceFiles.append(path);
            }
        }
        return {};
    }

    const git::Repository& m_repo;
    QString m_commit;
    Inputs m_inputs;
    QSet<QString> m_visited;
};

// Points each object kustomize printed at the file that declared it, when one
// of the resource files holds an object of that kind whose name the output's
// name contains (namePrefix and nameSuffix only add to it).
void mapSources(const git::Repository& repo, const QString& commitId, const Inputs& inputs, ResourceList& resources)
{
    ResourceList declared;
    for (const QString& file : inputs.resourceFiles) {
        const QString lower = file.toLower();
        if (!lower.endsWith(u".yaml") && !lower.endsWith(u".yml") && !lower.endsWith(u".json"))
            continue;
        auto data = repo.readFile(commitId, file);
        if (!data || data->size() > ManifestParser::MaxFileSize)
            continue;
        declared.append(ManifestParser::parse(*data, file).resources);
    }
    for (Resource& r : resources) {
        const Resource* best = nullptr;
        for (const Resource& d : std::as_const(declared)) {
            if (d.key().group != r.key().group || d.kind() != r.kind() || !r.name().contains(d.name()))
                continue;
            if (!best || d.name().size() > best->name().size()
                || (d.name().size() == best->name().size() && d.namespace_() == r.namespace_()))
                best = &d;
        }
        if (best)
            r = Resource(r.key(), r.object(), best->source());
    }
}

} // namespace

KustomizeRenderer::KustomizeRenderer(int timeoutMs)
    : m_timeoutMs(timeoutMs)
{
}

QString KustomizeRenderer::name() const
{
    return u"kustomize"_s;
}

QString KustomizeRenderer::version() const
{
    return toolVersion(program(), { u"version"_s }, std::min(m_timeoutMs, 20000));
}

bool KustomizeRenderer::isKustomizationFile(const QString& fileName)
{
    return fileName == u"kustomization.yaml" || fileName == u"kustomization.yml" || fileName == u"Kustomization";
}

Result<QStringList> KustomizeRenderer::inputs(const git::Repository& repo, const QString& commitId,
                                              const Application& app) const
{
    auto inputs = InputResolver(repo, commitId).resolve(app.path);
    if (!inputs)
        return fail(inputs.error());
    if (inputs->unresolved) {
        auto root = repo.treeId(commitId, {});
        if (!root)
            return fail(root.error());
        return QStringList { u"/ "_s + *root };
    }
    QStringList out;
    for (auto it = inputs->entries.cbegin(); it != inputs->entries.cend(); ++it)
        out.append(it.key() + u' ' + it.value());
    return out;
}

RenderResult KustomizeRenderer::render(const git::Repository& repo, const QString& commitId,
                                       const Application& app) const
{
    RenderResult out;
    out.renderer = name();
    const QString description = u"kustomize build "_s + (app.path.isEmpty() ? u"."_s : app.path);
    auto inputs = InputResolver(repo, commitId).resolve(app.path);
    if (!inputs) {
        out.errors.append(inputs.error());
        return out;
    }
    const QString exe = program();
    if (exe.isEmpty()) {
        out.errors.append(Error::make(Error::Code::Unsupported,
                                      Tr::tr("kustomize is not installed; cannot build the kustomization in %1")
                                          .arg(app.path.isEmpty() ? u"."_s : app.path))
                              .at(app.path));
        return out;
    }
    QTemporaryDir tmp;
    if (!tmp.isValid()) {
        out.errors.append(Error::make(Error::Code::Io, Tr::tr("cannot create a temporary folder: %1").arg(tmp.errorString())));
        return out;
    }
    const QStringList roots = inputs->unresolved ? QStringList { QString() } : inputs->entries.keys();
    for (const QString& root : roots) {
        if (auto w = writeTree(repo, commitId, root, tmp.path()); !w) {
            out.errors.append(w.error());
            return out;
        }
    }
    const QString dir = app.path.isEmpty() ? tmp.path() : tmp.filePath(app.path);
    const ToolRun run = runTool(exe, { u"build"_s, dir }, m_timeoutMs, tmp.path());
    // Paths in kustomize's messages name the temporary copy; people know the repository's paths.
    auto clean = [&](const QByteArray& text) {
        return QString::fromUtf8(text).replace(tmp.path() + u'/', QString()).replace(tmp.path(), u"."_s).trimmed();
    };
    if (!run.started) {
        out.errors.append(
            Error::make(Error::Code::Unsupported, Tr::tr("kustomize is not installed; cannot build the kustomization in %1")
                                                      .arg(app.path.isEmpty() ? u"."_s : app.path))
                .at(app.path));
        return out;
    }
    if (run.timedOut) {
        out.errors.append(Error::make(Error::Code::Timeout, Tr::tr("%1 took longer than %2 s; stopped")
                                                                 .arg(description)
                                                                 .arg(m_timeoutMs / 1000))
                              .at(app.path)
                              .withDetail(clean(run.err)));
        return out;
    }
    if (run.exitCode != 0) {
        Error e = Error::make(Error::Code::Render, Tr::tr("%1 failed (exit code %2)").arg(description).arg(run.exitCode))
                      .withDetail(clean(run.err));
        if (!inputs->missing.isEmpty()) {
            const Missing& m = inputs->missing.constFirst();
            e.message += u"; "_s + Tr::tr("%1 does not exist").arg(m.reference);
            e.file = m.file;
            e.line = m.line;
        } else {
            e.file = app.path;
        }
        out.errors.append(std::move(e));
        return out;
    }
    ParseResult parsed = ManifestParser::parse(run.out, description);
    out.resources = std::move(parsed.resources);
    out.errors = std::move(parsed.errors);
    mapSources(repo, commitId, *inputs, out.resources);
    finish(out, app);
    return out;
}

} // namespace driftline::workspace
