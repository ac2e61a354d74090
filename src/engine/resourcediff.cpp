#include "engine/resourcediff.h"

#include "core/canonicalyaml.h"
#include "engine/fieldownership.h"
#include "engine/ignoredifferences.h"
#include "engine/normalizer.h"
#include "engine/secretmask.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace driftline::engine {

namespace {

constexpr int MaxValueLength = 60;

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(driftline::engine::ResourceDiff)
};

Error cancelled()
{
    return Error::make(Error::Code::Cancelled, Tr::tr("comparison cancelled"));
}

// The live object as `kubectl get -o yaml` shows it, minus the managedFields
// nobody reads as YAML (their owners appear beside the lines instead).
QJsonObject withoutManagedFields(QJsonObject object)
{
    QJsonObject metadata = object.value(u"metadata").toObject();
    if (metadata.contains(u"managedFields")) {
        metadata.remove(u"managedFields");
        object.insert(u"metadata", metadata);
    }
    return object;
}

bool isIndexToken(QStringView token)
{
    return !token.isEmpty() && std::all_of(token.begin(), token.end(), [](QChar c) { return c.isDigit(); });
}

bool isPlainKey(QStringView key)
{
    return !key.isEmpty() && std::all_of(key.begin(), key.end(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'_'
            || c == u'-';
    });
}

QJsonValue step(const QJsonValue& value, const QString& token)
{
    if (value.isObject())
        return value.toObject().value(token);
    if (value.isArray() && isIndexToken(token))
        return value.toArray().at(token.toLongLong());
    return QJsonValue(QJsonValue::Undefined);
}

// "spec.template.spec.containers[0].image", metadata.labels["app.kubernetes.io/name"]:
// list indexes are told from keys by walking the objects the pointer points into.
QString displayPathOf(const QStringList& tokens, QJsonValue a, QJsonValue b)
{
    QString out;
    for (const QString& token : tokens) {
        if ((a.isArray() || b.isArray()) && isIndexToken(token)) {
            out += u'[' + token + u']';
        } else if (isPlainKey(token)) {
            if (!out.isEmpty())
                out += u'.';
            out += token;
        } else {
            QString quoted = token;
            quoted.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
            out += u"[\""_s + quoted + u"\"]"_s;
        }
        a = step(a, token);
        b = step(b, token);
    }
    return out;
}

QString shortened(const QString& text)
{
    return text.size() <= MaxValueLength ? text : text.left(MaxValueLength - 1) + u'…';
}

// One line for the summary: scalars as canonical YAML writes them, small objects
// and lists as compact JSON, larger ones by their size.
QString oneLine(const QJsonValue& value)
{
    if (value.isUndefined())
        return {};
    if (value.isObject() || value.isArray()) {
        const QJsonDocument doc = value.isObject() ? QJsonDocument(value.toObject()) : QJsonDocument(value.toArray());
        const QString json = QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
        if (json.size() <= MaxValueLength)
            return json;
        // Singular spelled out: without a loaded English translation %n takes no plural.
        const int n = int(value.isObject() ? value.toObject().size() : value.toArray().size());
        if (value.isObject())
            return n == 1 ? Tr::tr("{1 key}") : Tr::tr("{%n keys}", nullptr, n);
        return n == 1 ? Tr::tr("[1 item]") : Tr::tr("[%n items]", nullptr, n);
    }
    return shortened(CanonicalYaml::scalar(value));
}

// A value found at `tokens` of a Secret, masked as it would be in place: the
// value is put into an otherwise empty Secret at its path, masked, read back.
QJsonValue maskedAt(const QStringList& tokens, const QJsonValue& value)
{
    if (value.isUndefined() || tokens.isEmpty())
        return value;
    QJsonValue built = value;
    for (qsizetype i = tokens.size() - 1; i >= 0; --i)
        built = QJsonObject {{tokens.at(i), built}};
    QJsonObject secret = built.toObject();
    const bool hasKind = secret.contains(u"kind");
    const bool hasVersion = secret.contains(u"apiVersion");
    secret.insert(u"kind", u"Secret"_s);
    secret.insert(u"apiVersion", u"v1"_s);
    if (hasKind || hasVersion)
        return value; // the kind or version themselves: not secret
    QJsonValue out = SecretMask::mask(secret);
    for (const QString& token : tokens)
        out = step(out, token);
    return out;
}

