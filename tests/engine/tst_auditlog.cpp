// AuditLog: every field survives the round trip, a torn last line is skipped
// and the next entry starts on its own line, a writer killed with SIGKILL in
// the middle of its appends leaves every earlier entry intact, an operation
// started but never finished reads as interrupted, and no Secret value ever
// reaches the file.
#include "engine/auditlog.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using driftline::Result;
using driftline::engine::AuditEntry;
using driftline::engine::AuditLog;

namespace {

constexpr int writerResources = 3;
constexpr qsizetype writerValueSize = 100 * 1024;

template<typename T> QByteArray errorText(const Result<T>& r)
{
    return r ? QByteArray("(no error)") : r.error().toString().toUtf8();
}

QJsonObject configMap(const QString& name, const QString& value)
{
    return QJsonObject { { u"apiVersion"_s, u"v1"_s }, { u"kind"_s, u"ConfigMap"_s },
        { u"metadata"_s, QJsonObject { { u"name"_s, name }, { u"namespace"_s, u"shop"_s } } },
        { u"data"_s, QJsonObject { { u"blob"_s, value } } } };
}

// Entry number `i` of the writer child: large manifests whose contents say which entry they belong to.
AuditEntry writerEntry(int i)
{
    AuditEntry e;
    e.id = u"op-%1"_s.arg(i);
    e.time = QDateTime::currentDateTimeUtc();
    e.kind = u"sync"_s;
    e.environment = u"staging"_s;
    e.options = QJsonObject { { u"i"_s, i } };
    e.outcome = u"succeeded"_s;
    const QString value(writerValueSize, QChar(u'a' + i % 26));
    for (int r = 0; r < writerResources; ++r)
        e.resources.append(QJsonObject { { u"key"_s, u"v1/ConfigMap/shop/cm-%1"_s.arg(r) },
            { u"action"_s, u"update"_s }, { u"outcome"_s, u"configured"_s },
            { u"manifest"_s, configMap(u"cm-%1"_s.arg(r), value) } });
    return e;
}

// The child's whole life: append forever until the test kills it.
int runWriter(const QString& path)
{
    AuditLog log(path);
    for (int i = 0;; ++i) {
        AuditEntry start;
        start.id = u"op-%1"_s.arg(i);
        start.kind = u"sync"_s;
        start.environment = u"staging"_s;
        start.summary = u"3 to update"_s;
        if (!log.started(start) || !log.finished(writerEntry(i)))
            return 1;
    }
}

// Whether `e` is exactly what the writer wrote for its number.
bool isCompleteWriterEntry(const AuditEntry& e)
{
    const int i = e.options.value(u"i"_s).toInt(-1);
    if (i < 0 || e.id != u"op-%1"_s.arg(i) || e.resources.size() != writerResources)
        return false;
    const QString value(writerValueSize, QChar(u'a' + i % 26));
    for (const QJsonValue& r : e.resources) {
        if (r[u"manifest"_s][u"data"_s][u"blob"_s].toString() != value)
            return false;
    }
    return e.kind == u"sync"_s && e.outcome == u"succeeded"_s;
}

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

AuditEntry fullEntry()
{
    AuditEntry e;
    e.id = AuditEntry::newId();
    e.time = QDateTime(QDate(2026, 11, 26), QTime(14, 3, 7, 250), QTimeZone::fromSecondsAheadOfUtc(3600));
    e.kind = u"rollback"_s;
    e.user = u"Ada Driftline <ada@example.org>"_s;
    e.environment = u"production"_s;
    e.context = u"prod-admin@eu-1"_s;
    e.cluster = u"https://10.0.0.1:6443"_s;
    e.applications = { u"web"_s, u"api"_s };
    e.revision = u"0123456789abcdef0123456789abcdef01234567"_s;
    e.options = QJsonObject { { u"prune"_s, true }, { u"dryRun"_s, false }, { u"only"_s, u"outOfSync"_s } };
    e.resources.append(QJsonObject { { u"key"_s, u"v1/ConfigMap/shop/web"_s }, { u"action"_s, u"update"_s },
        { u"outcome"_s, u"configured"_s }, { u"message"_s, u""_s },
        { u"manifest"_s, configMap(u"web"_s, u"line 1\nline 2 \"quoted\" ü"_s) } });
    e.resources.append(QJsonObject { { u"key"_s, u"apps/Deployment/shop/old"_s }, { u"action"_s, u"prune"_s },
        { u"outcome"_s, u"failed"_s }, { u"message"_s, u"forbidden"_s } });
    e.durationMs = 12345;
    e.outcome = u"failed"_s;
    e.error = u"1 of 2 resources failed"_s;
    e.summary = u"1 to update, 1 to prune"_s;
    return e;
}

} // namespace

