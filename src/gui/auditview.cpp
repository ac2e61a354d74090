#include "gui/auditview.h"

#include "core/resourcekey.h"
#include "gui/icons.h"
#include "gui/yamlview.h"

#include <QAbstractTableModel>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScrollArea>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace driftline::gui {

using engine::AuditEntry;
using engine::AuditLog;

namespace {

// A burst of writes (the started line, then the finished one) reads once.
constexpr int debounceMs = 250;

const QStringList knownKinds {u"sync"_s, u"rollback"_s, u"revert"_s, u"prune"_s};
// Resource outcomes in the order the counts name them.
const QStringList resourceOutcomes {
    u"created"_s, u"configured"_s, u"unchanged"_s, u"pruned"_s, u"failed"_s, u"notRun"_s};

QString kindText(const QString& kind)
{
    if (kind == "sync"_L1)
        return AuditView::tr("Sync");
    if (kind == "rollback"_L1)
        return AuditView::tr("Rollback");
    if (kind == "revert"_L1)
        return AuditView::tr("Revert");
    if (kind == "prune"_L1)
        return AuditView::tr("Prune");
    return kind;
}

QString actionText(const QString& action)
{
    if (action == "create"_L1)
        return AuditView::tr("Create");
    if (action == "update"_L1)
        return AuditView::tr("Update");
    if (action == "prune"_L1)
        return AuditView::tr("Prune");
    if (action == "unchanged"_L1)
        return AuditView::tr("Leave alone");
    return action;
}

QString resourceOutcomeText(const QString& outcome)
{
    if (outcome == "created"_L1)
        return AuditView::tr("Created");
    if (outcome == "configured"_L1)
        return AuditView::tr("Configured");
    if (outcome == "unchanged"_L1)
        return AuditView::tr("Unchanged");
    if (outcome == "pruned"_L1)
        return AuditView::tr("Pruned");
    if (outcome == "failed"_L1)
        return AuditView::tr("Failed");
    if (outcome == "notRun"_L1)
        return AuditView::tr("Not run");
    return outcome;
}

// "3 created", translated with the right plural.
QString countText(const QString& outcome, int n)
{
    if (outcome == "created"_L1)
        return AuditView::tr("%n created", nullptr, n);
    if (outcome == "configured"_L1)
        return AuditView::tr("%n configured", nullptr, n);
    if (outcome == "unchanged"_L1)
        return AuditView::tr("%n unchanged", nullptr, n);
    if (outcome == "pruned"_L1)
        return AuditView::tr("%n pruned", nullptr, n);
    if (outcome == "failed"_L1)
        return AuditView::tr("%n failed", nullptr, n);
    if (outcome == "notRun"_L1)
        return AuditView::tr("%n not run", nullptr, n);
    return QString::number(n) + u' ' + outcome;
}

Icons::Status statusOf(const QString& outcome)
{
    if (outcome == "succeeded"_L1 || outcome == "created"_L1 || outcome == "configured"_L1
        || outcome == "pruned"_L1 || outcome == "unchanged"_L1)
        return Icons::Status::Ok;
    if (outcome == "failed"_L1)
        return Icons::Status::Error;
    if (outcome == "cancelled"_L1 || outcome == "aborted"_L1 || outcome == "interrupted"_L1
        || outcome == "notRun"_L1)
        return Icons::Status::Warning;
    return Icons::Status::Pending;
}

// Full commit ids are unreadable in a column; branch names stay as they are.
QString shortRevision(const QString& revision)
{
    static const QRegularExpression hash(u"^[0-9a-f]{12,64}$"_s);
    return hash.match(revision).hasMatch() ? revision.left(8) : revision;
}

QString durationText(const AuditEntry& entry)
{
    if (entry.outcome == "interrupted"_L1)
        return {};
    const qint64 ms = entry.durationMs;
    const QLocale locale;
    if (ms < 1000)
        return AuditView::tr("%1 ms").arg(ms);
    if (ms < 60'000)
        return AuditView::tr("%1 s").arg(locale.toString(double(ms) / 1000.0, 'f', 1));
    return AuditView::tr("%1 min %2 s").arg(ms / 60'000).arg((ms % 60'000) / 1000);
}

QString timeText(const QDateTime& time)
{
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

QString optionsText(const QJsonObject& options)
{
    QStringList parts;
    for (auto it = options.begin(); it != options.end(); ++it) {
        const QJsonValue v = it.value();
        QString value;
        if (v.isBool())
            value = v.toBool() ? AuditView::tr("yes") : AuditView::tr("no");
        else if (v.isString())
            value = v.toString();
        else if (v.isDouble())
            value = QLocale().toString(v.toDouble());
        else if (v.isArray())
            value = QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
        else if (v.isObject())
            value = QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
        else
            value = u"null"_s;
        parts.append(it.key() + u": "_s + value);
    }
    return parts.join(u" · "_s);
}

QString csvField(const QString& value)
{
    // RFC 4180: quote fields holding the separator, a quote or a line break; double the quotes.
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n') && !value.contains(u'\r'))
        return value;
    QString quoted = value;
    quoted.replace(u"\""_s, u"\"\""_s);
    return u'"' + quoted + u'"';
}

QString csvLine(const QStringList& fields)
{
    QStringList out;
    out.reserve(fields.size());
    for (const QString& f : fields)
        out.append(csvField(f));
    return out.join(u',') + u"\r\n"_s;
}

Result<void> writeFile(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(Error::make(Error::Code::Io,
            AuditView::tr("cannot write %1: %2").arg(path, file.errorString())).at(path));
    file.write(bytes);
    if (!file.commit())
        return fail(Error::make(Error::Code::Io,
            AuditView::tr("cannot write %1: %2").arg(path, file.errorString())).at(path));
    return {};
}

} // namespace

// The journal's operations, newest first. Follows re-reads with keyed inserts
// and dataChanged (an interrupted entry that finishes), so selection survives.
class AuditView::Model : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }
    int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : ColumnCount; }

    const AuditEntry& entry(int row) const { return m_rows.at(row); }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return {};
        switch (Column(section)) {
        case TimeColumn:
            return AuditView::tr("Time");
        case KindColumn:
            return AuditView::tr("Kind");
        case UserColumn:
            return AuditView::tr("User");
        case EnvironmentColumn:
            return AuditView::tr("Environment");
        case ApplicationsColumn:
            return AuditView::tr("Applications");
        case RevisionColumn:
            return AuditView::tr("Revision");
        case OutcomeColumn:
            return AuditView::tr("Outcome");
        case ResultsColumn:
            return AuditView::tr("Results");
        case DurationColumn:
            return AuditView::tr("Duration");
        case ColumnCount:
            break;
        }
        return {};
    }

    QVariant data(const QModelIndex& index, int role) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const AuditEntry& e = m_rows.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
            return text(e, Column(index.column()));
        case Qt::ToolTipRole:
            return toolTip(e, Column(index.column()));
        case Qt::DecorationRole:
            if (index.column() == OutcomeColumn)
                return Icons::status(statusOf(e.outcome));
            return {};
        case Qt::ForegroundRole:
            if (index.column() == OutcomeColumn)
                return Icons::statusColor(statusOf(e.outcome));
            return {};
        case Qt::TextAlignmentRole:
            if (index.column() == DurationColumn)
                return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
            return {};
        case IdRole:
            return e.id;
        case KindRole:
            return e.kind;
        case EnvironmentRole:
            return e.environment;
        case OutcomeRole:
            return e.outcome;
        default:
            return {};
        }
    }

    static QString text(const AuditEntry& e, Column column)
    {
        switch (column) {
        case TimeColumn:
            return timeText(e.time);
        case KindColumn:
            return kindText(e.kind);
        case UserColumn:
            return e.user;
        case EnvironmentColumn:
            return e.environment;
        case ApplicationsColumn:
            return e.applications.join(u", "_s);
        case RevisionColumn:
            return shortRevision(e.revision);
        case OutcomeColumn:
            return outcomeText(e.outcome);
        case ResultsColumn:
            return countsText(e);
        case DurationColumn:
            return durationText(e);
        case ColumnCount:
            break;
        }
        return {};
    }

    static QString toolTip(const AuditEntry& e, Column column)
    {
        switch (column) {
        case TimeColumn:
            return QLocale().toString(e.time.toLocalTime(), QLocale::LongFormat);
        case RevisionColumn:
            return e.revision;
        case OutcomeColumn:
            return e.error.isEmpty() ? outcomeText(e.outcome) : outcomeText(e.outcome) + u": "_s + e.error;
        case ResultsColumn:
            return e.summary;
        default:
            return text(e, column);
        }
    }

    // `journal` in the order the operations started; shown reversed.
    void setEntries(const QList<AuditEntry>& journal)
    {
        QList<AuditEntry> next(journal.crbegin(), journal.crend());
        if (m_rows.isEmpty() || next.isEmpty()) {
            beginResetModel();
            m_rows = std::move(next);
            endResetModel();
            return;
        }
        QHash<QString, qsizetype> nextIndex;
        for (qsizetype i = 0; i < next.size(); ++i)
            nextIndex.insert(next.at(i).id, i);
        // Gone (another file took the path): removed bottom-up.
        for (qsizetype r = m_rows.size() - 1; r >= 0; --r) {
            if (!nextIndex.contains(m_rows.at(r).id)) {
                beginRemoveRows({}, int(r), int(r));
                m_rows.removeAt(r);
                endRemoveRows();
            }
        }
        // An append-only journal keeps the survivors' order; anything else is a new file.
        for (qsizetype r = 1; r < m_rows.size(); ++r) {
            if (nextIndex.value(m_rows.at(r).id) < nextIndex.value(m_rows.at(r - 1).id)) {
                beginResetModel();
                m_rows = std::move(next);
                endResetModel();
                return;
            }
        }
        QSet<QString> present;
        for (const AuditEntry& e : std::as_const(m_rows))
            present.insert(e.id);
        qsizetype i = 0;
        while (i < next.size()) {
            if (present.contains(next.at(i).id)) {
                if (!(m_rows.at(i) == next.at(i))) {
                    m_rows[i] = next.at(i);
                    Q_EMIT dataChanged(index(int(i), 0), index(int(i), ColumnCount - 1));
                }
                ++i;
                continue;
            }
            qsizetype end = i;
            while (end < next.size() && !present.contains(next.at(end).id))
                ++end;
            beginInsertRows({}, int(i), int(end - 1));
            for (qsizetype k = i; k < end; ++k)
                m_rows.insert(k, next.at(k));
            endInsertRows();
            i = end;
        }
    }

