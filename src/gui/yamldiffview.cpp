#include "gui/yamldiffview.h"

#include "engine/secretmask.h"
#include "gui/diffoverviewruler.h"
#include "gui/diffpane.h"
#include "gui/highlightingrepository.h"
#include "gui/icons.h"
#include "gui/ignorefielddialog.h"

#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/Theme>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QTextBlock>
#include <QTextDocument>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

namespace driftline::gui {

using engine::DiffSide;
using engine::ResourceDiff;
using engine::ResourceDiffRequest;

namespace {

const QString ModeKey = u"diffView/mode"_s;
constexpr int Context = 3;         // unchanged lines kept around each change
constexpr int BusyDelayMs = 150;   // "Comparing…" only when it takes longer than this
constexpr int MaxSummaryLines = 40; // more would cost a rich-text layout; the rest is one F7 away

bool sameItem(const YamlDiffView::Item& a, const YamlDiffView::Item& b)
{
    if (!(a.key == b.key) || a.request.source != b.request.source || a.request.left != b.request.left
        || a.request.right != b.request.right || a.request.leftTitle != b.request.leftTitle
        || a.request.rightTitle != b.request.rightTitle || a.status != b.status || a.unavailable != b.unavailable
        || a.request.ignore.size() != b.request.ignore.size())
        return false;
    for (qsizetype i = 0; i < a.request.ignore.size(); ++i) {
        const workspace::IgnoreDifference& x = a.request.ignore.at(i);
        const workspace::IgnoreDifference& y = b.request.ignore.at(i);
        if (x.group != y.group || x.kind != y.kind || x.name != y.name || x.namespace_ != y.namespace_
            || x.jsonPointers != y.jsonPointers)
            return false;
    }
    return true;
}

QString displayName(const ResourceKey& key)
{
    const QString name = key.namespace_.isEmpty() ? key.name : key.namespace_ + u'/' + key.name;
    return key.kind + u' ' + name;
}

} // namespace

struct YamlDiffView::Payload {
    QList<int> indices;
    QList<std::shared_ptr<const ResourceDiff>> diffs;
    QStringList errors;
    bool cancelled = false;
    int layoutIndex = -1; // the item `layout` was built for
    Mode layoutMode = Mode::SideBySide;
    DiffLayout layout;
};

YamlDiffView::YamlDiffView(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(u"yamlDiffView"_s);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    // Header: what is compared, its status, and for comparisons of several resources the chooser.
    auto* header = new QWidget(this);
    auto* headerLayout = new QHBoxLayout(header);
    headerLayout->setContentsMargins(8, 4, 4, 2);
    headerLayout->setSpacing(6);
    m_icon = new QLabel(header);
    m_icon->setFixedSize(16, 16);
    m_title = new QLabel(header);
    m_title->setObjectName(u"diffTitle"_s);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_status = new QLabel(header);
    m_status->setObjectName(u"diffStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_headingLabel = new QLabel(header);
    m_headingLabel->setObjectName(u"diffHeading"_s);
    m_headingLabel->setTextFormat(Qt::PlainText);
    m_chooser = new QComboBox(header);
    m_chooser->setObjectName(u"resourceChooser"_s);
    m_chooser->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_chooser->setMinimumContentsLength(24);
    m_chooserCount = new QLabel(header);
    m_chooserCount->setObjectName(u"resourceChooserCount"_s);
    m_closeButton = new QToolButton(header);
    m_closeButton->setText(tr("Close Comparison"));
    m_closeButton->setToolTip(tr("Back to the selected resource, Git against the cluster"));
    m_closeButton->setAutoRaise(true);
    headerLayout->addWidget(m_icon);
    headerLayout->addWidget(m_title);
    headerLayout->addWidget(m_status);
    headerLayout->addWidget(m_headingLabel, 1);
    headerLayout->addWidget(m_chooser);
    headerLayout->addWidget(m_chooserCount);
    headerLayout->addWidget(m_closeButton);
    layout->addWidget(header);

    m_toolbar = new QToolBar(this);
    m_toolbar->setObjectName(u"diffToolbar"_s);
    m_toolbar->setIconSize(QSize(16, 16));
    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    layout->addWidget(m_toolbar);

    // The structural summary: one linked line per changed field.
    m_summaryArea = new QScrollArea(this);
    m_summaryArea->setObjectName(u"diffSummaryArea"_s);
    m_summaryArea->setWidgetResizable(true);
    m_summaryArea->setFrameShape(QFrame::NoFrame);
    m_summary = new QLabel(m_summaryArea);
    m_summary->setObjectName(u"diffSummary"_s);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(false); // one line per change; wrapping would cost a layout per width
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_summary->setContentsMargins(8, 3, 8, 3);
    m_summary->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_summaryArea->setWidget(m_summary);
    m_summaryArea->setMaximumHeight(m_summary->fontMetrics().lineSpacing() * 5 + 10);
    m_summaryArea->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    layout->addWidget(m_summaryArea);

    // Titles over the panes.
    m_titles = new QWidget(this);
    auto* titlesLayout = new QHBoxLayout(m_titles);
    titlesLayout->setContentsMargins(8, 2, 20, 2);
    titlesLayout->setSpacing(8);
    for (int side = 0; side < 2; ++side) {
        m_titleLabels[side] = new QLabel(m_titles);
        m_titleLabels[side]->setObjectName(side == 0 ? u"leftTitle"_s : u"rightTitle"_s);
        m_titleLabels[side]->setTextFormat(Qt::PlainText);
        titlesLayout->addWidget(m_titleLabels[side], 1);
    }
    layout->addWidget(m_titles);

    auto* panes = new QWidget(this);
    auto* panesLayout = new QHBoxLayout(panes);
    panesLayout->setContentsMargins(0, 0, 0, 0);
    panesLayout->setSpacing(1);
    for (int side = 0; side < 2; ++side) {
        auto* pane = new DiffPane(panes);
        pane->setObjectName(side == 0 ? u"leftPane"_s : u"rightPane"_s);
        // One horizontal policy for both, or a scrollbar on one side only shifts its rows.
        pane->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
        m_panes[side] = pane;
        panesLayout->addWidget(pane, 1);
        connect(pane->verticalScrollBar(), &QScrollBar::valueChanged, this,
            [this, side](int value) { syncScroll(side, true, value); });
        connect(pane->verticalScrollBar(), &QScrollBar::rangeChanged, this, &YamlDiffView::updateRulerRange);
        connect(pane->horizontalScrollBar(), &QScrollBar::valueChanged, this,
            [this, side](int value) { syncScroll(side, false, value); });
        connect(pane, &DiffPane::foldActivated, this, &YamlDiffView::expandFold);
        connect(pane, &DiffPane::contextMenuAboutToShow, this,
            [this, side](QMenu* menu, int block) { addContextActions(menu, side, block); });
    }
    // The right pane's scrollbar (beside the ruler) drives both.
    m_panes[0]->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_ruler = new DiffOverviewRuler(panes);
    m_ruler->setObjectName(u"diffOverviewRuler"_s);
    panesLayout->addWidget(m_ruler);
    connect(m_ruler, &DiffOverviewRuler::changeClicked, this, &YamlDiffView::showChange);
    layout->addWidget(panes, 1);

    // Find bar.
    m_findBar = new QWidget(this);
    m_findBar->setObjectName(u"findBar"_s);
    auto* findLayout = new QHBoxLayout(m_findBar);
    findLayout->setContentsMargins(6, 3, 6, 3);
    m_findEdit = new QLineEdit(m_findBar);
    m_findEdit->setObjectName(u"findEdit"_s);
    m_findEdit->setPlaceholderText(tr("Find in both sides"));
    m_findEdit->setClearButtonEnabled(true);
    m_findCount = new QLabel(m_findBar);
    auto* findPrevious = new QToolButton(m_findBar);
    findPrevious->setText(tr("Previous"));
    auto* findNextButton = new QToolButton(m_findBar);
    findNextButton->setText(tr("Next"));
    auto* findClose = new QToolButton(m_findBar);
    findClose->setText(u"✕"_s);
    findClose->setToolTip(tr("Close the find bar (Esc)"));
    findClose->setAutoRaise(true);
    findLayout->addWidget(new QLabel(tr("Find:"), m_findBar));
    findLayout->addWidget(m_findEdit, 1);
    findLayout->addWidget(findPrevious);
    findLayout->addWidget(findNextButton);
    findLayout->addWidget(m_findCount);
    findLayout->addWidget(findClose);
    m_findBar->hide();
    layout->addWidget(m_findBar);
    connect(m_findEdit, &QLineEdit::textChanged, this, &YamlDiffView::find);
    connect(m_findEdit, &QLineEdit::returnPressed, this, &YamlDiffView::findNext);
    connect(findNextButton, &QToolButton::clicked, this, &YamlDiffView::findNext);
    connect(findPrevious, &QToolButton::clicked, this, &YamlDiffView::findPrevious);
    connect(findClose, &QToolButton::clicked, this, [this] {
        m_findBar->hide();
        find({});
    });
    auto* escape = new QAction(m_findBar);
    escape->setShortcut(Qt::Key_Escape);
    escape->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(escape, &QAction::triggered, findClose, &QToolButton::click);
    m_findBar->addAction(escape);

    m_busyTimer = new QTimer(this);
    m_busyTimer->setSingleShot(true);
    m_busyTimer->setInterval(BusyDelayMs);
    connect(m_busyTimer, &QTimer::timeout, this, [this] {
        if (m_pending > 0)
            m_busyAction->setVisible(true);
    });
    connect(m_closeButton, &QToolButton::clicked, this, &YamlDiffView::closeRequested);
    connect(m_chooser, &QComboBox::activated, this,
        [this](int row) { setCurrentIndex(m_chooser->itemData(row).toInt()); });
    connect(m_summary, &QLabel::linkActivated, this, [this](const QString& link) {
        // "row:<n>"
        if (link.startsWith(u"row:"_s))
            scrollToRow(link.mid(4).toInt());
    });

    createActions();
    m_mode = QSettings().value(ModeKey).toString() == u"unified"_s ? Mode::Unified : Mode::SideBySide;
    (m_mode == Mode::Unified ? m_unifiedAction : m_sideBySideAction)->setChecked(true);
    applyTheme();
    showMessage(tr("Select a resource in the tree to compare it with the cluster."));
}

YamlDiffView::~YamlDiffView()
{
    if (m_cancel)
        m_cancel->store(true);
}

void YamlDiffView::createActions()
{
    auto* modes = new QActionGroup(this);
    m_sideBySideAction = new QAction(tr("Side by Side"), modes);
    m_sideBySideAction->setObjectName(u"sideBySideAction"_s);
    m_sideBySideAction->setCheckable(true);
    m_sideBySideAction->setToolTip(tr("Show the two sides next to each other"));
    m_unifiedAction = new QAction(tr("Unified"), modes);
    m_unifiedAction->setObjectName(u"unifiedAction"_s);
    m_unifiedAction->setCheckable(true);
    m_unifiedAction->setToolTip(tr("Show one text: removed lines, then added lines"));
    connect(m_sideBySideAction, &QAction::triggered, this, [this] { setMode(Mode::SideBySide); });
    connect(m_unifiedAction, &QAction::triggered, this, [this] { setMode(Mode::Unified); });

    m_previousAction = new QAction(tr("Previous Change"), this);
    m_previousAction->setObjectName(u"previousChangeAction"_s);
    m_previousAction->setShortcuts({QKeySequence(Qt::SHIFT | Qt::Key_F7), QKeySequence(Qt::ALT | Qt::Key_Up)});
    m_previousAction->setToolTip(tr("Previous change (Shift+F7, Alt+Up)"));
    connect(m_previousAction, &QAction::triggered, this, &YamlDiffView::previousChange);
    m_nextAction = new QAction(tr("Next Change"), this);
    m_nextAction->setObjectName(u"nextChangeAction"_s);
    m_nextAction->setShortcuts({QKeySequence(Qt::Key_F7), QKeySequence(Qt::ALT | Qt::Key_Down)});
    m_nextAction->setToolTip(tr("Next change (F7, Alt+Down)"));
    connect(m_nextAction, &QAction::triggered, this, &YamlDiffView::nextChange);

    m_normalizedAction = new QAction(tr("Normalized"), this);
    m_normalizedAction->setObjectName(u"normalizedAction"_s);
    m_normalizedAction->setCheckable(true);
    m_normalizedAction->setChecked(true);
    m_normalizedAction->setToolTip(tr("Normalized: server bookkeeping and defaults left out, equal values written "
                                      "alike. Off: the full live object, status included."));
    connect(m_normalizedAction, &QAction::toggled, this, &YamlDiffView::setNormalized);

    m_revealAction = new QAction(tr("Reveal Secret Values"), this);
    m_revealAction->setObjectName(u"revealSecretsAction"_s);
    m_revealAction->setCheckable(true);
    m_revealAction->setToolTip(tr("Show this Secret's values instead of their masks"));
    connect(m_revealAction, &QAction::triggered, this, [this](bool checked) {
        // The check mark follows the state, not the click: revealing waits for confirmation.
        m_revealAction->setChecked(secretsRevealed());
        if (checked)
            requestReveal();
        else
            hideSecrets();
    });

    m_copyLeftAction = new QAction(tr("Copy Left"), this);
    m_copyLeftAction->setObjectName(u"copyLeftAction"_s);
    m_copyLeftAction->setToolTip(tr("Copy the left side's YAML as shown"));
    connect(m_copyLeftAction, &QAction::triggered, this, [this] { copySide(engine::LeftSide); });
    m_copyRightAction = new QAction(tr("Copy Right"), this);
    m_copyRightAction->setObjectName(u"copyRightAction"_s);
    m_copyRightAction->setToolTip(tr("Copy the right side's YAML as shown"));
    connect(m_copyRightAction, &QAction::triggered, this, [this] { copySide(engine::RightSide); });

    m_syncAction = new QAction(tr("Sync…"), this);
    m_syncAction->setObjectName(u"diffSyncAction"_s);
    m_syncAction->setToolTip(tr("Plan a sync of this resource: apply Git's version to the cluster"));
    connect(m_syncAction, &QAction::triggered, this, [this] {
        if (const Item* item = currentItem(); item && item->application)
            Q_EMIT syncRequested(item->application->id(), item->key);
    });
    m_findAction = new QAction(tr("Find"), this);
    m_findAction->setObjectName(u"findAction"_s);
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setToolTip(tr("Find in both sides (Ctrl+F)"));
    connect(m_findAction, &QAction::triggered, this, &YamlDiffView::showFindBar);

    // Shortcuts work wherever the focus is inside the panel.
    for (QAction* action : {m_previousAction, m_nextAction, m_findAction}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }

    m_toolbar->addAction(m_sideBySideAction);
    m_toolbar->addAction(m_unifiedAction);
    m_toolbar->addSeparator();
    m_toolbar->addAction(m_previousAction);
    m_toolbar->addAction(m_nextAction);
    m_changeLabel = new QLabel(m_toolbar);
    m_changeLabel->setObjectName(u"changeLabel"_s);
    m_changeLabel->setContentsMargins(6, 0, 6, 0);
    m_toolbar->addWidget(m_changeLabel);
    m_toolbar->addSeparator();
    m_toolbar->addAction(m_normalizedAction);
    m_toolbar->addAction(m_revealAction);
    m_toolbar->addSeparator();
    m_toolbar->addAction(m_copyLeftAction);
    m_toolbar->addAction(m_copyRightAction);
    m_toolbar->addAction(m_findAction);
    m_toolbar->addSeparator();
    m_toolbar->addAction(m_syncAction);
    m_busy = new QLabel(tr("Comparing…"), m_toolbar);
    m_busy->setObjectName(u"comparingLabel"_s);
    m_busy->setContentsMargins(8, 0, 8, 0);
    // A widget on a toolbar is shown and hidden through its action.
    m_busyAction = m_toolbar->addWidget(m_busy);
    m_busyAction->setVisible(false);
}

void YamlDiffView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

void YamlDiffView::applyTheme()
{
    const KSyntaxHighlighting::Theme theme = HighlightingRepository::instance().themeForPalette(palette());
    for (DiffPane* pane : m_panes)
        pane->setTheme(theme);
    // The ruler's marks are small: full-strength colours, the same on any palette.
    m_ruler->setColors(QColor(0xd4, 0xa7, 0x2c), QColor(0x2e, 0xa0, 0x43), QColor(0xd1, 0x24, 0x2f),
        m_panes[0]->colors().current);
}

// ---- Sources and computation ----

void YamlDiffView::setItems(const QList<Item>& items, const QString& heading)
{
    if (items.isEmpty()) {
        showMessage(tr("Nothing to compare."));
        return;
    }
    const bool sameSubject = items.size() == 1 && m_items.size() == 1 && items.first().key == m_items.first().key
        && items.first().request.source == m_items.first().request.source && heading == m_heading;
    if (sameSubject && sameItem(items.first(), m_items.first()) && (m_diffs.value(0) || m_pending > 0))
        return; // a live update that changed nothing here
    m_items = items;
    m_heading = heading;
    m_diffs = QList<std::shared_ptr<const ResourceDiff>>(items.size());
    m_errors = QStringList(items.size(), QString());
    if (!sameSubject) {
        // A reveal never carries over to another resource.
        m_revealed.clear();
        m_current = 0;
        m_expanded.clear();
        m_currentChange = -1;
    }
    updateHeader();
    updateChooser();
    updateActions();
    QList<int> all;
    for (int i = 0; i < items.size(); ++i)
        all << i;
    compute(all);
}

void YamlDiffView::showMessage(const QString& message)
{
    if (m_cancel)
        m_cancel->store(true);
    ++m_generation;
    m_pending = 0;
    m_busyTimer->stop();
    m_busyAction->setVisible(false);
    m_items.clear();
    m_diffs.clear();
    m_errors.clear();
    m_revealed.clear();
    m_heading.clear();
    m_current = -1;
    m_currentChange = -1;
    m_layout = {};
    m_expanded.clear();
    clearPanes(message);
    m_summary->clear();
    m_summaryArea->hide();
    updateHeader();
    updateChooser();
    updateActions();
    updateRuler();
}

void YamlDiffView::clearPanes(const QString& message)
{
    m_panes[0]->clearContent(message);
    m_panes[1]->clearContent({});
    m_panes[1]->setVisible(m_mode == Mode::SideBySide);
    m_matches.clear();
    m_currentMatch = -1;
}

void YamlDiffView::compute(const QList<int>& indices)
{
    if (m_cancel)
        m_cancel->store(true);
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancel;
    const quint64 generation = ++m_generation;
    ++m_pending;
    m_busyTimer->start();

    QList<ResourceDiffRequest> requests;
    QList<bool> oneSided;
    for (int i : indices) {
        ResourceDiffRequest request = m_items.at(i).request;
        request.normalized = m_normalized;
        request.revealSecrets = m_revealed.contains(i);
        request.isCanceled = [cancel] { return cancel->load(); };
        requests << request;
        oneSided << !m_items.at(i).unavailable.isEmpty();
    }
    const int layoutIndex = int(indices.indexOf(m_current));
    const Mode mode = m_mode;
    // The worker sees values only: no widget, no `this`.
    QtConcurrent::run([requests, oneSided, indices, layoutIndex, mode, cancel] {
        Payload payload;
        payload.indices = indices;
        for (const ResourceDiffRequest& request : requests) {
            if (cancel->load()) {
                payload.cancelled = true;
                return payload;
            }
            Result<ResourceDiff> diff = ResourceDiff::compute(request);
            if (diff) {
                payload.diffs << std::make_shared<const ResourceDiff>(std::move(*diff));
                payload.errors << QString();
            } else {
                if (diff.error().code == Error::Code::Cancelled) {
                    payload.cancelled = true;
                    return payload;
                }
                payload.diffs << nullptr;
                payload.errors << diff.error().message;
            }
        }
        // The first layout of the shown item is built here too: for a big object it is
        // the costliest part after the diff itself.
        if (layoutIndex >= 0 && payload.diffs.at(layoutIndex)) {
            payload.layoutIndex = indices.at(layoutIndex);
            payload.layoutMode = mode;
            payload.layout = DiffLayout::build(payload.diffs.at(layoutIndex)->text, mode, {}, Context,
                oneSided.at(layoutIndex));
        }
        return payload;
    }).then(this, [this, generation](const Payload& payload) { onComputed(generation, payload); });
}

void YamlDiffView::onComputed(quint64 generation, const Payload& payload)
{
    m_pending = qMax(0, m_pending - 1);
    if (generation != m_generation || payload.cancelled)
        return; // a newer request is on its way
    m_pending = 0;
    m_busyTimer->stop();
    m_busyAction->setVisible(false);
    for (qsizetype i = 0; i < payload.indices.size(); ++i) {
        const int index = payload.indices.at(i);
        if (index < 0 || index >= m_items.size())
            continue;
        m_diffs[index] = payload.diffs.at(i);
        m_errors[index] = payload.errors.at(i);
    }
    updateChooser();
    const bool usable = payload.layoutIndex == m_current && payload.layoutMode == m_mode && m_expanded.isEmpty();
    if (usable) {
        m_layout = payload.layout;
        display(true);
    } else {
        rebuildLayout(true);
    }
    Q_EMIT diffShown();
}

void YamlDiffView::setCurrentIndex(int index)
{
    if (index < 0 || index >= m_items.size() || index == m_current)
        return;
    m_current = index;
    m_expanded.clear();
    m_currentChange = -1;
    updateHeader();
    updateChooser();
    if (!m_diffs.at(index)) {
        if (m_errors.at(index).isEmpty())
            compute({index});
        else
            rebuildLayout(false);
        return;
    }
    rebuildLayout(false);
}

bool YamlDiffView::isComputing() const
{
    return m_pending > 0 || !m_panes[0]->isFilled() || !m_panes[1]->isFilled();
}

bool YamlDiffView::isShowingBusy() const
{
    return m_busyAction->isVisible();
}

const YamlDiffView::Item* YamlDiffView::currentItem() const
{
    return m_current >= 0 && m_current < m_items.size() ? &m_items.at(m_current) : nullptr;
}

std::shared_ptr<const ResourceDiff> YamlDiffView::currentDiff() const
{
    return m_current >= 0 && m_current < m_diffs.size() ? m_diffs.at(m_current) : nullptr;
}

// ---- Display ----

void YamlDiffView::rebuildLayout(bool keepPosition)
{
    const auto diff = currentDiff();
    const Item* item = currentItem();
    if (!diff || !item) {
        m_layout = {};
        display(keepPosition);
        return;
    }
    m_layout = DiffLayout::build(diff->text, m_mode, m_expanded, Context, !item->unavailable.isEmpty());
    display(keepPosition);
}

void YamlDiffView::display(bool keepPosition)
{
    const Item* item = currentItem();
    const auto diff = currentDiff();
    updateHeader();
    updateActions();
    if (!item)
        return;
    if (!diff) {
        const QString error = m_errors.value(m_current);
        clearPanes(error.isEmpty() ? tr("Comparing…") : tr("Could not compare: %1").arg(error));
        updateSummary();
        updateRuler();
        return;
    }
    // Keep the reader's place when the same resource is shown again (a live update).
    const int scroll = keepPosition ? m_panes[0]->verticalScrollBar()->value() : 0;
    const bool unified = m_mode == Mode::Unified;
    const bool oneSided = !item->unavailable.isEmpty();
    m_panes[0]->setContent(m_layout.panes[0], diff, unified);
    if (unified || oneSided) {
        m_panes[1]->clearContent(oneSided ? item->unavailable : QString());
        m_panes[1]->setVisible(!unified);
    } else {
        m_panes[1]->setContent(m_layout.panes[1], diff, false);
        m_panes[1]->setVisible(true);
    }
    // Unified: the one pane shows its own vertical scrollbar.
    m_panes[0]->setVerticalScrollBarPolicy(unified ? Qt::ScrollBarAsNeeded : Qt::ScrollBarAlwaysOff);
    m_panes[1]->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    m_panes[0]->setHorizontalScrollBarPolicy(unified ? Qt::ScrollBarAsNeeded : Qt::ScrollBarAlwaysOn);
    m_matches.clear();
    m_currentMatch = -1;
    updateSummary();
    updateRuler();
    if (keepPosition && scroll > 0) {
        for (DiffPane* pane : m_panes)
            pane->fillTo(scroll + pane->visibleBlockCount() + 1);
        m_panes[0]->verticalScrollBar()->setValue(scroll);
        m_panes[1]->verticalScrollBar()->setValue(scroll);
    }
    if (m_currentChange >= diff->text.changeStarts.size())
        m_currentChange = -1;
    if (m_currentChange >= 0)
        markChange(m_currentChange);
    else
        m_changeLabel->setText(diff->text.changeStarts.isEmpty()
                ? QString()
                : tr("Changes: %1").arg(diff->text.changeStarts.size()));
    if (!m_findEdit->text().isEmpty())
        recomputeFind();
    updateRulerRange();
}

void YamlDiffView::updateHeader()
{
    const Item* item = currentItem();
    m_headingLabel->setText(m_heading.isEmpty() ? QString() : m_heading);
    m_closeButton->setVisible(isComparison());
    if (!item) {
        m_icon->clear();
        m_title->setText(tr("YAML Diff"));
        m_title->setEnabled(false);
        m_status->clear();
        m_titles->hide();
        return;
    }
    m_icon->setPixmap(Icons::kind(item->key.kind).pixmap(16, 16));
    m_title->setText(displayName(item->key));
    m_title->setEnabled(true);
    m_status->setText(item->status.isEmpty() ? QString() : u"· "_s + item->status);
    const bool unified = m_mode == Mode::Unified;
    const QString left = item->request.leftTitle;
    const QString right = item->request.rightTitle;
    if (unified) {
        m_titleLabels[0]->setText(tr("− %1    + %2").arg(left, right));
        m_titleLabels[1]->hide();
    } else {
        m_titleLabels[0]->setText(left);
        m_titleLabels[1]->setText(right);
        m_titleLabels[1]->show();
    }
    m_titles->show();
}

void YamlDiffView::updateChooser()
{
    const bool multi = m_items.size() > 1;
    m_chooser->setVisible(multi);
    m_chooserCount->setVisible(multi);
    if (!multi) {
        m_chooser->clear();
        return;
    }
    // Differing resources first, each group in the given order.
    QList<int> order;
    int differ = 0;
    int known = 0;
    for (int pass = 0; pass < 2; ++pass) {
        for (int i = 0; i < m_items.size(); ++i) {
            const auto& diff = m_diffs.at(i);
            const bool differs = !diff || !diff->equal || !diff->text.identical();
            if ((pass == 0) == differs)
                order << i;
        }
    }
    const QSignalBlocker blocker(m_chooser);
    m_chooser->clear();
    for (int i : std::as_const(order)) {
        const Item& item = m_items.at(i);
        const auto& diff = m_diffs.at(i);
        QString label = displayName(item.key);
        if (diff) {
            ++known;
            if (!diff->equal || !diff->text.identical()) {
                ++differ;
                if (item.request.left.isEmpty())
                    label += tr("  (only right)");
                else if (item.request.right.isEmpty())
                    label += tr("  (only left)");
                else
                    label += tr("  (%n change(s))", nullptr, int(diff->text.changeStarts.size()));
            } else {
                label += tr("  (same)");
            }
        }
        m_chooser->addItem(Icons::kind(item.key.kind), label, i);
        if (i == m_current)
            m_chooser->setCurrentIndex(m_chooser->count() - 1);
    }
    m_chooserCount->setText(known < m_items.size()
            ? tr("%n resource(s)", nullptr, int(m_items.size()))
            : tr("%1 of %n differ", nullptr, int(m_items.size())).arg(differ));
}

void YamlDiffView::updateActions()
{
    const auto diff = currentDiff();
    const Item* item = currentItem();
    const bool hasChanges = diff && !diff->text.changeStarts.isEmpty() && item && item->unavailable.isEmpty();
    m_previousAction->setEnabled(hasChanges);
    m_nextAction->setEnabled(hasChanges);
    m_normalizedAction->setEnabled(item && item->request.source == ResourceDiffRequest::Source::GitVsLive);
    m_revealAction->setVisible(isSecret());
    m_revealAction->setChecked(secretsRevealed());
    m_copyLeftAction->setEnabled(diff && !diff->leftText.isEmpty());
    m_copyRightAction->setEnabled(diff && !diff->rightText.isEmpty() && item && item->unavailable.isEmpty());
    m_findAction->setEnabled(bool(diff));
    m_syncAction->setEnabled(item && item->request.source == ResourceDiffRequest::Source::GitVsLive
        && !item->request.left.isEmpty() && item->application.has_value());
    m_toolbar->setEnabled(bool(item));
}

void YamlDiffView::updateSummary()
{
    const Item* item = currentItem();
    const auto diff = currentDiff();
    if (!item || !diff) {
        const QString error = item ? m_errors.value(m_current) : QString();
        m_summary->setText(error.toHtmlEscaped());
        m_summaryArea->setVisible(!error.isEmpty());
        return;
    }
    const bool live = item->request.source == ResourceDiffRequest::Source::GitVsLive;
    QString html;
    const auto line = [&html](const QString& text) { html += u"<div>"_s + text + u"</div>"_s; };
    const auto strong = [](const QString& text) { return u"<b>"_s + text.toHtmlEscaped() + u"</b>"_s; };
    if (!item->unavailable.isEmpty()) {
        line(strong(live ? tr("Live object unavailable") : tr("Right side unavailable")) + u": "_s
            + item->unavailable.toHtmlEscaped());
    } else if (item->request.left.isEmpty()) {
        line(strong(live ? tr("Not in Git") : tr("Only in %1").arg(item->request.rightTitle)) + u": "_s
            + (live ? tr("the cluster has this resource, Git does not.")
                    : tr("%1 does not have this resource.").arg(item->request.leftTitle))
                  .toHtmlEscaped());
    } else if (item->request.right.isEmpty()) {
        line(strong(live ? tr("Missing in the cluster") : tr("Not in %1").arg(item->request.rightTitle)) + u": "_s
            + (live ? tr("Git has this resource, the cluster does not.")
                    : tr("only %1 has this resource.").arg(item->request.leftTitle))
                  .toHtmlEscaped());
    } else if (diff->equal && diff->text.identical()) {
        line(strong(tr("No differences")));
    } else if (diff->equal) {
        line(strong(tr("No differences by meaning")) + u": "_s
            + tr("the full objects differ in server-set fields (%n change block(s) below).", nullptr,
                int(diff->text.changeStarts.size()))
                  .toHtmlEscaped());
    } else if (diff->changes.isEmpty()) {
        line(strong(tr("%n change block(s)", nullptr, int(diff->text.changeStarts.size()))));
    }
    if (item->unavailable.isEmpty() && !item->request.left.isEmpty() && !item->request.right.isEmpty()) {
        const QColor dim = palette().color(QPalette::PlaceholderText);
        int shown = 0;
        for (const engine::FieldChange& change : diff->changes) {
            if (++shown > MaxSummaryLines) {
                line(tr("… and %n more (Next Change, F7, goes through every one)", nullptr,
                    int(diff->changes.size()) - MaxSummaryLines)
                        .toHtmlEscaped());
                break;
            }
            QString values;
            switch (change.kind) {
            case engine::Difference::Changed:
                values = tr("%1 → %2").arg(change.oldValue, change.newValue);
                break;
            case engine::Difference::Added:
                values = tr("added %1").arg(change.newValue);
                break;
            case engine::Difference::Removed:
                values = tr("removed (was %1)").arg(change.oldValue);
                break;
            }
            QString text = u"<a href=\"row:%1\">%2</a>: "_s.arg(change.row).arg(change.displayPath.toHtmlEscaped())
                + values.toHtmlEscaped();
            if (!change.manager.isEmpty())
                text += u" <span style=\"color:%1\">· %2</span>"_s.arg(dim.name(), change.manager.toHtmlEscaped());
            line(text);
        }
    }
    if (diff->masked)
        line(u"<span style=\"color:%1\">%2</span>"_s.arg(palette().color(QPalette::PlaceholderText).name(),
            tr("Secret values are masked: equal values have equal masks.").toHtmlEscaped()));
    m_summary->setText(html);
    m_summaryArea->setVisible(!html.isEmpty());
}

QString YamlDiffView::summaryText() const
{
    QTextDocument document;
    document.setHtml(m_summary->text());
    return document.toPlainText();
}

QString YamlDiffView::headerText() const
{
    QStringList parts {m_title->text()};
    if (!m_status->text().isEmpty())
        parts << m_status->text();
    if (!m_headingLabel->text().isEmpty())
        parts << m_headingLabel->text();
    if (m_titles->isVisibleTo(this) || currentItem()) {
        parts << m_titleLabels[0]->text();
        if (m_mode == Mode::SideBySide)
            parts << m_titleLabels[1]->text();
    }
    return parts.join(u" | "_s);
}

QString YamlDiffView::paneText(DiffSide side) const
{
    return m_panes[side]->toPlainText();
}

// ---- Overview ruler and navigation ----

int YamlDiffView::changeExtent(int change) const
{
    if (change < 0 || change >= m_layout.changeBlock.size())
        return 0;
    const int first = m_layout.changeBlock.at(change);
    const QList<DiffPaneLine>& lines = m_layout.panes[0].lines;
    if (first < 0 || first >= lines.size())
        return 0;
    int count = 0;
    for (int n = first; n < lines.size(); ++n) {
        const DiffPaneLine::Kind kind = lines.at(n).kind;
        if (kind == DiffPaneLine::Equal || kind == DiffPaneLine::Fold)
            break;
        ++count;
    }
    return qMax(1, count);
}

void YamlDiffView::updateRuler()
{
    QList<DiffOverviewRuler::Marker> markers;
    const auto diff = currentDiff();
    const Item* item = currentItem();
    if (diff && item && item->unavailable.isEmpty()) {
        const QList<engine::DiffRow>& rows = diff->text.rows;
        for (int i = 0; i < diff->text.changeStarts.size(); ++i) {
            const int block = m_layout.changeBlock.value(i, -1);
            if (block < 0)
                continue;
            bool added = false;
            bool removed = false;
            bool changed = false;
            for (int r = diff->text.changeStarts.at(i); r < rows.size() && rows.at(r).kind != engine::DiffRow::Equal; ++r) {
                added |= rows.at(r).kind == engine::DiffRow::Added;
                removed |= rows.at(r).kind == engine::DiffRow::Removed;
                changed |= rows.at(r).kind == engine::DiffRow::Changed;
            }
            using Kind = DiffOverviewRuler::Kind;
            const Kind kind = changed || (added && removed) ? Kind::Changed : (added ? Kind::Added : Kind::Removed);
            markers.append({i, block, changeExtent(i), kind});
        }
    }
    m_ruler->setMarkers(markers, int(m_layout.panes[0].lines.size()));
    m_ruler->setCurrentChange(m_currentChange);
}

void YamlDiffView::updateRulerRange()
{
    const DiffPane* pane = m_mode == Mode::Unified ? m_panes[0] : m_panes[1];
    const DiffPane* shown = pane->isVisibleTo(this) && !pane->lines().isEmpty() ? pane : m_panes[0];
    m_ruler->setVisibleRange(shown->verticalScrollBar()->value(), shown->visibleBlockCount());
}

void YamlDiffView::markChange(int change)
{
    m_currentChange = change;
    const int block = m_layout.changeBlock.value(change, -1);
    const int extent = changeExtent(change);
    for (DiffPane* pane : m_panes)
        pane->setCurrentBlocks(block, extent);
    m_ruler->setCurrentChange(change);
    const auto diff = currentDiff();
    m_changeLabel->setText(diff ? tr("Change %1 of %2").arg(change + 1).arg(diff->text.changeStarts.size()) : QString());
}

void YamlDiffView::showChange(int change)
{
    const auto diff = currentDiff();
    if (!diff || change < 0 || change >= diff->text.changeStarts.size())
        return;
    const int block = m_layout.changeBlock.value(change, -1);
    if (block < 0)
        return;
    markChange(change);
    m_panes[0]->ensureBlocksVisible(block, changeExtent(change));
    updateRulerRange();
}

void YamlDiffView::nextChange()
{
    const auto diff = currentDiff();
    if (!diff || diff->text.changeStarts.isEmpty())
        return;
    const int count = int(diff->text.changeStarts.size());
    int next = m_currentChange + 1;
    if (m_currentChange < 0) {
        // From where the reader is: the first change at or below the top of the view.
        const int top = m_panes[0]->verticalScrollBar()->value();
        next = 0;
        while (next < count && m_layout.changeBlock.value(next, -1) < top)
            ++next;
    }
    showChange(next % count); // wraps around to the first
}

void YamlDiffView::previousChange()
{
    const auto diff = currentDiff();
    if (!diff || diff->text.changeStarts.isEmpty())
        return;
    const int count = int(diff->text.changeStarts.size());
    const int previous = m_currentChange < 0 ? count - 1 : m_currentChange - 1;
    showChange((previous + count) % count); // wraps around to the last
}

void YamlDiffView::scrollToRow(int row)
{
    const auto diff = currentDiff();
    if (!diff || row < 0 || row >= diff->text.rows.size())
        return;
    if (m_layout.rowBlock.value(row, -1) < 0) {
        // In a fold: open it first.
        const QList<engine::DiffSegment> segments = diff->text.segments(Context);
        for (int i = 0; i < segments.size(); ++i) {
            const engine::DiffSegment& s = segments.at(i);
            if (row >= s.firstRow && row < s.firstRow + s.rowCount)
                m_expanded.insert(i);
        }
        rebuildLayout(true);
    }
    const int block = m_layout.rowBlock.value(row, -1);
    if (block < 0)
        return;
    const int change = diff->text.changeAtOrAfter(row);
    const bool inChange = change >= 0 && m_layout.changeBlock.value(change, -1) <= block
        && block < m_layout.changeBlock.value(change, -1) + changeExtent(change);
    if (inChange) {
        m_currentChange = change;
        m_ruler->setCurrentChange(change);
        m_changeLabel->setText(tr("Change %1 of %2").arg(change + 1).arg(diff->text.changeStarts.size()));
    }
    for (DiffPane* pane : m_panes)
        pane->setCurrentBlocks(block, 1);
    m_panes[0]->ensureBlocksVisible(block, 1);
    updateRulerRange();
}

void YamlDiffView::expandFold(int segment)
{
    if (!currentDiff())
        return;
    m_expanded.insert(segment);
    rebuildLayout(true);
}

void YamlDiffView::expandAll()
{
    const auto diff = currentDiff();
    if (!diff)
        return;
    const QList<engine::DiffSegment> segments = diff->text.segments(Context);
    for (int i = 0; i < segments.size(); ++i)
        m_expanded.insert(i);
    rebuildLayout(true);
}

void YamlDiffView::syncScroll(int from, bool vertical, int value)
{
    if (m_syncing)
        return;
    m_syncing = true;
    DiffPane* other = m_panes[1 - from];
    (vertical ? other->verticalScrollBar() : other->horizontalScrollBar())->setValue(value);
    m_syncing = false;
    if (vertical)
        updateRulerRange();
}

void YamlDiffView::setMode(Mode mode, bool remember)
{
    (mode == Mode::Unified ? m_unifiedAction : m_sideBySideAction)->setChecked(true);
    if (remember)
        QSettings().setValue(ModeKey, mode == Mode::Unified ? u"unified"_s : u"side-by-side"_s);
    if (mode == m_mode)
        return;
    m_mode = mode;
    const int change = m_currentChange;
    rebuildLayout(false);
    if (!currentItem())
        clearPanes(m_panes[0]->placeholderText());
    if (change >= 0)
        showChange(change);
}

void YamlDiffView::setNormalized(bool normalized)
{
    m_normalizedAction->setChecked(normalized);
    if (normalized == m_normalized)
        return;
    m_normalized = normalized;
    if (m_items.isEmpty())
        return;
    m_expanded.clear();
    m_currentChange = -1;
    QList<int> all;
    for (int i = 0; i < m_items.size(); ++i)
        all << i;
    compute(all);
}

// ---- Find ----

void YamlDiffView::showFindBar()
{
    m_findBar->show();
    m_findEdit->setFocus();
    m_findEdit->selectAll();
    if (!m_findEdit->text().isEmpty())
        recomputeFind();
}

void YamlDiffView::find(const QString& text)
{
    if (m_findEdit->text() != text) {
        m_findBar->show();
        m_findEdit->setText(text); // comes back here through textChanged
        return;
    }
    recomputeFind();
    if (!m_matches.isEmpty())
        selectMatch(0);
}

void YamlDiffView::recomputeFind()
{
    m_matches.clear();
    m_currentMatch = -1;
    const QString text = m_findEdit->text();
    for (DiffPane* pane : m_panes)
        pane->setExtraSelections({});
    if (text.isEmpty()) {
        m_findCount->clear();
        return;
    }
    for (DiffPane* pane : m_panes)
        pane->finishFill();
    const auto search = [&] {
        for (int p = 0; p < 2; ++p) {
            DiffPane* pane = m_panes[p];
            if (!pane->isVisibleTo(this) || pane->lines().isEmpty())
                continue;
            QList<QTextEdit::ExtraSelection> selections;
            QTextCursor cursor(pane->document());
            while (true) {
                cursor = pane->document()->find(text, cursor);
                if (cursor.isNull())
                    break;
                m_matches.append({p, cursor.blockNumber(), cursor.selectionStart() - cursor.block().position(),
                    cursor.selectionEnd() - cursor.selectionStart()});
                QTextEdit::ExtraSelection selection;
                selection.cursor = cursor;
                selection.format.setBackground(QColor(0xff, 0xd3, 0x3d, 150));
                selections.append(selection);
            }
            pane->setExtraSelections(selections);
        }
    };
    search();
    // Text inside a fold is searched too: the folds open when only they hold it.
    const auto diff = currentDiff();
    if (m_matches.isEmpty() && !m_expandingForFind && diff
        && (diff->leftText.contains(text, Qt::CaseInsensitive) || diff->rightText.contains(text, Qt::CaseInsensitive))) {
        m_expandingForFind = true;
        expandAll(); // display() searches again
        m_expandingForFind = false;
        return;
    }
    // Reading order: by line, the left side first.
    std::sort(m_matches.begin(), m_matches.end(), [](const Match& a, const Match& b) {
        return std::tie(a.block, a.pane, a.position) < std::tie(b.block, b.pane, b.position);
    });
    m_findCount->setText(m_matches.isEmpty() ? tr("No matches") : tr("%n match(es)", nullptr, int(m_matches.size())));
}

void YamlDiffView::selectMatch(int index)
{
    if (m_matches.isEmpty())
        return;
    m_currentMatch = (index % int(m_matches.size()) + int(m_matches.size())) % int(m_matches.size());
    const Match& match = m_matches.at(m_currentMatch);
    DiffPane* pane = m_panes[match.pane];
    const QTextBlock block = pane->document()->findBlockByNumber(match.block);
    QTextCursor cursor(block);
    cursor.setPosition(block.position() + match.position);
    cursor.setPosition(block.position() + match.position + match.length, QTextCursor::KeepAnchor);
    pane->setTextCursor(cursor);
    pane->ensureBlocksVisible(match.block, 1);
    pane->ensureCursorVisible();
    m_findCount->setText(tr("%1 of %2").arg(m_currentMatch + 1).arg(m_matches.size()));
}

void YamlDiffView::findNext()
{
    if (m_matches.isEmpty())
        recomputeFind();
    selectMatch(m_currentMatch + 1);
}

void YamlDiffView::findPrevious()
{
    if (m_matches.isEmpty())
        recomputeFind();
    selectMatch(m_currentMatch < 0 ? -1 : m_currentMatch - 1);
}

int YamlDiffView::currentFindPane() const
{
    return m_currentMatch >= 0 ? m_matches.at(m_currentMatch).pane : -1;
}

int YamlDiffView::currentFindBlock() const
{
    return m_currentMatch >= 0 ? m_matches.at(m_currentMatch).block : -1;
}

// ---- Copy, secrets, context menu ----

void YamlDiffView::copySide(DiffSide side)
{
    const auto diff = currentDiff();
    const Item* item = currentItem();
    if (!diff || (side == engine::RightSide && item && !item->unavailable.isEmpty()))
        return;
    // The text as shown: masked unless this resource's values were revealed.
    QGuiApplication::clipboard()->setText(side == engine::LeftSide ? diff->leftText : diff->rightText);
}

bool YamlDiffView::isSecret() const
{
    const Item* item = currentItem();
    return item && (engine::SecretMask::isSecret(item->request.left) || engine::SecretMask::isSecret(item->request.right));
}

bool YamlDiffView::secretsRevealed() const
{
    return m_revealed.contains(m_current);
}

void YamlDiffView::requestReveal()
{
    if (!isSecret() || secretsRevealed())
        return;
    if (!m_revealBox) {
        m_revealBox = new QMessageBox(QMessageBox::Warning, tr("Reveal Secret Values"), QString(),
            QMessageBox::Yes | QMessageBox::Cancel, this);
        m_revealBox->setObjectName(u"revealSecretsConfirmation"_s);
        m_revealBox->setDefaultButton(QMessageBox::Cancel);
        m_revealBox->button(QMessageBox::Yes)->setText(tr("Reveal"));
    }
    const Item* item = currentItem();
    m_revealBox->setText(tr("Show the values of %1 in plain text?").arg(displayName(item->key)));
    m_revealBox->setInformativeText(
        tr("Anyone who can see your screen can read them. They stay revealed for this resource only."));
    const ResourceKey key = item->key;
    m_revealBox->disconnect(this);
    connect(m_revealBox, &QMessageBox::finished, this, [this, key](int result) {
        const Item* current = currentItem();
        if (result == QMessageBox::Yes && current && current->key == key)
            reveal();
    });
    m_revealBox->open();
}

void YamlDiffView::reveal()
{
    m_revealed.insert(m_current);
    m_revealAction->setChecked(true);
    compute({m_current});
}

void YamlDiffView::hideSecrets()
{
    if (!secretsRevealed())
        return;
    m_revealed.remove(m_current);
    m_revealAction->setChecked(false);
    compute({m_current});
}

void YamlDiffView::addContextActions(QMenu* menu, int pane, int block)
{
    const auto diff = currentDiff();
    const Item* item = currentItem();
    if (!diff || !item)
        return;
    menu->addSeparator();
    menu->addAction(m_copyLeftAction);
    menu->addAction(m_copyRightAction);
    const DiffPane* p = m_panes[pane];
    if (block < 0 || block >= p->lines().size())
        return;
    const DiffPaneLine line = p->lines().at(block);
    const bool changed
        = line.kind == DiffPaneLine::Changed || line.kind == DiffPaneLine::Removed || line.kind == DiffPaneLine::Added;
    if (!changed || item->request.source != ResourceDiffRequest::Source::GitVsLive || !item->application
        || !item->unavailable.isEmpty())
        return;
    menu->addSeparator();
    QAction* ignore = menu->addAction(tr("Ignore This Field…"));
    ignore->setObjectName(u"ignoreFieldAction"_s);
    const QString pointer = p->pointerOf(block);
    ignore->setEnabled(!pointer.isEmpty());
    ignore->setToolTip(pointer.isEmpty() ? tr("This line names no field") : pointer);
    const DiffSide side = DiffSide(line.side);
    const int number = line.number[line.side];
    const workspace::Application application = *item->application;
    const QString repositoryPath = item->repositoryPath;
    connect(ignore, &QAction::triggered, this, [this, diff, side, number, application, repositoryPath] {
        IgnoreFieldDialog dialog(*diff, side, number, application, repositoryPath, this);
        if (dialog.exec() == QDialog::Accepted && dialog.committed())
            Q_EMIT reloadRequested();
    });
}

} // namespace driftline::gui
