// `driftline-bench cluster`: the REST client and KubeWatch against a sandbox
// preloaded with many objects, with the sandbox's raw capacity (curl) beside it.
#pragma once

#include <QString>

namespace driftline::bench {

struct ClusterBenchOptions {
    int objects = 10000;   // preloaded ConfigMaps + Deployments + Services
    int namespaces = 20;
    int updates = 1000;    // delivered through one KubeWatch
    int applies = 1000;    // server-side applies, by the client and by curl
    int inFlight = 8;
    QString curl = QStringLiteral("curl"); // program; absent: that part is skipped
};

// Prints the figures; returns 0 when every part ran and nothing was lost.
int runClusterBench(const ClusterBenchOptions& options);

} // namespace driftline::bench
