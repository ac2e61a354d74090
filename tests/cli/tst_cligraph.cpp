// `driftline graph`: the real binary against the demo's sandbox cluster over
// HTTPS (started in this process, reached only through the kubeconfig it
// writes). The DOT goes through Graphviz's own `dot` program, the SVG through
// an XML reader; then a cluster that does not answer, and the usual mistakes.
#include "demo/demosession.h"
#include "kube/credentialresolver.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "testsupport/await.h"
#include "testsupport/testrepo.h"

#include <QFile>
#include <QColor>
#include <QHash>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using namespace driftline;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QString err;
};

// What an SVG says about one node: its <title> (the node id, then its reason),
// its <text> lines and its box's attributes.
struct SvgNode {
    QString id;
    QStringList texts;
    QXmlStreamAttributes rect;
};

struct Svg {
    QString error; // the reader's, empty when the document is well-formed
    QList<SvgNode> nodes;
    int edges = 0;
};

Svg readSvg(const QByteArray& document)
{
    Svg svg;
    QXmlStreamReader xml(document);
    int depthInNode = 0; // > 0 inside a <g class="node">
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (depthInNode > 0)
                ++depthInNode;
            const QStringView name = xml.name();
            if (name == u"g" && xml.attributes().value(u"class"_s) == u"node") {
                if (!xml.attributes().value(u"id"_s).startsWith(u"node-"))
                    svg.error = u"a node group without its node- id"_s;
                svg.nodes.append(SvgNode {});
                depthInNode = 1;
            } else if (depthInNode > 0 && name == u"title") {
                svg.nodes.last().id = xml.readElementText().section(u'\n', 0, 0);
                --depthInNode; // readElementText consumed the end element
            } else if (depthInNode > 0 && name == u"text") {
                svg.nodes.last().texts << xml.readElementText();
                --depthInNode;
            } else if (depthInNode > 0 && name == u"rect") {
                svg.nodes.last().rect = xml.attributes();
            } else if (name == u"path" && xml.attributes().value(u"class"_s).startsWith(u"edge ")) {
                ++svg.edges;
            }
        } else if (xml.isEndElement() && depthInNode > 0) {
            --depthInNode;
        }
    }
    if (xml.hasError())
        svg.error = xml.errorString() + u" at line "_s + QString::number(xml.lineNumber());
    return svg;
}

// Node ids (the `id` attributes) of DOT text as toDot() writes it.
QStringList dotNodeIds(const QString& dot)
{
    static const QRegularExpression node(u"^\\s*n\\d+ \\[id=\"([^\"]*)\""_s,
                                         QRegularExpression::MultilineOption);
    QStringList ids;
    for (auto it = node.globalMatch(dot); it.hasNext();)
        ids << it.next().captured(1);
    return ids;
}

const SvgNode* findNode(const Svg& svg, const QString& id)
{
    for (const SvgNode& n : svg.nodes) {
        if (n.id == id)
            return &n;
    }
    return nullptr;
}

} // namespace

class TestCliGraph : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void dotIsReadByGraphviz();
    void svgHasOneGroupPerNode();
    void deletedServiceIsMissing();
    void outputFile();
    void pngIsAPicture();
    void unreachableClusterStillDraws();
    void mistakes_data();
    void mistakes();
    void manyPodsFoldIntoAGroup(); // last: it scales the production api

private:
    Run driftline(const QStringList& args, const QProcessEnvironment& extra = {});
    QStringList demoArgs() const;
    QTemporaryDir m_home;
    std::unique_ptr<demo::DemoSession> m_demo;
};

void TestCliGraph::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY(QFileInfo(QStringLiteral(DRIFTLINE_BINARY_DIR "/bin/driftline")).isExecutable());
    if (QStandardPaths::findExecutable(u"dot"_s).isEmpty())
        QFAIL("Graphviz's dot program is needed to read the DOT output");
    m_demo = std::make_unique<demo::DemoSession>(m_home.filePath(u"demo"_s));
    const auto started = m_demo->start();
    QVERIFY2(started.has_value(), qPrintable(test::why(started)));
    QVERIFY(m_demo->seedReport().has_value());
    QVERIFY(m_demo->seedReport()->errors.isEmpty());
}

