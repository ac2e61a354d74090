// Rendering applications from real git repositories: plain YAML and JSON,
// namespace defaulting, kustomize (the real program) and missing tools.
#include "git/repository.h"
#include "testsupport/testrepo.h"
#include "workspace/kustomizerenderer.h"
#include "workspace/plainrenderer.h"
#include "workspace/renderer.h"

#include <QDir>
#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::workspace;
using driftline::test::TestRepo;

namespace {

Application makeApp(const QString& name, const QString& path, const QString& ns = {})
{
    Application app;
    app.name = name;
    app.environment = u"default"_s;
    app.path = path;
    app.namespace_ = ns;
    return app;
}

const Resource* find(const ResourceList& list, const QString& kind, const QString& name)
{
    for (const Resource& r : list) {
        if (r.kind() == kind && r.name() == name)
            return &r;
    }
    return nullptr;
}

QString errorsText(const QList<Error>& errors)
{
    QStringList out;
    for (const Error& e : errors)
        out << e.toString();
    return out.join(u'\n');
}

const QByteArray deploymentYaml = "apiVersion: apps/v1\n"
                                  "kind: Deployment\n"
                                  "metadata:\n"
                                  "  name: web\n"
                                  "  labels:\n"
                                  "    app: web\n"
                                  "spec:\n"
                                  "  replicas: 1\n"
                                  "  selector:\n"
                                  "    matchLabels:\n"
                                  "      app: web\n"
                                  "  template:\n"
                                  "    metadata:\n"
                                  "      labels:\n"
                                  "        app: web\n"
                                  "    spec:\n"
                                  "      containers:\n"
                                  "        - name: web\n"
                                  "          image: nginx:1.25\n";

const QByteArray serviceYaml = "apiVersion: v1\n"
                               "kind: Service\n"
                               "metadata:\n"
                               "  name: web\n"
                               "spec:\n"
                               "  selector:\n"
                               "    app: web\n"
                               "  ports:\n"
                               "    - port: 80\n";

} // namespace

class TestRender : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void plainMultiDocumentJsonAndNestedFolders();
    void plainSingleFile();
    void namespaceDefaulting_data();
    void namespaceDefaulting();
    void kustomizeBaseAndOverlay();
    void kustomizeInputsAreTheReferencedFolders();
    void failingKustomizationShowsStderrAndOthersRender();
    void missingToolsFailOnlyTheirApplication();

private:
    ApplicationRenderer m_renderer { ApplicationRenderer::Options {} };
};

void TestRender::initTestCase()
{
    git::GitLibrary::ensureInitialized();
    // Asked once per process: ask while kustomize is on PATH.
    QVERIFY2(!KustomizeRenderer().version().isEmpty(), "the kustomize program is needed for these tests");
}

