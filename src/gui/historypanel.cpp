#include "gui/historypanel.h"

#include "engine/auditlog.h"
#include "git/repository.h"
#include "gui/revertdialog.h"

#include <QFuture>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace driftline::gui {

namespace {

enum Column { CommitColumn, AuthorColumn, DateColumn, MessageColumn, FirstEnvironmentColumn };
constexpr int CommitIdRole = Qt::UserRole + 1;

// The commits that touched any instance's inputs: the rows every live column can point at.
Result<QList<git::CommitInfo>> readHistory(const QString& repositoryPath, const QString& revision,
    const QList<workspace::Application>& applications)
{
    auto repo = git::Repository::open(repositoryPath);
    if (!repo)
        return fail(repo.error());
    auto tip = repo->resolve(revision.isEmpty() ? u"HEAD"_s : revision);
    if (!tip)
        return fail(tip.error());
    QStringList paths;
    for (const workspace::Application& app : applications) {
        auto inputs = engine::LiveRevision::inputPaths(*repo, *tip, app);
        if (!inputs)
            return fail(inputs.error());
        for (const QString& p : std::as_const(*inputs)) {
            if (!paths.contains(p))
                paths << p;
        }
    }
    if (paths.contains(QString()))
        paths.clear(); // the whole repository: every commit
    return repo->history(paths, *tip, engine::LiveRevision::DefaultMaxCommits);
}

Result<engine::LiveRevisionMatch> findLive(const QString& repositoryPath, const QString& revision,
    const HistoryPanel::Instance& instance, const workspace::ApplicationRenderer::Options& options,
    const std::shared_ptr<std::atomic_bool>& cancel)
{
    auto repo = git::Repository::open(repositoryPath);
    if (!repo)
        return fail(repo.error());
    // Each environment's own inputs: a commit that touched only another
    // environment's overlay renders the same here and must not be taken for the live one.
    auto history = engine::LiveRevision::history(*repo, instance.application,
        revision.isEmpty() ? u"HEAD"_s : revision, engine::LiveRevision::DefaultMaxCommits);
    if (!history)
        return fail(history.error());
    engine::LiveRevision::Request request;
    request.application = instance.application;
    request.history = *history;
    request.live = instance.live;
    request.renderOptions = options;
    request.canceled = cancel.get();
    return engine::LiveRevision::find(*repo, request);
}

} // namespace

HistoryPanel::HistoryPanel(QWidget* parent)
    : QWidget(parent)
    , m_cancel(std::make_shared<std::atomic_bool>(false))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    m_message = new QLabel(this);
    m_message->setObjectName(u"historyMessage"_s);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table = new QTableView(this);
    m_table->setObjectName(u"historyTable"_s);
    m_model = new QStandardItemModel(0, FirstEnvironmentColumn, this);
    m_model->setHorizontalHeaderLabels({tr("Commit"), tr("Author"), tr("Date"), tr("Message")});
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(MessageColumn, QHeaderView::Stretch);
    m_stack->addWidget(m_message);
    m_stack->addWidget(m_table);
    layout->addWidget(m_stack, 1);

    auto* buttons = new QHBoxLayout;
    m_preview = new QPushButton(tr("Preview"), this);
    m_preview->setObjectName(u"historyPreview"_s);
    m_preview->setToolTip(tr("Show the cluster against this revision in the YAML panel"));
    m_rollback = new QPushButton(tr("Roll back cluster…"), this);
    m_rollback->setObjectName(u"historyRollback"_s);
    m_rollback->setToolTip(tr("Apply this revision to the cluster, without changing Git"));
    m_revert = new QPushButton(tr("Revert in Git…"), this);
    m_revert->setObjectName(u"historyRevert"_s);
    m_revert->setToolTip(tr("Commit the application's files as they were at this revision"));
    buttons->addWidget(m_preview);
    buttons->addWidget(m_rollback);
    buttons->addWidget(m_revert);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    connect(m_preview, &QPushButton::clicked, this, [this] {
        if (const QString id = selectedCommit(); !id.isEmpty())
            Q_EMIT previewRequested(m_application.id(), id);
    });
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (const QString id = commitAt(index.row()); !id.isEmpty())
            Q_EMIT previewRequested(m_application.id(), id);
    });
    connect(m_rollback, &QPushButton::clicked, this, [this] {
        const QString id = selectedCommit();
        if (id.isEmpty())
            return;
        // The environment of the column the user is in, else the application's own.
        QString environment = environmentOfColumn(m_table->currentIndex().column());
        if (environment.isEmpty())
            environment = m_application.environment;
        Q_EMIT rollbackRequested(environment + u'/' + m_application.name, environment, id);
    });
    connect(m_revert, &QPushButton::clicked, this, [this] {
        if (RevertDialog* dialog = openRevertDialog())
            dialog->show();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &HistoryPanel::updateButtons);
    clear();
}