class TestAuditLog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void roundTrip();
    void missingFileIsEmpty();
    void tornLastLine();
    void startedWithoutFinished();
    void secretValuesNeverWritten();
    void concurrentAppends();
    void killedWriter();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestAuditLog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"data/audit.jsonl"_s); // the folder does not exist yet
}

void TestAuditLog::roundTrip()
{
    AuditLog log(m_path);
    const AuditEntry e = fullEntry();
    const Result<AuditEntry> direct = AuditEntry::fromJson(e.toJson());
    QVERIFY2(direct, errorText(direct).constData());
    QVERIFY(*direct == e);

    const Result<void> appended = log.append(e);
    QVERIFY2(appended, errorText(appended).constData());
    AuditEntry second = fullEntry();
    second.kind = u"prune"_s;
    QVERIFY(log.append(second));

    const Result<AuditLog::Contents> read = log.read();
    QVERIFY2(read, errorText(read).constData());
    QCOMPARE(read->skippedLines, 0);
    QCOMPARE(read->entries.size(), 2);
    const AuditEntry& back = read->entries.at(0);
    QCOMPARE(back.id, e.id);
    QCOMPARE(back.time, e.time);
    QCOMPARE(back.time.time().msec(), 250);
    QCOMPARE(back.kind, e.kind);
    QCOMPARE(back.user, e.user);
    QCOMPARE(back.environment, e.environment);
    QCOMPARE(back.context, e.context);
    QCOMPARE(back.cluster, e.cluster);
    QCOMPARE(back.applications, e.applications);
    QCOMPARE(back.revision, e.revision);
    QCOMPARE(back.options, e.options);
    QCOMPARE(back.resources, e.resources);
    QCOMPARE(back.durationMs, e.durationMs);
    QCOMPARE(back.outcome, e.outcome);
    QCOMPARE(back.error, e.error);
    QCOMPARE(back.summary, e.summary);
    QVERIFY(back == e);
    QCOMPARE(read->entries.at(1).kind, u"prune"_s);

    // One line per entry, each ending in a newline.
    const QByteArray bytes = fileBytes(m_path);
    QCOMPARE(bytes.count('\n'), 2);
    QVERIFY(bytes.endsWith('\n'));

    // An entry without an id or time gets them when appended.
    AuditEntry bare;
    bare.kind = u"sync"_s;
    QVERIFY(log.append(bare));
    const Result<AuditLog::Contents> again = log.read();
    QVERIFY(again);
    QCOMPARE(again->entries.size(), 3);
    QVERIFY(!again->entries.at(2).id.isEmpty());
    QVERIFY(again->entries.at(2).time.isValid());

    QVERIFY(!AuditEntry::fromJson(QJsonObject { { u"kind"_s, u"sync"_s } }));
}

void TestAuditLog::missingFileIsEmpty()
{
    const Result<AuditLog::Contents> read = AuditLog(m_path).read();
    QVERIFY2(read, errorText(read).constData());
    QVERIFY(read->entries.isEmpty());
    QCOMPARE(read->skippedLines, 0);
    QVERIFY(AuditLog().path().endsWith(u"/audit.jsonl"_s));
}

