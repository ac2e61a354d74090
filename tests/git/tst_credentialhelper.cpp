// Git's credential helpers reach Driftline's HTTPS remotes: CredentialHelper asks
// `git credential` with a repository's own configuration and never prompts, and a
// push to an HTTP server that demands Basic authentication sends what the helper
// gave, then tells the helper whether it worked (store) or not (erase).
#include "git/credentialhelper.h"
#include "git/repository.h"
#include "gittestutil.h"
#include "testsupport/testrepo.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFuture>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QtConcurrent>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::git;
using driftline::test::TestRepo;

namespace
{

// An HTTP server that answers every request 401 with a Basic challenge and records
// the Authorization headers it was sent.
class AuthServer : public QObject
{
public:
    AuthServer()
    {
        m_server.listen(QHostAddress::LocalHost);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_buffer[socket] += socket->readAll();
                    const QByteArray request = m_buffer.value(socket);
                    if (!request.contains("\r\n\r\n"))
                        return;
                    m_buffer.remove(socket);
                    for (const QByteArray& line : request.split('\n')) {
                        if (line.toLower().startsWith("authorization:"))
                            authorizations << line.mid(14).trimmed();
                    }
                    socket->write("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"git\"\r\n"
                                  "Content-Length: 0\r\nConnection: close\r\n\r\n");
                    socket->disconnectFromHost();
                });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    QList<QByteArray> authorizations;

private:
    QTcpServer m_server;
    QHash<QTcpSocket*, QByteArray> m_buffer;
};

} // namespace

class TestCredentialHelper : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        test::isolateGitConfig(m_home);
        m_repoPtr = std::make_unique<TestRepo>();
        QVERIFY(m_repo().isValid());
        m_repo().write(u"apps/web/deployment.yaml"_s, "replicas: 1\n");
        m_repo().commit(u"start"_s);
        m_log = m_home.filePath(u"helper.log"_s);
        // A helper in the repository's own configuration, as `git config credential.helper` writes it:
        // answers `get` with a user and password, and logs what git tells it afterwards.
        const QString helper = u"!f() { echo \"== $1\" >> '%1'; cat >> '%1'; "
                               "if [ \"$1\" = get ]; then printf 'username=alice\\npassword=s3cret\\n'; fi; }; f"_s
                                   .arg(m_log);
        m_repo().git({u"config"_s, u"credential.helper"_s, helper});
    }

    void fillAsksTheRepositorysHelper()
    {
        const auto credential
            = CredentialHelper::fill(u"https://git.example.test/shop/gitops.git"_s, m_repo().path());
        QVERIFY(credential.has_value());
        QCOMPARE(credential->username, u"alice"_s);
        QCOMPARE(credential->password, u"s3cret"_s);
        const QByteArray log = readLog();
        QVERIFY2(log.contains("== get"), log.constData());
        QVERIFY2(log.contains("protocol=https") && log.contains("host=git.example.test"), log.constData());
    }

    // No helper configured and no terminal: nothing, at once, never a prompt.
    void noHelperAnswersNothing()
    {
        QTemporaryDir elsewhere;
        QVERIFY(elsewhere.isValid());
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!CredentialHelper::fill(u"https://git.example.test/shop/gitops.git"_s, elsewhere.path()));
        QVERIFY(timer.elapsed() < 20'000);
    }

    // End to end: libgit2 meets a 401, takes the helper's credential, sends it as Basic
    // authentication; refused again, the helper is told to erase it and the error says so.
    void pushSendsTheHelpersCredentialAndErasesARefusedOne()
    {
        AuthServer server;
        QVERIFY(server.port() != 0);
        const QString url = u"http://127.0.0.1:%1/shop/gitops.git"_s.arg(server.port());
        m_repo().git({u"remote"_s, u"add"_s, u"origin"_s, url});
        QFile::remove(m_log);

        const QString path = m_repo().path();
        QFuture<Result<void>> pushed = QtConcurrent::run([path]() -> Result<void> {
            auto repo = Repository::open(path);
            if (!repo)
                return std::unexpected(repo.error());
            return repo->push();
        });
        QTRY_VERIFY_WITH_TIMEOUT(pushed.isFinished(), 30'000);
        const Result<void> result = pushed.result();
        QVERIFY(!result);
        QVERIFY2(result.error().message.contains(u"credential helper"_s), qPrintable(result.error().toString()));
        QVERIFY2(!result.error().toString().contains(u"s3cret"_s), qPrintable(result.error().toString()));

        QVERIFY(!server.authorizations.isEmpty());
        QVERIFY(server.authorizations.contains("Basic " + QByteArray("alice:s3cret").toBase64()));
        const QByteArray log = readLog();
        QVERIFY2(log.contains("== get") && log.contains("== erase"), log.constData());
        QVERIFY2(!log.contains("== store"), log.constData());
    }

private:
    TestRepo& m_repo() const { return *m_repoPtr; }
    QByteArray readLog() const
    {
        QFile f(m_log);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    QTemporaryDir m_home;
    std::unique_ptr<TestRepo> m_repoPtr;
    QString m_log;
};

QTEST_GUILESS_MAIN(TestCredentialHelper)
#include "tst_credentialhelper.moc"
