// The Activity panel's journal over a real journal written by engine::AuditLog
// in a temporary folder: five operations of every kind and outcome (one started
// and never finished, so interrupted) and a torn last line. Rows newest first
// with their outcome and counts, every filter, the details of a failed rollback
// down to the server's message and the (masked) manifest, both exports read
// back, and the view following appends to the file on its own.
#include "engine/auditlog.h"
#include "gui/auditview.h"
#include "gui/yamlview.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

#include <memory>

using namespace Qt::StringLiterals;
using namespace driftline;
using driftline::engine::AuditEntry;
using driftline::engine::AuditLog;
using driftline::gui::AuditView;

namespace {

const QDateTime t0(QDate(2026, 11, 20), QTime(10, 0), QTimeZone::UTC);
const QString rollbackRevision = u"0123456789abcdef0123456789abcdef01234567"_s;
const QString serverMessage = u"admission webhook \"policy\" denied the request: replicas, limits"_s;

QJsonObject resource(const QString& key, const QString& action, const QString& outcome,
    const QString& message = {}, const QJsonObject& manifest = {})
{
    return {{u"key"_s, key}, {u"application"_s, u"web"_s}, {u"action"_s, action}, {u"outcome"_s, outcome},
        {u"message"_s, message}, {u"manifest"_s, manifest}};
}

AuditEntry entry(const QString& id, int minute, const QString& kind, const QString& environment,
    const QString& outcome)
{
    AuditEntry e;
    e.id = id;
    e.time = t0.addSecs(60 * minute);
    e.kind = kind;
    e.user = u"Ann Example <ann@example.com>"_s;
    e.environment = environment;
    e.context = u"lab"_s;
    e.cluster = u"https://127.0.0.1:6443"_s;
    e.applications = {u"web"_s};
    e.revision = u"main"_s;
    e.outcome = outcome;
    e.durationMs = 1500;
    return e;
}

QStringList columnTexts(const QAbstractItemModel* model, int column)
{
    QStringList out;
    for (int r = 0; r < model->rowCount(); ++r)
        out.append(model->index(r, column).data().toString());
    return out;
}

// RFC 4180 back into rows, so the test reads what a spreadsheet would.
QList<QStringList> parseCsv(const QString& text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            row.append(field);
            field.clear();
        } else if (c == u'\r') {
            continue;
        } else if (c == u'\n') {
            row.append(field);
            field.clear();
            rows.append(row);
            row.clear();
        } else {
            field += c;
        }
    }
    return rows;
}

} // namespace