private:
    QList<AuditEntry> m_rows;
};

// The filters above the table, combined with AND.
class AuditView::Filter : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void set(const QString& text, const QString& kind, const QString& environment, const QString& outcome)
    {
        m_text = text.trimmed();
        m_kind = kind;
        m_environment = environment;
        m_outcome = outcome;
        invalidateRowsFilter();
    }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override
    {
        if (sourceParent.isValid())
            return false;
        const auto* model = static_cast<const Model*>(sourceModel());
        const AuditEntry& e = model->entry(sourceRow);
        if (!m_kind.isEmpty() && e.kind != m_kind)
            return false;
        if (!m_environment.isEmpty() && e.environment != m_environment)
            return false;
        if (m_outcome == failedOrInterrupted()) {
            if (e.outcome != "failed"_L1 && e.outcome != "aborted"_L1 && e.outcome != "interrupted"_L1)
                return false;
        } else if (!m_outcome.isEmpty() && e.outcome != m_outcome) {
            return false;
        }
        if (m_text.isEmpty())
            return true;
        // People paste whole commit ids: the full revision matches as well as the short one.
        if (e.revision.contains(m_text, Qt::CaseInsensitive))
            return true;
        for (int c = 0; c < ColumnCount; ++c) {
            if (Model::text(e, Column(c)).contains(m_text, Qt::CaseInsensitive))
                return true;
        }
        return false;
    }

