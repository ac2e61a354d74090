#include "engine/graphsvg.h"

#include "engine/health.h"

#include <QBuffer>
#include <QHash>
#include <QXmlStreamWriter>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace driftline::engine {

namespace {

// No font metrics without QtGui: widths are estimated from average glyph widths,
// generously, so text rarely touches a box's border. The same boxes go to DOT,
// where `dot` sets the label in its default 14 pt font: the estimates cover
// that too, so `dot -Tsvg` on our DOT does not complain the boxes are too small.
constexpr double NameCharWidth = 8.0;  // 13 px bold sans; 14 pt Times
constexpr double SmallCharWidth = 7.2; // 11 px sans; 14 pt Times
constexpr double BoxPadding = 10.0;
constexpr double MinBoxWidth = 110.0;
constexpr double MaxBoxWidth = 320.0;
constexpr double BoxHeight = 62.0; // three lines of 14 pt, as dot spaces them, and its margins
constexpr double Margin = 16.0;
constexpr double LegendRowHeight = 22.0;

const QList<EdgeType> EdgeTypes = {EdgeType::Contains, EdgeType::Owns,   EdgeType::Uses, EdgeType::Selects,
                                   EdgeType::Routes,   EdgeType::Scales, EdgeType::Binds};
const QList<Health::Status> HealthOrder = {Health::Status::Healthy, Health::Status::Progressing,
                                           Health::Status::Degraded, Health::Status::Suspended,
                                           Health::Status::Missing, Health::Status::Unknown};

QString number(double value)
{
    QString text = QString::number(value, 'f', 2);
    // "12.50" → "12.5", "12.00" → "12": shorter files, same picture.
    while (text.endsWith(u'0'))
        text.chop(1);
    if (text.endsWith(u'.'))
        text.chop(1);
    return text == u"-0"_s ? u"0"_s : text;
}

QString fillFor(const GraphNode& node)
{
    if (!node.health)
        return node.type == GraphNode::Type::Application ? u"#eceff1"_s : u"#ffffff"_s;
    switch (*node.health) {
    case Health::Status::Healthy:
        return u"#e8f5e9"_s;
    case Health::Status::Progressing:
        return u"#e3f2fd"_s;
    case Health::Status::Degraded:
        return u"#ffebee"_s;
    case Health::Status::Suspended:
        return u"#f3e5f5"_s;
    case Health::Status::Missing:
        return u"#fff3e0"_s;
    case Health::Status::Unknown:
        break;
    }
    return u"#f5f5f5"_s;
}

QString strokeFor(const GraphNode& node)
{
    if (!node.sync)
        return node.missing ? u"#c62828"_s : u"#546e7a"_s;
    switch (*node.sync) {
    case SyncStatus::Synced:
        return u"#2e7d32"_s;
    case SyncStatus::OutOfSync:
        return u"#ef6c00"_s;
    case SyncStatus::Missing:
        return u"#c62828"_s;
    case SyncStatus::Extraneous:
        return u"#6a1b9a"_s;
    case SyncStatus::Unknown:
        break;
    }
    return u"#9e9e9e"_s;
}

// Not in the cluster: referenced by something but nowhere, or in Git but not applied.
bool drawnDashed(const GraphNode& node)
{
    // An application is never "in the cluster" itself: its Missing is a roll-up.
    return node.missing || (node.type == GraphNode::Type::Resource && node.sync == SyncStatus::Missing);
}

struct EdgeLook {
    QString colour;
    QString dashes; // SVG stroke-dasharray; empty: solid
    double width = 1.2;
};

EdgeLook edgeLook(EdgeType type)
{
    switch (type) {
    case EdgeType::Contains:
        return {u"#b0bec5"_s, {}, 1.0};
    case EdgeType::Owns:
        return {u"#546e7a"_s, {}, 1.2};
    case EdgeType::Uses:
        return {u"#1565c0"_s, u"2,3"_s, 1.4};
    case EdgeType::Selects:
        return {u"#6a1b9a"_s, u"6,4"_s, 1.2};
    case EdgeType::Routes:
        return {u"#00838f"_s, {}, 2.0};
    case EdgeType::Scales:
        return {u"#ef6c00"_s, u"8,3,2,3"_s, 1.2};
    case EdgeType::Binds:
        return {u"#5d4037"_s, u"2,3"_s, 1.4};
    }
    return {};
}

QString edgeLegendText(EdgeType type)
{
    switch (type) {
    case EdgeType::Contains:
        return GraphSvg::tr("contains");
    case EdgeType::Owns:
        return GraphSvg::tr("owns");
    case EdgeType::Uses:
        return GraphSvg::tr("uses");
    case EdgeType::Selects:
        return GraphSvg::tr("selects");
    case EdgeType::Routes:
        return GraphSvg::tr("routes to");
    case EdgeType::Scales:
        return GraphSvg::tr("scales");
    case EdgeType::Binds:
        return GraphSvg::tr("binds");
    }
    return {};
}

double boxWidth(const QStringList& lines)
{
    double width = 0.0;
    for (qsizetype i = 0; i < lines.size(); ++i)
        width = std::max(width, double(lines[i].size()) * (i == 1 ? NameCharWidth : SmallCharWidth));
    return std::clamp(width + 2 * BoxPadding, MinBoxWidth, MaxBoxWidth);
}

// What fits in a box `width` wide; the full text stays in the node's <title>.
QString elided(const QString& text, double width, double charWidth)
{
    // Half a character of slack: Graphviz rounds the box sizes it hands back.
    const qsizetype fits = qsizetype((width - 2 * BoxPadding) / charWidth + 0.5);
    if (text.size() <= fits || fits < 2)
        return text;
    return text.left(fits - 1) + u'…';
}

void writeText(QXmlStreamWriter& xml, double x, double y, const QString& text, const QString& size,
               const QString& colour, bool bold = false, bool centred = true)
{
    xml.writeStartElement(u"text"_s);
    xml.writeAttribute(u"x"_s, number(x));
    xml.writeAttribute(u"y"_s, number(y));
    if (centred)
        xml.writeAttribute(u"text-anchor"_s, u"middle"_s);
    xml.writeAttribute(u"font-size"_s, size);
    if (bold)
        xml.writeAttribute(u"font-weight"_s, u"bold"_s);
    xml.writeAttribute(u"fill"_s, colour);
    xml.writeCharacters(text);
    xml.writeEndElement();
}

// "M x,y C x,y x,y x,y …" from GraphLayout's control points (p0, then three per segment).
QString pathData(const QList<QPointF>& points)
{
    if (points.isEmpty())
        return {};
    QString d = u"M "_s + number(points[0].x()) + u',' + number(points[0].y());
    const bool cubic = (points.size() - 1) % 3 == 0;
    for (qsizetype i = 1; i < points.size(); ++i) {
        if (cubic && (i - 1) % 3 == 0)
            d += u" C"_s;
        else if (!cubic)
            d += u" L"_s;
        d += u' ' + number(points[i].x()) + u',' + number(points[i].y());
    }
    return d;
}

} // namespace

