// The resource graph view: a real ResourceGraph and a real Graphviz layout of a
// hand-made application (Deployment → ReplicaSet → Pods, a Service selecting them,
// a ConfigMap it mounts and one it names that exists nowhere), rendered into the
// scene on a worker. Checks one item per node without overlaps, the dashed missing
// node, folding and expanding by double-click, click → resourceActivated, tree →
// selectResource, and a status change recolouring in place without a new layout.
// Then the toolbar and menus: find, the kind and status filters (dimming), the
// node context menu (clipboard, masked Secrets, sync hook), the minimap, the
// keyboard, and PNG and SVG export. At scale: simplification above 1,000 nodes
// (the note, attention nodes kept, summaries expandable), stable relayouts, the
// level of detail, environment graphs and the UI thread's longest stall.
#include "engine/driftstatus.h"
#include "gui/graphitems.h"
#include "gui/graphminimap.h"
#include "gui/applicationsummary.h"
#include "gui/environmenttreemodel.h"
#include "gui/graphview.h"
#include "gui/mainwindow.h"
#include "workspace/workspaceloader.h"
#include "kube/livesnapshot.h"

#include <QClipboard>
#include <QFile>
#include <QElapsedTimer>
#include <QLocale>
#include <QPainter>
#include <QTimer>
#include <QGuiApplication>
#include <QImage>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QXmlStreamReader>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeView>
#include <QTest>

#include <time.h>

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

// "hunter2" in Git, "s3cr3t-live" in the cluster: neither may reach a clipboard.
QJsonObject secret(bool live)
{
    return json(uR"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"db-password","namespace":"shop","uid":"x1"},
        "type":"Opaque","data":{"password":"%1"}})"_s.arg(
        QString::fromLatin1((live ? QByteArrayLiteral("s3cr3t-live") : QByteArrayLiteral("hunter2")).toBase64())));
}

struct Fixture {
    ResourceList desired;
    std::shared_ptr<const kube::LiveSnapshot> live;
};

Fixture fixture(int pods, bool withSecret = false)
{
    Fixture f;
    for (const QJsonObject& o : {deployment(), service(), configMap()})
        f.desired.append(Resource(kube::LiveSnapshot::keyOf(o), o));
    if (withSecret)
        f.desired.append(Resource(kube::LiveSnapshot::keyOf(secret(false)), secret(false)));
    kube::LiveSnapshot::Input input;
    QHash<ResourceKey, QJsonObject> bucket;
    QList<QJsonObject> objects{deployment(), service(), configMap(), replicaSet()};
    if (withSecret)
        objects.append(secret(true));
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

// `deployments` Deployments in Git, each with a live ReplicaSet of `pods` Pods
// ("w<d>-rs-<p>"); every `crashEvery`-th Pod (counting all) crash-loops (0: none).
Fixture largeFixture(int deployments, int pods, int crashEvery)
{
    Fixture f;
    QHash<ResourceKey, QJsonObject> bucket;
    int podNumber = 0;
    for (int d = 0; d < deployments; ++d) {
        const QString name = u"w%1"_s.arg(d);
        const QJsonObject dep = json(uR"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%1",
            "namespace":"shop","uid":"d-%1"},"spec":{"replicas":%2,"selector":{"matchLabels":{"app":"%1"}},
            "template":{"metadata":{"labels":{"app":"%1"}},"spec":{"containers":[{"name":"m","image":"x"}]}}},
            "status":{"observedGeneration":0,"replicas":%2,"updatedReplicas":%2,"availableReplicas":%2,
            "readyReplicas":%2}})"_s.arg(name).arg(pods));
        f.desired.append(Resource(kube::LiveSnapshot::keyOf(dep), dep));
        bucket.insert(kube::LiveSnapshot::keyOf(dep), dep);
        const QJsonObject rs = json(uR"({"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"%1-rs",
            "namespace":"shop","uid":"r-%1","ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment",
            "name":"%1","uid":"d-%1","controller":true}]},"spec":{"replicas":%2}})"_s.arg(name).arg(pods));
        bucket.insert(kube::LiveSnapshot::keyOf(rs), rs);
        for (int p = 0; p < pods; ++p, ++podNumber) {
            const bool crashing = crashEvery > 0 && podNumber % crashEvery == 0;
            const QString status = crashing
                ? uR"({"phase":"Running","containerStatuses":[{"name":"m","ready":false,
                     "state":{"waiting":{"reason":"CrashLoopBackOff"}}}]})"_s
                : uR"({"phase":"Running","conditions":[{"type":"Ready","status":"True"}]})"_s;
            const QJsonObject pod = json(uR"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"%1-rs-%2",
                "namespace":"shop","uid":"p-%1-%2","labels":{"app":"%1"},"ownerReferences":[{"apiVersion":"apps/v1",
                "kind":"ReplicaSet","name":"%1-rs","uid":"r-%1","controller":true}]},
                "spec":{"containers":[{"name":"m","image":"x"}]},"status":%3})"_s.arg(name).arg(p).arg(status));
            bucket.insert(kube::LiveSnapshot::keyOf(pod), pod);
        }
    }
    kube::LiveSnapshot::Input input;
    input.buckets.insert(u"all"_s, bucket);
    for (const Resource& r : f.desired)
        input.desiredKeys.insert(r.key());
    input.complete = true;
    f.live = kube::LiveSnapshot::build(input);
    return f;
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

