// Repository: opening, revisions, trees and blobs at a revision, the working
// tree's status and commits, on real repositories built with the git program.
#include "git/repository.h"
#include "gittestutil.h"
#include "testsupport/testrepo.h"

#include <QDir>
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
QByteArray readDisk(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString canonical(const QString& path)
{
    return QFileInfo(path).canonicalFilePath();
}
} // namespace

class TestRepository : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void openFromSubfolder();
    void openMissingRepository();
    void resolve_data();
    void resolve();
    void missingRevision();
    void commitInfo();

    void readFileAtOlderRevision();
    void readFileErrors();
    void listTreeFlat();
    void listTreeRecursive();
    void treeId_data();
    void treeId();
    void blobs();

    void uncommittedChanges();
    void commitAllOnFreshRepository();
    void commitAllWithDeletion();
    void defaultSignature();
    void localBranches();

private:
    QTemporaryDir m_home;
    // A small repository shared by the read-only tests.
    std::unique_ptr<TestRepo> m_fixture;
    QStringList m_commits; // oldest first
};

void TestRepository::initTestCase()
{
    QVERIFY(m_home.isValid());
    test::isolateGitConfig(m_home);

    m_fixture = std::make_unique<TestRepo>();
    TestRepo& r = *m_fixture;
    QVERIFY(r.isValid());
    r.write(u"apps/web/deployment.yaml"_s, "replicas: 1\n");
    r.write(u"apps/api/deployment.yaml"_s, "replicas: 2\n");
    r.write(u"README.md"_s, "hello\n");
    m_commits << r.commit(u"add apps"_s);
    r.write(u"apps/api/deployment.yaml"_s, "replicas: 3\n");
    m_commits << r.commit(u"scale api"_s);
    r.write(u"README.md"_s, "hello again\n");
    m_commits << r.commit(u"docs\n\nA longer body."_s);
    r.git({ u"tag"_s, u"v1"_s, m_commits[1] });
    r.git({ u"tag"_s, u"-a"_s, u"v1-annotated"_s, u"-m"_s, u"release"_s, m_commits[1] });
}

void TestRepository::openFromSubfolder()
{
    auto repo = Repository::open(m_fixture->filePath(u"apps/web"_s));
    QVERIFY2(repo, errorText(repo));
    QCOMPARE(canonical(repo->workdir()), canonical(m_fixture->path()));
    QCOMPARE(canonical(repo->gitDir()), canonical(m_fixture->filePath(u".git"_s)));
    QVERIFY(!repo->isBare());
    QCOMPARE(repo->currentBranch(), u"main"_s);
}

void TestRepository::openMissingRepository()
{
    QTemporaryDir empty;
    auto repo = Repository::open(empty.path());
    QVERIFY(!repo);
    QCOMPARE(repo.error().code, Error::Code::NotFound);
    QVERIFY2(repo.error().message.contains(empty.path()), qPrintable(repo.error().message));
}

void TestRepository::resolve_data()
{
    QTest::addColumn<QString>("revision");
    QTest::addColumn<int>("commitIndex");
    QTest::newRow("HEAD") << u"HEAD"_s << 2;
    QTest::newRow("branch") << u"main"_s << 2;
    QTest::newRow("ancestry") << u"HEAD~2"_s << 0;
    QTest::newRow("lightweight tag") << u"v1"_s << 1;
    QTest::newRow("annotated tag peeled") << u"v1-annotated"_s << 1;
    QTest::newRow("full id") << QString() << 1; // filled in below from the fixture
    QTest::newRow("short id") << QString() << 0;
}

void TestRepository::resolve()
{
    QFETCH(QString, revision);
    QFETCH(int, commitIndex);
    const QString expected = m_commits.at(commitIndex);
    if (revision.isEmpty())
        revision = QByteArray(QTest::currentDataTag()) == "full id" ? expected : expected.left(7);
    auto repo = Repository::open(m_fixture->path());
    QVERIFY2(repo, errorText(repo));
    auto id = repo->resolve(revision);
    QVERIFY2(id, errorText(id));
    QCOMPARE(*id, expected);
    // The git program agrees.
    QCOMPARE(*id, m_fixture->git({ u"rev-parse"_s, revision + u"^{commit}"_s }));
}

