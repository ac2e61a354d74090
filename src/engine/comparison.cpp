#include "engine/comparison.h"

#include "engine/fieldownership.h"
#include "engine/ignoredifferences.h"
#include "engine/normalizer.h"
#include "engine/quantity.h"

#include <QJsonArray>
#include <QHash>
#include <QJsonDocument>

#include <optional>
#include <vector>

using namespace Qt::StringLiterals;

namespace driftline::engine {

namespace {

// null, "", false, {} and [] (and maps of nothing but those) mean "not set" to the
// API server: it omits them on output, so they equal absence.
bool isEmptyValue(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Undefined:
    case QJsonValue::Null:
        return true;
    case QJsonValue::Bool:
        return !value.toBool();
    case QJsonValue::String:
        return value.toString().isEmpty();
    case QJsonValue::Array:
        return value.toArray().isEmpty();
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!isEmptyValue(it.value()))
                return false;
        }
        return true;
    }
    case QJsonValue::Double:
        return false;
    }
    return false;
}

// The key fields of associative lists (x-kubernetes-list-map-keys), by list name and
// where it sits; lists not named here are compared element by element, atomically.
QStringList listKeys(const QString& kind, const QString& pattern, const QString& name)
{
    if (name == u"containers" || name == u"initContainers" || name == u"ephemeralContainers" || name == u"env"
        || name == u"volumes" || name == u"imagePullSecrets")
        return {u"name"_s};
    if (name == u"volumeMounts" || name == u"volumeDevices")
        return {u"mountPath"_s};
    if (name == u"conditions")
        return {u"type"_s};
    if (name == u"ports") {
        if (pattern.startsWith(u"POD/containers/"))
            return {u"containerPort"_s, u"protocol"_s};
        if (kind == u"Service" && pattern == u"/spec/ports")
            return {u"port"_s, u"protocol"_s};
    }
    return {};
}

QJsonObject keyOf(const QJsonObject& element, const QStringList& keys)
{
    QJsonObject key;
    for (const QString& field : keys) {
        QJsonValue v = element.value(field);
        if (field == u"protocol" && v.isUndefined())
            v = u"TCP"_s; // the server defaults it, and the live key includes it
        if (!v.isUndefined())
            key.insert(field, v);
    }
    return key;
}

QString scalarText(const QJsonValue& value)
{
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    return value.toString();
}

bool isQuantityField(const QString& kind, const QString& pattern)
{
    if (pattern.contains(u"/resources/requests/") || pattern.contains(u"/resources/limits/"))
        return true;
    if (kind == u"ResourceQuota" && (pattern.startsWith(u"/spec/hard/") || pattern.startsWith(u"/status/")))
        return true;
    if (kind == u"LimitRange" && pattern.startsWith(u"/spec/limits/*/"))
        return !pattern.endsWith(u"/type");
    if (kind == u"PersistentVolume" && pattern.startsWith(u"/spec/capacity/"))
        return true;
    if (pattern.endsWith(u"/emptyDir/sizeLimit"))
        return true;
    if (kind == u"HorizontalPodAutoscaler" && (pattern.endsWith(u"/target/averageValue") || pattern.endsWith(u"/target/value")))
        return true;
    return false;
}

// Fields typed IntOrString in the API: 8080 and "8080" are the same value there.
bool isIntOrString(const QString& pattern)
{
    static const QStringList names{u"targetPort"_s, u"maxSurge"_s, u"maxUnavailable"_s, u"minAvailable"_s};
    const QString last = pattern.section(u'/', -1);
    if (names.contains(last))
        return true;
    return last == u"port"
        && (pattern.endsWith(u"/httpGet/port") || pattern.endsWith(u"/tcpSocket/port"));
}

class Walker
{
public:
    QString kind;
    // Two renders from Git (Comparison::compareStructurally): every field counts,
    // values compare as written, lists by index, nothing is judged by manager.
    bool structural = false;
    // False when only the differences are wanted (the drift status of thousands of
    // objects): the trimmed copies of both sides are not built.
    bool buildOutput = true;
    FieldOwnership ownership;
    QList<Difference> differences;

