// The tree's filters over real drift: "only out of sync" keeps exactly the
// drifted resources with their ancestors, the health choice and the text each
// narrow it, combined with AND, and a new drift re-filters live without a
// reset or collapsing the tree. Then the window: the controls over the demo's
// tree, their counts, and their choices remembered for the next window.
#include "engine/driftstatus.h"
#include "gui/drifttreefilter.h"
#include "gui/environmenttreemodel.h"
#include "gui/clusterconnections.h"
#include "gui/mainwindow.h"
#include "gui/treefilterbar.h"
#include "kube/livesnapshot.h"
#include "kube/trackingid.h"
#include "testsupport/testrepo.h"
#include "workspace/workspaceloader.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::gui;
using driftline::test::TestRepo;
using HealthStatus = engine::Health::Status;

namespace {

constexpr int Timeout = 60'000;
using ItemType = EnvironmentTreeModel::ItemType;

QByteArray deployment(const QString& name, const QString& ns)
{
    return u"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: %1\n  namespace: %2\nspec:\n  replicas: 1\n"_s
        .arg(name, ns).toUtf8();
}

QByteArray object(const QString& kind, const QString& name, const QString& ns, const QByteArray& rest = {})
{
    return u"apiVersion: v1\nkind: %1\nmetadata:\n  name: %2\n  namespace: %3\n"_s.arg(kind, name, ns).toUtf8() + rest;
}

// Two environments of two applications, five resources each.
void writeShop(TestRepo& repo)
{
    repo.write(u"driftline.yaml"_s, "environments:\n"
                                    "  - name: staging\n    namespace: shop-staging\n"
                                    "  - name: production\n    namespace: shop\n"
                                    "applications:\n"
                                    "  - name: web\n    path: apps/web/{environment}\n"
                                    "  - name: db\n    path: apps/db/{environment}\n");
    const std::pair<QString, QString> environments[] {{u"staging"_s, u"shop-staging"_s}, {u"production"_s, u"shop"_s}};
    for (const auto& [env, ns] : environments) {
        repo.write(u"apps/web/%1/all.yaml"_s.arg(env),
            deployment(u"web"_s, ns) + "---\n" + object(u"Service"_s, u"web"_s, ns) + "---\n"
                + object(u"ConfigMap"_s, u"web-config"_s, ns, "data:\n  mode: a\n"));
        repo.write(u"apps/db/%1/db.yaml"_s.arg(env),
            deployment(u"postgres"_s, ns) + "---\n"
                + object(u"ConfigMap"_s, u"db-config"_s, ns, "data:\n  size: small\n"));
    }
}

// The tree as readable text, one line per item with its path; kind groups by kind.
QStringList dump(const QAbstractItemModel& model, const QModelIndex& parent = {}, const QString& prefix = {})
{
    QStringList lines;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, EnvironmentTreeModel::NameColumn, parent);
        QString name = index.data().toString();
        if (ItemType(index.data(EnvironmentTreeModel::ItemTypeRole).toInt()) == ItemType::KindGroup)
            name = name.section(u' ', 0, 0);
        const QString path = prefix.isEmpty() ? name : prefix + u'/' + name;
        lines << path;
        lines << dump(model, index, path);
    }
    return lines;
}

// Only the resources of a dump.
QStringList resources(const QAbstractItemModel& model, const QModelIndex& parent = {}, const QString& prefix = {})
{
    QStringList lines;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, EnvironmentTreeModel::NameColumn, parent);
        const auto type = ItemType(index.data(EnvironmentTreeModel::ItemTypeRole).toInt());
        const QString name = type == ItemType::KindGroup ? index.data().toString().section(u' ', 0, 0)
                                                          : index.data().toString();
        const QString path = prefix.isEmpty() ? name : prefix + u'/' + name;
        if (type == ItemType::Resource)
            lines << path;
        lines << resources(model, index, path);
    }
    return lines;
}