void TestRender::plainMultiDocumentJsonAndNestedFolders()
{
    TestRepo repo;
    QVERIFY(repo.isValid());
    repo.write(u"apps/web/app.yaml"_s, "# the web tier\n---\n" + deploymentYaml + "---\n" + serviceYaml);
    repo.write(u"apps/web/config/settings.json"_s,
               R"({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings"}, "data": {"a": "1"}})");
    repo.write(u"apps/web/config/deeper/ns.yml"_s, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");
    repo.write(u"apps/web/README.md"_s, "kind: NotAManifest\n");
    repo.write(u"apps/web/.github/workflow.yaml"_s, "on: push\n");
    repo.write(u"apps/other/cm.yaml"_s, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n");
    const QString commit = repo.commit(u"apps"_s);

    auto r = git::Repository::open(repo.path());
    QVERIFY2(r, r ? "" : qPrintable(r.error().toString()));
    const RenderResult result = m_renderer.render(*r, commit, makeApp(u"web"_s, u"apps/web"_s));
    QVERIFY2(result.ok(), qPrintable(errorsText(result.errors)));
    QCOMPARE(result.renderer, u"plain"_s);
    QCOMPARE(result.resources.size(), 4);

    const Resource* deployment = find(result.resources, u"Deployment"_s, u"web"_s);
    QVERIFY(deployment);
    QCOMPARE(deployment->key().group, u"apps"_s);
    QCOMPARE(deployment->key().version, u"v1"_s);
    QCOMPARE(deployment->source().file, u"apps/web/app.yaml"_s);
    QCOMPARE(deployment->source().line, 3);
    QCOMPARE(deployment->object().value(u"spec"_s).toObject().value(u"replicas"_s).toInt(), 1);

    const Resource* service = find(result.resources, u"Service"_s, u"web"_s);
    QVERIFY(service);
    QCOMPARE(service->source().line, 3 + int(deploymentYaml.count('\n')) + 1);

    const Resource* settings = find(result.resources, u"ConfigMap"_s, u"settings"_s);
    QVERIFY(settings);
    QCOMPARE(settings->source().file, u"apps/web/config/settings.json"_s);
    QCOMPARE(settings->object().value(u"data"_s).toObject().value(u"a"_s).toString(), u"1"_s);

    QVERIFY(find(result.resources, u"Namespace"_s, u"shop"_s));
    QVERIFY(!find(result.resources, u"ConfigMap"_s, u"other"_s));
}

void TestRender::plainSingleFile()
{
    TestRepo repo;
    repo.write(u"manifests/web.yaml"_s, deploymentYaml);
    repo.write(u"manifests/other.yaml"_s, serviceYaml);
    const QString commit = repo.commit(u"files"_s);
    auto r = git::Repository::open(repo.path());
    QVERIFY(r);
    const RenderResult result = m_renderer.render(*r, commit, makeApp(u"web"_s, u"manifests/web.yaml"_s, u"shop"_s));
    QVERIFY2(result.ok(), qPrintable(errorsText(result.errors)));
    QCOMPARE(result.resources.size(), 1);
    QCOMPARE(result.resources[0].kind(), u"Deployment"_s);
    QCOMPARE(result.resources[0].namespace_(), u"shop"_s);
}

void TestRender::namespaceDefaulting_data()
{
    QTest::addColumn<QByteArray>("manifest");
    QTest::addColumn<QString>("expectedNamespace");

    QTest::newRow("namespaced, none given") << deploymentYaml << u"shop"_s;
    QTest::newRow("namespaced, own namespace kept")
        << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: other\n") << u"other"_s;
    QTest::newRow("Namespace") << QByteArray("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n")
                               << QString();
    QTest::newRow("ClusterRole")
        << QByteArray("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\n")
        << QString();
    QTest::newRow("Role is namespaced")
        << QByteArray("apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\n") << u"shop"_s;
    QTest::newRow("CustomResourceDefinition")
        << QByteArray("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n"
                      "  name: widgets.example.com\n")
        << QString();
    QTest::newRow("StorageClass")
        << QByteArray("apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast\n") << QString();
    QTest::newRow("ValidatingWebhookConfiguration")
        << QByteArray("apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\n"
                      "metadata:\n  name: v\n")
        << QString();
    QTest::newRow("ClusterIssuer (custom Cluster* kind)")
        << QByteArray("apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: le\n") << QString();
    QTest::newRow("custom namespaced kind")
        << QByteArray("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n") << u"shop"_s;
}

void TestRender::namespaceDefaulting()
{
    QFETCH(QByteArray, manifest);
    QFETCH(QString, expectedNamespace);
    TestRepo repo;
    repo.write(u"app/object.yaml"_s, manifest);
    const QString commit = repo.commit(u"object"_s);
    auto r = git::Repository::open(repo.path());
    QVERIFY(r);
    const RenderResult result = m_renderer.render(*r, commit, makeApp(u"app"_s, u"app"_s, u"shop"_s));
    QVERIFY2(result.ok(), qPrintable(errorsText(result.errors)));
    QCOMPARE(result.resources.size(), 1);
    QCOMPARE(result.resources[0].namespace_(), expectedNamespace);
    QCOMPARE(result.resources[0].metadata().value(u"namespace"_s).toString(), expectedNamespace);
}

static void writeKustomizeApp(TestRepo& repo)
{
    repo.write(u"apps/web/base/kustomization.yaml"_s, "resources:\n  - deployment.yaml\n  - service.yaml\n");
    repo.write(u"apps/web/base/deployment.yaml"_s, deploymentYaml);
    repo.write(u"apps/web/base/service.yaml"_s, serviceYaml);
    repo.write(u"apps/web/overlays/prod/kustomization.yaml"_s,
               "resources:\n"
               "  - ../../base\n"
               "namePrefix: prod-\n"
               "labels:\n"
               "  - pairs:\n"
               "      env: production\n"
               "patches:\n"
               "  - path: replicas.yaml\n");
    repo.write(u"apps/web/overlays/prod/replicas.yaml"_s,
               "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 5\n");
    repo.write(u"unrelated/notes.yaml"_s, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\n");
}

void TestRender::kustomizeBaseAndOverlay()
{
    TestRepo repo;
    writeKustomizeApp(repo);
    const QString commit = repo.commit(u"kustomize app"_s);
    auto r = git::Repository::open(repo.path());
    QVERIFY(r);

    const RenderResult prod = m_renderer.render(*r, commit, makeApp(u"web"_s, u"apps/web/overlays/prod"_s, u"shop"_s));
    QVERIFY2(prod.ok(), qPrintable(errorsText(prod.errors)));
    QCOMPARE(prod.renderer, u"kustomize"_s);
    QCOMPARE(prod.resources.size(), 2);
    const Resource* deployment = find(prod.resources, u"Deployment"_s, u"prod-web"_s);
    QVERIFY2(deployment, "namePrefix applied");
    QCOMPARE(deployment->object().value(u"spec"_s).toObject().value(u"replicas"_s).toInt(), 5);
    QCOMPARE(deployment->label(u"env"_s), u"production"_s);
    QCOMPARE(deployment->label(u"app"_s), u"web"_s);
    QCOMPARE(deployment->namespace_(), u"shop"_s);
    // Mapped back to the file that declared it, not the patch and not the tool's output.
    QCOMPARE(deployment->source().file, u"apps/web/base/deployment.yaml"_s);
    QCOMPARE(deployment->source().line, 1);
    const Resource* service = find(prod.resources, u"Service"_s, u"prod-web"_s);
    QVERIFY(service);
    QCOMPARE(service->label(u"env"_s), u"production"_s);
    QCOMPARE(service->source().file, u"apps/web/base/service.yaml"_s);

    const RenderResult base = m_renderer.render(*r, commit, makeApp(u"web-base"_s, u"apps/web/base"_s));
    QVERIFY2(base.ok(), qPrintable(errorsText(base.errors)));
    const Resource* baseDeployment = find(base.resources, u"Deployment"_s, u"web"_s);
    QVERIFY(baseDeployment);
    QCOMPARE(baseDeployment->object().value(u"spec"_s).toObject().value(u"replicas"_s).toInt(), 1);
    QVERIFY(baseDeployment->label(u"env"_s).isEmpty());
}

void TestRender::kustomizeInputsAreTheReferencedFolders()
{
    TestRepo repo;
    writeKustomizeApp(repo);
    const QString commit = repo.commit(u"kustomize app"_s);
    auto r = git::Repository::open(repo.path());
    QVERIFY(r);
    KustomizeRenderer renderer;
    auto inputs = renderer.inputs(*r, commit, makeApp(u"web"_s, u"apps/web/overlays/prod"_s));
    QVERIFY2(inputs, inputs ? "" : qPrintable(inputs.error().toString()));
    QStringList paths;
    for (const QString& line : std::as_const(*inputs))
        paths << line.section(u' ', 0, 0);
    QVERIFY2(paths.contains(u"apps/web/overlays/prod"_s), qPrintable(paths.join(u", ")));
    QVERIFY2(paths.contains(u"apps/web/base"_s), qPrintable(paths.join(u", ")));
    QVERIFY(!paths.contains(u"unrelated"_s));
    QVERIFY(!paths.contains(u"/"_s));
    // Each input names the git object it was at.
    auto baseTree = r->treeId(commit, u"apps/web/base"_s);
    QVERIFY(baseTree);
    QVERIFY(inputs->contains(u"apps/web/base "_s + *baseTree));
}

void TestRender::failingKustomizationShowsStderrAndOthersRender()
{
    TestRepo repo;
    repo.write(u"apps/broken/kustomization.yaml"_s, "resources:\n  - deployment.yaml\n  - missing.yaml\n");
    repo.write(u"apps/broken/deployment.yaml"_s, deploymentYaml);
    repo.write(u"apps/web/app.yaml"_s, deploymentYaml + "---\n" + serviceYaml);
    const QString commit = repo.commit(u"apps"_s);
    auto r = git::Repository::open(repo.path());
    QVERIFY(r);

    const RenderResult broken = m_renderer.render(*r, commit, makeApp(u"broken"_s, u"apps/broken"_s));
    QCOMPARE(broken.renderer, u"kustomize"_s);
    QVERIFY(broken.resources.isEmpty());
    QCOMPARE(broken.errors.size(), 1);
    const Error& e = broken.errors[0];
    QCOMPARE(e.code, Error::Code::Render);
    QCOMPARE(e.file, u"apps/broken/kustomization.yaml"_s);
    QCOMPARE(e.line, 3);
    QVERIFY2(e.message.contains(u"kustomize build apps/broken"_s), qPrintable(e.message));
    // kustomize's own words, with the temporary folder taken out of them.
    QVERIFY2(e.detail.contains(u"no such file or directory"_s), qPrintable(e.detail));
    QVERIFY2(e.detail.contains(u"apps/broken/missing.yaml"_s), qPrintable(e.detail));
    QVERIFY2(!e.detail.contains(QDir::tempPath()), qPrintable(e.detail));
    QCOMPARE(e.cluster, u"default"_s);
    QVERIFY2(e.toString().contains(u"apps/broken/kustomization.yaml:3"_s), qPrintable(e.toString()));

    const RenderResult web = m_renderer.render(*r, commit, makeApp(u"web"_s, u"apps/web"_s));
    QVERIFY2(web.ok(), qPrintable(errorsText(web.errors)));
    QCOMPARE(web.resources.size(), 2);
}

void TestRender::missingToolsFailOnlyTheirApplication()
{
    TestRepo repo;
    writeKustomizeApp(repo);
    repo.write(u"charts/web/Chart.yaml"_s, "apiVersion: v2\nname: web\nversion: 0.1.0\n");
    repo.write(u"charts/web/values.yaml"_s, "replicas: 2\n");
    repo.write(u"charts/web/templates/cm.yaml"_s,
               "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n");
    repo.write(u"plain/cm.yaml"_s, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n");
    const QString commit = repo.commit(u"apps"_s);
    auto r = git::Repository::open(repo.path());
    QVERIFY(r);

    // Neither tool can be found on this PATH.
    const QByteArray oldPath = qgetenv("PATH");
    qputenv("PATH", "/nonexistent-driftline-test");
    const RenderResult chart = m_renderer.render(*r, commit, makeApp(u"web"_s, u"charts/web"_s, u"shop"_s));
    const RenderResult kustomized = m_renderer.render(*r, commit, makeApp(u"k"_s, u"apps/web/overlays/prod"_s));
    const RenderResult plain = m_renderer.render(*r, commit, makeApp(u"plain"_s, u"plain"_s));
    const int before = ApplicationRenderer::renderCount();
    const RenderResult chartAgain = m_renderer.render(*r, commit, makeApp(u"web"_s, u"charts/web"_s, u"shop"_s));
    const int after = ApplicationRenderer::renderCount();
    qputenv("PATH", oldPath);

    QCOMPARE(chart.renderer, u"helm"_s);
    QCOMPARE(chart.errors.size(), 1);
    QCOMPARE(chart.errors[0].code, Error::Code::Unsupported);
    QVERIFY2(chart.errors[0].message.contains(u"helm is not installed; cannot render the chart in charts/web"_s),
             qPrintable(chart.errors[0].message));
    QVERIFY(chart.resources.isEmpty());
    QVERIFY2(!chartAgain.fromCache && after == before + 1, "a missing tool is not remembered by the cache");

    QCOMPARE(kustomized.errors.size(), 1);
    QVERIFY2(kustomized.errors[0].message.contains(u"kustomize is not installed"_s),
             qPrintable(kustomized.errors[0].message));

    QVERIFY2(plain.ok(), qPrintable(errorsText(plain.errors)));
    QCOMPARE(plain.resources.size(), 1);
}

QTEST_GUILESS_MAIN(TestRender)
#include "tst_render.moc"
