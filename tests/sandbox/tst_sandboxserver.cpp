#include "sandbox/sandboxserver.h"
#include "fixtureshape.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSet>
#include <QSslCertificateExtension>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>
#include <yaml-cpp/yaml.h>

using namespace Qt::StringLiterals;
using driftline::sandbox::SandboxServer;

namespace
{

struct Response {
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
};

QString names(const QJsonArray& items)
{
    QStringList out;
    for (const QJsonValue& v : items)
        out.append(v.toObject().value(u"metadata"_s).toObject().value(u"name"_s).toString());
    return out.join(u',');
}

QJsonObject named(const QString& name, const QJsonObject& labels = {})
{
    QJsonObject meta { { u"name"_s, name } };
    if (!labels.isEmpty())
        meta.insert(u"labels"_s, labels);
    return QJsonObject { { u"metadata"_s, meta } };
}

} // namespace

class TestSandboxServer : public QObject
{
    Q_OBJECT

    SandboxServer m_server;
    QNetworkAccessManager m_nam;

    Response send(const QByteArray& verb, const QString& path, const QString& query = {},
        const QJsonObject& body = {}, const QByteArray& token = "<server>", bool trustCa = true)
    {
        // QNetworkAccessManager reuses connections per host whatever the TLS
        // configuration, so the untrusted request gets a manager of its own.
        QNetworkAccessManager untrusting;
        QNetworkAccessManager& nam = trustCa ? m_nam : untrusting;
        QUrl url = m_server.url();
        url.setPath(path);
        if (!query.isEmpty())
            url.setQuery(query);
        QNetworkRequest request(url);
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        // Only the sandbox's own CA is trusted: a wrong chain fails the request.
        if (trustCa)
            ssl.setCaCertificates({ m_server.certificates().caCertificate() });
        request.setSslConfiguration(ssl);
        const QByteArray bearer = token == "<server>" ? m_server.token() : token;
        if (!bearer.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + bearer);
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
        const QByteArray payload
            = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
        QNetworkReply* reply = nam.sendCustomRequest(request, verb, payload);
        // A plain event loop: QSignalSpy::wait returns at once after an earlier failure.
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(15000, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        Response r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        r.json = QJsonDocument::fromJson(r.body).object();
        r.error = reply->error();
        if (r.status == 0)
            qWarning() << "request failed:" << reply->errorString();
        delete reply;
        return r;
    }

    Response create(const QString& collection, const QJsonObject& body, const QString& query = {})
    {
        return send("POST", collection, query, body);
    }

    void expectStatus(const Response& r, int code, const QString& reason)
    {
        QCOMPARE(r.status, code);
        QCOMPARE(r.json.value(u"kind"_s).toString(), u"Status"_s);
        QCOMPARE(r.json.value(u"apiVersion"_s).toString(), u"v1"_s);
        QCOMPARE(r.json.value(u"status"_s).toString(), u"Failure"_s);
        QCOMPARE(r.json.value(u"reason"_s).toString(), reason);
        QCOMPARE(r.json.value(u"code"_s).toInt(), code);
        QVERIFY(!r.json.value(u"message"_s).toString().isEmpty());
        ShapeCheck shape;
        // Like the real server, only some failures carry details.
        if (code == 400 || code == 401 || code == 405)
            shape.mayBeMissing = { u"details"_s };
        // StatusDetails fields are all omitempty: an unknown path answers "details":{}.
        if (r.json.value(u"details"_s).toObject().isEmpty())
            shape.mayBeMissing += QSet<QString> { u"name"_s, u"kind"_s };
        shape.mayBeExtra = { u"group"_s, u"uid"_s, u"causes"_s };
        shape.check(r.json, loadFixture(u"status/api-conventions-notfound-404.json"_s), u"Status"_s);
        QVERIFY2(shape.problems.isEmpty(), qPrintable(shape.problems.join(u'\n')));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(kFixtures + u"/NOTES.md"_s), qPrintable(u"fixtures missing: "_s + kFixtures));
        const auto listening = m_server.listen(0);
        QVERIFY2(listening, listening ? "" : qPrintable(listening.error().toString()));
        QVERIFY(m_server.port() != 0);
    }

    void listensOnLoopbackOnly()
    {
        QCOMPARE(m_server.serverAddress(), QHostAddress(QHostAddress::LocalHost));
        QVERIFY(m_server.serverAddress().isLoopback());
        QCOMPARE(m_server.url().host(), u"127.0.0.1"_s);
    }

