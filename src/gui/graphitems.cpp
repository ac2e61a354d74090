#include "gui/graphitems.h"

#include "engine/driftstatus.h"
#include "gui/icons.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPalette>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace driftline::gui {

namespace {

// The same mapping as the tree's status icons, one badge per dimension.
Icons::Status syncIconStatus(engine::SyncStatus sync)
{
    switch (sync) {
    case engine::SyncStatus::Synced:
        return Icons::Status::Ok;
    case engine::SyncStatus::OutOfSync:
    case engine::SyncStatus::Extraneous:
        return Icons::Status::Warning;
    case engine::SyncStatus::Missing:
        return Icons::Status::Error;
    case engine::SyncStatus::Unknown:
        break;
    }
    return Icons::Status::Pending;
}

Icons::Status healthIconStatus(engine::Health::Status health)
{
    using H = engine::Health::Status;
    switch (health) {
    case H::Healthy:
        return Icons::Status::Ok;
    case H::Suspended:
        return Icons::Status::Warning;
    case H::Degraded:
    case H::Missing:
        return Icons::Status::Error;
    case H::Progressing:
    case H::Unknown:
        break;
    }
    return Icons::Status::Pending;
}

int severity(Icons::Status s)
{
    switch (s) {
    case Icons::Status::Ok:
        return 0;
    case Icons::Status::Pending:
        return 1;
    case Icons::Status::Warning:
        return 2;
    case Icons::Status::Error:
        return 3;
    }
    return 0;
}

} // namespace

GraphNodeItem::GraphNodeItem(const engine::GraphNode& node, const QSizeF& size, const QString& toolTip)
    : m_node(node)
    , m_size(size)
{
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(false);
    setToolTip(toolTip.isEmpty() ? toolTipFor(node) : toolTip);
    setData(0, node.id);
}

QRectF GraphNodeItem::boundingRect() const
{
    return QRectF(QPointF(-2, -2), m_size + QSizeF(4, 4));
}

void GraphNodeItem::setNode(const engine::GraphNode& node)
{
    m_node = node;
    m_elidedFor = -1; // a name or a "missing" state may have changed
    setToolTip(toolTipFor(node));
    update();
}

QPen GraphNodeItem::borderPen() const
{
    QPen pen(QColor(0x70, 0x70, 0x70), 1.2);
    if (m_node.missing) {
        pen.setStyle(Qt::DashLine);
        pen.setColor(Icons::statusColor(Icons::Status::Error));
    }
    if (m_node.type == engine::GraphNode::Type::Application)
        pen.setWidthF(2.4);
    return pen;
}

QColor GraphNodeItem::statusColor() const
{
    Icons::Status worst = Icons::Status::Ok;
    if (m_node.sync && severity(syncIconStatus(*m_node.sync)) > severity(worst))
        worst = syncIconStatus(*m_node.sync);
    if (m_node.health && severity(healthIconStatus(*m_node.health)) > severity(worst))
        worst = healthIconStatus(*m_node.health);
    if (m_node.missing)
        worst = Icons::Status::Error;
    return Icons::statusColor(worst);
}

void GraphNodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget)
{
    const QRectF box(QPointF(0, 0), m_size);
    const QPalette palette = widget ? widget->palette() : QPalette();
    const bool selected = option->state & QStyle::State_Selected;
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());

    QColor fill = palette.color(QPalette::Base);
    if (m_node.type == engine::GraphNode::Type::Application)
        fill = palette.color(QPalette::AlternateBase);
    if (m_node.missing || m_node.external)
        fill = palette.color(QPalette::Window);

    if (lod < DetailScale) {
        // Far out a node is a few pixels: square corners without antialiasing look the
        // same there and cost a fraction (a fitted 1,000-node frame is mostly this).
        m_lastDetailed = false;
        const bool antialiased = painter->testRenderHint(QPainter::Antialiasing);
        painter->setRenderHint(QPainter::Antialiasing, false);
        QPen border = borderPen();
        border.setCosmetic(true);
        border.setWidthF(selected ? 2.0 : 1.0);
        if (selected)
            border.setColor(palette.color(QPalette::Highlight));
        painter->setPen(border);
        painter->setBrush(fill);
        painter->drawRect(box);
        painter->fillRect(QRectF(box.left(), box.top(), std::max<qreal>(8, box.width() * 0.08), box.height()),
            statusColor());
        painter->setRenderHint(QPainter::Antialiasing, antialiased);
        return;
    }
    m_lastDetailed = true;

    painter->setPen(borderPen());
    painter->setBrush(fill);
    painter->drawRoundedRect(box, 6, 6);
    if (m_node.type == engine::GraphNode::Type::Group) // a second border: many objects behind one box
        painter->drawRoundedRect(box.adjusted(3, 3, -3, -3), 4, 4);
    // The status stripe on the left: readable even when the text is not drawn.
    painter->setPen(Qt::NoPen);
    painter->setBrush(statusColor());
    painter->drawRoundedRect(QRectF(box.left() + 1, box.top() + 1, 5, box.height() - 2), 2, 2);
    if (selected) {
        painter->setPen(QPen(palette.color(QPalette::Highlight), 2.5));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(box.adjusted(-1.5, -1.5, 1.5, 1.5), 7, 7);
    }

    const qreal iconSize = 20;
    const QRectF iconRect(10, (box.height() - iconSize) / 2, iconSize, iconSize);
    const QIcon icon = m_node.type == engine::GraphNode::Type::Application ? Icons::application() : Icons::kind(m_node.kind);
    icon.paint(painter, iconRect.toRect());

    // Badges on the right: sync above, health below.
    const qreal badge = 12;
    const qreal badgeX = box.right() - badge - 6;
    if (m_node.sync)
        Icons::status(syncIconStatus(*m_node.sync)).paint(painter, QRectF(badgeX, 7, badge, badge).toRect());
    if (m_node.health)
        Icons::status(healthIconStatus(*m_node.health))
            .paint(painter, QRectF(badgeX, box.height() - badge - 7, badge, badge).toRect());

    const QRectF textRect(iconRect.right() + 7, 5, badgeX - iconRect.right() - 11, box.height() - 10);
    QFont small = painter->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    QFont bold = painter->font();
    bold.setBold(true);
    if (m_elidedFor != textRect.width()) {
        const QString kindText = m_node.missing
            ? QCoreApplication::translate("driftline::gui::GraphView", "%1 · missing").arg(m_node.kind)
            : m_node.kind;
        m_kindText = QFontMetricsF(small).elidedText(kindText, Qt::ElideRight, textRect.width());
        m_nameText = QFontMetricsF(bold).elidedText(m_node.name, Qt::ElideMiddle, textRect.width());
        m_elidedFor = textRect.width();
    }
    painter->setPen(palette.color(m_node.missing ? QPalette::PlaceholderText : QPalette::Text));
    painter->setFont(small);
    painter->drawText(textRect.adjusted(0, 0, 0, -textRect.height() / 2), Qt::AlignLeft | Qt::AlignBottom, m_kindText);
    painter->setFont(bold);
    painter->drawText(textRect.adjusted(0, textRect.height() / 2, 0, 0), Qt::AlignLeft | Qt::AlignTop, m_nameText);
}

QString GraphNodeItem::toolTipFor(const engine::GraphNode& node)
{
    const auto tr = [](const char* text) { return QCoreApplication::translate("driftline::gui::GraphView", text); };
    QStringList lines;
    if (node.type == engine::GraphNode::Type::Application) {
        lines << tr("Application %1").arg(node.name);
    } else if (node.type == engine::GraphNode::Type::Group) {
        lines << node.name;
        for (auto it = node.healthCounts.cbegin(); it != node.healthCounts.cend(); ++it)
            lines << tr("%1: %2").arg(engine::HealthAssessor::statusName(it.key())).arg(it.value());
        for (auto it = node.syncCounts.cbegin(); it != node.syncCounts.cend(); ++it)
            lines << tr("%1: %2").arg(engine::DriftStatus::syncName(it.key())).arg(it.value());
        lines << tr("Double-click to expand");
    } else {
        lines << tr("%1 %2").arg(node.kind, node.name);
        if (!node.namespace_.isEmpty())
            lines << tr("Namespace: %1").arg(node.namespace_);
        if (node.missing)
            lines << tr("Referenced, but neither in Git nor in the cluster");
        else if (node.external)
            lines << tr("Not part of the application");
    }
    if (node.sync)
        lines << tr("Sync: %1").arg(engine::DriftStatus::syncName(*node.sync));
    if (node.health)
        lines << tr("Health: %1").arg(engine::HealthAssessor::statusName(*node.health));
    if (!node.reason.isEmpty())
        lines << node.reason;
    return lines.join(u'\n');
}

namespace {

constexpr int FineSteps = 12; // per Bézier segment: smooth up to the view's 4x zoom

QPointF bezierAt(const QPointF& p0, const QPointF& c1, const QPointF& c2, const QPointF& p1, qreal t)
{
    const qreal u = 1 - t;
    return u * u * u * p0 + 3 * u * u * t * c1 + 3 * u * t * t * c2 + t * t * t * p1;
}

} // namespace