HistoryPanel::~HistoryPanel()
{
    m_cancel->store(true); // workers still rendering stop at their next commit
}

void HistoryPanel::clear(const QString& message)
{
    ++m_generation;
    m_cancel->store(true);
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_historyPending = 0;
    m_livePending = 0;
    m_application = {};
    m_repositoryPath.clear();
    m_revision.clear();
    m_instances.clear();
    m_commits.clear();
    m_live.clear();
    m_model->setRowCount(0);
    m_model->setColumnCount(FirstEnvironmentColumn);
    showMessage(message.isEmpty() ? tr("Select an application to see its history.") : message);
}

void HistoryPanel::showMessage(const QString& text)
{
    m_message->setText(text);
    m_stack->setCurrentWidget(m_message);
    updateButtons();
}

QString HistoryPanel::message() const
{
    return m_stack->currentWidget() == m_message ? m_message->text() : QString();
}

bool HistoryPanel::isBusy() const
{
    return m_historyPending > 0 || m_livePending > 0;
}

void HistoryPanel::setApplication(const QString& repositoryPath, const QString& revision,
    const workspace::Application& application, const QList<Instance>& instances)
{
    if (repositoryPath == m_repositoryPath && revision == m_revision && application.id() == m_application.id()
        && application.path == m_application.path && (!m_commits.isEmpty() || m_historyPending > 0)) {
        setInstances(instances);
        return;
    }
    clear(tr("Reading the history of %1…").arg(application.id()));
    m_repositoryPath = repositoryPath;
    m_revision = revision;
    m_application = application;
    m_instances = instances;
    QList<workspace::Application> applications {application};
    for (const Instance& i : instances) {
        if (i.application.id() != application.id())
            applications << i.application;
    }
    const quint64 generation = m_generation;
    ++m_historyPending;
    QtConcurrent::run(&readHistory, repositoryPath, revision, applications)
        .then(this, [this, generation](const Result<QList<git::CommitInfo>>& history) {
            if (generation != m_generation)
                return; // another application since
            --m_historyPending;
            if (!history) {
                showMessage(tr("The history of %1 could not be read: %2")
                                .arg(m_application.id(), history.error().toString()));
                Q_EMIT historyReady();
                return;
            }
            showHistory(*history);
            Q_EMIT historyReady();
            startLiveRevisions();
        });
}

void HistoryPanel::setInstances(const QList<Instance>& instances)
{
    // Every watch event makes a new snapshot: judging 30 renders again for each would
    // keep the workers busy, so only a change in which environments can be read (a
    // cluster read for the first time, another application) starts a new round.
    const auto readable = [](const QList<Instance>& list) {
        QStringList out;
        for (const Instance& i : list)
            out << i.application.id() + (i.live && i.live->isComplete() ? u"+"_s : u"-"_s);
        return out;
    };
    const bool restart = readable(instances) != readable(m_instances);
    m_instances = instances;
    if (restart && !m_commits.isEmpty())
        startLiveRevisions();
}

void HistoryPanel::refreshLiveRevisions()
{
    if (!m_commits.isEmpty())
        startLiveRevisions();
}

