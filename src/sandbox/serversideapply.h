// Field management as the API server does it: the managedFields entries of an
// object, what an Update (create, put, patch) records in them, and server-side
// apply (merge of an applied configuration by the structural schema, conflicts
// with other managers, removal of fields the manager no longer applies).
// Pure functions over QJsonObject; the ObjectStore stores what they return.
#pragma once

#include "sandbox/apistatus.h"
#include "sandbox/fieldset.h"
#include "sandbox/resourcetype.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace driftline::sandbox
{

class ServerSideApply
{
public:
    struct Entry {
        QString manager;
        QString operation; // "Apply" or "Update"
        QString apiVersion;
        QString time;
        QString subresource; // "" or "status"
        FieldSet fields;
    };
    struct Comparison {
        FieldSet added;
        FieldSet modified; // leaves whose value changed
        FieldSet removed;
        bool isEmpty() const { return added.isEmpty() && modified.isEmpty() && removed.isEmpty(); }
    };

    static QList<Entry> entriesOf(const QJsonObject& object);
    // In the server's order (Apply before Update, then by time, manager, apiVersion,
    // subresource); entries that own nothing are dropped.
    static QJsonArray toJson(QList<Entry> entries);

    // What field management looks at: no type header, no server-set metadata, and
    // either no status or (for `subresource` "status") only status; for "scale",
    // spec.replicas alone (a scale write is recorded against the parent's fields).
    static QJsonObject managedPart(
        const QJsonObject& object, const QString& subresource, bool hasStatusSubresource);
    // The fields an applied configuration sets (what its manager's Apply entry owns).
    static FieldSet appliedFields(const QJsonObject& config, bool builtin);
    static Comparison compare(const QJsonObject& before, const QJsonObject& after, bool builtin);
    // `config` merged into `live`: maps by key, associative lists by item key, sets by
    // value; everything else replaced.
    static QJsonObject merge(const QJsonObject& live, const QJsonObject& config, bool builtin);
    // Removes one owned node (a field, a list item, a set member) from `object`.
    static void removeField(QJsonObject& object, const FieldSet::Path& path, bool builtin);

    // managedFields after a non-apply write by `manager` changed `before` into `after`:
    // the manager takes what it added or changed, others lose it, removed fields go.
    static QList<Entry> recordUpdate(QList<Entry> entries, const QJsonObject& before,
        const QJsonObject& after, const ResourceType& type, const QString& manager,
        const QString& subresource, const QString& time);

    // Applies `config` (type header and metadata name already checked) to `live`
    // (empty: create) for `manager`. Returns the new object (before server
    // defaults) with its managedFields, or the 409 Conflict Status.
    static StoreResult<QJsonObject> apply(const ResourceType& type, const QJsonObject& live,
        const QJsonObject& config, const QString& manager, bool force, const QString& time);

    // True when the two objects differ at most in their managedFields' times.
    static bool sameIgnoringTimes(const QJsonObject& a, const QJsonObject& b);
};

} // namespace driftline::sandbox