Run TestCliGraph::driftline(const QStringList& args, const QProcessEnvironment& extra)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"XDG_CACHE_HOME"_s, m_home.filePath(u"cache"_s));
    env.insert(u"XDG_CONFIG_HOME"_s, m_home.filePath(u"config"_s));
    env.insert(u"XDG_DATA_HOME"_s, m_home.filePath(u"data"_s));
    env.insert(u"HOME"_s, m_home.filePath(u"home"_s)); // no ~/.kube/config of the user's
    env.remove(u"KUBECONFIG"_s);
    for (const QString& key : extra.keys())
        env.insert(key, extra.value(key));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(DRIFTLINE_BINARY_DIR "/bin/driftline"), QStringList {u"graph"_s} + args);
    Run run;
    if (!process.waitForFinished(20000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QStringList TestCliGraph::demoArgs() const
{
    return {u"--workspace"_s, m_demo->repositoryPath(), u"--kubeconfig"_s, m_demo->kubeconfigPath()};
}

void TestCliGraph::dotIsReadByGraphviz()
{
    // dot is the default format; "-" is stdout.
    const Run run = driftline(demoArgs()
                              + QStringList {u"--env"_s, u"staging"_s, u"--app"_s, u"api"_s, u"--output"_s, u"-"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QString dot = QString::fromUtf8(run.out);
    QVERIFY2(dot.startsWith(u"digraph"_s), qPrintable(dot));

    QProcess graphviz;
    graphviz.start(u"dot"_s, {u"-Tplain"_s});
    QVERIFY(graphviz.waitForStarted());
    graphviz.write(run.out);
    graphviz.closeWriteChannel();
    QVERIFY(graphviz.waitForFinished(20000));
    QCOMPARE(graphviz.exitCode(), 0);
    const QString plain = QString::fromUtf8(graphviz.readAllStandardOutput());
    const QString warnings = QString::fromUtf8(graphviz.readAllStandardError());
    // The boxes are big enough for dot's own font: it does not complain.
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings));

    const QStringList ids = dotNodeIds(dot);
    QStringList nodeLines;
    int edgeLines = 0;
    for (const QString& line : plain.split(u'\n')) {
        if (line.startsWith(u"node "_s))
            nodeLines << line;
        else if (line.startsWith(u"edge "_s))
            ++edgeLines;
    }
    QCOMPARE(nodeLines.size(), ids.size());
    QCOMPARE(edgeLines, int(dot.count(u" -> "_s)));

    for (const QString& id : {u"app:api"_s, u"apps/Deployment/shop-staging/api"_s, u"Service/shop-staging/api"_s,
                              u"ConfigMap/shop-staging/api-config"_s, u"Secret/shop-staging/api-credentials"_s,
                              u"ServiceAccount/shop-staging/api"_s, u"rbac.authorization.k8s.io/Role/shop-staging/api"_s,
                              u"rbac.authorization.k8s.io/RoleBinding/shop-staging/api"_s})
        QVERIFY2(ids.contains(id), qPrintable(id + u" not in "_s + ids.join(u", "_s)));
    // The Deployment's live child, found through ownerReferences.
    QVERIFY2(std::any_of(ids.cbegin(), ids.cend(),
                         [](const QString& id) { return id.startsWith(u"apps/ReplicaSet/shop-staging/api-"_s); }),
             qPrintable(ids.join(u", "_s)));
    // Labels as dot read them: kind, name, status; the scaled Deployment is out of sync.
    // The demo runs api 2.0.0, whose Pods cannot start (a ConfigMap key it names does
    // not exist): Progressing until its minute-long progress deadline, then Degraded.
    QVERIFY2(plain.contains(u"\"Deployment\\napi\\nOutOfSync · Progressing\""_s)
            || plain.contains(u"\"Deployment\\napi\\nOutOfSync · Degraded\""_s),
        qPrintable(plain));
    QVERIFY2(plain.contains(u"\"ConfigMap\\napi-config\\nSynced\""_s), qPrintable(plain));
    // Edge styles per type: the Deployment uses its ConfigMap (dotted), the Service selects (dashed).
    QVERIFY2(plain.contains(u" dotted "_s) && plain.contains(u" dashed "_s), qPrintable(plain));
    // Names only: the Secret's values never appear.
    QVERIFY(!dot.contains(u"demo-password-not-secret"_s));
}

void TestCliGraph::svgHasOneGroupPerNode()
{
    const QStringList args = demoArgs() + QStringList {u"--env"_s, u"staging"_s, u"--app"_s, u"api"_s};
    const Run run = driftline(args + QStringList {u"--format"_s, u"svg"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const Svg svg = readSvg(run.out);
    QVERIFY2(svg.error.isEmpty(), qPrintable(svg.error));
    QVERIFY(run.out.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    QVERIFY(run.out.contains("viewBox=\""));

    // The same nodes as the DOT output, one group each.
    const Run dotRun = driftline(args + QStringList {u"--format"_s, u"dot"_s});
    QCOMPARE(dotRun.exitCode, 0);
    const QStringList dotIds = dotNodeIds(QString::fromUtf8(dotRun.out));
    QStringList svgIds;
    for (const SvgNode& n : svg.nodes)
        svgIds << n.id;
    QCOMPARE(svgIds.size(), dotIds.size());
    QCOMPARE(QSet<QString>(svgIds.cbegin(), svgIds.cend()), QSet<QString>(dotIds.cbegin(), dotIds.cend()));
    QCOMPARE(svg.edges, int(dotRun.out.count(" -> ")));

    // Every node shows its kind and name as text.
    for (const SvgNode& n : svg.nodes) {
        QVERIFY2(n.texts.size() >= 2, qPrintable(n.id));
        const QString name = n.id.section(u'/', -1);
        if (!n.id.startsWith(u"app:"_s))
            QVERIFY2(n.texts.at(1) == name, qPrintable(n.id + u": "_s + n.texts.join(u" | "_s)));
        QVERIFY2(!n.rect.value(u"fill"_s).isEmpty(), qPrintable(n.id));
    }
    const SvgNode* deployment = findNode(svg, u"apps/Deployment/shop-staging/api"_s);
    QVERIFY(deployment);
    QCOMPARE(deployment->texts.mid(0, 2), (QStringList {u"Deployment"_s, u"api"_s}));
    QVERIFY2(deployment->texts.value(2) == u"OutOfSync · Healthy"_s
            || deployment->texts.value(2) == u"OutOfSync · Progressing"_s, // still rolling out
        qPrintable(deployment->texts.join(u" | "_s)));
    QVERIFY(!deployment->rect.hasAttribute(u"stroke-dasharray"_s));
    QVERIFY(findNode(svg, u"ConfigMap/shop-staging/api-config"_s));
    QVERIFY(!run.out.contains("demo-password-not-secret"));
}

void TestCliGraph::deletedServiceIsMissing()
{
    const QStringList args = demoArgs() + QStringList {u"--env"_s, u"staging"_s, u"--app"_s, u"web"_s};
    const Run run = driftline(args + QStringList {u"--format"_s, u"svg"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const Svg svg = readSvg(run.out);
    QVERIFY2(svg.error.isEmpty(), qPrintable(svg.error));
    const SvgNode* service = findNode(svg, u"Service/shop-staging/web"_s);
    QVERIFY(service);
    QCOMPARE(service->texts, (QStringList {u"Service"_s, u"web"_s, u"Missing"_s}));
    QCOMPARE(service->rect.value(u"stroke-dasharray"_s).toString(), u"5,3"_s);
    // What is in the cluster is drawn solid.
    const SvgNode* deployment = findNode(svg, u"apps/Deployment/shop-staging/web"_s);
    QVERIFY(deployment);
    QVERIFY(!deployment->rect.hasAttribute(u"stroke-dasharray"_s));

    const Run dot = driftline(args);
    QCOMPARE(dot.exitCode, 0);
    QVERIFY2(dot.out.contains("label=\"Service\\nweb\\nMissing\""), dot.out.constData());
}

void TestCliGraph::outputFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"api.svg"_s);
    const Run run = driftline(demoArgs()
                              + QStringList {u"--env"_s, u"staging"_s, u"--app"_s, u"api"_s, u"--format"_s, u"svg"_s,
                                             u"--output"_s, path});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.isEmpty(), run.out.constData());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    QVERIFY(written.startsWith("<?xml"));
    const Svg svg = readSvg(written);
    QVERIFY2(svg.error.isEmpty(), qPrintable(svg.error));
    QVERIFY(findNode(svg, u"apps/Deployment/shop-staging/api"_s));

    // A folder that does not exist: an error naming the file, nothing half-written.
    const QString nowhere = dir.filePath(u"no/such/folder/api.dot"_s);
    const Run failed = driftline(demoArgs()
                                 + QStringList {u"--env"_s, u"staging"_s, u"--app"_s, u"api"_s, u"--output"_s, nowhere});
    QCOMPARE(failed.exitCode, 2);
    QVERIFY2(failed.err.contains(u"api.dot"_s), qPrintable(failed.err));
    QVERIFY(!QFileInfo::exists(nowhere));
}

void TestCliGraph::pngIsAPicture()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"api.png"_s);
    // No QT_QPA_PLATFORM and no display: the command picks the offscreen platform itself.
    QProcessEnvironment env;
    env.insert(u"DISPLAY"_s, QString());
    env.insert(u"WAYLAND_DISPLAY"_s, QString());
    const Run run = driftline(demoArgs()
                                  + QStringList {u"--env"_s, u"staging"_s, u"--app"_s, u"api"_s, u"--format=png"_s,
                                                 u"--output"_s, path},
                              env);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.isEmpty(), run.out.constData());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.peek(8) == QByteArray("\x89PNG\r\n\x1a\n", 8));
    QImage image;
    QVERIFY(image.load(&file, "PNG"));
    // The SVG drawn at two pixels per point: api has a handful of nodes side by side.
    QVERIFY2(image.width() > 400 && image.height() > 100, qPrintable(u"%1x%2"_s.arg(image.width()).arg(image.height())));
    QCOMPARE(image.pixelColor(0, 0), QColor(Qt::white));
    int ink = 0;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3)
            ink += image.pixel(x, y) != qRgb(255, 255, 255) ? 1 : 0;
    }
    QVERIFY2(ink > 500, qPrintable(QString::number(ink)));
}

