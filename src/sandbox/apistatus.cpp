#include "sandbox/apistatus.h"

using namespace Qt::StringLiterals;

namespace driftline::sandbox
{

namespace
{

QJsonObject resourceDetails(const ResourceType& type, const QString& name)
{
    // Real servers put the plural resource, not the Kind, in details.kind here.
    QJsonObject d { { u"name"_s, name }, { u"kind"_s, type.plural } };
    if (!type.group.isEmpty())
        d.insert(u"group"_s, type.group);
    return d;
}

ApiStatus make(int code, const QString& reason, const QString& message, QJsonObject details = {})
{
    ApiStatus s;
    s.code = code;
    s.reason = reason;
    s.message = message;
    s.details = std::move(details);
    return s;
}

} // namespace

QJsonObject ApiStatus::toJson() const
{
    QJsonObject o { { u"kind"_s, u"Status"_s }, { u"apiVersion"_s, u"v1"_s }, { u"metadata"_s, metadata },
        { u"status"_s, u"Failure"_s }, { u"message"_s, message }, { u"reason"_s, reason },
        { u"code"_s, code } };
    if (!details.isEmpty() || alwaysDetails)
        o.insert(u"details"_s, details);
    return o;
}

ApiStatus ApiStatus::notFound(const ResourceType& type, const QString& name)
{
    return make(404, u"NotFound"_s, u"%1 \"%2\" not found"_s.arg(type.qualifiedResource(), name),
        resourceDetails(type, name));
}

ApiStatus ApiStatus::namespaceNotFound(const QString& ns)
{
    return make(404, u"NotFound"_s, u"namespaces \"%1\" not found"_s.arg(ns),
        QJsonObject { { u"name"_s, ns }, { u"kind"_s, u"namespaces"_s } });
}

ApiStatus ApiStatus::noSuchResource()
{
    // The real server answers unknown paths with an empty details object.
    ApiStatus s = make(404, u"NotFound"_s, u"the server could not find the requested resource"_s);
    s.alwaysDetails = true;
    return s;
}

ApiStatus ApiStatus::alreadyExists(const ResourceType& type, const QString& name)
{
    return make(409, u"AlreadyExists"_s, u"%1 \"%2\" already exists"_s.arg(type.qualifiedResource(), name),
        resourceDetails(type, name));
}

ApiStatus ApiStatus::conflict(const ResourceType& type, const QString& name)
{
    return make(409, u"Conflict"_s,
        u"Operation cannot be fulfilled on %1 \"%2\": the object has been modified; please apply "
        "your changes to the latest version and try again"_s.arg(type.qualifiedResource(), name),
        resourceDetails(type, name));
}

ApiStatus ApiStatus::badRequest(const QString& message)
{
    return make(400, u"BadRequest"_s, message);
}

ApiStatus ApiStatus::invalid(const ResourceType& type, const QString& name, const QString& field,
    const QString& causeReason, const QString& causeMessage)
{
    const QString kindName = type.group.isEmpty() ? type.kind : type.kind + u'.' + type.group;
    QJsonObject details { { u"name"_s, name }, { u"kind"_s, type.kind },
        { u"causes"_s,
            QJsonArray { QJsonObject {
                { u"reason"_s, causeReason }, { u"message"_s, causeMessage }, { u"field"_s, field } } } } };
    if (!type.group.isEmpty())
        details.insert(u"group"_s, type.group);
    return make(422, u"Invalid"_s, u"%1 \"%2\" is invalid: %3: %4"_s.arg(kindName, name, field, causeMessage),
        details);
}

ApiStatus ApiStatus::methodNotAllowed()
{
    return make(
        405, u"MethodNotAllowed"_s, u"the server does not allow this method on the requested resource"_s);
}

ApiStatus ApiStatus::unauthorized()
{
    return make(401, u"Unauthorized"_s, u"Unauthorized"_s);
}

ApiStatus ApiStatus::expired(const QString& message)
{
    return make(410, u"Expired"_s, message);
}

QJsonObject ApiStatus::deleteSuccess(const ResourceType& type, const QJsonObject& object)
{
    const QJsonObject meta = object.value(u"metadata"_s).toObject();
    QJsonObject details { { u"name"_s, meta.value(u"name"_s) }, { u"kind"_s, type.plural },
        { u"uid"_s, meta.value(u"uid"_s) } };
    if (!type.group.isEmpty())
        details.insert(u"group"_s, type.group);
    return QJsonObject { { u"kind"_s, u"Status"_s }, { u"apiVersion"_s, u"v1"_s },
        { u"metadata"_s, QJsonObject {} }, { u"status"_s, u"Success"_s }, { u"details"_s, details } };
}

} // namespace driftline::sandbox