private:
    QString m_text;
    QString m_kind;
    QString m_environment;
    QString m_outcome;
};

AuditView::AuditView(QWidget* parent)
    : QWidget(parent)
    , m_model(new Model(this))
    , m_filter(new Filter(this))
    , m_watcher(new QFileSystemWatcher(this))
    , m_debounce(new QTimer(this))
{
    m_filter->setSourceModel(m_model);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(debounceMs);
    connect(m_debounce, &QTimer::timeout, this, &AuditView::reload);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, [this] {
        watch(); // a replaced or removed file drops out of the watcher
        m_debounce->start();
    });
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] {
        if (QFileInfo::exists(m_path)) {
            watch();
            m_debounce->start();
        }
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto* bar = new QWidget(this);
    auto* barLayout = new QHBoxLayout(bar);
    barLayout->setContentsMargins(8, 4, 8, 4);
    barLayout->setSpacing(6);
    m_filterEdit = new QLineEdit(bar);
    m_filterEdit->setObjectName(u"auditFilter"_s);
    m_filterEdit->setPlaceholderText(tr("Filter operations"));
    m_filterEdit->setClearButtonEnabled(true);
    m_kind = new QComboBox(bar);
    m_kind->setObjectName(u"auditKind"_s);
    m_kind->addItem(tr("All kinds"), QString());
    for (const QString& kind : knownKinds)
        m_kind->addItem(kindText(kind), kind);
    m_environment = new QComboBox(bar);
    m_environment->setObjectName(u"auditEnvironment"_s);
    m_environment->addItem(tr("All environments"), QString());
    m_environment->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_outcome = new QComboBox(bar);
    m_outcome->setObjectName(u"auditOutcome"_s);
    m_outcome->addItem(tr("All outcomes"), QString());
    for (const QString& outcome : {u"succeeded"_s, u"failed"_s, u"cancelled"_s, u"aborted"_s, u"interrupted"_s})
        m_outcome->addItem(Icons::status(statusOf(outcome)), outcomeText(outcome), outcome);
    m_outcome->addItem(Icons::status(Icons::Status::Error), tr("Failed or interrupted"), failedOrInterrupted());
    m_warning = new QLabel(bar);
    m_warning->setObjectName(u"auditWarning"_s);
    QPalette warningPalette = m_warning->palette();
    warningPalette.setColor(QPalette::WindowText, Icons::statusColor(Icons::Status::Warning));
    m_warning->setPalette(warningPalette);
    m_warning->hide();
    m_export = new QToolButton(bar);
    m_export->setObjectName(u"auditExport"_s);
    m_export->setText(tr("Export"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto* exportMenu = new QMenu(m_export);
    exportMenu->addAction(tr("Export as JSON…"), this, [this] { exportWithDialog(true); });
    exportMenu->addAction(tr("Export as CSV…"), this, [this] { exportWithDialog(false); });
    m_export->setMenu(exportMenu);
    barLayout->addWidget(m_filterEdit, 1);
    barLayout->addWidget(m_kind);
    barLayout->addWidget(m_environment);
    barLayout->addWidget(m_outcome);
    barLayout->addWidget(m_warning);
    barLayout->addWidget(m_export);
    layout->addWidget(bar);

    m_stack = new QStackedWidget(this);
    auto* empty = new QLabel(tr("No operations yet: syncs, rollbacks and reverts appear here."), m_stack);
    empty->setObjectName(u"auditEmpty"_s);
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    empty->setEnabled(false);
    m_stack->addWidget(empty);

    auto* splitter = new QSplitter(Qt::Vertical, m_stack);
    splitter->setObjectName(u"auditSplitter"_s);
    // A short dock squeezes the details away before it grows the window.
    splitter->setMinimumHeight(24);
    m_table = new QTreeView(splitter);
    m_table->setObjectName(u"auditTable"_s);
    m_table->setModel(m_filter);
    m_table->setRootIsDecorated(false);
    m_table->setUniformRowHeights(true);
    m_table->setAlternatingRowColors(true);
    m_table->setAllColumnsShowFocus(true);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setFrameShape(QFrame::NoFrame);
    m_table->header()->setStretchLastSection(false);
    m_table->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->header()->setSectionResizeMode(ResultsColumn, QHeaderView::Stretch);
    m_table->header()->resizeSection(TimeColumn, 150);
    m_table->header()->resizeSection(KindColumn, 80);
    m_table->header()->resizeSection(UserColumn, 180);
    m_table->header()->resizeSection(RevisionColumn, 80);

    // The Activity dock is often only a few lines high: the details scroll
    // rather than make the window's minimum height grow.
    auto* detailsScroll = new QScrollArea(splitter);
    detailsScroll->setWidgetResizable(true);
    detailsScroll->setFrameShape(QFrame::NoFrame);
    auto* details = new QWidget(detailsScroll);
    details->setMinimumHeight(160);
    auto* detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(8, 4, 8, 4);
    detailsLayout->setSpacing(4);
    m_details = new QLabel(details);
    m_details->setObjectName(u"auditDetails"_s);
    m_details->setTextFormat(Qt::PlainText); // journal text is data, never markup
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    detailsLayout->addWidget(m_details);
    auto* resourceSplitter = new QSplitter(Qt::Horizontal, details);
    auto* resourcePane = new QWidget(resourceSplitter);
    auto* resourceLayout = new QVBoxLayout(resourcePane);
    resourceLayout->setContentsMargins(0, 0, 0, 0);
    m_resources = new QTreeWidget(resourcePane);
    m_resources->setObjectName(u"auditResources"_s);
    m_resources->setColumnCount(ResourceColumnCount);
    m_resources->setHeaderLabels({tr("Resource"), tr("Action"), tr("Result"), tr("Message")});
    m_resources->setRootIsDecorated(false);
    m_resources->setUniformRowHeights(true);
    m_resources->header()->resizeSection(ResourceKeyColumn, 220);
    m_manifestButton = new QPushButton(tr("Show Manifest"), resourcePane);
    m_manifestButton->setObjectName(u"auditShowManifest"_s);
    m_manifestButton->setEnabled(false);
    resourceLayout->addWidget(m_resources, 1);
    resourceLayout->addWidget(m_manifestButton, 0, Qt::AlignLeft);
    m_manifest = new YamlView(resourceSplitter);
    m_manifest->setObjectName(u"auditManifest"_s);
    m_manifest->hide();
    detailsLayout->addWidget(resourceSplitter, 1);
    detailsScroll->setWidget(details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    m_stack->addWidget(splitter);
    layout->addWidget(m_stack, 1);

    connect(m_filterEdit, &QLineEdit::textChanged, this, &AuditView::applyFilters);
    for (QComboBox* combo : {m_kind, m_environment, m_outcome})
        connect(combo, &QComboBox::currentIndexChanged, this, &AuditView::applyFilters);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this, &AuditView::updateDetails);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex& topLeft, const QModelIndex& bottomRight) {
        const QModelIndex current = m_filter->mapToSource(m_table->currentIndex());
        if (current.isValid() && current.row() >= topLeft.row() && current.row() <= bottomRight.row())
            updateDetails();
    });
    connect(m_resources, &QTreeWidget::currentItemChanged, this, [this] {
        const int row = m_resources->indexOfTopLevelItem(m_resources->currentItem());
        m_manifestButton->setEnabled(hasManifest(row));
        // Once asked for, the manifest follows the chosen resource.
        if (m_manifest->isVisible())
            showManifest(row);
    });
    connect(m_resources, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        showManifest(m_resources->indexOfTopLevelItem(item));
    });
    connect(m_manifestButton, &QPushButton::clicked, this, [this] {
        showManifest(m_resources->indexOfTopLevelItem(m_resources->currentItem()));
    });

    updateDetails();
    updateEmptyState();
}

