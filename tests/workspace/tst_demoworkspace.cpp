// The demo workspace: a real repository with a believable history whose every
// state renders with the real kustomize program.
#include "core/manifestparser.h"
#include "git/repository.h"
#include "workspace/demoworkspace.h"
#include "workspace/workspaceloader.h"

#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <optional>
#include <set>
#include <vector>

using namespace Qt::StringLiterals;
using namespace driftline;
using driftline::workspace::DemoWorkspace;

namespace
{

const QStringList overlays { u"apps/web/overlays/staging"_s, u"apps/web/overlays/production"_s,
    u"apps/api/overlays/staging"_s, u"apps/api/overlays/production"_s };

QMap<QString, QByteArray> resourceFiles()
{
    QMap<QString, QByteArray> files;
    QDirIterator it(u":/demo"_s, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            files.insert(f.fileName().mid(7), f.readAll());
    }
    return files;
}

// Runs a program; returns its exit code (-1 when it did not run) and its output.
int run(const QString& program, const QStringList& args, const QString& workdir, QByteArray* out = nullptr)
{
    QProcess p;
    p.setWorkingDirectory(workdir);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(60000))
        return -1;
    if (out)
        *out = p.readAll();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

} // namespace

class TestDemoWorkspace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void repositoryHasHistory();
    void headEqualsResources();
    void workingTreeIsClean();
    void historyContainsTheStory_data();
    void historyContainsTheStory();
    void everyCommitRenders();
    void demoHasEnoughResources();
    void loadsAsWorkspace();
    void ensureReusesExistingDemo();
    void createRefusesNonEmptyFolder();
    void defaultLocationIsUserData();

private:
    QTemporaryDir m_dir;
    QString m_repoPath;
    std::optional<git::Repository> m_repo;
    QList<git::CommitInfo> m_history;
    QMap<QString, QByteArray> m_resources;
};

void TestDemoWorkspace::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_resources = resourceFiles();
    QVERIFY2(m_resources.contains(u"driftline.yaml"_s), "the demo files are not compiled in under :/demo/");

    auto created = DemoWorkspace::create(m_dir.filePath(u"demo"_s));
    QVERIFY2(created, created ? "" : qPrintable(created.error().toString()));
    m_repoPath = *created;
    QCOMPARE(m_repoPath, m_dir.filePath(u"demo"_s));

    auto repo = git::Repository::open(m_repoPath);
    QVERIFY2(repo, repo ? "" : qPrintable(repo.error().toString()));
    QCOMPARE(repo->workdir(), m_repoPath);
    m_repo.emplace(std::move(*repo));
    auto history = m_repo->history({});
    QVERIFY2(history, history ? "" : qPrintable(history.error().toString()));
    m_history = *history;
}

void TestDemoWorkspace::repositoryHasHistory()
{
    QVERIFY2(m_history.size() >= 6, qPrintable(QString::number(m_history.size())));
    QCOMPARE(m_repo->currentBranch(), u"main"_s);

    // Newest first; distinct, strictly increasing times a few days apart, the last a day or so ago.
    for (qsizetype i = 0; i + 1 < m_history.size(); ++i) {
        const auto& newer = m_history[i];
        const auto& older = m_history[i + 1];
        QCOMPARE(newer.author, u"Driftline Demo"_s);
        QCOMPARE(newer.authorEmail, u"demo@driftline.invalid"_s);
        QVERIFY2(
            older.time < newer.time, qPrintable(older.summary + u" is not older than "_s + newer.summary));
        QVERIFY(older.time.secsTo(newer.time) >= 24 * 3600);
        QCOMPARE(newer.parents.size(), 1);
    }
    const qint64 ageOfLast = m_history.first().time.secsTo(QDateTime::currentDateTimeUtc());
    QVERIFY2(ageOfLast > 12 * 3600 && ageOfLast < 3 * 24 * 3600, qPrintable(QString::number(ageOfLast)));
    QVERIFY(m_history.last().parents.isEmpty());

    // The git program agrees with libgit2.
    QByteArray out;
    QCOMPARE(run(u"git"_s, { u"rev-list"_s, u"--count"_s, u"HEAD"_s }, m_repoPath, &out), 0);
    QCOMPARE(out.trimmed().toInt(), m_history.size());
}

