#include "sandbox/serversideapply.h"

#include "sandbox/structuralschema.h"

#include <QJsonDocument>
#include <QMap>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace driftline::sandbox
{

namespace
{

using Path = FieldSet::Path;

QString field(const QString& name)
{
    return u"f:"_s + name;
}

// Non-leaf nodes an Update owns as themselves ("."): maps and list items do, the
// always-present structs do not (as recorded by the real server).
bool ownsNodeItself(const QStringList& names, bool listItem)
{
    if (listItem)
        return true;
    if (names.isEmpty())
        return false;
    static const QStringList plainStructs { u"metadata"_s, u"spec"_s, u"status"_s, u"template"_s,
        u"strategy"_s, u"updateStrategy"_s, u"containers"_s, u"jobTemplate"_s };
    return !plainStructs.contains(names.last());
}

struct Walker {
    bool builtin = true;
    bool markNodes = false; // Update-style: non-leaf nodes are owned themselves too

    bool granularObject(const QJsonValue& v, const QStringList& names) const
    {
        return v.isObject() && !StructuralSchema::isAtomicObject(names, builtin);
    }

    std::optional<QStringList> mapKeys(const QJsonValue& v, const QStringList& names) const
    {
        if (!v.isArray() || StructuralSchema::listType(names, builtin) != StructuralSchema::ListType::Map)
            return std::nullopt;
        const QStringList keys = StructuralSchema::listKeys(names, builtin);
        if (!StructuralSchema::usableAsMap(v.toArray(), keys))
            return std::nullopt;
        return keys;
    }

    bool isSet(const QJsonValue& v, const QStringList& names) const
    {
        return v.isArray() && StructuralSchema::listType(names, builtin) == StructuralSchema::ListType::Set;
    }

    void fieldsOf(const QJsonObject& object, const QStringList& names, const Path& path, FieldSet& out) const
    {
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.value().isNull())
                continue;
            addAll(it.value(), names + QStringList { it.key() }, path + Path { field(it.key()) }, false, out);
        }
    }

    // Every field of `v` at `path` (and, markNodes, its non-leaf nodes).
    void addAll(const QJsonValue& v, const QStringList& names, const Path& path, bool listItem,
        FieldSet& out) const
    {
        if (listItem && StructuralSchema::hasAtomicItems(names, builtin)) {
            out.insert(path);
            return;
        }
        if (granularObject(v, names) && !v.toObject().isEmpty()) {
            if ((markNodes || listItem) && ownsNodeItself(names, listItem) && !path.isEmpty())
                out.insert(path);
            fieldsOf(v.toObject(), names, path, out);
            return;
        }
        if (const auto keys = mapKeys(v, names); keys && !v.toArray().isEmpty()) {
            if (markNodes && ownsNodeItself(names, false))
                out.insert(path);
            for (const QJsonValue& item : v.toArray()) {
                const Path itemPath
                    = path + Path { StructuralSchema::keyElement(*StructuralSchema::itemKey(item.toObject(), *keys)) };
                addAll(item, names, itemPath, true, out);
            }
            return;
        }
        if (isSet(v, names) && !v.toArray().isEmpty()) {
            if (markNodes)
                out.insert(path);
            for (const QJsonValue& item : v.toArray())
                out.insert(path + Path { StructuralSchema::valueElement(item) });
            return;
        }
        out.insert(path);
    }

    void compare(const QJsonValue& l, const QJsonValue& r, const QStringList& names, const Path& path,
        ServerSideApply::Comparison& cmp) const
    {
        if (granularObject(l, names) && granularObject(r, names)) {
            const QJsonObject lo = l.toObject();
            const QJsonObject ro = r.toObject();
            if (lo.isEmpty() != ro.isEmpty() && !path.isEmpty()) {
                // {} is a leaf of its own; growing children or losing them all changes its shape.
                if (lo.isEmpty()) {
                    cmp.removed.insert(path);
                    addAll(r, names, path, false, cmp.added);
                } else {
                    cmp.removed.insert(path);
                    cmp.added.insert(path);
                }
                return;
            }
            QStringList keys = lo.keys();
            for (const QString& k : ro.keys()) {
                if (!keys.contains(k))
                    keys.append(k);
            }
            for (const QString& k : std::as_const(keys)) {
                const QJsonValue lv = lo.value(k);
                const QJsonValue rv = ro.value(k);
                const bool inL = !lv.isUndefined() && !lv.isNull();
                const bool inR = !rv.isUndefined() && !rv.isNull();
                const Path p = path + Path { field(k) };
                const QStringList n = names + QStringList { k };
                if (inL && inR)
                    compare(lv, rv, n, p, cmp);
                else if (inR)
                    addAll(rv, n, p, false, cmp.added);
                else if (inL)
                    cmp.removed.insert(p);
            }
            return;
        }
        const auto lk = mapKeys(l, names);
        const auto rk = mapKeys(r, names);
        if (lk && rk) {
            QMap<QString, QJsonObject> left;
            for (const QJsonValue& item : l.toArray())
                left.insert(StructuralSchema::keyElement(*StructuralSchema::itemKey(item.toObject(), *lk)),
                    item.toObject());
            QMap<QString, QJsonObject> right;
            for (const QJsonValue& item : r.toArray())
                right.insert(StructuralSchema::keyElement(*StructuralSchema::itemKey(item.toObject(), *rk)),
                    item.toObject());
            const bool atomicItems = StructuralSchema::hasAtomicItems(names, builtin);
            for (auto it = right.cbegin(); it != right.cend(); ++it) {
                const Path p = path + Path { it.key() };
                if (left.contains(it.key()) && atomicItems) {
                    if (left.value(it.key()) != *it)
                        cmp.modified.insert(p);
                } else if (left.contains(it.key())) {
                    compare(left.value(it.key()), *it, names, p, cmp);
                } else {
                    addAll(*it, names, p, true, cmp.added);
                }
            }
            for (auto it = left.cbegin(); it != left.cend(); ++it) {
                if (!right.contains(it.key()))
                    cmp.removed.insert(path + Path { it.key() });
            }
            return;
        }
        if (isSet(l, names) && isSet(r, names)) {
            const QJsonArray la = l.toArray();
            const QJsonArray ra = r.toArray();
            for (const QJsonValue& v : ra) {
                if (!la.contains(v))
                    cmp.added.insert(path + Path { StructuralSchema::valueElement(v) });
            }
            for (const QJsonValue& v : la) {
                if (!ra.contains(v))
                    cmp.removed.insert(path + Path { StructuralSchema::valueElement(v) });
            }
            return;
        }
        if (l != r)
            cmp.modified.insert(path);
    }

    QJsonValue merge(const QJsonValue& l, const QJsonValue& c, const QStringList& names) const
    {
        if (granularObject(l, names) && granularObject(c, names)) {
            QJsonObject out = l.toObject();
            const QJsonObject co = c.toObject();
            for (auto it = co.begin(); it != co.end(); ++it) {
                if (it.value().isNull())
                    out.remove(it.key());
                else
                    out.insert(it.key(), merge(out.value(it.key()), it.value(), names + QStringList { it.key() }));
            }
            return out;
        }
        const auto lk = mapKeys(l, names);
        const auto ck = mapKeys(c, names);
        if (lk && ck) {
            QJsonArray out = l.toArray();
            const auto indexOf = [&](const QString& element) {
                for (qsizetype i = 0; i < out.size(); ++i) {
                    const auto key = StructuralSchema::itemKey(out.at(i).toObject(), *lk);
                    if (StructuralSchema::keyElement(*key) == element)
                        return i;
                }
                return qsizetype(-1);
            };
            for (const QJsonValue& item : c.toArray()) {
                const QString element
                    = StructuralSchema::keyElement(*StructuralSchema::itemKey(item.toObject(), *ck));
                const qsizetype at = indexOf(element);
                if (at >= 0 && StructuralSchema::hasAtomicItems(names, builtin))
                    out.replace(at, item);
                else if (at >= 0)
                    out.replace(at, merge(out.at(at), item, names));
                else
                    out.append(item);
            }
            return out;
        }
        if (isSet(l, names) && isSet(c, names)) {
            QJsonArray out = l.toArray();
            for (const QJsonValue& v : c.toArray()) {
                if (!out.contains(v))
                    out.append(v);
            }
            return out;
        }
        return c;
    }

    // Removes the node at path[index..] below `v`; returns false when nothing was there.
    bool remove(QJsonValue& v, const QStringList& names, const Path& path, qsizetype index) const
    {
        const QString& element = path.at(index);
        const bool last = index + 1 == path.size();
        if (element.startsWith(u"f:"_s) && v.isObject()) {
            QJsonObject o = v.toObject();
            const QString name = element.mid(2);
            if (!o.contains(name))
                return false;
            if (last) {
                o.remove(name);
            } else {
                QJsonValue child = o.value(name);
                if (!remove(child, names + QStringList { name }, path, index + 1))
                    return false;
                o.insert(name, child);
            }
            v = o;
            return true;
        }
        if (element.startsWith(u"k:"_s) && v.isArray()) {
            const auto keys = mapKeys(v, names);
            if (!keys)
                return false;
            QJsonArray a = v.toArray();
            for (qsizetype i = 0; i < a.size(); ++i) {
                if (StructuralSchema::keyElement(*StructuralSchema::itemKey(a.at(i).toObject(), *keys)) != element)
                    continue;
                if (last) {
                    a.removeAt(i);
                } else {
                    QJsonValue item = a.at(i);
                    if (!remove(item, names, path, index + 1))
                        return false;
                    a.replace(i, item);
                }
                v = a;
                return true;
            }
            return false;
        }
        if (element.startsWith(u"v:"_s) && v.isArray() && last) {
            QJsonArray a = v.toArray();
            for (qsizetype i = 0; i < a.size(); ++i) {
                if (StructuralSchema::valueElement(a.at(i)) == element) {
                    a.removeAt(i);
                    v = a;
                    return true;
                }
            }
        }
        return false;
    }
};