void HistoryPanel::showHistory(const QList<git::CommitInfo>& commits)
{
    m_commits = commits;
    if (commits.isEmpty()) {
        showMessage(tr("No commit touched the files of %1.").arg(m_application.id()));
        return;
    }
    QStringList environments;
    for (const Instance& i : std::as_const(m_instances))
        environments << i.application.environment;
    m_model->setColumnCount(FirstEnvironmentColumn + int(environments.size()));
    for (int c = 0; c < environments.size(); ++c)
        m_model->setHorizontalHeaderItem(FirstEnvironmentColumn + c, new QStandardItem(environments.at(c)));
    m_model->setRowCount(0);
    const QLocale locale;
    for (const git::CommitInfo& commit : commits) {
        QList<QStandardItem*> row;
        auto* hash = new QStandardItem(commit.shortId.left(8));
        hash->setData(commit.id, CommitIdRole);
        hash->setToolTip(commit.id);
        auto* author = new QStandardItem(commit.author);
        author->setToolTip(commit.authorEmail);
        auto* date = new QStandardItem(locale.toString(commit.time.toLocalTime(), QLocale::ShortFormat));
        auto* summary = new QStandardItem(commit.summary);
        summary->setToolTip(commit.message.trimmed());
        row << hash << author << date << summary;
        for (int c = 0; c < environments.size(); ++c)
            row << new QStandardItem;
        m_model->appendRow(row);
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(MessageColumn, QHeaderView::Stretch);
    m_stack->setCurrentWidget(m_table);
    updateLiveColumns();
    updateButtons();
}

void HistoryPanel::startLiveRevisions()
{
    // A new round: renders of the previous one stop at their next commit.
    m_cancel->store(true);
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const quint64 generation = ++m_generation;
    m_live.clear();
    QList<Instance> readable;
    for (const Instance& instance : std::as_const(m_instances)) {
        if (instance.live && instance.live->isComplete())
            readable << instance;
    }
    // Counted before any starts: a continuation may run at once when its worker already finished.
    m_livePending = int(readable.size());
    updateLiveColumns();
    if (readable.isEmpty()) {
        Q_EMIT liveRevisionsReady();
        return;
    }
    for (const Instance& instance : std::as_const(readable)) {
        const QString environment = instance.application.environment;
        QtConcurrent::run(&findLive, m_repositoryPath, m_revision, instance, m_renderOptions, m_cancel)
            .then(this, [this, generation, environment](const Result<engine::LiveRevisionMatch>& match) {
                if (generation != m_generation)
                    return;
                --m_livePending;
                engine::LiveRevisionMatch m;
                m.environment = environment;
                if (match)
                    m = *match;
                else
                    m.renderErrors << match.error().toString();
                m_live.insert(environment, m);
                updateLiveColumns();
                if (m_livePending == 0)
                    Q_EMIT liveRevisionsReady();
            });
    }
}

void HistoryPanel::updateLiveColumns()
{
    for (int c = FirstEnvironmentColumn; c < m_model->columnCount(); ++c) {
        const QString environment = environmentOfColumn(c);
        const auto match = m_live.constFind(environment);
        QString header;
        if (match != m_live.cend())
            header = match->text() + (match->renderErrors.isEmpty() ? QString() : u"\n"_s + match->renderErrors.join(u'\n'));
        else if (m_livePending > 0)
            header = tr("Finding the live revision…");
        else
            header = tr("The cluster of %1 has not been read yet.").arg(environment);
        if (QStandardItem* h = m_model->horizontalHeaderItem(c))
            h->setToolTip(header);
        const QString pinned = m_pinned.value(environment);
        for (int r = 0; r < m_model->rowCount(); ++r) {
            const QString id = commitAt(r);
            QStringList marks;
            QString tip;
            if (match != m_live.cend() && match->commitId == id) {
                marks << (match->exact ? tr("● live")
                                       : tr("≈ live (%n differ)", nullptr, match->differingResources));
                tip = match->text();
            }
            if (!pinned.isEmpty() && pinned == id) {
                marks << tr("pinned");
                tip += (tip.isEmpty() ? QString() : u"\n"_s) + tr("%1 is pinned to this revision.").arg(environment);
            }
            QStandardItem* item = m_model->item(r, c);
            if (!item)
                continue;
            item->setText(marks.join(u" · "_s));
            item->setToolTip(tip);
        }
    }
}

void HistoryPanel::setPinned(const QString& environment, const QString& commitId)
{
    if (commitId.isEmpty())
        m_pinned.remove(environment);
    else
        m_pinned.insert(environment, commitId);
    updateLiveColumns();
}

void HistoryPanel::updateButtons()
{
    const bool selected = !selectedCommit().isEmpty();
    m_preview->setEnabled(selected);
    m_rollback->setEnabled(selected);
    m_revert->setEnabled(selected && !m_repositoryPath.isEmpty());
}

QString HistoryPanel::commitAt(int row) const
{
    const QStandardItem* item = m_model->item(row, CommitColumn);
    return item ? item->data(CommitIdRole).toString() : QString();
}

QString HistoryPanel::selectedCommit() const
{
    if (m_stack->currentWidget() != m_table)
        return {};
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : commitAt(rows.first().row());
}

void HistoryPanel::selectCommit(const QString& commitId)
{
    for (int r = 0; r < m_model->rowCount(); ++r) {
        if (commitAt(r) == commitId) {
            m_table->selectRow(r);
            return;
        }
    }
}

const engine::LiveRevisionMatch* HistoryPanel::liveRevision(const QString& environment) const
{
    const auto it = m_live.constFind(environment);
    return it == m_live.cend() ? nullptr : &*it;
}

int HistoryPanel::environmentColumn(const QString& environment) const
{
    for (int c = FirstEnvironmentColumn; c < m_model->columnCount(); ++c) {
        if (environmentOfColumn(c) == environment)
            return c;
    }
    return -1;
}

QString HistoryPanel::environmentOfColumn(int column) const
{
    if (column < FirstEnvironmentColumn)
        return {};
    const QStandardItem* h = m_model->horizontalHeaderItem(column);
    return h ? h->text() : QString();
}

RevertDialog* HistoryPanel::openRevertDialog()
{
    const QString id = selectedCommit();
    if (id.isEmpty() || m_repositoryPath.isEmpty())
        return nullptr;
    if (!m_auditLog && !m_defaultAuditLog)
        m_defaultAuditLog = std::make_unique<engine::AuditLog>();
    auto* dialog = new RevertDialog(m_repositoryPath, m_application, id,
        m_auditLog ? m_auditLog : m_defaultAuditLog.get(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RevertDialog::reverted, this, &HistoryPanel::reverted);
    return dialog;
}

} // namespace driftline::gui
