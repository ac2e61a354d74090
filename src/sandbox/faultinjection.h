// Faults the sandbox can inject on purpose, so client tests can exercise their
// latency, retry, backoff and watch-resume paths against a real server. All off
// by default; switched by SandboxServer::setFaults() or POST /driftline/v1/faults.
#pragma once

#include <QJsonObject>
#include <QString>
#include <chrono>
#include <optional>

namespace driftline::sandbox
{

struct FaultInjection {
    std::chrono::milliseconds latency { 0 }; // added before every answer
    int failEveryNth = 0; // every Nth non-watch request answers 500 InternalError Status
    int throttleEveryNth = 0; // every Nth request answers 429 TooManyRequests with Retry-After
    int retryAfterSeconds = 1;
    int dropWatchAfterEvents = 0; // close a watch connection after this many events

    bool isActive() const
    {
        return latency.count() > 0 || failEveryNth > 0 || throttleEveryNth > 0 || dropWatchAfterEvents > 0;
    }

    // {"latencyMs":…, "failEveryNth":…, "throttleEveryNth":…, "retryAfterSeconds":…, "dropWatchAfterEvents":…}
    QJsonObject toJson() const;
    // Missing keys keep their defaults; negative or non-numeric values are refused
    // (the message names the key).
    static std::optional<FaultInjection> fromJson(const QJsonObject& json, QString* error = nullptr);

    bool operator==(const FaultInjection&) const = default;
};

} // namespace driftline::sandbox
