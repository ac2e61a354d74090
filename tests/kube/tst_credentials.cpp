// CredentialResolver: real certificates made with the openssl program, token
// files rotated on disk, exec plugins as shell scripts, proxy selection, and
// the promise that no secret ever reaches an error message or debug output.
#include "kube/credentialresolver.h"
#include "kube/kubeconfig.h"
#include "testsupport/testrepo.h"

#include <QDir>
#include <QFile>
#include <QHttpHeaders>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::kube;
using driftline::test::writeFile;

namespace {

const QString Secret = u"s3cr3t-Z9q-never-show"_s;

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

QStringList messages;
void captureMessages(QtMsgType, const QMessageLogContext&, const QString& text) { messages.append(text); }

} // namespace

class TestCredentials : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void clientCertificate_data();
    void clientCertificate();
    void certificateAuthorityFileAndData();
    void unreadableCertificateAuthority();
    void tokenBasicAuthAndImpersonation();
    void tokenFileRotation();
    void tokenFileMissing();
    void insecureWarningAndServerName();

    void execPlugin_data();
    void execPlugin();
    void execExpiry();
    void execClientCertificate();
    void execFailureShowsStderr();
    void execMissingCommandShowsInstallHint();
    void execInteractiveAlwaysRefused();
    void execTimeout();

    void proxyFromKubeconfig();
    void proxyFromEnvironment_data();
    void proxyFromEnvironment();
    void proxyThroughResolve();

    void secretsNeverInErrors();
    void secretsNeverInDebugOutput();

private:
    QString cert(const QString& name) const { return m_certs.filePath(name); }
    QByteArray caPem() const { return m_openssl.isEmpty() ? QByteArray() : readAll(cert(u"ca.crt"_s)); }
    bool openssl(const QStringList& args);
    // Writes `yaml` as a kubeconfig in `dir` and loads it; fails the test on any error.
    Kubeconfig load(const QTemporaryDir& dir, const QByteArray& yaml);
    // A kubeconfig whose user runs plugin.sh from `dir` with the given exec settings.
    QByteArray execConfig(const QTemporaryDir& dir, const QString& apiVersion, const QByteArray& extra = {});
    void writePlugin(const QTemporaryDir& dir);
    void setPluginOutput(const QTemporaryDir& dir, const QJsonObject& output);

    QString m_openssl;
    QTemporaryDir m_certs;
};

