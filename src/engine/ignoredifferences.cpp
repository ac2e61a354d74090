#include "engine/ignoredifferences.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace driftline::engine {

namespace {

QString groupOf(const QJsonObject& object)
{
    const QString apiVersion = object.value(u"apiVersion").toString();
    const auto slash = apiVersion.indexOf(u'/');
    return slash < 0 ? QString() : apiVersion.left(slash);
}

// Recursive removal: QJsonObject/QJsonArray are values, so each level is copied,
// edited and written back.
bool removeAt(QJsonValue& value, const QStringList& tokens, qsizetype index)
{
    const QString& token = tokens.at(index);
    const bool last = index == tokens.size() - 1;
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        if (!object.contains(token))
            return false;
        if (last) {
            object.remove(token);
        } else {
            QJsonValue child = object.value(token);
            if (!removeAt(child, tokens, index + 1))
                return false;
            object.insert(token, child);
        }
        value = object;
        return true;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        bool ok = false;
        const int i = token.toInt(&ok);
        if (!ok || i < 0 || i >= array.size())
            return false;
        if (last) {
            array.removeAt(i);
        } else {
            QJsonValue child = array.at(i);
            if (!removeAt(child, tokens, index + 1))
                return false;
            array.replace(i, child);
        }
        value = array;
        return true;
    }
    return false;
}

} // namespace

bool IgnoreDifferences::matches(const workspace::IgnoreDifference& rule, const QJsonObject& object)
{
    const QJsonObject metadata = object.value(u"metadata").toObject();
    if (!rule.group.isEmpty() && rule.group != groupOf(object))
        return false;
    if (!rule.kind.isEmpty() && rule.kind != object.value(u"kind").toString())
        return false;
    if (!rule.name.isEmpty() && rule.name != metadata.value(u"name").toString())
        return false;
    if (!rule.namespace_.isEmpty() && rule.namespace_ != metadata.value(u"namespace").toString())
        return false;
    return true;
}

QStringList IgnoreDifferences::pointerTokens(const QString& pointer)
{
    if (pointer.isEmpty())
        return {};
    QStringList tokens = pointer.mid(pointer.startsWith(u'/') ? 1 : 0).split(u'/');
    for (QString& token : tokens) {
        // RFC 6901 order: ~1 first, then ~0, so "~01" stays "~1".
        token.replace(u"~1"_s, u"/"_s);
        token.replace(u"~0"_s, u"~"_s);
    }
    return tokens;
}

QString IgnoreDifferences::escapeToken(const QString& token)
{
    QString escaped = token;
    escaped.replace(u"~"_s, u"~0"_s);
    escaped.replace(u"/"_s, u"~1"_s);
    return escaped;
}

bool IgnoreDifferences::removePointer(QJsonObject& object, const QString& pointer)
{
    const QStringList tokens = pointerTokens(pointer);
    if (tokens.isEmpty())
        return false;
    QJsonValue root = object;
    if (!removeAt(root, tokens, 0))
        return false;
    object = root.toObject();
    return true;
}

QJsonObject IgnoreDifferences::apply(
    const QJsonObject& object, const QList<workspace::IgnoreDifference>& rules, const QJsonObject& selector)
{
    QJsonObject result = object;
    for (const auto& rule : rules) {
        if (!matches(rule, selector))
            continue;
        for (const QString& pointer : rule.jsonPointers)
            removePointer(result, pointer);
    }
    return result;
}

} // namespace driftline::engine
