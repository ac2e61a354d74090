// Discovery: a workspace's environments and applications found at a revision
// of real git repositories, one per layout the issue names.
#include "git/repository.h"
#include "testsupport/testrepo.h"
#include "workspace/discovery.h"

#include <QFileInfo>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::workspace;
using driftline::test::TestRepo;

namespace
{

QByteArray deployment(const char* name)
{
    return QByteArray("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ") + name
        + "\nspec:\n  replicas: 1\n";
}

QByteArray configMap(const char* name)
{
    return QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ") + name + "\ndata:\n  a: b\n";
}

QByteArray kustomization(const char* resources)
{
    return QByteArray("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n")
        + resources;
}

// One line per application: everything the tree shows about where it came from.
QStringList describe(const QList<Application>& apps)
{
    QStringList out;
    for (const Application& a : apps) {
        out.append(u"%1 | %2 | path=%3 | ns=%4 | rev=%5 | %6"_s.arg(
            a.id(), ruleName(a.rule), a.path, a.namespace_, a.revision, a.origin));
    }
    return out;
}

QStringList environmentNames(const Workspace& ws)
{
    QStringList out;
    for (const Environment& e : ws.environments)
        out.append(e.name);
    return out;
}

QString describe(const QList<Error>& errors)
{
    QStringList out;
    for (const Error& e : errors)
        out.append(e.toString());
    return out.join(u'\n');
}

Result<Workspace> discover(const TestRepo& repo, const QString& revision = u"HEAD"_s)
{
    Result<git::Repository> r = git::Repository::open(repo.path());
    if (!r)
        return fail(r.error());
    return Discovery::discover(*r, revision);
}

// QVERIFY2 builds its message even when the check passes: never touch error() of a value.
QString why(const Result<Workspace>& r)
{
    return r ? QString() : r.error().toString();
}

QString rule(DiscoveryRule r)
{
    return ruleName(r);
}

} // namespace

class TestDiscovery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void driftlineYaml();
    void driftlineYamlErrorsNameTheirLine();
    void argoApplications();
    void fluxKustomizations();
    void overlaysFolders();
    void environmentsFolders_data();
    void environmentsFolders();
    void plainFolders();
    void readsTheRevisionNotTheWorkingTree();
    void manyFilesAreScannedInParallel();
    void badRevisionFails();
};

void TestDiscovery::initTestCase()
{
    git::GitLibrary::ensureInitialized();
}

void TestDiscovery::init()
{
    // Every test reads the repository itself, not what an earlier discovery remembered.
    Discovery::clearCache();
}

