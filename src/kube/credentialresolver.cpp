#include "kube/credentialresolver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QStandardPaths>
#include <QStringBuilder>

using namespace Qt::StringLiterals;

namespace driftline::kube {

namespace {

constexpr qint64 MaxSecretFileSize = 1024 * 1024;

Error error(Error::Code code, QString message, const QString& cluster)
{
    Error e = Error::make(code, std::move(message));
    e.cluster = cluster;
    return e;
}

Result<QByteArray> readSmallFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(Error::make(Error::Code::Io, CredentialResolver::tr("cannot read the file: %1").arg(f.errorString())).at(path));
    if (f.size() > MaxSecretFileSize)
        return fail(Error::make(Error::Code::TooLarge, CredentialResolver::tr("the file is too large")).at(path));
    return f.readAll();
}

// QSslKey must be told the algorithm; kubeconfigs carry RSA or EC keys.
QSslKey readPrivateKey(const QByteArray& pem)
{
    for (QSsl::KeyAlgorithm alg : {QSsl::Rsa, QSsl::Ec}) {
        QSslKey key(pem, alg, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return {};
}

QString boundedStderr(const QByteArray& raw)
{
    QString text = QString::fromUtf8(raw).trimmed();
    if (text.size() > CredentialResolver::MaxStderr)
        text = u"…"_s + text.right(CredentialResolver::MaxStderr);
    return text;
}

QDateTime parseRfc3339(const QString& text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    return t;
}

int defaultPort(const QString& scheme)
{
    if (scheme == u"https"_s)
        return 443;
    if (scheme == u"socks5"_s)
        return 1080;
    return 80;
}

Result<QNetworkProxy> proxyFromText(const QString& text)
{
    // Go reads a scheme-less proxy as http://.
    QUrl url(text.contains(u"://"_s) ? text : u"http://"_s + text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty())
        return fail(Error::Code::InvalidInput, CredentialResolver::tr("the proxy URL is invalid"));
    QNetworkProxy proxy;
    if (scheme == u"http"_s)
        proxy.setType(QNetworkProxy::HttpProxy);
    else if (scheme == u"socks5"_s)
        proxy.setType(QNetworkProxy::Socks5Proxy);
    else if (scheme == u"https"_s)
        // Qt cannot speak TLS to the proxy itself; sending through it in clear would be worse than failing.
        return fail(Error::Code::Unsupported,
                    CredentialResolver::tr("HTTPS proxies are not supported; use an http:// or socks5:// proxy"));
    else
        return fail(Error::Code::InvalidInput, CredentialResolver::tr("the proxy URL must use http, https or socks5"));
    proxy.setHostName(url.host());
    proxy.setPort(quint16(url.port(defaultPort(scheme))));
    if (!url.userName().isEmpty())
        proxy.setUser(url.userName(QUrl::FullyDecoded));
    if (!url.password().isEmpty())
        proxy.setPassword(url.password(QUrl::FullyDecoded));
    return proxy;
}

QString cacheKey(const User& user, const Cluster& cluster) { return user.name + u'\n' + cluster.name; }

} // namespace

CredentialResolver::CredentialResolver(Kubeconfig config)
    : m_config(std::move(config))
    , m_env(QProcessEnvironment::systemEnvironment())
{
}

void CredentialResolver::setEnvironment(const QProcessEnvironment& env)
{
    QMutexLocker lock(&m_mutex);
    m_env = env;
}

void CredentialResolver::setExecTimeout(std::chrono::milliseconds timeout)
{
    QMutexLocker lock(&m_mutex);
    m_execTimeout = timeout;
}

Result<Credentials> CredentialResolver::resolve(const QString& contextName)
{
    QMutexLocker lock(&m_mutex);
    const QString name = contextName.isEmpty() ? m_config.currentContext() : contextName;
    if (name.isEmpty())
        return fail(Error::Code::NotFound, tr("the kubeconfig has no current context; choose a context"));
    const Context* ctx = m_config.context(name);
    if (!ctx)
        return fail(Error::Code::NotFound, tr("context “%1” is not defined or is invalid in the kubeconfig").arg(name));
    const Cluster* cluster = m_config.cluster(ctx->cluster);
    if (!cluster)
        return fail(Error::Code::NotFound, tr("context “%1”: cluster “%2” is not defined").arg(name, ctx->cluster));
    const User* user = ctx->user.isEmpty() ? nullptr : m_config.user(ctx->user);
    if (!ctx->user.isEmpty() && !user)
        return fail(Error::Code::NotFound, tr("context “%1”: user “%2” is not defined").arg(name, ctx->user));

    Credentials c;
    c.contextName = name;
    c.clusterName = cluster->name;
    c.userName = ctx->user;
    c.ns = ctx->ns;
    c.server = QUrl(cluster->server);
    c.peerVerifyName = cluster->tlsServerName;
    c.disableCompression = cluster->disableCompression;

    auto proxy = proxyFor(c.server, cluster->proxyUrl, m_env);
    if (!proxy) {
        Error e = proxy.error().wrapped(tr("cluster “%1”").arg(cluster->name));
        if (!cluster->proxyUrl.isEmpty())
            e = std::move(e).at(cluster->origin.file, cluster->origin.lineOf(u"proxy-url"_s));
        return fail(e);
    }
    c.proxy = *proxy;

    std::optional<ExecResult> exec;
    if (user) {
        c.impersonateUser = user->impersonate;
        c.impersonateUid = user->impersonateUid;
        c.impersonateGroups = user->impersonateGroups;
        c.impersonateUserExtra = user->impersonateUserExtra;
        c.username = user->username;
        c.password = user->password;
        c.bearerToken = user->token;
        if (!user->tokenFile.isEmpty()) {
            auto fromFile = tokenFromFile(*user);
            if (fromFile)
                c.bearerToken = *fromFile;
            else if (user->token.isEmpty())
                return fail(fromFile.error());
            // With both set, the last readable value wins; the inline token is that value here.
        }
        if (user->exec) {
            auto r = execCredentials(*user, *cluster);
            if (!r)
                return fail(r.error());
            exec = *r;
            c.fromExecPlugin = true;
            c.expiresAt = r->expiresAt;
            if (!r->token.isEmpty())
                c.bearerToken = r->token;
        }
        if (user->hasAuthProvider && !user->exec && c.bearerToken.isEmpty() && user->clientCertificate.isEmpty()
            && user->clientCertificateData.isEmpty())
            return fail(error(Error::Code::Unsupported,
                              tr("user “%1” uses a legacy auth-provider, which Driftline does not support; use an exec plugin").arg(user->name),
                              cluster->name)
                            .at(user->origin.file, user->origin.lineOf(u"auth-provider"_s)));
    }

    if (c.server.scheme() == u"https"_s) {
        auto ssl = sslFor(*cluster, user, exec ? &*exec : nullptr);
        if (!ssl)
            return fail(ssl.error());
        c.ssl = *ssl;
    }
    if (cluster->insecureSkipTlsVerify)
        c.warning = tr("TLS certificate verification is switched off for cluster “%1” (insecure-skip-tls-verify): "
                       "the server's identity is not checked")
                        .arg(cluster->name);
    else if (c.server.scheme() == u"http"_s)
        c.warning = tr("cluster “%1” is reached over plain HTTP: credentials and data travel unencrypted").arg(cluster->name);
    return c;
}

Result<QSslConfiguration> CredentialResolver::sslFor(const Cluster& cluster, const User* user, const ExecResult* exec) const
{
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    const QString& file = cluster.origin.file;

    if (cluster.insecureSkipTlsVerify) {
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
    } else if (!cluster.certificateAuthorityData.isEmpty() || !cluster.certificateAuthority.isEmpty()) {
        QByteArray pem = cluster.certificateAuthorityData;
        QString where = file;
        int line = cluster.origin.lineOf(u"certificate-authority-data"_s);
        if (pem.isEmpty()) {
            auto bytes = readSmallFile(cluster.certificateAuthority);
            if (!bytes)
                return fail(bytes.error().wrapped(tr("certificate authority of cluster “%1”").arg(cluster.name)));
            pem = *bytes;
            where = cluster.certificateAuthority;
            line = 0;
        }
        const QList<QSslCertificate> cas = QSslCertificate::fromData(pem, QSsl::Pem);
        if (cas.isEmpty())
            return fail(error(Error::Code::InvalidInput,
                              tr("the certificate authority of cluster “%1” holds no PEM certificate").arg(cluster.name), cluster.name)
                            .at(where, line));
        // As in client-go, a configured CA replaces the system trust store.
        ssl.setCaCertificates(cas);
    }

    QByteArray certPem;
    QByteArray keyPem;
    Origin certWhere; // where a bad certificate or key came from, for the error
    Origin keyWhere;
    const bool fromExec = exec && !exec->certificatePem.isEmpty();
    if (fromExec) {
        certPem = exec->certificatePem;
        keyPem = exec->keyPem;
    } else if (user) {
        if (!user->clientCertificateData.isEmpty()) {
            certPem = user->clientCertificateData;
            certWhere = {user->origin.file, user->origin.lineOf(u"client-certificate-data"_s), {}};
        } else if (!user->clientCertificate.isEmpty()) {
            auto bytes = readSmallFile(user->clientCertificate);
            if (!bytes)
                return fail(bytes.error().wrapped(tr("client certificate of user “%1”").arg(user->name)));
            certPem = *bytes;
            certWhere.file = user->clientCertificate;
        }
        if (!user->clientKeyData.isEmpty()) {
            keyPem = user->clientKeyData;
            keyWhere = {user->origin.file, user->origin.lineOf(u"client-key-data"_s), {}};
        } else if (!user->clientKey.isEmpty()) {
            auto bytes = readSmallFile(user->clientKey);
            if (!bytes)
                return fail(bytes.error().wrapped(tr("client key of user “%1”").arg(user->name)));
            keyPem = *bytes;
            keyWhere.file = user->clientKey;
        }
    }
    if (!certPem.isEmpty()) {
        const auto bad = [&](QString message, const Origin& where) {
            Error e = error(Error::Code::InvalidInput, std::move(message), cluster.name);
            if (fromExec)
                return e.wrapped(tr("output of the credential plugin “%1”").arg(user->exec->command));
            return std::move(e).at(where.file, where.line);
        };
        const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem, QSsl::Pem);
        if (chain.isEmpty())
            return fail(bad(tr("the client certificate of user “%1” is not a PEM certificate").arg(user->name), certWhere));
        const QSslKey key = readPrivateKey(keyPem);
        if (key.isNull())
            return fail(bad(tr("the client key of user “%1” is not an unencrypted RSA or EC private key in PEM form").arg(user->name),
                            keyWhere));
        if (chain.first().publicKey().algorithm() != key.algorithm())
            return fail(bad(tr("the client key of user “%1” does not match its certificate").arg(user->name), keyWhere));
        // The first certificate is the client's own; the rest are intermediates sent along.
        ssl.setLocalCertificateChain(chain);
        ssl.setPrivateKey(key);
    }
    return ssl;
}

Result<QString> CredentialResolver::tokenFromFile(const User& user)
{
    const QFileInfo info(user.tokenFile);
    const QDateTime modified = info.exists() ? info.lastModified(QTimeZone::UTC) : QDateTime();
    auto it = m_tokenFiles.find(user.tokenFile);
    if (it != m_tokenFiles.end() && info.exists() && it->modified == modified && it->size == info.size())
        return it->token;
    auto bytes = readSmallFile(user.tokenFile);
    if (!bytes)
        return fail(bytes.error().wrapped(tr("token file of user “%1”").arg(user.name)));
    const QString token = QString::fromUtf8(*bytes).trimmed();
    if (token.isEmpty())
        return fail(Error::make(Error::Code::InvalidInput, tr("the token file of user “%1” is empty").arg(user.name)).at(user.tokenFile));
    m_tokenFiles.insert(user.tokenFile, TokenFileState{modified, info.size(), token});
    return token;
}

Result<CredentialResolver::ExecResult> CredentialResolver::execCredentials(const User& user, const Cluster& cluster)
{
    const QString key = cacheKey(user, cluster);
    const auto it = m_execCache.constFind(key);
    if (it != m_execCache.cend()) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (!it->expiresAt.isValid() || now.addSecs(ExpirySkew.count()) < it->expiresAt)
            return *it;
        m_execCache.erase(it);
    }
    auto r = runPlugin(user, cluster);
    if (r)
        m_execCache.insert(key, *r);
    return r;
}

