// GraphLayout against libgvc and the real `dot` program: placement, sizes, no
// overlaps, left-to-right order, edge routes, errors, DOT text, concurrent
// callers, and a 1,000-node graph timed against `dot -Tplain`.
#include "engine/graphlayout.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;
using driftline::engine::GraphLayout;

namespace {

GraphLayout::Input::Node box(const QString& id, double width = 120.0, double height = 36.0)
{
    return {id, width, height, id.section(u'/', -1)};
}

// A chain a→b→c→d, a fan-out hub→f0…f4, a diamond top→{left,right}→bottom;
// ids shaped like resource keys, with "/" and ":".
GraphLayout::Input smallGraph()
{
    GraphLayout::Input input;
    const QStringList chain {u"apps/Deployment:web/a"_s, u"apps/ReplicaSet:web/b"_s, u"v1/Pod:web/c"_s,
                             u"v1/Pod:web/d"_s};
    for (const QString& id : chain)
        input.nodes.append(box(id));
    for (int i = 0; i + 1 < chain.size(); ++i)
        input.edges.append({chain[i], chain[i + 1], u"solid"_s});
    input.nodes.append(box(u"hub"_s, 80.0, 80.0));
    for (int i = 0; i < 5; ++i) {
        const QString leaf = u"v1/ConfigMap:web/fan-"_s + QString::number(i);
        input.nodes.append(box(leaf, 150.0, 30.0));
        input.edges.append({u"hub"_s, leaf, u"dashed"_s});
    }
    for (const QString& id : {u"top"_s, u"left \"quoted\""_s, u"right\\slash"_s, u"bottom"_s})
        input.nodes.append(box(id, 100.0, 40.0));
    input.edges.append({u"top"_s, u"left \"quoted\""_s, u"solid"_s});
    input.edges.append({u"top"_s, u"right\\slash"_s, u"solid"_s});
    input.edges.append({u"left \"quoted\""_s, u"bottom"_s, u"solid"_s});
    input.edges.append({u"right\\slash"_s, u"bottom"_s, u"dashed"_s});
    return input;
}

GraphLayout::Input generatedGraph(int nodes, int edges)
{
    GraphLayout::Input input;
    QRandomGenerator random(20261126); // fixed seed: the same graph every run
    for (int i = 0; i < nodes; ++i)
        input.nodes.append(box(u"v1/Pod:ns/node-"_s + QString::number(i), 160.0, 40.0));
    // Edges from a lower to a higher index keep it a DAG, like a resource tree
    // with cross references.
    for (int i = 0; i < edges; ++i) {
        const int from = int(random.bounded(nodes - 1));
        const int to = from + 1 + int(random.bounded(std::min(nodes - from - 1, 40)));
        input.edges.append({input.nodes[from].id, input.nodes[to].id, i % 3 ? u"solid"_s : u"dashed"_s});
    }
    return input;
}

// Fails the current test unless every node is placed with its size and no two
// boxes overlap (a shared border is not an overlap).
bool checkPlacement(const GraphLayout::Input& input, const GraphLayout::Result& result, QString* why)
{
    const QRectF slack = result.bounds.adjusted(-0.5, -0.5, 0.5, 0.5);
    for (const auto& node : input.nodes) {
        if (!result.nodes.contains(node.id))
            return *why = u"not placed: "_s + node.id, false;
        const QRectF r = result.nodes.value(node.id);
        if (std::abs(r.width() - node.width) > 0.01 || std::abs(r.height() - node.height) > 0.01)
            return *why = u"wrong size: "_s + node.id, false;
        if (!slack.contains(r))
            return *why = u"outside the bounds: "_s + node.id, false;
    }
    for (qsizetype i = 0; i < input.nodes.size(); ++i) {
        for (qsizetype j = i + 1; j < input.nodes.size(); ++j) {
            const QRectF a = result.nodes.value(input.nodes[i].id).adjusted(0.5, 0.5, -0.5, -0.5);
            const QRectF b = result.nodes.value(input.nodes[j].id);
            if (a.intersects(b))
                return *why = u"overlap: "_s + input.nodes[i].id + u" and "_s + input.nodes[j].id, false;
        }
    }
    return true;
}

double distance(QPointF p, const QRectF& r)
{
    const double dx = std::max({r.left() - p.x(), 0.0, p.x() - r.right()});
    const double dy = std::max({r.top() - p.y(), 0.0, p.y() - r.bottom()});
    return std::hypot(dx, dy);
}

struct PlainRun {
    int exitCode = -1;
    QByteArray output;
    QByteArray errors;
    qint64 milliseconds = 0;
};

PlainRun runDotPlain(const QString& dotText)
{
    PlainRun run;
    const QString dot = QStandardPaths::findExecutable(u"dot"_s);
    if (dot.isEmpty())
        return run;
    QProcess process;
    QElapsedTimer timer;
    timer.start();
    process.start(dot, {u"-Tplain"_s});
    process.write(dotText.toUtf8());
    process.closeWriteChannel();
    if (!process.waitForFinished(60000))
        return run;
    run.milliseconds = timer.elapsed();
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.output = process.readAllStandardOutput();
    run.errors = process.readAllStandardError();
    return run;
}

// A resource-shaped graph: an application over `workloads` Deployments, each with a
// ReplicaSet, `pods` Pods, a ConfigMap it uses and a Service selecting the Pods.
GraphLayout::Input resourceShapedGraph(int workloads, int pods, const QString& extraPodOf = {})
{
    GraphLayout::Input input;
    input.nodes.append(box(u"app"_s, 190.0, 46.0));
    for (int w = 0; w < workloads; ++w) {
        const QString d = u"deploy-%1"_s.arg(w);
        const QString rs = d + u"/rs"_s;
        const QString cm = d + u"/config"_s;
        const QString svc = d + u"/service"_s;
        for (const QString& id : {d, rs, cm, svc})
            input.nodes.append(box(id, 190.0, 46.0));
        input.edges.append({u"app"_s, d, u"solid"_s});
        input.edges.append({u"app"_s, cm, u"solid"_s});
        input.edges.append({u"app"_s, svc, u"solid"_s});
        input.edges.append({d, rs, u"solid"_s});
        input.edges.append({d, cm, u"dotted"_s});
        input.edges.append({svc, d, u"dashed"_s});
        const int count = pods + (extraPodOf == d ? 1 : 0);
        for (int p = 0; p < count; ++p) {
            const QString pod = rs + u"/pod-"_s + QString::number(p);
            input.nodes.append(box(pod, 190.0, 46.0));
            input.edges.append({rs, pod, u"solid"_s});
            input.edges.append({svc, pod, u"dashed"_s});
        }
    }
    return input;
}

// Median and largest distance the centres of the nodes both layouts hold moved.
QPair<double, double> displacement(const GraphLayout::Result& before, const GraphLayout::Result& after)
{
    QList<double> moved;
    for (const auto& [id, rect] : before.nodes.asKeyValueRange()) {
        if (after.nodes.contains(id)) {
            const QPointF d = after.nodes.value(id).center() - rect.center();
            moved.append(std::hypot(d.x(), d.y()));
        }
    }
    std::sort(moved.begin(), moved.end());
    return {moved.at(moved.size() / 2), moved.last()};
}

} // namespace

