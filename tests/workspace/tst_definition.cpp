// WorkspaceDefinition: driftline.yaml into environments and applications, and
// every mistake in it reported with its line while the valid parts still load.
#include "workspace/workspacedefinition.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::workspace;

namespace
{

QStringList ids(const QList<Application>& apps)
{
    QStringList out;
    for (const Application& a : apps)
        out.append(a.id());
    return out;
}

QString describe(const QList<Error>& errors)
{
    QStringList out;
    for (const Error& e : errors)
        out.append(e.toString());
    return out.join(u'\n');
}

const Application* find(const QList<Application>& apps, const QString& id)
{
    for (const Application& a : apps) {
        if (a.id() == id)
            return &a;
    }
    return nullptr;
}

} // namespace

class TestDefinition : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void environmentsAndApplications();
    void withoutEnvironmentsEverythingIsDefault();
    void errors_data();
    void errors();
    void collectsEveryError();
    void ruleNamesAreDistinct();
};

void TestDefinition::environmentsAndApplications()
{
    const QByteArray yaml
        = "version: 1\n" // 1
          "environments:\n" // 2
          "  - name: staging\n" // 3
          "    context: kind-staging\n" // 4
          "    namespace: shop-staging\n" // 5
          "    revision: main\n" // 6
          "  - name: production\n" // 7
          "    context: prod\n" // 8
          "    namespace: shop-prod\n" // 9
          "    production: true\n" // 10
          "applications:\n" // 11
          "  - name: web\n" // 12
          "    path: apps/web/overlays/{environment}\n" // 13
          "    namespace: shop\n" // 14
          "    overrides:\n" // 15
          "      production: { namespace: shop-live, path: apps/web/overlays/prod, revision: v1.2 }\n"
          "    ignoreDifferences:\n" // 17
          "      - { group: apps, kind: Deployment, name: web, jsonPointers: [/spec/replicas] }\n"
          "  - name: db\n" // 19
          "    path: ./apps/db/\n" // 20
          "    environments: [production]\n" // 21
          "  - name: jobs\n" // 22
          "    path: jobs/{environment}\n"; // 23
    const WorkspaceDefinition def = WorkspaceDefinition::parse(yaml);
    QVERIFY2(def.errors.isEmpty(), qPrintable(describe(def.errors)));

    QCOMPARE(def.environments.size(), 2);
    const Environment& staging = def.environments[0];
    QCOMPARE(staging.name, u"staging"_s);
    QCOMPARE(staging.context, u"kind-staging"_s);
    QCOMPARE(staging.namespace_, u"shop-staging"_s);
    QCOMPARE(staging.revision, u"main"_s);
    QCOMPARE(staging.production, false);
    QCOMPARE(staging.line, 3);
    const Environment& production = def.environments[1];
    QCOMPARE(production.name, u"production"_s);
    QCOMPARE(production.context, u"prod"_s);
    QCOMPARE(production.namespace_, u"shop-prod"_s);
    QCOMPARE(production.revision, QString());
    QCOMPARE(production.production, true);
    QCOMPARE(production.line, 7);

    QCOMPARE(ids(def.applications),
        QStringList({ u"staging/web"_s, u"staging/jobs"_s, u"production/web"_s, u"production/db"_s,
            u"production/jobs"_s }));

    struct Expected {
        QString id, path, namespace_, revision, origin;
    };
    const QList<Expected> expected {
        { u"staging/web"_s, u"apps/web/overlays/staging"_s, u"shop"_s, QString(), u"driftline.yaml:12"_s },
        { u"staging/jobs"_s, u"jobs/staging"_s, u"shop-staging"_s, QString(), u"driftline.yaml:22"_s },
        { u"production/web"_s, u"apps/web/overlays/prod"_s, u"shop-live"_s, u"v1.2"_s,
            u"driftline.yaml:12"_s },
        { u"production/db"_s, u"apps/db"_s, u"shop-prod"_s, QString(), u"driftline.yaml:19"_s },
        { u"production/jobs"_s, u"jobs/production"_s, u"shop-prod"_s, QString(), u"driftline.yaml:22"_s },
    };
    for (const Expected& e : expected) {
        const Application* app = find(def.applications, e.id);
        QVERIFY2(app, qPrintable(e.id));
        QCOMPARE(app->path, e.path);
        QCOMPARE(app->namespace_, e.namespace_);
        QCOMPARE(app->revision, e.revision);
        QCOMPARE(app->origin, e.origin);
        QCOMPARE(app->rule, DiscoveryRule::DriftlineYaml);
    }

    for (const QString& id : { u"staging/web"_s, u"production/web"_s }) {
        const Application* web = find(def.applications, id);
        QCOMPARE(web->ignoreDifferences.size(), 1);
        const IgnoreDifference& ignore = web->ignoreDifferences[0];
        QCOMPARE(ignore.group, u"apps"_s);
        QCOMPARE(ignore.kind, u"Deployment"_s);
        QCOMPARE(ignore.name, u"web"_s);
        QCOMPARE(ignore.jsonPointers, QStringList { u"/spec/replicas"_s });
    }
    QVERIFY(find(def.applications, u"production/db"_s)->ignoreDifferences.isEmpty());
}