    void certificatesChainToTheGeneratedCa()
    {
        const auto& certs = m_server.certificates();
        QVERIFY(certs.caCertificate().isSelfSigned());
        QVERIFY(!certs.serverCertificate().isSelfSigned());
        QCOMPARE(certs.serverKey().algorithm(), QSsl::Ec);
        // The chain itself is proven by every HTTPS request here, which trusts only this CA.
        QCOMPARE(certs.serverCertificate().issuerInfo(QSslCertificate::CommonName),
            certs.caCertificate().subjectInfo(QSslCertificate::CommonName));
        bool isCa = false;
        for (const QSslCertificateExtension& ext : certs.caCertificate().extensions()) {
            if (ext.name() == u"basicConstraints"_s)
                isCa = ext.value().toMap().value(u"ca"_s).toBool();
        }
        QVERIFY(isCa);
        QVERIFY(certs.serverCertificate()
                    .subjectAlternativeNames()
                    .values(QSsl::DnsEntry)
                    .contains(u"localhost"_s));
        const QStringList ips
            = certs.serverCertificate().subjectAlternativeNames().values(QSsl::IpAddressEntry);
        QVERIFY(ips.contains(u"127.0.0.1"_s));
        QVERIFY(QRegularExpression(u"^[A-Za-z0-9_-]{43}$"_s)
                    .match(QString::fromLatin1(certs.token()))
                    .hasMatch());
    }

    void untrustedCaIsRefused()
    {
        const Response r = send("GET", u"/version"_s, {}, {}, "<server>", false);
        QCOMPARE(r.error, QNetworkReply::SslHandshakeFailedError);
    }

