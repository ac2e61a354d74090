// KubeClient against an in-process sandbox over real HTTPS, configured only
// through the kubeconfig the sandbox writes (Kubeconfig + CredentialResolver).
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/kubeerror.h"
#include "sandbox/resourcetype.h"
#include "sandbox/sandboxcertificates.h"
#include "sandbox/sandboxserver.h"
#include "testsupport/await.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <QJsonDocument>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

using namespace Qt::StringLiterals;
using namespace driftline;
using driftline::test::await;
using driftline::kube::KubeClient;
using driftline::sandbox::SandboxServer;

namespace {

QJsonObject configMap(const QString& ns, const QString& name, const QString& app = {})
{
    QJsonObject metadata{{u"name"_s, name}, {u"namespace"_s, ns}};
    if (!app.isEmpty())
        metadata.insert(u"labels"_s, QJsonObject{{u"app"_s, app}});
    return QJsonObject{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"ConfigMap"_s}, {u"metadata"_s, metadata},
        {u"data"_s, QJsonObject{{u"key"_s, name}}}};
}

// A tiny HTTPS server answering from a script, for what the sandbox does not
// do (yet): 403, 429 with Retry-After, a 401 that a fresh exec token cures.
// It uses the sandbox's server certificate, so the sandbox's CA trusts it.
class ScriptedServer : public QObject
{
public:
    struct Request {
        QByteArray method;
        QByteArray path;
        QByteArray authorization;
    };
    using Handler = std::function<QByteArray(const Request&)>;

    ScriptedServer(const sandbox::SandboxCertificates& certificates, Handler handler)
        : m_handler(std::move(handler))
    {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setLocalCertificate(certificates.serverCertificate());
        ssl.setPrivateKey(certificates.serverKey());
        m_server.setSslConfiguration(ssl);
        connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection())
                serve(socket);
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    quint16 port() const { return m_server.serverPort(); }
    QList<Request> requests;

    static QByteArray response(int code, const QByteArray& body, const QByteArray& extraHeaders = {})
    {
        return "HTTP/1.1 " + QByteArray::number(code) + " X\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\nConnection: close\r\n" + extraHeaders + "\r\n" + body;
    }
    static QByteArray status(int code, const QByteArray& reason, const QByteArray& message)
    {
        return QJsonDocument(QJsonObject{{u"kind"_s, u"Status"_s}, {u"apiVersion"_s, u"v1"_s},
                                 {u"status"_s, u"Failure"_s}, {u"message"_s, QString::fromUtf8(message)},
                                 {u"reason"_s, QString::fromUtf8(reason)}, {u"code"_s, code}})
            .toJson(QJsonDocument::Compact);
    }

private:
    void serve(QTcpSocket* socket)
    {
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
            buffer->append(socket->readAll());
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = buffer->left(end).split('\n');
            Request request;
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0);
            request.path = first.value(1);
            for (const QByteArray& line : lines) {
                if (line.toLower().startsWith("authorization:"))
                    request.authorization = line.mid(14).trimmed();
            }
            requests.append(request);
            buffer->clear();
            socket->write(m_handler(request));
            socket->disconnectFromHost();
        });
    }

    QSslServer m_server;
    Handler m_handler;
};

} // namespace

