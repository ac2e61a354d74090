// ManifestParser: YAML and JSON manifests into Resources, with per-document errors.
#include "core/manifestparser.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace driftline;

class TestManifestParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void multiDocument();
    void jsonFile();
    void scalarsAsKubernetesReadsThem_data();
    void scalarsAsKubernetesReadsThem();
    void badDocuments_data();
    void badDocuments();
    void brokenDocumentDoesNotHideOthers();
    void listKindExpands();
    void tooLargeIsRefusedUnparsed();
    void binaryIsRefused();
};

void TestManifestParser::multiDocument()
{
    const QByteArray yaml = "# leading comment\n"
                            "apiVersion: apps/v1\n"
                            "kind: Deployment\n"
                            "metadata:\n"
                            "  name: web\n"
                            "  namespace: shop\n"
                            "spec:\n"
                            "  replicas: 3\n"
                            "---\n"
                            "# only a comment\n"
                            "---\n"
                            "apiVersion: v1\n"
                            "kind: Service\n"
                            "metadata: {name: web}\n";
    const ParseResult r = ManifestParser::parse(yaml, u"apps/web.yaml"_s);
    QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.value(0).toString()));
    QCOMPARE(r.resources.size(), 2);
    const Resource& d = r.resources[0];
    QCOMPARE(d.key().group, u"apps"_s);
    QCOMPARE(d.key().version, u"v1"_s);
    QCOMPARE(d.key().kind, u"Deployment"_s);
    QCOMPARE(d.key().namespace_, u"shop"_s);
    QCOMPARE(d.key().name, u"web"_s);
    QCOMPARE(d.source().file, u"apps/web.yaml"_s);
    QCOMPARE(d.source().line, 2);
    QCOMPARE(d.object().value(u"spec"_s).toObject().value(u"replicas"_s).toInteger(), 3);
    const Resource& s = r.resources[1];
    QCOMPARE(s.key().group, QString());
    QCOMPARE(s.key().displayName(), u"Service/web"_s);
    QCOMPARE(s.source().line, 12);
    QCOMPARE(s.source().document, 1);
}

void TestManifestParser::jsonFile()
{
    const QByteArray json = R"({"apiVersion": "v1", "kind": "ConfigMap",
        "metadata": {"name": "cfg", "namespace": "a"}, "data": {"port": "8080", "n": 1}})";
    const ParseResult r = ManifestParser::parse(json, u"cfg.json"_s);
    QVERIFY(r.errors.isEmpty());
    QCOMPARE(r.resources.size(), 1);
    const QJsonObject data = r.resources[0].object().value(u"data"_s).toObject();
    QVERIFY(data.value(u"port"_s).isString());
    QCOMPARE(data.value(u"n"_s).toInteger(), 1);
}

void TestManifestParser::scalarsAsKubernetesReadsThem_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QJsonValue>("expected");
    QTest::newRow("int") << QByteArray("42") << QJsonValue(42);
    QTest::newRow("negative") << QByteArray("-7") << QJsonValue(-7);
    QTest::newRow("quoted int stays a string") << QByteArray("\"42\"") << QJsonValue(u"42"_s);
    QTest::newRow("single quoted") << QByteArray("'true'") << QJsonValue(u"true"_s);
    QTest::newRow("float") << QByteArray("1.5") << QJsonValue(1.5);
    QTest::newRow("true") << QByteArray("true") << QJsonValue(true);
    QTest::newRow("yaml 1.1 yes") << QByteArray("yes") << QJsonValue(true);
    QTest::newRow("yaml 1.1 off") << QByteArray("off") << QJsonValue(false);
    QTest::newRow("null") << QByteArray("null") << QJsonValue(QJsonValue::Null);
    QTest::newRow("tilde") << QByteArray("~") << QJsonValue(QJsonValue::Null);
    QTest::newRow("octal") << QByteArray("0755") << QJsonValue(493);
    QTest::newRow("hex") << QByteArray("0x1F") << QJsonValue(31);
    QTest::newRow("quantity is a string") << QByteArray("500m") << QJsonValue(u"500m"_s);
    QTest::newRow("version-ish string") << QByteArray("1.2.3") << QJsonValue(u"1.2.3"_s);
    QTest::newRow("explicit str tag") << QByteArray("!!str 8080") << QJsonValue(u"8080"_s);
}

