#include "gui/diffoverviewruler.h"

#include <QMouseEvent>
#include <QPainter>

namespace driftline::gui {

namespace {
constexpr int Margin = 2; // keeps the first and last marks clear of the edges
}

DiffOverviewRuler::DiffOverviewRuler(QWidget* parent)
    : QWidget(parent)
{
    setFixedWidth(12);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Every change of the comparison; click to go to one"));
}

void DiffOverviewRuler::setMarkers(const QList<Marker>& markers, int documentBlocks)
{
    m_markers = markers;
    m_blocks = qMax(1, documentBlocks);
    m_current = -1;
    update();
}

void DiffOverviewRuler::setColors(const QColor& changed, const QColor& added, const QColor& removed, const QColor& current)
{
    m_changed = changed;
    m_added = added;
    m_removed = removed;
    m_currentColor = current;
    update();
}

void DiffOverviewRuler::setVisibleRange(int firstBlock, int blockCount)
{
    if (m_visibleFirst == firstBlock && m_visibleCount == blockCount)
        return;
    m_visibleFirst = firstBlock;
    m_visibleCount = blockCount;
    update();
}

void DiffOverviewRuler::setCurrentChange(int change)
{
    m_current = change;
    update();
}

QColor DiffOverviewRuler::colorOf(Kind kind) const
{
    switch (kind) {
    case Kind::Added:
        return m_added;
    case Kind::Removed:
        return m_removed;
    case Kind::Changed:
        break;
    }
    return m_changed;
}

int DiffOverviewRuler::markerY(const Marker& marker) const
{
    const int span = qMax(1, height() - 2 * Margin);
    return Margin + int(qint64(marker.block) * span / m_blocks);
}

int DiffOverviewRuler::changeAt(int y) const
{
    int best = -1;
    int bestDistance = 6; // pixels: a mark is small, the aim need not be exact
    for (const Marker& marker : m_markers) {
        const int top = markerY(marker);
        const int bottom = top + qMax(3, int(qint64(marker.blockCount) * (height() - 2 * Margin) / m_blocks));
        const int distance = y < top ? top - y : (y > bottom ? y - bottom : 0);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = marker.change;
        }
    }
    return best;
}

void DiffOverviewRuler::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Window));
    const int span = qMax(1, height() - 2 * Margin);
    if (m_visibleCount > 0) {
        const int top = Margin + int(qint64(m_visibleFirst) * span / m_blocks);
        const int h = qMax(4, int(qint64(m_visibleCount) * span / m_blocks));
        QColor shade = palette().color(QPalette::Text);
        shade.setAlpha(28);
        p.fillRect(QRect(0, top, width(), h), shade);
    }
    for (const Marker& marker : m_markers) {
        const int y = markerY(marker);
        const int h = qMax(3, int(qint64(marker.blockCount) * span / m_blocks));
        p.fillRect(QRect(2, y, width() - 4, h), colorOf(marker.kind));
        if (marker.change == m_current)
            p.fillRect(QRect(0, y, 2, h), m_currentColor);
    }
}

void DiffOverviewRuler::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const int change = changeAt(event->position().toPoint().y());
    if (change >= 0)
        Q_EMIT changeClicked(change);
}

} // namespace driftline::gui
