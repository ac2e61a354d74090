// Server-side apply, managedFields, patches and server defaults: store-level
// behaviour, the real API server's recorded ssa-diff cases, and the HTTP surface.
#include "core/manifestparser.h"
#include "sandbox/fieldset.h"
#include "sandbox/sandboxserver.h"
#include "sandbox/serversideapply.h"
#include "fixtureshape.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using driftline::ManifestParser;
using driftline::sandbox::FieldSet;
using driftline::sandbox::ObjectStore;
using driftline::sandbox::ResourceType;
using driftline::sandbox::SandboxServer;
using driftline::sandbox::ServerSideApply;

namespace
{

const QString kSsaDiff = u"objects/gitops-engine/ssa-diff/"_s;

QJsonObject yamlFixture(const QString& relative)
{
    QFile file(kFixtures + u'/' + relative);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const auto value = ManifestParser::parseYamlValue(file.readAll());
    return value ? value->toObject() : QJsonObject();
}

QJsonObject metaOf(const QJsonObject& o)
{
    return o.value(u"metadata"_s).toObject();
}

QString uidOf(const QJsonObject& o)
{
    return metaOf(o).value(u"uid"_s).toString();
}

QJsonObject specOf(const QJsonObject& o)
{
    return o.value(u"spec"_s).toObject();
}

QJsonObject entry(const QJsonObject& object, const QString& manager, const QString& operation)
{
    for (const QJsonValue& v : metaOf(object).value(u"managedFields"_s).toArray()) {
        if (v.toObject().value(u"manager"_s).toString() == manager
            && v.toObject().value(u"operation"_s).toString() == operation)
            return v.toObject();
    }
    return {};
}

FieldSet fieldsOf(const QJsonObject& object, const QString& manager, const QString& operation)
{
    return FieldSet::fromFieldsV1(entry(object, manager, operation).value(u"fieldsV1"_s).toObject());
}

QString pretty(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
}

QJsonObject deployment(const QString& name, int replicas, const QString& image = u"nginx:1.27"_s)
{
    const QJsonObject container { { u"name"_s, u"web"_s }, { u"image"_s, image },
        { u"ports"_s, QJsonArray { QJsonObject { { u"containerPort"_s, 80 } } } } };
    const QJsonObject labels { { u"app"_s, u"web"_s } };
    return QJsonObject { { u"apiVersion"_s, u"apps/v1"_s }, { u"kind"_s, u"Deployment"_s },
        { u"metadata"_s, QJsonObject { { u"name"_s, name }, { u"labels"_s, labels } } },
        { u"spec"_s,
            QJsonObject { { u"replicas"_s, replicas },
                { u"selector"_s, QJsonObject { { u"matchLabels"_s, labels } } },
                { u"template"_s,
                    QJsonObject { { u"metadata"_s, QJsonObject { { u"labels"_s, labels } } },
                        { u"spec"_s, QJsonObject { { u"containers"_s, QJsonArray { container } } } } } } } } };
}

// What differs between runs (and between a real cluster and the sandbox) by nature:
// resourceVersion and managedFields times are the server's clock and counter.
QJsonObject normalized(QJsonObject o)
{
    QJsonObject meta = metaOf(o);
    meta.remove(u"resourceVersion"_s);
    QJsonArray entries = meta.value(u"managedFields"_s).toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        QJsonObject e = entries.at(i).toObject();
        e.remove(u"time"_s);
        entries.replace(i, e);
    }
    meta.insert(u"managedFields"_s, entries);
    o.insert(u"metadata"_s, meta);
    return o;
}

// Removes `key` from `o` when it holds `value`: what a manifest author would not
// have written because the server fills it in.
void dropDefault(QJsonObject& o, const QString& key, const QJsonValue& value)
{
    if (o.value(key) == value)
        o.remove(key);
}

void stripPodSpecDefaults(QJsonObject& spec)
{
    dropDefault(spec, u"restartPolicy"_s, u"Always"_s);
    dropDefault(spec, u"dnsPolicy"_s, u"ClusterFirst"_s);
    dropDefault(spec, u"schedulerName"_s, u"default-scheduler"_s);
    dropDefault(spec, u"securityContext"_s, QJsonObject());
    dropDefault(spec, u"terminationGracePeriodSeconds"_s, 30);
    dropDefault(spec, u"serviceAccount"_s, spec.value(u"serviceAccountName"_s));
    for (const QString& list : { u"containers"_s, u"initContainers"_s }) {
        if (!spec.contains(list))
            continue;
        QJsonArray containers = spec.value(list).toArray();
        for (qsizetype i = 0; i < containers.size(); ++i) {
            QJsonObject c = containers.at(i).toObject();
            dropDefault(c, u"terminationMessagePath"_s, u"/dev/termination-log"_s);
            dropDefault(c, u"terminationMessagePolicy"_s, u"File"_s);
            dropDefault(c, u"resources"_s, QJsonObject());
            const QString image = c.value(u"image"_s).toString();
            const bool latest = !image.section(u'/', -1).contains(u':') || image.endsWith(u":latest"_s);
            dropDefault(c, u"imagePullPolicy"_s, latest ? u"Always"_s : u"IfNotPresent"_s);
            QJsonArray ports = c.value(u"ports"_s).toArray();
            for (qsizetype p = 0; p < ports.size(); ++p) {
                QJsonObject port = ports.at(p).toObject();
                dropDefault(port, u"protocol"_s, u"TCP"_s);
                ports.replace(p, port);
            }
            if (!ports.isEmpty())
                c.insert(u"ports"_s, ports);
            for (const QString& probeName : { u"livenessProbe"_s, u"readinessProbe"_s, u"startupProbe"_s }) {
                if (!c.contains(probeName))
                    continue;
                QJsonObject probe = c.value(probeName).toObject();
                dropDefault(probe, u"timeoutSeconds"_s, 1);
                dropDefault(probe, u"periodSeconds"_s, 10);
                dropDefault(probe, u"successThreshold"_s, 1);
                dropDefault(probe, u"failureThreshold"_s, 3);
                if (probe.contains(u"httpGet"_s)) {
                    QJsonObject http = probe.value(u"httpGet"_s).toObject();
                    dropDefault(http, u"scheme"_s, u"HTTP"_s);
                    probe.insert(u"httpGet"_s, http);
                }
                c.insert(probeName, probe);
            }
            containers.replace(i, c);
        }
        spec.insert(list, containers);
    }
    QJsonArray volumes = spec.value(u"volumes"_s).toArray();
    for (qsizetype i = 0; i < volumes.size(); ++i) {
        QJsonObject v = volumes.at(i).toObject();
        for (const QString& source : { u"configMap"_s, u"secret"_s, u"projected"_s, u"downwardAPI"_s }) {
            if (!v.contains(source))
                continue;
            QJsonObject src = v.value(source).toObject();
            dropDefault(src, u"defaultMode"_s, 420);
            v.insert(source, src);
        }
        volumes.replace(i, v);
    }
    if (!volumes.isEmpty())
        spec.insert(u"volumes"_s, volumes);
}

