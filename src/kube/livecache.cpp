#include "kube/livecache.h"

#include "kube/kubeclient.h"

#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace driftline::kube {

namespace {

constexpr auto kFirstRetry = 1s;
constexpr auto kMaxRetry = 30s;

QString watchId(const QString& group, const QString& kind, const QString& ns)
{
    const QString name = LiveSnapshot::groupKind(group, kind);
    return ns.isEmpty() ? name : name + u'@' + ns;
}

// A watch error that says the cluster cannot be reached, as opposed to one kind's trouble.
bool isConnectionError(const Error& error)
{
    return error.httpStatus == 0 && (error.code == Error::Code::Io || error.code == Error::Code::Timeout);
}

bool sameErrors(const QHash<QString, Error>& a, const QHash<QString, Error>& b)
{
    if (a.size() != b.size())
        return false;
    for (auto it = a.cbegin(); it != a.cend(); ++it) {
        const auto other = b.constFind(it.key());
        if (other == b.cend() || other->message != it->message)
            return false;
    }
    return true;
}

} // namespace

LiveCache::LiveCache(std::shared_ptr<KubeClient> client, QString context, QObject* parent)
    : QObject(parent)
    , m_client(std::move(client))
    , m_context(std::move(context))
    , m_snapshot(std::make_shared<const LiveSnapshot>())
{
    if (m_client && m_context.isEmpty())
        m_context = m_client->contextName();
    if (!m_client)
        m_unavailable = Error::make(Error::Code::InvalidInput, tr("No cluster connection."));
    m_state.status = m_unavailable ? ConnectionState::Status::NotConfigured : ConnectionState::Status::Connecting;
    m_state.context = m_context;
    if (m_unavailable)
        m_state.reason = m_unavailable->toString(); // with the kubeconfig's file and line

    m_publishTimer.setSingleShot(true);
    m_publishTimer.setInterval(m_publishDelay);
    connect(&m_publishTimer, &QTimer::timeout, this, &LiveCache::publish);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        if (!m_running)
            return;
        ++m_generation;
        discover(true, true);
    });
}

LiveCache::LiveCache(const Error& why, QString context, QObject* parent)
    : LiveCache(std::shared_ptr<KubeClient>(), std::move(context), parent)
{
    m_unavailable = why;
    updateConnectionState();
}

LiveCache::~LiveCache()
{
    ++m_generation;
    // Before ~QObject: a watch stopping in its destructor must not reach a half-gone cache.
    for (const Watch& watch : std::as_const(m_watches)) {
        watch.watch->disconnect(this);
        delete watch.watch;
    }
}

QList<LiveCache::GroupKind> LiveCache::childKinds()
{
    return {{u"apps"_s, u"ReplicaSet"_s}, {QString(), u"Pod"_s}, {QString(), u"Endpoints"_s},
        {u"batch"_s, u"Job"_s}, {u"apps"_s, u"ControllerRevision"_s}};
}

void LiveCache::setNamespaces(const QStringList& namespaces)
{
    if (namespaces == m_namespaces)
        return;
    m_namespaces = namespaces;
    // Watches are per namespace: they change with the list.
    if (m_running)
        reconcileWatches(false);
    schedulePublish();
}

void LiveCache::setGitKinds(const QList<GroupKind>& kinds)
{
    if (kinds == m_gitKinds)
        return;
    m_gitKinds = kinds;
    if (!m_running)
        return;
    const bool unknown = m_resources && std::any_of(kinds.begin(), kinds.end(), [this](const GroupKind& kind) {
        return !m_resources->find(kind.group, kind.kind);
    });
    if (unknown) {
        // Perhaps a CRD installed since discovery ran: ask again before calling it unserved.
        ++m_generation;
        discover(true, false);
    } else {
        reconcileWatches(false);
        updateConnectionState();
        schedulePublish();
    }
}

void LiveCache::setApplications(const QStringList& applications)
{
    if (applications == m_applications)
        return;
    m_applications = applications;
    schedulePublish();
}

void LiveCache::setDesiredKeys(const QSet<ResourceKey>& keys)
{
    m_desiredKeys = keys;
    schedulePublish();
}

void LiveCache::setInsecure(bool insecure)
{
    m_insecure = insecure;
    updateConnectionState();
}