AuditView::~AuditView() = default;

QString AuditView::failedOrInterrupted()
{
    return u"failed-or-interrupted"_s;
}

QString AuditView::outcomeText(const QString& outcome)
{
    if (outcome == "succeeded"_L1)
        return tr("Succeeded");
    if (outcome == "failed"_L1)
        return tr("Failed");
    if (outcome == "cancelled"_L1)
        return tr("Cancelled");
    if (outcome == "aborted"_L1)
        return tr("Aborted");
    if (outcome == "interrupted"_L1)
        return tr("Interrupted");
    return outcome;
}

QString AuditView::countsText(const AuditEntry& entry)
{
    QHash<QString, int> counts;
    for (const QJsonValue& value : entry.resources)
        ++counts[value.toObject().value("outcome"_L1).toString()];
    QStringList parts;
    for (const QString& outcome : resourceOutcomes) {
        if (const int n = counts.value(outcome); n > 0)
            parts.append(countText(outcome, n));
    }
    // Outcomes a newer Driftline may write still count.
    QStringList others = counts.keys();
    others.sort();
    for (const QString& outcome : std::as_const(others)) {
        if (!resourceOutcomes.contains(outcome))
            parts.append(countText(outcome, counts.value(outcome)));
    }
    return parts.isEmpty() ? entry.summary : parts.join(u" · "_s);
}

