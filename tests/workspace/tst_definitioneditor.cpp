// DefinitionEditor: "Ignore this field" writes one ignoreDifferences rule into
// driftline.yaml as a text edit; every other byte stays, and the result reads
// back as the same workspace plus that rule.
#include "workspace/definitioneditor.h"
#include "workspace/workspacedefinition.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::workspace;

namespace
{

IgnoreDifference makeRule(const QString& group, const QString& kind, const QString& name, const QStringList& pointers)
{
    IgnoreDifference r;
    r.group = group;
    r.kind = kind;
    r.name = name;
    r.jsonPointers = pointers;
    return r;
}

bool same(const IgnoreDifference& a, const IgnoreDifference& b)
{
    return a.group == b.group && a.kind == b.kind && a.name == b.name && a.namespace_ == b.namespace_
        && a.jsonPointers == b.jsonPointers;
}

// The application `id` ("env/name") as driftline.yaml `text` declares it.
std::optional<Application> declared(const QByteArray& text, const QString& id)
{
    const WorkspaceDefinition def = WorkspaceDefinition::parse(text);
    for (const Application& a : def.applications) {
        if (a.id() == id)
            return a;
    }
    return std::nullopt;
}

// The lines of `after` that are not in `before`, when `before`'s lines are all
// still there in order (a greedy walk, enough for insertions of new lines);
// nullopt when a line of `before` was changed or lost.
std::optional<QList<QByteArray>> addedLines(const QByteArray& before, const QByteArray& after)
{
    const QList<QByteArray> a = before.split('\n');
    const QList<QByteArray> b = after.split('\n');
    QList<QByteArray> added;
    qsizetype j = 0;
    for (const QByteArray& line : b) {
        if (j < a.size() && line == a[j])
            ++j;
        else
            added.append(line);
    }
    if (j != a.size())
        return std::nullopt;
    return added;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

const QByteArray demoLike
    = "# Driftline workspace for the shop\n" // 1
      "environments:\n" // 2
      "  - name: staging\n" // 3
      "    namespace: shop-staging\n" // 4
      "  - name: production\n" // 5
      "    namespace: shop-prod\n" // 6
      "applications:\n" // 7
      "  - name: web\n" // 8
      "    path: apps/web/overlays/{environment}\n" // 9
      "    # The HorizontalPodAutoscaler owns the replica count once it is running.\n" // 10
      "    ignoreDifferences:\n" // 11
      "      - { kind: Deployment, jsonPointers: [/spec/replicas] }\n" // 12
      "  - name: api\n" // 13
      "    path: apps/api/overlays/{environment}\n" // 14
      "  - name: jobs\n" // 15
      "    path: jobs/{environment}\n"; // 16

} // namespace

class TestDefinitionEditor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void flowText_data();
    void flowText();
    void edits_data();
    void edits();
    void demoFileEveryApplication();
    void staleOriginFindsEntryByName();
    void environmentLimitedEntry();
    void refusals_data();
    void refusals();
    void notDeclaredInDriftlineYaml();
    void writesFileAtomically();
    void missingFileWritesNothing();
};

