// `driftline status` and `driftline diff`: the real binary against the demo's
// sandbox cluster over HTTPS (started in this process, reached only through the
// kubeconfig it writes), against a workspace applied to the cluster as it is in
// Git, against a cluster that does not answer, and with the usual mistakes.
#include "demo/demosession.h"
#include "engine/driftcheck.h"
#include "kube/credentialresolver.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/trackingid.h"
#include "testsupport/await.h"
#include "testsupport/testrepo.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace driftline;
using driftline::test::await;
using driftline::test::TestRepo;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

// A workspace of one environment, "calm", on the demo's cluster (its own namespace).
const QByteArray CalmDefinition = "environments:\n"
                                  "  - name: calm\n    namespace: calm\n    context: driftline-sandbox\n"
                                  "applications:\n"
                                  "  - name: shop\n    path: shop\n";
const QByteArray CalmResources = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: calm\n"
                                 "---\n"
                                 "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop\n  namespace: calm\n"
                                 "spec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: shop\n"
                                 "  template:\n    metadata:\n      labels:\n        app: shop\n    spec:\n"
                                 "      containers:\n        - name: shop\n          image: shop/shop:1.0.0\n"
                                 "---\n"
                                 "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-config\n  namespace: calm\n"
                                 "data:\n  greeting: hello\n"
                                 "---\n"
                                 "apiVersion: v1\nkind: Secret\nmetadata:\n  name: shop-secret\n  namespace: calm\n"
                                 "type: Opaque\nstringData:\n  password: git-plaintext-s3cret\n";

QJsonObject findNamed(const QJsonArray& array, const QString& name)
{
    for (const QJsonValue& v : array) {
        if (v.toObject().value(u"name"_s).toString() == name)
            return v.toObject();
    }
    return {};
}

QJsonObject findResource(const QJsonArray& resources, const QString& kind, const QString& name)
{
    for (const QJsonValue& v : resources) {
        const QJsonObject r = v.toObject();
        if (r.value(u"kind"_s).toString() == kind && r.value(u"name"_s).toString() == name)
            return r;
    }
    return {};
}

// The table row of one application, as one line.
QString rowOf(const QString& table, const QString& environment, const QString& application)
{
    for (const QString& line : table.split(u'\n')) {
        const QStringList cells = line.simplified().split(u' ');
        if (cells.size() >= 2 && cells.at(0) == environment && cells.at(1) == application)
            return line;
    }
    return {};
}

// The -/+ lines of unified diffs, without the file headers.
QStringList changedLines(const QString& diff)
{
    QStringList lines;
    for (const QString& line : diff.split(u'\n')) {
        if (line.startsWith(u"---"_s) || line.startsWith(u"+++"_s))
            continue;
        if (line.startsWith(u'-') || line.startsWith(u'+'))
            lines << line;
    }
    return lines;
}

} // namespace

class TestCliDrift : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void statusShowsTheDemoDrift();
    void statusJsonShowsTheDemoDrift();
    void diffShowsTheReplicaChange();
    void diffJsonNamesThePathAndItsManager();
    void diffOfOneResource();
    void workspaceInSyncExitsZero();
    void secretDriftIsMasked();
    void scaledByHandIsExactlyTheReplicaChange();
    void unreachableClusterIsAnError();
    void contextMissingFromTheKubeconfig();
    void mistakes_data();
    void mistakes();
    void colourOnATerminalOnly();

private:
    // Runs driftline (or `program`, which runs it) with the test's environment plus `extra`.
    Run driftline(const QStringList& args, const QProcessEnvironment& extra = {}, const QString& program = {});
    QStringList demoArgs() const;
    QTemporaryDir m_home;
    std::unique_ptr<demo::DemoSession> m_demo;
    std::unique_ptr<TestRepo> m_calm;
};

