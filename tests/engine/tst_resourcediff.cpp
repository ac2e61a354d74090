// ResourceDiff: what the diff panel and `driftline diff` show for one resource.
// Live objects come from a real sandbox's server-side apply and are edited as
// kubectl would (scale through the scale subresource); the tests check the
// structural summary, its link to the right row, the owner of each live line,
// that managedFields never show, that Secret values never leak unless revealed,
// the "ignore this field" rule and the Git-vs-Git sources.
#include "core/canonicalyaml.h"
#include "core/manifestparser.h"
#include "engine/fieldownership.h"
#include "engine/resourcediff.h"
#include "engine/secretmask.h"
#include "sandbox/sandboxserver.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace driftline::engine;
using driftline::CanonicalYaml;
using driftline::ManifestParser;
using driftline::sandbox::ObjectStore;
using driftline::sandbox::ResourceType;
using driftline::sandbox::SandboxServer;
using Source = ResourceDiffRequest::Source;

namespace {

QJsonObject yaml(const QString& text)
{
    const auto value = ManifestParser::parseYamlValue(text.toUtf8());
    return value ? value->toObject() : QJsonObject();
}

const QString kDeployment = uR"(
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: shop/web:1.4.2
        ports:
        - containerPort: 8080
)"_s;

const QString kSecret = uR"(
apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: default
type: Opaque
data:
  password: Y29ycmVjdCBob3JzZQ==
  user: YWRtaW4=
)"_s;

QString describe(const FieldChange& c)
{
    const QString kind = c.kind == Difference::Changed ? u"Changed"_s
        : c.kind == Difference::Added                  ? u"Added"_s
                                                       : u"Removed"_s;
    return kind + u' ' + c.pointer + u" (" + c.displayPath + u") " + c.oldValue + u" -> " + c.newValue
        + (c.manager.isEmpty() ? QString() : u" [" + c.manager + u']');
}

QStringList describe(const QList<FieldChange>& changes)
{
    QStringList out;
    for (const FieldChange& c : changes)
        out.append(describe(c));
    return out;
}

// All text a diff shows, joined: for "no plaintext anywhere" checks.
QString everything(const ResourceDiff& d)
{
    QString all = d.leftText + d.rightText;
    for (const FieldChange& c : d.changes)
        all += c.displayPath + c.oldValue + c.newValue;
    for (const DiffRow& row : d.text.rows)
        all += row.side[0].text + row.side[1].text;
    return all;
}

} // namespace

class TestResourceDiff : public QObject
{
    Q_OBJECT

    SandboxServer m_server;

    std::optional<ResourceType> typeOf(const QJsonObject& object)
    {
        const QString apiVersion = object.value(u"apiVersion").toString();
        const QString group = apiVersion.contains(u'/') ? apiVersion.section(u'/', 0, 0) : QString();
        const QString version = apiVersion.section(u'/', -1);
        for (const ResourceType& type : m_server.store().types())
            if (type.group == group && type.version == version && type.kind == object.value(u"kind").toString())
                return type;
        return std::nullopt;
    }

    // Applies `desired` as a sync does (field manager "driftline", forced) on a fresh object.
    QJsonObject applyFresh(const QJsonObject& desired)
    {
        const auto type = typeOf(desired);
        if (!type)
            return {};
        const QJsonObject metadata = desired.value(u"metadata").toObject();
        const QString ns = metadata.value(u"namespace").toString();
        const QString name = metadata.value(u"name").toString();
        if (m_server.store().get(*type, ns, name))
            m_server.store().remove(*type, ns, name);
        ObjectStore::ApplyOptions options;
        options.fieldManager = u"driftline"_s;
        options.force = true;
        const auto applied = m_server.store().apply(*type, ns, name, desired, options);
        return applied ? applied->object : QJsonObject();
    }

    QJsonObject patchLive(const QJsonObject& object, const QString& manager, const QByteArray& body,
        const QString& subresource = {})
    {
        const auto type = typeOf(object);
        if (!type)
            return {};
        const QJsonObject metadata = object.value(u"metadata").toObject();
        ObjectStore::WriteOptions options;
        options.fieldManager = manager;
        options.subresource = subresource;
        const auto patched = m_server.store().patch(*type, metadata.value(u"namespace").toString(),
            metadata.value(u"name").toString(), ObjectStore::PatchType::Merge, body, options);
        if (!patched)
            return {};
        // Through a subresource the answer is the Scale object: read the Deployment back.
        const auto live = m_server.store().get(*type, metadata.value(u"namespace").toString(),
            metadata.value(u"name").toString());
        return live ? *live : QJsonObject();
    }

