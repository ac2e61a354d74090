// Every credential kind of a kubeconfig, proven end to end: KubeClient against
// an in-process sandbox over real HTTPS, configured only by kubeconfig files in
// a temporary folder. Client certificates come from the sandbox CA (or a
// foreign one), tokens from the sandbox, exec plugins are shell scripts.
#include "kube/credentialresolver.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/kubeerror.h"
#include "sandbox/sandboxcertificates.h"
#include "sandbox/sandboxserver.h"
#include "testsupport/testrepo.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <memory>

using namespace Qt::StringLiterals;
using namespace driftline;
using driftline::kube::CredentialResolver;
using driftline::kube::KubeClient;
using driftline::kube::KubeError;
using driftline::kube::Kubeconfig;
using driftline::sandbox::SandboxCertificates;
using driftline::sandbox::SandboxServer;
using driftline::test::writeFile;

namespace {

const QByteArray ClusterName = "sandbox-auth";

// Waits while running this thread's event loop: the sandbox lives here too.
template<typename T>
Result<T> await(QFuture<Result<T>> future, int timeoutMs = 20'000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!future.isFinished() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (!future.isFinished())
        return fail(Error::Code::Timeout, u"the test gave up waiting"_s);
    if (future.resultCount() == 0)
        return fail(Error::Code::Cancelled, u"the future has no result"_s);
    return future.result();
}

template<typename T>
QByteArray why(const Result<T>& r)
{
    return r ? QByteArray() : r.error().toString().toUtf8();
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

int runCount(const QString& dir)
{
    return int(readAll(dir + u"/count"_s).count('\n'));
}

bool setModified(const QString& path, const QDateTime& when)
{
    QFile f(path);
    return f.open(QIODevice::ReadWrite) && f.setFileTime(when, QFileDevice::FileModificationTime);
}

} // namespace

class TestSandboxAuth : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void issuedCertificateIdentity();
    void noCredentialsUnauthorized();
    void token();
    void tokenFileRotation();
    void clientCertificate_data();
    void clientCertificate();
    void clientCertificateWinsOverWrongToken();
    void foreignClientCertificateUnauthorized();
    void execPluginTokenExpiryAndRefresh();
    void execPluginClientCertificate();
    void execPluginFailureShowsStderr();
    void wrongCertificateAuthority();

private:
    // A kubeconfig with the sandbox as cluster `sandbox-auth` (CA as data unless
    // `clusterExtra` replaces it) and `user` as the user's fields, written to
    // `dir`/config; returns a client for its current context.
    std::unique_ptr<KubeClient> client(const QTemporaryDir& dir, const QByteArray& user, const QByteArray& caLine = {});
    QByteArray caDataLine() const
    {
        return "    certificate-authority-data: " + m_server.certificates().caCertificatePem().toBase64() + "\n";
    }
    static void writePlugin(const QTemporaryDir& dir);
    static QByteArray execUser(const QTemporaryDir& dir);
    static void setPluginOutput(const QTemporaryDir& dir, const QJsonObject& status);

    SandboxServer m_server;
};

void TestSandboxAuth::initTestCase()
{
    const auto listening = m_server.listen();
    QVERIFY2(listening, why(listening).constData());
}

std::unique_ptr<KubeClient> TestSandboxAuth::client(const QTemporaryDir& dir, const QByteArray& user, const QByteArray& caLine)
{
    const QString path = dir.filePath(u"config"_s);
    writeFile(path,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: " + ClusterName + "\n  cluster:\n    server: "
            + m_server.url().toString().toUtf8() + "\n" + (caLine.isEmpty() ? caDataLine() : caLine)
            + "users:\n- name: someone\n  user:\n" + user + "contexts:\n- name: work\n  context:\n    cluster: "
            + ClusterName + "\n    user: someone\n    namespace: default\ncurrent-context: work\n");
    auto config = Kubeconfig::loadFile(path);
    if (!config) {
        qWarning() << config.error().toString();
        return nullptr;
    }
    for (const Error& e : config->errors())
        qWarning() << e.toString();
    auto resolver = std::make_shared<CredentialResolver>(*config);
    auto c = std::make_unique<KubeClient>(resolver);
    c->setTimeout(std::chrono::seconds(10));
    return c;
}

