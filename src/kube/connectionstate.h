// How an environment's connection to its cluster is doing, for the tree and
// the status bar: connected, connecting, unreachable (why), unauthorized,
// forbidden (which resource), or not configured (no context mapped, a broken
// kubeconfig). The live cache derives it from discovery and its watches.
#pragma once

#include "core/error.h"

#include <QCoreApplication>
#include <QMetaType>
#include <QString>

namespace driftline::kube {

struct ConnectionState {
    Q_DECLARE_TR_FUNCTIONS(driftline::kube::ConnectionState)

public:
    enum class Status { NotConfigured, Connecting, Connected, Unreachable, Unauthorized, Forbidden };

    Status status = Status::NotConfigured;
    // Why: the TLS or connection failure naming the cluster, the forbidden verb and
    // resource, why there is no connection at all. Empty when connected.
    QString reason;
    QString context; // the kubeconfig context
    bool insecure = false; // the cluster skips TLS verification (insecure-skip-tls-verify)

    // One or two words for the tree and the status bar ("Connected", "Unreachable").
    QString text() const;
    // Context, status, reason and the insecure warning, one per line.
    QString toolTip() const;

    // The status an error from discovery, a list or a watch stands for: 401 is
    // Unauthorized, 403 Forbidden, anything else (TLS, refused, timeouts, 5xx) Unreachable.
    static Status statusFor(const Error& error);

    friend bool operator==(const ConnectionState&, const ConnectionState&) = default;
};

} // namespace driftline::kube

Q_DECLARE_METATYPE(driftline::kube::ConnectionState)
