// Clone and fetch against a real bare repository over file:// URLs:
// progress, cancel, errors that name the URL, remote branches and upstreams.
#include "git/repository.h"
#include "gittestutil.h"
#include "testsupport/testrepo.h"

#include <QDir>
#include <QFileInfo>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::git;
using driftline::test::errorText;
using driftline::test::TestRepo;

class TestRemote : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cloneWithProgress();
    void cloneBranch();
    void cloneCancelled_data();
    void cloneCancelled();
    void cloneBadUrl_data();
    void cloneBadUrl();
    void cloneIntoNonEmptyFolder();
    void fetchNewCommits();
    void fetchUnknownRemote();

private:
    QString originUrl() const { return QUrl::fromLocalFile(m_origin->path()).toString(); }
    // Adds a commit to the source and pushes it to the bare origin.
    QString pushNewCommit(const QString& file);

    QTemporaryDir m_home;
    QTemporaryDir m_work;
    std::unique_ptr<TestRepo> m_source;
    std::unique_ptr<TestRepo> m_origin; // bare
};

void TestRemote::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY(m_work.isValid());
    test::isolateGitConfig(m_home);

    m_source = std::make_unique<TestRepo>();
    m_origin = std::make_unique<TestRepo>(true);
    QVERIFY(m_source->isValid());
    QVERIFY(m_origin->isValid());
    // Enough objects that a transfer reports several steps.
    for (int c = 0; c < 3; ++c) {
        for (int i = 0; i < 20; ++i)
            m_source->write(u"apps/app%1/resource%2.yaml"_s.arg(c).arg(i),
                "kind: ConfigMap\nmetadata:\n  name: cm-" + QByteArray::number(c * 100 + i) + "\n");
        m_source->commit(u"batch %1"_s.arg(c));
    }
    m_source->git({ u"branch"_s, u"feature"_s });
    m_source->git({ u"push"_s, u"-q"_s, m_origin->path(), u"main"_s, u"feature"_s });
}

QString TestRemote::pushNewCommit(const QString& file)
{
    m_source->write(file, "new: true\n");
    const QString id = m_source->commit(u"add "_s + file);
    m_source->git({ u"push"_s, u"-q"_s, m_origin->path(), u"main"_s });
    return id;
}

void TestRemote::cloneWithProgress()
{
    const QString destination = m_work.filePath(u"clone-progress"_s);
    QList<TransferProgress> seen;
    auto repo = Repository::clone(originUrl(), destination, [&](const TransferProgress& p) {
        seen.append(p);
        return true;
    });
    QVERIFY2(repo, errorText(repo));

    QCOMPARE(QFileInfo(repo->workdir()).canonicalFilePath(), QFileInfo(destination).canonicalFilePath());
    QVERIFY(QFileInfo::exists(destination + u"/apps/app2/resource19.yaml"_s));
    QCOMPARE(repo->currentBranch(), u"main"_s);
    auto head = repo->resolve(u"HEAD"_s);
    QVERIFY2(head, errorText(head));
    QCOMPARE(*head, m_source->git({ u"rev-parse"_s, u"main"_s }));

    QVERIFY(!seen.isEmpty());
    quint64 previous = 0;
    bool sawTotal = false;
    for (const TransferProgress& p : std::as_const(seen)) {
        QVERIFY2(p.receivedObjects >= previous, "received objects went backwards");
        QVERIFY(p.totalObjects == 0 || p.receivedObjects <= p.totalObjects);
        previous = p.receivedObjects;
        sawTotal = sawTotal || p.totalObjects > 0;
    }
    QVERIFY(sawTotal);
    QCOMPARE(seen.constLast().receivedObjects, seen.constLast().totalObjects);
    // 3 commits + their trees + 60 blobs at least.
    QVERIFY2(seen.constLast().totalObjects >= 60, qPrintable(QString::number(seen.constLast().totalObjects)));
}

void TestRemote::cloneBranch()
{
    const QString destination = m_work.filePath(u"clone-feature"_s);
    auto repo = Repository::clone(originUrl(), destination, {}, u"feature"_s);
    QVERIFY2(repo, errorText(repo));
    QCOMPARE(repo->currentBranch(), u"feature"_s);
}

void TestRemote::cloneCancelled_data()
{
    QTest::addColumn<int>("cancelAfter"); // progress calls answered true before the false
    QTest::newRow("at the first report") << 0;
    QTest::newRow("mid transfer") << 3;
}

void TestRemote::cloneCancelled()
{
    QFETCH(int, cancelAfter);
    const QString destination = m_work.filePath(u"clone-cancelled-%1"_s.arg(cancelAfter));
    int calls = 0;
    auto repo = Repository::clone(
        originUrl(), destination, [&](const TransferProgress&) { return calls++ < cancelAfter; });
    QVERIFY(!repo);
    QCOMPARE(calls, cancelAfter + 1); // no report after the cancel
    QCOMPARE(repo.error().code, Error::Code::Cancelled);
    QCOMPARE(repo.error().message, u"clone cancelled"_s);
    QVERIFY2(!QFileInfo::exists(destination), "the partial clone was left behind");
}

