// The real driftline binary as a command-line tool on real repositories:
// apps lists what is there, render prints YAML that parses back to the same
// resources with Secrets redacted, and mistakes give clear messages and codes.
#include "core/manifestparser.h"
#include "kube/credentialresolver.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "testsupport/await.h"
#include "testsupport/testrepo.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

#include <signal.h>
#include <sys/types.h>

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

const QByteArray WebStaging = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop-staging\n"
                              "  labels:\n    app: web\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n"
                              "        - name: web\n          image: shop/web:1.4.2\n          args: [\"--port\", \"8080\"]\n"
                              "---\n"
                              "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop-staging\n"
                              "spec:\n  ports:\n    - port: 80\n      targetPort: 8080\n";
const QByteArray WebSecret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-token\n  namespace: shop-staging\n"
                             "type: Opaque\nstringData:\n  token: very-secret-token-value\n"
                             "data:\n  key: c3VwZXItc2VjcmV0LWtleQ==\n";
const QByteArray WebConfig = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\n  namespace: shop-staging\n"
                             "data:\n  motd: |\n    Welcome\n    to the shop\n  answer: \"42\"\n";

// A running `driftline sandbox` or `driftline demo`, killed if a test fails before stopping it.
struct SandboxProcess {
    QProcess process;
    QByteArray out;
    QString server;
    QString workspace;
    QString kubeconfig;

    ~SandboxProcess()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
    }

    // True once both announcement lines have arrived on stdout.
    bool announced()
    {
        out += process.readAllStandardOutput();
        for (const QByteArray& line : out.split('\n')) {
            if (line.startsWith("server: "))
                server = QString::fromUtf8(line.mid(8));
            else if (line.startsWith("workspace: "))
                workspace = QString::fromUtf8(line.mid(11));
            else if (line.startsWith("kubeconfig: "))
                kubeconfig = QString::fromUtf8(line.mid(12));
        }
        return (!server.isEmpty() || !workspace.isEmpty()) && !kubeconfig.isEmpty() && out.count('\n') >= 2;
    }
};

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void appsListsEnvironmentsAndApplications();
    void appsJson();
    void renderPrintsParsableYaml();
    void renderReportsErrorsWithTheirLine();
    void mistakes_data();
    void mistakes();
    void version();
    void sandboxServesItsKubeconfig();
    void sandboxRefusesATakenPort();
    void sandboxKeepsItsStateAndLoadsADump();
    void demoPreparesTheRepositoryAndServesItsCluster();

private:
    void startSandbox(SandboxProcess& sandbox, const QStringList& args, const QString& command = u"sandbox"_s);
    Run driftline(const QStringList& args, const QString& workingDirectory = {});
    QTemporaryDir m_home;
    std::unique_ptr<TestRepo> m_repo;
};

void TestCli::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY(QFileInfo(QStringLiteral(DRIFTLINE_BINARY_DIR "/bin/driftline")).isExecutable());
    m_repo = std::make_unique<TestRepo>();
    m_repo->write(u"driftline.yaml"_s, "environments:\n"
                                       "  - name: staging\n    namespace: shop-staging\n    context: kind-staging\n"
                                       "  - name: production\n    namespace: shop\n"
                                       "applications:\n"
                                       "  - name: web\n    path: apps/web/{environment}\n"
                                       "  - name: db\n    path: apps/db\n    environments: [production]\n");
    m_repo->write(u"apps/web/staging/web.yaml"_s, WebStaging);
    m_repo->write(u"apps/web/staging/secret.yaml"_s, WebSecret);
    m_repo->write(u"apps/web/staging/config/configmap.json"_s,
                  R"({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "web-json", "namespace": "shop-staging"}, "data": {"a": "b"}})");
    m_repo->write(u"apps/web/production/web.yaml"_s, WebConfig);
    m_repo->write(u"apps/db/db.yaml"_s, "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: postgres\n"
                                        "  namespace: data\nspec:\n  replicas: 1\n");
    m_repo->commit(u"shop"_s);
}

