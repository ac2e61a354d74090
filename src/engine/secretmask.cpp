#include "engine/secretmask.h"

#include <QJsonValue>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace driftline::engine {

namespace {

// Random per process: a tag compares values within one run and cannot be
// matched against a table of hashed common passwords.
const QByteArray& processKey()
{
    static const QByteArray key = [] {
        QByteArray k(32, Qt::Uninitialized);
        QRandomGenerator::system()->generate(reinterpret_cast<quint32*>(k.data()),
                                             reinterpret_cast<quint32*>(k.data() + k.size()));
        return k;
    }();
    return key;
}

// The annotation kubectl apply leaves holds the whole Secret, values included.
constexpr auto lastApplied = "kubectl.kubernetes.io/last-applied-configuration"_L1;

QJsonObject maskedValues(const QJsonObject& values, bool base64)
{
    QJsonObject out;
    for (auto it = values.begin(); it != values.end(); ++it) {
        const QJsonValue v = it.value();
        if (v.isNull() || v.isUndefined()) {
            out.insert(it.key(), v);
            continue;
        }
        QByteArray bytes;
        if (v.isString()) {
            bytes = v.toString().toUtf8();
            if (base64) {
                // The server refuses data that is not base64; a render may still
                // hold such text, which is masked as it stands.
                auto decoded = QByteArray::fromBase64Encoding(bytes, QByteArray::AbortOnBase64DecodingErrors);
                if (decoded)
                    bytes = std::move(decoded.decoded);
            }
        } else {
            bytes = v.toVariant().toString().toUtf8();
        }
        out.insert(it.key(), SecretMask::maskFor(bytes));
    }
    return out;
}

} // namespace

bool SecretMask::isSecret(const QJsonObject& object)
{
    return object.value("kind"_L1).toString() == "Secret"_L1 && object.value("apiVersion"_L1).toString() == "v1"_L1;
}

QJsonObject SecretMask::mask(const QJsonObject& object)
{
    if (!isSecret(object))
        return object;
    QJsonObject out = object;
    if (out.value("data"_L1).isObject())
        out.insert("data"_L1, maskedValues(out.value("data"_L1).toObject(), true));
    if (out.value("stringData"_L1).isObject())
        out.insert("stringData"_L1, maskedValues(out.value("stringData"_L1).toObject(), false));
    QJsonObject metadata = out.value("metadata"_L1).toObject();
    QJsonObject annotations = metadata.value("annotations"_L1).toObject();
    if (annotations.contains(lastApplied)) {
        annotations.insert(lastApplied, maskFor(annotations.value(lastApplied).toString().toUtf8()));
        metadata.insert("annotations"_L1, annotations);
        out.insert("metadata"_L1, metadata);
    }
    return out;
}

QString SecretMask::maskFor(const QByteArray& value)
{
    const QByteArray hash = QMessageAuthenticationCode::hash(value, processKey(), QCryptographicHash::Sha256);
    const QString tag = QString::fromLatin1(hash.toHex().left(6));
    return u"‹secret %1 · %2 bytes›"_s.arg(tag).arg(value.size());
}

} // namespace driftline::engine
