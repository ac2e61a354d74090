#include "gui/graphitems.h"

#include "engine/driftstatus.h"
#include "gui/icons.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPalette>
#include <QStyleOptionGraphicsItem>

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

GraphNodeItem::GraphNodeItem(const engine::GraphNode& node, const QSizeF& size)
    : m_node(node)
    , m_size(size)
{
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(false);
    setToolTip(toolTipFor(node));
    setData(0, node.id);
}

QRectF GraphNodeItem::boundingRect() const
{
    return QRectF(QPointF(-2, -2), m_size + QSizeF(4, 4));
}

void GraphNodeItem::setNode(const engine::GraphNode& node)
{
    m_node = node;
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
    Q_UNUSED(widget)
    const QRectF box(QPointF(0, 0), m_size);
    const QPalette palette = widget ? widget->palette() : QPalette();
    const bool selected = option->state & QStyle::State_Selected;
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());

    QColor fill = palette.color(QPalette::Base);
    if (m_node.type == engine::GraphNode::Type::Application)
        fill = palette.color(QPalette::AlternateBase);
    if (m_node.missing || m_node.external)
        fill = palette.color(QPalette::Window);

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
    if (lod < 0.45)
        return; // too small to read: boxes and colours only

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
    painter->setPen(palette.color(m_node.missing ? QPalette::PlaceholderText : QPalette::Text));
    painter->setFont(small);
    const QString kindText = m_node.missing ? QCoreApplication::translate("driftline::gui::GraphView", "%1 · missing").arg(m_node.kind)
                                            : m_node.kind;
    painter->drawText(textRect.adjusted(0, 0, 0, -textRect.height() / 2), Qt::AlignLeft | Qt::AlignBottom,
        QFontMetricsF(small).elidedText(kindText, Qt::ElideRight, textRect.width()));
    painter->setFont(bold);
    painter->drawText(textRect.adjusted(0, textRect.height() / 2, 0, 0), Qt::AlignLeft | Qt::AlignTop,
        QFontMetricsF(bold).elidedText(m_node.name, Qt::ElideMiddle, textRect.width()));
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

} // namespace driftline::gui
