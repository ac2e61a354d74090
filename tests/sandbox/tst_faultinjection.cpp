// Fault injection over real HTTPS: latency, 500s, 429 with Retry-After, dropped
// watches, and the /driftline/v1/faults switch.
#include "sandbox/faultinjection.h"
#include "sandbox/sandboxserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using driftline::sandbox::FaultInjection;
using driftline::sandbox::SandboxServer;

namespace
{

struct Answer {
    int status = 0;
    QJsonObject body;
    QByteArray raw;
    QByteArray retryAfter;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
};

} // namespace

class TestFaultInjection : public QObject
{
    Q_OBJECT

    std::unique_ptr<SandboxServer> m_server;
    QNetworkAccessManager m_nam;

    QNetworkRequest request(const QString& path, const QString& query = {}, bool withToken = true) const
    {
        QUrl url = m_server->url();
        url.setPath(path);
        if (!query.isEmpty())
            url.setQuery(query);
        QNetworkRequest r(url);
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setCaCertificates({ m_server->certificates().caCertificate() });
        r.setSslConfiguration(ssl);
        if (withToken)
            r.setRawHeader("Authorization", "Bearer " + m_server->token());
        r.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
        // HTTP/1.1: one connection per watch, so a dropped connection is a dropped watch.
        r.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        return r;
    }

    Answer wait(QNetworkReply* reply)
    {
        std::unique_ptr<QNetworkReply> owned(reply);
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 10000))
            return Answer {};
        Answer a;
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.raw = reply->readAll();
        a.body = QJsonDocument::fromJson(a.raw).object();
        a.retryAfter = reply->rawHeader("Retry-After");
        a.error = reply->error();
        return a;
    }
    Answer get(const QString& path) { return wait(m_nam.get(request(path))); }
    Answer post(const QString& path, const QJsonObject& body, bool withToken = true)
    {
        return wait(m_nam.post(request(path, {}, withToken), QJsonDocument(body).toJson()));
    }
    Answer createConfigMap(const QString& name)
    {
        return post(u"/api/v1/namespaces/default/configmaps"_s,
            QJsonObject { { u"metadata"_s, QJsonObject { { u"name"_s, name } } },
                { u"data"_s, QJsonObject { { u"k"_s, u"v"_s } } } });
    }

