// The one way Driftline writes YAML: stable key order (apiVersion, kind,
// metadata, spec first; name first in every mapping), two-space indentation,
// plain scalars where they read back as the same value, quotes elsewhere,
// literal blocks for multi-line strings. Both sides of every diff are emitted
// through it, so a text diff shows only real differences.
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace driftline {

class CanonicalYaml
{
public:
    struct Options {
        // Replace the values of a Secret's data and stringData with a placeholder.
        bool redactSecrets = false;
    };

    static QString write(const QJsonObject& object, Options options);
    static QString write(const QJsonObject& object) { return write(object, Options {}); }
    // The same text, and in `linePointers` the JSON pointer (RFC 6901) of the field
    // each line belongs to, one per line: a key's line names that key; a "- " line
    // names the item's first key when the item is a mapping, else the item; the
    // lines of a block scalar name the scalar. An empty object's "{}" line is "".
    static QString write(const QJsonObject& object, Options options, QStringList& linePointers);
    // One value as a standalone YAML document.
    static QString writeValue(const QJsonValue& value);
    // A scalar as it appears in canonical YAML (quoted when it must be).
    static QString scalar(const QJsonValue& value);
};

} // namespace driftline
