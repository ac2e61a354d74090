#include "workspace/helmrenderer.h"

#include "core/manifestparser.h"
#include "git/repository.h"

#include <QCoreApplication>
#include <QStandardPaths>
#include <QStringBuilder>
#include <QTemporaryDir>

#include <mutex>

using namespace Qt::StringLiterals;

namespace driftline::workspace {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(driftline::workspace::HelmRenderer)
};

QString program()
{
    return QStandardPaths::findExecutable(u"helm"_s);
}

// helm prints "# Source: <chart>/templates/x.yaml" above each document: point
// every object at its template inside the application's folder.
void mapSources(const QByteArray& output, const QString& chartPath, ResourceList& resources)
{
    const QList<QByteArray> lines = output.split('\n');
    for (Resource& r : resources) {
        for (int i = std::min<int>(r.source().line, int(lines.size())) - 1; i >= 0; --i) {
            const QByteArray l = lines.at(i).trimmed();
            if (l.startsWith("# Source: ")) {
                const QString source = QString::fromUtf8(l.mid(10));
                const qsizetype slash = source.indexOf(u'/');
                const QString inChart = slash < 0 ? source : source.mid(slash + 1);
                const QString file = chartPath.isEmpty() ? inChart : chartPath + u'/' + inChart;
                r = Resource(r.key(), r.object(), SourceLocation { file, 0, r.source().document });
                break;
            }
            if (l == "---")
                break;
        }
    }
}

} // namespace

HelmRenderer::HelmRenderer(int timeoutMs)
    : m_timeoutMs(timeoutMs)
{
}

QString HelmRenderer::name() const
{
    return u"helm"_s;
}

QString HelmRenderer::version() const
{
    return toolVersion(program(), { u"version"_s, u"--short"_s }, std::min(m_timeoutMs, 20000));
}

Result<QStringList> HelmRenderer::inputs(const git::Repository& repo, const QString& commitId,
                                         const Application& app) const
{
    auto folder = Renderer::inputs(repo, commitId, app);
    if (!folder)
        return folder;
    folder->append(u"release "_s + app.name);
    return folder;
}

RenderResult HelmRenderer::render(const git::Repository& repo, const QString& commitId, const Application& app) const
{
    RenderResult out;
    out.renderer = name();
    const QString shownPath = app.path.isEmpty() ? u"."_s : app.path;
    const QString exe = program();
    if (exe.isEmpty()) {
        out.errors.append(Error::make(Error::Code::Unsupported,
                                      Tr::tr("helm is not installed; cannot render the chart in %1").arg(shownPath))
                              .at(app.path.isEmpty() ? u"Chart.yaml"_s : app.path + u"/Chart.yaml"_s));
        return out;
    }
    QTemporaryDir tmp;
    if (!tmp.isValid()) {
        out.errors.append(Error::make(Error::Code::Io, Tr::tr("cannot create a temporary folder: %1").arg(tmp.errorString())));
        return out;
    }
    if (auto w = writeTree(repo, commitId, app.path, tmp.path()); !w) {
        out.errors.append(w.error());
        return out;
    }
    QStringList args { u"template"_s, app.name, app.path.isEmpty() ? tmp.path() : tmp.filePath(app.path) };
    if (!app.namespace_.isEmpty())
        args << u"--namespace"_s << app.namespace_;
    const QString description = u"helm template "_s + shownPath;
    const ToolRun run = runTool(exe, args, m_timeoutMs, tmp.path());
    const QString err = QString::fromUtf8(run.err).replace(tmp.path() + u'/', QString()).trimmed();
    if (!run.started) {
        out.errors.append(Error::make(Error::Code::Unsupported,
                                      Tr::tr("helm is not installed; cannot render the chart in %1").arg(shownPath))
                              .at(app.path));
        return out;
    }
    if (run.timedOut) {
        out.errors.append(
            Error::make(Error::Code::Timeout, Tr::tr("%1 took longer than %2 s; stopped").arg(description).arg(m_timeoutMs / 1000))
                .at(app.path)
                .withDetail(err));
        return out;
    }
    if (run.exitCode != 0) {
        out.errors.append(
            Error::make(Error::Code::Render, Tr::tr("%1 failed (exit code %2)").arg(description).arg(run.exitCode))
                .at(app.path)
                .withDetail(err));
        return out;
    }
    ParseResult parsed = ManifestParser::parse(run.out, description);
    out.resources = std::move(parsed.resources);
    out.errors = std::move(parsed.errors);
    mapSources(run.out, app.path, out.resources);
    finish(out, app);
    return out;
}

} // namespace driftline::workspace
