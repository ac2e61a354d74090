#include "kube/connectionstate.h"

#include "kube/kubeerror.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace driftline::kube {

QString ConnectionState::text() const
{
    switch (status) {
    case Status::NotConfigured:
        return tr("Not configured");
    case Status::Connecting:
        return tr("Connecting…");
    case Status::Connected:
        return insecure ? tr("Connected (insecure)") : tr("Connected");
    case Status::Unreachable:
        return tr("Unreachable");
    case Status::Unauthorized:
        return tr("Unauthorized");
    case Status::Forbidden:
        return tr("Forbidden");
    }
    return {};
}

QString ConnectionState::toolTip() const
{
    QStringList lines;
    lines.append(context.isEmpty() ? text() : tr("%1: %2").arg(context, text()));
    if (!reason.isEmpty())
        lines.append(reason);
    if (insecure)
        lines.append(tr("TLS verification is switched off for this cluster (insecure-skip-tls-verify): "
                        "anyone on the network path could impersonate it."));
    return lines.join(u'\n');
}

ConnectionState::Status ConnectionState::statusFor(const Error& error)
{
    const QString reason = KubeError::reason(error);
    if (error.httpStatus == 401 || reason == u"Unauthorized"_s)
        return Status::Unauthorized;
    if (error.httpStatus == 403 || reason == u"Forbidden"_s)
        return Status::Forbidden;
    return Status::Unreachable;
}

} // namespace driftline::kube
