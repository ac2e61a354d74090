// Repository::commitFiles: commits exactly the named working-tree files on the
// current branch and leaves every other change (unstaged or staged) as it was.
#include "git/repository.h"
#include "gittestutil.h"
#include "testsupport/testrepo.h"

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

QStringList lines(const QString& text)
{
    return text.isEmpty() ? QStringList {} : text.split(u'\n');
}
} // namespace

class TestCommitFiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void onlyTheNamedFileIsCommitted();
    void newFileInFolderAndDeletion();
    void onUnbornBranch();
    void refusals();

private:
    QTemporaryDir m_home;
};

void TestCommitFiles::initTestCase()
{
    QVERIFY(m_home.isValid());
    test::isolateGitConfig(m_home);
}

void TestCommitFiles::onlyTheNamedFileIsCommitted()
{
    TestRepo r;
    QVERIFY(r.isValid());
    r.write(u"driftline.yaml"_s, "applications: []\n");
    r.write(u"apps/web/deployment.yaml"_s, "replicas: 1\n");
    r.write(u"apps/api/deployment.yaml"_s, "replicas: 2\n");
    const QString base = r.commit(u"start"_s);

    r.write(u"driftline.yaml"_s, "applications: [] # edited\n");
    r.write(u"apps/web/deployment.yaml"_s, "replicas: 5\n"); // modified, not staged
    r.write(u"apps/api/deployment.yaml"_s, "replicas: 3\n"); // modified and staged
    r.git({ u"add"_s, u"apps/api/deployment.yaml"_s });
    r.write(u"notes.txt"_s, "untracked\n");

    Result<Repository> repo = Repository::open(r.path());
    QVERIFY2(repo, errorText(repo).constData());
    const Result<QString> id = repo->commitFiles({ u"driftline.yaml"_s }, u"driftline.yaml: ignore it"_s, author());
    QVERIFY2(id, errorText(id).constData());

    QCOMPARE(r.git({ u"rev-parse"_s, u"main"_s }), *id);
    QCOMPARE(r.git({ u"rev-parse"_s, id->left(8) + u"^"_s }), base);
    QCOMPARE(r.git({ u"diff-tree"_s, u"--no-commit-id"_s, u"--name-only"_s, u"-r"_s, *id }),
        u"driftline.yaml"_s);
    QCOMPARE(r.git({ u"show"_s, *id + u":driftline.yaml"_s }), u"applications: [] # edited"_s);
    QCOMPARE(r.git({ u"log"_s, u"-1"_s, u"--format=%an <%ae>|%s"_s }),
        u"Ada Driftline <ada@example.org>|driftline.yaml: ignore it"_s);
    // The other changes: the unstaged one still unstaged, the staged one still
    // staged with its staged contents, the untracked file untracked.
    QCOMPARE(lines(r.git({ u"status"_s, u"--porcelain"_s })),
        (QStringList { u"M  apps/api/deployment.yaml"_s, u" M apps/web/deployment.yaml"_s, u"?? notes.txt"_s }));
    QCOMPARE(r.git({ u"show"_s, u":apps/api/deployment.yaml"_s }), u"replicas: 3"_s);
    QCOMPARE(r.git({ u"show"_s, u"HEAD:apps/web/deployment.yaml"_s }), u"replicas: 1"_s);

    // The repository's own view agrees.
    const Result<QStringList> changes = repo->uncommittedChanges({ u"driftline.yaml"_s });
    QVERIFY2(changes, errorText(changes).constData());
    QVERIFY(changes->isEmpty());
}

void TestCommitFiles::newFileInFolderAndDeletion()
{
    TestRepo r;
    QVERIFY(r.isValid());
    r.write(u"a/old.yaml"_s, "old\n");
    r.write(u"b.yaml"_s, "b\n");
    r.commit(u"start"_s);
    r.write(u"a/deep/new.yaml"_s, "new\n");
    r.write(u"a/other.yaml"_s, "other\n");
    r.remove(u"a/old.yaml"_s);

    Result<Repository> repo = Repository::open(r.path());
    QVERIFY(repo);
    // One path relative, one absolute inside the working tree.
    const Result<QString> id = repo->commitFiles(
        { u"a/deep/new.yaml"_s, r.filePath(u"a/old.yaml"_s) }, u"add and remove"_s, author());
    QVERIFY2(id, errorText(id).constData());
    QCOMPARE(lines(r.git({ u"diff-tree"_s, u"--no-commit-id"_s, u"--name-status"_s, u"-r"_s, *id })),
        (QStringList { u"A\ta/deep/new.yaml"_s, u"D\ta/old.yaml"_s }));
    QCOMPARE(lines(r.git({ u"status"_s, u"--porcelain"_s })), QStringList { u"?? a/other.yaml"_s });
}

void TestCommitFiles::onUnbornBranch()
{
    TestRepo r;
    QVERIFY(r.isValid());
    r.write(u"driftline.yaml"_s, "version: 1\n");
    r.write(u"other.yaml"_s, "x: 1\n");
    Result<Repository> repo = Repository::open(r.path());
    QVERIFY(repo);
    const Result<QString> id = repo->commitFiles({ u"driftline.yaml"_s }, u"first"_s, author());
    QVERIFY2(id, errorText(id).constData());
    QCOMPARE(r.git({ u"rev-parse"_s, u"main"_s }), *id);
    QCOMPARE(r.git({ u"ls-tree"_s, u"--name-only"_s, u"-r"_s, u"HEAD"_s }), u"driftline.yaml"_s);
    QCOMPARE(lines(r.git({ u"status"_s, u"--porcelain"_s })), QStringList { u"?? other.yaml"_s });
}

void TestCommitFiles::refusals()
{
    TestRepo r;
    QVERIFY(r.isValid());
    r.write(u"driftline.yaml"_s, "version: 1\n");
    const QString first = r.commit(u"start"_s);
    Result<Repository> repo = Repository::open(r.path());
    QVERIFY(repo);

    Result<QString> id = repo->commitFiles({}, u"m"_s, author());
    QVERIFY(!id);
    id = repo->commitFiles({ u"../elsewhere.yaml"_s }, u"m"_s, author());
    QVERIFY(!id);
    QVERIFY2(id.error().message.contains(u"not a file inside the working tree"_s), qPrintable(id.error().message));
    id = repo->commitFiles({ u"missing.yaml"_s }, u"m"_s, author());
    QVERIFY(!id);
    QCOMPARE(id.error().code, Error::Code::NotFound);

    // Detached HEAD: no branch to move.
    r.write(u"driftline.yaml"_s, "version: 1 # changed\n");
    r.git({ u"checkout"_s, u"-q"_s, u"--detach"_s });
    id = repo->commitFiles({ u"driftline.yaml"_s }, u"m"_s, author());
    QVERIFY(!id);
    QCOMPARE(id.error().code, Error::Code::Unsupported);
    QVERIFY2(id.error().message.contains(u"detached"_s), qPrintable(id.error().message));
    QCOMPARE(r.git({ u"rev-parse"_s, u"HEAD"_s }), first);

    TestRepo bare(true);
    QVERIFY(bare.isValid());
    Result<Repository> bareRepo = Repository::open(bare.path());
    QVERIFY(bareRepo);
    id = bareRepo->commitFiles({ u"driftline.yaml"_s }, u"m"_s, author());
    QVERIFY(!id);
    QVERIFY2(id.error().message.contains(u"bare"_s), qPrintable(id.error().message));
}

QTEST_GUILESS_MAIN(TestCommitFiles)
#include "tst_commitfiles.moc"