bool TestCredentials::openssl(const QStringList& args)
{
    QProcess p;
    p.setWorkingDirectory(m_certs.path());
    p.start(m_openssl, args);
    if (!p.waitForFinished(60'000) || p.exitCode() != 0) {
        qWarning() << "openssl" << args << "failed:" << p.readAllStandardError();
        return false;
    }
    return true;
}

void TestCredentials::initTestCase()
{
    m_openssl = QStandardPaths::findExecutable(u"openssl"_s);
    if (m_openssl.isEmpty())
        return; // certificate tests skip themselves, naming the program
    const QString days = u"2"_s;
    QVERIFY(openssl({u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, u"ca.key"_s, u"-out"_s,
                     u"ca.crt"_s, u"-subj"_s, u"/CN=driftline-test-ca"_s, u"-days"_s, days}));
    const auto client = [&](const QString& name, const QStringList& newkey) {
        return openssl(QStringList{u"req"_s, u"-new"_s} + newkey
                       + QStringList{u"-nodes"_s, u"-keyout"_s, name + u".key"_s, u"-out"_s, name + u".csr"_s, u"-subj"_s,
                                     u"/CN="_s + name + u"-client"_s})
            && openssl({u"x509"_s, u"-req"_s, u"-in"_s, name + u".csr"_s, u"-CA"_s, u"ca.crt"_s, u"-CAkey"_s, u"ca.key"_s,
                        u"-CAcreateserial"_s, u"-out"_s, name + u".crt"_s, u"-days"_s, days});
    };
    QVERIFY(client(u"rsa"_s, {u"-newkey"_s, u"rsa:2048"_s}));
    QVERIFY(client(u"ec"_s, {u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s}));
    // The older PEM forms kubeconfigs also carry: PKCS#1 RSA and SEC1 EC keys.
    QVERIFY(openssl({u"rsa"_s, u"-in"_s, u"rsa.key"_s, u"-traditional"_s, u"-out"_s, u"rsa-pkcs1.key"_s}));
    QVERIFY(openssl({u"ec"_s, u"-in"_s, u"ec.key"_s, u"-out"_s, u"ec-sec1.key"_s}));
    QVERIFY(readAll(cert(u"rsa-pkcs1.key"_s)).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
    QVERIFY(readAll(cert(u"ec-sec1.key"_s)).startsWith("-----BEGIN EC PRIVATE KEY-----"));
    QVERIFY(readAll(cert(u"ec.key"_s)).startsWith("-----BEGIN PRIVATE KEY-----"));
}

Kubeconfig TestCredentials::load(const QTemporaryDir& dir, const QByteArray& yaml)
{
    const QString file = dir.filePath(u"config"_s);
    writeFile(file, yaml);
    auto cfg = Kubeconfig::loadFile(file);
    if (!cfg) {
        qWarning() << cfg.error().toString();
        return {};
    }
    for (const Error& e : cfg->errors())
        qWarning() << e.toString();
    return *cfg;
}

#define REQUIRE_OPENSSL()                                                                                                   \
    if (m_openssl.isEmpty())                                                                                                \
    QSKIP("the openssl program is not installed (Debian package: openssl); certificates cannot be generated")

void TestCredentials::clientCertificate_data()
{
    QTest::addColumn<QString>("certName");
    QTest::addColumn<QString>("keyName");
    QTest::addColumn<bool>("asData");
    QTest::addColumn<int>("algorithm");

    QTest::newRow("RSA PKCS#8 from files") << u"rsa.crt"_s << u"rsa.key"_s << false << int(QSsl::Rsa);
    QTest::newRow("RSA PKCS#1 from data") << u"rsa.crt"_s << u"rsa-pkcs1.key"_s << true << int(QSsl::Rsa);
    QTest::newRow("EC PKCS#8 from data") << u"ec.crt"_s << u"ec.key"_s << true << int(QSsl::Ec);
    QTest::newRow("EC SEC1 from files") << u"ec.crt"_s << u"ec-sec1.key"_s << false << int(QSsl::Ec);
}

void TestCredentials::clientCertificate()
{
    REQUIRE_OPENSSL();
    QFETCH(QString, certName);
    QFETCH(QString, keyName);
    QFETCH(bool, asData);
    QFETCH(int, algorithm);

    QTemporaryDir dir;
    // Files are copied next to the kubeconfig and named relatively, as users do.
    QVERIFY(QFile::copy(cert(certName), dir.filePath(u"client.crt"_s)));
    QVERIFY(QFile::copy(cert(keyName), dir.filePath(u"client.key"_s)));
    const QByteArray user = asData ? "    client-certificate-data: " + readAll(cert(certName)).toBase64()
                                         + "\n    client-key-data: " + readAll(cert(keyName)).toBase64() + "\n"
                                   : QByteArray("    client-certificate: client.crt\n    client-key: ./client.key\n");
    CredentialResolver resolver(load(dir, "clusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:6443\n"
                                          "    certificate-authority: " + cert(u"ca.crt"_s).toUtf8()
                                          + "\nusers:\n- name: u\n  user:\n" + user
                                          + "contexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n"));
    auto creds = resolver.resolve();
    QVERIFY2(creds, why(creds).constData());
    const QList<QSslCertificate> expected = QSslCertificate::fromPath(cert(certName));
    QCOMPARE(expected.size(), 1);
    QVERIFY(creds->hasClientCertificate());
    QCOMPARE(creds->ssl.localCertificate(), expected.first());
    QVERIFY(!creds->ssl.privateKey().isNull());
    QCOMPARE(int(creds->ssl.privateKey().algorithm()), algorithm);
    QCOMPARE(creds->ssl.privateKey().type(), QSsl::PrivateKey);
    QCOMPARE(creds->ssl.caCertificates(), QSslCertificate::fromPath(cert(u"ca.crt"_s)));
    QVERIFY(creds->bearerToken.isEmpty());
    QVERIFY(creds->warning.isEmpty());
}

void TestCredentials::certificateAuthorityFileAndData()
{
    REQUIRE_OPENSSL();
    QTemporaryDir dir;
    QVERIFY(QFile::copy(cert(u"ca.crt"_s), dir.filePath(u"certs/ca.crt"_s)) || (QDir(dir.path()).mkpath(u"certs"_s)
                                                                                 && QFile::copy(cert(u"ca.crt"_s), dir.filePath(u"certs/ca.crt"_s))));
    const QList<QSslCertificate> ca = QSslCertificate::fromPath(cert(u"ca.crt"_s));
    const QList<QSslCertificate> other = QSslCertificate::fromPath(cert(u"rsa.crt"_s));
    CredentialResolver resolver(load(dir, "clusters:\n"
                                          "- name: from-file\n  cluster:\n    server: https://a.example\n    certificate-authority: certs/ca.crt\n"
                                          "- name: from-data\n  cluster:\n    server: https://b.example\n    certificate-authority-data: "
                                          + readAll(cert(u"ca.crt"_s)).toBase64()
                                          + "\n    certificate-authority: " + cert(u"rsa.crt"_s).toUtf8() + "\n"
                                          "contexts:\n- name: file\n  context: {cluster: from-file}\n"
                                          "- name: data\n  context: {cluster: from-data}\n"));
    auto fromFile = resolver.resolve(u"file"_s);
    QVERIFY2(fromFile, why(fromFile).constData());
    QCOMPARE(fromFile->ssl.caCertificates(), ca);
    QVERIFY(fromFile->ssl.peerVerifyMode() != QSslSocket::VerifyNone);
    // Data wins over the file when both are given.
    auto fromData = resolver.resolve(u"data"_s);
    QVERIFY2(fromData, why(fromData).constData());
    QCOMPARE(fromData->ssl.caCertificates(), ca);
    QVERIFY(fromData->ssl.caCertificates() != other);
    QVERIFY(!fromData->hasClientCertificate());
}

void TestCredentials::unreadableCertificateAuthority()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(u"not-a-cert.pem"_s), "hello\n");
    CredentialResolver resolver(load(dir, "clusters:\n"
                                          "- name: missing\n  cluster: {server: \"https://a.example\", certificate-authority: nope.pem}\n"
                                          "- name: garbage\n  cluster: {server: \"https://a.example\", certificate-authority: not-a-cert.pem}\n"
                                          "contexts:\n- name: m\n  context: {cluster: missing}\n- name: g\n  context: {cluster: garbage}\n"));
    auto missing = resolver.resolve(u"m"_s);
    QVERIFY(!missing);
    QCOMPARE(missing.error().file, dir.filePath(u"nope.pem"_s));
    QVERIFY(missing.error().message.contains(u"cluster “missing”"_s));
    auto garbage = resolver.resolve(u"g"_s);
    QVERIFY(!garbage);
    QCOMPARE(garbage.error().file, dir.filePath(u"not-a-cert.pem"_s));
    QVERIFY(garbage.error().message.contains(u"no PEM certificate"_s));
}

