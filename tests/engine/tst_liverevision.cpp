// LiveRevision on a real repository and a real sandbox read over HTTPS (DriftCheck's
// LiveCache): the revision whose objects were applied is found exactly, a hand edit
// turns the answer into "closest, 1 differs", and a kustomize overlay whose base
// changed is followed through its inputs (real kustomize).
#include "engine/driftcheck.h"
#include "engine/liverevision.h"
#include "git/repository.h"
#include "kube/livesnapshot.h"
#include "sandbox/sandboxserver.h"
#include "testsupport/await.h"
#include "testsupport/testrepo.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;
using namespace driftline;
using driftline::engine::LiveRevision;
using driftline::engine::LiveRevisionMatch;
using driftline::sandbox::ObjectStore;
using driftline::sandbox::SandboxServer;
using driftline::test::why;

namespace {

QByteArray twoConfigMaps(const QByteArray& value)
{
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-a\ndata:\n  value: \"" + value
        + "\"\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-b\ndata:\n  value: \"" + value + "\"\n";
}

QByteArray baseConfigMap(const QByteArray& color)
{
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-settings\ndata:\n  color: " + color + "\n";
}

} // namespace

class TestLiveRevision : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SandboxServer m_server;
    test::TestRepo m_repo;
    QString m_kubeconfig;
    QStringList m_web;  // the web app's commits, oldest first
    QStringList m_shop; // the shop app's commits, oldest first
    bool m_haveKustomize = false;

    std::optional<sandbox::ResourceType> typeOf(const QJsonObject& object)
    {
        const QString apiVersion = object.value(u"apiVersion").toString();
        const QString group = apiVersion.contains(u'/') ? apiVersion.section(u'/', 0, 0) : QString();
        for (const sandbox::ResourceType& type : m_server.store().types())
            if (type.group == group && type.kind == object.value(u"kind").toString())
                return type;
        return std::nullopt;
    }

    // Applies an application's render at `commitId` as a sync would (field manager driftline).
    bool applyRender(const QString& appId, const QString& commitId)
    {
        auto repo = git::Repository::open(m_repo.path());
        const auto loaded = load();
        if (!repo || !loaded)
            return false;
        const workspace::Application* app = findApp(*loaded, appId);
        if (!app)
            return false;
        const workspace::RenderResult render =
            workspace::ApplicationRenderer({m_dir.filePath(u"renders"_s)}).render(*repo, commitId, *app);
        if (render.resources.isEmpty())
            return false;
        for (const Resource& r : render.resources) {
            const auto type = typeOf(r.object());
            if (!type)
                return false;
            ObjectStore::ApplyOptions options;
            options.fieldManager = u"driftline"_s;
            options.force = true;
            if (!m_server.store().apply(*type, r.namespace_(), r.name(), r.object(), options))
                return false;
        }
        return true;
    }

    static const workspace::Application* findApp(const engine::DriftCheck::Report& report, const QString& id)
    {
        for (const workspace::Application& a : report.workspace.applications)
            if (a.id() == id)
                return &a;
        return nullptr;
    }

    engine::DriftCheck::Options options() const
    {
        engine::DriftCheck::Options o;
        o.workspace = m_repo.path();
        o.kubeconfig = m_kubeconfig;
        o.cacheDir = m_dir.filePath(u"renders"_s);
        return o;
    }

    Result<engine::DriftCheck::Report> load() const { return engine::DriftCheck::load(options()); }

    // The live revision of `appId`, the cluster read over HTTPS as the window reads it.
    Result<LiveRevisionMatch> liveRevisionOf(const QString& appId, const std::atomic_bool* canceled = nullptr)
    {
        const auto report = engine::DriftCheck::run(options());
        if (!report)
            return fail(report.error());
        const workspace::Application* app = findApp(*report, appId);
        if (!app || report->environments.isEmpty())
            return fail(Error::Code::NotFound, u"no application "_s + appId);
        auto repo = git::Repository::open(m_repo.path());
        if (!repo)
            return fail(repo.error());
        const auto history = LiveRevision::history(*repo, *app);
        if (!history)
            return fail(history.error());
        LiveRevision::Request request;
        request.application = *app;
        request.history = *history;
        request.live = report->environments.constFirst().live;
        request.renderOptions.cacheDir = m_dir.filePath(u"renders"_s);
        request.canceled = canceled;
        return LiveRevision::find(*repo, request);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_repo.isValid());
        const auto listening = m_server.listen(0);
        QVERIFY2(listening, listening ? "" : qPrintable(listening.error().message));
        m_kubeconfig = m_dir.filePath(u"kubeconfig"_s);
        QVERIFY(m_server.kubeconfig(m_kubeconfig));
        m_haveKustomize = !QStandardPaths::findExecutable(u"kustomize"_s).isEmpty();

        m_repo.write(u"driftline.yaml"_s,
            "version: 1\n"
            "environments:\n"
            "  - name: staging\n"
            "    context: driftline-sandbox\n"
            "applications:\n"
            "  - name: web\n"
            "    path: apps/web\n"
            "    namespace: shop\n"
            "  - name: shop\n"
            "    path: apps/shop/overlays/staging\n"
            "    namespace: shop\n");
        m_repo.write(u"apps/web/config.yaml"_s, twoConfigMaps("1"));
        m_web << m_repo.commit(u"web: value 1"_s);
        m_repo.write(u"apps/web/config.yaml"_s, twoConfigMaps("2"));
        m_web << m_repo.commit(u"web: value 2"_s);
        m_repo.write(u"apps/web/config.yaml"_s, twoConfigMaps("3"));
        m_web << m_repo.commit(u"web: value 3"_s);

        m_repo.write(u"apps/shop/base/kustomization.yaml"_s, "resources:\n  - settings.yaml\n");
        m_repo.write(u"apps/shop/base/settings.yaml"_s, baseConfigMap("red"));
        m_repo.write(u"apps/shop/overlays/staging/kustomization.yaml"_s,
            "resources:\n  - ../../base\nnamePrefix: staging-\n");
        m_shop << m_repo.commit(u"shop: base and staging overlay"_s);
        m_repo.write(u"apps/shop/base/settings.yaml"_s, baseConfigMap("green"));
        m_shop << m_repo.commit(u"shop base: green"_s);
        m_repo.write(u"apps/shop/base/settings.yaml"_s, baseConfigMap("blue"));
        m_shop << m_repo.commit(u"shop base: blue"_s);

        // A namespace for the objects, as a cluster would have it.
        const auto ns = typeOf(QJsonObject {{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Namespace"_s}});
        QVERIFY(ns);
        QVERIFY(m_server.store().create(*ns, {},
            QJsonObject {{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Namespace"_s},
                {u"metadata"_s, QJsonObject {{u"name"_s, u"shop"_s}}}}));
    }

    void inputsOfAPlainFolder()
    {
        auto repo = git::Repository::open(m_repo.path());
        QVERIFY2(repo, qPrintable(why(repo)));
        const auto report = load();
        QVERIFY2(report, qPrintable(why(report)));
        const workspace::Application* web = findApp(*report, u"staging/web"_s);
        QVERIFY(web);
        const auto paths = LiveRevision::inputPaths(*repo, m_web.last(), *web);
        QVERIFY2(paths, qPrintable(why(paths)));
        QCOMPARE(*paths, QStringList {u"apps/web"_s});
        const auto history = LiveRevision::history(*repo, *web);
        QVERIFY2(history, qPrintable(why(history)));
        QCOMPARE(history->size(), 3);
        QCOMPARE(history->at(0).id, m_web.at(2));
        QCOMPARE(history->at(2).id, m_web.at(0));
    }

    void secondCommitIsLive()
    {
        QVERIFY(applyRender(u"staging/web"_s, m_web.at(1)));
        const auto match = liveRevisionOf(u"staging/web"_s);
        QVERIFY2(match, qPrintable(why(match)));
        QCOMPARE(match->commitId, m_web.at(1));
        QVERIFY(match->exact);
        QCOMPARE(match->differingResources, 0);
        // Newest first, stopped at the match: the tip and the match were rendered.
        QCOMPARE(match->rendered, 2);
        QVERIFY2(match->text().contains(match->shortId), qPrintable(match->text()));
    }

    void handEditGivesTheClosest()
    {
        const auto type = typeOf(QJsonObject {{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"ConfigMap"_s}});
        QVERIFY(type);
        ObjectStore::WriteOptions options;
        options.fieldManager = u"kubectl-edit"_s;
        QVERIFY(m_server.store().patch(*type, u"shop"_s, u"web-a"_s, ObjectStore::PatchType::Merge,
            R"({"data":{"value":"by hand"}})", options));

        const auto match = liveRevisionOf(u"staging/web"_s);
        QVERIFY2(match, qPrintable(why(match)));
        QVERIFY(!match->exact);
        // web-b still holds the 2nd commit's value: 1 resource differs there, 2 at the others.
        QCOMPARE(match->commitId, m_web.at(1));
        QCOMPARE(match->differingResources, 1);
        QCOMPARE(match->rendered, 3);
        QVERIFY2(match->text().contains(u"≈"_s) && match->text().contains(u'1'), qPrintable(match->text()));
    }

    void cancelStopsBeforeRendering()
    {
        std::atomic_bool canceled {true};
        const auto match = liveRevisionOf(u"staging/web"_s, &canceled);
        QVERIFY2(match, qPrintable(why(match)));
        QVERIFY(match->canceled);
        QCOMPARE(match->rendered, 0);
        QVERIFY(match->commitId.isEmpty());
    }

    void incompleteSnapshotIsAnError()
    {
        auto repo = git::Repository::open(m_repo.path());
        QVERIFY2(repo, qPrintable(why(repo)));
        LiveRevision::Request request;
        request.application.name = u"web"_s;
        request.application.environment = u"staging"_s;
        request.live = std::make_shared<const kube::LiveSnapshot>();
        QVERIFY(!LiveRevision::find(*repo, request).has_value());
    }

    void overlayFollowsItsBase()
    {
        if (!m_haveKustomize)
            QSKIP("kustomize is not installed");
        auto repo = git::Repository::open(m_repo.path());
        QVERIFY2(repo, qPrintable(why(repo)));
        const auto report = load();
        QVERIFY2(report, qPrintable(why(report)));
        const workspace::Application* shop = findApp(*report, u"staging/shop"_s);
        QVERIFY(shop);
        const auto paths = LiveRevision::inputPaths(*repo, m_shop.last(), *shop);
        QVERIFY2(paths, qPrintable(why(paths)));
        QVERIFY2(paths->contains(u"apps/shop/overlays/staging"_s), qPrintable(paths->join(u", "_s)));
        QVERIFY2(std::any_of(paths->cbegin(), paths->cend(),
                     [](const QString& p) { return p.startsWith(u"apps/shop/base"_s); }),
            qPrintable(paths->join(u", "_s)));
        // The overlay folder alone changed once; its inputs three times.
        const auto history = LiveRevision::history(*repo, *shop);
        QVERIFY2(history, qPrintable(why(history)));
        QCOMPARE(history->size(), 3);

        QVERIFY(applyRender(u"staging/shop"_s, m_shop.at(1)));
        const auto match = liveRevisionOf(u"staging/shop"_s);
        QVERIFY2(match, qPrintable(why(match)));
        QCOMPARE(match->commitId, m_shop.at(1));
        QVERIFY(match->exact);
        QVERIFY2(match->renderErrors.isEmpty(), qPrintable(match->renderErrors.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestLiveRevision)
#include "tst_liverevision.moc"
