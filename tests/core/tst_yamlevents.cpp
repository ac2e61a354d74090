// ManifestParser builds JSON from yaml-cpp's events: what that path must read
// exactly as the YAML::Node tree did (anchors, keys, tags, block scalars, Unicode).
#include "core/manifestparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace driftline;

class TestYamlEvents : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bodies_data();
    void bodies();
    void valueOfOneDocument_data();
    void valueOfOneDocument();
    void scalarDocumentIsNotAMapping();
    void nullDocumentIsSkipped();
    void anchorsDoNotCrossDocuments();
    void aliasInsideItsOwnNodeIsAnError();
    void unknownAliasIsAnError();
};

namespace {

QJsonObject json(const char* text)
{
    QJsonParseError err;
    const QJsonDocument d = QJsonDocument::fromJson(QByteArray(text), &err);
    if (err.error != QJsonParseError::NoError)
        qFatal("bad expected JSON in the test: %s", text);
    return d.object();
}

} // namespace

void TestYamlEvents::bodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QJsonObject>("expected");
    QTest::newRow("anchor and alias of a map")
        << QByteArray("base: &b {x: 1, y: [a, b]}\nuse: *b\n") << json(R"({"base": {"x": 1, "y": ["a", "b"]}, "use": {"x": 1, "y": ["a", "b"]}})");
    QTest::newRow("anchor and alias of scalars")
        << QByteArray("list: [&s hello, *s, &n 0x10, *n]\n") << json(R"({"list": ["hello", "hello", 16, 16]})");
    QTest::newRow("anchored key, alias as a value")
        << QByteArray("&k port: 1\nother: *k\n") << json(R"({"port": 1, "other": "port"})");
    QTest::newRow("anchor on a sequence")
        << QByteArray("a: &s\n  - 1\n  - two\nb: *s\n") << json(R"({"a": [1, "two"], "b": [1, "two"]})");
    QTest::newRow("merge key stays an ordinary key, as yaml-cpp 0.8 reads it")
        << QByteArray("base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3\n")
        << json(R"({"base": {"x": 1, "y": 2}, "d": {"<<": {"x": 1, "y": 2}, "y": 3}})");
    QTest::newRow("nested flow collections")
        << QByteArray("a: {b: [1, {c: [x, \"y\", [true, ~]]}], d: [], e: {}}\n")
        << json(R"({"a": {"b": [1, {"c": ["x", "y", [true, null]]}], "d": [], "e": {}}})");
    QTest::newRow("block inside block")
        << QByteArray("a:\n  - b: 1\n    c:\n      - d\n  - e\n") << json(R"({"a": [{"b": 1, "c": ["d"]}, "e"]})");
    QTest::newRow("keys are their text")
        << QByteArray("ports:\n  80: http\n  0x1F: hex\n  true: yes\n  1.5: f\n  '443': quoted\n")
        << json(R"({"ports": {"80": "http", "0x1F": "hex", "true": true, "1.5": "f", "443": "quoted"}})");
    QTest::newRow("null and collection keys read as empty")
        << QByteArray("m:\n  ~: v\n  [a]: w\n") << json(R"({"m": {"": "w"}})");
    QTest::newRow("later duplicate key wins") << QByteArray("a: 1\na: 2\n") << json(R"({"a": 2})");
    QTest::newRow("empty values are null")
        << QByteArray("a:\nb: ~\nc: null\nd: ''\ne: []\nf:\n  - \n  - x\n")
        << json(R"({"a": null, "b": null, "c": null, "d": "", "e": [], "f": [null, "x"]})");
    QTest::newRow("explicit tags")
        << QByteArray("s: !!str true\ni: !!int \"42\"\nf: !!float 1\nb: !!binary aGk=\nn: !!str 0755\nq: !custom 7\n")
        << json(R"({"s": "true", "i": 42, "f": 1.0, "b": "aGk=", "n": "0755", "q": 7})");
    QTest::newRow("literal and folded block scalars")
        << QByteArray("lit: |\n  line one\n    indented\n  line three\nfold: >\n  folded\n  text\n\n  para\nstrip: |-\n  "
                      "no newline\nkeep: |+\n  kept\n\nnext: 1\n")
        << json(R"({"lit": "line one\n  indented\nline three\n", "fold": "folded text\npara\n",
                    "strip": "no newline", "keep": "kept\n\n", "next": 1})");
    QTest::newRow("multi-line plain and quoted")
        << QByteArray("p: one\n  two\nq: \"a\\tb\n  c\"\n") << json(R"({"p": "one two", "q": "a\tb c"})");
    QTest::newRow("unicode")
        << QByteArray("name: café\nclé: \"\\u263A\"\nemoji: \"\xF0\x9F\x9A\x80\"\njp: 日本語\n")
        << json("{\"name\": \"caf\xC3\xA9\", \"cl\xC3\xA9\": \"\xE2\x98\xBA\", \"emoji\": \"\xF0\x9F\x9A\x80\", \"jp\": \"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\"}");
}

