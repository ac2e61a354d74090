// The demo as `driftline demo` and the window start it: the repository, a
// sandbox on its own thread reached through the kubeconfig it writes, a new
// cluster seeded from an older revision with hand-made drift, a kept cluster
// served as it was left, and one server per demo folder.
#include "demo/demosession.h"
#include "kube/credentialresolver.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/trackingid.h"
#include "testsupport/await.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace driftline;
using driftline::test::await;
using driftline::demo::DemoSession;

namespace {

std::unique_ptr<kube::KubeClient> clientFor(const DemoSession& session)
{
    auto config = kube::Kubeconfig::loadFile(session.kubeconfigPath());
    if (!config)
        return nullptr;
    return std::make_unique<kube::KubeClient>(
        std::make_shared<kube::CredentialResolver>(*config), DemoSession::contextName());
}

} // namespace

class TestDemoSession : public QObject
{
    Q_OBJECT

private slots:
    void newClusterIsSeededWithDrift()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        DemoSession session(dir.path());
        QStringList messages;
        const auto started = session.start([&](const QString& text) { messages << text; });
        QVERIFY2(started.has_value(), started ? "" : qPrintable(started.error().toString()));
        QVERIFY(session.isRunning());
        QVERIFY(QFile::exists(session.repositoryPath() + u"/.git"_s));
        QVERIFY(!messages.isEmpty());

        QVERIFY(session.seedReport().has_value());
        const demo::DemoSeeder::Report& report = *session.seedReport();
        QStringList errors;
        for (const Error& e : report.errors)
            errors << e.toString();
        QVERIFY2(report.errors.isEmpty(), qPrintable(errors.join(u'\n')));
        QVERIFY2(report.applied >= 30, qPrintable(QString::number(report.applied)));
        QCOMPARE(report.edits.size(), 4);

        auto client = clientFor(session);
        QVERIFY(client);

        // The older revision is live: the api runs 2.0.0 where Git's tip says 2.0.1.
        auto api = await(client->get(u"apps"_s, u"v1"_s, u"Deployment"_s, u"shop-prod"_s, u"api"_s));
        QVERIFY2(api.has_value(), api ? "" : qPrintable(api.error().toString()));
        const QString image = api->value(u"spec"_s)[u"template"_s][u"spec"_s][u"containers"_s][0][u"image"_s].toString();
        QVERIFY2(image.endsWith(u":2.0.0"_s), qPrintable(image));
        const auto id = kube::TrackingId::parse(
            api->value(u"metadata"_s)[u"annotations"_s][kube::TrackingId::DriftlineAnnotation].toString());
        QVERIFY(id.has_value());
        QCOMPARE(id->application, u"api"_s);
        QVERIFY(id->matches(*api));

        // Hand edits, recorded under the managers that made them.
        auto scaled = await(client->get(u"apps"_s, u"v1"_s, u"Deployment"_s, u"shop-staging"_s, u"api"_s));
        QVERIFY(scaled.has_value());
        QCOMPARE(scaled->value(u"spec"_s)[u"replicas"_s].toInt(), 4);
        QStringList managers;
        for (const QJsonValue& entry : scaled->value(u"metadata"_s)[u"managedFields"_s].toArray())
            managers << entry[u"manager"_s].toString();
        QVERIFY2(managers.contains(u"driftline"_s) && managers.contains(u"kubectl-scale"_s),
            qPrintable(managers.join(u", "_s)));

        auto config = await(client->get({}, u"v1"_s, u"ConfigMap"_s, u"shop-prod"_s, u"web-config"_s));
        QVERIFY(config.has_value());
        QCOMPARE(config->value(u"data"_s)[u"LOG_LEVEL"_s].toString(), u"debug"_s);

        auto service = await(client->get({}, u"v1"_s, u"Service"_s, u"shop-staging"_s, u"web"_s));
        QVERIFY(!service.has_value());
        QCOMPARE(service.error().httpStatus, 404);
        auto prodService = await(client->get({}, u"v1"_s, u"Service"_s, u"shop-prod"_s, u"web"_s));
        QVERIFY(prodService.has_value());

        auto extra = await(client->get({}, u"v1"_s, u"ConfigMap"_s, u"shop-prod"_s, u"web-debug"_s));
        QVERIFY(extra.has_value());
        const auto owner = kube::TrackingId::ownerOf(*extra);
        QVERIFY(owner.has_value());
        QCOMPARE(owner->application, u"web"_s);
    }

    void keptClusterIsServedAsLeft()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QByteArray firstKubeconfig;
        {
            DemoSession session(dir.path());
            const auto started = session.start();
            QVERIFY2(started.has_value(), started ? "" : qPrintable(started.error().toString()));
            QVERIFY(session.seedReport().has_value());
            auto client = clientFor(session);
            QVERIFY(client);
            // A change of the user's own, which a restart must not undo.
            const QJsonObject mine {{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"ConfigMap"_s},
                {u"metadata"_s, QJsonObject {{u"name"_s, u"mine"_s}, {u"namespace"_s, u"shop-staging"_s}}}};
            auto created = await(client->create(mine));
            QVERIFY2(created.has_value(), created ? "" : qPrintable(created.error().toString()));
            QFile file(session.kubeconfigPath());
            QVERIFY(file.open(QIODevice::ReadOnly));
            firstKubeconfig = file.readAll();
        }
        QVERIFY(QFile::exists(dir.filePath(u"cluster.json"_s)));

        DemoSession again(dir.path());
        const auto restarted = again.start();
        QVERIFY2(restarted.has_value(), restarted ? "" : qPrintable(restarted.error().toString()));
        QVERIFY(!again.seedReport().has_value());
        QFile file(again.kubeconfigPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll() != firstKubeconfig); // a new port and token
        auto client = clientFor(again);
        QVERIFY(client);
        auto mine = await(client->get({}, u"v1"_s, u"ConfigMap"_s, u"shop-staging"_s, u"mine"_s));
        QVERIFY2(mine.has_value(), mine ? "" : qPrintable(mine.error().toString()));
        auto scaled = await(client->get(u"apps"_s, u"v1"_s, u"Deployment"_s, u"shop-staging"_s, u"api"_s));
        QVERIFY(scaled.has_value());
        QCOMPARE(scaled->value(u"spec"_s)[u"replicas"_s].toInt(), 4);
    }

    void oneServerPerFolder()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        DemoSession first(dir.path());
        QVERIFY(first.start().has_value());
        DemoSession second(dir.path());
        const auto refused = second.start();
        QVERIFY(!refused.has_value());
        QVERIFY2(refused.error().message.contains(QString::number(QCoreApplication::applicationPid())),
            qPrintable(refused.error().message));
        QCOMPARE(refused.error().file, QDir::cleanPath(dir.path()));
        QVERIFY(!second.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestDemoSession)
#include "tst_demosession.moc"