void TestDefinitionEditor::flowText_data()
{
    QTest::addColumn<IgnoreDifference>("rule");
    QTest::addColumn<QString>("expected");

    QTest::newRow("kind and pointer") << makeRule({}, u"Deployment"_s, {}, { u"/spec/replicas"_s })
                                      << u"{ kind: Deployment, jsonPointers: [/spec/replicas] }"_s;
    QTest::newRow("group kind name") << makeRule(u"apps"_s, u"Deployment"_s, u"web"_s, { u"/spec/replicas"_s })
                                     << u"{ group: apps, kind: Deployment, name: web, jsonPointers: [/spec/replicas] }"_s;
    QTest::newRow("several pointers") << makeRule({}, {}, {}, { u"/a"_s, u"/b/0"_s })
                                      << u"{ jsonPointers: [/a, /b/0] }"_s;
    // A name YAML would read as a boolean or a number must stay text.
    QTest::newRow("boolean-looking name") << makeRule({}, u"ConfigMap"_s, u"true"_s, { u"/data"_s })
                                          << u"{ kind: ConfigMap, name: \"true\", jsonPointers: [/data] }"_s;
    QTest::newRow("number-looking name") << makeRule({}, u"ConfigMap"_s, u"0123"_s, { u"/data"_s })
                                         << u"{ kind: ConfigMap, name: \"0123\", jsonPointers: [/data] }"_s;
    // Flow indicators, ':' and '#' in a pointer (annotation keys) get quotes.
    QTest::newRow("annotation with colon")
        << makeRule({}, u"Service"_s, {}, { u"/metadata/annotations/a.io~1x:y"_s })
        << u"{ kind: Service, jsonPointers: [\"/metadata/annotations/a.io~1x:y\"] }"_s;
    QTest::newRow("comma, braces, hash, quote")
        << makeRule({}, {}, {}, { u"/data/a,b"_s, u"/data/{x}"_s, u"/data/x #y"_s, u"/data/\"q\\"_s })
        << u"{ jsonPointers: [\"/data/a,b\", \"/data/{x}\", \"/data/x #y\", \"/data/\\\"q\\\\\"] }"_s;
}

void TestDefinitionEditor::flowText()
{
    QFETCH(IgnoreDifference, rule);
    QFETCH(QString, expected);
    QCOMPARE(DefinitionEditor::flowText(rule), expected);

    // Read back by the real parser, the text is the same rule.
    const QByteArray yaml = QByteArray("applications:\n  - name: a\n    path: a\n    ignoreDifferences:\n      - "
        + expected.toUtf8() + "\n");
    const WorkspaceDefinition def = WorkspaceDefinition::parse(yaml);
    QVERIFY2(def.errors.isEmpty(), qPrintable(def.errors.value(0).toString()));
    QCOMPARE(def.applications.size(), 1);
    QCOMPARE(def.applications[0].ignoreDifferences.size(), 1);
    QVERIFY(same(def.applications[0].ignoreDifferences[0], rule));
}

