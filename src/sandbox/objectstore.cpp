#include "sandbox/objectstore.h"

#include "sandbox/garbagecollector.h"
#include "sandbox/patchapplier.h"
#include "sandbox/serverdefaults.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace driftline::sandbox
{

namespace
{

const QString kCrdGroup = u"apiextensions.k8s.io"_s;
const QString kCrdPlural = u"customresourcedefinitions"_s;

QString nowRfc3339()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

bool isCrd(const ResourceType& type)
{
    return type.group == kCrdGroup && type.plural == kCrdPlural;
}

bool isNamespaceType(const ResourceType& type)
{
    return type.group.isEmpty() && type.plural == u"namespaces"_s;
}

// What generation tracks: everything but metadata, status and the type header.
QJsonObject specPart(QJsonObject object)
{
    object.remove(u"metadata"_s);
    object.remove(u"status"_s);
    object.remove(u"kind"_s);
    object.remove(u"apiVersion"_s);
    return object;
}

QString generatedSuffix()
{
    // The API server's alphabet: no vowels, no easily confused characters.
    static const QString alphabet = u"bcdfghjklmnpqrstvwxz2456789"_s;
    QString s;
    for (int i = 0; i < 5; ++i)
        s += alphabet.at(QRandomGenerator::global()->bounded(int(alphabet.size())));
    return s;
}

bool isDnsSubdomain(const QString& name)
{
    static const QRegularExpression re(
        u"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"_s);
    return name.size() <= 253 && re.match(name).hasMatch();
}

bool isDnsLabel(const QString& name)
{
    static const QRegularExpression re(u"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"_s);
    return name.size() <= 63 && re.match(name).hasMatch();
}

QString encodeContinue(qint64 rv, const ObjectStore::Key& last)
{
    const QJsonObject token { { u"rv"_s, QString::number(rv) }, { u"ns"_s, last.ns },
        { u"name"_s, last.name } };
    return QString::fromLatin1(QJsonDocument(token)
                                   .toJson(QJsonDocument::Compact)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<QJsonObject> decodeContinue(const QString& token)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        token.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(*decoded);
    if (!doc.isObject() || !doc.object().value(u"rv"_s).isString())
        return std::nullopt;
    return doc.object();
}

void applyDefaults(const ResourceType& type, QJsonObject& object)
{
    QJsonObject meta = object.value(u"metadata"_s).toObject();
    if (isNamespaceType(type)) {
        QJsonObject labels = meta.value(u"labels"_s).toObject();
        labels.insert(u"kubernetes.io/metadata.name"_s, meta.value(u"name"_s));
        meta.insert(u"labels"_s, labels);
        object.insert(u"metadata"_s, meta);
        QJsonObject spec = object.value(u"spec"_s).toObject();
        if (!spec.contains(u"finalizers"_s))
            spec.insert(u"finalizers"_s, QJsonArray { u"kubernetes"_s });
        object.insert(u"spec"_s, spec);
        object.insert(u"status"_s, QJsonObject { { u"phase"_s, u"Active"_s } });
    } else if (type.group.isEmpty() && type.plural == u"secrets"_s) {
        if (!object.contains(u"type"_s))
            object.insert(u"type"_s, u"Opaque"_s);
        // stringData is write-only: folded into base64 data, never returned.
        const QJsonObject stringData = object.take(u"stringData"_s).toObject();
        if (!stringData.isEmpty()) {
            QJsonObject data = object.value(u"data"_s).toObject();
            for (auto it = stringData.begin(); it != stringData.end(); ++it)
                data.insert(it.key(), QString::fromLatin1(it.value().toString().toUtf8().toBase64()));
            object.insert(u"data"_s, data);
        }
    }
}

} // namespace

QString ObjectStore::Change::typeName(Type type)
{
    switch (type) {
    case Type::Added:
        return u"ADDED"_s;
    case Type::Modified:
        return u"MODIFIED"_s;
    case Type::Deleted:
        return u"DELETED"_s;
    }
    return {};
}

ObjectStore::ObjectStore()
    : m_types(ResourceType::builtins())
    , m_gc(std::make_unique<GarbageCollector>(*this))
{
    const auto nsType = findType(QString(), u"v1"_s, u"namespaces"_s);
    for (const QString& ns : { u"default"_s, u"kube-system"_s, u"kube-public"_s, u"kube-node-lease"_s })
        (void)create(
            *nsType, QString(), QJsonObject { { u"metadata"_s, QJsonObject { { u"name"_s, ns } } } });
}

ObjectStore::~ObjectStore() = default;

bool ObjectStore::hasScaleSubresource(const ResourceType& type)
{
    if (!type.builtin)
        return false;
    if (type.group == u"apps"_s)
        return type.kind == u"Deployment"_s || type.kind == u"ReplicaSet"_s || type.kind == u"StatefulSet"_s;
    return type.group.isEmpty() && type.kind == u"ReplicationController"_s;
}

std::optional<ResourceType> ObjectStore::findType(
    const QString& group, const QString& version, const QString& plural) const
{
    for (const ResourceType& t : m_types) {
        if (t.group == group && t.version == version && t.plural == plural)
            return t;
    }
    return std::nullopt;
}

bool ObjectStore::namespaceExists(const QString& ns) const
{
    return m_objects.contains(Key { QString(), u"namespaces"_s, QString(), ns });
}

StoreResult<QJsonObject> ObjectStore::get(
    const ResourceType& type, const QString& ns, const QString& name) const
{
    const auto it
        = m_objects.constFind(Key { type.group, type.plural, type.namespaced ? ns : QString(), name });
    if (it == m_objects.cend())
        return reject(ApiStatus::notFound(type, name));
    return *it;
}

StoreResult<ObjectStore::ListPage> ObjectStore::list(
    const ResourceType& type, const ListOptions& options) const
{
    ListPage page;
    page.resourceVersion = QString::number(m_resourceVersion);
    const QString ns = type.namespaced ? options.ns : QString();
    Key start { type.group, type.plural, ns, QString() };
    auto it = m_objects.lowerBound(start);
    if (!options.continueToken.isEmpty()) {
        const auto token = decodeContinue(options.continueToken);
        if (!token)
            return reject(ApiStatus::badRequest(
                u"continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)"_s));
        // The list keeps the resourceVersion of its first page, like a consistent snapshot.
        page.resourceVersion = token->value(u"rv"_s).toString();
        it = m_objects.upperBound(Key {
            type.group, type.plural, token->value(u"ns"_s).toString(), token->value(u"name"_s).toString() });
    }
    const bool filtered = !options.labels.isEmpty() || !options.fields.isEmpty();
    qint64 remaining = 0;
    Key last;
    for (; it != m_objects.cend(); ++it) {
        const Key& key = it.key();
        if (key.group != type.group || key.resource != type.plural)
            break;
        if (!ns.isEmpty() && key.ns != ns)
            break;
        const QJsonObject& object = *it;
        if (!options.labels.matches(object.value(u"metadata"_s).toObject().value(u"labels"_s).toObject())
            || !options.fields.matches(object))
            continue;
        if (options.limit > 0 && page.items.size() >= options.limit) {
            ++remaining;
            continue;
        }
        QJsonObject item = object;
        if (type.builtin) {
            item.remove(u"kind"_s);
            item.remove(u"apiVersion"_s);
        }
        page.items.append(item);
        last = key;
    }
    if (remaining > 0) {
        page.continueToken = encodeContinue(page.resourceVersion.toLongLong(), last);
        // Like the API server, the estimate is only given for unfiltered lists.
        if (!filtered)
            page.remainingItemCount = remaining;
    }
    return page;
}

namespace {

// Fills in apiVersion and kind from the URL's type; a body naming another type is a
// 400 BadRequest, as the real server answers.
std::optional<ApiStatus> stampType(const ResourceType& type, QJsonObject& object)
{
    if (object.contains(u"apiVersion"_s) && object.value(u"apiVersion"_s).toString() != type.groupVersion())
        return ApiStatus::badRequest(
            u"the API version in the data (%1) does not match the expected API version (%2)"_s.arg(
                object.value(u"apiVersion"_s).toString(), type.groupVersion()));
    if (object.contains(u"kind"_s) && object.value(u"kind"_s).toString() != type.kind)
        return ApiStatus::badRequest(u"the kind in the data (%1) does not match the expected kind (%2)"_s.arg(
            object.value(u"kind"_s).toString(), type.kind));
    object.insert(u"apiVersion"_s, type.groupVersion());
    object.insert(u"kind"_s, type.kind);
    return std::nullopt;
}

} // namespace

StoreResult<QJsonObject> ObjectStore::create(
    const ResourceType& type, const QString& ns, QJsonObject object, const WriteOptions& options)
{
    const bool dryRun = options.dryRun;
    if (auto status = stampType(type, object))
        return reject(*status);

    QJsonObject meta = object.value(u"metadata"_s).toObject();
    QString name = meta.value(u"name"_s).toString();
    if (name.isEmpty()) {
        const QString prefix = meta.value(u"generateName"_s).toString();
        if (prefix.isEmpty())
            return reject(ApiStatus::invalid(type, QString(), u"metadata.name"_s, u"FieldValueRequired"_s,
                u"Required value: name or generateName is required"_s));
        name = prefix + generatedSuffix();
        meta.insert(u"name"_s, name);
    }
    const bool validName = isNamespaceType(type) ? isDnsLabel(name) : isDnsSubdomain(name);
    if (!validName)
        return reject(ApiStatus::invalid(type, name, u"metadata.name"_s, u"FieldValueInvalid"_s,
            u"Invalid value: \"%1\": a lowercase RFC 1123 name must consist of lower case alphanumeric "
            "characters, '-' or '.', and must start and end with an alphanumeric character"_s.arg(name)));
    if (!meta.value(u"resourceVersion"_s).toString().isEmpty())
        return reject(ApiStatus::invalid(type, name, u"metadata.resourceVersion"_s, u"FieldValueInvalid"_s,
            u"Invalid value: \"%1\": must be empty on create"_s.arg(
                meta.value(u"resourceVersion"_s).toString())));

    QString objectNs;
    if (type.namespaced) {
        const QString bodyNs = meta.value(u"namespace"_s).toString();
        if (!bodyNs.isEmpty() && bodyNs != ns)
            return reject(ApiStatus::badRequest(
                u"the namespace of the provided object does not match the namespace sent on the request"_s));
        objectNs = ns;
        meta.insert(u"namespace"_s, ns);
        if (!namespaceExists(ns))
            return reject(ApiStatus::namespaceNotFound(ns));
    } else {
        meta.remove(u"namespace"_s);
    }

    const Key key { type.group, type.plural, objectNs, name };
    if (m_objects.contains(key))
        return reject(ApiStatus::alreadyExists(type, name));
    if (isCrd(type)) {
        object.insert(u"metadata"_s, meta);
        if (auto error = validateCustomResourceDefinition(object))
            return reject(*error);
    }

    meta.insert(u"uid"_s, QUuid::createUuid().toString(QUuid::WithoutBraces));
    meta.insert(u"creationTimestamp"_s, nowRfc3339());
    if (type.hasGeneration)
        meta.insert(u"generation"_s, 1);
    meta.remove(u"deletionTimestamp"_s);
    meta.remove(u"deletionGracePeriodSeconds"_s);
    object.insert(u"metadata"_s, meta);
    // Status is the controllers' to write, not the creator's.
    if (type.hasStatus)
        object.remove(u"status"_s);
    applyDefaults(type, object);
    ServerDefaults::apply(type, object, QJsonObject());
    // Defaults come first: the creating manager owns what the server filled in, as
    // real Update entries show; allocations come after, owned by nobody. Entries
    // already in the body (an apply that creates) stay.
    setManagedFields(object,
        ServerSideApply::recordUpdate(ServerSideApply::entriesOf(object), QJsonObject(), object, type,
            options.fieldManager, QString(), nowRfc3339()));
    ServerDefaults::allocate(type, object, [this] { return allocateClusterIp(); });
    if (dryRun)
        return object;

    meta = object.value(u"metadata"_s).toObject();
    meta.insert(u"resourceVersion"_s, QString::number(++m_resourceVersion));
    object.insert(u"metadata"_s, meta);
    m_objects.insert(key, object);
    if (isCrd(type))
        registerCustomResourceDefinition(object);
    record(Change::Type::Added, type, object);
    return object;
}

StoreResult<QJsonObject> ObjectStore::update(const ResourceType& type, const QString& ns,
    const QString& name, QJsonObject object, const WriteOptions& options)
{
    const Key key { type.group, type.plural, type.namespaced ? ns : QString(), name };
    if (type.namespaced && !namespaceExists(ns))
        return reject(ApiStatus::namespaceNotFound(ns));
    const bool statusWrite = options.subresource == u"status"_s;
    const bool scaleWrite = options.subresource == u"scale"_s;
    if ((statusWrite && !type.hasStatus) || (scaleWrite && !hasScaleSubresource(type))
        || (!options.subresource.isEmpty() && !statusWrite && !scaleWrite))
        return reject(ApiStatus::noSuchResource());
    const auto it = m_objects.constFind(key);
    if (it == m_objects.cend())
        return reject(ApiStatus::notFound(type, name));
    const QJsonObject stored = *it;
    const QJsonObject storedMeta = stored.value(u"metadata"_s).toObject();

    if (auto status = stampType(type, object))
        return reject(*status);

    QJsonObject meta = object.value(u"metadata"_s).toObject();
    if (meta.value(u"name"_s).toString() != name)
        return reject(ApiStatus::badRequest(
            u"the name of the object (%1) does not match the name on the URL (%2)"_s.arg(
                meta.value(u"name"_s).toString(), name)));
    if (type.namespaced) {
        const QString bodyNs = meta.value(u"namespace"_s).toString();
        if (!bodyNs.isEmpty() && bodyNs != ns)
            return reject(ApiStatus::badRequest(
                u"the namespace of the provided object does not match the namespace sent on the request"_s));
        meta.insert(u"namespace"_s, ns);
    } else {
        meta.remove(u"namespace"_s);
    }
    const QString bodyRv = meta.value(u"resourceVersion"_s).toString();
    if (!bodyRv.isEmpty() && bodyRv != storedMeta.value(u"resourceVersion"_s).toString())
        return reject(ApiStatus::conflict(type, name));

    if (scaleWrite) {
        // The scale subresource changes the replica count and nothing else.
        QJsonObject next = stored;
        QJsonObject spec = next.value(u"spec"_s).toObject();
        spec.insert(u"replicas"_s, object.value(u"spec"_s).toObject().value(u"replicas"_s));
        next.insert(u"spec"_s, spec);
        object = next;
    } else if (statusWrite) {
        // The status subresource changes status and nothing else.
        QJsonObject next = stored;
        if (object.contains(u"status"_s))
            next.insert(u"status"_s, object.value(u"status"_s));
        else
            next.remove(u"status"_s);
        object = next;
    } else {
        for (const QString& field : { u"uid"_s, u"creationTimestamp"_s, u"deletionTimestamp"_s,
                 u"deletionGracePeriodSeconds"_s, u"generation"_s, u"managedFields"_s }) {
            if (storedMeta.contains(field))
                meta.insert(field, storedMeta.value(field));
            else
                meta.remove(field);
        }
        meta.insert(u"resourceVersion"_s, storedMeta.value(u"resourceVersion"_s));
        if (type.hasStatus) {
            if (stored.contains(u"status"_s))
                object.insert(u"status"_s, stored.value(u"status"_s));
            else
                object.remove(u"status"_s);
        }
        object.insert(u"metadata"_s, meta);
        applyDefaults(type, object);
        ServerDefaults::apply(type, object, stored);
    }
    if (isCrd(type)) {
        if (auto error = validateCustomResourceDefinition(object))
            return reject(*error);
    }
    setManagedFields(object,
        ServerSideApply::recordUpdate(ServerSideApply::entriesOf(stored), stored, object, type,
            options.fieldManager, options.subresource, nowRfc3339()));
    ServerDefaults::allocate(type, object, [this] { return allocateClusterIp(); });
    return commit(type, key, stored, object, options.dryRun);
}

StoreResult<QJsonObject> ObjectStore::commit(
    const ResourceType& type, const Key& key, const QJsonObject& stored, QJsonObject object, bool dryRun)
{
    // A write that changes nothing keeps the resourceVersion, as on a real server.
    if (ServerSideApply::sameIgnoringTimes(object, stored))
        return stored;
    const QJsonObject storedMeta = stored.value(u"metadata"_s).toObject();
    QJsonObject meta = object.value(u"metadata"_s).toObject();
    if (type.hasGeneration && specPart(object) != specPart(stored)) {
        meta.insert(u"generation"_s, storedMeta.value(u"generation"_s).toInteger(1) + 1);
        object.insert(u"metadata"_s, meta);
    }
    if (dryRun)
        return object;

    // The last finalizer of an object being deleted is gone: now it goes.
    if (meta.contains(u"deletionTimestamp"_s) && meta.value(u"finalizers"_s).toArray().isEmpty()) {
        m_objects.insert(key, object);
        removeStored(type, key);
        collectGarbage();
        return object;
    }
    meta.insert(u"resourceVersion"_s, QString::number(++m_resourceVersion));
    object.insert(u"metadata"_s, meta);
    m_objects.insert(key, object);
    if (isCrd(type)) {
        unregisterCustomResourceDefinition(key.name, false);
        registerCustomResourceDefinition(object);
    }
    record(Change::Type::Modified, type, object);
    return object;
}

StoreResult<QJsonObject> ObjectStore::remove(
    const ResourceType& type, const QString& ns, const QString& name, const DeleteOptions& options)
{
    const bool dryRun = options.dryRun;
    const Key key { type.group, type.plural, type.namespaced ? ns : QString(), name };
    const auto it = m_objects.constFind(key);
    if (it == m_objects.cend())
        return reject(ApiStatus::notFound(type, name));
    QJsonObject object = *it;
    QJsonObject meta = object.value(u"metadata"_s).toObject();
    const auto precondition = [&](const QString& field, const QString& wanted, const QString& label) {
        const QString actual = meta.value(field).toString();
        if (wanted.isEmpty() || wanted == actual)
            return std::optional<ApiStatus>();
        ApiStatus s = ApiStatus::conflict(type, name);
        s.message = u"Operation cannot be fulfilled on %1 \"%2\": Precondition failed: %3 in precondition: %4, "
                    "%3 in object meta: %5"_s.arg(type.qualifiedResource(), name, label, wanted, actual);
        return std::optional<ApiStatus>(s);
    };
    if (auto failed = precondition(u"uid"_s, options.preconditionUid, u"UID"_s))
        return reject(*failed);
    if (auto failed = precondition(
            u"resourceVersion"_s, options.preconditionResourceVersion, u"ResourceVersion"_s))
        return reject(*failed);
    // Already waiting for finalizers: the answer is the object as it is.
    if (meta.contains(u"deletionTimestamp"_s))
        return object;

    if (!isNamespaceType(type)) {
        QJsonArray finalizers = meta.value(u"finalizers"_s).toArray();
        const auto addFinalizer = [&](const QString& f) {
            if (!finalizers.contains(QJsonValue(f)))
                finalizers.append(f);
        };
        if (options.propagation == Propagation::Foreground)
            addFinalizer(u"foregroundDeletion"_s);
        else if (options.propagation == Propagation::Orphan)
            addFinalizer(u"orphan"_s);
        if (!finalizers.isEmpty()) {
            // Finalizers hold the object: it is only marked, and the marking is a MODIFIED event.
            meta.insert(u"finalizers"_s, finalizers);
            meta.insert(u"deletionTimestamp"_s, nowRfc3339());
            meta.insert(u"deletionGracePeriodSeconds"_s, 0);
            if (dryRun) {
                object.insert(u"metadata"_s, meta);
                return object;
            }
            meta.insert(u"resourceVersion"_s, QString::number(++m_resourceVersion));
            object.insert(u"metadata"_s, meta);
            m_objects.insert(key, object);
            record(Change::Type::Modified, type, object);
            collectGarbage();
            return object;
        }
    }
    if (dryRun)
        return object;

    if (isNamespaceType(type)) {
        // Phase-one simplification: contents go at once instead of a Terminating phase.
        QList<std::pair<ResourceType, Key>> contents;
        for (auto o = m_objects.cbegin(); o != m_objects.cend(); ++o) {
            if (o.key().ns != name)
                continue;
            for (const ResourceType& t : std::as_const(m_types)) {
                if (t.group == o.key().group && t.plural == o.key().resource && t.namespaced) {
                    contents.append({ t, o.key() });
                    break;
                }
            }
        }
        for (const auto& [t, k] : contents)
            removeStored(t, k);
    } else if (isCrd(type)) {
        unregisterCustomResourceDefinition(name, true);
    }
    ++m_resourceVersion;
    meta.insert(u"resourceVersion"_s, QString::number(m_resourceVersion));
    object.insert(u"metadata"_s, meta);
    m_objects.remove(key);
    record(Change::Type::Deleted, type, object);
    collectGarbage();
    return object;
}

StoreResult<ObjectStore::ApplyOutcome> ObjectStore::apply(const ResourceType& type, const QString& ns,
    const QString& name, QJsonObject config, const ApplyOptions& options)
{
    if (options.fieldManager.isEmpty()) {
        ApiStatus s = ApiStatus::invalid(type, QString(), u"fieldManager"_s, u"FieldValueRequired"_s,
            u"Required value: is required for apply patch"_s);
        s.message = u"PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch"_s;
        s.details = QJsonObject { { u"group"_s, u"meta.k8s.io"_s }, { u"kind"_s, u"PatchOptions"_s },
            { u"causes"_s,
                QJsonArray { QJsonObject { { u"reason"_s, u"FieldValueRequired"_s },
                    { u"message"_s, u"Required value: is required for apply patch"_s },
                    { u"field"_s, u"fieldManager"_s } } } } };
        return reject(s);
    }
    if (auto status = stampType(type, config))
        return reject(*status);
    QJsonObject meta = config.value(u"metadata"_s).toObject();
    if (meta.contains(u"managedFields"_s))
        return reject(ApiStatus::badRequest(u"metadata.managedFields must be nil"_s));
    const QString bodyName = meta.value(u"name"_s).toString();
    if (!bodyName.isEmpty() && bodyName != name)
        return reject(ApiStatus::badRequest(
            u"the name of the object (%1) does not match the name on the URL (%2)"_s.arg(bodyName, name)));
    if (type.namespaced) {
        const QString bodyNs = meta.value(u"namespace"_s).toString();
        if (!bodyNs.isEmpty() && bodyNs != ns)
            return reject(ApiStatus::badRequest(
                u"the namespace of the provided object does not match the namespace sent on the request"_s));
        if (!namespaceExists(ns))
            return reject(ApiStatus::namespaceNotFound(ns));
    }
    const QString bodyRv = meta.value(u"resourceVersion"_s).toString();
    const Key key { type.group, type.plural, type.namespaced ? ns : QString(), name };
    const auto it = m_objects.constFind(key);
    const QString now = nowRfc3339();

    if (it == m_objects.cend()) {
        QJsonObject skeleton { { u"apiVersion"_s, type.groupVersion() }, { u"kind"_s, type.kind },
            { u"metadata"_s, QJsonObject { { u"name"_s, name } } } };
        auto merged = ServerSideApply::apply(type, skeleton, config, options.fieldManager, options.force, now);
        if (!merged)
            return reject(merged.error());
        WriteOptions createOptions;
        createOptions.dryRun = options.dryRun;
        auto created = create(type, ns, *merged, createOptions);
        if (!created)
            return reject(created.error());
        return ApplyOutcome { *created, true };
    }

    const QJsonObject stored = *it;
    if (!bodyRv.isEmpty() && bodyRv != stored.value(u"metadata"_s).toObject().value(u"resourceVersion"_s).toString())
        return reject(ApiStatus::conflict(type, name));
    auto merged = ServerSideApply::apply(type, stored, config, options.fieldManager, options.force, now);
    if (!merged)
        return reject(merged.error());
    QJsonObject object = *merged;
    applyDefaults(type, object);
    ServerDefaults::apply(type, object, stored);
    ServerDefaults::allocate(type, object, [this] { return allocateClusterIp(); });
    if (isCrd(type)) {
        if (auto error = validateCustomResourceDefinition(object))
            return reject(*error);
    }
    auto committed = commit(type, key, stored, object, options.dryRun);
    if (!committed)
        return reject(committed.error());
    return ApplyOutcome { *committed, false };
}

StoreResult<QJsonObject> ObjectStore::patch(const ResourceType& type, const QString& ns,
    const QString& name, PatchType patchType, const QByteArray& body, const WriteOptions& options)
{
    const auto stored = get(type, ns, name);
    if (!stored)
        return stored;
    StoreResult<QJsonObject> patched;
    switch (patchType) {
    case PatchType::Merge:
        patched = PatchApplier::mergePatch(*stored, body);
        break;
    case PatchType::Json:
        patched = PatchApplier::jsonPatch(*stored, body);
        break;
    case PatchType::Strategic:
        patched = PatchApplier::strategicMergePatch(*stored, body, type.builtin);
        break;
    }
    if (!patched)
        return patched;
    return update(type, ns, name, *patched, options);
}

void ObjectStore::setManagedFields(QJsonObject& object, const QList<ServerSideApply::Entry>& entries)
{
    QJsonObject meta = object.value(u"metadata"_s).toObject();
    const QJsonArray json = ServerSideApply::toJson(entries);
    if (json.isEmpty())
        meta.remove(u"managedFields"_s);
    else
        meta.insert(u"managedFields"_s, json);
    object.insert(u"metadata"_s, meta);
}

QString ObjectStore::allocateClusterIp() const
{
    QSet<QString> used { u"10.43.0.1"_s, u"10.43.0.10"_s }; // kubernetes and kube-dns on k3s
    for (auto it = m_objects.cbegin(); it != m_objects.cend(); ++it) {
        if (it.key().group.isEmpty() && it.key().resource == u"services"_s)
            used.insert(it->value(u"spec"_s).toObject().value(u"clusterIP"_s).toString());
    }
    for (;;) {
        const quint32 host = QRandomGenerator::global()->bounded(2u, 65534u);
        const QString ip = u"10.43.%1.%2"_s.arg(host >> 8).arg(host & 0xff);
        if ((host & 0xff) != 0 && (host & 0xff) != 255 && !used.contains(ip))
            return ip;
    }
}

void ObjectStore::collectGarbage()
{
    m_gc->schedule();
}

StoreResult<QJsonObject> ObjectStore::restore(const ResourceType& type, QJsonObject object)
{
    if (auto status = stampType(type, object))
        return reject(*status);
    QJsonObject meta = object.value(u"metadata"_s).toObject();
    const QString name = meta.value(u"name"_s).toString();
    const QString ns = type.namespaced ? meta.value(u"namespace"_s).toString() : QString();
    if (name.isEmpty())
        return reject(ApiStatus::invalid(type, QString(), u"metadata.name"_s, u"FieldValueRequired"_s,
            u"Required value: name or generateName is required"_s));
    if (type.namespaced && ns.isEmpty())
        return reject(ApiStatus::badRequest(u"the server could not find the requested resource"_s));
    const Key key { type.group, type.plural, ns, name };
    const bool existed = m_objects.contains(key);
    meta.insert(u"resourceVersion"_s, QString::number(++m_resourceVersion));
    object.insert(u"metadata"_s, meta);
    if (isCrd(type) && existed)
        unregisterCustomResourceDefinition(name, false);
    m_objects.insert(key, object);
    if (isCrd(type))
        registerCustomResourceDefinition(object);
    record(existed ? Change::Type::Modified : Change::Type::Added, type, object);
    return object;
}

void ObjectStore::forEachObject(
    const std::function<void(const ResourceType&, const QJsonObject&)>& visit) const
{
    for (auto it = m_objects.cbegin(); it != m_objects.cend(); ++it) {
        for (const ResourceType& t : m_types) {
            if (t.group == it.key().group && t.plural == it.key().resource) {
                visit(t, *it);
                break;
            }
        }
    }
}

void ObjectStore::removeStored(const ResourceType& type, const Key& key)
{
    QJsonObject object = m_objects.take(key);
    QJsonObject meta = object.value(u"metadata"_s).toObject();
    meta.insert(u"resourceVersion"_s, QString::number(++m_resourceVersion));
    object.insert(u"metadata"_s, meta);
    record(Change::Type::Deleted, type, object);
}

std::optional<ApiStatus> ObjectStore::validateCustomResourceDefinition(const QJsonObject& crd) const
{
    ResourceType crdType = *findType(kCrdGroup, u"v1"_s, kCrdPlural);
    const QString name = crd.value(u"metadata"_s).toObject().value(u"name"_s).toString();
    const QJsonObject spec = crd.value(u"spec"_s).toObject();
    const QString group = spec.value(u"group"_s).toString();
    const QJsonObject names = spec.value(u"names"_s).toObject();
    const QString plural = names.value(u"plural"_s).toString();
    const auto invalid = [&](const QString& field, const QString& reason, const QString& message) {
        return ApiStatus::invalid(crdType, name, field, reason, message);
    };
    if (group.isEmpty())
        return invalid(u"spec.group"_s, u"FieldValueRequired"_s, u"Required value"_s);
    if (plural.isEmpty())
        return invalid(u"spec.names.plural"_s, u"FieldValueRequired"_s, u"Required value"_s);
    if (names.value(u"kind"_s).toString().isEmpty())
        return invalid(u"spec.names.kind"_s, u"FieldValueRequired"_s, u"Required value"_s);
    if (name != plural + u'.' + group)
        return invalid(u"metadata.name"_s, u"FieldValueInvalid"_s,
            u"Invalid value: \"%1\": must be spec.names.plural+\".\"+spec.group"_s.arg(name));
    const QString scope = spec.value(u"scope"_s).toString();
    if (scope != u"Namespaced"_s && scope != u"Cluster"_s)
        return invalid(u"spec.scope"_s, u"FieldValueNotSupported"_s,
            u"Unsupported value: \"%1\": supported values: \"Cluster\", \"Namespaced\""_s.arg(scope));
    const QJsonArray versions = spec.value(u"versions"_s).toArray();
    if (versions.isEmpty())
        return invalid(u"spec.versions"_s, u"FieldValueInvalid"_s,
            u"Invalid value: must have exactly one version marked as storage version"_s);
    for (const ResourceType& t : m_types) {
        if (t.group == group && t.plural == plural && t.crdName != name)
            return invalid(u"spec.names.plural"_s, u"FieldValueInvalid"_s,
                u"Invalid value: \"%1\": the resource is already served"_s.arg(plural));
    }
    return std::nullopt;
}

void ObjectStore::registerCustomResourceDefinition(const QJsonObject& crd)
{
    const QString crdName = crd.value(u"metadata"_s).toObject().value(u"name"_s).toString();
    const QJsonObject spec = crd.value(u"spec"_s).toObject();
    const QJsonObject names = spec.value(u"names"_s).toObject();
    for (const QJsonValue& v : spec.value(u"versions"_s).toArray()) {
        const QJsonObject version = v.toObject();
        if (!version.value(u"served"_s).toBool(true))
            continue;
        ResourceType t;
        t.group = spec.value(u"group"_s).toString();
        t.version = version.value(u"name"_s).toString();
        t.kind = names.value(u"kind"_s).toString();
        t.plural = names.value(u"plural"_s).toString();
        t.singular = names.value(u"singular"_s).toString(t.kind.toLower());
        t.namespaced = spec.value(u"scope"_s).toString() == u"Namespaced"_s;
        t.verbs = { u"delete"_s, u"deletecollection"_s, u"get"_s, u"list"_s, u"patch"_s, u"create"_s,
            u"update"_s, u"watch"_s };
        for (const QJsonValue& s : names.value(u"shortNames"_s).toArray())
            t.shortNames.append(s.toString());
        for (const QJsonValue& c : names.value(u"categories"_s).toArray())
            t.categories.append(c.toString());
        t.hasStatus = version.value(u"subresources"_s).toObject().contains(u"status"_s);
        t.hasGeneration = true;
        t.builtin = false;
        t.crdName = crdName;
        m_types.append(t);
    }
}

void ObjectStore::unregisterCustomResourceDefinition(const QString& crdName, bool deleteObjects)
{
    QList<ResourceType> removed;
    for (const ResourceType& t : std::as_const(m_types)) {
        if (t.crdName == crdName)
            removed.append(t);
    }
    m_types.removeIf([&](const ResourceType& t) { return t.crdName == crdName; });
    // Custom objects disappear with their definition. Remove each stored key once,
    // whatever number of versions served it.
    if (removed.isEmpty() || !deleteObjects)
        return;
    QList<Key> keys;
    for (auto it = m_objects.cbegin(); it != m_objects.cend(); ++it) {
        if (it.key().group == removed.first().group && it.key().resource == removed.first().plural)
            keys.append(it.key());
    }
    for (const Key& k : keys)
        removeStored(removed.first(), k);
}

void ObjectStore::record(Change::Type type, const ResourceType& rt, const QJsonObject& object)
{
    Change change;
    change.resourceVersion = m_resourceVersion;
    change.type = type;
    change.group = rt.group;
    change.resource = rt.plural;
    change.object = object;
    m_changes.push_back(change);
    while (int(m_changes.size()) > m_changeLogCapacity) {
        m_trimmedUpTo = m_changes.front().resourceVersion;
        m_changes.pop_front();
    }
    const auto listeners = m_listeners; // a listener may remove itself
    for (const auto& listener : listeners)
        listener(change);
}

StoreResult<QList<ObjectStore::Change>> ObjectStore::changesSince(qint64 resourceVersion) const
{
    if (resourceVersion < m_trimmedUpTo)
        return reject(ApiStatus::expired(
            u"too old resource version: %1 (%2)"_s.arg(resourceVersion).arg(m_trimmedUpTo + 1)));
    QList<Change> out;
    for (const Change& c : m_changes) {
        if (c.resourceVersion > resourceVersion)
            out.append(c);
    }
    return out;
}

void ObjectStore::setChangeLogCapacity(int capacity)
{
    m_changeLogCapacity = qMax(1, capacity);
    while (int(m_changes.size()) > m_changeLogCapacity) {
        m_trimmedUpTo = m_changes.front().resourceVersion;
        m_changes.pop_front();
    }
}

int ObjectStore::addListener(std::function<void(const Change&)> listener)
{
    const int id = m_nextListenerId++;
    m_listeners.insert(id, std::move(listener));
    return id;
}

void ObjectStore::removeListener(int id)
{
    m_listeners.remove(id);
}

} // namespace driftline::sandbox