Run TestCli::driftline(const QStringList& args, const QString& workingDirectory)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"XDG_CACHE_HOME"_s, m_home.filePath(u"cache"_s));
    env.insert(u"XDG_CONFIG_HOME"_s, m_home.filePath(u"config"_s));
    env.insert(u"XDG_DATA_HOME"_s, m_home.filePath(u"data"_s));
    // The CLI must not need a display: make sure it never tries to open one.
    env.remove(u"DISPLAY"_s);
    env.remove(u"WAYLAND_DISPLAY"_s);
    env.remove(u"QT_QPA_PLATFORM"_s);
    process.setProcessEnvironment(env);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(QStringLiteral(DRIFTLINE_BINARY_DIR "/bin/driftline"), args);
    Run run;
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

void TestCli::appsListsEnvironmentsAndApplications()
{
    // From inside the repository, without --workspace.
    const Run run = driftline({u"apps"_s}, m_repo->path());
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QStringList lines = run.out.split(u'\n');
    const auto lineOf = [&](const QString& start) {
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (lines[i].trimmed().startsWith(start))
                return int(i);
        }
        return -1;
    };
    const int staging = lineOf(u"staging"_s);
    const int production = lineOf(u"production"_s);
    QVERIFY2(staging >= 0 && production > staging, qPrintable(run.out));
    QVERIFY(lines[staging].contains(u"kind-staging"_s));
    // web in staging: 4 resources; db only in production.
    const int webStaging = lineOf(u"web "_s);
    QVERIFY2(webStaging > staging && webStaging < production, qPrintable(run.out));
    QVERIFY2(lines[webStaging].contains(u"driftline.yaml:"_s), qPrintable(lines[webStaging]));
    QVERIFY2(lines[webStaging].contains(u" 4 "_s), qPrintable(lines[webStaging]));
    const QStringList productionPart = lines.mid(production);
    QVERIFY2(productionPart.filter(u"db "_s).size() == 1, qPrintable(run.out));
    QVERIFY2(lines.mid(staging, production - staging).filter(u"db "_s).isEmpty(), qPrintable(run.out));
    QVERIFY(productionPart.filter(u"web "_s).first().contains(u" 1 "_s));
}

void TestCli::appsJson()
{
    const Run run = driftline({u"apps"_s, u"--json"_s, u"--workspace"_s, m_repo->path()});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(run.out.toUtf8(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString() + u'\n' + run.out));
    const QJsonObject root = doc.object();
    QCOMPARE(root.value(u"commit"_s).toString(), m_repo->git({u"rev-parse"_s, u"HEAD"_s}));
    QCOMPARE(root.value(u"definition"_s).toString(), u"driftline.yaml"_s);
    const QJsonArray environments = root.value(u"environments"_s).toArray();
    QCOMPARE(environments.size(), 2);
    QCOMPARE(environments[0].toObject().value(u"name"_s).toString(), u"staging"_s);
    QCOMPARE(environments[0].toObject().value(u"context"_s).toString(), u"kind-staging"_s);
    const QJsonArray stagingApps = environments[0].toObject().value(u"applications"_s).toArray();
    QCOMPARE(stagingApps.size(), 1);
    const QJsonObject web = stagingApps[0].toObject();
    QCOMPARE(web.value(u"name"_s).toString(), u"web"_s);
    QCOMPARE(web.value(u"path"_s).toString(), u"apps/web/staging"_s);
    QCOMPARE(web.value(u"rule"_s).toString(), u"driftline-yaml"_s);
    QCOMPARE(web.value(u"resources"_s).toInt(), 4);
    QCOMPARE(web.value(u"kinds"_s).toObject(),
             QJsonObject({{u"ConfigMap"_s, 1}, {u"Deployment"_s, 1}, {u"Secret"_s, 1}, {u"Service"_s, 1}}));
    QCOMPARE(web.value(u"errors"_s).toArray().size(), 0);
    const QJsonArray productionApps = environments[1].toObject().value(u"applications"_s).toArray();
    QCOMPARE(productionApps.size(), 2);
}

