#include "engine/liverevision.h"

#include "engine/driftstatus.h"
#include "kube/connectionstate.h"
#include "workspace/helmrenderer.h"
#include "workspace/kustomizerenderer.h"
#include "workspace/plainrenderer.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace driftline::engine {

QString LiveRevisionMatch::text() const
{
    if (commitId.isEmpty())
        return LiveRevision::tr("live revision unknown");
    if (exact)
        return LiveRevision::tr("live = %1").arg(shortId);
    return LiveRevision::tr("live ≈ %1, %n resource(s) differ", nullptr, differingResources).arg(shortId);
}

Result<QStringList> LiveRevision::inputPaths(const git::Repository& repo, const QString& commitId,
    const workspace::Application& application)
{
    // The same choice ApplicationRenderer makes, so the inputs are those of the
    // renderer that will actually render the application.
    const workspace::PlainRenderer plain;
    const workspace::KustomizeRenderer kustomize;
    const workspace::HelmRenderer helm;
    const workspace::Renderer* renderer = &plain;
    if (auto entries = repo.listTree(commitId, application.path, false)) {
        const QString prefix = application.path.isEmpty() ? QString() : application.path + u'/';
        for (const git::TreeEntry& e : std::as_const(*entries)) {
            const QString name = e.path.mid(prefix.size());
            if (workspace::KustomizeRenderer::isKustomizationFile(name)) {
                renderer = &kustomize;
                break;
            }
            if (name == u"Chart.yaml")
                renderer = &helm;
        }
    }
    auto lines = renderer->inputs(repo, commitId, application);
    if (!lines)
        return fail(lines.error());
    QStringList paths;
    for (const QString& line : std::as_const(*lines)) {
        // "path treeId"; the path may hold spaces, the id never does.
        QString path = line.left(line.lastIndexOf(u' '));
        if (path == u"/")
            path.clear();
        if (!paths.contains(path))
            paths.append(path);
    }
    std::sort(paths.begin(), paths.end());
    return paths;
}

Result<QList<git::CommitInfo>> LiveRevision::history(const git::Repository& repo,
    const workspace::Application& application, const QString& from, int maxCount)
{
    auto tip = repo.resolve(from);
    if (!tip)
        return fail(tip.error());
    auto paths = inputPaths(repo, *tip, application);
    if (!paths)
        return fail(paths.error());
    // The whole repository is an input: every commit counts (history() takes an empty list so).
    if (paths->contains(QString()))
        paths->clear();
    return repo.history(*paths, *tip, maxCount);
}

Result<LiveRevisionMatch> LiveRevision::find(const git::Repository& repo, const Request& request)
{
    if (!request.live || !request.live->isComplete())
        return fail(Error::Code::InvalidInput, tr("The cluster of %1 has not been read completely yet.")
                                                   .arg(request.application.environment));
    LiveRevisionMatch match;
    match.environment = request.application.environment;
    match.applicationId = request.application.id();
    const workspace::ApplicationRenderer renderer(request.renderOptions);
    const kube::ConnectionState connected {kube::ConnectionState::Status::Connected, {}, {}, false};
    int fewest = -1;
    for (const git::CommitInfo& commit : request.history) {
        if (request.canceled && request.canceled->load()) {
            match.canceled = true;
            break;
        }
        const workspace::RenderResult render = renderer.render(repo, commit.id, request.application);
        ++match.rendered;
        if (render.resources.isEmpty() && !render.errors.isEmpty()) {
            match.renderErrors.append(commit.shortId + u": "_s + render.errors.constFirst().message);
            continue;
        }
        // Judged exactly as the drift status judges the application, so "matches"
        // here means "Synced" there: extraneous and missing objects count too.
        const QList<DriftStatus::ApplicationInput> inputs {{request.application, &render}};
        const EnvironmentDrift drift =
            DriftStatus::compute(request.application.environment, inputs, *request.live, connected);
        const ApplicationDrift app = drift.applications.value(request.application.id());
        const int differing = int(app.resources.size()) - app.counts.value(SyncStatus::Synced);
        // Newest first: on a tie the newer commit stays.
        if (fewest < 0 || differing < fewest) {
            fewest = differing;
            match.commitId = commit.id;
            match.shortId = commit.shortId;
            match.differingResources = differing;
        }
        if (differing == 0) {
            match.exact = true;
            break; // renders can be slow (kustomize, helm): the newest exact match is the answer
        }
    }
    return match;
}

} // namespace driftline::engine