void AuditView::setLog(const QString& path)
{
    m_path = path.isEmpty() ? AuditLog::defaultPath() : path;
    watch();
    reload();
}

void AuditView::watch()
{
    if (!m_watcher->files().isEmpty())
        m_watcher->removePaths(m_watcher->files());
    if (!m_watcher->directories().isEmpty())
        m_watcher->removePaths(m_watcher->directories());
    if (m_path.isEmpty())
        return;
    if (QFileInfo::exists(m_path)) {
        m_watcher->addPath(m_path);
    } else {
        // No journal yet: its folder tells when the first operation creates it.
        const QString folder = QFileInfo(m_path).absolutePath();
        if (QFileInfo::exists(folder))
            m_watcher->addPath(folder);
    }
}

void AuditView::reload()
{
    if (m_path.isEmpty())
        return;
    const quint64 generation = ++m_generation;
    m_loading = true;
    // Only the path crosses to the worker: no widget is touched there.
    QtConcurrent::run([path = m_path] { return AuditLog(path).read(); })
        .then(this, [this, generation](const Result<AuditLog::Contents>& contents) { onRead(generation, contents); });
}

void AuditView::onRead(quint64 generation, const Result<AuditLog::Contents>& contents)
{
    if (generation != m_generation)
        return; // a newer read is on its way
    m_loading = false;
    if (contents) {
        m_model->setEntries(contents->entries);
        m_skippedLines = contents->skippedLines;
        m_warning->setText(m_skippedLines > 0 ? tr("%n damaged line(s) skipped", nullptr, m_skippedLines) : QString());
        m_warning->setToolTip(tr("Lines of %1 that were cut short or garbled (by a crash, for instance) are left "
                                 "out; the other entries are complete.")
                                  .arg(QDir::toNativeSeparators(m_path)));
        m_warning->setVisible(m_skippedLines > 0);
    } else {
        m_warning->setText(tr("The journal could not be read"));
        m_warning->setToolTip(contents.error().toString());
        m_warning->show();
    }
    // A watch lost while the file was replaced comes back here.
    if (m_watcher->files().isEmpty())
        watch();
    updateCombos();
    updateEmptyState();
    Q_EMIT loaded();
}

