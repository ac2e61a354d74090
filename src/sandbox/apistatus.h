// A Kubernetes `Status` failure (code, reason, message, details), the shape of
// every error the sandbox answers. Messages mirror the real API server's English
// text on purpose: clients match on them, so they are not translated.
#pragma once

#include "sandbox/resourcetype.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <expected>

namespace driftline::sandbox
{

struct ApiStatus {
    int code = 500;
    QString reason;
    QString message;
    QJsonObject details; // omitted from the body when empty, unless alwaysDetails
    bool alwaysDetails = false;
    QJsonObject metadata;

    QJsonObject toJson() const;

    static ApiStatus notFound(const ResourceType& type, const QString& name);
    static ApiStatus namespaceNotFound(const QString& ns);
    static ApiStatus noSuchResource();
    static ApiStatus alreadyExists(const ResourceType& type, const QString& name);
    static ApiStatus conflict(const ResourceType& type, const QString& name);
    static ApiStatus badRequest(const QString& message);
    // 422 with one cause; `field` like "metadata.name", `causeReason` like "FieldValueRequired".
    static ApiStatus invalid(const ResourceType& type, const QString& name, const QString& field,
        const QString& causeReason, const QString& causeMessage);
    static ApiStatus methodNotAllowed();
    static ApiStatus unauthorized();
    static ApiStatus expired(const QString& message);
    // The Success Status a DELETE answers for most resources.
    static QJsonObject deleteSuccess(const ResourceType& type, const QJsonObject& object);
};

template<typename T> using StoreResult = std::expected<T, ApiStatus>;

inline std::unexpected<ApiStatus> reject(ApiStatus status)
{
    return std::unexpected<ApiStatus>(std::move(status));
}

} // namespace driftline::sandbox
