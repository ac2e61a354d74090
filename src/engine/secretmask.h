// SecretMask: what a Secret's values look like wherever Driftline shows them
// (diff panel, CLI, clipboard) unless the user reveals that one resource.
// Each value becomes "‹secret 7f3a9c · 12 bytes›": the tag is a keyed hash of the
// decoded value (the key is random per process, so a tag cannot be looked up
// offline), hence equal values get equal masks on both sides of a diff and a
// changed value visibly gets another mask. data (base64) and stringData (text)
// holding the same bytes mask alike.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace driftline::engine {

class SecretMask
{
public:
    // True for a core/v1 Secret.
    static bool isSecret(const QJsonObject& object);
    // The object with every data and stringData value masked; other objects unchanged.
    static QJsonObject mask(const QJsonObject& object);
    // The mask of one decoded value.
    static QString maskFor(const QByteArray& value);
};

} // namespace driftline::engine