void AuditView::updateCombos()
{
    QStringList environments;
    QStringList kinds;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const AuditEntry& e = m_model->entry(r);
        if (!e.environment.isEmpty() && !environments.contains(e.environment))
            environments.append(e.environment);
        if (!knownKinds.contains(e.kind) && !kinds.contains(e.kind))
            kinds.append(e.kind);
    }
    environments.sort();
    const QString chosen = m_environment->currentData().toString();
    if (!chosen.isEmpty() && !environments.contains(chosen))
        environments.append(chosen);
    const QSignalBlocker blocker(m_environment);
    m_environment->clear();
    m_environment->addItem(tr("All environments"), QString());
    for (const QString& environment : std::as_const(environments))
        m_environment->addItem(environment, environment);
    m_environment->setCurrentIndex(std::max(0, m_environment->findData(chosen)));
    for (const QString& kind : std::as_const(kinds)) {
        if (m_kind->findData(kind) < 0)
            m_kind->addItem(kind, kind);
    }
}

void AuditView::applyFilters()
{
    m_filter->set(m_filterEdit->text(), m_kind->currentData().toString(), m_environment->currentData().toString(),
        m_outcome->currentData().toString());
    updateDetails();
}

void AuditView::updateEmptyState()
{
    m_stack->setCurrentIndex(m_model->rowCount() == 0 ? 0 : 1);
}

