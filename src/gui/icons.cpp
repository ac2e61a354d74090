#include "gui/icons.h"

#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QSvgRenderer>

#include <memory>

#include <functional>

using namespace Qt::StringLiterals;

namespace driftline::gui {

namespace {

// Paints the icon at a few sizes so it stays crisp in the tree and on high-DPI screens.
QIcon painted(const std::function<void(QPainter&, qreal)>& paint)
{
    QIcon icon;
    for (int size : {16, 24, 32, 48, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.scale(size / 16.0, size / 16.0);
        paint(p, size / 16.0);
        p.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

QColor kindColor(const QString& kind)
{
    static const QHash<QString, QColor> colors = {
        {u"Deployment"_s, QColor(0x33, 0x74, 0xd1)},
        {u"StatefulSet"_s, QColor(0x33, 0x74, 0xd1)},
        {u"DaemonSet"_s, QColor(0x33, 0x74, 0xd1)},
        {u"ReplicaSet"_s, QColor(0x33, 0x74, 0xd1)},
        {u"Pod"_s, QColor(0x33, 0x74, 0xd1)},
        {u"Job"_s, QColor(0x4a, 0x5f, 0xc1)},
        {u"CronJob"_s, QColor(0x4a, 0x5f, 0xc1)},
        {u"Service"_s, QColor(0x25, 0x94, 0x63)},
        {u"Ingress"_s, QColor(0x25, 0x94, 0x63)},
        {u"NetworkPolicy"_s, QColor(0x25, 0x94, 0x63)},
        {u"ConfigMap"_s, QColor(0xc2, 0x7c, 0x12)},
        {u"Secret"_s, QColor(0xb1, 0x3f, 0x5e)},
        {u"PersistentVolumeClaim"_s, QColor(0xc2, 0x7c, 0x12)},
        {u"HorizontalPodAutoscaler"_s, QColor(0x16, 0x8f, 0x9c)},
        {u"PodDisruptionBudget"_s, QColor(0x16, 0x8f, 0x9c)},
        {u"ServiceAccount"_s, QColor(0x76, 0x57, 0xbf)},
        {u"Role"_s, QColor(0x76, 0x57, 0xbf)},
        {u"RoleBinding"_s, QColor(0x76, 0x57, 0xbf)},
        {u"ClusterRole"_s, QColor(0x76, 0x57, 0xbf)},
        {u"ClusterRoleBinding"_s, QColor(0x76, 0x57, 0xbf)},
        {u"Namespace"_s, QColor(0x55, 0x61, 0x70)},
    };
    return colors.value(kind, QColor(0x7a, 0x80, 0x87));
}

// "HorizontalPodAutoscaler" -> "HP", "Deployment" -> "D": the initials of its words, at most two.
QString initials(const QString& kind)
{
    QString out;
    for (QChar c : kind) {
        if (c.isUpper())
            out += c;
        if (out.size() == 2)
            break;
    }
    return out.isEmpty() ? kind.left(1).toUpper() : out;
}

} // namespace

QIcon Icons::environment(bool production)
{
    static const QIcon normal = painted([](QPainter& p, qreal) {
        const QColor c(0x3d, 0x6f, 0x9e);
        p.setPen(Qt::NoPen);
        for (int i = 0; i < 3; ++i) {
            p.setBrush(i == 1 ? c.lighter(125) : c);
            p.drawRoundedRect(QRectF(1.5, 1.5 + i * 4.6, 13, 3.8), 1.2, 1.2);
            p.setBrush(Qt::white);
            p.drawEllipse(QPointF(12, 3.4 + i * 4.6), 0.8, 0.8);
        }
    });
    static const QIcon prod = painted([](QPainter& p, qreal) {
        const QColor c(0xb8, 0x4a, 0x3a);
        p.setPen(Qt::NoPen);
        for (int i = 0; i < 3; ++i) {
            p.setBrush(i == 1 ? c.lighter(125) : c);
            p.drawRoundedRect(QRectF(1.5, 1.5 + i * 4.6, 13, 3.8), 1.2, 1.2);
            p.setBrush(Qt::white);
            p.drawEllipse(QPointF(12, 3.4 + i * 4.6), 0.8, 0.8);
        }
    });
    return production ? prod : normal;
}

QIcon Icons::application()
{
    static const QIcon icon = painted([](QPainter& p, qreal) {
        // An isometric box: the application is a bundle of resources.
        const QColor c(0x5b, 0x6b, 0xc0);
        QPainterPath top;
        top.moveTo(8, 1.5);
        top.lineTo(14.5, 4.8);
        top.lineTo(8, 8.1);
        top.lineTo(1.5, 4.8);
        top.closeSubpath();
        QPainterPath left;
        left.moveTo(1.5, 4.8);
        left.lineTo(8, 8.1);
        left.lineTo(8, 14.8);
        left.lineTo(1.5, 11.5);
        left.closeSubpath();
        QPainterPath right;
        right.moveTo(14.5, 4.8);
        right.lineTo(8, 8.1);
        right.lineTo(8, 14.8);
        right.lineTo(14.5, 11.5);
        right.closeSubpath();
        p.setPen(QPen(c.darker(130), 0.8));
        p.setBrush(c.lighter(150));
        p.drawPath(top);
        p.setBrush(c);
        p.drawPath(left);
        p.setBrush(c.darker(115));
        p.drawPath(right);
    });
    return icon;
}

QIcon Icons::kind(const QString& kind)
{
    static QHash<QString, QIcon> cache;
    auto it = cache.find(kind);
    if (it != cache.end())
        return *it;
    const QColor color = kindColor(kind);
    const QString text = initials(kind);
    QIcon icon = painted([&](QPainter& p, qreal) {
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawRoundedRect(QRectF(0.5, 1.5, 15, 13), 3, 3);
        QFont font;
        font.setPixelSize(text.size() > 1 ? 7 : 9);
        font.setBold(true);
        p.setFont(font);
        p.setPen(Qt::white);
        p.drawText(QRectF(0.5, 1.5, 15, 13), Qt::AlignCenter, text);
    });
    cache.insert(kind, icon);
    return icon;
}

QColor Icons::statusColor(Status status)
{
    switch (status) {
    case Status::Ok:
        return QColor(0x2a, 0x9d, 0x5c);
    case Status::Warning:
        return QColor(0xd9, 0x8c, 0x14);
    case Status::Error:
        return QColor(0xd2, 0x3b, 0x2f);
    case Status::Pending:
        break;
    }
    return QColor(0x94, 0x9a, 0xa3);
}

QIcon Icons::status(Status status)
{
    static QHash<int, QIcon> cache;
    auto it = cache.find(int(status));
    if (it != cache.end())
        return *it;
    const QColor color = statusColor(status);
    QIcon icon = painted([&](QPainter& p, qreal) {
        switch (status) {
        case Status::Pending:
            // An open ring: work still running.
            p.setPen(QPen(color, 2, Qt::SolidLine, Qt::RoundCap));
            p.setBrush(Qt::NoBrush);
            p.drawArc(QRectF(3, 3, 10, 10), 90 * 16, 270 * 16);
            break;
        case Status::Ok:
            p.setPen(Qt::NoPen);
            p.setBrush(color);
            p.drawEllipse(QRectF(3, 3, 10, 10));
            break;
        case Status::Warning: {
            QPainterPath triangle;
            triangle.moveTo(8, 1.5);
            triangle.lineTo(15, 14);
            triangle.lineTo(1, 14);
            triangle.closeSubpath();
            p.setPen(Qt::NoPen);
            p.setBrush(color);
            p.drawPath(triangle);
            p.setPen(QPen(Qt::white, 1.6, Qt::SolidLine, Qt::RoundCap));
            p.drawLine(QPointF(8, 6), QPointF(8, 9.5));
            p.drawPoint(QPointF(8, 12));
            break;
        }
        case Status::Error:
            p.setPen(Qt::NoPen);
            p.setBrush(color);
            p.drawEllipse(QRectF(1.5, 1.5, 13, 13));
            p.setPen(QPen(Qt::white, 1.8, Qt::SolidLine, Qt::RoundCap));
            p.drawLine(QPointF(5.5, 5.5), QPointF(10.5, 10.5));
            p.drawLine(QPointF(10.5, 5.5), QPointF(5.5, 10.5));
            break;
        }
    });
    cache.insert(int(status), icon);
    return icon;
}

QIcon Icons::appIcon()
{
    static const QIcon icon = [] {
        // Drawn through QSvgRenderer rather than QIcon's SVG engine: that plugin is
        // a separate package on some systems, the Svg module is always linked.
        auto svg = std::make_shared<QSvgRenderer>(u":/icons/driftline.svg"_s);
        if (svg->isValid())
            return painted([svg](QPainter& p, qreal) { svg->render(&p, QRectF(0, 0, 16, 16)); });
        return painted([](QPainter& p, qreal) {
            p.setPen(Qt::NoPen);
            p.setBrush(QColor(0x2f, 0x5f, 0xa8));
            p.drawRoundedRect(QRectF(0.5, 0.5, 15, 15), 3.5, 3.5);
            p.setPen(QPen(Qt::white, 1.6, Qt::SolidLine, Qt::RoundCap));
            QPainterPath wave;
            wave.moveTo(3, 10);
            wave.cubicTo(6, 4, 9, 13, 13, 6);
            p.setBrush(Qt::NoBrush);
            p.drawPath(wave);
        });
    }();
    return icon;
}

} // namespace driftline::gui