void TestRemote::cloneBadUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("shown"); // what the message must name
    QTest::addColumn<QString>("hidden"); // what it must not show
    const QString missing = QUrl::fromLocalFile(m_work.filePath(u"no-such-repository.git"_s)).toString();
    QTest::newRow("missing file:// path") << missing << missing << QString();
    QTest::newRow("https with a token, nothing listening")
        << u"https://deploy:s3cr3t-t0ken@127.0.0.1:1/team/repo.git"_s << u"127.0.0.1:1/team/repo.git"_s
        << u"s3cr3t-t0ken"_s;
}

void TestRemote::cloneBadUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, shown);
    QFETCH(QString, hidden);
    const QString destination = m_work.filePath(u"clone-bad"_s);
    auto repo = Repository::clone(url, destination);
    QVERIFY(!repo);
    QCOMPARE(repo.error().code, Error::Code::Git);
    const QString text = repo.error().toString();
    qInfo("%s", qPrintable(text));
    QVERIFY2(text.contains(shown), qPrintable(text));
    QVERIFY2(text.startsWith(u"cannot clone "_s), qPrintable(text));
    if (!hidden.isEmpty())
        QVERIFY2(!text.contains(hidden), "the error shows a secret from the URL");
    QVERIFY(!QFileInfo::exists(destination));
}

void TestRemote::cloneIntoNonEmptyFolder()
{
    const QString destination = m_work.filePath(u"occupied"_s);
    test::writeFile(destination + u"/mine.txt"_s, "keep me\n");
    auto repo = Repository::clone(originUrl(), destination);
    QVERIFY(!repo);
    QCOMPARE(repo.error().code, Error::Code::InvalidInput);
    QVERIFY(QFileInfo::exists(destination + u"/mine.txt"_s));
}

void TestRemote::fetchNewCommits()
{
    const QString destination = m_work.filePath(u"clone-fetch"_s);
    auto repo = Repository::clone(originUrl(), destination);
    QVERIFY2(repo, errorText(repo));
    const QString before = *repo->resolve(u"origin/main"_s);

    // Local and remote branches, with the upstream the clone set up.
    auto branches = repo->branches();
    QVERIFY2(branches, errorText(branches));
    QStringList names;
    for (const BranchInfo& b : *branches) {
        names << (b.remote ? u"remote "_s : u"local "_s) + b.name + (b.isHead ? u" *"_s : QString())
                + (b.upstream.isEmpty() ? QString() : u" -> "_s + b.upstream);
        QCOMPARE(b.targetId, m_source->git({ u"rev-parse"_s, b.name.section(u'/', -1) }));
    }
    names.sort();
    QCOMPARE(names,
        (QStringList {
            u"local main * -> origin/main"_s, u"remote origin/feature"_s, u"remote origin/main"_s }));

    const QString first = pushNewCommit(u"apps/new/one.yaml"_s);
    const QString second = pushNewCommit(u"apps/new/two.yaml"_s);
    QVERIFY(!repo->resolve(second)); // not here yet

    int reports = 0;
    auto fetched = repo->fetch(u"origin"_s, [&](const TransferProgress&) {
        ++reports;
        return true;
    });
    QVERIFY2(fetched, errorText(fetched));
    auto after = repo->resolve(u"origin/main"_s);
    QVERIFY2(after, errorText(after));
    QCOMPARE(*after, second);
    QVERIFY(*after != before);
    auto parent = repo->commit(second);
    QVERIFY2(parent, errorText(parent));
    QCOMPARE(parent->parents, QStringList { first });
    // Fetching moves remote-tracking branches only: the checkout stays where it was.
    QCOMPARE(*repo->resolve(u"main"_s), before);
    QVERIFY(!QFileInfo::exists(destination + u"/apps/new/one.yaml"_s));
    auto content = repo->readFile(u"origin/main"_s, u"apps/new/two.yaml"_s);
    QVERIFY2(content, errorText(content));
    QCOMPARE(*content, QByteArray("new: true\n"));
    QVERIFY(reports > 0);

    // Cancelling a fetch with something to transfer reports Cancelled.
    pushNewCommit(u"apps/new/three.yaml"_s);
    auto cancelled = repo->fetch(u"origin"_s, [](const TransferProgress&) { return false; });
    QVERIFY(!cancelled);
    QCOMPARE(cancelled.error().code, Error::Code::Cancelled);
}

void TestRemote::fetchUnknownRemote()
{
    auto repo = Repository::open(m_source->path());
    QVERIFY2(repo, errorText(repo));
    auto fetched = repo->fetch(u"upstream"_s);
    QVERIFY(!fetched);
    QVERIFY2(fetched.error().message.contains(u"'upstream'"_s), qPrintable(fetched.error().message));
}

QTEST_GUILESS_MAIN(TestRemote)
#include "tst_remote.moc"