QModelIndex findPath(const QAbstractItemModel& model, const QString& path)
{
    QModelIndex parent;
    for (const QString& part : path.split(u'/')) {
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

QJsonObject applied(const QString& application, const QJsonObject& object)
{
    return kube::TrackingId::annotated(object, application, kube::LiveSnapshot::keyOf(object));
}

// What the cluster holds: every rendered object of `environment` as applied, Deployments
// rolled out; `edit` changes or drops objects (by name) before the drift is computed.
using Edit = std::function<std::optional<QJsonObject>(QJsonObject)>;
std::shared_ptr<const engine::EnvironmentDrift> driftOf(const workspace::WorkspaceLoader& loader,
    const QString& environment, const QHash<QString, Edit>& edits = {}, const QList<QJsonObject>& extra = {})
{
    kube::LiveSnapshot::Input input;
    const auto add = [&](const QJsonObject& o) {
        const ResourceKey key = kube::LiveSnapshot::keyOf(o);
        input.buckets[kube::LiveSnapshot::groupKind(key.group, key.kind)].insert(key, o);
    };
    QList<engine::DriftStatus::ApplicationInput> inputs;
    for (const workspace::Application& app : loader.workspace().applications) {
        if (app.environment != environment)
            continue;
        const workspace::RenderResult* render = loader.result(app.id());
        inputs.append({app, render});
        for (const Resource& r : render ? render->resources : ResourceList {}) {
            input.desiredKeys.insert(kube::LiveSnapshot::withoutVersion(r.key()));
            QJsonObject live = applied(app.name, r.object());
            if (r.kind() == u"Deployment") {
                QJsonObject metadata = live.value(u"metadata"_s).toObject();
                metadata.insert(u"generation"_s, 1);
                live.insert(u"metadata"_s, metadata);
                live.insert(u"status"_s, QJsonObject {{u"observedGeneration"_s, 1}, {u"replicas"_s, 1},
                                             {u"updatedReplicas"_s, 1}, {u"availableReplicas"_s, 1}});
            }
            const QString name = app.name + u'/' + r.kind() + u'/' + r.name();
            if (const auto edit = edits.constFind(name); edit != edits.cend()) {
                if (const auto changed = (*edit)(live))
                    add(*changed);
            } else {
                add(live);
            }
        }
    }
    for (const QJsonObject& o : extra)
        add(o);
    input.complete = true;
    input.namespaces = {environment == u"staging"_s ? u"shop-staging"_s : u"shop"_s};
    const auto snapshot = kube::LiveSnapshot::build(input);
    const kube::ConnectionState connected {kube::ConnectionState::Status::Connected, {}, u"lab"_s, false};
    return std::make_shared<const engine::EnvironmentDrift>(
        engine::DriftStatus::compute(environment, inputs, *snapshot, connected));
}

std::optional<QJsonObject> withData(QJsonObject o, const QString& key, const QString& value)
{
    o.insert(u"data"_s, QJsonObject {{key, value}});
    return o;
}

std::optional<QJsonObject> gone(QJsonObject)
{
    return std::nullopt;
}

std::optional<QJsonObject> withStatus(QJsonObject o, const QJsonObject& status)
{
    o.insert(u"status"_s, status);
    return o;
}

const QStringList AllResources {
    u"staging/web/ConfigMap/web-config"_s,
    u"staging/web/Deployment/web"_s,
    u"staging/web/Service/web"_s,
    u"staging/db/ConfigMap/db-config"_s,
    u"staging/db/Deployment/postgres"_s,
    u"production/web/ConfigMap/web-config"_s,
    u"production/web/ConfigMap/web-debug"_s,
    u"production/web/Deployment/web"_s,
    u"production/web/Service/web"_s,
    u"production/db/ConfigMap/db-config"_s,
    u"production/db/Deployment/postgres"_s,
};

} // namespace

class TestDriftTreeFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void unfilteredShowsEverything();
    void onlyOutOfSync();
    void byHealth_data();
    void byHealth();
    void byText_data();
    void byText();
    void combined_data();
    void combined();
    void refiltersLiveWithoutCollapsing();
    void windowControlsFilterTheDemo();
    void cleanupTestCase();

private:
    // Staging: web's Deployment rolling out (Progressing), db's config edited (OutOfSync).
    // Production: web's config deleted (Missing), a debug config web tracks and Git lacks
    // (Extraneous), postgres past its progress deadline (Degraded).
    void applyScenario();
    QStringList filtered(bool onlyOutOfSync, std::optional<HealthStatus> health, const QString& text);

    QTemporaryDir m_home;
    std::unique_ptr<TestRepo> m_repo;
    std::unique_ptr<workspace::WorkspaceLoader> m_loader;
    std::unique_ptr<EnvironmentTreeModel> m_model;
    QJsonObject m_debugConfig;
};

