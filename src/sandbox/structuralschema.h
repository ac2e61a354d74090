// Which parts of a built-in object merge granularly and which are replaced whole,
// as the API server's OpenAPI schema says (x-kubernetes-list-type/-list-map-keys/
// -map-type): associative lists keyed by their key fields, sets, atomic lists and
// atomic maps. Server-side apply, managedFields and strategic merge patch all read it.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace driftline::sandbox
{

class StructuralSchema
{
public:
    enum class ListType { Atomic, Map, Set };

    // `fieldPath` is the chain of field names from the object's root, list items
    // left out (e.g. spec, template, spec, containers, ports). `builtin` false:
    // custom resources without a schema, whose lists are all atomic except in metadata.
    static ListType listType(const QStringList& fieldPath, bool builtin);
    static QStringList listKeys(const QStringList& fieldPath, bool builtin);
    // Maps and structs replaced whole (label selectors, nodeSelector).
    static bool isAtomicObject(const QStringList& fieldPath, bool builtin);
    // Associative lists whose items are atomic structs, owned and replaced whole
    // (ownerReferences, imagePullSecrets).
    static bool hasAtomicItems(const QStringList& fieldPath, bool builtin);

    // The key of one associative-list item ({"containerPort":80,"protocol":"TCP"}),
    // with the server's defaults for missing key fields (protocol TCP); nullopt when
    // a key field is missing and has no default.
    static std::optional<QJsonObject> itemKey(const QJsonObject& item, const QStringList& keys);
    // "k:{...}" / "v:..." path elements.
    static QString keyElement(const QJsonObject& key);
    static QString valueElement(const QJsonValue& value);
    // A list that is an associative list by schema but whose items lack keys or
    // repeat them is handled as atomic, rather than failing.
    static bool usableAsMap(const QJsonArray& items, const QStringList& keys);
};

} // namespace driftline::sandbox
