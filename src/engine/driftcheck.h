// DriftCheck: the drift of a workspace computed once, without a window, for the
// CLI (`driftline status`, `driftline diff`) and the benchmarks. It loads the
// workspace, renders every application, connects each environment to its
// kubeconfig context (a LiveCache per environment, the same code the window
// uses), waits until every kind has listed (or the cluster has answered with an
// error), and computes each environment's EnvironmentDrift. Must be used from a
// thread with an event loop (the CLI's main thread): run() spins a local loop
// until done or the timeout passes.
#pragma once

#include "core/error.h"
#include "engine/driftstatus.h"
#include "kube/connectionstate.h"
#include "kube/livesnapshot.h"
#include "workspace/renderer.h"
#include "workspace/workspace.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>
#include <memory>

namespace driftline::engine {

class DriftCheck
{
    Q_DECLARE_TR_FUNCTIONS(driftline::engine::DriftCheck)

public:
    struct Options {
        QString workspace;       // repository path
        QString revision;        // empty: HEAD
        QString kubeconfig;      // empty: $KUBECONFIG, else ~/.kube/config
        QStringList environments; // empty: all
        QString cacheDir;        // render cache; empty: none
        std::chrono::milliseconds timeout {15000}; // per environment, for the cluster to answer
    };

    struct EnvironmentReport {
        workspace::Environment environment;
        kube::ConnectionState connection;
        QString context;
        QString cluster; // the kubeconfig's cluster entry the context names; empty when unknown
        QString server;  // its URL; empty when unknown
        std::shared_ptr<const EnvironmentDrift> drift;
        std::shared_ptr<const kube::LiveSnapshot> live;
    };

    struct Report {
        workspace::Workspace workspace;
        QHash<QString, workspace::RenderResult> renders; // by application id
        QList<EnvironmentReport> environments;            // in the workspace's order
        // The live object for a resource of an environment (empty when absent).
        QJsonObject liveObject(const QString& environment, const ResourceKey& key) const;
    };

    // Error when the workspace cannot be opened or an asked-for environment does
    // not exist; an unreachable cluster is not an error (its resources are Unknown).
    static Result<Report> run(const Options& options);

    // Only the first half of run(): the workspace and every application's render,
    // no cluster (environments stays empty). For commands that need no live side.
    static Result<Report> load(const Options& options);
    // The second half: connects the environments of `loaded` (what load() returned
    // for the same options) and computes their drift.
    static Report run(const Options& options, Report loaded);
};

} // namespace driftline::engine
