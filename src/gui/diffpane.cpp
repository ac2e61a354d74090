#include "gui/diffpane.h"

#include <KSyntaxHighlighting/Theme>

#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QMenu>
#include <QPainter>
#include <QPaintEvent>
#include <QScrollBar>
#include <QTextBlock>
#include <QTimer>
#include <QToolTip>

using namespace Qt::StringLiterals;

namespace driftline::gui {

namespace {

QColor blend(const QColor& base, const QColor& tint, qreal alpha)
{
    return QColor::fromRgbF(float(base.redF() * (1 - alpha) + tint.redF() * alpha),
        float(base.greenF() * (1 - alpha) + tint.greenF() * alpha),
        float(base.blueF() * (1 - alpha) + tint.blueF() * alpha));
}

constexpr int FirstChunkLines = 150; // a screenful and then some: what the first paint needs
constexpr int FillChunkLines = 500;  // lines laid out per later event-loop turn

// The position after `lines` newlines from `from`, or the end.
qsizetype advanceLines(const QString& text, qsizetype from, int lines)
{
    qsizetype position = from;
    for (int i = 0; i < lines; ++i) {
        position = text.indexOf(u'\n', position + 1);
        if (position < 0)
            return text.size();
    }
    return position;
}

bool isChange(DiffPaneLine::Kind kind)
{
    return kind == DiffPaneLine::Changed || kind == DiffPaneLine::Removed || kind == DiffPaneLine::Added;
}

} // namespace

DiffPane::Colors DiffPane::Colors::forTheme(const KSyntaxHighlighting::Theme& theme)
{
    using KSyntaxHighlighting::Theme;
    Colors c;
    c.background = QColor::fromRgba(theme.editorColor(Theme::BackgroundColor));
    const QColor text = QColor::fromRgba(theme.textColor(Theme::Normal));
    // Dark backgrounds need stronger tints for the same visible contrast.
    const bool dark = c.background.lightness() < 128;
    const qreal line = dark ? 0.22 : 0.16;
    const qreal word = dark ? 0.50 : 0.38;
    const QColor green(dark ? 0x3f : 0x2e, dark ? 0xb9 : 0xa0, dark ? 0x50 : 0x43);
    const QColor red(dark ? 0xf8 : 0xd1, dark ? 0x51 : 0x24, dark ? 0x49 : 0x2f);
    const QColor amber(dark ? 0xd2 : 0xd4, dark ? 0x99 : 0xa7, dark ? 0x22 : 0x2c);
    c.added = blend(c.background, green, line);
    c.removed = blend(c.background, red, line);
    c.changed = blend(c.background, amber, line);
    c.addedWord = blend(c.background, green, word);
    c.removedWord = blend(c.background, red, word);
    c.filler = blend(c.background, text, 0.035);
    c.fillerHatch = blend(c.background, text, 0.14);
    c.foldBackground = blend(c.background, QColor(0x3d, 0x7e, 0xd8), dark ? 0.16 : 0.09);
    c.foldText = blend(c.background, text, 0.6);
    c.gutterBackground = QColor::fromRgba(theme.editorColor(Theme::IconBorder));
    c.gutterText = QColor::fromRgba(theme.editorColor(Theme::LineNumbers));
    c.managerText = blend(c.gutterBackground, text, 0.7);
    c.current = QColor(0x3d, 0x7e, 0xd8);
    return c;
}

class DiffPane::Gutter : public QWidget
{
public:
    explicit Gutter(DiffPane* pane)
        : QWidget(pane)
        , m_pane(pane)
    {
        setMouseTracking(true);
    }
    QSize sizeHint() const override { return {m_pane->gutterWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent* event) override { m_pane->paintGutter(event); }
    bool event(QEvent* event) override
    {
        if (event->type() == QEvent::ToolTip) {
            auto* help = static_cast<QHelpEvent*>(event);
            const int block = m_pane->blockAt(QPoint(0, help->pos().y()));
            const QString tip = m_pane->toolTipFor(block);
            if (tip.isEmpty())
                QToolTip::hideText();
            else
                QToolTip::showText(help->globalPos(), tip, this);
            return true;
        }
        return QWidget::event(event);
    }

private:
    DiffPane* m_pane;
};

DiffPane::DiffPane(QWidget* parent)
    : QPlainTextEdit(parent)
    , m_gutter(new Gutter(this))
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFrameShape(QFrame::NoFrame);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    document()->setUndoRedoEnabled(false);
    viewport()->setMouseTracking(true);
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect& rect, int dy) {
        if (dy)
            m_gutter->scroll(0, dy);
        else
            m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
    });
    updateMargins();
}

