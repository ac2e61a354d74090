#include "fixtureshape.h"
#include "sandbox/sandboxserver.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using driftline::sandbox::ObjectStore;
using driftline::sandbox::ResourceType;
using driftline::sandbox::SandboxServer;

namespace
{

// One watch over HTTPS, read incrementally: events are parsed as lines arrive.
struct WatchStream {
    std::unique_ptr<QNetworkReply> reply;
    QByteArray pending;
    QList<QJsonObject> events;
    QStringList parseErrors;
    bool finished = false;

    void read()
    {
        pending += reply->readAll();
        qsizetype newline;
        while ((newline = pending.indexOf('\n')) >= 0) {
            const QByteArray line = pending.left(newline);
            pending.remove(0, newline + 1);
            if (line.trimmed().isEmpty())
                continue; // whitespace between JSON values
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
            if (!doc.isObject())
                parseErrors.append(error.errorString() + u": "_s + QString::fromUtf8(line));
            else
                events.append(doc.object());
        }
    }

    bool waitForEvents(qsizetype count, int ms = 5000)
    {
        return QTest::qWaitFor([&] { return events.size() >= count || finished; }, ms)
            && events.size() >= count;
    }
    bool waitForFinished(int ms = 5000)
    {
        return QTest::qWaitFor([&] { return finished; }, ms);
    }

    QStringList types() const
    {
        QStringList out;
        for (const QJsonObject& e : events)
            out.append(e.value(u"type"_s).toString());
        return out;
    }
    QStringList names() const
    {
        QStringList out;
        for (const QJsonObject& e : events)
            out.append(object(e).value(u"metadata"_s).toObject().value(u"name"_s).toString());
        return out;
    }
    static QJsonObject object(const QJsonObject& event) { return event.value(u"object"_s).toObject(); }
    static qint64 resourceVersion(const QJsonObject& event)
    {
        return object(event).value(u"metadata"_s).toObject().value(u"resourceVersion"_s).toString().toLongLong();
    }
};

QList<QJsonObject> loadJsonLines(const QString& relative)
{
    QFile file(kFixtures + u'/' + relative);
    QList<QJsonObject> out;
    if (!file.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (!line.trimmed().isEmpty())
            out.append(QJsonDocument::fromJson(line).object());
    }
    return out;
}

QJsonObject configMap(const QString& name, const QJsonObject& labels = {}, const QString& value = u"1"_s)
{
    QJsonObject meta { { u"name"_s, name } };
    if (!labels.isEmpty())
        meta.insert(u"labels"_s, labels);
    return QJsonObject { { u"metadata"_s, meta }, { u"data"_s, QJsonObject { { u"v"_s, value } } } };
}

} // namespace

class TestSandboxWatch : public QObject
{
    Q_OBJECT

    SandboxServer m_server;
    QNetworkAccessManager m_nam;
    ResourceType m_configMaps;
    ResourceType m_pods;
    ResourceType m_namespaces;

    QNetworkRequest request(const QString& path, const QString& query) const
    {
        QUrl url = m_server.url();
        url.setPath(path);
        url.setQuery(query);
        QNetworkRequest request(url);
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setCaCertificates({ m_server.certificates().caCertificate() });
        request.setSslConfiguration(ssl);
        request.setRawHeader("Authorization", "Bearer " + m_server.token());
        // HTTP/1.1, so that aborting a watch closes its connection as kubectl's would.
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        return request;
    }

    std::unique_ptr<WatchStream> watch(const QString& path, const QString& query)
    {
        auto stream = std::make_unique<WatchStream>();
        stream->reply.reset(m_nam.get(request(path, query)));
        WatchStream* s = stream.get();
        connect(s->reply.get(), &QNetworkReply::readyRead, s->reply.get(), [s] { s->read(); });
        connect(s->reply.get(), &QNetworkReply::finished, s->reply.get(), [s] {
            if (s->reply->isOpen())
                s->read();
            s->finished = true;
        });
        return stream;
    }

    // Waits until the server has the stream open, so later changes are live ones.
    bool waitUntilOpen(int before)
    {
        return QTest::qWaitFor([&] { return m_server.openWatchCount() > before; }, 5000);
    }

    QJsonObject getList(const QString& path, const QString& query = {})
    {
        std::unique_ptr<QNetworkReply> reply(m_nam.get(request(path, query)));
        QEventLoop loop;
        connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        return QJsonDocument::fromJson(reply->readAll()).object();
    }

