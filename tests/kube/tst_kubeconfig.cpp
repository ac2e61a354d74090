// Kubeconfig loading: kubectl's merge rules across files, relative paths,
// base64 data, per-entry validation errors with their lines, missing and
// malformed files.
#include "kube/kubeconfig.h"
#include "testsupport/testrepo.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::kube;
using driftline::test::writeFile;

namespace {

// QVERIFY2 evaluates its message even on success: read the error only when there is one.
template<typename T>
QByteArray why(const Result<T>& r)
{
    return r ? QByteArray() : r.error().toString().toUtf8();
}

QString errorsText(const Kubeconfig& cfg)
{
    QStringList out;
    for (const Error& e : cfg.errors())
        out << e.toString();
    return out.join(u'\n');
}

// Restores an environment variable when the test ends, pass or fail.
class EnvGuard
{
public:
    explicit EnvGuard(const char* name)
        : m_name(name)
        , m_had(qEnvironmentVariableIsSet(name))
        , m_old(qgetenv(name))
    {
    }
    ~EnvGuard()
    {
        if (m_had)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }

private:
    const char* m_name;
    bool m_had;
    QByteArray m_old;
};

} // namespace

class TestKubeconfig : public QObject
{
    Q_OBJECT

private slots:
    void mergesThreeFilesFirstWins();
    void explicitFileDoesNotMerge();
    void resolvesRelativePaths();
    void decodesDataFields();
    void readsUserFields();
    void validationErrors_data();
    void validationErrors();
    void skipsMissingKubeconfigEntries();
    void malformedFileNamesFileAndLine();
    void missingExplicitFile();
    void emptyFileIsEmptyConfig();
};

void TestKubeconfig::mergesThreeFilesFirstWins()
{
    QTemporaryDir dir;
    const QString a = dir.filePath(u"a/config"_s);
    const QString b = dir.filePath(u"b/config"_s);
    const QString c = dir.filePath(u"c/config"_s);
    writeFile(a, R"(apiVersion: v1
kind: Config
clusters:
- name: shared
  cluster:
    server: https://from-a.example:6443
users:
- name: red-user
  user:
    username: red
    password: pw
contexts:
- name: one
  context:
    cluster: shared
    user: red-user
)");
    writeFile(b, R"(apiVersion: v1
kind: Config
current-context: two
clusters:
- name: shared
  cluster:
    server: https://from-b.example:6443
- name: only-b
  cluster:
    server: https://only-b.example
users:
- name: red-user
  user:
    token: from-b
    client-certificate: never-used.crt
    client-key: never-used.key
contexts:
- name: one
  context:
    cluster: only-b
- name: two
  context:
    cluster: only-b
    namespace: team-b
)");
    writeFile(c, R"(current-context: three
clusters:
- name: only-c
  cluster:
    server: https://only-c.example
contexts:
- name: three
  context:
    cluster: only-c
    user: red-user
)");
    auto cfg = Kubeconfig::loadFiles({a, b, c});
    QVERIFY2(cfg, why(cfg).constData());
    QVERIFY2(cfg->errors().isEmpty(), qPrintable(errorsText(*cfg)));

    QCOMPARE(cfg->files(), (QStringList{a, b, c}));
    QCOMPARE(cfg->currentContext(), u"two"_s);
    QCOMPARE(cfg->currentContextFile(), b);
    QCOMPARE(cfg->contexts(), (QStringList{u"one"_s, u"two"_s, u"three"_s}));

    const Cluster* shared = cfg->cluster(u"shared"_s);
    QVERIFY(shared);
    QCOMPARE(shared->server, u"https://from-a.example:6443"_s);
    QCOMPARE(shared->origin.file, a);
    QCOMPARE(shared->origin.line, 4);
    QVERIFY(cfg->cluster(u"only-b"_s));
    QCOMPARE(cfg->cluster(u"only-c"_s)->origin.file, c);

    // Whole entries win: the first red-user has no token, and the second's fields are not mixed in.
    const User* red = cfg->user(u"red-user"_s);
    QVERIFY(red);
    QCOMPARE(red->origin.file, a);
    QCOMPARE(red->username, u"red"_s);
    QVERIFY(red->token.isEmpty());
    QVERIFY(red->clientCertificate.isEmpty());

    const Context* one = cfg->context(u"one"_s);
    QCOMPARE(one->cluster, u"shared"_s);
    QCOMPARE(one->ns, u"default"_s);
    QCOMPARE(cfg->context(u"two"_s)->ns, u"team-b"_s);
    QCOMPARE(cfg->context(u"three"_s)->origin.file, c);

    // A different order gives a different winner.
    auto reversed = Kubeconfig::loadFiles({c, b, a});
    QVERIFY(reversed);
    QCOMPARE(reversed->currentContext(), u"three"_s);
    QCOMPARE(reversed->cluster(u"shared"_s)->server, u"https://from-b.example:6443"_s);
    QCOMPARE(reversed->context(u"one"_s)->cluster, u"only-b"_s);
}