DiffPane::~DiffPane() = default;

QWidget* DiffPane::gutter() const
{
    return m_gutter;
}

void DiffPane::setContent(const DiffPaneContent& content, std::shared_ptr<const engine::ResourceDiff> diff, bool unified)
{
    m_lines = content.lines;
    m_diff = std::move(diff);
    m_unified = unified;
    m_currentFirst = -1;
    m_currentCount = 0;
    m_maxNumber = 1;
    m_hasManagers = false;
    for (const DiffPaneLine& line : std::as_const(m_lines)) {
        m_maxNumber = qMax(m_maxNumber, qMax(line.number[0], line.number[1]) + 1);
        if (!m_hasManagers && isChange(line.kind) && !managerOf(int(&line - m_lines.constData())).isEmpty())
            m_hasManagers = true;
    }
    m_states.assign(size_t(m_lines.size()), KSyntaxHighlighting::State());
    m_highlighted.assign(size_t(m_lines.size()), 0);
    setPlaceholderText({});
    m_text = content.text;
    ++m_fillGeneration;
    m_fillPosition = advanceLines(m_text, -1, FirstChunkLines);
    setPlainText(m_text.left(m_fillPosition));
    updateMargins();
    viewport()->update();
    if (isFilled())
        Q_EMIT filled();
    else
        scheduleFill();
}

void DiffPane::scheduleFill()
{
    const quint64 generation = m_fillGeneration;
    QTimer::singleShot(0, this, [this, generation] {
        if (generation == m_fillGeneration)
            fillMore();
    });
}

void DiffPane::fillMore()
{
    if (isFilled())
        return;
    const qsizetype next = advanceLines(m_text, m_fillPosition, FillChunkLines);
    // One insertion per chunk (it starts with the newline ending the previous one).
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(m_text.mid(m_fillPosition, next - m_fillPosition));
    m_fillPosition = next;
    if (isFilled())
        Q_EMIT filled();
    else
        scheduleFill();
}

void DiffPane::fillTo(int blocks)
{
    const int have = document()->blockCount();
    if (isFilled() || have >= blocks)
        return;
    const qsizetype next = advanceLines(m_text, m_fillPosition, blocks - have);
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(m_text.mid(m_fillPosition, next - m_fillPosition));
    m_fillPosition = next;
    if (isFilled()) {
        ++m_fillGeneration;
        Q_EMIT filled();
    }
}

void DiffPane::finishFill()
{
    if (isFilled())
        return;
    ++m_fillGeneration;
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(m_text.mid(m_fillPosition));
    m_fillPosition = m_text.size();
    Q_EMIT filled();
}

void DiffPane::clearContent(const QString& placeholder)
{
    m_lines.clear();
    m_text.clear();
    m_fillPosition = 0;
    ++m_fillGeneration;
    m_diff.reset();
    m_states.clear();
    m_highlighted.clear();
    m_currentFirst = -1;
    m_currentCount = 0;
    m_hasManagers = false;
    m_maxNumber = 1;
    clear();
    setPlaceholderText(placeholder);
    updateMargins();
}

void DiffPane::setTheme(const KSyntaxHighlighting::Theme& theme)
{
    m_highlighter.setTheme(theme);
    m_colors = Colors::forTheme(theme);
    QPalette p = palette();
    p.setColor(QPalette::Base, m_colors.background);
    p.setColor(QPalette::Text, QColor::fromRgba(theme.textColor(KSyntaxHighlighting::Theme::Normal)));
    p.setColor(QPalette::Highlight, QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::TextSelection)));
    p.setColor(QPalette::HighlightedText, p.color(QPalette::Text));
    setPalette(p);
    // Formats follow the theme: everything is highlighted again as it is painted.
    std::fill(m_highlighted.begin(), m_highlighted.end(), quint8(0));
    viewport()->update();
    m_gutter->update();
}

void DiffPane::setCurrentBlocks(int first, int count)
{
    m_currentFirst = count > 0 ? first : -1;
    m_currentCount = count > 0 ? count : 0;
    viewport()->update();
    m_gutter->update();
}

int DiffPane::visibleBlockCount() const
{
    const int line = qMax(1, fontMetrics().lineSpacing());
    return qMax(1, viewport()->height() / line);
}

QRect DiffPane::blockRect(int block) const
{
    const QTextBlock b = document()->findBlockByNumber(block);
    if (!b.isValid())
        return {};
    return blockBoundingGeometry(b).translated(contentOffset()).toRect();
}

