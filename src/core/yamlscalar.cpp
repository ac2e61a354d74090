#include "core/yamlscalar.h"

#include <QRegularExpression>

#include <charconv>
#include <cmath>

using namespace Qt::StringLiterals;

namespace driftline::yamlscalar {

namespace {

bool isOneOf(QStringView t, std::initializer_list<QStringView> words)
{
    for (QStringView w : words)
        if (t == w)
            return true;
    return false;
}

bool parseInteger(QStringView t, qint64* out, bool* overflow)
{
    *overflow = false;
    QString s = t.toString();
    s.remove(u'_');
    if (s.isEmpty())
        return false;
    bool neg = false;
    qsizetype i = 0;
    if (s[0] == u'+' || s[0] == u'-') {
        neg = s[0] == u'-';
        i = 1;
    }
    QStringView digits = QStringView(s).mid(i);
    if (digits.isEmpty())
        return false;
    int base = 10;
    if (digits.startsWith(u"0x")) {
        base = 16;
        digits = digits.mid(2);
    } else if (digits.startsWith(u"0o")) {
        base = 8;
        digits = digits.mid(2);
    } else if (digits.startsWith(u"0b")) {
        base = 2;
        digits = digits.mid(2);
    } else if (digits.size() > 1 && digits[0] == u'0') {
        base = 8; // YAML 1.1: a leading zero means octal
    }
    if (digits.isEmpty())
        return false;
    for (QChar c : digits) {
        const int v = c.isDigit() ? c.unicode() - '0'
            : (c.toLower() >= u'a' && c.toLower() <= u'f') ? c.toLower().unicode() - 'a' + 10
                                                            : 99;
        if (v >= base)
            return false;
    }
    bool ok = false;
    qint64 v = digits.toLongLong(&ok, base);
    if (!ok) {
        *overflow = true;
        return true;
    }
    *out = neg ? -v : v;
    return true;
}

} // namespace

QJsonValue resolvePlain(QStringView t)
{
    if (t.isEmpty() || isOneOf(t, { u"~", u"null", u"Null", u"NULL" }))
        return QJsonValue(QJsonValue::Null);
    const QChar c0 = t[0];
    // Fast path: most scalars are words that cannot be anything but strings.
    const bool maybeSpecial = c0.isDigit() || c0 == u'-' || c0 == u'+' || c0 == u'.' || c0 == u'y'
        || c0 == u'Y' || c0 == u'n' || c0 == u'N' || c0 == u't' || c0 == u'T' || c0 == u'f'
        || c0 == u'F' || c0 == u'o' || c0 == u'O';
    if (!maybeSpecial)
        return QJsonValue(t.toString());
    if (isOneOf(t, { u"true", u"True", u"TRUE", u"y", u"Y", u"yes", u"Yes", u"YES", u"on", u"On", u"ON" }))
        return QJsonValue(true);
    if (isOneOf(t, { u"false", u"False", u"FALSE", u"n", u"N", u"no", u"No", u"NO", u"off", u"Off", u"OFF" }))
        return QJsonValue(false);
    if (isOneOf(t, { u".inf", u".Inf", u".INF", u"+.inf", u"+.Inf", u"+.INF" }))
        return QJsonValue(std::numeric_limits<double>::infinity());
    if (isOneOf(t, { u"-.inf", u"-.Inf", u"-.INF" }))
        return QJsonValue(-std::numeric_limits<double>::infinity());
    if (isOneOf(t, { u".nan", u".NaN", u".NAN" }))
        return QJsonValue(std::numeric_limits<double>::quiet_NaN());
    qint64 iv = 0;
    bool overflow = false;
    if (parseInteger(t, &iv, &overflow)) {
        if (!overflow)
            return QJsonValue(iv);
        bool ok = false;
        const double d = t.toString().remove(u'_').toDouble(&ok);
        if (ok)
            return QJsonValue(d);
    }
    static const QRegularExpression floatRe(
        u"^[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?$"_s);
    if (floatRe.matchView(t).hasMatch()) {
        bool ok = false;
        const double d = t.toString().remove(u'_').toDouble(&ok);
        if (ok)
            return QJsonValue(d);
    }
    return QJsonValue(t.toString());
}

bool isSafePlainString(QStringView t)
{
    if (t.isEmpty())
        return false;
    if (!resolvePlain(t).isString())
        return false;
    const QChar c0 = t[0];
    if (QStringView(u"-?:,[]{}#&*!|>'\"%@` ").contains(c0))
        return false;
    if (t.back() == u' ' || t.back() == u':')
        return false;
    for (qsizetype i = 0; i < t.size(); ++i) {
        const QChar c = t[i];
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == u'\u2028' || c == u'\u2029' || c == u'\ufeff')
            return false;
        if (c == u':' && i + 1 < t.size() && t[i + 1] == u' ')
            return false;
        if (c == u'#' && i > 0 && t[i - 1] == u' ')
            return false;
    }
    if (t == u"<<" || t == u"=")
        return false;
    return true;
}

} // namespace driftline::yamlscalar