void LiveCache::setPublishDelay(std::chrono::milliseconds delay)
{
    m_publishDelay = delay;
    m_publishTimer.setInterval(delay);
}

void LiveCache::start()
{
    if (m_running || m_unavailable) {
        updateConnectionState();
        return;
    }
    m_running = true;
    ++m_generation;
    m_failures = 0;
    m_resources.reset();
    m_discoveryError.reset();
    updateConnectionState();
    discover(false, true);
}

void LiveCache::stop()
{
    if (!m_running)
        return;
    m_running = false;
    ++m_generation;
    m_retryTimer.stop();
    const QStringList ids = m_watches.keys();
    for (const QString& id : ids)
        removeWatch(id);
}

void LiveCache::refresh()
{
    if (!m_running) {
        start();
        return;
    }
    ++m_generation;
    m_retryTimer.stop();
    m_failures = 0;
    discover(true, true);
}

void LiveCache::discover(bool refresh, bool recreate)
{
    const quint64 generation = m_generation;
    QFuture<Result<ApiResources>> future = refresh ? m_client->refreshDiscovery() : m_client->discovery();
    future.then(this, [this, generation, recreate](const Result<ApiResources>& result) {
        if (generation == m_generation && m_running)
            onDiscovered(result, recreate);
    });
}

void LiveCache::onDiscovered(const Result<ApiResources>& result, bool recreate)
{
    if (!result) {
        m_discoveryError = result.error();
        updateConnectionState();
        scheduleRetry();
        return;
    }
    m_failures = 0;
    m_discoveryError.reset();
    m_resources = *result;
    // After a retry or a refresh every kind lists anew; the old tables stay until then.
    reconcileWatches(recreate);
    updateConnectionState();
    schedulePublish();
}

void LiveCache::reconcileWatches(bool recreate)
{
    if (!m_resources)
        return;
    struct Wanted {
        ApiResource resource;
        QString ns;
    };
    QMap<QString, Wanted> wanted;
    m_notServed.clear();
    auto want = [&](const GroupKind& kind, bool inGit) {
        const auto resource = m_resources->find(kind.group, kind.kind);
        const QString name = LiveSnapshot::groupKind(kind.group, kind.kind);
        if (!resource) {
            if (inGit)
                m_notServed.insert(name,
                    Error::make(Error::Code::Unsupported, tr("The cluster does not serve %1.").arg(name)));
            return;
        }
        if (!resource->supports(u"list"_s) || !resource->supports(u"watch"_s)) {
            if (inGit)
                m_notServed.insert(name,
                    Error::make(Error::Code::Unsupported, tr("The cluster cannot list and watch %1.").arg(name)));
            return;
        }
        if (resource->namespaced && !m_namespaces.isEmpty()) {
            for (const QString& ns : std::as_const(m_namespaces))
                wanted.insert(watchId(resource->group, resource->kind, ns), {*resource, ns});
        } else {
            wanted.insert(watchId(resource->group, resource->kind, {}), {*resource, QString()});
        }
    };
    for (const GroupKind& kind : std::as_const(m_gitKinds))
        want(kind, true);
    for (const GroupKind& kind : childKinds())
        want(kind, false);

    const QStringList ids = m_watches.keys();
    for (const QString& id : ids) {
        if (recreate || !wanted.contains(id))
            removeWatch(id);
        if (!wanted.contains(id))
            m_buckets.remove(id);
    }
    const QStringList bucketIds = m_buckets.keys();
    for (const QString& id : bucketIds) {
        if (!wanted.contains(id))
            m_buckets.remove(id);
    }

    for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
        if (m_watches.contains(it.key()))
            continue;
        const QString id = it.key();
        const ApiResource& resource = it->resource;
        auto* watch = new KubeWatch(m_client, resource.group, resource.version, resource.kind, it->ns, {}, this);
        Watch entry;
        entry.watch = watch;
        entry.group = resource.group;
        entry.kind = resource.kind;
        m_watches.insert(id, entry);
        connect(watch, &KubeWatch::listed, this,
            [this, id](const QList<QJsonObject>& items, const QString& version) { onListed(id, items, version); });
        connect(watch, &KubeWatch::eventsReceived, this,
            [this, id](const QList<WatchEvent>& events) { onEvents(id, events); });
        connect(watch, &KubeWatch::stateChanged, this,
            [this, id](KubeWatch::State state, const Error& error) { onWatchState(id, state, error); });
        watch->start();
    }
}