void TestKubeconfig::explicitFileDoesNotMerge()
{
    QTemporaryDir dir;
    const QString a = dir.filePath(u"config"_s);
    writeFile(a, R"(clusters:
- name: x
  cluster: {server: "https://x.example"}
contexts:
- name: x
  context: {cluster: x}
current-context: x
)");
    EnvGuard guard("KUBECONFIG");
    qputenv("KUBECONFIG", dir.filePath(u"other"_s).toLocal8Bit());
    auto cfg = Kubeconfig::loadFile(a);
    QVERIFY(cfg);
    QCOMPARE(cfg->files(), QStringList{a});
    QCOMPARE(cfg->contexts(), QStringList{u"x"_s});
    QCOMPARE(cfg->context(u"x"_s)->user, QString());
}

void TestKubeconfig::resolvesRelativePaths()
{
    QTemporaryDir dir;
    const QString first = dir.filePath(u"one/config"_s);
    const QString second = dir.filePath(u"two/nested/config"_s);
    writeFile(first, R"(clusters:
- name: c1
  cluster:
    server: https://c1.example
    certificate-authority: certs/ca.pem
users:
- name: u1
  user:
    client-certificate: ../shared/client.crt
    client-key: /etc/absolute/client.key
    tokenFile: token
    exec:
      apiVersion: client.authentication.k8s.io/v1
      interactiveMode: Never
      command: ./bin/plugin
)");
    writeFile(second, R"(users:
- name: u2
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: kubelogin
      args: [get-token, --server-id, abc]
      env:
      - name: MODE
        value: test
      provideClusterInfo: true
      installHint: install kubelogin
)");
    auto cfg = Kubeconfig::loadFiles({first, second});
    QVERIFY2(cfg, why(cfg).constData());
    QVERIFY2(cfg->errors().isEmpty(), qPrintable(errorsText(*cfg)));
    QCOMPARE(cfg->cluster(u"c1"_s)->certificateAuthority, dir.filePath(u"one/certs/ca.pem"_s));
    const User* u1 = cfg->user(u"u1"_s);
    QCOMPARE(u1->clientCertificate, dir.filePath(u"shared/client.crt"_s));
    QCOMPARE(u1->clientKey, u"/etc/absolute/client.key"_s);
    QCOMPARE(u1->tokenFile, dir.filePath(u"one/token"_s));
    QVERIFY(u1->exec);
    QCOMPARE(u1->exec->command, dir.filePath(u"one/bin/plugin"_s));

    const User* u2 = cfg->user(u"u2"_s);
    QVERIFY(u2->exec);
    QCOMPARE(u2->exec->command, u"kubelogin"_s); // bare names stay for the PATH lookup
    QCOMPARE(u2->exec->args, (QStringList{u"get-token"_s, u"--server-id"_s, u"abc"_s}));
    QCOMPARE(u2->exec->env.size(), 1);
    QCOMPARE(u2->exec->env.first().first, u"MODE"_s);
    QCOMPARE(u2->exec->env.first().second, u"test"_s);
    QVERIFY(u2->exec->provideClusterInfo);
    QCOMPARE(u2->exec->installHint, u"install kubelogin"_s);
    QCOMPARE(u2->exec->interactiveMode, QString());
}

