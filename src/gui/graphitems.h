// The items of the resource graph view. GraphNodeItem: one node, a rounded box
// painted from an engine::GraphNode (kind icon, kind and name, sync and health
// badges). The node value can be swapped in place, so a status change recolours
// the box without a new layout. GraphEdgeItem: one edge with its arrow head, from
// geometry computed on the worker thread (GraphEdgeGeometry), so creating it on
// the UI thread is only an allocation. Both draw less when zoomed far out.
#pragma once

#include "engine/resourcegraph.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QPen>
#include <QPolygonF>

#include <optional>

namespace driftline::gui {

class GraphNodeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 51 };

    // `toolTip` empty: toolTipFor(node) (the view computes it on its worker instead).
    GraphNodeItem(const engine::GraphNode& node, const QSizeF& size, const QString& toolTip = {});

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    const engine::GraphNode& node() const { return m_node; }
    void setNode(const engine::GraphNode& node); // recolours; the id must stay the same
    // The border as painted: dashed for missing objects, thicker for the application.
    QPen borderPen() const;
    QColor statusColor() const; // the colour of the worst of sync and health

    static QString toolTipFor(const engine::GraphNode& node);
    // Below this scale (levelOfDetailFromTransform) nodes are plain coloured boxes
    // and edges thin lines without heads: text that small cannot be read anyway.
    static constexpr qreal DetailScale = 0.45;
    // What the last paint() drew, for tests: true when text and icons were drawn.
    bool lastPaintDetailed() const { return m_lastDetailed; }

private:
    engine::GraphNode m_node;
    QSizeF m_size;
    bool m_lastDetailed = false;
    // Elided texts, for the width they were elided to: eliding is the costly part of a paint.
    QString m_kindText;
    QString m_nameText;
    qreal m_elidedFor = -1;
};

// Everything an edge item draws, computed off the UI thread (QPainterPath and
// QPolygonF are plain values).
struct GraphEdgeGeometry {
    engine::EdgeType type = engine::EdgeType::Owns;
    QString from; // node ids
    QString to;
    QPainterPath curve;  // the Bézier spline
    QPolygonF fine;      // the spline flattened finely enough to draw (a frame clips it cheaply)
    QPolygonF coarse;    // the spline as a few straight segments, for far-out frames
    QPolygonF arrowHead; // empty when the edge has none
    QRectF bounds;       // of curve and head, before the pen
    QString toolTip;

    // From dot's control points (p0, then three per segment) and the arrow's tip.
    static GraphEdgeGeometry make(engine::EdgeType type, const QString& from, const QString& to,
        const QList<QPointF>& points, std::optional<QPointF> arrowTip, const QString& toolTip);
};

class GraphEdgeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 52 };

    GraphEdgeItem(GraphEdgeGeometry geometry, const QPen& pen);

    int type() const override { return Type; }
    QRectF boundingRect() const override { return m_bounds; }
    // A band around the curve, for tooltips; built the first time something asks.
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    const GraphEdgeGeometry& geometry() const { return m_geometry; }
    QPen pen() const { return m_pen; }
    bool lastPaintDetailed() const { return m_lastDetailed; } // for tests: curve and head, or a thin line
    // Hundreds of antialiased curves crossing one frame cost tens of milliseconds;
    // the view turns antialiasing off for the edges of big graphs.
    void setAntialiased(bool on) { m_antialiased = on; }
    bool isAntialiased() const { return m_antialiased; }

private:
    GraphEdgeGeometry m_geometry;
    QPen m_pen;
    QRectF m_bounds;
    mutable std::optional<QPainterPath> m_shape;
    bool m_lastDetailed = false;
    bool m_antialiased = true;
};

} // namespace driftline::gui