void TestCliGraph::unreachableClusterStillDraws()
{
    // A port that was free a moment ago: nothing listens there.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    }
    const QString kubeconfig = m_home.filePath(u"closed.kubeconfig"_s);
    test::writeFile(kubeconfig, "apiVersion: v1\nkind: Config\n"
                                "clusters:\n  - name: closed-cluster\n    cluster:\n      server: https://127.0.0.1:"
                                    + QByteArray::number(port)
                                    + "\n      insecure-skip-tls-verify: true\n"
                                      "users:\n  - name: nobody\n    user:\n      token: not-a-real-token\n"
                                      "contexts:\n  - name: driftline-sandbox\n    context:\n      cluster: closed-cluster\n"
                                      "      user: nobody\ncurrent-context: driftline-sandbox\n");
    const Run run = driftline({u"--workspace"_s, m_demo->repositoryPath(), u"--kubeconfig"_s, kubeconfig,
                               u"--timeout"_s, u"10"_s, u"--env"_s, u"staging"_s, u"--app"_s, u"api"_s});
    // Not an error: the graph of what Git holds, every status Unknown, and stderr says why.
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.err.contains(u"Unreachable"_s) && run.err.contains(u"closed-cluster"_s), qPrintable(run.err));
    QVERIFY2(!run.err.contains(u"not-a-real-token"_s), qPrintable(run.err));
    const QString dot = QString::fromUtf8(run.out);
    QVERIFY2(dot.contains(u"label=\"Deployment\\napi\\nUnknown"_s), qPrintable(dot));
    const QStringList ids = dotNodeIds(dot);
    QVERIFY(ids.contains(u"ConfigMap/shop-staging/api-config"_s));
    // Nothing live: no ReplicaSet.
    QVERIFY2(std::none_of(ids.cbegin(), ids.cend(), [](const QString& id) { return id.contains(u"ReplicaSet"_s); }),
             qPrintable(dot));
}

