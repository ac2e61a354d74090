// TrackingId: the id format, and who owns an object by the markers of each
// GitOps tool (Driftline, Argo CD, Flux, the instance label), including an
// annotation copied onto another object.
#include "kube/trackingid.h"

#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace driftline;
using driftline::kube::Ownership;
using driftline::kube::TrackingId;

Q_DECLARE_METATYPE(std::optional<Ownership>)

namespace {

QJsonObject object(const QString& apiVersion, const QString& kind, const QString& ns, const QString& name,
    const QJsonObject& annotations = {}, const QJsonObject& labels = {})
{
    QJsonObject metadata{{u"name"_s, name}};
    if (!ns.isEmpty())
        metadata.insert(u"namespace"_s, ns);
    if (!annotations.isEmpty())
        metadata.insert(u"annotations"_s, annotations);
    if (!labels.isEmpty())
        metadata.insert(u"labels"_s, labels);
    return QJsonObject{{u"apiVersion"_s, apiVersion}, {u"kind"_s, kind}, {u"metadata"_s, metadata}};
}

Ownership owner(const QString& app, Ownership::Tool tool, bool matches = true, const QString& appNamespace = {})
{
    Ownership o;
    o.application = app;
    o.tool = tool;
    o.matchesObject = matches;
    o.applicationNamespace = appNamespace;
    return o;
}

} // namespace

class TestTrackingId : public QObject
{
    Q_OBJECT

private slots:
    void format_data()
    {
        QTest::addColumn<QString>("app");
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("ns");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("text");
        QTest::newRow("core") << u"web"_s << QString() << u"Service"_s << u"shop"_s << u"web"_s
                              << u"web:/Service:shop/web"_s;
        QTest::newRow("apps") << u"web"_s << u"apps"_s << u"Deployment"_s << u"shop"_s << u"api"_s
                              << u"web:apps/Deployment:shop/api"_s;
        QTest::newRow("cluster-scoped") << u"rbac"_s << u"rbac.authorization.k8s.io"_s << u"ClusterRole"_s
                                        << QString() << u"reader"_s
                                        << u"rbac:rbac.authorization.k8s.io/ClusterRole:/reader"_s;
    }

    void format()
    {
        QFETCH(QString, app);
        QFETCH(QString, group);
        QFETCH(QString, kind);
        QFETCH(QString, ns);
        QFETCH(QString, name);
        QFETCH(QString, text);
        const TrackingId id = TrackingId::forResource(app, ResourceKey{group, u"v1"_s, kind, ns, name});
        QCOMPARE(id.toString(), text);
        const auto parsed = TrackingId::parse(text);
        QVERIFY(parsed);
        QCOMPARE(*parsed, id);
        QCOMPARE(parsed->key(), (ResourceKey{group, QString(), kind, ns, name}));
    }

