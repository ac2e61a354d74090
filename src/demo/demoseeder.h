// Puts the demo's story into a cluster: an older revision of the demo repository
// applied the way Driftline applies (server-side apply, field manager
// "driftline", the tracking annotation), then a few edits by hand through the
// API as people make them (kubectl scale, kubectl edit, a deleted Service, an
// object nobody committed), so the demo opens with real drift to look at.
#pragma once

#include "core/error.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace driftline::kube {
class KubeClient;
}

namespace driftline::demo {

class DemoSeeder
{
    Q_DECLARE_TR_FUNCTIONS(driftline::demo::DemoSeeder)

public:
    // The revision the demo cluster starts from: one before the tip (the api
    // runs 2.0.0 in the cluster while Git already says 2.0.1).
    static constexpr auto SeedRevision = "HEAD~1";

    struct Report {
        QString commitId;  // the revision applied
        int applied = 0;   // objects applied
        QStringList edits; // the hand edits made afterwards, for people
        QList<Error> errors; // objects that could not be applied (the others were)
    };

    // Whether `client`'s cluster already holds the demo (a kept sandbox state):
    // then seeding is skipped so the user's own changes survive a restart.
    static Result<bool> isSeeded(kube::KubeClient& client);

    // Blocking: call it on a worker thread. `progress` receives short texts.
    static Result<Report> seed(const QString& repositoryPath, kube::KubeClient& client,
        const std::function<void(const QString&)>& progress = {});
};

} // namespace driftline::demo