void TestKubeconfig::decodesDataFields()
{
    QTemporaryDir dir;
    const QByteArray ca = "-----BEGIN CERTIFICATE-----\nnot really\n-----END CERTIFICATE-----\n";
    const QByteArray cert = "client cert bytes";
    const QByteArray key = "client key bytes";
    const QString file = dir.filePath(u"config"_s);
    writeFile(file, "clusters:\n- name: c\n  cluster:\n    server: https://c.example\n    certificate-authority-data: "
                        + ca.toBase64() + "\n    certificate-authority: ignored.pem\n    tls-server-name: api.internal\n"
                        "    proxy-url: socks5://proxy:1080\n    disable-compression: true\n"
                        "users:\n- name: u\n  user:\n    client-certificate-data: " + cert.toBase64()
                        + "\n    client-key-data: " + key.toBase64() + "\n    as: jane\n    as-groups: [dev, ops]\n"
                        "    as-user-extra:\n      scopes: [view, edit]\n");
    auto cfg = Kubeconfig::loadFile(file);
    QVERIFY(cfg);
    QVERIFY2(cfg->errors().isEmpty(), qPrintable(errorsText(*cfg)));
    const Cluster* c = cfg->cluster(u"c"_s);
    QCOMPARE(c->certificateAuthorityData, ca);
    QCOMPARE(c->certificateAuthority, dir.filePath(u"ignored.pem"_s));
    QCOMPARE(c->tlsServerName, u"api.internal"_s);
    QCOMPARE(c->proxyUrl, u"socks5://proxy:1080"_s);
    QVERIFY(c->disableCompression);
    QVERIFY(!c->insecureSkipTlsVerify);
    const User* u = cfg->user(u"u"_s);
    QCOMPARE(u->clientCertificateData, cert);
    QCOMPARE(u->clientKeyData, key);
    QCOMPARE(u->impersonate, u"jane"_s);
    QCOMPARE(u->impersonateGroups, (QStringList{u"dev"_s, u"ops"_s}));
    QCOMPARE(u->impersonateUserExtra.value(u"scopes"_s), (QStringList{u"view"_s, u"edit"_s}));
}

void TestKubeconfig::readsUserFields()
{
    auto cfg = Kubeconfig::parse(R"({"apiVersion": "v1", "kind": "Config",
 "clusters": [{"name": "j", "cluster": {"server": "https://j.example", "insecure-skip-tls-verify": true}}],
 "users": [{"name": "t", "user": {"token": "abc"}}],
 "contexts": [{"name": "j", "context": {"cluster": "j", "user": "t", "namespace": "apps"}}],
 "current-context": "j"})",
                                 u"/tmp/config.json"_s);
    QVERIFY(cfg);
    QVERIFY2(cfg->errors().isEmpty(), qPrintable(errorsText(*cfg)));
    QVERIFY(cfg->cluster(u"j"_s)->insecureSkipTlsVerify);
    QCOMPARE(cfg->user(u"t"_s)->token, u"abc"_s);
    QCOMPARE(cfg->context(u"j"_s)->ns, u"apps"_s);
    QCOMPARE(cfg->currentContext(), u"j"_s);
}

