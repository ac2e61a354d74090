// Test helpers shared by the sandbox tests: fixture loading and a recursive
// comparison of a sandbox document's shape with a captured real one.
#pragma once

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QSet>
#include <QString>
#include <QStringList>

namespace
{

using namespace Qt::StringLiterals;

const QString kFixtures = QStringLiteral(DRIFTLINE_SOURCE_DIR "/../shared/fixtures/kube");

QJsonObject loadFixture(const QString& relative)
{
    QFile file(kFixtures + u'/' + relative);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// Compares the shape (key names and JSON types, recursively) of a sandbox
// document with a real one. Arrays are compared element-wise against the union
// of the fixture's elements; keys every fixture element has are required.
struct ShapeCheck {
    QSet<QString> mayBeMissing; // fixture keys the sandbox may omit (deprecated or optional)
    QSet<QString> mayBeExtra; // keys the sandbox may add (optional in the API)
    QStringList problems;

    void check(const QJsonValue& actual, const QJsonValue& fixture, const QString& path,
        const QSet<QString>* required = nullptr)
    {
        if (actual.type() != fixture.type()) {
            problems.append(
                u"%1: type %2, fixture has %3"_s.arg(path).arg(int(actual.type())).arg(int(fixture.type())));
            return;
        }
        if (actual.isObject()) {
            const QJsonObject a = actual.toObject();
            const QJsonObject f = fixture.toObject();
            for (auto it = a.begin(); it != a.end(); ++it) {
                if (f.contains(it.key()))
                    check(it.value(), f.value(it.key()), path + u'.' + it.key());
                else if (!mayBeExtra.contains(it.key()))
                    problems.append(u"%1.%2: not in the fixture"_s.arg(path, it.key()));
            }
            const QStringList requiredKeys
                = required ? QStringList(required->begin(), required->end()) : f.keys();
            for (const QString& key : requiredKeys) {
                if (!a.contains(key) && !mayBeMissing.contains(key))
                    problems.append(u"%1.%2: missing"_s.arg(path, key));
            }
        } else if (actual.isArray()) {
            const QJsonArray a = actual.toArray();
            const QJsonArray f = fixture.toArray();
            if (a.isEmpty() || f.isEmpty())
                return;
            if (!f.first().isObject()) {
                for (const QJsonValue& v : a)
                    check(v, f.first(), path + u"[]"_s);
                return;
            }
            QJsonObject merged;
            QSet<QString> common;
            bool first = true;
            for (const QJsonValue& v : f) {
                const QJsonObject o = v.toObject();
                for (auto it = o.begin(); it != o.end(); ++it) {
                    if (!merged.contains(it.key()))
                        merged.insert(it.key(), it.value());
                }
                const QStringList keys = o.keys();
                const QSet<QString> keySet(keys.begin(), keys.end());
                common = first ? keySet : common.intersect(keySet);
                first = false;
            }
            for (const QJsonValue& v : a)
                check(v, merged, path + u"[]"_s, &common);
        }
    }
};

} // namespace