void TestAuditLog::tornLastLine()
{
    AuditLog log(m_path);
    AuditEntry a = fullEntry();
    QVERIFY(log.append(a));
    {
        QFile f(m_path);
        QVERIFY(f.open(QIODevice::Append));
        f.write("not json at all\n"); // a garbled complete line
        f.write(QJsonDocument(fullEntry().toJson()).toJson(QJsonDocument::Compact).left(80)); // torn
    }
    Result<AuditLog::Contents> read = log.read();
    QVERIFY2(read, errorText(read).constData());
    QCOMPARE(read->entries.size(), 1);
    QCOMPARE(read->skippedLines, 2);

    AuditEntry b = fullEntry();
    b.kind = u"revert"_s;
    QVERIFY(log.append(b));
    read = log.read();
    QVERIFY(read);
    QCOMPARE(read->entries.size(), 2);
    QVERIFY(read->entries.at(1) == b);
    QCOMPARE(read->skippedLines, 2); // the torn line, now closed, is still skipped
    const QList<QByteArray> lines = fileBytes(m_path).split('\n');
    QCOMPARE(lines.size(), 5); // a, garbage, torn, b, "" after the last newline
    QVERIFY(lines.at(2).size() == 80);
    QVERIFY(lines.at(3).startsWith('{'));
}

void TestAuditLog::startedWithoutFinished()
{
    AuditLog log(m_path);
    AuditEntry a;
    a.id = AuditEntry::newId();
    a.kind = u"sync"_s;
    a.environment = u"staging"_s;
    a.summary = u"2 to create"_s;
    QVERIFY(log.started(a));

    AuditEntry b = fullEntry();
    AuditEntry bStart;
    bStart.id = b.id;
    bStart.kind = b.kind;
    bStart.environment = b.environment;
    QVERIFY(log.started(bStart));
    QVERIFY(log.finished(b));

    AuditEntry noId;
    noId.kind = u"sync"_s;
    QVERIFY(!log.started(noId));

    const Result<AuditLog::Contents> read = log.read();
    QVERIFY2(read, errorText(read).constData());
    QCOMPARE(read->entries.size(), 2);
    QCOMPARE(read->skippedLines, 0);
    QCOMPARE(read->entries.at(0).id, a.id);
    QCOMPARE(read->entries.at(0).outcome, u"interrupted"_s);
    QCOMPARE(read->entries.at(0).environment, u"staging"_s);
    QCOMPARE(read->entries.at(0).summary, u"2 to create"_s);
    QVERIFY(read->entries.at(0).time.isValid());
    QVERIFY(read->entries.at(1) == b);
}

void TestAuditLog::secretValuesNeverWritten()
{
    AuditLog log(m_path);
    const QByteArray password = "hunter2-correct-horse";
    const QByteArray token = "tok-9f8e7d6c5b4a";
    const QJsonObject secret { { u"apiVersion"_s, u"v1"_s }, { u"kind"_s, u"Secret"_s },
        { u"metadata"_s,
            QJsonObject { { u"name"_s, u"db"_s }, { u"namespace"_s, u"shop"_s },
                { u"annotations"_s,
                    QJsonObject { { u"kubectl.kubernetes.io/last-applied-configuration"_s,
                        u"{\"data\":{\"password\":\"%1\"}}"_s.arg(QString::fromLatin1(password.toBase64())) } } } } },
        { u"data"_s, QJsonObject { { u"password"_s, QString::fromLatin1(password.toBase64()) } } },
        { u"stringData"_s, QJsonObject { { u"token"_s, QString::fromLatin1(token) } } } };
    AuditEntry e = fullEntry();
    e.resources = QJsonArray { QJsonObject { { u"key"_s, u"v1/Secret/shop/db"_s }, { u"action"_s, u"update"_s },
        { u"outcome"_s, u"configured"_s }, { u"manifest"_s, secret } } };
    QVERIFY(log.started(e));
    QVERIFY(log.finished(e));

    const QByteArray bytes = fileBytes(m_path);
    QVERIFY(!bytes.isEmpty());
    QVERIFY(!bytes.contains(password));
    QVERIFY(!bytes.contains(password.toBase64()));
    QVERIFY(!bytes.contains(token));
    QVERIFY(!bytes.contains(token.toBase64()));

    const Result<AuditLog::Contents> read = log.read();
    QVERIFY(read);
    QCOMPARE(read->entries.size(), 1);
    const QJsonObject manifest = read->entries.at(0).resources.at(0)[u"manifest"_s].toObject();
    // The keys stay, so a reader sees which values changed.
    QCOMPARE(manifest[u"data"_s].toObject().keys(), QStringList { u"password"_s });
    QCOMPARE(manifest[u"stringData"_s].toObject().keys(), QStringList { u"token"_s });
    QVERIFY(manifest[u"data"_s][u"password"_s].toString().startsWith(u"‹secret"_s));
    QCOMPARE(manifest[u"metadata"_s][u"name"_s].toString(), u"db"_s);
}

