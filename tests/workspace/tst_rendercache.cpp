// The render cache: a second open (a new ApplicationRenderer on the same cache
// folder, as after a restart) renders nothing; a change renders only what it touches.
#include "git/repository.h"
#include "testsupport/testrepo.h"
#include "workspace/rendercache.h"
#include "workspace/renderer.h"

#include <QCborValue>
#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::workspace;
using driftline::test::TestRepo;

namespace {

Application makeApp(const QString& name, const QString& path, const QString& ns = u"shop"_s)
{
    Application app;
    app.name = name;
    app.environment = u"staging"_s;
    app.path = path;
    app.namespace_ = ns;
    return app;
}

QByteArray configMap(const QString& name, const QString& value = u"1"_s)
{
    return (u"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "_s + name + u"\ndata:\n  value: \""_s + value
            + u"\"\n"_s)
        .toUtf8();
}

QList<Application> apps()
{
    return { makeApp(u"web"_s, u"apps/web"_s), makeApp(u"db"_s, u"apps/db"_s),
             makeApp(u"api"_s, u"apps/api/overlays/staging"_s), makeApp(u"broken"_s, u"apps/broken"_s) };
}

void writeRepository(TestRepo& repo)
{
    repo.write(u"apps/web/web.yaml"_s, configMap(u"web"_s) + "---\n" + configMap(u"web-extra"_s));
    repo.write(u"apps/db/db.yaml"_s, configMap(u"db"_s));
    repo.write(u"apps/api/base/kustomization.yaml"_s, "resources:\n  - cm.yaml\n");
    repo.write(u"apps/api/base/cm.yaml"_s, configMap(u"api"_s));
    repo.write(u"apps/api/overlays/staging/kustomization.yaml"_s, "resources:\n  - ../../base\nnameSuffix: -staging\n");
    // Errors are results too: they come back from the cache as they were.
    repo.write(u"apps/broken/bad.yaml"_s, "apiVersion: v1\nmetadata:\n  name: nokind\n");
}

struct Pass {
    QList<RenderResult> results;
    int rendered = 0;
};

Pass renderAll(const QString& cacheDir, const git::Repository& repo, const QString& commit)
{
    // A new renderer each pass: its memory cache is empty, as after a restart.
    ApplicationRenderer renderer(ApplicationRenderer::Options { cacheDir });
    Pass pass;
    const int before = ApplicationRenderer::renderCount();
    for (const Application& app : apps())
        pass.results.append(renderer.render(repo, commit, app));
    pass.rendered = ApplicationRenderer::renderCount() - before;
    return pass;
}

void compareErrors(const QList<Error>& a, const QList<Error>& b)
{
    QCOMPARE(a.size(), b.size());
    for (qsizetype i = 0; i < a.size(); ++i)
        QCOMPARE(a[i].toString(), b[i].toString());
}

} // namespace

class TestRenderCache : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { git::GitLibrary::ensureInitialized(); }
    void secondOpenRendersNothing();
    void changeInvalidatesOnlyThatApplication();
    void corruptCacheFileIsIgnoredAndRewritten();
    void symlinkTargetChangeInvalidates();
    void keyDependsOnEveryInput_data();
    void keyDependsOnEveryInput();
};