void TestCredentials::tokenBasicAuthAndImpersonation()
{
    QTemporaryDir dir;
    CredentialResolver resolver(load(dir, "clusters:\n- name: c\n  cluster: {server: \"https://c.example:6443\"}\n"
                                          "users:\n- name: t\n  user:\n    token: abc.def\n    as: jane\n    as-uid: '42'\n"
                                          "    as-groups: [dev, ops]\n    as-user-extra: {scopes: [view, edit]}\n"
                                          "- name: b\n  user: {username: admin, password: pa:ss}\n"
                                          "contexts:\n- name: t\n  context: {cluster: c, user: t, namespace: apps}\n"
                                          "- name: b\n  context: {cluster: c, user: b}\n"));
    auto t = resolver.resolve(u"t"_s);
    QVERIFY2(t, why(t).constData());
    QCOMPARE(t->bearerToken, u"abc.def"_s);
    QCOMPARE(t->ns, u"apps"_s);
    QCOMPARE(t->server, QUrl(u"https://c.example:6443"_s));
    QCOMPARE(t->proxy.type(), QNetworkProxy::NoProxy);
    QNetworkRequest request(QUrl(u"https://c.example:6443/api"_s));
    t->applyTo(request);
    QCOMPARE(request.rawHeader("Authorization"), "Bearer abc.def"_ba);
    const QHttpHeaders headers = request.headers();
    QCOMPARE(headers.values("Impersonate-Group"), (QList<QByteArray>{"dev", "ops"}));
    QCOMPARE(headers.values("Impersonate-Extra-scopes"), (QList<QByteArray>{"view", "edit"}));
    QCOMPARE(request.rawHeader("Impersonate-User"), "jane"_ba);
    QCOMPARE(request.rawHeader("Impersonate-Uid"), "42"_ba);

    auto b = resolver.resolve(u"b"_s);
    QVERIFY2(b, why(b).constData());
    QNetworkRequest basic(QUrl(u"https://c.example:6443/api"_s));
    b->applyTo(basic);
    QCOMPARE(basic.rawHeader("Authorization"), "Basic "_ba + "admin:pa:ss"_ba.toBase64());
    QVERIFY(!basic.hasRawHeader("Impersonate-User"));
}

void TestCredentials::tokenFileRotation()
{
    QTemporaryDir dir;
    const QString tokenPath = dir.filePath(u"token"_s);
    writeFile(tokenPath, "first-token\n");
    const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-100);
    QVERIFY(setModified(tokenPath, start));
    CredentialResolver resolver(load(dir, "clusters:\n- name: c\n  cluster: {server: \"https://c.example\"}\n"
                                          "users:\n- name: only-file\n  user: {tokenFile: token}\n"
                                          "- name: both\n  user: {tokenFile: token, token: inline-token}\n"
                                          "contexts:\n- name: f\n  context: {cluster: c, user: only-file}\n"
                                          "- name: both\n  context: {cluster: c, user: both}\n"));
    auto first = resolver.resolve(u"f"_s);
    QVERIFY2(first, why(first).constData());
    QCOMPARE(first->bearerToken, u"first-token"_s);

    // Same size, new content and a new modification time: the file is read again.
    writeFile(tokenPath, "secnd-token\n");
    QVERIFY(setModified(tokenPath, start.addSecs(10)));
    auto second = resolver.resolve(u"f"_s);
    QVERIFY2(second, why(second).constData());
    QCOMPARE(second->bearerToken, u"secnd-token"_s);

    // With both set, the readable file wins; when it is gone the inline token is used.
    auto both = resolver.resolve(u"both"_s);
    QVERIFY2(both, why(both).constData());
    QCOMPARE(both->bearerToken, u"secnd-token"_s);
    QVERIFY(QFile::remove(tokenPath));
    auto fallback = resolver.resolve(u"both"_s);
    QVERIFY2(fallback, why(fallback).constData());
    QCOMPARE(fallback->bearerToken, u"inline-token"_s);
}

void TestCredentials::tokenFileMissing()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(u"empty-token"_s), "  \n");
    CredentialResolver resolver(load(dir, "clusters:\n- name: c\n  cluster: {server: \"https://c.example\"}\n"
                                          "users:\n- name: u\n  user: {tokenFile: missing-token}\n"
                                          "- name: e\n  user: {tokenFile: empty-token}\n"
                                          "contexts:\n- name: x\n  context: {cluster: c, user: u}\n- name: e\n  context: {cluster: c, user: e}\n"));
    auto r = resolver.resolve(u"x"_s);
    QVERIFY(!r);
    QCOMPARE(r.error().file, dir.filePath(u"missing-token"_s));
    QVERIFY(r.error().message.contains(u"user “u”"_s));
    auto e = resolver.resolve(u"e"_s);
    QVERIFY(!e);
    QVERIFY(e.error().message.contains(u"empty"_s));
}

