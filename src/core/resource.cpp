#include "core/resource.h"

#include "core/canonicalyaml.h"

#include <QStringBuilder>

using namespace Qt::StringLiterals;

namespace driftline {

QString SourceLocation::toString() const
{
    return line > 0 ? file + u':' + QString::number(line) : file;
}

Resource::Resource(ResourceKey key, QJsonObject object, SourceLocation source)
    : m_key(std::move(key))
    , m_object(std::move(object))
    , m_source(std::move(source))
{
}

QJsonObject Resource::metadata() const
{
    return m_object.value(u"metadata"_s).toObject();
}

QString Resource::annotation(const QString& name) const
{
    return metadata().value(u"annotations"_s).toObject().value(name).toString();
}

QString Resource::label(const QString& name) const
{
    return metadata().value(u"labels"_s).toObject().value(name).toString();
}

Resource Resource::withNamespace(const QString& ns) const
{
    Resource r = *this;
    r.m_key.namespace_ = ns;
    QJsonObject meta = metadata();
    meta.insert(u"namespace"_s, ns);
    r.m_object.insert(u"metadata"_s, meta);
    return r;
}

QString Resource::toYaml() const
{
    return CanonicalYaml::write(m_object);
}

} // namespace driftline
