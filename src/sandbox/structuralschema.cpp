#include "sandbox/structuralschema.h"

#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;

namespace driftline::sandbox
{

namespace
{

bool isContainerList(const QString& name)
{
    return name == u"containers"_s || name == u"initContainers"_s || name == u"ephemeralContainers"_s;
}

} // namespace

QStringList StructuralSchema::listKeys(const QStringList& fieldPath, bool builtin)
{
    if (fieldPath.isEmpty())
        return {};
    const QString& name = fieldPath.last();
    const QString parent = fieldPath.size() >= 2 ? fieldPath.at(fieldPath.size() - 2) : QString();
    if (fieldPath.size() == 2 && parent == u"metadata"_s && name == u"ownerReferences"_s)
        return { u"uid"_s };
    if (!builtin)
        return {};
    if (isContainerList(name))
        return { u"name"_s };
    if (name == u"ports"_s) {
        if (isContainerList(parent))
            return { u"containerPort"_s, u"protocol"_s };
        // Service spec.ports (no other built-in has a top-level spec.ports).
        if (fieldPath.size() == 2 && parent == u"spec"_s)
            return { u"port"_s, u"protocol"_s };
        return {};
    }
    if (name == u"env"_s || name == u"volumes"_s || name == u"imagePullSecrets"_s)
        return { u"name"_s };
    if (name == u"volumeMounts"_s)
        return { u"mountPath"_s };
    if (name == u"conditions"_s)
        return { u"type"_s };
    if (name == u"hostAliases"_s)
        return { u"ip"_s };
    if (name == u"topologySpreadConstraints"_s)
        return { u"topologyKey"_s, u"whenUnsatisfiable"_s };
    return {};
}

StructuralSchema::ListType StructuralSchema::listType(const QStringList& fieldPath, bool builtin)
{
    if (fieldPath.size() == 2 && fieldPath.first() == u"metadata"_s && fieldPath.last() == u"finalizers"_s)
        return ListType::Set;
    return listKeys(fieldPath, builtin).isEmpty() ? ListType::Atomic : ListType::Map;
}

bool StructuralSchema::isAtomicObject(const QStringList& fieldPath, bool builtin)
{
    if (!builtin || fieldPath.isEmpty())
        return false;
    const QString& name = fieldPath.last();
    // LabelSelector is an atomic struct wherever it appears (workload selectors,
    // topology spread, affinity terms); Service's selector is an atomic map.
    if (name == u"selector"_s && fieldPath.size() == 2 && fieldPath.first() == u"spec"_s)
        return true;
    // Atomic structs and maps of the pod spec (x-kubernetes-map-type: atomic).
    static const QStringList atomic { u"labelSelector"_s, u"namespaceSelector"_s, u"nodeSelector"_s,
        u"fieldRef"_s, u"resourceFieldRef"_s, u"configMapKeyRef"_s, u"secretKeyRef"_s, u"configMapRef"_s,
        u"secretRef"_s };
    return atomic.contains(name);
}

bool StructuralSchema::hasAtomicItems(const QStringList& fieldPath, bool builtin)
{
    if (fieldPath.size() == 2 && fieldPath.first() == u"metadata"_s && fieldPath.last() == u"ownerReferences"_s)
        return true;
    return builtin && !fieldPath.isEmpty() && fieldPath.last() == u"imagePullSecrets"_s;
}

std::optional<QJsonObject> StructuralSchema::itemKey(const QJsonObject& item, const QStringList& keys)
{
    QJsonObject key;
    for (const QString& k : keys) {
        QJsonValue v = item.value(k);
        if (v.isUndefined() || v.isNull()) {
            if (k == u"protocol"_s)
                v = u"TCP"_s;
            else
                return std::nullopt;
        }
        key.insert(k, v);
    }
    return key;
}

QString StructuralSchema::keyElement(const QJsonObject& key)
{
    // QJsonObject keeps its keys sorted, as Go's encoder writes them.
    return u"k:"_s + QString::fromUtf8(QJsonDocument(key).toJson(QJsonDocument::Compact));
}

QString StructuralSchema::valueElement(const QJsonValue& value)
{
    const QByteArray array = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return u"v:"_s + QString::fromUtf8(array.mid(1, array.size() - 2));
}

bool StructuralSchema::usableAsMap(const QJsonArray& items, const QStringList& keys)
{
    QSet<QString> seen;
    for (const QJsonValue& v : items) {
        if (!v.isObject())
            return false;
        const auto key = itemKey(v.toObject(), keys);
        if (!key)
            return false;
        const QString element = keyElement(*key);
        if (seen.contains(element))
            return false;
        seen.insert(element);
    }
    return true;
}

} // namespace driftline::sandbox