// A key field of an associative-list item (the "name" below k:{"name":"x"}): it
// goes with its item or not at all, since an item without its key is no item.
bool isItemKey(const Path& path)
{
    if (path.size() < 2 || !path.last().startsWith(u"f:"_s) || !path.at(path.size() - 2).startsWith(u"k:"_s))
        return false;
    const QJsonObject key = QJsonDocument::fromJson(path.at(path.size() - 2).mid(2).toUtf8()).object();
    return key.contains(path.last().mid(2));
}

bool isSelf(const ServerSideApply::Entry& e, const QString& manager, const QString& operation,
    const QString& apiVersion, const QString& subresource)
{
    return e.manager == manager && e.operation == operation && e.subresource == subresource
        && (operation == u"Apply"_s || e.apiVersion == apiVersion);
}

QString describeManager(const ServerSideApply::Entry& e)
{
    QString s = u"\"%1\""_s.arg(e.manager);
    if (!e.subresource.isEmpty())
        s += u" with subresource \"%1\""_s.arg(e.subresource);
    if (e.operation == u"Update"_s)
        s += u" using "_s + e.apiVersion;
    return s;
}

ApiStatus conflictStatus(const QList<std::pair<QString, Path>>& conflicts)
{
    // Grouped and ordered by manager, as the server's conflict list is.
    QMap<QString, QList<Path>> byManager;
    for (const auto& [manager, path] : conflicts)
        byManager[manager].append(path);
    QJsonArray causes;
    QStringList lines;
    for (auto it = byManager.cbegin(); it != byManager.cend(); ++it) {
        lines.append(u"conflicts with %1:"_s.arg(it.key()));
        for (const Path& p : *it) {
            causes.append(QJsonObject { { u"reason"_s, u"FieldManagerConflict"_s },
                { u"message"_s, QString(u"conflict with "_s + it.key()) }, { u"field"_s, FieldSet::pathString(p) } });
            lines.append(u"- "_s + FieldSet::pathString(p));
        }
    }
    ApiStatus status;
    status.code = 409;
    status.reason = u"Conflict"_s;
    if (conflicts.size() == 1)
        status.message = u"Apply failed with 1 conflict: conflict with %1: %2"_s.arg(
            conflicts.first().first, FieldSet::pathString(conflicts.first().second));
    else
        status.message = u"Apply failed with %1 conflicts: %2"_s.arg(conflicts.size()).arg(lines.join(u'\n'));
    status.details = QJsonObject { { u"causes"_s, causes } };
    return status;
}

} // namespace