class TestGraphLayout : public QObject
{
    Q_OBJECT

private slots:
    void smallGraphPlacesEveryNode();
    void edgesFollowTheirNodes();
    void unknownNodeIsAnError();
    void invalidNodesAreErrors();
    void emptyGraph();
    void topToBottom();
    void previousPositionsKeepTheOrder();
    void oneNodeChangeKeepsThePicture();
    void dotTextParsesWithDot();
    void concurrentCallersGetCorrectResults();
    void thousandNodes();
};

void TestGraphLayout::smallGraphPlacesEveryNode()
{
    const auto input = smallGraph();
    const auto result = GraphLayout::layout(input);
    QVERIFY2(result.has_value(), result ? "" : qPrintable(result.error().toString()));
    QCOMPARE(result->nodes.size(), input.nodes.size());
    QString why;
    QVERIFY2(checkPlacement(input, *result, &why), qPrintable(why));
    QVERIFY(result->bounds.topLeft() == QPointF(0.0, 0.0));
    // Left to right: in a DAG every target lies right of its source.
    for (const auto& edge : input.edges) {
        const QRectF from = result->nodes.value(edge.from);
        const QRectF to = result->nodes.value(edge.to);
        QVERIFY2(to.left() >= from.right(), qPrintable(edge.from + u" -> "_s + edge.to));
    }
}