    static ResourceDiffRequest gitVsLive(const QJsonObject& desired, const QJsonObject& live, bool normalized = true)
    {
        ResourceDiffRequest request;
        request.source = Source::GitVsLive;
        request.leftTitle = u"Git"_s;
        request.rightTitle = u"Live"_s;
        request.left = desired;
        request.right = live;
        request.normalized = normalized;
        return request;
    }

private slots:
    void initTestCase()
    {
        const auto listening = m_server.listen(0);
        QVERIFY2(listening, listening ? "" : qPrintable(listening.error().message));
    }

    // CanonicalYaml's line pointers, which every row link above rests on: one per
    // line, "- " lines name the item's first key (or a scalar item), block scalars
    // name the scalar on every line, keys with "/" and "~" escaped.
    void linePointers()
    {
        const QJsonObject object = yaml(uR"(
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  annotations: {example.com/note: x, a~b: z}
data:
  script: |
    echo one
    echo two
  list: plain
spec:
  items:
  - name: a
    value: 1
  - plain
  - - nested
  empty: {}
)"_s);
        QStringList pointers;
        const QString text = CanonicalYaml::write(object, {}, pointers);
        QCOMPARE(text, CanonicalYaml::write(object)); // the same text as the plain call
        const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(pointers.size(), lines.size());
        QStringList pairs;
        for (qsizetype i = 0; i < lines.size(); ++i)
            pairs.append(lines.at(i) + u" => "_s + pointers.at(i));
        const QStringList expected = {
            u"apiVersion: v1 => /apiVersion"_s,
            u"kind: ConfigMap => /kind"_s,
            u"metadata: => /metadata"_s,
            u"  name: cfg => /metadata/name"_s,
            u"  annotations: => /metadata/annotations"_s,
            u"    a~b: z => /metadata/annotations/a~0b"_s,
            u"    example.com/note: x => /metadata/annotations/example.com~1note"_s,
            u"spec: => /spec"_s,
            u"  empty: {} => /spec/empty"_s,
            u"  items: => /spec/items"_s,
            u"    - name: a => /spec/items/0/name"_s,
            u"      value: 1 => /spec/items/0/value"_s,
            u"    - plain => /spec/items/1"_s,
            u"    -  => /spec/items/2"_s,
            u"      - nested => /spec/items/2/0"_s,
            u"data: => /data"_s,
            u"  list: plain => /data/list"_s,
            u"  script: | => /data/script"_s,
            u"    echo one => /data/script"_s,
            u"    echo two => /data/script"_s,
        };
        QCOMPARE(pairs, expected);

        QStringList none;
        QCOMPARE(CanonicalYaml::write(QJsonObject(), {}, none), u"{}\n"_s);
        QCOMPARE(none, QStringList {QString()});
    }

    // Ownership of live lines from FieldsV1: fields, keyed list items (protocol TCP
    // implied as the server does), set items, atomic values owning what is below.
    void fieldOwnership()
    {
        const QJsonObject live = yaml(uR"(
metadata:
  name: x
  managedFields:
  - manager: driftline
    operation: Apply
    fieldsV1:
      f:metadata: {f:labels: {f:app: {}}}
      f:spec:
        f:ports:
          'k:{"port":80,"protocol":"TCP"}': {.: {}, f:port: {}, f:name: {}}
        f:selector: {}
  - manager: kubectl-edit
    operation: Update
    fieldsV1:
      f:metadata: {f:finalizers: {'v:"b"': {}}}
      f:spec: {f:ports: {'k:{"port":80,"protocol":"TCP"}': {f:targetPort: {}}}}
  - manager: kube-controller-manager
    operation: Update
    fieldsV1:
      f:metadata: {f:finalizers: {'v:"a"': {}}}
)"_s);
        const FieldOwnership ownership(live);
        QCOMPARE(ownership.entries().size(), 3);
        const QJsonObject shown = yaml(uR"(
metadata:
  labels: {app: web}
  finalizers: [a, b]
spec:
  ports:
  - {name: http, port: 80, targetPort: 8080}
  selector: {app: web, tier: front}
)"_s);
        const auto at = [&](const QString& pointer) {
            QStringList tokens = pointer.split(u'/');
            tokens.removeFirst();
            return ownership.managerAt(shown, tokens);
        };
        QCOMPARE(at(u"/metadata/labels/app"_s), u"driftline"_s);
        QCOMPARE(at(u"/metadata/labels"_s), QString()); // nobody owns the map itself
        QCOMPARE(at(u"/metadata/finalizers/1"_s), u"kubectl-edit"_s);
        QCOMPARE(at(u"/metadata/finalizers/0"_s), u"kube-controller-manager"_s);
        QCOMPARE(at(u"/spec/ports/0/name"_s), u"driftline"_s);
        QCOMPARE(at(u"/spec/ports/0/targetPort"_s), u"kubectl-edit"_s);
        QCOMPARE(at(u"/spec/ports/0"_s), u"driftline"_s); // the item itself (".")
        QCOMPARE(at(u"/spec/selector/tier"_s), u"driftline"_s); // below an atomic map
        QCOMPARE(at(u"/spec/missing"_s), QString());
        QCOMPARE(ownership.ownerOf({u"f:spec"_s, u"f:ports"_s}), u"kubectl-edit"_s);
        QVERIFY(FieldOwnership(QJsonObject()).isEmpty());
        QCOMPARE(FieldOwnership::keyElement(QJsonObject {{u"name"_s, u"web"_s}}), uR"(k:{"name":"web"})"_s);
    }

