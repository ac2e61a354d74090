// Turns what a Kubernetes API server (or the network on the way to it) answered
// into a driftline::Error: a Status body keeps its code, message and reason;
// TLS, connection and timeout failures name the cluster and server. The reason
// travels in Error::detail as "reason: NotFound" so callers can match on it.
#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QSslError>
#include <QString>
#include <QUrl>

namespace driftline::kube {

class KubeError
{
    Q_DECLARE_TR_FUNCTIONS(driftline::kube::KubeError)

public:
    // A non-2xx answer. `verb` and `resource` ("deployments.apps") name what was asked,
    // for the forbidden message; `body` may be a Status document or anything else.
    static Error fromResponse(int httpStatus, const QByteArray& body, const QString& verb,
        const QString& resource, const QString& cluster);
    // A TLS handshake that failed; `sslErrors` are Qt's findings about the peer.
    static Error tlsFailure(const QString& cluster, const QUrl& server, const QList<QSslError>& sslErrors,
        const QString& qtMessage);
    static Error connectionFailure(const QString& cluster, const QUrl& server, const QString& qtMessage);
    static Error timeout(const QString& cluster, const QUrl& server, int milliseconds);
    static Error cancelled(const QString& cluster);

    // The Status reason ("NotFound", "Unauthorized"…) an error carries, empty if none.
    static QString reason(const Error& error);
};

} // namespace driftline::kube