void TestCredentials::insecureWarningAndServerName()
{
    QTemporaryDir dir;
    CredentialResolver resolver(load(dir, "clusters:\n"
                                          "- name: lab\n  cluster: {server: \"https://10.0.0.5:6443\", insecure-skip-tls-verify: true}\n"
                                          "- name: prod\n  cluster: {server: \"https://10.0.0.6:6443\", tls-server-name: api.prod.internal}\n"
                                          "contexts:\n- name: lab\n  context: {cluster: lab}\n- name: prod\n  context: {cluster: prod}\n"));
    auto lab = resolver.resolve(u"lab"_s);
    QVERIFY2(lab, why(lab).constData());
    QCOMPARE(lab->ssl.peerVerifyMode(), QSslSocket::VerifyNone);
    QVERIFY(lab->warning.contains(u"insecure-skip-tls-verify"_s));
    QVERIFY(lab->warning.contains(u"“lab”"_s));

    auto prod = resolver.resolve(u"prod"_s);
    QVERIFY2(prod, why(prod).constData());
    QVERIFY(prod->warning.isEmpty());
    QVERIFY(prod->ssl.peerVerifyMode() != QSslSocket::VerifyNone);
    QCOMPARE(prod->peerVerifyName, u"api.prod.internal"_s);
    QNetworkRequest request(prod->server);
    prod->applyTo(request);
    QCOMPARE(request.peerVerifyName(), u"api.prod.internal"_s);
    QVERIFY(!request.hasRawHeader("Authorization"));
}

// ---- exec plugins ---------------------------------------------------------