void TestDiscovery::driftlineYaml()
{
    TestRepo repo;
    QVERIFY(repo.isValid());
    repo.write(u"driftline.yaml"_s,
        "version: 1\n" // 1
        "environments:\n" // 2
        "  - name: staging\n" // 3
        "    context: kind-staging\n" // 4
        "    namespace: shop-staging\n" // 5
        "  - name: production\n" // 6
        "    context: kind-production\n" // 7
        "    production: true\n" // 8
        "applications:\n" // 9
        "  - name: web\n" // 10
        "    path: apps/web/overlays/{environment}\n" // 11
        "    overrides:\n" // 12
        "      production: { namespace: shop, revision: release }\n"
        "  - name: db\n" // 14
        "    path: apps/db\n" // 15
        "  - name: queue\n" // 16
        "    path: apps/queue\n" // 17
        "    environments: [production]\n"); // 18
    repo.write(u"apps/web/base/deployment.yaml"_s, deployment("web"));
    repo.write(u"apps/web/base/kustomization.yaml"_s, kustomization("  - deployment.yaml\n"));
    repo.write(u"apps/web/overlays/staging/kustomization.yaml"_s, kustomization("  - ../../base\n"));
    repo.write(u"apps/web/overlays/production/kustomization.yaml"_s, kustomization("  - ../../base\n"));
    repo.write(u"apps/db/statefulset.yaml"_s, configMap("db"));
    // An Argo CD Application in a repository with driftline.yaml is just a manifest: the file wins.
    repo.write(u"argocd/web.yaml"_s,
        "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: x\n"
        "spec:\n  source: {path: apps/db}\n  destination: {name: other}\n");
    const QString head = repo.commit(u"layout"_s);

    const Result<Workspace> ws = discover(repo);
    QVERIFY2(ws, qPrintable(why(ws)));
    QCOMPARE(ws->definitionFile, u"driftline.yaml"_s);
    QCOMPARE(ws->commitId, head);
    QCOMPARE(ws->revision, u"HEAD"_s);
    QCOMPARE(ws->branch, u"main"_s);
    QCOMPARE(QFileInfo(ws->repositoryPath).canonicalFilePath(), QFileInfo(repo.path()).canonicalFilePath());
    QCOMPARE(environmentNames(*ws), QStringList({ u"staging"_s, u"production"_s }));
    QCOMPARE(ws->environment(u"staging"_s)->context, u"kind-staging"_s);
    QVERIFY(ws->environment(u"production"_s)->production);
    QVERIFY(!ws->environment(u"qa"_s));

    const QString yaml = rule(DiscoveryRule::DriftlineYaml);
    QCOMPARE(describe(ws->applications),
        QStringList({
            u"staging/web | %1 | path=apps/web/overlays/staging | ns=shop-staging | rev= | driftline.yaml:10"_s
                .arg(yaml),
            u"staging/db | %1 | path=apps/db | ns=shop-staging | rev= | driftline.yaml:14"_s.arg(yaml),
            u"production/web | %1 | path=apps/web/overlays/production | ns=shop | rev=release | driftline.yaml:10"_s
                .arg(yaml),
            u"production/db | %1 | path=apps/db | ns= | rev= | driftline.yaml:14"_s.arg(yaml),
            u"production/queue | %1 | path=apps/queue | ns= | rev= | driftline.yaml:16"_s.arg(yaml),
        }));
    QCOMPARE(ws->applicationsIn(u"production"_s).size(), 3);

    // apps/queue is not in the repository: said once, at the application's line.
    QCOMPARE(ws->errors.size(), 1);
    QCOMPARE(ws->errors[0].file, u"driftline.yaml"_s);
    QCOMPARE(ws->errors[0].line, 16);
    QVERIFY2(ws->errors[0].message.contains(u"apps/queue"_s), qPrintable(ws->errors[0].message));
}

void TestDiscovery::driftlineYamlErrorsNameTheirLine()
{
    TestRepo repo;
    repo.write(u"driftline.yaml"_s,
        "environments:\n" // 1
        "  - name: dev\n" // 2
        "applications:\n" // 3
        "  - name: web\n" // 4
        "    path: web\n" // 5
        "    replicas: 3\n" // 6
        "  - name: api\n" // 7
        "    path: ../api\n"); // 8
    repo.write(u"web/deployment.yaml"_s, deployment("web"));
    repo.commit(u"broken definition"_s);

    const Result<Workspace> ws = discover(repo);
    QVERIFY2(ws, qPrintable(why(ws)));
    QCOMPARE(ws->errors.size(), 2);
    QCOMPARE(ws->errors[0].line, 6);
    QVERIFY(ws->errors[0].message.contains(u"replicas"_s));
    QCOMPARE(ws->errors[1].line, 8);
    QVERIFY(ws->errors[1].message.contains(u"'..'"_s));
    QCOMPARE(describe(ws->applications),
        QStringList { u"dev/web | %1 | path=web | ns= | rev= | driftline.yaml:4"_s.arg(
            rule(DiscoveryRule::DriftlineYaml)) });
}

