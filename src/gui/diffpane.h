// DiffPane: one side of the YAML diff panel (or the whole of it in unified
// mode): a read-only QPlainTextEdit holding one block per diff line, with a
// gutter of line numbers (both sides' in unified mode) and the field manager of
// each changed line. Line backgrounds (added, removed, changed, hatched filler,
// fold rows) are painted, not stored in the document, and YAML colours plus the
// intra-line highlights are applied as QTextLayout format ranges only to the
// blocks that get painted, so a 20,000-line document costs one setPlainText.
#pragma once

#include "engine/resourcediff.h"
#include "gui/diffhighlighter.h"
#include "gui/difflayout.h"

#include <QColor>
#include <QPlainTextEdit>

#include <memory>
#include <vector>

class QMenu;

namespace KSyntaxHighlighting {
class Theme;
}

namespace driftline::gui {

class DiffPane : public QPlainTextEdit
{
    Q_OBJECT
public:
    // Diff colours over the syntax theme; translucent tints blended with the
    // editor's background, so they read well on light and dark palettes.
    struct Colors {
        QColor background;
        QColor added, removed, changed;       // line backgrounds
        QColor addedWord, removedWord;        // intra-line highlights
        QColor filler, fillerHatch;
        QColor foldBackground, foldText;
        QColor gutterBackground, gutterText, managerText;
        QColor current; // the marked change
        static Colors forTheme(const KSyntaxHighlighting::Theme& theme);
    };

    explicit DiffPane(QWidget* parent = nullptr);
    ~DiffPane() override;

    // `diff` supplies intra-line highlights and field managers; `unified`: two number columns.
    void setContent(const DiffPaneContent& content, std::shared_ptr<const engine::ResourceDiff> diff, bool unified);
    void clearContent(const QString& placeholder);
    // Big documents are filled in chunks over a few event-loop turns, so no single
    // turn lays out thousands of lines; false until the last chunk is in.
    bool isFilled() const { return m_fillPosition >= m_text.size(); }
    // Puts the rest in at once (a search needs every line).
    void finishFill();
    // Makes sure the document holds at least `blocks` blocks (a jump or a kept scroll position).
    void fillTo(int blocks);
    const QList<DiffPaneLine>& lines() const { return m_lines; }
    const engine::ResourceDiff* diff() const { return m_diff.get(); }

    void setTheme(const KSyntaxHighlighting::Theme& theme);
    const Colors& colors() const { return m_colors; }

    // Marks the blocks of the current change (or linked row); count 0: none.
    void setCurrentBlocks(int first, int count);
    int currentBlock() const { return m_currentFirst; }
    // Scrolls so blocks [first, first + count) are visible, unless they already are.
    void ensureBlocksVisible(int first, int count);
    int visibleBlockCount() const;
    // Where a block is drawn, in viewport coordinates.
    QRect blockRect(int block) const;

    // Applies syntax colours and intra-line highlights to blocks [first, last]
    // (done for the painted blocks; public so tests can ask for any).
    void ensureHighlighted(int first, int last);
    bool isHighlighted(int block) const;

    // The field manager of a changed line ("" when unknown or unchanged).
    QString managerOf(int block) const;
    // The line's JSON pointer ("" when none).
    QString pointerOf(int block) const;
    QString toolTipFor(int block) const;
    // What the gutter shows for a block: its numbers and manager, space-separated.
    QString gutterText(int block) const;
    int gutterWidth() const;
    QWidget* gutter() const;

Q_SIGNALS:
    void filled();
    void foldActivated(int segment);
    // Before the context menu of `block` opens: the panel adds its actions.
    void contextMenuAboutToShow(QMenu* menu, int block);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    bool viewportEvent(QEvent* event) override;

private:
    class Gutter;
    friend class Gutter;
    void paintGutter(QPaintEvent* event);
    void updateMargins();
    int lastVisibleBlock() const;
    int blockAt(const QPoint& viewportPos) const;
    QColor backgroundOf(const DiffPaneLine& line) const;
    int managerColumnWidth() const;
    int numberColumnWidth() const;
    // Whether highlighting starts afresh at `block` (after a fold, at a hunk's side switch).
    bool startsSection(int block) const;

    void fillMore();
    void scheduleFill();

    Gutter* m_gutter = nullptr;
    QString m_text;           // the whole document's text
    qsizetype m_fillPosition = 0; // how much of m_text the document holds
    quint64 m_fillGeneration = 0;
    DiffHighlighter m_highlighter;
    Colors m_colors;
    QList<DiffPaneLine> m_lines;
    std::shared_ptr<const engine::ResourceDiff> m_diff;
    std::vector<KSyntaxHighlighting::State> m_states; // after each highlighted block
    std::vector<quint8> m_highlighted;
    bool m_unified = false;
    bool m_hasManagers = false;
    int m_maxNumber = 1;
    int m_currentFirst = -1;
    int m_currentCount = 0;
};

} // namespace driftline::gui