void TestCliDrift::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY(QFileInfo(QStringLiteral(DRIFTLINE_BINARY_DIR "/bin/driftline")).isExecutable());
    m_demo = std::make_unique<demo::DemoSession>(m_home.filePath(u"demo"_s));
    const auto started = m_demo->start();
    QVERIFY2(started.has_value(), qPrintable(test::why(started)));
    QVERIFY(m_demo->seedReport().has_value());
    QVERIFY(m_demo->seedReport()->errors.isEmpty());

    m_calm = std::make_unique<TestRepo>();
    m_calm->write(u"driftline.yaml"_s, CalmDefinition);
    m_calm->write(u"shop/resources.yaml"_s, CalmResources);
    m_calm->commit(u"calm"_s);
}

Run TestCliDrift::driftline(const QStringList& args, const QProcessEnvironment& extra, const QString& program)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"XDG_CACHE_HOME"_s, m_home.filePath(u"cache"_s));
    env.insert(u"XDG_CONFIG_HOME"_s, m_home.filePath(u"config"_s));
    env.insert(u"XDG_DATA_HOME"_s, m_home.filePath(u"data"_s));
    env.insert(u"HOME"_s, m_home.filePath(u"home"_s)); // no ~/.kube/config of the user's
    env.remove(u"KUBECONFIG"_s);
    env.remove(u"NO_COLOR"_s);
    env.remove(u"DISPLAY"_s);
    env.remove(u"WAYLAND_DISPLAY"_s);
    env.remove(u"QT_QPA_PLATFORM"_s);
    for (const QString& key : extra.keys())
        env.insert(key, extra.value(key));
    process.setProcessEnvironment(env);
    process.start(program.isEmpty() ? QStringLiteral(DRIFTLINE_BINARY_DIR "/bin/driftline") : program, args);
    Run run;
    if (!process.waitForFinished(25000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QStringList TestCliDrift::demoArgs() const
{
    return {u"--workspace"_s, m_demo->repositoryPath(), u"--kubeconfig"_s, m_demo->kubeconfigPath()};
}

void TestCliDrift::statusShowsTheDemoDrift()
{
    const Run run = driftline(QStringList {u"status"_s} + demoArgs());
    QVERIFY2(run.exitCode == 1, qPrintable(run.out + run.err));
    QVERIFY2(run.out.startsWith(u"ENVIRONMENT"_s), qPrintable(run.out));
    const QString stagingApi = rowOf(run.out, u"staging"_s, u"api"_s);
    QVERIFY2(stagingApi.contains(u"OutOfSync"_s) && stagingApi.contains(u"1 out of sync"_s), qPrintable(run.out));
    const QString stagingWeb = rowOf(run.out, u"staging"_s, u"web"_s);
    QVERIFY2(stagingWeb.contains(u"Missing"_s) && stagingWeb.contains(u"1 missing"_s), qPrintable(run.out));
    const QString productionWeb = rowOf(run.out, u"production"_s, u"web"_s);
    QVERIFY2(productionWeb.contains(u"1 out of sync"_s) && productionWeb.contains(u"1 extraneous"_s),
             qPrintable(run.out));
    const QString namespaces = rowOf(run.out, u"staging"_s, u"namespaces"_s);
    QVERIFY2(namespaces.contains(u"Synced"_s) && namespaces.contains(u"1 synced"_s), qPrintable(run.out));
    // Every application of both environments has a row.
    QCOMPARE(run.out.trimmed().split(u'\n').size(), 1 + 2 * 5);
    QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
    // Not a terminal: no colour.
    QVERIFY2(!run.out.contains(u'\x1b'), qPrintable(run.out));
}

void TestCliDrift::statusJsonShowsTheDemoDrift()
{
    const Run run = driftline(QStringList {u"status"_s, u"--format"_s, u"json"_s, u"--env"_s, u"staging"_s,
                                           u"--env"_s, u"production"_s}
                              + demoArgs());
    QVERIFY2(run.exitCode == 1, qPrintable(run.out + run.err));
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(run.out.toUtf8(), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(run.out));
    // Roll-ups take the worst status, and Missing ranks above OutOfSync.
    QCOMPARE(root.value(u"sync"_s).toString(), u"Missing"_s);
    const QJsonArray environments = root.value(u"environments"_s).toArray();
    QCOMPARE(environments.size(), 2);
    const QJsonObject staging = findNamed(environments, u"staging"_s);
    QCOMPARE(staging.value(u"context"_s).toString(), demo::DemoSession::contextName());
    QCOMPARE(staging.value(u"connection"_s)[u"state"_s].toString(), u"Connected"_s);
    QCOMPARE(staging.value(u"sync"_s).toString(), u"Missing"_s);

    const QJsonObject api = findNamed(staging.value(u"applications"_s).toArray(), u"api"_s);
    QCOMPARE(api.value(u"sync"_s).toString(), u"OutOfSync"_s);
    QCOMPARE(api.value(u"counts"_s)[u"outOfSync"_s].toInt(), 1);
    const QJsonObject apiDeployment = findResource(api.value(u"resources"_s).toArray(), u"Deployment"_s, u"api"_s);
    QCOMPARE(apiDeployment.value(u"sync"_s).toString(), u"OutOfSync"_s);
    QCOMPARE(apiDeployment.value(u"namespace"_s).toString(), u"shop-staging"_s);
    QVERIFY2(apiDeployment.value(u"reason"_s).toString().contains(u"/spec/replicas"_s),
             qPrintable(apiDeployment.value(u"reason"_s).toString()));
    QVERIFY(!apiDeployment.value(u"health"_s).toString().isEmpty());

    const QJsonObject web = findNamed(staging.value(u"applications"_s).toArray(), u"web"_s);
    QCOMPARE(web.value(u"sync"_s).toString(), u"Missing"_s);
    QCOMPARE(findResource(web.value(u"resources"_s).toArray(), u"Service"_s, u"web"_s).value(u"sync"_s).toString(),
             u"Missing"_s);
    QCOMPARE(web.value(u"counts"_s)[u"missing"_s].toInt(), 1);

    const QJsonObject production = findNamed(environments, u"production"_s);
    const QJsonArray prodWeb = findNamed(production.value(u"applications"_s).toArray(), u"web"_s)
                                   .value(u"resources"_s)
                                   .toArray();
    QCOMPARE(findResource(prodWeb, u"ConfigMap"_s, u"web-config"_s).value(u"sync"_s).toString(), u"OutOfSync"_s);
    QCOMPARE(findResource(prodWeb, u"ConfigMap"_s, u"web-debug"_s).value(u"sync"_s).toString(), u"Extraneous"_s);
    // The environment's counts add up its applications'.
    int total = 0;
    for (const QJsonValue& app : production.value(u"applications"_s).toArray())
        total += app[u"counts"_s][u"extraneous"_s].toInt();
    QCOMPARE(production.value(u"counts"_s)[u"extraneous"_s].toInt(), total);
    QVERIFY(total >= 1);
}

void TestCliDrift::diffShowsTheReplicaChange()
{
    const Run run = driftline(QStringList {u"diff"_s, u"--env"_s, u"staging"_s, u"--app"_s, u"api"_s} + demoArgs());
    QVERIFY2(run.exitCode == 1, qPrintable(run.out + run.err));
    // One resource: the Deployment (scaled by hand, and behind the tip commit's image and env).
    QVERIFY2(run.out.startsWith(u"staging/api Deployment/shop-staging/api OutOfSync"_s), qPrintable(run.out));
    QCOMPARE(run.out.count(u"--- git/"_s), 1);
    QVERIFY2(run.out.contains(u"--- git/staging/api/Deployment/shop-staging/api"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"+++ live/staging/api/Deployment/shop-staging/api"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"\n@@ -"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"  spec.replicas: "_s) && run.out.contains(u" → 4 (kubectl-scale)"_s), qPrintable(run.out));
    const QStringList changed = changedLines(run.out);
    QVERIFY2(changed.filter(u"replicas:"_s).size() == 2, qPrintable(run.out));
    QVERIFY2(changed.contains(u"+  replicas: 4"_s), qPrintable(run.out));
    QVERIFY2(!changed.filter(u"image:"_s).isEmpty(), qPrintable(run.out));
    // Equal lines are context, never changes: the name and the selector are not in the diff's -/+ lines.
    QVERIFY2(changed.filter(u"name: api"_s).isEmpty(), qPrintable(run.out));
    // Not a terminal: no colour.
    QVERIFY2(!run.out.contains(u'\x1b') && !run.err.contains(u'\x1b'), qPrintable(run.out));
}

void TestCliDrift::diffJsonNamesThePathAndItsManager()
{
    const Run run = driftline(QStringList {u"diff"_s, u"--env"_s, u"staging"_s, u"--app"_s, u"api"_s, u"--format"_s,
                                           u"json"_s}
                              + demoArgs());
    QVERIFY2(run.exitCode == 1, qPrintable(run.out + run.err));
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(run.out.toUtf8(), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(run.out));
    const QJsonArray resources = root.value(u"resources"_s).toArray();
    QCOMPARE(resources.size(), 1);
    const QJsonObject r = resources.first().toObject();
    QCOMPARE(r.value(u"environment"_s).toString(), u"staging"_s);
    QCOMPARE(r.value(u"application"_s).toString(), u"api"_s);
    QCOMPARE(r.value(u"kind"_s).toString(), u"Deployment"_s);
    QCOMPARE(r.value(u"namespace"_s).toString(), u"shop-staging"_s);
    QCOMPARE(r.value(u"name"_s).toString(), u"api"_s);
    QCOMPARE(r.value(u"sync"_s).toString(), u"OutOfSync"_s);
    QJsonObject replicas;
    for (const QJsonValue& change : r.value(u"changes"_s).toArray()) {
        if (change[u"path"_s].toString() == u"/spec/replicas")
            replicas = change.toObject();
    }
    QVERIFY2(!replicas.isEmpty(), qPrintable(run.out));
    QCOMPARE(replicas.value(u"new"_s).toString(), u"4"_s);
    QCOMPARE(replicas.value(u"manager"_s).toString(), u"kubectl-scale"_s);
    QCOMPARE(replicas.value(u"change"_s).toString(), u"changed"_s);
}

void TestCliDrift::diffOfOneResource()
{
    // The extraneous ConfigMap: only the live side has it.
    Run run = driftline(QStringList {u"diff"_s, u"--env"_s, u"production"_s, u"--resource"_s,
                                     u"configmap/shop-prod/web-debug"_s}
                        + demoArgs());
    QVERIFY2(run.exitCode == 1, qPrintable(run.out + run.err));
    QVERIFY2(run.out.startsWith(u"production/web ConfigMap/shop-prod/web-debug Extraneous"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"+  DEBUG_TOOLBAR: \"on\""_s), qPrintable(run.out));
    for (const QString& line : changedLines(run.out))
        QVERIFY2(line.startsWith(u'+'), qPrintable(run.out));

    // A resource in sync: nothing to show, exit 0.
    run = driftline(QStringList {u"diff"_s, u"--env"_s, u"staging"_s, u"--resource"_s, u"Namespace/shop-staging"_s}
                    + demoArgs());
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
}

void TestCliDrift::workspaceInSyncExitsZero()
{
    // Apply what Git has, the way Driftline applies (server-side apply, the tracking annotation).
    engine::DriftCheck::Options options;
    options.workspace = m_calm->path();
    const auto loaded = engine::DriftCheck::load(options);
    QVERIFY2(loaded.has_value(), qPrintable(test::why(loaded)));
    const workspace::RenderResult render = loaded->renders.value(u"calm/shop"_s);
    QCOMPARE(render.resources.size(), 4);
    auto config = kube::Kubeconfig::loadFile(m_demo->kubeconfigPath());
    QVERIFY2(config.has_value(), qPrintable(test::why(config)));
    kube::KubeClient client(std::make_shared<kube::CredentialResolver>(*config), demo::DemoSession::contextName());
    for (const Resource& resource : render.resources) {
        QJsonObject object = resource.object();
        QJsonObject metadata = object.value(u"metadata"_s).toObject();
        metadata.insert(u"annotations"_s,
                        QJsonObject {{QString(kube::TrackingId::DriftlineAnnotation),
                                      kube::TrackingId::forResource(u"shop"_s, resource.key()).toString()}});
        object.insert(u"metadata"_s, metadata);
        const auto applied = await(client.apply(object));
        QVERIFY2(applied.has_value(), qPrintable(test::why(applied)));
    }

    const QStringList args {u"--workspace"_s, m_calm->path(), u"--kubeconfig"_s, m_demo->kubeconfigPath()};
    Run run = driftline(QStringList {u"status"_s} + args);
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    const QString row = rowOf(run.out, u"calm"_s, u"shop"_s);
    QVERIFY2(row.contains(u"Synced"_s) && row.contains(u"4 synced"_s), qPrintable(run.out));
    QVERIFY2(run.err.isEmpty(), qPrintable(run.err));

    run = driftline(QStringList {u"diff"_s} + args);
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
}

void TestCliDrift::secretDriftIsMasked()
{
    auto config = kube::Kubeconfig::loadFile(m_demo->kubeconfigPath());
    QVERIFY2(config.has_value(), qPrintable(test::why(config)));
    kube::KubeClient client(std::make_shared<kube::CredentialResolver>(*config), demo::DemoSession::contextName());
    // As `kubectl edit secret` would change it.
    const QByteArray live = "live-plaintext-h4ck";
    const auto patched = await(client.patch({}, u"v1"_s, u"Secret"_s, u"calm"_s, u"shop-secret"_s,
                                            kube::PatchType::Merge,
                                            R"({"data":{"password":")" + live.toBase64() + R"("}})",
                                            u"kubectl-edit"_s));
    QVERIFY2(patched.has_value(), qPrintable(test::why(patched)));

    const QStringList args {u"--workspace"_s, m_calm->path(), u"--kubeconfig"_s, m_demo->kubeconfigPath()};
    const QByteArray git = "git-plaintext-s3cret";
    const QStringList forbidden {QString::fromLatin1(git), QString::fromLatin1(git.toBase64()),
                                 QString::fromLatin1(live), QString::fromLatin1(live.toBase64())};
    for (const QString& format : {u"unified"_s, u"json"_s}) {
        const Run run = driftline(QStringList {u"diff"_s, u"--format"_s, format} + args);
        QVERIFY2(run.exitCode == 1, qPrintable(run.out + run.err));
        QVERIFY2(run.out.contains(u"shop-secret"_s), qPrintable(run.out));
        QVERIFY2(run.out.contains(u"‹secret"_s), qPrintable(run.out));
        for (const QString& secret : forbidden) {
            QVERIFY2(!run.out.contains(secret), qPrintable(format + u": "_s + secret));
            QVERIFY2(!run.err.contains(secret), qPrintable(format + u": "_s + secret));
        }
    }
    const Run status = driftline(QStringList {u"status"_s, u"--format"_s, u"json"_s} + args);
    QCOMPARE(status.exitCode, 1);
    for (const QString& secret : forbidden)
        QVERIFY2(!status.out.contains(secret), qPrintable(secret));
}

void TestCliDrift::scaledByHandIsExactlyTheReplicaChange()
{
    auto config = kube::Kubeconfig::loadFile(m_demo->kubeconfigPath());
    QVERIFY2(config.has_value(), qPrintable(test::why(config)));
    kube::KubeClient client(std::make_shared<kube::CredentialResolver>(*config), demo::DemoSession::contextName());
    const auto scaled = await(client.patch(u"apps"_s, u"v1"_s, u"Deployment"_s, u"calm"_s, u"shop"_s,
                                           kube::PatchType::Merge, R"({"spec":{"replicas":3}})", u"kubectl-scale"_s));
    QVERIFY2(scaled.has_value(), qPrintable(test::why(scaled)));

    const QStringList args {u"--workspace"_s, m_calm->path(), u"--kubeconfig"_s, m_demo->kubeconfigPath(),
                            u"--resource"_s, u"Deployment/shop"_s};
    Run run = driftline(QStringList {u"diff"_s} + args);
    QVERIFY2(run.exitCode == 1, qPrintable(run.out + run.err));
    QCOMPARE(changedLines(run.out), (QStringList {u"-  replicas: 2"_s, u"+  replicas: 3"_s}));
    QVERIFY2(run.out.contains(u"  spec.replicas: 2 → 3 (kubectl-scale)\n"_s), qPrintable(run.out));

    run = driftline(QStringList {u"diff"_s, u"--format"_s, u"json"_s} + args);
    QVERIFY2(run.exitCode == 1, qPrintable(run.out + run.err));
    const QJsonArray resources = QJsonDocument::fromJson(run.out.toUtf8()).object().value(u"resources"_s).toArray();
    QCOMPARE(resources.size(), 1);
    const QJsonArray changes = resources[0][u"changes"_s].toArray();
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes[0][u"path"_s].toString(), u"/spec/replicas"_s);
    QCOMPARE(changes[0][u"old"_s].toString(), u"2"_s);
    QCOMPARE(changes[0][u"new"_s].toString(), u"3"_s);
    QCOMPARE(changes[0][u"manager"_s].toString(), u"kubectl-scale"_s);
}

void TestCliDrift::unreachableClusterIsAnError()
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
    // Through $KUBECONFIG this time, as kubectl reads it.
    QProcessEnvironment env;
    env.insert(u"KUBECONFIG"_s, kubeconfig);
    const Run run = driftline({u"status"_s, u"--workspace"_s, m_demo->repositoryPath(), u"--env"_s, u"staging"_s}, env);
    QVERIFY2(run.exitCode == 2, qPrintable(run.out + run.err));
    QVERIFY2(run.err.contains(u"staging"_s), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"closed-cluster"_s), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"driftline-sandbox"_s), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"Unreachable"_s), qPrintable(run.err));
    QVERIFY2(!run.err.contains(u"not-a-real-token"_s), qPrintable(run.err));
    // The table still prints, every application Unknown.
    const QString api = rowOf(run.out, u"staging"_s, u"api"_s);
    QVERIFY2(api.contains(u"Unknown"_s), qPrintable(run.out));
    QVERIFY2(!run.out.contains(u"production"_s), qPrintable(run.out));

    const Run json = driftline({u"status"_s, u"--workspace"_s, m_demo->repositoryPath(), u"--env"_s, u"staging"_s,
                                u"--format"_s, u"json"_s},
                               env);
    QCOMPARE(json.exitCode, 2);
    const QJsonObject staging = QJsonDocument::fromJson(json.out.toUtf8())
                                    .object()
                                    .value(u"environments"_s)
                                    .toArray()
                                    .first()
                                    .toObject();
    QCOMPARE(staging.value(u"connection"_s)[u"state"_s].toString(), u"Unreachable"_s);
    QVERIFY(!staging.value(u"connection"_s)[u"reason"_s].toString().isEmpty());
    QCOMPARE(staging.value(u"sync"_s).toString(), u"Unknown"_s);
}

