// The environment tree model under QAbstractItemModelTester while real
// repositories load through WorkspaceLoader: the tree compared as text, keyed
// updates on reload (no reset, selection kept), and each application's state.
#include "gui/environmenttreemodel.h"
#include "testsupport/testrepo.h"
#include "workspace/workspaceloader.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::gui;
using driftline::test::TestRepo;

namespace {

constexpr int Timeout = 60000;
using ItemType = EnvironmentTreeModel::ItemType;

QByteArray manifest(const QString& apiVersion, const QString& kind, const QString& name, const QString& ns)
{
    return u"apiVersion: %1\nkind: %2\nmetadata:\n  name: %3\n  namespace: %4\n"_s.arg(apiVersion, kind, name, ns)
        .toUtf8();
}

// Two environments; "web" has one folder per environment, "db" is shared.
void writeShop(TestRepo& repo)
{
    repo.write(u"driftline.yaml"_s, "environments:\n"
                                    "  - name: staging\n    namespace: shop-staging\n"
                                    "  - name: production\n    namespace: shop\n"
                                    "applications:\n"
                                    "  - name: web\n    path: apps/web/{environment}\n"
                                    "  - name: db\n    path: apps/db\n");
    repo.write(u"apps/web/staging/deployment.yaml"_s, manifest(u"apps/v1"_s, u"Deployment"_s, u"web"_s, u"shop-staging"_s));
    repo.write(u"apps/web/staging/service.yaml"_s, manifest(u"v1"_s, u"Service"_s, u"web"_s, u"shop-staging"_s));
    repo.write(u"apps/web/production/all.yaml"_s,
               manifest(u"apps/v1"_s, u"Deployment"_s, u"web"_s, u"shop"_s) + "---\n"
                   + manifest(u"v1"_s, u"Service"_s, u"web"_s, u"shop"_s) + "---\n"
                   + manifest(u"v1"_s, u"ConfigMap"_s, u"web-config"_s, u"shop"_s));
    repo.write(u"apps/db/db.yaml"_s, manifest(u"apps/v1"_s, u"StatefulSet"_s, u"postgres"_s, u"data"_s) + "---\n"
                                         + manifest(u"v1"_s, u"Service"_s, u"postgres"_s, u"data"_s));
}

// The tree as readable text: one line per item, its path from the environment.
QStringList dump(const QAbstractItemModel& model, const QModelIndex& parent = {}, const QString& prefix = {})
{
    QStringList lines;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, EnvironmentTreeModel::NameColumn, parent);
        QString name = index.data().toString();
        if (ItemType(index.data(EnvironmentTreeModel::ItemTypeRole).toInt()) == ItemType::KindGroup)
            name = name.section(u' ', 0, 0); // "Deployment (2)" -> "Deployment"
        const QString path = prefix.isEmpty() ? name : prefix + u'/' + name;
        lines << path;
        lines << dump(model, index, path);
    }
    return lines;
}

QModelIndex findPath(const QAbstractItemModel& model, const QString& path)
{
    QModelIndex parent;
    const QStringList parts = path.split(u'/');
    for (const QString& part : parts) {
        QModelIndex found;
        for (int row = 0; row < model.rowCount(parent) && !found.isValid(); ++row) {
            const QModelIndex index = model.index(row, 0, parent);
            if (index.data().toString().section(u' ', 0, 0) == part)
                found = index;
        }
        if (!found.isValid())
            return {};
        parent = found;
    }
    return parent;
}

QString statusOf(const QAbstractItemModel& model, const QString& path)
{
    const QModelIndex index = findPath(model, path);
    return index.siblingAtColumn(EnvironmentTreeModel::StatusColumn).data().toString();
}

} // namespace

class TestEnvironmentTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void treeFollowsTheLoader();
    void reloadInsertsWithoutReset();
    void removedResourcesLeaveTheTree();
    void reorderedApplicationsMove();
    void applicationStatus_data();
    void applicationStatus();
    void otherRepositoryResets();
    void connectionStateOnEnvironments();