void DiffPane::ensureBlocksVisible(int first, int count)
{
    if (first < 0)
        return;
    fillTo(first + count + visibleBlockCount());
    QScrollBar* bar = verticalScrollBar();
    const int visible = visibleBlockCount();
    const int top = bar->value();
    const int last = first + qMax(1, qMin(count, visible)) - 1;
    if (first >= top && last < top + visible)
        return;
    // A little context above the change, as a reader expects after a jump.
    bar->setValue(qMax(0, first - qMax(2, visible / 4)));
}

bool DiffPane::startsSection(int block) const
{
    if (block <= 0)
        return true;
    const DiffPaneLine& previous = m_lines.at(block - 1);
    const DiffPaneLine& line = m_lines.at(block);
    if (previous.kind == DiffPaneLine::Fold || line.kind == DiffPaneLine::Fold)
        return true;
    // Unified: the added lines of a hunk do not continue its removed ones.
    return previous.side != line.side && previous.kind != DiffPaneLine::Equal && line.kind != DiffPaneLine::Equal;
}

bool DiffPane::isHighlighted(int block) const
{
    return block >= 0 && size_t(block) < m_highlighted.size() && m_highlighted[size_t(block)];
}

void DiffPane::ensureHighlighted(int first, int last)
{
    const int count = isFilled() ? int(m_lines.size()) : qMin(int(m_lines.size()), document()->blockCount() - 1);
    first = qMax(0, first);
    last = qMin(last, count - 1);
    if (first > last || document()->blockCount() < count)
        return;
    // Walk back to a block whose state is known or where a section starts; a long
    // unchanged run is cut short (a wrong colour in a far block scalar is the worst case).
    constexpr int MaxWalkBack = 2000;
    int start = first;
    while (start > 0 && !startsSection(start) && !m_highlighted[size_t(start - 1)] && first - start < MaxWalkBack)
        --start;
    KSyntaxHighlighting::State state;
    if (start > 0 && !startsSection(start) && m_highlighted[size_t(start - 1)])
        state = m_states[size_t(start - 1)];

    QTextBlock block = document()->findBlockByNumber(start);
    for (int n = start; n <= last && block.isValid(); ++n, block = block.next()) {
        if (startsSection(n))
            state = KSyntaxHighlighting::State();
        const DiffPaneLine& line = m_lines.at(n);
        if (m_highlighted[size_t(n)] && n < first) {
            state = m_states[size_t(n)];
            continue;
        }
        QList<QTextLayout::FormatRange> ranges;
        if (line.kind == DiffPaneLine::Fold) {
            QTextCharFormat f;
            f.setForeground(m_colors.foldText);
            f.setFontItalic(true);
            ranges.append({0, int(block.text().size()), f});
        } else if (line.kind != DiffPaneLine::Filler) {
            state = m_highlighter.highlight(block.text(), state, &ranges);
            // Intra-line highlights after the syntax ranges: overlapping ranges merge
            // in order, so the token keeps its syntax colour over a stronger background.
            if (m_diff && line.row >= 0 && line.row < m_diff->text.rows.size() && line.kind != DiffPaneLine::Equal) {
                const engine::DiffLine& source = m_diff->text.rows.at(line.row).side[line.side];
                QTextCharFormat word;
                word.setBackground(line.side == engine::LeftSide ? m_colors.removedWord : m_colors.addedWord);
                for (const auto& [start, length] : source.highlights)
                    ranges.append({start, length, word});
            }
        }
        m_states[size_t(n)] = state;
        m_highlighted[size_t(n)] = 1;
        block.layout()->setFormats(ranges);
        document()->markContentsDirty(block.position(), block.length());
    }
}

int DiffPane::lastVisibleBlock() const
{
    QTextBlock block = firstVisibleBlock();
    const qreal bottom = viewport()->height();
    const QPointF offset = contentOffset();
    int last = block.blockNumber();
    while (block.isValid()) {
        const QRectF r = blockBoundingGeometry(block).translated(offset);
        if (r.top() > bottom)
            break;
        last = block.blockNumber();
        block = block.next();
    }
    return last;
}

int DiffPane::blockAt(const QPoint& viewportPos) const
{
    QTextBlock block = firstVisibleBlock();
    const QPointF offset = contentOffset();
    while (block.isValid()) {
        const QRectF r = blockBoundingGeometry(block).translated(offset);
        if (viewportPos.y() < r.bottom())
            return viewportPos.y() >= r.top() ? block.blockNumber() : -1;
        block = block.next();
    }
    return -1;
}