    // Compares d and l at `pointer`; writes each side as it should be displayed to
    // outD/outL (undefined: leave the field out).
    void walk(const QJsonValue& d, const QJsonValue& l, const QString& pointer, const QStringList& keys,
        const QStringList& fieldPath, const QJsonObject& liveParent, QJsonValue& outD, QJsonValue& outL)
    {
        const bool dAbsent = d.isUndefined() || (!structural && d.isNull());
        const bool lAbsent = l.isUndefined() || (!structural && l.isNull());
        outD = QJsonValue(QJsonValue::Undefined);
        outL = QJsonValue(QJsonValue::Undefined);
        if (dAbsent && lAbsent)
            return;
        if (structural && (dAbsent || lAbsent)) {
            differences.append({pointer, d, l, QString(), dAbsent ? Difference::Added : Difference::Removed});
            outD = d;
            outL = l;
            return;
        }
        if (dAbsent) {
            liveOnly(l, pointer, keys, fieldPath, liveParent, outL);
            return;
        }
        if (lAbsent) {
            if (isEmptyValue(d))
                return;
            differences.append({pointer, d, QJsonValue(QJsonValue::Undefined), QString(), Difference::Removed});
            outD = d;
            return;
        }
        if (d.isObject() && l.isObject()) {
            const QJsonObject dObject = d.toObject();
            const QJsonObject lObject = l.toObject();
            QStringList names = dObject.keys();
            for (const QString& key : lObject.keys()) {
                if (!dObject.contains(key))
                    names.append(key);
            }
            names.sort(); // differences in key order, as the canonical YAML nearly shows them
            QJsonObject rd;
            QJsonObject rl;
            for (const QString& key : std::as_const(names)) {
                QJsonValue cd;
                QJsonValue cl;
                walk(dObject.value(key), lObject.value(key), pointer + u'/' + IgnoreDifferences::escapeToken(key),
                    keys + QStringList{key}, fieldPath + QStringList{u"f:"_s + key}, lObject, cd, cl);
                if (!buildOutput)
                    continue;
                if (!cd.isUndefined())
                    rd.insert(key, cd);
                if (!cl.isUndefined())
                    rl.insert(key, cl);
            }
            outD = rd;
            outL = rl;
            return;
        }
        if (d.isArray() && l.isArray() && structural) {
            walkIndexed(d.toArray(), l.toArray(), pointer, outD, outL);
            return;
        }
        if (d.isArray() && l.isArray()) {
            walkList(d.toArray(), l.toArray(), pointer, keys, fieldPath, outD, outL);
            return;
        }
        outD = d;
        if (structural ? d == l : sameMeaning(d, l, keys)) {
            outL = d; // display the live value as Git writes it
            return;
        }
        outL = l;
        differences.append({pointer, d, l, ownerOf(fieldPath), Difference::Changed});
    }

private:
    QString pattern(const QStringList& keys) const { return Normalizer::pattern(kind, keys); }

    // Lists of two renders, element by element; items past the shorter list are
    // Added or Removed one by one.
    void walkIndexed(const QJsonArray& d, const QJsonArray& l, const QString& pointer, QJsonValue& outD,
        QJsonValue& outL)
    {
        const qsizetype n = std::max(d.size(), l.size());
        for (qsizetype i = 0; i < n; ++i) {
            QJsonValue cd;
            QJsonValue cl;
            walk(d.at(i), l.at(i), pointer + u'/' + QString::number(i), {}, {}, {}, cd, cl);
        }
        outD = d;
        outL = l;
    }

    bool sameMeaning(const QJsonValue& d, const QJsonValue& l, const QStringList& keys) const
    {
        if (d == l)
            return true;
        const QString p = pattern(keys);
        if (p == u"/apiVersion" && d.isString() && l.isString()) {
            // One object served at several versions of its group (apps/v1beta2 read back
            // as apps/v1): the version is a representation, not a change.
            const auto group = [](const QString& v) { return v.contains(u'/') ? v.section(u'/', 0, 0) : QString(); };
            return group(d.toString()) == group(l.toString());
        }
        if (isQuantityField(kind, p)) {
            const auto qd = Quantity::fromJson(d);
            const auto ql = Quantity::fromJson(l);
            if (qd && ql)
                return *qd == *ql;
        }
        if (isIntOrString(p) && (d.isDouble() || d.isString()) && (l.isDouble() || l.isString()))
            return scalarText(d) == scalarText(l);
        return false;
    }

