// The WorkspaceLoader end to end on real repositories: discovery, parallel
// renders delivered back on this thread, reload, stale loads dropped, cancel.
#include "testsupport/testrepo.h"
#include "workspace/workspaceloader.h"

#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::workspace;
using driftline::test::TestRepo;

namespace {

constexpr int Timeout = 60000;

QByteArray configMap(const QString& name)
{
    return (u"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "_s + name + u"\n"_s).toUtf8();
}

// Two environments x `apps` applications, plus one kustomization that fails.
// `kustomized`: each application is a kustomization, which takes a real program run to render.
void writeWorkspace(TestRepo& repo, const QStringList& apps, bool kustomized = false)
{
    QByteArray definition = "environments:\n  - name: staging\n    namespace: shop-staging\n"
                            "  - name: production\n    namespace: shop\napplications:\n";
    for (const QString& app : apps) {
        definition += "  - name: " + app.toUtf8() + "\n    path: apps/" + app.toUtf8() + "\n";
        repo.write(u"apps/%1/cm.yaml"_s.arg(app), configMap(app) + "---\n" + configMap(app + u"-2"_s));
        if (kustomized)
            repo.write(u"apps/%1/kustomization.yaml"_s.arg(app), "resources:\n  - cm.yaml\n");
    }
    definition += "  - name: broken\n    path: apps/broken\n";
    repo.write(u"apps/broken/kustomization.yaml"_s, "resources:\n  - missing.yaml\n");
    repo.write(u"driftline.yaml"_s, definition);
}

QSet<QString> ids(const Workspace& ws)
{
    QSet<QString> out;
    for (const Application& app : ws.applications)
        out.insert(app.id());
    return out;
}

QSet<QString> rendered(const QSignalSpy& spy)
{
    QSet<QString> out;
    for (const QList<QVariant>& args : spy)
        out.insert(args.at(0).toString());
    return out;
}

} // namespace

class TestWorkspaceLoader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loadsAndRendersEveryApplication();
    void reloadAfterNewCommitShowsNewResource();
    void newLoadDropsResultsOfTheOldOne();
    void cancelStopsPendingRenders();
    void notARepositoryFails();

private:
    QTemporaryDir m_cache;
};

void TestWorkspaceLoader::loadsAndRendersEveryApplication()
{
    TestRepo repo;
    writeWorkspace(repo, { u"web"_s, u"db"_s, u"api"_s });
    repo.commit(u"workspace"_s);

    WorkspaceLoader loader;
    loader.setCacheDir(m_cache.path());
    QSignalSpy started(&loader, &WorkspaceLoader::loadStarted);
    QSignalSpy discovered(&loader, &WorkspaceLoader::workspaceDiscovered);
    QSignalSpy renderedSpy(&loader, &WorkspaceLoader::applicationRendered);
    QSignalSpy progress(&loader, &WorkspaceLoader::progress);
    QSignalSpy finished(&loader, &WorkspaceLoader::loadFinished);
    QSignalSpy failed(&loader, &WorkspaceLoader::loadFailed);

    loader.load(repo.path());
    // load() returns before anything is read: the work runs on the thread pool.
    QCOMPARE(started.count(), 1);
    QVERIFY(loader.isLoading());
    QCOMPARE(discovered.count(), 0);

    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(discovered.count(), 1);
    QVERIFY(!loader.isLoading());
    const Workspace ws = discovered.at(0).at(0).value<Workspace>();
    QVERIFY2(ws.errors.isEmpty(), qPrintable(ws.errors.value(0).toString()));
    QCOMPARE(ws.applications.size(), 8);
    QCOMPARE(loader.workspace().applications.size(), 8);
    QVERIFY(!ws.commitId.isEmpty());

    QCOMPARE(renderedSpy.count(), 8);
    QCOMPARE(rendered(renderedSpy), ids(ws));
    QCOMPARE(progress.last().at(0).toInt(), 8);
    QCOMPARE(progress.last().at(1).toInt(), 8);

    const RenderResult* web = loader.result(u"production/web"_s);
    QVERIFY(web);
    QVERIFY2(web->ok(), qPrintable(web->errors.value(0).toString()));
    QCOMPARE(web->resources.size(), 2);
    QCOMPARE(web->resources[0].namespace_(), u"shop"_s);
    const RenderResult* stagingWeb = loader.result(u"staging/web"_s);
    QVERIFY(stagingWeb);
    QCOMPARE(stagingWeb->resources[0].namespace_(), u"shop-staging"_s);

    // The failing kustomization fails alone.
    const RenderResult* broken = loader.result(u"staging/broken"_s);
    QVERIFY(broken);
    QCOMPARE(broken->errors.size(), 1);
    QVERIFY2(broken->errors[0].detail.contains(u"missing.yaml"_s), qPrintable(broken->errors[0].toString()));
    QCOMPARE(broken->errors[0].cluster, u"staging"_s);
    for (const QString& id : { u"staging/db"_s, u"production/api"_s })
        QVERIFY(loader.result(id) && loader.result(id)->ok());
}