void TestRepository::missingRevision()
{
    auto repo = Repository::open(m_fixture->path());
    QVERIFY2(repo, errorText(repo));
    for (const QString& rev : { u"no-such-branch"_s, u"0123456789abcdef0123456789abcdef01234567"_s }) {
        auto id = repo->resolve(rev);
        QVERIFY(!id);
        QCOMPARE(id.error().code, Error::Code::NotFound);
        QVERIFY2(id.error().message.contains(u"revision '"_s + rev + u"' not found"_s),
            qPrintable(id.error().message));
        QVERIFY2(id.error().message.contains(repo->workdir()), qPrintable(id.error().message));
    }
    // Other calls taking a revision report the same.
    auto file = repo->readFile(u"nope"_s, u"README.md"_s);
    QVERIFY(!file);
    QVERIFY2(file.error().message.contains(u"'nope'"_s), qPrintable(file.error().message));
}

void TestRepository::commitInfo()
{
    auto repo = Repository::open(m_fixture->path());
    QVERIFY2(repo, errorText(repo));
    auto info = repo->commit(u"HEAD"_s);
    QVERIFY2(info, errorText(info));
    QCOMPARE(info->id, m_commits[2]);
    QCOMPARE(info->shortId, m_commits[2].left(8));
    QCOMPARE(info->author, u"Test Author"_s);
    QCOMPARE(info->authorEmail, u"test@example.org"_s);
    QCOMPARE(info->summary, u"docs"_s);
    QVERIFY(info->message.contains(u"A longer body."_s));
    QCOMPARE(info->parents, QStringList { m_commits[1] });
    QCOMPARE(
        info->time.toSecsSinceEpoch(), m_fixture->git({ u"log"_s, u"-1"_s, u"--format=%at"_s }).toLongLong());
}

void TestRepository::readFileAtOlderRevision()
{
    TestRepo r;
    r.write(u"config.yaml"_s, "version: 1\n");
    const QString first = r.commit(u"v1"_s);
    r.write(u"config.yaml"_s, "version: 2\n");
    r.commit(u"v2"_s);
    r.write(u"config.yaml"_s, "version: 3 (not committed)\n");

    auto repo = Repository::open(r.path());
    QVERIFY2(repo, errorText(repo));
    auto old = repo->readFile(first, u"config.yaml"_s);
    QVERIFY2(old, errorText(old));
    QCOMPARE(*old, QByteArray("version: 1\n"));
    auto head = repo->readFile(u"HEAD"_s, u"config.yaml"_s);
    QVERIFY2(head, errorText(head));
    QCOMPARE(*head, QByteArray("version: 2\n"));

    // The working tree is untouched: neither the file nor the checked-out branch changed.
    QCOMPARE(readDisk(r.filePath(u"config.yaml"_s)), QByteArray("version: 3 (not committed)\n"));
    QCOMPARE(r.git({ u"status"_s, u"--porcelain"_s }), u"M config.yaml"_s);
    QCOMPARE(repo->currentBranch(), u"main"_s);
}

void TestRepository::readFileErrors()
{
    auto repo = Repository::open(m_fixture->path());
    QVERIFY2(repo, errorText(repo));
    auto missing = repo->readFile(m_commits[0], u"apps/db/statefulset.yaml"_s);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, Error::Code::NotFound);
    QVERIFY2(
        missing.error().message.contains(u"apps/db/statefulset.yaml"_s), qPrintable(missing.error().message));

    auto folder = repo->readFile(m_commits[0], u"apps/web"_s);
    QVERIFY(!folder);
    QCOMPARE(folder.error().code, Error::Code::InvalidInput);
}