private:
    // Loads `path` through `loader` and waits for the end.
    bool load(workspace::WorkspaceLoader& loader, const QString& path);
    QTemporaryDir m_cache;
};

void TestEnvironmentTreeModel::initTestCase()
{
    QVERIFY(m_cache.isValid());
}

bool TestEnvironmentTreeModel::load(workspace::WorkspaceLoader& loader, const QString& path)
{
    QSignalSpy finished(&loader, &workspace::WorkspaceLoader::loadFinished);
    QSignalSpy failed(&loader, &workspace::WorkspaceLoader::loadFailed);
    if (path.isEmpty())
        loader.reload();
    else
        loader.load(path);
    return QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, Timeout) && failed.isEmpty();
}

void TestEnvironmentTreeModel::treeFollowsTheLoader()
{
    TestRepo repo;
    writeShop(repo);
    repo.commit(u"shop"_s);

    workspace::WorkspaceLoader loader;
    loader.setCacheDir(m_cache.filePath(u"tree"_s));
    EnvironmentTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setLoader(&loader);
    QVERIFY(load(loader, repo.path()));

    const QStringList expected = {
        u"staging"_s,
        u"staging/web"_s,
        u"staging/web/Deployment"_s,
        u"staging/web/Deployment/web"_s,
        u"staging/web/Service"_s,
        u"staging/web/Service/web"_s,
        u"staging/db"_s,
        u"staging/db/Service"_s,
        u"staging/db/Service/postgres"_s,
        u"staging/db/StatefulSet"_s,
        u"staging/db/StatefulSet/postgres"_s,
        u"production"_s,
        u"production/web"_s,
        u"production/web/ConfigMap"_s,
        u"production/web/ConfigMap/web-config"_s,
        u"production/web/Deployment"_s,
        u"production/web/Deployment/web"_s,
        u"production/web/Service"_s,
        u"production/web/Service/web"_s,
        u"production/db"_s,
        u"production/db/Service"_s,
        u"production/db/Service/postgres"_s,
        u"production/db/StatefulSet"_s,
        u"production/db/StatefulSet/postgres"_s,
    };
    QCOMPARE(dump(model), expected);

    // Kind groups count their resources; resources carry their object and namespace.
    QCOMPARE(findPath(model, u"production/web/Deployment"_s).data().toString(), u"Deployment (1)"_s);
    const QModelIndex deployment = findPath(model, u"staging/web/Deployment/web"_s);
    QCOMPARE(ItemType(deployment.data(EnvironmentTreeModel::ItemTypeRole).toInt()), ItemType::Resource);
    const auto resource = deployment.data(EnvironmentTreeModel::ResourceRole).value<Resource>();
    QCOMPARE(resource.kind(), u"Deployment"_s);
    QCOMPARE(resource.namespace_(), u"shop-staging"_s);
    QCOMPARE(deployment.siblingAtColumn(EnvironmentTreeModel::StatusColumn).data().toString(), u"shop-staging"_s);
    QCOMPARE(deployment.data(EnvironmentTreeModel::ApplicationIdRole).toString(), u"staging/web"_s);
    QCOMPARE(deployment.data(EnvironmentTreeModel::EnvironmentNameRole).toString(), u"staging"_s);
    QVERIFY(deployment.data(Qt::ToolTipRole).toString().contains(u"apps/web/staging/deployment.yaml"_s));

    // Ids find items again, and each kind of item says what it is.
    const QString id = deployment.data(EnvironmentTreeModel::ItemIdRole).toString();
    QCOMPARE(model.indexForId(id), deployment);
    QCOMPARE(ItemType(findPath(model, u"staging"_s).data(EnvironmentTreeModel::ItemTypeRole).toInt()),
             ItemType::Environment);
    QCOMPARE(ItemType(findPath(model, u"staging/db"_s).data(EnvironmentTreeModel::ItemTypeRole).toInt()),
             ItemType::Application);
    QCOMPARE(model.indexForId(u"staging/db"_s), findPath(model, u"staging/db"_s));
    QVERIFY(statusOf(model, u"staging/db"_s).contains(u"2 resource"_s));
}

