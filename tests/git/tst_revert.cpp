// Repository::restorePaths and Repository::revertCommits: the "revert in Git"
// half of a rollback. The new commit's trees are checked with libgit2 (tree
// ids), the working tree and index with the git program, and every refusal
// leaves HEAD, the index and the files as they were.
#include "git/repository.h"
#include "gittestutil.h"
#include "testsupport/testrepo.h"

#include <QFile>
#include <QFileInfo>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::git;
using driftline::test::errorText;
using driftline::test::TestRepo;

namespace
{
Signature author()
{
    return Signature { u"Ada Driftline"_s, u"ada@example.org"_s, {} };
}

QByteArray tenLines(const QByteArray& first, const QByteArray& ninth)
{
    QByteArray text = first + "\n";
    for (int i = 2; i <= 10; ++i)
        text += (i == 9 ? ninth : "line " + QByteArray::number(i)) + "\n";
    return text;
}

QByteArray contents(const TestRepo& r, const QString& file)
{
    QFile f(r.filePath(file));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("(missing)");
}
} // namespace

class TestRevert : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void restoreFolder();
    void restoreFileAbsentAtRevision();
    void restoreRefusedOnUncommittedChanges_data();
    void restoreRefusedOnUncommittedChanges();
    void restoreRefusals();
    void revertCommits();
    void revertConflict();

private:
    // Two commits: `m_good` (web with a Service) and HEAD (web changed, the Service
    // deleted, an extra file added, api changed).
    void makeHistory(TestRepo& r);

    QTemporaryDir m_home;
    QString m_good;
    QString m_bad;
};

void TestRevert::initTestCase()
{
    QVERIFY(m_home.isValid());
    test::isolateGitConfig(m_home);
}

void TestRevert::makeHistory(TestRepo& r)
{
    QVERIFY(r.isValid());
    r.write(u"driftline.yaml"_s, "applications: []\n");
    r.write(u"apps/web/deployment.yaml"_s, "replicas: 1\n");
    r.write(u"apps/web/config/service.yaml"_s, "port: 80\n");
    r.write(u"apps/api/deployment.yaml"_s, "api: 1\n");
    m_good = r.commit(u"good release"_s);
    r.write(u"apps/web/deployment.yaml"_s, "replicas: 2\nimage: broken\n");
    r.remove(u"apps/web/config/service.yaml"_s);
    r.write(u"apps/web/extra.yaml"_s, "extra: true\n");
    r.write(u"apps/api/deployment.yaml"_s, "api: 2\n");
    m_bad = r.commit(u"bad release"_s);
}

void TestRevert::restoreFolder()
{
    TestRepo r;
    makeHistory(r);
    Result<Repository> repo = Repository::open(r.path());
    QVERIFY2(repo, errorText(repo).constData());

    const Result<QString> id
        = repo->restorePaths(m_good, { u"apps/web"_s }, u"Restore web to the good release"_s, author());
    QVERIFY2(id, errorText(id).constData());
    QCOMPARE(*repo->resolve(u"HEAD"_s), *id);
    const Result<CommitInfo> info = repo->commit(*id);
    QVERIFY(info);
    QCOMPARE(info->parents, QStringList { m_bad });
    QCOMPARE(info->author, u"Ada Driftline"_s);
    QCOMPARE(info->summary, u"Restore web to the good release"_s);

    // The restored folder is the good release's; everything else is HEAD's.
    QCOMPARE(*repo->treeId(*id, u"apps/web"_s), *repo->treeId(m_good, u"apps/web"_s));
    QCOMPARE(*repo->treeId(*id, u"apps/api"_s), *repo->treeId(m_bad, u"apps/api"_s));
    QCOMPARE(*repo->treeId(*id, u"driftline.yaml"_s), *repo->treeId(m_bad, u"driftline.yaml"_s));
    QVERIFY(*repo->treeId(*id, u"apps/web"_s) != *repo->treeId(m_bad, u"apps/web"_s));

    // Working tree and index follow: clean status, files as restored.
    QCOMPARE(r.git({ u"status"_s, u"--porcelain"_s }), u""_s);
    QCOMPARE(contents(r, u"apps/web/deployment.yaml"_s), QByteArray("replicas: 1\n"));
    QCOMPARE(contents(r, u"apps/web/config/service.yaml"_s), QByteArray("port: 80\n"));
    QVERIFY(!QFileInfo::exists(r.filePath(u"apps/web/extra.yaml"_s)));
    QCOMPARE(contents(r, u"apps/api/deployment.yaml"_s), QByteArray("api: 2\n"));

    // Again: nothing would change.
    const Result<QString> again = repo->restorePaths(m_good, { u"apps/web"_s }, u"again"_s, author());
    QVERIFY(!again);
    QVERIFY2(again.error().message.contains(u"already matches"_s), qPrintable(again.error().message));
    QCOMPARE(*repo->resolve(u"HEAD"_s), *id);
}

