// AuditView: the audit journal (engine::AuditLog) in the Activity panel, so
// people can see in the window who synced, rolled back, reverted or pruned
// what, where and with which result. A table of the operations, newest first,
// with text, kind, environment and outcome filters; the chosen operation's
// details (options, error, each resource's action, outcome and the server's
// message, its manifest on demand) below; export of what the filters show as
// JSON or CSV. The journal is read on a worker and re-read when it changes.
#pragma once

#include "core/error.h"
#include "engine/auditlog.h"

#include <QList>
#include <QString>
#include <QWidget>

#include <memory>

class QAbstractItemModel;
class QComboBox;
class QFileSystemWatcher;
class QLabel;
class QLineEdit;
class QModelIndex;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTimer;
class QToolButton;
class QTreeView;
class QTreeWidget;

namespace driftline::gui {

class YamlView;

class AuditView : public QWidget
{
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        KindColumn,
        UserColumn,
        EnvironmentColumn,
        ApplicationsColumn,
        RevisionColumn,
        OutcomeColumn,
        ResultsColumn,
        DurationColumn,
        ColumnCount
    };
    // Roles of the table's model (the raw journal values, untranslated).
    enum Role { IdRole = Qt::UserRole + 1, KindRole, EnvironmentRole, OutcomeRole };
    enum ResourceColumn { ResourceKeyColumn, ResourceActionColumn, ResourceOutcomeColumn, ResourceMessageColumn,
        ResourceColumnCount };

    explicit AuditView(QWidget* parent = nullptr);
    ~AuditView() override;

    // Follows the journal at `path` (empty: AuditLog::defaultPath()): reads it
    // on a worker and again, debounced, whenever the file changes.
    void setLog(const QString& path);
    QString logPath() const { return m_path; }
    // Re-reads the journal on a worker; `loaded()` when the table shows it.
    void reload();
    bool isLoading() const { return m_loading; }

    // Every entry read, in journal order, and those the filters let through, newest first.
    int entryCount() const;
    QList<engine::AuditEntry> visibleEntries() const;
    int skippedLines() const { return m_skippedLines; }
    // The entry of a row of table()'s model; null for an invalid index.
    const engine::AuditEntry* entryAt(const QModelIndex& index) const;
    const engine::AuditEntry* currentEntry() const;

    // The filtered entries as a JSON array of journal objects.
    Result<void> exportJson(const QString& path) const;
    // One line per resource of the filtered entries (an entry without resources
    // gets one line of its own), RFC 4180 quoting, a header line first.
    Result<void> exportCsv(const QString& path) const;

    // "3 created · 1 configured · 1 failed"; the entry's summary when it has no resources.
    static QString countsText(const engine::AuditEntry& entry);
    // The translated name of a journal outcome ("failed" -> "Failed").
    static QString outcomeText(const QString& outcome);
    // The journal's outcome filter value meaning "failed, aborted or interrupted".
    static QString failedOrInterrupted();

    // Shows the manifest of the current entry's resource `row` below the resources.
    void showManifest(int row);

    QTreeView* table() const { return m_table; }
    QAbstractItemModel* sourceModel() const;
    QSortFilterProxyModel* filterModel() const;
    QLineEdit* filterEdit() const { return m_filterEdit; }
    QComboBox* kindFilter() const { return m_kind; }
    QComboBox* environmentFilter() const { return m_environment; }
    QComboBox* outcomeFilter() const { return m_outcome; }
    QLabel* warningLabel() const { return m_warning; }
    QLabel* detailsLabel() const { return m_details; }
    QTreeWidget* resourceList() const { return m_resources; }
    YamlView* manifestView() const { return m_manifest; }
    QPushButton* manifestButton() const { return m_manifestButton; }
    QToolButton* exportButton() const { return m_export; }
    // True while the empty state ("No operations yet…") shows instead of the table.
    bool showsEmptyState() const;

Q_SIGNALS:
    // A read of the journal has been applied to the table (also after an error).
    void loaded();

private:
    class Model;
    class Filter;

    void onRead(quint64 generation, const Result<engine::AuditLog::Contents>& contents);
    void watch();
    void updateCombos();
    void applyFilters();
    void updateDetails();
    void updateEmptyState();
    void exportWithDialog(bool json);
    bool hasManifest(int resourceRow) const;

    QString m_path;
    quint64 m_generation = 0;
    bool m_loading = false;
    int m_skippedLines = 0;
    Model* m_model = nullptr;
    Filter* m_filter = nullptr;
    QFileSystemWatcher* m_watcher = nullptr;
    QTimer* m_debounce = nullptr;
    QLineEdit* m_filterEdit = nullptr;
    QComboBox* m_kind = nullptr;
    QComboBox* m_environment = nullptr;
    QComboBox* m_outcome = nullptr;
    QToolButton* m_export = nullptr;
    QLabel* m_warning = nullptr;
    QStackedWidget* m_stack = nullptr;
    QTreeView* m_table = nullptr;
    QLabel* m_details = nullptr;
    QTreeWidget* m_resources = nullptr;
    QPushButton* m_manifestButton = nullptr;
    YamlView* m_manifest = nullptr;
    QString m_detailsId; // whose details show, so a reload keeps the resource selection
};

} // namespace driftline::gui