void TestDriftTreeFilter::initTestCase()
{
    QVERIFY(m_home.isValid());
    qputenv("XDG_CONFIG_HOME", m_home.filePath(u"config"_s).toLocal8Bit());
    qputenv("XDG_CACHE_HOME", m_home.filePath(u"cache"_s).toLocal8Bit());
    qputenv("XDG_DATA_HOME", m_home.filePath(u"data"_s).toLocal8Bit());
    qputenv("KUBECONFIG", m_home.filePath(u"no-such-kubeconfig"_s).toLocal8Bit());
    QCoreApplication::setOrganizationName(u"DriftlineTest"_s);
    QCoreApplication::setApplicationName(u"tst_drifttreefilter"_s);

    m_repo = std::make_unique<TestRepo>();
    writeShop(*m_repo);
    m_repo->commit(u"shop"_s);
    m_loader = std::make_unique<workspace::WorkspaceLoader>();
    m_loader->setCacheDir(m_home.filePath(u"render-cache"_s));
    m_model = std::make_unique<EnvironmentTreeModel>();
    m_model->setLoader(m_loader.get());
    QSignalSpy finished(m_loader.get(), &workspace::WorkspaceLoader::loadFinished);
    m_loader->load(m_repo->path());
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), Timeout);
    m_debugConfig = applied(u"web"_s, QJsonObject {{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"ConfigMap"_s},
                                          {u"metadata"_s, QJsonObject {{u"name"_s, u"web-debug"_s},
                                                              {u"namespace"_s, u"shop"_s}}}});
}

void TestDriftTreeFilter::init()
{
    if (m_model)
        applyScenario();
}

void TestDriftTreeFilter::applyScenario()
{
    m_model->setDrift(u"staging"_s,
        driftOf(*m_loader, u"staging"_s,
            {{u"web/Deployment/web"_s,
                 [](QJsonObject o) {
                     return withStatus(o, {{u"observedGeneration"_s, 1}, {u"replicas"_s, 1}, {u"updatedReplicas"_s, 1},
                                              {u"availableReplicas"_s, 0}});
                 }},
                {u"db/ConfigMap/db-config"_s, [](QJsonObject o) { return withData(o, u"size"_s, u"large"_s); }}}));
    const QJsonObject deadline {{u"observedGeneration"_s, 1}, {u"replicas"_s, 1}, {u"updatedReplicas"_s, 1},
        {u"availableReplicas"_s, 0},
        {u"conditions"_s, QJsonArray {QJsonObject {{u"type"_s, u"Progressing"_s}, {u"status"_s, u"False"_s},
                              {u"reason"_s, u"ProgressDeadlineExceeded"_s}}}}};
    m_model->setDrift(u"production"_s,
        driftOf(*m_loader, u"production"_s,
            {{u"web/ConfigMap/web-config"_s, gone},
                {u"db/Deployment/postgres"_s, [deadline](QJsonObject o) { return withStatus(o, deadline); }}},
            {m_debugConfig}));
}

QStringList TestDriftTreeFilter::filtered(bool onlyOutOfSync, std::optional<HealthStatus> health, const QString& text)
{
    DriftTreeFilter filter;
    filter.setSourceModel(m_model.get());
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    filter.setOnlyOutOfSync(onlyOutOfSync);
    filter.setHealthFilter(health);
    filter.setTextFilter(text);
    const QStringList shown = resources(filter);
    if (filter.matchingResources() != shown.size() || filter.totalResources() != AllResources.size())
        qWarning() << "counts" << filter.matchingResources() << "of" << filter.totalResources();
    return filter.matchingResources() == shown.size() && filter.totalResources() == AllResources.size()
        ? shown
        : QStringList {u"<counts disagree>"_s};
}

void TestDriftTreeFilter::unfilteredShowsEverything()
{
    DriftTreeFilter filter;
    filter.setSourceModel(m_model.get());
    QCOMPARE(dump(filter), dump(*m_model));
    QCOMPARE(resources(filter), AllResources);
    QVERIFY(!filter.isFiltering());
    QCOMPARE(filter.matchingResources(), 11);
    QCOMPARE(filter.totalResources(), 11);
}