void TestDefinition::withoutEnvironmentsEverythingIsDefault()
{
    const WorkspaceDefinition def = WorkspaceDefinition::parse("applications:\n"
                                                               "  - name: web\n"
                                                               "    path: web\n"
                                                               "  - name: everything\n"
                                                               "    path: .\n");
    QVERIFY2(def.errors.isEmpty(), qPrintable(describe(def.errors)));
    QCOMPARE(def.environments.size(), 1);
    QCOMPARE(def.environments[0].name, u"default"_s);
    QCOMPARE(ids(def.applications), QStringList({ u"default/web"_s, u"default/everything"_s }));
    QCOMPARE(def.applications[1].path, QString()); // the repository root

    // Empty keys are a file being written, not mistakes.
    const WorkspaceDefinition stub = WorkspaceDefinition::parse("version: 1\nenvironments:\napplications:\n");
    QVERIFY2(stub.errors.isEmpty(), qPrintable(describe(stub.errors)));
    QCOMPARE(stub.environments.size(), 1);
    QVERIFY(stub.applications.isEmpty());
}

void TestDefinition::errors_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<QStringList>("words");
    QTest::addColumn<QStringList>("loaded"); // the valid applications that must still load

    const QByteArray envs = "environments:\n" // 1
                            "  - name: staging\n" // 2
                            "applications:\n" // 3
                            "  - name: web\n" // 4
                            "    path: apps/web\n"; // 5
    const QStringList web { u"staging/web"_s };

    QTest::newRow("unknown top-level key")
        << QByteArray(envs + "extras: true\n") << 6
        << QStringList { u"unknown key 'extras'"_s, u"environments"_s } << web;
    QTest::newRow("unknown application key") << QByteArray(envs + "    namspace: shop\n") << 6
                                             << QStringList { u"'namspace'"_s, u"namespace"_s } << web;
    QTest::newRow("unknown environment key") << QByteArray("environments:\n"
                                                           "  - name: staging\n"
                                                           "    contxt: kind\n"
                                                           "applications:\n"
                                                           "  - name: web\n"
                                                           "    path: apps/web\n")
                                             << 3 << QStringList { u"'contxt'"_s, u"context"_s } << web;
    QTest::newRow("key given twice") << QByteArray(envs + "    path: apps/other\n") << 6
                                     << QStringList { u"'path'"_s, u"twice"_s, u"line 5"_s } << web;
    QTest::newRow("environments not a list")
        << QByteArray("environments:\n"
                      "  name: staging\n"
                      "applications:\n"
                      "  - name: web\n"
                      "    path: apps/web\n")
        << 1 << QStringList { u"environments must be a list"_s } << QStringList();
    QTest::newRow("application environments not a list") << QByteArray(envs
        + "  - name: api\n"
          "    path: apps/api\n"
          "    environments: staging\n") << 8 << QStringList { u"environments must be a list"_s }
                                                         << web;
    QTest::newRow("production not a boolean")
        << QByteArray("environments:\n"
                      "  - name: staging\n"
                      "    production: maybe\n"
                      "applications:\n"
                      "  - name: web\n"
                      "    path: apps/web\n")
        << 3 << QStringList { u"production must be true or false"_s } << web;
    QTest::newRow("namespace not a text") << QByteArray(envs
        + "  - name: api\n"
          "    path: apps/api\n"
          "    namespace: [a, b]\n") << 8 << QStringList { u"namespace must be a text"_s }
                                          << web;
    QTest::newRow("environment without name") << QByteArray("environments:\n"
                                                            "  - name: staging\n"
                                                            "  - context: prod\n"
                                                            "applications:\n"
                                                            "  - name: web\n"
                                                            "    path: apps/web\n")
                                              << 3 << QStringList { u"no name"_s } << web;
    QTest::newRow("application without name")
        << QByteArray(envs + "  - path: apps/api\n") << 6 << QStringList { u"no name"_s } << web;
    QTest::newRow("duplicate environment") << QByteArray("environments:\n"
                                                         "  - name: staging\n"
                                                         "  - name: production\n"
                                                         "  - name: staging\n"
                                                         "applications:\n"
                                                         "  - name: web\n"
                                                         "    path: apps/web\n")
                                           << 4 << QStringList { u"'staging'"_s, u"twice"_s, u"line 2"_s }
                                           << QStringList { u"staging/web"_s, u"production/web"_s };
    QTest::newRow("duplicate application") << QByteArray(envs
        + "  - name: web\n"
          "    path: apps/web2\n") << 6 << QStringList { u"'web'"_s, u"twice"_s, u"line 4"_s }
                                           << web;
    QTest::newRow("application without path") << QByteArray(envs
        + "  - name: api\n"
          "    namespace: api\n") << 6 << QStringList { u"'api'"_s, u"no path"_s }
                                              << web;
    QTest::newRow("unknown environment in an application")
        << QByteArray(envs
               + "  - name: api\n"
                 "    path: apps/api\n"
                 "    environments:\n"
                 "      - staging\n"
                 "      - prod\n")
        << 10 << QStringList { u"unknown environment 'prod'"_s, u"staging"_s }
        << QStringList { u"staging/web"_s, u"staging/api"_s };
    QTest::newRow("override for an unknown environment") << QByteArray(envs
        + "    overrides:\n"
          "      prod: { namespace: shop-prod }\n") << 7 << QStringList { u"unknown environment 'prod'"_s }
                                                         << web;
    QTest::newRow("JSON pointer without a slash")
        << QByteArray(envs
               + "    ignoreDifferences:\n"
                 "      - kind: Deployment\n"
                 "        jsonPointers:\n"
                 "          - /spec/replicas\n"
                 "          - spec/template\n")
        << 10 << QStringList { u"'spec/template'"_s, u"must start with '/'"_s } << web;
    QTest::newRow("JSON pointer with a bad escape") << QByteArray(envs
        + "    ignoreDifferences:\n"
          "      - jsonPointers: [/metadata/annotations/a~2b]\n")
                                                    << 7 << QStringList { u"'~'"_s } << web;
    QTest::newRow("path leaving the repository") << QByteArray(envs
        + "  - name: evil\n"
          "    path: apps/../../etc\n") << 7 << QStringList { u"'apps/../../etc'"_s, u"'..'"_s }
                                                 << web;
    QTest::newRow("override path leaving the repository") << QByteArray(envs
        + "    overrides:\n"
          "      staging:\n"
          "        path: ../other-repo/web\n") << 8 << QStringList { u"'..'"_s }
                                                          << QStringList();
    QTest::newRow("absolute path") << QByteArray(envs
        + "  - name: evil\n"
          "    path: /etc/kubernetes\n")
                                   << 7 << QStringList { u"absolute"_s } << web;
    QTest::newRow("unknown placeholder") << QByteArray(envs
        + "  - name: api\n"
          "    path: apps/api/{env}\n") << 7
                                         << QStringList { u"{env}"_s, u"{environment}"_s } << web;
    QTest::newRow("unsupported version")
        << QByteArray("version: 2\n" + envs) << 1 << QStringList { u"version '2'"_s } << web;
    QTest::newRow("YAML syntax error") << QByteArray("environments:\n"
                                                     "  - name: staging\n"
                                                     "applications:\n"
                                                     "  - name: web\n"
                                                     "    path: apps/web: x\n"
                                                     "  - name: api\n")
                                       << 5 << QStringList { u"invalid YAML"_s } << QStringList();
    QTest::newRow("YAML bad indentation") << QByteArray("environments:\n"
                                                        "  - name: staging\n"
                                                        "applications:\n"
                                                        "  - name: web\n"
                                                        "    path: apps/web\n"
                                                        "   namespace: x\n")
                                          << 6 << QStringList { u"invalid YAML"_s } << QStringList();
}