    void walkList(const QJsonArray& d, const QJsonArray& l, const QString& pointer, const QStringList& keys,
        const QStringList& fieldPath, QJsonValue& outD, QJsonValue& outL)
    {
        const QStringList itemKeys = keys + QStringList{u"*"_s};
        const QStringList mapKeys = listKeys(kind, pattern(keys), keys.isEmpty() ? QString() : keys.last());
        const auto allObjects = [](const QJsonArray& a) {
            return std::all_of(a.begin(), a.end(), [](const QJsonValue& v) { return v.isObject(); });
        };
        if (!mapKeys.isEmpty() && allObjects(d) && allObjects(l)) {
            QJsonArray rd;
            QJsonArray rl;
            qsizetype dCount = 0; // elements written to each side so far (pointers index them)
            qsizetype lCount = 0;
            QList<bool> liveUsed(l.size(), false);
            for (const QJsonValue& dv : d) {
                const QJsonObject dKey = keyOf(dv.toObject(), mapKeys);
                qsizetype match = -1;
                for (qsizetype i = 0; i < l.size() && match < 0; ++i) {
                    if (!liveUsed.at(i) && keyOf(l.at(i).toObject(), mapKeys) == dKey)
                        match = i;
                }
                const QString elementPointer = pointer + u'/' + QString::number(dCount++);
                if (match < 0) {
                    differences.append(
                        {elementPointer, dv, QJsonValue(QJsonValue::Undefined), QString(), Difference::Removed});
                    if (buildOutput)
                        rd.append(dv);
                    continue;
                }
                liveUsed[match] = true;
                const QJsonObject lKey = keyOf(l.at(match).toObject(), mapKeys);
                const QString element = FieldOwnership::keyElement(lKey);
                QJsonValue cd;
                QJsonValue cl;
                walk(dv, l.at(match), elementPointer, itemKeys, fieldPath + QStringList{element}, {}, cd, cl);
                ++lCount;
                if (buildOutput) {
                    rd.append(cd.isUndefined() ? QJsonValue(QJsonObject()) : cd);
                    rl.append(cl.isUndefined() ? QJsonValue(QJsonObject()) : cl);
                }
            }
            for (qsizetype i = 0; i < l.size(); ++i) {
                if (liveUsed.at(i))
                    continue;
                const QJsonObject lKey = keyOf(l.at(i).toObject(), mapKeys);
                const QString element = FieldOwnership::keyElement(lKey);
                // A whole element nobody in Git asked for: judged as one value.
                const auto manager = liveOnlyManager(l.at(i), itemKeys, fieldPath + QStringList{element}, {});
                if (!manager)
                    continue;
                const QString elementPointer = pointer + u'/' + QString::number(lCount++);
                differences.append({elementPointer, QJsonValue(QJsonValue::Undefined), l.at(i), *manager,
                    Difference::Added});
                if (buildOutput)
                    rl.append(l.at(i));
            }
            outD = rd;
            outL = rl;
            return;
        }
        if (d.size() == l.size()) {
            // Atomic list: the owner of the list owns every element (same field path).
            QJsonArray rd;
            QJsonArray rl;
            for (qsizetype i = 0; i < d.size(); ++i) {
                QJsonValue cd;
                QJsonValue cl;
                walk(d.at(i), l.at(i), pointer + u'/' + QString::number(i), itemKeys, fieldPath, {}, cd, cl);
                if (!buildOutput)
                    continue;
                rd.append(cd.isUndefined() ? QJsonValue(QJsonValue::Null) : cd);
                rl.append(cl.isUndefined() ? QJsonValue(QJsonValue::Null) : cl);
            }
            outD = rd;
            outL = rl;
            return;
        }
        outD = d;
        outL = l;
        differences.append({pointer, d, l, ownerOf(fieldPath), Difference::Changed});
    }