void TestRenderCache::secondOpenRendersNothing()
{
    TestRepo repo;
    writeRepository(repo);
    const QString commit = repo.commit(u"apps"_s);
    QTemporaryDir cacheDir;
    auto r = git::Repository::open(repo.path());
    QVERIFY(r);

    const Pass first = renderAll(cacheDir.path(), *r, commit);
    QCOMPARE(first.rendered, 4);
    for (const RenderResult& res : first.results) {
        QVERIFY(!res.fromCache);
        QVERIFY(!res.cacheKey.isEmpty());
        QVERIFY(QFile::exists(cacheDir.filePath(res.cacheKey + u".cbor"_s)));
    }
    QCOMPARE(first.results[0].resources.size(), 2);
    QCOMPARE(first.results[2].resources.size(), 1);
    QCOMPARE(first.results[2].resources[0].name(), u"api-staging"_s);
    QCOMPARE(first.results[3].errors.size(), 1);

    const Pass second = renderAll(cacheDir.path(), *r, commit);
    QCOMPARE(second.rendered, 0);
    for (qsizetype i = 0; i < first.results.size(); ++i) {
        const RenderResult& a = first.results[i];
        const RenderResult& b = second.results[i];
        QVERIFY(b.fromCache);
        QCOMPARE(b.cacheKey, a.cacheKey);
        QCOMPARE(b.renderer, a.renderer);
        QCOMPARE(b.resources, a.resources);
        compareErrors(a.errors, b.errors);
    }
    QCOMPARE(second.results[3].errors[0].file, u"apps/broken/bad.yaml"_s);
    QCOMPARE(second.results[3].errors[0].line, 1);
    QCOMPARE(second.results[3].errors[0].cluster, u"staging"_s);

    // The same renderer twice: the memory cache answers.
    ApplicationRenderer renderer(ApplicationRenderer::Options { cacheDir.path() });
    const int before = ApplicationRenderer::renderCount();
    renderer.render(*r, commit, apps()[0]);
    renderer.render(*r, commit, apps()[0]);
    QCOMPARE(ApplicationRenderer::renderCount(), before);
}

void TestRenderCache::changeInvalidatesOnlyThatApplication()
{
    TestRepo repo;
    writeRepository(repo);
    repo.write(u"docs/readme.yaml"_s, configMap(u"docs"_s));
    const QString commit1 = repo.commit(u"apps"_s);
    QTemporaryDir cacheDir;
    auto r = git::Repository::open(repo.path());
    QVERIFY(r);
    QCOMPARE(renderAll(cacheDir.path(), *r, commit1).rendered, 4);

    // A new file in web: only web renders again.
    repo.write(u"apps/web/extra.yaml"_s, configMap(u"web-new"_s));
    const QString commit2 = repo.commit(u"web grows"_s);
    const Pass afterWeb = renderAll(cacheDir.path(), *r, commit2);
    QCOMPARE(afterWeb.rendered, 1);
    QVERIFY(!afterWeb.results[0].fromCache);
    QCOMPARE(afterWeb.results[0].resources.size(), 3);
    QVERIFY(afterWeb.results[1].fromCache);
    QVERIFY(afterWeb.results[2].fromCache);

    // A change in the kustomize base reaches the overlay that references it.
    repo.write(u"apps/api/base/cm.yaml"_s, configMap(u"api"_s, u"2"_s));
    const QString commit3 = repo.commit(u"api config"_s);
    const Pass afterBase = renderAll(cacheDir.path(), *r, commit3);
    QCOMPARE(afterBase.rendered, 1);
    QVERIFY(!afterBase.results[2].fromCache);
    QCOMPARE(afterBase.results[2].resources[0].object().value(u"data"_s).toObject().value(u"value"_s).toString(),
             u"2"_s);

    // Outside every application's inputs: nothing renders.
    repo.write(u"docs/readme.yaml"_s, configMap(u"docs"_s, u"changed"_s));
    const QString commit4 = repo.commit(u"docs"_s);
    QCOMPARE(renderAll(cacheDir.path(), *r, commit4).rendered, 0);
}

void TestRenderCache::corruptCacheFileIsIgnoredAndRewritten()
{
    TestRepo repo;
    writeRepository(repo);
    const QString commit = repo.commit(u"apps"_s);
    QTemporaryDir cacheDir;
    auto r = git::Repository::open(repo.path());
    QVERIFY(r);
    const Pass first = renderAll(cacheDir.path(), *r, commit);
    const QString file = cacheDir.filePath(first.results[0].cacheKey + u".cbor"_s);
    const QString oldFormat = cacheDir.filePath(first.results[1].cacheKey + u".cbor"_s);
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("\xa1\x66garbage and a torn write");
    }
    {
        // A well-formed file of another format version.
        QFile f(oldFormat);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QByteArray data = f.readAll();
        const QByteArray marker = QCborValue(u"format"_s).toCbor();
        const qsizetype at = data.indexOf(marker);
        QVERIFY(at >= 0);
        data[at + marker.size()] = char(0x09); // the integer after "format": 1 -> 9
        f.seek(0);
        f.write(data);
    }
    const Pass second = renderAll(cacheDir.path(), *r, commit);
    QCOMPARE(second.rendered, 2);
    QCOMPARE(second.results[0].resources, first.results[0].resources);
    QCOMPARE(second.results[1].resources, first.results[1].resources);
    // Rewritten: the next open reads them again.
    QCOMPARE(renderAll(cacheDir.path(), *r, commit).rendered, 0);
}

