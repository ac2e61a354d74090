#include "sandbox/fieldselector.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace driftline::sandbox
{

std::expected<FieldSelector, QString> FieldSelector::parse(const QString& text)
{
    FieldSelector selector;
    if (text.trimmed().isEmpty())
        return selector;
    static const QRegularExpression re(u"^\\s*([^=!\\s]+)\\s*(==|!=|=)\\s*(.*?)\\s*$"_s);
    for (const QString& term : text.split(u',')) {
        const auto m = re.match(term);
        if (!m.hasMatch())
            return std::unexpected(u"invalid selector: '%1'; can't understand '%2'"_s.arg(text, term));
        const QString field = m.captured(1);
        if (field != u"metadata.name"_s && field != u"metadata.namespace"_s)
            return std::unexpected(u"field label not supported: %1"_s.arg(field));
        selector.m_requirements.append({ field.mid(9), m.captured(2) == u"!="_s, m.captured(3) });
    }
    return selector;
}

bool FieldSelector::matches(const QJsonObject& object) const
{
    const QJsonObject meta = object.value(u"metadata"_s).toObject();
    for (const Requirement& req : m_requirements) {
        const bool equal = meta.value(req.field).toString() == req.value;
        if (equal == req.negated)
            return false;
    }
    return true;
}

} // namespace driftline::sandbox