void TestDiscovery::argoApplications()
{
    TestRepo repo;
    repo.write(u"argocd/web-staging.yaml"_s,
        "apiVersion: argoproj.io/v1alpha1\n"
        "kind: Application\n"
        "metadata:\n"
        "  name: web-staging\n"
        "  namespace: argocd\n"
        "spec:\n"
        "  project: default\n"
        "  source:\n"
        "    repoURL: https://git.example.com/shop.git\n"
        "    path: apps/web/overlays/staging\n"
        "    targetRevision: HEAD\n"
        "  destination:\n"
        "    name: staging\n"
        "    namespace: shop-staging\n"
        "  ignoreDifferences:\n"
        "    - group: apps\n"
        "      kind: Deployment\n"
        "      name: web\n"
        "      jsonPointers:\n"
        "        - /spec/replicas\n");
    repo.write(u"argocd/production.yml"_s,
        "apiVersion: v1\n" // 1
        "kind: ConfigMap\n" // 2
        "metadata: {name: argocd-notes}\n" // 3
        "---\n" // 4
        "apiVersion: argoproj.io/v1alpha1\n" // 5
        "kind: Application\n" // 6
        "metadata:\n" // 7
        "  name: web-production\n" // 8
        "spec:\n" // 9
        "  source:\n" // 10
        "    repoURL: https://git.example.com/shop.git\n" // 11
        "    path: ./apps/web/overlays/production/\n" // 12
        "    targetRevision: v1.4.0\n" // 13
        "  destination:\n" // 14
        "    server: https://prod.example.com:6443\n" // 15
        "    namespace: shop\n" // 16
        "---\n" // 17
        "apiVersion: argoproj.io/v1alpha1\n" // 18
        "kind: ApplicationSet\n" // 19
        "metadata: {name: ignored}\n" // 20
        "spec: {template: {spec: {source: {path: apps/web}}}}\n"
        "---\n" // 22
        "apiVersion: argoproj.io/v1alpha1\n" // 23
        "kind: Application\n" // 24
        "metadata: {name: monitoring}\n" // 25
        "spec:\n" // 26
        "  source: {repoURL: https://git.example.com/platform.git, path: monitoring}\n"
        "  destination: {server: 'https://kubernetes.default.svc', namespace: monitoring}\n"
        "---\n" // 29
        "apiVersion: argoproj.io/v1alpha1\n" // 30
        "kind: Application\n" // 31
        "metadata: {name: ingress-nginx}\n" // 32
        "spec:\n" // 33
        "  source: {repoURL: https://kubernetes.github.io/ingress-nginx, chart: ingress-nginx}\n"
        "  destination: {server: 'https://kubernetes.default.svc'}\n");
    repo.write(u"apps/web/base/deployment.yaml"_s, deployment("web"));
    repo.write(u"apps/web/base/kustomization.yaml"_s, kustomization("  - deployment.yaml\n"));
    repo.write(u"apps/web/overlays/staging/kustomization.yaml"_s, kustomization("  - ../../base\n"));
    repo.write(u"apps/web/overlays/production/kustomization.yaml"_s, kustomization("  - ../../base\n"));
    repo.commit(u"argo"_s);

    const Result<Workspace> ws = discover(repo);
    QVERIFY2(ws, qPrintable(why(ws)));
    QCOMPARE(ws->definitionFile, QString());
    // Argo CD found applications, so the overlays convention is not used.
    QCOMPARE(environmentNames(*ws), QStringList({ u"staging"_s, u"in-cluster"_s, u"prod.example.com"_s }));
    QVERIFY(ws->environment(u"prod.example.com"_s)->production);
    QVERIFY(!ws->environment(u"staging"_s)->production);
    const QString argo = rule(DiscoveryRule::ArgoApplication);
    QCOMPARE(describe(ws->applications),
        QStringList({
            u"staging/web-staging | %1 | path=apps/web/overlays/staging | ns=shop-staging | rev= | argocd/web-staging.yaml:1"_s
                .arg(argo),
            u"in-cluster/monitoring | %1 | path=monitoring | ns=monitoring | rev= | argocd/production.yml:23"_s
                .arg(argo),
            u"prod.example.com/web-production | %1 | path=apps/web/overlays/production | ns=shop | rev=v1.4.0 | argocd/production.yml:5"_s
                .arg(argo),
        }));

    const Application& staging = ws->applications[0];
    QCOMPARE(staging.ignoreDifferences.size(), 1);
    QCOMPARE(staging.ignoreDifferences[0].group, u"apps"_s);
    QCOMPARE(staging.ignoreDifferences[0].kind, u"Deployment"_s);
    QCOMPARE(staging.ignoreDifferences[0].name, u"web"_s);
    QCOMPARE(staging.ignoreDifferences[0].jsonPointers, QStringList { u"/spec/replicas"_s });

    // monitoring lives in another repository: kept, with a note; the chart source is skipped with one.
    QCOMPARE(ws->errors.size(), 2);
    QStringList notes;
    for (const Error& e : ws->errors)
        notes.append(u"%1:%2"_s.arg(e.file).arg(e.line));
    notes.sort();
    QCOMPARE(notes, QStringList({ u"argocd/production.yml:23"_s, u"argocd/production.yml:30"_s }));
    const QString all = describe(ws->errors);
    QVERIFY2(all.contains(u"platform.git"_s), qPrintable(all));
    QVERIFY2(all.contains(u"ingress-nginx"_s), qPrintable(all));
}

