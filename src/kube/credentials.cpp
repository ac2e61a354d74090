#include "kube/credentials.h"

#include <QDebug>
#include <QHttpHeaders>
#include <QNetworkRequest>
#include <QStringBuilder>

using namespace Qt::StringLiterals;

namespace driftline::kube {

void Credentials::applyTo(QNetworkRequest& request) const
{
    if (server.scheme() == u"https"_s)
        request.setSslConfiguration(ssl);
    if (!peerVerifyName.isEmpty())
        request.setPeerVerifyName(peerVerifyName);

    QHttpHeaders headers = request.headers();
    if (!bearerToken.isEmpty())
        headers.replaceOrAppend(QHttpHeaders::WellKnownHeader::Authorization, "Bearer "_ba + bearerToken.toUtf8());
    else if (!username.isEmpty() || !password.isEmpty())
        headers.replaceOrAppend(QHttpHeaders::WellKnownHeader::Authorization,
                                "Basic "_ba + (username + u':' + password).toUtf8().toBase64());
    // Impersonation headers repeat rather than join: the API server reads each value separately.
    if (!impersonateUser.isEmpty()) {
        headers.replaceOrAppend("Impersonate-User", impersonateUser.toUtf8());
        if (!impersonateUid.isEmpty())
            headers.replaceOrAppend("Impersonate-Uid", impersonateUid.toUtf8());
        headers.removeAll("Impersonate-Group");
        for (const QString& g : impersonateGroups)
            headers.append("Impersonate-Group", g.toUtf8());
        for (auto it = impersonateUserExtra.cbegin(); it != impersonateUserExtra.cend(); ++it) {
            const QByteArray name = "Impersonate-Extra-"_ba + QUrl::toPercentEncoding(it.key());
            headers.removeAll(name);
            for (const QString& v : it.value())
                headers.append(name, v.toUtf8());
        }
    }
    if (disableCompression)
        headers.replaceOrAppend(QHttpHeaders::WellKnownHeader::AcceptEncoding, "identity");
    request.setHeaders(headers);
}

QDebug operator<<(QDebug debug, const Credentials& c)
{
    QDebugStateSaver saver(debug);
    QStringList auth;
    if (!c.bearerToken.isEmpty())
        auth.append(c.fromExecPlugin ? u"exec token <redacted>"_s : u"token <redacted>"_s);
    if (!c.username.isEmpty())
        auth.append(u"basic auth for "_s + c.username + u" <password redacted>"_s);
    if (c.hasClientCertificate())
        auth.append(u"client certificate "_s + c.ssl.localCertificate().subjectDisplayName() + u" <key redacted>"_s);
    debug.nospace().noquote() << "Credentials(context " << c.contextName << ", server " << c.server.toDisplayString(QUrl::RemoveUserInfo)
                              << ", " << (auth.isEmpty() ? u"anonymous"_s : auth.join(u", "_s)) << ')';
    return debug;
}

} // namespace driftline::kube