GraphEdgeGeometry GraphEdgeGeometry::make(engine::EdgeType type, const QString& from, const QString& to,
    const QList<QPointF>& points, std::optional<QPointF> arrowTip, const QString& toolTip)
{
    GraphEdgeGeometry g;
    g.type = type;
    g.from = from;
    g.to = to;
    g.toolTip = toolTip;
    if (points.isEmpty())
        return g;
    g.curve.moveTo(points.first());
    g.coarse.append(points.first());
    g.fine.append(points.first());
    for (qsizetype p = 1; p + 2 < points.size(); p += 3) {
        const QPointF start = points.at(p - 1);
        g.curve.cubicTo(points.at(p), points.at(p + 1), points.at(p + 2));
        // Two inner points per segment keep a far-out line on the curve's course.
        g.coarse.append(bezierAt(start, points.at(p), points.at(p + 1), points.at(p + 2), 1.0 / 3));
        g.coarse.append(bezierAt(start, points.at(p), points.at(p + 1), points.at(p + 2), 2.0 / 3));
        g.coarse.append(points.at(p + 2));
        for (int step = 1; step <= FineSteps; ++step)
            g.fine.append(bezierAt(start, points.at(p), points.at(p + 1), points.at(p + 2), qreal(step) / FineSteps));
    }
    g.bounds = g.curve.controlPointRect();
    if (arrowTip) {
        // A small triangle from the spline's end (the arrow's base) to the tip.
        const QPointF base = points.last();
        const QPointF dir = *arrowTip - base;
        const qreal length = std::hypot(dir.x(), dir.y());
        if (length > 0.01) {
            const QPointF normal(-dir.y() / length * 3.5, dir.x() / length * 3.5);
            g.arrowHead = QPolygonF({*arrowTip, base + normal, base - normal});
            g.bounds = g.bounds.united(g.arrowHead.boundingRect());
        }
        g.coarse.append(*arrowTip);
    }
    return g;
}

GraphEdgeItem::GraphEdgeItem(GraphEdgeGeometry geometry, const QPen& pen)
    : m_geometry(std::move(geometry))
    , m_pen(pen)
    // The pen is cosmetic (1.3 px): two points of margin cover it from 0.65x up.
    , m_bounds(m_geometry.bounds.adjusted(-2, -2, 2, 2))
{
    setZValue(-1); // under the nodes, which paint over the edges' ends
    // For option->exposedRect: a frame draws only the part of a long edge it shows.
    setFlag(ItemUsesExtendedStyleOption);
    setToolTip(m_geometry.toolTip);
}

QPainterPath GraphEdgeItem::shape() const
{
    if (!m_shape) {
        QPainterPathStroker stroker;
        stroker.setWidth(6);
        QPainterPath band = stroker.createStroke(m_geometry.curve);
        if (!m_geometry.arrowHead.isEmpty())
            band.addPolygon(m_geometry.arrowHead);
        m_shape = band;
    }
    return *m_shape;
}

void GraphEdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget)
{
    Q_UNUSED(widget)
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    if (lod < GraphNodeItem::DetailScale) {
        // A thin solid line through a few points: dashes along Béziers are what made
        // a fitted 1,000-node frame slow, and heads are invisible at this size.
        m_lastDetailed = false;
        const bool antialiased = painter->testRenderHint(QPainter::Antialiasing);
        painter->setRenderHint(QPainter::Antialiasing, false);
        QPen thin(m_pen.color(), 0); // cosmetic, one pixel
        painter->setPen(thin);
        painter->setBrush(Qt::NoBrush);
        painter->drawPolyline(m_geometry.coarse);
        painter->setRenderHint(QPainter::Antialiasing, antialiased);
        return;
    }
    m_lastDetailed = true;
    const bool antialiased = painter->testRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::Antialiasing, antialiased && m_antialiased);
    painter->setPen(m_pen);
    painter->setBrush(Qt::NoBrush);
    // Only the runs of segments the frame shows: an application's edges fan out
    // across the whole graph, and stroking them end to end, antialiased, was most
    // of a zoomed-in frame.
    const QPolygonF& line = m_geometry.fine;
    const QRectF visible = option->exposedRect.adjusted(-4, -4, 4, 4);
    if (visible.contains(m_geometry.bounds)) {
        painter->drawPolyline(line);
    } else {
        qsizetype runStart = -1;
        for (qsizetype i = 1; i <= line.size(); ++i) {
            const bool shown = i < line.size() && visible.intersects(QRectF(line.at(i - 1), line.at(i)).normalized().adjusted(-0.5, -0.5, 0.5, 0.5));
            if (shown && runStart < 0)
                runStart = i - 1;
            if (!shown && runStart >= 0) {
                painter->drawPolyline(line.constData() + runStart, int(i - runStart));
                runStart = -1;
            }
        }
    }
    if (!m_geometry.arrowHead.isEmpty() && visible.intersects(m_geometry.arrowHead.boundingRect())) {
        QPen solid = m_pen;
        solid.setStyle(Qt::SolidLine);
        painter->setPen(solid);
        painter->setBrush(m_pen.color());
        painter->drawPolygon(m_geometry.arrowHead);
    }
    painter->setRenderHint(QPainter::Antialiasing, antialiased);
}

} // namespace driftline::gui
