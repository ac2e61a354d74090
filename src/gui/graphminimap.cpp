#include "gui/graphminimap.h"

#include <QGraphicsScene>
#include <QGraphicsView>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace driftline::gui {

namespace {
constexpr int MaxWidth = 200;
constexpr int MaxHeight = 130;
constexpr int Margin = 8; // from the viewport's corner
} // namespace

GraphMinimap::GraphMinimap(QGraphicsView* canvas)
    // A child of the view, not of its viewport: the viewport scrolls its children along.
    : QWidget(canvas)
    , m_canvas(canvas)
{
    setObjectName(u"graphMinimap"_s);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Overview: click or drag to move the view"));
    hide();
}

void GraphMinimap::invalidate()
{
    m_stale = true;
    if (isVisible())
        update();
}

QRectF GraphMinimap::visibleSceneRect() const
{
    if (!m_canvas)
        return {};
    return m_canvas->mapToScene(m_canvas->viewport()->rect()).boundingRect();
}

void GraphMinimap::refresh()
{
    if (!m_canvas || !m_canvas->scene())
        return;
    const QRectF scene = m_canvas->sceneRect();
    // A pixel of slack: mapToScene rounds, and a graph that fits should not flicker a minimap.
    const bool fits = scene.isEmpty() || visibleSceneRect().adjusted(-1, -1, 1, 1).contains(scene);
    if (fits) {
        hide();
        return;
    }
    // Never more than a corner: a third of a short or narrow viewport at most.
    const QRect viewport = m_canvas->viewport()->geometry();
    const qreal maxWidth = std::min<qreal>(MaxWidth, viewport.width() * 0.3);
    const qreal maxHeight = std::min<qreal>(MaxHeight, viewport.height() * 0.35);
    if (maxWidth < 40 || maxHeight < 30) {
        hide();
        return;
    }
    const qreal ratio = std::min(maxWidth / scene.width(), maxHeight / scene.height());
    const QSize wanted(std::max(24, qRound(scene.width() * ratio) + 2), std::max(18, qRound(scene.height() * ratio) + 2));
    if (wanted != size()) {
        resize(wanted);
        m_stale = true;
    }
    move(viewport.right() - width() - Margin + 1, viewport.bottom() - height() - Margin + 1);
    raise();
    show();
    update();
}

QRectF GraphMinimap::drawingRect() const
{
    const QRectF inner = QRectF(rect()).adjusted(1, 1, -1, -1);
    if (!m_canvas)
        return inner;
    const QRectF scene = m_canvas->sceneRect();
    if (scene.isEmpty())
        return inner;
    // Keep the scene's aspect ratio, centred in the frame.
    const qreal ratio = std::min(inner.width() / scene.width(), inner.height() / scene.height());
    const QSizeF size = scene.size() * ratio;
    return QRectF(inner.center() - QPointF(size.width() / 2, size.height() / 2), size);
}

QPointF GraphMinimap::toScene(const QPointF& minimapPoint) const
{
    const QRectF drawing = drawingRect();
    if (!m_canvas || drawing.isEmpty())
        return {};
    const QRectF scene = m_canvas->sceneRect();
    return scene.topLeft()
        + QPointF((minimapPoint.x() - drawing.left()) * scene.width() / drawing.width(),
            (minimapPoint.y() - drawing.top()) * scene.height() / drawing.height());
}

QPointF GraphMinimap::fromScene(const QPointF& scenePoint) const
{
    const QRectF drawing = drawingRect();
    if (!m_canvas || m_canvas->sceneRect().isEmpty())
        return {};
    const QRectF scene = m_canvas->sceneRect();
    return drawing.topLeft()
        + QPointF((scenePoint.x() - scene.left()) * drawing.width() / scene.width(),
            (scenePoint.y() - scene.top()) * drawing.height() / scene.height());
}

void GraphMinimap::paintEvent(QPaintEvent*)
{
    if (!m_canvas || !m_canvas->scene())
        return;
    const QRectF drawing = drawingRect();
    const qreal dpr = devicePixelRatioF();
    if (m_stale || m_cache.size() != (drawing.size() * dpr).toSize()) {
        m_cache = QPixmap((drawing.size() * dpr).toSize());
        m_cache.setDevicePixelRatio(dpr);
        m_cache.fill(palette().color(QPalette::Base));
        QPainter cachePainter(&m_cache);
        cachePainter.setRenderHint(QPainter::Antialiasing);
        m_canvas->scene()->render(&cachePainter, QRectF(QPointF(0, 0), drawing.size()), m_canvas->sceneRect());
        m_stale = false;
        ++m_renderCount;
    }
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    painter.drawPixmap(drawing.topLeft(), m_cache);
    painter.setPen(QPen(palette().color(QPalette::Mid), 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5));

    // The part the canvas shows, clipped to the drawing.
    const QRectF visible = visibleSceneRect();
    const QRectF outline = QRectF(fromScene(visible.topLeft()), fromScene(visible.bottomRight())).intersected(drawing);
    QColor highlight = palette().color(QPalette::Highlight);
    painter.setPen(QPen(highlight, 1.5));
    highlight.setAlpha(40);
    painter.setBrush(highlight);
    painter.drawRect(outline);
}

void GraphMinimap::centreAt(const QPointF& minimapPoint)
{
    if (!m_canvas)
        return;
    m_canvas->centerOn(toScene(minimapPoint));
    update();
}

void GraphMinimap::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        centreAt(event->position());
        event->accept();
        return;
    }
    QWidget::mousePressEvent(event);
}

void GraphMinimap::mouseMoveEvent(QMouseEvent* event)
{
    if (event->buttons() & Qt::LeftButton) {
        centreAt(event->position());
        event->accept();
        return;
    }
    QWidget::mouseMoveEvent(event);
}

} // namespace driftline::gui