// CPU time of the calling thread: unlike the wall clock, not stretched when other
// processes take the cores.
qint64 threadCpuMs()
{
#ifdef Q_OS_UNIX
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1'000'000;
#else
    QElapsedTimer t;
    t.start();
    return t.msecsSinceReference();
#endif
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
            paths += item->type() == GraphEdgeItem::Type ? 1 : 0;
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
        QVERIFY2(missing->toolTip().contains(u"ConfigMap web-env"_s), qPrintable(missing->toolTip()));
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

    void findSelectsCentresAndCounts()
    {
        GraphView view;
        view.resize(500, 350);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const Fixture f = fixture(3);
        view.setApplication(kAppId, kApp, f.desired, f.live, nullptr);
        QTRY_VERIFY(!view.isBusy());
        QSignalSpy activated(&view, &GraphView::resourceActivated);
        view.zoomBy(1.5); // so the view scrolls and centring shows

        // The ReplicaSet web-5d8 and its Pods web-5d8-0..2.
        view.setFindText(u"5D8"_s);
        QCOMPARE(view.findField()->text(), u"5D8"_s);
        QCOMPARE(view.findMatchCount(), 4);
        QCOMPARE(view.findCurrentIndex(), 0);
        QCOMPARE(view.findStatusText(), GraphView::tr("%1 of %2").arg(1).arg(4));
        // Left to right: the ReplicaSet comes before its Pods.
        GraphNodeItem* first = view.nodeItem(u"apps/ReplicaSet/shop/web-5d8"_s);
        QVERIFY(first);
        QVERIFY(first->isSelected());
        const QPointF centre = view.view()->mapToScene(view.view()->viewport()->rect().center());
        QVERIFY2(first->sceneBoundingRect().contains(centre),
            qPrintable(u"centre %1,%2"_s.arg(centre.x()).arg(centre.y())));

        QSet<QString> seen{first->node().id};
        for (int i = 1; i < 4; ++i) {
            QVERIFY(view.findNext());
            QCOMPARE(view.findCurrentIndex(), i);
            const QList<QGraphicsItem*> selected = view.scene()->selectedItems();
            QCOMPARE(selected.size(), 1);
            const auto* item = static_cast<GraphNodeItem*>(selected.first());
            QVERIFY(item->node().name.contains(u"5d8"_s));
            seen.insert(item->node().id);
        }
        QCOMPARE(seen.size(), 4);
        QVERIFY(view.findNext()); // wraps
        QCOMPARE(view.findCurrentIndex(), 0);
        QVERIFY(view.findPrevious());
        QCOMPARE(view.findCurrentIndex(), 3);
        QCOMPARE(activated.size(), 0); // finding is not a click: the tree stays where it is

        const QColor normalBase = view.findField()->palette().color(QPalette::Base);
        view.setFindText(u"no-such-node"_s);
        QCOMPARE(view.findMatchCount(), 0);
        QCOMPARE(view.findCurrentIndex(), -1);
        QCOMPARE(view.findStatusText(), GraphView::tr("No match"));
        QVERIFY(!view.findNext());
        const QColor noMatchBase = view.findField()->palette().color(QPalette::Base);
        QVERIFY(noMatchBase != normalBase);
        QVERIFY(noMatchBase.red() > noMatchBase.green());

        // Ctrl+F from the canvas focuses the field.
        view.findField()->clear();
        QCOMPARE(view.findField()->palette().color(QPalette::Base), normalBase);
        view.activateWindow();
        view.view()->setFocus();
        QTRY_VERIFY(view.view()->hasFocus());
        QTest::keyClick(view.view(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(view.findField()->hasFocus());
        // Enter in the field: the next match.
        QTest::keyClicks(view.findField(), u"web-5d8-"_s);
        QCOMPARE(view.findMatchCount(), 3);
        QTest::keyClick(view.findField(), Qt::Key_Return);
        QCOMPARE(view.findCurrentIndex(), 1);
    }

    void filterDimsTheRightNodes()
    {
        GraphView view;
        const Fixture f = fixture(3);
        view.setApplication(kAppId, kApp, f.desired, f.live, driftWith(engine::SyncStatus::OutOfSync));
        QTRY_VERIFY(!view.isBusy());
        const engine::ResourceGraph& graph = view.graph();
        QVERIFY(view.kindsPresent().contains(u"Pod"_s));
        QVERIFY(view.kindsPresent().contains(u"Deployment"_s));
        QVERIFY(!view.kindsPresent().contains(u"Application"_s));
        for (const engine::GraphNode& n : graph.nodes())
            QVERIFY2(!view.isDimmed(n.id), qPrintable(n.id));

        // Kind: Pods out. Exactly the Pods are dimmed, and exactly the edges touching one.
        view.setHiddenKinds({u"Pod"_s});
        int pods = 0;
        for (const engine::GraphNode& n : graph.nodes()) {
            QCOMPARE(view.isDimmed(n.id), n.kind == u"Pod"_s);
            pods += n.kind == u"Pod"_s ? 1 : 0;
        }
        QCOMPARE(pods, 3);
        const auto isPod = [&](const QString& id) { return view.nodeItem(id)->node().kind == u"Pod"_s; };
        int podEdges = 0;
        for (const engine::GraphEdge& e : graph.edges())
            podEdges += isPod(e.from) || isPod(e.to) ? 1 : 0;
        QVERIFY(podEdges >= 3); // owned by the ReplicaSet, selected by the Service
        int dimmedPaths = 0;
        int paths = 0;
        for (QGraphicsItem* item : view.scene()->items()) {
            if (item->type() == GraphEdgeItem::Type) {
                ++paths;
                dimmedPaths += item->opacity() < 1.0 ? 1 : 0;
            }
        }
        QCOMPARE(paths, graph.edges().size());
        QCOMPARE(dimmedPaths, podEdges);
        // Nothing moved: dimming is not a relayout.
        QCOMPARE(view.layoutCount(), 1);
        QCOMPARE(nodeItemCount(view), graph.nodes().size());

        // Status: only OutOfSync (the Deployment), on top of no kind filter.
        view.setHiddenKinds({});
        view.setStatusFilter({u"OutOfSync"_s});
        for (const engine::GraphNode& n : graph.nodes()) {
            const bool keep = n.type == engine::GraphNode::Type::Application || n.id == u"apps/Deployment/shop/web"_s;
            QVERIFY2(view.isDimmed(n.id) == !keep, qPrintable(n.id));
        }
        // Missing: the ConfigMap nobody has.
        view.setStatusFilter({u"Missing"_s});
        QVERIFY(!view.isDimmed(u"ConfigMap/shop/web-env"_s));
        QVERIFY(view.isDimmed(u"ConfigMap/shop/web-config"_s));
        // A recolour re-applies the filter: the Deployment back in sync leaves OutOfSync.
        view.setStatusFilter({u"OutOfSync"_s});
        QVERIFY(!view.isDimmed(u"apps/Deployment/shop/web"_s));
        QSignalSpy shown(&view, &GraphView::graphShown);
        view.updateDrift(driftWith(engine::SyncStatus::Synced));
        QTRY_COMPARE(shown.size(), 1);
        QCOMPARE(view.layoutCount(), 1);
        QVERIFY(view.isDimmed(u"apps/Deployment/shop/web"_s));
        view.setStatusFilter({});
        for (const engine::GraphNode& n : graph.nodes())
            QVERIFY2(!view.isDimmed(n.id), qPrintable(n.id));

        // The toolbar's menu: one checked action per kind present; unchecking one dims it.
        auto* menu = view.findChild<QMenu*>(u"graphFilterMenu"_s);
        QVERIFY(menu);
        emit menu->aboutToShow();
        QAction* podAction = nullptr;
        for (QAction* action : menu->actions()) {
            if (action->text() == u"Pod"_s)
                podAction = action;
        }
        QVERIFY(podAction);
        QVERIFY(podAction->isCheckable() && podAction->isChecked());
        podAction->setChecked(false);
        QCOMPARE(view.hiddenKinds(), QSet<QString>{u"Pod"_s});
        QVERIFY(view.isDimmed(u"Pod/shop/web-5d8-0"_s));
        QVERIFY(!view.isDimmed(u"apps/ReplicaSet/shop/web-5d8"_s));
    }

    // "Show Only Its Neighbours": the selection graph of one node, then the whole graph again.
    void focusShowsANodeAndItsNeighbours()
    {
        GraphView view;
        const Fixture f = fixture(3, true);
        view.setApplication(kAppId, kApp, f.desired, f.live, nullptr);
        QTRY_VERIFY(!view.isBusy());
        const int whole = int(view.graph().nodes().size());
        const QString serviceId = u"Service/shop/web"_s;
        QVERIFY(view.graph().node(serviceId));
        QSet<QString> expected {serviceId};
        for (const engine::GraphEdge& e : view.graph().edges()) {
            if (e.from == serviceId)
                expected.insert(e.to);
            if (e.to == serviceId)
                expected.insert(e.from);
        }
        QVERIFY(expected.size() < whole);

        std::unique_ptr<QMenu> menu(view.createContextMenu(serviceId));
        QAction* focus = menu->findChild<QAction*>(u"graphFocusAction"_s);
        QVERIFY(focus && focus->isEnabled());
        focus->trigger();
        QTRY_VERIFY(!view.isBusy() && view.focusedNode() == serviceId);
        QTRY_COMPARE(int(view.graph().nodes().size()), int(expected.size()));
        for (const engine::GraphNode& n : view.graph().nodes())
            QVERIFY2(expected.contains(n.id), qPrintable(n.id));
        QCOMPARE(view.scene()->items().isEmpty(), false);
        QVERIFY(view.simplificationText().contains(u"Service/shop/web"_s));

        std::unique_ptr<QMenu> again(view.createContextMenu(serviceId));
        QAction* showAll = again->findChild<QAction*>(u"graphWholeAction"_s);
        QVERIFY(showAll);
        showAll->trigger();
        QTRY_VERIFY(!view.isBusy());
        QTRY_COMPARE(int(view.graph().nodes().size()), whole);
        QVERIFY(view.focusedNode().isEmpty());
        QVERIFY(view.simplificationText().isEmpty());
    }

    void contextMenuActions()
    {
        GraphView view;
        const Fixture f = fixture(3, true);
        view.setApplication(kAppId, kApp, f.desired, f.live, nullptr);
        QTRY_VERIFY(!view.isBusy());
        QSignalSpy activated(&view, &GraphView::resourceActivated);
        QSignalSpy sync(&view, &GraphView::syncRequested);

        const QString serviceId = u"Service/shop/web"_s;
        std::unique_ptr<QMenu> menu(view.createContextMenu(serviceId));
        QVERIFY(menu);
        QVERIFY(!menu->findChild<QAction*>(u"graphSyncAction"_s)); // not before the lead enables it
        auto* showDiff = menu->findChild<QAction*>(u"graphShowDiffAction"_s);
        auto* copyName = menu->findChild<QAction*>(u"graphCopyNameAction"_s);
        auto* copyYaml = menu->findChild<QAction*>(u"graphCopyYamlAction"_s);
        QVERIFY(showDiff && copyName && copyYaml);
        showDiff->trigger();
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().first().value<ResourceKey>(), keyOf(service()));
        copyName->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), u"Service/shop/web"_s);
        copyYaml->trigger();
        const QString serviceYaml = QGuiApplication::clipboard()->text();
        QVERIFY2(serviceYaml.contains(u"kind: Service"_s) && serviceYaml.contains(u"name: web"_s), qPrintable(serviceYaml));

        // A Secret: its name, never its values (live, nor Git's).
        const QString secretId = u"Secret/shop/db-password"_s;
        QVERIFY(view.nodeItem(secretId));
        menu.reset(view.createContextMenu(secretId));
        menu->findChild<QAction*>(u"graphCopyYamlAction"_s)->trigger();
        const QString secretYaml = QGuiApplication::clipboard()->text();
        QVERIFY2(secretYaml.contains(u"name: db-password"_s) && secretYaml.contains(u"password:"_s), qPrintable(secretYaml));
        for (const QByteArray& value : {QByteArrayLiteral("s3cr3t-live"), QByteArrayLiteral("hunter2")}) {
            QVERIFY2(!secretYaml.contains(QString::fromLatin1(value)), qPrintable(secretYaml));
            QVERIFY2(!secretYaml.contains(QString::fromLatin1(value.toBase64())), qPrintable(secretYaml));
        }

        // The missing ConfigMap: a name, but no YAML to copy.
        menu.reset(view.createContextMenu(u"ConfigMap/shop/web-env"_s));
        QVERIFY(!menu->findChild<QAction*>(u"graphCopyYamlAction"_s)->isEnabled());
        QVERIFY(view.yamlText(u"ConfigMap/shop/web-env"_s).isEmpty());
        QVERIFY(!view.createContextMenu(u"no/such/node"_s));

        view.setSyncEnabled(true);
        menu.reset(view.createContextMenu(u"apps/Deployment/shop/web"_s));
        auto* syncAction = menu->findChild<QAction*>(u"graphSyncAction"_s);
        QVERIFY(syncAction);
        QVERIFY(syncAction->isEnabled());
        syncAction->trigger();
        QCOMPARE(sync.size(), 1);
        QCOMPARE(sync.first().first().value<ResourceKey>(), keyOf(deployment()));
        // Only objects in Git can be synced: not a live-only ReplicaSet.
        menu.reset(view.createContextMenu(u"apps/ReplicaSet/shop/web-5d8"_s));
        QVERIFY(!menu->findChild<QAction*>(u"graphSyncAction"_s)->isEnabled());
    }

    void minimapOnLargeGraphsOnly()
    {
        {
            GraphView small;
            small.resize(1400, 900);
            small.show();
            QVERIFY(QTest::qWaitForWindowExposed(&small));
            const Fixture f = fixture(3);
            small.setApplication(kAppId, kApp, f.desired, f.live, nullptr);
            QTRY_VERIFY(!small.isBusy());
            QVERIFY(small.minimap());
            QVERIFY(!small.minimap()->isVisible());
        }
        GraphView view;
        view.resize(600, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const Fixture f = fixture(30);
        view.setApplication(kAppId, kApp, f.desired, f.live, nullptr);
        QTRY_VERIFY(!view.isBusy());
        QString groupId;
        for (const engine::GraphNode& n : view.graph().nodes()) {
            if (n.type == engine::GraphNode::Type::Group)
                groupId = n.id;
        }
        QVERIFY(!groupId.isEmpty());
        view.expandGroup(groupId);
        QTRY_COMPARE(view.layoutCount(), 2);
        QTRY_VERIFY(!view.isBusy());
        GraphMinimap* minimap = view.minimap();
        QTRY_VERIFY(minimap->isVisible());
        QVERIFY(minimap->width() <= 202 && minimap->height() <= 132);

        // Painting renders the scene once; scrolling only moves the outline.
        minimap->repaint();
        const int renders = minimap->renderCount();
        QVERIFY(renders >= 1);
        view.view()->verticalScrollBar()->setValue(view.view()->verticalScrollBar()->maximum());
        minimap->repaint();
        QCOMPARE(minimap->renderCount(), renders);

        // A click near the minimap's top-left corner brings that corner of the scene into view.
        const QPointF target = view.scene()->sceneRect().topLeft() + QPointF(60, 40);
        const QPointF before = view.view()->mapToScene(view.view()->viewport()->rect().center());
        QVERIFY(!minimap->visibleSceneRect().contains(target));
        QTest::mouseClick(minimap, Qt::LeftButton, {}, minimap->fromScene(target).toPoint());
        const QPointF after = view.view()->mapToScene(view.view()->viewport()->rect().center());
        QVERIFY(after != before);
        QVERIFY2(minimap->visibleSceneRect().contains(target),
            qPrintable(u"target %1,%2 after %3,%4"_s.arg(target.x()).arg(target.y()).arg(after.x()).arg(after.y())));

        // Fit: everything shows, and the minimap goes away.
        view.fitToView();
        QTRY_VERIFY(!minimap->isVisible()); // once the scroll bars have gone
    }

    void keyboardZoomsFitsAndPans()
    {
        GraphView view;
        view.resize(500, 350);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const Fixture f = fixture(3);
        view.setApplication(kAppId, kApp, f.desired, f.live, nullptr);
        QTRY_VERIFY(!view.isBusy());
        QGraphicsView* canvas = view.view();
        canvas->setFocus();
        const qreal start = canvas->transform().m11();
        QTest::keyClick(canvas, Qt::Key_Plus);
        QVERIFY(canvas->transform().m11() > start);
        QTest::keyClick(canvas, Qt::Key_Minus);
        QTest::keyClick(canvas, Qt::Key_Minus);
        QVERIFY(canvas->transform().m11() < start);
        QTest::keyClick(canvas, Qt::Key_Plus);
        QTest::keyClick(canvas, Qt::Key_Plus);
        QTest::keyClick(canvas, Qt::Key_Plus);
        QScrollBar* horizontal = canvas->horizontalScrollBar();
        QVERIFY(horizontal->maximum() > 0);
        horizontal->setValue(0);
        QTest::keyClick(canvas, Qt::Key_Right);
        QVERIFY(horizontal->value() > 0);
        QTest::keyClick(canvas, Qt::Key_Left);
        QCOMPARE(horizontal->value(), 0);
        QTest::keyClick(canvas, Qt::Key_0);
        const QRectF visible = canvas->mapToScene(canvas->viewport()->rect()).boundingRect();
        QVERIFY(visible.adjusted(-1, -1, 1, 1).contains(view.scene()->sceneRect()));
    }

    void exportSvgHoldsEveryNode()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        GraphView view;
        const QString path = dir.filePath(u"web.svg"_s);
        QVERIFY(!view.exportSvg(path).result().has_value()); // nothing to export yet
        const Fixture f = fixture(12);
        view.setApplication(kAppId, kApp, f.desired, f.live, driftWith(engine::SyncStatus::OutOfSync));
        QTRY_VERIFY(!view.isBusy());
        const driftline::Result<void> written = view.exportSvg(path).result();
        QVERIFY2(written.has_value(), written ? "" : qPrintable(written.error().toString()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        QString text;
        int nodeGroups = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isCharacters())
                text += xml.text() + u'\n';
            if (xml.isStartElement() && xml.name() == u"g" && xml.attributes().value(u"class"_s) == u"node")
                ++nodeGroups;
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(nodeGroups, view.graph().nodes().size());
        for (const engine::GraphNode& n : view.graph().nodes())
            QVERIFY2(text.contains(n.name), qPrintable(n.name)); // the folded group's "12 Pods" too

        // Unwritable: an error naming the file.
        const driftline::Result<void> failed = view.exportSvg(dir.filePath(u"no/such/folder/web.svg"_s)).result();
        QVERIFY(!failed.has_value());
        QVERIFY(!failed ? failed.error().toString().contains(u"web.svg"_s) : false);
    }

    void exportPngIsThePicture()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        GraphView view;
        const Fixture f = fixture(3);
        view.setApplication(kAppId, kApp, f.desired, f.live, driftWith(engine::SyncStatus::OutOfSync));
        QTRY_VERIFY(!view.isBusy());
        const QString path = dir.filePath(u"web.png"_s);
        const driftline::Result<void> written = view.exportPng(path, 2.0);
        QVERIFY2(written.has_value(), written ? "" : qPrintable(written.error().toString()));
        QImage image;
        QVERIFY(image.load(path, "PNG"));
        QCOMPARE(image.size(), (view.scene()->sceneRect().size() * 2.0).toSize());
        // White background, and a drawing on it: many non-white pixels, some of them the
        // status stripe's colours.
        QCOMPARE(image.pixelColor(0, 0), QColor(Qt::white));
        int ink = 0;
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 2) {
            for (int x = 0; x < image.width(); x += 2) {
                const QRgb pixel = image.pixel(x, y);
                if (pixel != qRgb(255, 255, 255))
                    ++ink;
                colours.insert(pixel);
            }
        }
        QVERIFY2(ink > 1000, qPrintable(QString::number(ink)));
        QVERIFY(colours.size() > 10); // antialiased text and coloured badges, not one flat fill
        QVERIFY(!view.exportPng(dir.filePath(u"no/such/folder/web.png"_s)).has_value());
    }

    // Above ResourceGraph::DefaultMaxNodes the worker simplifies; the note says so,
    // every crash-looping Pod stays a node of its own, and creating ~1,600 items in
    // slices keeps a 5 ms timer on the UI thread ticking.
    void largeGraphIsSimplifiedWithoutStalling()
    {
        GraphView view;
        view.resize(1000, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const Fixture f = largeFixture(400, 3, 50);
        // Two clocks: the wall clock (what a user feels) and the UI thread's own CPU
        // time between ticks, which other processes on a loaded machine cannot stretch.
        QElapsedTimer since;
        qint64 longest = 0;
        qint64 lastCpu = threadCpuMs();
        qint64 longestCpu = 0;
        QTimer probe;
        probe.setInterval(5);
        connect(&probe, &QTimer::timeout, &view, [&] {
            longest = std::max(longest, since.restart());
            const qint64 cpu = threadCpuMs();
            longestCpu = std::max(longestCpu, cpu - lastCpu);
            lastCpu = cpu;
        });
        since.start();
        probe.start();
        view.setApplication(kAppId, kApp, f.desired, f.live, nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), 30'000);
        QTest::qWait(20); // the first paint of the new scene falls inside the probe too
        probe.stop();
        QVERIFY2(longestCpu < 100 && longest < 300,
            qPrintable(u"longest UI-thread gap %1 ms of CPU, %2 ms of wall time"_s.arg(longestCpu).arg(longest)));

        QVERIFY2(view.resourceCount() >= 1 + 400 * 5, qPrintable(QString::number(view.resourceCount())));
        QVERIFY(view.isSimplified());
        QVERIFY2(view.nodesShown() <= engine::ResourceGraph::DefaultMaxNodes, qPrintable(QString::number(view.nodesShown())));
        QCOMPARE(nodeItemCount(view), view.graph().nodes().size());
        QVERIFY2(view.simplificationText().contains(u"Simplified"_s), qPrintable(view.simplificationText()));
        QVERIFY(view.simplificationText().contains(QLocale().toString(view.nodesShown())));
        int degraded = 0;
        for (int i = 0; i < 400 * 3; i += 50) {
            const QString podId = u"Pod/shop/w%1-rs-%2"_s.arg(i / 3).arg(i % 3);
            GraphNodeItem* item = view.nodeItem(podId);
            QVERIFY2(item, qPrintable(podId));
            QCOMPARE(item->node().health, engine::Health::Status::Degraded);
            ++degraded;
        }
        QCOMPARE(degraded, 24);
        // So many edges draw without antialiasing (see levelOfDetailFollowsTheScale for small graphs).
        for (QGraphicsItem* item : view.scene()->items()) {
            if (item->type() == GraphEdgeItem::Type)
                QVERIFY(!static_cast<GraphEdgeItem*>(item)->isAntialiased());
        }

        // A small graph afterwards: no note.
        const Fixture small = fixture(3);
        view.setApplication(u"staging/small"_s, kApp, small.desired, small.live, nullptr);
        QTRY_VERIFY(!view.isBusy());
        QVERIFY(!view.isSimplified());
        QVERIFY(view.simplificationText().isEmpty());
    }

    void summaryExpandsAndStandsForHiddenResources()
    {
        GraphView view;
        view.resize(1000, 700);
        const Fixture f = largeFixture(400, 3, 0);
        view.setApplication(kAppId, kApp, f.desired, f.live, nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), 30'000);
        QString summaryId;
        for (const engine::GraphNode& n : view.graph().nodes()) {
            if (n.id.startsWith(u"summary:"_s) && n.type == engine::GraphNode::Type::Group) {
                summaryId = n.id;
                break;
            }
        }
        QVERIFY(!summaryId.isEmpty());
        const QStringList members = view.nodeItem(summaryId)->node().members;
        QString replicaSetId;
        QString podId;
        for (const QString& m : members) {
            if (m.startsWith(u"apps/ReplicaSet/"_s))
                replicaSetId = m;
            if (m.startsWith(u"Pod/"_s))
                podId = m;
        }
        QVERIFY2(!replicaSetId.isEmpty() && !podId.isEmpty(), qPrintable(members.join(u", "_s)));
        QVERIFY(!view.nodeItem(replicaSetId));

        // A hidden Pod selects the summary showing it, as the tree asks for it.
        const ResourceKey podKey = keyOf(json(uR"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"%1","namespace":"shop"}})"_s
                                                  .arg(podId.section(u'/', -1))));
        QVERIFY(view.selectResource(podKey));
        QVERIFY(view.nodeItem(summaryId)->isSelected());

        // Expand from the node's menu, as a user would.
        std::unique_ptr<QMenu> menu(view.createContextMenu(summaryId));
        QVERIFY(menu);
        auto* expand = menu->findChild<QAction*>(u"graphExpandAction"_s);
        QVERIFY(expand);
        expand->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(view.layoutCount(), 2, 30'000);
        QTRY_VERIFY(!view.isBusy());
        QVERIFY(!view.nodeItem(summaryId));
        QVERIFY2(view.nodeItem(replicaSetId), qPrintable(replicaSetId));
        QVERIFY(view.selectResource(podKey));
        QVERIFY(view.nodeItem(engine::ResourceGraph::nodeShowing(view.graph(), podKey))->isSelected());
        QVERIFY(engine::ResourceGraph::nodeShowing(view.graph(), podKey) != summaryId);
    }

    // One more Pod: a relayout that leaves the other nodes about where they were, and
    // the view at the same zoom and centre.
    void relayoutKeepsUnchangedNodesInPlace()
    {
        GraphView view;
        view.resize(1000, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const Fixture three = fixture(3);
        view.setApplication(kAppId, kApp, three.desired, three.live, nullptr);
        QTRY_VERIFY(!view.isBusy());
        QCOMPARE(view.layoutCount(), 1);
        QHash<QString, QPointF> before;
        for (const engine::GraphNode& n : view.graph().nodes())
            before.insert(n.id, view.nodeItem(n.id)->sceneBoundingRect().center());
        // Zoomed in far enough to scroll both ways: a scene that fits is centred by Qt.
        for (int i = 0; i < 6; ++i)
            view.zoomBy(1.2);
        view.view()->centerOn(view.nodeItem(u"apps/Deployment/shop/web"_s));
        const QTransform zoom = view.view()->transform();
        const QPointF centre = view.view()->mapToScene(view.view()->viewport()->rect().center());

        const Fixture four = fixture(4);
        view.setApplication(kAppId, kApp, four.desired, four.live, nullptr);
        QTRY_COMPARE(view.layoutCount(), 2);
        QTRY_VERIFY(!view.isBusy());
        QVERIFY(view.nodeItem(u"Pod/shop/web-5d8-3"_s));
        QList<double> moves;
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            GraphNodeItem* item = view.nodeItem(it.key());
            QVERIFY2(item, qPrintable(it.key()));
            const QPointF d = item->sceneBoundingRect().center() - it.value();
            moves.append(std::hypot(d.x(), d.y()));
        }
        std::sort(moves.begin(), moves.end());
        const double median = moves.at(moves.size() / 2);
        QVERIFY2(median < 15, qPrintable(u"median move %1 pt"_s.arg(median)));
        QCOMPARE(view.view()->transform(), zoom);
        const QPointF now = view.view()->mapToScene(view.view()->viewport()->rect().center());
        // Within the same bound as the nodes (the scroll range of the new scene may clamp a little).
        QVERIFY2(QLineF(now, centre).length() < 15, qPrintable(u"centre moved by %1"_s.arg(QLineF(now, centre).length())));
    }

    // Far out, nodes and edges paint without text, icons and arrow heads; close up, with them.
    void levelOfDetailFollowsTheScale()
    {
        GraphView view;
        const Fixture f = fixture(3);
        view.setApplication(kAppId, kApp, f.desired, f.live, nullptr);
        QTRY_VERIFY(!view.isBusy());
        GraphNodeItem* node = view.nodeItem(u"apps/Deployment/shop/web"_s);
        QVERIFY(node);
        GraphEdgeItem* edge = nullptr;
        for (QGraphicsItem* item : view.scene()->items()) {
            if (item->type() == GraphEdgeItem::Type)
                edge = static_cast<GraphEdgeItem*>(item);
        }
        QVERIFY(edge);
        const QRectF source = view.scene()->sceneRect();
        const auto render = [&](double scale) {
            QImage image((source.size() * scale).toSize().expandedTo(QSize(1, 1)), QImage::Format_ARGB32_Premultiplied);
            image.fill(Qt::white);
            QPainter painter(&image);
            view.scene()->render(&painter, QRectF(QPointF(0, 0), source.size() * scale), source);
        };
        render(0.2);
        QVERIFY(!node->lastPaintDetailed());
        QVERIFY(!edge->lastPaintDetailed());
        render(1.0);
        QVERIFY(node->lastPaintDetailed());
        QVERIFY(edge->lastPaintDetailed());
        QVERIFY(edge->boundingRect().contains(edge->geometry().curve.boundingRect()));
        QVERIFY(!edge->geometry().coarse.isEmpty());
        QVERIFY(edge->isAntialiased()); // a small graph keeps smooth edges
    }

    // Two applications of one environment beneath the environment's root; a click on
    // a node names the application it belongs to.
    void environmentGraphShowsBothApplications()
    {
        GraphView view;
        view.resize(1000, 700);
        const Fixture web = fixture(3);
        const QJsonObject api = json(uR"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"api",
            "namespace":"shop","uid":"d2"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"api"}},
            "template":{"metadata":{"labels":{"app":"api"}},"spec":{"containers":[{"name":"api","image":"api"}]}}}})"_s);
        QList<ApplicationGraphInput> apps{{kAppId, kApp, web.desired},
            {u"staging/api"_s, u"api"_s, ResourceList{Resource(kube::LiveSnapshot::keyOf(api), api)}}};
        view.setEnvironment(u"staging"_s, apps, web.live, nullptr);
        QTRY_VERIFY(!view.isBusy());
        QVERIFY(view.applicationId().isEmpty());
        QCOMPARE(view.environment(), u"staging"_s);
        QCOMPARE(view.graph().rootId(), engine::ResourceGraph::environmentNodeId(u"staging"_s));
        QVERIFY(view.nodeItem(engine::ResourceGraph::environmentNodeId(u"staging"_s)));
        QVERIFY(view.nodeItem(u"app:web"_s));
        QVERIFY(view.nodeItem(u"app:api"_s));
        const QString webId = u"apps/Deployment/shop/web"_s;
        const QString apiId = u"apps/Deployment/shop/api"_s;
        QVERIFY(view.nodeItem(webId));
        QVERIFY(view.nodeItem(apiId));
        QCOMPARE(view.applicationOf(webId), kAppId);
        QCOMPARE(view.applicationOf(u"apps/ReplicaSet/shop/web-5d8"_s), kAppId); // through the Deployment
        QCOMPARE(view.applicationOf(apiId), u"staging/api"_s);

        QSignalSpy activated(&view, &GraphView::resourceActivated);
        QSignalSpy inApplication(&view, &GraphView::resourceActivatedInApplication);
        view.nodeItem(apiId)->setSelected(true);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(inApplication.size(), 1);
        QCOMPARE(inApplication.first().at(0).toString(), u"staging/api"_s);
        QCOMPARE(inApplication.first().at(1).value<ResourceKey>(), keyOf(api));

        // Back to one application: the environment is forgotten.
        view.setApplication(kAppId, kApp, web.desired, web.live, nullptr);
        QTRY_VERIFY(!view.isBusy());
        QVERIFY(view.environment().isEmpty());
        QVERIFY(!view.nodeItem(u"app:api"_s));
        QCOMPARE(view.applicationOf(webId), kAppId);
    }
};

QTEST_MAIN(TestGraphView)
#include "tst_graphview.moc"