QColor DiffPane::backgroundOf(const DiffPaneLine& line) const
{
    switch (line.kind) {
    case DiffPaneLine::Changed:
        return m_colors.changed;
    case DiffPaneLine::Removed:
        return m_colors.removed;
    case DiffPaneLine::Added:
        return m_colors.added;
    case DiffPaneLine::Filler:
        return m_colors.filler;
    case DiffPaneLine::Fold:
        return m_colors.foldBackground;
    case DiffPaneLine::Equal:
        break;
    }
    return {};
}

void DiffPane::paintEvent(QPaintEvent* event)
{
    if (!m_lines.isEmpty()) {
        const int first = firstVisibleBlock().blockNumber();
        ensureHighlighted(first, lastVisibleBlock());
        QPainter p(viewport());
        const QPointF offset = contentOffset();
        const int width = viewport()->width();
        const QRect area = event->rect();
        QRectF currentRect;
        for (QTextBlock block = firstVisibleBlock(); block.isValid(); block = block.next()) {
            const QRectF r = blockBoundingGeometry(block).translated(offset);
            if (r.top() > area.bottom())
                break;
            const int n = block.blockNumber();
            if (n >= m_lines.size())
                break;
            const DiffPaneLine& line = m_lines.at(n);
            const QRectF full(0, r.top(), width, r.height());
            if (const QColor bg = backgroundOf(line); bg.isValid())
                p.fillRect(full, bg);
            if (line.kind == DiffPaneLine::Filler)
                p.fillRect(full, QBrush(m_colors.fillerHatch, Qt::BDiagPattern));
            if (n >= m_currentFirst && n < m_currentFirst + m_currentCount)
                currentRect = currentRect.isNull() ? full : currentRect.united(full);
        }
        if (!currentRect.isNull()) {
            QColor frame = m_colors.current;
            frame.setAlpha(170);
            p.setPen(QPen(frame, 1));
            p.drawLine(currentRect.topLeft() + QPointF(0, 0.5), currentRect.topRight() + QPointF(0, 0.5));
            p.drawLine(currentRect.bottomLeft() - QPointF(0, 0.5), currentRect.bottomRight() - QPointF(0, 0.5));
        }
    }
    QPlainTextEdit::paintEvent(event);
}

void DiffPane::resizeEvent(QResizeEvent* event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect cr = contentsRect();
    m_gutter->setGeometry(QRect(cr.left(), cr.top(), gutterWidth(), cr.height()));
}

void DiffPane::mouseReleaseEvent(QMouseEvent* event)
{
    QPlainTextEdit::mouseReleaseEvent(event);
    if (event->button() != Qt::LeftButton || textCursor().hasSelection())
        return;
    const int block = blockAt(event->position().toPoint());
    if (block >= 0 && block < m_lines.size() && m_lines.at(block).kind == DiffPaneLine::Fold)
        Q_EMIT foldActivated(m_lines.at(block).row);
}

void DiffPane::mouseMoveEvent(QMouseEvent* event)
{
    QPlainTextEdit::mouseMoveEvent(event);
    const int block = blockAt(event->position().toPoint());
    const bool fold = block >= 0 && block < m_lines.size() && m_lines.at(block).kind == DiffPaneLine::Fold;
    viewport()->setCursor(fold ? Qt::PointingHandCursor : Qt::IBeamCursor);
}

void DiffPane::contextMenuEvent(QContextMenuEvent* event)
{
    std::unique_ptr<QMenu> menu(createStandardContextMenu(event->pos()));
    Q_EMIT contextMenuAboutToShow(menu.get(), blockAt(event->pos()));
    menu->exec(event->globalPos());
}

bool DiffPane::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString tip = toolTipFor(blockAt(help->pos()));
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tip, viewport());
        return true;
    }
    return QPlainTextEdit::viewportEvent(event);
}

QString DiffPane::managerOf(int block) const
{
    if (!m_diff || block < 0 || block >= m_lines.size())
        return {};
    const DiffPaneLine& line = m_lines.at(block);
    const int number = line.number[line.side];
    if (!isChange(line.kind) || number < 0)
        return {};
    const QStringList& managers = m_diff->lineManagers[line.side];
    return number < managers.size() ? managers.at(number) : QString();
}

