// Repository::history: commits that touched paths, across merges and renames
// and over a long generated history, checked against the git program.
#include "git/repository.h"
#include "gittestutil.h"
#include "testsupport/testrepo.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::git;
using driftline::test::errorText;
using driftline::test::TestRepo;

namespace
{
QStringList ids(const QList<CommitInfo>& commits)
{
    QStringList out;
    for (const CommitInfo& c : commits)
        out << c.id;
    return out;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

QStringList gitLog(TestRepo& r, const QStringList& extra)
{
    const QString out = r.git(QStringList { u"log"_s, u"--format=%H"_s } + extra);
    return out.isEmpty() ? QStringList() : out.split(u'\n');
}

QByteArray lines(int changedLine, const QByteArray& marker)
{
    QByteArray out;
    for (int i = 1; i <= 12; ++i)
        out += "line " + QByteArray::number(i) + (i == changedLine ? " " + marker : QByteArray()) + "\n";
    return out;
}
} // namespace

class TestHistory : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void acrossMerge_data();
    void acrossMerge();
    void mergeThatChangesThePath();
    void followsRename();
    void severalPathsAndFolders();
    void maxCountAndFrom();
    void errors();
    void longHistory();

private:
    QTemporaryDir m_home;
    std::unique_ptr<TestRepo> m_merge;
    QHash<QString, QString> m_ids; // name -> commit id in m_merge
};

void TestHistory::initTestCase()
{
    QVERIFY(m_home.isValid());
    test::isolateGitConfig(m_home);

    // main:  base -- m1 ------ merge
    //           \            /
    // side:      s1 -- s2 --
    m_merge = std::make_unique<TestRepo>();
    TestRepo& r = *m_merge;
    QVERIFY(r.isValid());
    r.write(u"app/a.yaml"_s, "a: 1\n");
    r.write(u"lib/b.yaml"_s, "b: 1\n");
    m_ids[u"base"_s] = r.commit(u"base"_s);
    r.git({ u"checkout"_s, u"-q"_s, u"-b"_s, u"side"_s });
    r.write(u"app/a.yaml"_s, "a: 2\n");
    m_ids[u"s1"_s] = r.commit(u"side: change a"_s);
    r.write(u"docs/x.md"_s, "x\n");
    m_ids[u"s2"_s] = r.commit(u"side: docs"_s);
    r.git({ u"checkout"_s, u"-q"_s, u"main"_s });
    r.write(u"lib/b.yaml"_s, "b: 2\n");
    m_ids[u"m1"_s] = r.commit(u"main: change b"_s);
    r.git({ u"merge"_s, u"-q"_s, u"--no-ff"_s, u"-m"_s, u"merge side"_s, u"side"_s });
    m_ids[u"merge"_s] = r.git({ u"rev-parse"_s, u"HEAD"_s });
    QCOMPARE(r.git({ u"rev-list"_s, u"--count"_s, u"--merges"_s, u"HEAD"_s }), u"1"_s);
}

void TestHistory::acrossMerge_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("expected"); // names, newest first
    QTest::newRow("changed on the merged branch") << u"app/a.yaml"_s << QStringList { u"s1"_s, u"base"_s };
    QTest::newRow("changed on main") << u"lib/b.yaml"_s << QStringList { u"m1"_s, u"base"_s };
    QTest::newRow("added on the merged branch") << u"docs"_s << QStringList { u"s2"_s };
    QTest::newRow("root") << QString() << QStringList { u"merge"_s, u"m1"_s, u"s2"_s, u"s1"_s, u"base"_s };
}

void TestHistory::acrossMerge()
{
    QFETCH(QString, path);
    QFETCH(QStringList, expected);
    auto repo = Repository::open(m_merge->path());
    QVERIFY2(repo, errorText(repo));
    auto history = repo->history({ path });
    QVERIFY2(history, errorText(history));

    QStringList expectedIds;
    for (const QString& name : expected)
        expectedIds << m_ids.value(name);
    QCOMPARE(sorted(ids(*history)), sorted(expectedIds));
    QVERIFY(!ids(*history).contains(m_ids[u"merge"_s]) || path.isEmpty());
    // git log's default history simplification gives the same commits.
    QStringList gitArgs { u"HEAD"_s };
    if (!path.isEmpty())
        gitArgs << u"--"_s << path;
    QCOMPARE(sorted(ids(*history)), sorted(gitLog(*m_merge, gitArgs)));
    // Newest first: no commit comes after one of its parents.
    for (qsizetype i = 0; i < history->size(); ++i) {
        for (qsizetype j = 0; j < i; ++j)
            QVERIFY2(!history->at(i).parents.contains(history->at(j).id), "a parent listed before its child");
    }
}

