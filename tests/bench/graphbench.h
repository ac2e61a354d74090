// `driftline-bench graph`: the resource graph at scale. An application of 5,000
// live objects opened in a real GraphView (time to first paint, nodes before and
// after folding); a 1,000-node, 2,000-edge graph through the view's whole pipeline
// (model, layout and scene) against `dot -Tplain` on the same DOT; paint time of a
// full-view and a zoomed-in frame; the UI thread's longest stall meanwhile.
#pragma once

#include <QString>

namespace driftline::bench {

struct GraphBenchOptions {
    int runs = 5;                       // timed repetitions of each scenario (medians reported)
    QString dot = QStringLiteral("dot"); // the Graphviz program to compare with; absent: skipped
};

// Prints the figures; returns 0 when every part ran and showed what it should. Needs a QApplication.
int runGraphBench(const GraphBenchOptions& options);

} // namespace driftline::bench
