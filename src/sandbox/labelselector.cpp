#include "sandbox/labelselector.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace driftline::sandbox
{

namespace
{

bool validKey(const QString& key)
{
    static const QRegularExpression re(
        u"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
        "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$"_s);
    return re.match(key).hasMatch();
}

bool validValue(const QString& value)
{
    static const QRegularExpression re(u"^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$"_s);
    return re.match(value).hasMatch();
}

// Splits at commas outside parentheses: "a in (x,y),b" is two terms.
QStringList splitTerms(const QString& text)
{
    QStringList terms;
    QString current;
    int depth = 0;
    for (QChar c : text) {
        if (c == u'(')
            ++depth;
        else if (c == u')')
            --depth;
        if (c == u',' && depth == 0) {
            terms.append(current.trimmed());
            current.clear();
        } else {
            current += c;
        }
    }
    terms.append(current.trimmed());
    return terms;
}

} // namespace

std::expected<LabelSelector, QString> LabelSelector::parse(const QString& text)
{
    LabelSelector selector;
    if (text.trimmed().isEmpty())
        return selector;
    static const QRegularExpression setRe(u"^(\\S+)\\s+(in|notin)\\s*\\(([^()]*)\\)$"_s);
    static const QRegularExpression opRe(u"^([^=!\\s]+)\\s*(==|!=|=)\\s*(\\S*)$"_s);
    const auto invalid
        = [&](const QString& why) { return std::unexpected(u"unable to parse requirement: %1"_s.arg(why)); };
    for (const QString& term : splitTerms(text)) {
        Requirement req;
        if (term.isEmpty())
            return invalid(u"found '', expected: identifier"_s);
        if (const auto m = setRe.match(term); m.hasMatch()) {
            req.key = m.captured(1);
            req.op = m.captured(2) == u"in"_s ? Op::In : Op::NotIn;
            for (const QString& v : m.captured(3).split(u',')) {
                if (!validValue(v.trimmed()))
                    return invalid(u"invalid label value: \"%1\""_s.arg(v.trimmed()));
                req.values.append(v.trimmed());
            }
        } else if (const auto m = opRe.match(term); m.hasMatch()) {
            req.key = m.captured(1);
            req.op = m.captured(2) == u"!="_s ? Op::NotEquals : Op::Equals;
            if (!validValue(m.captured(3)))
                return invalid(u"invalid label value: \"%1\""_s.arg(m.captured(3)));
            req.values = { m.captured(3) };
        } else if (term.startsWith(u'!')) {
            req.key = term.mid(1).trimmed();
            req.op = Op::DoesNotExist;
        } else {
            req.key = term;
            req.op = Op::Exists;
        }
        if (!validKey(req.key))
            return invalid(u"invalid label key \"%1\""_s.arg(req.key));
        selector.m_requirements.append(req);
    }
    return selector;
}

bool LabelSelector::matches(const QJsonObject& labels) const
{
    for (const Requirement& req : m_requirements) {
        const bool has = labels.contains(req.key);
        const QString value = labels.value(req.key).toString();
        bool ok = false;
        switch (req.op) {
        case Op::Equals:
            ok = has && value == req.values.value(0);
            break;
        // Like the API server, != and notin also match objects without the label.
        case Op::NotEquals:
            ok = !has || value != req.values.value(0);
            break;
        case Op::In:
            ok = has && req.values.contains(value);
            break;
        case Op::NotIn:
            ok = !has || !req.values.contains(value);
            break;
        case Op::Exists:
            ok = has;
            break;
        case Op::DoesNotExist:
            ok = !has;
            break;
        }
        if (!ok)
            return false;
    }
    return true;
}

} // namespace driftline::sandbox