void TestCli::renderPrintsParsableYaml()
{
    const Run run = driftline({u"render"_s, u"--env"_s, u"staging"_s, u"--app"_s, u"web"_s, u"--workspace"_s, m_repo->path()});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.err.isEmpty(), qPrintable(run.err));

    // What went in, parsed by the same parser, is what comes out.
    ParseResult expected = ManifestParser::parse(WebStaging, u"web.yaml"_s);
    expected.resources << ManifestParser::parse(WebSecret, u"secret.yaml"_s).resources;
    expected.resources << ManifestParser::parse(m_repo->git({u"show"_s, u"HEAD:apps/web/staging/config/configmap.json"_s}).toUtf8(),
                                                u"configmap.json"_s)
                              .resources;
    QCOMPARE(expected.resources.size(), 4);
    const ParseResult printed = ManifestParser::parse(run.out.toUtf8(), u"stdout"_s);
    QVERIFY2(printed.errors.isEmpty(), qPrintable(printed.errors.value(0).toString()));
    QCOMPARE(printed.resources.size(), expected.resources.size());
    QCOMPARE(run.out.count(u"\n---\n"_s), 3);

    for (const Resource& want : std::as_const(expected.resources)) {
        const auto got = std::find_if(printed.resources.cbegin(), printed.resources.cend(),
                                      [&](const Resource& r) { return r.key() == want.key(); });
        QVERIFY2(got != printed.resources.cend(), qPrintable(want.key().displayName()));
        if (want.kind() == u"Secret") {
            // Keys kept, values never printed.
            QCOMPARE(got->object().value(u"metadata"_s), want.object().value(u"metadata"_s));
            QVERIFY(got->object().value(u"stringData"_s).toObject().contains(u"token"_s));
            QVERIFY(got->object().value(u"data"_s).toObject().contains(u"key"_s));
            continue;
        }
        QCOMPARE(got->object(), want.object());
    }
    QVERIFY(!run.out.contains(u"very-secret-token-value"_s));
    QVERIFY(!run.out.contains(u"c3VwZXItc2VjcmV0LWtleQ=="_s));
    QVERIFY(!run.out.contains(u"super-secret-key"_s));
    QVERIFY(run.out.contains(u"redacted"_s));
}

void TestCli::renderReportsErrorsWithTheirLine()
{
    TestRepo repo;
    repo.write(u"driftline.yaml"_s, "environments:\n  - name: dev\napplications:\n  - name: app\n    path: app\n");
    repo.write(u"app/good.yaml"_s, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good\n  namespace: dev\n");
    repo.write(u"app/bad.yaml"_s, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\n  labels: [oops\n");
    repo.commit(u"one bad file"_s);

    const Run run = driftline({u"render"_s, u"--env"_s, u"dev"_s, u"--app"_s, u"app"_s, u"--workspace"_s, repo.path()});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"app/bad.yaml:"_s), qPrintable(run.err));
    // The good file still renders.
    const ParseResult printed = ManifestParser::parse(run.out.toUtf8(), u"stdout"_s);
    QCOMPARE(printed.resources.size(), 1);
    QCOMPARE(printed.resources.first().name(), u"good"_s);

    const Run apps = driftline({u"apps"_s, u"--workspace"_s, repo.path()});
    QCOMPARE(apps.exitCode, 1);
    QVERIFY2(apps.err.contains(u"app/bad.yaml:"_s), qPrintable(apps.err));
}

void TestCli::mistakes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("messageContains");

    QTest::newRow("unknown environment")
        << QStringList {u"render"_s, u"--env"_s, u"qa"_s, u"--app"_s, u"web"_s} << 2
        << QStringList {u"\"qa\""_s, u"staging"_s, u"production"_s};
    QTest::newRow("unknown application")
        << QStringList {u"render"_s, u"--env"_s, u"staging"_s, u"--app"_s, u"db"_s} << 2
        << QStringList {u"\"db\""_s, u"web"_s};
    QTest::newRow("missing --app") << QStringList {u"render"_s, u"--env"_s, u"staging"_s} << 2
                                   << QStringList {u"--app"_s};
    QTest::newRow("unknown option") << QStringList {u"apps"_s, u"--colour"_s} << 2 << QStringList {u"colour"_s};
    QTest::newRow("unknown command") << QStringList {u"stauts"_s} << 2
                                     << QStringList {u"stauts"_s, u"apps"_s, u"render"_s};
    QTest::newRow("sandbox --load of a missing folder")
        << QStringList {u"sandbox"_s, u"--kubeconfig-out"_s, u"kc.yaml"_s, u"--load"_s, u"no-such-dump"_s} << 1
        << QStringList {u"no-such-dump"_s};
    QTest::newRow("sandbox bad --faults")
        << QStringList {u"sandbox"_s, u"--kubeconfig-out"_s, u"kc.yaml"_s, u"--faults"_s, u"{\"failEveryNth\":-2}"_s}
        << 2 << QStringList {u"--faults"_s, u"failEveryNth"_s};
    QTest::newRow("sandbox without --kubeconfig-out") << QStringList {u"sandbox"_s} << 2
                                                      << QStringList {u"--kubeconfig-out"_s};
    QTest::newRow("sandbox bad port") << QStringList {u"sandbox"_s, u"--kubeconfig-out"_s, u"kc.yaml"_s, u"--port"_s,
                                                      u"70000"_s}
                                      << 2 << QStringList {u"70000"_s};
    QTest::newRow("unknown revision") << QStringList {u"apps"_s, u"--revision"_s, u"no-such-branch"_s} << 1
                                      << QStringList {u"no-such-branch"_s};
}

