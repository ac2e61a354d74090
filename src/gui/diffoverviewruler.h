// DiffOverviewRuler: a narrow strip beside the diff panel's scrollbar with one
// mark per change block, coloured by kind, at its place in the document, and
// the visible part of the document outlined. Clicking jumps to the nearest change.
#pragma once

#include <QColor>
#include <QList>
#include <QWidget>

namespace driftline::gui {

class DiffOverviewRuler : public QWidget
{
    Q_OBJECT
public:
    enum class Kind { Changed, Added, Removed };
    struct Marker {
        int change = 0;     // index into the diff's change blocks
        int block = 0;      // first block in the shown document
        int blockCount = 1; // how many blocks it covers
        Kind kind = Kind::Changed;
    };

    explicit DiffOverviewRuler(QWidget* parent = nullptr);

    void setMarkers(const QList<Marker>& markers, int documentBlocks);
    const QList<Marker>& markers() const { return m_markers; }
    void setColors(const QColor& changed, const QColor& added, const QColor& removed, const QColor& current);
    void setVisibleRange(int firstBlock, int blockCount);
    void setCurrentChange(int change);
    // The marker under a y coordinate (nearest within a few pixels), or -1.
    int changeAt(int y) const;
    // The y coordinate where `marker` is drawn.
    int markerY(const Marker& marker) const;

    QSize sizeHint() const override { return {12, 40}; }

Q_SIGNALS:
    void changeClicked(int change);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    QColor colorOf(Kind kind) const;

    QList<Marker> m_markers;
    int m_blocks = 1;
    int m_visibleFirst = 0;
    int m_visibleCount = 0;
    int m_current = -1;
    QColor m_changed {0xd4, 0xa7, 0x2c};
    QColor m_added {0x2e, 0xa0, 0x43};
    QColor m_removed {0xd1, 0x24, 0x2f};
    QColor m_currentColor {0x3d, 0x7e, 0xd8};
};

} // namespace driftline::gui