    // A field the live object has and the desired does not. Objects are judged field by
    // field, so one hand-added label shows as that label alone.
    void liveOnly(const QJsonValue& l, const QString& pointer, const QStringList& keys, const QStringList& fieldPath,
        const QJsonObject& liveParent, QJsonValue& outL)
    {
        outL = QJsonValue(QJsonValue::Undefined);
        if (isEmptyValue(l))
            return;
        if (l.isObject()) {
            const QJsonObject object = l.toObject();
            QJsonObject kept;
            for (auto it = object.begin(); it != object.end(); ++it) {
                QJsonValue child;
                liveOnly(it.value(), pointer + u'/' + IgnoreDifferences::escapeToken(it.key()),
                    keys + QStringList{it.key()}, fieldPath + QStringList{u"f:"_s + it.key()}, object, child);
                if (buildOutput && !child.isUndefined())
                    kept.insert(it.key(), child);
            }
            if (!kept.isEmpty())
                outL = kept;
            return;
        }
        const auto manager = liveOnlyManager(l, keys, fieldPath, liveParent);
        if (!manager)
            return;
        differences.append({pointer, QJsonValue(QJsonValue::Undefined), l, *manager, Difference::Added});
        outL = l;
    }

    // nullopt when the field is the server's (not drift), else who set it ("" unknown).
    std::optional<QString> liveOnlyManager(
        const QJsonValue& l, const QStringList& keys, const QStringList& fieldPath, const QJsonObject& liveParent) const
    {
        const QString p = pattern(keys);
        // A value the server would fill in anyway is not drift whoever wrote it: applying
        // Git leaves the same value (kubectl create, or another applier sending protocol: TCP).
        if (p == u"/metadata/namespace" || Normalizer::isServerDefault(kind, p, l, liveParent))
            return std::nullopt;
        if (ownership.isEmpty())
            return QString();
        const QList<const FieldOwnership::Entry*> people = ownership.people(ownership.owners(fieldPath));
        if (people.isEmpty())
            return std::nullopt; // defaulted or allocated by the server, or a controller's
        return FieldOwnership::preferred(people);
    }

    QString ownerOf(const QStringList& fieldPath) const { return ownership.ownerOf(fieldPath); }
};

} // namespace

ComparisonResult Comparison::compare(
    const QJsonObject& desiredInput, const QJsonObject& liveInput, const QList<workspace::IgnoreDifference>& ignore)
{
    return run(desiredInput, liveInput, ignore, true);
}

QList<Difference> Comparison::differences(
    const QJsonObject& desired, const QJsonObject& live, const QList<workspace::IgnoreDifference>& ignore)
{
    return run(desired, live, ignore, false).differences;
}

ComparisonResult Comparison::run(const QJsonObject& desiredInput, const QJsonObject& liveInput,
    const QList<workspace::IgnoreDifference>& ignore, bool buildOutput)
{
    Walker walker;
    walker.buildOutput = buildOutput;
    walker.kind = desiredInput.value(u"kind").toString();
    if (walker.kind.isEmpty())
        walker.kind = liveInput.value(u"kind").toString();

    walker.ownership = FieldOwnership(liveInput);

    QJsonObject desired = Normalizer::normalize(desiredInput);
    QJsonObject live = Normalizer::normalize(liveInput);
    // List items of built-in kinds come without apiVersion and kind.
    for (const auto& key : {u"apiVersion"_s, u"kind"_s}) {
        if (!live.contains(key) && desired.contains(key))
            live.insert(key, desired.value(key));
    }
    const QJsonObject& selector = desiredInput.isEmpty() ? liveInput : desiredInput;
    desired = IgnoreDifferences::apply(desired, ignore, selector);
    live = IgnoreDifferences::apply(live, ignore, selector);

    QJsonValue outD;
    QJsonValue outL;
    walker.walk(desired, live, QString(), {}, {}, {}, outD, outL);

    ComparisonResult result;
    result.differences = std::move(walker.differences);
    result.equal = result.differences.isEmpty();
    result.normalizedDesired = outD.toObject();
    result.normalizedLive = outL.toObject();
    return result;
}

ComparisonResult Comparison::compareStructurally(const QJsonObject& left, const QJsonObject& right)
{
    Walker walker;
    walker.structural = true;
    QJsonValue outD;
    QJsonValue outL;
    walker.walk(left, right, QString(), {}, {}, {}, outD, outL);
    ComparisonResult result;
    result.differences = std::move(walker.differences);
    result.equal = result.differences.isEmpty();
    result.normalizedDesired = left;
    result.normalizedLive = right;
    return result;
}

} // namespace driftline::engine
