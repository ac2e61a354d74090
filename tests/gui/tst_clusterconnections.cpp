// A real-looking kubeconfig against the sandbox from the app's side: a git
// workspace whose environments use a token context, a client-certificate
// context and an exec-plugin context, loaded with WorkspaceLoader and connected
// by ClusterConnections exactly as the main window does; each environment
// connects and sees its ConfigMap. A fourth environment whose context entry is
// malformed is NotConfigured with the reason, and does not disturb the others.
#include "gui/clusterconnections.h"
#include "gui/clustersettings.h"
#include "kube/credentialresolver.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "sandbox/sandboxcertificates.h"
#include "sandbox/sandboxhost.h"
#include "sandbox/sandboxserver.h"
#include "testsupport/testrepo.h"
#include "workspace/workspaceloader.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace driftline;
using driftline::kube::ConnectionState;
using driftline::sandbox::SandboxCertificates;
using driftline::sandbox::SandboxHost;
using driftline::sandbox::SandboxServer;
using driftline::test::writeFile;

namespace {

constexpr int Timeout = 30'000;

// Environment -> the kubeconfig context it is declared with.
const QList<std::pair<QString, QString>> Connected = {
    {u"token-env"_s, u"token-ctx"_s},
    {u"cert-env"_s, u"cert-ctx"_s},
    {u"exec-env"_s, u"exec-ctx"_s},
};
const QString BrokenEnv = u"broken-env"_s;
const QString BrokenContext = u"broken-ctx"_s;

template<typename T>
Result<T> await(QFuture<Result<T>> future, int timeoutMs = 20'000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!future.isFinished() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (!future.isFinished())
        return fail(Error::Code::Timeout, u"the test gave up waiting"_s);
    if (future.resultCount() == 0)
        return fail(Error::Code::Cancelled, u"the future has no result"_s);
    return future.result();
}

template<typename T>
QByteArray why(const Result<T>& r)
{
    return r ? QByteArray() : r.error().toString().toUtf8();
}

QString namespaceOf(const QString& environment)
{
    return u"team-"_s + environment.section(u'-', 0, 0);
}

QString configMapName(const QString& environment)
{
    return environment + u"-settings"_s;
}

QByteArray configMapYaml(const QString& environment)
{
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + configMapName(environment).toUtf8()
        + "\n  namespace: " + namespaceOf(environment).toUtf8() + "\ndata:\n  greeting: hello\n";
}

bool snapshotHasConfigMap(const gui::ClusterConnections& clusters, const QString& environment)
{
    const auto snapshot = clusters.snapshot(environment);
    const QList<ResourceKey> keys = snapshot->keys();
    return std::any_of(keys.cbegin(), keys.cend(), [&](const ResourceKey& key) {
        return key.kind == u"ConfigMap"_s && key.namespace_ == namespaceOf(environment)
            && key.name == configMapName(environment);
    });
}

} // namespace

class TestClusterConnections : public QObject
{
    Q_OBJECT

public:
    explicit TestClusterConnections(QString home)
        : m_home(std::move(home))
    {
    }

private slots:
    void initTestCase();
    void everyCredentialKindConnects();
    void malformedContextIsNotConfigured();
    void cleanupTestCase();

private:
    QString m_home;
    SandboxHost m_host;
    std::unique_ptr<test::TestRepo> m_repo;
    std::unique_ptr<workspace::WorkspaceLoader> m_loader;
    std::unique_ptr<gui::ClusterConnections> m_clusters;
    QString m_kubeconfig;
};