    void requestsWithoutTheTokenAreRefused_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::newRow("no token") << QByteArray();
        QTest::newRow("wrong token") << "not-the-token"_ba;
    }
    void requestsWithoutTheTokenAreRefused()
    {
        QFETCH(QByteArray, token);
        const Response r = send("GET", u"/api/v1/namespaces"_s, {}, {}, token);
        expectStatus(r, 401, u"Unauthorized"_s);
    }

    void discoveryMatchesTheFixtures_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("fixture");
        QTest::newRow("/api") << u"/api"_s << u"discovery/kubernetes/api.json"_s;
        QTest::newRow("/api/v1") << u"/api/v1"_s << u"discovery/kubernetes/api__v1.json"_s;
        QTest::newRow("/apis") << u"/apis"_s << u"discovery/kubernetes/apis.json"_s;
        QTest::newRow("/apis/apps/v1") << u"/apis/apps/v1"_s << u"discovery/kubernetes/apis__apps__v1.json"_s;
    }
    void discoveryMatchesTheFixtures()
    {
        QFETCH(QString, path);
        QFETCH(QString, fixture);
        const QJsonObject expected = loadFixture(fixture);
        QVERIFY(!expected.isEmpty());
        const Response r = send("GET", path);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(u"kind"_s), expected.value(u"kind"_s));
        ShapeCheck shape;
        shape.check(r.json, expected, path);
        QVERIFY2(shape.problems.isEmpty(), qPrintable(shape.problems.join(u'\n')));
    }

    void discoveryListsTheServedResources()
    {
        const QJsonObject core = send("GET", u"/api/v1"_s).json;
        QStringList plurals;
        for (const QJsonValue& v : core.value(u"resources"_s).toArray())
            plurals.append(v.toObject().value(u"name"_s).toString());
        for (const QString& p : { u"namespaces"_s, u"configmaps"_s, u"secrets"_s, u"services"_s,
                 u"serviceaccounts"_s, u"pods"_s, u"persistentvolumeclaims"_s, u"endpoints"_s })
            QVERIFY2(plurals.contains(p), qPrintable(p));

        const QJsonObject groups = send("GET", u"/apis"_s).json;
        QMap<QString, QString> preferred;
        for (const QJsonValue& v : groups.value(u"groups"_s).toArray())
            preferred.insert(v.toObject().value(u"name"_s).toString(),
                v.toObject().value(u"preferredVersion"_s).toObject().value(u"groupVersion"_s).toString());
        QCOMPARE(preferred.value(u"apps"_s), u"apps/v1"_s);
        QCOMPARE(preferred.value(u"autoscaling"_s), u"autoscaling/v2"_s);
        QCOMPARE(preferred.value(u"policy"_s), u"policy/v1"_s);
        QCOMPARE(preferred.value(u"rbac.authorization.k8s.io"_s), u"rbac.authorization.k8s.io/v1"_s);

        const Response group = send("GET", u"/apis/batch"_s);
        QCOMPARE(group.status, 200);
        QCOMPARE(group.json.value(u"kind"_s).toString(), u"APIGroup"_s);
        expectStatus(send("GET", u"/apis/nothing.example.com/v1"_s), 404, u"NotFound"_s);
    }

    void versionAndHealth()
    {
        const Response version = send("GET", u"/version"_s);
        QCOMPARE(version.status, 200);
        for (const QString& key : { u"major"_s, u"minor"_s, u"gitVersion"_s, u"gitCommit"_s,
                 u"gitTreeState"_s, u"buildDate"_s, u"goVersion"_s, u"compiler"_s, u"platform"_s })
            QVERIFY2(version.json.value(key).isString(), qPrintable(key));
        const Response health = send("GET", u"/healthz"_s);
        QCOMPARE(health.status, 200);
        QCOMPARE(health.body, "ok"_ba);
    }

    void createAndGet()
    {
        const Response ns = create(u"/api/v1/namespaces"_s, named(u"shop"_s));
        QCOMPARE(ns.status, 201);
        const Response cm = create(u"/api/v1/namespaces/shop/configmaps"_s,
            QJsonObject { { u"apiVersion"_s, u"v1"_s }, { u"kind"_s, u"ConfigMap"_s },
                { u"metadata"_s, QJsonObject { { u"name"_s, u"settings"_s } } },
                { u"data"_s, QJsonObject { { u"color"_s, u"blue"_s } } } });
        QCOMPARE(cm.status, 201);

        const Response got = send("GET", u"/api/v1/namespaces/shop/configmaps/settings"_s);
        QCOMPARE(got.status, 200);
        QCOMPARE(got.json.value(u"kind"_s).toString(), u"ConfigMap"_s);
        QCOMPARE(got.json.value(u"apiVersion"_s).toString(), u"v1"_s);
        const QJsonObject meta = got.json.value(u"metadata"_s).toObject();
        QCOMPARE(meta.value(u"namespace"_s).toString(), u"shop"_s);
        QVERIFY(!meta.value(u"uid"_s).toString().isEmpty());
        QVERIFY(!meta.value(u"resourceVersion"_s).toString().isEmpty());
        QVERIFY(QDateTime::fromString(meta.value(u"creationTimestamp"_s).toString(), Qt::ISODate).isValid());
        QCOMPARE(got.json.value(u"data"_s).toObject().value(u"color"_s).toString(), u"blue"_s);
        QCOMPARE(got.json, cm.json);

        expectStatus(send("GET", u"/api/v1/namespaces/shop/configmaps/absent"_s), 404, u"NotFound"_s);
    }

    void missingNamespaceIsNotFound()
    {
        const Response r = create(u"/api/v1/namespaces/nowhere/configmaps"_s, named(u"x"_s));
        expectStatus(r, 404, u"NotFound"_s);
        QCOMPARE(r.json.value(u"message"_s).toString(), u"namespaces \"nowhere\" not found"_s);
        QCOMPARE(r.json.value(u"details"_s).toObject().value(u"kind"_s).toString(), u"namespaces"_s);
    }

    void duplicateCreateIsAlreadyExists()
    {
        QCOMPARE(create(u"/api/v1/namespaces/default/configmaps"_s, named(u"twice"_s)).status, 201);
        const Response r = create(u"/api/v1/namespaces/default/configmaps"_s, named(u"twice"_s));
        expectStatus(r, 409, u"AlreadyExists"_s);
        QCOMPARE(r.json.value(u"message"_s).toString(), u"configmaps \"twice\" already exists"_s);
    }

    void staleUpdateIsConflict()
    {
        const QString path = u"/apis/apps/v1/namespaces/default/deployments"_s;
        const QJsonObject spec { { u"replicas"_s, 1 } };
        QJsonObject body = named(u"web"_s);
        body.insert(u"spec"_s, spec);
        const Response created = create(path, body);
        QCOMPARE(created.status, 201);
        QCOMPARE(created.json.value(u"metadata"_s).toObject().value(u"generation"_s).toInt(), 1);

        QJsonObject scaled = created.json;
        scaled.insert(u"spec"_s, QJsonObject { { u"replicas"_s, 3 } });
        const Response updated = send("PUT", path + u"/web"_s, {}, scaled);
        QCOMPARE(updated.status, 200);
        QCOMPARE(updated.json.value(u"metadata"_s).toObject().value(u"generation"_s).toInt(), 2);

        // created.json still carries the first resourceVersion.
        const Response stale = send("PUT", path + u"/web"_s, {}, created.json);
        expectStatus(stale, 409, u"Conflict"_s);
        QVERIFY(stale.json.value(u"message"_s).toString().contains(u"deployments.apps \"web\""_s));
        QCOMPARE(stale.json.value(u"details"_s).toObject().value(u"group"_s).toString(), u"apps"_s);
    }

    void listPagesThroughContinue()
    {
        QCOMPARE(create(u"/api/v1/namespaces"_s, named(u"paging"_s)).status, 201);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(
                create(u"/api/v1/namespaces/paging/configmaps"_s, named(u"item-%1"_s.arg(i))).status, 201);

        const QJsonObject fixture = loadFixture(u"list/kuryr-k8s-1.2-podlist.json"_s);
        QStringList seen;
        QString token;
        QString listRv;
        int pages = 0;
        do {
            QUrlQuery query { { u"limit"_s, u"2"_s } };
            if (!token.isEmpty())
                query.addQueryItem(u"continue"_s, token);
            const Response page
                = send("GET", u"/api/v1/namespaces/paging/configmaps"_s, query.toString(QUrl::FullyEncoded));
            QCOMPARE(page.status, 200);
            ++pages;
            QCOMPARE(page.json.value(u"kind"_s).toString(), u"ConfigMapList"_s);
            QCOMPARE(page.json.value(u"apiVersion"_s).toString(), u"v1"_s);
            const QJsonObject meta = page.json.value(u"metadata"_s).toObject();
            if (listRv.isEmpty())
                listRv = meta.value(u"resourceVersion"_s).toString();
            QCOMPARE(meta.value(u"resourceVersion"_s).toString(), listRv);
            const QJsonArray items = page.json.value(u"items"_s).toArray();
            QVERIFY(items.size() <= 2);
            for (const QJsonValue& item : items) {
                QVERIFY(!item.toObject().contains(u"kind"_s));
                QVERIFY(!item.toObject().contains(u"apiVersion"_s));
                seen.append(item.toObject().value(u"metadata"_s).toObject().value(u"name"_s).toString());
            }
            // The envelope (not the items, which are Pods there) has the fixture's shape.
            QJsonObject envelope = page.json;
            envelope.insert(u"items"_s, QJsonArray {});
            ShapeCheck shape;
            shape.mayBeMissing = { u"selfLink"_s };
            shape.mayBeExtra = { u"continue"_s, u"remainingItemCount"_s };
            shape.check(envelope, fixture, u"list"_s);
            QVERIFY2(shape.problems.isEmpty(), qPrintable(shape.problems.join(u'\n')));
            token = meta.value(u"continue"_s).toString();
        } while (!token.isEmpty() && pages < 10);
        QCOMPARE(pages, 3);
        QCOMPARE(seen, (QStringList { u"item-0"_s, u"item-1"_s, u"item-2"_s, u"item-3"_s, u"item-4"_s }));

        const Response empty = send("GET", u"/api/v1/namespaces/paging/secrets"_s);
        QCOMPARE(empty.status, 200);
        QVERIFY(empty.json.value(u"items"_s).isArray());
        QCOMPARE(empty.json.value(u"items"_s).toArray().size(), 0);
    }

    void selectorsFilterLists()
    {
        QCOMPARE(create(u"/api/v1/namespaces"_s, named(u"labels"_s)).status, 201);
        const QString path = u"/api/v1/namespaces/labels/configmaps"_s;
        QCOMPARE(
            create(path, named(u"front"_s, { { u"tier"_s, u"front"_s }, { u"app"_s, u"shop"_s } })).status,
            201);
        QCOMPARE(create(path, named(u"back"_s, { { u"tier"_s, u"back"_s }, { u"app"_s, u"shop"_s } })).status,
            201);
        QCOMPARE(create(path, named(u"plain"_s)).status, 201);

        const auto select = [&](const QString& selector) {
            QUrlQuery q { { u"labelSelector"_s, selector } };
            return names(send("GET", path, q.toString(QUrl::FullyEncoded)).json.value(u"items"_s).toArray());
        };
        QCOMPARE(select(u"tier=front"_s), u"front"_s);
        QCOMPARE(select(u"tier!=front"_s), u"back,plain"_s);
        QCOMPARE(select(u"tier in (front,back)"_s), u"back,front"_s);
        QCOMPARE(select(u"tier notin (front)"_s), u"back,plain"_s);
        QCOMPARE(select(u"app"_s), u"back,front"_s);
        QCOMPARE(select(u"!app"_s), u"plain"_s);

        QUrlQuery bad { { u"labelSelector"_s, u"tier=a b"_s } };
        expectStatus(send("GET", path, bad.toString(QUrl::FullyEncoded)), 400, u"BadRequest"_s);

        // All namespaces, narrowed by field selectors.
        QUrlQuery byName { { u"fieldSelector"_s, u"metadata.name=plain"_s } };
        const Response all = send("GET", u"/api/v1/configmaps"_s, byName.toString(QUrl::FullyEncoded));
        QCOMPARE(all.status, 200);
        QCOMPARE(names(all.json.value(u"items"_s).toArray()), u"plain"_s);
        QUrlQuery unsupported { { u"fieldSelector"_s, u"spec.nodeName=a"_s } };
        expectStatus(send("GET", u"/api/v1/configmaps"_s, unsupported.toString(QUrl::FullyEncoded)), 400,
            u"BadRequest"_s);
        QUrlQuery byNs { { u"fieldSelector"_s, u"metadata.namespace=labels"_s } };
        QCOMPARE(send("GET", u"/api/v1/configmaps"_s, byNs.toString(QUrl::FullyEncoded))
                     .json.value(u"items"_s)
                     .toArray()
                     .size(),
            3);
    }

    void dryRunStoresNothing()
    {
        const Response r
            = create(u"/api/v1/namespaces/default/configmaps"_s, named(u"ghost"_s), u"dryRun=All"_s);
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json.value(u"metadata"_s).toObject().value(u"name"_s).toString(), u"ghost"_s);
        expectStatus(send("GET", u"/api/v1/namespaces/default/configmaps/ghost"_s), 404, u"NotFound"_s);
        expectStatus(create(u"/api/v1/namespaces/default/configmaps"_s, named(u"ghost"_s), u"dryRun=Some"_s),
            400, u"BadRequest"_s);
    }

    void deleteRemovesTheObject()
    {
        QCOMPARE(create(u"/api/v1/namespaces/default/configmaps"_s, named(u"doomed"_s)).status, 201);
        const QString path = u"/api/v1/namespaces/default/configmaps/doomed"_s;
        // A dry-run delete answers but keeps the object.
        QCOMPARE(send("DELETE", path, u"dryRun=All"_s).status, 200);
        QCOMPARE(send("GET", path).status, 200);

        const Response deleted = send("DELETE", path);
        QCOMPARE(deleted.status, 200);
        QCOMPARE(deleted.json.value(u"kind"_s).toString(), u"Status"_s);
        QCOMPARE(deleted.json.value(u"status"_s).toString(), u"Success"_s);
        QCOMPARE(deleted.json.value(u"details"_s).toObject().value(u"name"_s).toString(), u"doomed"_s);
        QCOMPARE(deleted.json.value(u"details"_s).toObject().value(u"kind"_s).toString(), u"configmaps"_s);
        expectStatus(send("GET", path), 404, u"NotFound"_s);
        expectStatus(send("DELETE", path), 404, u"NotFound"_s);
    }

    void customResourceDefinitionServesItsKind()
    {
        const QJsonObject crd { { u"apiVersion"_s, u"apiextensions.k8s.io/v1"_s },
            { u"kind"_s, u"CustomResourceDefinition"_s },
            { u"metadata"_s, QJsonObject { { u"name"_s, u"gadgets.toys.example.com"_s } } },
            { u"spec"_s,
                QJsonObject { { u"group"_s, u"toys.example.com"_s }, { u"scope"_s, u"Namespaced"_s },
                    { u"names"_s,
                        QJsonObject { { u"plural"_s, u"gadgets"_s }, { u"singular"_s, u"gadget"_s },
                            { u"kind"_s, u"Gadget"_s }, { u"shortNames"_s, QJsonArray { u"gd"_s } } } },
                    { u"versions"_s,
                        QJsonArray { QJsonObject { { u"name"_s, u"v1alpha1"_s }, { u"served"_s, true },
                            { u"storage"_s, true } } } } } } };
        const auto groupNames = [&] {
            QStringList out;
            for (const QJsonValue& g : send("GET", u"/apis"_s).json.value(u"groups"_s).toArray())
                out.append(g.toObject().value(u"name"_s).toString());
            return out;
        };
        QVERIFY(!groupNames().contains(u"toys.example.com"_s));
        QCOMPARE(create(u"/apis/apiextensions.k8s.io/v1/customresourcedefinitions"_s, crd).status, 201);
        QVERIFY(groupNames().contains(u"toys.example.com"_s));

        const Response resources = send("GET", u"/apis/toys.example.com/v1alpha1"_s);
        QCOMPARE(resources.status, 200);
        const QJsonObject gadget = resources.json.value(u"resources"_s).toArray().first().toObject();
        QCOMPARE(gadget.value(u"kind"_s).toString(), u"Gadget"_s);
        QCOMPARE(gadget.value(u"namespaced"_s).toBool(), true);

        const QString path = u"/apis/toys.example.com/v1alpha1/namespaces/default/gadgets"_s;
        QJsonObject g = named(u"spinner"_s);
        g.insert(u"spec"_s, QJsonObject { { u"speed"_s, 3 } });
        const Response made = create(path, g);
        QCOMPARE(made.status, 201);
        QCOMPARE(made.json.value(u"apiVersion"_s).toString(), u"toys.example.com/v1alpha1"_s);
        const Response listed = send("GET", path);
        QCOMPARE(listed.json.value(u"kind"_s).toString(), u"GadgetList"_s);
        QCOMPARE(names(listed.json.value(u"items"_s).toArray()), u"spinner"_s);
    }

    void unknownResourcesAreNotFound()
    {
        expectStatus(send("GET", u"/api/v1/widgets"_s), 404, u"NotFound"_s);
        expectStatus(send("GET", u"/api/v2"_s), 404, u"NotFound"_s);
        // A cluster-scoped resource has no namespaced path.
        expectStatus(send("GET", u"/apis/rbac.authorization.k8s.io/v1/namespaces/default/clusterroles"_s),
            404, u"NotFound"_s);
    }

    void kubeconfigDescribesTheServer()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"kubeconfig"_s);
        const auto written = m_server.kubeconfig(path);
        QVERIFY2(written, written ? "" : qPrintable(written.error().toString()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
            QFileDevice::Permissions());
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.contains(u"server: https://127.0.0.1:%1\n"_s.arg(m_server.port())));
        QVERIFY(text.contains(u"current-context: driftline-sandbox\n"_s));
        QVERIFY(text.contains(u"token: \"%1\""_s.arg(QString::fromLatin1(m_server.token()))));
        const auto ca
            = QRegularExpression(u"certificate-authority-data: \"([A-Za-z0-9+/=]+)\""_s).match(text);
        QVERIFY(ca.hasMatch());
        QCOMPARE(
            QByteArray::fromBase64(ca.captured(1).toLatin1()), m_server.certificates().caCertificatePem());

        // And it is YAML with the kubeconfig structure, not just the right lines.
        try {
            const YAML::Node config = YAML::Load(text.toStdString());
            QCOMPARE(config["kind"].as<std::string>(), std::string("Config"));
            const std::string context = config["current-context"].as<std::string>();
            QCOMPARE(config["contexts"][0]["name"].as<std::string>(), context);
            QCOMPARE(config["contexts"][0]["context"]["cluster"].as<std::string>(),
                config["clusters"][0]["name"].as<std::string>());
            QCOMPARE(config["contexts"][0]["context"]["user"].as<std::string>(),
                config["users"][0]["name"].as<std::string>());
            QCOMPARE(QString::fromStdString(config["clusters"][0]["cluster"]["server"].as<std::string>()),
                m_server.url().toString());
            QVERIFY(config["users"][0]["user"]["token"].as<std::string>() == m_server.token().toStdString());
        } catch (const YAML::Exception& e) {
            QFAIL(e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestSandboxServer)
#include "tst_sandboxserver.moc"