Result<CredentialResolver::ExecResult> CredentialResolver::runPlugin(const User& user, const Cluster& cluster) const
{
    const ExecConfig& exec = *user.exec;
    const Origin& origin = user.origin;
    const auto pluginError = [&](Error::Code code, QString message) {
        return error(code, std::move(message), cluster.name).at(origin.file, origin.lineOf(u"exec.command"_s));
    };

    if (exec.interactiveMode == u"Always"_s)
        return fail(pluginError(Error::Code::Unsupported,
                                tr("the credential plugin “%1” of user “%2” needs an interactive terminal (interactiveMode: Always); "
                                   "Driftline cannot run interactive plugins. Log in with the plugin in a terminal first, "
                                   "or configure it for non-interactive use")
                                    .arg(exec.command, user.name)));

    QString program = exec.command;
    if (!program.contains(u'/')) {
        const QString path = m_env.value(u"PATH"_s);
        program = path.isEmpty() ? QStandardPaths::findExecutable(exec.command)
                                 : QStandardPaths::findExecutable(exec.command, path.split(QDir::listSeparator(), Qt::SkipEmptyParts));
    } else if (!QFileInfo(program).isExecutable()) {
        program.clear();
    }
    if (program.isEmpty()) {
        QString message = tr("the credential plugin “%1” of user “%2” was not found").arg(exec.command, user.name);
        if (!exec.installHint.trimmed().isEmpty())
            message += u". "_s + exec.installHint.trimmed();
        return fail(pluginError(Error::Code::NotFound, message));
    }

    QJsonObject spec{{u"interactive"_s, false}};
    if (exec.provideClusterInfo) {
        QJsonObject info{{u"server"_s, cluster.server}};
        if (!cluster.tlsServerName.isEmpty())
            info.insert(u"tls-server-name"_s, cluster.tlsServerName);
        if (cluster.insecureSkipTlsVerify)
            info.insert(u"insecure-skip-tls-verify"_s, true);
        QByteArray ca = cluster.certificateAuthorityData;
        if (ca.isEmpty() && !cluster.certificateAuthority.isEmpty()) {
            if (auto bytes = readSmallFile(cluster.certificateAuthority))
                ca = *bytes;
        }
        if (!ca.isEmpty())
            info.insert(u"certificate-authority-data"_s, QString::fromLatin1(ca.toBase64()));
        if (!cluster.proxyUrl.isEmpty())
            info.insert(u"proxy-url"_s, cluster.proxyUrl);
        if (cluster.disableCompression)
            info.insert(u"disable-compression"_s, true);
        if (!cluster.execExtension.isEmpty())
            info.insert(u"config"_s, cluster.execExtension);
        spec.insert(u"cluster"_s, info);
    }
    const QJsonObject input{{u"apiVersion"_s, exec.apiVersion}, {u"kind"_s, u"ExecCredential"_s}, {u"spec"_s, spec}};

    QProcessEnvironment env = m_env;
    for (const auto& [name, value] : exec.env)
        env.insert(name, value);
    env.insert(u"KUBERNETES_EXEC_INFO"_s, QString::fromUtf8(QJsonDocument(input).toJson(QJsonDocument::Compact)));

    QProcess process;
    process.setProcessEnvironment(env);
    // Never interactive: the plugin gets no terminal to prompt on.
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(program, exec.args);
    if (!process.waitForStarted(int(m_execTimeout.count()))) {
        return fail(pluginError(Error::Code::Io, tr("the credential plugin “%1” of user “%2” could not be started: %3")
                                                     .arg(exec.command, user.name, process.errorString())));
    }
    if (!process.waitForFinished(int(m_execTimeout.count()))) {
        process.kill();
        process.waitForFinished(2000);
        return fail(pluginError(Error::Code::Timeout, tr("the credential plugin “%1” of user “%2” did not finish within %3 s")
                                                          .arg(exec.command, user.name)
                                                          .arg(m_execTimeout.count() / 1000.0))
                        .withDetail(boundedStderr(process.readAllStandardError())));
    }
    const QByteArray out = process.readAllStandardOutput();
    const QString stderrText = boundedStderr(process.readAllStandardError());
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QString how = process.exitStatus() == QProcess::NormalExit ? tr("exit code %1").arg(process.exitCode())
                                                                          : tr("it crashed");
        return fail(pluginError(Error::Code::Generic,
                                tr("the credential plugin “%1” of user “%2” failed (%3)").arg(exec.command, user.name, how))
                        .withDetail(stderrText));
    }

    // From here on the output holds secrets: errors describe its shape, never its content.
    const auto badOutput = [&](const QString& why) {
        return pluginError(Error::Code::InvalidInput,
                           tr("the credential plugin “%1” of user “%2” returned unusable output: %3").arg(exec.command, user.name, why))
            .withDetail(stderrText);
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(out, &parseError);
    if (!doc.isObject())
        return fail(badOutput(tr("not a JSON object")));
    const QJsonObject obj = doc.object();
    if (obj.value(u"kind"_s).toString() != u"ExecCredential"_s)
        return fail(badOutput(tr("kind is not ExecCredential")));
    const QString apiVersion = obj.value(u"apiVersion"_s).toString();
    if (apiVersion != exec.apiVersion)
        return fail(badOutput(tr("its apiVersion is not the configured %1").arg(exec.apiVersion)));
    const QJsonObject status = obj.value(u"status"_s).toObject();
    if (status.isEmpty())
        return fail(badOutput(tr("no status")));

    ExecResult r;
    r.token = status.value(u"token"_s).toString();
    r.certificatePem = status.value(u"clientCertificateData"_s).toString().toUtf8();
    r.keyPem = status.value(u"clientKeyData"_s).toString().toUtf8();
    if (r.certificatePem.isEmpty() != r.keyPem.isEmpty())
        return fail(badOutput(tr("clientCertificateData and clientKeyData must be given together")));
    if (r.token.isEmpty() && r.certificatePem.isEmpty())
        return fail(badOutput(tr("neither a token nor a client certificate")));
    const QString expiry = status.value(u"expirationTimestamp"_s).toString();
    if (!expiry.isEmpty()) {
        r.expiresAt = parseRfc3339(expiry);
        if (!r.expiresAt.isValid())
            return fail(badOutput(tr("expirationTimestamp is not an RFC 3339 time")));
    }
    return r;
}

