// KubeWatch against an in-process sandbox over real HTTPS: ordered events,
// bookmarks, resuming after a dropped connection, relisting after 410 Gone,
// the reconnect backoff, and the failures that must not be retried.
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/kubewatch.h"
#include "sandbox/faultinjection.h"
#include "sandbox/objectstore.h"
#include "sandbox/sandboxcertificates.h"
#include "sandbox/sandboxserver.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QSslConfiguration>
#include <QSslServer>
#include <QTcpSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace driftline;
using driftline::kube::KubeClient;
using driftline::kube::KubeWatch;
using driftline::kube::WatchEvent;
using driftline::sandbox::ObjectStore;
using driftline::sandbox::SandboxServer;

namespace {

QJsonObject configMap(const QString& ns, const QString& name, const QString& value)
{
    return QJsonObject{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"ConfigMap"_s},
        {u"metadata"_s, QJsonObject{{u"name"_s, name}, {u"namespace"_s, ns}}},
        {u"data"_s, QJsonObject{{u"key"_s, value}}}};
}

QString nameOf(const QJsonObject& object)
{
    return object.value(u"metadata"_s).toObject().value(u"name"_s).toString();
}

QString typeName(WatchEvent::Type type)
{
    switch (type) {
    case WatchEvent::Type::Added:
        return u"ADDED"_s;
    case WatchEvent::Type::Modified:
        return u"MODIFIED"_s;
    case WatchEvent::Type::Deleted:
        return u"DELETED"_s;
    }
    return {};
}

// Everything a watch said, in the order it said it.
struct Recorder {
    QList<QList<QJsonObject>> lists;
    QStringList events; // "ADDED a" …
    QList<QJsonObject> eventObjects;
    QList<KubeWatch::State> states;
    QList<Error> errors;
    QList<qint64> stateTimesMs;
    QList<qint64> listTimesMs;
    QElapsedTimer clock;

    explicit Recorder(KubeWatch& watch)
    {
        clock.start();
        QObject::connect(&watch, &KubeWatch::listed, &watch,
            [this](const QList<QJsonObject>& items, const QString&) {
                lists.append(items);
                listTimesMs.append(clock.elapsed());
            });
        QObject::connect(&watch, &KubeWatch::eventsReceived, &watch, [this](const QList<WatchEvent>& batch) {
            for (const WatchEvent& e : batch) {
                events.append(typeName(e.type) + u' ' + nameOf(e.object));
                eventObjects.append(e.object);
            }
        });
        QObject::connect(&watch, &KubeWatch::stateChanged, &watch,
            [this](KubeWatch::State state, const Error& error) {
                states.append(state);
                errors.append(error);
                stateTimesMs.append(clock.elapsed());
            });
    }
    qsizetype count(KubeWatch::State state) const { return states.count(state); }
};

// An HTTPS server answering from a table, for what the sandbox never does: a
// watch answered with HTTP 410 itself (older API servers) rather than an ERROR event.
class TableServer : public QObject
{
public:
    explicit TableServer(const sandbox::SandboxCertificates& certificates)
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
    int watches = 0;

private:
    static QByteArray answer(int code, const QByteArray& body)
    {
        return "HTTP/1.1 " + QByteArray::number(code) + " X\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    }
    QByteArray respond(const QByteArray& target)
    {
        const QByteArray path = target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?'));
        if (path == "/api")
            return answer(200, R"({"kind":"APIVersions","versions":["v1"]})");
        if (path == "/apis")
            return answer(200, R"({"kind":"APIGroupList","apiVersion":"v1","groups":[]})");
        if (path == "/api/v1")
            return answer(200, R"({"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"configmaps",)"
                               R"("singularName":"configmap","namespaced":true,"kind":"ConfigMap","verbs":["list","watch"]}]})");
        if (target.contains("watch=1")) {
            ++watches;
            return answer(410, R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",)"
                               R"("message":"The resourceVersion for the provided watch is too old.","reason":"Expired","code":410})");
        }
        return answer(200, R"({"kind":"ConfigMapList","apiVersion":"v1","metadata":{"resourceVersion":"7"},"items":[]})");
    }
    void serve(QTcpSocket* socket)
    {
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
            buffer->append(socket->readAll());
            if (!buffer->contains("\r\n\r\n"))
                return;
            const QByteArray target = buffer->left(buffer->indexOf('\n')).split(' ').value(1);
            buffer->clear();
            socket->write(respond(target));
            socket->disconnectFromHost();
        });
    }

    QSslServer m_server;
};

} // namespace

