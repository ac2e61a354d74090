// `driftline-bench sync`: a sync at scale. 1,000 resources (ConfigMaps and a few
// Deployments and Services across 2 namespaces) synced to a sandbox on its own
// thread through SyncOperation::run on the thread pool while this (UI) thread runs
// a 1 ms timer probe; beside it the sandbox's raw capacity in the same run: the
// same 1,000 server-side applies sent straight through KubeClient, one at a time
// and with several in flight.
#pragma once

namespace driftline::bench {

struct SyncBenchOptions {
    int resources = 1000;
    int namespaces = 2;
    int inFlight = 8; // concurrent applies of the raw-capacity run
};

// Prints the figures; returns 0 when every part ran and every resource was applied.
int runSyncBench(const SyncBenchOptions& options);

} // namespace driftline::bench
