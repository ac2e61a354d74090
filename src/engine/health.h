// Health of one live Kubernetes object: is it doing what it is for (Healthy), on
// its way there (Progressing), failing (Degraded), deliberately stopped
// (Suspended), absent (Missing) or impossible to judge (Unknown)? One small
// rule per kind behind a dispatcher, in the spirit of Argo CD's gitops-engine
// pkg/health; pure functions over the object, safe on any thread.
#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace driftline::engine
{

struct Health {
    enum class Status { Healthy, Progressing, Degraded, Suspended, Missing, Unknown };
    Status status = Status::Unknown;
    QString message; // why, for people (translated); empty when there is nothing to say

    friend bool operator==(const Health&, const Health&) = default;
};

class HealthAssessor
{
    Q_DECLARE_TR_FUNCTIONS(driftline::engine::HealthAssessor)
public:
    // The health of a live object. An empty object (the resource is not in the
    // cluster) is Missing. Kinds without a health rule and without standard
    // status conditions (ConfigMap, Secret, ServiceAccount, RBAC, ...) are
    // Healthy with an empty message: existing is all they can do. Use
    // hasHealthCheck() to tell them apart when rolling health up, as Argo CD
    // leaves such objects out of an application's health.
    static Health assess(const QJsonObject& live);

    // True when assess() judges this object by a rule of its kind or by its
    // status conditions, false when "Healthy" only means "it exists".
    static bool hasHealthCheck(const QJsonObject& live);

    // "Healthy", "Progressing", ... translated.
    static QString statusName(Health::Status status);
    // The status's fixed English identifier ("Degraded"): JSON, settings, filters. Never translated.
    static QString statusKey(Health::Status status);

    // The worse of two statuses, for roll-ups, in Argo CD's order: Healthy <
    // Suspended < Progressing < Missing < Degraded < Unknown.
    static Health::Status worse(Health::Status a, Health::Status b);
};

} // namespace driftline::engine