QList<ServerSideApply::Entry> ServerSideApply::entriesOf(const QJsonObject& object)
{
    QList<Entry> entries;
    for (const QJsonValue& v : object.value(u"metadata"_s).toObject().value(u"managedFields"_s).toArray()) {
        const QJsonObject o = v.toObject();
        Entry e;
        e.manager = o.value(u"manager"_s).toString();
        e.operation = o.value(u"operation"_s).toString();
        e.apiVersion = o.value(u"apiVersion"_s).toString();
        e.time = o.value(u"time"_s).toString();
        e.subresource = o.value(u"subresource"_s).toString();
        e.fields = FieldSet::fromFieldsV1(o.value(u"fieldsV1"_s).toObject());
        entries.append(e);
    }
    return entries;
}

QJsonArray ServerSideApply::toJson(QList<Entry> entries)
{
    entries.removeIf([](const Entry& e) { return e.fields.isEmpty(); });
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& p, const Entry& q) {
        if (p.operation != q.operation)
            return p.operation < q.operation;
        if (p.time != q.time)
            return p.time < q.time; // RFC 3339 UTC strings sort chronologically
        if (p.manager != q.manager)
            return p.manager < q.manager;
        if (p.apiVersion != q.apiVersion)
            return p.apiVersion < q.apiVersion;
        return p.subresource < q.subresource;
    });
    QJsonArray out;
    for (const Entry& e : std::as_const(entries)) {
        QJsonObject o { { u"manager"_s, e.manager }, { u"operation"_s, e.operation },
            { u"apiVersion"_s, e.apiVersion }, { u"time"_s, e.time }, { u"fieldsType"_s, u"FieldsV1"_s },
            { u"fieldsV1"_s, e.fields.toFieldsV1() } };
        if (!e.subresource.isEmpty())
            o.insert(u"subresource"_s, e.subresource);
        out.append(o);
    }
    return out;
}

