#include "engine/fieldownership.h"

#include "engine/comparison.h"
#include "engine/normalizer.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace driftline::engine {

FieldOwnership::FieldOwnership()
{
    m_nodes.emplace_back();
}

FieldOwnership::FieldOwnership(const QJsonObject& live)
    : FieldOwnership()
{
    const QJsonArray managedFields = live.value(u"metadata").toObject().value(u"managedFields").toArray();
    for (const QJsonValue& value : managedFields) {
        const QJsonObject object = value.toObject();
        Entry entry;
        entry.manager = object.value(u"manager").toString();
        entry.operation = object.value(u"operation").toString();
        entry.subresource = object.value(u"subresource").toString();
        const qsizetype index = m_entries.size();
        if (index < 64)
            insert(0, Owners(1) << index, object.value(u"fieldsV1").toObject());
        m_entries.append(entry);
    }
}

// A leaf ("f:image": {}) owns its node and everything below it (atomic lists and
// maps); "." marks a node owned itself while its children may belong to others.
void FieldOwnership::insert(int node, Owners bit, const QJsonObject& fields)
{
    m_nodes[node].subtree |= bit;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (it.key() == u".") {
            m_nodes[node].self |= bit;
            continue;
        }
        int child = m_nodes[node].children.value(it.key(), -1);
        if (child < 0) {
            child = int(m_nodes.size());
            m_nodes.emplace_back();
            m_nodes[node].children.insert(it.key(), child);
            if (it.key().startsWith(u"k:")) {
                const QJsonDocument key = QJsonDocument::fromJson(it.key().mid(2).toUtf8());
                if (key.isObject())
                    m_nodes[node].keyedChildren.append({key.object(), child});
            }
        }
        const QJsonObject sub = it.value().toObject();
        if (sub.isEmpty()) {
            m_nodes[child].leaf |= bit;
            m_nodes[child].self |= bit;
            m_nodes[child].subtree |= bit;
        } else {
            insert(child, bit, sub);
        }
    }
}

FieldOwnership::Owners FieldOwnership::owners(const QStringList& fieldPath) const
{
    Owners result = 0;
    int node = 0;
    for (const QString& element : fieldPath) {
        result |= m_nodes[node].leaf;
        const auto it = m_nodes[node].children.constFind(element);
        if (it == m_nodes[node].children.cend())
            return result;
        node = *it;
    }
    return result | m_nodes[node].subtree;
}

QList<const FieldOwnership::Entry*> FieldOwnership::people(Owners owners) const
{
    QList<const Entry*> result;
    for (qsizetype i = 0; i < m_entries.size() && i < 64; ++i) {
        const Entry& entry = m_entries.at(i);
        if ((owners >> i & 1) && !Normalizer::isClusterManager(entry.manager, entry.subresource))
            result.append(&entry);
    }
    return result;
}

QString FieldOwnership::preferred(const QList<const Entry*>& entries)
{
    for (const Entry* e : entries) {
        if (e->manager != Comparison::FieldManager)
            return e->manager;
    }
    return entries.isEmpty() ? QString() : entries.first()->manager;
}

namespace {
QString ownerAmong(const QList<FieldOwnership::Entry>& entries, FieldOwnership::Owners owners)
{
    QList<const FieldOwnership::Entry*> people;
    QList<const FieldOwnership::Entry*> cluster;
    for (qsizetype i = 0; i < entries.size() && i < 64; ++i) {
        const FieldOwnership::Entry& entry = entries.at(i);
        if (!(owners >> i & 1))
            continue;
        if (Normalizer::isClusterManager(entry.manager, entry.subresource))
            cluster.append(&entry);
        else
            people.append(&entry);
    }
    return FieldOwnership::preferred(people.isEmpty() ? cluster : people);
}
} // namespace

QString FieldOwnership::ownerOf(const QStringList& fieldPath) const
{
    return ownerAmong(m_entries, owners(fieldPath));
}

// The child of a list node that stands for `item`: a keyed entry whose key fields
// the item has (protocol TCP when the item leaves it out, as the server
// defaults it), or the set entry of its value.
int FieldOwnership::itemChild(const Node& node, const QJsonValue& item) const
{
    if (item.isObject()) {
        const QJsonObject object = item.toObject();
        for (const auto& [key, child] : node.keyedChildren) {
            bool match = true;
            for (auto it = key.begin(); it != key.end() && match; ++it) {
                QJsonValue v = object.value(it.key());
                if (v.isUndefined() && it.key() == u"protocol")
                    v = u"TCP"_s;
                match = v == it.value();
            }
            if (match)
                return child;
        }
        return -1;
    }
    const QString element = u"v:"_s
        + QString::fromUtf8(QJsonDocument(QJsonArray {item}).toJson(QJsonDocument::Compact)).chopped(1).mid(1);
    return node.children.value(element, -1);
}

QString FieldOwnership::managerAt(const QJsonValue& object, const QStringList& pointerTokens) const
{
    if (m_entries.isEmpty() || pointerTokens.isEmpty())
        return {};
    Owners result = 0;
    int node = 0;
    QJsonValue value = object;
    for (const QString& token : pointerTokens) {
        const Node& n = m_nodes[node];
        result |= n.leaf;
        int child = -1;
        if (value.isObject()) {
            child = n.children.value(u"f:"_s + token, -1);
            value = value.toObject().value(token);
        } else if (value.isArray()) {
            bool ok = false;
            const qsizetype index = token.toLongLong(&ok);
            const QJsonArray array = value.toArray();
            if (ok && index >= 0 && index < array.size()) {
                value = array.at(index);
                child = itemChild(n, value);
            }
        }
        node = child;
        if (node < 0)
            break; // nobody recorded this field itself; enclosing atomic owners are in `result`
    }
    if (node >= 0)
        result |= m_nodes[node].self;
    return ownerAmong(m_entries, result);
}

QString FieldOwnership::keyElement(const QJsonObject& key)
{
    return u"k:"_s + QString::fromUtf8(QJsonDocument(key).toJson(QJsonDocument::Compact));
}

} // namespace driftline::engine