QString DiffPane::pointerOf(int block) const
{
    if (!m_diff || block < 0 || block >= m_lines.size())
        return {};
    const DiffPaneLine& line = m_lines.at(block);
    const int number = line.number[line.side];
    const QStringList& pointers = m_diff->linePointers[line.side];
    return number >= 0 && number < pointers.size() ? pointers.at(number) : QString();
}

QString DiffPane::toolTipFor(int block) const
{
    if (block < 0 || block >= m_lines.size())
        return {};
    const DiffPaneLine& line = m_lines.at(block);
    if (line.kind == DiffPaneLine::Fold)
        return tr("Click to show the %n unchanged lines", nullptr, line.foldCount);
    if (!isChange(line.kind))
        return {};
    QStringList parts;
    if (const QString pointer = pointerOf(block); !pointer.isEmpty())
        parts << pointer;
    if (const QString manager = managerOf(block); !manager.isEmpty())
        parts << tr("owned by %1").arg(manager);
    return parts.join(u'\n');
}

QString DiffPane::gutterText(int block) const
{
    if (block < 0 || block >= m_lines.size())
        return {};
    const DiffPaneLine& line = m_lines.at(block);
    QStringList parts;
    for (int side = 0; side < 2; ++side) {
        if (m_unified || side == line.side)
            parts << (line.number[side] >= 0 ? QString::number(line.number[side] + 1) : QString());
    }
    if (const QString manager = managerOf(block); !manager.isEmpty())
        parts << manager;
    return parts.join(u' ');
}

int DiffPane::numberColumnWidth() const
{
    int digits = 1;
    for (int n = m_maxNumber; n >= 10; n /= 10)
        ++digits;
    return 8 + fontMetrics().horizontalAdvance(u'9') * qMax(2, digits);
}

int DiffPane::managerColumnWidth() const
{
    if (!m_hasManagers)
        return 0;
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    return 8 + QFontMetrics(small).horizontalAdvance(u"kubectl-scale"_s);
}

int DiffPane::gutterWidth() const
{
    return 4 + numberColumnWidth() * (m_unified ? 2 : 1) + managerColumnWidth();
}

void DiffPane::updateMargins()
{
    setViewportMargins(gutterWidth(), 0, 0, 0);
    const QRect cr = contentsRect();
    m_gutter->setGeometry(QRect(cr.left(), cr.top(), gutterWidth(), cr.height()));
    m_gutter->update();
}

void DiffPane::paintGutter(QPaintEvent* event)
{
    QPainter p(m_gutter);
    const QRect area = event->rect();
    p.fillRect(area, m_colors.gutterBackground.isValid() ? m_colors.gutterBackground : palette().color(QPalette::AlternateBase));
    if (m_lines.isEmpty())
        return;
    const int numberWidth = numberColumnWidth();
    const int managerWidth = managerColumnWidth();
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    small.setItalic(true);
    const QPointF offset = contentOffset();
    for (QTextBlock block = firstVisibleBlock(); block.isValid(); block = block.next()) {
        const QRectF geometry = blockBoundingGeometry(block).translated(offset);
        if (geometry.top() > area.bottom())
            break;
        const int n = block.blockNumber();
        if (n >= m_lines.size())
            break;
        const DiffPaneLine& line = m_lines.at(n);
        const QRect r(0, qRound(geometry.top()), m_gutter->width(), qRound(geometry.height()));
        if (isChange(line.kind))
            p.fillRect(r.adjusted(4, 0, 0, 0), backgroundOf(line));
        if (n >= m_currentFirst && n < m_currentFirst + m_currentCount)
            p.fillRect(QRect(r.left(), r.top(), 3, r.height()), m_colors.current);
        p.setFont(font());
        p.setPen(m_colors.gutterText);
        int x = 4;
        for (int side = 0; side < 2; ++side) {
            if (!m_unified && side != line.side)
                continue;
            if (line.number[side] >= 0)
                p.drawText(QRect(x, r.top(), numberWidth - 6, r.height()), Qt::AlignRight | Qt::AlignVCenter,
                    QString::number(line.number[side] + 1));
            x += numberWidth;
        }
        if (managerWidth > 0) {
            const QString manager = managerOf(n);
            if (!manager.isEmpty()) {
                p.setFont(small);
                p.setPen(m_colors.managerText);
                const QString shown = QFontMetrics(small).elidedText(manager, Qt::ElideRight, managerWidth - 6);
                p.drawText(QRect(x + 2, r.top(), managerWidth - 6, r.height()), Qt::AlignLeft | Qt::AlignVCenter, shown);
            }
        }
    }
}

} // namespace driftline::gui