void TestRevert::restoreFileAbsentAtRevision()
{
    TestRepo r;
    makeHistory(r);
    Result<Repository> repo = Repository::open(r.path());
    QVERIFY(repo);
    // extra.yaml did not exist in the good release: restoring it removes it;
    // a file and a folder may be named together.
    const Result<QString> id = repo->restorePaths(
        m_good, { u"apps/web/extra.yaml"_s, u"apps/api/"_s }, u"drop extra"_s, author());
    QVERIFY2(id, errorText(id).constData());
    QCOMPARE(r.git({ u"diff-tree"_s, u"--no-commit-id"_s, u"--name-status"_s, u"-r"_s, *id }),
        u"M\tapps/api/deployment.yaml\nD\tapps/web/extra.yaml"_s);
    QVERIFY(!QFileInfo::exists(r.filePath(u"apps/web/extra.yaml"_s)));
    QCOMPARE(r.git({ u"status"_s, u"--porcelain"_s }), u""_s);
    QCOMPARE(repo->treeId(*id, u"apps/web/extra.yaml"_s).error().code, Error::Code::NotFound);
}

void TestRevert::restoreRefusedOnUncommittedChanges_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("stage");
    QTest::newRow("modified, not staged") << u"apps/web/deployment.yaml"_s << false;
    QTest::newRow("modified and staged") << u"apps/web/deployment.yaml"_s << true;
    QTest::newRow("untracked") << u"apps/web/new.yaml"_s << false;
}

void TestRevert::restoreRefusedOnUncommittedChanges()
{
    QFETCH(QString, file);
    QFETCH(bool, stage);
    TestRepo r;
    makeHistory(r);
    r.write(file, "edited by hand\n");
    if (stage)
        r.git({ u"add"_s, file });
    r.write(u"apps/api/deployment.yaml"_s, "api: local edit\n"); // outside the restored folder
    const QString statusBefore = r.git({ u"status"_s, u"--porcelain"_s });

    Result<Repository> repo = Repository::open(r.path());
    QVERIFY(repo);
    const Result<QString> id = repo->restorePaths(m_good, { u"apps/web"_s }, u"restore"_s, author());
    QVERIFY(!id);
    QVERIFY2(id.error().message.contains(file), qPrintable(id.error().message));
    QVERIFY2(id.error().message.contains(u"uncommitted"_s), qPrintable(id.error().message));
    QVERIFY(!id.error().message.contains(u"apps/api"_s));
    QCOMPARE(id.error().file, file);
    // Nothing written.
    QCOMPARE(*repo->resolve(u"HEAD"_s), m_bad);
    QCOMPARE(r.git({ u"status"_s, u"--porcelain"_s }), statusBefore);
    QCOMPARE(contents(r, file), QByteArray("edited by hand\n"));

    // Changes elsewhere do not stop a restore of apps/web once it is clean, and survive it.
    if (stage)
        r.git({ u"reset"_s, u"-q"_s, u"--"_s, file });
    r.git({ u"checkout"_s, u"-q"_s, u"--"_s, u"apps/web"_s });
    r.remove(u"apps/web/new.yaml"_s);
    const Result<QString> ok = repo->restorePaths(m_good, { u"apps/web"_s }, u"restore"_s, author());
    QVERIFY2(ok, errorText(ok).constData());
    QCOMPARE(r.git({ u"status"_s, u"--porcelain"_s }), u"M apps/api/deployment.yaml"_s);
    QCOMPARE(contents(r, u"apps/api/deployment.yaml"_s), QByteArray("api: local edit\n"));
}