// A dump object as its author wrote it: no server-set metadata, no status, no defaults.
// `creator` is its creating manager's fieldsV1: what it did not write was allocated.
QJsonObject asAuthored(const QJsonObject& live, const QString& kind, const QJsonObject& creator)
{
    QJsonObject o = live;
    o.remove(u"status"_s);
    QJsonObject meta = metaOf(o);
    for (const QString& key : { u"uid"_s, u"resourceVersion"_s, u"generation"_s, u"creationTimestamp"_s,
             u"managedFields"_s, u"namespace"_s })
        meta.remove(key);
    // The Deployment controller's annotation, not the author's.
    QJsonObject annotations = meta.value(u"annotations"_s).toObject();
    annotations.remove(u"deployment.kubernetes.io/revision"_s);
    meta.insert(u"annotations"_s, annotations);
    o.insert(u"metadata"_s, meta);
    QJsonObject spec = specOf(o);
    const QJsonObject ownedSpec = creator.value(u"f:spec"_s).toObject();
    if (kind == u"Service"_s) {
        for (const QString& key : { u"clusterIP"_s, u"clusterIPs"_s, u"ipFamilies"_s }) {
            if (!ownedSpec.contains(u"f:"_s + key))
                spec.remove(key);
        }
        dropDefault(spec, u"type"_s, u"ClusterIP"_s);
        dropDefault(spec, u"sessionAffinity"_s, u"None"_s);
        dropDefault(spec, u"ipFamilies"_s, QJsonArray { u"IPv4"_s });
        dropDefault(spec, u"ipFamilyPolicy"_s, u"SingleStack"_s);
        dropDefault(spec, u"internalTrafficPolicy"_s, u"Cluster"_s);
        QJsonArray ports = spec.value(u"ports"_s).toArray();
        for (qsizetype i = 0; i < ports.size(); ++i) {
            QJsonObject port = ports.at(i).toObject();
            dropDefault(port, u"protocol"_s, u"TCP"_s);
            dropDefault(port, u"targetPort"_s, port.value(u"port"_s));
            ports.replace(i, port);
        }
        spec.insert(u"ports"_s, ports);
    } else {
        QJsonObject tmpl = spec.value(u"template"_s).toObject();
        QJsonObject podSpec = tmpl.value(u"spec"_s).toObject();
        stripPodSpecDefaults(podSpec);
        tmpl.insert(u"spec"_s, podSpec);
        QJsonObject tmeta = tmpl.value(u"metadata"_s).toObject();
        tmeta.remove(u"creationTimestamp"_s);
        tmpl.insert(u"metadata"_s, tmeta);
        spec.insert(u"template"_s, tmpl);
        dropDefault(spec, u"revisionHistoryLimit"_s, 10);
        if (kind == u"Deployment"_s) {
            dropDefault(spec, u"progressDeadlineSeconds"_s, 600);
            dropDefault(spec, u"replicas"_s, 1);
            dropDefault(spec, u"strategy"_s,
                QJsonObject { { u"type"_s, u"RollingUpdate"_s },
                    { u"rollingUpdate"_s,
                        QJsonObject { { u"maxSurge"_s, u"25%"_s }, { u"maxUnavailable"_s, u"25%"_s } } } });
        } else if (kind == u"Job"_s) {
            dropDefault(spec, u"parallelism"_s, 1);
            dropDefault(spec, u"completions"_s, 1);
            dropDefault(spec, u"completionMode"_s, u"NonIndexed"_s);
            dropDefault(spec, u"suspend"_s, false);
            dropDefault(spec, u"manualSelector"_s, false);
            dropDefault(spec, u"podReplacementPolicy"_s, u"TerminatingOrFailed"_s);
            // Generated from the uid by the server, not written by the author.
            spec.remove(u"selector"_s);
            QJsonObject labels = tmeta.value(u"labels"_s).toObject();
            for (const QString& key : { u"batch.kubernetes.io/controller-uid"_s, u"batch.kubernetes.io/job-name"_s,
                     u"controller-uid"_s, u"job-name"_s })
                labels.remove(key);
            tmeta.insert(u"labels"_s, labels);
            tmpl.insert(u"metadata"_s, tmeta);
            spec.insert(u"template"_s, tmpl);
        } else if (kind == u"DaemonSet"_s) {
            dropDefault(spec, u"updateStrategy"_s,
                QJsonObject { { u"type"_s, u"RollingUpdate"_s },
                    { u"rollingUpdate"_s, QJsonObject { { u"maxUnavailable"_s, 1 }, { u"maxSurge"_s, 0 } } } });
        }
    }
    o.insert(u"spec"_s, spec);
    return o;
}

// With DRIFTLINE_TEST_DUMP=<dir>, mismatching documents are written there for diffing.
void dumpIfDifferent(const QString& got, const QString& want, const QString& tag)
{
    const QString dir = qEnvironmentVariable("DRIFTLINE_TEST_DUMP");
    if (dir.isEmpty() || got == want)
        return;
    QString safe = tag;
    safe.replace(u' ', u'_');
    for (const auto& [prefix, text] : { std::pair(u"got-"_s, got), std::pair(u"want-"_s, want) }) {
        QFile f(dir + u'/' + prefix + safe);
        if (f.open(QIODevice::WriteOnly))
            f.write(text.toUtf8());
    }
}

struct Response {
    int status = 0;
    QJsonObject json;
};

} // namespace

class TestServerSideApply : public QObject
{
    Q_OBJECT

    SandboxServer m_server;
    QNetworkAccessManager m_nam;
    ResourceType m_deployments;
    ResourceType m_services;
    ResourceType m_configMaps;

    ObjectStore::ApplyOptions applyAs(const QString& manager, bool force = false, bool dryRun = false)
    {
        ObjectStore::ApplyOptions o;
        o.fieldManager = manager;
        o.force = force;
        o.dryRun = dryRun;
        return o;
    }

    ObjectStore::WriteOptions writeAs(const QString& manager, const QString& subresource = {})
    {
        ObjectStore::WriteOptions o;
        o.fieldManager = manager;
        o.subresource = subresource;
        return o;
    }

    Response send(const QByteArray& verb, const QString& path, const QByteArray& body = {},
        const QByteArray& contentType = "application/json", const QString& query = {},
        const QByteArray& userAgent = {})
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
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        if (!userAgent.isEmpty())
            request.setHeader(QNetworkRequest::UserAgentHeader, userAgent);
        QNetworkReply* reply = m_nam.sendCustomRequest(request, verb, body);
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

