#include "kube/kubeerror.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace driftline::kube {

namespace {

const QString kReasonPrefix = u"reason: "_s;

QString serverName(const QUrl& server)
{
    // Only scheme, host and port: a URL could in theory carry user info.
    return server.toString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

} // namespace

Error KubeError::fromResponse(
    int httpStatus, const QByteArray& body, const QString& verb, const QString& resource, const QString& cluster)
{
    QString statusMessage;
    QString reason;
    int code = httpStatus;
    const QJsonObject status = QJsonDocument::fromJson(body).object();
    if (status.value(u"kind"_s).toString() == u"Status"_s) {
        statusMessage = status.value(u"message"_s).toString();
        reason = status.value(u"reason"_s).toString();
        if (const int c = status.value(u"code"_s).toInt(); c > 0)
            code = c;
    } else {
        // Not a Status (a proxy's HTML page, say): keep a short, printable excerpt.
        statusMessage = QString::fromUtf8(body.left(300)).simplified();
    }

    Error e;
    e.httpStatus = code;
    e.cluster = cluster;
    switch (code) {
    case 401:
        e.message = tr("unauthorized: the cluster did not accept the credentials");
        if (reason.isEmpty())
            reason = u"Unauthorized"_s;
        break;
    case 403:
        e.message = statusMessage.isEmpty() ? tr("forbidden: %1 %2").arg(verb, resource)
                                            : tr("forbidden: %1 %2: %3").arg(verb, resource, statusMessage);
        if (reason.isEmpty())
            reason = u"Forbidden"_s;
        break;
    case 404:
        e.code = Error::Code::NotFound;
        e.message = statusMessage.isEmpty() ? tr("not found: %1").arg(resource) : statusMessage;
        break;
    case 429:
        e.message = tr("too many requests: the cluster kept asking to retry later");
        break;
    default:
        e.message = statusMessage.isEmpty() ? tr("the cluster answered HTTP %1").arg(code) : statusMessage;
        break;
    }
    if (!reason.isEmpty())
        e.detail = kReasonPrefix + reason;
    return e;
}

Error KubeError::tlsFailure(
    const QString& cluster, const QUrl& server, const QList<QSslError>& sslErrors, const QString& qtMessage)
{
    QStringList reasons;
    for (const QSslError& error : sslErrors) {
        QString text;
        switch (error.error()) {
        case QSslError::SelfSignedCertificateInChain:
        case QSslError::SelfSignedCertificate:
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::CertificateUntrusted:
            text = tr("certificate not trusted (%1)").arg(error.errorString());
            break;
        case QSslError::HostNameMismatch:
            text = tr("certificate does not match the server name (%1)").arg(error.errorString());
            break;
        default:
            text = error.errorString();
            break;
        }
        if (!reasons.contains(text))
            reasons.append(text);
    }
    if (reasons.isEmpty())
        reasons.append(qtMessage);
    Error e = Error::make(Error::Code::Io,
        tr("TLS handshake with cluster %1 at %2 failed: %3").arg(cluster, serverName(server), reasons.join(u"; "_s)));
    e.cluster = cluster;
    return e;
}

Error KubeError::connectionFailure(const QString& cluster, const QUrl& server, const QString& qtMessage)
{
    Error e = Error::make(Error::Code::Io, tr("Cannot reach cluster %1 at %2: %3").arg(cluster, serverName(server), qtMessage));
    e.cluster = cluster;
    return e;
}

Error KubeError::timeout(const QString& cluster, const QUrl& server, int milliseconds)
{
    Error e = Error::make(Error::Code::Timeout,
        tr("Cluster %1 at %2 did not answer within %3 ms.").arg(cluster, serverName(server)).arg(milliseconds));
    e.cluster = cluster;
    return e;
}

Error KubeError::cancelled(const QString& cluster)
{
    Error e = Error::make(Error::Code::Cancelled, tr("The request to cluster %1 was cancelled.").arg(cluster));
    e.cluster = cluster;
    return e;
}

QString KubeError::reason(const Error& error)
{
    for (const QString& line : error.detail.split(u'\n')) {
        if (line.startsWith(kReasonPrefix))
            return line.mid(kReasonPrefix.size()).trimmed();
    }
    return {};
}

} // namespace driftline::kube
