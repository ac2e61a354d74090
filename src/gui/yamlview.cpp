#include "gui/yamlview.h"

#include "core/canonicalyaml.h"
#include "gui/highlightingrepository.h"
#include "gui/icons.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPaintEvent>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace driftline::gui {

// A read-only plain text editor with a line-number gutter.
class YamlView::Editor : public QPlainTextEdit
{
public:
    explicit Editor(QWidget* parent)
        : QPlainTextEdit(parent)
        , m_gutter(new Gutter(this))
    {
        connect(this, &QPlainTextEdit::blockCountChanged, this, [this] { updateMargins(); });
        connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect& rect, int dy) {
            if (dy)
                m_gutter->scroll(0, dy);
            else
                m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
        });
        updateMargins();
    }

    void setGutterColors(const QColor& background, const QColor& text)
    {
        m_gutterBackground = background;
        m_gutterText = text;
        m_gutter->update();
    }

    int gutterWidth() const
    {
        int digits = 1;
        for (int n = qMax(1, blockCount()); n >= 10; n /= 10)
            ++digits;
        return 12 + fontMetrics().horizontalAdvance(u'9') * qMax(2, digits);
    }

protected:
    void resizeEvent(QResizeEvent* event) override
    {
        QPlainTextEdit::resizeEvent(event);
        const QRect cr = contentsRect();
        m_gutter->setGeometry(QRect(cr.left(), cr.top(), gutterWidth(), cr.height()));
    }

private:
    class Gutter : public QWidget
    {
    public:
        explicit Gutter(Editor* editor)
            : QWidget(editor)
            , m_editor(editor)
        {
        }
        QSize sizeHint() const override { return {m_editor->gutterWidth(), 0}; }

    protected:
        void paintEvent(QPaintEvent* event) override { m_editor->paintGutter(event->rect()); }

    private:
        Editor* m_editor;
    };

    void updateMargins() { setViewportMargins(gutterWidth(), 0, 0, 0); }

    void paintGutter(const QRect& rect)
    {
        QPainter p(m_gutter);
        p.fillRect(rect, m_gutterBackground.isValid() ? m_gutterBackground : palette().color(QPalette::AlternateBase));
        p.setPen(m_gutterText.isValid() ? m_gutterText : palette().color(QPalette::PlaceholderText));
        p.setFont(font());
        if (document()->isEmpty())
            return;
        QTextBlock block = firstVisibleBlock();
        int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
        int bottom = top + qRound(blockBoundingRect(block).height());
        while (block.isValid() && top <= rect.bottom()) {
            if (block.isVisible() && bottom >= rect.top()) {
                p.drawText(0, top, m_gutter->width() - 6, fontMetrics().height(), Qt::AlignRight,
                           QString::number(block.blockNumber() + 1));
            }
            block = block.next();
            top = bottom;
            bottom = top + qRound(blockBoundingRect(block).height());
        }
    }

    Gutter* m_gutter;
    QColor m_gutterBackground;
    QColor m_gutterText;
};

YamlView::YamlView(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto* headerRow = new QWidget(this);
    auto* headerLayout = new QHBoxLayout(headerRow);
    headerLayout->setContentsMargins(8, 5, 8, 5);
    headerLayout->setSpacing(6);
    m_icon = new QLabel(headerRow);
    m_icon->setFixedSize(16, 16);
    m_header = new QLabel(headerRow);
    m_header->setObjectName(u"yamlHeader"_s);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_header->setTextFormat(Qt::PlainText);
    headerLayout->addWidget(m_icon);
    headerLayout->addWidget(m_header, 1);
    layout->addWidget(headerRow);

    m_editor = new Editor(this);
    m_editor->setObjectName(u"yamlEditor"_s);
    m_editor->setReadOnly(true);
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setFrameShape(QFrame::NoFrame);
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(m_editor, 1);

    auto& repository = HighlightingRepository::instance();
    m_highlighter = new KSyntaxHighlighting::SyntaxHighlighter(m_editor->document());
    m_highlighter->setDefinition(repository.definitionForName(u"YAML"_s));
    applyTheme();

    showMessage(tr("Select a resource in the tree to see its YAML."));
}

YamlView::~YamlView() = default;

QString YamlView::yamlFor(const Resource& resource)
{
    if (resource.key().group.isEmpty() && resource.kind() == u"Secret")
        return CanonicalYaml::write(resource.object(), {.redactSecrets = true});
    return resource.toYaml();
}

void YamlView::setResource(const Resource& resource)
{
    m_resource = resource;
    m_hasResource = true;
    const ResourceKey& key = resource.key();
    const QString name = key.namespace_.isEmpty() ? key.name : key.namespace_ + u'/' + key.name;
    const QString location = resource.source().toString();
    m_header->setText(location.isEmpty() ? tr("%1 %2").arg(key.kind, name)
                                         : tr("%1 %2 — %3").arg(key.kind, name, location));
    m_header->setEnabled(true);
    m_icon->setPixmap(Icons::kind(key.kind).pixmap(16, 16));
    // Keep the scroll position when the same resource is shown again after a reload.
    const int scroll = m_editor->verticalScrollBar()->value();
    m_editor->setPlainText(yamlFor(resource));
    m_editor->verticalScrollBar()->setValue(scroll);
}

void YamlView::showMessage(const QString& message)
{
    m_resource = {};
    m_hasResource = false;
    m_header->setText(tr("YAML"));
    m_header->setEnabled(false);
    m_icon->clear();
    m_editor->clear();
    m_editor->setPlaceholderText(message);
}

QString YamlView::text() const
{
    return m_editor->toPlainText();
}

QString YamlView::headerText() const
{
    return m_header->text();
}

QPlainTextEdit* YamlView::editor() const
{
    return m_editor;
}

void YamlView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

void YamlView::applyTheme()
{
    using KSyntaxHighlighting::Theme;
    const Theme theme = HighlightingRepository::instance().themeForPalette(palette());
    m_highlighter->setTheme(theme);
    QPalette p = m_editor->palette();
    p.setColor(QPalette::Base, QColor::fromRgba(theme.editorColor(Theme::BackgroundColor)));
    p.setColor(QPalette::Text, QColor::fromRgba(theme.textColor(Theme::Normal)));
    p.setColor(QPalette::Highlight, QColor::fromRgba(theme.editorColor(Theme::TextSelection)));
    m_editor->setPalette(p);
    m_editor->setGutterColors(QColor::fromRgba(theme.editorColor(Theme::IconBorder)),
                              QColor::fromRgba(theme.editorColor(Theme::LineNumbers)));
    m_highlighter->rehighlight();
}

} // namespace driftline::gui