void TestDiscovery::fluxKustomizations()
{
    TestRepo repo;
    const auto flux = [](const char* name, const char* path, const char* extra = "") -> QByteArray {
        return QByteArray("apiVersion: kustomize.toolkit.fluxcd.io/v1\n"
                          "kind: Kustomization\n"
                          "metadata:\n"
                          "  name: ")
            + name
            + "\n  namespace: flux-system\n"
              "spec:\n"
              "  interval: 10m\n"
              "  sourceRef: {kind: GitRepository, name: flux-system}\n"
              "  path: "
            + path + "\n" + extra;
    };
    repo.write(u"clusters/staging/flux-system/gotk-sync.yaml"_s,
        "apiVersion: source.toolkit.fluxcd.io/v1\n"
        "kind: GitRepository\n"
        "metadata: {name: flux-system, namespace: flux-system}\n"
        "spec: {url: ssh://git@example.com/shop, ref: {branch: main}}\n"
        "---\n"
            + flux("flux-system", "./clusters/staging"));
    repo.write(u"clusters/staging/flux-system/kustomization.yaml"_s, kustomization("  - gotk-sync.yaml\n"));
    repo.write(u"clusters/staging/apps.yaml"_s,
        flux("apps", "./apps/staging", "  targetNamespace: shop-staging\n") + "---\n"
            + flux("infrastructure", "./infrastructure"));
    repo.write(
        u"clusters/production/apps.yaml"_s, flux("apps", "./apps/production", "  targetNamespace: shop\n"));
    repo.write(u"apps/staging/deployment.yaml"_s, deployment("web"));
    repo.write(u"apps/production/deployment.yaml"_s, deployment("web"));
    repo.write(u"infrastructure/config.yaml"_s, configMap("infra"));
    // A Flux object outside clusters/<env>/ has no environment to go to.
    repo.write(u"templates/tenant.yaml"_s, flux("tenant", "./tenants"));
    repo.commit(u"flux"_s);

    const Result<Workspace> ws = discover(repo);
    QVERIFY2(ws, qPrintable(why(ws)));
    QVERIFY2(ws->errors.isEmpty(), qPrintable(describe(ws->errors)));
    QCOMPARE(environmentNames(*ws), QStringList({ u"staging"_s, u"production"_s }));
    const QString r = rule(DiscoveryRule::FluxKustomization);
    QCOMPARE(describe(ws->applications),
        QStringList({
            u"staging/apps | %1 | path=apps/staging | ns=shop-staging | rev= | clusters/staging/apps.yaml:1"_s
                .arg(r),
            u"staging/flux-system | %1 | path=clusters/staging | ns= | rev= | clusters/staging/flux-system/gotk-sync.yaml:6"_s
                .arg(r),
            u"staging/infrastructure | %1 | path=infrastructure | ns= | rev= | clusters/staging/apps.yaml:12"_s
                .arg(r),
            u"production/apps | %1 | path=apps/production | ns=shop | rev= | clusters/production/apps.yaml:1"_s
                .arg(r),
        }));
}

