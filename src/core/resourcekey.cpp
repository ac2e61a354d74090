#include "core/resourcekey.h"

#include <QStringBuilder>

using namespace Qt::StringLiterals;

namespace driftline {

ResourceKey ResourceKey::fromApiVersion(const QString& apiVersion, const QString& kind,
                                        const QString& ns, const QString& name)
{
    ResourceKey key;
    const qsizetype slash = apiVersion.indexOf(u'/');
    if (slash < 0) {
        key.version = apiVersion;
    } else {
        key.group = apiVersion.left(slash);
        key.version = apiVersion.mid(slash + 1);
    }
    key.kind = kind;
    key.namespace_ = ns;
    key.name = name;
    return key;
}

QString ResourceKey::apiVersion() const
{
    return group.isEmpty() ? version : QString(group + u'/' + version);
}

QString ResourceKey::groupKind() const
{
    return group.isEmpty() ? kind : QString(group + u'/' + kind);
}

QString ResourceKey::displayName() const
{
    if (namespace_.isEmpty())
        return kind + u'/' + name;
    return kind + u'/' + namespace_ + u'/' + name;
}

std::strong_ordering operator<=>(const ResourceKey& a, const ResourceKey& b)
{
    auto cmp = [](const QString& x, const QString& y) { return QString::compare(x, y) <=> 0; };
    if (auto c = cmp(a.namespace_, b.namespace_); c != 0)
        return c;
    if (auto c = cmp(a.group, b.group); c != 0)
        return c;
    if (auto c = cmp(a.kind, b.kind); c != 0)
        return c;
    if (auto c = cmp(a.name, b.name); c != 0)
        return c;
    return cmp(a.version, b.version);
}

size_t qHash(const ResourceKey& key, size_t seed) noexcept
{
    return qHashMulti(seed, key.group, key.kind, key.namespace_, key.name, key.version);
}

} // namespace driftline