void TestDriftTreeFilter::onlyOutOfSync()
{
    DriftTreeFilter filter;
    filter.setSourceModel(m_model.get());
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    filter.setOnlyOutOfSync(true);
    // The drifted resources and exactly their ancestors.
    const QStringList expected {
        u"staging"_s,
        u"staging/db"_s,
        u"staging/db/ConfigMap"_s,
        u"staging/db/ConfigMap/db-config"_s,
        u"production"_s,
        u"production/web"_s,
        u"production/web/ConfigMap"_s,
        u"production/web/ConfigMap/web-config"_s,
        u"production/web/ConfigMap/web-debug"_s,
    };
    QCOMPARE(dump(filter), expected);
    QCOMPARE(filter.matchingResources(), 3);
    QCOMPARE(filter.totalResources(), 11);

    // Off again, everything is back.
    filter.setOnlyOutOfSync(false);
    QCOMPARE(resources(filter), AllResources);
}

void TestDriftTreeFilter::byHealth_data()
{
    QTest::addColumn<int>("health");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("progressing") << int(HealthStatus::Progressing) << QStringList {u"staging/web/Deployment/web"_s};
    QTest::newRow("degraded") << int(HealthStatus::Degraded) << QStringList {u"production/db/Deployment/postgres"_s};
    QTest::newRow("missing") << int(HealthStatus::Missing) << QStringList {u"production/web/ConfigMap/web-config"_s};
    QTest::newRow("suspended") << int(HealthStatus::Suspended) << QStringList {};
    QTest::newRow("unknown") << int(HealthStatus::Unknown) << QStringList {};
    QStringList healthy = AllResources;
    for (const QString& r : {u"staging/web/Deployment/web"_s, u"production/db/Deployment/postgres"_s,
             u"production/web/ConfigMap/web-config"_s})
        healthy.removeOne(r);
    QTest::newRow("healthy: also kinds without a health rule") << int(HealthStatus::Healthy) << healthy;
}

void TestDriftTreeFilter::byHealth()
{
    QFETCH(int, health);
    QFETCH(QStringList, expected);
    QCOMPARE(filtered(false, HealthStatus(health), {}), expected);
}

void TestDriftTreeFilter::byText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("an application: all it holds") << u"WEB"_s
                                                  << QStringList {u"staging/web/ConfigMap/web-config"_s,
                                                         u"staging/web/Deployment/web"_s, u"staging/web/Service/web"_s,
                                                         u"production/web/ConfigMap/web-config"_s,
                                                         u"production/web/ConfigMap/web-debug"_s,
                                                         u"production/web/Deployment/web"_s,
                                                         u"production/web/Service/web"_s};
    QTest::newRow("a kind") << u"deploy"_s
                            << QStringList {u"staging/web/Deployment/web"_s, u"staging/db/Deployment/postgres"_s,
                                   u"production/web/Deployment/web"_s, u"production/db/Deployment/postgres"_s};
    QTest::newRow("a resource") << u"postgres"_s
                                << QStringList {u"staging/db/Deployment/postgres"_s,
                                       u"production/db/Deployment/postgres"_s};
    QTest::newRow("an environment") << u"production"_s << AllResources.mid(5);
    QTest::newRow("nothing") << u"no such thing"_s << QStringList {};
}

void TestDriftTreeFilter::byText()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    QCOMPARE(filtered(false, std::nullopt, text), expected);
}

void TestDriftTreeFilter::combined_data()
{
    QTest::addColumn<bool>("onlyOutOfSync");
    QTest::addColumn<int>("health"); // -1: any
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("out of sync in web") << true << -1 << u"web"_s
                                        << QStringList {u"production/web/ConfigMap/web-config"_s,
                                               u"production/web/ConfigMap/web-debug"_s};
    QTest::newRow("out of sync and missing") << true << int(HealthStatus::Missing) << u""_s
                                             << QStringList {u"production/web/ConfigMap/web-config"_s};
    QTest::newRow("out of sync and healthy in staging") << true << int(HealthStatus::Healthy) << u"staging"_s
                                                        << QStringList {u"staging/db/ConfigMap/db-config"_s};
    QTest::newRow("degraded and out of sync: none") << true << int(HealthStatus::Degraded) << u""_s << QStringList {};
    QTest::newRow("healthy deployments") << false << int(HealthStatus::Healthy) << u"Deployment"_s
                                         << QStringList {u"staging/db/Deployment/postgres"_s,
                                                u"production/web/Deployment/web"_s};
}

void TestDriftTreeFilter::combined()
{
    QFETCH(bool, onlyOutOfSync);
    QFETCH(int, health);
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    QCOMPARE(filtered(onlyOutOfSync, health < 0 ? std::nullopt : std::optional(HealthStatus(health)), text), expected);
}

