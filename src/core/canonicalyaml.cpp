#include "core/canonicalyaml.h"

#include "core/yamlscalar.h"

#include <QJsonArray>
#include <QStringBuilder>

#include <algorithm>
#include <charconv>
#include <cmath>

using namespace Qt::StringLiterals;

namespace driftline {

namespace {

int rank(QStringView key, int depth, bool inMetadata)
{
    if (depth == 0) {
        static constexpr std::array top { u"apiVersion", u"kind", u"metadata", u"spec", u"data", u"stringData" };
        for (size_t i = 0; i < top.size(); ++i)
            if (key == QStringView(top[i]))
                return int(i);
        return key == u"status" ? 1000 : 100;
    }
    if (inMetadata) {
        static constexpr std::array meta { u"name", u"generateName", u"namespace", u"labels", u"annotations" };
        for (size_t i = 0; i < meta.size(); ++i)
            if (key == QStringView(meta[i]))
                return int(i);
        return 100;
    }
    return key == u"name" ? 0 : 100;
}

QStringList orderedKeys(const QJsonObject& obj, int depth, bool inMetadata)
{
    QStringList keys = obj.keys(); // QJsonObject keeps keys sorted already
    std::stable_sort(keys.begin(), keys.end(), [&](const QString& a, const QString& b) {
        return rank(a, depth, inMetadata) < rank(b, depth, inMetadata);
    });
    return keys;
}

QString doubleQuoted(QStringView s)
{
    QString out;
    out.reserve(s.size() + 2);
    out += u'"';
    for (QChar c : s) {
        switch (c.unicode()) {
        case '"': out += u"\\\""_s; break;
        case '\\': out += u"\\\\"_s; break;
        case '\n': out += u"\\n"_s; break;
        case '\t': out += u"\\t"_s; break;
        case '\r': out += u"\\r"_s; break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                out += u"\\x"_s + QString::number(c.unicode(), 16).rightJustified(2, u'0');
            else
                out += c;
        }
    }
    out += u'"';
    return out;
}

QString number(double d)
{
    if (std::isnan(d))
        return u".nan"_s;
    if (std::isinf(d))
        return d > 0 ? u".inf"_s : u"-.inf"_s;
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
    QString s = QString::fromLatin1(buf, end - buf);
    // Keep a float a float when read back ("1" would read as an integer).
    if (!s.contains(u'.') && !s.contains(u'e') && !s.contains(u'n') && !s.contains(u'i'))
        s += u".0"_s;
    return s;
}

bool isBlockCandidate(QStringView s)
{
    if (!s.contains(u'\n'))
        return false;
    // Literal blocks cannot carry trailing spaces on lines reliably, nor control characters.
    for (QChar c : s)
        if ((c.unicode() < 0x20 && c != u'\n' && c != u'\t') || c == u'\r')
            return false;
    const auto lines = s.split(u'\n');
    for (QStringView l : lines)
        if (l.endsWith(u' ') || l.endsWith(u'\t'))
            return false;
    // A first line starting with a space would need an indentation indicator.
    return !s.startsWith(u' ') && !s.startsWith(u'\n');
}

// One reference token of a JSON pointer (RFC 6901): "~" as "~0", "/" as "~1".
QString pointerToken(QStringView key)
{
    QString out;
    out.reserve(key.size());
    for (const QChar c : key) {
        if (c == u'~')
            out += u"~0"_s;
        else if (c == u'/')
            out += u"~1"_s;
        else
            out += c;
    }
    return out;
}

// Writes the YAML; with `pointers` set it also records, per finished line, the
// JSON pointer of the field the line belongs to. Without it no pointer is built,
// so the plain path costs what it did.
class Writer
{
public:
    explicit Writer(CanonicalYaml::Options o, QStringList* p = nullptr)
        : opts(o)
        , pointers(p)
    {
    }

    void endLine(const QString& pointer)
    {
        out += u'\n';
        if (pointers)
            pointers->append(pointer);
    }
    QString child(const QString& base, QStringView key) const
    {
        return pointers ? base + u'/' + pointerToken(key) : QString();
    }
    QString child(const QString& base, qsizetype index) const
    {
        return pointers ? base + u'/' + QString::number(index) : QString();
    }

    void scalarInline(const QJsonValue& v) { out += CanonicalYaml::scalar(v); }

    void blockString(QStringView s, int indent, const QString& ptr)
    {
        const bool keep = s.endsWith(u'\n');
        QStringView body = keep ? s.chopped(1) : s;
        const bool extraTrailing = keep && body.endsWith(u'\n');
        out += extraTrailing ? u"|+"_s : keep ? u"|"_s : u"|-"_s;
        endLine(ptr);
        const QString pad(indent, u' ');
        for (QStringView line : body.split(u'\n')) {
            if (!line.isEmpty())
                out += pad + line;
            endLine(ptr);
        }
    }