void TestCliDrift::contextMissingFromTheKubeconfig()
{
    const QString kubeconfig = m_home.filePath(u"other.kubeconfig"_s);
    test::writeFile(kubeconfig, "apiVersion: v1\nkind: Config\n"
                                "clusters:\n  - name: elsewhere\n    cluster:\n      server: https://127.0.0.1:1\n"
                                "users:\n  - name: nobody\n    user:\n      token: abc\n"
                                "contexts:\n  - name: elsewhere\n    context:\n      cluster: elsewhere\n"
                                "      user: nobody\ncurrent-context: elsewhere\n");
    const Run run = driftline({u"diff"_s, u"--workspace"_s, m_demo->repositoryPath(), u"--kubeconfig"_s, kubeconfig});
    QVERIFY2(run.exitCode == 2, qPrintable(run.out + run.err));
    QVERIFY2(run.err.contains(u"Not configured"_s) && run.err.contains(u"driftline-sandbox"_s), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"production"_s) && run.err.contains(u"staging"_s), qPrintable(run.err));
}

void TestCliDrift::mistakes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("mentions");
    QTest::newRow("unknown env") << QStringList {u"status"_s, u"--env"_s, u"qa"_s}
                                 << QStringList {u"\"qa\""_s, u"staging, production"_s};
    QTest::newRow("unknown app") << QStringList {u"diff"_s, u"--app"_s, u"shop"_s}
                                 << QStringList {u"\"shop\""_s, u"namespaces, web, api, postgres, jobs"_s};
    QTest::newRow("unknown resource") << QStringList {u"diff"_s, u"--env"_s, u"staging"_s, u"--app"_s, u"api"_s, u"--resource"_s,
                                                      u"Deployment/nope"_s}
                                      << QStringList {u"\"Deployment/nope\""_s, u"Deployment/shop-staging/api"_s};
    QTest::newRow("bad resource") << QStringList {u"diff"_s, u"--resource"_s, u"api"_s}
                                  << QStringList {u"KIND/NAME"_s};
    QTest::newRow("bad format") << QStringList {u"status"_s, u"--format"_s, u"yaml"_s}
                                << QStringList {u"table or json"_s};
    QTest::newRow("bad colour") << QStringList {u"diff"_s, u"--color"_s, u"sometimes"_s}
                                << QStringList {u"auto, always or never"_s};
    QTest::newRow("no workspace") << QStringList {u"status"_s, u"--workspace"_s, u"/nonexistent/repo"_s}
                                  << QStringList {u"/nonexistent/repo"_s};
}