void TestDriftTreeFilter::refiltersLiveWithoutCollapsing()
{
    DriftTreeFilter filter;
    filter.setSourceModel(m_model.get());
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    filter.setOnlyOutOfSync(true);
    QTreeView view;
    view.setModel(&filter);
    view.expandAll();
    QSignalSpy counts(&filter, &DriftTreeFilter::countsChanged);
    QSignalSpy resets(&filter, &QAbstractItemModel::modelReset);
    const QPersistentModelIndex debug = findPath(filter, u"production/web/ConfigMap/web-debug"_s);
    view.setCurrentIndex(debug);
    const QPersistentModelIndex productionGroup = findPath(filter, u"production/web/ConfigMap"_s);

    // db's config is put back: nothing in staging drifts, so staging leaves.
    m_model->setDrift(u"staging"_s, driftOf(*m_loader, u"staging"_s));
    QTRY_COMPARE(resources(filter),
        QStringList({u"production/web/ConfigMap/web-config"_s, u"production/web/ConfigMap/web-debug"_s}));
    QVERIFY(!findPath(filter, u"staging"_s).isValid());
    QTRY_COMPARE(filter.matchingResources(), 2);
    QTRY_VERIFY(!counts.isEmpty()); // the bar hears of it

    // Someone edits staging's web config: it comes back, its whole hidden branch with it.
    m_model->setDrift(u"staging"_s,
        driftOf(*m_loader, u"staging"_s,
            {{u"web/ConfigMap/web-config"_s, [](QJsonObject o) { return withData(o, u"mode"_s, u"b"_s); }}}));
    QTRY_VERIFY(findPath(filter, u"staging/web/ConfigMap/web-config"_s).isValid());
    QCOMPARE(resources(filter),
        QStringList({u"staging/web/ConfigMap/web-config"_s, u"production/web/ConfigMap/web-config"_s,
            u"production/web/ConfigMap/web-debug"_s}));

    // Production's config is recreated: Synced, so it leaves; the rest stays as it was.
    m_model->setDrift(u"production"_s, driftOf(*m_loader, u"production"_s, {}, {m_debugConfig}));
    QTRY_VERIFY(!findPath(filter, u"production/web/ConfigMap/web-config"_s).isValid());
    QCOMPARE(resources(filter),
        QStringList({u"staging/web/ConfigMap/web-config"_s, u"production/web/ConfigMap/web-debug"_s}));
    // The branch that stayed shown kept its expansion and the current row.
    QVERIFY(productionGroup.isValid());
    QVERIFY(view.isExpanded(productionGroup));
    QVERIFY(view.isExpanded(findPath(filter, u"production/web"_s)));
    QCOMPARE(view.currentIndex(), QModelIndex(debug));

    // The debug config is deleted too: its row leaves the model and the filter.
    m_model->setDrift(u"production"_s, driftOf(*m_loader, u"production"_s));
    QTRY_COMPARE(resources(filter), QStringList({u"staging/web/ConfigMap/web-config"_s}));
    QVERIFY(!debug.isValid());
    QTRY_COMPARE(filter.matchingResources(), 1);
    QCOMPARE(filter.totalResources(), 10);

    // And back, all by inserts and removals: nothing was reset.
    applyScenario();
    QTRY_VERIFY(findPath(filter, u"production/web/ConfigMap/web-debug"_s).isValid());
    QCOMPARE(resources(filter).size(), 3);
    QCOMPARE(resets.size(), 0);
}