void LiveCache::removeWatch(const QString& id)
{
    const Watch entry = m_watches.take(id);
    if (!entry.watch)
        return;
    entry.watch->disconnect(this);
    entry.watch->stop();
    // Later: this may run inside one of the watch's own signals.
    entry.watch->deleteLater();
}

void LiveCache::onListed(const QString& id, const QList<QJsonObject>& items, const QString& resourceVersion)
{
    const auto it = m_watches.find(id);
    if (it == m_watches.end())
        return;
    QHash<ResourceKey, QJsonObject> bucket;
    bucket.reserve(items.size());
    for (const QJsonObject& item : items)
        bucket.insert(LiveSnapshot::keyOf(item), item);
    m_buckets.insert(id, bucket);
    it->listed = true;
    it->error.reset();
    m_resourceVersions.insert(LiveSnapshot::groupKind(it->group, it->kind), resourceVersion);
    updateConnectionState();
    schedulePublish();
}

void LiveCache::onEvents(const QString& id, const QList<WatchEvent>& events)
{
    const auto it = m_watches.constFind(id);
    if (it == m_watches.cend() || events.isEmpty())
        return;
    auto& bucket = m_buckets[id];
    for (const WatchEvent& event : events) {
        const ResourceKey key = LiveSnapshot::keyOf(event.object);
        if (event.type == WatchEvent::Type::Deleted)
            bucket.remove(key);
        else
            bucket.insert(key, event.object);
        m_eventKeys.insert(key);
    }
    const QString version = events.constLast()
                                .object.value("metadata"_L1)
                                .toObject()
                                .value("resourceVersion"_L1)
                                .toString();
    if (!version.isEmpty())
        m_resourceVersions.insert(LiveSnapshot::groupKind(it->group, it->kind), version);
    schedulePublish(false);
}

void LiveCache::onWatchState(const QString& id, KubeWatch::State state, const Error& error)
{
    const auto it = m_watches.find(id);
    if (it == m_watches.end())
        return;
    it->state = state;
    if (state == KubeWatch::State::Watching)
        it->error.reset();
    else if ((state == KubeWatch::State::Reconnecting || state == KubeWatch::State::Failed)
        && !error.message.isEmpty())
        it->error = error;
    // Watches give up on 401; credentials may come back (a rotated token), so start over later.
    if (state == KubeWatch::State::Failed && ConnectionState::statusFor(error) == ConnectionState::Status::Unauthorized)
        scheduleRetry();
    updateConnectionState();
    schedulePublish();
}

void LiveCache::scheduleRetry()
{
    if (!m_running || m_retryTimer.isActive())
        return;
    const auto delay = std::min<std::chrono::milliseconds>(kFirstRetry * (1 << std::min(m_failures, 5)), kMaxRetry);
    ++m_failures;
    m_retryTimer.start(delay);
}

void LiveCache::updateConnectionState()
{
    ConnectionState state;
    state.context = m_context;
    state.insecure = m_insecure;
    using Status = ConnectionState::Status;
    if (m_unavailable) {
        state.status = Status::NotConfigured;
        state.reason = m_unavailable->toString();
    } else if (m_discoveryError) {
        state.status = ConnectionState::statusFor(*m_discoveryError);
        state.reason = m_discoveryError->message;
    } else if (!m_resources) {
        state.status = Status::Connecting;
    } else {
        // The worst news wins: no credentials, then no connection, then forbidden kinds.
        std::optional<Error> unauthorized;
        std::optional<Error> unreachable;
        QStringList forbidden;
        bool loading = false;
        for (const Watch& watch : std::as_const(m_watches)) {
            if (watch.error) {
                const Status status = ConnectionState::statusFor(*watch.error);
                if (status == Status::Unauthorized && !unauthorized)
                    unauthorized = watch.error;
                else if (status == Status::Forbidden && !forbidden.contains(watch.error->message))
                    forbidden.append(watch.error->message);
                else if (isConnectionError(*watch.error) && !unreachable)
                    unreachable = watch.error;
            } else if (!watch.listed) {
                loading = true;
            }
        }
        if (unauthorized) {
            state.status = Status::Unauthorized;
            state.reason = unauthorized->message;
        } else if (unreachable) {
            state.status = Status::Unreachable;
            state.reason = unreachable->message;
        } else if (!forbidden.isEmpty()) {
            state.status = Status::Forbidden;
            state.reason = forbidden.join(u'\n');
        } else {
            state.status = loading ? Status::Connecting : Status::Connected;
        }
    }
    setState(state);
}