    void scaledDeployment_data()
    {
        QTest::addColumn<bool>("normalized");
        QTest::newRow("normalized") << true;
        QTest::newRow("full") << false;
    }
    void scaledDeployment()
    {
        QFETCH(bool, normalized);
        const QJsonObject desired = yaml(kDeployment);
        const QJsonObject applied = applyFresh(desired);
        QVERIFY(!applied.isEmpty());
        const QJsonObject live = patchLive(applied, u"kubectl-scale"_s, R"({"spec":{"replicas":5}})", u"scale"_s);
        QCOMPARE(live.value(u"spec").toObject().value(u"replicas").toInt(), 5);

        const auto diff = ResourceDiff::compute(gitVsLive(desired, live, normalized));
        QVERIFY(diff.has_value());
        QVERIFY(!diff->equal);
        QCOMPARE(describe(diff->changes),
                 QStringList {u"Changed /spec/replicas (spec.replicas) 2 -> 5 [kubectl-scale]"_s});
        // The change links to the "replicas: 5" row, whose live line kubectl-scale owns.
        const int row = diff->changes.first().row;
        QVERIFY(row >= 0);
        const DiffRow& r = diff->text.rows.at(row);
        QCOMPARE(r.side[RightSide].text.trimmed(), u"replicas: 5"_s);
        if (normalized) {
            QCOMPARE(r.kind, DiffRow::Changed);
            QCOMPARE(r.side[LeftSide].text.trimmed(), u"replicas: 2"_s);
        } else {
            // The full live object has server-set fields around it (progressDeadlineSeconds
            // …), so the row pairing is the text's, not the field's.
            QVERIFY(r.kind != DiffRow::Equal);
        }
        QCOMPARE(diff->linePointers[RightSide].at(r.side[RightSide].number), u"/spec/replicas"_s);
        QCOMPARE(diff->lineManagers[RightSide].at(r.side[RightSide].number), u"kubectl-scale"_s);
        // The image line is still Driftline's; nothing on the left has a manager.
        const int imageLine = int(diff->linePointers[RightSide].indexOf(u"/spec/template/spec/containers/0/image"_s));
        QVERIFY(imageLine >= 0);
        QCOMPARE(diff->lineManagers[RightSide].at(imageLine), u"driftline"_s);
        // A keyed list item whose key leaves out protocol TCP still finds its owner.
        const int portLine
            = int(diff->linePointers[RightSide].indexOf(u"/spec/template/spec/containers/0/ports/0/containerPort"_s));
        QVERIFY(portLine >= 0);
        QCOMPARE(diff->lineManagers[RightSide].at(portLine), u"driftline"_s);
        QCOMPARE(diff->lineManagers[LeftSide].size(), diff->text.lineCount[LeftSide]);
        QVERIFY(std::all_of(diff->lineManagers[LeftSide].begin(), diff->lineManagers[LeftSide].end(),
                            [](const QString& m) { return m.isEmpty(); }));
        QCOMPARE(diff->linePointers[RightSide].size(), diff->text.lineCount[RightSide]);

        QVERIFY(!diff->rightText.contains(u"managedFields"_s));
        // Full mode shows what the server keeps (uid, status…); normalized mode does not.
        QCOMPARE(diff->rightText.contains(u"uid:"_s), !normalized);
        if (normalized)
            QCOMPARE(diff->text.changeStarts.size(), 1);
    }

