// Turns a kubeconfig context into Credentials the way client-go does: CA and
// client certificates from files or data, tokens, token files re-read when
// they change, exec credential plugins (cached until they expire or a 401
// invalidates them) and the proxy. resolve() may run a plugin and block for up
// to the exec timeout: call it on a connection's I/O thread, never the UI thread.
#pragma once

#include "core/error.h"
#include "kube/credentials.h"
#include "kube/kubeconfig.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QProcessEnvironment>

#include <chrono>

namespace driftline::kube {

class CredentialResolver
{
    Q_DECLARE_TR_FUNCTIONS(driftline::kube::CredentialResolver)

public:
    // Exec credentials this close to their expiry are treated as expired.
    static constexpr std::chrono::seconds ExpirySkew{10};
    // Plugin stderr kept in an error's detail, in characters.
    static constexpr qsizetype MaxStderr = 4096;

    explicit CredentialResolver(Kubeconfig config);
    CredentialResolver(const CredentialResolver&) = delete;
    CredentialResolver& operator=(const CredentialResolver&) = delete;

    const Kubeconfig& config() const { return m_config; }

    // The environment plugins inherit and proxies are read from (default: the process's).
    void setEnvironment(const QProcessEnvironment& env);
    void setExecTimeout(std::chrono::milliseconds timeout);

    // An empty name means the current context. Thread-safe.
    Result<Credentials> resolve(const QString& contextName = {});
    // Forgets cached exec credentials of the context's (user, cluster), e.g. after a 401.
    void invalidate(const QString& contextName = {});

    // The proxy for `server`: `proxyUrl` when set, else HTTPS_PROXY / HTTP_PROXY
    // from `env` unless NO_PROXY matches (loopback and localhost are never proxied).
    static Result<QNetworkProxy> proxyFor(const QUrl& server, const QString& proxyUrl, const QProcessEnvironment& env);
    // Go's NO_PROXY rules: "*", exact hosts and IPs, "host:port", "domain"
    // (itself and subdomains), ".domain" and "*.domain" (subdomains only).
    static bool noProxyMatches(const QString& host, int port, const QString& noProxy);

private:
    struct ExecResult {
        QString token;
        QByteArray certificatePem;
        QByteArray keyPem;
        QDateTime expiresAt;
    };
    struct TokenFileState {
        QDateTime modified;
        qint64 size = -1;
        QString token;
    };

    Result<QSslConfiguration> sslFor(const Cluster& cluster, const User* user, const ExecResult* exec) const;
    Result<QString> tokenFromFile(const User& user);
    Result<ExecResult> execCredentials(const User& user, const Cluster& cluster);
    Result<ExecResult> runPlugin(const User& user, const Cluster& cluster) const;

    Kubeconfig m_config;
    QProcessEnvironment m_env;
    std::chrono::milliseconds m_execTimeout{30'000};
    QMutex m_mutex;
    QHash<QString, ExecResult> m_execCache;       // key: user + '\n' + cluster
    QHash<QString, TokenFileState> m_tokenFiles;  // key: absolute path
};

} // namespace driftline::kube
