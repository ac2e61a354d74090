#include "sandbox/patchapplier.h"

#include "sandbox/structuralschema.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace driftline::sandbox
{

namespace
{

ApiStatus unprocessable(const QString& message)
{
    ApiStatus s;
    s.code = 422;
    s.reason = u"Invalid"_s;
    s.message = message;
    return s;
}

StoreResult<QJsonDocument> parse(const QByteArray& body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return reject(ApiStatus::badRequest(u"error decoding patch: %1"_s.arg(error.errorString())));
    return doc;
}

QJsonValue mergeValue(const QJsonValue& target, const QJsonValue& patch)
{
    if (!patch.isObject())
        return patch;
    QJsonObject out = target.isObject() ? target.toObject() : QJsonObject();
    const QJsonObject p = patch.toObject();
    for (auto it = p.begin(); it != p.end(); ++it) {
        if (it.value().isNull())
            out.remove(it.key());
        else
            out.insert(it.key(), mergeValue(out.value(it.key()), it.value()));
    }
    return out;
}

// RFC 6901 pointer segments.
std::optional<QStringList> pointer(const QString& text)
{
    if (text.isEmpty())
        return QStringList();
    if (!text.startsWith(u'/'))
        return std::nullopt;
    QStringList parts = text.mid(1).split(u'/');
    for (QString& p : parts) {
        p.replace(u"~1"_s, u"/"_s);
        p.replace(u"~0"_s, u"~"_s);
    }
    return parts;
}

// Reads, replaces, adds or removes at a pointer inside `root`. Modes below.
enum class Op { Get, Add, Replace, Remove };

bool visit(QJsonValue& node, const QStringList& path, qsizetype index, Op op, QJsonValue& value)
{
    const QString& seg = path.at(index);
    const bool last = index + 1 == path.size();
    if (node.isObject()) {
        QJsonObject o = node.toObject();
        if (last) {
            switch (op) {
            case Op::Get:
                if (!o.contains(seg))
                    return false;
                value = o.value(seg);
                return true;
            case Op::Add:
                o.insert(seg, value);
                break;
            case Op::Replace:
            case Op::Remove:
                if (!o.contains(seg))
                    return false;
                if (op == Op::Replace)
                    o.insert(seg, value);
                else
                    value = o.take(seg);
                break;
            }
            node = o;
            return true;
        }
        if (!o.contains(seg))
            return false;
        QJsonValue child = o.value(seg);
        if (!visit(child, path, index + 1, op, value))
            return false;
        if (op != Op::Get) {
            o.insert(seg, child);
            node = o;
        }
        return true;
    }
    if (node.isArray()) {
        QJsonArray a = node.toArray();
        bool ok = false;
        qsizetype i = seg == u"-"_s ? a.size() : seg.toLongLong(&ok);
        if (seg != u"-"_s && (!ok || i < 0))
            return false;
        if (last) {
            switch (op) {
            case Op::Get:
                if (i >= a.size())
                    return false;
                value = a.at(i);
                return true;
            case Op::Add:
                if (i > a.size())
                    return false;
                a.insert(i, value);
                break;
            case Op::Replace:
            case Op::Remove:
                if (i >= a.size())
                    return false;
                if (op == Op::Replace)
                    a.replace(i, value);
                else
                    value = a.takeAt(i);
                break;
            }
            node = a;
            return true;
        }
        if (i >= a.size())
            return false;
        QJsonValue child = a.at(i);
        if (!visit(child, path, index + 1, op, value))
            return false;
        if (op != Op::Get) {
            a.replace(i, child);
            node = a;
        }
        return true;
    }
    return false;
}

QJsonValue strategicValue(const QJsonValue& target, const QJsonValue& patch, const QStringList& names);

QJsonArray strategicList(const QJsonArray& target, const QJsonArray& patch, const QStringList& names)
{
    const auto type = StructuralSchema::listType(names, true);
    if (type == StructuralSchema::ListType::Set) {
        QJsonArray out = target;
        for (const QJsonValue& v : patch) {
            if (!out.contains(v))
                out.append(v);
        }
        return out;
    }
    const QStringList keys = StructuralSchema::listKeys(names, true);
    if (type != StructuralSchema::ListType::Map)
        return patch;
    // `$patch: replace` as a list item replaces the whole list with the other items.
    QJsonArray items;
    bool replace = false;
    for (const QJsonValue& v : patch) {
        if (v.toObject().value(u"$patch"_s).toString() == u"replace"_s)
            replace = true;
        else
            items.append(v);
    }
    if (replace || !StructuralSchema::usableAsMap(target, keys))
        return items;
    QJsonArray out = target;
    for (const QJsonValue& v : std::as_const(items)) {
        QJsonObject item = v.toObject();
        const bool remove = item.value(u"$patch"_s).toString() == u"delete"_s;
        item.remove(u"$patch"_s);
        const auto key = StructuralSchema::itemKey(item, keys);
        qsizetype at = -1;
        for (qsizetype i = 0; key && i < out.size(); ++i) {
            if (StructuralSchema::itemKey(out.at(i).toObject(), keys) == key)
                at = i;
        }
        if (remove) {
            if (at >= 0)
                out.removeAt(at);
        } else if (at >= 0) {
            out.replace(at, strategicValue(out.at(at), item, names));
        } else {
            out.append(strategicValue(QJsonObject(), item, names));
        }
    }
    return out;
}

QJsonValue strategicValue(const QJsonValue& target, const QJsonValue& patch, const QStringList& names)
{
    if (!patch.isObject())
        return patch;
    QJsonObject p = patch.toObject();
    const QString directive = p.take(u"$patch"_s).toString();
    if (directive == u"replace"_s)
        return p;
    if (directive == u"delete"_s)
        return QJsonValue(QJsonValue::Undefined);
    if (StructuralSchema::isAtomicObject(names, true))
        return mergeValue(target, p);
    QJsonObject out = target.isObject() ? target.toObject() : QJsonObject();
    for (auto it = p.begin(); it != p.end(); ++it) {
        const QString& key = it.key();
        if (key.startsWith(u"$setElementOrder/"_s) || key == u"$retainKeys"_s)
            continue; // ordering and retain hints: the merge result is the same without them
        if (key.startsWith(u"$deleteFromPrimitiveList/"_s)) {
            const QString listName = key.mid(int(qstrlen("$deleteFromPrimitiveList/")));
            QJsonArray list = out.value(listName).toArray();
            const QJsonArray doomed = it.value().toArray();
            for (qsizetype i = list.size() - 1; i >= 0; --i) {
                if (doomed.contains(list.at(i)))
                    list.removeAt(i);
            }
            out.insert(listName, list);
            continue;
        }
        const QStringList childNames = names + QStringList { key };
        if (it.value().isNull()) {
            out.remove(key);
        } else if (it.value().isArray() && out.value(key).isArray()) {
            out.insert(key, strategicList(out.value(key).toArray(), it.value().toArray(), childNames));
        } else if (it.value().isArray()) {
            // New list: still drop $patch directives from its items.
            out.insert(key, strategicList(QJsonArray(), it.value().toArray(), childNames));
        } else {
            const QJsonValue merged = strategicValue(out.value(key), it.value(), childNames);
            if (merged.isUndefined())
                out.remove(key);
            else
                out.insert(key, merged);
        }
    }
    return out;
}

} // namespace

StoreResult<QJsonObject> PatchApplier::mergePatch(const QJsonObject& target, const QByteArray& body)
{
    const auto doc = parse(body);
    if (!doc)
        return reject(doc.error());
    if (!doc->isObject())
        return reject(ApiStatus::badRequest(u"error decoding patch: a merge patch must be a JSON object"_s));
    return mergeValue(target, doc->object()).toObject();
}

StoreResult<QJsonObject> PatchApplier::jsonPatch(const QJsonObject& target, const QByteArray& body)
{
    const auto doc = parse(body);
    if (!doc)
        return reject(doc.error());
    if (!doc->isArray())
        return reject(ApiStatus::badRequest(
            u"error decoding patch: json: cannot unmarshal object into Go value of type jsonpatch.Patch"_s));
    QJsonValue root = target;
    for (const QJsonValue& v : doc->array()) {
        const QJsonObject operation = v.toObject();
        const QString op = operation.value(u"op"_s).toString();
        const QString pathText = operation.value(u"path"_s).toString();
        const auto path = pointer(pathText);
        if (!path || path->isEmpty())
            return reject(unprocessable(u"the server rejected our request due to an error in our request"_s));
        QJsonValue value = operation.value(u"value"_s);
        bool ok = false;
        if (op == u"add"_s) {
            ok = visit(root, *path, 0, Op::Add, value);
        } else if (op == u"replace"_s) {
            ok = visit(root, *path, 0, Op::Replace, value);
        } else if (op == u"remove"_s) {
            ok = visit(root, *path, 0, Op::Remove, value);
        } else if (op == u"test"_s) {
            QJsonValue actual;
            ok = visit(root, *path, 0, Op::Get, actual);
            if (ok && actual != value)
                return reject(unprocessable(u"testing value %1 failed: test failed"_s.arg(pathText)));
        } else if (op == u"move"_s || op == u"copy"_s) {
            const auto from = pointer(operation.value(u"from"_s).toString());
            QJsonValue moved;
            ok = from && !from->isEmpty()
                && visit(root, *from, 0, op == u"move"_s ? Op::Remove : Op::Get, moved)
                && visit(root, *path, 0, Op::Add, moved);
        } else {
            return reject(unprocessable(u"Unexpected kind: %1"_s.arg(op)));
        }
        if (!ok)
            return reject(unprocessable(
                u"the server rejected our request due to an error in our request: %1 operation does not apply: doc is missing path: \"%2\""_s
                    .arg(op, pathText)));
    }
    return root.toObject();
}

StoreResult<QJsonObject> PatchApplier::strategicMergePatch(
    const QJsonObject& target, const QByteArray& body, bool builtin)
{
    if (!builtin) {
        ApiStatus s;
        s.code = 415;
        s.reason = u"UnsupportedMediaType"_s;
        s.message = u"the body of the request was in an unknown format - accepted media types include: "
                    "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"_s;
        return reject(s);
    }
    const auto doc = parse(body);
    if (!doc)
        return reject(doc.error());
    if (!doc->isObject())
        return reject(ApiStatus::badRequest(u"error decoding patch: a strategic merge patch must be a JSON object"_s));
    return strategicValue(target, doc->object(), {}).toObject();
}

} // namespace driftline::sandbox
