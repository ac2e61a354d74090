// LiveRevision: which commit of an application runs in an environment. The
// application is rendered at each commit that touched its inputs (newest first)
// and every render is judged against the live objects the way the drift status
// judges them (normalized, ignoreDifferences honoured, extraneous objects
// counted); the newest render that matches exactly is the live revision, else
// the one with the fewest differing resources. Pure and blocking: run it on a
// worker thread, with its own git::Repository handle.
#pragma once

#include "core/error.h"
#include "git/repository.h"
#include "kube/livesnapshot.h"
#include "workspace/renderer.h"
#include "workspace/workspace.h"

#include <QCoreApplication>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>

namespace driftline::engine {

struct LiveRevisionMatch {
    QString environment;
    QString applicationId;
    QString commitId;           // empty: no commit could be judged (no history, every render failed)
    QString shortId;
    bool exact = false;         // the render at commitId equals the live objects
    int differingResources = 0; // resources not Synced at commitId (0 when exact)
    int rendered = 0;           // commits rendered to find the answer
    bool canceled = false;      // stopped early: the answer covers the commits rendered so far
    QStringList renderErrors;   // commits whose render failed, "short: message"

    // "live = 1a2b3c4d", "live ≈ 1a2b3c4d, 1 resource differs", "live revision unknown" (translated).
    QString text() const;
};

class LiveRevision
{
    Q_DECLARE_TR_FUNCTIONS(driftline::engine::LiveRevision)

public:
    static constexpr int DefaultMaxCommits = 30;

    // The repository paths an application's render depends on at `commitId`: its
    // own folder plus what its kustomization pulls in (../../base, components,
    // patch files), as the renderer that would render it reports them (the same
    // inputs the render cache is keyed by). "" stands for the whole repository
    // (a reference that cannot be resolved, a symlink that may lead anywhere).
    static Result<QStringList> inputPaths(const git::Repository& repo, const QString& commitId,
        const workspace::Application& application);

    // The commits reachable from `from` that touched any of the inputs (taken at
    // `from`), newest first, at most `maxCount`.
    static Result<QList<git::CommitInfo>> history(const git::Repository& repo, const workspace::Application& application,
        const QString& from = QStringLiteral("HEAD"), int maxCount = DefaultMaxCommits);

    struct Request {
        workspace::Application application;
        QList<git::CommitInfo> history; // newest first (history() gives it)
        std::shared_ptr<const kube::LiveSnapshot> live;
        workspace::ApplicationRenderer::Options renderOptions; // cacheDir: share the window's render cache
        const std::atomic_bool* canceled = nullptr; // checked before each render
    };

    // Renders `request.application` at each commit of the history until one
    // matches live exactly. Error when there is no live snapshot or it is incomplete.
    static Result<LiveRevisionMatch> find(const git::Repository& repo, const Request& request);
};

} // namespace driftline::engine

Q_DECLARE_METATYPE(driftline::engine::LiveRevisionMatch)