class TestAuditView : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;

    // A view loaded from the journal, its models under QAbstractItemModelTester.
    struct Loaded {
        std::unique_ptr<AuditView> view = std::make_unique<AuditView>();
        std::unique_ptr<QAbstractItemModelTester> sourceTester;
        std::unique_ptr<QAbstractItemModelTester> filterTester;
    };

    std::unique_ptr<Loaded> load(const QString& path)
    {
        auto loaded = std::make_unique<Loaded>();
        loaded->sourceTester = std::make_unique<QAbstractItemModelTester>(loaded->view->sourceModel(),
            QAbstractItemModelTester::FailureReportingMode::QtTest);
        loaded->filterTester = std::make_unique<QAbstractItemModelTester>(loaded->view->filterModel(),
            QAbstractItemModelTester::FailureReportingMode::QtTest);
        loaded->view->setLog(path);
        return loaded;
    }

    static int rowOf(const AuditView& view, const QString& id)
    {
        const QAbstractItemModel* model = view.filterModel();
        for (int r = 0; r < model->rowCount(); ++r) {
            if (model->index(r, 0).data(AuditView::IdRole).toString() == id)
                return r;
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(u"audit.jsonl"_s);
        AuditLog log(m_path);

        AuditEntry sync = entry(u"sync-1"_s, 0, u"sync"_s, u"staging"_s, u"succeeded"_s);
        sync.options = QJsonObject {{u"dryRun"_s, false}, {u"prune"_s, false}};
        sync.summary = u"3 to create, 1 to update"_s;
        for (const QString& name : {u"a"_s, u"b"_s, u"c"_s})
            sync.resources.append(resource(u"ConfigMap/shop/"_s + name, u"create"_s, u"created"_s));
        sync.resources.append(resource(u"Deployment/shop/web"_s, u"update"_s, u"configured"_s));

        AuditEntry rollback = entry(u"rollback-2"_s, 1, u"rollback"_s, u"production"_s, u"failed"_s);
        rollback.revision = rollbackRevision;
        rollback.options = QJsonObject {{u"dryRun"_s, false}, {u"prune"_s, true}};
        rollback.error = u"1 resource failed"_s;
        const QJsonObject secret {{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Secret"_s},
            {u"metadata"_s, QJsonObject {{u"name"_s, u"token"_s}, {u"namespace"_s, u"shop"_s}}},
            {u"stringData"_s, QJsonObject {{u"password"_s, u"hunter2-very-secret"_s}}}};
        rollback.resources.append(resource(u"Secret/shop/token"_s, u"update"_s, u"configured"_s, {}, secret));
        rollback.resources.append(resource(u"Deployment/shop/web"_s, u"update"_s, u"failed"_s,
            serverMessage + u"\nsecond line"_s));

        AuditEntry revert = entry(u"revert-3"_s, 2, u"revert"_s, u"staging"_s, u"succeeded"_s);
        revert.summary = u"Revert web to 1a2b3c4d"_s;

        AuditEntry prune = entry(u"prune-4"_s, 3, u"prune"_s, u"production"_s, u"cancelled"_s);
        prune.resources.append(resource(u"ConfigMap/shop/old"_s, u"prune"_s, u"pruned"_s));
        prune.resources.append(resource(u"ConfigMap/shop/older"_s, u"prune"_s, u"notRun"_s));

        AuditEntry unfinished = entry(u"sync-5"_s, 4, u"sync"_s, u"staging"_s, QString());
        unfinished.summary = u"2 to update"_s;

        for (const AuditEntry& e : {sync, rollback, revert, prune}) {
            const auto written = log.append(e);
            QVERIFY(written);
        }
        QVERIFY(log.started(unfinished));
        // A writer killed mid-line.
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::Append));
        file.write("{\"id\":\"torn\",\"time\":\"2026-11-20T10:");
        file.close();
    }

    void loadsNewestFirst()
    {
        auto loaded = load(m_path);
        AuditView& view = *loaded->view;
        QVERIFY(view.isLoading());
        QTRY_VERIFY(!view.isLoading());
        QVERIFY(!view.showsEmptyState());
        QCOMPARE(view.entryCount(), 5);
        const QAbstractItemModel* model = view.filterModel();
        QStringList ids;
        for (int r = 0; r < model->rowCount(); ++r)
            ids.append(model->index(r, 0).data(AuditView::IdRole).toString());
        QCOMPARE(ids, (QStringList {u"sync-5"_s, u"prune-4"_s, u"revert-3"_s, u"rollback-2"_s, u"sync-1"_s}));
        QCOMPARE(columnTexts(model, AuditView::OutcomeColumn),
            (QStringList {u"Interrupted"_s, u"Cancelled"_s, u"Succeeded"_s, u"Failed"_s, u"Succeeded"_s}));
        QCOMPARE(columnTexts(model, AuditView::KindColumn),
            (QStringList {u"Sync"_s, u"Prune"_s, u"Revert"_s, u"Rollback"_s, u"Sync"_s}));
        QCOMPARE(columnTexts(model, AuditView::ResultsColumn),
            (QStringList {u"2 to update"_s, u"1 pruned · 1 not run"_s, u"Revert web to 1a2b3c4d"_s,
                u"1 configured · 1 failed"_s, u"3 created · 1 configured"_s}));
        QCOMPARE(model->index(3, AuditView::RevisionColumn).data().toString(), u"01234567"_s);
        QCOMPARE(model->index(3, AuditView::RevisionColumn).data(Qt::ToolTipRole).toString(), rollbackRevision);
        QCOMPARE(model->index(4, AuditView::RevisionColumn).data().toString(), u"main"_s);
        QCOMPARE(model->index(4, AuditView::DurationColumn).data().toString(), u"1.5 s"_s);
        QCOMPARE(model->index(0, AuditView::DurationColumn).data().toString(), QString());
        QCOMPARE(model->index(4, AuditView::UserColumn).data().toString(), u"Ann Example <ann@example.com>"_s);
        // Outcome colours: green, red, orange.
        const auto colour = [&](int row) {
            return model->index(row, AuditView::OutcomeColumn).data(Qt::ForegroundRole).value<QColor>();
        };
        QCOMPARE(colour(0), colour(1)); // interrupted and cancelled alike
        QVERIFY(colour(3) != colour(4));
        QVERIFY(colour(3).red() > colour(3).green());
        QVERIFY(colour(4).green() > colour(4).red());
        QVERIFY(!model->index(3, AuditView::OutcomeColumn).data(Qt::DecorationRole).value<QIcon>().isNull());
        QCOMPARE(view.skippedLines(), 1);
        QVERIFY(!view.warningLabel()->isHidden());
        QCOMPARE(view.warningLabel()->text(), AuditView::tr("%n damaged line(s) skipped", nullptr, 1));
    }

    void emptyStateUntilTheFirstOperation()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"audit.jsonl"_s);
        auto loaded = load(path);
        AuditView& view = *loaded->view;
        QTRY_VERIFY(!view.isLoading());
        QVERIFY(view.showsEmptyState());
        QCOMPARE(view.entryCount(), 0);
        QVERIFY(view.warningLabel()->isHidden());
        // The Activity dock may stay a few lines high.
        QVERIFY2(view.minimumSizeHint().height() < 100, qPrintable(QString::number(view.minimumSizeHint().height())));
        // The folder is watched until the journal exists.
        AuditLog log(path);
        QVERIFY(log.append(entry(u"first"_s, 0, u"sync"_s, u"dev"_s, u"succeeded"_s)));
        QTRY_COMPARE(view.entryCount(), 1);
        QVERIFY(!view.showsEmptyState());
    }

    void filtersNarrow()
    {
        auto loaded = load(m_path);
        AuditView& view = *loaded->view;
        QTRY_VERIFY(!view.isLoading());
        const QAbstractItemModel* model = view.filterModel();
        QCOMPARE(view.environmentFilter()->count(), 3); // all, production, staging
        QCOMPARE(view.environmentFilter()->itemText(1), u"production"_s);

        view.filterEdit()->setText(u"PRODUCTION"_s);
        QCOMPARE(model->rowCount(), 2);
        view.filterEdit()->setText(u"1 not run"_s); // the results column
        QCOMPARE(model->rowCount(), 1);
        view.filterEdit()->setText(u"cdef0123456789"_s); // inside the full revision only
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, 0).data(AuditView::IdRole).toString(), u"rollback-2"_s);
        view.filterEdit()->clear();
        QCOMPARE(model->rowCount(), 5);

        view.kindFilter()->setCurrentIndex(view.kindFilter()->findData(u"sync"_s));
        QCOMPARE(model->rowCount(), 2);
        view.kindFilter()->setCurrentIndex(0);

        view.outcomeFilter()->setCurrentIndex(view.outcomeFilter()->findData(AuditView::failedOrInterrupted()));
        QCOMPARE(view.outcomeFilter()->currentText(), u"Failed or interrupted"_s);
        QCOMPARE(columnTexts(model, AuditView::OutcomeColumn), (QStringList {u"Interrupted"_s, u"Failed"_s}));
        view.environmentFilter()->setCurrentIndex(view.environmentFilter()->findData(u"staging"_s));
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, 0).data(AuditView::IdRole).toString(), u"sync-5"_s);
        view.outcomeFilter()->setCurrentIndex(view.outcomeFilter()->findData(u"succeeded"_s));
        QCOMPARE(columnTexts(model, AuditView::KindColumn), (QStringList {u"Revert"_s, u"Sync"_s}));
        view.filterEdit()->setText(u"nothing matches this"_s);
        QCOMPARE(model->rowCount(), 0);
        QVERIFY(!view.showsEmptyState()); // the journal is not empty, the filters are narrow
    }

    void detailsShowResources()
    {
        auto loaded = load(m_path);
        AuditView& view = *loaded->view;
        QTRY_VERIFY(!view.isLoading());
        QCOMPARE(view.resourceList()->topLevelItemCount(), 0);
        const int row = rowOf(view, u"rollback-2"_s);
        QVERIFY(row >= 0);
        view.table()->setCurrentIndex(view.filterModel()->index(row, 0));
        QVERIFY(view.currentEntry());
        QCOMPARE(view.currentEntry()->id, u"rollback-2"_s);
        const QString details = view.detailsLabel()->text();
        QVERIFY2(details.contains(u"Error: 1 resource failed"_s), qPrintable(details));
        QVERIFY2(details.contains(u"prune: yes"_s), qPrintable(details));
        QVERIFY2(details.contains(rollbackRevision), qPrintable(details));

        QTreeWidget* resources = view.resourceList();
        QCOMPARE(resources->topLevelItemCount(), 2);
        QTreeWidgetItem* failed = resources->topLevelItem(1);
        QCOMPARE(failed->text(AuditView::ResourceKeyColumn), u"Deployment/shop/web"_s);
        QCOMPARE(failed->text(AuditView::ResourceActionColumn), u"Update"_s);
        QCOMPARE(failed->text(AuditView::ResourceOutcomeColumn), u"Failed"_s);
        QCOMPARE(failed->text(AuditView::ResourceMessageColumn), serverMessage);
        QVERIFY(failed->toolTip(AuditView::ResourceMessageColumn).endsWith(u"second line"_s));

        // The manifest only on demand, and the Secret's value never.
        QVERIFY(view.manifestView()->isHidden());
        resources->setCurrentItem(failed);
        QVERIFY(!view.manifestButton()->isEnabled()); // no manifest journaled for it
        resources->setCurrentItem(resources->topLevelItem(0));
        QVERIFY(view.manifestButton()->isEnabled());
        view.manifestButton()->click();
        QVERIFY(!view.manifestView()->isHidden());
        const QString yaml = view.manifestView()->text();
        QVERIFY2(yaml.contains(u"kind: Secret"_s), qPrintable(yaml));
        QVERIFY2(yaml.contains(u"name: token"_s), qPrintable(yaml));
        QVERIFY2(!yaml.contains(u"hunter2"_s), qPrintable(yaml));

        // Another operation: its own resources, the manifest put away.
        view.table()->setCurrentIndex(view.filterModel()->index(rowOf(view, u"sync-1"_s), 0));
        QCOMPARE(resources->topLevelItemCount(), 4);
        QVERIFY(view.manifestView()->isHidden());
        // Filtering the chosen one away: the details follow what is current.
        view.kindFilter()->setCurrentIndex(view.kindFilter()->findData(u"prune"_s));
        const AuditEntry* shown = view.currentEntry();
        QVERIFY(!shown || shown->kind == u"prune"_s);
        QCOMPARE(resources->topLevelItemCount(), shown ? int(shown->resources.size()) : 0);
    }

    void exportsJson()
    {
        auto loaded = load(m_path);
        AuditView& view = *loaded->view;
        QTRY_VERIFY(!view.isLoading());
        view.environmentFilter()->setCurrentIndex(view.environmentFilter()->findData(u"production"_s));
        const QList<AuditEntry> visible = view.visibleEntries();
        QCOMPARE(visible.size(), 2);

        const QString out = m_dir.filePath(u"export.json"_s);
        const Result<void> written = view.exportJson(out);
        QVERIFY(written);
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(doc.isArray());
        QCOMPARE(doc.array().size(), 2);
        const AuditLog::Contents journal = *AuditLog(m_path).read();
        for (int i = 0; i < 2; ++i) {
            const Result<AuditEntry> back = AuditEntry::fromJson(doc.array().at(i).toObject());
            QVERIFY(back);
            QCOMPARE(back->id, visible.at(i).id);
            QVERIFY(*back == visible.at(i));
        }
        QCOMPARE(visible.at(0).id, u"prune-4"_s);
        QCOMPARE(visible.at(1).id, u"rollback-2"_s);
        QVERIFY(journal.entries.contains(visible.at(1)));

        QVERIFY(!view.exportJson(m_dir.filePath(u"no/such/folder/x.json"_s)));
    }

    void exportsCsv()
    {
        auto loaded = load(m_path);
        AuditView& view = *loaded->view;
        QTRY_VERIFY(!view.isLoading());
        const QString out = m_dir.filePath(u"export.csv"_s);
        QVERIFY(view.exportCsv(out));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QStringList> rows = parseCsv(QString::fromUtf8(file.readAll()));
        // 4 + 2 + 2 resources, and one line each for the revert and the interrupted sync.
        QCOMPARE(rows.size(), 1 + 4 + 2 + 1 + 2 + 1);
        QCOMPARE(rows.at(0), (QStringList {u"time"_s, u"kind"_s, u"user"_s, u"environment"_s, u"application"_s,
                                 u"revision"_s, u"resource"_s, u"action"_s, u"outcome"_s, u"message"_s}));
        for (const QStringList& row : rows)
            QCOMPARE(row.size(), 10);
        // Newest first: the interrupted sync, then the prune's two resources.
        QCOMPARE(rows.at(1).at(8), u"interrupted"_s);
        QCOMPARE(rows.at(2).at(6), u"ConfigMap/shop/old"_s);
        QCOMPARE(rows.at(2).at(0), u"2026-11-20T10:03:00.000Z"_s);
        const auto failed = std::find_if(rows.cbegin(), rows.cend(), [](const QStringList& row) {
            return row.at(8) == u"failed"_s;
        });
        QVERIFY(failed != rows.cend());
        // Commas, quotes and the line break came back intact.
        QCOMPARE(failed->at(9), serverMessage + u"\nsecond line"_s);
        QCOMPARE(failed->at(5), rollbackRevision);
        QCOMPARE(failed->at(4), u"web"_s);
        QCOMPARE(failed->at(2), u"Ann Example <ann@example.com>"_s);

        view.kindFilter()->setCurrentIndex(view.kindFilter()->findData(u"rollback"_s));
        file.close();
        QVERIFY(view.exportCsv(out));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(parseCsv(QString::fromUtf8(file.readAll())).size(), 1 + 2);
    }

    void followsAppends()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"audit.jsonl"_s);
        AuditLog log(path);
        AuditEntry running = entry(u"running"_s, 0, u"sync"_s, u"staging"_s, QString());
        QVERIFY(log.started(running));

        auto loaded = load(path);
        AuditView& view = *loaded->view;
        QTRY_VERIFY(!view.isLoading());
        QCOMPARE(view.entryCount(), 1);
        view.table()->setCurrentIndex(view.filterModel()->index(0, 0));
        QCOMPARE(view.filterModel()->index(0, AuditView::OutcomeColumn).data().toString(), u"Interrupted"_s);

        // The operation finishes: the same row, updated in place, still selected.
        running.outcome = u"failed"_s;
        running.error = u"cluster unreachable"_s;
        running.resources.append(resource(u"ConfigMap/shop/a"_s, u"create"_s, u"failed"_s, u"connection refused"_s));
        QVERIFY(log.finished(running));
        QTRY_COMPARE(view.filterModel()->index(0, AuditView::OutcomeColumn).data().toString(), u"Failed"_s);
        QCOMPARE(view.entryCount(), 1);
        QCOMPARE(view.currentEntry()->id, u"running"_s);
        QVERIFY(view.detailsLabel()->text().contains(u"cluster unreachable"_s));
        QCOMPARE(view.resourceList()->topLevelItemCount(), 1);

        // Another operation lands on top; the selection stays on its entry.
        QVERIFY(log.append(entry(u"next"_s, 5, u"rollback"_s, u"staging"_s, u"succeeded"_s)));
        QTRY_COMPARE(view.entryCount(), 2);
        QCOMPARE(view.filterModel()->index(0, 0).data(AuditView::IdRole).toString(), u"next"_s);
        QCOMPARE(view.currentEntry()->id, u"running"_s);

        // reload() on demand reads the same.
        view.reload();
        QTRY_VERIFY(!view.isLoading());
        QCOMPARE(view.entryCount(), 2);
    }
};

QTEST_MAIN(TestAuditView)
#include "tst_auditview.moc"