QStringList GraphSvg::labelLines(const GraphNode& node)
{
    QString status;
    if (node.type == GraphNode::Type::Group && !node.reason.isEmpty()) {
        status = node.reason; // the members' health breakdown: "11 Healthy, 1 Degraded"
    } else {
        QStringList parts;
        if (node.sync)
            parts << DriftStatus::syncName(*node.sync);
        // "Missing · Missing" says nothing twice.
        if (node.health && !(node.sync == SyncStatus::Missing && *node.health == Health::Status::Missing))
            parts << HealthAssessor::statusName(*node.health);
        if (parts.isEmpty() && node.missing)
            parts << HealthAssessor::statusName(Health::Status::Missing);
        if (parts.isEmpty() && node.external)
            parts << tr("External");
        status = parts.join(u" · "_s);
    }
    QStringList lines {node.kind, node.name};
    if (!status.isEmpty())
        lines << status;
    return lines;
}

QString GraphSvg::edgeStyle(EdgeType type)
{
    switch (type) {
    case EdgeType::Contains:
    case EdgeType::Owns:
        return u"solid"_s;
    case EdgeType::Uses:
    case EdgeType::Binds:
        return u"dotted"_s;
    case EdgeType::Selects:
    case EdgeType::Scales:
        return u"dashed"_s;
    case EdgeType::Routes:
        return u"bold"_s;
    }
    return u"solid"_s;
}

GraphLayout::Input GraphSvg::layoutInput(const ResourceGraph& graph)
{
    GraphLayout::Input input;
    input.nodes.reserve(graph.nodes().size());
    for (const GraphNode& node : graph.nodes()) {
        const QStringList lines = labelLines(node);
        input.nodes.append({node.id, boxWidth(lines), BoxHeight, lines.join(u'\n')});
    }
    input.edges.reserve(graph.edges().size());
    for (const GraphEdge& edge : graph.edges())
        input.edges.append({edge.from, edge.to, edgeStyle(edge.type)});
    return input;
}