void TestGraphLayout::edgesFollowTheirNodes()
{
    const auto input = smallGraph();
    const auto result = GraphLayout::layout(input);
    QVERIFY(result.has_value());
    QCOMPARE(result->edges.size(), input.edges.size());
    for (qsizetype i = 0; i < input.edges.size(); ++i) {
        const auto& path = result->edges[i];
        QCOMPARE(path.from, input.edges[i].from);
        QCOMPARE(path.to, input.edges[i].to);
        QVERIFY2(path.points.size() >= 4, qPrintable(path.from));
        QCOMPARE((path.points.size() - 1) % 3, 0); // a cubic Bézier sequence
        QVERIFY(path.hasArrow);
        const QRectF from = result->nodes.value(path.from);
        const QRectF to = result->nodes.value(path.to);
        QVERIFY2(distance(path.points.first(), from) < 2.0, qPrintable(path.from));
        // The spline ends at the arrow's base; the tip touches the target.
        QVERIFY2(distance(path.arrowHead, to) < 2.0, qPrintable(path.to));
        QVERIFY2(distance(path.points.last(), to) < 15.0, qPrintable(path.to));
        QVERIFY(path.arrowHead.x() > path.points.first().x());
    }
}

void TestGraphLayout::unknownNodeIsAnError()
{
    auto input = smallGraph();
    input.edges.append({u"hub"_s, u"v1/Service:web/nowhere"_s, u"dashed"_s});
    const auto result = GraphLayout::layout(input);
    QVERIFY(!result.has_value());
    QCOMPARE(result.error().code, driftline::Error::Code::InvalidInput);
    QVERIFY2(result.error().message.contains(u"v1/Service:web/nowhere"_s), qPrintable(result.error().message));
}

void TestGraphLayout::invalidNodesAreErrors()
{
    GraphLayout::Input duplicate;
    duplicate.nodes = {box(u"a"_s), box(u"a"_s)};
    QVERIFY(!GraphLayout::layout(duplicate).has_value());

    GraphLayout::Input noSize;
    noSize.nodes = {box(u"a"_s, 0.0, 10.0)};
    QVERIFY(!GraphLayout::layout(noSize).has_value());

    GraphLayout::Input noId;
    noId.nodes = {box(QString())};
    QVERIFY(!GraphLayout::layout(noId).has_value());
}

void TestGraphLayout::emptyGraph()
{
    const auto result = GraphLayout::layout({});
    QVERIFY(result.has_value());
    QVERIFY(result->nodes.isEmpty());
    QVERIFY(result->edges.isEmpty());
}

void TestGraphLayout::topToBottom()
{
    auto input = smallGraph();
    input.leftToRight = false;
    const auto result = GraphLayout::layout(input);
    QVERIFY(result.has_value());
    QString why;
    QVERIFY2(checkPlacement(input, *result, &why), qPrintable(why));
    for (const auto& edge : input.edges)
        QVERIFY(result->nodes.value(edge.to).top() >= result->nodes.value(edge.from).bottom());
}