class TestKubeWatch : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::shared_ptr<KubeClient> m_client;

    std::shared_ptr<KubeClient> clientFor(const QByteArray& yaml, const QString& fileName)
    {
        const QString path = m_dir.filePath(fileName);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(yaml) != yaml.size())
            return nullptr;
        file.close();
        auto config = kube::Kubeconfig::loadFile(path);
        if (!config || !config->errors().isEmpty())
            return nullptr;
        return std::make_shared<KubeClient>(std::make_shared<kube::CredentialResolver>(*config));
    }

    sandbox::ResourceType type(const QString& group, const QString& plural)
    {
        return *m_server->store().findType(group, u"v1"_s, plural);
    }

    bool createNamespace(const QString& name)
    {
        return m_server->store()
            .create(type(QString(), u"namespaces"_s), QString(),
                QJsonObject{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Namespace"_s},
                    {u"metadata"_s, QJsonObject{{u"name"_s, name}}}})
            .has_value();
    }
    bool put(const QString& ns, const QString& name, const QString& value)
    {
        ObjectStore& store = m_server->store();
        const auto cm = type(QString(), u"configmaps"_s);
        if (store.get(cm, ns, name))
            return store.update(cm, ns, name, configMap(ns, name, value)).has_value();
        return store.create(cm, ns, configMap(ns, name, value)).has_value();
    }
    bool removeObject(const QString& ns, const QString& name)
    {
        return m_server->store().remove(type(QString(), u"configmaps"_s), ns, name).has_value();
    }
    QString storeVersion() { return QString::number(m_server->store().resourceVersion()); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<SandboxServer>();
        QVERIFY(m_server->listen().has_value());
        m_client = clientFor(m_server->kubeconfigYaml(), u"sandbox.kubeconfig"_s);
        QVERIFY(m_client);
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_server.reset();
    }

    void eventsArriveInOrder()
    {
        QVERIFY(createNamespace(u"order"_s));
        QVERIFY(put(u"order"_s, u"before"_s, u"0"_s));
        KubeWatch watch(m_client, QString(), u"v1"_s, u"ConfigMap"_s, u"order"_s);
        Recorder rec(watch);
        QCOMPARE(watch.state(), KubeWatch::State::Idle);
        watch.start();
        QTRY_COMPARE(rec.lists.size(), 1);
        QCOMPARE(rec.lists.first().size(), 1);
        QCOMPARE(nameOf(rec.lists.first().first()), u"before"_s);
        QCOMPARE(rec.lists.first().first().value(u"kind"_s).toString(), u"ConfigMap"_s);
        QTRY_COMPARE(watch.state(), KubeWatch::State::Watching);

        QVERIFY(put(u"order"_s, u"a"_s, u"1"_s));
        QVERIFY(put(u"order"_s, u"a"_s, u"2"_s));
        QVERIFY(put(u"order"_s, u"b"_s, u"1"_s));
        QVERIFY(removeObject(u"order"_s, u"a"_s));
        QVERIFY(removeObject(u"order"_s, u"before"_s));
        QVERIFY(put(u"default"_s, u"not-watched"_s, u"x"_s));
        const QStringList expected{u"ADDED a"_s, u"MODIFIED a"_s, u"ADDED b"_s, u"DELETED a"_s, u"DELETED before"_s};
        QTRY_COMPARE(rec.events, expected);
        QCOMPARE(rec.eventObjects.at(1).value(u"data"_s).toObject().value(u"key"_s).toString(), u"2"_s);
        for (const QJsonObject& object : std::as_const(rec.eventObjects)) {
            QCOMPARE(object.value(u"kind"_s).toString(), u"ConfigMap"_s);
            QCOMPARE(object.value(u"apiVersion"_s).toString(), u"v1"_s);
        }
        QCOMPARE(watch.resourceVersion(),
            rec.eventObjects.last().value(u"metadata"_s).toObject().value(u"resourceVersion"_s).toString());
        QCOMPARE(rec.count(KubeWatch::State::Reconnecting), 0);
    }

    void bookmarksAdvanceTheResourceVersion()
    {
        m_server->setBookmarkInterval(std::chrono::milliseconds(100));
        auto restore = qScopeGuard([this] { m_server->setBookmarkInterval(std::chrono::seconds(60)); });
        QVERIFY(createNamespace(u"quiet"_s));
        KubeWatch watch(m_client, QString(), u"v1"_s, u"ConfigMap"_s, u"quiet"_s);
        Recorder rec(watch);
        watch.start();
        QTRY_COMPARE(watch.state(), KubeWatch::State::Watching);
        const QString listed = watch.resourceVersion();
        // Changes the watch does not see: only a bookmark can tell it how far the cluster is.
        QVERIFY(put(u"default"_s, u"noise-1"_s, u"1"_s));
        QVERIFY(put(u"default"_s, u"noise-2"_s, u"1"_s));
        const QString now = storeVersion();
        QVERIFY(now != listed);
        QTRY_COMPARE(watch.resourceVersion(), now);
        QVERIFY(rec.events.isEmpty());
        QCOMPARE(rec.lists.size(), 1);
    }

    void resumesAfterADroppedConnection()
    {
        QVERIFY(createNamespace(u"drop"_s));
        KubeWatch watch(m_client, QString(), u"v1"_s, u"ConfigMap"_s, u"drop"_s);
        Recorder rec(watch);
        watch.start();
        QTRY_COMPARE(watch.state(), KubeWatch::State::Watching);
        QVERIFY(put(u"drop"_s, u"a"_s, u"1"_s));
        QTRY_COMPARE(rec.events, QStringList{u"ADDED a"_s});
        QTRY_VERIFY(m_server->openWatchCount() >= 1);

        m_server->dropWatchConnections();
        // The sandbox runs on this thread, so these land before the client can come back.
        QVERIFY(put(u"drop"_s, u"a"_s, u"2"_s));
        QVERIFY(put(u"drop"_s, u"b"_s, u"1"_s));
        QVERIFY(removeObject(u"drop"_s, u"a"_s));
        const QStringList expected{u"ADDED a"_s, u"MODIFIED a"_s, u"ADDED b"_s, u"DELETED a"_s};
        QTRY_COMPARE(rec.events, expected);
        QTRY_COMPARE(watch.state(), KubeWatch::State::Watching);
        // The drop was noticed and retried after a backoff, with the reason attached.
        QCOMPARE(rec.count(KubeWatch::State::Reconnecting), 1);
        const qsizetype at = rec.states.indexOf(KubeWatch::State::Reconnecting);
        QCOMPARE(rec.errors.at(at).code, Error::Code::Io);
        QVERIFY(!rec.errors.at(at).message.isEmpty());
        // Resumed, not relisted.
        QCOMPARE(rec.lists.size(), 1);
        // And still live afterwards.
        QVERIFY(put(u"drop"_s, u"c"_s, u"1"_s));
        QTRY_COMPARE(rec.events.size(), 5);
        QCOMPARE(rec.events.last(), u"ADDED c"_s);
        QCOMPARE(rec.events.count(u"MODIFIED a"_s), 1);
    }

    void survivesRepeatedDrops()
    {
        // The sandbox cuts every watch after two events: the client keeps resuming
        // and the sequence still comes out whole, without repeats.
        QVERIFY(createNamespace(u"flaky"_s));
        sandbox::FaultInjection faults;
        faults.dropWatchAfterEvents = 2;
        m_server->setFaults(faults);
        auto restore = qScopeGuard([this] { m_server->setFaults({}); });
        KubeWatch watch(m_client, QString(), u"v1"_s, u"ConfigMap"_s, u"flaky"_s);
        Recorder rec(watch);
        watch.start();
        QTRY_COMPARE(watch.state(), KubeWatch::State::Watching);
        QStringList expected;
        for (int burst = 0; burst < 3; ++burst) {
            for (int i = 0; i < 3; ++i) {
                const QString name = u"o%1"_s.arg(i);
                const bool exists = burst > 0;
                QVERIFY(put(u"flaky"_s, name, QString::number(burst)));
                expected.append((exists ? u"MODIFIED "_s : u"ADDED "_s) + name);
            }
            QTRY_COMPARE_WITH_TIMEOUT(rec.events, expected, 10000);
        }
        // Dropped after events 2, 4, 6 and 8 (a clean end would re-watch at once instead).
        QVERIFY2(rec.count(KubeWatch::State::Reconnecting) >= 3, qPrintable(QString::number(rec.count(KubeWatch::State::Reconnecting))));
        QCOMPARE(rec.lists.size(), 1);
    }

    void relistsAfterGone()
    {
        QVERIFY(createNamespace(u"gone"_s));
        QVERIFY(put(u"gone"_s, u"keep"_s, u"1"_s));
        QVERIFY(put(u"gone"_s, u"lose"_s, u"1"_s));
        KubeWatch watch(m_client, QString(), u"v1"_s, u"ConfigMap"_s, u"gone"_s);
        Recorder rec(watch);
        watch.start();
        QTRY_COMPARE(watch.state(), KubeWatch::State::Watching);
        QCOMPARE(rec.lists.size(), 1);
        QCOMPARE(rec.lists.first().size(), 2);

        m_server->store().setChangeLogCapacity(5);
        auto restore = qScopeGuard([this] { m_server->store().setChangeLogCapacity(10000); });
        m_server->dropWatchConnections();
        // More changes than the log keeps: the resume point is gone.
        for (int i = 0; i < 12; ++i)
            QVERIFY(put(u"gone"_s, u"new-%1"_s.arg(i), QString::number(i)));
        QVERIFY(removeObject(u"gone"_s, u"lose"_s));

        QTRY_COMPARE_WITH_TIMEOUT(rec.lists.size(), 2, 10000);
        QStringList names;
        for (const QJsonObject& item : std::as_const(rec.lists.last()))
            names.append(nameOf(item));
        names.sort();
        QStringList expected{u"keep"_s};
        for (int i = 0; i < 12; ++i)
            expected.append(u"new-%1"_s.arg(i));
        expected.sort();
        QCOMPARE(names, expected);
        QCOMPARE(rec.count(KubeWatch::State::Listing), 2);
        QTRY_COMPARE(watch.state(), KubeWatch::State::Watching);
        // Nothing from the expired window was replayed as events.
        QVERIFY(rec.events.isEmpty());
        QVERIFY(put(u"gone"_s, u"after"_s, u"1"_s));
        QTRY_COMPARE(rec.events, QStringList{u"ADDED after"_s});
    }

    void goneAnswerRelistsWithoutAHotLoop()
    {
        TableServer table(m_server->certificates());
        QVERIFY(table.listen());
        QByteArray yaml = m_server->kubeconfigYaml();
        yaml.replace(QByteArray(":" + QByteArray::number(m_server->port())), QByteArray(":" + QByteArray::number(table.port())));
        auto client = clientFor(yaml, u"table.kubeconfig"_s);
        QVERIFY(client);
        KubeWatch watch(client, QString(), u"v1"_s, u"ConfigMap"_s, u"default"_s);
        Recorder rec(watch);
        watch.start();
        // A 410 answer: list again at once…
        QTRY_VERIFY(rec.lists.size() >= 2);
        // …but a server that expires even the fresh list's version gets the backoff.
        QTRY_VERIFY_WITH_TIMEOUT(rec.lists.size() >= 3, 10000);
        const qsizetype reconnecting = rec.states.indexOf(KubeWatch::State::Reconnecting);
        QVERIFY(reconnecting > 0);
        QCOMPARE(rec.errors.at(reconnecting).httpStatus, 410);
        const QList<qint64> listing = rec.listTimesMs;
        QVERIFY2(listing[2] - listing[1] >= 400, qPrintable(QString::number(listing[2] - listing[1])));
        QVERIFY(table.watches <= 4);
        watch.stop();
    }

    void backsOffExponentially()
    {
        // A port nothing listens on: every attempt fails at once, so the gaps are the backoff.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 deadPort = probe.serverPort();
        probe.close();
        QByteArray yaml = m_server->kubeconfigYaml();
        yaml.replace(QByteArray(":" + QByteArray::number(m_server->port())), QByteArray(":" + QByteArray::number(deadPort)));
        auto client = clientFor(yaml, u"dead.kubeconfig"_s);
        QVERIFY(client);
        KubeWatch watch(client, QString(), u"v1"_s, u"ConfigMap"_s, u"default"_s);
        Recorder rec(watch);
        watch.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count(KubeWatch::State::Reconnecting) >= 4, 10000);
        QList<qint64> at;
        for (qsizetype i = 0; i < rec.states.size(); ++i) {
            if (rec.states.at(i) == KubeWatch::State::Reconnecting) {
                at.append(rec.stateTimesMs.at(i));
                QCOMPARE(rec.errors.at(i).code, Error::Code::Io);
            }
        }
        const qint64 gap1 = at[1] - at[0], gap2 = at[2] - at[1], gap3 = at[3] - at[2];
        // 0.5 s, 1 s, 2 s, each ±20 %.
        QVERIFY2(gap1 >= 400 && gap1 < 1500, qPrintable(QString::number(gap1)));
        QVERIFY2(gap2 >= 800 && gap2 < 2500, qPrintable(QString::number(gap2)));
        QVERIFY2(gap3 >= 1600 && gap3 < 4000, qPrintable(QString::number(gap3)));
        QVERIFY(gap3 > gap1);
        QVERIFY(rec.lists.isEmpty());
        watch.stop();
        QCOMPARE(watch.state(), KubeWatch::State::Idle);
    }

    void unauthorizedFails()
    {
        QByteArray yaml = m_server->kubeconfigYaml();
        const QByteArray token = m_server->token();
        QVERIFY(yaml.contains(token));
        yaml.replace(token, "not-the-token");
        auto client = clientFor(yaml, u"badtoken.kubeconfig"_s);
        QVERIFY(client);
        KubeWatch watch(client, QString(), u"v1"_s, u"ConfigMap"_s, u"default"_s);
        Recorder rec(watch);
        watch.start();
        QTRY_COMPARE(watch.state(), KubeWatch::State::Failed);
        QCOMPARE(rec.errors.last().httpStatus, 401);
        QCOMPARE(rec.count(KubeWatch::State::Reconnecting), 0);
        // Failed stays failed: nothing retries behind the caller's back.
        QTest::qWait(700);
        QCOMPARE(watch.state(), KubeWatch::State::Failed);
        QCOMPARE(rec.count(KubeWatch::State::Listing), 1);
    }

    void unknownKindFails()
    {
        KubeWatch watch(m_client, u"example.com"_s, u"v1"_s, u"Nothing"_s);
        Recorder rec(watch);
        watch.start();
        QTRY_COMPARE(watch.state(), KubeWatch::State::Failed);
        QCOMPARE(rec.errors.last().code, Error::Code::NotFound);
    }

    void stopStops()
    {
        QVERIFY(createNamespace(u"stop"_s));
        const int before = m_server->openWatchCount();
        KubeWatch watch(m_client, QString(), u"v1"_s, u"ConfigMap"_s, u"stop"_s);
        Recorder rec(watch);
        watch.start();
        QTRY_COMPARE(watch.state(), KubeWatch::State::Watching);
        QTRY_COMPARE(m_server->openWatchCount(), before + 1);
        watch.stop();
        QCOMPARE(watch.state(), KubeWatch::State::Idle);
        QVERIFY(put(u"stop"_s, u"late"_s, u"1"_s));
        // The stream is closed on the server too.
        QTRY_COMPARE(m_server->openWatchCount(), before);
        QTest::qWait(300);
        QVERIFY(rec.events.isEmpty());
        QCOMPARE(watch.state(), KubeWatch::State::Idle);
        // And it can start again: the late object comes with the new list.
        watch.start();
        QTRY_COMPARE(rec.lists.size(), 2);
        QCOMPARE(rec.lists.last().size(), 1);
        QTRY_COMPARE(watch.state(), KubeWatch::State::Watching);
    }

    void manyWatchesOnOneClient()
    {
        // A live cache watches every kind at once through one client: open streams
        // must not starve each other or the client's ordinary requests.
        std::vector<std::unique_ptr<KubeWatch>> watches;
        for (int i = 0; i < 12; ++i) {
            QVERIFY(createNamespace(u"many-%1"_s.arg(i)));
            watches.push_back(std::make_unique<KubeWatch>(
                m_client, QString(), u"v1"_s, u"ConfigMap"_s, u"many-%1"_s.arg(i)));
            watches.back()->start();
        }
        for (const auto& watch : watches)
            QTRY_COMPARE(watch->state(), KubeWatch::State::Watching);
        QDeadlineTimer deadline(5000);
        auto version = m_client->version();
        while (!version.isFinished() && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QVERIFY(version.isFinished());
        QVERIFY(version.result().has_value());
        Recorder last(*watches.back());
        QVERIFY(put(u"many-11"_s, u"x"_s, u"1"_s));
        QTRY_COMPARE(last.events, QStringList{u"ADDED x"_s});
    }

    void destroyedWhileStreaming()
    {
        // A watch deleted mid-stream must not be reached by late callbacks.
        QVERIFY(createNamespace(u"gone-away"_s));
        auto watch = std::make_unique<KubeWatch>(m_client, QString(), u"v1"_s, u"ConfigMap"_s, u"gone-away"_s);
        watch->start();
        QTRY_COMPARE(watch->state(), KubeWatch::State::Watching);
        for (int i = 0; i < 20; ++i)
            QVERIFY(put(u"gone-away"_s, u"x%1"_s.arg(i), u"1"_s));
        QCoreApplication::processEvents();
        watch.reset();
        QTest::qWait(200);
    }
};

QTEST_GUILESS_MAIN(TestKubeWatch)
#include "tst_kubewatch.moc"