void TestDiscovery::overlaysFolders()
{
    TestRepo repo;
    repo.write(u"README.md"_s, "# shop\n");
    repo.write(u"apps/web/base/deployment.yaml"_s, deployment("web"));
    repo.write(u"apps/web/base/kustomization.yaml"_s, kustomization("  - deployment.yaml\n"));
    repo.write(u"apps/web/overlays/production/kustomization.yaml"_s, kustomization("  - ../../base\n"));
    repo.write(u"apps/web/overlays/staging/kustomization.yaml"_s, kustomization("  - ../../base\n"));
    repo.write(u"apps/web/overlays/staging/patches/replicas.yaml"_s, deployment("web"));
    repo.write(u"api/overlays/dev/deployment.yaml"_s, deployment("api"));
    // Two applications called web: each takes its folder as its name.
    repo.write(u"legacy/web/overlays/staging/deployment.yaml"_s, deployment("web"));
    repo.commit(u"overlays"_s);

    const Result<Workspace> ws = discover(repo);
    QVERIFY2(ws, qPrintable(why(ws)));
    QVERIFY2(ws->errors.isEmpty(), qPrintable(describe(ws->errors)));
    QCOMPARE(environmentNames(*ws), QStringList({ u"dev"_s, u"staging"_s, u"production"_s }));
    QVERIFY(ws->environment(u"production"_s)->production);
    const QString r = rule(DiscoveryRule::OverlaysFolder);
    QCOMPARE(describe(ws->applications),
        QStringList({
            u"dev/api | %1 | path=api/overlays/dev | ns= | rev= | api/overlays/dev"_s.arg(r),
            u"staging/apps/web | %1 | path=apps/web/overlays/staging | ns= | rev= | apps/web/overlays/staging"_s
                .arg(r),
            u"staging/legacy/web | %1 | path=legacy/web/overlays/staging | ns= | rev= | legacy/web/overlays/staging"_s
                .arg(r),
            u"production/web | %1 | path=apps/web/overlays/production | ns= | rev= | apps/web/overlays/production"_s
                .arg(r),
        }));
}

void TestDiscovery::environmentsFolders_data()
{
    QTest::addColumn<QString>("root");
    QTest::newRow("environments") << u"environments"_s;
    QTest::newRow("envs") << u"envs"_s;
    QTest::newRow("clusters without Flux") << u"clusters"_s;
    QTest::newRow("nested under deploy/") << u"deploy/environments"_s;
}

void TestDiscovery::environmentsFolders()
{
    QFETCH(QString, root);
    TestRepo repo;
    repo.write(root + u"/production/web/deployment.yaml"_s, deployment("web"));
    repo.write(root + u"/production/db/kustomization.yaml"_s, kustomization("  - https://example.com/db\n"));
    repo.write(root + u"/staging/web/deployment.yaml"_s, deployment("web"));
    repo.write(root + u"/staging/web/config/settings.yaml"_s, configMap("web"));
    repo.write(root + u"/test/web/deployment.json"_s,
        R"({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}})");
    // Not an application: a file directly under <env>, and a folder with no manifests.
    repo.write(root + u"/staging/namespace.yaml"_s, configMap("ns"));
    repo.write(root + u"/staging/docs/README.md"_s, "notes\n");
    repo.commit(u"environments"_s);

    const Result<Workspace> ws = discover(repo);
    QVERIFY2(ws, qPrintable(why(ws)));
    QVERIFY2(ws->errors.isEmpty(), qPrintable(describe(ws->errors)));
    QCOMPARE(environmentNames(*ws), QStringList({ u"test"_s, u"staging"_s, u"production"_s }));
    const QString r = rule(DiscoveryRule::EnvironmentsFolder);
    QCOMPARE(describe(ws->applications),
        QStringList({
            u"test/web | %1 | path=%2/test/web | ns= | rev= | %2/test/web"_s.arg(r, root),
            u"staging/web | %1 | path=%2/staging/web | ns= | rev= | %2/staging/web"_s.arg(r, root),
            u"production/db | %1 | path=%2/production/db | ns= | rev= | %2/production/db"_s.arg(r, root),
            u"production/web | %1 | path=%2/production/web | ns= | rev= | %2/production/web"_s.arg(r, root),
        }));
}

