#include "engine/quantity.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace driftline::engine {

namespace {

// Multiplies a decimal digit string by a small factor. Binary suffixes are exact
// powers of 1024, so scaling the digits keeps the value exact at any size.
QString multiply(const QString& digits, int factor)
{
    QString out;
    int carry = 0;
    for (qsizetype i = digits.size() - 1; i >= 0; --i) {
        const int v = (digits.at(i).unicode() - u'0') * factor + carry;
        out.prepend(QChar(u'0' + v % 10));
        carry = v / 10;
    }
    while (carry > 0) {
        out.prepend(QChar(u'0' + carry % 10));
        carry /= 10;
    }
    return out;
}

Error invalid(const QString& text)
{
    return Error::make(Error::Code::InvalidInput,
        QCoreApplication::translate("driftline::engine::Quantity", "\"%1\" is not a valid resource quantity").arg(text));
}

} // namespace

Result<Quantity> Quantity::parse(const QString& input)
{
    const QString text = input.trimmed();
    qsizetype pos = 0;
    bool negative = false;
    if (pos < text.size() && (text.at(pos) == u'+' || text.at(pos) == u'-')) {
        negative = text.at(pos) == u'-';
        ++pos;
    }
    QString digits;
    int exponent = 0;
    bool sawDigit = false;
    while (pos < text.size() && text.at(pos).isDigit()) {
        digits += text.at(pos++);
        sawDigit = true;
    }
    if (pos < text.size() && text.at(pos) == u'.') {
        ++pos;
        while (pos < text.size() && text.at(pos).isDigit()) {
            digits += text.at(pos++);
            --exponent;
            sawDigit = true;
        }
    }
    if (!sawDigit)
        return fail(invalid(input));

    const QString suffix = text.mid(pos);
    int binaryPower = 0; // number of ×1024
    static const QStringList binary{u"Ki"_s, u"Mi"_s, u"Gi"_s, u"Ti"_s, u"Pi"_s, u"Ei"_s};
    static const QList<std::pair<QString, int>> decimal{{u"n"_s, -9}, {u"u"_s, -6}, {u"m"_s, -3}, {QString(), 0},
        {u"k"_s, 3}, {u"M"_s, 6}, {u"G"_s, 9}, {u"T"_s, 12}, {u"P"_s, 15}, {u"E"_s, 18}};
    bool known = false;
    if (const auto b = binary.indexOf(suffix); b >= 0) {
        binaryPower = int(b) + 1;
        known = true;
    }
    for (const auto& [name, power] : decimal) {
        if (!known && suffix == name) {
            exponent += power;
            known = true;
        }
    }
    if (!known && suffix.size() >= 2 && (suffix.at(0) == u'e' || suffix.at(0) == u'E')) {
        bool ok = false;
        const int e = suffix.mid(1).toInt(&ok);
        // Signs and digits only: toInt also accepts spaces we must refuse.
        const bool plain = suffix.mid(1).contains(QRegularExpression(u"^[+-]?\\d+$"_s));
        if (!ok || !plain || e > 1000 || e < -1000)
            return fail(invalid(input));
        exponent += e;
        known = true;
    }
    if (!known)
        return fail(invalid(input));

    for (int i = 0; i < binaryPower; ++i)
        digits = multiply(digits, 1024);

    Quantity q;
    qsizetype first = 0;
    while (first < digits.size() - 1 && digits.at(first) == u'0')
        ++first;
    digits = digits.mid(first);
    while (digits.size() > 1 && digits.endsWith(u'0')) {
        digits.chop(1);
        ++exponent;
    }
    if (digits == u"0") {
        exponent = 0;
        negative = false;
    }
    q.m_negative = negative;
    q.m_digits = digits;
    q.m_exponent = exponent;
    return q;
}

Result<Quantity> Quantity::fromJson(const QJsonValue& value)
{
    if (value.isString())
        return parse(value.toString());
    if (value.isDouble())
        return parse(QString::number(value.toDouble(), 'g', 17 - 1)); // shortest exact-enough form of YAML numbers
    return fail(invalid(QString()));
}

QString Quantity::canonical() const
{
    return (m_negative ? u"-"_s : QString()) + m_digits + u'e' + QString::number(m_exponent);
}

} // namespace driftline::engine