void TestEnvironmentTreeModel::reloadInsertsWithoutReset()
{
    TestRepo repo;
    writeShop(repo);
    repo.commit(u"shop"_s);

    workspace::WorkspaceLoader loader;
    loader.setCacheDir(m_cache.filePath(u"reload"_s));
    EnvironmentTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setLoader(&loader);
    QVERIFY(load(loader, repo.path()));

    QItemSelectionModel selection(&model);
    const QModelIndex selected = findPath(model, u"staging/web/Service/web"_s);
    QVERIFY(selected.isValid());
    const QString selectedId = selected.data(EnvironmentTreeModel::ItemIdRole).toString();
    selection.setCurrentIndex(selected, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);

    // A new commit adds a resource in front of the selected one (ConfigMap sorts before Service).
    repo.write(u"apps/web/staging/config.yaml"_s, manifest(u"v1"_s, u"ConfigMap"_s, u"web-config"_s, u"shop-staging"_s));
    repo.commit(u"web: add its config"_s);

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QVERIFY(load(loader, {}));

    QCOMPARE(resets.size(), 0);
    QVERIFY(inserted.size() > 0);
    const QStringList tree = dump(model);
    QVERIFY(tree.contains(u"staging/web/ConfigMap/web-config"_s));
    QCOMPARE(tree.indexOf(u"staging/web/ConfigMap"_s), tree.indexOf(u"staging/web"_s) + 1);
    QVERIFY(statusOf(model, u"staging/web"_s).contains(u"3 resource"_s));

    // The selection followed its item to its new row.
    QVERIFY(selection.currentIndex().isValid());
    QCOMPARE(selection.currentIndex().data(EnvironmentTreeModel::ItemIdRole).toString(), selectedId);
    QVERIFY(selection.isSelected(model.indexForId(selectedId)));
    QCOMPARE(selection.currentIndex().row(), 0);
    QCOMPARE(selection.currentIndex().parent().row(), 2);
}

void TestEnvironmentTreeModel::removedResourcesLeaveTheTree()
{
    TestRepo repo;
    writeShop(repo);
    repo.commit(u"shop"_s);

    workspace::WorkspaceLoader loader;
    loader.setCacheDir(m_cache.filePath(u"remove"_s));
    EnvironmentTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setLoader(&loader);
    QVERIFY(load(loader, repo.path()));

    // The shared db application is dropped and production/web loses its ConfigMap.
    repo.write(u"driftline.yaml"_s, "environments:\n"
                                    "  - name: staging\n    namespace: shop-staging\n"
                                    "  - name: production\n    namespace: shop\n"
                                    "applications:\n"
                                    "  - name: web\n    path: apps/web/{environment}\n");
    repo.write(u"apps/web/production/all.yaml"_s, manifest(u"apps/v1"_s, u"Deployment"_s, u"web"_s, u"shop"_s) + "---\n"
                                                       + manifest(u"v1"_s, u"Service"_s, u"web"_s, u"shop"_s));
    repo.commit(u"drop db and the web config"_s);

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QVERIFY(load(loader, {}));
    QCOMPARE(resets.size(), 0);
    QVERIFY(removed.size() >= 3);
    const QStringList expected = {
        u"staging"_s,
        u"staging/web"_s,
        u"staging/web/Deployment"_s,
        u"staging/web/Deployment/web"_s,
        u"staging/web/Service"_s,
        u"staging/web/Service/web"_s,
        u"production"_s,
        u"production/web"_s,
        u"production/web/Deployment"_s,
        u"production/web/Deployment/web"_s,
        u"production/web/Service"_s,
        u"production/web/Service/web"_s,
    };
    QCOMPARE(dump(model), expected);
    QVERIFY(!model.indexForId(u"staging/db"_s).isValid());
}

