// GraphNodeItem: one node of the resource graph view, a rounded box painted from
// an engine::GraphNode (kind icon, kind and name, sync and health badges). The
// node value can be swapped in place, so a status change recolours the box
// without a new layout. Level of detail: far out, only the coloured box.
#pragma once

#include "engine/resourcegraph.h"

#include <QGraphicsItem>
#include <QPen>

namespace driftline::gui {

class GraphNodeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 51 };

    GraphNodeItem(const engine::GraphNode& node, const QSizeF& size);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    const engine::GraphNode& node() const { return m_node; }
    void setNode(const engine::GraphNode& node); // recolours; the id must stay the same
    // The border as painted: dashed for missing objects, thicker for the application.
    QPen borderPen() const;
    QColor statusColor() const; // the colour of the worst of sync and health

    static QString toolTipFor(const engine::GraphNode& node);

private:
    engine::GraphNode m_node;
    QSizeF m_size;
};

} // namespace driftline::gui