void TestCliGraph::mistakes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("mentions");
    QTest::newRow("unknown app") << QStringList {u"--env"_s, u"staging"_s, u"--app"_s, u"shop"_s}
                                 << QStringList {u"\"shop\""_s, u"namespaces, web, api, postgres, jobs"_s};
    QTest::newRow("unknown env") << QStringList {u"--env"_s, u"qa"_s, u"--app"_s, u"api"_s}
                                 << QStringList {u"\"qa\""_s, u"staging, production"_s};
    QTest::newRow("png to stdout") << QStringList {u"--env"_s, u"staging"_s, u"--app"_s, u"api"_s, u"--format"_s,
                                                   u"png"_s}
                                   << QStringList {u"png needs --output"_s};
    QTest::newRow("unknown format") << QStringList {u"--env"_s, u"staging"_s, u"--app"_s, u"api"_s, u"--format"_s,
                                                    u"gif"_s}
                                    << QStringList {u"\"gif\""_s, u"dot, svg or png"_s};
    QTest::newRow("no app") << QStringList {u"--env"_s, u"staging"_s} << QStringList {u"--app"_s};
    QTest::newRow("two environments") << QStringList {u"--env"_s, u"staging"_s, u"--env"_s, u"production"_s,
                                                      u"--app"_s, u"api"_s}
                                      << QStringList {u"--env"_s};
}