void TestEnvironmentTreeModel::reorderedApplicationsMove()
{
    TestRepo repo;
    writeShop(repo);
    repo.commit(u"shop"_s);

    workspace::WorkspaceLoader loader;
    loader.setCacheDir(m_cache.filePath(u"move"_s));
    EnvironmentTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setLoader(&loader);
    QVERIFY(load(loader, repo.path()));
    QCOMPARE(findPath(model, u"staging/web"_s).row(), 0);
    const QPersistentModelIndex db = findPath(model, u"production/db"_s);
    const int dbChildren = model.rowCount(db);

    // db is now declared first: rows move, nothing is rebuilt.
    repo.write(u"driftline.yaml"_s, "environments:\n"
                                    "  - name: staging\n    namespace: shop-staging\n"
                                    "  - name: production\n    namespace: shop\n"
                                    "applications:\n"
                                    "  - name: db\n    path: apps/db\n"
                                    "  - name: web\n    path: apps/web/{environment}\n");
    repo.commit(u"db first"_s);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QVERIFY(load(loader, {}));
    QCOMPARE(resets.size(), 0);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(moved.size(), 2);
    QCOMPARE(findPath(model, u"staging/db"_s).row(), 0);
    QCOMPARE(findPath(model, u"staging/web"_s).row(), 1);
    QVERIFY(db.isValid());
    QCOMPARE(db.row(), 0);
    QCOMPARE(model.rowCount(db), dbChildren);
}

void TestEnvironmentTreeModel::applicationStatus_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<int>("resources");
    QTest::addColumn<QString>("statusContains");
    QTest::addColumn<bool>("failed");

    QTest::newRow("renders") << manifest(u"v1"_s, u"ConfigMap"_s, u"settings"_s, u"shop"_s) << 1 << u"1 resource"_s
                             << false;
    QTest::newRow("invalid yaml") << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n") << 0
                                  << u""_s << true;
    QTest::newRow("one good document, one without a name")
        << manifest(u"v1"_s, u"ConfigMap"_s, u"settings"_s, u"shop"_s) + "---\napiVersion: v1\nkind: ConfigMap\n" << 1
        << u"1 error"_s << true;
}

void TestEnvironmentTreeModel::applicationStatus()
{
    QFETCH(QByteArray, contents);
    QFETCH(int, resources);
    QFETCH(QString, statusContains);
    QFETCH(bool, failed);

    TestRepo repo;
    repo.write(u"driftline.yaml"_s, "environments:\n  - name: dev\napplications:\n  - name: app\n    path: app\n");
    repo.write(u"app/manifest.yaml"_s, contents);
    repo.commit(u"app"_s);

    workspace::WorkspaceLoader loader;
    loader.setCacheDir(m_cache.filePath(QString::fromLatin1(QTest::currentDataTag())));
    EnvironmentTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setLoader(&loader);

    // Before its render arrives the application says it is rendering.
    QSignalSpy discovered(&loader, &workspace::WorkspaceLoader::workspaceDiscovered);
    QSignalSpy finished(&loader, &workspace::WorkspaceLoader::loadFinished);
    connect(&loader, &workspace::WorkspaceLoader::workspaceDiscovered, this, [&] {
        QCOMPARE(statusOf(model, u"dev/app"_s), EnvironmentTreeModel::tr("rendering…"));
    });
    loader.load(repo.path());
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), Timeout);
    QCOMPARE(discovered.size(), 1);

    const QModelIndex app = findPath(model, u"dev/app"_s);
    QVERIFY(app.isValid());
    QCOMPARE(model.rowCount(app) > 0, resources > 0);
    const QString status = statusOf(model, u"dev/app"_s);
    const QString tooltip = app.data(Qt::ToolTipRole).toString();
    const workspace::RenderResult* result = loader.result(u"dev/app"_s);
    QVERIFY(result);
    QCOMPARE(int(result->resources.size()), resources);
    QCOMPARE(!result->errors.isEmpty(), failed);
    if (failed) {
        // The full message, naming the file and line, is in the tooltip.
        const Error& error = result->errors.first();
        QVERIFY2(tooltip.contains(error.message), qPrintable(tooltip));
        QVERIFY2(tooltip.contains(u"app/manifest.yaml:"_s), qPrintable(tooltip));
        if (resources == 0)
            QVERIFY2(error.message.startsWith(status), qPrintable(status));
        QVERIFY(!app.siblingAtColumn(EnvironmentTreeModel::StatusColumn).data(Qt::DecorationRole).isNull());
    }
    if (!statusContains.isEmpty())
        QVERIFY2(status.contains(statusContains), qPrintable(status));
}