    void makeNamespace(const QString& name)
    {
        const auto created = m_server.store().create(m_namespaces, QString(), configMap(name));
        QVERIFY2(created, created ? "" : qPrintable(created.error().toJson().value(u"message"_s).toString()));
    }

    void createConfigMap(const QString& ns, const QJsonObject& object)
    {
        const auto created = m_server.store().create(m_configMaps, ns, object);
        QVERIFY2(created, created ? "" : qPrintable(created.error().toJson().value(u"message"_s).toString()));
    }

    static QString listRv(const QJsonObject& list)
    {
        return list.value(u"metadata"_s).toObject().value(u"resourceVersion"_s).toString();
    }

private Q_SLOTS:
    // Every test's streams are gone by the next test: the server noticed the clients leave.
    void init()
    {
        QVERIFY(QTest::qWaitFor([&] { return m_server.openWatchCount() == 0; }, 5000));
    }

    void initTestCase()
    {
        QVERIFY2(QFile::exists(kFixtures + u"/watch/kuryr-k8s-1.2-pods-watch.jsonl"_s),
            qPrintable(u"fixtures missing: "_s + kFixtures));
        const auto listening = m_server.listen(0);
        QVERIFY2(listening, listening ? "" : qPrintable(listening.error().toString()));
        m_configMaps = *m_server.store().findType(QString(), u"v1"_s, u"configmaps"_s);
        m_pods = *m_server.store().findType(QString(), u"v1"_s, u"pods"_s);
        m_namespaces = *m_server.store().findType(QString(), u"v1"_s, u"namespaces"_s);
    }

    void liveChangesArriveInOrder_data()
    {
        QTest::addColumn<QString>("watchValue");
        QTest::newRow("watch=1") << u"1"_s;
        QTest::newRow("watch=true") << u"true"_s;
    }

