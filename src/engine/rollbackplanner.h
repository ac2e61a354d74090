// RollbackPlanner: the plan that takes one application of an environment back
// to the objects it had at an earlier revision. The application is rendered at
// that commit the way the workspace renders it, its drift against the live
// cluster computed as the drift status does, and a SyncPlan built restricted to
// that application, so a rollback runs through the same SyncOperation and audit
// as any sync.
#pragma once

#include "core/error.h"
#include "engine/syncplan.h"
#include "kube/connectionstate.h"
#include "kube/livesnapshot.h"
#include "workspace/renderer.h"
#include "workspace/workspace.h"

#include <QCoreApplication>
#include <QString>

namespace driftline::engine {

class RollbackPlanner
{
    Q_DECLARE_TR_FUNCTIONS(driftline::engine::RollbackPlanner)

public:
    struct Rendered {
        workspace::RenderResult render;
        QString commitId; // the full id `commitId` resolved to
    };

    // Renders `application` at `commitId` (any revision git understands) from the
    // repository, kustomize/helm/plain through workspace::ApplicationRenderer.
    // Blocking: worker thread only. Error when the revision does not resolve or the
    // render failed (no partial rollbacks).
    static Result<Rendered> render(const QString& repositoryPath, const workspace::Application& application,
        const QString& commitId);

    // The drift of the environment with `application` as it was at that revision,
    // and the sync plan restricted to it.
    static SyncPlan plan(const QString& environment, const workspace::Application& application,
        const Rendered& rendered, const kube::LiveSnapshot& live, const kube::ConnectionState& connection,
        const SyncOptions& options);
};

} // namespace driftline::engine
