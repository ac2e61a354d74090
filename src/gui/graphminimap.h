// GraphMinimap: a small overview of the resource graph in a corner of the graph
// canvas, with the part the canvas shows outlined. Clicking or dragging in it
// centres the canvas there. The scene is rendered into a cached pixmap only when
// told (a new layout, a recolour, a filter change), so scrolling and zooming only
// repaint the outline over that pixmap.
#pragma once

#include <QPixmap>
#include <QPointer>
#include <QWidget>

class QGraphicsView;

namespace driftline::gui {

class GraphMinimap : public QWidget
{
    Q_OBJECT

public:
    explicit GraphMinimap(QGraphicsView* canvas);

    // Re-renders the scene into the cached pixmap (after the scene's items changed).
    void invalidate();
    // Shows the minimap when the scene does not fit the canvas's viewport, hides it
    // otherwise, and moves it to the canvas's bottom-right corner.
    void refresh();
    // The scene rectangle the canvas shows, as outlined here.
    QRectF visibleSceneRect() const;
    // Where a minimap point is in the scene (for tests and the mouse).
    QPointF toScene(const QPointF& minimapPoint) const;
    QPointF fromScene(const QPointF& scenePoint) const;
    int renderCount() const { return m_renderCount; } // scene renders into the pixmap, for tests

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    QRectF drawingRect() const; // where the scene's picture sits inside the widget
    void centreAt(const QPointF& minimapPoint);

    QPointer<QGraphicsView> m_canvas;
    QPixmap m_cache;
    bool m_stale = true;
    int m_renderCount = 0;
};

} // namespace driftline::gui