void TestDefinitionEditor::edits_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QString>("application"); // environment/name
    QTest::addColumn<IgnoreDifference>("rule");
    QTest::addColumn<QByteArray>("expected");

    const IgnoreDifference image
        = makeRule(u"apps"_s, u"Deployment"_s, u"web"_s, { u"/spec/template/spec/containers/0/image"_s });
    const QByteArray imageLine = "{ group: apps, kind: Deployment, name: web, jsonPointers: "
                                 "[/spec/template/spec/containers/0/image] }";

    QByteArray expected = demoLike;
    expected.replace("      - { kind: Deployment, jsonPointers: [/spec/replicas] }\n",
        QByteArray("      - { kind: Deployment, jsonPointers: [/spec/replicas] }\n      - " + imageLine + "\n"));
    QTest::newRow("append to a block list") << demoLike << u"staging/web"_s << image << expected;

    const IgnoreDifference replicas = makeRule(u"apps"_s, u"Deployment"_s, {}, { u"/spec/replicas"_s });
    expected = demoLike;
    expected.replace("    path: apps/api/overlays/{environment}\n",
        "    path: apps/api/overlays/{environment}\n"
        "    ignoreDifferences:\n"
        "      - { group: apps, kind: Deployment, jsonPointers: [/spec/replicas] }\n");
    QTest::newRow("key absent, another entry follows") << demoLike << u"production/api"_s << replicas << expected;

    QTest::newRow("key absent, entry at the end of the file")
        << demoLike << u"staging/jobs"_s << replicas
        << QByteArray(demoLike + "    ignoreDifferences:\n      - { group: apps, kind: Deployment, jsonPointers: [/spec/replicas] }\n");

    QTest::newRow("no newline at the end")
        << "applications:\n  - name: jobs\n    path: jobs"_ba << u"default/jobs"_s << replicas
        << "applications:\n  - name: jobs\n    path: jobs\n    ignoreDifferences:\n"
           "      - { group: apps, kind: Deployment, jsonPointers: [/spec/replicas] }"_ba;

    // Comments and blank lines before the next entry stay with it; a trailing
    // comment on the entry's last line stays on that line.
    const QByteArray commented = "applications:   # what runs\n"
                                 "  - name: web   # the shop\n"
                                 "    path: apps/web   # kustomize overlay\n"
                                 "\n"
                                 "  # api: the backend, below\n"
                                 "  - name: api\n"
                                 "    path: apps/api\n"
                                 "# trailing words\n";
    QTest::newRow("entries with comments")
        << commented << u"default/web"_s << replicas
        << "applications:   # what runs\n"
           "  - name: web   # the shop\n"
           "    path: apps/web   # kustomize overlay\n"
           "    ignoreDifferences:\n"
           "      - { group: apps, kind: Deployment, jsonPointers: [/spec/replicas] }\n"
           "\n"
           "  # api: the backend, below\n"
           "  - name: api\n"
           "    path: apps/api\n"
           "# trailing words\n"_ba;
    QTest::newRow("last entry before a trailing comment")
        << commented << u"default/api"_s << replicas
        << "applications:   # what runs\n"
           "  - name: web   # the shop\n"
           "    path: apps/web   # kustomize overlay\n"
           "\n"
           "  # api: the backend, below\n"
           "  - name: api\n"
           "    path: apps/api\n"
           "    ignoreDifferences:\n"
           "      - { group: apps, kind: Deployment, jsonPointers: [/spec/replicas] }\n"
           "# trailing words\n"_ba;

    // YAML's indentless sequences, block-map items, and the applications list
    // followed by another top-level key.
    const QByteArray indentless = "applications:\n"
                                  "- name: web\n"
                                  "  ignoreDifferences:\n"
                                  "  - kind: Service\n"
                                  "    jsonPointers:\n"
                                  "    - /spec/clusterIP\n"
                                  "  path: apps/web\n"
                                  "- name: api\n"
                                  "  path: apps/api\n"
                                  "environments:\n"
                                  "- name: prod\n";
    QTest::newRow("indentless block list")
        << indentless << u"prod/web"_s << replicas
        << "applications:\n"
           "- name: web\n"
           "  ignoreDifferences:\n"
           "  - kind: Service\n"
           "    jsonPointers:\n"
           "    - /spec/clusterIP\n"
           "  - { group: apps, kind: Deployment, jsonPointers: [/spec/replicas] }\n"
           "  path: apps/web\n"
           "- name: api\n"
           "  path: apps/api\n"
           "environments:\n"
           "- name: prod\n"_ba;
    QTest::newRow("indentless, key absent")
        << indentless << u"prod/api"_s << replicas
        << "applications:\n"
           "- name: web\n"
           "  ignoreDifferences:\n"
           "  - kind: Service\n"
           "    jsonPointers:\n"
           "    - /spec/clusterIP\n"
           "  path: apps/web\n"
           "- name: api\n"
           "  path: apps/api\n"
           "  ignoreDifferences:\n"
           "    - { group: apps, kind: Deployment, jsonPointers: [/spec/replicas] }\n"
           "environments:\n"
           "- name: prod\n"_ba;

    // A one-line flow list gets one more element in place.
    QTest::newRow("flow list")
        << "applications:\n  - name: web\n    path: w\n"
           "    ignoreDifferences: [ { kind: Service, jsonPointers: [\"/spec/x]\"] } ]   # why\n"_ba
        << u"default/web"_s << replicas
        << "applications:\n  - name: web\n    path: w\n"
           "    ignoreDifferences: [ { kind: Service, jsonPointers: [\"/spec/x]\"] }, "
           "{ group: apps, kind: Deployment, jsonPointers: [/spec/replicas] } ]   # why\n"_ba;
    QTest::newRow("empty flow list")
        << "applications:\n  - name: web\n    ignoreDifferences: []\n    path: w\n"_ba << u"default/web"_s
        << replicas
        << "applications:\n  - name: web\n    ignoreDifferences: [{ group: apps, kind: Deployment, "
           "jsonPointers: [/spec/replicas] }]\n    path: w\n"_ba;

    QTest::newRow("windows line endings")
        << "applications:\r\n  - name: web\r\n    path: w\r\n  - name: api\r\n    path: a\r\n"_ba
        << u"default/web"_s << replicas
        << "applications:\r\n  - name: web\r\n    path: w\r\n    ignoreDifferences:\r\n"
           "      - { group: apps, kind: Deployment, jsonPointers: [/spec/replicas] }\r\n"
           "  - name: api\r\n    path: a\r\n"_ba;

    QTest::newRow("map below a lone dash")
        << "applications:\n  -\n    name: web\n    path: w\n"_ba << u"default/web"_s << replicas
        << "applications:\n  -\n    name: web\n    path: w\n    ignoreDifferences:\n"
           "      - { group: apps, kind: Deployment, jsonPointers: [/spec/replicas] }\n"_ba;
}