void TestCredentials::writePlugin(const QTemporaryDir& dir)
{
    const QString path = dir.filePath(u"plugin.sh"_s);
    writeFile(path, "#!/bin/sh\n"
                    "echo run >> \"$PLUGIN_DIR/count\"\n"
                    "printf '%s' \"$KUBERNETES_EXEC_INFO\" > \"$PLUGIN_DIR/info.json\"\n"
                    "printf '%s\\n' \"$@\" > \"$PLUGIN_DIR/args\"\n"
                    "[ -f \"$PLUGIN_DIR/stderr\" ] && cat \"$PLUGIN_DIR/stderr\" >&2\n"
                    "[ -f \"$PLUGIN_DIR/sleep\" ] && exec sleep \"$(cat \"$PLUGIN_DIR/sleep\")\"\n"
                    "cat \"$PLUGIN_DIR/output\"\n"
                    "exit \"$(cat \"$PLUGIN_DIR/exitcode\" 2>/dev/null || echo 0)\"\n");
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

void TestCredentials::setPluginOutput(const QTemporaryDir& dir, const QJsonObject& output)
{
    writeFile(dir.filePath(u"output"_s), QJsonDocument(output).toJson());
}

QByteArray TestCredentials::execConfig(const QTemporaryDir& dir, const QString& apiVersion, const QByteArray& extra)
{
    writePlugin(dir);
    return "clusters:\n- name: c\n  cluster:\n    server: https://api.example:6443\n"
           + (caPem().isEmpty() ? QByteArray() : "    certificate-authority-data: " + caPem().toBase64() + "\n") +
           "    insecure-skip-tls-verify: false\n"
           "    extensions:\n    - name: client.authentication.k8s.io/exec\n      extension: {audience: driftline}\n"
           "users:\n- name: u\n  user:\n    exec:\n"
           "      apiVersion: " + apiVersion.toUtf8() + "\n"
           "      command: ./plugin.sh\n"
           "      args: [get-token, --cluster, c]\n"
           "      env:\n      - name: PLUGIN_DIR\n        value: " + dir.path().toUtf8() + "\n"
           + extra +
           "contexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n";
}

void TestCredentials::execPlugin_data()
{
    QTest::addColumn<QString>("apiVersion");
    QTest::newRow("v1") << u"client.authentication.k8s.io/v1"_s;
    QTest::newRow("v1beta1") << u"client.authentication.k8s.io/v1beta1"_s;
}

void TestCredentials::execPlugin()
{
    QFETCH(QString, apiVersion);
    QTemporaryDir dir;
    const QDateTime expiry = QDateTime::currentDateTimeUtc().addSecs(3600);
    setPluginOutput(dir, {{u"apiVersion"_s, apiVersion}, {u"kind"_s, u"ExecCredential"_s},
                          {u"status"_s, QJsonObject{{u"token"_s, u"tok-1"_s},
                                                    {u"expirationTimestamp"_s, expiry.toString(Qt::ISODate)}}}});
    const QByteArray extra = apiVersion.endsWith(u"/v1"_s) ? "      interactiveMode: Never\n      provideClusterInfo: true\n"
                                                           : "      provideClusterInfo: true\n";
    CredentialResolver resolver(load(dir, execConfig(dir, apiVersion, extra)));

    auto first = resolver.resolve();
    QVERIFY2(first, why(first).constData());
    QCOMPARE(first->bearerToken, u"tok-1"_s);
    QVERIFY(first->fromExecPlugin);
    QCOMPARE(first->expiresAt.toSecsSinceEpoch(), expiry.toSecsSinceEpoch());
    QCOMPARE(runCount(dir.path()), 1);
    QCOMPARE(readAll(dir.filePath(u"args"_s)), "get-token\n--cluster\nc\n"_ba);

    const QJsonObject info = QJsonDocument::fromJson(readAll(dir.filePath(u"info.json"_s))).object();
    QCOMPARE(info.value(u"apiVersion"_s).toString(), apiVersion);
    QCOMPARE(info.value(u"kind"_s).toString(), u"ExecCredential"_s);
    const QJsonObject spec = info.value(u"spec"_s).toObject();
    QCOMPARE(spec.value(u"interactive"_s), QJsonValue(false));
    const QJsonObject cluster = spec.value(u"cluster"_s).toObject();
    QCOMPARE(cluster.value(u"server"_s).toString(), u"https://api.example:6443"_s);
    if (!caPem().isEmpty())
        QCOMPARE(cluster.value(u"certificate-authority-data"_s).toString(), QString::fromLatin1(caPem().toBase64()));
    QCOMPARE(cluster.value(u"config"_s).toObject().value(u"audience"_s).toString(), u"driftline"_s);

    // Cached until it expires: a new output is not picked up...
    setPluginOutput(dir, {{u"apiVersion"_s, apiVersion}, {u"kind"_s, u"ExecCredential"_s},
                          {u"status"_s, QJsonObject{{u"token"_s, u"tok-2"_s}}}});
    auto cached = resolver.resolve();
    QVERIFY2(cached, why(cached).constData());
    QCOMPARE(cached->bearerToken, u"tok-1"_s);
    QCOMPARE(runCount(dir.path()), 1);

    // ...until a 401 invalidates it.
    resolver.invalidate();
    auto fresh = resolver.resolve(u"x"_s);
    QVERIFY2(fresh, why(fresh).constData());
    QCOMPARE(fresh->bearerToken, u"tok-2"_s);
    QVERIFY(!fresh->expiresAt.isValid());
    QCOMPARE(runCount(dir.path()), 2);
    // Without an expiry it stays cached.
    QVERIFY(resolver.resolve());
    QCOMPARE(runCount(dir.path()), 2);
}

void TestCredentials::execExpiry()
{
    QTemporaryDir dir;
    const auto output = [&](qint64 secondsFromNow) {
        setPluginOutput(dir, {{u"apiVersion"_s, u"client.authentication.k8s.io/v1"_s}, {u"kind"_s, u"ExecCredential"_s},
                              {u"status"_s, QJsonObject{{u"token"_s, u"tok"_s},
                                                        {u"expirationTimestamp"_s,
                                                         QDateTime::currentDateTimeUtc().addSecs(secondsFromNow).toString(Qt::ISODate)}}}});
    };
    output(-60);
    CredentialResolver resolver(load(dir, execConfig(dir, u"client.authentication.k8s.io/v1"_s, "      interactiveMode: IfAvailable\n")));
    QVERIFY(resolver.resolve());
    QCOMPARE(runCount(dir.path()), 1);
    QVERIFY(resolver.resolve());
    QCOMPARE(runCount(dir.path()), 2); // expired: run again
    output(2); // within the skew: as good as expired
    QVERIFY(resolver.resolve());
    QCOMPARE(runCount(dir.path()), 3);
    QVERIFY(resolver.resolve());
    QCOMPARE(runCount(dir.path()), 4);
    output(600);
    QVERIFY(resolver.resolve());
    QCOMPARE(runCount(dir.path()), 5);
    QVERIFY(resolver.resolve());
    QVERIFY(resolver.resolve());
    QCOMPARE(runCount(dir.path()), 5); // valid for ten minutes: cached
}

void TestCredentials::execClientCertificate()
{
    REQUIRE_OPENSSL();
    QTemporaryDir dir;
    setPluginOutput(dir, {{u"apiVersion"_s, u"client.authentication.k8s.io/v1"_s}, {u"kind"_s, u"ExecCredential"_s},
                          {u"status"_s, QJsonObject{{u"clientCertificateData"_s, QString::fromLatin1(readAll(cert(u"ec.crt"_s)))},
                                                    {u"clientKeyData"_s, QString::fromLatin1(readAll(cert(u"ec.key"_s)))}}}});
    CredentialResolver resolver(load(dir, execConfig(dir, u"client.authentication.k8s.io/v1"_s, "      interactiveMode: Never\n")));
    auto creds = resolver.resolve();
    QVERIFY2(creds, why(creds).constData());
    QVERIFY(creds->bearerToken.isEmpty());
    QCOMPARE(creds->ssl.localCertificate(), QSslCertificate::fromPath(cert(u"ec.crt"_s)).value(0));
    QCOMPARE(creds->ssl.privateKey().algorithm(), QSsl::Ec);
}

void TestCredentials::execFailureShowsStderr()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(u"output"_s), Secret.toUtf8());
    writeFile(dir.filePath(u"stderr"_s), "error: the refresh token for alice has expired\nrun `login` again\n");
    writeFile(dir.filePath(u"exitcode"_s), "3\n");
    CredentialResolver resolver(load(dir, execConfig(dir, u"client.authentication.k8s.io/v1"_s, "      interactiveMode: Never\n")));
    auto r = resolver.resolve();
    QVERIFY(!r);
    QVERIFY(r.error().message.contains(u"user “u”"_s));
    QVERIFY(r.error().message.contains(u"./plugin.sh"_s) || r.error().message.contains(dir.filePath(u"plugin.sh"_s)));
    QVERIFY(r.error().message.contains(u"exit code 3"_s));
    QCOMPARE(r.error().detail, u"error: the refresh token for alice has expired\nrun `login` again"_s);
    QVERIFY(!r.error().toString().contains(Secret));

    // A flood of stderr is cut to a bounded tail.
    writeFile(dir.filePath(u"stderr"_s), QByteArray(100'000, 'x') + "\nlast line\n");
    auto flood = resolver.resolve();
    QVERIFY(!flood);
    QVERIFY(flood.error().detail.size() <= CredentialResolver::MaxStderr + 1);
    QVERIFY(flood.error().detail.endsWith(u"last line"_s));
}

void TestCredentials::execMissingCommandShowsInstallHint()
{
    QTemporaryDir dir;
    CredentialResolver resolver(load(dir, "clusters:\n- name: c\n  cluster: {server: \"https://c.example\"}\n"
                                          "users:\n- name: cloud\n  user:\n    exec:\n"
                                          "      apiVersion: client.authentication.k8s.io/v1beta1\n"
                                          "      command: driftline-no-such-plugin\n"
                                          "      installHint: Install it with 'apt install cloud-auth-plugin'.\n"
                                          "contexts:\n- name: x\n  context: {cluster: c, user: cloud}\n"));
    auto r = resolver.resolve(u"x"_s);
    QVERIFY(!r);
    QCOMPARE(r.error().code, Error::Code::NotFound);
    QVERIFY(r.error().message.contains(u"driftline-no-such-plugin"_s));
    QVERIFY(r.error().message.contains(u"user “cloud”"_s));
    QVERIFY2(r.error().message.contains(u"Install it with 'apt install cloud-auth-plugin'."_s), qPrintable(r.error().message));
}

void TestCredentials::execInteractiveAlwaysRefused()
{
    QTemporaryDir dir;
    setPluginOutput(dir, {{u"apiVersion"_s, u"client.authentication.k8s.io/v1"_s}, {u"kind"_s, u"ExecCredential"_s},
                          {u"status"_s, QJsonObject{{u"token"_s, u"t"_s}}}});
    CredentialResolver resolver(load(dir, execConfig(dir, u"client.authentication.k8s.io/v1"_s, "      interactiveMode: Always\n")));
    auto r = resolver.resolve();
    QVERIFY(!r);
    QCOMPARE(r.error().code, Error::Code::Unsupported);
    QVERIFY(r.error().message.contains(u"cannot run interactive plugins"_s));
    QCOMPARE(runCount(dir.path()), 0);
}

void TestCredentials::execTimeout()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(u"sleep"_s), "20");
    CredentialResolver resolver(load(dir, execConfig(dir, u"client.authentication.k8s.io/v1"_s, "      interactiveMode: Never\n")));
    resolver.setExecTimeout(std::chrono::milliseconds(400));
    QElapsedTimer timer;
    timer.start();
    auto r = resolver.resolve();
    QVERIFY(!r);
    QCOMPARE(r.error().code, Error::Code::Timeout);
    QVERIFY(timer.elapsed() < 10'000);
}

