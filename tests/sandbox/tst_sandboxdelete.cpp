// Deletion over real HTTPS: propagation policies (Background, Foreground, Orphan)
// through the garbage collector, finalizers holding an object, dryRun, and the
// answers the real API server gives for each.
#include "sandbox/sandboxserver.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using driftline::sandbox::ObjectStore;
using driftline::sandbox::ResourceType;
using driftline::sandbox::SandboxServer;

namespace
{

struct Response {
    int status = 0;
    QJsonObject json;
};

QJsonObject metaOf(const QJsonObject& o)
{
    return o.value(u"metadata"_s).toObject();
}

QString uidOf(const QJsonObject& o)
{
    return metaOf(o).value(u"uid"_s).toString();
}

QJsonObject ownerRef(const QString& apiVersion, const QString& kind, const QJsonObject& owner)
{
    return QJsonObject { { u"apiVersion"_s, apiVersion }, { u"kind"_s, kind },
        { u"name"_s, metaOf(owner).value(u"name"_s) }, { u"uid"_s, uidOf(owner) }, { u"controller"_s, true },
        { u"blockOwnerDeletion"_s, true } };
}

} // namespace

class TestSandboxDelete : public QObject
{
    Q_OBJECT

    SandboxServer m_server;
    QNetworkAccessManager m_nam;
    ResourceType m_deployments;
    ResourceType m_replicaSets;
    ResourceType m_pods;
    ResourceType m_configMaps;
    int m_run = 0;

    Response send(const QByteArray& verb, const QString& path, const QString& query = {},
        const QJsonObject& body = {})
    {
        QUrl url = m_server.url();
        url.setPath(path);
        if (!query.isEmpty())
            url.setQuery(query);
        QNetworkRequest request(url);
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setCaCertificates({ m_server.certificates().caCertificate() });
        request.setSslConfiguration(ssl);
        request.setRawHeader("Authorization", "Bearer " + m_server.token());
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
        request.setHeader(QNetworkRequest::UserAgentHeader, "driftline-tests/1.0"_ba);
        const QByteArray payload = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
        QNetworkReply* reply = m_nam.sendCustomRequest(request, verb, payload);
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(15000, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        Response r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.json = QJsonDocument::fromJson(reply->readAll()).object();
        delete reply;
        return r;
    }

    struct Chain {
        QString ns;
        QJsonObject deployment;
        QJsonObject replicaSet;
        QList<QJsonObject> pods;
    };

    // A Deployment owning a ReplicaSet owning two Pods, created by hand over HTTPS
    // in a namespace of its own.
    Chain makeChain()
    {
        Chain c;
        c.ns = u"gc-%1"_s.arg(++m_run);
        if (send("POST", u"/api/v1/namespaces"_s, {}, { { u"metadata"_s, QJsonObject { { u"name"_s, c.ns } } } }).status
            != 201)
            return {};
        const QJsonObject labels { { u"app"_s, u"web"_s } };
        const QJsonObject podSpec { { u"containers"_s,
            QJsonArray { QJsonObject { { u"name"_s, u"web"_s }, { u"image"_s, u"nginx:1.27"_s } } } } };
        const QJsonObject tmpl { { u"metadata"_s, QJsonObject { { u"labels"_s, labels } } }, { u"spec"_s, podSpec } };
        const QJsonObject spec { { u"selector"_s, QJsonObject { { u"matchLabels"_s, labels } } },
            { u"template"_s, tmpl } };
        c.deployment = send("POST", u"/apis/apps/v1/namespaces/%1/deployments"_s.arg(c.ns), {},
            { { u"metadata"_s, QJsonObject { { u"name"_s, u"web"_s } } }, { u"spec"_s, spec } })
                           .json;
        c.replicaSet = send("POST", u"/apis/apps/v1/namespaces/%1/replicasets"_s.arg(c.ns), {},
            { { u"metadata"_s,
                  QJsonObject { { u"name"_s, u"web-5d4f8"_s }, { u"labels"_s, labels },
                      { u"ownerReferences"_s, QJsonArray { ownerRef(u"apps/v1"_s, u"Deployment"_s, c.deployment) } } } },
                { u"spec"_s, spec } })
                           .json;
        for (const QString& name : { u"web-5d4f8-abcde"_s, u"web-5d4f8-fghij"_s }) {
            c.pods.append(send("POST", u"/api/v1/namespaces/%1/pods"_s.arg(c.ns), {},
                { { u"metadata"_s,
                      QJsonObject { { u"name"_s, name }, { u"labels"_s, labels },
                          { u"ownerReferences"_s,
                              QJsonArray { ownerRef(u"apps/v1"_s, u"ReplicaSet"_s, c.replicaSet) } } } },
                    { u"spec"_s, podSpec } })
                              .json);
        }
        return c;
    }

    bool exists(const ResourceType& type, const QString& ns, const QString& name)
    {
        return m_server.store().get(type, ns, name).has_value();
    }

    // Lets a queued garbage collection (a zero-time timer) run, if one was scheduled.
    static void settle()
    {
        for (int i = 0; i < 3; ++i)
            QCoreApplication::processEvents();
    }

    int podCount(const QString& ns)
    {
        ObjectStore::ListOptions options;
        options.ns = ns;
        return int(m_server.store().list(m_pods, options)->items.size());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.listen(0));
        m_deployments = *m_server.store().findType(u"apps"_s, u"v1"_s, u"deployments"_s);
        m_replicaSets = *m_server.store().findType(u"apps"_s, u"v1"_s, u"replicasets"_s);
        m_pods = *m_server.store().findType(QString(), u"v1"_s, u"pods"_s);
        m_configMaps = *m_server.store().findType(QString(), u"v1"_s, u"configmaps"_s);
    }