    // Writes the value that follows "key:" (or "- ").
    void valueAfterKey(const QJsonValue& v, int indent, int depth, bool inMetadata, const QString& ptr)
    {
        if (v.isObject() && !v.toObject().isEmpty()) {
            endLine(ptr);
            mapping(v.toObject(), indent + 2, depth + 1, inMetadata, ptr);
        } else if (v.isArray() && !v.toArray().isEmpty()) {
            endLine(ptr);
            sequence(v.toArray(), indent + 2, depth + 1, ptr);
        } else if (v.isString() && isBlockCandidate(v.toString())) {
            out += u' ';
            blockString(v.toString(), indent + 2, ptr);
        } else {
            out += u' ';
            inlineValue(v);
            endLine(ptr);
        }
    }

    void inlineValue(const QJsonValue& v)
    {
        if (v.isObject())
            out += u"{}"_s;
        else if (v.isArray())
            out += u"[]"_s;
        else
            scalarInline(v);
    }

    // The first key of an item goes on its "- " line (firstInline), which thus
    // carries that key's pointer.
    void mapping(const QJsonObject& obj, int indent, int depth, bool inMetadata, const QString& base,
                 bool firstInline = false, bool isSecret = false)
    {
        const QString pad(indent, u' ');
        bool first = true;
        for (const QString& key : orderedKeys(obj, depth, inMetadata)) {
            if (!(first && firstInline))
                out += pad;
            first = false;
            out += yamlscalar::isSafePlainString(key) ? key : doubleQuoted(key);
            out += u':';
            QJsonValue v = obj.value(key);
            if (isSecret && depth == 0 && (key == u"data" || key == u"stringData") && v.isObject())
                v = redact(v.toObject(), key == u"data");
            valueAfterKey(v, indent, depth, depth == 0 && key == u"metadata", child(base, key));
        }
    }

    void sequence(const QJsonArray& arr, int indent, int depth, const QString& base)
    {
        const QString pad(indent, u' ');
        qsizetype index = 0;
        for (const QJsonValue& item : arr) {
            const QString ptr = child(base, index++);
            out += pad + u"- "_s;
            if (item.isObject() && !item.toObject().isEmpty()) {
                mapping(item.toObject(), indent + 2, depth + 1, false, ptr, true);
            } else if (item.isArray() && !item.toArray().isEmpty()) {
                endLine(ptr);
                sequence(item.toArray(), indent + 2, depth + 1, ptr);
            } else if (item.isString() && isBlockCandidate(item.toString())) {
                blockString(item.toString(), indent + 2, ptr);
            } else {
                inlineValue(item);
                endLine(ptr);
            }
        }
    }

    static QJsonObject redact(const QJsonObject& data, bool base64)
    {
        QJsonObject r;
        for (auto it = data.begin(); it != data.end(); ++it) {
            const QString s = it.value().toString();
            const qsizetype bytes = base64 ? QByteArray::fromBase64(s.toLatin1()).size() : s.toUtf8().size();
            r.insert(it.key(), u"<redacted: %1 bytes>"_s.arg(bytes));
        }
        return r;
    }

    CanonicalYaml::Options opts;
    QStringList* pointers = nullptr;
    QString out;
};

} // namespace

QString CanonicalYaml::scalar(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return u"null"_s;
    case QJsonValue::Bool:
        return v.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double: {
        const double d = v.toDouble();
        const qint64 i = v.toInteger(std::numeric_limits<qint64>::min());
        if (i != std::numeric_limits<qint64>::min() && double(i) == d && std::abs(d) < 9.007199254740992e15
            && v.toVariant().typeId() != QMetaType::Double)
            return QString::number(i);
        return number(d);
    }
    case QJsonValue::String: {
        const QString s = v.toString();
        return yamlscalar::isSafePlainString(s) ? s : doubleQuoted(s);
    }
    case QJsonValue::Array:
        return u"[]"_s;
    case QJsonValue::Object:
        return u"{}"_s;
    }
    return {};
}

namespace {
QString writeObject(const QJsonObject& object, CanonicalYaml::Options options, QStringList* pointers)
{
    Writer w(options, pointers);
    if (object.isEmpty()) {
        w.out = u"{}"_s;
        w.endLine(QString());
        return w.out;
    }
    const bool isSecret = options.redactSecrets && object.value(u"kind"_s).toString() == u"Secret"
        && object.value(u"apiVersion"_s).toString() == u"v1";
    w.mapping(object, 0, 0, false, QString(), false, isSecret);
    return w.out;
}
} // namespace

QString CanonicalYaml::write(const QJsonObject& object, Options options)
{
    return writeObject(object, options, nullptr);
}

QString CanonicalYaml::write(const QJsonObject& object, Options options, QStringList& linePointers)
{
    linePointers.clear();
    return writeObject(object, options, &linePointers);
}

QString CanonicalYaml::writeValue(const QJsonValue& value)
{
    if (value.isObject())
        return write(value.toObject());
    Writer w(Options {});
    if (value.isArray() && !value.toArray().isEmpty())
        w.sequence(value.toArray(), 0, 0, QString());
    else {
        w.inlineValue(value);
        w.out += u'\n';
    }
    return w.out;
}

} // namespace driftline
