// The resource graph view: a real ResourceGraph and a real Graphviz layout of a
// hand-made application (Deployment → ReplicaSet → Pods, a Service selecting them,
// a ConfigMap it mounts and one it names that exists nowhere), rendered into the
// scene on a worker. Checks one item per node without overlaps, the dashed missing
// node, folding and expanding by double-click, click → resourceActivated, tree →
// selectResource, and a status change recolouring in place without a new layout.
#include "engine/driftstatus.h"
#include "gui/graphitems.h"
#include "gui/applicationsummary.h"
#include "gui/environmenttreemodel.h"
#include "gui/graphview.h"
#include "gui/mainwindow.h"
#include "workspace/workspaceloader.h"
#include "kube/livesnapshot.h"

#include <QGraphicsPathItem>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::gui;

namespace {

const QString kAppId = u"staging/web"_s;
const QString kApp = u"web"_s;

QJsonObject json(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QJsonObject deployment()
{
    return json(uR"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop","uid":"d1"},
        "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
        "spec":{"containers":[{"name":"web","image":"nginx","envFrom":[{"configMapRef":{"name":"web-env"}}]}],
        "volumes":[{"name":"config","configMap":{"name":"web-config"}}]}}}})"_s);
}

QJsonObject service()
{
    return json(uR"({"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop","uid":"s1"},
        "spec":{"selector":{"app":"web"},"ports":[{"port":80}]}})"_s);
}

QJsonObject configMap()
{
    return json(uR"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"web-config","namespace":"shop","uid":"c1"},
        "data":{"a":"b"}})"_s);
}

QJsonObject replicaSet()
{
    return json(uR"({"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web-5d8","namespace":"shop","uid":"r1",
        "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web","uid":"d1","controller":true}]},
        "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}}}})"_s);
}

QJsonObject pod(int i)
{
    return json(uR"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-5d8-%1","namespace":"shop","uid":"p%1",
        "labels":{"app":"web"},
        "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-5d8","uid":"r1","controller":true}]},
        "spec":{"containers":[{"name":"web","image":"nginx"}]},"status":{"phase":"Running"}})"_s.arg(i));
}

struct Fixture {
    ResourceList desired;
    std::shared_ptr<const kube::LiveSnapshot> live;
};

Fixture fixture(int pods)
{
    Fixture f;
    for (const QJsonObject& o : {deployment(), service(), configMap()})
        f.desired.append(Resource(kube::LiveSnapshot::keyOf(o), o));
    kube::LiveSnapshot::Input input;
    QHash<ResourceKey, QJsonObject> bucket;
    QList<QJsonObject> objects{deployment(), service(), configMap(), replicaSet()};
    for (int i = 0; i < pods; ++i)
        objects.append(pod(i));
    for (const QJsonObject& o : objects)
        bucket.insert(kube::LiveSnapshot::keyOf(o), o);
    input.buckets.insert(u"all"_s, bucket);
    for (const Resource& r : f.desired)
        input.desiredKeys.insert(r.key());
    input.complete = true;
    f.live = kube::LiveSnapshot::build(input);
    return f;
}

ResourceKey keyOf(const QJsonObject& o)
{
    ResourceKey key = kube::LiveSnapshot::keyOf(o);
    key.version.clear();
    return key;
}

std::shared_ptr<const engine::EnvironmentDrift> driftWith(engine::SyncStatus deploymentSync)
{
    auto drift = std::make_shared<engine::EnvironmentDrift>();
    drift->environment = u"staging"_s;
    engine::ApplicationDrift app;
    app.id = kAppId;
    for (const QJsonObject& o : {deployment(), service(), configMap()}) {
        engine::ResourceDrift r;
        r.key = keyOf(o);
        r.sync = r.key.kind == u"Deployment"_s ? deploymentSync : engine::SyncStatus::Synced;
        r.health.status = engine::Health::Status::Healthy;
        r.healthChecked = r.key.kind != u"ConfigMap"_s;
        app.resources.append(r);
    }
    drift->applications.insert(kAppId, app);
    return drift;
}

QPoint viewPointOf(GraphView& view, const QString& nodeId)
{
    GraphNodeItem* item = view.nodeItem(nodeId);
    return item ? view.view()->mapFromScene(item->sceneBoundingRect().center()) : QPoint();
}

int nodeItemCount(const GraphView& view)
{
    int n = 0;
    for (QGraphicsItem* item : view.scene()->items())
        n += item->type() == GraphNodeItem::Type ? 1 : 0;
    return n;
}

} // namespace

class TestGraphView : public QObject
{
    Q_OBJECT

private slots:
    void emptyStates()
    {
        GraphView view;
        QVERIFY(!view.messageText().isEmpty()); // "Select an application…"
        const Fixture f = fixture(3);
        view.setApplication(kAppId, kApp, f.desired, f.live, nullptr);
        QCOMPARE(view.messageText(), GraphView::tr("Layout…"));
        QTRY_VERIFY(!view.isBusy());
        QVERIFY(view.messageText().isEmpty());
        view.showMessage(u"Rendering…"_s);
        QCOMPARE(view.messageText(), u"Rendering…"_s);
        QCOMPARE(nodeItemCount(view), 0);
    }