void TestGraphLayout::previousPositionsKeepTheOrder()
{
    // Lay out, then reverse the fan-out's vertical order by hand and hand that
    // back as hints: dot, starting its crossing minimization from the hinted
    // order, keeps the leaves in that order (nothing forces another one).
    auto input = smallGraph();
    const auto first = GraphLayout::layout(input);
    QVERIFY(first.has_value());
    QList<QString> leaves;
    for (int i = 0; i < 5; ++i)
        leaves.append(u"v1/ConfigMap:web/fan-"_s + QString::number(i));
    // Without hints dot keeps the input order, top to bottom.
    for (int i = 0; i + 1 < 5; ++i)
        QVERIFY(first->nodes.value(leaves[i]).top() < first->nodes.value(leaves[i + 1]).top());
    for (const auto& [id, rect] : first->nodes.asKeyValueRange())
        input.previousPositions.insert(id, rect.center());
    for (int i = 0; i < 5; ++i)
        input.previousPositions[leaves[i]].setY(1000.0 - 100.0 * i);
    const auto second = GraphLayout::layout(input);
    QVERIFY(second.has_value());
    QString why;
    QVERIFY2(checkPlacement(input, *second, &why), qPrintable(why));
    for (int i = 0; i + 1 < 5; ++i)
        QVERIFY2(second->nodes.value(leaves[i]).top() > second->nodes.value(leaves[i + 1]).top(),
                 qPrintable(leaves[i]));
    // The hints reach the DOT text as positions.
    QVERIFY(GraphLayout::toDot(input).contains(u"pos=\""_s));
}

void TestGraphLayout::oneNodeChangeKeepsThePicture()
{
    // 12 workloads of 3 Pods (73 nodes); then one Pod more in the middle workload, a
    // watch event's structural change. Unchanged nodes should stay where they were.
    const GraphLayout::Input before = resourceShapedGraph(12, 3);
    const auto first = GraphLayout::layout(before);
    QVERIFY(first.has_value());
    QHash<QString, QPointF> hints;
    for (const auto& [id, rect] : first->nodes.asKeyValueRange())
        hints.insert(id, rect.center());

    // One Pod more in the first, the middle and the last workload.
    for (const QString& grown : {u"deploy-0"_s, u"deploy-6"_s, u"deploy-11"_s}) {
        GraphLayout::Input after = resourceShapedGraph(12, 3, grown);
        QCOMPARE(after.nodes.size(), before.nodes.size() + 1);
        const auto plain = GraphLayout::layout(after);
        after.previousPositions = hints;
        const auto hinted = GraphLayout::layout(after);
        QVERIFY(plain.has_value() && hinted.has_value());
        QString why;
        QVERIFY2(checkPlacement(after, *hinted, &why), qPrintable(why));
        const auto [plainMedian, plainMax] = displacement(*first, *plain);
        const auto [hintedMedian, hintedMax] = displacement(*first, *hinted);
        qInfo("one Pod added to %s of 73 nodes: unchanged nodes moved median %.1f pt, max %.1f pt without hints; "
              "median %.1f pt, max %.1f pt with previousPositions",
              qPrintable(grown), plainMedian, plainMax, hintedMedian, hintedMax);
        // A node is 46 pt high: a quarter of a node at most for the typical one.
        QVERIFY2(hintedMedian <= 12.0, qPrintable(QString::number(hintedMedian)));
        QVERIFY(hintedMedian <= plainMedian + 0.01);
    }

    // A Pod removed: the same bound.
    GraphLayout::Input removed = resourceShapedGraph(12, 3);
    removed.nodes.removeIf([](const GraphLayout::Input::Node& n) { return n.id == u"deploy-6/rs/pod-1"_s; });
    removed.edges.removeIf([](const GraphLayout::Input::Edge& e) { return e.to == u"deploy-6/rs/pod-1"_s; });
    removed.previousPositions = hints;
    const auto shrunk = GraphLayout::layout(removed);
    QVERIFY(shrunk.has_value());
    const auto [removedMedian, removedMax] = displacement(*first, *shrunk);
    qInfo("one Pod removed: median %.1f pt, max %.1f pt with previousPositions", removedMedian, removedMax);
    QVERIFY2(removedMedian <= 12.0, qPrintable(QString::number(removedMedian)));
}

