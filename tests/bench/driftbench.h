// `driftline-bench drift`: the drift engine at scale. The foundation benchmark's
// repository (3 environments x N applications x 10 resources) rendered, a sandbox
// holding the same objects as Driftline applies them with 5 % of them edited by
// hand, then: reading the cluster, the full drift computation, and the time from
// one watch event to the updated status. Also the text diff of two 20,000-line
// canonical YAML files against `git diff --no-index --histogram`.
#pragma once

#include <QJsonObject>
#include <QSet>
#include <QString>

namespace driftline::bench {

struct DriftBenchOptions {
    int applications = 300; // per environment
    int events = 20;        // single edits timed from request to status
    double changedShare = 0.05;
    QString git = QStringLiteral("git"); // program for the diff comparison; absent: skipped
    int diffLines = 20000;
};

// Prints the figures; returns 0 when every part ran and found what it should.
int runDriftBench(const DriftBenchOptions& options);
int runDiffBench(const DriftBenchOptions& options);
// The YAML diff panel opening a 1 MB object: time to first paint, the UI thread's
// longest stall. Needs a QApplication.
int runPanelBench(const DriftBenchOptions& options);

// A CustomResourceDefinition whose schema has `properties` fields (8 lines of
// canonical YAML each); those numbered in `changed` differ on 2 of their lines.
QJsonObject bigCustomResourceDefinition(int properties, const QSet<int>& changed);

} // namespace driftline::bench