void TestKubeconfig::validationErrors_data()
{
    // Extra entries added after a valid cluster "good", user "good-user" and context "good";
    // the line the error must name carries the comment "# <-".
    QTest::addColumn<QByteArray>("clusters");
    QTest::addColumn<QByteArray>("users");
    QTest::addColumn<QByteArray>("contexts");
    QTest::addColumn<QString>("message");

    QTest::newRow("context names a missing cluster")
        << QByteArray() << QByteArray() << QByteArray("- name: broken\n  context:\n    cluster: nowhere # <-\n")
        << u"names cluster “nowhere”, which is not defined"_s;
    QTest::newRow("context names a missing user")
        << QByteArray() << QByteArray() << QByteArray("- name: broken\n  context:\n    cluster: good\n    user: nobody # <-\n")
        << u"names user “nobody”, which is not defined"_s;
    QTest::newRow("invalid namespace")
        << QByteArray() << QByteArray()
        << QByteArray("- name: broken\n  context:\n    cluster: good\n    namespace: Not_Valid # <-\n")
        << u"has an invalid namespace"_s;
    QTest::newRow("context without a name") << QByteArray() << QByteArray()
                                            << QByteArray("- context: # <-\n    cluster: good\n") << u"has no name"_s;
    QTest::newRow("cert without key")
        << QByteArray() << QByteArray("- name: certonly\n  user:\n    client-certificate: c.crt # <-\n")
        << QByteArray("- name: uses-it\n  context: {cluster: good, user: certonly}\n")
        << u"user “certonly” has a client certificate but no client key"_s;
    QTest::newRow("key without cert") << QByteArray() << QByteArray("- name: keyonly\n  user:\n    client-key-data: a2V5 # <-\n")
                                      << QByteArray() << u"has a client key but no client certificate"_s;
    QTest::newRow("token and basic auth")
        << QByteArray() << QByteArray("- name: both\n  user:\n    username: admin\n    password: pw\n    token: t # <-\n")
        << QByteArray() << u"more than one authentication method"_s;
    QTest::newRow("insecure with a CA")
        << QByteArray("- name: mixed\n  cluster:\n    server: https://m.example\n    certificate-authority: ca.pem\n"
                      "    insecure-skip-tls-verify: true # <-\n")
        << QByteArray() << QByteArray() << u"insecure-skip-tls-verify together with a certificate authority"_s;
    QTest::newRow("context uses the invalid cluster")
        << QByteArray("- name: mixed\n  cluster:\n    server: https://m.example\n    certificate-authority-data: Y2E=\n"
                      "    insecure-skip-tls-verify: true\n")
        << QByteArray() << QByteArray("- name: uses-mixed\n  context:\n    cluster: mixed # <-\n")
        << u"uses cluster “mixed”, which is invalid"_s;
    QTest::newRow("cluster without server") << QByteArray("- name: serverless # <-\n  cluster:\n    tls-server-name: x\n")
                                            << QByteArray() << QByteArray() << u"has no server"_s;
    QTest::newRow("invalid base64")
        << QByteArray("- name: b64\n  cluster:\n    server: https://b.example\n    certificate-authority-data: '%%%' # <-\n")
        << QByteArray() << QByteArray() << u"is not valid base64"_s;
    QTest::newRow("v1 exec without interactiveMode")
        << QByteArray()
        << QByteArray("- name: ex\n  user:\n    exec: # <-\n      apiVersion: client.authentication.k8s.io/v1\n"
                      "      command: plugin\n")
        << QByteArray() << u"interactiveMode is required"_s;
    QTest::newRow("exec with an unknown apiVersion")
        << QByteArray()
        << QByteArray("- name: ex\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1alpha1 # <-\n"
                      "      command: plugin\n")
        << QByteArray() << u"exec apiVersion must be"_s;
    QTest::newRow("boolean that is not")
        << QByteArray("- name: nb\n  cluster:\n    server: https://n.example\n    insecure-skip-tls-verify: perhaps # <-\n")
        << QByteArray() << QByteArray() << u"must be true or false"_s;
    QTest::newRow("duplicate context") << QByteArray() << QByteArray()
                                       << QByteArray("- name: good # <-\n  context:\n    cluster: nowhere\n")
                                       << u"defined twice"_s;
}