void TestDiscovery::plainFolders()
{
    TestRepo repo;
    repo.write(u"web/deployment.yaml"_s, deployment("web"));
    repo.write(u"api/web/deployment.yaml"_s, deployment("api-web"));
    repo.write(u"db/kustomization.yaml"_s, kustomization("  - statefulset.yaml\n"));
    repo.write(u"db/patches/patch.yaml"_s, deployment("db"));
    repo.write(u"platform/namespace.yaml"_s, configMap("platform"));
    repo.write(u"platform/rbac/role.json"_s,
        R"({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "r"}})");
    repo.write(u"charts/redis/Chart.yaml"_s, "apiVersion: v2\nname: redis\nversion: 1.0.0\n");
    repo.write(u"charts/redis/templates/svc.yaml"_s, configMap("redis"));
    // Neither is an application: a YAML file without a kind, and a hidden folder.
    repo.write(u"config/values.yaml"_s, "replicas: 3\n");
    repo.write(u".github/workflows/kind.yaml"_s, configMap("ci"));
    repo.write(u"docs/index.md"_s, "kind: of documentation\n");
    repo.commit(u"plain"_s);

    const Result<Workspace> ws = discover(repo);
    QVERIFY2(ws, qPrintable(why(ws)));
    QVERIFY2(ws->errors.isEmpty(), qPrintable(describe(ws->errors)));
    QCOMPARE(environmentNames(*ws), QStringList { u"default"_s });
    QVERIFY(!ws->environment(u"default"_s)->production);
    const QString r = rule(DiscoveryRule::ManifestFolder);
    QCOMPARE(describe(ws->applications),
        QStringList({
            u"default/api/web | %1 | path=api/web | ns= | rev= | api/web"_s.arg(r),
            u"default/db | %1 | path=db | ns= | rev= | db"_s.arg(r),
            u"default/platform | %1 | path=platform | ns= | rev= | platform"_s.arg(r),
            u"default/redis | %1 | path=charts/redis | ns= | rev= | charts/redis"_s.arg(r),
            u"default/web | %1 | path=web | ns= | rev= | web"_s.arg(r),
        }));
}

void TestDiscovery::readsTheRevisionNotTheWorkingTree()
{
    TestRepo repo;
    repo.write(u"environments/staging/web/deployment.yaml"_s, deployment("web"));
    repo.write(u"environments/production/web/deployment.yaml"_s, deployment("web"));
    const QString first = repo.commit(u"two environments"_s);

    const Result<Workspace> before = discover(repo);
    QVERIFY2(before, qPrintable(why(before)));
    const QStringList expected = describe(before->applications);
    QCOMPARE(expected.size(), 2);

    // The working tree changes completely; HEAD does not.
    repo.remove(u"environments"_s);
    repo.write(u"driftline.yaml"_s, "applications:\n  - name: other\n    path: other\n");
    repo.write(u"other/cm.yaml"_s, configMap("other"));
    Discovery::clearCache();
    const Result<Workspace> after = discover(repo);
    QVERIFY2(after, qPrintable(why(after)));
    QCOMPARE(after->definitionFile, QString());
    QCOMPARE(describe(after->applications), expected);
    QCOMPARE(after->commitId, first);

    // Committed, the new layout is what HEAD shows, and the old commit still reads as before.
    const QString second = repo.commit(u"switch to driftline.yaml"_s);
    const Result<Workspace> now = discover(repo);
    QVERIFY2(now, qPrintable(why(now)));
    QCOMPARE(now->commitId, second);
    QCOMPARE(now->definitionFile, u"driftline.yaml"_s);
    QCOMPARE(now->applications.size(), 1);
    QCOMPARE(now->applications[0].id(), u"default/other"_s);

    Discovery::clearCache();
    const Result<Workspace> old = discover(repo, first);
    QVERIFY2(old, qPrintable(why(old)));
    QCOMPARE(old->commitId, first);
    QCOMPARE(old->revision, first);
    QCOMPARE(describe(old->applications), expected);
    const Result<Workspace> byName = discover(repo, u"HEAD~1"_s);
    QVERIFY2(byName, qPrintable(why(byName)));
    QCOMPARE(byName->commitId, first);
}

