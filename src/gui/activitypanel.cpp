#include "gui/activitypanel.h"

#include "gui/auditview.h"
#include "gui/icons.h"
#include "workspace/workspaceloader.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace driftline::gui {

namespace {

QString location(const Error& error)
{
    if (error.file.isEmpty())
        return {};
    return error.line > 0 ? u"%1:%2"_s.arg(error.file).arg(error.line) : error.file;
}

} // namespace

ActivityPanel::ActivityPanel(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto* bar = new QWidget(this);
    auto* barLayout = new QHBoxLayout(bar);
    barLayout->setContentsMargins(8, 4, 8, 4);
    barLayout->setSpacing(6);
    m_activityIcon = new QLabel(bar);
    m_activityIcon->setFixedSize(16, 16);
    m_activity = new QLabel(tr("Idle"), bar);
    m_activity->setObjectName(u"activityText"_s);
    m_progress = new QProgressBar(bar);
    m_progress->setObjectName(u"activityProgress"_s);
    m_progress->setMaximumWidth(220);
    m_progress->setMaximumHeight(14);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_problems = new QLabel(bar);
    barLayout->addWidget(m_activityIcon);
    barLayout->addWidget(m_activity);
    barLayout->addWidget(m_progress);
    barLayout->addStretch(1);
    barLayout->addWidget(m_problems);
    layout->addWidget(bar);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"activityTabs"_s);
    m_tabs->setDocumentMode(true);
    m_stack = new QStackedWidget(m_tabs);
    auto* empty = new QLabel(tr("No problems found."), m_stack);
    empty->setAlignment(Qt::AlignCenter);
    empty->setEnabled(false);
    m_errors = new QTreeWidget(m_stack);
    m_errors->setObjectName(u"errorList"_s);
    m_errors->setColumnCount(ColumnCount);
    m_errors->setHeaderLabels({tr("Problem"), tr("Location"), tr("Application")});
    m_errors->setRootIsDecorated(false);
    m_errors->setUniformRowHeights(true);
    m_errors->setAlternatingRowColors(true);
    m_errors->setFrameShape(QFrame::NoFrame);
    m_errors->header()->setStretchLastSection(false);
    m_errors->header()->setSectionResizeMode(MessageColumn, QHeaderView::Stretch);
    m_errors->header()->setSectionResizeMode(LocationColumn, QHeaderView::Interactive);
    m_errors->header()->setSectionResizeMode(ApplicationColumn, QHeaderView::Interactive);
    m_errors->header()->resizeSection(LocationColumn, 260);
    m_errors->header()->resizeSection(ApplicationColumn, 160);
    m_stack->addWidget(empty);
    m_stack->addWidget(m_errors);
    // The tab bar costs a line: the lists may shrink instead, so the dock stays as low as before.
    m_errors->setMinimumHeight(40);
    m_auditView = new AuditView(m_tabs);
    m_auditView->setObjectName(u"auditView"_s);
    m_tabs->addTab(m_stack, tr("Problems"));
    m_tabs->addTab(m_auditView, tr("Journal"));
    layout->addWidget(m_tabs, 1);

    connect(m_errors, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const QString id = item->data(MessageColumn, ApplicationIdRole).toString();
        if (!id.isEmpty())
            Q_EMIT applicationActivated(id);
    });
    updateEmptyState();
}

void ActivityPanel::setLoader(workspace::WorkspaceLoader* loader)
{
    if (m_loader)
        disconnect(m_loader, nullptr, this, nullptr);
    m_loader = loader;
    if (!loader)
        return;
    using workspace::WorkspaceLoader;
    connect(loader, &WorkspaceLoader::loadStarted, this, &ActivityPanel::onLoadStarted);
    connect(loader, &WorkspaceLoader::workspaceDiscovered, this, &ActivityPanel::onDiscovered);
    connect(loader, &WorkspaceLoader::applicationRendered, this, &ActivityPanel::onRendered);
    connect(loader, &WorkspaceLoader::progress, this, &ActivityPanel::onProgress);
    connect(loader, &WorkspaceLoader::loadFinished, this, &ActivityPanel::onFinished);
    connect(loader, &WorkspaceLoader::loadFailed, this, &ActivityPanel::onFailed);
}

void ActivityPanel::clearErrors()
{
    m_errors->clear();
    updateEmptyState();
}

void ActivityPanel::addError(const Error& error, const QString& applicationId)
{
    auto* item = new QTreeWidgetItem(m_errors);
    QString message = error.message;
    if (!error.resource.isEmpty())
        message = error.resource + u": "_s + message;
    const qsizetype nl = message.indexOf(u'\n');
    item->setText(MessageColumn, nl < 0 ? message : message.left(nl));
    item->setIcon(MessageColumn, Icons::status(Icons::Status::Error));
    item->setText(LocationColumn, location(error));
    item->setText(ApplicationColumn, applicationId);
    item->setData(MessageColumn, ApplicationIdRole, applicationId);
    // The full text, with a tool's stderr, is one hover away.
    const QString full = error.toString();
    for (int c = 0; c < ColumnCount; ++c)
        item->setToolTip(c, full);
    updateEmptyState();
}

int ActivityPanel::errorCount() const
{
    return m_errors->topLevelItemCount();
}

void ActivityPanel::showJournal()
{
    m_tabs->setCurrentWidget(m_auditView);
}

QString ActivityPanel::activityText() const
{
    return m_activity->text();
}

void ActivityPanel::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_activityIcon->setPixmap(Icons::status(busy ? Icons::Status::Pending : Icons::Status::Ok).pixmap(16, 16));
}

void ActivityPanel::updateEmptyState()
{
    const int count = errorCount();
    m_stack->setCurrentIndex(count == 0 ? 0 : 1);
    m_problems->setText(count == 0 ? QString() : tr("%n problem(s)", nullptr, count));
    Q_EMIT errorCountChanged(count);
}

void ActivityPanel::onLoadStarted()
{
    clearErrors();
    m_timer.start();
    m_total = 0;
    m_activity->setText(tr("Reading the repository…"));
    m_progress->setRange(0, 0);
    setBusy(true);
}

void ActivityPanel::onDiscovered(const workspace::Workspace& workspace)
{
    for (const Error& e : workspace.errors)
        addError(e);
    m_total = int(workspace.applications.size());
    m_progress->setRange(0, qMax(1, m_total));
    m_progress->setValue(0);
    m_activity->setText(tr("Loading %1 of %n application(s)…", nullptr, m_total).arg(0));
}

void ActivityPanel::onRendered(const QString& applicationId)
{
    if (!m_loader)
        return;
    if (const workspace::RenderResult* result = m_loader->result(applicationId)) {
        for (const Error& e : result->errors)
            addError(e, applicationId);
    }
}

void ActivityPanel::onProgress(int done, int total)
{
    m_total = total;
    m_progress->setRange(0, qMax(1, total));
    m_progress->setValue(done);
    m_activity->setText(tr("Loading %1 of %n application(s)…", nullptr, total).arg(done));
}

void ActivityPanel::onFinished()
{
    setBusy(false);
    m_activity->setText(tr("Loaded %n application(s) in %1 s", nullptr, m_total)
                            .arg(QLocale().toString(m_timer.elapsed() / 1000.0, 'f', 1)));
}

void ActivityPanel::onFailed(const Error& error)
{
    setBusy(false);
    m_activityIcon->setPixmap(Icons::status(Icons::Status::Error).pixmap(16, 16));
    m_activity->setText(tr("The workspace could not be opened."));
    addError(error);
}

} // namespace driftline::gui