void TestCli::mistakes()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QStringList, messageContains);

    const Run run = driftline(args, m_repo->path());
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY(run.out.isEmpty());
    for (const QString& text : std::as_const(messageContains))
        QVERIFY2(run.err.contains(text), qPrintable(run.err));
}

void TestCli::version()
{
    const Run run = driftline({u"version"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out.trimmed(), u"driftline " DRIFTLINE_VERSION ""_s);
}

void TestCli::startSandbox(SandboxProcess& sandbox, const QStringList& args, const QString& command)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"DISPLAY"_s);
    env.remove(u"WAYLAND_DISPLAY"_s);
    env.remove(u"QT_QPA_PLATFORM"_s);
    sandbox.process.setProcessEnvironment(env);
    sandbox.process.start(QStringLiteral(DRIFTLINE_BINARY_DIR "/bin/driftline"), QStringList {command} + args);
    QVERIFY(sandbox.process.waitForStarted(10000));
    QTRY_VERIFY2_WITH_TIMEOUT(sandbox.announced() || sandbox.process.state() == QProcess::NotRunning,
                              sandbox.out.constData(), 30000);
    QVERIFY2(sandbox.announced(), qPrintable(QString::fromUtf8(sandbox.process.readAllStandardError())));
}

void TestCli::sandboxServesItsKubeconfig()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A folder that does not exist yet: the command creates it.
    const QString kubeconfigPath = dir.filePath(u"nested/kube/kc.yaml"_s);
    SandboxProcess sandbox;
    startSandbox(sandbox, {u"--kubeconfig-out"_s, kubeconfigPath});
    if (QTest::currentTestFailed())
        return;

    QCOMPARE(sandbox.kubeconfig, QDir::toNativeSeparators(kubeconfigPath));
    const QUrl serverUrl(sandbox.server);
    QCOMPARE(serverUrl.scheme(), u"https"_s);
    QCOMPARE(serverUrl.host(), u"127.0.0.1"_s);
    QVERIFY(serverUrl.port() > 0);

    // It holds the token: nobody but the owner may read it.
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
        | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    QVERIFY(QFileInfo::exists(kubeconfigPath));
    QCOMPARE(QFileInfo(kubeconfigPath).permissions() & others, QFileDevice::Permissions {});

    // Driftline's own client, configured only by the file the command wrote.
    auto config = kube::Kubeconfig::loadFile(kubeconfigPath);
    QVERIFY2(config, qPrintable(config ? QString() : config.error().toString()));
    {
        kube::KubeClient client(std::make_shared<kube::CredentialResolver>(*config));
        const auto version = await(client.version());
        QVERIFY2(version, qPrintable(version ? QString() : version.error().toString()));
        QVERIFY(!version->value(u"gitVersion"_s).toString().isEmpty());

        const QJsonObject ns {{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Namespace"_s},
                              {u"metadata"_s, QJsonObject {{u"name"_s, u"from-the-cli-test"_s}}}};
        const auto created = await(client.create(ns));
        QVERIFY2(created, qPrintable(created ? QString() : created.error().toString()));
        QVERIFY(!created->value(u"metadata"_s).toObject().value(u"uid"_s).toString().isEmpty());

        const auto fetched = await(client.get({}, u"v1"_s, u"Namespace"_s, {}, u"from-the-cli-test"_s));
        QVERIFY2(fetched, qPrintable(fetched ? QString() : fetched.error().toString()));
        QCOMPARE(fetched->value(u"metadata"_s).toObject().value(u"uid"_s),
                 created->value(u"metadata"_s).toObject().value(u"uid"_s));

        const auto missing = await(client.get({}, u"v1"_s, u"Namespace"_s, {}, u"never-created"_s));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, Error::Code::NotFound);
    }

    // SIGTERM stops it cleanly and the kubeconfig stays.
    sandbox.process.terminate();
    QVERIFY(sandbox.process.waitForFinished(5000));
    QCOMPARE(sandbox.process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(sandbox.process.exitCode(), 0);
    QVERIFY(QString::fromUtf8(sandbox.process.readAllStandardError()).contains(u"sandbox stopped"_s));
    QVERIFY(QFileInfo::exists(kubeconfigPath));
}

