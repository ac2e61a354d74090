// SandboxHost: the sandbox on its own thread, reached over HTTPS from the test's
// thread, with blocking calls onto the server thread, a kubeconfig, live
// controllers and the state file kept across restarts.
#include "sandbox/sandboxhost.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using driftline::sandbox::SandboxHost;
using driftline::sandbox::SandboxServer;

class TestSandboxHost : public QObject
{
    Q_OBJECT

    QNetworkAccessManager m_nam;

    // GET from this (the test's) thread; the server answers from its own.
    std::pair<int, QJsonObject> get(const SandboxHost& host, const QString& path, const QByteArray& caPem)
    {
        QUrl url = host.url();
        url.setPath(path);
        QNetworkRequest request(url);
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setCaCertificates(QSslCertificate::fromData(caPem));
        request.setSslConfiguration(ssl);
        request.setRawHeader("Authorization", "Bearer " + host.token());
        std::unique_ptr<QNetworkReply> reply(m_nam.get(request));
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 10000))
            return { -1, {} };
        return { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
            QJsonDocument::fromJson(reply->readAll()).object() };
    }

private slots:
    void servesFromItsOwnThread()
    {
        SandboxHost host;
        QVERIFY(!host.isRunning());
        const auto started = host.start();
        QVERIFY2(started.has_value(), started.has_value() ? "" : qPrintable(started.error().toString()));
        QVERIFY(host.isRunning());
        QCOMPARE(host.url().host(), u"127.0.0.1"_s);
        QVERIFY(host.port() != 0);
        QVERIFY(!host.token().isEmpty());

        QThread* serverThread = host.invoke([](SandboxServer&) { return QThread::currentThread(); });
        QVERIFY(serverThread != QThread::currentThread());
        QVERIFY(host.invoke([](SandboxServer& s) { return s.controllersEnabled(); }));
        const QByteArray ca = host.invoke([](SandboxServer& s) { return s.certificates().caCertificatePem(); });

        const auto [code, version] = get(host, u"/version"_s, ca);
        QCOMPARE(code, 200);
        QCOMPARE(version.value(u"major"_s).toString(), u"1"_s);
        QCOMPARE(host.invoke([](SandboxServer& s) { return s.port(); }), host.port());
    }

    void controllersRunOnTheServerThread()
    {
        SandboxHost host;
        SandboxHost::Options options;
        options.podStartDelay = 50ms;
        host.setOptions(options);
        QVERIFY(host.start().has_value());
        const QByteArray ca = host.invoke([](SandboxServer& s) { return s.certificates().caCertificatePem(); });
        host.run([](SandboxServer& s) {
            const auto type = *s.store().findType(u"apps"_s, u"v1"_s, u"deployments"_s);
            const QJsonObject labels { { u"app"_s, u"web"_s } };
            (void)s.store().create(type, u"default"_s,
                QJsonObject { { u"metadata"_s, QJsonObject { { u"name"_s, u"web"_s } } },
                    { u"spec"_s,
                        QJsonObject { { u"replicas"_s, 2 },
                            { u"selector"_s, QJsonObject { { u"matchLabels"_s, labels } } },
                            { u"template"_s,
                                QJsonObject { { u"metadata"_s, QJsonObject { { u"labels"_s, labels } } },
                                    { u"spec"_s,
                                        QJsonObject { { u"containers"_s,
                                            QJsonArray { QJsonObject { { u"name"_s, u"web"_s },
                                                { u"image"_s, u"nginx:1.27"_s } } } } } } } } } } });
        });
        QTRY_COMPARE_WITH_TIMEOUT(
            get(host, u"/apis/apps/v1/namespaces/default/deployments/web"_s, ca)
                .second.value(u"status"_s).toObject().value(u"readyReplicas"_s).toInt(),
            2, 10000);
        const auto [code, pods] = get(host, u"/api/v1/namespaces/default/pods"_s, ca);
        QCOMPARE(code, 200);
        QCOMPARE(pods.value(u"items"_s).toArray().size(), 2);
    }

    void writesItsKubeconfig()
    {
        QTemporaryDir dir;
        SandboxHost host;
        QVERIFY(host.start().has_value());
        const QString path = dir.filePath(u"kubeconfig"_s);
        QVERIFY(host.writeKubeconfig(path).has_value());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray yaml = file.readAll();
        QCOMPARE(yaml, host.kubeconfigYaml());
        QVERIFY(yaml.contains(host.url().toString().toUtf8()));
        QVERIFY(yaml.contains(host.token()));
        QVERIFY((file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)) == 0);
        QVERIFY(!host.writeKubeconfig(dir.filePath(u"missing/dir/kubeconfig"_s)).has_value());
    }

    void stopsInItsDestructor()
    {
        QUrl url;
        QByteArray ca;
        {
            SandboxHost host;
            QVERIFY(host.start().has_value());
            url = host.url();
            ca = host.invoke([](SandboxServer& s) { return s.certificates().caCertificatePem(); });
        }
        QNetworkRequest request(QUrl(url.toString() + u"/healthz"_s));
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setCaCertificates(QSslCertificate::fromData(ca));
        request.setSslConfiguration(ssl);
        std::unique_ptr<QNetworkReply> reply(m_nam.get(request));
        QVERIFY(QTest::qWaitFor([&] { return reply->isFinished(); }, 10000));
        QCOMPARE(reply->error(), QNetworkReply::ConnectionRefusedError);
    }

    void keepsItsStateAcrossRestarts()
    {
        QTemporaryDir dir;
        SandboxHost::Options options;
        options.stateFile = dir.filePath(u"state.json"_s);
        QString uid;
        {
            SandboxHost host;
            host.setOptions(options);
            QVERIFY(host.start().has_value());
            uid = host.invoke([](SandboxServer& s) {
                const auto type = *s.store().findType(QString(), u"v1"_s, u"configmaps"_s);
                const auto created = s.store().create(type, u"default"_s,
                    QJsonObject { { u"metadata"_s, QJsonObject { { u"name"_s, u"kept"_s } } },
                        { u"data"_s, QJsonObject { { u"k"_s, u"v"_s } } } });
                return created ? created->value(u"metadata"_s).toObject().value(u"uid"_s).toString() : QString();
            });
            QVERIFY(!uid.isEmpty());
        }
        SandboxHost again;
        again.setOptions(options);
        QVERIFY(again.start().has_value());
        QVERIFY(again.loadReport().loaded > 0);
        const QByteArray ca = again.invoke([](SandboxServer& s) { return s.certificates().caCertificatePem(); });
        const auto [code, cm] = get(again, u"/api/v1/namespaces/default/configmaps/kept"_s, ca);
        QCOMPARE(code, 200);
        QCOMPARE(cm.value(u"metadata"_s).toObject().value(u"uid"_s).toString(), uid);
        QCOMPARE(cm.value(u"data"_s).toObject().value(u"k"_s).toString(), u"v"_s);
    }

    void aTakenPortFails()
    {
        SandboxHost first;
        QVERIFY(first.start().has_value());
        SandboxHost second;
        const auto result = second.start(first.port());
        QVERIFY(!result.has_value());
        QVERIFY(!second.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestSandboxHost)
#include "tst_sandboxhost.moc"
