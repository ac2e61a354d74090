#include "engine/rollbackplanner.h"

#include "engine/driftstatus.h"
#include "git/repository.h"

using namespace Qt::StringLiterals;

namespace driftline::engine {

Result<RollbackPlanner::Rendered> RollbackPlanner::render(const QString& repositoryPath,
    const workspace::Application& application, const QString& commitId)
{
    auto repo = git::Repository::open(repositoryPath);
    if (!repo)
        return fail(repo.error());
    const auto resolved = repo->resolve(commitId);
    if (!resolved)
        return fail(resolved.error().wrapped(tr("revision %1").arg(commitId)));
    // Rendered exactly as the workspace renders it, at the old commit; the disk
    // cache is left out so a rollback never trusts anything but the commit itself.
    const workspace::ApplicationRenderer renderer(workspace::ApplicationRenderer::Options{});
    Rendered rendered;
    rendered.commitId = *resolved;
    rendered.render = renderer.render(*repo, *resolved, application);
    if (!rendered.render.errors.isEmpty()) {
        // A partial render would prune what failed to render: refuse instead.
        Error e = rendered.render.errors.constFirst();
        return fail(e.wrapped(tr("render %1 at %2").arg(application.id(), resolved->left(8))));
    }
    return rendered;
}

SyncPlan RollbackPlanner::plan(const QString& environment, const workspace::Application& application,
    const Rendered& rendered, const kube::LiveSnapshot& live, const kube::ConnectionState& connection,
    const SyncOptions& options)
{
    const QList<DriftStatus::ApplicationInput> inputs{{application, &rendered.render}};
    const EnvironmentDrift drift = DriftStatus::compute(environment, inputs, live, connection);
    SyncSelection selection;
    selection.applicationIds = {application.id()};
    return SyncPlan::build(environment, drift, inputs, live, selection, options);
}

} // namespace driftline::engine