    void parseRejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("plain name") << u"web"_s;
        QTest::newRow("two parts") << u"web:apps/Deployment"_s;
        QTest::newRow("four parts") << u"web:apps/Deployment:shop/web:x"_s;
        QTest::newRow("no kind slash") << u"web:Deployment:shop/web"_s;
        QTest::newRow("no namespace slash") << u"web:apps/Deployment:web"_s;
        QTest::newRow("no application") << u":apps/Deployment:shop/web"_s;
        QTest::newRow("no kind") << u"web:apps/:shop/web"_s;
        QTest::newRow("no name") << u"web:apps/Deployment:shop/"_s;
    }

    void parseRejects()
    {
        QFETCH(QString, text);
        QVERIFY(!TrackingId::parse(text));
    }

    void ownerOf_data()
    {
        QTest::addColumn<QJsonObject>("object");
        QTest::addColumn<std::optional<Ownership>>("expected");

        using Tool = Ownership::Tool;
        const auto d = TrackingId::DriftlineAnnotation;
        const auto a = TrackingId::ArgoCdAnnotation;

        QTest::newRow("nothing") << object(u"v1"_s, u"Service"_s, u"shop"_s, u"web"_s)
                                 << std::optional<Ownership>();
        QTest::newRow("other annotations only")
            << object(u"v1"_s, u"Service"_s, u"shop"_s, u"web"_s, {{u"team"_s, u"x"_s}}, {{u"app"_s, u"web"_s}})
            << std::optional<Ownership>();
        QTest::newRow("driftline")
            << object(u"v1"_s, u"Service"_s, u"shop"_s, u"web"_s, {{d, u"web:/Service:shop/web"_s}})
            << std::optional(owner(u"web"_s, Tool::Driftline));
        QTest::newRow("driftline apps group")
            << object(u"apps/v1"_s, u"Deployment"_s, u"shop"_s, u"web"_s, {{d, u"web:apps/Deployment:shop/web"_s}})
            << std::optional(owner(u"web"_s, Tool::Driftline));
        QTest::newRow("driftline cluster-scoped")
            << object(u"rbac.authorization.k8s.io/v1"_s, u"ClusterRole"_s, {}, u"reader"_s,
                   {{d, u"rbac:rbac.authorization.k8s.io/ClusterRole:/reader"_s}})
            << std::optional(owner(u"rbac"_s, Tool::Driftline));
        // Deployments copy their annotations onto their ReplicaSets.
        QTest::newRow("driftline copied onto a ReplicaSet")
            << object(u"apps/v1"_s, u"ReplicaSet"_s, u"shop"_s, u"web-5d9c7b"_s,
                   {{d, u"web:apps/Deployment:shop/web"_s}}, {{TrackingId::InstanceLabel, u"web"_s}})
            << std::optional(owner(u"web"_s, Tool::Driftline, false));
        QTest::newRow("id for another namespace")
            << object(u"v1"_s, u"Service"_s, u"other"_s, u"web"_s, {{d, u"web:/Service:shop/web"_s}})
            << std::optional(owner(u"web"_s, Tool::Driftline, false));
        QTest::newRow("id for another group")
            << object(u"extensions/v1beta1"_s, u"Deployment"_s, u"shop"_s, u"web"_s,
                   {{d, u"web:apps/Deployment:shop/web"_s}})
            << std::optional(owner(u"web"_s, Tool::Driftline, false));
        QTest::newRow("malformed driftline id falls through to the label")
            << object(u"v1"_s, u"Service"_s, u"shop"_s, u"web"_s, {{d, u"web"_s}},
                   {{TrackingId::InstanceLabel, u"shop-web"_s}})
            << std::optional(owner(u"shop-web"_s, Tool::Label));
        QTest::newRow("driftline wins over argo cd")
            << object(u"v1"_s, u"Service"_s, u"shop"_s, u"web"_s,
                   {{d, u"mine:/Service:shop/web"_s}, {a, u"theirs:/Service:shop/web"_s}})
            << std::optional(owner(u"mine"_s, Tool::Driftline));
        QTest::newRow("matching argo cd id wins over a copied driftline id")
            << object(u"v1"_s, u"ConfigMap"_s, u"shop"_s, u"settings"_s,
                   {{d, u"web:/Service:shop/web"_s}, {a, u"web:/ConfigMap:shop/settings"_s}})
            << std::optional(owner(u"web"_s, Tool::ArgoCd));
        QTest::newRow("argo cd")
            << object(u"apps/v1"_s, u"Deployment"_s, u"default"_s, u"my-deployment"_s,
                   {{a, u"my-app:apps/Deployment:default/my-deployment"_s}})
            << std::optional(owner(u"my-app"_s, Tool::ArgoCd));
        QTest::newRow("argo cd application in another namespace")
            << object(u"apps/v1"_s, u"Deployment"_s, u"shop"_s, u"web"_s,
                   {{a, u"team-a_web:apps/Deployment:shop/web"_s}})
            << std::optional(owner(u"web"_s, Tool::ArgoCd, true, u"team-a"_s));
        // Argo CD writes its destination namespace into ids of cluster-scoped objects.
        QTest::newRow("argo cd cluster-scoped with destination namespace")
            << object(u"v1"_s, u"Namespace"_s, {}, u"shop"_s, {{a, u"shop:/Namespace:argocd/shop"_s}})
            << std::optional(owner(u"shop"_s, Tool::ArgoCd));
        QTest::newRow("argo cd copied")
            << object(u"v1"_s, u"Pod"_s, u"shop"_s, u"web-1"_s, {{a, u"web:apps/Deployment:shop/web"_s}})
            << std::optional(owner(u"web"_s, Tool::ArgoCd, false));
        QTest::newRow("instance label")
            << object(u"v1"_s, u"Service"_s, u"shop"_s, u"web"_s, {}, {{TrackingId::InstanceLabel, u"web"_s}})
            << std::optional(owner(u"web"_s, Tool::Label));
        QTest::newRow("instance label, application in another namespace")
            << object(u"v1"_s, u"Service"_s, u"shop"_s, u"web"_s, {},
                   {{TrackingId::InstanceLabel, u"team-a_web"_s}})
            << std::optional(owner(u"web"_s, Tool::Label, true, u"team-a"_s));
        QTest::newRow("flux")
            << object(u"v1"_s, u"Service"_s, u"shop"_s, u"web"_s, {},
                   {{TrackingId::FluxNameLabel, u"apps"_s}, {TrackingId::FluxNamespaceLabel, u"flux-system"_s}})
            << std::optional(owner(u"apps"_s, Tool::Flux, true, u"flux-system"_s));
        QTest::newRow("flux wins over the instance label")
            << object(u"v1"_s, u"Service"_s, u"shop"_s, u"web"_s, {},
                   {{TrackingId::FluxNameLabel, u"apps"_s}, {TrackingId::FluxNamespaceLabel, u"flux-system"_s},
                       {TrackingId::InstanceLabel, u"chart"_s}})
            << std::optional(owner(u"apps"_s, Tool::Flux, true, u"flux-system"_s));
    }

    void ownerOf()
    {
        QFETCH(QJsonObject, object);
        QFETCH(std::optional<Ownership>, expected);
        const auto actual = TrackingId::ownerOf(object);
        QCOMPARE(actual.has_value(), expected.has_value());
        if (!expected)
            return;
        QCOMPARE(actual->application, expected->application);
        QCOMPARE(actual->applicationNamespace, expected->applicationNamespace);
        QCOMPARE(int(actual->tool), int(expected->tool));
        QCOMPARE(actual->matchesObject, expected->matchesObject);
    }

    void forResourceIgnoresVersion()
    {
        const auto v1 = TrackingId::forResource(u"web"_s, ResourceKey{u"apps"_s, u"v1"_s, u"Deployment"_s, u"s"_s, u"w"_s});
        const auto beta = TrackingId::forResource(
            u"web"_s, ResourceKey{u"apps"_s, u"v1beta2"_s, u"Deployment"_s, u"s"_s, u"w"_s});
        QCOMPARE(v1.toString(), beta.toString());
        // An id written for apps/v1 still names the object served as apps/v1beta2.
        QVERIFY(v1.matches(object(u"apps/v1beta2"_s, u"Deployment"_s, u"s"_s, u"w"_s)));
    }
};

QTEST_GUILESS_MAIN(TestTrackingId)
#include "tst_trackingid.moc"