void CredentialResolver::invalidate(const QString& contextName)
{
    QMutexLocker lock(&m_mutex);
    const Context* ctx = m_config.context(contextName.isEmpty() ? m_config.currentContext() : contextName);
    if (!ctx)
        return;
    m_execCache.remove(ctx->user + u'\n' + ctx->cluster);
    // A 401 may also mean the token file was rotated within the same second: read it again.
    if (const User* user = m_config.user(ctx->user))
        m_tokenFiles.remove(user->tokenFile);
}

Result<QNetworkProxy> CredentialResolver::proxyFor(const QUrl& server, const QString& proxyUrl, const QProcessEnvironment& env)
{
    if (!proxyUrl.isEmpty())
        return proxyFromText(proxyUrl);

    const QString host = server.host().toLower();
    // Go never proxies loopback, whatever the environment says.
    if (host == u"localhost"_s || host.endsWith(u".localhost"_s) || QHostAddress(host).isLoopback())
        return QNetworkProxy(QNetworkProxy::NoProxy);

    const auto firstSet = [&env](const QString& upper, const QString& lower) {
        const QString v = env.value(upper);
        return v.isEmpty() ? env.value(lower) : v;
    };
    const bool https = server.scheme() == u"https"_s;
    const QString fromEnv = https ? firstSet(u"HTTPS_PROXY"_s, u"https_proxy"_s) : firstSet(u"HTTP_PROXY"_s, u"http_proxy"_s);
    if (fromEnv.isEmpty())
        return QNetworkProxy(QNetworkProxy::NoProxy);
    if (noProxyMatches(host, server.port(defaultPort(server.scheme())), firstSet(u"NO_PROXY"_s, u"no_proxy"_s)))
        return QNetworkProxy(QNetworkProxy::NoProxy);
    auto proxy = proxyFromText(fromEnv);
    if (!proxy)
        return fail(proxy.error().wrapped(https ? u"HTTPS_PROXY"_s : u"HTTP_PROXY"_s));
    return proxy;
}