    void imageChangeHighlightsTheToken()
    {
        const QJsonObject desired = yaml(kDeployment);
        const QJsonObject applied = applyFresh(desired);
        const QJsonObject live = patchLive(
            applied, u"kubectl-edit"_s, R"({"spec":{"template":{"spec":{"containers":[{"name":"web","image":"shop/web:1.4.3","ports":[{"containerPort":8080}]}]}}}})");
        QVERIFY(!live.isEmpty());
        const auto diff = ResourceDiff::compute(gitVsLive(desired, live));
        QVERIFY(diff.has_value());
        QCOMPARE(diff->changes.size(), 1);
        const FieldChange& c = diff->changes.first();
        QCOMPARE(c.displayPath, u"spec.template.spec.containers[0].image"_s);
        QCOMPARE(c.oldValue, u"shop/web:1.4.2"_s);
        QCOMPARE(c.newValue, u"shop/web:1.4.3"_s);
        const DiffLine& right = diff->text.rows.at(c.row).side[RightSide];
        QCOMPARE(right.highlights.size(), 1);
        QCOMPARE(right.text.mid(right.highlights[0].first, right.highlights[0].second), u"3"_s);
    }

    void identicalIsEqual()
    {
        const QJsonObject desired = yaml(kDeployment);
        const QJsonObject live = applyFresh(desired);
        const auto diff = ResourceDiff::compute(gitVsLive(desired, live));
        QVERIFY(diff.has_value());
        QVERIFY(diff->equal);
        QVERIFY(diff->changes.isEmpty());
        QVERIFY(diff->text.identical());
        QCOMPARE(diff->leftText, diff->rightText);
        // Full mode: the texts differ (status, uid…) but not by meaning.
        const auto full = ResourceDiff::compute(gitVsLive(desired, live, false));
        QVERIFY(full.has_value());
        QVERIFY(full->equal);
        QVERIFY(!full->text.identical());
    }

    void secretValuesNeverLeak()
    {
        const QJsonObject desired = yaml(kSecret);
        const QJsonObject applied = applyFresh(desired);
        QVERIFY(!applied.isEmpty());
        const QByteArray newPassword = "battery staple";
        const QJsonObject live = patchLive(applied, u"kubectl-edit"_s,
            R"({"data":{"password":")" + newPassword.toBase64() + R"("}})");
        QVERIFY(!live.isEmpty());

        for (const bool normalized : {true, false}) {
            const auto diff = ResourceDiff::compute(gitVsLive(desired, live, normalized));
            QVERIFY(diff.has_value());
            QVERIFY(diff->masked);
            const QString all = everything(*diff);
            for (const QString& plain : {u"correct horse"_s, u"Y29ycmVjdCBob3JzZQ=="_s, u"battery staple"_s,
                                         QString::fromLatin1(newPassword.toBase64()), u"YWRtaW4="_s, u"admin"_s})
                QVERIFY2(!all.contains(plain), qPrintable(plain));
            QCOMPARE(diff->changes.size(), 1);
            const FieldChange& c = diff->changes.first();
            QCOMPARE(c.displayPath, u"data.password"_s);
            QCOMPARE(c.oldValue, SecretMask::maskFor("correct horse"));
            QCOMPARE(c.newValue, SecretMask::maskFor(newPassword));
            QVERIFY(c.oldValue != c.newValue);
            // The unchanged value masks alike on both sides: an Equal row.
            const int userLine = int(diff->linePointers[RightSide].indexOf(u"/data/user"_s));
            QVERIFY(userLine >= 0);
            const DiffRow& userRow = diff->text.rows.at(diff->text.rowOfLine(RightSide, userLine));
            QCOMPARE(userRow.kind, DiffRow::Equal);
            QCOMPARE(userRow.side[RightSide].text, u"  user: "_s + SecretMask::maskFor("admin"));
        }

        // Revealed: the values as stored, that is base64 for data.
        ResourceDiffRequest reveal = gitVsLive(desired, live);
        reveal.revealSecrets = true;
        const auto shown = ResourceDiff::compute(reveal);
        QVERIFY(shown.has_value());
        QVERIFY(!shown->masked);
        QVERIFY(shown->leftText.contains(u"Y29ycmVjdCBob3JzZQ=="_s));
        QVERIFY(shown->rightText.contains(QString::fromLatin1(newPassword.toBase64())));
        QCOMPARE(shown->changes.first().oldValue, u"Y29ycmVjdCBob3JzZQ=="_s);
    }

