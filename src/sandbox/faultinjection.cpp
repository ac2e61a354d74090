#include "sandbox/faultinjection.h"

#include <QJsonValue>

using namespace Qt::StringLiterals;

namespace driftline::sandbox
{

QJsonObject FaultInjection::toJson() const
{
    return QJsonObject { { u"latencyMs"_s, qint64(latency.count()) }, { u"failEveryNth"_s, failEveryNth },
        { u"throttleEveryNth"_s, throttleEveryNth }, { u"retryAfterSeconds"_s, retryAfterSeconds },
        { u"dropWatchAfterEvents"_s, dropWatchAfterEvents } };
}

std::optional<FaultInjection> FaultInjection::fromJson(const QJsonObject& json, QString* error)
{
    FaultInjection faults;
    // Reads one non-negative integer; absent keeps `target` as it is.
    auto read = [&](const QString& key, auto& target) {
        if (!json.contains(key))
            return true;
        const QJsonValue v = json.value(key);
        if (!v.isDouble() || v.toDouble() < 0 || v.toDouble() != double(qint64(v.toDouble()))) {
            if (error)
                *error = u"%1: must be a non-negative integer"_s.arg(key);
            return false;
        }
        target = std::remove_reference_t<decltype(target)>(qint64(v.toDouble()));
        return true;
    };
    qint64 latencyMs = 0;
    if (!read(u"latencyMs"_s, latencyMs) || !read(u"failEveryNth"_s, faults.failEveryNth)
        || !read(u"throttleEveryNth"_s, faults.throttleEveryNth)
        || !read(u"retryAfterSeconds"_s, faults.retryAfterSeconds)
        || !read(u"dropWatchAfterEvents"_s, faults.dropWatchAfterEvents))
        return std::nullopt;
    faults.latency = std::chrono::milliseconds(latencyMs);
    return faults;
}

} // namespace driftline::sandbox