void TestClusterConnections::initTestCase()
{
    const auto started = m_host.start();
    QVERIFY2(started, why(started).constData());
    const SandboxCertificates certs = m_host.invoke([](SandboxServer& s) { return s.certificates(); });
    auto issued = certs.issueClientCertificate(u"jane"_s, {u"developers"_s}, SandboxCertificates::KeyType::Ec);
    QVERIFY2(issued, why(issued).constData());

    // The exec plugin: a company login helper that prints the sandbox token.
    const QString plugin = QDir(m_home).filePath(u"bin/company-login"_s);
    writeFile(plugin, "#!/bin/sh\n"
                      "cat <<EOF\n"
                      "{\"apiVersion\": \"client.authentication.k8s.io/v1\", \"kind\": \"ExecCredential\",\n"
                      " \"status\": {\"token\": \"" + m_host.token() + "\"}}\n"
                      "EOF\n");
    QVERIFY(QFile::setPermissions(plugin, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));

    // As a user's ~/.kube/config looks: one cluster, three users, four contexts,
    // one of them mangled by hand.
    m_kubeconfig = QDir(m_home).filePath(u"kube/config.yaml"_s);
    writeFile(m_kubeconfig,
        "apiVersion: v1\nkind: Config\npreferences: {}\n"
        "clusters:\n- name: sandbox\n  cluster:\n    server: " + m_host.url().toString().toUtf8() + "\n"
        "    certificate-authority-data: " + certs.caCertificatePem().toBase64() + "\n"
        "users:\n"
        "- name: token-user\n  user:\n    token: " + m_host.token() + "\n"
        "- name: cert-user\n  user:\n"
        "    client-certificate-data: " + issued->certificatePem.toBase64() + "\n"
        "    client-key-data: " + issued->keyPem.toBase64() + "\n"
        "- name: exec-user\n  user:\n    exec:\n"
        "      apiVersion: client.authentication.k8s.io/v1\n"
        "      command: " + plugin.toUtf8() + "\n"
        "      args: [get-token]\n"
        "      interactiveMode: Never\n"
        "contexts:\n"
        "- name: token-ctx\n  context: {cluster: sandbox, user: token-user}\n"
        "- name: cert-ctx\n  context: {cluster: sandbox, user: cert-user}\n"
        "- name: exec-ctx\n  context: {cluster: sandbox, user: exec-user}\n"
        "- name: " + BrokenContext.toUtf8() + "\n  context: [sandbox, token-user]\n"
        "current-context: token-ctx\n");

    m_repo = std::make_unique<test::TestRepo>();
    QVERIFY(m_repo->isValid());
    QByteArray definition = "environments:\n";
    QStringList environments;
    for (const auto& [env, context] : Connected) {
        definition += "  - name: " + env.toUtf8() + "\n    context: " + context.toUtf8() + "\n    namespace: "
            + namespaceOf(env).toUtf8() + "\n";
        environments << env;
    }
    definition += "  - name: " + BrokenEnv.toUtf8() + "\n    context: " + BrokenContext.toUtf8()
        + "\n    namespace: " + namespaceOf(BrokenEnv).toUtf8() + "\n";
    environments << BrokenEnv;
    definition += "applications:\n  - name: settings\n    path: apps/{environment}\n";
    m_repo->write(u"driftline.yaml"_s, definition);
    for (const QString& env : std::as_const(environments))
        m_repo->write(u"apps/"_s + env + u"/configmap.yaml"_s, configMapYaml(env));
    m_repo->commit(u"Three teams, three ways to log in"_s);

    gui::ClusterSettings(m_repo->path()).setKubeconfigFile(m_kubeconfig);

    // What Git says is created in the cluster by someone else (a token client).
    {
        auto config = kube::Kubeconfig::parse(m_host.kubeconfigYaml(), u"sandbox"_s);
        QVERIFY2(config, why(config).constData());
        kube::KubeClient admin(std::make_shared<kube::CredentialResolver>(*config));
        for (const QString& env : std::as_const(environments)) {
            auto ns = await(admin.create(QJsonObject{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Namespace"_s},
                {u"metadata"_s, QJsonObject{{u"name"_s, namespaceOf(env)}}}}));
            QVERIFY2(ns, why(ns).constData());
            auto cm = await(admin.create(QJsonObject{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"ConfigMap"_s},
                {u"metadata"_s, QJsonObject{{u"name"_s, configMapName(env)}, {u"namespace"_s, namespaceOf(env)}}},
                {u"data"_s, QJsonObject{{u"greeting"_s, u"hello"_s}}}}));
            QVERIFY2(cm, why(cm).constData());
        }
    }

    m_loader = std::make_unique<workspace::WorkspaceLoader>();
    m_loader->setCacheDir(QDir(m_home).filePath(u"renders"_s));
    QSignalSpy finished(m_loader.get(), &workspace::WorkspaceLoader::loadFinished);
    QSignalSpy failed(m_loader.get(), &workspace::WorkspaceLoader::loadFailed);
    m_loader->load(m_repo->path());
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() + failed.count() > 0, Timeout);
    QCOMPARE(failed.count(), 0);
    const workspace::Workspace& ws = m_loader->workspace();
    QCOMPARE(ws.environments.size(), 4);

    m_clusters = std::make_unique<gui::ClusterConnections>();
    m_clusters->setWorkspace(ws);
    QHash<QString, ResourceList> desired;
    for (const workspace::Application& app : ws.applications) {
        const workspace::RenderResult* result = m_loader->result(app.id());
        QVERIFY2(result && result->ok(), qPrintable(app.id()));
        desired[app.environment] += result->resources;
    }
    for (auto it = desired.cbegin(); it != desired.cend(); ++it) {
        QCOMPARE(it.value().size(), 1);
        m_clusters->setDesired(it.key(), it.value());
    }
}