    void liveChangesArriveInOrder()
    {
        QFETCH(QString, watchValue);
        const QString ns = u"live-"_s + watchValue;
        makeNamespace(ns);
        const QString path = u"/api/v1/namespaces/%1/configmaps"_s.arg(ns);
        const QString rv = listRv(getList(path));
        QVERIFY(!rv.isEmpty());

        const int before = m_server.openWatchCount();
        auto stream = watch(path, u"watch=%1&resourceVersion=%2"_s.arg(watchValue, rv));
        QVERIFY(waitUntilOpen(before));

        ObjectStore& store = m_server.store();
        createConfigMap(ns, configMap(u"a"_s));
        QJsonObject changed = *store.get(m_configMaps, ns, u"a"_s);
        changed.insert(u"data"_s, QJsonObject { { u"v"_s, u"2"_s } });
        QVERIFY(store.update(m_configMaps, ns, u"a"_s, changed));
        QVERIFY(store.remove(m_configMaps, ns, u"a"_s));

        QVERIFY2(stream->waitForEvents(3), qPrintable(stream->types().join(u',')));
        QVERIFY(stream->parseErrors.isEmpty());
        QCOMPARE(stream->types(), (QStringList { u"ADDED"_s, u"MODIFIED"_s, u"DELETED"_s }));
        QCOMPARE(stream->names(), (QStringList { u"a"_s, u"a"_s, u"a"_s }));
        qint64 last = rv.toLongLong();
        for (const QJsonObject& e : std::as_const(stream->events)) {
            const QJsonObject object = WatchStream::object(e);
            QCOMPARE(object.value(u"kind"_s).toString(), u"ConfigMap"_s);
            QCOMPARE(object.value(u"apiVersion"_s).toString(), u"v1"_s);
            QVERIFY2(WatchStream::resourceVersion(e) > last, "resourceVersions must increase");
            last = WatchStream::resourceVersion(e);
        }
        QCOMPARE(WatchStream::object(stream->events.at(1)).value(u"data"_s).toObject().value(u"v"_s).toString(),
            u"2"_s);
        QVERIFY(!stream->finished);
        QCOMPARE(stream->reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(stream->reply->header(QNetworkRequest::ContentTypeHeader).toString(), u"application/json"_s);
    }

    void withoutResourceVersionCurrentObjectsComeFirst_data()
    {
        QTest::addColumn<QString>("rvQuery");
        QTest::addColumn<QString>("ns");
        QTest::newRow("no resourceVersion") << QString() << u"initial-unset"_s;
        QTest::newRow("resourceVersion=0") << u"&resourceVersion=0"_s << u"initial-zero"_s;
    }

    void withoutResourceVersionCurrentObjectsComeFirst()
    {
        QFETCH(QString, rvQuery);
        QFETCH(QString, ns);
        makeNamespace(ns);
        createConfigMap(ns, configMap(u"one"_s));
        createConfigMap(ns, configMap(u"two"_s));

        const int before = m_server.openWatchCount();
        auto stream = watch(u"/api/v1/namespaces/%1/configmaps"_s.arg(ns), u"watch=1"_s + rvQuery);
        QVERIFY(waitUntilOpen(before));
        QVERIFY(stream->waitForEvents(2));
        createConfigMap(ns, configMap(u"three"_s));
        QVERIFY(stream->waitForEvents(3));
        QCOMPARE(stream->types(), (QStringList { u"ADDED"_s, u"ADDED"_s, u"ADDED"_s }));
        QCOMPARE(stream->names(), (QStringList { u"one"_s, u"two"_s, u"three"_s }));
        // Synthetic events carry kind/apiVersion although list items do not.
        QCOMPARE(WatchStream::object(stream->events.first()).value(u"kind"_s).toString(), u"ConfigMap"_s);
        QCOMPARE(WatchStream::object(stream->events.first()).value(u"apiVersion"_s).toString(), u"v1"_s);
    }

    void selectorsAndNamespaceFilterEvents_data()
    {
        QTest::addColumn<QString>("selector");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("label") << u"labelSelector=app%3Dweb"_s << QStringList { u"web-1"_s, u"web-2"_s };
        QTest::newRow("label set") << u"labelSelector=app+in+(web,db)"_s
                                   << QStringList { u"web-1"_s, u"db-1"_s, u"web-2"_s };
        QTest::newRow("field") << u"fieldSelector=metadata.name%3Ddb-1"_s << QStringList { u"db-1"_s };
    }

    void selectorsAndNamespaceFilterEvents()
    {
        QFETCH(QString, selector);
        QFETCH(QStringList, expected);
        const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-');
        const QString ns = u"sel-"_s + tag;
        const QString other = u"sel-other-"_s + tag;
        makeNamespace(ns);
        makeNamespace(other);
        const QString path = u"/api/v1/namespaces/%1/configmaps"_s.arg(ns);
        const QString rv = listRv(getList(path));

        const int before = m_server.openWatchCount();
        auto stream = watch(path, u"watch=1&resourceVersion=%1&%2"_s.arg(rv, selector));
        QVERIFY(waitUntilOpen(before));
        const QJsonObject web { { u"app"_s, u"web"_s } };
        createConfigMap(ns, configMap(u"web-1"_s, web));
        createConfigMap(other, configMap(u"web-1"_s, web)); // other namespace: never seen
        createConfigMap(ns, configMap(u"db-1"_s, { { u"app"_s, u"db"_s } }));
        createConfigMap(ns, configMap(u"cache-1"_s, { { u"app"_s, u"cache"_s } }));
        createConfigMap(ns, configMap(u"web-2"_s, web));

        QVERIFY(stream->waitForEvents(expected.size()));
        // Then a moment for anything that should not have come.
        QTest::qWait(300);
        QCOMPARE(stream->names(), expected);
        for (const QJsonObject& e : std::as_const(stream->events))
            QCOMPARE(WatchStream::object(e).value(u"metadata"_s).toObject().value(u"namespace"_s).toString(), ns);
    }

    void oldResourceVersionReplaysMissedEvents()
    {
        const QString ns = u"replay"_s;
        makeNamespace(ns);
        const QString path = u"/api/v1/namespaces/%1/configmaps"_s.arg(ns);
        const QString rv = listRv(getList(path));
        createConfigMap(ns, configMap(u"x"_s));
        createConfigMap(ns, configMap(u"y"_s));
        QVERIFY(m_server.store().remove(m_configMaps, ns, u"x"_s));

        auto stream = watch(path, u"watch=1&resourceVersion=%1"_s.arg(rv));
        QVERIFY(stream->waitForEvents(3));
        QCOMPARE(stream->types(), (QStringList { u"ADDED"_s, u"ADDED"_s, u"DELETED"_s }));
        QCOMPARE(stream->names(), (QStringList { u"x"_s, u"y"_s, u"x"_s }));
        // Nothing more: a specific resourceVersion gets no synthetic events.
        QTest::qWait(200);
        QCOMPARE(stream->events.size(), 3);
    }

    void bookmarksOnlyWhenAsked_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<bool>("expectBookmarks");
        QTest::newRow("allowWatchBookmarks=true") << u"&allowWatchBookmarks=true"_s << true;
        QTest::newRow("not asked") << QString() << false;
        QTest::newRow("allowWatchBookmarks=false") << u"&allowWatchBookmarks=false"_s << false;
    }