    void chainIsOwned()
    {
        const Chain c = makeChain();
        QVERIFY(!uidOf(c.deployment).isEmpty());
        QVERIFY(!uidOf(c.replicaSet).isEmpty());
        QCOMPARE(c.pods.size(), 2);
        QCOMPARE(podCount(c.ns), 2);
        QCOMPARE(metaOf(c.replicaSet).value(u"ownerReferences"_s).toArray().at(0).toObject().value(u"uid"_s).toString(),
            uidOf(c.deployment));
    }

    void backgroundRemovesOwnerNowAndDependentsAfter()
    {
        const Chain c = makeChain();
        const Response r = send("DELETE", u"/apis/apps/v1/namespaces/%1/deployments/web"_s.arg(c.ns));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(u"kind"_s).toString(), u"Status"_s);
        QCOMPARE(r.json.value(u"status"_s).toString(), u"Success"_s);
        QVERIFY(!exists(m_deployments, c.ns, u"web"_s));
        QTRY_VERIFY(!exists(m_replicaSets, c.ns, u"web-5d4f8"_s));
        QTRY_COMPARE(podCount(c.ns), 0);
    }

    void foregroundRemovesDependentsFirst()
    {
        const Chain c = makeChain();
        QList<std::pair<QString, QString>> events; // (type, kind/name)
        const int listener = m_server.store().addListener([&](const ObjectStore::Change& change) {
            if (metaOf(change.object).value(u"namespace"_s).toString() == c.ns)
                events.append({ ObjectStore::Change::typeName(change.type),
                    change.object.value(u"kind"_s).toString() + u'/'
                        + metaOf(change.object).value(u"name"_s).toString() });
        });
        const Response r = send("DELETE", u"/apis/apps/v1/namespaces/%1/deployments/web"_s.arg(c.ns), {},
            { { u"kind"_s, u"DeleteOptions"_s }, { u"apiVersion"_s, u"v1"_s },
                { u"propagationPolicy"_s, u"Foreground"_s } });
        QCOMPARE(r.status, 200);
        // Held by its finalizer: the answer is the object, marked for deletion.
        QCOMPARE(r.json.value(u"kind"_s).toString(), u"Deployment"_s);
        QVERIFY(metaOf(r.json).contains(u"deletionTimestamp"_s));
        QCOMPARE(metaOf(r.json).value(u"finalizers"_s).toArray(), QJsonArray { u"foregroundDeletion"_s });
        QVERIFY(!events.isEmpty());
        QCOMPARE(events.first(), std::pair(u"MODIFIED"_s, u"Deployment/web"_s));

        QTRY_VERIFY(!exists(m_deployments, c.ns, u"web"_s));
        QVERIFY(!exists(m_replicaSets, c.ns, u"web-5d4f8"_s));
        QCOMPARE(podCount(c.ns), 0);
        m_server.store().removeListener(listener);
        const auto deletedAt = [&](const QString& what) {
            return events.indexOf(std::pair(u"DELETED"_s, what));
        };
        QVERIFY(deletedAt(u"Pod/web-5d4f8-abcde"_s) >= 0);
        QVERIFY(deletedAt(u"Pod/web-5d4f8-abcde"_s) < deletedAt(u"ReplicaSet/web-5d4f8"_s));
        QVERIFY(deletedAt(u"Pod/web-5d4f8-fghij"_s) < deletedAt(u"ReplicaSet/web-5d4f8"_s));
        QVERIFY(deletedAt(u"ReplicaSet/web-5d4f8"_s) < deletedAt(u"Deployment/web"_s));
    }

    void orphanKeepsTheChildren()
    {
        const Chain c = makeChain();
        const Response r = send(
            "DELETE", u"/apis/apps/v1/namespaces/%1/deployments/web"_s.arg(c.ns), u"propagationPolicy=Orphan"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(metaOf(r.json).value(u"finalizers"_s).toArray(), QJsonArray { u"orphan"_s });
        // The collector runs until nothing is left to do, so the owner being gone means it finished.
        QTRY_VERIFY(!exists(m_deployments, c.ns, u"web"_s));
        settle();
        const auto rs = m_server.store().get(m_replicaSets, c.ns, u"web-5d4f8"_s);
        QVERIFY(rs);
        QVERIFY(!metaOf(*rs).contains(u"ownerReferences"_s));
        QCOMPARE(podCount(c.ns), 2);
        // The pods still belong to the (surviving) ReplicaSet.
        const auto pod = m_server.store().get(m_pods, c.ns, u"web-5d4f8-abcde"_s);
        QCOMPARE(metaOf(*pod).value(u"ownerReferences"_s).toArray().at(0).toObject().value(u"uid"_s).toString(),
            uidOf(c.replicaSet));
    }

    void dryRunDeletesNothing()
    {
        const Chain c = makeChain();
        const Response r = send("DELETE", u"/apis/apps/v1/namespaces/%1/deployments/web"_s.arg(c.ns),
            u"dryRun=All&propagationPolicy=Foreground"_s);
        QCOMPARE(r.status, 200);
        settle();
        QVERIFY(exists(m_deployments, c.ns, u"web"_s));
        QVERIFY(!metaOf(*m_server.store().get(m_deployments, c.ns, u"web"_s)).contains(u"deletionTimestamp"_s));
        QCOMPARE(podCount(c.ns), 2);
    }

    void finalizersHoldAnObject()
    {
        const QJsonObject cm { { u"metadata"_s,
            QJsonObject { { u"name"_s, u"held"_s }, { u"finalizers"_s, QJsonArray { u"example.com/hold"_s } } } } };
        QCOMPARE(send("POST", u"/api/v1/namespaces/default/configmaps"_s, {}, cm).status, 201);
        const Response r = send("DELETE", u"/api/v1/namespaces/default/configmaps/held"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(u"kind"_s).toString(), u"ConfigMap"_s);
        QVERIFY(metaOf(r.json).contains(u"deletionTimestamp"_s));
        QVERIFY(exists(m_configMaps, u"default"_s, u"held"_s));
        // A second delete changes nothing and answers the same way.
        QCOMPARE(send("DELETE", u"/api/v1/namespaces/default/configmaps/held"_s).status, 200);
        // Removing the last finalizer lets it go.
        QJsonObject object = r.json;
        QJsonObject meta = metaOf(object);
        meta.remove(u"finalizers"_s);
        object.insert(u"metadata"_s, meta);
        const Response put = send("PUT", u"/api/v1/namespaces/default/configmaps/held"_s, {}, object);
        QCOMPARE(put.status, 200);
        QVERIFY(!exists(m_configMaps, u"default"_s, u"held"_s));
    }

    void preconditionsAreChecked()
    {
        const Response created = send("POST", u"/api/v1/namespaces/default/configmaps"_s, {},
            { { u"metadata"_s, QJsonObject { { u"name"_s, u"guarded"_s } } } });
        QCOMPARE(created.status, 201);
        const Response stale = send("DELETE", u"/api/v1/namespaces/default/configmaps/guarded"_s, {},
            { { u"kind"_s, u"DeleteOptions"_s }, { u"apiVersion"_s, u"v1"_s },
                { u"preconditions"_s, QJsonObject { { u"uid"_s, u"not-the-uid"_s } } } });
        QCOMPARE(stale.status, 409);
        QCOMPARE(stale.json.value(u"reason"_s).toString(), u"Conflict"_s);
        QCOMPARE(stale.json.value(u"message"_s).toString(),
            u"Operation cannot be fulfilled on configmaps \"guarded\": Precondition failed: UID in precondition: "
            "not-the-uid, UID in object meta: %1"_s.arg(uidOf(created.json)));
        QVERIFY(exists(m_configMaps, u"default"_s, u"guarded"_s));
        const Response matching = send("DELETE", u"/api/v1/namespaces/default/configmaps/guarded"_s, {},
            { { u"kind"_s, u"DeleteOptions"_s }, { u"apiVersion"_s, u"v1"_s },
                { u"preconditions"_s,
                    QJsonObject { { u"uid"_s, uidOf(created.json) },
                        { u"resourceVersion"_s, metaOf(created.json).value(u"resourceVersion"_s) } } } });
        QCOMPARE(matching.status, 200);
        QVERIFY(!exists(m_configMaps, u"default"_s, u"guarded"_s));
    }

    void unknownPolicyIsBadRequest()
    {
        QCOMPARE(send("POST", u"/api/v1/namespaces/default/configmaps"_s, {},
                     { { u"metadata"_s, QJsonObject { { u"name"_s, u"plain"_s } } } })
                     .status,
            201);
        const Response r
            = send("DELETE", u"/api/v1/namespaces/default/configmaps/plain"_s, u"propagationPolicy=Sideways"_s);
        QCOMPARE(r.status, 400);
        QVERIFY(exists(m_configMaps, u"default"_s, u"plain"_s));
    }
};

QTEST_GUILESS_MAIN(TestSandboxDelete)
#include "tst_sandboxdelete.moc"