    void ignoreRuleAndRowsUnder()
    {
        const QJsonObject desired = yaml(kDeployment);
        const QJsonObject applied = applyFresh(desired);
        const QJsonObject live = patchLive(applied, u"kubectl-scale"_s, R"({"spec":{"replicas":5}})", u"scale"_s);
        const auto diff = ResourceDiff::compute(gitVsLive(desired, live));
        QVERIFY(diff.has_value());

        const int replicasLine = int(diff->linePointers[RightSide].indexOf(u"/spec/replicas"_s));
        const auto rule = diff->ignoreRuleFor(RightSide, replicasLine, true);
        QCOMPARE(rule.group, u"apps"_s);
        QCOMPARE(rule.kind, u"Deployment"_s);
        QCOMPARE(rule.name, u"web"_s);
        QCOMPARE(rule.jsonPointers, QStringList {u"/spec/replicas"_s});
        QVERIFY(diff->ignoreRuleFor(RightSide, replicasLine, false).name.isEmpty());

        // A list item's "- name: web" line names the item, not its first key.
        const int itemLine = int(diff->linePointers[LeftSide].indexOf(u"/spec/template/spec/containers/0/name"_s));
        QVERIFY(itemLine >= 0);
        QVERIFY(diff->text.rows.at(diff->text.rowOfLine(LeftSide, itemLine)).side[LeftSide].text.contains(u"- name: web"_s));
        QCOMPARE(diff->ignoreRuleFor(LeftSide, itemLine, false).jsonPointers,
                 QStringList {u"/spec/template/spec/containers/0"_s});
        QVERIFY(diff->ignoreRuleFor(LeftSide, 9999, false).jsonPointers.isEmpty());

        // What the rule would hide: the replicas row only; the container: its rows.
        QCOMPARE(diff->rowsUnder(u"/spec/replicas"_s), QList<int> {diff->changes.first().row});
        const QList<int> containerRows = diff->rowsUnder(u"/spec/template/spec/containers/0"_s);
        QVERIFY(containerRows.size() >= 4); // name, image, ports:, - containerPort
        for (const int row : containerRows)
            QVERIFY(diff->text.rows.at(row).side[LeftSide].text.startsWith(u"      "_s));

        // With the rule applied the object compares equal.
        ResourceDiffRequest ignored = gitVsLive(desired, live);
        ignored.ignore = {rule};
        const auto quiet = ResourceDiff::compute(ignored);
        QVERIFY(quiet.has_value());
        QVERIFY(quiet->equal);
    }

    void revisions()
    {
        const QJsonObject older = yaml(kDeployment);
        QJsonObject newer = yaml(QString(kDeployment).replace(u"shop/web:1.4.2"_s, u"shop/web:1.5.0"_s));
        ResourceDiffRequest request;
        request.source = Source::Revisions;
        request.leftTitle = u"Git · 1a2b3c4"_s;
        request.rightTitle = u"Git · 5d6e7f8"_s;
        request.left = older;
        request.right = newer;
        const auto diff = ResourceDiff::compute(request);
        QVERIFY(diff.has_value());
        QVERIFY(!diff->equal);
        QCOMPARE(describe(diff->changes),
                 QStringList {u"Changed /spec/template/spec/containers/0/image (spec.template.spec.containers[0].image) "
                              u"shop/web:1.4.2 -> shop/web:1.5.0"_s});
        QCOMPARE(diff->text.rows.at(diff->changes.first().row).side[RightSide].text.trimmed(),
                 u"image: shop/web:1.5.0"_s);
        for (int side = 0; side < 2; ++side)
            for (const QString& m : diff->lineManagers[side])
                QVERIFY(m.isEmpty());
        QCOMPARE(diff->leftTitle, u"Git · 1a2b3c4"_s);

        // Every field counts between two renders, even a server default.
        QJsonObject spec = newer.value(u"spec").toObject();
        spec.insert(u"revisionHistoryLimit"_s, 10);
        newer.insert(u"spec"_s, spec);
        request.right = newer;
        request.source = Source::Environments;
        const auto envs = ResourceDiff::compute(request);
        QVERIFY(envs.has_value());
        QCOMPARE(envs->changes.size(), 2);
        const auto limit = std::find_if(envs->changes.begin(), envs->changes.end(),
                                        [](const FieldChange& c) { return c.pointer == u"/spec/revisionHistoryLimit"; });
        QVERIFY(limit != envs->changes.end());
        QCOMPARE(limit->displayPath, u"spec.revisionHistoryLimit"_s);
        QCOMPARE(limit->kind, Difference::Added);
        QCOMPARE(limit->oldValue, QString());
        QCOMPARE(limit->newValue, u"10"_s);
        QCOMPARE(envs->text.rows.at(limit->row).kind, DiffRow::Added);
    }