void TestEnvironmentTreeModel::otherRepositoryResets()
{
    TestRepo first;
    writeShop(first);
    first.commit(u"shop"_s);
    TestRepo second;
    second.write(u"driftline.yaml"_s, "environments:\n  - name: dev\napplications:\n  - name: app\n    path: app\n");
    second.write(u"app/cm.yaml"_s, manifest(u"v1"_s, u"ConfigMap"_s, u"settings"_s, u"dev"_s));
    second.commit(u"app"_s);

    workspace::WorkspaceLoader loader;
    loader.setCacheDir(m_cache.filePath(u"other"_s));
    EnvironmentTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setLoader(&loader);
    QVERIFY(load(loader, first.path()));
    QCOMPARE(model.rowCount(), 2);

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QVERIFY(load(loader, second.path()));
    QCOMPARE(resets.size(), 1);
    QCOMPARE(dump(model), QStringList({u"dev"_s, u"dev/app"_s, u"dev/app/ConfigMap"_s, u"dev/app/ConfigMap/settings"_s}));
}

void TestEnvironmentTreeModel::connectionStateOnEnvironments()
{
    TestRepo repo;
    writeShop(repo);
    repo.commit(u"shop"_s);

    workspace::WorkspaceLoader loader;
    loader.setCacheDir(m_cache.filePath(u"connection"_s));
    EnvironmentTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setLoader(&loader);
    QVERIFY(load(loader, repo.path()));
    const QModelIndex staging = findPath(model, u"staging"_s);
    const QModelIndex stagingStatus = staging.siblingAtColumn(EnvironmentTreeModel::StatusColumn);
    QVERIFY(stagingStatus.data().toString().contains(u"application"_s));
    QVERIFY(stagingStatus.data(Qt::DecorationRole).isNull());

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    using Status = kube::ConnectionState::Status;
    const kube::ConnectionState unreachable {Status::Unreachable, u"connection refused by https://127.0.0.1:1"_s,
        u"kind-staging"_s, false};
    model.setConnectionState(u"staging"_s, unreachable);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>(), staging);
    QCOMPARE(stagingStatus.data().toString(), unreachable.text());
    QVERIFY(!stagingStatus.data(Qt::DecorationRole).value<QIcon>().isNull());
    const QString tip = staging.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(u"connection refused by https://127.0.0.1:1"_s) && tip.contains(u"kind-staging"_s),
        qPrintable(tip));
    // The other environment is untouched, and the same state again changes nothing.
    QVERIFY(findPath(model, u"production"_s).siblingAtColumn(EnvironmentTreeModel::StatusColumn).data().toString()
                .contains(u"application"_s));
    model.setConnectionState(u"staging"_s, unreachable);
    QCOMPARE(changed.size(), 1);

    const kube::ConnectionState connected {Status::Connected, {}, u"kind-staging"_s, false};
    model.setConnectionState(u"staging"_s, connected);
    QCOMPARE(changed.size(), 2);
    QCOMPARE(stagingStatus.data().toString(), connected.text());
    QCOMPARE(model.connectionState(u"staging"_s)->status, Status::Connected);
    QVERIFY(!model.connectionState(u"production"_s));

    // A reload of the same repository keeps the states.
    QVERIFY(load(loader, QString()));
    QCOMPARE(model.connectionState(u"staging"_s)->status, Status::Connected);
}

QTEST_MAIN(TestEnvironmentTreeModel)
#include "tst_environmenttreemodel.moc"