    void oneItemPerNodeWithoutOverlap()
    {
        GraphView view;
        view.resize(900, 600);
        const Fixture f = fixture(3);
        view.setApplication(kAppId, kApp, f.desired, f.live, driftWith(engine::SyncStatus::Synced));
        QTRY_VERIFY(!view.isBusy());
        QCOMPARE(view.layoutCount(), 1);
        const engine::ResourceGraph& graph = view.graph();
        // app, Deployment, Service, ConfigMap, the missing ConfigMap, ReplicaSet, 3 Pods (not folded at 3)
        QVERIFY2(graph.nodes().size() >= 9, qPrintable(QString::number(graph.nodes().size())));
        QCOMPARE(nodeItemCount(view), graph.nodes().size());
        QList<QRectF> rects;
        for (const engine::GraphNode& n : graph.nodes()) {
            GraphNodeItem* item = view.nodeItem(n.id);
            QVERIFY2(item, qPrintable(n.id));
            rects.append(item->mapRectToScene(QRectF(QPointF(0, 0), QSizeF(GraphView::NodeWidth, GraphView::NodeHeight))));
        }
        for (qsizetype i = 0; i < rects.size(); ++i) {
            for (qsizetype j = i + 1; j < rects.size(); ++j)
                QVERIFY2(!rects[i].intersects(rects[j]), qPrintable(graph.nodes()[i].id + u" overlaps "_s + graph.nodes()[j].id));
        }
        // Edges are drawn too: one path per edge.
        int paths = 0;
        for (QGraphicsItem* item : view.scene()->items())
            paths += item->type() == QGraphicsPathItem::Type ? 1 : 0;
        QCOMPARE(paths, graph.edges().size());
    }

    void missingReferenceIsDashed()
    {
        GraphView view;
        const Fixture f = fixture(3);
        view.setApplication(kAppId, kApp, f.desired, f.live, nullptr);
        QTRY_VERIFY(!view.isBusy());
        GraphNodeItem* missing = view.nodeItem(u"ConfigMap/shop/web-env"_s);
        QVERIFY(missing);
        QVERIFY(missing->node().missing);
        QCOMPARE(missing->borderPen().style(), Qt::DashLine);
        GraphNodeItem* present = view.nodeItem(u"ConfigMap/shop/web-config"_s);
        QVERIFY(present);
        QCOMPARE(present->borderPen().style(), Qt::SolidLine);
    }