void TestDemoWorkspace::headEqualsResources()
{
    auto tree = m_repo->listTree(m_history.first().id, {}, true);
    QVERIFY(tree);
    QStringList paths;
    for (const auto& e : *tree)
        paths << e.path;
    paths.sort();
    QCOMPARE(paths, QStringList(m_resources.keys()));
    for (auto it = m_resources.cbegin(); it != m_resources.cend(); ++it) {
        auto blob = m_repo->readFile(u"HEAD"_s, it.key());
        QVERIFY2(blob, qPrintable(it.key()));
        QVERIFY2(*blob == it.value(), qPrintable(it.key()));
        QFile onDisk(m_repoPath + u'/' + it.key());
        QVERIFY(onDisk.open(QIODevice::ReadOnly));
        QVERIFY2(onDisk.readAll() == it.value(), qPrintable(it.key()));
    }
}

void TestDemoWorkspace::workingTreeIsClean()
{
    auto changes = m_repo->uncommittedChanges();
    QVERIFY(changes);
    QVERIFY2(changes->isEmpty(), qPrintable(changes->join(u", "_s)));
    QByteArray out;
    QCOMPARE(run(u"git"_s, { u"status"_s, u"--porcelain"_s }, m_repoPath, &out), 0);
    QVERIFY2(out.trimmed().isEmpty(), out.constData());
}

void TestDemoWorkspace::historyContainsTheStory_data()
{
    QTest::addColumn<QString>("summaryStart");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::newRow("image bump") << u"web: release 1.5.0"_s
                                << u"apps/web/overlays/staging/kustomization.yaml"_s << u"newTag: 1.4.2"_s
                                << u"newTag: 1.5.0"_s;
    QTest::newRow("replica change") << u"web: scale production"_s
                                    << u"apps/web/overlays/production/replicas.yaml"_s << u"  replicas: 3\n"_s
                                    << u"  replicas: 4\n"_s;
    QTest::newRow("config change") << u"api: raise the checkout timeout"_s
                                   << u"apps/api/base/configmap.yaml"_s << u"CHECKOUT_TIMEOUT: 10s"_s
                                   << u"CHECKOUT_TIMEOUT: 15s"_s;
    QTest::newRow("bad release") << u"api: release 2.0.0"_s
                                 << u"apps/api/overlays/production/kustomization.yaml"_s << u"newTag: 1.9.3"_s
                                 << u"newTag: 2.0.0"_s;
    QTest::newRow("bad release env") << u"api: release 2.0.0"_s << u"apps/api/base/deployment.yaml"_s
                                     << u"key: DATABASE_HOST\n"_s << u"key: DATABASE_HOSTNAME\n"_s;
    QTest::newRow("fix") << u"api: release 2.0.1"_s << u"apps/api/overlays/production/kustomization.yaml"_s
                         << u"newTag: 2.0.0"_s << u"newTag: 2.0.1"_s;
}

void TestDemoWorkspace::historyContainsTheStory()
{
    QFETCH(QString, summaryStart);
    QFETCH(QString, file);
    QFETCH(QString, before);
    QFETCH(QString, after);

    qsizetype index = -1;
    for (qsizetype i = 0; i < m_history.size(); ++i) {
        if (m_history[i].summary.startsWith(summaryStart))
            index = i;
    }
    QVERIFY2(index >= 0, qPrintable(u"no commit starting with "_s + summaryStart));
    // HEAD~index is the commit itself; its parent shows the old text.
    const QString head = u"HEAD~"_s + QString::number(index);
    QCOMPARE(*m_repo->resolve(head), m_history[index].id);
    auto then = m_repo->readFile(head, file);
    auto previously = m_repo->readFile(head + u"~1"_s, file);
    QVERIFY(then && previously);
    QVERIFY2(QString::fromUtf8(*then).contains(after), then->constData());
    QVERIFY2(!QString::fromUtf8(*then).contains(before), then->constData());
    QVERIFY2(QString::fromUtf8(*previously).contains(before), previously->constData());

    // The commit touched that file, as history() of the path reports it.
    auto pathHistory = m_repo->history({ file });
    QVERIFY(pathHistory);
    bool found = false;
    for (const auto& c : *pathHistory)
        found = found || c.id == m_history[index].id;
    QVERIFY(found);
}