QByteArray GraphSvg::write(const ResourceGraph& graph, const GraphLayout::Result& layout, const QString& title)
{
    // The legend: one row of edge types, one of health fills and the dashed box.
    struct LegendItem {
        QString text;
        std::optional<EdgeType> edge;
        std::optional<Health::Status> health;
        bool dashedBox = false;
    };
    QList<QList<LegendItem>> legend(2);
    for (EdgeType type : EdgeTypes)
        legend[0].append({edgeLegendText(type), type, std::nullopt});
    for (Health::Status status : HealthOrder)
        legend[1].append({HealthAssessor::statusName(status), std::nullopt, status});
    legend[1].append({tr("not in the cluster"), std::nullopt, std::nullopt, true});
    constexpr double SampleWidth = 28.0;
    constexpr double ItemGap = 18.0;
    auto itemWidth = [](const LegendItem& item) {
        return SampleWidth + 6.0 + double(item.text.size()) * SmallCharWidth + ItemGap;
    };
    double legendWidth = 0.0;
    for (const QList<LegendItem>& row : std::as_const(legend)) {
        double width = 0.0;
        for (const LegendItem& item : row)
            width += itemWidth(item);
        legendWidth = std::max(legendWidth, width);
    }

    const QRectF bounds = layout.bounds;
    const double legendTop = bounds.bottom() + 2 * Margin;
    const double width = std::max(bounds.width(), legendWidth) + 2 * Margin;
    const double height = legendTop + legend.size() * LegendRowHeight + Margin - (bounds.top() - Margin);
    const QString viewBox = number(bounds.left() - Margin) + u' ' + number(bounds.top() - Margin) + u' '
        + number(width) + u' ' + number(height);

    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    QXmlStreamWriter xml(&buffer);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(1);
    xml.writeStartDocument();
    xml.writeDefaultNamespace(u"http://www.w3.org/2000/svg"_s);
    xml.writeStartElement(u"svg"_s);
    xml.writeAttribute(u"version"_s, u"1.1"_s);
    xml.writeAttribute(u"width"_s, number(width));
    xml.writeAttribute(u"height"_s, number(height));
    xml.writeAttribute(u"viewBox"_s, viewBox);
    xml.writeAttribute(u"font-family"_s, u"sans-serif"_s);
    if (!title.isEmpty())
        xml.writeTextElement(u"title"_s, title);

    // One arrowhead per edge type, in its colour. GraphLayout ends each spline at the
    // arrow's base, so the marker starts there (refX 0) and reaches the tip.
    xml.writeStartElement(u"defs"_s);
    for (EdgeType type : EdgeTypes) {
        const EdgeLook look = edgeLook(type);
        xml.writeStartElement(u"marker"_s);
        xml.writeAttribute(u"id"_s, u"arrow-"_s + ResourceGraph::edgeTypeName(type));
        xml.writeAttribute(u"viewBox"_s, u"0 0 10 7"_s);
        xml.writeAttribute(u"refX"_s, u"0"_s);
        xml.writeAttribute(u"refY"_s, u"3.5"_s);
        xml.writeAttribute(u"markerUnits"_s, u"userSpaceOnUse"_s);
        xml.writeAttribute(u"markerWidth"_s, u"10"_s);
        xml.writeAttribute(u"markerHeight"_s, u"7"_s);
        xml.writeAttribute(u"orient"_s, u"auto"_s);
        xml.writeEmptyElement(u"path"_s);
        xml.writeAttribute(u"d"_s, u"M 0,0 L 10,3.5 L 0,7 z"_s);
        xml.writeAttribute(u"fill"_s, look.colour);
        xml.writeEndElement();
    }
    xml.writeEndElement(); // defs

    // Edges first, so boxes cover their ends.
    xml.writeStartElement(u"g"_s);
    xml.writeAttribute(u"id"_s, u"edges"_s);
    xml.writeAttribute(u"fill"_s, u"none"_s);
    const QList<GraphEdge>& edges = graph.edges();
    for (qsizetype i = 0; i < edges.size() && i < layout.edges.size(); ++i) {
        const GraphEdge& edge = edges[i];
        const GraphLayout::Result::EdgePath& path = layout.edges[i];
        const QString d = pathData(path.points);
        if (d.isEmpty())
            continue;
        const EdgeLook look = edgeLook(edge.type);
        const QString typeName = ResourceGraph::edgeTypeName(edge.type);
        xml.writeStartElement(u"path"_s);
        xml.writeAttribute(u"class"_s, u"edge "_s + typeName);
        xml.writeAttribute(u"d"_s, d);
        xml.writeAttribute(u"stroke"_s, look.colour);
        xml.writeAttribute(u"stroke-width"_s, number(look.width));
        if (!look.dashes.isEmpty())
            xml.writeAttribute(u"stroke-dasharray"_s, look.dashes);
        if (path.hasArrow)
            xml.writeAttribute(u"marker-end"_s, u"url(#arrow-"_s + typeName + u')');
        QString tip = edge.from + u" → "_s + edge.to + u" ("_s + typeName;
        if (!edge.detail.isEmpty())
            tip += u": "_s + edge.detail;
        xml.writeTextElement(u"title"_s, tip + u')');
        xml.writeEndElement();
    }
    xml.writeEndElement(); // edges

    const QList<GraphNode>& nodes = graph.nodes();
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        const GraphNode& node = nodes[i];
        const auto placed = layout.nodes.constFind(node.id);
        if (placed == layout.nodes.cend())
            continue;
        const QRectF box = *placed;
        const QStringList lines = labelLines(node);
        // Node ids hold "/" and ":"; the element id is the node's index, its real id the <title>.
        xml.writeStartElement(u"g"_s);
        xml.writeAttribute(u"id"_s, u"node-"_s + QString::number(i));
        xml.writeAttribute(u"class"_s, u"node"_s);
        QString tip = node.id;
        if (!node.reason.isEmpty())
            tip += u"\n"_s + node.reason;
        xml.writeTextElement(u"title"_s, tip);
        xml.writeEmptyElement(u"rect"_s);
        xml.writeAttribute(u"x"_s, number(box.x()));
        xml.writeAttribute(u"y"_s, number(box.y()));
        xml.writeAttribute(u"width"_s, number(box.width()));
        xml.writeAttribute(u"height"_s, number(box.height()));
        xml.writeAttribute(u"rx"_s, u"6"_s);
        xml.writeAttribute(u"fill"_s, fillFor(node));
        xml.writeAttribute(u"stroke"_s, strokeFor(node));
        xml.writeAttribute(u"stroke-width"_s, node.type == GraphNode::Type::Application ? u"2"_s : u"1.2"_s);
        if (drawnDashed(node))
            xml.writeAttribute(u"stroke-dasharray"_s, u"5,3"_s);
        const double cx = box.center().x();
        const double top = box.y() + (box.height() - BoxHeight) / 2;
        writeText(xml, cx, top + 19, elided(lines.value(0), box.width(), SmallCharWidth), u"11"_s, u"#546e7a"_s);
        writeText(xml, cx, top + 36, elided(lines.value(1), box.width(), NameCharWidth), u"13"_s, u"#212121"_s,
                  true);
        if (lines.size() > 2)
            writeText(xml, cx, top + 52, elided(lines.value(2), box.width(), SmallCharWidth), u"11"_s,
                      strokeFor(node));
        xml.writeEndElement(); // g
    }

    xml.writeStartElement(u"g"_s);
    xml.writeAttribute(u"id"_s, u"legend"_s);
    for (qsizetype row = 0; row < legend.size(); ++row) {
        const double y = legendTop + double(row) * LegendRowHeight;
        double x = bounds.left();
        for (const LegendItem& item : std::as_const(legend[row])) {
            if (item.edge) {
                const EdgeLook look = edgeLook(*item.edge);
                xml.writeEmptyElement(u"path"_s);
                xml.writeAttribute(u"d"_s, u"M "_s + number(x) + u',' + number(y) + u" L "_s
                                              + number(x + SampleWidth - 10) + u',' + number(y));
                xml.writeAttribute(u"stroke"_s, look.colour);
                xml.writeAttribute(u"stroke-width"_s, number(look.width));
                if (!look.dashes.isEmpty())
                    xml.writeAttribute(u"stroke-dasharray"_s, look.dashes);
                xml.writeAttribute(u"marker-end"_s, u"url(#arrow-"_s + ResourceGraph::edgeTypeName(*item.edge) + u')');
            } else {
                GraphNode sample;
                sample.health = item.health;
                xml.writeEmptyElement(u"rect"_s);
                xml.writeAttribute(u"x"_s, number(x));
                xml.writeAttribute(u"y"_s, number(y - 6));
                xml.writeAttribute(u"width"_s, number(SampleWidth));
                xml.writeAttribute(u"height"_s, u"12"_s);
                xml.writeAttribute(u"rx"_s, u"3"_s);
                xml.writeAttribute(u"fill"_s, item.dashedBox ? u"#ffffff"_s : fillFor(sample));
                xml.writeAttribute(u"stroke"_s, item.dashedBox ? u"#c62828"_s : u"#90a4ae"_s);
                if (item.dashedBox)
                    xml.writeAttribute(u"stroke-dasharray"_s, u"5,3"_s);
            }
            writeText(xml, x + SampleWidth + 6, y + 4, item.text, u"10"_s, u"#37474f"_s, false, false);
            x += itemWidth(item);
        }
    }
    xml.writeEndElement(); // legend

    xml.writeEndElement(); // svg
    xml.writeEndDocument();
    return out;
}

} // namespace driftline::engine