void TestCliGraph::mistakes()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, mentions);
    const Run run = driftline(demoArgs() + args);
    QVERIFY2(run.exitCode == 2, qPrintable(run.err));
    QVERIFY2(run.out.isEmpty(), run.out.constData());
    for (const QString& mention : std::as_const(mentions))
        QVERIFY2(run.err.contains(mention), qPrintable(run.err));
}

void TestCliGraph::manyPodsFoldIntoAGroup()
{
    auto config = kube::Kubeconfig::loadFile(m_demo->kubeconfigPath());
    QVERIFY2(config.has_value(), qPrintable(test::why(config)));
    kube::KubeClient client(std::make_shared<kube::CredentialResolver>(*config), demo::DemoSession::contextName());
    const auto scaled = test::await(client.patch(u"apps"_s, u"v1"_s, u"Deployment"_s, u"shop-prod"_s, u"api"_s,
                                                 kube::PatchType::Merge, R"({"spec":{"replicas":7}})",
                                                 u"kubectl-scale"_s));
    QVERIFY2(scaled.has_value(), qPrintable(test::why(scaled)));

    const QStringList args = demoArgs() + QStringList {u"--env"_s, u"production"_s, u"--app"_s, u"api"_s};
    auto pods = [](const QStringList& ids) {
        return std::count_if(ids.cbegin(), ids.cend(), [](const QString& id) { return id.startsWith(u"Pod/"_s); });
    };
    // The sandbox's controllers start the Pods on their own time.
    QStringList expanded;
    QTRY_VERIFY_WITH_TIMEOUT(
        (expanded = dotNodeIds(QString::fromUtf8(driftline(args + QStringList {u"--expand-groups"_s}).out)),
         pods(expanded) == 7),
        10000);
    const Run folded = driftline(args);
    QCOMPARE(folded.exitCode, 0);
    const QStringList ids = dotNodeIds(QString::fromUtf8(folded.out));
    QCOMPARE(pods(ids), 0);
    QCOMPARE(ids.size(), expanded.size() - 7 + 1);
    QVERIFY2(std::any_of(ids.cbegin(), ids.cend(), [](const QString& id) { return id.startsWith(u"group:"_s); }),
             qPrintable(ids.join(u", "_s)));
    QVERIFY2(folded.out.contains("\\n7 Pods\\n"), folded.out.constData());
}

QTEST_GUILESS_MAIN(TestCliGraph)
#include "tst_cligraph.moc"