void TestCliDrift::mistakes()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, mentions);
    QStringList all = args;
    if (!args.contains(u"--workspace"_s))
        all += demoArgs();
    else
        all += QStringList {u"--kubeconfig"_s, m_demo->kubeconfigPath()};
    const Run run = driftline(all);
    QVERIFY2(run.exitCode == 2, qPrintable(run.out + run.err));
    for (const QString& m : mentions)
        QVERIFY2(run.err.contains(m), qPrintable(m + u" not in: "_s + run.err));
}

void TestCliDrift::colourOnATerminalOnly()
{
    // stdout was a pipe in the runs above, which checked that --color auto leaves escapes out.
    // Here `script` gives the command a terminal; without it, colour is asked for explicitly.
    const QString script = QStandardPaths::findExecutable(u"script"_s);
    QStringList args {u"diff"_s, u"--env"_s, u"staging"_s, u"--app"_s, u"api"_s};
    args += demoArgs();
    const auto onTerminal = [&](const QProcessEnvironment& env) {
        QString command = QStringLiteral(DRIFTLINE_BINARY_DIR "/bin/driftline");
        for (const QString& arg : std::as_const(args))
            command += u" '"_s + arg + u'\'';
        return driftline({u"-qec"_s, command, u"/dev/null"_s}, env, script);
    };
    const Run coloured = script.isEmpty() ? driftline(args + QStringList {u"--color"_s, u"always"_s})
                                          : onTerminal({});
    QCOMPARE(coloured.exitCode, 1);
    // Red removals, green additions, cyan hunks, a bold header.
    QVERIFY2(coloured.out.contains(u"\x1b[31m-"_s) && coloured.out.contains(u"\x1b[32m+"_s)
                 && coloured.out.contains(u"\x1b[36m@@"_s) && coloured.out.contains(u"\x1b[1mstaging/api"_s),
             qPrintable(coloured.out));
    if (script.isEmpty())
        QSKIP("no `script` program to give the command a terminal");
    QProcessEnvironment noColor;
    noColor.insert(u"NO_COLOR"_s, u"1"_s);
    const Run plain = onTerminal(noColor);
    QCOMPARE(plain.exitCode, 1);
    QVERIFY2(plain.out.contains(u"+  replicas: 4"_s) && !plain.out.contains(u'\x1b'), qPrintable(plain.out));
}

QTEST_GUILESS_MAIN(TestCliDrift)
#include "tst_clidrift.moc"