void TestSandboxAuth::writePlugin(const QTemporaryDir& dir)
{
    // Counts its runs, prints what the test put in `output`, optionally fails with `stderr`.
    const QString path = dir.filePath(u"plugin.sh"_s);
    writeFile(path, "#!/bin/sh\n"
                    "echo run >> \"$PLUGIN_DIR/count\"\n"
                    "[ -f \"$PLUGIN_DIR/stderr\" ] && cat \"$PLUGIN_DIR/stderr\" >&2\n"
                    "cat \"$PLUGIN_DIR/output\"\n"
                    "exit \"$(cat \"$PLUGIN_DIR/exitcode\" 2>/dev/null || echo 0)\"\n");
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

QByteArray TestSandboxAuth::execUser(const QTemporaryDir& dir)
{
    writePlugin(dir);
    return "    exec:\n"
           "      apiVersion: client.authentication.k8s.io/v1\n"
           "      command: ./plugin.sh\n"
           "      interactiveMode: Never\n"
           "      env:\n      - name: PLUGIN_DIR\n        value: "
        + dir.path().toUtf8() + "\n";
}

void TestSandboxAuth::setPluginOutput(const QTemporaryDir& dir, const QJsonObject& status)
{
    writeFile(dir.filePath(u"output"_s),
        QJsonDocument(QJsonObject{{u"apiVersion"_s, u"client.authentication.k8s.io/v1"_s},
                          {u"kind"_s, u"ExecCredential"_s}, {u"status"_s, status}})
            .toJson());
}

void TestSandboxAuth::issuedCertificateIdentity()
{
    const SandboxCertificates& certs = m_server.certificates();
    for (const auto type : {SandboxCertificates::KeyType::Rsa, SandboxCertificates::KeyType::Ec}) {
        auto issued = certs.issueClientCertificate(u"jane"_s, {u"system:masters"_s, u"dev"_s}, type);
        QVERIFY2(issued, why(issued).constData());
        const QSslCertificate cert(issued->certificatePem, QSsl::Pem);
        QVERIFY(!cert.isNull());
        QCOMPARE(cert.issuerDisplayName(), u"driftline-sandbox-ca"_s);
        const QSslKey key(issued->keyPem, type == SandboxCertificates::KeyType::Rsa ? QSsl::Rsa : QSsl::Ec,
            QSsl::Pem, QSsl::PrivateKey);
        QVERIFY(!key.isNull());
        const auto identity = certs.verifyClientCertificate(cert);
        QVERIFY(identity.has_value());
        QCOMPARE(identity->user, u"jane"_s);
        QCOMPARE(identity->groups, (QStringList{u"system:masters"_s, u"dev"_s}));
    }
    // The server's own certificate is for serverAuth only: not a client identity.
    QVERIFY(!certs.verifyClientCertificate(certs.serverCertificate()).has_value());
    // Nor is anything another CA signed.
    auto other = SandboxCertificates::generate();
    QVERIFY2(other, why(other).constData());
    auto foreign = other->issueClientCertificate(u"jane"_s, {}, SandboxCertificates::KeyType::Ec);
    QVERIFY2(foreign, why(foreign).constData());
    QVERIFY(!certs.verifyClientCertificate(QSslCertificate(foreign->certificatePem, QSsl::Pem)).has_value());
    QVERIFY(!certs.verifyClientCertificate(QSslCertificate()).has_value());
}

void TestSandboxAuth::noCredentialsUnauthorized()
{
    QTemporaryDir dir;
    auto c = client(dir, "    {}\n");
    QVERIFY(c);
    auto r = await(c->version());
    QVERIFY(!r);
    QCOMPARE(r.error().httpStatus, 401);
    QCOMPARE(KubeError::reason(r.error()), u"Unauthorized"_s);
}

void TestSandboxAuth::token()
{
    QTemporaryDir dir;
    auto c = client(dir, "    token: " + m_server.token() + "\n");
    QVERIFY(c);
    auto r = await(c->version());
    QVERIFY2(r, why(r).constData());
    QVERIFY(r->contains(u"gitVersion"_s));

    auto wrong = client(dir, "    token: not-" + m_server.token() + "\n");
    QVERIFY(wrong);
    auto refused = await(wrong->version());
    QVERIFY(!refused);
    QCOMPARE(refused.error().httpStatus, 401);
    // The token never reaches an error message.
    QVERIFY(!refused.error().toString().contains(QString::fromLatin1(m_server.token())));
}

void TestSandboxAuth::tokenFileRotation()
{
    QTemporaryDir dir;
    const QString tokenPath = dir.filePath(u"token"_s);
    // Same length as the real token, so only the modification time tells the versions apart.
    QByteArray wrong = m_server.token();
    wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
    writeFile(tokenPath, wrong + "\n");
    QVERIFY(setModified(tokenPath, QDateTime::currentDateTimeUtc().addSecs(-20)));
    auto c = client(dir, "    tokenFile: token\n");
    QVERIFY(c);

    auto refused = await(c->version());
    QVERIFY(!refused);
    QCOMPARE(refused.error().httpStatus, 401);

    // Rotated on disk: the same client picks the new token up.
    writeFile(tokenPath, m_server.token() + "\n");
    QVERIFY(setModified(tokenPath, QDateTime::currentDateTimeUtc().addSecs(-10)));
    auto accepted = await(c->version());
    QVERIFY2(accepted, why(accepted).constData());

    // And rotated back to a revoked one: refused again.
    writeFile(tokenPath, wrong + "\n");
    QVERIFY(setModified(tokenPath, QDateTime::currentDateTimeUtc()));
    auto again = await(c->version());
    QVERIFY(!again);
    QCOMPARE(again.error().httpStatus, 401);
}

void TestSandboxAuth::clientCertificate_data()
{
    QTest::addColumn<int>("keyType");
    QTest::addColumn<bool>("asData");
    QTest::newRow("RSA from files") << int(SandboxCertificates::KeyType::Rsa) << false;
    QTest::newRow("RSA as data") << int(SandboxCertificates::KeyType::Rsa) << true;
    QTest::newRow("EC from files") << int(SandboxCertificates::KeyType::Ec) << false;
    QTest::newRow("EC as data") << int(SandboxCertificates::KeyType::Ec) << true;
}

void TestSandboxAuth::clientCertificate()
{
    QFETCH(int, keyType);
    QFETCH(bool, asData);
    auto issued = m_server.certificates().issueClientCertificate(
        u"jane"_s, {u"system:masters"_s}, SandboxCertificates::KeyType(keyType));
    QVERIFY2(issued, why(issued).constData());

    QTemporaryDir dir;
    QByteArray user;
    if (asData) {
        user = "    client-certificate-data: " + issued->certificatePem.toBase64()
            + "\n    client-key-data: " + issued->keyPem.toBase64() + "\n";
    } else {
        writeFile(dir.filePath(u"pki/jane.crt"_s), issued->certificatePem);
        writeFile(dir.filePath(u"pki/jane.key"_s), issued->keyPem);
        user = "    client-certificate: pki/jane.crt\n    client-key: ./pki/jane.key\n";
    }
    auto c = client(dir, user);
    QVERIFY(c);
    auto version = await(c->version());
    QVERIFY2(version, why(version).constData());
    auto ns = await(c->get(QString(), u"v1"_s, u"Namespace"_s, QString(), u"default"_s));
    QVERIFY2(ns, why(ns).constData());
    QCOMPARE(ns->value(u"metadata"_s).toObject().value(u"name"_s).toString(), u"default"_s);
}

void TestSandboxAuth::clientCertificateWinsOverWrongToken()
{
    // A real API server authenticates with the first authenticator that succeeds.
    auto issued = m_server.certificates().issueClientCertificate(u"jane"_s, {}, SandboxCertificates::KeyType::Ec);
    QVERIFY2(issued, why(issued).constData());
    QTemporaryDir dir;
    auto c = client(dir, "    client-certificate-data: " + issued->certificatePem.toBase64()
            + "\n    client-key-data: " + issued->keyPem.toBase64() + "\n    token: wrong-token\n");
    QVERIFY(c);
    auto r = await(c->version());
    QVERIFY2(r, why(r).constData());
}

void TestSandboxAuth::foreignClientCertificateUnauthorized()
{
    auto other = SandboxCertificates::generate();
    QVERIFY2(other, why(other).constData());
    auto issued = other->issueClientCertificate(u"mallory"_s, {u"system:masters"_s}, SandboxCertificates::KeyType::Rsa);
    QVERIFY2(issued, why(issued).constData());
    QTemporaryDir dir;
    writeFile(dir.filePath(u"mallory.crt"_s), issued->certificatePem);
    writeFile(dir.filePath(u"mallory.key"_s), issued->keyPem);
    auto c = client(dir, "    client-certificate: mallory.crt\n    client-key: mallory.key\n");
    QVERIFY(c);
    auto r = await(c->version());
    QVERIFY(!r);
    QCOMPARE(r.error().httpStatus, 401);
    QCOMPARE(KubeError::reason(r.error()), u"Unauthorized"_s);
}

void TestSandboxAuth::execPluginTokenExpiryAndRefresh()
{
    QTemporaryDir dir;
    // Expires a little after the resolver's skew: cached for ~2 s, then run again.
    // Whole seconds, as the RFC 3339 timestamp the plugin prints carries them.
    const QDateTime expiry = QDateTime::fromSecsSinceEpoch(
        QDateTime::currentSecsSinceEpoch() + CredentialResolver::ExpirySkew.count() + 3, QTimeZone::UTC);
    setPluginOutput(dir, {{u"token"_s, QString::fromLatin1(m_server.token())},
                             {u"expirationTimestamp"_s, expiry.toString(Qt::ISODate)}});
    auto c = client(dir, execUser(dir));
    QVERIFY(c);

    auto first = await(c->version());
    QVERIFY2(first, why(first).constData());
    QCOMPARE(runCount(dir.path()), 1);
    auto second = await(c->version());
    QVERIFY2(second, why(second).constData());
    if (QDateTime::currentDateTimeUtc().addSecs(CredentialResolver::ExpirySkew.count()) < expiry)
        QCOMPARE(runCount(dir.path()), 1); // still cached

    // The next credential is valid for an hour: once the first expired, the
    // plugin runs exactly once more and its answer is then cached.
    setPluginOutput(dir, {{u"token"_s, QString::fromLatin1(m_server.token())},
                             {u"expirationTimestamp"_s,
                                 QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate)}});
    QTRY_VERIFY_WITH_TIMEOUT(await(c->version()).has_value() && runCount(dir.path()) == 2, 10'000);
    QVERIFY(QDateTime::currentDateTimeUtc().addSecs(CredentialResolver::ExpirySkew.count()) >= expiry);
    auto later = await(c->version());
    QVERIFY2(later, why(later).constData());
    QCOMPARE(runCount(dir.path()), 2);
}

void TestSandboxAuth::execPluginClientCertificate()
{
    auto issued = m_server.certificates().issueClientCertificate(u"ci-bot"_s, {u"ci"_s}, SandboxCertificates::KeyType::Rsa);
    QVERIFY2(issued, why(issued).constData());
    QTemporaryDir dir;
    setPluginOutput(dir, {{u"clientCertificateData"_s, QString::fromLatin1(issued->certificatePem)},
                             {u"clientKeyData"_s, QString::fromLatin1(issued->keyPem)}});
    auto c = client(dir, execUser(dir));
    QVERIFY(c);
    auto r = await(c->get(QString(), u"v1"_s, u"Namespace"_s, QString(), u"default"_s));
    QVERIFY2(r, why(r).constData());
    QCOMPARE(runCount(dir.path()), 1);
}

void TestSandboxAuth::execPluginFailureShowsStderr()
{
    QTemporaryDir dir;
    setPluginOutput(dir, {});
    writeFile(dir.filePath(u"stderr"_s), "login required: run company-login\n");
    writeFile(dir.filePath(u"exitcode"_s), "1\n");
    auto c = client(dir, execUser(dir));
    QVERIFY(c);
    auto r = await(c->version());
    QVERIFY(!r);
    QVERIFY2(r.error().toString().contains(u"login required: run company-login"_s), qPrintable(r.error().toString()));
    QVERIFY(runCount(dir.path()) >= 1);
}

void TestSandboxAuth::wrongCertificateAuthority()
{
    auto other = SandboxCertificates::generate();
    QVERIFY2(other, why(other).constData());
    QTemporaryDir dir;
    writeFile(dir.filePath(u"other-ca.crt"_s), other->caCertificatePem());
    auto c = client(dir, "    token: " + m_server.token() + "\n", "    certificate-authority: other-ca.crt\n");
    QVERIFY(c);
    auto r = await(c->version());
    QVERIFY(!r);
    const QString text = r.error().toString();
    QVERIFY2(text.contains(u"TLS"_s) && text.contains(QString::fromLatin1(ClusterName)), qPrintable(text));
    QVERIFY2(!text.contains(QString::fromLatin1(m_server.token())), qPrintable(text));
}

QTEST_GUILESS_MAIN(TestSandboxAuth)
#include "tst_sandboxauth.moc"