// Per side, the first line of each pointer.
QHash<QString, int> firstLines(const QStringList& pointers)
{
    QHash<QString, int> result;
    result.reserve(pointers.size());
    for (int i = 0; i < pointers.size(); ++i)
        if (!result.contains(pointers.at(i)))
            result.insert(pointers.at(i), i);
    return result;
}

bool isUnder(const QString& pointer, const QString& prefix)
{
    return prefix.isEmpty() || pointer == prefix
        || (pointer.size() > prefix.size() && pointer.startsWith(prefix) && pointer.at(prefix.size()) == u'/');
}

QString groupOf(const QString& apiVersion)
{
    return apiVersion.contains(u'/') ? apiVersion.section(u'/', 0, 0) : QString();
}

} // namespace

Result<ResourceDiff> ResourceDiff::compute(const ResourceDiffRequest& request)
{
    using Source = ResourceDiffRequest::Source;
    const auto canceled = [&request] { return request.isCanceled && request.isCanceled(); };
    if (canceled())
        return fail(cancelled());

    ResourceDiff diff;
    diff.source = request.source;
    diff.leftTitle = request.leftTitle;
    diff.rightTitle = request.rightTitle;
    const QJsonObject& identity = request.left.isEmpty() ? request.right : request.left;
    diff.group = groupOf(identity.value(u"apiVersion").toString());
    diff.kind = identity.value(u"kind").toString();
    diff.name = identity.value(u"metadata").toObject().value(u"name").toString();
    diff.namespace_ = identity.value(u"metadata").toObject().value(u"namespace").toString();

    const bool gitVsLive = request.source == Source::GitVsLive;
    const bool leftAbsent = request.left.isEmpty();
    const bool rightAbsent = request.right.isEmpty();

    // What each side shows, and the comparison its changes come from.
    QJsonObject left;
    QJsonObject right;
    ComparisonResult comparison;
    if (!leftAbsent && !rightAbsent) {
        comparison = gitVsLive ? Comparison::compare(request.left, request.right, request.ignore)
                               : Comparison::compareStructurally(request.left, request.right);
        if (gitVsLive && request.normalized) {
            left = comparison.normalizedDesired;
            right = comparison.normalizedLive;
        } else {
            left = request.left;
            right = gitVsLive ? withoutManagedFields(request.right) : request.right;
        }
    } else {
        const auto shown = [&](const QJsonObject& object, bool live) {
            if (object.isEmpty() || !gitVsLive)
                return object;
            if (request.normalized)
                return Normalizer::normalize(object);
            return live ? withoutManagedFields(object) : object;
        };
        left = shown(request.left, false);
        right = shown(request.right, true);
    }
    if (canceled())
        return fail(cancelled());

    diff.masked = !request.revealSecrets && (SecretMask::isSecret(left) || SecretMask::isSecret(right));
    if (diff.masked) {
        left = SecretMask::mask(left);
        right = SecretMask::mask(right);
    }
    if (!leftAbsent)
        diff.leftText = CanonicalYaml::write(left, {}, diff.linePointers[LeftSide]);
    if (!rightAbsent)
        diff.rightText = CanonicalYaml::write(right, {}, diff.linePointers[RightSide]);

    auto text = TextDiff::compute(diff.leftText, diff.rightText, TextDiff::Options {request.intraLine, request.isCanceled});
    if (!text)
        return fail(text.error());
    diff.text = std::move(*text);

    // Who owns each live line: only a live object has managedFields.
    const FieldOwnership ownership = gitVsLive && !rightAbsent ? FieldOwnership(request.right) : FieldOwnership();
    for (int side = 0; side < 2; ++side) {
        QStringList& managers = diff.lineManagers[side];
        const QStringList& pointers = diff.linePointers[side];
        managers.reserve(pointers.size());
        if (side == LeftSide || ownership.isEmpty()) {
            for (qsizetype i = 0; i < pointers.size(); ++i)
                managers.append(QString());
            continue;
        }
        QString lastPointer;
        QString lastManager;
        for (qsizetype i = 0; i < pointers.size(); ++i) {
            if (i == 0 || pointers.at(i) != lastPointer) {
                lastPointer = pointers.at(i);
                lastManager = ownership.managerAt(right, IgnoreDifferences::pointerTokens(lastPointer));
            }
            managers.append(lastManager);
        }
    }
    if (canceled())
        return fail(cancelled());

    // The structural summary, each change linked to its row.
    const std::array<QHash<QString, int>, 2> first {firstLines(diff.linePointers[0]), firstLines(diff.linePointers[1])};
    const auto rowOf = [&diff, &first](const QString& pointer) {
        for (const DiffSide side : {RightSide, LeftSide}) {
            const auto it = first[side].constFind(pointer);
            if (it != first[side].cend())
                return diff.text.rowOfLine(side, *it);
        }
        for (const DiffSide side : {RightSide, LeftSide}) {
            const QStringList& pointers = diff.linePointers[side];
            for (int i = 0; i < pointers.size(); ++i)
                if (isUnder(pointers.at(i), pointer))
                    return diff.text.rowOfLine(side, i);
        }
        return -1;
    };

    if (leftAbsent != rightAbsent) {
        FieldChange whole;
        whole.displayPath = Tr::tr("(whole object)");
        whole.kind = leftAbsent ? Difference::Added : Difference::Removed;
        (leftAbsent ? whole.newValue : whole.oldValue) = oneLine(leftAbsent ? right : left);
        whole.manager = leftAbsent ? ownership.ownerOf({}) : QString();
        whole.row = diff.text.rows.isEmpty() ? -1 : 0;
        diff.changes.append(whole);
        diff.equal = false;
        return diff;
    }

    diff.equal = comparison.equal;
    const bool maskValues = !request.revealSecrets
        && (SecretMask::isSecret(comparison.normalizedDesired) || SecretMask::isSecret(comparison.normalizedLive)
            || diff.masked);
    diff.changes.reserve(comparison.differences.size());
    for (const Difference& d : std::as_const(comparison.differences)) {
        const QStringList tokens = IgnoreDifferences::pointerTokens(d.path);
        FieldChange change;
        change.pointer = d.path;
        change.displayPath = d.path.isEmpty() ? Tr::tr("(whole object)")
                                              : displayPathOf(tokens, comparison.normalizedDesired, comparison.normalizedLive);
        change.oldValue = oneLine(maskValues ? maskedAt(tokens, d.desired) : d.desired);
        change.newValue = oneLine(maskValues ? maskedAt(tokens, d.live) : d.live);
        change.kind = d.kind;
        change.manager = d.manager;
        change.row = rowOf(d.path);
        diff.changes.append(change);
    }
    return diff;
}

