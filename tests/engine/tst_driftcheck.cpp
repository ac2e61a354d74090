// DriftCheck in-process against the demo's sandbox cluster over HTTPS: the
// demo's drift comes out as the window shows it, only the asked-for
// environments are read, and clusters that refuse, never answer or are not
// configured end the wait with a definite connection state.
#include "demo/demosession.h"
#include "engine/driftcheck.h"
#include "testsupport/await.h"
#include "testsupport/testrepo.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace driftline;
using driftline::engine::Difference;
using driftline::engine::DriftCheck;
using driftline::engine::SyncStatus;
using Status = driftline::kube::ConnectionState::Status;

namespace {

const engine::ResourceDrift* findDrift(const DriftCheck::EnvironmentReport& e, const QString& app,
                                       const QString& kind, const QString& name)
{
    const auto it = e.drift->applications.constFind(e.environment.name + u'/' + app);
    if (it == e.drift->applications.cend())
        return nullptr;
    for (const engine::ResourceDrift& r : it->resources) {
        if (r.key.kind == kind && r.key.name == name)
            return &r;
    }
    return nullptr;
}

QByteArray kubeconfigFor(const QString& server, const QString& context)
{
    return "apiVersion: v1\nkind: Config\n"
           "clusters:\n  - name: far-cluster\n    cluster:\n      server: "
        + server.toUtf8()
        + "\n      insecure-skip-tls-verify: true\n"
          "users:\n  - name: nobody\n    user:\n      token: abc\n"
          "contexts:\n  - name: "
        + context.toUtf8()
        + "\n    context:\n      cluster: far-cluster\n      user: nobody\n"
          "current-context: "
        + context.toUtf8() + "\n";
}

} // namespace

class TestDriftCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_demo = std::make_unique<demo::DemoSession>(m_dir.filePath(u"demo"_s));
        const auto started = m_demo->start();
        QVERIFY2(started.has_value(), qPrintable(test::why(started)));
    }

    void demoDrift()
    {
        DriftCheck::Options options;
        options.workspace = m_demo->repositoryPath();
        options.cacheDir = m_dir.filePath(u"renders"_s); // kustomize renders once, not in every test
        options.kubeconfig = m_demo->kubeconfigPath();
        const auto report = DriftCheck::run(options);
        QVERIFY2(report.has_value(), qPrintable(test::why(report)));
        QCOMPARE(report->environments.size(), 2);
        const DriftCheck::EnvironmentReport& staging = report->environments.at(0);
        const DriftCheck::EnvironmentReport& production = report->environments.at(1);
        QCOMPARE(staging.environment.name, u"staging"_s);
        QCOMPARE(production.environment.name, u"production"_s);
        for (const DriftCheck::EnvironmentReport& e : report->environments) {
            QVERIFY2(e.connection.status == Status::Connected, qPrintable(e.connection.reason));
            QCOMPARE(e.context, demo::DemoSession::contextName());
            QCOMPARE(e.server, m_demo->serverUrl().toString());
            QVERIFY(e.live && e.live->isComplete());
            QVERIFY(e.drift);
        }

        const engine::ResourceDrift* api = findDrift(staging, u"api"_s, u"Deployment"_s, u"api"_s);
        QVERIFY(api);
        QCOMPARE(api->sync, SyncStatus::OutOfSync);
        // Scaled by hand (kubectl-scale), and the tip commit's changes the cluster has not had yet.
        QStringList paths;
        for (const Difference& d : api->differences)
            paths << d.path + u" ("_s + d.manager + u")"_s;
        QVERIFY2(paths.contains(u"/spec/replicas (kubectl-scale)"_s), qPrintable(paths.join(u", "_s)));
        QVERIFY2(paths.contains(u"/spec/template/spec/containers/0/image (driftline)"_s), qPrintable(paths.join(u", "_s)));
        const QJsonObject live = report->liveObject(u"staging"_s, api->key);
        QCOMPARE(live.value(u"spec"_s)[u"replicas"_s].toInt(), 4);

        const engine::ResourceDrift* service = findDrift(staging, u"web"_s, u"Service"_s, u"web"_s);
        QVERIFY(service);
        QCOMPARE(service->sync, SyncStatus::Missing);
        QVERIFY(report->liveObject(u"staging"_s, service->key).isEmpty());

        const engine::ResourceDrift* config = findDrift(production, u"web"_s, u"ConfigMap"_s, u"web-config"_s);
        QVERIFY(config);
        QCOMPARE(config->sync, SyncStatus::OutOfSync);
        const engine::ResourceDrift* debug = findDrift(production, u"web"_s, u"ConfigMap"_s, u"web-debug"_s);
        QVERIFY(debug);
        QCOMPARE(debug->sync, SyncStatus::Extraneous);
        // The Namespace of the other environment, on the same cluster, is not extraneous here.
        QCOMPARE(findDrift(staging, u"namespaces"_s, u"Namespace"_s, u"shop-prod"_s), nullptr);
        QCOMPARE(staging.drift->applications.value(u"staging/namespaces"_s).sync, SyncStatus::Synced);
        // Every application rendered.
        QCOMPARE(report->renders.size(), report->workspace.applications.size());
    }

    void onlyTheAskedEnvironments()
    {
        DriftCheck::Options options;
        options.workspace = m_demo->repositoryPath();
        options.cacheDir = m_dir.filePath(u"renders"_s); // kustomize renders once, not in every test
        options.kubeconfig = m_demo->kubeconfigPath();
        options.environments = {u"production"_s};
        const auto report = DriftCheck::run(options);
        QVERIFY2(report.has_value(), qPrintable(test::why(report)));
        QCOMPARE(report->environments.size(), 1);
        QCOMPARE(report->environments.first().environment.name, u"production"_s);

        options.environments = {u"qa"_s};
        const auto unknown = DriftCheck::run(options);
        QVERIFY(!unknown.has_value());
        QVERIFY2(unknown.error().message.contains(u"\"qa\""_s)
                     && unknown.error().message.contains(u"staging, production"_s),
                 qPrintable(unknown.error().message));
    }

    void missingWorkspaceIsAnError()
    {
        DriftCheck::Options options;
        options.workspace = m_dir.filePath(u"nowhere"_s);
        QVERIFY(!DriftCheck::load(options).has_value());
        QVERIFY(!DriftCheck::run(options).has_value());
    }

    void refusedConnectionIsUnreachable()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        const QString kubeconfig = m_dir.filePath(u"refused.kubeconfig"_s);
        test::writeFile(kubeconfig, kubeconfigFor(u"https://127.0.0.1:%1"_s.arg(port), demo::DemoSession::contextName()));
        DriftCheck::Options options;
        options.workspace = m_demo->repositoryPath();
        options.cacheDir = m_dir.filePath(u"renders"_s); // kustomize renders once, not in every test
        options.kubeconfig = kubeconfig;
        options.environments = {u"staging"_s};
        QElapsedTimer timer;
        timer.start();
        const auto report = DriftCheck::run(options);
        QVERIFY2(report.has_value(), qPrintable(test::why(report)));
        // A refusal is definite: no waiting for the timeout.
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
        const DriftCheck::EnvironmentReport& staging = report->environments.first();
        QCOMPARE(staging.connection.status, Status::Unreachable);
        QVERIFY(!staging.connection.reason.isEmpty());
        QCOMPARE(staging.cluster, u"far-cluster"_s);
        QCOMPARE(staging.drift->sync, SyncStatus::Unknown);
        QCOMPARE(findDrift(staging, u"api"_s, u"Deployment"_s, u"api"_s)->sync, SyncStatus::Unknown);
    }

    void silentClusterTimesOut()
    {
        // Accepts connections and never answers: only the timeout ends the wait.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        const QString kubeconfig = m_dir.filePath(u"silent.kubeconfig"_s);
        test::writeFile(kubeconfig, kubeconfigFor(u"https://127.0.0.1:%1"_s.arg(silent.serverPort()),
                                                  demo::DemoSession::contextName()));
        DriftCheck::Options options;
        options.workspace = m_demo->repositoryPath();
        options.cacheDir = m_dir.filePath(u"renders"_s); // kustomize renders once, not in every test
        options.kubeconfig = kubeconfig;
        options.environments = {u"staging"_s};
        options.timeout = std::chrono::milliseconds(700);
        const auto report = DriftCheck::run(options);
        QVERIFY2(report.has_value(), qPrintable(test::why(report)));
        const DriftCheck::EnvironmentReport& staging = report->environments.first();
        QCOMPARE(staging.connection.status, Status::Unreachable);
        QVERIFY2(staging.connection.reason.contains(u"did not answer"_s), qPrintable(staging.connection.reason));
        QCOMPARE(staging.drift->sync, SyncStatus::Unknown);
    }

    void contextNotInTheKubeconfig()
    {
        const QString kubeconfig = m_dir.filePath(u"other.kubeconfig"_s);
        test::writeFile(kubeconfig, kubeconfigFor(u"https://127.0.0.1:1"_s, u"elsewhere"_s));
        DriftCheck::Options options;
        options.workspace = m_demo->repositoryPath();
        options.cacheDir = m_dir.filePath(u"renders"_s); // kustomize renders once, not in every test
        options.kubeconfig = kubeconfig;
        const auto report = DriftCheck::run(options);
        QVERIFY2(report.has_value(), qPrintable(test::why(report)));
        for (const DriftCheck::EnvironmentReport& e : report->environments) {
            QCOMPARE(e.connection.status, Status::NotConfigured);
            QVERIFY2(e.connection.reason.contains(demo::DemoSession::contextName()), qPrintable(e.connection.reason));
            QCOMPARE(e.drift->sync, SyncStatus::Unknown);
        }
        // A kubeconfig file that does not exist: NotConfigured, naming the file.
        options.kubeconfig = m_dir.filePath(u"absent.kubeconfig"_s);
        const auto absent = DriftCheck::run(options);
        QVERIFY2(absent.has_value(), qPrintable(test::why(absent)));
        QCOMPARE(absent->environments.first().connection.status, Status::NotConfigured);
        QVERIFY2(absent->environments.first().connection.reason.contains(u"absent.kubeconfig"_s),
                 qPrintable(absent->environments.first().connection.reason));
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<demo::DemoSession> m_demo;
};

QTEST_GUILESS_MAIN(TestDriftCheck)
#include "tst_driftcheck.moc"