void TestDiscovery::manyFilesAreScannedInParallel()
{
    // Enough files for discovery to share the reading out over threads.
    TestRepo repo;
    const QStringList envs { u"production"_s, u"staging"_s, u"dev"_s };
    QStringList expected;
    for (const QString& env : envs) {
        for (int i = 0; i < 100; ++i) {
            const QString folder = u"environments/%1/app%2"_s.arg(env).arg(i, 3, 10, QChar(u'0'));
            repo.write(folder + u"/deployment.yaml"_s, deployment("web"));
            repo.write(folder + u"/config.yaml"_s, configMap("web"));
        }
    }
    repo.commit(u"300 applications"_s);

    Result<Workspace> ws = discover(repo);
    QVERIFY2(ws, qPrintable(why(ws)));
    QVERIFY2(ws->errors.isEmpty(), qPrintable(describe(ws->errors)));
    QCOMPARE(environmentNames(*ws), QStringList({ u"dev"_s, u"staging"_s, u"production"_s }));
    QCOMPARE(ws->applications.size(), 300);
    QCOMPARE(ws->applications.first().id(), u"dev/app000"_s);
    QCOMPARE(ws->applications.last().id(), u"production/app099"_s);
    QCOMPARE(ws->applications.last().path, u"environments/production/app099"_s);
    for (const Application& app : std::as_const(ws->applications))
        QCOMPARE(app.rule, DiscoveryRule::EnvironmentsFolder);

    // Argo CD Applications among them, in the middle of the file list, take over.
    repo.write(u"environments/staging/app050/argo.yaml"_s,
        "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: fifty}\n"
        "spec: {source: {path: environments/staging/app050}, destination: {name: staging}}\n");
    repo.write(u"argocd/apps.yaml"_s,
        "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: seven}\n"
        "spec: {source: {path: environments/dev/app007}, destination: {name: dev}}\n");
    repo.commit(u"argo"_s);
    ws = discover(repo);
    QVERIFY2(ws, qPrintable(why(ws)));
    QVERIFY2(ws->errors.isEmpty(), qPrintable(describe(ws->errors)));
    const QString r = rule(DiscoveryRule::ArgoApplication);
    QCOMPARE(describe(ws->applications),
        QStringList({
            u"dev/seven | %1 | path=environments/dev/app007 | ns= | rev= | argocd/apps.yaml:1"_s.arg(r),
            u"staging/fifty | %1 | path=environments/staging/app050 | ns= | rev= | environments/staging/app050/argo.yaml:1"_s
                .arg(r),
        }));
}

void TestDiscovery::badRevisionFails()
{
    TestRepo repo;
    repo.write(u"web/deployment.yaml"_s, deployment("web"));
    repo.commit(u"one"_s);
    const Result<Workspace> ws = discover(repo, u"no-such-branch"_s);
    QVERIFY(!ws);
    QVERIFY2(ws.error().toString().contains(u"no-such-branch"_s), qPrintable(ws.error().toString()));
}

QTEST_GUILESS_MAIN(TestDiscovery)
#include "tst_discovery.moc"