QJsonObject ServerSideApply::managedPart(
    const QJsonObject& object, const QString& subresource, bool hasStatusSubresource)
{
    if (subresource == u"scale"_s) {
        const QJsonValue replicas = object.value(u"spec"_s).toObject().value(u"replicas"_s);
        if (replicas.isUndefined())
            return {};
        return QJsonObject { { u"spec"_s, QJsonObject { { u"replicas"_s, replicas } } } };
    }
    QJsonObject out = object;
    out.remove(u"apiVersion"_s);
    out.remove(u"kind"_s);
    if (hasStatusSubresource) {
        if (subresource == u"status"_s)
            return QJsonObject { { u"status"_s, object.value(u"status"_s) } };
        out.remove(u"status"_s);
    }
    QJsonObject meta = out.value(u"metadata"_s).toObject();
    for (const QString& key : { u"name"_s, u"namespace"_s, u"uid"_s, u"resourceVersion"_s, u"generation"_s,
             u"creationTimestamp"_s, u"deletionTimestamp"_s, u"deletionGracePeriodSeconds"_s,
             u"managedFields"_s, u"selfLink"_s, u"generateName"_s })
        meta.remove(key);
    if (meta.isEmpty())
        out.remove(u"metadata"_s);
    else
        out.insert(u"metadata"_s, meta);
    return out;
}

FieldSet ServerSideApply::appliedFields(const QJsonObject& config, bool builtin)
{
    Walker walker { builtin, false };
    FieldSet out;
    walker.fieldsOf(config, {}, {}, out);
    return out;
}

ServerSideApply::Comparison ServerSideApply::compare(
    const QJsonObject& before, const QJsonObject& after, bool builtin)
{
    Walker walker { builtin, true };
    Comparison cmp;
    walker.compare(before, after, {}, {}, cmp);
    return cmp;
}

QJsonObject ServerSideApply::merge(const QJsonObject& live, const QJsonObject& config, bool builtin)
{
    Walker walker { builtin, false };
    return walker.merge(live, config, {}).toObject();
}

void ServerSideApply::removeField(QJsonObject& object, const FieldSet::Path& path, bool builtin)
{
    if (path.isEmpty())
        return;
    Walker walker { builtin, false };
    QJsonValue v = object;
    if (walker.remove(v, {}, path, 0))
        object = v.toObject();
}