    // Loads a fixture's live object into a fresh store, applies its config as
    // argocd-controller with dryRun (as Argo CD's server-side diff does) and
    // compares with the real server's answer.
    // scope "whole": the live file is the very object the prediction was made from, so
    // everything is compared. "spec": the live file is not that object (other uid,
    // status, managers, a webhook's label), so the case is checked where it is about:
    // the merged spec and argocd-controller's Apply entry. "lists": a hand-written
    // case (no server defaults in its prediction): the merged associative lists.
    void checkSsaDiffCase(
        const QString& live, const QString& config, const QString& predicted, const QString& scope)
    {
        ObjectStore store;
        const QJsonObject liveObject = yamlFixture(kSsaDiff + live);
        QVERIFY(!liveObject.isEmpty());
        const QString ns = metaOf(liveObject).value(u"namespace"_s).toString();
        const auto nsType = store.findType(QString(), u"v1"_s, u"namespaces"_s);
        if (!store.get(*nsType, QString(), ns))
            QVERIFY(store.create(*nsType, QString(), QJsonObject { { u"metadata"_s, QJsonObject { { u"name"_s, ns } } } }));
        const bool isService = liveObject.value(u"kind"_s).toString() == u"Service"_s;
        const ResourceType type = isService ? m_services : m_deployments;
        const auto restored = store.restore(type, liveObject);
        QVERIFY(restored);
        const QJsonObject configObject = yamlFixture(kSsaDiff + config);
        const QString name = metaOf(configObject).value(u"name"_s).toString();
        const auto applied = store.apply(type, ns, name, configObject, applyAs(u"argocd-controller"_s, false, true));
        QVERIFY2(applied, applied ? "" : qPrintable(applied.error().message));
        QVERIFY(!applied->created);
        // dryRun: nothing stored.
        QCOMPARE(*store.get(type, ns, name), *restored);

        QJsonObject expected = loadFixture(kSsaDiff + predicted);
        QVERIFY(!expected.isEmpty());
        QJsonObject actual = applied->object;
        if (scope == u"spec"_s) {
            QJsonObject wantSpec = specOf(expected);
            QJsonObject gotSpec = specOf(actual);
            // Allocated from the cluster's service range: differs per cluster.
            for (const QString& key : { u"clusterIP"_s, u"clusterIPs"_s }) {
                QCOMPARE(gotSpec.contains(key), wantSpec.contains(key));
                wantSpec.remove(key);
                gotSpec.remove(key);
            }
            QCOMPARE(pretty(gotSpec), pretty(wantSpec));
            FieldSet want = fieldsOf(expected, u"argocd-controller"_s, u"Apply"_s);
            FieldSet got = fieldsOf(actual, u"argocd-controller"_s, u"Apply"_s);
            if (isService) {
                // The fixture cluster's webhook replaced the labels, taking the applied
                // label (and with it its ownership) away; no webhook runs here.
                want.removeTree({ u"f:metadata"_s });
                got.removeTree({ u"f:metadata"_s });
            }
            QVERIFY(!want.isEmpty());
            QCOMPARE(pretty(got.toFieldsV1()), pretty(want.toFieldsV1()));
            return;
        }
        if (scope == u"lists"_s) {
            const auto container = [](const QJsonObject& o) {
                return specOf(specOf(o).value(u"template"_s).toObject())
                    .value(u"containers"_s)
                    .toArray()
                    .at(0)
                    .toObject();
            };
            for (const QString& list : { u"ports"_s, u"env"_s })
                QCOMPARE(container(actual).value(list), container(expected).value(list));
            const auto itemPaths = [](const FieldSet& set) {
                QStringList out;
                for (const FieldSet::Path& p : set.paths()) {
                    if (p.last().startsWith(u"k:"_s))
                        out.append(FieldSet::pathString(p));
                }
                return out;
            };
            QCOMPARE(itemPaths(fieldsOf(actual, u"argocd-controller"_s, u"Apply"_s)),
                itemPaths(fieldsOf(expected, u"argocd-controller"_s, u"Apply"_s)));
            return;
        }
        // The fixture's cluster ran a mutating webhook that adds this label; the sandbox has none.
        QJsonObject meta = metaOf(expected);
        QJsonObject labels = meta.value(u"labels"_s).toObject();
        labels.remove(u"mutation-test"_s);
        meta.insert(u"labels"_s, labels);
        // The live dump left out kubectl's last-applied annotation (its managedFields
        // show it exists); it is not this apply's doing either way.
        QJsonObject annotations = meta.value(u"annotations"_s).toObject();
        annotations.remove(u"kubectl.kubernetes.io/last-applied-configuration"_s);
        if (annotations.isEmpty())
            meta.remove(u"annotations"_s);
        else
            meta.insert(u"annotations"_s, annotations);
        expected.insert(u"metadata"_s, meta);
        // The generation a dry run reports counts from the live dump's generation.
        const QString got = pretty(normalized(actual));
        const QString want = pretty(normalized(expected));
        dumpIfDifferent(got, want, predicted);
        QCOMPARE(got, want);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(kFixtures + u"/NOTES.md"_s), qPrintable(u"fixtures missing: "_s + kFixtures));
        const auto listening = m_server.listen(0);
        QVERIFY(listening);
        m_deployments = *m_server.store().findType(u"apps"_s, u"v1"_s, u"deployments"_s);
        m_services = *m_server.store().findType(QString(), u"v1"_s, u"services"_s);
        m_configMaps = *m_server.store().findType(QString(), u"v1"_s, u"configmaps"_s);
    }

    void fieldSetRoundTripsFieldsV1()
    {
        const QJsonObject fieldsV1 = entry(yamlFixture(kSsaDiff + u"ssd-deploy-with-manual-apply-live.yaml"_s),
            u"argocd-controller"_s, u"Update"_s)
                                         .value(u"fieldsV1"_s)
                                         .toObject();
        QVERIFY(!fieldsV1.isEmpty());
        const FieldSet set = FieldSet::fromFieldsV1(fieldsV1);
        QVERIFY(set.contains({ u"f:spec"_s, u"f:replicas"_s }));
        QVERIFY(set.contains({ u"f:metadata"_s, u"f:labels"_s })); // its "."
        QVERIFY(!set.contains({ u"f:spec"_s })); // a parent only
        QCOMPARE(set.toFieldsV1(), fieldsV1);
        QCOMPARE(FieldSet::pathString({ u"f:spec"_s, u"f:template"_s, u"f:spec"_s, u"f:containers"_s,
                     u"k:{\"name\":\"nginx\"}"_s, u"f:image"_s }),
            u".spec.template.spec.containers[name=\"nginx\"].image"_s);
        FieldSet other;
        other.insert({ u"f:spec"_s, u"f:replicas"_s });
        QCOMPARE(set.intersected(other), other);
        QVERIFY(!set.subtracted(other).contains({ u"f:spec"_s, u"f:replicas"_s }));
        QCOMPARE(set.subtracted(other).united(other), set);
    }

    void applyCreatesWithDefaultsNobodyOwns()
    {
        ObjectStore store;
        const auto created = store.apply(m_deployments, u"default"_s, u"web"_s, deployment(u"web"_s, 2),
            applyAs(u"driftline"_s));
        QVERIFY(created);
        QVERIFY(created->created);
        const QJsonObject spec = specOf(created->object);
        QCOMPARE(spec.value(u"progressDeadlineSeconds"_s).toInt(), 600);
        QCOMPARE(spec.value(u"revisionHistoryLimit"_s).toInt(), 10);
        QCOMPARE(spec.value(u"strategy"_s).toObject(),
            QJsonObject({ { u"type"_s, u"RollingUpdate"_s },
                { u"rollingUpdate"_s, QJsonObject { { u"maxSurge"_s, u"25%"_s }, { u"maxUnavailable"_s, u"25%"_s } } } }));
        const QJsonObject podSpec = specOf(spec.value(u"template"_s).toObject());
        QCOMPARE(podSpec.value(u"dnsPolicy"_s).toString(), u"ClusterFirst"_s);
        QCOMPARE(podSpec.value(u"schedulerName"_s).toString(), u"default-scheduler"_s);
        const QJsonObject container = podSpec.value(u"containers"_s).toArray().at(0).toObject();
        QCOMPARE(container.value(u"imagePullPolicy"_s).toString(), u"IfNotPresent"_s);
        QCOMPARE(container.value(u"terminationMessagePath"_s).toString(), u"/dev/termination-log"_s);
        QCOMPARE(container.value(u"ports"_s).toArray().at(0).toObject().value(u"protocol"_s).toString(), u"TCP"_s);

        const QJsonArray managed = metaOf(created->object).value(u"managedFields"_s).toArray();
        QCOMPARE(managed.size(), 1);
        const QJsonObject e = managed.at(0).toObject();
        QCOMPARE(e.value(u"manager"_s).toString(), u"driftline"_s);
        QCOMPARE(e.value(u"operation"_s).toString(), u"Apply"_s);
        QCOMPARE(e.value(u"apiVersion"_s).toString(), u"apps/v1"_s);
        QCOMPARE(e.value(u"fieldsType"_s).toString(), u"FieldsV1"_s);
        QVERIFY(!e.value(u"time"_s).toString().isEmpty());
        const FieldSet owned = FieldSet::fromFieldsV1(e.value(u"fieldsV1"_s).toObject());
        QVERIFY(owned.contains({ u"f:spec"_s, u"f:replicas"_s }));
        QVERIFY(owned.contains({ u"f:spec"_s, u"f:selector"_s }));
        QVERIFY(!owned.containsPrefix({ u"f:spec"_s, u"f:progressDeadlineSeconds"_s }));
        QVERIFY(!owned.containsPrefix({ u"f:spec"_s, u"f:strategy"_s }));
        QVERIFY(owned.contains({ u"f:spec"_s, u"f:template"_s, u"f:spec"_s, u"f:containers"_s,
            u"k:{\"name\":\"web\"}"_s, u"f:ports"_s, u"k:{\"containerPort\":80,\"protocol\":\"TCP\"}"_s }));
    }

    void unchangedApplyIsANoOp()
    {
        ObjectStore store;
        const auto first = store.apply(m_deployments, u"default"_s, u"web"_s, deployment(u"web"_s, 2),
            applyAs(u"driftline"_s));
        QVERIFY(first);
        const qint64 rv = store.resourceVersion();
        const auto again = store.apply(m_deployments, u"default"_s, u"web"_s, deployment(u"web"_s, 2),
            applyAs(u"driftline"_s));
        QVERIFY(again);
        QVERIFY(!again->created);
        QCOMPARE(store.resourceVersion(), rv);
        QCOMPARE(again->object, first->object);

        // A label is metadata: new resourceVersion, same generation.
        QJsonObject relabelled = deployment(u"web"_s, 2);
        QJsonObject meta = metaOf(relabelled);
        meta.insert(u"labels"_s, QJsonObject { { u"app"_s, u"web"_s }, { u"tier"_s, u"front"_s } });
        relabelled.insert(u"metadata"_s, meta);
        const auto labelled = store.apply(m_deployments, u"default"_s, u"web"_s, relabelled, applyAs(u"driftline"_s));
        QVERIFY(labelled);
        QVERIFY(store.resourceVersion() > rv);
        QCOMPARE(metaOf(labelled->object).value(u"generation"_s).toInt(), 1);
        const auto scaled = store.apply(m_deployments, u"default"_s, u"web"_s, deployment(u"web"_s, 3),
            applyAs(u"driftline"_s));
        QVERIFY(scaled);
        QCOMPARE(metaOf(scaled->object).value(u"generation"_s).toInt(), 2);
        // The label left the configuration and nobody else owns it: gone.
        QVERIFY(!metaOf(scaled->object).value(u"labels"_s).toObject().contains(u"tier"_s));
    }

    void dryRunApplyStoresNothing()
    {
        ObjectStore store;
        const auto planned = store.apply(m_deployments, u"default"_s, u"web"_s, deployment(u"web"_s, 2),
            applyAs(u"driftline"_s, false, true));
        QVERIFY(planned);
        QVERIFY(planned->created);
        QCOMPARE(specOf(planned->object).value(u"replicas"_s).toInt(), 2);
        QCOMPARE(store.get(m_deployments, u"default"_s, u"web"_s).error().code, 404);
    }

    void editsConflictUntilForced()
    {
        ObjectStore store;
        QVERIFY(store.apply(m_deployments, u"default"_s, u"web"_s, deployment(u"web"_s, 2), applyAs(u"driftline"_s)));
        // kubectl scale / kubectl edit style drift.
        const auto edited = store.patch(m_deployments, u"default"_s, u"web"_s, ObjectStore::PatchType::Merge,
            R"({"spec":{"replicas":5}})", writeAs(u"kubectl-edit"_s));
        QVERIFY(edited);
        QCOMPARE(specOf(*edited).value(u"replicas"_s).toInt(), 5);
        const QJsonObject edit = entry(*edited, u"kubectl-edit"_s, u"Update"_s);
        QCOMPARE(edit.value(u"apiVersion"_s).toString(), u"apps/v1"_s);
        QCOMPARE(FieldSet::fromFieldsV1(edit.value(u"fieldsV1"_s).toObject()).paths().size(), size_t(1));
        QVERIFY(fieldsOf(*edited, u"kubectl-edit"_s, u"Update"_s).contains({ u"f:spec"_s, u"f:replicas"_s }));
        QVERIFY(!fieldsOf(*edited, u"driftline"_s, u"Apply"_s).contains({ u"f:spec"_s, u"f:replicas"_s }));

        const auto refused = store.apply(m_deployments, u"default"_s, u"web"_s, deployment(u"web"_s, 2),
            applyAs(u"driftline"_s));
        QVERIFY(!refused);
        const QJsonObject status = refused.error().toJson();
        QCOMPARE(status.value(u"code"_s).toInt(), 409);
        QCOMPARE(status.value(u"reason"_s).toString(), u"Conflict"_s);
        QCOMPARE(status.value(u"message"_s).toString(),
            u"Apply failed with 1 conflict: conflict with \"kubectl-edit\" using apps/v1: .spec.replicas"_s);
        const QJsonArray causes = status.value(u"details"_s).toObject().value(u"causes"_s).toArray();
        QCOMPARE(causes.size(), 1);
        QCOMPARE(causes.at(0).toObject(),
            QJsonObject({ { u"reason"_s, u"FieldManagerConflict"_s },
                { u"message"_s, u"conflict with \"kubectl-edit\" using apps/v1"_s }, { u"field"_s, u".spec.replicas"_s } }));
        QCOMPARE(specOf(*store.get(m_deployments, u"default"_s, u"web"_s)).value(u"replicas"_s).toInt(), 5);

        // The same value as the other manager's is no conflict: ownership is shared.
        QVERIFY(store.apply(m_deployments, u"default"_s, u"web"_s, deployment(u"web"_s, 5), applyAs(u"driftline"_s)));
        const auto shared = store.get(m_deployments, u"default"_s, u"web"_s);
        QVERIFY(fieldsOf(*shared, u"driftline"_s, u"Apply"_s).contains({ u"f:spec"_s, u"f:replicas"_s }));
        QVERIFY(fieldsOf(*shared, u"kubectl-edit"_s, u"Update"_s).contains({ u"f:spec"_s, u"f:replicas"_s }));

        const auto forced = store.apply(m_deployments, u"default"_s, u"web"_s, deployment(u"web"_s, 2),
            applyAs(u"driftline"_s, true));
        QVERIFY(forced);
        QCOMPARE(specOf(forced->object).value(u"replicas"_s).toInt(), 2);
        // kubectl-edit owned nothing else, so its entry is gone.
        QVERIFY(entry(forced->object, u"kubectl-edit"_s, u"Update"_s).isEmpty());
    }

    void severalConflictsAreListedByManager()
    {
        ObjectStore store;
        QVERIFY(store.apply(m_deployments, u"default"_s, u"web"_s, deployment(u"web"_s, 2), applyAs(u"driftline"_s)));
        QVERIFY(store.patch(m_deployments, u"default"_s, u"web"_s, ObjectStore::PatchType::Merge,
            R"({"spec":{"replicas":5}})", writeAs(u"kubectl-edit"_s)));
        QVERIFY(store.patch(m_deployments, u"default"_s, u"web"_s, ObjectStore::PatchType::Strategic,
            R"({"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.28"}]}}}})",
            writeAs(u"kubectl-set"_s)));
        const auto refused = store.apply(m_deployments, u"default"_s, u"web"_s, deployment(u"web"_s, 2),
            applyAs(u"driftline"_s));
        QVERIFY(!refused);
        QCOMPARE(refused.error().message,
            u"Apply failed with 2 conflicts: conflicts with \"kubectl-edit\" using apps/v1:\n- .spec.replicas\n"
            "conflicts with \"kubectl-set\" using apps/v1:\n"
            "- .spec.template.spec.containers[name=\"web\"].image"_s);
        QCOMPARE(refused.error().details.value(u"causes"_s).toArray().size(), 2);
    }

    void droppedFieldsStayWhenOthersOwnThem()
    {
        ObjectStore store;
        QJsonObject withLabel = deployment(u"web"_s, 2);
        QJsonObject meta = metaOf(withLabel);
        meta.insert(u"labels"_s, QJsonObject { { u"app"_s, u"web"_s }, { u"team"_s, u"a"_s } });
        withLabel.insert(u"metadata"_s, meta);
        QVERIFY(store.apply(m_deployments, u"default"_s, u"web"_s, withLabel, applyAs(u"driftline"_s)));
        QVERIFY(store.apply(m_deployments, u"default"_s, u"web"_s, withLabel, applyAs(u"other"_s)));
        const auto applied = store.apply(m_deployments, u"default"_s, u"web"_s, deployment(u"web"_s, 2),
            applyAs(u"driftline"_s));
        QVERIFY(applied);
        QCOMPARE(metaOf(applied->object).value(u"labels"_s).toObject().value(u"team"_s).toString(), u"a"_s);
        // Replicas dropped by its only owner: back to the server default.
        QJsonObject noReplicas = deployment(u"web"_s, 2);
        QJsonObject spec = specOf(noReplicas);
        spec.remove(u"replicas"_s);
        noReplicas.insert(u"spec"_s, spec);
        QVERIFY(store.apply(m_deployments, u"default"_s, u"web"_s, noReplicas, applyAs(u"other"_s)));
        const auto reset = store.apply(m_deployments, u"default"_s, u"web"_s, noReplicas, applyAs(u"driftline"_s));
        QVERIFY(reset);
        QCOMPARE(specOf(reset->object).value(u"replicas"_s).toInt(), 1);
    }

    void droppedItemStaysWholeWhileOthersOwnPartOfIt()
    {
        ObjectStore store;
        QJsonObject twoContainers = deployment(u"web"_s, 1);
        QJsonObject spec = specOf(twoContainers);
        QJsonObject tmpl = spec.value(u"template"_s).toObject();
        QJsonObject podSpec = specOf(tmpl);
        QJsonArray containers = podSpec.value(u"containers"_s).toArray();
        containers.append(QJsonObject { { u"name"_s, u"sidecar"_s }, { u"image"_s, u"busybox:1.36"_s } });
        podSpec.insert(u"containers"_s, containers);
        tmpl.insert(u"spec"_s, podSpec);
        spec.insert(u"template"_s, tmpl);
        twoContainers.insert(u"spec"_s, spec);
        QVERIFY(store.apply(m_deployments, u"default"_s, u"web"_s, twoContainers, applyAs(u"driftline"_s)));
        QVERIFY(store.patch(m_deployments, u"default"_s, u"web"_s, ObjectStore::PatchType::Strategic,
            R"({"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:1.37"}]}}}})",
            writeAs(u"kubectl-set"_s)));
        // driftline drops the sidecar; kubectl-set still owns its image, so it stays, with its name.
        const auto applied = store.apply(m_deployments, u"default"_s, u"web"_s, deployment(u"web"_s, 1),
            applyAs(u"driftline"_s, true));
        QVERIFY(applied);
        containers = specOf(specOf(applied->object).value(u"template"_s).toObject()).value(u"containers"_s).toArray();
        QCOMPARE(containers.size(), 2);
        QCOMPARE(containers.at(1).toObject().value(u"name"_s).toString(), u"sidecar"_s);
        QCOMPARE(containers.at(1).toObject().value(u"image"_s).toString(), u"busybox:1.37"_s);
        // Nobody else owns anything of it: the next drop removes it whole.
        QVERIFY(store.apply(m_deployments, u"default"_s, u"web"_s, twoContainers, applyAs(u"driftline"_s, true)));
        const auto gone = store.apply(m_deployments, u"default"_s, u"web"_s, deployment(u"web"_s, 1),
            applyAs(u"driftline"_s));
        QVERIFY(gone);
        containers = specOf(specOf(gone->object).value(u"template"_s).toObject()).value(u"containers"_s).toArray();
        QCOMPARE(containers.size(), 1);
    }

    void patchesMergeByTheSchema()
    {
        ObjectStore store;
        QVERIFY(store.create(m_deployments, u"default"_s, deployment(u"web"_s, 1), writeAs(u"driftline"_s)));
        // Strategic merge: containers merge by name; a new env list is set.
        const auto strategic = store.patch(m_deployments, u"default"_s, u"web"_s, ObjectStore::PatchType::Strategic,
            R"({"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.28",
                "env":[{"name":"A","value":"1"}]},{"name":"sidecar","image":"busybox"}]}}}})",
            writeAs(u"kubectl-patch"_s));
        QVERIFY(strategic);
        QJsonArray containers = specOf(specOf(*strategic).value(u"template"_s).toObject()).value(u"containers"_s).toArray();
        QCOMPARE(containers.size(), 2);
        QCOMPARE(containers.at(0).toObject().value(u"image"_s).toString(), u"nginx:1.28"_s);
        QCOMPARE(containers.at(0).toObject().value(u"ports"_s).toArray().size(), 1); // kept
        QCOMPARE(containers.at(1).toObject().value(u"imagePullPolicy"_s).toString(), u"Always"_s);
        QVERIFY(fieldsOf(*strategic, u"kubectl-patch"_s, u"Update"_s)
                    .contains({ u"f:spec"_s, u"f:template"_s, u"f:spec"_s, u"f:containers"_s,
                        u"k:{\"name\":\"web\"}"_s, u"f:image"_s }));
        QVERIFY(!fieldsOf(*strategic, u"driftline"_s, u"Update"_s)
                     .contains({ u"f:spec"_s, u"f:template"_s, u"f:spec"_s, u"f:containers"_s,
                         u"k:{\"name\":\"web\"}"_s, u"f:image"_s }));
        const auto deleted = store.patch(m_deployments, u"default"_s, u"web"_s, ObjectStore::PatchType::Strategic,
            R"({"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}})",
            writeAs(u"kubectl-patch"_s));
        QVERIFY(deleted);
        containers = specOf(specOf(*deleted).value(u"template"_s).toObject()).value(u"containers"_s).toArray();
        QCOMPARE(containers.size(), 1);

        // JSON patch, including a failing test operation (422, nothing changes).
        const auto json = store.patch(m_deployments, u"default"_s, u"web"_s, ObjectStore::PatchType::Json,
            R"([{"op":"test","path":"/spec/replicas","value":1},{"op":"replace","path":"/spec/replicas","value":4},
                {"op":"add","path":"/metadata/labels/tier","value":"web"}])",
            writeAs(u"kubectl-patch"_s));
        QVERIFY(json);
        QCOMPARE(specOf(*json).value(u"replicas"_s).toInt(), 4);
        QCOMPARE(metaOf(*json).value(u"labels"_s).toObject().value(u"tier"_s).toString(), u"web"_s);
        const auto failed = store.patch(m_deployments, u"default"_s, u"web"_s, ObjectStore::PatchType::Json,
            R"([{"op":"test","path":"/spec/replicas","value":1}])", writeAs(u"kubectl-patch"_s));
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, 422);

        // Merge patch: null removes.
        const auto merged = store.patch(m_deployments, u"default"_s, u"web"_s, ObjectStore::PatchType::Merge,
            R"({"metadata":{"labels":{"tier":null}}})", writeAs(u"kubectl-patch"_s));
        QVERIFY(merged);
        QVERIFY(!metaOf(*merged).value(u"labels"_s).toObject().contains(u"tier"_s));
        QVERIFY(!fieldsOf(*merged, u"kubectl-patch"_s, u"Update"_s)
                     .containsPrefix({ u"f:metadata"_s, u"f:labels"_s, u"f:tier"_s }));
    }

    void statusSubresourceWritesOnlyStatus()
    {
        ObjectStore store;
        const auto created = store.create(m_deployments, u"default"_s, deployment(u"web"_s, 1), writeAs(u"driftline"_s));
        QVERIFY(created);
        QJsonObject withStatus = *created;
        withStatus.insert(u"status"_s, QJsonObject { { u"replicas"_s, 1 }, { u"observedGeneration"_s, 1 } });
        QJsonObject spec = specOf(withStatus);
        spec.insert(u"replicas"_s, 9);
        withStatus.insert(u"spec"_s, spec);
        const auto written = store.update(m_deployments, u"default"_s, u"web"_s, withStatus,
            writeAs(u"kube-controller-manager"_s, u"status"_s));
        QVERIFY(written);
        QCOMPARE(written->value(u"status"_s).toObject().value(u"replicas"_s).toInt(), 1);
        QCOMPARE(specOf(*written).value(u"replicas"_s).toInt(), 1);
        QCOMPARE(metaOf(*written).value(u"generation"_s).toInt(), 1);
        QJsonObject statusEntry;
        for (const QJsonValue& v : metaOf(*written).value(u"managedFields"_s).toArray()) {
            if (v.toObject().value(u"subresource"_s).toString() == u"status"_s)
                statusEntry = v.toObject();
        }
        QCOMPARE(statusEntry.value(u"manager"_s).toString(), u"kube-controller-manager"_s);
        QCOMPARE(statusEntry.value(u"operation"_s).toString(), u"Update"_s);
        QVERIFY(FieldSet::fromFieldsV1(statusEntry.value(u"fieldsV1"_s).toObject())
                    .contains({ u"f:status"_s, u"f:replicas"_s }));

        // The main resource ignores status changes.
        QJsonObject main = *written;
        main.insert(u"status"_s, QJsonObject { { u"replicas"_s, 7 } });
        const auto unchanged = store.update(m_deployments, u"default"_s, u"web"_s, main, writeAs(u"driftline"_s));
        QVERIFY(unchanged);
        QCOMPARE(unchanged->value(u"status"_s).toObject().value(u"replicas"_s).toInt(), 1);
        QCOMPARE(metaOf(*unchanged).value(u"resourceVersion"_s), metaOf(*written).value(u"resourceVersion"_s));
    }

    void serviceDefaults()
    {
        ObjectStore store;
        const QJsonObject service { { u"metadata"_s, QJsonObject { { u"name"_s, u"web"_s } } },
            { u"spec"_s,
                QJsonObject { { u"selector"_s, QJsonObject { { u"app"_s, u"web"_s } } },
                    { u"ports"_s, QJsonArray { QJsonObject { { u"name"_s, u"http"_s }, { u"port"_s, 80 } } } } } } };
        const auto created = store.create(m_services, u"default"_s, service, writeAs(u"driftline"_s));
        QVERIFY(created);
        const QJsonObject spec = specOf(*created);
        QCOMPARE(spec.value(u"type"_s).toString(), u"ClusterIP"_s);
        QCOMPARE(spec.value(u"sessionAffinity"_s).toString(), u"None"_s);
        QCOMPARE(spec.value(u"ipFamilyPolicy"_s).toString(), u"SingleStack"_s);
        QCOMPARE(spec.value(u"internalTrafficPolicy"_s).toString(), u"Cluster"_s);
        QCOMPARE(spec.value(u"ipFamilies"_s).toArray(), QJsonArray { u"IPv4"_s });
        const QString ip = spec.value(u"clusterIP"_s).toString();
        QVERIFY2(ip.startsWith(u"10.43."_s), qPrintable(ip));
        QCOMPARE(spec.value(u"clusterIPs"_s).toArray(), QJsonArray { ip });
        const QJsonObject port = spec.value(u"ports"_s).toArray().at(0).toObject();
        QCOMPARE(port.value(u"protocol"_s).toString(), u"TCP"_s);
        QCOMPARE(port.value(u"targetPort"_s).toInt(), 80);
        QCOMPARE(created->value(u"status"_s).toObject(), QJsonObject({ { u"loadBalancer"_s, QJsonObject() } }));
        // A replace without the address keeps it.
        QJsonObject replaced = service;
        QJsonObject meta = metaOf(replaced);
        meta.insert(u"labels"_s, QJsonObject { { u"a"_s, u"b"_s } });
        replaced.insert(u"metadata"_s, meta);
        const auto updated = store.update(m_services, u"default"_s, u"web"_s, replaced, writeAs(u"driftline"_s));
        QVERIFY(updated);
        QCOMPARE(specOf(*updated).value(u"clusterIP"_s).toString(), ip);
    }

    void applyOverHttps()
    {
        const QByteArray yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\n"
                                "data:\n  mode: blue\n";
        const QString path = u"/api/v1/namespaces/default/configmaps/settings"_s;
        const Response missing = send("PATCH", path, yaml, "application/apply-patch+yaml");
        QCOMPARE(missing.status, 422);
        QCOMPARE(missing.json.value(u"message"_s).toString(),
            u"PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch"_s);
        QCOMPARE(missing.json.value(u"details"_s).toObject().value(u"kind"_s).toString(), u"PatchOptions"_s);

        const Response created
            = send("PATCH", path, yaml, "application/apply-patch+yaml", u"fieldManager=driftline"_s);
        QCOMPARE(created.status, 201);
        QCOMPARE(entry(created.json, u"driftline"_s, u"Apply"_s).value(u"operation"_s).toString(), u"Apply"_s);
        const Response same = send("PATCH", path, yaml, "application/apply-patch+yaml", u"fieldManager=driftline"_s);
        QCOMPARE(same.status, 200);
        QCOMPARE(metaOf(same.json).value(u"resourceVersion"_s), metaOf(created.json).value(u"resourceVersion"_s));

        // kubectl edit's drift, recorded under the User-Agent's program name.
        const Response edited = send("PATCH", path, R"({"data":{"mode":"green"}})", "application/merge-patch+json",
            {}, "kubectl/v1.31.0 (linux/amd64) kubernetes/9edcffc");
        QCOMPARE(edited.status, 200);
        QVERIFY(fieldsOf(edited.json, u"kubectl"_s, u"Update"_s).contains({ u"f:data"_s, u"f:mode"_s }));

        const Response conflict
            = send("PATCH", path, yaml, "application/apply-patch+yaml", u"fieldManager=driftline"_s);
        QCOMPARE(conflict.status, 409);
        QCOMPARE(conflict.json.value(u"kind"_s).toString(), u"Status"_s);
        QCOMPARE(conflict.json.value(u"message"_s).toString(),
            u"Apply failed with 1 conflict: conflict with \"kubectl\" using v1: .data.mode"_s);
        const Response forced = send("PATCH", path, yaml,
            "application/apply-patch+yaml", u"fieldManager=driftline&force=true"_s);
        QCOMPARE(forced.status, 200);
        QCOMPARE(forced.json.value(u"data"_s).toObject().value(u"mode"_s).toString(), u"blue"_s);

        const Response wrongType = send("PATCH", path, "{}", "text/plain", u"fieldManager=driftline"_s);
        QCOMPARE(wrongType.status, 415);
        const Response forceOnMerge
            = send("PATCH", path, "{}", "application/merge-patch+json", u"fieldManager=x&force=true"_s);
        QCOMPARE(forceOnMerge.status, 422);
    }

    void scaleSubresourceOverHttps()
    {
        const QString path = u"/apis/apps/v1/namespaces/default/deployments/scaled"_s;
        const QByteArray body = QJsonDocument(deployment(u"scaled"_s, 2)).toJson(QJsonDocument::Compact);
        QCOMPARE(send("PATCH", path, body, "application/apply-patch+yaml", u"fieldManager=driftline"_s).status, 201);
        const Response scale = send("GET", path + u"/scale"_s);
        QCOMPARE(scale.status, 200);
        QCOMPARE(scale.json.value(u"kind"_s).toString(), u"Scale"_s);
        QCOMPARE(scale.json.value(u"apiVersion"_s).toString(), u"autoscaling/v1"_s);
        QCOMPARE(scale.json.value(u"spec"_s).toObject().value(u"replicas"_s).toInt(), 2);
        QCOMPARE(scale.json.value(u"status"_s).toObject().value(u"selector"_s).toString(), u"app=web"_s);

        // What `kubectl scale --replicas=4` sends.
        const Response scaled = send("PATCH", path + u"/scale"_s, R"({"spec":{"replicas":4}})",
            "application/merge-patch+json", {}, "kubectl/v1.31.0 (linux/amd64) kubernetes/9edcffc");
        QCOMPARE(scaled.status, 200);
        QCOMPARE(scaled.json.value(u"spec"_s).toObject().value(u"replicas"_s).toInt(), 4);
        const Response object = send("GET", path);
        QCOMPARE(specOf(object.json).value(u"replicas"_s).toInt(), 4);
        QCOMPARE(metaOf(object.json).value(u"generation"_s).toInt(), 2);
        QJsonObject scaleEntry;
        for (const QJsonValue& v : metaOf(object.json).value(u"managedFields"_s).toArray()) {
            if (v.toObject().value(u"subresource"_s).toString() == u"scale"_s)
                scaleEntry = v.toObject();
        }
        QCOMPARE(scaleEntry.value(u"manager"_s).toString(), u"kubectl"_s);
        QCOMPARE(scaleEntry.value(u"operation"_s).toString(), u"Update"_s);
        QCOMPARE(FieldSet::fromFieldsV1(scaleEntry.value(u"fieldsV1"_s).toObject()).paths(),
            (std::set<FieldSet::Path> { { u"f:spec"_s, u"f:replicas"_s } }));
        QVERIFY(!fieldsOf(object.json, u"driftline"_s, u"Apply"_s).contains({ u"f:spec"_s, u"f:replicas"_s }));
        // The next apply of the Git state meets the drift as a conflict.
        const Response conflict = send("PATCH", path, body, "application/apply-patch+yaml", u"fieldManager=driftline"_s);
        QCOMPARE(conflict.status, 409);
        QCOMPARE(conflict.json.value(u"message"_s).toString(),
            u"Apply failed with 1 conflict: conflict with \"kubectl\" with subresource \"scale\" using apps/v1: .spec.replicas"_s);
        QCOMPARE(send("GET", u"/api/v1/namespaces/default/configmaps/settings/scale"_s).status, 404);
    }

    void statusSubresourceOverHttps()
    {
        const QByteArray body = QJsonDocument(deployment(u"api"_s, 1)).toJson(QJsonDocument::Compact);
        QCOMPARE(send("POST", u"/apis/apps/v1/namespaces/default/deployments"_s, body, "application/json",
                     u"fieldManager=driftline"_s)
                     .status,
            201);
        const Response got = send("GET", u"/apis/apps/v1/namespaces/default/deployments/api/status"_s);
        QCOMPARE(got.status, 200);
        QJsonObject object = got.json;
        object.insert(u"status"_s, QJsonObject { { u"availableReplicas"_s, 1 } });
        const Response put = send("PUT", u"/apis/apps/v1/namespaces/default/deployments/api/status"_s,
            QJsonDocument(object).toJson(QJsonDocument::Compact), "application/json",
            u"fieldManager=kube-controller-manager"_s);
        QCOMPARE(put.status, 200);
        QCOMPARE(put.json.value(u"status"_s).toObject().value(u"availableReplicas"_s).toInt(), 1);
        QCOMPARE(send("PUT", u"/api/v1/namespaces/default/configmaps/settings/status"_s, "{}").status, 404);
    }

    void clusterDumpObjectsRecreated_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("name");
        const QString dump = u"cluster-dump-k3s-v1.31/cluster-resources/"_s;
        QTest::newRow("coredns") << dump + u"deployments/kube-system.json"_s << u"Deployment"_s << u"coredns"_s;
        QTest::newRow("local-path-provisioner") << dump + u"deployments/kube-system.json"_s << u"Deployment"_s
                                                << u"local-path-provisioner"_s;
        QTest::newRow("metrics-server") << dump + u"deployments/kube-system.json"_s << u"Deployment"_s
                                        << u"metrics-server"_s;
        QTest::newRow("svclb-traefik") << dump + u"daemonsets/kube-system.json"_s << u"DaemonSet"_s
                                       << u"svclb-traefik-a6edc2ef"_s;
        QTest::newRow("job helm-install-traefik") << dump + u"jobs/kube-system.json"_s << u"Job"_s
                                                  << u"helm-install-traefik"_s;
        QTest::newRow("svc kube-dns") << dump + u"services/kube-system.json"_s << u"Service"_s << u"kube-dns"_s;
        QTest::newRow("svc metrics-server") << dump + u"services/kube-system.json"_s << u"Service"_s
                                            << u"metrics-server"_s;
    }

    // Objects of a real k3s 1.31 cluster, created once by one manager: written again
    // without what the server defaults, the sandbox must give back the same spec
    // and record the same Update entry for the creator.
    void clusterDumpObjectsRecreated()
    {
        QFETCH(QString, file);
        QFETCH(QString, kind);
        QFETCH(QString, name);
        QJsonObject live;
        for (const QJsonValue& v : loadFixture(file).value(u"items"_s).toArray()) {
            if (metaOf(v.toObject()).value(u"name"_s).toString() == name)
                live = v.toObject();
        }
        QVERIFY(!live.isEmpty());
        const QJsonObject creator = metaOf(live).value(u"managedFields"_s).toArray().at(0).toObject();
        const QString manager = creator.value(u"manager"_s).toString();
        ObjectStore store;
        const ResourceType type = kind == u"Service"_s ? m_services
            : kind == u"DaemonSet"_s ? *store.findType(u"apps"_s, u"v1"_s, u"daemonsets"_s)
            : kind == u"Job"_s       ? *store.findType(u"batch"_s, u"v1"_s, u"jobs"_s)
                                     : m_deployments;
        const QString ns = metaOf(live).value(u"namespace"_s).toString();
        const auto created = store.create(
            type, ns, asAuthored(live, kind, creator.value(u"fieldsV1"_s).toObject()), writeAs(manager));
        QVERIFY2(created, created ? "" : qPrintable(created.error().message));
        QCOMPARE(metaOf(*created).value(u"labels"_s), metaOf(live).value(u"labels"_s));
        QJsonObject wantSpec = specOf(live);
        QJsonObject gotSpec = specOf(*created);
        if (kind == u"Job"_s) {
            // The generated selector names the Job's uid: the sandbox's is a new one.
            gotSpec = QJsonDocument::fromJson(QJsonDocument(gotSpec).toJson().replace(
                                                  uidOf(*created).toUtf8(), uidOf(live).toUtf8()))
                          .object();
        }
        for (const QString& key : { u"clusterIP"_s, u"clusterIPs"_s }) {
            QCOMPARE(gotSpec.contains(key), wantSpec.contains(key));
            wantSpec.remove(key);
            gotSpec.remove(key);
        }
        // The dump was written by a client whose omitzero drops the template's null
        // creationTimestamp; the server itself sends it (see the ssa-diff answers).
        if (gotSpec.contains(u"template"_s)) {
            QJsonObject tmpl = gotSpec.value(u"template"_s).toObject();
            QJsonObject tmeta = tmpl.value(u"metadata"_s).toObject();
            QCOMPARE(tmeta.value(u"creationTimestamp"_s), QJsonValue(QJsonValue::Null));
            tmeta.remove(u"creationTimestamp"_s);
            tmpl.insert(u"metadata"_s, tmeta);
            gotSpec.insert(u"template"_s, tmpl);
        }
        dumpIfDifferent(pretty(gotSpec), pretty(wantSpec), u"spec-"_s + QString::fromUtf8(QTest::currentDataTag()));
        QCOMPARE(pretty(gotSpec), pretty(wantSpec));
        const QJsonObject recorded = entry(*created, manager, u"Update"_s);
        const QString gotFields = pretty(recorded.value(u"fieldsV1"_s).toObject());
        const QString wantFields = pretty(creator.value(u"fieldsV1"_s).toObject());
        dumpIfDifferent(gotFields, wantFields, u"fields-"_s + QString::fromUtf8(QTest::currentDataTag()));
        QCOMPARE(gotFields, wantFields);
    }

    void ssaDiffFixtures_data()
    {
        QTest::addColumn<QString>("live");
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("predicted");
        QTest::addColumn<QString>("scope");
        const auto row = [](const char* name, const QString& scope) {
            const QString base = QString::fromLatin1(name);
            QTest::newRow(name) << base + u"-live.yaml"_s << base + u"-config.yaml"_s
                                << base + u"-predicted-live.json"_s << scope;
        };
        row("ssd-deploy-with-manual-apply", u"whole"_s);
        row("ssd-deploy-composite-key", u"spec"_s);
        row("ssd-service", u"spec"_s);
        row("ssd-deploy-nested", u"lists"_s);
        QTest::newRow("ssd-svc-no-label") << u"ssd-svc-label-live.yaml"_s << u"ssd-svc-no-label-config.yaml"_s
                                          << u"ssd-svc-no-label-predicted-live.json"_s << u"whole"_s;
    }

    void ssaDiffFixtures()
    {
        QFETCH(QString, live);
        QFETCH(QString, config);
        QFETCH(QString, predicted);
        QFETCH(QString, scope);
        checkSsaDiffCase(live, config, predicted, scope);
    }
};

QTEST_GUILESS_MAIN(TestServerSideApply)
#include "tst_serversideapply.moc"