void TestRepository::listTreeFlat()
{
    TestRepo r;
    r.write(u"a.yaml"_s, "a: 1\n");
    r.write(u"dir/b.yaml"_s, "b: 1\n");
    r.write(u"run.sh"_s, "#!/bin/sh\n");
    QFile::setPermissions(
        r.filePath(u"run.sh"_s), QFile::permissions(r.filePath(u"run.sh"_s)) | QFile::ExeOwner);
    QVERIFY(QFile::link(u"a.yaml"_s, r.filePath(u"link.yaml"_s)));
    r.commit(u"files"_s);

    auto repo = Repository::open(r.path());
    QVERIFY2(repo, errorText(repo));
    auto entries = repo->listTree(u"HEAD"_s);
    QVERIFY2(entries, errorText(entries));
    QStringList seen;
    for (const TreeEntry& e : *entries) {
        QString kind;
        switch (e.type) {
        case TreeEntry::Type::Blob:
            kind = e.executable ? u"exec"_s : u"blob"_s;
            break;
        case TreeEntry::Type::Tree:
            kind = u"tree"_s;
            break;
        case TreeEntry::Type::Symlink:
            kind = u"link"_s;
            break;
        case TreeEntry::Type::Submodule:
            kind = u"submodule"_s;
            break;
        }
        seen << e.path + u' ' + kind;
        QCOMPARE(e.id, r.git({ u"rev-parse"_s, u"HEAD:"_s + e.path }));
    }
    QCOMPARE(seen, (QStringList { u"a.yaml blob"_s, u"dir tree"_s, u"link.yaml link"_s, u"run.sh exec"_s }));

    auto link = repo->readFile(u"HEAD"_s, u"link.yaml"_s);
    QVERIFY2(link, errorText(link));
    QCOMPARE(*link, QByteArray("a.yaml")); // a symlink's blob is its target
}

void TestRepository::listTreeRecursive()
{
    TestRepo r;
    r.write(u"top.yaml"_s, "t\n");
    r.write(u"apps/web/base/deploy.yaml"_s, "d\n");
    r.write(u"apps/web/base/service.yaml"_s, "s\n");
    r.write(u"apps/web/overlays/prod/kustomization.yaml"_s, "k\n");
    r.write(u"apps/api/deploy.yaml"_s, "a\n");
    r.commit(u"tree"_s);

    auto repo = Repository::open(r.path());
    QVERIFY2(repo, errorText(repo));

    auto all = repo->listTree(u"HEAD"_s, {}, true);
    QVERIFY2(all, errorText(all));
    QStringList paths;
    for (const TreeEntry& e : *all) {
        QCOMPARE(e.type, TreeEntry::Type::Blob);
        paths << e.path;
    }
    paths.sort();
    QStringList expected = r.git({ u"ls-tree"_s, u"-r"_s, u"--name-only"_s, u"HEAD"_s }).split(u'\n');
    expected.sort();
    QCOMPARE(paths, expected);
    QCOMPARE(paths.size(), 5);

    auto web = repo->listTree(u"HEAD"_s, u"apps/web/"_s, true);
    QVERIFY2(web, errorText(web));
    paths.clear();
    for (const TreeEntry& e : *web)
        paths << e.path;
    paths.sort();
    QCOMPARE(paths,
        (QStringList { u"apps/web/base/deploy.yaml"_s, u"apps/web/base/service.yaml"_s,
            u"apps/web/overlays/prod/kustomization.yaml"_s }));

    auto notFolder = repo->listTree(u"HEAD"_s, u"top.yaml"_s);
    QVERIFY(!notFolder);
    auto missing = repo->listTree(u"HEAD"_s, u"apps/db"_s);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, Error::Code::NotFound);
}

void TestRepository::treeId_data()
{
    // Commits in the fixture: 0 adds both apps, 1 changes apps/api, 2 changes README.md only.
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("before");
    QTest::addColumn<int>("after");
    QTest::addColumn<bool>("changes");
    QTest::newRow("changed folder") << u"apps/api"_s << 0 << 1 << true;
    QTest::newRow("parent of changed folder") << u"apps"_s << 0 << 1 << true;
    QTest::newRow("untouched sibling") << u"apps/web"_s << 0 << 1 << false;
    QTest::newRow("untouched by a docs commit") << u"apps"_s << 1 << 2 << false;
    QTest::newRow("root, docs commit") << QString() << 1 << 2 << true;
    QTest::newRow("file") << u"apps/api/deployment.yaml"_s << 0 << 1 << true;
}

void TestRepository::treeId()
{
    QFETCH(QString, path);
    QFETCH(int, before);
    QFETCH(int, after);
    QFETCH(bool, changes);
    auto repo = Repository::open(m_fixture->path());
    QVERIFY2(repo, errorText(repo));
    auto a = repo->treeId(m_commits[before], path);
    auto b = repo->treeId(m_commits[after], path);
    QVERIFY2(a, errorText(a));
    QVERIFY2(b, errorText(b));
    QCOMPARE(*a != *b, changes);
    QCOMPARE(*b, m_fixture->git({ u"rev-parse"_s, m_commits[after] + u':' + path }));

    auto missing = repo->treeId(m_commits[after], u"apps/db"_s);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, Error::Code::NotFound);
}