QList<ServerSideApply::Entry> ServerSideApply::recordUpdate(QList<Entry> entries, const QJsonObject& before,
    const QJsonObject& after, const ResourceType& type, const QString& manager, const QString& subresource,
    const QString& time)
{
    const Comparison cmp = compare(managedPart(before, subresource, type.hasStatus),
        managedPart(after, subresource, type.hasStatus), type.builtin);
    if (cmp.isEmpty())
        return entries;
    const QString apiVersion = type.groupVersion();
    for (Entry& e : entries) {
        for (const Path& p : cmp.removed.paths())
            e.fields.removeTree(p);
        if (!isSelf(e, manager, u"Update"_s, apiVersion, subresource))
            e.fields = e.fields.subtracted(cmp.modified);
    }
    if (manager.isEmpty())
        return entries;
    auto self = std::find_if(entries.begin(), entries.end(),
        [&](const Entry& e) { return isSelf(e, manager, u"Update"_s, apiVersion, subresource); });
    if (self == entries.end()) {
        entries.append(Entry { manager, u"Update"_s, apiVersion, time, subresource, {} });
        self = entries.end() - 1;
    }
    self->fields = self->fields.united(cmp.added).united(cmp.modified);
    self->time = time;
    return entries;
}

StoreResult<QJsonObject> ServerSideApply::apply(const ResourceType& type, const QJsonObject& live,
    const QJsonObject& config, const QString& manager, bool force, const QString& time)
{
    const bool builtin = type.builtin;
    const QString apiVersion = type.groupVersion();
    QList<Entry> entries = entriesOf(live);
    const QJsonObject applied = managedPart(config, QString(), type.hasStatus);
    const FieldSet appliedSet = appliedFields(applied, builtin);
    QJsonObject merged = merge(live, applied, builtin);

    // Conflicts: the values this apply changes that another manager owns.
    const Comparison cmp = compare(managedPart(live, QString(), type.hasStatus),
        managedPart(merged, QString(), type.hasStatus), builtin);
    const FieldSet changed = cmp.modified.intersected(appliedSet);
    QList<std::pair<QString, Path>> conflicts;
    for (Entry& e : entries) {
        if (isSelf(e, manager, u"Apply"_s, apiVersion, QString()))
            continue;
        const FieldSet taken = e.fields.intersected(changed);
        for (const Path& p : taken.paths())
            conflicts.append({ describeManager(e), p });
        if (force)
            e.fields = e.fields.subtracted(taken);
    }
    if (!conflicts.isEmpty() && !force)
        return reject(conflictStatus(conflicts));

    // What this manager applied before and dropped now goes, unless someone else owns it.
    auto self = std::find_if(entries.begin(), entries.end(),
        [&](const Entry& e) { return isSelf(e, manager, u"Apply"_s, apiVersion, QString()); });
    FieldSet others;
    for (const Entry& e : std::as_const(entries)) {
        if (self == entries.end() || &e != &*self)
            others = others.united(e.fields);
    }
    if (self != entries.end()) {
        const FieldSet dropped = self->fields.subtracted(appliedSet);
        for (const Path& p : dropped.paths()) {
            if (!others.containsPrefix(p) && !appliedSet.containsPrefix(p) && !isItemKey(p))
                removeField(merged, p, builtin);
        }
    }
    if (self == entries.end()) {
        entries.append(Entry { manager, u"Apply"_s, apiVersion, time, QString(), appliedSet });
    } else {
        self->fields = appliedSet;
        self->apiVersion = apiVersion;
        self->time = time;
    }
    QJsonObject meta = merged.value(u"metadata"_s).toObject();
    meta.insert(u"managedFields"_s, toJson(entries));
    merged.insert(u"metadata"_s, meta);
    return merged;
}

bool ServerSideApply::sameIgnoringTimes(const QJsonObject& a, const QJsonObject& b)
{
    const auto withoutTimes = [](QJsonObject o) {
        QJsonObject meta = o.value(u"metadata"_s).toObject();
        QJsonArray entries = meta.value(u"managedFields"_s).toArray();
        for (qsizetype i = 0; i < entries.size(); ++i) {
            QJsonObject e = entries.at(i).toObject();
            e.remove(u"time"_s);
            entries.replace(i, e);
        }
        // Order follows time, so compare as a sorted list of entries.
        QList<QJsonObject> sorted;
        for (const QJsonValue& v : std::as_const(entries))
            sorted.append(v.toObject());
        std::sort(sorted.begin(), sorted.end(), [](const QJsonObject& x, const QJsonObject& y) {
            return QJsonDocument(x).toJson() < QJsonDocument(y).toJson();
        });
        QJsonArray out;
        for (const QJsonObject& e : sorted)
            out.append(e);
        meta.insert(u"managedFields"_s, out);
        o.insert(u"metadata"_s, meta);
        return o;
    };
    return withoutTimes(a) == withoutTimes(b);
}

} // namespace driftline::sandbox