bool AuditView::showsEmptyState() const
{
    return m_stack->currentIndex() == 0;
}

int AuditView::entryCount() const
{
    return m_model->rowCount();
}

QAbstractItemModel* AuditView::sourceModel() const
{
    return m_model;
}

QSortFilterProxyModel* AuditView::filterModel() const
{
    return m_filter;
}

QList<AuditEntry> AuditView::visibleEntries() const
{
    QList<AuditEntry> out;
    out.reserve(m_filter->rowCount());
    for (int r = 0; r < m_filter->rowCount(); ++r)
        out.append(m_model->entry(m_filter->mapToSource(m_filter->index(r, 0)).row()));
    return out;
}

const AuditEntry* AuditView::entryAt(const QModelIndex& index) const
{
    if (!index.isValid())
        return nullptr;
    const QModelIndex source = index.model() == m_filter ? m_filter->mapToSource(index) : index;
    if (!source.isValid() || source.model() != m_model)
        return nullptr;
    return &m_model->entry(source.row());
}

const AuditEntry* AuditView::currentEntry() const
{
    return entryAt(m_table->currentIndex());
}

void AuditView::updateDetails()
{
    const AuditEntry* e = currentEntry();
    if (!e) {
        m_detailsId.clear();
        m_details->setText(tr("Choose an operation to see what it did."));
        m_resources->clear();
        m_manifestButton->setEnabled(false);
        m_manifest->hide();
        return;
    }
    QStringList lines;
    QStringList head {kindText(e->kind), e->environment, QLocale().toString(e->time.toLocalTime(), QLocale::LongFormat),
        e->user, outcomeText(e->outcome)};
    head.removeAll(QString());
    lines.append(head.join(u" · "_s));
    if (!e->applications.isEmpty())
        lines.append(tr("Applications: %1").arg(e->applications.join(u", "_s)));
    if (!e->revision.isEmpty())
        lines.append(tr("Revision: %1").arg(e->revision));
    if (!e->context.isEmpty())
        lines.append(tr("Context: %1").arg(e->context));
    if (!e->cluster.isEmpty())
        lines.append(tr("Cluster: %1").arg(e->cluster));
    if (!e->summary.isEmpty())
        lines.append(tr("Plan: %1").arg(e->summary));
    if (!e->options.isEmpty())
        lines.append(tr("Options: %1").arg(optionsText(e->options)));
    if (e->outcome == "interrupted"_L1)
        lines.append(tr("Started but never finished: Driftline stopped during the operation, so its results are "
                        "unknown."));
    if (!e->error.isEmpty())
        lines.append(tr("Error: %1").arg(e->error));
    if (e->outcome != "interrupted"_L1)
        lines.append(tr("Duration: %1").arg(durationText(*e)));
    m_details->setText(lines.join(u'\n'));

    // The same operation re-read (it finished, say) keeps the chosen resource.
    const bool same = m_detailsId == e->id;
    const int keepRow = same ? m_resources->indexOfTopLevelItem(m_resources->currentItem()) : -1;
    const bool keepManifest = same && m_manifest->isVisible();
    m_detailsId = e->id;
    const QSignalBlocker blocker(m_resources);
    m_resources->clear();
    QList<QTreeWidgetItem*> items;
    for (const QJsonValue& value : e->resources) {
        const QJsonObject r = value.toObject();
        auto* item = new QTreeWidgetItem;
        const QString outcome = r.value("outcome"_L1).toString();
        const QString message = r.value("message"_L1).toString();
        item->setText(ResourceKeyColumn, r.value("key"_L1).toString());
        item->setText(ResourceActionColumn, actionText(r.value("action"_L1).toString()));
        item->setText(ResourceOutcomeColumn, resourceOutcomeText(outcome));
        item->setIcon(ResourceOutcomeColumn, Icons::status(statusOf(outcome)));
        item->setForeground(ResourceOutcomeColumn, Icons::statusColor(statusOf(outcome)));
        const qsizetype nl = message.indexOf(u'\n');
        item->setText(ResourceMessageColumn, nl < 0 ? message : message.left(nl));
        item->setToolTip(ResourceMessageColumn, message);
        item->setToolTip(ResourceKeyColumn, r.value("application"_L1).toString());
        items.append(item);
    }
    m_resources->addTopLevelItems(items);
    if (keepRow >= 0 && keepRow < m_resources->topLevelItemCount()) {
        m_resources->setCurrentItem(m_resources->topLevelItem(keepRow));
        m_manifestButton->setEnabled(hasManifest(keepRow));
    } else {
        m_manifestButton->setEnabled(false);
    }
    if (keepManifest && keepRow >= 0)
        showManifest(keepRow);
    else
        m_manifest->hide();
}