void TestRepository::blobs()
{
    auto repo = Repository::open(m_fixture->path());
    QVERIFY2(repo, errorText(repo));
    const QString id = m_fixture->git({ u"rev-parse"_s, u"HEAD:README.md"_s });
    auto size = repo->blobSize(id);
    QVERIFY2(size, errorText(size));
    QCOMPARE(*size, qint64(qstrlen("hello again\n")));
    auto data = repo->readBlob(id);
    QVERIFY2(data, errorText(data));
    QCOMPARE(*data, QByteArray("hello again\n"));

    QVERIFY(!repo->readBlob(u"not-an-id"_s));
    auto absent = repo->readBlob(u"0123456789abcdef0123456789abcdef01234567"_s);
    QVERIFY(!absent);
    QCOMPARE(absent.error().code, Error::Code::NotFound);
    QVERIFY(!repo->blobSize(m_commits[0])); // a commit, not a blob
}

void TestRepository::uncommittedChanges()
{
    TestRepo r;
    r.write(u"apps/web/deploy.yaml"_s, "v: 1\n");
    r.write(u"apps/web/service.yaml"_s, "v: 1\n");
    r.write(u"apps/api/deploy.yaml"_s, "v: 1\n");
    r.write(u"apps/db/deploy.yaml"_s, "v: 1\n");
    r.commit(u"base"_s);

    auto repo = Repository::open(r.path());
    QVERIFY2(repo, errorText(repo));
    auto clean = repo->uncommittedChanges();
    QVERIFY2(clean, errorText(clean));
    QVERIFY(clean->isEmpty());

    r.write(u"apps/web/deploy.yaml"_s, "v: 2\n"); // edited
    r.write(u"apps/web/new.yaml"_s, "v: 1\n"); // untracked
    r.remove(u"apps/web/service.yaml"_s); // deleted
    r.write(u"apps/api/deploy.yaml"_s, "v: 2\n");
    r.git({ u"add"_s, u"apps/api/deploy.yaml"_s }); // staged only

    auto web = repo->uncommittedChanges({ u"apps/web"_s });
    QVERIFY2(web, errorText(web));
    QCOMPARE(*web,
        (QStringList { u"apps/web/deploy.yaml"_s, u"apps/web/new.yaml"_s, u"apps/web/service.yaml"_s }));

    auto db = repo->uncommittedChanges({ u"apps/db/"_s });
    QVERIFY2(db, errorText(db));
    QVERIFY2(db->isEmpty(), qPrintable(db->join(u", "_s)));

    auto two = repo->uncommittedChanges({ u"apps/api"_s, u"apps/db"_s });
    QVERIFY2(two, errorText(two));
    QCOMPARE(*two, QStringList { u"apps/api/deploy.yaml"_s });

    // A path that only shares a prefix with a changed folder is another folder.
    r.write(u"apps/web2/x.yaml"_s, "x\n");
    auto web2 = repo->uncommittedChanges({ u"apps/web"_s });
    QVERIFY2(web2, errorText(web2));
    QVERIFY(!web2->contains(u"apps/web2/x.yaml"_s));

    auto all = repo->uncommittedChanges();
    QVERIFY2(all, errorText(all));
    QCOMPARE(all->size(), 5);
}

