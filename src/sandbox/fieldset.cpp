#include "sandbox/fieldset.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <map>

using namespace Qt::StringLiterals;

namespace driftline::sandbox
{

namespace
{

void collect(const QJsonObject& node, FieldSet::Path& prefix, FieldSet& out)
{
    for (auto it = node.begin(); it != node.end(); ++it) {
        if (it.key() == u"."_s) {
            out.insert(prefix);
            continue;
        }
        prefix.append(it.key());
        const QJsonObject child = it.value().toObject();
        // An empty object is an owned leaf; otherwise only its "." makes the node itself owned.
        if (child.isEmpty())
            out.insert(prefix);
        else
            collect(child, prefix, out);
        prefix.removeLast();
    }
}

struct Node {
    bool member = false;
    std::map<QString, Node> children;

    QJsonObject toJson() const
    {
        QJsonObject o;
        if (member && !children.empty())
            o.insert(u"."_s, QJsonObject());
        for (const auto& [key, child] : children)
            o.insert(key, child.toJson());
        return o;
    }
};

} // namespace

FieldSet FieldSet::fromFieldsV1(const QJsonObject& fieldsV1)
{
    FieldSet set;
    Path prefix;
    collect(fieldsV1, prefix, set);
    return set;
}

QJsonObject FieldSet::toFieldsV1() const
{
    Node root;
    for (const Path& path : m_paths) {
        Node* node = &root;
        for (const QString& element : path)
            node = &node->children[element];
        node->member = true;
    }
    return root.toJson();
}

bool FieldSet::containsPrefix(const Path& path) const
{
    auto it = m_paths.lower_bound(path);
    return it != m_paths.end() && it->size() >= path.size() && it->mid(0, path.size()) == path;
}

void FieldSet::removeTree(const Path& path)
{
    auto it = m_paths.lower_bound(path);
    while (it != m_paths.end() && it->size() >= path.size() && it->mid(0, path.size()) == path)
        it = m_paths.erase(it);
}

FieldSet FieldSet::united(const FieldSet& other) const
{
    FieldSet out = *this;
    out.m_paths.insert(other.m_paths.begin(), other.m_paths.end());
    return out;
}

FieldSet FieldSet::subtracted(const FieldSet& other) const
{
    FieldSet out;
    for (const Path& p : m_paths) {
        if (!other.contains(p))
            out.insert(p);
    }
    return out;
}

FieldSet FieldSet::intersected(const FieldSet& other) const
{
    FieldSet out;
    for (const Path& p : m_paths) {
        if (other.contains(p))
            out.insert(p);
    }
    return out;
}

QString FieldSet::pathString(const Path& path)
{
    QString out;
    for (const QString& element : path) {
        const QStringView rest = QStringView(element).mid(2);
        if (element.startsWith(u"f:"_s)) {
            out += u'.' + rest.toString();
        } else if (element.startsWith(u"k:"_s)) {
            const QJsonObject key = QJsonDocument::fromJson(rest.toUtf8()).object();
            QStringList parts;
            for (auto it = key.begin(); it != key.end(); ++it) {
                const QByteArray value = QJsonDocument(QJsonArray { it.value() }).toJson(QJsonDocument::Compact);
                parts.append(it.key() + u'=' + QString::fromUtf8(value.mid(1, value.size() - 2)));
            }
            out += u'[' + parts.join(u',') + u']';
        } else if (element.startsWith(u"v:"_s)) {
            out += u"[=" + rest.toString() + u']';
        } else if (element.startsWith(u"i:"_s)) {
            out += u'[' + rest.toString() + u']';
        }
    }
    return out;
}

} // namespace driftline::sandbox