void TestHistory::mergeThatChangesThePath()
{
    // Both branches edit the same line; the merge resolves the conflict with new content,
    // so it differs from every parent and belongs to the file's history.
    TestRepo r;
    r.write(u"shared.yaml"_s, "value: base\n");
    r.write(u"other.yaml"_s, "o: 1\n");
    const QString base = r.commit(u"base"_s);
    r.git({ u"checkout"_s, u"-q"_s, u"-b"_s, u"side"_s });
    r.write(u"shared.yaml"_s, "value: side\n");
    const QString side = r.commit(u"side edit"_s);
    r.git({ u"checkout"_s, u"-q"_s, u"main"_s });
    r.write(u"shared.yaml"_s, "value: main\n");
    const QString main = r.commit(u"main edit"_s);
    r.write(u"other.yaml"_s, "o: 2\n");
    const QString unrelated = r.commit(u"unrelated"_s);
    QVERIFY(r.tryGit({ u"merge"_s, u"-q"_s, u"side"_s }) != 0); // the conflict
    r.write(u"shared.yaml"_s, "value: resolved\n");
    const QString merge = r.commit(u"merge side"_s);
    QCOMPARE(r.git({ u"rev-list"_s, u"--parents"_s, u"-1"_s, u"HEAD"_s }).split(u' ').size(), 3);

    auto repo = Repository::open(r.path());
    QVERIFY2(repo, errorText(repo));
    auto history = repo->history({ u"shared.yaml"_s });
    QVERIFY2(history, errorText(history));
    QCOMPARE(history->first().id, merge);
    QCOMPARE(sorted(ids(*history)), sorted({ merge, side, main, base }));
    QVERIFY(!ids(*history).contains(unrelated));
    QCOMPARE(sorted(ids(*history)), sorted(gitLog(r, { u"--"_s, u"shared.yaml"_s })));
}

void TestHistory::followsRename()
{
    TestRepo r;
    r.write(u"old/name.yaml"_s, lines(0, {}));
    r.write(u"other.yaml"_s, "o: 1\n");
    const QString c1 = r.commit(u"add"_s);
    r.write(u"old/name.yaml"_s, lines(2, "edited"));
    const QString c2 = r.commit(u"edit before rename"_s);
    r.git({ u"mv"_s, u"old/name.yaml"_s, u"name.yaml"_s });
    r.git({ u"mv"_s, u"name.yaml"_s, u"new-name.yaml"_s });
    r.write(
        u"new-name.yaml"_s, lines(5, "edited in the rename commit").replace("line 2\n", "line 2 edited\n"));
    const QString c3 = r.commit(u"rename and edit"_s);
    r.write(u"other.yaml"_s, "o: 2\n");
    const QString c4 = r.commit(u"unrelated"_s);
    QByteArray last = lines(9, "edited after rename");
    last.replace("line 2\n", "line 2 edited\n").replace("line 5\n", "line 5 edited in the rename commit\n");
    r.write(u"new-name.yaml"_s, last);
    const QString c5 = r.commit(u"edit after rename"_s);

    auto repo = Repository::open(r.path());
    QVERIFY2(repo, errorText(repo));
    auto history = repo->history({ u"new-name.yaml"_s });
    QVERIFY2(history, errorText(history));
    QCOMPARE(ids(*history), (QStringList { c5, c3, c2, c1 }));
    QCOMPARE(ids(*history), gitLog(r, { u"--follow"_s, u"--"_s, u"new-name.yaml"_s }));

    // The old name, absent at HEAD, has its own history up to the rename.
    auto old = repo->history({ u"old/name.yaml"_s });
    QVERIFY2(old, errorText(old));
    QCOMPARE(ids(*old), (QStringList { c3, c2, c1 }));

    // Renames are followed for one file only: a folder keeps its own name.
    auto folder = repo->history({ u"old"_s });
    QVERIFY2(folder, errorText(folder));
    QCOMPARE(ids(*folder), (QStringList { c3, c2, c1 }));
}

void TestHistory::severalPathsAndFolders()
{
    TestRepo r;
    r.write(u"apps/web/deploy.yaml"_s, "1\n");
    r.write(u"apps/api/deploy.yaml"_s, "1\n");
    r.write(u"apps/db/deploy.yaml"_s, "1\n");
    const QString c1 = r.commit(u"base"_s);
    r.write(u"apps/web/service.yaml"_s, "new\n");
    const QString c2 = r.commit(u"web service"_s);
    r.write(u"apps/api/deploy.yaml"_s, "2\n");
    const QString c3 = r.commit(u"api"_s);
    r.write(u"apps/db/deploy.yaml"_s, "2\n");
    const QString c4 = r.commit(u"db"_s);
    r.remove(u"apps/web/service.yaml"_s);
    const QString c5 = r.commit(u"drop web service"_s);

    auto repo = Repository::open(r.path());
    QVERIFY2(repo, errorText(repo));
    auto web = repo->history({ u"apps/web/"_s });
    QVERIFY2(web, errorText(web));
    QCOMPARE(ids(*web), (QStringList { c5, c2, c1 }));

    auto two = repo->history({ u"apps/web"_s, u"apps/api/deploy.yaml"_s });
    QVERIFY2(two, errorText(two));
    QCOMPARE(ids(*two), (QStringList { c5, c3, c2, c1 }));
    QCOMPARE(ids(*two), gitLog(r, { u"--"_s, u"apps/web"_s, u"apps/api/deploy.yaml"_s }));

    auto none = repo->history({ u"apps/cache"_s });
    QVERIFY2(none, errorText(none));
    QVERIFY(none->isEmpty());
    QCOMPARE(ids(*repo->history({})), (QStringList { c5, c4, c3, c2, c1 }));
}