void TestRevert::restoreRefusals()
{
    TestRepo r;
    makeHistory(r);
    Result<Repository> repo = Repository::open(r.path());
    QVERIFY(repo);
    const Result<QString> nowhere = repo->restorePaths(m_good, { u"apps/nope"_s }, u"x"_s, author());
    QVERIFY(!nowhere);
    QCOMPARE(nowhere.error().code, Error::Code::NotFound);
    QVERIFY(!repo->restorePaths(m_good, {}, u"x"_s, author()));
    QVERIFY(!repo->restorePaths(m_good, { u"../outside"_s }, u"x"_s, author()));
    const Result<QString> badRevision = repo->restorePaths(u"no-such-branch"_s, { u"apps"_s }, u"x"_s, author());
    QVERIFY(!badRevision);
    QCOMPARE(badRevision.error().code, Error::Code::NotFound);

    r.git({ u"checkout"_s, u"-q"_s, u"--detach"_s });
    const Result<QString> detached = repo->restorePaths(m_good, { u"apps/web"_s }, u"x"_s, author());
    QVERIFY(!detached);
    QVERIFY2(detached.error().message.contains(u"detached"_s), qPrintable(detached.error().message));
    QCOMPARE(*repo->resolve(u"HEAD"_s), m_bad);
}

void TestRevert::revertCommits()
{
    TestRepo r;
    QVERIFY(r.isValid());
    r.write(u"a.yaml"_s, tenLines("first", "ninth"));
    r.write(u"b.yaml"_s, "b: 1\n");
    const QString c1 = r.commit(u"start"_s);
    r.write(u"a.yaml"_s, tenLines("first changed", "ninth"));
    const QString c2 = r.commit(u"change a's first line"_s);
    r.write(u"b.yaml"_s, "b: 2\n");
    r.write(u"c.yaml"_s, "new: file\n");
    const QString c3 = r.commit(u"change b, add c"_s);
    r.write(u"a.yaml"_s, tenLines("first changed", "ninth changed"));
    const QString c4 = r.commit(u"change a's ninth line"_s);

    Result<Repository> repo = Repository::open(r.path());
    QVERIFY(repo);
    // Given oldest first: applied newest first all the same.
    const Result<QString> id = repo->revertCommits({ c2, c3 }, u"Revert two commits"_s, author());
    QVERIFY2(id, errorText(id).constData());
    QCOMPARE(repo->commit(*id)->parents, QStringList { c4 });
    QCOMPARE(r.git({ u"show"_s, *id + u":a.yaml"_s }).toUtf8() + '\n', tenLines("first", "ninth changed"));
    QCOMPARE(*repo->treeId(*id, u"b.yaml"_s), *repo->treeId(c1, u"b.yaml"_s));
    QCOMPARE(repo->treeId(*id, u"c.yaml"_s).error().code, Error::Code::NotFound);
    QCOMPARE(r.git({ u"status"_s, u"--porcelain"_s }), u""_s);
    QCOMPARE(contents(r, u"a.yaml"_s), tenLines("first", "ninth changed"));
    QVERIFY(!QFileInfo::exists(r.filePath(u"c.yaml"_s)));
}

void TestRevert::revertConflict()
{
    TestRepo r;
    QVERIFY(r.isValid());
    r.write(u"a.yaml"_s, tenLines("first", "ninth"));
    r.commit(u"start"_s);
    r.write(u"a.yaml"_s, tenLines("first changed", "ninth"));
    const QString c2 = r.commit(u"change"_s);
    r.write(u"a.yaml"_s, tenLines("first changed again", "ninth"));
    const QString c3 = r.commit(u"change the same line"_s);

    Result<Repository> repo = Repository::open(r.path());
    QVERIFY(repo);
    const Result<QString> id = repo->revertCommits({ c2 }, u"Revert"_s, author());
    QVERIFY(!id);
    QVERIFY2(id.error().message.contains(u"a.yaml"_s), qPrintable(id.error().message));
    QVERIFY2(id.error().message.contains(u"conflict"_s), qPrintable(id.error().message));
    QCOMPARE(*repo->resolve(u"HEAD"_s), c3);
    QCOMPARE(r.git({ u"status"_s, u"--porcelain"_s }), u""_s);

    // Uncommitted changes in a file the revert would touch stop it too.
    r.write(u"a.yaml"_s, tenLines("first changed again", "ninth edited"));
    const Result<QString> dirty = repo->revertCommits({ c3 }, u"Revert"_s, author());
    QVERIFY(!dirty);
    QVERIFY2(dirty.error().message.contains(u"uncommitted"_s), qPrintable(dirty.error().message));
    QCOMPARE(*repo->resolve(u"HEAD"_s), c3);
}

QTEST_GUILESS_MAIN(TestRevert)
#include "tst_revert.moc"