void TestRepository::commitAllOnFreshRepository()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"fresh"_s);
    auto repo = Repository::init(path, false, u"trunk"_s);
    QVERIFY2(repo, errorText(repo));
    QVERIFY(!repo->resolve(u"HEAD"_s)); // unborn
    QCOMPARE(repo->currentBranch(), QString());

    test::writeFile(path + u"/app/deploy.yaml"_s, "replicas: 1\n");
    test::writeFile(path + u"/README.md"_s, "demo\n");
    const Signature author { u"Ana Author"_s, u"ana@example.org"_s,
        QDateTime::fromSecsSinceEpoch(1'700'000'000, QTimeZone::fromSecondsAheadOfUtc(3600)) };
    auto id = repo->commitAll(u"initial import"_s, author);
    QVERIFY2(id, errorText(id));

    QCOMPARE(repo->currentBranch(), u"trunk"_s);
    auto head = repo->resolve(u"HEAD"_s);
    QVERIFY2(head, errorText(head));
    QCOMPARE(*head, *id);
    auto info = repo->commit(*id);
    QVERIFY2(info, errorText(info));
    QVERIFY(info->parents.isEmpty());
    QCOMPARE(info->author, author.name);
    QCOMPARE(info->time, author.time);
    QCOMPARE(info->time.offsetFromUtc(), 3600);

    // The git program sees the same commit, with both files and a clean working tree.
    QCOMPARE(
        test::runGit(path, { u"log"_s, u"--format=%H %an %s"_s }), *id + u" Ana Author initial import"_s);
    QCOMPARE(test::runGit(path, { u"ls-tree"_s, u"-r"_s, u"--name-only"_s, u"HEAD"_s }),
        u"README.md\napp/deploy.yaml"_s);
    QCOMPARE(test::runGit(path, { u"status"_s, u"--porcelain"_s }), QString(u""_s));
}

void TestRepository::commitAllWithDeletion()
{
    TestRepo r;
    r.write(u"keep.yaml"_s, "k\n");
    r.write(u"gone/old.yaml"_s, "o\n");
    const QString base = r.commit(u"base"_s);
    r.remove(u"gone"_s);
    r.write(u"keep.yaml"_s, "k2\n");
    r.write(u"added.yaml"_s, "a\n");

    auto repo = Repository::open(r.path());
    QVERIFY2(repo, errorText(repo));
    auto id = repo->commitAll(u"cleanup"_s, repo->defaultSignature());
    QVERIFY2(id, errorText(id));
    auto info = repo->commit(*id);
    QVERIFY2(info, errorText(info));
    QCOMPARE(info->parents, QStringList { base });
    QCOMPARE(r.git({ u"ls-tree"_s, u"-r"_s, u"--name-only"_s, u"HEAD"_s }), u"added.yaml\nkeep.yaml"_s);
    QCOMPARE(r.git({ u"show"_s, u"HEAD:keep.yaml"_s }), u"k2"_s);
    QCOMPARE(r.git({ u"status"_s, u"--porcelain"_s }), QString(u""_s));
    auto changes = repo->uncommittedChanges();
    QVERIFY2(changes, errorText(changes));
    QVERIFY(changes->isEmpty());
}

void TestRepository::defaultSignature()
{
    auto configured = Repository::open(m_fixture->path());
    QVERIFY2(configured, errorText(configured));
    const Signature s = configured->defaultSignature();
    QCOMPARE(s.name, u"Test Author"_s);
    QCOMPARE(s.email, u"test@example.org"_s);

    // No user.name anywhere (HOME is an empty folder): the fallback.
    QTemporaryDir dir;
    auto bare = Repository::init(dir.path());
    QVERIFY2(bare, errorText(bare));
    const Signature fallback = bare->defaultSignature();
    QCOMPARE(fallback.name, u"Driftline user"_s);
    QCOMPARE(fallback.email, u"driftline@localhost"_s);
}

void TestRepository::localBranches()
{
    TestRepo r;
    r.write(u"a"_s, "a\n");
    const QString first = r.commit(u"one"_s);
    r.git({ u"branch"_s, u"feature"_s });
    r.write(u"a"_s, "b\n");
    const QString second = r.commit(u"two"_s);

    auto repo = Repository::open(r.path());
    QVERIFY2(repo, errorText(repo));
    auto branches = repo->branches();
    QVERIFY2(branches, errorText(branches));
    QCOMPARE(branches->size(), 2);
    for (const BranchInfo& b : *branches) {
        QVERIFY(!b.remote);
        QVERIFY(b.upstream.isEmpty());
        if (b.name == u"main"_s) {
            QVERIFY(b.isHead);
            QCOMPARE(b.targetId, second);
        } else {
            QCOMPARE(b.name, u"feature"_s);
            QVERIFY(!b.isHead);
            QCOMPARE(b.targetId, first);
        }
    }

    r.git({ u"checkout"_s, u"-q"_s, u"--detach"_s, first });
    QCOMPARE(repo->currentBranch(), QString());
}

QTEST_GUILESS_MAIN(TestRepository)
#include "tst_repository.moc"