// ---- proxies ----------------------------------------------------------------

void TestCredentials::proxyFromKubeconfig()
{
    QProcessEnvironment env;
    env.insert(u"HTTPS_PROXY"_s, u"http://env-proxy:9999"_s);
    auto http = CredentialResolver::proxyFor(QUrl(u"https://c.example"_s), u"http://me:p%40ss@proxy.example:3128"_s, env);
    QVERIFY2(http, why(http).constData());
    QCOMPARE(http->type(), QNetworkProxy::HttpProxy);
    QCOMPARE(http->hostName(), u"proxy.example"_s);
    QCOMPARE(http->port(), quint16(3128));
    QCOMPARE(http->user(), u"me"_s);
    QCOMPARE(http->password(), u"p@ss"_s);
    // proxy-url applies even to loopback servers, and NO_PROXY does not override it.
    env.insert(u"NO_PROXY"_s, u"*"_s);
    auto socks = CredentialResolver::proxyFor(QUrl(u"https://127.0.0.1:6443"_s), u"socks5://socks.example"_s, env);
    QVERIFY2(socks, why(socks).constData());
    QCOMPARE(socks->type(), QNetworkProxy::Socks5Proxy);
    QCOMPARE(socks->port(), quint16(1080));
    auto https = CredentialResolver::proxyFor(QUrl(u"https://c.example"_s), u"https://proxy.example"_s, env);
    QVERIFY(!https);
    QCOMPARE(https.error().code, Error::Code::Unsupported);
}

void TestCredentials::proxyFromEnvironment_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<QStringList>("env"); // NAME=value
    QTest::addColumn<QString>("proxyHost"); // empty: no proxy

    const QString api = u"https://api.example.com:6443"_s;
    QTest::newRow("no variables") << api << QStringList{} << QString();
    QTest::newRow("HTTPS_PROXY") << api << QStringList{u"HTTPS_PROXY=http://proxy.corp:3128"_s} << u"proxy.corp"_s;
    QTest::newRow("https_proxy lower case") << api << QStringList{u"https_proxy=proxy.lower:8080"_s} << u"proxy.lower"_s;
    QTest::newRow("upper case wins") << api << QStringList{u"HTTPS_PROXY=up:1"_s, u"https_proxy=low:1"_s} << u"up"_s;
    QTest::newRow("HTTP_PROXY is not for https") << api << QStringList{u"HTTP_PROXY=plain:1"_s} << QString();
    QTest::newRow("HTTP_PROXY for http") << u"http://api.example.com"_s << QStringList{u"HTTP_PROXY=plain:1"_s} << u"plain"_s;
    const QString p = u"HTTPS_PROXY=proxy.corp:3128"_s;
    QTest::newRow("NO_PROXY exact host") << api << QStringList{p, u"NO_PROXY=other.org,api.example.com"_s} << QString();
    QTest::newRow("NO_PROXY domain") << api << QStringList{p, u"NO_PROXY=example.com"_s} << QString();
    QTest::newRow("NO_PROXY domain matches itself") << u"https://example.com"_s << QStringList{p, u"NO_PROXY=example.com"_s}
                                                    << QString();
    QTest::newRow("NO_PROXY leading dot") << api << QStringList{p, u"NO_PROXY=.example.com"_s} << QString();
    QTest::newRow("NO_PROXY leading dot not itself") << u"https://example.com"_s << QStringList{p, u"NO_PROXY=.example.com"_s}
                                                     << u"proxy.corp"_s;
    QTest::newRow("NO_PROXY star dot") << api << QStringList{p, u"no_proxy=*.example.com"_s} << QString();
    QTest::newRow("NO_PROXY not a suffix of a label") << api << QStringList{p, u"NO_PROXY=ple.com"_s} << u"proxy.corp"_s;
    QTest::newRow("NO_PROXY star") << api << QStringList{p, u"NO_PROXY=*"_s} << QString();
    QTest::newRow("NO_PROXY matching port") << api << QStringList{p, u"NO_PROXY=api.example.com:6443"_s} << QString();
    QTest::newRow("NO_PROXY other port") << api << QStringList{p, u"NO_PROXY=api.example.com:443"_s} << u"proxy.corp"_s;
    QTest::newRow("NO_PROXY IP") << u"https://10.1.2.3:6443"_s << QStringList{p, u"NO_PROXY=10.1.2.3"_s} << QString();
    QTest::newRow("NO_PROXY CIDR ignored") << u"https://10.1.2.3:6443"_s << QStringList{p, u"NO_PROXY=10.0.0.0/8"_s}
                                           << u"proxy.corp"_s;
    QTest::newRow("NO_PROXY with spaces and case") << api << QStringList{p, u"NO_PROXY= foo.org , API.Example.COM "_s} << QString();
    QTest::newRow("loopback never proxied") << u"https://127.0.0.1:6443"_s << QStringList{p} << QString();
    QTest::newRow("localhost never proxied") << u"https://localhost:6443"_s << QStringList{p} << QString();
}