void TestClusterConnections::everyCredentialKindConnects()
{
    for (const auto& [env, context] : Connected) {
        QTRY_VERIFY2_WITH_TIMEOUT(m_clusters->state(env).status == ConnectionState::Status::Connected,
            qPrintable(env + u": "_s + m_clusters->state(env).text() + u" "_s + m_clusters->state(env).reason), Timeout);
        QCOMPARE(m_clusters->state(env).context, context);
        QVERIFY2(m_clusters->info(env).server == m_host.url().toString(), qPrintable(m_clusters->info(env).server));
        QTRY_VERIFY2_WITH_TIMEOUT(snapshotHasConfigMap(*m_clusters, env), qPrintable(env), Timeout);
    }
    // The token never shows in what the app displays.
    for (const auto& [env, context] : Connected)
        QVERIFY(!m_clusters->state(env).toolTip().contains(QString::fromLatin1(m_host.token())));
}

void TestClusterConnections::malformedContextIsNotConfigured()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_clusters->info(BrokenEnv).known, Timeout);
    const ConnectionState state = m_clusters->state(BrokenEnv);
    QCOMPARE(state.status, ConnectionState::Status::NotConfigured);
    // The reason names the context and where the kubeconfig entry is broken.
    QVERIFY2(state.reason.contains(BrokenContext) && state.reason.contains(u"config.yaml:"_s), qPrintable(state.reason));
    QVERIFY(m_clusters->info(BrokenEnv).problem.has_value());
    QVERIFY(!snapshotHasConfigMap(*m_clusters, BrokenEnv));
    // The others are not disturbed by it.
    for (const auto& [env, context] : Connected)
        QCOMPARE(m_clusters->state(env).status, ConnectionState::Status::Connected);
}

void TestClusterConnections::cleanupTestCase()
{
    // Connections (and their I/O threads) go before the sandbox they talk to.
    m_clusters.reset();
    m_loader.reset();
}

int main(int argc, char** argv)
{
    // Settings and caches of this run stay in a temporary folder: set before
    // the application exists, as Qt reads the standard locations once.
    QTemporaryDir home;
    if (!home.isValid())
        return 1;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(u"config"_s)));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(home.filePath(u"cache"_s)));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(u"data"_s)));
    // The user's own kubeconfig must play no part.
    qputenv("KUBECONFIG", QFile::encodeName(home.filePath(u"no-such-kubeconfig"_s)));
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"DriftlineTest"_s);
    QCoreApplication::setApplicationName(u"tst_clusterconnections"_s);
    TestClusterConnections test(home.path());
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_clusterconnections.moc"