void TestYamlEvents::bodies()
{
    QFETCH(QByteArray, body);
    QFETCH(QJsonObject, expected);
    const QByteArray doc = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n" + body;
    const ParseResult r = ManifestParser::parse(doc, u"x.yaml"_s);
    QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.value(0).toString()));
    QCOMPARE(r.resources.size(), 1);
    QJsonObject got = r.resources[0].object();
    for (const QString& k : { u"apiVersion"_s, u"kind"_s, u"metadata"_s })
        got.remove(k);
    QCOMPARE(got, expected);
}

void TestYamlEvents::valueOfOneDocument_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QJsonValue>("expected");
    QTest::newRow("scalar") << QByteArray("8080\n") << QJsonValue(8080);
    QTest::newRow("quoted scalar") << QByteArray("'8080'\n") << QJsonValue(u"8080"_s);
    QTest::newRow("empty") << QByteArray("") << QJsonValue(QJsonValue::Null);
    const QJsonObject kv = json(R"({"k": "v"})");
    QJsonArray twice;
    twice.append(kv);
    twice.append(kv);
    QTest::newRow("sequence with alias") << QByteArray("- &a {k: v}\n- *a\n") << QJsonValue(twice);
    QTest::newRow("first document only") << QByteArray("a: 1\n---\nb: 2\n") << QJsonValue(json(R"({"a": 1})"));
}

void TestYamlEvents::valueOfOneDocument()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QJsonValue, expected);
    const Result<QJsonValue> v = ManifestParser::parseYamlValue(yaml, u"v.yaml"_s);
    QVERIFY2(v.has_value(), v.has_value() ? "" : qPrintable(v.error().toString()));
    QCOMPARE(*v, expected);
}

void TestYamlEvents::scalarDocumentIsNotAMapping()
{
    const QByteArray yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n# a note\njust some text\n";
    const ParseResult r = ManifestParser::parse(yaml, u"s.yaml"_s);
    QCOMPARE(r.resources.size(), 1);
    QCOMPARE(r.errors.size(), 1);
    QCOMPARE(r.errors[0].line, 6);
    QVERIFY2(r.errors[0].message.contains(u"not a mapping"_s), qPrintable(r.errors[0].toString()));
}

void TestYamlEvents::nullDocumentIsSkipped()
{
    const QByteArray yaml = "--- ~\n---\nnull\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n";
    const ParseResult r = ManifestParser::parse(yaml, u"n.yaml"_s);
    QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.value(0).toString()));
    QCOMPARE(r.resources.size(), 1);
    // The null documents still count: this is the third document.
    QCOMPARE(r.resources[0].source().document, 2);
    QCOMPARE(r.resources[0].source().line, 5);
}

void TestYamlEvents::anchorsDoNotCrossDocuments()
{
    const QByteArray yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: &d {k: v}\n"
                            "---\n"
                            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata: *d\n"
                            "---\n"
                            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: &d {k: w}\nmore: *d\n";
    const ParseResult r = ManifestParser::parse(yaml, u"a.yaml"_s);
    QCOMPARE(r.resources.size(), 2);
    QCOMPARE(r.resources[0].name(), u"a"_s);
    QCOMPARE(r.resources[1].name(), u"c"_s);
    QCOMPARE(r.resources[1].object().value(u"more"_s).toObject().value(u"k"_s).toString(), u"w"_s);
    QCOMPARE(r.errors.size(), 1);
    QCOMPARE(r.errors[0].line, 9);
    QVERIFY2(r.errors[0].message.contains(u"invalid YAML"_s), qPrintable(r.errors[0].toString()));
}

void TestYamlEvents::aliasInsideItsOwnNodeIsAnError()
{
    // yaml-cpp accepts this as a cycle; no JSON value holds one, so it must be an error, not a hang or a crash.
    const QByteArray yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nloop: &l\n  self: *l\n";
    const ParseResult r = ManifestParser::parse(yaml, u"l.yaml"_s);
    QVERIFY(r.resources.isEmpty());
    QCOMPARE(r.errors.size(), 1);
    QCOMPARE(r.errors[0].line, 5);
    QVERIFY2(r.errors[0].message.contains(u"alias"_s), qPrintable(r.errors[0].toString()));
}

void TestYamlEvents::unknownAliasIsAnError()
{
    const Result<QJsonValue> v = ManifestParser::parseYamlValue("a: *nowhere\n", u"u.yaml"_s);
    QVERIFY(!v.has_value());
    QCOMPARE(v.error().line, 1);
    QCOMPARE(v.error().file, u"u.yaml"_s);
}

QTEST_GUILESS_MAIN(TestYamlEvents)
#include "tst_yamlevents.moc"