void TestDefinitionEditor::edits()
{
    QFETCH(QByteArray, before);
    QFETCH(QString, application);
    QFETCH(IgnoreDifference, rule);
    QFETCH(QByteArray, expected);

    const std::optional<Application> app = declared(before, application);
    QVERIFY2(app, qPrintable(application));
    const Result<QByteArray> edited = DefinitionEditor::withIgnoreDifference(before, *app, rule);
    QVERIFY2(edited, edited ? "" : qPrintable(edited.error().toString()));
    QCOMPARE(*edited, expected);

    // Every line of the original is still there; only new lines were added
    // (a one-line flow list is the exception: its line grows in place).
    if (!before.contains("ignoreDifferences: [")) {
        const std::optional<QList<QByteArray>> added = addedLines(before, *edited);
        QVERIFY2(added, "a line of the original was changed");
        QVERIFY(added->size() == 1 || added->size() == 2);
    }

    // Adding the same rule again is refused.
    const std::optional<Application> again = declared(*edited, application);
    QVERIFY(again);
    const Result<QByteArray> twice = DefinitionEditor::withIgnoreDifference(*edited, *again, rule);
    QVERIFY(!twice);
    QVERIFY2(twice.error().message.contains(u"already ignored"_s), qPrintable(twice.error().message));
}

// The real demo workspace: every application of it takes a new rule, and the
// file reads back with the rule in each environment the entry covers.
void TestDefinitionEditor::demoFileEveryApplication()
{
    const QByteArray demo = readAll(QStringLiteral(DRIFTLINE_SOURCE_DIR "/resources/demo/driftline.yaml"));
    QVERIFY(!demo.isEmpty());
    const WorkspaceDefinition def = WorkspaceDefinition::parse(demo);
    QVERIFY(def.errors.isEmpty());
    QVERIFY(!def.applications.isEmpty());
    const IgnoreDifference rule = makeRule({}, u"ConfigMap"_s, u"settings"_s, { u"/data/LOG_LEVEL"_s });
    for (const Application& app : def.applications) {
        const Result<QByteArray> edited = DefinitionEditor::withIgnoreDifference(demo, app, rule);
        QVERIFY2(edited, edited ? "" : qPrintable(edited.error().toString()));
        const std::optional<QList<QByteArray>> added = addedLines(demo, *edited);
        QVERIFY2(added, qPrintable(app.id()));
        QVERIFY2(added->size() == 1 || added->size() == 2, qPrintable(app.id()));
        QVERIFY(added->last().endsWith(DefinitionEditor::flowText(rule).toUtf8()));

        const WorkspaceDefinition after = WorkspaceDefinition::parse(*edited);
        QVERIFY(after.errors.isEmpty());
        QCOMPARE(after.applications.size(), def.applications.size());
        for (qsizetype i = 0; i < def.applications.size(); ++i) {
            const Application& a = def.applications[i];
            const Application& b = after.applications[i];
            QCOMPARE(b.id(), a.id());
            const qsizetype more = a.name == app.name ? 1 : 0;
            QCOMPARE(b.ignoreDifferences.size(), a.ignoreDifferences.size() + more);
            if (more)
                QVERIFY(same(b.ignoreDifferences.last(), rule));
        }
    }
}