private slots:
    void init()
    {
        m_server = std::make_unique<SandboxServer>();
        const auto listening = m_server->listen();
        QVERIFY(listening.has_value());
        m_nam.clearConnectionCache();
    }
    void cleanup() { m_server.reset(); }

    void offByDefault()
    {
        QVERIFY(!FaultInjection {}.isActive());
        QCOMPARE(m_server->faults(), FaultInjection {});
        for (int i = 0; i < 5; ++i)
            QCOMPARE(get(u"/version"_s).status, 200);
    }

    void latencyDelaysEveryAnswer()
    {
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(get(u"/version"_s).status, 200);
        const qint64 plain = timer.elapsed();

        FaultInjection faults;
        faults.latency = 400ms;
        m_server->setFaults(faults);
        timer.restart();
        QCOMPARE(get(u"/version"_s).status, 200);
        const qint64 delayed = timer.elapsed();
        QVERIFY2(delayed >= 400, qPrintable(u"answered after %1 ms"_s.arg(delayed)));
        QVERIFY2(delayed < plain + 3000, qPrintable(u"answered after %1 ms"_s.arg(delayed)));

        // Errors are delayed too, and a watch stream starts only after the latency.
        timer.restart();
        QCOMPARE(get(u"/api/v1/namespaces/default/configmaps/missing"_s).status, 404);
        QVERIFY(timer.elapsed() >= 400);
    }

    void everyNthRequestFailsWithInternalError()
    {
        FaultInjection faults;
        faults.failEveryNth = 3;
        m_server->setFaults(faults);
        QCOMPARE(createConfigMap(u"a"_s).status, 201);
        QCOMPARE(createConfigMap(u"b"_s).status, 201);
        const Answer third = createConfigMap(u"c"_s);
        QCOMPARE(third.status, 500);
        QCOMPARE(third.body.value(u"kind"_s).toString(), u"Status"_s);
        QCOMPARE(third.body.value(u"status"_s).toString(), u"Failure"_s);
        QCOMPARE(third.body.value(u"reason"_s).toString(), u"InternalError"_s);
        QCOMPARE(third.body.value(u"code"_s).toInt(), 500);
        QVERIFY(third.body.value(u"message"_s).toString().startsWith(u"Internal error occurred: "_s));
        // The failed write changed nothing.
        const auto cm = *m_server->store().findType(QString(), u"v1"_s, u"configmaps"_s);
        QVERIFY(!m_server->store().get(cm, u"default"_s, u"c"_s).has_value());
        QCOMPARE(get(u"/api/v1/namespaces/default/configmaps/a"_s).status, 200);
        QCOMPARE(get(u"/api/v1/namespaces/default/configmaps/b"_s).status, 200);
        QCOMPARE(get(u"/version"_s).status, 500);
    }

    void throttledRequestsCarryRetryAfter()
    {
        FaultInjection faults;
        faults.throttleEveryNth = 2;
        faults.retryAfterSeconds = 7;
        m_server->setFaults(faults);
        QCOMPARE(get(u"/api/v1/namespaces"_s).status, 200);
        const Answer throttled = get(u"/api/v1/namespaces"_s);
        QCOMPARE(throttled.status, 429);
        QCOMPARE(throttled.retryAfter, "7"_ba);
        QCOMPARE(throttled.body.value(u"reason"_s).toString(), u"TooManyRequests"_s);
        QCOMPARE(throttled.body.value(u"code"_s).toInt(), 429);
        QCOMPARE(throttled.body.value(u"details"_s).toObject().value(u"retryAfterSeconds"_s).toInt(), 7);
        QCOMPARE(get(u"/api/v1/namespaces"_s).status, 200);
    }

    void switchedThroughTheApi()
    {
        QCOMPARE(post(u"/driftline/v1/faults"_s, QJsonObject { { u"throttleEveryNth"_s, 1 } }, false).status,
            401);
        const Answer bad = post(u"/driftline/v1/faults"_s, QJsonObject { { u"failEveryNth"_s, -1 } });
        QCOMPARE(bad.status, 400);
        QVERIFY(bad.body.value(u"message"_s).toString().contains(u"failEveryNth"_s));

        const Answer set = post(u"/driftline/v1/faults"_s,
            QJsonObject { { u"failEveryNth"_s, 2 }, { u"latencyMs"_s, 10 }, { u"dropWatchAfterEvents"_s, 4 } });
        QCOMPARE(set.status, 200);
        QCOMPARE(m_server->faults().failEveryNth, 2);
        QCOMPARE(m_server->faults().latency, 10ms);
        QCOMPARE(m_server->faults().dropWatchAfterEvents, 4);
        QCOMPARE(get(u"/version"_s).status, 200);
        QCOMPARE(get(u"/version"_s).status, 500);
        // The endpoint itself is never failed nor delayed, so a test can always switch faults off.
        const Answer current = get(u"/driftline/v1/faults"_s);
        QCOMPARE(current.status, 200);
        QCOMPARE(current.body.value(u"failEveryNth"_s).toInt(), 2);
        QCOMPARE(post(u"/driftline/v1/faults"_s, QJsonObject {}).status, 200);
        QCOMPARE(m_server->faults(), FaultInjection {});
    }

    void watchDroppedAfterNEvents()
    {
        QCOMPARE(createConfigMap(u"one"_s).status, 201);
        QCOMPARE(createConfigMap(u"two"_s).status, 201);
        FaultInjection faults;
        faults.dropWatchAfterEvents = 3;
        m_server->setFaults(faults);

        std::unique_ptr<QNetworkReply> reply(
            m_nam.get(request(u"/api/v1/namespaces/default/configmaps"_s, u"watch=1"_s)));
        QByteArray received;
        connect(reply.get(), &QNetworkReply::readyRead, this, [&] { received += reply->readAll(); });
        QVERIFY(QTest::qWaitFor([&] { return received.count('\n') >= 2; }, 5000));
        QCOMPARE(m_server->openWatchCount(), 1);
        QCOMPARE(createConfigMap(u"three"_s).status, 201);
        QVERIFY(QTest::qWaitFor([&] { return reply->isFinished(); }, 5000));
        received += reply->readAll();
        // Three events arrived, then the connection went away without the end of the stream.
        QCOMPARE(received.trimmed().split('\n').size(), 3);
        QVERIFY(received.contains("\"three\""));
        QVERIFY2(reply->error() != QNetworkReply::NoError, qPrintable(reply->errorString()));
        QVERIFY(QTest::qWaitFor([&] { return m_server->openWatchCount() == 0; }, 5000));
        QCOMPARE(createConfigMap(u"four"_s).status, 201);
    }

    void dropWatchConnectionsClosesEveryStream()
    {
        // Both streams have delivered events: QNAM silently resends a request whose
        // connection closed before any body arrived, which would hide the drop.
        QCOMPARE(createConfigMap(u"one"_s).status, 201);
        std::unique_ptr<QNetworkReply> a(m_nam.get(request(u"/api/v1/configmaps"_s, u"watch=1"_s)));
        std::unique_ptr<QNetworkReply> b(
            m_nam.get(request(u"/api/v1/namespaces"_s, u"watch=true&resourceVersion=0"_s)));
        QVERIFY(QTest::qWaitFor([&] { return a->bytesAvailable() > 0 && b->bytesAvailable() > 0; }, 5000));
        QCOMPARE(m_server->openWatchCount(), 2);
        m_server->dropWatchConnections();
        QVERIFY(QTest::qWaitFor([&] { return a->isFinished() && b->isFinished(); }, 5000));
        QVERIFY(a->error() != QNetworkReply::NoError);
        QVERIFY(b->error() != QNetworkReply::NoError);
        QVERIFY(QTest::qWaitFor([&] { return m_server->openWatchCount() == 0; }, 5000));
        // Ordinary requests still work afterwards.
        QCOMPARE(get(u"/version"_s).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestFaultInjection)
#include "tst_faultinjection.moc"