void TestAuditLog::concurrentAppends()
{
    AuditLog shared(m_path);
    AuditLog other(m_path); // a second journal object on the same file, as a second window would have
    constexpr int perThread = 40;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            AuditLog& log = t % 2 ? other : shared;
            for (int i = 0; i < perThread; ++i) {
                AuditEntry e = writerEntry(t * 1000 + i);
                e.resources = { QJsonObject { { u"key"_s, u"k"_s },
                    { u"manifest"_s, configMap(u"x"_s, QString(2000, u'z')) } } };
                if (!log.append(e))
                    return;
            }
        });
    }
    for (std::thread& t : threads)
        t.join();
    const Result<AuditLog::Contents> read = shared.read();
    QVERIFY(read);
    QCOMPARE(read->skippedLines, 0);
    QCOMPARE(read->entries.size(), 4 * perThread);
}

void TestAuditLog::killedWriter()
{
    QProcess writer;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"DRIFTLINE_AUDIT_WRITER"_s, m_path);
    writer.setProcessEnvironment(env);
    writer.setProcessChannelMode(QProcess::ForwardedChannels);
    writer.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(writer.waitForStarted());
    // Each operation is two lines (started, finished): wait for 20 finished ones.
    QTRY_VERIFY_WITH_TIMEOUT(fileBytes(m_path).count('\n') >= 40, 20000);
    writer.kill();
    QVERIFY(writer.waitForFinished());
    QCOMPARE(writer.exitStatus(), QProcess::CrashExit);

    AuditLog log(m_path);
    Result<AuditLog::Contents> read = log.read();
    QVERIFY2(read, errorText(read).constData());
    QVERIFY2(read->skippedLines <= 1, QByteArray::number(read->skippedLines).constData());
    QVERIFY(read->entries.size() >= 20);
    int interrupted = 0;
    for (qsizetype i = 0; i < read->entries.size(); ++i) {
        const AuditEntry& e = read->entries.at(i);
        QCOMPARE(e.id, u"op-%1"_s.arg(i)); // none lost, in order
        if (e.outcome == u"interrupted"_s) {
            ++interrupted;
            QCOMPARE(i, read->entries.size() - 1); // only the one running when killed
            QCOMPARE(e.summary, u"3 to update"_s);
        } else {
            QVERIFY2(isCompleteWriterEntry(e), qPrintable(e.id));
        }
    }
    QVERIFY(interrupted <= 1);

    // The journal goes on after the crash.
    const qsizetype before = read->entries.size();
    const int skipped = read->skippedLines;
    AuditEntry next = fullEntry();
    QVERIFY(log.append(next));
    read = log.read();
    QVERIFY(read);
    QCOMPARE(read->entries.size(), before + 1);
    QCOMPARE(read->skippedLines, skipped);
    QVERIFY(read->entries.constLast() == next);
}

#include "tst_auditlog.moc"

// A custom main: started with DRIFTLINE_AUDIT_WRITER set, this executable is the
// writer child that killedWriter() kills; otherwise it runs the tests.
int main(int argc, char* argv[])
{
    const QByteArray writerPath = qgetenv("DRIFTLINE_AUDIT_WRITER");
    if (!writerPath.isEmpty())
        return runWriter(QString::fromLocal8Bit(writerPath));
    QCoreApplication app(argc, argv);
    TestAuditLog test;
    return QTest::qExec(&test, argc, argv);
}
