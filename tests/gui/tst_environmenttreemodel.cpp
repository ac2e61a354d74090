// The environment tree model under QAbstractItemModelTester while real
// repositories load through WorkspaceLoader: the tree compared as text, keyed
// updates on reload (no reset, selection kept), and each application's state;
// objects the cluster tracks and Git lacks come and go as rows with each drift.
#include "engine/driftstatus.h"
#include "gui/environmenttreemodel.h"
#include "kube/livesnapshot.h"
#include "kube/trackingid.h"
#include "testsupport/testrepo.h"
#include "workspace/workspaceloader.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

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

// What Driftline's apply leaves in the cluster: the object with its tracking id.
QJsonObject applied(const QString& application, const QJsonObject& object)
{
    return kube::TrackingId::annotated(object, application, kube::LiveSnapshot::keyOf(object));
}

QJsonObject trackedConfigMap(const QString& application, const QString& name, const QString& ns)
{
    return applied(application, QJsonObject {{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"ConfigMap"_s},
                                    {u"metadata"_s, QJsonObject {{u"name"_s, name}, {u"namespace"_s, ns}}}});
}

// The real drift of `environment`: its renders in `loader` against `live`.
std::shared_ptr<const engine::EnvironmentDrift> driftOf(const workspace::WorkspaceLoader& loader,
    const QString& environment, const QList<QJsonObject>& live)
{
    kube::LiveSnapshot::Input input;
    for (const QJsonObject& o : live) {
        const ResourceKey key = kube::LiveSnapshot::keyOf(o);
        input.buckets[kube::LiveSnapshot::groupKind(key.group, key.kind)].insert(key, o);
    }
    QList<engine::DriftStatus::ApplicationInput> inputs;
    for (const workspace::Application& app : loader.workspace().applications) {
        if (app.environment != environment)
            continue;
        const workspace::RenderResult* render = loader.result(app.id());
        inputs.append({app, render});
        for (const Resource& r : render ? render->resources : ResourceList {})
            input.desiredKeys.insert(kube::LiveSnapshot::withoutVersion(r.key()));
    }
    input.complete = true;
    const auto snapshot = kube::LiveSnapshot::build(input);
    const kube::ConnectionState connected {kube::ConnectionState::Status::Connected, {}, u"lab"_s, false};
    return std::make_shared<const engine::EnvironmentDrift>(
        engine::DriftStatus::compute(environment, inputs, *snapshot, connected));
}

