#include "workspace/rendercache.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QMutex>
#include <QTemporaryFile>

#include <cstdio>
#include <QStringBuilder>

using namespace Qt::StringLiterals;

namespace driftline::workspace {

namespace {

// Short keys keep the files small: a cache of 9,000 resources is read on every warm open.
QCborMap encodeResource(const Resource& r)
{
    QCborMap m;
    m.insert(u"g"_s, r.key().group);
    m.insert(u"v"_s, r.key().version);
    m.insert(u"k"_s, r.key().kind);
    m.insert(u"n"_s, r.key().namespace_);
    m.insert(u"m"_s, r.key().name);
    m.insert(u"o"_s, QCborValue::fromJsonValue(r.object()));
    m.insert(u"f"_s, r.source().file);
    m.insert(u"l"_s, r.source().line);
    m.insert(u"d"_s, r.source().document);
    return m;
}

std::optional<Resource> decodeResource(const QCborValue& v)
{
    if (!v.isMap())
        return std::nullopt;
    const QCborMap m = v.toMap();
    const QCborValue object = m.value(u"o"_s);
    if (!object.isMap())
        return std::nullopt;
    ResourceKey key { m.value(u"g"_s).toString(), m.value(u"v"_s).toString(), m.value(u"k"_s).toString(),
                      m.value(u"n"_s).toString(), m.value(u"m"_s).toString() };
    if (key.kind.isEmpty() || key.name.isEmpty())
        return std::nullopt;
    return Resource(std::move(key), object.toJsonValue().toObject(),
                    SourceLocation { m.value(u"f"_s).toString(), int(m.value(u"l"_s).toInteger()),
                                     int(m.value(u"d"_s).toInteger()) });
}

QCborMap encodeError(const Error& e)
{
    QCborMap m;
    m.insert(u"c"_s, int(e.code));
    m.insert(u"m"_s, e.message);
    m.insert(u"f"_s, e.file);
    m.insert(u"l"_s, e.line);
    m.insert(u"r"_s, e.resource);
    m.insert(u"x"_s, e.detail);
    return m;
}

Error decodeError(const QCborValue& v)
{
    const QCborMap m = v.toMap();
    Error e;
    e.code = Error::Code(m.value(u"c"_s).toInteger());
    e.message = m.value(u"m"_s).toString();
    e.file = m.value(u"f"_s).toString();
    e.line = int(m.value(u"l"_s).toInteger());
    e.resource = m.value(u"r"_s).toString();
    e.detail = m.value(u"x"_s).toString();
    return e;
}

} // namespace

struct RenderCache::Private {
    QString directory;
    mutable QMutex mutex;
    QHash<QString, RenderResult> memory;
};

RenderCache::RenderCache(const QString& directory)
    : d(std::make_unique<Private>())
{
    d->directory = directory;
}

RenderCache::~RenderCache() = default;

QString RenderCache::key(const QString& renderer, const QString& rendererVersion, const Application& app,
                         const QStringList& inputs)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    // Each field is length-prefixed so that no two different field lists hash alike.
    auto add = [&hash](const QString& field) {
        const QByteArray bytes = field.toUtf8();
        hash.addData(QByteArray(QByteArray::number(bytes.size()) + ':'));
        hash.addData(bytes);
    };
    add(u"driftline-render"_s);
    add(QString::number(FormatVersion));
    add(renderer);
    add(rendererVersion);
    add(app.path);
    add(app.namespace_);
    for (const QString& input : inputs)
        add(input);
    return QString::fromLatin1(hash.result().toHex());
}

QString RenderCache::filePath(const QString& key) const
{
    if (d->directory.isEmpty())
        return {};
    return d->directory + u'/' + key + u".cbor"_s;
}

std::optional<RenderResult> RenderCache::find(const QString& key) const
{
    {
        QMutexLocker lock(&d->mutex);
        const auto it = d->memory.constFind(key);
        if (it != d->memory.constEnd())
            return *it;
    }
    if (d->directory.isEmpty())
        return std::nullopt;
    QFile file(filePath(key));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    QCborParserError error;
    const QCborValue root = QCborValue::fromCbor(file.readAll(), &error);
    // Anything unexpected (a torn file, an old format, a hash collision) is a miss;
    // the next insert overwrites the file.
    if (error.error != QCborError::NoError || !root.isMap())
        return std::nullopt;
    const QCborMap map = root.toMap();
    if (map.value(u"format"_s).toInteger() != FormatVersion || map.value(u"key"_s).toString() != key)
        return std::nullopt;
    RenderResult result;
    result.renderer = map.value(u"renderer"_s).toString();
    const QCborArray resources = map.value(u"resources"_s).toArray();
    result.resources.reserve(resources.size());
    for (const QCborValue& v : resources) {
        auto r = decodeResource(v);
        if (!r)
            return std::nullopt;
        result.resources.append(std::move(*r));
    }
    const QCborArray errors = map.value(u"errors"_s).toArray();
    for (const QCborValue& v : errors)
        result.errors.append(decodeError(v));
    QMutexLocker lock(&d->mutex);
    d->memory.insert(key, result);
    return result;
}

void RenderCache::insert(const QString& key, const RenderResult& result)
{
    {
        QMutexLocker lock(&d->mutex);
        d->memory.insert(key, result);
    }
    if (d->directory.isEmpty())
        return;
    QCborArray resources;
    for (const Resource& r : result.resources)
        resources.append(encodeResource(r));
    QCborArray errors;
    for (const Error& e : result.errors)
        errors.append(encodeError(e));
    QCborMap map;
    map.insert(u"format"_s, FormatVersion);
    map.insert(u"key"_s, key);
    map.insert(u"renderer"_s, result.renderer);
    map.insert(u"resources"_s, resources);
    map.insert(u"errors"_s, errors);
    // A cache that cannot be written only costs time later: no error for anyone.
    QDir().mkpath(d->directory);
    // Write beside the target and rename over it: readers never see half a file. No fsync
    // (QSaveFile would sync every entry, which costs seconds on a cold open of a large
    // repository): after a power loss a damaged entry fails to decode and is rendered again.
    const QString target = filePath(key);
    QTemporaryFile file(target + u".XXXXXX"_s);
    file.setAutoRemove(false);
    if (!file.open())
        return;
    const QByteArray bytes = map.toCborValue().toCbor();
    const bool written = file.write(bytes) == bytes.size() && file.flush();
    file.close();
    if (!written || ::rename(QFile::encodeName(file.fileName()).constData(), QFile::encodeName(target).constData()) != 0)
        QFile::remove(file.fileName());
}

} // namespace driftline::workspace