class TestKubeClient : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<KubeClient> m_client;

    // A client built from a kubeconfig file, the way the app builds one.
    std::unique_ptr<KubeClient> clientFor(const QByteArray& yaml, const QString& fileName)
    {
        const QString path = m_dir.filePath(fileName);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(yaml) != yaml.size())
            return nullptr;
        file.close();
        return clientFromFile(path);
    }
    static std::unique_ptr<KubeClient> clientFromFile(const QString& path)
    {
        auto config = kube::Kubeconfig::loadFile(path);
        if (!config || !config->errors().isEmpty())
            return nullptr;
        return std::make_unique<KubeClient>(std::make_shared<kube::CredentialResolver>(*config));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<SandboxServer>();
        QVERIFY(m_server->listen().has_value());
        const QString path = m_dir.filePath(u"sandbox.kubeconfig"_s);
        QVERIFY(m_server->kubeconfig(path).has_value());
        m_client = clientFromFile(path);
        QVERIFY(m_client);
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_server.reset();
    }

    void version()
    {
        const auto version = await(m_client->version());
        QVERIFY2(version, qPrintable(version ? QString() : version.error().toString()));
        QCOMPARE(version->value(u"major"_s).toString(), u"1"_s);
        QVERIFY(version->value(u"gitVersion"_s).toString().startsWith(u'v'));
    }

    void discovery_data()
    {
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("plural");
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("namespaced");
        QTest::newRow("Pod") << QString() << u"Pod"_s << u"pods"_s << u"v1"_s << true;
        QTest::newRow("Namespace") << QString() << u"Namespace"_s << u"namespaces"_s << u"v1"_s << false;
        QTest::newRow("Deployment") << u"apps"_s << u"Deployment"_s << u"deployments"_s << u"v1"_s << true;
        QTest::newRow("ClusterRole") << u"rbac.authorization.k8s.io"_s << u"ClusterRole"_s << u"clusterroles"_s
                                     << u"v1"_s << false;
        QTest::newRow("HorizontalPodAutoscaler") << u"autoscaling"_s << u"HorizontalPodAutoscaler"_s
                                                 << u"horizontalpodautoscalers"_s << u"v2"_s << true;
        QTest::newRow("CustomResourceDefinition") << u"apiextensions.k8s.io"_s << u"CustomResourceDefinition"_s
                                                  << u"customresourcedefinitions"_s << u"v1"_s << false;
    }

    void discovery()
    {
        QFETCH(QString, group);
        QFETCH(QString, kind);
        QFETCH(QString, plural);
        QFETCH(QString, version);
        QFETCH(bool, namespaced);
        const auto table = await(m_client->discovery());
        QVERIFY2(table, qPrintable(table ? QString() : table.error().toString()));
        const auto resource = table->find(group, kind);
        QVERIFY(resource);
        QCOMPARE(resource->plural, plural);
        QCOMPARE(resource->version, version);
        QCOMPARE(resource->namespaced, namespaced);
        QVERIFY(!table->findByPlural(group, plural + u"/status"_s));

        // The verbs are the ones the server's own table declares.
        QStringList served;
        for (const auto& type : sandbox::ResourceType::builtins()) {
            if (type.group == group && type.kind == kind && type.version == version)
                served = type.verbs;
        }
        QVERIFY(!served.isEmpty());
        QStringList verbs = resource->verbs;
        verbs.sort();
        served.sort();
        QCOMPARE(verbs, served);
        QVERIFY(resource->supports(u"list"_s));
    }

    void customResourceAppearsAfterRefresh()
    {
        const auto before = await(m_client->discovery());
        QVERIFY(before);
        QVERIFY(!before->find(u"toys.example.com"_s, u"Gadget"_s));

        const QJsonObject crd{{u"apiVersion"_s, u"apiextensions.k8s.io/v1"_s},
            {u"kind"_s, u"CustomResourceDefinition"_s},
            {u"metadata"_s, QJsonObject{{u"name"_s, u"gadgets.toys.example.com"_s}}},
            {u"spec"_s,
                QJsonObject{{u"group"_s, u"toys.example.com"_s}, {u"scope"_s, u"Namespaced"_s},
                    {u"names"_s,
                        QJsonObject{{u"plural"_s, u"gadgets"_s}, {u"singular"_s, u"gadget"_s},
                            {u"kind"_s, u"Gadget"_s}}},
                    {u"versions"_s,
                        QJsonArray{QJsonObject{{u"name"_s, u"v1alpha1"_s}, {u"served"_s, true},
                            {u"storage"_s, true}}}}}}};
        const auto created = await(m_client->create(crd));
        QVERIFY2(created, qPrintable(created ? QString() : created.error().toString()));

        // The cache still holds the old table until a refresh.
        const auto cached = await(m_client->discovery());
        QVERIFY(cached && !cached->find(u"toys.example.com"_s, u"Gadget"_s));
        const auto refreshed = await(m_client->refreshDiscovery());
        QVERIFY(refreshed);
        const auto gadget = refreshed->find(u"toys.example.com"_s, u"Gadget"_s);
        QVERIFY(gadget);
        QCOMPARE(gadget->plural, u"gadgets"_s);
        QCOMPARE(gadget->version, u"v1alpha1"_s);
        QVERIFY(gadget->namespaced);
    }

    void unknownKindRefreshesOnce()
    {
        // Make sure the cache is older than the CRD.
        QVERIFY(await(m_client->discovery()));
        const QJsonObject crd{{u"apiVersion"_s, u"apiextensions.k8s.io/v1"_s},
            {u"kind"_s, u"CustomResourceDefinition"_s},
            {u"metadata"_s, QJsonObject{{u"name"_s, u"widgets.toys.example.com"_s}}},
            {u"spec"_s,
                QJsonObject{{u"group"_s, u"toys.example.com"_s}, {u"scope"_s, u"Cluster"_s},
                    {u"names"_s,
                        QJsonObject{{u"plural"_s, u"widgets"_s}, {u"singular"_s, u"widget"_s},
                            {u"kind"_s, u"Widget"_s}}},
                    {u"versions"_s,
                        QJsonArray{QJsonObject{{u"name"_s, u"v1"_s}, {u"served"_s, true},
                            {u"storage"_s, true}}}}}}};
        QVERIFY(await(m_client->create(crd)));
        const QJsonObject widget{{u"apiVersion"_s, u"toys.example.com/v1"_s}, {u"kind"_s, u"Widget"_s},
            {u"metadata"_s, QJsonObject{{u"name"_s, u"w1"_s}}}};
        const auto made = await(m_client->create(widget));
        QVERIFY2(made, qPrintable(made ? QString() : made.error().toString()));
        const auto got = await(m_client->get(u"toys.example.com"_s, QString(), u"Widget"_s, QString(), u"w1"_s));
        QVERIFY(got);
        QCOMPARE(got->value(u"metadata"_s).toObject().value(u"name"_s).toString(), u"w1"_s);

        const auto missing = await(m_client->get(u"toys.example.com"_s, QString(), u"Nothing"_s, QString(), u"x"_s));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, Error::Code::NotFound);
        QVERIFY(missing.error().message.contains(u"Nothing"_s));
    }

    void get()
    {
        const auto created = await(m_client->create(configMap(u"default"_s, u"settings"_s)));
        QVERIFY2(created, qPrintable(created ? QString() : created.error().toString()));
        const auto got = await(m_client->get(QString(), u"v1"_s, u"ConfigMap"_s, u"default"_s, u"settings"_s));
        QVERIFY2(got, qPrintable(got ? QString() : got.error().toString()));
        QCOMPARE(got->value(u"data"_s).toObject().value(u"key"_s).toString(), u"settings"_s);
        QCOMPARE(got->value(u"metadata"_s).toObject().value(u"uid"_s),
            created->value(u"metadata"_s).toObject().value(u"uid"_s));
        // An empty namespace means the context's namespace ("default" in the sandbox's kubeconfig).
        const auto implicit = await(m_client->get(QString(), QString(), u"ConfigMap"_s, QString(), u"settings"_s));
        QVERIFY(implicit);
        QCOMPARE(implicit->value(u"metadata"_s).toObject().value(u"namespace"_s).toString(), u"default"_s);
    }

    void listAcrossPages()
    {
        const QJsonObject ns{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Namespace"_s},
            {u"metadata"_s, QJsonObject{{u"name"_s, u"paging"_s}}}};
        QVERIFY(await(m_client->create(ns)));
        QSet<QString> expected;
        for (int i = 0; i < 5; ++i) {
            const QString name = u"cm-%1"_s.arg(i);
            QVERIFY(await(m_client->create(configMap(u"paging"_s, name, u"paged"_s))));
            expected.insert(name);
        }
        // One more without the label, which the selector must leave out.
        QVERIFY(await(m_client->create(configMap(u"paging"_s, u"other"_s))));

        const auto listed = await(m_client->list(QString(), u"v1"_s, u"ConfigMap"_s, u"paging"_s, u"app=paged"_s, 2));
        QVERIFY2(listed, qPrintable(listed ? QString() : listed.error().toString()));
        QStringList names;
        for (const QJsonObject& item : listed->items) {
            names.append(item.value(u"metadata"_s).toObject().value(u"name"_s).toString());
            QCOMPARE(item.value(u"kind"_s).toString(), u"ConfigMap"_s);
            QCOMPARE(item.value(u"apiVersion"_s).toString(), u"v1"_s);
        }
        QCOMPARE(listed->pages, 3);
        QCOMPARE(names.size(), 5);
        QCOMPARE(QSet<QString>(names.begin(), names.end()), expected);
        QVERIFY(!listed->resourceVersion.isEmpty());

        // All namespaces, without a selector: the paged six plus "settings" in default.
        const auto all = await(m_client->list(QString(), QString(), u"ConfigMap"_s, QString(), QString(), 2));
        QVERIFY(all);
        QSet<QString> keys;
        for (const QJsonObject& item : all->items) {
            const QJsonObject m = item.value(u"metadata"_s).toObject();
            keys.insert(m.value(u"namespace"_s).toString() + u'/' + m.value(u"name"_s).toString());
        }
        QCOMPARE(keys.size(), all->items.size());
        QVERIFY(keys.contains(u"paging/other"_s));
        QVERIFY(keys.contains(u"default/settings"_s));
        QVERIFY(keys.size() >= 7);
    }

    void notFoundIsTyped()
    {
        const auto got = await(m_client->get(QString(), u"v1"_s, u"ConfigMap"_s, u"default"_s, u"absent"_s));
        QVERIFY(!got);
        QCOMPARE(got.error().code, Error::Code::NotFound);
        QCOMPARE(got.error().httpStatus, 404);
        QCOMPARE(kube::KubeError::reason(got.error()), u"NotFound"_s);
        QVERIFY2(got.error().message.contains(u"absent"_s), qPrintable(got.error().message));
    }

    void conflictKeepsReason()
    {
        const auto again = await(m_client->create(configMap(u"default"_s, u"settings"_s)));
        QVERIFY(!again);
        QCOMPARE(again.error().httpStatus, 409);
        QCOMPARE(kube::KubeError::reason(again.error()), u"AlreadyExists"_s);
    }

    void wrongTokenIsUnauthorized()
    {
        const QByteArray token = m_server->token();
        const QByteArray wrong = QByteArray("wrong-" + token.left(8) + "-token");
        QByteArray yaml = m_server->kubeconfigYaml();
        QVERIFY(yaml.contains(token));
        yaml.replace(token, wrong);
        auto client = clientFor(yaml, u"wrong-token.kubeconfig"_s);
        QVERIFY(client);
        const auto got = await(client->version());
        QVERIFY(!got);
        QCOMPARE(got.error().httpStatus, 401);
        QVERIFY2(got.error().message.contains(u"unauthorized"_s), qPrintable(got.error().message));
        const QString text = got.error().toString();
        QVERIFY(!text.contains(QString::fromUtf8(wrong)));
        QVERIFY(!text.contains(QString::fromUtf8(token)));
    }

    void wrongCertificateAuthority()
    {
        SandboxServer other;
        QVERIFY(other.listen().has_value());
        QByteArray yaml = m_server->kubeconfigYaml();
        const QByteArray ours = m_server->certificates().caCertificatePem().toBase64();
        QVERIFY(yaml.contains(ours));
        yaml.replace(ours, other.certificates().caCertificatePem().toBase64());
        auto client = clientFor(yaml, u"wrong-ca.kubeconfig"_s);
        QVERIFY(client);
        const auto got = await(client->version());
        QVERIFY(!got);
        const QString message = got.error().message;
        QCOMPARE(got.error().code, Error::Code::Io);
        QVERIFY2(message.contains(u"TLS"_s), qPrintable(message));
        QVERIFY2(message.contains(u"certificate not trusted"_s), qPrintable(message));
        QVERIFY2(message.contains(u"127.0.0.1:%1"_s.arg(m_server->port())), qPrintable(message));
        QVERIFY2(message.contains(u"driftline-sandbox"_s), qPrintable(message));
    }

    void connectionRefused()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        QByteArray yaml = m_server->kubeconfigYaml();
        yaml.replace(m_server->url().toString().toUtf8(), QByteArray("https://127.0.0.1:" + QByteArray::number(port)));
        auto client = clientFor(yaml, u"refused.kubeconfig"_s);
        QVERIFY(client);
        const auto got = await(client->version());
        QVERIFY(!got);
        QCOMPARE(got.error().code, Error::Code::Io);
        QVERIFY2(got.error().message.contains(u"127.0.0.1:%1"_s.arg(port)), qPrintable(got.error().message));
    }

    void timeout()
    {
        // Accepts connections (the kernel does) but never answers the TLS handshake.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        QByteArray yaml = m_server->kubeconfigYaml();
        yaml.replace(m_server->url().toString().toUtf8(), QByteArray("https://127.0.0.1:" + QByteArray::number(silent.serverPort())));
        auto client = clientFor(yaml, u"silent.kubeconfig"_s);
        QVERIFY(client);
        client->setTimeout(std::chrono::milliseconds(300));
        QElapsedTimer clock;
        clock.start();
        const auto got = await(client->version());
        QVERIFY(!got);
        QCOMPARE(got.error().code, Error::Code::Timeout);
        QVERIFY(clock.elapsed() >= 250);
        QVERIFY(clock.elapsed() < 10'000);
    }

    // A kubeconfig for a ScriptedServer on `port`, trusting the sandbox's CA.
    QByteArray scriptedConfig(quint16 port, const QByteArray& user) const
    {
        return "apiVersion: v1\nkind: Config\nclusters:\n- name: scripted\n  cluster:\n    server: https://127.0.0.1:"
            + QByteArray::number(port) + "\n    certificate-authority-data: \""
            + m_server->certificates().caCertificatePem().toBase64() + "\"\nusers:\n- name: someone\n  user:\n" + user
            + "contexts:\n- name: scripted\n  context:\n    cluster: scripted\n    user: someone\n"
              "current-context: scripted\n";
    }

    void retryAfterIsHonoured()
    {
        int calls = 0;
        ScriptedServer server(m_server->certificates(), [&](const ScriptedServer::Request&) {
            ++calls;
            if (calls == 1)
                return ScriptedServer::response(429, ScriptedServer::status(429, "TooManyRequests", "slow down"),
                    "Retry-After: 1\r\n");
            return ScriptedServer::response(200, R"({"major":"1","minor":"31","gitVersion":"v1.31.0"})");
        });
        QVERIFY(server.listen());
        auto client = clientFor(scriptedConfig(server.port(), "    token: scripted-token\n"), u"retry.kubeconfig"_s);
        QVERIFY(client);
        QElapsedTimer clock;
        clock.start();
        const auto got = await(client->version());
        QVERIFY2(got, qPrintable(got ? QString() : got.error().toString()));
        QCOMPARE(calls, 2);
        QVERIFY2(clock.elapsed() >= 900, qPrintable(QString::number(clock.elapsed())));
    }

    void retriesAreBounded()
    {
        ScriptedServer server(m_server->certificates(), [](const ScriptedServer::Request&) {
            return ScriptedServer::response(429, ScriptedServer::status(429, "TooManyRequests", "slow down"),
                "Retry-After: 0\r\n");
        });
        QVERIFY(server.listen());
        auto client = clientFor(scriptedConfig(server.port(), "    token: scripted-token\n"), u"bounded.kubeconfig"_s);
        QVERIFY(client);
        const auto got = await(client->version());
        QVERIFY(!got);
        QCOMPARE(got.error().httpStatus, 429);
        QCOMPARE(kube::KubeError::reason(got.error()), u"TooManyRequests"_s);
        QCOMPARE(server.requests.size(), 1 + KubeClient::MaxRetries);
    }

    void forbiddenNamesVerbAndResource()
    {
        ScriptedServer server(m_server->certificates(), [](const ScriptedServer::Request& request) {
            if (request.path == "/api")
                return ScriptedServer::response(200, R"({"kind":"APIVersions","versions":["v1"]})");
            if (request.path == "/apis")
                return ScriptedServer::response(200, R"({"kind":"APIGroupList","apiVersion":"v1","groups":[]})");
            if (request.path == "/api/v1")
                return ScriptedServer::response(200,
                    R"({"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"secrets","namespaced":true,"kind":"Secret","verbs":["get","list"]}]})");
            return ScriptedServer::response(403,
                ScriptedServer::status(403, "Forbidden",
                    R"(secrets "db" is forbidden: User "alice" cannot get resource "secrets" in API group "" in the namespace "prod")"));
        });
        QVERIFY(server.listen());
        auto client = clientFor(scriptedConfig(server.port(), "    token: scripted-token\n"), u"forbidden.kubeconfig"_s);
        QVERIFY(client);
        const auto got = await(client->get(QString(), u"v1"_s, u"Secret"_s, u"prod"_s, u"db"_s));
        QVERIFY(!got);
        QCOMPARE(got.error().httpStatus, 403);
        QCOMPARE(kube::KubeError::reason(got.error()), u"Forbidden"_s);
        QVERIFY2(got.error().message.startsWith(u"forbidden: get secrets: "_s), qPrintable(got.error().message));
        QVERIFY(got.error().message.contains(u"cannot get resource"_s));
        QCOMPARE(server.requests.last().path, "/api/v1/namespaces/prod/secrets/db"_ba);
    }

    void unauthorizedExecCredentialsAreRefreshedOnce()
    {
        const QString counter = m_dir.filePath(u"plugin-runs"_s);
        const QString script = m_dir.filePath(u"plugin.sh"_s);
        QFile file(script);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("#!/bin/sh\nn=$(cat '" + counter.toUtf8() + "' 2>/dev/null || echo 0)\nn=$((n+1))\necho $n > '"
            + counter.toUtf8()
            + "'\nprintf '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
              "\"status\":{\"token\":\"plugin-token-%s\"}}\\n' \"$n\"\n");
        file.close();
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));

        ScriptedServer server(m_server->certificates(), [](const ScriptedServer::Request& request) {
            // Only the second token the plugin hands out is accepted.
            if (request.authorization != "Bearer plugin-token-2")
                return ScriptedServer::response(401, ScriptedServer::status(401, "Unauthorized", "Unauthorized"));
            return ScriptedServer::response(200, R"({"major":"1","minor":"31","gitVersion":"v1.31.0"})");
        });
        QVERIFY(server.listen());
        const QByteArray exec = "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: "
            + script.toUtf8() + "\n      interactiveMode: Never\n";
        auto client = clientFor(scriptedConfig(server.port(), exec), u"exec.kubeconfig"_s);
        QVERIFY(client);
        const auto got = await(client->version());
        QVERIFY2(got, qPrintable(got ? QString() : got.error().toString()));
        QCOMPARE(server.requests.size(), 2);
        QCOMPARE(server.requests.at(0).authorization, "Bearer plugin-token-1"_ba);

        // A server that keeps refusing: one fresh token, then the 401 is reported.
        ScriptedServer refusing(m_server->certificates(), [](const ScriptedServer::Request&) {
            return ScriptedServer::response(401, ScriptedServer::status(401, "Unauthorized", "Unauthorized"));
        });
        QVERIFY(refusing.listen());
        auto refused = clientFor(scriptedConfig(refusing.port(), exec), u"exec-refused.kubeconfig"_s);
        QVERIFY(refused);
        const auto denied = await(refused->version());
        QVERIFY(!denied);
        QCOMPARE(denied.error().httpStatus, 401);
        QCOMPARE(refusing.requests.size(), 2);
        QVERIFY(!denied.error().toString().contains(u"plugin-token"_s));
    }

    void cancelPendingCall()
    {
        // While this thread sleeps the sandbox (which lives here) cannot answer: the call is pending.
        QFuture<Result<QJsonObject>> future
            = m_client->get(QString(), u"v1"_s, u"ConfigMap"_s, u"default"_s, u"settings"_s);
        QThread::msleep(200);
        QVERIFY(!future.isFinished());
        future.cancel();
        QTRY_VERIFY(future.isFinished());
        QVERIFY(future.isCanceled());
        QCOMPARE(future.resultCount(), 0);
        // The client is still usable.
        QVERIFY(await(m_client->get(QString(), u"v1"_s, u"ConfigMap"_s, u"default"_s, u"settings"_s)));
    }

    void destroyingTheClientCancels()
    {
        auto client = clientFromFile(m_dir.filePath(u"sandbox.kubeconfig"_s));
        QVERIFY(client);
        QFuture<Result<QJsonObject>> future = client->version();
        QThread::msleep(200);
        QVERIFY(!future.isFinished());
        client.reset();
        QVERIFY(future.isFinished());
        QCOMPARE(future.resultCount(), 1);
        QVERIFY(!future.result());
        QCOMPARE(future.result().error().code, Error::Code::Cancelled);
    }

    void callsFromAWorkerThread()
    {
        KubeClient* client = m_client.get();
        QThread* callerThread = nullptr;
        QFuture<Result<QJsonObject>> onWorker = QtConcurrent::run([client, &callerThread] {
            callerThread = QThread::currentThread();
            return client->get(QString(), u"v1"_s, u"ConfigMap"_s, u"default"_s, u"settings"_s).result();
        });
        const auto got = await(onWorker);
        QVERIFY2(got, qPrintable(got ? QString() : got.error().toString()));
        QCOMPARE(got->value(u"metadata"_s).toObject().value(u"name"_s).toString(), u"settings"_s);
        QVERIFY(callerThread && callerThread != QThread::currentThread());
    }
};

QTEST_GUILESS_MAIN(TestKubeClient)
#include "tst_kubeclient.moc"