    void summaryValues()
    {
        QJsonObject older = yaml(kDeployment);
        QJsonObject metadata = older.value(u"metadata").toObject();
        metadata.insert(u"annotations"_s, QJsonObject {{u"team"_s, u"shop"_s}});
        older.insert(u"metadata"_s, metadata);
        QJsonObject newer = older;
        metadata.insert(u"annotations"_s,
                        QJsonObject {{u"team"_s, u"shop"_s}, {u"example.com/note"_s, QString(100, u'x')}});
        newer.insert(u"metadata"_s, metadata);
        QJsonObject spec = newer.value(u"spec").toObject();
        spec.insert(u"strategy"_s, QJsonObject {{u"type"_s, u"Recreate"_s}});
        spec.insert(u"minReadySeconds"_s, QJsonObject {{u"a"_s, 1}, {u"b"_s, QString(80, u'y')}, {u"c"_s, 3}});
        newer.insert(u"spec"_s, spec);
        ResourceDiffRequest request;
        request.source = Source::Revisions;
        request.left = older;
        request.right = newer;
        const auto diff = ResourceDiff::compute(request);
        QVERIFY(diff.has_value());
        QStringList got;
        for (const FieldChange& c : diff->changes)
            got.append(c.displayPath + u" = "_s + c.newValue);
        QCOMPARE(got, (QStringList {
                          u"metadata.annotations[\"example.com/note\"] = "_s + QString(59, u'x') + u'…',
                          u"spec.minReadySeconds = {3 keys}"_s,
                          u"spec.strategy = {\"type\":\"Recreate\"}"_s,
                      }));
        for (const FieldChange& c : diff->changes) {
            QCOMPARE(c.kind, Difference::Added);
            QVERIFY(c.row >= 0);
            QCOMPARE(diff->text.rows.at(c.row).kind, DiffRow::Added);
        }
    }

    void absentSide()
    {
        ResourceDiffRequest request;
        request.source = Source::Environments;
        request.left = yaml(kDeployment);
        const auto removed = ResourceDiff::compute(request);
        QVERIFY(removed.has_value());
        QVERIFY(!removed->equal);
        QVERIFY(removed->rightText.isEmpty());
        QVERIFY(std::all_of(removed->text.rows.begin(), removed->text.rows.end(),
                            [](const DiffRow& r) { return r.kind == DiffRow::Removed; }));
        QCOMPARE(removed->changes.size(), 1);
        QCOMPARE(removed->changes.first().pointer, QString());
        QCOMPARE(removed->changes.first().kind, Difference::Removed);
        QCOMPARE(removed->changes.first().row, 0);
        QCOMPARE(removed->kind, u"Deployment"_s);

        // An extraneous Secret: masked, all rows Added.
        ResourceDiffRequest extraneous;
        extraneous.right = applyFresh(yaml(kSecret));
        const auto added = ResourceDiff::compute(extraneous);
        QVERIFY(added.has_value());
        QVERIFY(added->masked);
        QVERIFY(!everything(*added).contains(u"Y29ycmVjdCBob3JzZQ=="_s));
        QVERIFY(!added->rightText.contains(u"managedFields"_s));
        QCOMPARE(added->changes.first().kind, Difference::Added);
        QCOMPARE(added->changes.first().manager, u"driftline"_s);
        QVERIFY(std::all_of(added->text.rows.begin(), added->text.rows.end(),
                            [](const DiffRow& r) { return r.kind == DiffRow::Added; }));
    }

    void cancellation()
    {
        ResourceDiffRequest request = gitVsLive(yaml(kDeployment), yaml(kDeployment));
        request.isCanceled = [] { return true; };
        const auto diff = ResourceDiff::compute(request);
        QVERIFY(!diff.has_value());
        QCOMPARE(diff.error().code, driftline::Error::Code::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestResourceDiff)
#include "tst_resourcediff.moc"