// The working tree's file may have moved the entry since the workspace was loaded.
void TestDefinitionEditor::staleOriginFindsEntryByName()
{
    std::optional<Application> app = declared(demoLike, u"staging/api"_s);
    QVERIFY(app);
    QCOMPARE(app->origin, u"driftline.yaml:13"_s);
    const QByteArray moved = QByteArray("# a new first line\n" + demoLike);
    const IgnoreDifference rule = makeRule({}, u"Service"_s, {}, { u"/spec/clusterIP"_s });
    const Result<QByteArray> edited = DefinitionEditor::withIgnoreDifference(moved, *app, rule);
    QVERIFY2(edited, edited ? "" : qPrintable(edited.error().toString()));
    const std::optional<Application> after = declared(*edited, u"staging/api"_s);
    QVERIFY(after);
    QCOMPARE(after->ignoreDifferences.size(), 1);
    QVERIFY(same(after->ignoreDifferences[0], rule));
}

// An entry limited to some environments: the rule applies to each of them, and
// to no other application.
void TestDefinitionEditor::environmentLimitedEntry()
{
    const QByteArray yaml = "environments:\n"
                            "  - name: a\n"
                            "  - name: b\n"
                            "  - name: c\n"
                            "applications:\n"
                            "  - name: web\n"
                            "    path: web/{environment}\n"
                            "    environments: [a, c]\n"
                            "  - name: api\n"
                            "    path: api\n";
    const std::optional<Application> app = declared(yaml, u"c/web"_s);
    QVERIFY(app);
    const IgnoreDifference rule = makeRule({}, u"Deployment"_s, {}, { u"/spec/replicas"_s });
    const Result<QByteArray> edited = DefinitionEditor::withIgnoreDifference(yaml, *app, rule);
    QVERIFY2(edited, edited ? "" : qPrintable(edited.error().toString()));
    const WorkspaceDefinition def = WorkspaceDefinition::parse(*edited);
    QVERIFY(def.errors.isEmpty());
    QStringList withRule;
    for (const Application& a : def.applications) {
        if (!a.ignoreDifferences.isEmpty())
            withRule << a.id();
    }
    QCOMPARE(withRule, (QStringList { u"a/web"_s, u"c/web"_s }));
}

void TestDefinitionEditor::refusals_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("application");
    QTest::addColumn<IgnoreDifference>("rule");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");

    const IgnoreDifference replicas = makeRule({}, u"Deployment"_s, {}, { u"/spec/replicas"_s });
    QTest::newRow("identical rule") << demoLike << u"production/web"_s << replicas << u"already ignored"_s << 8;
    QTest::newRow("no pointer") << demoLike << u"staging/api"_s << makeRule({}, u"Deployment"_s, {}, {})
                                << u"names no field"_s << 0;
    QTest::newRow("relative pointer") << demoLike << u"staging/api"_s
                                      << makeRule({}, u"Deployment"_s, {}, { u"spec/replicas"_s })
                                      << u"must start with '/'"_s << 0;
    QTest::newRow("flow list over lines")
        << "applications:\n  - name: web\n    path: w\n    ignoreDifferences: [\n"
           "      { kind: Service, jsonPointers: [/spec/x] } ]\n"_ba
        << u"default/web"_s << replicas << u"spanning several lines"_s << 4;
    QTest::newRow("flow mapping entry") << "applications:\n  - { name: web, path: w }\n"_ba << u"default/web"_s
                                        << replicas << u"flow style"_s << 2;
    QTest::newRow("flow list of applications")
        << "applications: [ { name: web, path: w } ]\n"_ba << u"default/web"_s << replicas << u"flow style"_s << 1;
}

void TestDefinitionEditor::refusals()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, application);
    QFETCH(IgnoreDifference, rule);
    QFETCH(QString, message);
    QFETCH(int, line);

    const std::optional<Application> app = declared(text, application);
    QVERIFY(app);
    const Result<QByteArray> edited = DefinitionEditor::withIgnoreDifference(text, *app, rule);
    QVERIFY(!edited);
    QVERIFY2(edited.error().message.contains(message), qPrintable(edited.error().message));
    QCOMPARE(edited.error().file, u"driftline.yaml"_s);
    QCOMPARE(edited.error().line, line);
}

