// GraphLayout: places the nodes and routes the edges of a directed graph with
// Graphviz's `dot` (layered, left to right), through libgvc in-process, and
// writes the same graph as DOT text. It knows nothing about Kubernetes: the
// resource graph hands it boxes of a fixed size and the edges between them, and
// the view draws what comes back. No Graphviz type leaks out of this header.
//
// Thread safety: libgvc and cgraph keep process-wide state (error buffers,
// string pools, the locale switch inside gvLayout), so layout() serializes all
// calls on one internal mutex. It is meant to be called from a worker thread
// (QtConcurrent); concurrent callers simply wait for each other. toDot() is a
// pure function and needs no lock.
#pragma once

#include "core/error.h"

#include <QHash>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QString>

namespace driftline::engine {

class GraphLayout
{
public:
    struct Input {
        struct Node {
            QString id;          // any text (resource keys hold "/" and ":"); unique
            double width = 0.0;  // points (1/72 inch), the box the view will draw
            double height = 0.0; // points
            QString label;       // only for toDot(); the layout uses fixed-size boxes
        };
        struct Edge {
            QString from; // a Node::id
            QString to;   // a Node::id
            QString style; // "solid" / "dashed": written to DOT, no effect on the layout
        };
        QList<Node> nodes;
        QList<Edge> edges;
        bool leftToRight = true;      // false: top to bottom
        double nodeSeparation = 18.0; // points between neighbours in one rank
        double rankSeparation = 54.0; // points between ranks
        // Centres of the nodes (Result coordinates) from a previous layout.
        // `dot` never honours input positions (pos/pin are neato/fdp only), so
        // the hint works the one way dot allows: nodes and edges are fed in the
        // order of their previous cross-rank coordinate, which is the initial
        // order dot's crossing minimization starts from. Unchanged parts of a
        // graph therefore tend to keep their relative order; absolute positions
        // can still move. Then the whole result is moved by the median offset
        // of the hinted nodes, so the unchanged bulk lands where it was (a Pod
        // added in the first rank's top otherwise pushes everything down by a
        // node). toDot() writes the hints as pos="x,y" (points).
        QHash<QString, QPointF> previousPositions;
    };

    struct Result {
        struct EdgePath {
            QString from;
            QString to;
            // Cubic Bézier control points: p0, then three per segment (c1, c2, end).
            QList<QPointF> points;
            QPointF arrowHead; // the arrow's tip when hasArrow; the spline ends at its base
            bool hasArrow = false;
        };
        QRectF bounds;                // the whole drawing; top-left at (0, 0) unless previousPositions moved it
        QHash<QString, QRectF> nodes; // by Node::id; top-left origin, y down, in points
        QList<EdgePath> edges;        // in Input::edges order
    };

    // Runs `dot` on the graph. Fails on an empty or duplicate node id, a
    // non-positive size, an edge naming an unknown node, or a libgvc error (its
    // text in the detail). Serialized: see the header comment.
    static driftline::Result<Result> layout(const Input& input);

    // The same graph as DOT text, for `dot` and for people: nodes named n0, n1…
    // (the real ids in the `id` attribute, which SVG output keeps), labels
    // (the id when empty) escaped, sizes in inches, edge styles.
    static QString toDot(const Input& input);
};

} // namespace driftline::engine