void TestDefinition::errors()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);
    QFETCH(QStringList, words);
    QFETCH(QStringList, loaded);

    const WorkspaceDefinition def = WorkspaceDefinition::parse(yaml);
    QVERIFY2(def.errors.size() == 1, qPrintable(describe(def.errors)));
    const Error& error = def.errors[0];
    QCOMPARE(error.file, u"driftline.yaml"_s);
    QCOMPARE(error.line, line);
    QCOMPARE(error.code, Error::Code::InvalidInput);
    for (const QString& word : std::as_const(words))
        QVERIFY2(error.message.contains(word), qPrintable(u"'%1' not in: %2"_s.arg(word, error.message)));
    QCOMPARE(ids(def.applications), loaded);
    // The error reads as "driftline.yaml:<line>: ..." wherever it is shown.
    QVERIFY(error.toString().startsWith(u"driftline.yaml:%1"_s.arg(line)));
}

void TestDefinition::collectsEveryError()
{
    const QByteArray yaml = "environments:\n" // 1
                            "  - name: staging\n" // 2
                            "    colour: blue\n" // 3
                            "  - name: staging\n" // 4
                            "  - name: production\n" // 5
                            "applications:\n" // 6
                            "  - name: web\n" // 7
                            "    path: apps/web\n" // 8
                            "    environments: [qa]\n" // 9
                            "  - name: api\n" // 10
                            "    path: ../api\n" // 11
                            "  - name: db\n" // 12
                            "    path: apps/db\n" // 13
                            "    overrides:\n" // 14
                            "      dev: {}\n"; // 15
    const WorkspaceDefinition def = WorkspaceDefinition::parse(yaml, u"config/driftline.yaml"_s);
    QList<int> lines;
    for (const Error& e : def.errors) {
        lines.append(e.line);
        QCOMPARE(e.file, u"config/driftline.yaml"_s);
    }
    QCOMPARE(lines, QList<int>({ 3, 4, 9, 11, 15 }));
    // web names no known environment and so deploys nowhere; db still loads everywhere.
    QCOMPARE(ids(def.applications), QStringList({ u"staging/db"_s, u"production/db"_s }));
    QCOMPARE(def.applications[0].origin, u"config/driftline.yaml:12"_s);
}

void TestDefinition::ruleNamesAreDistinct()
{
    const QList<DiscoveryRule> rules { DiscoveryRule::DriftlineYaml, DiscoveryRule::ArgoApplication,
        DiscoveryRule::FluxKustomization, DiscoveryRule::OverlaysFolder, DiscoveryRule::EnvironmentsFolder,
        DiscoveryRule::ManifestFolder };
    QStringList names;
    for (DiscoveryRule rule : rules) {
        const QString name = ruleName(rule);
        QVERIFY(!name.isEmpty());
        QVERIFY2(!names.contains(name), qPrintable(name));
        names.append(name);
    }
    QVERIFY(ruleName(DiscoveryRule::ArgoApplication).contains(u"Argo CD"_s));
    QVERIFY(ruleName(DiscoveryRule::FluxKustomization).contains(u"Flux"_s));
}

QTEST_GUILESS_MAIN(TestDefinition)
#include "tst_definition.moc"
