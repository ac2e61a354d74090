// CanonicalYaml: one stable way to write YAML, so diffs show only real differences.
#include "core/canonicalyaml.h"
#include "core/manifestparser.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace driftline;

class TestCanonicalYaml : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keyOrder();
    void sameObjectDifferentStylesEmitsSameText();
    void roundTrip_data();
    void roundTrip();
    void secretsRedacted();
};

static QJsonObject parseOne(const QByteArray& yaml)
{
    const ParseResult r = ManifestParser::parse(yaml, u"t.yaml"_s);
    if (r.resources.size() != 1)
        qFatal("expected one resource: %s", qPrintable(r.errors.value(0).toString()));
    return r.resources[0].object();
}

void TestCanonicalYaml::keyOrder()
{
    const QJsonObject obj = parseOne("status: {ready: true}\nspec:\n  replicas: 2\n  containers:\n"
                                     "  - image: nginx\n    name: web\nmetadata:\n  labels: {a: b}\n  name: web\n"
                                     "  namespace: shop\nkind: Deployment\napiVersion: apps/v1\n");
    const QString expected = u"apiVersion: apps/v1\n"
                             "kind: Deployment\n"
                             "metadata:\n"
                             "  name: web\n"
                             "  namespace: shop\n"
                             "  labels:\n"
                             "    a: b\n"
                             "spec:\n"
                             "  containers:\n"
                             "    - name: web\n"
                             "      image: nginx\n"
                             "  replicas: 2\n"
                             "status:\n"
                             "  ready: true\n"_s;
    QCOMPARE(CanonicalYaml::write(obj), expected);
}

void TestCanonicalYaml::sameObjectDifferentStylesEmitsSameText()
{
    const QJsonObject block = parseOne("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n"
                                       "  b: \"2\"\n  a: 'x'\n");
    const QJsonObject flow = parseOne("{kind: ConfigMap, apiVersion: v1, data: {a: x, b: '2'}, metadata: {name: c}}");
    QCOMPARE(CanonicalYaml::write(block), CanonicalYaml::write(flow));
}

void TestCanonicalYaml::roundTrip_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("string that looks like int") << QJsonValue(u"8080"_s);
    QTest::newRow("string that looks like bool") << QJsonValue(u"yes"_s);
    QTest::newRow("empty string") << QJsonValue(u""_s);
    QTest::newRow("colon space") << QJsonValue(u"a: b"_s);
    QTest::newRow("leading dash") << QJsonValue(u"-x"_s);
    QTest::newRow("hash") << QJsonValue(u"a #b"_s);
    QTest::newRow("multi-line") << QJsonValue(u"line one\nline two\n"_s);
    QTest::newRow("multi-line no final newline") << QJsonValue(u"a\n  b"_s);
    QTest::newRow("trailing spaces") << QJsonValue(u"a \nb"_s);
    QTest::newRow("unicode") << QJsonValue(u"café ✓"_s);
    QTest::newRow("int") << QJsonValue(12);
    QTest::newRow("float") << QJsonValue(0.25);
    QTest::newRow("whole float") << QJsonValue(2.0);
    QTest::newRow("bool") << QJsonValue(false);
    QTest::newRow("null") << QJsonValue(QJsonValue::Null);
    QTest::newRow("empty list") << QJsonValue(QJsonArray());
    QTest::newRow("empty map") << QJsonValue(QJsonObject());
    QTest::newRow("nested list") << QJsonValue(QJsonArray { QJsonArray { 1, 2 }, u"x"_s });
}

void TestCanonicalYaml::roundTrip()
{
    QFETCH(QJsonValue, value);
    QJsonObject obj { { u"apiVersion"_s, u"v1"_s }, { u"kind"_s, u"ConfigMap"_s },
                      { u"metadata"_s, QJsonObject { { u"name"_s, u"c"_s } } }, { u"v"_s, value } };
    const QString text = CanonicalYaml::write(obj);
    const QJsonObject back = parseOne(text.toUtf8());
    QVERIFY2(back.value(u"v"_s) == value, qPrintable(text));
}

void TestCanonicalYaml::secretsRedacted()
{
    const QJsonObject secret = parseOne("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n"
                                        "data: {password: aHVudGVyMg==}\nstringData: {token: sekrit}\n");
    const QString shown = CanonicalYaml::write(secret, { .redactSecrets = true });
    QVERIFY(!shown.contains(u"aHVudGVyMg=="_s));
    QVERIFY(!shown.contains(u"sekrit"_s));
    QVERIFY(shown.contains(u"password: \"<redacted: 7 bytes>\""_s) || shown.contains(u"password: <redacted: 7 bytes>"_s));
    QVERIFY(CanonicalYaml::write(secret).contains(u"aHVudGVyMg=="_s));
}

QTEST_GUILESS_MAIN(TestCanonicalYaml)
#include "tst_canonicalyaml.moc"