void TestKubeconfig::validationErrors()
{
    QFETCH(QByteArray, clusters);
    QFETCH(QByteArray, users);
    QFETCH(QByteArray, contexts);
    QFETCH(QString, message);

    const QByteArray text = "clusters:\n- name: good\n  cluster: {server: \"https://good.example\"}\n" + clusters
                            + "users:\n- name: good-user\n  user: {token: abc}\n" + users
                            + "contexts:\n- name: good\n  context: {cluster: good, user: good-user}\n" + contexts
                            + "current-context: good\n";
    int line = 0;
    const QList<QByteArray> lines = text.split('\n');
    for (int i = 0; i < lines.size(); ++i)
        if (lines[i].endsWith("# <-"))
            line = i + 1;
    QVERIFY(line > 0);

    QTemporaryDir dir;
    const QString file = dir.filePath(u"config"_s);
    writeFile(file, text);
    auto cfg = Kubeconfig::loadFile(file);
    QVERIFY2(cfg, why(cfg).constData());
    QVERIFY2(!cfg->errors().isEmpty(), "expected a validation error");
    bool found = false;
    for (const Error& e : cfg->errors()) {
        if (e.message.contains(message)) {
            found = true;
            QCOMPARE(e.file, file);
            QCOMPARE(e.line, line);
            QCOMPARE(e.code, Error::Code::InvalidInput);
        }
    }
    QVERIFY2(found, qPrintable(errorsText(*cfg)));
    // The broken entry does not stop the others from loading.
    QCOMPARE(cfg->contexts(), QStringList{u"good"_s});
    QVERIFY(cfg->cluster(u"good"_s));
    QVERIFY(cfg->user(u"good-user"_s));
    QCOMPARE(cfg->currentContext(), u"good"_s);
}

void TestKubeconfig::skipsMissingKubeconfigEntries()
{
    QTemporaryDir dir;
    const QString real = dir.filePath(u"real"_s);
    writeFile(real, "clusters:\n- name: r\n  cluster: {server: \"https://r.example\"}\ncontexts:\n- name: r\n  context: {cluster: r}\n"
                    "current-context: r\n");
    EnvGuard guard("KUBECONFIG");
    const QString list = dir.filePath(u"missing-one"_s) + QDir::listSeparator() + QDir::listSeparator() + real
                         + QDir::listSeparator() + dir.filePath(u"missing-two"_s);
    qputenv("KUBECONFIG", list.toLocal8Bit());
    QCOMPARE(Kubeconfig::defaultPaths().size(), 3);
    auto cfg = Kubeconfig::loadDefault();
    QVERIFY2(cfg, why(cfg).constData());
    QCOMPARE(cfg->files(), QStringList{real});
    QCOMPARE(cfg->currentContext(), u"r"_s);
    QCOMPARE(cfg->contexts(), QStringList{u"r"_s});

    // Without KUBECONFIG, ~/.kube/config is the one file.
    qunsetenv("KUBECONFIG");
    QCOMPARE(Kubeconfig::defaultPaths(), QStringList{QDir::home().filePath(u".kube/config"_s)});
}

void TestKubeconfig::malformedFileNamesFileAndLine()
{
    QTemporaryDir dir;
    const QString good = dir.filePath(u"good"_s);
    const QString bad = dir.filePath(u"bad"_s);
    writeFile(good, "clusters: []\n");
    writeFile(bad, "clusters:\n- name: a\n  cluster:\n    server: [unclosed\nusers: []\n");
    auto cfg = Kubeconfig::loadFiles({good, bad});
    QVERIFY(!cfg);
    QCOMPARE(cfg.error().file, bad);
    QVERIFY2(cfg.error().line >= 4, qPrintable(cfg.error().toString()));
    QVERIFY(cfg.error().toString().startsWith(bad + u':'));

    writeFile(bad, "clusters:\n  name: not-a-list\n");
    auto notList = Kubeconfig::loadFile(bad);
    QVERIFY(!notList);
    QCOMPARE(notList.error().line, 2);
    QVERIFY(notList.error().message.contains(u"must be a list"_s));
}

void TestKubeconfig::missingExplicitFile()
{
    QTemporaryDir dir;
    auto cfg = Kubeconfig::loadFile(dir.filePath(u"nope"_s));
    QVERIFY(!cfg);
    QCOMPARE(cfg.error().code, Error::Code::NotFound);
    QCOMPARE(cfg.error().file, dir.filePath(u"nope"_s));
}

void TestKubeconfig::emptyFileIsEmptyConfig()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(u"empty"_s), "");
    auto cfg = Kubeconfig::loadFile(dir.filePath(u"empty"_s));
    QVERIFY(cfg);
    QVERIFY(cfg->isEmpty());
    QVERIFY(cfg->currentContext().isEmpty());
}

QTEST_GUILESS_MAIN(TestKubeconfig)
#include "tst_kubeconfig.moc"
