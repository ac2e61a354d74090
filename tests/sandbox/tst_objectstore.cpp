#include "sandbox/objectstore.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using driftline::sandbox::LabelSelector;
using driftline::sandbox::ObjectStore;
using driftline::sandbox::ResourceType;

namespace
{

ResourceType typeOf(
    const ObjectStore& store, const QString& group, const QString& version, const QString& plural)
{
    const auto t = store.findType(group, version, plural);
    if (!t)
        qFatal("type %s/%s/%s missing", qPrintable(group), qPrintable(version), qPrintable(plural));
    return *t;
}

QJsonObject named(const QString& name, const QJsonObject& labels = {})
{
    QJsonObject meta { { u"name"_s, name } };
    if (!labels.isEmpty())
        meta.insert(u"labels"_s, labels);
    return QJsonObject { { u"metadata"_s, meta } };
}

QJsonObject deployment(const QString& name, int replicas)
{
    QJsonObject d = named(name);
    d.insert(u"spec"_s, QJsonObject { { u"replicas"_s, replicas } });
    return d;
}

} // namespace

class TestObjectStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void startsWithTheStandardNamespaces()
    {
        ObjectStore store;
        const auto ns = typeOf(store, QString(), u"v1"_s, u"namespaces"_s);
        const auto page = store.list(ns, {});
        QVERIFY(page);
        QStringList names;
        for (const QJsonObject& item : page->items)
            names.append(item.value(u"metadata"_s).toObject().value(u"name"_s).toString());
        names.sort();
        QCOMPARE(
            names, (QStringList { u"default"_s, u"kube-node-lease"_s, u"kube-public"_s, u"kube-system"_s }));
        const QJsonObject def = *store.get(ns, QString(), u"default"_s);
        QCOMPARE(def.value(u"status"_s).toObject().value(u"phase"_s).toString(), u"Active"_s);
        QCOMPARE(def.value(u"metadata"_s)
                     .toObject()
                     .value(u"labels"_s)
                     .toObject()
                     .value(u"kubernetes.io/metadata.name"_s)
                     .toString(),
            u"default"_s);
    }

    void createSetsServerMetadata()
    {
        ObjectStore store;
        const auto cm = typeOf(store, QString(), u"v1"_s, u"configmaps"_s);
        const qint64 before = store.resourceVersion();
        const auto created = store.create(cm, u"default"_s, named(u"settings"_s));
        QVERIFY(created);
        const QJsonObject meta = created->value(u"metadata"_s).toObject();
        QCOMPARE(meta.value(u"namespace"_s).toString(), u"default"_s);
        QCOMPARE(meta.value(u"resourceVersion"_s).toString(), QString::number(before + 1));
        QCOMPARE(meta.value(u"uid"_s).toString().size(), 36);
        const QDateTime created_at
            = QDateTime::fromString(meta.value(u"creationTimestamp"_s).toString(), Qt::ISODate);
        QVERIFY(created_at.isValid());
        QVERIFY(meta.value(u"creationTimestamp"_s).toString().endsWith(u'Z'));
        QVERIFY(qAbs(created_at.secsTo(QDateTime::currentDateTimeUtc())) < 60);
        // ConfigMaps have no generation on a real server.
        QVERIFY(!meta.contains(u"generation"_s));
        QCOMPARE(created->value(u"kind"_s).toString(), u"ConfigMap"_s);
        QCOMPARE(created->value(u"apiVersion"_s).toString(), u"v1"_s);
    }

    void generationFollowsSpecChanges()
    {
        ObjectStore store;
        const auto deploy = typeOf(store, u"apps"_s, u"v1"_s, u"deployments"_s);
        QJsonObject obj = *store.create(deploy, u"default"_s, deployment(u"web"_s, 1));
        QCOMPARE(obj.value(u"metadata"_s).toObject().value(u"generation"_s).toInt(), 1);

        // A label change is metadata only: new resourceVersion, same generation.
        QJsonObject meta = obj.value(u"metadata"_s).toObject();
        meta.insert(u"labels"_s, QJsonObject { { u"tier"_s, u"front"_s } });
        obj.insert(u"metadata"_s, meta);
        const auto relabelled = store.update(deploy, u"default"_s, u"web"_s, obj);
        QVERIFY(relabelled);
        QCOMPARE(relabelled->value(u"metadata"_s).toObject().value(u"generation"_s).toInt(), 1);
        QVERIFY(relabelled->value(u"metadata"_s).toObject().value(u"resourceVersion"_s)
            != obj.value(u"metadata"_s).toObject().value(u"resourceVersion"_s));

        QJsonObject scaled = *relabelled;
        scaled.insert(u"spec"_s, QJsonObject { { u"replicas"_s, 3 } });
        const auto updated = store.update(deploy, u"default"_s, u"web"_s, scaled);
        QVERIFY(updated);
        QCOMPARE(updated->value(u"metadata"_s).toObject().value(u"generation"_s).toInt(), 2);

        // Writing the same object again changes nothing, not even the resourceVersion.
        const qint64 rv = store.resourceVersion();
        const auto same = store.update(deploy, u"default"_s, u"web"_s, *updated);
        QVERIFY(same);
        QCOMPARE(store.resourceVersion(), rv);
        QCOMPARE(*same, *updated);
    }

    void updateKeepsStatusAndRejectsStaleVersions()
    {
        ObjectStore store;
        const auto deploy = typeOf(store, u"apps"_s, u"v1"_s, u"deployments"_s);
        const QJsonObject first = *store.create(deploy, u"default"_s, deployment(u"web"_s, 1));
        QJsonObject second = first;
        second.insert(u"spec"_s, QJsonObject { { u"replicas"_s, 2 } });
        second.insert(u"status"_s, QJsonObject { { u"replicas"_s, 99 } });
        const auto stored = store.update(deploy, u"default"_s, u"web"_s, second);
        QVERIFY(stored);
        QVERIFY(!stored->contains(u"status"_s));

        // `first` still carries the old resourceVersion.
        const auto stale = store.update(deploy, u"default"_s, u"web"_s, first);
        QVERIFY(!stale);
        QCOMPARE(stale.error().code, 409);
        QCOMPARE(stale.error().reason, u"Conflict"_s);
        QVERIFY(
            stale.error().message.startsWith(u"Operation cannot be fulfilled on deployments.apps \"web\""_s));
    }

    void namespacedObjectsNeedTheirNamespace()
    {
        ObjectStore store;
        const auto cm = typeOf(store, QString(), u"v1"_s, u"configmaps"_s);
        const auto result = store.create(cm, u"nowhere"_s, named(u"x"_s));
        QVERIFY(!result);
        QCOMPARE(result.error().code, 404);
        QCOMPARE(result.error().reason, u"NotFound"_s);
        QCOMPARE(result.error().message, u"namespaces \"nowhere\" not found"_s);
        QCOMPARE(result.error().details.value(u"kind"_s).toString(), u"namespaces"_s);
    }

    void createRejects_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no name") << QJsonObject { { u"metadata"_s, QJsonObject {} } } << 422 << u"Invalid"_s;
        QTest::newRow("upper-case name") << named(u"Web"_s) << 422 << u"Invalid"_s;
        QTest::newRow("wrong kind") << QJsonObject { { u"kind"_s, u"Secret"_s },
            { u"metadata"_s, QJsonObject { { u"name"_s, u"a"_s } } } }
                                    << 400 << u"BadRequest"_s;
        QTest::newRow("other namespace") << QJsonObject {
            { u"metadata"_s, QJsonObject { { u"name"_s, u"a"_s }, { u"namespace"_s, u"kube-system"_s } } }
        } << 400 << u"BadRequest"_s;
        QTest::newRow("resourceVersion set") << QJsonObject {
            { u"metadata"_s, QJsonObject { { u"name"_s, u"a"_s }, { u"resourceVersion"_s, u"5"_s } } }
        } << 422 << u"Invalid"_s;
    }
    void createRejects()
    {
        QFETCH(QJsonObject, body);
        QFETCH(int, code);
        QFETCH(QString, reason);
        ObjectStore store;
        const auto cm = typeOf(store, QString(), u"v1"_s, u"configmaps"_s);
        const auto result = store.create(cm, u"default"_s, body);
        QVERIFY(!result);
        QCOMPARE(result.error().code, code);
        QCOMPARE(result.error().reason, reason);
        QCOMPARE(store.list(cm, {})->items.size(), 0);
    }

    void generateNamePicksASuffix()
    {
        ObjectStore store;
        const auto cm = typeOf(store, QString(), u"v1"_s, u"configmaps"_s);
        const auto created = store.create(cm, u"default"_s,
            QJsonObject { { u"metadata"_s, QJsonObject { { u"generateName"_s, u"job-"_s } } } });
        QVERIFY(created);
        const QString name = created->value(u"metadata"_s).toObject().value(u"name"_s).toString();
        QVERIFY(name.startsWith(u"job-"_s));
        QCOMPARE(name.size(), 9);
    }

    void dryRunStoresNothing()
    {
        ObjectStore store;
        const auto cm = typeOf(store, QString(), u"v1"_s, u"configmaps"_s);
        const qint64 rv = store.resourceVersion();
        ObjectStore::WriteOptions dryRun;
        dryRun.dryRun = true;
        QVERIFY(store.create(cm, u"default"_s, named(u"ghost"_s), dryRun));
        QCOMPARE(store.resourceVersion(), rv);
        QCOMPARE(store.get(cm, u"default"_s, u"ghost"_s).error().code, 404);
    }

    void listPagesAndSelectors()
    {
        ObjectStore store;
        const auto cm = typeOf(store, QString(), u"v1"_s, u"configmaps"_s);
        for (int i = 0; i < 5; ++i)
            QVERIFY(store.create(cm, u"default"_s,
                named(u"cm-%1"_s.arg(i), { { u"parity"_s, i % 2 ? u"odd"_s : u"even"_s } })));
        QVERIFY(store.create(cm, u"kube-system"_s, named(u"other"_s)));

        ObjectStore::ListOptions options;
        options.ns = u"default"_s;
        options.limit = 2;
        QStringList seen;
        QString listRv;
        int pages = 0;
        do {
            const auto page = store.list(cm, options);
            QVERIFY(page);
            ++pages;
            if (listRv.isEmpty())
                listRv = page->resourceVersion;
            QCOMPARE(page->resourceVersion, listRv);
            for (const QJsonObject& item : page->items) {
                QVERIFY(!item.contains(u"kind"_s));
                seen.append(item.value(u"metadata"_s).toObject().value(u"name"_s).toString());
            }
            options.continueToken = page->continueToken;
        } while (!options.continueToken.isEmpty());
        QCOMPARE(pages, 3);
        QCOMPARE(seen, (QStringList { u"cm-0"_s, u"cm-1"_s, u"cm-2"_s, u"cm-3"_s, u"cm-4"_s }));

        ObjectStore::ListOptions all;
        QCOMPARE(store.list(cm, all)->items.size(), 6);
        all.labels = *LabelSelector::parse(u"parity=odd"_s);
        QCOMPARE(store.list(cm, all)->items.size(), 2);
        all.labels = *LabelSelector::parse(u"!parity"_s);
        QCOMPARE(store.list(cm, all)->items.size(), 1);
        all.labels = {};
        all.fields = *driftline::sandbox::FieldSelector::parse(u"metadata.namespace=kube-system"_s);
        QCOMPARE(store.list(cm, all)->items.size(), 1);
        all.fields = *driftline::sandbox::FieldSelector::parse(u"metadata.name!=cm-0"_s);
        QCOMPARE(store.list(cm, all)->items.size(), 5);
        QVERIFY(!driftline::sandbox::FieldSelector::parse(u"spec.nodeName=x"_s));
    }

    void labelSelector_data()
    {
        QTest::addColumn<QString>("selector");
        QTest::addColumn<bool>("matches");
        // Labels under test: app=web, tier=front
        QTest::newRow("equals") << u"app=web"_s << true;
        QTest::newRow("double equals") << u"app==web"_s << true;
        QTest::newRow("not equals") << u"app!=web"_s << false;
        QTest::newRow("not equals absent key") << u"zone!=a"_s << true;
        QTest::newRow("in") << u"tier in (back, front)"_s << true;
        QTest::newRow("in miss") << u"tier in (back)"_s << false;
        QTest::newRow("notin") << u"tier notin (back)"_s << true;
        QTest::newRow("notin hit") << u"tier notin (front,back)"_s << false;
        QTest::newRow("exists") << u"app"_s << true;
        QTest::newRow("not exists") << u"!app"_s << false;
        QTest::newRow("not exists absent") << u"!zone"_s << true;
        QTest::newRow("conjunction") << u"app=web,tier in (front),!zone"_s << true;
        QTest::newRow("conjunction miss") << u"app=web,tier=back"_s << false;
    }
    void labelSelector()
    {
        QFETCH(QString, selector);
        QFETCH(bool, matches);
        const auto parsed = LabelSelector::parse(selector);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error()));
        QCOMPARE(parsed->matches(QJsonObject { { u"app"_s, u"web"_s }, { u"tier"_s, u"front"_s } }), matches);
    }

    void labelSelectorRejectsGarbage()
    {
        QVERIFY(!LabelSelector::parse(u"app=we b"_s));
        QVERIFY(!LabelSelector::parse(u"a,,b"_s));
        QVERIFY(!LabelSelector::parse(u"-bad=x"_s));
    }

    void changeLogIsBounded()
    {
        ObjectStore store;
        store.setChangeLogCapacity(3);
        const auto cm = typeOf(store, QString(), u"v1"_s, u"configmaps"_s);
        const qint64 start = store.resourceVersion();
        QList<QString> heard;
        const int id = store.addListener(
            [&](const ObjectStore::Change& c) { heard.append(ObjectStore::Change::typeName(c.type)); });
        QJsonObject a = *store.create(cm, u"default"_s, named(u"a"_s));
        a.insert(u"data"_s, QJsonObject { { u"k"_s, u"v"_s } });
        QVERIFY(store.update(cm, u"default"_s, u"a"_s, a));
        QVERIFY(store.remove(cm, u"default"_s, u"a"_s));
        store.removeListener(id);
        QVERIFY(store.create(cm, u"default"_s, named(u"b"_s)));
        QCOMPARE(heard, (QList<QString> { u"ADDED"_s, u"MODIFIED"_s, u"DELETED"_s }));

        // Four changes with room for three: the first is gone.
        const auto tooOld = store.changesSince(start);
        QVERIFY(!tooOld);
        QCOMPARE(tooOld.error().code, 410);
        QCOMPARE(tooOld.error().reason, u"Expired"_s);
        const auto recent = store.changesSince(start + 1);
        QVERIFY(recent);
        QCOMPARE(recent->size(), 3);
        QCOMPARE(recent->at(1).type, ObjectStore::Change::Type::Deleted);
        QCOMPARE(recent->at(1).object.value(u"metadata"_s).toObject().value(u"resourceVersion"_s).toString(),
            QString::number(start + 3));
    }

    void secretStringDataIsFoldedIntoData()
    {
        ObjectStore store;
        const auto secret = typeOf(store, QString(), u"v1"_s, u"secrets"_s);
        QJsonObject body = named(u"creds"_s);
        body.insert(u"stringData"_s, QJsonObject { { u"user"_s, u"admin"_s } });
        const auto created = store.create(secret, u"default"_s, body);
        QVERIFY(created);
        QVERIFY(!created->contains(u"stringData"_s));
        QCOMPARE(created->value(u"type"_s).toString(), u"Opaque"_s);
        QCOMPARE(created->value(u"data"_s).toObject().value(u"user"_s).toString(),
            QString::fromLatin1("admin"_ba.toBase64()));
    }

    void deletingANamespaceDeletesItsContents()
    {
        ObjectStore store;
        const auto ns = typeOf(store, QString(), u"v1"_s, u"namespaces"_s);
        const auto cm = typeOf(store, QString(), u"v1"_s, u"configmaps"_s);
        QVERIFY(store.create(ns, QString(), named(u"shop"_s)));
        QVERIFY(store.create(cm, u"shop"_s, named(u"a"_s)));
        QVERIFY(store.create(cm, u"default"_s, named(u"a"_s)));
        QVERIFY(store.remove(ns, QString(), u"shop"_s));
        QCOMPARE(store.get(cm, u"shop"_s, u"a"_s).error().code, 404);
        QVERIFY(store.get(cm, u"default"_s, u"a"_s));
    }

    void customResourceDefinitionServesANewType()
    {
        ObjectStore store;
        const auto crd = typeOf(store, u"apiextensions.k8s.io"_s, u"v1"_s, u"customresourcedefinitions"_s);
        QJsonObject def { { u"metadata"_s, QJsonObject { { u"name"_s, u"widgets.example.com"_s } } },
            { u"spec"_s,
                QJsonObject { { u"group"_s, u"example.com"_s }, { u"scope"_s, u"Namespaced"_s },
                    { u"names"_s,
                        QJsonObject { { u"plural"_s, u"widgets"_s }, { u"singular"_s, u"widget"_s },
                            { u"kind"_s, u"Widget"_s } } },
                    { u"versions"_s,
                        QJsonArray { QJsonObject {
                            { u"name"_s, u"v1"_s }, { u"served"_s, true }, { u"storage"_s, true } } } } } } };
        QVERIFY(!store.findType(u"example.com"_s, u"v1"_s, u"widgets"_s));
        QVERIFY(store.create(crd, QString(), def));
        const auto widget = store.findType(u"example.com"_s, u"v1"_s, u"widgets"_s);
        QVERIFY(widget);
        QCOMPARE(widget->kind, u"Widget"_s);
        QVERIFY(widget->namespaced);
        QVERIFY(store.create(*widget, u"default"_s, named(u"w1"_s)));
        // Custom resources keep kind/apiVersion in lists.
        QCOMPARE(store.list(*widget, {})->items.first().value(u"kind"_s).toString(), u"Widget"_s);

        // Serving a second version keeps the objects stored so far.
        QJsonObject stored = *store.get(crd, QString(), u"widgets.example.com"_s);
        QJsonObject spec = stored.value(u"spec"_s).toObject();
        QJsonArray versions = spec.value(u"versions"_s).toArray();
        versions.append(
            QJsonObject { { u"name"_s, u"v2"_s }, { u"served"_s, true }, { u"storage"_s, false } });
        spec.insert(u"versions"_s, versions);
        stored.insert(u"spec"_s, spec);
        QVERIFY(store.update(crd, QString(), u"widgets.example.com"_s, stored));
        QVERIFY(store.findType(u"example.com"_s, u"v2"_s, u"widgets"_s));
        QVERIFY(store.get(*widget, u"default"_s, u"w1"_s));

        QJsonObject mismatched = def;
        mismatched.insert(u"metadata"_s, QJsonObject { { u"name"_s, u"gadgets.example.com"_s } });
        const auto bad = store.create(crd, QString(), mismatched);
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, 422);

        QVERIFY(store.remove(crd, QString(), u"widgets.example.com"_s));
        QVERIFY(!store.findType(u"example.com"_s, u"v1"_s, u"widgets"_s));
        QVERIFY(!store.findType(u"example.com"_s, u"v2"_s, u"widgets"_s));
        QVERIFY(!store.get(*widget, u"default"_s, u"w1"_s));
    }
};

QTEST_GUILESS_MAIN(TestObjectStore)
#include "tst_objectstore.moc"