void TestManifestParser::scalarsAsKubernetesReadsThem()
{
    QFETCH(QByteArray, text);
    QFETCH(QJsonValue, expected);
    const QByteArray doc = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nvalue: " + text + "\n";
    const ParseResult r = ManifestParser::parse(doc, u"x.yaml"_s);
    QVERIFY(r.errors.isEmpty());
    QCOMPARE(r.resources.value(0).object().value(u"value"_s), expected);
}

void TestManifestParser::badDocuments_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("words");
    QTest::newRow("no kind") << QByteArray("apiVersion: v1\nmetadata:\n  name: a\n") << 1 << u"no kind"_s;
    QTest::newRow("no apiVersion") << QByteArray("kind: Service\nmetadata:\n  name: a\n") << 1 << u"no apiVersion"_s;
    QTest::newRow("no name") << QByteArray("---\napiVersion: v1\nkind: Service\nmetadata:\n  labels: {}\n") << 2
                             << u"no metadata.name"_s;
    QTest::newRow("generateName") << QByteArray("apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: m-\n")
                                  << 1 << u"generateName"_s;
    QTest::newRow("not a mapping") << QByteArray("- a\n- b\n") << 1 << u"not a mapping"_s;
    QTest::newRow("syntax error line") << QByteArray("apiVersion: v1\nkind: Service\nmetadata:\n  name: [a\n  x: y\n")
                                       << 5 << u"invalid YAML"_s;
}

void TestManifestParser::badDocuments()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);
    QFETCH(QString, words);
    const ParseResult r = ManifestParser::parse(yaml, u"bad.yaml"_s);
    QVERIFY(r.resources.isEmpty());
    QCOMPARE(r.errors.size(), 1);
    const Error& e = r.errors[0];
    QCOMPARE(e.file, u"bad.yaml"_s);
    QVERIFY2(e.line >= line - 1 && e.line <= line, qPrintable(e.toString()));
    QVERIFY2(e.message.contains(words), qPrintable(e.toString()));
    QVERIFY(e.toString().startsWith(u"bad.yaml:"_s));
}

void TestManifestParser::brokenDocumentDoesNotHideOthers()
{
    const QByteArray yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n"
                            "---\n"
                            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [b\n"
                            "---\n"
                            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n";
    const ParseResult r = ManifestParser::parse(yaml, u"m.yaml"_s);
    QCOMPARE(r.resources.size(), 2);
    QCOMPARE(r.resources[0].name(), u"a"_s);
    QCOMPARE(r.resources[1].name(), u"c"_s);
    QCOMPARE(r.resources[1].source().line, 9);
    QCOMPARE(r.errors.size(), 1);
    QVERIFY(r.errors[0].line >= 5 && r.errors[0].line <= 8);
}

void TestManifestParser::listKindExpands()
{
    const QByteArray yaml = "apiVersion: v1\nkind: List\nitems:\n"
                            "- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n"
                            "- {apiVersion: v1, kind: Secret, metadata: {name: b}}\n";
    const ParseResult r = ManifestParser::parse(yaml, u"list.yaml"_s);
    QVERIFY(r.errors.isEmpty());
    QCOMPARE(r.resources.size(), 2);
    QCOMPARE(r.resources[1].kind(), u"Secret"_s);
}

void TestManifestParser::tooLargeIsRefusedUnparsed()
{
    // Valid YAML, so only the size check can refuse it.
    QByteArray big = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n";
    const QByteArray line = "  k: " + QByteArray(1000, 'x') + '\n';
    while (big.size() <= ManifestParser::MaxFileSize)
        big += line;
    const ParseResult r = ManifestParser::parse(big, u"big.yaml"_s);
    QVERIFY(r.resources.isEmpty());
    QCOMPARE(r.errors.size(), 1);
    QCOMPARE(r.errors[0].code, Error::Code::TooLarge);
    QVERIFY(r.errors[0].message.contains(u"MB"_s));
}

void TestManifestParser::binaryIsRefused()
{
    QByteArray bin("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    const ParseResult r = ManifestParser::parse(bin, u"logo.yaml"_s);
    QVERIFY(r.resources.isEmpty());
    QCOMPARE(r.errors.size(), 1);
    QVERIFY(r.errors[0].message.contains(u"binary"_s));
}

QTEST_GUILESS_MAIN(TestManifestParser)
#include "tst_manifestparser.moc"