void TestCredentials::proxyFromEnvironment()
{
    QFETCH(QString, server);
    QFETCH(QStringList, env);
    QFETCH(QString, proxyHost);
    QProcessEnvironment e;
    for (const QString& kv : env)
        e.insert(kv.section(u'=', 0, 0), kv.section(u'=', 1));
    auto proxy = CredentialResolver::proxyFor(QUrl(server), {}, e);
    QVERIFY2(proxy, why(proxy).constData());
    if (proxyHost.isEmpty()) {
        QCOMPARE(proxy->type(), QNetworkProxy::NoProxy);
    } else {
        QCOMPARE(proxy->type(), QNetworkProxy::HttpProxy);
        QCOMPARE(proxy->hostName(), proxyHost);
    }
}

void TestCredentials::proxyThroughResolve()
{
    QTemporaryDir dir;
    CredentialResolver resolver(load(dir, "clusters:\n"
                                          "- name: direct\n  cluster: {server: \"https://api.example.com\"}\n"
                                          "- name: internal\n  cluster: {server: \"https://k8s.internal.lan\"}\n"
                                          "- name: own\n  cluster: {server: \"https://api.example.com\", proxy-url: \"socks5://bastion:1080\"}\n"
                                          "contexts:\n- name: direct\n  context: {cluster: direct}\n"
                                          "- name: internal\n  context: {cluster: internal}\n- name: own\n  context: {cluster: own}\n"));
    QProcessEnvironment env;
    env.insert(u"HTTPS_PROXY"_s, u"http://corp-proxy:3128"_s);
    env.insert(u"NO_PROXY"_s, u".lan"_s);
    resolver.setEnvironment(env);
    auto direct = resolver.resolve(u"direct"_s);
    QVERIFY2(direct, why(direct).constData());
    QCOMPARE(direct->proxy.hostName(), u"corp-proxy"_s);
    QCOMPARE(direct->proxy.port(), quint16(3128));
    auto internal = resolver.resolve(u"internal"_s);
    QVERIFY2(internal, why(internal).constData());
    QCOMPARE(internal->proxy.type(), QNetworkProxy::NoProxy);
    auto own = resolver.resolve(u"own"_s);
    QVERIFY2(own, why(own).constData());
    QCOMPARE(own->proxy.type(), QNetworkProxy::Socks5Proxy);
    QCOMPARE(own->proxy.hostName(), u"bastion"_s);
}

// ---- secrets ------------------------------------------------------------------

