// What one request to a cluster needs, resolved from a kubeconfig context:
// the server, the TLS configuration (CA, client certificate, peer name), the
// proxy and the authorization headers. Tokens, keys and passwords live only
// here and in the request headers; the debug stream shows them redacted.
#pragma once

#include <QDateTime>
#include <QMap>
#include <QNetworkProxy>
#include <QSslConfiguration>
#include <QString>
#include <QStringList>
#include <QUrl>

class QDebug;
class QNetworkRequest;

namespace driftline::kube {

struct Credentials {
    QString contextName;
    QString clusterName;
    QString userName;
    QString ns = QStringLiteral("default");

    QUrl server;
    QSslConfiguration ssl;
    QString peerVerifyName; // tls-server-name: the name checked on the server's certificate
    QNetworkProxy proxy{QNetworkProxy::NoProxy};
    bool disableCompression = false;

    QString bearerToken; // a secret
    QString username;
    QString password;    // a secret

    QString impersonateUser;
    QString impersonateUid;
    QStringList impersonateGroups;
    QMap<QString, QStringList> impersonateUserExtra;

    bool fromExecPlugin = false;
    QDateTime expiresAt; // exec credentials only; invalid when they do not expire

    // Shown on the environment (e.g. TLS verification switched off); empty when all is well.
    QString warning;

    bool hasClientCertificate() const { return !ssl.localCertificate().isNull(); }

    // Sets TLS, peer name, authorization and impersonation headers on `request`.
    void applyTo(QNetworkRequest& request) const;
};

// Never prints a token, key or password.
QDebug operator<<(QDebug debug, const Credentials& credentials);

} // namespace driftline::kube