void TestRenderCache::symlinkTargetChangeInvalidates()
{
    TestRepo repo;
    repo.write(u"shared/common.yaml"_s, configMap(u"common"_s));
    repo.write(u"apps/web/web.yaml"_s, configMap(u"web"_s));
    QVERIFY(QFile::link(u"../../shared/common.yaml"_s, repo.filePath(u"apps/web/common.yaml"_s)));
    const QString commit1 = repo.commit(u"linked"_s);
    QTemporaryDir cacheDir;
    auto r = git::Repository::open(repo.path());
    QVERIFY(r);
    const Application web = makeApp(u"web"_s, u"apps/web"_s);

    ApplicationRenderer first(ApplicationRenderer::Options { cacheDir.path() });
    const RenderResult before = first.render(*r, commit1, web);
    QVERIFY(before.ok());
    QCOMPARE(before.resources.size(), 2);

    // The folder's own tree is unchanged; what its link points at is not.
    repo.write(u"shared/common.yaml"_s, configMap(u"common"_s, u"2"_s));
    const QString commit2 = repo.commit(u"shared changes"_s);
    QCOMPARE(*r->treeId(commit1, u"apps/web"_s), *r->treeId(commit2, u"apps/web"_s));
    ApplicationRenderer second(ApplicationRenderer::Options { cacheDir.path() });
    const RenderResult after = second.render(*r, commit2, web);
    QVERIFY(!after.fromCache);
    bool updated = false;
    for (const Resource& res : after.resources)
        updated = updated || res.object().value(u"data"_s).toObject().value(u"value"_s).toString() == u"2"_s;
    QVERIFY(updated);
}

void TestRenderCache::keyDependsOnEveryInput_data()
{
    QTest::addColumn<QString>("renderer");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("ns");
    QTest::addColumn<QStringList>("inputs");
    QTest::addColumn<bool>("same");

    const QStringList inputs { u"apps/web 1111"_s };
    QTest::newRow("identical") << u"plain"_s << u"1"_s << u"apps/web"_s << u"shop"_s << inputs << true;
    QTest::newRow("renderer") << u"kustomize"_s << u"1"_s << u"apps/web"_s << u"shop"_s << inputs << false;
    QTest::newRow("version") << u"plain"_s << u"2"_s << u"apps/web"_s << u"shop"_s << inputs << false;
    QTest::newRow("path") << u"plain"_s << u"1"_s << u"apps/db"_s << u"shop"_s << inputs << false;
    QTest::newRow("namespace") << u"plain"_s << u"1"_s << u"apps/web"_s << u"other"_s << inputs << false;
    QTest::newRow("tree id") << u"plain"_s << u"1"_s << u"apps/web"_s << u"shop"_s
                             << QStringList { u"apps/web 2222"_s } << false;
    QTest::newRow("fields not merged") << u"plai"_s << u"n1"_s << u"apps/web"_s << u"shop"_s << inputs << false;
}

void TestRenderCache::keyDependsOnEveryInput()
{
    QFETCH(QString, renderer);
    QFETCH(QString, version);
    QFETCH(QString, path);
    QFETCH(QString, ns);
    QFETCH(QStringList, inputs);
    QFETCH(bool, same);
    const QString reference = RenderCache::key(u"plain"_s, u"1"_s, makeApp(u"web"_s, u"apps/web"_s, u"shop"_s),
                                               { u"apps/web 1111"_s });
    const QString key = RenderCache::key(renderer, version, makeApp(u"web"_s, path, ns), inputs);
    QCOMPARE(key.size(), 64);
    QCOMPARE(key == reference, same);
}

QTEST_GUILESS_MAIN(TestRenderCache)
#include "tst_rendercache.moc"