void TestCredentials::secretsNeverInErrors()
{
    QStringList errors; // every Error::toString() produced below
    const QByteArray s = Secret.toUtf8();

    // Kubeconfig validation and parsing.
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(u"config"_s),
                  "clusters:\n- name: c\n  cluster: {server: \"https://c.example\", proxy-url: \"ftp://me:" + s + "@p\"}\n"
                  "users:\n- name: both\n  user: {token: " + s + ", username: u, password: " + s + "}\n"
                  "- name: b64\n  user: {client-certificate-data: Y2VydA==, client-key-data: '" + s + "!!'}\n"
                  "- name: server-secret\n  user: {token: " + s + "}\n"
                  "contexts:\n- name: x\n  context: {cluster: c, user: both}\n");
        auto cfg = Kubeconfig::loadFile(dir.filePath(u"config"_s));
        QVERIFY(cfg);
        QCOMPARE(cfg->errors().size(), 5); // proxy-url, token+basic, base64, the context's cluster and user
        for (const Error& e : cfg->errors())
            errors << e.toString();
        writeFile(dir.filePath(u"broken"_s), "users:\n- name: u\n  user:\n    token: " + s + "\n    bad: [" + s + "\n");
        auto broken = Kubeconfig::loadFile(dir.filePath(u"broken"_s));
        QVERIFY(!broken);
        errors << broken.error().toString();
    }
    // Resolving: a bad key, an HTTPS proxy with a password, an empty token file.
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(u"empty"_s), "\n");
        CredentialResolver resolver(load(dir, "clusters:\n- name: c\n  cluster: {server: \"https://c.example\"}\n"
                                              "- name: p\n  cluster: {server: \"https://c.example\", proxy-url: \"https://me:" + s + "@proxy\"}\n"
                                              "users:\n- name: badkey\n  user: {client-certificate-data: " + QByteArray("not a cert").toBase64()
                                              + ", client-key-data: " + QByteArray("KEY " + s).toBase64() + "}\n"
                                              "- name: tok\n  user: {token: " + s + "}\n"
                                              "- name: empty\n  user: {tokenFile: empty}\n"
                                              "contexts:\n- name: badkey\n  context: {cluster: c, user: badkey}\n"
                                              "- name: proxy\n  context: {cluster: p, user: tok}\n"
                                              "- name: empty\n  context: {cluster: c, user: empty}\n"));
        for (const QString& ctx : {u"badkey"_s, u"proxy"_s, u"empty"_s}) {
            auto r = resolver.resolve(ctx);
            QVERIFY2(!r, qPrintable(ctx));
            errors << r.error().toString();
        }
        QProcessEnvironment env;
        env.insert(u"HTTPS_PROXY"_s, u"ftp://me:"_s + Secret + u"@p"_s);
        auto envProxy = CredentialResolver::proxyFor(QUrl(u"https://c.example"_s), {}, env);
        QVERIFY(!envProxy);
        errors << envProxy.error().toString();
    }
    if (!m_openssl.isEmpty()) {
        // A real certificate with a key of the other algorithm.
        QTemporaryDir dir;
        CredentialResolver resolver(load(dir, "clusters:\n- name: c\n  cluster: {server: \"https://c.example\"}\n"
                                              "users:\n- name: u\n  user: {client-certificate: " + cert(u"rsa.crt"_s).toUtf8()
                                              + ", client-key: " + cert(u"ec.key"_s).toUtf8() + "}\n"
                                              "contexts:\n- name: x\n  context: {cluster: c, user: u}\n"));
        auto r = resolver.resolve(u"x"_s);
        QVERIFY(!r);
        QVERIFY(r.error().message.contains(u"does not match"_s));
        errors << r.error().toString();
    }
    // Exec plugins: every way the output can be wrong, each with the secret in stdout.
    const QList<QByteArray> outputs{
        s,                                                                                     // not JSON
        "{\"kind\":\"ExecCredential\",\"apiVersion\":\"" + s + "\",\"status\":{\"token\":\"" + s + "\"}}", // wrong apiVersion
        "{\"kind\":\"" + s + "\",\"apiVersion\":\"client.authentication.k8s.io/v1\"}",          // wrong kind
        "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\",\"status\":{\"clientKeyData\":\"" + s + "\"}}",
        "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\",\"status\":{\"token\":\"" + s
            + "\",\"expirationTimestamp\":\"" + s + "\"}}",
        "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\",\"status\":{\"clientCertificateData\":\""
            + s + "\",\"clientKeyData\":\"" + s + "\"}}",
    };
    for (const QByteArray& out : outputs) {
        QTemporaryDir dir;
        writeFile(dir.filePath(u"output"_s), out);
        CredentialResolver resolver(load(dir, execConfig(dir, u"client.authentication.k8s.io/v1"_s, "      interactiveMode: Never\n")));
        auto r = resolver.resolve();
        QVERIFY2(!r, out.constData());
        QCOMPARE(r.error().code, Error::Code::InvalidInput);
        errors << r.error().toString();
    }
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(u"output"_s), s);
        writeFile(dir.filePath(u"exitcode"_s), "1");
        CredentialResolver resolver(load(dir, execConfig(dir, u"client.authentication.k8s.io/v1"_s, "      interactiveMode: Never\n")));
        auto failed = resolver.resolve();
        QVERIFY(!failed);
        errors << failed.error().toString();
        QFile::remove(dir.filePath(u"exitcode"_s));
        writeFile(dir.filePath(u"sleep"_s), "20");
        resolver.setExecTimeout(std::chrono::milliseconds(300));
        auto timedOut = resolver.resolve();
        QVERIFY(!timedOut);
        errors << timedOut.error().toString();
    }

    QVERIFY(errors.size() >= 15);
    for (const QString& text : std::as_const(errors)) {
        QVERIFY2(!text.isEmpty(), "an error without text");
        QVERIFY2(!text.contains(Secret), qPrintable(text));
        QVERIFY2(!text.contains(QString::fromLatin1(s.toBase64())), qPrintable(text));
    }
}

void TestCredentials::secretsNeverInDebugOutput()
{
    QTemporaryDir dir;
    const QByteArray s = Secret.toUtf8();
    setPluginOutput(dir, {{u"apiVersion"_s, u"client.authentication.k8s.io/v1"_s}, {u"kind"_s, u"ExecCredential"_s},
                          {u"status"_s, QJsonObject{{u"token"_s, Secret}}}});
    CredentialResolver exec(load(dir, execConfig(dir, u"client.authentication.k8s.io/v1"_s, "      interactiveMode: Never\n")));
    CredentialResolver basic(load(dir, "clusters:\n- name: c\n  cluster: {server: \"https://c.example\"}\n"
                                       "users:\n- name: u\n  user: {username: admin, password: " + s + "}\n"
                                       "contexts:\n- name: x\n  context: {cluster: c, user: u}\n"));
    auto a = exec.resolve();
    auto b = basic.resolve(u"x"_s);
    QVERIFY2(a, why(a).constData());
    QVERIFY2(b, why(b).constData());
    QCOMPARE(a->bearerToken, Secret);

    messages.clear();
    const QtMessageHandler old = qInstallMessageHandler(captureMessages);
    qDebug() << *a;
    qDebug() << *b;
    qInstallMessageHandler(old);
    QCOMPARE(messages.size(), 2);
    QVERIFY(messages[0].contains(u"redacted"_s));
    QVERIFY(messages[1].contains(u"admin"_s));
    for (const QString& m : std::as_const(messages))
        QVERIFY2(!m.contains(Secret), qPrintable(m));
}

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