void TestHistory::maxCountAndFrom()
{
    auto repo = Repository::open(m_merge->path());
    QVERIFY2(repo, errorText(repo));
    auto one = repo->history({ u"lib/b.yaml"_s }, u"HEAD"_s, 1);
    QVERIFY2(one, errorText(one));
    QCOMPARE(ids(*one), QStringList { m_ids[u"m1"_s] });
    auto none = repo->history({}, u"HEAD"_s, 0);
    QVERIFY2(none, errorText(none));
    QVERIFY(none->isEmpty());

    // From the side branch, main's change to lib/b.yaml is not reachable.
    auto side = repo->history({ u"lib/b.yaml"_s }, u"side"_s);
    QVERIFY2(side, errorText(side));
    QCOMPARE(ids(*side), QStringList { m_ids[u"base"_s] });
    auto all = repo->history({}, u"side"_s);
    QVERIFY2(all, errorText(all));
    QCOMPARE(ids(*all), (QStringList { m_ids[u"s2"_s], m_ids[u"s1"_s], m_ids[u"base"_s] }));
}

void TestHistory::errors()
{
    auto repo = Repository::open(m_merge->path());
    QVERIFY2(repo, errorText(repo));
    auto missing = repo->history({ u"app"_s }, u"release-9"_s);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, Error::Code::NotFound);
    QVERIFY2(missing.error().message.contains(u"release-9"_s), qPrintable(missing.error().message));
}

void TestHistory::longHistory()
{
    // 2,000 linear commits through git fast-import (seconds, not minutes); every 10th
    // touches apps/web/deploy.yaml, the others cycle through seven other files.
    TestRepo r;
    QVERIFY(r.isValid());
    constexpr int commits = 2000;
    QByteArray stream;
    stream.reserve(commits * 200);
    for (int i = 1; i <= commits; ++i) {
        const QByteArray n = QByteArray::number(i);
        const QByteArray message = "commit " + n + "\n";
        const QByteArray file = i % 10 == 0 ? QByteArray("apps/web/deploy.yaml")
                                            : "other/file" + QByteArray::number(i % 7) + ".txt";
        const QByteArray content = "revision: " + n + "\n";
        stream += "commit refs/heads/main\nmark :" + n + "\n";
        stream
            += "committer Gen <gen@example.org> " + QByteArray::number(1'600'000'000LL + i * 60) + " +0000\n";
        stream += "data " + QByteArray::number(message.size()) + "\n" + message;
        if (i > 1)
            stream += "from :" + QByteArray::number(i - 1) + "\n";
        stream += "M 100644 inline " + file + "\ndata " + QByteArray::number(content.size()) + "\n" + content
            + "\n";
    }
    QVERIFY(!test::runGit(r.path(), { u"fast-import"_s, u"--quiet"_s }, stream).isNull());
    QCOMPARE(r.git({ u"rev-list"_s, u"--count"_s, u"main"_s }), QString::number(commits));

    auto repo = Repository::open(r.path());
    QVERIFY2(repo, errorText(repo));
    QElapsedTimer timer;
    timer.start();
    auto history = repo->history({ u"apps/web/deploy.yaml"_s }, u"main"_s);
    QVERIFY2(history, errorText(history));
    qInfo("history of one file over %d commits: %lld ms", commits, timer.elapsed());
    QCOMPARE(history->size(), commits / 10);
    QCOMPARE(ids(*history), gitLog(r, { u"main"_s, u"--"_s, u"apps/web/deploy.yaml"_s }));
    QCOMPARE(history->first().summary, u"commit 2000"_s);
    QCOMPARE(history->last().summary, u"commit 10"_s);

    timer.restart();
    auto folder = repo->history({ u"apps"_s }, u"main"_s);
    QVERIFY2(folder, errorText(folder));
    qInfo("history of one folder: %lld ms", timer.elapsed());
    QCOMPARE(folder->size(), commits / 10);

    auto others = repo->history({ u"other/file3.txt"_s, u"other/file5.txt"_s }, u"main"_s);
    QVERIFY2(others, errorText(others));
    QCOMPARE(ids(*others), gitLog(r, { u"main"_s, u"--"_s, u"other/file3.txt"_s, u"other/file5.txt"_s }));

    auto all = repo->history({}, u"main"_s);
    QVERIFY2(all, errorText(all));
    QCOMPARE(all->size(), commits);
    auto recent = repo->history({ u"apps/web/deploy.yaml"_s }, u"main"_s, 3);
    QVERIFY2(recent, errorText(recent));
    QCOMPARE(ids(*recent), ids(*history).mid(0, 3));
}

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"