bool CredentialResolver::noProxyMatches(const QString& hostIn, int port, const QString& noProxy)
{
    const QString host = hostIn.toLower();
    const QHostAddress hostIp(host);
    for (QString entry : noProxy.split(u',', Qt::SkipEmptyParts)) {
        entry = entry.trimmed().toLower();
        if (entry.isEmpty())
            continue;
        if (entry == u"*"_s)
            return true;
        if (entry.contains(u'/'))
            continue; // CIDR ranges are not supported
        int entryPort = 0;
        QString entryHost = entry;
        // "host:port", but not a bare IPv6 address.
        const qsizetype colon = entry.lastIndexOf(u':');
        if (colon > 0 && entry.count(u':') == 1) {
            entryHost = entry.left(colon);
            entryPort = entry.mid(colon + 1).toInt();
        } else if (entry.startsWith(u'[') && entry.contains(u"]:"_s)) {
            entryHost = entry.mid(1, entry.indexOf(u']') - 1);
            entryPort = entry.mid(entry.indexOf(u"]:"_s) + 2).toInt();
        }
        if (entryPort != 0 && entryPort != port)
            continue;
        const QHostAddress entryIp(entryHost);
        if (!entryIp.isNull()) {
            if (!hostIp.isNull() && hostIp.isEqual(entryIp))
                return true;
            continue;
        }
        bool matchSelf = true;
        if (entryHost.startsWith(u"*."_s))
            entryHost = entryHost.mid(1);
        if (entryHost.startsWith(u'.'))
            matchSelf = false;
        else
            entryHost.prepend(u'.');
        if (host.endsWith(entryHost) || (matchSelf && host == entryHost.mid(1)))
            return true;
    }
    return false;
}

} // namespace driftline::kube