void TestCli::sandboxRefusesATakenPort()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SandboxProcess first;
    startSandbox(first, {u"--kubeconfig-out"_s, dir.filePath(u"first.yaml"_s)});
    if (QTest::currentTestFailed())
        return;
    const QString port = QString::number(QUrl(first.server).port());

    const QString secondPath = dir.filePath(u"second.yaml"_s);
    const Run second = driftline({u"sandbox"_s, u"--port"_s, port, u"--kubeconfig-out"_s, secondPath});
    QCOMPARE(second.exitCode, 1);
    QVERIFY(second.out.isEmpty());
    QVERIFY2(second.err.contains(u":"_s + port), qPrintable(second.err));
    QVERIFY(!QFileInfo::exists(secondPath));

    // SIGINT stops it as cleanly as SIGTERM.
    QVERIFY(::kill(pid_t(first.process.processId()), SIGINT) == 0);
    QVERIFY(first.process.waitForFinished(5000));
    QCOMPARE(first.process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(first.process.exitCode(), 0);
}

void TestCli::sandboxKeepsItsStateAndLoadsADump()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString statePath = dir.filePath(u"sandbox-state.json"_s);
    const QString kubeconfigPath = dir.filePath(u"kc.yaml"_s);
    const QString dump = QStringLiteral(DRIFTLINE_SOURCE_DIR "/../shared/fixtures/kube/cluster-dump-k3s-v1.31");
    QString uid;
    {
        SandboxProcess sandbox;
        startSandbox(sandbox, {u"--kubeconfig-out"_s, kubeconfigPath, u"--state"_s, statePath, u"--load"_s, dump});
        if (QTest::currentTestFailed())
            return;
        auto config = kube::Kubeconfig::loadFile(kubeconfigPath);
        QVERIFY(config);
        kube::KubeClient client(std::make_shared<kube::CredentialResolver>(*config));
        // An object of the captured k3s cluster is served.
        const auto coredns = await(client.get(u"apps"_s, u"v1"_s, u"Deployment"_s, u"kube-system"_s, u"coredns"_s));
        QVERIFY2(coredns, qPrintable(coredns ? QString() : coredns.error().toString()));
        const QJsonObject ns {{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Namespace"_s},
                              {u"metadata"_s, QJsonObject {{u"name"_s, u"kept-across-restarts"_s}}}};
        const auto created = await(client.create(ns));
        QVERIFY2(created, qPrintable(created ? QString() : created.error().toString()));
        uid = created->value(u"metadata"_s).toObject().value(u"uid"_s).toString();
        sandbox.process.terminate();
        QVERIFY(sandbox.process.waitForFinished(5000));
        QCOMPARE(sandbox.process.exitCode(), 0);
        const QString err = QString::fromUtf8(sandbox.process.readAllStandardError());
        // Every object of the dump is of a served kind.
        QVERIFY2(err.contains(u"loaded 375 object"_s) && !err.contains(u"could not be loaded"_s), qPrintable(err));
    }
    QVERIFY(QFileInfo::exists(statePath));
    QCOMPARE(QFileInfo(statePath).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions {});

    // Restarted with the state file only: the dump's objects and the new one are back, same uid.
    SandboxProcess again;
    startSandbox(again, {u"--kubeconfig-out"_s, kubeconfigPath, u"--state"_s, statePath});
    if (QTest::currentTestFailed())
        return;
    auto config = kube::Kubeconfig::loadFile(kubeconfigPath);
    QVERIFY(config);
    kube::KubeClient client(std::make_shared<kube::CredentialResolver>(*config));
    const auto kept = await(client.get({}, u"v1"_s, u"Namespace"_s, {}, u"kept-across-restarts"_s));
    QVERIFY2(kept, qPrintable(kept ? QString() : kept.error().toString()));
    QCOMPARE(kept->value(u"metadata"_s).toObject().value(u"uid"_s).toString(), uid);
    QVERIFY(await(client.get(u"apps"_s, u"v1"_s, u"Deployment"_s, u"kube-system"_s, u"coredns"_s)));
    again.process.terminate();
    QVERIFY(again.process.waitForFinished(5000));
    QCOMPARE(again.process.exitCode(), 0);
    QVERIFY(QString::fromUtf8(again.process.readAllStandardError()).contains(u"restored"_s));
}

