// `driftline-bench graph`: see graphbench.h. The 5,000 objects are a LiveSnapshot
// built in memory rather than served by the sandbox: the view reads snapshots,
// never the wire, and loading 5,000 objects through the sandbox would time the
// sandbox (`driftline-bench cluster` does that) instead of the graph.
#include "graphbench.h"

#include "benchsupport.h"
#include "engine/graphlayout.h"
#include "engine/resourcegraph.h"
#include "gui/graphview.h"
#include "kube/livesnapshot.h"
#include "kube/trackingid.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QGraphicsView>
#include <QImage>
#include <QJsonArray>
#include <QPainter>
#include <QProcess>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace driftline::bench {

namespace {

QTextStream& out()
{
    static QTextStream s(stdout);
    return s;
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return -1.0;
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

QString msText(double v)
{
    return QString::number(v, 'f', v < 10 ? 1 : 0) + u" ms"_s;
}

const QString Namespace = u"bench"_s;

QJsonObject object(const QString& apiVersion, const QString& kind, const QString& name, QJsonObject metadata,
    const QJsonObject& rest = {})
{
    QJsonObject o = rest;
    o.insert(u"apiVersion"_s, apiVersion);
    o.insert(u"kind"_s, kind);
    metadata.insert(u"name"_s, name);
    metadata.insert(u"namespace"_s, Namespace);
    o.insert(u"metadata"_s, metadata);
    return o;
}

QJsonObject ownerRef(const QString& kind, const QString& name, const QString& uid)
{
    return {{u"apiVersion"_s, u"apps/v1"_s}, {u"kind"_s, kind}, {u"name"_s, name}, {u"uid"_s, uid},
        {u"controller"_s, true}};
}

// One generated application: the objects in Git, and a snapshot of them live with
// their ReplicaSets and Pods.
struct Application {
    QString name;
    ResourceList desired;
    std::shared_ptr<const kube::LiveSnapshot> live;
    int liveObjects = 0;
};

struct Shape {
    int workloads = 40;
    int podsPerWorkload = 120;
    bool ingresses = true;
    int failingEvery = 0;       // every n-th Pod crash-loops (0: none)
    int networkPolicies = 0;    // each selects one of 8 shards of the workloads
    bool serviceAccount = false; // one ServiceAccount every Deployment runs as
};

Application generate(const QString& name, const Shape& shape)
{
    Application app;
    app.name = name;
    QHash<ResourceKey, QJsonObject> bucket;
    const auto put = [&](const QJsonObject& o, bool inGit) {
        const ResourceKey key = kube::LiveSnapshot::keyOf(o);
        if (inGit) {
            app.desired.append(Resource(key, o));
            bucket.insert(key, kube::TrackingId::annotated(o, name, key));
        } else {
            bucket.insert(key, o);
        }
    };
    const QJsonObject readyPod {{u"phase"_s, u"Running"_s},
        {u"conditions"_s, QJsonArray {QJsonObject {{u"type"_s, u"Ready"_s}, {u"status"_s, u"True"_s}}}}};
    const QJsonObject crashingPod {{u"phase"_s, u"Running"_s},
        {u"containerStatuses"_s, QJsonArray {QJsonObject {{u"name"_s, u"main"_s}, {u"ready"_s, false},
            {u"state"_s, QJsonObject {{u"waiting"_s, QJsonObject {{u"reason"_s, u"CrashLoopBackOff"_s}}}}}}}}};
    int podNumber = 0;
    for (int w = 0; w < shape.workloads; ++w) {
        const QString workload = u"svc-%1"_s.arg(w, 3, 10, QChar(u'0'));
        const QString depUid = u"uid-dep-"_s + workload;
        const QString rsName = workload + u"-7d9f"_s;
        const QString rsUid = u"uid-rs-"_s + workload;
        const QJsonObject labels {{u"app"_s, workload}, {u"shard"_s, u"s%1"_s.arg(w % 8)}};
        QJsonObject podSpec {{u"containers"_s, QJsonArray {QJsonObject {{u"name"_s, u"main"_s},
            {u"envFrom"_s, QJsonArray {QJsonObject {{u"configMapRef"_s, QJsonObject {{u"name"_s, workload}}}}}}}}}};
        if (shape.serviceAccount)
            podSpec.insert(u"serviceAccountName"_s, u"runner"_s);
        const QJsonObject tmpl {{u"metadata"_s, QJsonObject {{u"labels"_s, labels}}}, {u"spec"_s, podSpec}};
        put(object(u"apps/v1"_s, u"Deployment"_s, workload, {{u"uid"_s, depUid}, {u"generation"_s, 1}},
                {{u"spec"_s, QJsonObject {{u"replicas"_s, shape.podsPerWorkload}, {u"template"_s, tmpl}}},
                    {u"status"_s, QJsonObject {{u"observedGeneration"_s, 1}, {u"replicas"_s, shape.podsPerWorkload},
                        {u"updatedReplicas"_s, shape.podsPerWorkload}, {u"availableReplicas"_s, shape.podsPerWorkload},
                        {u"readyReplicas"_s, shape.podsPerWorkload}}}}),
            true);
        put(object(u"v1"_s, u"ConfigMap"_s, workload, {}, {{u"data"_s, QJsonObject {{u"mode"_s, u"bench"_s}}}}), true);
        put(object(u"v1"_s, u"Service"_s, workload, {},
                {{u"spec"_s, QJsonObject {{u"selector"_s, QJsonObject {{u"app"_s, workload}}}}}}),
            true);
        if (shape.ingresses) {
            const QJsonObject backend {{u"service"_s, QJsonObject {{u"name"_s, workload},
                {u"port"_s, QJsonObject {{u"number"_s, 80}}}}}};
            put(object(u"networking.k8s.io/v1"_s, u"Ingress"_s, workload, {},
                    {{u"spec"_s, QJsonObject {{u"defaultBackend"_s, backend}}}}),
                true);
        }
        put(object(u"apps/v1"_s, u"ReplicaSet"_s, rsName,
                {{u"uid"_s, rsUid}, {u"ownerReferences"_s, QJsonArray {ownerRef(u"Deployment"_s, workload, depUid)}}},
                {{u"spec"_s, QJsonObject {{u"replicas"_s, shape.podsPerWorkload}, {u"template"_s, tmpl}}},
                    {u"status"_s, QJsonObject {{u"replicas"_s, shape.podsPerWorkload},
                        {u"availableReplicas"_s, shape.podsPerWorkload}}}}),
            false);
        for (int p = 0; p < shape.podsPerWorkload; ++p, ++podNumber) {
            const bool failing = shape.failingEvery > 0 && podNumber % shape.failingEvery == 0;
            const QString pod = rsName + u'-' + QString::number(p);
            const QString podUid = u"uid-pod-"_s + pod;
            put(object(u"v1"_s, u"Pod"_s, pod,
                    {{u"uid"_s, podUid}, {u"labels"_s, labels},
                        {u"ownerReferences"_s, QJsonArray {ownerRef(u"ReplicaSet"_s, rsName, rsUid)}}},
                    {{u"spec"_s, podSpec}, {u"status"_s, failing ? crashingPod : readyPod}}),
                false);
        }
    }
    for (int n = 0; n < shape.networkPolicies; ++n) {
        const QJsonObject selector {{u"matchLabels"_s, QJsonObject {{u"shard"_s, u"s%1"_s.arg(n % 8)}}}};
        put(object(u"networking.k8s.io/v1"_s, u"NetworkPolicy"_s, u"shard-%1"_s.arg(n), {},
                {{u"spec"_s, QJsonObject {{u"podSelector"_s, selector}}}}),
            true);
    }
    if (shape.serviceAccount)
        put(object(u"v1"_s, u"ServiceAccount"_s, u"runner"_s, {}), true);

    kube::LiveSnapshot::Input input;
    input.buckets.insert(u"all"_s, bucket);
    for (const Resource& r : std::as_const(app.desired))
        input.desiredKeys.insert(r.key());
    input.complete = true;
    app.live = kube::LiveSnapshot::build(input);
    app.liveObjects = int(bucket.size());
    return app;
}

// The longest gap between ticks of a 2 ms timer on the UI thread while it runs.
class StallProbe
{
public:
    StallProbe()
    {
        m_timer.setInterval(2);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { m_longest = std::max(m_longest, m_since.restart()); });
    }
    void start()
    {
        m_longest = 0;
        m_since.start();
        m_timer.start();
    }
    qint64 stop()
    {
        m_timer.stop();
        return std::max(m_longest, m_since.elapsed());
    }

private:
    QTimer m_timer;
    QElapsedTimer m_since;
    qint64 m_longest = 0;
};

struct Opened {
    double shownMs = -1;      // setApplication() to graphShown()
    double firstPaintMs = -1; // and the viewport painted
    qint64 stallMs = 0;
};

// Opens `app` in `view` as a click in the tree would, until the graph is painted.
Opened open(gui::GraphView& view, const Application& app, const QString& id)
{
    Opened o;
    view.showMessage();
    QCoreApplication::processEvents();
    StallProbe probe;
    QElapsedTimer clock;
    bool shown = false;
    const auto connection = QObject::connect(&view, &gui::GraphView::graphShown, &view, [&] { shown = true; });
    probe.start();
    clock.start();
    view.setApplication(id, app.name, app.desired, app.live, nullptr);
    while (!shown && clock.elapsed() < 120000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    o.shownMs = double(clock.nsecsElapsed()) / 1e6;
    // The first frame: paint the viewport now rather than wait for the next vsync-less tick.
    view.view()->viewport()->repaint();
    o.firstPaintMs = double(clock.nsecsElapsed()) / 1e6;
    QCoreApplication::processEvents();
    o.stallMs = probe.stop();
    QObject::disconnect(connection);
    if (!shown)
        o.shownMs = o.firstPaintMs = -1;
    return o;
}

// Median time to paint the view's viewport into an image, as a frame would be.
double paintMs(gui::GraphView& view, int frames)
{
    QWidget* viewport = view.view()->viewport();
    QImage image(viewport->size() * viewport->devicePixelRatio(), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(viewport->devicePixelRatio());
    QList<double> times;
    for (int i = 0; i < frames; ++i) {
        image.fill(Qt::white);
        QPainter painter(&image);
        QElapsedTimer t;
        t.start();
        viewport->render(&painter);
        times << double(t.nsecsElapsed()) / 1e6;
    }
    return median(times);
}

struct DotRun {
    bool ok = false;
    double ms = 0;
    QString error;
};

DotRun runDot(const QString& program, const QByteArray& dot)
{
    DotRun run;
    const QString path = QStandardPaths::findExecutable(program);
    if (path.isEmpty()) {
        run.error = program + u" not found"_s;
        return run;
    }
    QProcess process;
    QElapsedTimer t;
    t.start();
    process.start(path, {u"-Tplain"_s});
    process.write(dot);
    process.closeWriteChannel();
    if (!process.waitForFinished(120000)) {
        run.error = u"dot did not finish"_s;
        return run;
    }
    run.ms = double(t.nsecsElapsed()) / 1e6;
    run.ok = process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0
        && process.readAllStandardOutput().startsWith("graph ");
    if (!run.ok)
        run.error = QString::fromUtf8(process.readAllStandardError());
    return run;
}

// The graph the view lays out for `app`, as its worker builds it (folded).
engine::ResourceGraph foldedGraph(const Application& app, engine::ResourceGraph* unfolded)
{
    engine::ResourceGraph::Input input;
    input.application = app.name;
    input.desired = app.desired;
    input.live = app.live.get();
    const QList<ResourceKey> keys = app.live->keys();
    input.existingKeys = QSet<ResourceKey>(keys.cbegin(), keys.cend());
    *unfolded = engine::ResourceGraph::build(input);
    return engine::ResourceGraph::fold(*unfolded);
}

QByteArray dotOf(const engine::ResourceGraph& graph)
{
    engine::GraphLayout::Input layout;
    for (const engine::GraphNode& n : graph.nodes())
        layout.nodes.append({n.id, gui::GraphView::NodeWidth, gui::GraphView::NodeHeight, n.name});
    for (const engine::GraphEdge& e : graph.edges())
        layout.edges.append({e.from, e.to, engine::ResourceGraph::edgeTypeName(e.type)});
    return engine::GraphLayout::toDot(layout).toUtf8();
}

void row(const QString& what, const QString& figure, const QString& target = {})
{
    out() << "  " << what.leftJustified(58) << figure.rightJustified(12);
    if (!target.isEmpty())
        out() << "   " << target;
    out() << "\n";
}

} // namespace

int runGraphBench(const GraphBenchOptions& options)
{
    const int runs = std::max(1, options.runs);
    int status = 0;
    gui::GraphView view;
    view.resize(1280, 800);
    view.show();
    bench::waitFor([] { return false; }, 200); // the window's own first paints

    // (a) 5,000 live objects.
    Shape big;
    big.failingEvery = 97; // about 1 % of the Pods crash-loop
    const Application large = generate(u"large"_s, big);
    engine::ResourceGraph unfolded;
    QElapsedTimer t;
    t.start();
    const engine::ResourceGraph folded = foldedGraph(large, &unfolded);
    const double modelMs = double(t.nsecsElapsed()) / 1e6;
    const engine::ResourceGraph::Simplified simple = engine::ResourceGraph::simplify(folded);
    QList<double> shown, painted;
    qint64 stallLarge = 0;
    for (int i = 0; i < runs; ++i) {
        const Opened o = open(view, large, u"bench/large-%1"_s.arg(i));
        if (o.shownMs < 0) {
            out() << "error: the 5,000-object graph was not shown within 120 s\n";
            return 1;
        }
        shown << o.shownMs;
        painted << o.firstPaintMs;
        stallLarge = std::max(stallLarge, o.stallMs);
    }
    // The view simplifies above ResourceGraph::DefaultMaxNodes, as simplify() does here.
    if (view.graph().nodes().size() != simple.graph.nodes().size() || !view.messageText().isEmpty()) {
        out() << "FAILED: the view shows " << view.graph().nodes().size() << " nodes, expected " << simple.graph.nodes().size()
              << " (" << view.messageText() << ")\n";
        status = 1;
    }
    const double largeFullPaint = paintMs(view, 15);
    view.fitToView();
    const double largeFitPaint = paintMs(view, 15);

    out() << "graph: an application of " << large.liveObjects << " live objects (" << big.workloads
          << " Deployments x " << big.podsPerWorkload << " Pods, Services, ConfigMaps, Ingresses; 1 % of Pods "
          << "crash-looping), " << runs << " runs, offscreen\n";
    row(u"(a) nodes before folding / after folding"_s,
        u"%1 / %2"_s.arg(unfolded.nodes().size()).arg(folded.nodes().size()));
    row(u"    edges before folding / after folding"_s,
        u"%1 / %2"_s.arg(unfolded.edges().size()).arg(folded.edges().size()));
    row(u"    simplify(1,000): nodes shown"_s, QString::number(simple.nodesShown));
    row(u"    model (build + fold), one thread"_s, msText(modelMs));
    row(u"    setApplication() to graphShown(), median"_s, msText(median(shown)));
    row(u"    ... and the first paint of the viewport, median"_s, msText(median(painted)));
    row(u"    paint a frame: opening zoom / fitted (median of 15)"_s,
        msText(largeFullPaint) + u" / "_s + msText(largeFitPaint), u"(target <= 16 ms)"_s);
    row(u"    longest UI-thread stall while opening"_s, msText(double(stallLarge)), u"(target <= 50 ms)"_s);

    // (b) 1,000 nodes and about 2,000 edges: the view's pipeline against dot -Tplain.
    Shape medium;
    medium.workloads = 142;
    medium.podsPerWorkload = 3;
    medium.ingresses = false;
    medium.networkPolicies = 2;
    medium.serviceAccount = true;
    const Application thousand = generate(u"thousand"_s, medium);
    engine::ResourceGraph thousandUnfolded;
    t.restart();
    const engine::ResourceGraph thousandGraph = foldedGraph(thousand, &thousandUnfolded);
    const double thousandModelMs = double(t.nsecsElapsed()) / 1e6;
    const QByteArray dot = dotOf(thousandGraph);
    // Where the pipeline's time goes: the layout alone, on this thread.
    engine::GraphLayout::Input layoutInput;
    for (const engine::GraphNode& n : thousandGraph.nodes())
        layoutInput.nodes.append({n.id, gui::GraphView::NodeWidth, gui::GraphView::NodeHeight, n.name});
    for (const engine::GraphEdge& e : thousandGraph.edges())
        layoutInput.edges.append({e.from, e.to, engine::ResourceGraph::edgeTypeName(e.type)});
    bool laidOut = true;
    QList<double> layoutTimes;
    QList<double> pipeline, dotTimes;
    qint64 stallThousand = 0;
    QString dotError;
    for (int i = 0; i < runs; ++i) {
        const Opened o = open(view, thousand, u"bench/thousand-%1"_s.arg(i));
        if (o.shownMs < 0) {
            out() << "error: the 1,000-node graph was not shown within 120 s\n";
            return 1;
        }
        pipeline << o.shownMs;
        stallThousand = std::max(stallThousand, o.stallMs);
        // In the same run, under the same load as the others.
        t.restart();
        laidOut = engine::GraphLayout::layout(layoutInput).has_value() && laidOut;
        layoutTimes << double(t.nsecsElapsed()) / 1e6;
        if (!options.dot.isEmpty()) {
            const DotRun run = runDot(options.dot, dot);
            if (run.ok)
                dotTimes << run.ms;
            else
                dotError = run.error;
        }
    }
    if (view.graph().nodes().size() != thousandGraph.nodes().size()) {
        out() << "FAILED: the view shows " << view.graph().nodes().size() << " nodes, expected "
              << thousandGraph.nodes().size() << "\n";
        status = 1;
    }
    // (c) Paint: the whole graph fitted into the window, then zoomed in to 1:1 on the application.
    view.fitToView();
    const double fullFrame = paintMs(view, 15);
    view.view()->setTransform(QTransform());
    view.view()->centerOn(0, 0);
    const double zoomedFrame = paintMs(view, 15);

    out() << "graph: " << thousandGraph.nodes().size() << " nodes, " << thousandGraph.edges().size()
          << " edges (generated application, nothing folds)\n";
    row(u"(b) model + layout + scene, setApplication() to graphShown()"_s, msText(median(pipeline)));
    row(u"    of which: model (build + fold), once, this thread"_s, msText(thousandModelMs));
    row(u"    GraphLayout::layout alone, this thread, median"_s, laidOut ? msText(median(layoutTimes)) : u"failed"_s);
    if (!dotTimes.isEmpty()) {
        const double ratio = median(pipeline) / median(dotTimes);
        row(u"    dot -Tplain on the same DOT, a process, median"_s, msText(median(dotTimes)));
        row(u"    ratio Driftline / dot"_s, QString::number(ratio, 'f', 2),
            u"(target <= 1.2: %1)"_s.arg(ratio <= 1.2 ? u"ok"_s : u"MISSED"_s));
    } else {
        row(u"    dot -Tplain"_s, u"skipped"_s, dotError);
    }
    row(u"(c) paint a full-view frame (fitted), median of 15"_s, msText(fullFrame),
        u"(target <= 16 ms: %1)"_s.arg(fullFrame <= 16 ? u"ok"_s : u"MISSED"_s));
    row(u"    paint a zoomed-in frame (1:1), median of 15"_s, msText(zoomedFrame),
        u"(target <= 16 ms: %1)"_s.arg(zoomedFrame <= 16 ? u"ok"_s : u"MISSED"_s));
    const qint64 stall = std::max(stallLarge, stallThousand);
    row(u"(d) longest UI-thread stall while a graph is built"_s, msText(double(stall)),
        u"(target <= 50 ms: %1)"_s.arg(stall <= 50 ? u"ok"_s : u"MISSED"_s));
    out() << "  (the worker computes the model, layout and edge geometry; the UI thread creates the items in slices of "
          << gui::GraphView::SceneBuildSliceMs << " ms; the 2 ms probe's longest gap covers that and the first paint)\n";
    return status;
}

} // namespace driftline::bench