workspace::IgnoreDifference ResourceDiff::ignoreRuleFor(DiffSide side, int line, bool withName) const
{
    workspace::IgnoreDifference rule;
    rule.group = group;
    rule.kind = kind;
    if (withName)
        rule.name = name;
    const QStringList& pointers = linePointers[side];
    if (line < 0 || line >= pointers.size() || pointers.at(line).isEmpty())
        return rule;
    QString pointer = pointers.at(line);
    // A "- key: value" line carries the item's first key; the rule names the item.
    const int row = text.rowOfLine(side, line);
    if (row >= 0 && text.rows.at(row).side[side].text.trimmed().startsWith(u"- "_s)) {
        const qsizetype slash = pointer.lastIndexOf(u'/');
        if (!isIndexToken(QStringView(pointer).sliced(slash + 1)))
            pointer.truncate(slash);
    }
    rule.jsonPointers = {pointer};
    return rule;
}

QList<int> ResourceDiff::rowsUnder(const QString& pointer) const
{
    QList<int> rows;
    for (const DiffSide side : {LeftSide, RightSide}) {
        const QStringList& pointers = linePointers[side];
        for (int i = 0; i < pointers.size(); ++i)
            if (!pointers.at(i).isEmpty() && isUnder(pointers.at(i), pointer))
                rows.append(text.rowOfLine(side, i));
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    rows.removeAll(-1);
    return rows;
}

} // namespace driftline::engine
