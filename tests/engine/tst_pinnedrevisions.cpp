// PinnedRevisions on real files: pins round-trip, are keyed by repository,
// environment and application (one repository spelled two ways is one), a new
// pin replaces the old, clearing removes only its own, a second instance (the
// CLI beside the window) sees the first one's writes, an unreadable file is an
// error for writers and no pin for readers, and threads writing at once lose nothing.
#include "engine/pinnedrevisions.h"
#include "testsupport/await.h"

#include <QDir>
#include <QFile>
#include <QFuture>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::engine;
using driftline::test::why;

namespace {

Pin pinOf(const QString& repository, const QString& environment, const QString& application, const QString& commit)
{
    Pin pin;
    pin.repository = repository;
    pin.environment = environment;
    pin.application = application;
    pin.commitId = commit;
    pin.summary = u"summary of "_s + commit;
    pin.since = QDateTime(QDate(2026, 11, 26), QTime(12, 0, 0, 125), QTimeZone::UTC);
    return pin;
}

} // namespace

class TestPinnedRevisions : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString repo(const QString& name)
    {
        const QString path = m_dir.filePath(name);
        QDir().mkpath(path);
        return path;
    }

private Q_SLOTS:
    void roundTripAndReplace()
    {
        const QString file = m_dir.filePath(u"a/b/pins.json"_s); // folders are created
        PinnedRevisions pins(file);
        QCOMPARE(pins.path(), file);
        const QString r = repo(u"r1"_s);
        QVERIFY(!pins.pin(r, u"staging"_s, u"web"_s).has_value()); // no file yet: no pins
        const Pin first = pinOf(r, u"staging"_s, u"web"_s, u"aaaa"_s);
        const auto set = pins.setPin(first);
        QVERIFY2(set.has_value(), qPrintable(why(set)));
        QVERIFY(QFile::exists(file));
        const auto got = pins.pin(r, u"staging"_s, u"web"_s);
        QVERIFY(got.has_value());
        QCOMPARE(*got, first);
        // The same target again: replaced, not duplicated.
        const Pin second = pinOf(r, u"staging"_s, u"web"_s, u"bbbb"_s);
        QVERIFY(pins.setPin(second).has_value());
        QCOMPARE(pins.pins(r).size(), 1);
        QCOMPARE(pins.pin(r, u"staging"_s, u"web"_s)->commitId, u"bbbb"_s);
        // Another environment or application is another pin.
        QVERIFY(!pins.pin(r, u"production"_s, u"web"_s).has_value());
        QVERIFY(!pins.pin(r, u"staging"_s, u"api"_s).has_value());
    }

    void keyedByRepositoryAndClearedOneByOne()
    {
        PinnedRevisions pins(m_dir.filePath(u"keyed.json"_s));
        const QString r1 = repo(u"k1"_s);
        const QString r2 = repo(u"k2"_s);
        QVERIFY(pins.setPin(pinOf(r1, u"staging"_s, u"web"_s, u"1111"_s)).has_value());
        QVERIFY(pins.setPin(pinOf(r1, u"staging"_s, u"api"_s, u"2222"_s)).has_value());
        QVERIFY(pins.setPin(pinOf(r2, u"staging"_s, u"web"_s, u"3333"_s)).has_value());
        QCOMPARE(pins.pins(r1).size(), 2);
        QCOMPARE(pins.pins(r2).size(), 1);
        // The same folder spelled differently is the same repository.
        QCOMPARE(pins.pin(r1 + u"/./"_s, u"staging"_s, u"web"_s)->commitId, u"1111"_s);
        QCOMPARE(pins.pin(r2 + u"/../k2"_s, u"staging"_s, u"web"_s)->commitId, u"3333"_s);

        QVERIFY(pins.clear(r1, u"staging"_s, u"web"_s).has_value());
        QVERIFY(!pins.pin(r1, u"staging"_s, u"web"_s).has_value());
        QVERIFY(pins.pin(r1, u"staging"_s, u"api"_s).has_value());
        QVERIFY(pins.pin(r2, u"staging"_s, u"web"_s).has_value());
        // Clearing what is not pinned is fine.
        QVERIFY(pins.clear(r1, u"staging"_s, u"web"_s).has_value());
        QVERIFY(pins.clear(r1, u"nowhere"_s, u"none"_s).has_value());
        QCOMPARE(pins.pins(r1).size(), 1);
    }

    void secondInstanceSeesTheWrites()
    {
        const QString file = m_dir.filePath(u"shared.json"_s);
        const QString r = repo(u"s"_s);
        PinnedRevisions window(file);
        PinnedRevisions cli(file);
        QVERIFY(cli.setPin(pinOf(r, u"staging"_s, u"web"_s, u"cafe"_s)).has_value());
        QCOMPARE(window.pin(r, u"staging"_s, u"web"_s)->commitId, u"cafe"_s);
        QVERIFY(window.clear(r, u"staging"_s, u"web"_s).has_value());
        QVERIFY(!cli.pin(r, u"staging"_s, u"web"_s).has_value());
    }

    void invalidPinsAndFilesAreRefused()
    {
        const QString file = m_dir.filePath(u"garbled.json"_s);
        PinnedRevisions pins(file);
        const QString r = repo(u"g"_s);
        Pin noCommit = pinOf(r, u"staging"_s, u"web"_s, {});
        QVERIFY(!pins.setPin(noCommit).has_value());
        QVERIFY(!QFile::exists(file));

        QFile garbled(file);
        QVERIFY(garbled.open(QIODevice::WriteOnly));
        garbled.write("{ not json");
        garbled.close();
        // Readers see no pin; writers refuse rather than overwrite what they cannot read.
        QVERIFY(!pins.pin(r, u"staging"_s, u"web"_s).has_value());
        QVERIFY(pins.pins(r).isEmpty());
        const auto set = pins.setPin(pinOf(r, u"staging"_s, u"web"_s, u"beef"_s));
        QVERIFY(!set.has_value());
        QCOMPARE(set.error().code, Error::Code::InvalidInput);
        QVERIFY(garbled.open(QIODevice::ReadOnly));
        QCOMPARE(garbled.readAll(), QByteArray("{ not json"));
    }

    void threadsLoseNothing()
    {
        PinnedRevisions pins(m_dir.filePath(u"threads.json"_s));
        const QString r = repo(u"t"_s);
        QList<QFuture<bool>> futures;
        for (int i = 0; i < 8; ++i) {
            futures.append(QtConcurrent::run([&pins, r, i] {
                bool ok = true;
                for (int j = 0; j < 5; ++j)
                    ok = ok && pins.setPin(pinOf(r, u"env"_s + QString::number(i), u"app"_s + QString::number(j),
                                                 u"c"_s + QString::number(i * 10 + j)))
                                   .has_value();
                return ok;
            }));
        }
        for (QFuture<bool>& f : futures)
            QVERIFY(f.result());
        QCOMPARE(pins.pins(r).size(), 40);
        QCOMPARE(pins.pin(r, u"env7"_s, u"app4"_s)->commitId, u"c74"_s);
    }
};

QTEST_GUILESS_MAIN(TestPinnedRevisions)
#include "tst_pinnedrevisions.moc"