// Everything `environment`'s applications render, as applied.
QList<QJsonObject> appliedRenders(const workspace::WorkspaceLoader& loader, const QString& environment)
{
    QList<QJsonObject> live;
    for (const workspace::Application& app : loader.workspace().applications) {
        const workspace::RenderResult* render = loader.result(app.id());
        if (app.environment != environment || !render)
            continue;
        for (const Resource& r : render->resources)
            live << applied(app.name, r.object());
    }
    return live;
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
    void extraneousRowsFollowTheDrift();

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

void TestEnvironmentTreeModel::extraneousRowsFollowTheDrift()
{
    TestRepo repo;
    writeShop(repo);
    repo.commit(u"shop"_s);

    workspace::WorkspaceLoader loader;
    loader.setCacheDir(m_cache.filePath(u"extraneous"_s));
    EnvironmentTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setLoader(&loader);
    QVERIFY(load(loader, repo.path()));

    // A view with something expanded and a current row, which no drift may disturb.
    QTreeView view;
    view.setModel(&model);
    const QPersistentModelIndex service = findPath(model, u"staging/web/Service"_s);
    const QPersistentModelIndex current = findPath(model, u"staging/web/Service/web"_s);
    view.expand(findPath(model, u"staging"_s));
    view.expand(findPath(model, u"staging/web"_s));
    view.expand(service);
    view.setCurrentIndex(current);
    const auto undisturbed = [&] {
        return view.currentIndex() == QModelIndex(current) && current.isValid() && view.isExpanded(service)
            && view.isExpanded(findPath(model, u"staging/web"_s));
    };

    // The cluster holds everything staging renders, and two objects web tracks that Git lacks.
    const QJsonObject debugConfig = trackedConfigMap(u"web"_s, u"web-debug"_s, u"shop-staging"_s);
    QJsonObject debugToken = trackedConfigMap(u"web"_s, u"debug-token"_s, u"shop-staging"_s);
    debugToken.insert(u"kind"_s, u"Secret"_s);
    debugToken = applied(u"web"_s, debugToken);
    const QList<QJsonObject> renders = appliedRenders(loader, u"staging"_s);

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    const auto first = driftOf(loader, u"staging"_s, renders + QList {debugConfig, debugToken});
    QCOMPARE(first->applications.value(u"staging/web"_s).counts.value(engine::SyncStatus::Extraneous), 2);
    model.setDrift(u"staging"_s, first);

    QStringList tree = dump(model);
    // Each joins a new group of its kind, sorted among Git's.
    const int web = int(tree.indexOf(u"staging/web"_s));
    QCOMPARE(tree.mid(web, 9), QStringList({u"staging/web"_s, u"staging/web/ConfigMap"_s,
                                   u"staging/web/ConfigMap/web-debug"_s, u"staging/web/Deployment"_s,
                                   u"staging/web/Deployment/web"_s, u"staging/web/Secret"_s,
                                   u"staging/web/Secret/debug-token"_s, u"staging/web/Service"_s,
                                   u"staging/web/Service/web"_s}));
    QCOMPARE(resets.size(), 0);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(removed.size(), 0);
    QVERIFY(undisturbed());

    const ResourceKey debugKey {{}, {}, u"ConfigMap"_s, u"shop-staging"_s, u"web-debug"_s};
    const QModelIndex debug = model.indexForId(EnvironmentTreeModel::resourceId(u"staging/web"_s, debugKey));
    QCOMPARE(debug, findPath(model, u"staging/web/ConfigMap/web-debug"_s));
    QCOMPARE(debug.data(EnvironmentTreeModel::InGitRole).toBool(), false);
    QCOMPARE(engine::SyncStatus(debug.data(EnvironmentTreeModel::SyncRole).toInt()), engine::SyncStatus::Extraneous);
    QCOMPARE(engine::Health::Status(debug.data(EnvironmentTreeModel::HealthRole).toInt()),
        engine::Health::Status::Healthy);
    QVERIFY(debug.data(Qt::FontRole).value<QFont>().italic());
    // The window finds the live object by the row's key, as for any resource.
    QCOMPARE(debug.data(EnvironmentTreeModel::ResourceRole).value<Resource>().key(), debugKey);
    QCOMPARE(debug.data(EnvironmentTreeModel::ResourceKeyRole).value<ResourceKey>(), debugKey);
    QCOMPARE(debug.data(EnvironmentTreeModel::ApplicationIdRole).toString(), u"staging/web"_s);
    QCOMPARE(ItemType(debug.data(EnvironmentTreeModel::ItemTypeRole).toInt()), ItemType::Resource);
    const QString status = debug.siblingAtColumn(EnvironmentTreeModel::StatusColumn).data().toString();
    QVERIFY2(status.startsWith(u"Extraneous"_s) && status.contains(u"not in Git"_s), qPrintable(status));
    QVERIFY(debug.data(Qt::ToolTipRole).toString().contains(u"Not in Git"_s));
    // Git's rows say they are in Git and how they compare.
    const QModelIndex deployment = findPath(model, u"staging/web/Deployment/web"_s);
    QCOMPARE(deployment.data(EnvironmentTreeModel::InGitRole).toBool(), true);
    QCOMPARE(engine::SyncStatus(deployment.data(EnvironmentTreeModel::SyncRole).toInt()), engine::SyncStatus::Synced);
    QVERIFY(!deployment.data(Qt::FontRole).value<QFont>().italic());
    QCOMPARE(engine::SyncStatus(findPath(model, u"staging/web"_s).data(EnvironmentTreeModel::SyncRole).toInt()),
        engine::SyncStatus::Extraneous);
    // Production has no drift yet: nothing to say.
    QVERIFY(!findPath(model, u"production/web/Deployment/web"_s).data(EnvironmentTreeModel::SyncRole).isValid());

    // The same drift again changes no rows.
    model.setDrift(u"staging"_s, driftOf(loader, u"staging"_s, renders + QList {debugConfig, debugToken}));
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(removed.size(), 0);

    // The Secret is deleted in the cluster: its row and its group leave, the rest stays.
    model.setDrift(u"staging"_s, driftOf(loader, u"staging"_s, renders + QList {debugConfig}));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(resets.size(), 0);
    tree = dump(model);
    QVERIFY(!tree.contains(u"staging/web/Secret"_s));
    QVERIFY(tree.contains(u"staging/web/ConfigMap/web-debug"_s));
    QVERIFY(undisturbed());

    // A render refresh rebuilds Git's rows and keeps the extraneous one beside them.
    repo.write(u"apps/web/staging/config.yaml"_s, manifest(u"v1"_s, u"ConfigMap"_s, u"web-config"_s, u"shop-staging"_s));
    repo.commit(u"web: add its config"_s);
    QVERIFY(load(loader, {}));
    QCOMPARE(resets.size(), 0);
    tree = dump(model);
    QVERIFY2(tree.contains(u"staging/web/ConfigMap/web-config"_s) && tree.contains(u"staging/web/ConfigMap/web-debug"_s),
        qPrintable(tree.join(u'\n')));
    QCOMPARE(findPath(model, u"staging/web/ConfigMap"_s).data().toString(), u"ConfigMap (2)"_s);
    QVERIFY(!findPath(model, u"staging/web/ConfigMap/web-debug"_s).data(EnvironmentTreeModel::InGitRole).toBool());
    QVERIFY(undisturbed());

    // Git gains the object: one row, now Git's, before the next drift even says so.
    repo.write(u"apps/web/staging/debug.yaml"_s, manifest(u"v1"_s, u"ConfigMap"_s, u"web-debug"_s, u"shop-staging"_s));
    repo.commit(u"web: keep the debug config"_s);
    QVERIFY(load(loader, {}));
    QCOMPARE(resets.size(), 0);
    QCOMPARE(dump(model).count(u"staging/web/ConfigMap/web-debug"_s), 1);
    const QModelIndex adopted = findPath(model, u"staging/web/ConfigMap/web-debug"_s);
    QVERIFY(adopted.data(EnvironmentTreeModel::InGitRole).toBool());
    QVERIFY(adopted.data(EnvironmentTreeModel::ResourceRole).value<Resource>().source().file.endsWith(u"debug.yaml"_s));
    model.setDrift(u"staging"_s, driftOf(loader, u"staging"_s, appliedRenders(loader, u"staging"_s) + QList {debugConfig}));
    QCOMPARE(engine::SyncStatus(adopted.data(EnvironmentTreeModel::SyncRole).toInt()), engine::SyncStatus::Synced);
    QCOMPARE(dump(model).count(u"staging/web/ConfigMap/web-debug"_s), 1);
    QVERIFY(undisturbed());
    QCOMPARE(resets.size(), 0);
}

QTEST_MAIN(TestEnvironmentTreeModel)
#include "tst_environmenttreemodel.moc"