void LiveCache::setState(const ConnectionState& state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT connectionStateChanged(m_state);
}

QHash<QString, Error> LiveCache::kindErrors() const
{
    QHash<QString, Error> errors = m_notServed;
    for (const Watch& watch : std::as_const(m_watches)) {
        // Credentials and connections are the environment's trouble, shown by its state.
        if (watch.error && !isConnectionError(*watch.error)
            && ConnectionState::statusFor(*watch.error) != ConnectionState::Status::Unauthorized)
            errors.insert(LiveSnapshot::groupKind(watch.group, watch.kind), *watch.error);
    }
    return errors;
}

bool LiveCache::isComplete() const
{
    if (!m_resources)
        return false;
    return std::all_of(m_watches.cbegin(), m_watches.cend(),
        [](const Watch& watch) { return watch.listed || watch.state == KubeWatch::State::Failed; });
}

void LiveCache::schedulePublish(bool structural)
{
    m_structuralChange = m_structuralChange || structural;
    // Not restarted by later events: a steady stream still publishes every interval.
    if (m_publishTimer.isActive())
        return;
    // Leading edge: the first change after a quiet interval is published on the next
    // turn of the event loop (events delivered together still make one snapshot), so a
    // single edit reaches the window in milliseconds; a burst that follows is coalesced
    // until one interval after that publication.
    const auto sinceLast = m_lastPublish.isValid() ? std::chrono::milliseconds(m_lastPublish.elapsed())
                                                   : m_publishDelay;
    m_publishTimer.start(sinceLast >= m_publishDelay ? 0ms : m_publishDelay - sinceLast);
}

void LiveCache::publish()
{
    if (m_building) {
        m_dirty = true;
        return;
    }
    LiveSnapshot::Input input;
    input.buckets = m_buckets;
    input.desiredKeys = m_desiredKeys;
    input.applications = m_applications;
    input.namespaces = m_namespaces;
    input.kindErrors = kindErrors();
    input.resourceVersions = m_resourceVersions;
    input.complete = isComplete();

    m_building = true;
    m_lastPublish.start();
    const std::shared_ptr<const LiveSnapshot> previous = m_snapshot;
    // Only watch events since the last snapshot: try replacing just their objects.
    const bool eventsOnly = !std::exchange(m_structuralChange, false) && previous->isComplete() && input.complete;
    const QSet<ResourceKey> eventKeys = std::exchange(m_eventKeys, {});
    using Built = std::pair<std::shared_ptr<const LiveSnapshot>, QSet<ResourceKey>>;
    QtConcurrent::run([input = std::move(input), previous, eventsOnly, eventKeys]() -> Built {
        if (eventsOnly) {
            if (auto snapshot = LiveSnapshot::withReplacedObjects(*previous, input, eventKeys)) {
                QSet<ResourceKey> changed;
                for (const ResourceKey& key : eventKeys)
                    if (snapshot->contains(key))
                        changed.insert(LiveSnapshot::withoutVersion(key));
                return {std::move(snapshot), std::move(changed)};
            }
        }
        auto snapshot = LiveSnapshot::build(input);
        QSet<ResourceKey> changed = LiveSnapshot::changedKeys(*previous, *snapshot);
        return {std::move(snapshot), std::move(changed)};
    }).then(this, [this](const Built& built) {
        m_building = false;
        const auto previous = m_snapshot;
        m_snapshot = built.first;
        const bool news = !built.second.isEmpty() || previous->isComplete() != m_snapshot->isComplete()
            || !sameErrors(previous->kindErrors(), m_snapshot->kindErrors());
        if (news)
            Q_EMIT snapshotChanged(m_snapshot, built.second);
        if (m_dirty) {
            m_dirty = false;
            schedulePublish();
        }
    });
}

} // namespace driftline::kube
