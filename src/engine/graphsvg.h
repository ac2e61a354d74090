// GraphSvg: one application's resource graph as a picture without any GUI
// library, for `driftline graph`. It decides what a node says (kind, name,
// status) and how big its box is, which edge style each dependency type gets,
// hands that to GraphLayout (or its DOT writer), and draws the laid-out graph
// as a standalone SVG document with QXmlStreamWriter: pure text, so the CLI
// needs neither QtGui nor QtSvg. Box sizes are estimated from the text length,
// since there are no font metrics here. Only names and statuses are written,
// never an object's data.
#pragma once

#include "engine/graphlayout.h"
#include "engine/resourcegraph.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace driftline::engine {

class GraphSvg
{
    Q_DECLARE_TR_FUNCTIONS(driftline::engine::GraphSvg)

public:
    // The lines a node shows: its kind, its name and its status ("OutOfSync · Healthy";
    // a group's health breakdown; "Missing" or "External" for referenced objects).
    // Status words are translated: the picture is for people.
    static QStringList labelLines(const GraphNode& node);
    // A DOT edge style per type: contains/owns "solid", uses/binds "dotted",
    // selects/scales "dashed", routes "bold".
    static QString edgeStyle(EdgeType type);
    // The graph as GraphLayout input: one box per node, sized for its label lines
    // (which also fill Node::label, newline-separated, for toDot()), one edge per
    // edge with its style, left to right.
    static GraphLayout::Input layoutInput(const ResourceGraph& graph);
    // A standalone SVG 1.1 document (UTF-8) of `graph` drawn where `layout` (the
    // layout of layoutInput(graph)) placed it: a <g id="node-N" class="node"> per
    // node with a rounded box (filled by health, stroked by sync, dashed when the
    // object is not in the cluster), its label lines and a <title> with its id;
    // a <path> per edge with an arrow marker; a legend below. `title` names the
    // drawing (the document's <title>).
    static QByteArray write(const ResourceGraph& graph, const GraphLayout::Result& layout, const QString& title = {});
};

} // namespace driftline::engine