void TestCli::demoPreparesTheRepositoryAndServesItsCluster()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString demoDir = dir.filePath(u"demo"_s);
    {
        SandboxProcess demo;
        startSandbox(demo, {u"--dir"_s, demoDir}, u"demo"_s);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(demo.workspace, QDir::toNativeSeparators(demoDir + u"/shop"_s));
        QCOMPARE(demo.kubeconfig, QDir::toNativeSeparators(demoDir + u"/kubeconfig"_s));
        // Exactly the two lines on stdout; the story goes to stderr.
        QCOMPARE(demo.out.count('\n'), 2);

        // The repository is a workspace the other commands read.
        const Run apps = driftline({u"apps"_s, u"--workspace"_s, demo.workspace});
        QCOMPARE(apps.exitCode, 0);
        QVERIFY2(apps.out.contains(u"staging"_s) && apps.out.contains(u"production"_s), qPrintable(apps.out));

        // The cluster holds the older revision with the hand edits.
        auto config = kube::Kubeconfig::loadFile(demo.kubeconfig);
        QVERIFY2(config, qPrintable(config ? QString() : config.error().toString()));
        {
            kube::KubeClient client(std::make_shared<kube::CredentialResolver>(*config));
            const auto api = await(client.get(u"apps"_s, u"v1"_s, u"Deployment"_s, u"shop-staging"_s, u"api"_s));
            QVERIFY2(api, qPrintable(api ? QString() : api.error().toString()));
            QCOMPARE(api->value(u"spec"_s)[u"replicas"_s].toInt(), 4);
            const auto extra = await(client.get({}, u"v1"_s, u"ConfigMap"_s, u"shop-prod"_s, u"web-debug"_s));
            QVERIFY2(extra, qPrintable(extra ? QString() : extra.error().toString()));
        }
        ::kill(pid_t(demo.process.processId()), SIGTERM);
        QVERIFY(demo.process.waitForFinished(10000));
        QCOMPARE(demo.process.exitCode(), 0);
        const QString err = QString::fromUtf8(demo.process.readAllStandardError());
        QVERIFY2(err.contains(u"By hand: scaled Deployment shop-staging/api to 4 replicas"_s), qPrintable(err));
        QVERIFY2(err.contains(u"demo stopped"_s), qPrintable(err));
    }
    QVERIFY(QFileInfo::exists(demoDir + u"/cluster.json"_s));

    // A second run serves the kept cluster without seeding it again.
    SandboxProcess again;
    startSandbox(again, {u"--dir"_s, demoDir}, u"demo"_s);
    if (QTest::currentTestFailed())
        return;
    again.process.terminate();
    QVERIFY(again.process.waitForFinished(10000));
    QCOMPARE(again.process.exitCode(), 0);
    const QString err = QString::fromUtf8(again.process.readAllStandardError());
    QVERIFY2(!err.contains(u"By hand:"_s), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
