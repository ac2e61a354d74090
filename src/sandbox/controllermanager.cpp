#include "sandbox/controllermanager.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTimer>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace driftline::sandbox
{

namespace
{

const QString kHashLabel = u"pod-template-hash"_s;
const QString kRevisionAnnotation = u"deployment.kubernetes.io/revision"_s;
const QString kNodeName = u"driftline-sandbox"_s;
const QString kHostIp = u"172.18.0.2"_s;

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

QJsonObject metaOf(const QJsonObject& o)
{
    return o.value(u"metadata"_s).toObject();
}
QString nameOf(const QJsonObject& o)
{
    return metaOf(o).value(u"name"_s).toString();
}
QString nsOf(const QJsonObject& o)
{
    return metaOf(o).value(u"namespace"_s).toString();
}
QString uidOf(const QJsonObject& o)
{
    return metaOf(o).value(u"uid"_s).toString();
}
bool isDeleting(const QJsonObject& o)
{
    return metaOf(o).contains(u"deletionTimestamp"_s);
}
QJsonObject specOf(const QJsonObject& o)
{
    return o.value(u"spec"_s).toObject();
}
QJsonObject statusOf(const QJsonObject& o)
{
    return o.value(u"status"_s).toObject();
}
int replicasOf(const QJsonObject& o)
{
    const QJsonValue v = specOf(o).value(u"replicas"_s);
    return v.isDouble() ? v.toInt() : 1;
}

QString controllerUid(const QJsonObject& o)
{
    for (const QJsonValue& ref : metaOf(o).value(u"ownerReferences"_s).toArray()) {
        if (ref.toObject().value(u"controller"_s).toBool())
            return ref.toObject().value(u"uid"_s).toString();
    }
    return {};
}

QString controllerKind(const QJsonObject& o)
{
    for (const QJsonValue& ref : metaOf(o).value(u"ownerReferences"_s).toArray()) {
        if (ref.toObject().value(u"controller"_s).toBool())
            return ref.toObject().value(u"kind"_s).toString();
    }
    return {};
}

QJsonObject ownerReference(const QJsonObject& owner, const QString& kind, const QString& apiVersion)
{
    return QJsonObject { { u"apiVersion"_s, apiVersion }, { u"kind"_s, kind }, { u"name"_s, nameOf(owner) },
        { u"uid"_s, uidOf(owner) }, { u"controller"_s, true }, { u"blockOwnerDeletion"_s, true } };
}

bool conditionTrue(const QJsonObject& o, const QString& type)
{
    for (const QJsonValue& c : statusOf(o).value(u"conditions"_s).toArray()) {
        if (c.toObject().value(u"type"_s).toString() == type)
            return c.toObject().value(u"status"_s).toString() == u"True"_s;
    }
    return false;
}

bool podReady(const QJsonObject& pod)
{
    return statusOf(pod).value(u"phase"_s).toString() == u"Running"_s && conditionTrue(pod, u"Ready"_s);
}

QString phaseOf(const QJsonObject& pod)
{
    return statusOf(pod).value(u"phase"_s).toString();
}

// The tag of an image reference ("repo/app:broken" -> "broken"); empty without one.
QString imageTag(const QString& image)
{
    const QString ref = image.section(u'@', 0, 0);
    const qsizetype colon = ref.lastIndexOf(u':');
    if (colon < 0 || ref.indexOf(u'/', colon) >= 0)
        return {};
    return ref.mid(colon + 1);
}

bool isBroken(const QJsonObject& container)
{
    return imageTag(container.value(u"image"_s).toString()) == u"broken"_s;
}

QString hexDigest(const QString& seed)
{
    return QString::fromLatin1(QCryptographicHash::hash(seed.toUtf8(), QCryptographicHash::Sha256).toHex());
}

// The API server's random-name alphabet (no vowels, nothing easily confused).
const QString kAlphabet = u"bcdfghjklmnpqrstvwxz2456789"_s;

QString randomSuffix()
{
    QString s;
    for (int i = 0; i < 5; ++i)
        s += kAlphabet.at(QRandomGenerator::global()->bounded(int(kAlphabet.size())));
    return s;
}

// Like the real pod-template-hash: a 32-bit FNV-1a of the template, its decimal
// digits mapped onto the safe alphabet, so names look like "web-7d9c6b5f48".
QString templateHash(const QJsonObject& templ)
{
    quint32 h = 2166136261u;
    for (const char c : QJsonDocument(templ).toJson(QJsonDocument::Compact)) {
        h ^= quint8(c);
        h *= 16777619u;
    }
    QString out;
    for (const QChar digit : QString::number(h))
        out += kAlphabet.at(digit.unicode() % kAlphabet.size());
    return out;
}

// Whether a ReplicaSet runs `templ`: its template without the pod-template-hash
// label, compared as the real controller does, so ReplicaSets made elsewhere
// (a loaded cluster dump) are adopted rather than replaced.
bool runsTemplate(const QJsonObject& rs, const QJsonObject& templ)
{
    QJsonObject own = specOf(rs).value(u"template"_s).toObject();
    QJsonObject meta = own.value(u"metadata"_s).toObject();
    QJsonObject labels = meta.value(u"labels"_s).toObject();
    labels.remove(kHashLabel);
    meta.insert(u"labels"_s, labels);
    own.insert(u"metadata"_s, meta);
    QJsonObject wanted = templ;
    QJsonObject wantedMeta = wanted.value(u"metadata"_s).toObject();
    wantedMeta.insert(u"labels"_s, wantedMeta.value(u"labels"_s).toObject());
    wanted.insert(u"metadata"_s, wantedMeta);
    return own == wanted;
}

bool labelsMatch(const QJsonObject& selector, const QJsonObject& labels)
{
    for (auto it = selector.begin(); it != selector.end(); ++it) {
        if (labels.value(it.key()) != it.value())
            return false;
    }
    return true;
}

QJsonObject condition(const QString& type, bool status, const QString& reason = {}, const QString& message = {})
{
    QJsonObject c { { u"type"_s, type }, { u"status"_s, status ? u"True"_s : u"False"_s },
        { u"lastProbeTime"_s, QJsonValue::Null }, { u"lastTransitionTime"_s, now() } };
    if (!reason.isEmpty())
        c.insert(u"reason"_s, reason);
    if (!message.isEmpty())
        c.insert(u"message"_s, message);
    return c;
}

// A workload condition that keeps its times while nothing about it changes.
QJsonObject workloadCondition(const QJsonObject& previousStatus, const QString& type, const QString& status,
    const QString& reason, const QString& message)
{
    QJsonObject previous;
    for (const QJsonValue& c : previousStatus.value(u"conditions"_s).toArray()) {
        if (c.toObject().value(u"type"_s).toString() == type)
            previous = c.toObject();
    }
    const QString stamp = now();
    QString transition = stamp;
    QString update = stamp;
    if (previous.value(u"status"_s).toString() == status) {
        transition = previous.value(u"lastTransitionTime"_s).toString(stamp);
        if (previous.value(u"reason"_s).toString() == reason && previous.value(u"message"_s).toString() == message)
            update = previous.value(u"lastUpdateTime"_s).toString(stamp);
    }
    return QJsonObject { { u"type"_s, type }, { u"status"_s, status }, { u"lastUpdateTime"_s, update },
        { u"lastTransitionTime"_s, transition }, { u"reason"_s, reason }, { u"message"_s, message } };
}

void insertNonZero(QJsonObject& o, const QString& key, int value)
{
    if (value != 0)
        o.insert(key, value);
}

// maxUnavailable of a RollingUpdate Deployment, resolved against `desired` (25% by default).
int maxUnavailable(const QJsonObject& deployment, int desired)
{
    const QJsonObject strategy = specOf(deployment).value(u"strategy"_s).toObject();
    if (strategy.value(u"type"_s).toString() == u"Recreate"_s)
        return 0;
    const QJsonValue v = strategy.value(u"rollingUpdate"_s).toObject().value(u"maxUnavailable"_s);
    if (v.isDouble())
        return std::clamp(v.toInt(), 0, desired);
    QString pct = v.isString() ? v.toString() : u"25%"_s;
    pct.chop(1);
    return std::clamp(desired * pct.toInt() / 100, 0, desired);
}

} // namespace

ControllerManager::ControllerManager(ObjectStore& store, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_wakeTimer(new QTimer(this))
{
    m_wakeTimer->setSingleShot(true);
    connect(m_wakeTimer, &QTimer::timeout, this, &ControllerManager::reconcile);
    m_listenerId = m_store.addListener([this](const ObjectStore::Change& change) { onChange(change); });
    schedule();
}

ControllerManager::~ControllerManager()
{
    m_store.removeListener(m_listenerId);
}

void ControllerManager::setEnabled(bool enabled)
{
    m_enabled = enabled;
    if (enabled)
        schedule();
    else
        m_wakeTimer->stop();
}

void ControllerManager::reconcileNow()
{
    reconcile();
}

void ControllerManager::onChange(const ObjectStore::Change& change)
{
    if (change.type == ObjectStore::Change::Type::Deleted && change.resource == u"pods"_s) {
        const QString uid = uidOf(change.object);
        m_podStartAt.remove(uid);
        m_crashAt.remove(uid);
    }
    // Our own writes are followed up by the pass itself (see reconcile()).
    if (!m_enabled || m_inPass)
        return;
    static const QStringList relevant { u"deployments"_s, u"replicasets"_s, u"statefulsets"_s, u"jobs"_s,
        u"pods"_s, u"services"_s, u"endpoints"_s, u"ingresses"_s, u"horizontalpodautoscalers"_s,
        u"customresourcedefinitions"_s };
    if (relevant.contains(change.resource))
        schedule();
}

void ControllerManager::schedule()
{
    if (m_scheduled || !m_enabled)
        return;
    m_scheduled = true;
    // Queued, never inside the store's listener call: the writer's own call stack
    // (an HTTP handler, a test) finishes first, as with a real controller.
    QTimer::singleShot(0, this, [this] {
        if (m_scheduled)
            reconcile();
    });
}

void ControllerManager::wakeAt(Clock::time_point when)
{
    m_nextWake = std::min(m_nextWake, when);
}

void ControllerManager::reconcile()
{
    m_scheduled = false;
    if (!m_enabled || m_inPass)
        return;
    m_inPass = true;
    m_nextWake = Clock::time_point::max();
    bool changed = false;
    // Spec first (what should exist), then pods' lifecycle, then statuses that count them.
    changed |= syncDeployments();
    changed |= syncReplicaSets();
    changed |= syncStatefulSets();
    changed |= syncJobs();
    changed |= syncPods();
    changed |= syncReplicaSetStatus();
    changed |= syncStatefulSetStatus();
    changed |= syncJobStatus();
    changed |= syncDeploymentStatus();
    changed |= syncEndpoints();
    changed |= syncLoadBalancerAddresses();
    changed |= syncAutoscalers();
    changed |= syncCustomResourceDefinitions();
    m_inPass = false;
    // Level-triggered: a pass that wrote something runs again until one writes nothing.
    if (changed)
        schedule();
    if (m_nextWake != Clock::time_point::max()) {
        const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(m_nextWake - Clock::now());
        m_wakeTimer->start(std::max(wait, std::chrono::milliseconds(1)));
    }
    if (changed)
        emit reconciled();
}

// The apiextensions server's naming and establishing controllers: a new CRD's names
// are accepted and it is Established, as on a real server a moment after creation
// (the sandbox has no name conflicts to report).
bool ControllerManager::syncCustomResourceDefinitions()
{
    const auto type = m_store.findType(u"apiextensions.k8s.io"_s, u"v1"_s, u"customresourcedefinitions"_s);
    if (!type)
        return false;
    bool changed = false;
    for (const QJsonObject& crd : all(u"apiextensions.k8s.io"_s, u"customresourcedefinitions"_s)) {
        if (isDeleting(crd))
            continue;
        const QJsonObject spec = specOf(crd);
        QJsonObject names = spec.value(u"names"_s).toObject();
        const QString kind = names.value(u"kind"_s).toString();
        if (!names.contains(u"singular"_s))
            names.insert(u"singular"_s, kind.toLower());
        if (!names.contains(u"listKind"_s))
            names.insert(u"listKind"_s, QString(kind + u"List"_s));
        QJsonArray stored;
        for (const QJsonValue& v : spec.value(u"versions"_s).toArray()) {
            if (v.toObject().value(u"storage"_s).toBool())
                stored.append(v.toObject().value(u"name"_s));
        }
        const QJsonObject previous = statusOf(crd);
        QJsonObject established;
        for (const QJsonValue& c : previous.value(u"conditions"_s).toArray()) {
            if (c.toObject().value(u"type"_s).toString() == u"Established"_s)
                established = c.toObject();
        }
        if (established.value(u"status"_s).toString() == u"True"_s
            && previous.value(u"acceptedNames"_s).toObject() == names)
            continue;
        const QJsonObject status { { u"conditions"_s,
                                       QJsonArray { QJsonObject { { u"type"_s, u"NamesAccepted"_s },
                                                        { u"status"_s, u"True"_s }, { u"lastTransitionTime"_s, now() },
                                                        { u"reason"_s, u"NoConflicts"_s },
                                                        { u"message"_s, u"no conflicts found"_s } },
                                           QJsonObject { { u"type"_s, u"Established"_s }, { u"status"_s, u"True"_s },
                                               { u"lastTransitionTime"_s, now() },
                                               { u"reason"_s, u"InitialNamesAccepted"_s },
                                               { u"message"_s, u"the initial names have been accepted"_s } } } },
            { u"acceptedNames"_s, names }, { u"storedVersions"_s, stored } };
        QJsonObject object = crd;
        object.insert(u"status"_s, status);
        QJsonObject meta = metaOf(object);
        meta.remove(u"resourceVersion"_s);
        object.insert(u"metadata"_s, meta);
        ObjectStore::WriteOptions options;
        options.fieldManager = u"kube-apiserver"_s;
        options.subresource = u"status"_s;
        changed |= m_store.update(*type, QString(), nameOf(object), object, options).has_value();
    }
    return changed;
}

QList<QJsonObject> ControllerManager::all(const QString& group, const QString& plural) const
{
    const auto type = m_store.findType(group, u"v1"_s, plural); // every kind driven here is v1
    if (!type)
        return {};
    const auto page = m_store.list(*type, ObjectStore::ListOptions {});
    return page ? page->items : QList<QJsonObject> {};
}

bool ControllerManager::writeStatus(const ResourceType& type, QJsonObject object, const QJsonObject& status)
{
    if (object.value(u"status"_s).toObject() == status)
        return false;
    object.insert(u"status"_s, status);
    QJsonObject meta = metaOf(object);
    meta.remove(u"resourceVersion"_s); // single-threaded: no one can have written in between
    object.insert(u"metadata"_s, meta);
    ObjectStore::WriteOptions options;
    options.fieldManager = type.plural == u"pods"_s ? u"kubelet"_s : fieldManager();
    options.subresource = u"status"_s;
    return m_store.update(type, nsOf(object), nameOf(object), object, options).has_value();
}

bool ControllerManager::createPod(const QJsonObject& owner, const QString& ownerKind,
    const QString& ownerApiVersion, const QString& name, const QJsonObject& templ, const QJsonObject& extraLabels)
{
    const auto podType = m_store.findType(QString(), u"v1"_s, u"pods"_s);
    const QJsonObject templMeta = templ.value(u"metadata"_s).toObject();
    QJsonObject labels = templMeta.value(u"labels"_s).toObject();
    for (auto it = extraLabels.begin(); it != extraLabels.end(); ++it)
        labels.insert(it.key(), it.value());
    QJsonObject meta { { u"name"_s, name }, { u"namespace"_s, nsOf(owner) }, { u"labels"_s, labels },
        { u"ownerReferences"_s, QJsonArray { ownerReference(owner, ownerKind, ownerApiVersion) } } };
    if (templMeta.contains(u"annotations"_s))
        meta.insert(u"annotations"_s, templMeta.value(u"annotations"_s));
    if (ownerKind == u"ReplicaSet"_s || ownerKind == u"Job"_s)
        meta.insert(u"generateName"_s, name.left(name.size() - 5));
    QJsonObject spec = templ.value(u"spec"_s).toObject();
    spec.insert(u"nodeName"_s, kNodeName); // "scheduled" at once
    ObjectStore::WriteOptions options;
    options.fieldManager = fieldManager();
    return m_store.create(*podType, nsOf(owner), QJsonObject { { u"metadata"_s, meta }, { u"spec"_s, spec } }, options)
        .has_value();
}

bool ControllerManager::syncDeployments()
{
    const auto rsType = m_store.findType(u"apps"_s, u"v1"_s, u"replicasets"_s);
    bool changed = false;
    const QList<QJsonObject> replicaSets = all(u"apps"_s, u"replicasets"_s);
    for (const QJsonObject& d : all(u"apps"_s, u"deployments"_s)) {
        if (isDeleting(d) || specOf(d).value(u"paused"_s).toBool())
            continue;
        const int desired = replicasOf(d);
        const QJsonObject templ = specOf(d).value(u"template"_s).toObject();
        const QString hash = templateHash(templ);
        QList<QJsonObject> owned;
        std::optional<QJsonObject> newRs;
        int maxRevision = 0;
        for (const QJsonObject& rs : replicaSets) {
            if (nsOf(rs) != nsOf(d) || controllerUid(rs) != uidOf(d))
                continue;
            maxRevision = std::max(maxRevision, metaOf(rs).value(u"annotations"_s).toObject()
                    .value(kRevisionAnnotation).toString().toInt());
            // The hash label is the fallback, in case defaulting made the copies differ.
            if (!newRs && (runsTemplate(rs, templ) || metaOf(rs).value(u"labels"_s).toObject().value(kHashLabel) == hash))
                newRs = rs;
            else
                owned.append(rs);
        }
        ObjectStore::WriteOptions options;
        options.fieldManager = fieldManager();
        auto annotations = [&](int revision) {
            return QJsonObject { { u"deployment.kubernetes.io/desired-replicas"_s, QString::number(desired) },
                { u"deployment.kubernetes.io/max-replicas"_s,
                    QString::number(desired + (maxUnavailable(d, desired) > 0 ? 1 : 0)) },
                { kRevisionAnnotation, QString::number(revision) } };
        };
        if (!newRs) {
            QJsonObject newTempl = templ;
            QJsonObject templMeta = newTempl.value(u"metadata"_s).toObject();
            QJsonObject labels = templMeta.value(u"labels"_s).toObject();
            labels.insert(kHashLabel, hash);
            templMeta.insert(u"labels"_s, labels);
            newTempl.insert(u"metadata"_s, templMeta);
            QJsonObject selector = specOf(d).value(u"selector"_s).toObject();
            QJsonObject matchLabels = selector.value(u"matchLabels"_s).toObject();
            matchLabels.insert(kHashLabel, hash);
            selector.insert(u"matchLabels"_s, matchLabels);
            QJsonObject spec { { u"replicas"_s, desired }, { u"selector"_s, selector }, { u"template"_s, newTempl } };
            if (specOf(d).contains(u"minReadySeconds"_s))
                spec.insert(u"minReadySeconds"_s, specOf(d).value(u"minReadySeconds"_s));
            const QJsonObject rs { { u"metadata"_s,
                                       QJsonObject { { u"name"_s, QString(nameOf(d) + u'-' + hash) },
                                           { u"namespace"_s, nsOf(d) }, { u"labels"_s, labels },
                                           { u"annotations"_s, annotations(maxRevision + 1) },
                                           { u"ownerReferences"_s,
                                               QJsonArray { ownerReference(d, u"Deployment"_s, u"apps/v1"_s) } } } },
                { u"spec"_s, spec } };
            const auto created = m_store.create(*rsType, nsOf(d), rs, options);
            if (!created)
                continue;
            newRs = *created;
            changed = true;
        } else if (replicasOf(*newRs) != desired) {
            QJsonObject rs = *newRs;
            QJsonObject spec = specOf(rs);
            spec.insert(u"replicas"_s, desired);
            rs.insert(u"spec"_s, spec);
            QJsonObject meta = metaOf(rs);
            QJsonObject ann = meta.value(u"annotations"_s).toObject();
            const QJsonObject fresh = annotations(ann.value(kRevisionAnnotation).toString().toInt());
            for (auto it = fresh.begin(); it != fresh.end(); ++it)
                ann.insert(it.key(), it.value());
            meta.insert(u"annotations"_s, ann);
            meta.remove(u"resourceVersion"_s);
            rs.insert(u"metadata"_s, meta);
            if (auto updated = m_store.update(*rsType, nsOf(rs), nameOf(rs), rs, options)) {
                newRs = *updated;
                changed = true;
            }
        }
        // A simplified rolling update: old ReplicaSets give up one pod for each new pod
        // that is ready, newest old ReplicaSet last; so a broken new template never
        // takes the old pods down.
        const int newReady = statusOf(*newRs).value(u"readyReplicas"_s).toInt();
        int oldBudget = std::max(0, desired - newReady);
        std::sort(owned.begin(), owned.end(), [](const QJsonObject& a, const QJsonObject& b) {
            return metaOf(a).value(u"annotations"_s).toObject().value(kRevisionAnnotation).toString().toInt()
                > metaOf(b).value(u"annotations"_s).toObject().value(kRevisionAnnotation).toString().toInt();
        });
        for (QJsonObject rs : owned) {
            const int target = std::min(replicasOf(rs), oldBudget);
            oldBudget -= target;
            if (target == replicasOf(rs))
                continue;
            QJsonObject spec = specOf(rs);
            spec.insert(u"replicas"_s, target);
            rs.insert(u"spec"_s, spec);
            QJsonObject meta = metaOf(rs);
            meta.remove(u"resourceVersion"_s);
            rs.insert(u"metadata"_s, meta);
            changed |= m_store.update(*rsType, nsOf(rs), nameOf(rs), rs, options).has_value();
        }
    }
    return changed;
}

bool ControllerManager::syncReplicaSets()
{
    const auto podType = m_store.findType(QString(), u"v1"_s, u"pods"_s);
    const QList<QJsonObject> pods = all(QString(), u"pods"_s);
    QSet<QString> deploymentUids;
    for (const QJsonObject& d : all(u"apps"_s, u"deployments"_s))
        deploymentUids.insert(uidOf(d));
    bool changed = false;
    for (const QJsonObject& rs : all(u"apps"_s, u"replicasets"_s)) {
        // An orphan of a deleted Deployment is the garbage collector's, not ours to refill.
        if (isDeleting(rs)
            || (controllerKind(rs) == u"Deployment"_s && !deploymentUids.contains(controllerUid(rs))))
            continue;
        QList<QJsonObject> mine;
        for (const QJsonObject& pod : pods) {
            if (!isDeleting(pod) && nsOf(pod) == nsOf(rs) && controllerUid(pod) == uidOf(rs))
                mine.append(pod);
        }
        const int want = replicasOf(rs);
        const QJsonObject templ = specOf(rs).value(u"template"_s).toObject();
        for (qsizetype i = mine.size(); i < want; ++i)
            changed |= createPod(rs, u"ReplicaSet"_s, u"apps/v1"_s, nameOf(rs) + u'-' + randomSuffix(), templ, {});
        if (mine.size() > want) {
            // Scale down the way the real controller prefers: not ready first, then the newest.
            std::sort(mine.begin(), mine.end(), [](const QJsonObject& a, const QJsonObject& b) {
                if (podReady(a) != podReady(b))
                    return !podReady(a);
                return metaOf(a).value(u"creationTimestamp"_s).toString()
                    > metaOf(b).value(u"creationTimestamp"_s).toString();
            });
            for (qsizetype i = 0; i < mine.size() - want; ++i)
                changed |= m_store.remove(*podType, nsOf(mine.at(i)), nameOf(mine.at(i))).has_value();
        }
    }
    return changed;
}

bool ControllerManager::syncStatefulSets()
{
    const auto podType = m_store.findType(QString(), u"v1"_s, u"pods"_s);
    const QList<QJsonObject> pods = all(QString(), u"pods"_s);
    bool changed = false;
    for (const QJsonObject& sts : all(u"apps"_s, u"statefulsets"_s)) {
        if (isDeleting(sts))
            continue;
        const QString name = nameOf(sts);
        const int want = replicasOf(sts);
        const QJsonObject spec = specOf(sts);
        const QJsonObject templ = spec.value(u"template"_s).toObject();
        const QString revision = name + u'-' + templateHash(templ);
        const bool parallel = spec.value(u"podManagementPolicy"_s).toString() == u"Parallel"_s;
        QMap<int, QJsonObject> byOrdinal;
        for (const QJsonObject& pod : pods) {
            if (isDeleting(pod) || nsOf(pod) != nsOf(sts) || controllerUid(pod) != uidOf(sts))
                continue;
            bool ok = false;
            const int ordinal = nameOf(pod).mid(name.size() + 1).toInt(&ok);
            if (ok)
                byOrdinal.insert(ordinal, pod);
        }
        // Create in order; OrderedReady waits for each pod to be ready before the next.
        bool blocked = false;
        for (int i = 0; i < want && !blocked; ++i) {
            const QString podName = name + u'-' + QString::number(i);
            if (!byOrdinal.contains(i)) {
                QJsonObject podTempl = templ;
                QJsonObject podSpec = podTempl.value(u"spec"_s).toObject();
                podSpec.insert(u"hostname"_s, podName);
                if (spec.contains(u"serviceName"_s))
                    podSpec.insert(u"subdomain"_s, spec.value(u"serviceName"_s));
                podTempl.insert(u"spec"_s, podSpec);
                changed |= createPod(sts, u"StatefulSet"_s, u"apps/v1"_s, podName, podTempl,
                    QJsonObject { { u"controller-revision-hash"_s, revision },
                        { u"statefulset.kubernetes.io/pod-name"_s, podName },
                        { u"apps.kubernetes.io/pod-index"_s, QString::number(i) } });
                blocked = !parallel;
            } else if (!parallel && !podReady(byOrdinal.value(i))) {
                blocked = true;
            }
        }
        // Scale down from the highest ordinal.
        for (auto it = byOrdinal.end(); it != byOrdinal.begin();) {
            --it;
            if (it.key() < want)
                break;
            changed |= m_store.remove(*podType, nsOf(*it), nameOf(*it)).has_value();
            if (!parallel)
                break;
        }
        // Rolling update: once all are ready, replace the highest pod of an older revision.
        if (!blocked && byOrdinal.size() == want) {
            bool allReady = true;
            for (const QJsonObject& pod : std::as_const(byOrdinal))
                allReady &= podReady(pod);
            for (auto it = byOrdinal.end(); allReady && it != byOrdinal.begin();) {
                --it;
                if (metaOf(*it).value(u"labels"_s).toObject().value(u"controller-revision-hash"_s).toString()
                    != revision) {
                    changed |= m_store.remove(*podType, nsOf(*it), nameOf(*it)).has_value();
                    break;
                }
            }
        }
    }
    return changed;
}

bool ControllerManager::syncJobs()
{
    const QList<QJsonObject> pods = all(QString(), u"pods"_s);
    bool changed = false;
    for (const QJsonObject& job : all(u"batch"_s, u"jobs"_s)) {
        if (isDeleting(job) || conditionTrue(job, u"Complete"_s) || conditionTrue(job, u"Failed"_s)
            || specOf(job).value(u"suspend"_s).toBool())
            continue;
        const int completions = specOf(job).value(u"completions"_s).toInt(1);
        const int parallelism = specOf(job).value(u"parallelism"_s).toInt(1);
        int succeeded = 0;
        int active = 0;
        for (const QJsonObject& pod : pods) {
            if (isDeleting(pod) || nsOf(pod) != nsOf(job) || controllerUid(pod) != uidOf(job))
                continue;
            const QString phase = phaseOf(pod);
            succeeded += phase == u"Succeeded"_s ? 1 : 0;
            active += (phase != u"Succeeded"_s && phase != u"Failed"_s) ? 1 : 0;
        }
        const QJsonObject jobLabels { { u"batch.kubernetes.io/controller-uid"_s, uidOf(job) },
            { u"batch.kubernetes.io/job-name"_s, nameOf(job) }, { u"controller-uid"_s, uidOf(job) },
            { u"job-name"_s, nameOf(job) } };
        while (succeeded + active < completions && active < parallelism) {
            changed |= createPod(job, u"Job"_s, u"batch/v1"_s, nameOf(job) + u'-' + randomSuffix(),
                specOf(job).value(u"template"_s).toObject(), jobLabels);
            ++active;
        }
    }
    return changed;
}

QString ControllerManager::containerConfigError(const QJsonObject& container, const QString& ns) const
{
    // The kubelet's own wording (kuberuntime's makeEnvironmentVariables).
    const auto lookup = [&](bool secret, const QJsonObject& ref, const QString& key) -> QString {
        if (ref.value(u"optional"_s).toBool())
            return {};
        const QString name = ref.value(u"name"_s).toString();
        const auto type = m_store.findType(QString(), u"v1"_s, secret ? u"secrets"_s : u"configmaps"_s);
        if (!type)
            return {};
        const auto object = m_store.get(*type, ns, name);
        if (!object)
            return secret ? u"secret \"%1\" not found"_s.arg(name) : u"configmap \"%1\" not found"_s.arg(name);
        if (key.isEmpty())
            return {};
        const QJsonObject data = object->value(u"data"_s).toObject();
        if (data.contains(key) || object->value(u"binaryData"_s).toObject().contains(key))
            return {};
        return u"couldn't find key %1 in %2 %3/%4"_s.arg(key, secret ? u"Secret"_s : u"ConfigMap"_s, ns, name);
    };
    for (const QJsonValue& e : container.value(u"env"_s).toArray()) {
        const QJsonObject from = e.toObject().value(u"valueFrom"_s).toObject();
        for (const bool secret : { false, true }) {
            const QJsonObject ref = from.value(secret ? u"secretKeyRef"_s : u"configMapKeyRef"_s).toObject();
            if (ref.isEmpty())
                continue;
            if (QString error = lookup(secret, ref, ref.value(u"key"_s).toString()); !error.isEmpty())
                return error;
        }
    }
    for (const QJsonValue& e : container.value(u"envFrom"_s).toArray()) {
        for (const bool secret : { false, true }) {
            const QJsonObject ref = e.toObject().value(secret ? u"secretRef"_s : u"configMapRef"_s).toObject();
            if (ref.isEmpty())
                continue;
            if (QString error = lookup(secret, ref, {}); !error.isEmpty())
                return error;
        }
    }
    return {};
}

bool ControllerManager::syncPods()
{
    const auto podType = m_store.findType(QString(), u"v1"_s, u"pods"_s);
    const auto t = Clock::now();
    bool changed = false;
    for (const QJsonObject& pod : all(QString(), u"pods"_s)) {
        if (isDeleting(pod))
            continue;
        const QString uid = uidOf(pod);
        const QJsonObject spec = specOf(pod);
        const QJsonArray containers = spec.value(u"containers"_s).toArray();
        const QJsonObject previous = statusOf(pod);
        const QString phase = previous.value(u"phase"_s).toString();
        const QString podRef = nameOf(pod) + u'_' + nsOf(pod) + u'(' + uid + u')';
        QStringList brokenNames;
        for (const QJsonValue& c : containers) {
            if (isBroken(c.toObject()))
                brokenNames.append(c.toObject().value(u"name"_s).toString());
        }

        if (phase.isEmpty()) {
            QJsonArray statuses;
            for (const QJsonValue& c : containers) {
                statuses.append(QJsonObject { { u"name"_s, c.toObject().value(u"name"_s) },
                    { u"image"_s, c.toObject().value(u"image"_s) }, { u"imageID"_s, QString() },
                    { u"ready"_s, false }, { u"restartCount"_s, 0 }, { u"started"_s, false },
                    { u"state"_s,
                        QJsonObject { { u"waiting"_s, QJsonObject { { u"reason"_s, u"ContainerCreating"_s } } } } } });
            }
            const QJsonObject status { { u"phase"_s, u"Pending"_s }, { u"qosClass"_s, u"BestEffort"_s },
                { u"hostIP"_s, kHostIp }, { u"hostIPs"_s, QJsonArray { QJsonObject { { u"ip"_s, kHostIp } } } },
                { u"startTime"_s, now() }, { u"conditions"_s, QJsonArray { condition(u"PodScheduled"_s, true) } },
                { u"containerStatuses"_s, statuses } };
            changed |= writeStatus(*podType, pod, status);
            m_podStartAt.insert(uid, t + m_podStartDelay);
            wakeAt(t + m_podStartDelay);
            continue;
        }

        if (phase == u"Pending"_s) {
            if (!m_podStartAt.contains(uid))
                m_podStartAt.insert(uid, t + m_podStartDelay);
            const auto due = m_podStartAt.value(uid);
            if (t < due) {
                wakeAt(due);
                continue;
            }
            // A container whose ConfigMap or Secret reference does not resolve never
            // starts: the pod stays Pending with CreateContainerConfigError, retried.
            QHash<QString, QString> configErrors;
            for (const QJsonValue& cv : containers) {
                const QString error = containerConfigError(cv.toObject(), nsOf(pod));
                if (!error.isEmpty())
                    configErrors.insert(cv.toObject().value(u"name"_s).toString(), error);
            }
            if (!configErrors.isEmpty()) {
                m_podStartAt.insert(uid, t + m_crashInterval);
                wakeAt(t + m_crashInterval);
                QHash<QString, QString> reported;
                for (const QJsonValue& s : previous.value(u"containerStatuses"_s).toArray()) {
                    const QJsonObject waiting = s.toObject().value(u"state"_s).toObject().value(u"waiting"_s).toObject();
                    if (waiting.value(u"reason"_s).toString() == u"CreateContainerConfigError"_s)
                        reported.insert(s.toObject().value(u"name"_s).toString(), waiting.value(u"message"_s).toString());
                }
                if (reported == configErrors)
                    continue;
                QJsonArray statuses;
                for (const QJsonValue& cv : containers) {
                    const QJsonObject c = cv.toObject();
                    const QString cname = c.value(u"name"_s).toString();
                    const QJsonObject waiting = configErrors.contains(cname)
                        ? QJsonObject { { u"reason"_s, u"CreateContainerConfigError"_s },
                              { u"message"_s, configErrors.value(cname) } }
                        : QJsonObject { { u"reason"_s, u"ContainerCreating"_s } };
                    statuses.append(QJsonObject { { u"name"_s, cname }, { u"image"_s, c.value(u"image"_s) },
                        { u"imageID"_s, QString() }, { u"ready"_s, false }, { u"restartCount"_s, 0 },
                        { u"started"_s, false }, { u"state"_s, QJsonObject { { u"waiting"_s, waiting } } } });
                }
                QStringList names = configErrors.keys();
                names.sort();
                const QString notReady = u"containers with unready status: [%1]"_s.arg(names.join(u' '));
                QJsonObject status = previous;
                status.insert(u"containerStatuses"_s, statuses);
                status.insert(u"conditions"_s,
                    QJsonArray { condition(u"PodReadyToStartContainers"_s, true), condition(u"Initialized"_s, true),
                        condition(u"Ready"_s, false, u"ContainersNotReady"_s, notReady),
                        condition(u"ContainersReady"_s, false, u"ContainersNotReady"_s, notReady),
                        condition(u"PodScheduled"_s, true) });
                changed |= writeStatus(*podType, pod, status);
                continue;
            }
            const QString ip = u"10.42.0.%1"_s.arg(m_nextPodIp++ % 250 + 2);
            const QString stamp = now();
            QJsonArray statuses;
            for (const QJsonValue& cv : containers) {
                const QJsonObject c = cv.toObject();
                const QString cname = c.value(u"name"_s).toString();
                const QString image = c.value(u"image"_s).toString();
                const QString containerId = u"containerd://"_s + hexDigest(uid + cname);
                QJsonObject s { { u"name"_s, cname }, { u"image"_s, image },
                    { u"imageID"_s, QString(image.section(u':', 0, 0) + u"@sha256:"_s + hexDigest(image)) },
                    { u"containerID"_s, containerId } };
                if (isBroken(c)) {
                    s.insert(u"ready"_s, false);
                    s.insert(u"started"_s, false);
                    s.insert(u"restartCount"_s, 1);
                    s.insert(u"lastState"_s,
                        QJsonObject { { u"terminated"_s,
                            QJsonObject { { u"containerID"_s, containerId }, { u"exitCode"_s, 1 },
                                { u"reason"_s, u"Error"_s }, { u"startedAt"_s, stamp },
                                { u"finishedAt"_s, stamp } } } });
                    s.insert(u"state"_s,
                        QJsonObject { { u"waiting"_s,
                            QJsonObject { { u"reason"_s, u"CrashLoopBackOff"_s },
                                { u"message"_s,
                                    u"back-off 10s restarting failed container=%1 pod=%2"_s.arg(cname, podRef) } } } });
                } else {
                    s.insert(u"ready"_s, true);
                    s.insert(u"started"_s, true);
                    s.insert(u"restartCount"_s, 0);
                    s.insert(u"lastState"_s, QJsonObject {});
                    s.insert(u"state"_s, QJsonObject { { u"running"_s, QJsonObject { { u"startedAt"_s, stamp } } } });
                }
                statuses.append(s);
            }
            const bool ready = brokenNames.isEmpty();
            const QString notReady = u"containers with unready status: [%1]"_s.arg(brokenNames.join(u' '));
            QJsonObject status = previous;
            status.insert(u"phase"_s, u"Running"_s);
            status.insert(u"podIP"_s, ip);
            status.insert(u"podIPs"_s, QJsonArray { QJsonObject { { u"ip"_s, ip } } });
            status.insert(u"containerStatuses"_s, statuses);
            status.insert(u"conditions"_s,
                QJsonArray { condition(u"PodReadyToStartContainers"_s, true), condition(u"Initialized"_s, true),
                    ready ? condition(u"Ready"_s, true)
                          : condition(u"Ready"_s, false, u"ContainersNotReady"_s, notReady),
                    ready ? condition(u"ContainersReady"_s, true)
                          : condition(u"ContainersReady"_s, false, u"ContainersNotReady"_s, notReady),
                    condition(u"PodScheduled"_s, true) });
            changed |= writeStatus(*podType, pod, status);
            m_podStartAt.remove(uid);
            if (!ready) {
                m_crashAt.insert(uid, t + m_crashInterval);
                wakeAt(t + m_crashInterval);
            } else if (spec.value(u"restartPolicy"_s).toString() == u"Never"_s
                || spec.value(u"restartPolicy"_s).toString() == u"OnFailure"_s) {
                // Run-to-completion pods (Jobs) finish one more start delay later.
                m_podStartAt.insert(uid, t + m_podStartDelay);
                wakeAt(t + m_podStartDelay);
            }
            continue;
        }

        if (phase == u"Running"_s && m_crashAt.contains(uid)) {
            const auto due = m_crashAt.value(uid);
            if (t < due) {
                wakeAt(due);
                continue;
            }
            QJsonArray statuses = previous.value(u"containerStatuses"_s).toArray();
            for (qsizetype i = 0; i < statuses.size(); ++i) {
                QJsonObject s = statuses.at(i).toObject();
                if (!brokenNames.contains(s.value(u"name"_s).toString()))
                    continue;
                s.insert(u"restartCount"_s, s.value(u"restartCount"_s).toInt() + 1);
                statuses.replace(i, s);
            }
            QJsonObject status = previous;
            status.insert(u"containerStatuses"_s, statuses);
            changed |= writeStatus(*podType, pod, status);
            m_crashAt.insert(uid, t + m_crashInterval);
            wakeAt(t + m_crashInterval);
            continue;
        }

        if (phase == u"Running"_s && m_podStartAt.contains(uid)) {
            const auto due = m_podStartAt.value(uid);
            if (t < due) {
                wakeAt(due);
                continue;
            }
            m_podStartAt.remove(uid);
            const QString stamp = now();
            QJsonArray statuses = previous.value(u"containerStatuses"_s).toArray();
            for (qsizetype i = 0; i < statuses.size(); ++i) {
                QJsonObject s = statuses.at(i).toObject();
                const QString startedAt = s.value(u"state"_s).toObject().value(u"running"_s).toObject()
                                              .value(u"startedAt"_s).toString(stamp);
                s.insert(u"ready"_s, false);
                s.insert(u"started"_s, false);
                s.insert(u"state"_s,
                    QJsonObject { { u"terminated"_s,
                        QJsonObject { { u"containerID"_s, s.value(u"containerID"_s) }, { u"exitCode"_s, 0 },
                            { u"reason"_s, u"Completed"_s }, { u"startedAt"_s, startedAt },
                            { u"finishedAt"_s, stamp } } } });
                statuses.replace(i, s);
            }
            QJsonObject status = previous;
            status.insert(u"phase"_s, u"Succeeded"_s);
            status.insert(u"containerStatuses"_s, statuses);
            status.insert(u"conditions"_s,
                QJsonArray { condition(u"PodReadyToStartContainers"_s, false),
                    condition(u"Initialized"_s, true, u"PodCompleted"_s),
                    condition(u"Ready"_s, false, u"PodCompleted"_s),
                    condition(u"ContainersReady"_s, false, u"PodCompleted"_s), condition(u"PodScheduled"_s, true) });
            changed |= writeStatus(*podType, pod, status);
        }
    }
    return changed;
}

bool ControllerManager::syncReplicaSetStatus()
{
    const auto rsType = m_store.findType(u"apps"_s, u"v1"_s, u"replicasets"_s);
    const QList<QJsonObject> pods = all(QString(), u"pods"_s);
    bool changed = false;
    for (const QJsonObject& rs : all(u"apps"_s, u"replicasets"_s)) {
        if (controllerKind(rs) != u"Deployment"_s && !specOf(rs).contains(u"template"_s))
            continue;
        int count = 0;
        int ready = 0;
        for (const QJsonObject& pod : pods) {
            if (isDeleting(pod) || nsOf(pod) != nsOf(rs) || controllerUid(pod) != uidOf(rs))
                continue;
            ++count;
            ready += podReady(pod) ? 1 : 0;
        }
        QJsonObject status { { u"replicas"_s, count },
            { u"observedGeneration"_s, metaOf(rs).value(u"generation"_s).toInt(1) } };
        insertNonZero(status, u"fullyLabeledReplicas"_s, count);
        insertNonZero(status, u"readyReplicas"_s, ready);
        insertNonZero(status, u"availableReplicas"_s, ready);
        changed |= writeStatus(*rsType, rs, status);
    }
    return changed;
}

bool ControllerManager::syncStatefulSetStatus()
{
    const auto stsType = m_store.findType(u"apps"_s, u"v1"_s, u"statefulsets"_s);
    const QList<QJsonObject> pods = all(QString(), u"pods"_s);
    bool changed = false;
    for (const QJsonObject& sts : all(u"apps"_s, u"statefulsets"_s)) {
        const QString revision
            = nameOf(sts) + u'-' + templateHash(specOf(sts).value(u"template"_s).toObject());
        int count = 0, ready = 0, updated = 0;
        for (const QJsonObject& pod : pods) {
            if (isDeleting(pod) || nsOf(pod) != nsOf(sts) || controllerUid(pod) != uidOf(sts))
                continue;
            ++count;
            ready += podReady(pod) ? 1 : 0;
            updated += metaOf(pod).value(u"labels"_s).toObject().value(u"controller-revision-hash"_s).toString()
                    == revision
                ? 1
                : 0;
        }
        const QJsonObject previous = statusOf(sts);
        const bool done = updated == count && count == replicasOf(sts);
        const QString current = done ? revision : previous.value(u"currentRevision"_s).toString(revision);
        QJsonObject status { { u"observedGeneration"_s, metaOf(sts).value(u"generation"_s).toInt(1) },
            { u"replicas"_s, count }, { u"availableReplicas"_s, ready }, { u"currentRevision"_s, current },
            { u"updateRevision"_s, revision }, { u"collisionCount"_s, 0 } };
        insertNonZero(status, u"readyReplicas"_s, ready);
        insertNonZero(status, u"currentReplicas"_s, current == revision ? updated : count - updated);
        insertNonZero(status, u"updatedReplicas"_s, updated);
        changed |= writeStatus(*stsType, sts, status);
    }
    return changed;
}

bool ControllerManager::syncJobStatus()
{
    const auto jobType = m_store.findType(u"batch"_s, u"v1"_s, u"jobs"_s);
    const QList<QJsonObject> pods = all(QString(), u"pods"_s);
    bool changed = false;
    for (const QJsonObject& job : all(u"batch"_s, u"jobs"_s)) {
        if (conditionTrue(job, u"Complete"_s) || conditionTrue(job, u"Failed"_s))
            continue;
        int active = 0, ready = 0, succeeded = 0, failed = 0;
        bool any = false;
        for (const QJsonObject& pod : pods) {
            if (isDeleting(pod) || nsOf(pod) != nsOf(job) || controllerUid(pod) != uidOf(job))
                continue;
            any = true;
            const QString phase = phaseOf(pod);
            succeeded += phase == u"Succeeded"_s ? 1 : 0;
            failed += phase == u"Failed"_s ? 1 : 0;
            active += (phase != u"Succeeded"_s && phase != u"Failed"_s) ? 1 : 0;
            ready += podReady(pod) ? 1 : 0;
        }
        if (!any)
            continue;
        const QJsonObject previous = statusOf(job);
        QJsonObject status { { u"startTime"_s, previous.value(u"startTime"_s).toString(now()) },
            { u"ready"_s, ready }, { u"terminating"_s, 0 }, { u"uncountedTerminatedPods"_s, QJsonObject {} } };
        insertNonZero(status, u"active"_s, active);
        insertNonZero(status, u"succeeded"_s, succeeded);
        insertNonZero(status, u"failed"_s, failed);
        if (succeeded >= specOf(job).value(u"completions"_s).toInt(1)) {
            const QString stamp = now();
            const QString message = u"Reached expected number of succeeded pods"_s;
            auto jobCondition = [&](const QString& type) {
                return QJsonObject { { u"type"_s, type }, { u"status"_s, u"True"_s },
                    { u"lastProbeTime"_s, stamp }, { u"lastTransitionTime"_s, stamp },
                    { u"reason"_s, u"CompletionsReached"_s }, { u"message"_s, message } };
            };
            status.insert(u"completionTime"_s, stamp);
            status.insert(u"conditions"_s,
                QJsonArray { jobCondition(u"SuccessCriteriaMet"_s), jobCondition(u"Complete"_s) });
        }
        changed |= writeStatus(*jobType, job, status);
    }
    return changed;
}

bool ControllerManager::syncDeploymentStatus()
{
    const auto deployType = m_store.findType(u"apps"_s, u"v1"_s, u"deployments"_s);
    const QList<QJsonObject> replicaSets = all(u"apps"_s, u"replicasets"_s);
    const QList<QJsonObject> pods = all(QString(), u"pods"_s);
    const auto t = Clock::now();
    bool changed = false;
    for (const QJsonObject& d : all(u"apps"_s, u"deployments"_s)) {
        if (isDeleting(d))
            continue;
        const QString uid = uidOf(d);
        const int desired = replicasOf(d);
        const QJsonObject templ = specOf(d).value(u"template"_s).toObject();
        const QString hash = templateHash(templ);
        QString newRsName;
        QSet<QString> rsUids;
        QSet<QString> newRsUids;
        int specTotal = 0;
        for (const QJsonObject& rs : replicaSets) {
            if (nsOf(rs) != nsOf(d) || controllerUid(rs) != uid)
                continue;
            rsUids.insert(uidOf(rs));
            specTotal += replicasOf(rs);
            if (newRsName.isEmpty()
                && (runsTemplate(rs, templ) || metaOf(rs).value(u"labels"_s).toObject().value(kHashLabel) == hash)) {
                newRsName = nameOf(rs);
                newRsUids.insert(uidOf(rs));
            }
        }
        int replicas = 0, updated = 0, ready = 0;
        for (const QJsonObject& pod : pods) {
            if (isDeleting(pod) || nsOf(pod) != nsOf(d) || !rsUids.contains(controllerUid(pod)))
                continue;
            ++replicas;
            updated += newRsUids.contains(controllerUid(pod)) ? 1 : 0;
            ready += podReady(pod) ? 1 : 0;
        }
        const int available = ready;
        const QJsonObject previous = statusOf(d);
        QJsonObject status { { u"observedGeneration"_s, metaOf(d).value(u"generation"_s).toInt(1) } };
        insertNonZero(status, u"replicas"_s, replicas);
        insertNonZero(status, u"updatedReplicas"_s, updated);
        insertNonZero(status, u"readyReplicas"_s, ready);
        insertNonZero(status, u"availableReplicas"_s, available);
        insertNonZero(status, u"unavailableReplicas"_s, std::max(0, std::max(specTotal, desired) - available));

        const bool minimumAvailable = available >= desired - maxUnavailable(d, desired);
        const QJsonObject availableCondition = minimumAvailable
            ? workloadCondition(previous, u"Available"_s, u"True"_s, u"MinimumReplicasAvailable"_s,
                  u"Deployment has minimum availability."_s)
            : workloadCondition(previous, u"Available"_s, u"False"_s, u"MinimumReplicasUnavailable"_s,
                  u"Deployment does not have minimum availability."_s);

        // Progress is any change in what the rollout has achieved; the deadline counts from the last one.
        const QString progressKey = u"%1/%2/%3/%4"_s.arg(hash).arg(updated).arg(available).arg(replicas);
        if (m_progressKey.value(uid) != progressKey) {
            m_progressKey.insert(uid, progressKey);
            m_lastProgress.insert(uid, t);
        }
        const bool complete = !newRsName.isEmpty() && updated == desired && replicas == desired && available == desired;
        const auto deadline = m_lastProgress.value(uid)
            + std::chrono::milliseconds(qint64(
                specOf(d).value(u"progressDeadlineSeconds"_s).toInt(600) * 1000.0 * m_deadlineScale));
        QJsonObject progressing;
        if (specOf(d).value(u"paused"_s).toBool()) {
            progressing = workloadCondition(
                previous, u"Progressing"_s, u"Unknown"_s, u"DeploymentPaused"_s, u"Deployment is paused"_s);
        } else if (complete) {
            progressing = workloadCondition(previous, u"Progressing"_s, u"True"_s, u"NewReplicaSetAvailable"_s,
                u"ReplicaSet \"%1\" has successfully progressed."_s.arg(newRsName));
        } else if (t >= deadline) {
            progressing = workloadCondition(previous, u"Progressing"_s, u"False"_s, u"ProgressDeadlineExceeded"_s,
                u"ReplicaSet \"%1\" has timed out progressing."_s.arg(newRsName));
        } else {
            progressing = workloadCondition(previous, u"Progressing"_s, u"True"_s, u"ReplicaSetUpdated"_s,
                u"ReplicaSet \"%1\" is progressing."_s.arg(newRsName));
            wakeAt(deadline);
        }
        status.insert(u"conditions"_s, QJsonArray { availableCondition, progressing });
        changed |= writeStatus(*deployType, d, status);
    }
    return changed;
}

bool ControllerManager::syncEndpoints()
{
    const auto epType = m_store.findType(QString(), u"v1"_s, u"endpoints"_s);
    if (!epType)
        return false;
    const QList<QJsonObject> pods = all(QString(), u"pods"_s);
    QSet<QString> wanted;
    bool changed = false;
    ObjectStore::WriteOptions options;
    options.fieldManager = fieldManager();
    for (const QJsonObject& svc : all(QString(), u"services"_s)) {
        const QJsonObject selector = specOf(svc).value(u"selector"_s).toObject();
        if (selector.isEmpty() || isDeleting(svc))
            continue;
        const QString key = nsOf(svc) + u'/' + nameOf(svc);
        wanted.insert(key);
        QList<QJsonObject> selected;
        for (const QJsonObject& pod : pods) {
            if (!isDeleting(pod) && nsOf(pod) == nsOf(svc)
                && labelsMatch(selector, metaOf(pod).value(u"labels"_s).toObject())
                && !statusOf(pod).value(u"podIP"_s).toString().isEmpty()
                && phaseOf(pod) != u"Succeeded"_s && phaseOf(pod) != u"Failed"_s)
                selected.append(pod);
        }
        std::sort(selected.begin(), selected.end(), [](const QJsonObject& a, const QJsonObject& b) {
            return statusOf(a).value(u"podIP"_s).toString() < statusOf(b).value(u"podIP"_s).toString();
        });
        QJsonArray ready, notReady;
        for (const QJsonObject& pod : std::as_const(selected)) {
            const QJsonObject address { { u"ip"_s, statusOf(pod).value(u"podIP"_s) },
                { u"nodeName"_s, specOf(pod).value(u"nodeName"_s).toString(kNodeName) },
                { u"targetRef"_s,
                    QJsonObject { { u"kind"_s, u"Pod"_s }, { u"name"_s, nameOf(pod) },
                        { u"namespace"_s, nsOf(pod) }, { u"uid"_s, uidOf(pod) } } } };
            (podReady(pod) ? ready : notReady).append(address);
        }
        QJsonArray ports;
        for (const QJsonValue& pv : specOf(svc).value(u"ports"_s).toArray()) {
            const QJsonObject p = pv.toObject();
            const QJsonValue target = p.value(u"targetPort"_s);
            int port = p.value(u"port"_s).toInt();
            if (target.isDouble()) {
                port = target.toInt();
            } else if (target.isString()) {
                // A named port: the first selected pod that declares it decides.
                port = 0;
                for (const QJsonObject& pod : std::as_const(selected)) {
                    for (const QJsonValue& c : specOf(pod).value(u"containers"_s).toArray()) {
                        for (const QJsonValue& cp : c.toObject().value(u"ports"_s).toArray()) {
                            if (port == 0 && cp.toObject().value(u"name"_s).toString() == target.toString())
                                port = cp.toObject().value(u"containerPort"_s).toInt();
                        }
                    }
                }
                if (port == 0)
                    continue;
            }
            QJsonObject out { { u"port"_s, port }, { u"protocol"_s, p.value(u"protocol"_s).toString(u"TCP"_s) } };
            if (p.contains(u"name"_s) && !p.value(u"name"_s).toString().isEmpty())
                out.insert(u"name"_s, p.value(u"name"_s));
            ports.append(out);
        }
        QJsonArray subsets;
        if (!ready.isEmpty() || !notReady.isEmpty()) {
            QJsonObject subset { { u"ports"_s, ports } };
            if (!ready.isEmpty())
                subset.insert(u"addresses"_s, ready);
            if (!notReady.isEmpty())
                subset.insert(u"notReadyAddresses"_s, notReady);
            subsets.append(subset);
        }
        const QJsonObject labels = metaOf(svc).value(u"labels"_s).toObject();
        const auto existing = m_store.get(*epType, nsOf(svc), nameOf(svc));
        if (!existing) {
            QJsonObject meta { { u"name"_s, nameOf(svc) }, { u"namespace"_s, nsOf(svc) } };
            if (!labels.isEmpty())
                meta.insert(u"labels"_s, labels);
            QJsonObject ep { { u"metadata"_s, meta } };
            if (!subsets.isEmpty())
                ep.insert(u"subsets"_s, subsets);
            if (m_store.create(*epType, nsOf(svc), ep, options)) {
                m_ownedEndpoints.insert(key);
                changed = true;
            }
            continue;
        }
        QJsonObject ep = *existing;
        QJsonObject meta = metaOf(ep);
        if (ep.value(u"subsets"_s).toArray() == subsets && meta.value(u"labels"_s).toObject() == labels)
            continue;
        if (subsets.isEmpty())
            ep.remove(u"subsets"_s);
        else
            ep.insert(u"subsets"_s, subsets);
        if (labels.isEmpty())
            meta.remove(u"labels"_s);
        else
            meta.insert(u"labels"_s, labels);
        meta.remove(u"resourceVersion"_s);
        ep.insert(u"metadata"_s, meta);
        changed |= m_store.update(*epType, nsOf(svc), nameOf(svc), ep, options).has_value();
    }
    // The Endpoints of a Service that went away (or lost its selector) go too.
    const QSet<QString> owned = m_ownedEndpoints;
    for (const QString& key : owned) {
        if (wanted.contains(key))
            continue;
        m_ownedEndpoints.remove(key);
        changed |= m_store.remove(*epType, key.section(u'/', 0, 0), key.section(u'/', 1)).has_value();
    }
    return changed;
}

bool ControllerManager::syncLoadBalancerAddresses()
{
    // The node's address, as k3s's klipper-lb and Traefik publish it.
    const QJsonObject loadBalancer { { u"ingress"_s, QJsonArray { QJsonObject { { u"ip"_s, kHostIp } } } } };
    bool changed = false;
    if (const auto ingType = m_store.findType(u"networking.k8s.io"_s, u"v1"_s, u"ingresses"_s)) {
        const auto page = m_store.list(*ingType, ObjectStore::ListOptions {});
        for (const QJsonObject& ing : page ? page->items : QList<QJsonObject> {}) {
            if (!isDeleting(ing))
                changed |= writeStatus(*ingType, ing, QJsonObject { { u"loadBalancer"_s, loadBalancer } });
        }
    }
    const auto svcType = m_store.findType(QString(), u"v1"_s, u"services"_s);
    for (const QJsonObject& svc : all(QString(), u"services"_s)) {
        if (isDeleting(svc) || specOf(svc).value(u"type"_s).toString() != u"LoadBalancer"_s)
            continue;
        changed |= writeStatus(*svcType, svc, QJsonObject { { u"loadBalancer"_s, loadBalancer } });
    }
    return changed;
}

bool ControllerManager::syncAutoscalers()
{
    const auto hpaType = m_store.findType(u"autoscaling"_s, u"v2"_s, u"horizontalpodautoscalers"_s);
    if (!hpaType)
        return false;
    const auto page = m_store.list(*hpaType, ObjectStore::ListOptions {});
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    bool changed = false;
    for (const QJsonObject& hpa : page ? page->items : QList<QJsonObject> {}) {
        if (isDeleting(hpa))
            continue;
        // No metrics here: the autoscaler holds the target where it is, within its bounds.
        const QJsonObject target = specOf(hpa).value(u"scaleTargetRef"_s).toObject();
        int current = 0;
        for (const QJsonObject& d : all(u"apps"_s, u"deployments"_s)) {
            if (nsOf(d) == nsOf(hpa) && nameOf(d) == target.value(u"name"_s).toString())
                current = statusOf(d).value(u"replicas"_s).toInt();
        }
        const int minReplicas = specOf(hpa).value(u"minReplicas"_s).toInt(1);
        const int maxReplicas = specOf(hpa).value(u"maxReplicas"_s).toInt(minReplicas);
        const int desired = std::clamp(current, minReplicas, std::max(minReplicas, maxReplicas));
        // A condition keeps its transition time while its status stays, or every pass would write.
        const QJsonArray previous = statusOf(hpa).value(u"conditions"_s).toArray();
        const auto condition = [&](const QString& type, const QString& reason, const QString& message,
                                   const QString& status) {
            QString since = now;
            for (const QJsonValue& c : previous) {
                if (c[u"type"_s].toString() == type && c[u"status"_s].toString() == status)
                    since = c[u"lastTransitionTime"_s].toString();
            }
            return QJsonObject { { u"type"_s, type }, { u"status"_s, status }, { u"lastTransitionTime"_s, since },
                { u"reason"_s, reason }, { u"message"_s, message } };
        };
        QJsonObject status { { u"currentReplicas"_s, current }, { u"desiredReplicas"_s, desired },
            { u"conditions"_s,
                QJsonArray { condition(u"AbleToScale"_s, u"ReadyForNewScale"_s,
                                 u"recommended size matches current size"_s, u"True"_s),
                    condition(u"ScalingActive"_s, u"ValidMetricFound"_s,
                        u"the HPA was able to successfully calculate a replica count from cpu resource "
                        u"utilization (percentage of request)"_s,
                        u"True"_s),
                    condition(u"ScalingLimited"_s, u"DesiredWithinRange"_s,
                        u"the desired count is within the acceptable range"_s, u"False"_s) } } };
        if (current == 0)
            status.remove(u"currentReplicas"_s); // omitted when zero, as the real server does
        changed |= writeStatus(*hpaType, hpa, status);
    }
    return changed;
}

} // namespace driftline::sandbox