void TestDemoWorkspace::everyCommitRenders()
{
    if (QStandardPaths::findExecutable(u"kustomize"_s).isEmpty())
        QSKIP("kustomize is not installed");
    std::set<QString> renderedTrees; // overlay@tree id of its application folder
    for (const auto& commit : std::as_const(m_history)) {
        // The tree at that commit, written out without touching the working tree.
        QTemporaryDir tree;
        QVERIFY(tree.isValid());
        auto entries = m_repo->listTree(commit.id, {}, true);
        QVERIFY(entries);
        for (const auto& e : *entries) {
            auto data = m_repo->readBlob(e.id);
            QVERIFY(data);
            QDir().mkpath(QFileInfo(tree.filePath(e.path)).absolutePath());
            QFile f(tree.filePath(e.path));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(*data);
            // Every plain manifest of every state parses cleanly (kustomize checks its own inputs below).
            if (e.path.endsWith(u".yaml"_s) && !e.path.startsWith(u"apps/"_s)
                && e.path != u"driftline.yaml"_s) {
                const ParseResult parsed = ManifestParser::parse(*data, e.path);
                if (!parsed.errors.isEmpty())
                    QFAIL(qPrintable(commit.summary + u": "_s + parsed.errors.first().toString()));
            }
        }
        // Each overlay once per distinct state of its application's folder, all at once.
        std::vector<std::unique_ptr<QProcess>> builds;
        QStringList built;
        for (const QString& overlay : overlays) {
            const QString appFolder = overlay.section(u'/', 0, 1);
            auto treeId = m_repo->treeId(commit.id, appFolder);
            QVERIFY(treeId);
            if (!renderedTrees.insert(overlay + u'@' + *treeId).second)
                continue;
            auto p = std::make_unique<QProcess>();
            p->setWorkingDirectory(tree.path());
            p->setProcessChannelMode(QProcess::MergedChannels);
            p->start(u"kustomize"_s, { u"build"_s, overlay });
            builds.push_back(std::move(p));
            built << overlay;
        }
        for (size_t i = 0; i < builds.size(); ++i) {
            QProcess& p = *builds[i];
            QVERIFY(p.waitForFinished(60000));
            const QByteArray out = p.readAll();
            QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
                qPrintable(commit.summary + u": kustomize build "_s + built[qsizetype(i)] + u"\n"_s
                    + QString::fromUtf8(out)));
            const ParseResult rendered = ManifestParser::parse(out, built[qsizetype(i)]);
            QVERIFY(rendered.errors.isEmpty());
            QVERIFY2(rendered.resources.size() >= 5, qPrintable(built[qsizetype(i)]));
        }
    }
    // Every state of web and api was built: more than one each.
    QVERIFY2(renderedTrees.size() > 2 * size_t(overlays.size()),
        qPrintable(QString::number(renderedTrees.size())));
}

void TestDemoWorkspace::demoHasEnoughResources()
{
    if (QStandardPaths::findExecutable(u"kustomize"_s).isEmpty())
        QSKIP("kustomize is not installed");
    // Overlays through kustomize, the rest as plain manifests (bases are only inputs).
    QSet<QString> kinds;
    qsizetype count = 0;
    for (const QString& overlay : overlays) {
        QByteArray out;
        QCOMPARE(run(u"kustomize"_s, { u"build"_s, overlay }, m_repoPath, &out), 0);
        const ParseResult r = ManifestParser::parse(out, overlay);
        for (const auto& res : r.resources)
            kinds.insert(res.kind());
        count += r.resources.size();
    }
    for (auto it = m_resources.cbegin(); it != m_resources.cend(); ++it) {
        if (!it.key().endsWith(u".yaml"_s) || it.key().startsWith(u"apps/"_s)
            || it.key() == u"driftline.yaml"_s)
            continue;
        const ParseResult r = ManifestParser::parse(it.value(), it.key());
        QVERIFY(r.errors.isEmpty());
        for (const auto& res : r.resources)
            kinds.insert(res.kind());
        count += r.resources.size();
    }
    QVERIFY2(count >= 25, qPrintable(QString::number(count)));
    for (const char* kind : { "Namespace", "Deployment", "StatefulSet", "Service", "ConfigMap", "Secret",
             "Ingress", "HorizontalPodAutoscaler", "ServiceAccount", "Role", "RoleBinding", "Job" })
        QVERIFY2(kinds.contains(QString::fromLatin1(kind)), kind);
}