bool AuditView::hasManifest(int resourceRow) const
{
    const AuditEntry* e = currentEntry();
    return e && resourceRow >= 0 && resourceRow < e->resources.size()
        && !e->resources.at(resourceRow).toObject().value("manifest"_L1).toObject().isEmpty();
}

void AuditView::showManifest(int row)
{
    const AuditEntry* e = currentEntry();
    if (!e || row < 0 || row >= e->resources.size())
        return;
    if (m_resources->indexOfTopLevelItem(m_resources->currentItem()) != row) {
        const QSignalBlocker blocker(m_resources);
        m_resources->setCurrentItem(m_resources->topLevelItem(row));
    }
    const QJsonObject manifest = e->resources.at(row).toObject().value("manifest"_L1).toObject();
    if (manifest.isEmpty()) {
        m_manifest->showMessage(tr("The journal holds no manifest for this resource."));
    } else {
        const QJsonObject metadata = manifest.value("metadata"_L1).toObject();
        const ResourceKey key = ResourceKey::fromApiVersion(manifest.value("apiVersion"_L1).toString(),
            manifest.value("kind"_L1).toString(), metadata.value("namespace"_L1).toString(),
            metadata.value("name"_L1).toString());
        m_manifest->setResource(Resource(key, manifest));
    }
    m_manifest->show();
}

Result<void> AuditView::exportJson(const QString& path) const
{
    QJsonArray array;
    for (const AuditEntry& e : visibleEntries()) {
        QJsonObject o = e.toJson();
        // The journal's manifests were masked when written; masking a mask again
        // would change it, so the export would no longer match the journal.
        o.insert("resources"_L1, e.resources);
        array.append(o);
    }
    return writeFile(path, QJsonDocument(array).toJson(QJsonDocument::Indented));
}

Result<void> AuditView::exportCsv(const QString& path) const
{
    // Column names are data for scripts and spreadsheets: not translated.
    QString out = csvLine({u"time"_s, u"kind"_s, u"user"_s, u"environment"_s, u"application"_s, u"revision"_s,
        u"resource"_s, u"action"_s, u"outcome"_s, u"message"_s});
    for (const AuditEntry& e : visibleEntries()) {
        const QString time = e.time.toUTC().toString(Qt::ISODateWithMs);
        const QString applications = e.applications.join(u"; "_s);
        if (e.resources.isEmpty()) {
            // A revert or an interrupted operation has no resources but still happened.
            out += csvLine({time, e.kind, e.user, e.environment, applications, e.revision, {}, {}, e.outcome, e.error});
            continue;
        }
        for (const QJsonValue& value : e.resources) {
            const QJsonObject r = value.toObject();
            const QString application = r.value("application"_L1).toString();
            out += csvLine({time, e.kind, e.user, e.environment, application.isEmpty() ? applications : application,
                e.revision, r.value("key"_L1).toString(), r.value("action"_L1).toString(),
                r.value("outcome"_L1).toString(), r.value("message"_L1).toString()});
        }
    }
    return writeFile(path, out.toUtf8());
}

void AuditView::exportWithDialog(bool json)
{
    const QString suggested = QDir::home().filePath(json ? u"driftline-audit.json"_s : u"driftline-audit.csv"_s);
    const QString path = QFileDialog::getSaveFileName(this, json ? tr("Export as JSON") : tr("Export as CSV"),
        suggested, json ? tr("JSON files (*.json)") : tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (const Result<void> written = json ? exportJson(path) : exportCsv(path); !written)
        QMessageBox::warning(this, tr("Export"), written.error().message);
}

} // namespace driftline::gui
