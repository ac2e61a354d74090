// FieldOwnership: who set which field of a live object, read from its
// metadata.managedFields (FieldsV1 sets: "f:<key>" fields, "k:{…}" items of keyed
// lists, "v:…" items of sets). The comparison asks it for the manager of a
// difference; the diff panel for the manager of every live line. Built once per
// object; const and thread-safe afterwards.
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace driftline::engine {

class FieldOwnership
{
public:
    // One managedFields entry.
    struct Entry {
        QString manager;
        QString operation;
        QString subresource;
    };
    // A bit per entry (the first 64: an object has a handful of managers).
    using Owners = quint64;

    FieldOwnership();
    // Reads `live`'s metadata.managedFields.
    explicit FieldOwnership(const QJsonObject& live);

    bool isEmpty() const { return m_entries.isEmpty(); }
    const QList<Entry>& entries() const { return m_entries; }

    // Entries that set the field at `fieldPath` ("f:spec", "f:replicas"; list items as
    // "k:{…}" or "v:…"), something below it, or an enclosing atomic value.
    Owners owners(const QStringList& fieldPath) const;
    // The manager to name for a field: a person's or tool's entry before a cluster
    // manager's, another manager before Driftline's own; "" when nobody owns it.
    QString ownerOf(const QStringList& fieldPath) const;
    // Among `owners`, the person's or tool's entries only (no cluster managers).
    QList<const Entry*> people(Owners owners) const;
    static QString preferred(const QList<const Entry*>& entries);

    // The manager of the field a JSON pointer names in `object` (the live object as
    // displayed; list items are matched to "k:{…}" and "v:…" entries by their
    // values): the entries that own that field itself or an enclosing atomic value,
    // chosen as ownerOf does. "" when nobody does (a mapping's own key line, a field
    // the object does not have).
    QString managerAt(const QJsonValue& object, const QStringList& pointerTokens) const;

    // The FieldsV1 element of a keyed list item: "k:" and the compact JSON of its key fields.
    static QString keyElement(const QJsonObject& key);

private:
    struct Node {
        QHash<QString, int> children;
        QList<QPair<QJsonObject, int>> keyedChildren; // parsed "k:{…}" children
        Owners leaf = 0;    // owned with everything below
        Owners self = 0;    // owned here (".", or a leaf)
        Owners subtree = 0; // owned here or anywhere below
    };
    std::vector<Node> m_nodes;
    QList<Entry> m_entries;

    void insert(int node, Owners bit, const QJsonObject& fields);
    int itemChild(const Node& node, const QJsonValue& item) const;
};

} // namespace driftline::engine