    void bookmarksOnlyWhenAsked()
    {
        QFETCH(QString, query);
        QFETCH(bool, expectBookmarks);
        m_server.setBookmarkInterval(std::chrono::milliseconds(100));
        const QString path = u"/api/v1/namespaces/default/configmaps"_s;
        const QString rv = listRv(getList(path));
        auto stream = watch(path, u"watch=1&resourceVersion=%1"_s.arg(rv) + query);
        QTest::qWait(700);
        m_server.setBookmarkInterval(std::chrono::seconds(60));
        const qsizetype bookmarks = stream->types().count(u"BOOKMARK"_s);
        QCOMPARE(bookmarks, stream->events.size());
        if (!expectBookmarks) {
            QCOMPARE(bookmarks, 0);
            return;
        }
        QVERIFY2(bookmarks >= 2, qPrintable(QString::number(bookmarks)));
        const QJsonObject object = WatchStream::object(stream->events.first());
        QCOMPARE(object.keys(), (QStringList { u"apiVersion"_s, u"kind"_s, u"metadata"_s }));
        QCOMPARE(object.value(u"kind"_s).toString(), u"ConfigMap"_s);
        const QJsonObject meta = object.value(u"metadata"_s).toObject();
        QCOMPARE(meta.keys(), QStringList { u"resourceVersion"_s });
        QVERIFY(meta.value(u"resourceVersion"_s).toString().toLongLong() >= rv.toLongLong());
    }