void TestGraphLayout::dotTextParsesWithDot()
{
    const auto input = smallGraph();
    const QString dot = GraphLayout::toDot(input);
    QVERIFY(dot.contains(u"label=\"left \\\"quoted\\\"\""_s));
    QVERIFY(dot.contains(u"id=\"right\\\\slash\""_s));
    QVERIFY(dot.contains(u"style=\"dashed\""_s));
    const PlainRun run = runDotPlain(dot);
    QVERIFY2(run.exitCode == 0, run.errors.constData());
    // plain: "node <name> x y w h <label> …" per node.
    QSet<QString> names;
    QSet<QString> labels;
    for (const QByteArray& line : run.output.split('\n')) {
        if (!line.startsWith("node "))
            continue;
        names.insert(QString::fromUtf8(line.split(' ').value(1)));
        labels.insert(QString::fromUtf8(line));
    }
    QCOMPARE(names.size(), input.nodes.size());
    for (qsizetype i = 0; i < input.nodes.size(); ++i)
        QVERIFY(names.contains(u"n"_s + QString::number(i)));
    const QString plain = QString::fromUtf8(run.output);
    QVERIFY(plain.contains(u"\"left \\\"quoted\\\"\""_s) || plain.contains(u"left \"quoted\""_s));
    QCOMPARE(plain.count(u"\nedge "_s), input.edges.size());
}

void TestGraphLayout::concurrentCallersGetCorrectResults()
{
    const auto input = smallGraph();
    const auto reference = GraphLayout::layout(input);
    QVERIFY(reference.has_value());
    QList<QFuture<driftline::Result<GraphLayout::Result>>> futures;
    for (int i = 0; i < 4; ++i)
        futures.append(QtConcurrent::run([input] { return GraphLayout::layout(input); }));
    for (auto& future : futures) {
        const auto result = future.result();
        QVERIFY(result.has_value());
        QString why;
        QVERIFY2(checkPlacement(input, *result, &why), qPrintable(why));
        // dot is deterministic: the same input gives the same picture.
        QCOMPARE(result->nodes, reference->nodes);
        QCOMPARE(result->bounds, reference->bounds);
    }
}

void TestGraphLayout::thousandNodes()
{
    const auto input = generatedGraph(1000, 2000);
    QElapsedTimer timer;
    timer.start();
    const auto result = GraphLayout::layout(input);
    const qint64 layoutMs = timer.elapsed();
    QVERIFY2(result.has_value(), result ? "" : qPrintable(result.error().toString()));
    QCOMPARE(result->nodes.size(), 1000);
    QCOMPARE(result->edges.size(), 2000);
    // Every box with its size, and no overlap among a sample: the first 150
    // nodes against all others.
    for (const auto& node : input.nodes)
        QCOMPARE(result->nodes.value(node.id).size(), QSizeF(node.width, node.height));
    for (int i = 0; i < 150; ++i) {
        const QRectF a = result->nodes.value(input.nodes[i].id).adjusted(0.5, 0.5, -0.5, -0.5);
        for (int j = 0; j < 1000; ++j)
            QVERIFY2(i == j || !a.intersects(result->nodes.value(input.nodes[j].id)), qPrintable(input.nodes[i].id));
    }
    for (const auto& edge : result->edges)
        QVERIFY(edge.points.size() >= 4);

    const PlainRun run = runDotPlain(GraphLayout::toDot(input));
    QVERIFY2(run.exitCode == 0, run.errors.constData());
    QCOMPARE(run.output.count("\nnode "), 1000);
    // layout() leaves labels out (they cannot change a fixed-size box); the
    // same DOT without labels is the like-for-like comparison.
    QString unlabelled = GraphLayout::toDot(input);
    unlabelled.replace(QRegularExpression(u"label=\"[^\"]*\""_s), u"label=\"\""_s);
    const PlainRun bare = runDotPlain(unlabelled);
    QVERIFY2(bare.exitCode == 0, bare.errors.constData());
    qInfo("1,000 nodes, 2,000 edges: GraphLayout::layout %lld ms; dot -Tplain process on the same DOT %lld ms "
          "(with labels), %lld ms (labels empty)",
          layoutMs, run.milliseconds, bare.milliseconds);
}

QTEST_GUILESS_MAIN(TestGraphLayout)
#include "tst_graphlayout.moc"