void TestDemoWorkspace::loadsAsWorkspace()
{
    if (QStandardPaths::findExecutable(u"kustomize"_s).isEmpty())
        QSKIP("kustomize is not installed");
    QTemporaryDir cache;
    workspace::WorkspaceLoader loader;
    loader.setCacheDir(cache.path());
    QSignalSpy finished(&loader, &workspace::WorkspaceLoader::loadFinished);
    QSignalSpy failed(&loader, &workspace::WorkspaceLoader::loadFailed);
    loader.load(m_repoPath);
    QVERIFY(finished.wait(120000));
    QCOMPARE(failed.count(), 0);

    const workspace::Workspace& ws = loader.workspace();
    QCOMPARE(ws.definitionFile, u"driftline.yaml"_s);
    for (const Error& e : ws.errors)
        qWarning("%s", qPrintable(e.toString()));
    QVERIFY(ws.errors.isEmpty());
    QCOMPARE(ws.environments.size(), 2);
    const workspace::Environment* staging = ws.environment(u"staging"_s);
    const workspace::Environment* production = ws.environment(u"production"_s);
    QVERIFY(staging && production);
    QCOMPARE(staging->namespace_, u"shop-staging"_s);
    QCOMPARE(production->namespace_, u"shop-prod"_s);
    QCOMPARE(production->context, u"driftline-sandbox"_s);
    QVERIFY(production->production);
    QVERIFY(!staging->production);

    QStringList names;
    for (const auto& app : ws.applicationsIn(u"production"_s))
        names << app.name;
    names.sort();
    QCOMPARE(names, (QStringList { u"api"_s, u"jobs"_s, u"namespaces"_s, u"postgres"_s, u"web"_s }));
    QCOMPARE(ws.applications.size(), 10);

    qsizetype total = 0;
    for (const auto& app : ws.applications) {
        const workspace::RenderResult* r = loader.result(app.id());
        QVERIFY2(r, qPrintable(app.id()));
        if (!r->ok())
            QFAIL(qPrintable(app.id() + u": "_s + r->errors.first().toString()));
        QVERIFY2(!r->resources.isEmpty(), qPrintable(app.id()));
        QCOMPARE(r->renderer, app.name == u"web"_s || app.name == u"api"_s ? u"kustomize"_s : u"plain"_s);
        for (const Resource& res : r->resources) {
            // Every resource lands in its environment's namespace.
            const QString expected = app.environment == u"staging"_s ? u"shop-staging"_s : u"shop-prod"_s;
            if (res.kind() == u"Namespace"_s)
                QCOMPARE(res.name(), expected);
            else
                QCOMPARE(res.namespace_(), expected);
        }
        total += r->resources.size();
        if (app.name == u"web"_s) {
            QCOMPARE(app.ignoreDifferences.size(), 1);
            QCOMPARE(app.ignoreDifferences.first().jsonPointers, QStringList { u"/spec/replicas"_s });
        }
    }
    QVERIFY2(total >= 25, qPrintable(QString::number(total)));
}

void TestDemoWorkspace::ensureReusesExistingDemo()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"nested/demo"_s);
    auto first = DemoWorkspace::ensure(path);
    QVERIFY2(first, first ? "" : qPrintable(first.error().toString()));
    const QString headBefore = *git::Repository::open(*first)->resolve(u"HEAD"_s);

    // A user's change survives: the demo is reused as it is, not rebuilt.
    QFile readme(path + u"/README.md"_s);
    QVERIFY(readme.open(QIODevice::Append));
    readme.write("\nlocal note\n");
    readme.close();

    auto second = DemoWorkspace::ensure(path);
    QVERIFY(second);
    QCOMPARE(*second, *first);
    QCOMPARE(*git::Repository::open(*second)->resolve(u"HEAD"_s), headBefore);
    QCOMPARE(*git::Repository::open(*second)->uncommittedChanges(), QStringList { u"README.md"_s });
    // No staging folders left next to it.
    QCOMPARE(
        QDir(dir.filePath(u"nested"_s)).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
        QStringList { u"demo"_s });
}

void TestDemoWorkspace::createRefusesNonEmptyFolder()
{
    QTemporaryDir dir;
    QFile f(dir.filePath(u"notes.txt"_s));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("mine\n");
    f.close();
    auto created = DemoWorkspace::create(dir.path());
    QVERIFY(!created);
    QCOMPARE(created.error().code, Error::Code::InvalidInput);
    QVERIFY2(created.error().message.contains(u"not empty"_s), qPrintable(created.error().message));
    QCOMPARE(created.error().file, QDir::cleanPath(dir.path()));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
        QStringList { u"notes.txt"_s });
    // ensure() on such a folder refuses too instead of mixing the demo into it.
    QVERIFY(!DemoWorkspace::ensure(dir.path()));

    // An existing but empty folder is fine.
    QTemporaryDir empty;
    auto inEmpty = DemoWorkspace::create(empty.path());
    QVERIFY2(inEmpty, inEmpty ? "" : qPrintable(inEmpty.error().toString()));
    QVERIFY(QFileInfo::exists(empty.filePath(u"driftline.yaml"_s)));
}

void TestDemoWorkspace::defaultLocationIsUserData()
{
    QStandardPaths::setTestModeEnabled(true);
    const QString location = DemoWorkspace::defaultLocation();
    QVERIFY2(location.startsWith(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)),
        qPrintable(location));
    QVERIFY(location.endsWith(u"/driftline/demo"_s));
    QStandardPaths::setTestModeEnabled(false);
}

QTEST_GUILESS_MAIN(TestDemoWorkspace)
#include "tst_demoworkspace.moc"