    void timeoutSecondsEndsTheStream()
    {
        const int before = m_server.openWatchCount();
        QElapsedTimer clock;
        clock.start();
        auto stream = watch(u"/api/v1/namespaces/default/configmaps"_s, u"watch=1&timeoutSeconds=1"_s);
        QVERIFY(waitUntilOpen(before));
        QVERIFY(stream->waitForFinished(5000));
        QVERIFY2(clock.elapsed() >= 900, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(stream->reply->error(), QNetworkReply::NoError);
        QCOMPARE(stream->reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY(QTest::qWaitFor([&] { return m_server.openWatchCount() == before; }, 2000));
    }

    void disconnectedClientsAreCleanedUp()
    {
        const int before = m_server.openWatchCount();
        auto stream = watch(u"/api/v1/namespaces/default/configmaps"_s, u"watch=1"_s);
        QVERIFY(waitUntilOpen(before));
        stream->reply->abort();
        QVERIFY(QTest::qWaitFor([&] { return m_server.openWatchCount() == before; }, 5000));
        // Changes after the client left reach nobody and break nothing.
        createConfigMap(u"default"_s, configMap(u"after-disconnect"_s));
    }

    void eventShapesMatchTheFixture()
    {
        const QString ns = u"shapes"_s;
        makeNamespace(ns);
        const QString path = u"/api/v1/namespaces/%1/pods"_s.arg(ns);
        const QString rv = listRv(getList(path));
        auto stream = watch(path, u"watch=1&resourceVersion=%1"_s.arg(rv));
        const QJsonObject pod { { u"metadata"_s,
                                    QJsonObject { { u"name"_s, u"p"_s },
                                        { u"labels"_s, QJsonObject { { u"run"_s, u"p"_s } } },
                                        { u"annotations"_s, QJsonObject { { u"note"_s, u"x"_s } } } } },
            { u"spec"_s,
                QJsonObject { { u"containers"_s,
                    QJsonArray { QJsonObject { { u"name"_s, u"c"_s }, { u"image"_s, u"nginx"_s } } } } } } };
        QVERIFY(m_server.store().create(m_pods, ns, pod));
        QJsonObject modified = *m_server.store().get(m_pods, ns, u"p"_s);
        // The status is a subresource the main resource's update ignores; labels do change.
        QJsonObject meta = modified.value(u"metadata"_s).toObject();
        meta.insert(u"labels"_s, QJsonObject { { u"run"_s, u"p2"_s } });
        modified.insert(u"metadata"_s, meta);
        QVERIFY(m_server.store().update(m_pods, ns, u"p"_s, modified));
        QVERIFY2(stream->waitForEvents(2),
            qPrintable(stream->types().join(u',') + u' ' + stream->reply->errorString()
                + u' ' + QString::fromUtf8(stream->pending)));

        const QList<QJsonObject> fixture = loadJsonLines(u"watch/kuryr-k8s-1.2-pods-watch.jsonl"_s);
        QVERIFY(!fixture.isEmpty());
        // Envelope and metadata only: the spec is whatever the test posted.
        const auto reduce = [](const QJsonObject& event) {
            QJsonObject object = WatchStream::object(event);
            // Labels and annotations are user maps: their type counts, not their keys.
            QJsonObject meta = object.value(u"metadata"_s).toObject();
            for (const QString& map : { u"labels"_s, u"annotations"_s }) {
                if (meta.contains(map))
                    meta.insert(map, QJsonObject {});
            }
            object.insert(u"metadata"_s, meta);
            return QJsonObject { { u"type"_s, event.value(u"type"_s) },
                { u"object"_s,
                    QJsonObject { { u"kind"_s, object.value(u"kind"_s) },
                        { u"apiVersion"_s, object.value(u"apiVersion"_s) },
                        { u"metadata"_s, object.value(u"metadata"_s) } } } };
        };
        for (const QJsonObject& event : std::as_const(stream->events)) {
            const QString type = event.value(u"type"_s).toString();
            const auto same = std::find_if(fixture.begin(), fixture.end(),
                [&](const QJsonObject& f) { return f.value(u"type"_s).toString() == type; });
            QVERIFY2(same != fixture.end(), qPrintable(type));
            ShapeCheck shape;
            // Removed in 1.20 / only set for generated names.
            shape.mayBeMissing = { u"selfLink"_s, u"generateName"_s };
            shape.check(reduce(event), reduce(*same), u"event"_s);
            QVERIFY2(shape.problems.isEmpty(), qPrintable(shape.problems.join(u'\n')));
        }
    }

    // Last: shrinking the change log expires the history the other tests use.
    void expiredResourceVersionIsAnErrorEvent()
    {
        const QString ns = u"expired"_s;
        makeNamespace(ns);
        const QString path = u"/api/v1/namespaces/%1/configmaps"_s.arg(ns);
        const QString rv = listRv(getList(path));
        m_server.store().setChangeLogCapacity(2);
        for (int i = 0; i < 4; ++i)
            createConfigMap(ns, configMap(u"e%1"_s.arg(i)));

        auto stream = watch(path, u"watch=1&resourceVersion=%1"_s.arg(rv));
        QVERIFY(stream->waitForFinished());
        QCOMPARE(stream->reply->error(), QNetworkReply::NoError);
        QCOMPARE(stream->reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(stream->events.size(), 1);
        const QJsonObject event = stream->events.first();
        QCOMPARE(event.value(u"type"_s).toString(), u"ERROR"_s);
        const QJsonObject status = WatchStream::object(event);
        QCOMPARE(status.value(u"kind"_s).toString(), u"Status"_s);
        QCOMPARE(status.value(u"code"_s).toInt(), 410);
        QCOMPARE(status.value(u"reason"_s).toString(), u"Expired"_s);
        QVERIFY(status.value(u"message"_s).toString().startsWith(u"too old resource version: "_s + rv));

        // The event envelope has the fixture's keys; the Status the real Status's shape.
        const QJsonObject fixtureEvent = loadJsonLines(u"watch/kuryr-k8s-1.2-pods-watch.jsonl"_s).first();
        QCOMPARE(event.keys(), fixtureEvent.keys());
        ShapeCheck shape;
        shape.mayBeMissing = { u"details"_s };
        shape.check(status, loadFixture(u"status/api-conventions-notfound-404.json"_s), u"Status"_s);
        QVERIFY2(shape.problems.isEmpty(), qPrintable(shape.problems.join(u'\n')));

        // Within the (new) window a watch still replays.
        m_server.store().setChangeLogCapacity(10000);
        const QString recent = listRv(getList(path));
        createConfigMap(ns, configMap(u"after"_s));
        auto resumed = watch(path, u"watch=1&resourceVersion=%1"_s.arg(recent));
        QVERIFY(resumed->waitForEvents(1));
        QCOMPARE(resumed->names(), QStringList { u"after"_s });
    }

    void unparseableResourceVersionIsABadRequest()
    {
        auto stream = watch(u"/api/v1/namespaces/default/configmaps"_s, u"watch=1&resourceVersion=abc"_s);
        QVERIFY(stream->waitForFinished());
        QCOMPARE(stream->reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
    }
};

QTEST_GUILESS_MAIN(TestSandboxWatch)
#include "tst_sandboxwatch.moc"
