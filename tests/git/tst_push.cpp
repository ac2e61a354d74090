// Repository::push against a real bare repository over a file:// URL: the
// remote branch and the remote-tracking branch follow the local one, and a
// push the remote must refuse (it has commits we lack) is explained.
#include "git/repository.h"
#include "gittestutil.h"
#include "testsupport/testrepo.h"

#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::git;
using driftline::test::errorText;
using driftline::test::runGit;
using driftline::test::TestRepo;

namespace
{
Signature author()
{
    return Signature { u"Ada Driftline"_s, u"ada@example.org"_s, {} };
}

QString trackingTarget(const Repository& repo, const QString& name)
{
    const Result<QList<BranchInfo>> all = repo.branches();
    if (!all)
        return {};
    for (const BranchInfo& b : *all) {
        if (b.name == name)
            return b.targetId;
    }
    return {};
}
} // namespace

class TestPush : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pushCurrentBranch();
    void rejectedNonFastForward();
    void refusals();

private:
    QString originUrl() const { return QUrl::fromLocalFile(m_origin->path()).toString(); }
    // A clone of origin made by Driftline, with one new committed file.
    Result<Repository> cloneAndCommit(const QString& folder, const QString& file);

    QTemporaryDir m_home;
    QTemporaryDir m_work;
    std::unique_ptr<TestRepo> m_origin; // bare
};

void TestPush::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY(m_work.isValid());
    test::isolateGitConfig(m_home);
    m_origin = std::make_unique<TestRepo>(true);
    TestRepo source;
    QVERIFY(m_origin->isValid() && source.isValid());
    source.write(u"apps/web/deployment.yaml"_s, "replicas: 1\n");
    source.commit(u"start"_s);
    source.git({ u"push"_s, u"-q"_s, m_origin->path(), u"main"_s });
}

Result<Repository> TestPush::cloneAndCommit(const QString& folder, const QString& file)
{
    const QString dir = m_work.filePath(folder);
    Result<Repository> repo = Repository::clone(originUrl(), dir);
    if (!repo)
        return repo;
    test::writeFile(dir + u'/' + file, "new: " + file.toUtf8() + "\n");
    const Result<QString> id = repo->commitFiles({ file }, u"add "_s + file, author());
    if (!id)
        return fail(id.error());
    return repo;
}

void TestPush::pushCurrentBranch()
{
    Result<Repository> repo = cloneAndCommit(u"pusher"_s, u"apps/web/service.yaml"_s);
    QVERIFY2(repo, errorText(repo).constData());
    const QString head = *repo->resolve(u"HEAD"_s);
    QVERIFY(m_origin->git({ u"rev-parse"_s, u"refs/heads/main"_s }) != head);

    QList<TransferProgress> seen;
    const Result<void> pushed = repo->push(u"origin"_s, {}, [&](const TransferProgress& p) {
        seen.append(p);
        return true;
    });
    QVERIFY2(pushed, errorText(pushed).constData());
    QCOMPARE(m_origin->git({ u"rev-parse"_s, u"refs/heads/main"_s }), head);
    QCOMPARE(trackingTarget(*repo, u"origin/main"_s), head);

    // Pushing again is a no-op, not an error.
    QVERIFY(repo->push());
}

void TestPush::rejectedNonFastForward()
{
    Result<Repository> late = cloneAndCommit(u"late"_s, u"apps/web/late.yaml"_s);
    QVERIFY2(late, errorText(late).constData());
    // Someone else pushes first.
    Result<Repository> early = cloneAndCommit(u"early"_s, u"apps/web/early.yaml"_s);
    QVERIFY2(early, errorText(early).constData());
    QVERIFY(early->push());
    const QString remoteHead = m_origin->git({ u"rev-parse"_s, u"refs/heads/main"_s });
    QCOMPARE(remoteHead, *early->resolve(u"HEAD"_s));

    const Result<void> pushed = late->push();
    QVERIFY(!pushed);
    QVERIFY2(pushed.error().message.contains(u"fetch first"_s), qPrintable(pushed.error().toString()));
    QVERIFY2(pushed.error().message.contains(u"commits"_s), qPrintable(pushed.error().toString()));
    QVERIFY(!pushed.error().detail.isEmpty());
    QCOMPARE(m_origin->git({ u"rev-parse"_s, u"refs/heads/main"_s }), remoteHead);

    // After a fetch and a merge the same push goes through.
    QVERIFY(late->fetch());
    QVERIFY(!runGit(late->workdir(),
        { u"-c"_s, u"user.name=T"_s, u"-c"_s, u"user.email=t@example.org"_s, u"merge"_s, u"-q"_s,
            u"--no-edit"_s, u"origin/main"_s })
                .isNull());
    const Result<void> again = late->push();
    QVERIFY2(again, errorText(again).constData());
    QCOMPARE(m_origin->git({ u"rev-parse"_s, u"refs/heads/main"_s }), *late->resolve(u"HEAD"_s));
}

void TestPush::refusals()
{
    Result<Repository> repo = cloneAndCommit(u"refusals"_s, u"x.yaml"_s);
    QVERIFY2(repo, errorText(repo).constData());
    const Result<void> noRemote = repo->push(u"upstream"_s);
    QVERIFY(!noRemote);
    QVERIFY2(noRemote.error().message.contains(u"upstream"_s), qPrintable(noRemote.error().message));
    QVERIFY(!repo->push(u"origin"_s, u"no-such-branch"_s));

    QVERIFY(!runGit(repo->workdir(), { u"checkout"_s, u"-q"_s, u"--detach"_s }).isNull());
    const Result<void> detached = repo->push();
    QVERIFY(!detached);
    QVERIFY2(detached.error().message.contains(u"branch"_s), qPrintable(detached.error().message));
}

QTEST_GUILESS_MAIN(TestPush)
#include "tst_push.moc"