void TestWorkspaceLoader::reloadAfterNewCommitShowsNewResource()
{
    TestRepo repo;
    writeWorkspace(repo, { u"web"_s, u"db"_s });
    repo.commit(u"workspace"_s);

    WorkspaceLoader loader;
    loader.setCacheDir(m_cache.path());
    QSignalSpy finished(&loader, &WorkspaceLoader::loadFinished);
    loader.load(repo.path());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    QVERIFY(loader.result(u"staging/web"_s));
    QCOMPARE(loader.result(u"staging/web"_s)->resources.size(), 2);
    const int before = ApplicationRenderer::renderCount();

    repo.write(u"apps/web/new.yaml"_s, configMap(u"brand-new"_s));
    repo.commit(u"a new config map"_s);
    loader.reload();
    QVERIFY(loader.isLoading());
    QVERIFY2(!loader.result(u"staging/web"_s), "results of the previous load are cleared");
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, Timeout);
    const RenderResult* web = loader.result(u"staging/web"_s);
    QVERIFY(web);
    QCOMPARE(web->resources.size(), 3);
    bool found = false;
    for (const Resource& r : web->resources)
        found = found || r.name() == u"brand-new"_s;
    QVERIFY(found);
    // Rendered again: web (changed, in two environments) and broken, whose missing
    // reference makes it depend on the whole tree. db came from the cache.
    QCOMPARE(ApplicationRenderer::renderCount() - before, 4);
    QVERIFY(!web->fromCache);
    QVERIFY(!loader.result(u"production/broken"_s)->fromCache);
    QVERIFY(loader.result(u"production/db"_s)->fromCache);
    QVERIFY(loader.result(u"staging/db"_s)->fromCache);
}

void TestWorkspaceLoader::newLoadDropsResultsOfTheOldOne()
{
    TestRepo first;
    QStringList many;
    for (int i = 0; i < 20; ++i)
        many << u"old%1"_s.arg(i);
    writeWorkspace(first, many, true);
    first.commit(u"first"_s);
    TestRepo second;
    writeWorkspace(second, { u"fresh"_s });
    second.commit(u"second"_s);

    QTemporaryDir cache; // cold: the old load has real work in flight
    WorkspaceLoader loader;
    loader.setCacheDir(cache.path());
    QSignalSpy discovered(&loader, &WorkspaceLoader::workspaceDiscovered);
    QSignalSpy renderedSpy(&loader, &WorkspaceLoader::applicationRendered);
    QSignalSpy finished(&loader, &WorkspaceLoader::loadFinished);

    loader.load(first.path());
    // Let the first load get going, then replace it.
    QTRY_VERIFY_WITH_TIMEOUT(discovered.count() == 1, Timeout);
    loader.load(second.path());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    // Anything the old load still had in flight must not show up later either.
    QTest::qWait(1000);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(discovered.count(), 2);
    const Workspace ws = discovered.last().at(0).value<Workspace>();
    QCOMPARE(ids(ws), (QSet<QString> { u"staging/fresh"_s, u"production/fresh"_s, u"staging/broken"_s,
                                       u"production/broken"_s }));
    QSet<QString> afterSecondLoad;
    for (const QList<QVariant>& args : std::as_const(renderedSpy)) {
        const QString id = args.at(0).toString();
        if (!id.contains(u"old"_s))
            afterSecondLoad.insert(id);
    }
    QCOMPARE(afterSecondLoad, ids(ws));
    QCOMPARE(loader.workspace().applications.size(), 4);
    QVERIFY(!loader.result(u"staging/old0"_s));
    QVERIFY(loader.result(u"staging/fresh"_s));
    // Old results that did arrive came before the second load started; none after it.
    qsizetype lastOld = -1, firstNew = renderedSpy.size();
    for (qsizetype i = 0; i < renderedSpy.size(); ++i) {
        if (renderedSpy.at(i).at(0).toString().contains(u"old"_s))
            lastOld = i;
        else
            firstNew = std::min(firstNew, i);
    }
    QVERIFY(lastOld < firstNew);
}

void TestWorkspaceLoader::cancelStopsPendingRenders()
{
    TestRepo repo;
    QStringList many;
    for (int i = 0; i < 30; ++i)
        many << u"app%1"_s.arg(i);
    writeWorkspace(repo, many, true);
    repo.commit(u"many"_s);

    QTemporaryDir cache;
    WorkspaceLoader loader;
    loader.setCacheDir(cache.path());
    QSignalSpy discovered(&loader, &WorkspaceLoader::workspaceDiscovered);
    QSignalSpy renderedSpy(&loader, &WorkspaceLoader::applicationRendered);
    QSignalSpy finished(&loader, &WorkspaceLoader::loadFinished);
    loader.load(repo.path());
    QTRY_VERIFY_WITH_TIMEOUT(discovered.count() == 1, Timeout);
    loader.cancel();
    QVERIFY(!loader.isLoading());
    QCOMPARE(finished.count(), 1);
    const qsizetype atCancel = renderedSpy.count();
    QTest::qWait(1500);
    QCOMPARE(renderedSpy.count(), atCancel);
    QVERIFY(atCancel < 62);
    QCOMPARE(finished.count(), 1);
}

void TestWorkspaceLoader::notARepositoryFails()
{
    QTemporaryDir empty;
    WorkspaceLoader loader;
    loader.setCacheDir(m_cache.path());
    QSignalSpy failed(&loader, &WorkspaceLoader::loadFailed);
    QSignalSpy discovered(&loader, &WorkspaceLoader::workspaceDiscovered);
    loader.load(empty.path());
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, Timeout);
    QCOMPARE(discovered.count(), 0);
    QVERIFY(!loader.isLoading());
    QVERIFY(!failed.at(0).at(0).value<Error>().message.isEmpty());
}

QTEST_GUILESS_MAIN(TestWorkspaceLoader)
#include "tst_workspaceloader.moc"