void TestDefinitionEditor::notDeclaredInDriftlineYaml()
{
    const IgnoreDifference rule = makeRule({}, u"Deployment"_s, {}, { u"/spec/replicas"_s });

    // Discovered from an Argo CD Application: driftline.yaml is not where it lives.
    Application argo;
    argo.name = u"web"_s;
    argo.environment = u"staging"_s;
    argo.rule = DiscoveryRule::ArgoApplication;
    argo.origin = u"argocd/web.yaml:1"_s;
    Result<QByteArray> edited = DefinitionEditor::withIgnoreDifference(demoLike, argo, rule);
    QVERIFY(!edited);
    QCOMPARE(edited.error().code, Error::Code::Unsupported);
    QVERIFY2(edited.error().message.contains(u"not declared in driftline.yaml"_s), qPrintable(edited.error().message));

    // Declared once, but not in this file (any more).
    Application gone;
    gone.name = u"shop"_s;
    gone.environment = u"staging"_s;
    gone.rule = DiscoveryRule::DriftlineYaml;
    gone.origin = u"driftline.yaml:8"_s;
    edited = DefinitionEditor::withIgnoreDifference(demoLike, gone, rule);
    QVERIFY(!edited);
    QVERIFY2(edited.error().message.contains(u"not declared"_s), qPrintable(edited.error().message));
    QCOMPARE(edited.error().line, 8);

    // A file that does not parse says why.
    std::optional<Application> web = declared(demoLike, u"staging/web"_s);
    QVERIFY(web);
    edited = DefinitionEditor::withIgnoreDifference("applications: [\n", *web, rule);
    QVERIFY(!edited);
    QVERIFY2(edited.error().message.contains(u"has errors"_s), qPrintable(edited.error().message));
    QVERIFY(edited.error().line > 0);
}

void TestDefinitionEditor::writesFileAtomically()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"driftline.yaml"_s);
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(demoLike);
    }
    const std::optional<Application> app = declared(demoLike, u"staging/api"_s);
    QVERIFY(app);
    const IgnoreDifference rule = makeRule({}, u"Service"_s, u"api"_s, { u"/spec/clusterIP"_s });
    const Result<QString> written = DefinitionEditor::addIgnoreDifference(dir.path(), *app, rule);
    QVERIFY2(written, written ? "" : qPrintable(written.error().toString()));
    QCOMPARE(*written, QFileInfo(path).absoluteFilePath());
    const Result<QByteArray> expected = DefinitionEditor::withIgnoreDifference(demoLike, *app, rule);
    QVERIFY(expected);
    QCOMPARE(readAll(path), *expected);
    // No temporary file left beside it.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList { u"driftline.yaml"_s });

    // A refusal leaves the file as it was and names it by its absolute path.
    const QByteArray now = readAll(path);
    const std::optional<Application> again = declared(now, u"staging/api"_s);
    QVERIFY(again);
    const Result<QString> twice = DefinitionEditor::addIgnoreDifference(dir.path(), *again, rule);
    QVERIFY(!twice);
    QCOMPARE(twice.error().file, QFileInfo(path).absoluteFilePath());
    QVERIFY(twice.error().line > 0);
    QCOMPARE(readAll(path), now);
}

void TestDefinitionEditor::missingFileWritesNothing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::optional<Application> app = declared(demoLike, u"staging/api"_s);
    QVERIFY(app);
    const Result<QString> written = DefinitionEditor::addIgnoreDifference(
        dir.path(), *app, makeRule({}, u"Service"_s, {}, { u"/spec/clusterIP"_s }));
    QVERIFY(!written);
    QCOMPARE(written.error().code, Error::Code::NotFound);
    QVERIFY(QDir(dir.path()).isEmpty());
}

QTEST_GUILESS_MAIN(TestDefinitionEditor)
#include "tst_definitioneditor.moc"