void TestDriftTreeFilter::windowControlsFilterTheDemo()
{
    auto window = std::make_unique<MainWindow>();
    window->resize(1400, 900);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    auto* toggle = window->findChild<QToolButton*>(u"onlyOutOfSyncToggle"_s);
    auto* health = window->findChild<QComboBox*>(u"healthFilter"_s);
    auto* count = window->findChild<QLabel*>(u"filterCount"_s);
    auto* text = window->findChild<QLineEdit*>(u"treeFilter"_s);
    QVERIFY(toggle && health && count && text);
    QVERIFY(!toggle->isChecked());
    QCOMPARE(health->currentIndex(), 0);

    window->openDemo(m_home.filePath(u"demo"_s));
    QTRY_VERIFY_WITH_TIMEOUT(window->isShowingWorkspace(), Timeout);
    const auto drift = [&](const QString& env) { return window->treeModel()->drift(env); };
    const auto compared = [&](const QString& env) {
        return drift(env) && drift(env)->sync != engine::SyncStatus::Unknown && drift(env)->connected;
    };
    QTRY_VERIFY_WITH_TIMEOUT(compared(u"staging"_s) && compared(u"production"_s), Timeout);
    // The extraneous ConfigMap is a row of production's web.
    const QString debugId = EnvironmentTreeModel::resourceId(
        u"production/web"_s, ResourceKey {{}, {}, u"ConfigMap"_s, u"shop-prod"_s, u"web-debug"_s});
    QTRY_VERIFY_WITH_TIMEOUT(window->treeModel()->indexForId(debugId).isValid(), Timeout);

    const QAbstractItemModel& tree = *window->treeView()->model();
    const EnvironmentTreeModel& model = *window->treeModel();
    const int total = int(resources(model).size());
    QTRY_COMPARE(count->text(), TreeFilterBar::tr("%n resource(s)", nullptr, total));

    // What the model says drifts, the tree shows with the toggle; every one of them.
    QStringList drifted;
    for (const QString& path : resources(model)) {
        const QModelIndex index = findPath(model, path);
        if (engine::SyncStatus(index.data(EnvironmentTreeModel::SyncRole).toInt()) != engine::SyncStatus::Synced)
            drifted << path;
    }
    QVERIFY2(drifted.contains(u"production/web/ConfigMap/web-debug"_s), qPrintable(drifted.join(u", "_s)));
    QVERIFY2(drifted.contains(u"staging/api/Deployment/api"_s), qPrintable(drifted.join(u", "_s)));
    QVERIFY2(drifted.contains(u"staging/web/Service/web"_s), qPrintable(drifted.join(u", "_s)));
    QVERIFY(drifted.size() < total);
    toggle->click();
    QTRY_COMPARE(resources(tree), drifted);
    QTRY_COMPARE(count->text(), u"%1 of %2"_s.arg(drifted.size()).arg(total));
    // The filter opens the tree to what it found.
    QVERIFY(window->treeView()->isExpanded(findPath(tree, u"production/web/ConfigMap"_s)));

    // With the health filter on Missing: the Service deleted by hand, alone.
    health->setCurrentIndex(health->findData(int(HealthStatus::Missing)));
    QTRY_COMPARE(resources(tree), QStringList {u"staging/web/Service/web"_s});
    QTRY_COMPARE(count->text(), u"1 of %1"_s.arg(total));
    // And a text that names nothing there.
    text->setText(u"production"_s);
    QTRY_COMPARE(tree.rowCount(), 0);
    QTRY_COMPARE(count->text(), u"0 of %1"_s.arg(total));
    text->clear();
    health->setCurrentIndex(0);

    // Selecting the extraneous row hands the window a key the cluster has.
    QVERIFY(window->selectItem(debugId));
    QCOMPARE(window->currentItemId(), debugId);
    const QModelIndex current = window->treeView()->currentIndex();
    const ResourceKey key = current.data(EnvironmentTreeModel::ResourceRole).value<Resource>().key();
    QVERIFY(window->clusters()->snapshot(u"production"_s)->object(key).has_value());
    QVERIFY(toggle->isChecked());

    // A synced item is behind the filter: selecting it turns the filters off.
    const QString postgres = EnvironmentTreeModel::resourceId(
        u"production/postgres"_s, ResourceKey {u"apps"_s, {}, u"StatefulSet"_s, u"shop-prod"_s, u"postgres"_s});
    QVERIFY(window->selectItem(postgres));
    QCOMPARE(window->currentItemId(), postgres);
    QVERIFY(!toggle->isChecked());

    // The next window remembers the toggle and the health choice.
    toggle->click();
    health->setCurrentIndex(health->findData(int(HealthStatus::Degraded)));
    window.reset();
    MainWindow next;
    QVERIFY(next.findChild<QToolButton*>(u"onlyOutOfSyncToggle"_s)->isChecked());
    QCOMPARE(next.findChild<QComboBox*>(u"healthFilter"_s)->currentData().toInt(), int(HealthStatus::Degraded));
    QVERIFY(next.findChild<QLineEdit*>(u"treeFilter"_s)->text().isEmpty());
}

void TestDriftTreeFilter::cleanupTestCase()
{
    m_model.reset();
    m_loader.reset();
}

QTEST_MAIN(TestDriftTreeFilter)
#include "tst_drifttreefilter.moc"