    void foldsAndExpandsByDoubleClick()
    {
        GraphView view;
        view.resize(1000, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const Fixture f = fixture(12);
        view.setApplication(kAppId, kApp, f.desired, f.live, nullptr);
        QTRY_VERIFY(!view.isBusy());
        QString groupId;
        for (const engine::GraphNode& n : view.graph().nodes()) {
            if (n.type == engine::GraphNode::Type::Group)
                groupId = n.id;
        }
        QVERIFY(!groupId.isEmpty());
        QCOMPARE(view.nodeItem(groupId)->node().members.size(), 12);
        QVERIFY(!view.nodeItem(u"Pod/shop/web-5d8-0"_s));
        const int before = nodeItemCount(view);

        QTest::mouseDClick(view.view()->viewport(), Qt::LeftButton, {}, viewPointOf(view, groupId));
        QTRY_COMPARE(view.layoutCount(), 2);
        QTRY_VERIFY(!view.isBusy());
        QVERIFY(!view.nodeItem(groupId));
        QVERIFY(view.nodeItem(u"Pod/shop/web-5d8-0"_s));
        QVERIFY(view.nodeItem(u"Pod/shop/web-5d8-11"_s));
        QCOMPARE(nodeItemCount(view), before + 11);
    }

    void clickEmitsAndSelectResourceSelects()
    {
        GraphView view;
        view.resize(1000, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const Fixture f = fixture(3);
        view.setApplication(kAppId, kApp, f.desired, f.live, nullptr);
        QTRY_VERIFY(!view.isBusy());
        QSignalSpy activated(&view, &GraphView::resourceActivated);

        const QString serviceId = u"Service/shop/web"_s;
        QVERIFY(view.nodeItem(serviceId));
        view.view()->centerOn(view.nodeItem(serviceId));
        QTest::mouseClick(view.view()->viewport(), Qt::LeftButton, {}, viewPointOf(view, serviceId));
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().first().value<ResourceKey>(), keyOf(service()));
        QVERIFY(view.nodeItem(serviceId)->isSelected());

        // From the tree: selects without echoing a click back.
        QVERIFY(view.selectResource(kube::LiveSnapshot::keyOf(deployment())));
        QVERIFY(view.nodeItem(u"apps/Deployment/shop/web"_s)->isSelected());
        QVERIFY(!view.nodeItem(serviceId)->isSelected());
        QCOMPARE(activated.size(), 1);
        QVERIFY(!view.selectResource(keyOf(json(uR"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"x","namespace":"shop"}})"_s))));
    }

    void statusChangeRecoloursWithoutLayout()
    {
        GraphView view;
        const Fixture f = fixture(3);
        view.setApplication(kAppId, kApp, f.desired, f.live, driftWith(engine::SyncStatus::Synced));
        QTRY_VERIFY(!view.isBusy());
        QCOMPARE(view.layoutCount(), 1);
        GraphNodeItem* item = view.nodeItem(u"apps/Deployment/shop/web"_s);
        QVERIFY(item);
        QCOMPARE(item->node().sync, engine::SyncStatus::Synced);
        const QColor synced = item->statusColor();

        QSignalSpy shown(&view, &GraphView::graphShown);
        view.updateDrift(driftWith(engine::SyncStatus::OutOfSync));
        QTRY_COMPARE(shown.size(), 1);
        QCOMPARE(view.layoutCount(), 1); // no relayout
        QCOMPARE(view.nodeItem(u"apps/Deployment/shop/web"_s), item); // the same item, recoloured
        QCOMPARE(item->node().sync, engine::SyncStatus::OutOfSync);
        QVERIFY(item->statusColor() != synced);
        QVERIFY(item->toolTip().contains(engine::DriftStatus::syncName(engine::SyncStatus::OutOfSync)));
    }

    // The window on the demo: the Graph tab follows the tree, and a node click selects the tree row.
    void windowGraphFollowsTheTree()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        qputenv("XDG_CONFIG_HOME", home.filePath(u"config"_s).toLocal8Bit());
        qputenv("XDG_CACHE_HOME", home.filePath(u"cache"_s).toLocal8Bit());
        qputenv("XDG_DATA_HOME", home.filePath(u"data"_s).toLocal8Bit());
        qputenv("KUBECONFIG", home.filePath(u"no-such-kubeconfig"_s).toLocal8Bit());
        QCoreApplication::setOrganizationName(u"DriftlineTest"_s);
        QCoreApplication::setApplicationName(u"tst_graphview"_s);
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.detailsTabs()->currentWidget(), window.summary()); // the default tab
        window.openDemo(home.filePath(u"demo"_s));
        QTRY_VERIFY_WITH_TIMEOUT(window.isShowingWorkspace(), 20'000);
        QTRY_VERIFY_WITH_TIMEOUT(window.treeModel()->drift(u"staging"_s) != nullptr, 20'000);

        const ResourceKey deploymentKey = keyOf(json(
            uR"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"api","namespace":"shop-staging"}})"_s));
        QVERIFY(window.selectItem(EnvironmentTreeModel::resourceId(u"staging/api"_s, deploymentKey)));
        QVERIFY(window.setDetailsTab(u"graph"_s));
        GraphView* graph = window.graphView();
        QTRY_COMPARE_WITH_TIMEOUT(graph->applicationId(), u"staging/api"_s, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(!graph->isBusy() && graph->layoutCount() > 0, 10'000);
        GraphNodeItem* deployment = graph->nodeItem(engine::ResourceGraph::nodeId(deploymentKey));
        QVERIFY(deployment);
        QTRY_VERIFY(deployment->isSelected()); // tree -> graph

        // graph -> tree: the Service node.
        QString serviceId;
        ResourceKey serviceKey;
        for (const engine::GraphNode& n : graph->graph().nodes()) {
            if (n.kind == u"Service"_s && n.inGit) {
                serviceId = n.id;
                serviceKey = n.key;
            }
        }
        QVERIFY(!serviceId.isEmpty());
        graph->view()->centerOn(graph->nodeItem(serviceId));
        QTest::mouseClick(graph->view()->viewport(), Qt::LeftButton, {}, viewPointOf(*graph, serviceId));
        QTRY_COMPARE(window.treeView()->currentIndex().data(EnvironmentTreeModel::ItemIdRole).toString(),
            EnvironmentTreeModel::resourceId(u"staging/api"_s, serviceKey));
        QVERIFY(graph->nodeItem(serviceId)->isSelected());
    }

    void staleResultsAreDropped()
    {
        GraphView view;
        const Fixture three = fixture(3);
        const Fixture twelve = fixture(12);
        view.setApplication(kAppId, kApp, three.desired, three.live, nullptr);
        view.setApplication(u"staging/other"_s, kApp, twelve.desired, twelve.live, nullptr);
        QTRY_VERIFY(!view.isBusy());
        QCOMPARE(view.applicationId(), u"staging/other"_s);
        QCOMPARE(view.layoutCount(), 1); // results arrive queued: the first one found itself overtaken
        QCOMPARE(nodeItemCount(view), view.graph().nodes().size());
        bool folded = false;
        for (const engine::GraphNode& n : view.graph().nodes())
            folded = folded || n.type == engine::GraphNode::Type::Group;
        QVERIFY(folded);
    }
};

QTEST_MAIN(TestGraphView)
#include "tst_graphview.moc"
