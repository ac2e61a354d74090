#include "kube/kubewatch.h"

#include "kube/kubeerror.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <chrono>
#include <mutex>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace driftline::kube {

namespace {

constexpr auto kFirstBackoff = 500ms;
constexpr auto kMaxBackoff = 30s;
// A stream that ends cleanly sooner than this without delivering anything is
// treated as a failure, so a server that closes at once is not hammered.
constexpr auto kShortestHealthyStream = 1s;

bool retryable(const Error& error)
{
    switch (error.httpStatus) {
    case 401:
    case 403:
    case 404:
        return false;
    default:
        break;
    }
    // A kind discovery does not know: no HTTP status, but retrying will not help.
    return !(error.httpStatus == 0 && error.code == Error::Code::NotFound);
}

bool isGone(int code, const QString& reason)
{
    return code == 410 || reason == u"Expired"_s || reason == u"Gone"_s;
}

} // namespace

// The bridge from the client's I/O thread to the watch's thread. The watch
// clears `watch` (under the lock) before it dies; an event posted while it was
// alive is discarded by ~QObject, so a callback can never reach a dead watch.
struct KubeWatchSink {
    std::mutex mutex;
    KubeWatch* watch = nullptr;

    template<typename F>
    void post(F&& f)
    {
        std::lock_guard lock(mutex);
        if (watch)
            QMetaObject::invokeMethod(watch, std::forward<F>(f), Qt::QueuedConnection);
    }
};


KubeWatch::KubeWatch(std::shared_ptr<KubeClient> client, QString group, QString version, QString kind, QString ns,
    QString labelSelector, QObject* parent)
    : QObject(parent)
    , m_client(std::move(client))
    , m_group(std::move(group))
    , m_version(std::move(version))
    , m_kind(std::move(kind))
    , m_ns(std::move(ns))
    , m_labelSelector(std::move(labelSelector))
{
    qRegisterMetaType<driftline::kube::WatchEvent>();
    qRegisterMetaType<QList<driftline::kube::WatchEvent>>();
    qRegisterMetaType<driftline::kube::KubeWatch::State>();
    qRegisterMetaType<driftline::Error>();
    m_sink = std::make_shared<KubeWatchSink>();
    m_sink->watch = this;
}

KubeWatch::~KubeWatch()
{
    {
        std::lock_guard lock(m_sink->mutex);
        m_sink->watch = nullptr;
    }
    if (m_stream)
        m_client->cancelWatch(m_stream);
}

KubeWatch::State KubeWatch::state() const
{
    return m_state;
}

QString KubeWatch::resourceVersion() const
{
    return m_resourceVersion;
}

void KubeWatch::start()
{
    if (m_state != State::Idle && m_state != State::Failed)
        return;
    ++m_generation;
    m_failures = 0;
    m_goneStreak = 0;
    startList();
}

void KubeWatch::stop()
{
    ++m_generation;
    if (m_retryTimer)
        m_retryTimer->stop();
    if (m_stream) {
        m_client->cancelWatch(m_stream);
        m_stream.reset();
    }
    setState(State::Idle);
}

void KubeWatch::setState(State state, const Error& error)
{
    // Every Reconnecting is reported (each carries why and makes the backoff visible).
    if (state == m_state && state != State::Reconnecting)
        return;
    m_state = state;
    Q_EMIT stateChanged(state, error);
}

void KubeWatch::startList()
{
    if (m_stream) {
        m_client->cancelWatch(m_stream);
        m_stream.reset();
    }
    const quint64 generation = ++m_generation;
    setState(State::Listing);
    m_client->list(m_group, m_version, m_kind, m_ns, m_labelSelector)
        .then(this, [this, generation](Result<ListResult> result) {
            if (generation != m_generation)
                return;
            if (!result) {
                if (!retryable(result.error())) {
                    setState(State::Failed, result.error());
                    return;
                }
                scheduleReconnect(result.error(), true);
                return;
            }
            m_resourceVersion = result->resourceVersion;
            Q_EMIT listed(result->items, result->resourceVersion);
            // A receiver may have stopped or restarted us.
            if (generation == m_generation)
                startWatch();
        });
}

void KubeWatch::startWatch()
{
    const quint64 generation = m_generation;
    const std::shared_ptr<KubeWatchSink> sink = m_sink;
    // Like client-go: a randomised server-side timeout between 5 and 10 minutes, so
    // many watches do not reconnect in lockstep; the idle guard leaves the server
    // time to close the stream itself first.
    const int timeoutSeconds = 300 + int(QRandomGenerator::global()->bounded(300));
    const auto idle = std::chrono::seconds(timeoutSeconds + 30);
    auto started = std::make_shared<QElapsedTimer>();
    started->start();
    auto delivered = std::make_shared<std::atomic<bool>>(false);

    KubeClient::WatchCallbacks callbacks;
    callbacks.opened = [sink, generation] {
        sink->post([sink, generation] {
            KubeWatch* self = sink->watch;
            if (!self || generation != self->m_generation)
                return;
            self->m_failures = 0;
            self->setState(State::Watching);
        });
    };
    callbacks.events = [sink, generation](QList<QJsonObject> events) {
        sink->post([sink, generation, events = std::move(events)] {
            if (KubeWatch* self = sink->watch)
                self->onStreamEvents(generation, events);
        });
    };
    callbacks.ended = [sink, generation, started, delivered](Result<void> result) {
        sink->post([sink, generation, started, delivered, result = std::move(result)] {
            KubeWatch* self = sink->watch;
            if (!self || generation != self->m_generation)
                return;
            if (result && !*delivered && started->durationElapsed() < kShortestHealthyStream) {
                self->onStreamEnded(generation,
                    fail(Error::make(Error::Code::Io, tr("The cluster closed the watch of %1 at once.").arg(self->m_kind))));
                return;
            }
            self->onStreamEnded(generation, result);
        });
    };
    // Remember that something arrived, for the quick-close check above.
    callbacks.events = [inner = std::move(callbacks.events), delivered](QList<QJsonObject> events) {
        *delivered = true;
        inner(std::move(events));
    };
    m_stream = m_client->watchStream(m_group, m_version, m_kind, m_ns, m_labelSelector, m_resourceVersion,
        timeoutSeconds, idle, std::move(callbacks));
}

void KubeWatch::onStreamEvents(quint64 generation, const QList<QJsonObject>& rawEvents)
{
    if (generation != m_generation)
        return;
    QList<WatchEvent> batch;
    batch.reserve(rawEvents.size());
    for (const QJsonObject& raw : rawEvents) {
        const QString type = raw.value(u"type"_s).toString();
        const QJsonObject object = raw.value(u"object"_s).toObject();
        if (type == u"ERROR"_s) {
            // The events before the error are good: deliver them first.
            if (!batch.isEmpty())
                Q_EMIT eventsReceived(batch);
            if (generation != m_generation)
                return;
            const int code = object.value(u"code"_s).toInt();
            const QString reason = object.value(u"reason"_s).toString();
            if (isGone(code, reason)) {
                relistAfterGone(KubeError::fromResponse(410, QJsonDocument(object).toJson(QJsonDocument::Compact),
                    u"watch"_s, m_kind, m_client->contextName()));
                return;
            }
            Error error = KubeError::fromResponse(code > 0 ? code : 500,
                QJsonDocument(object).toJson(QJsonDocument::Compact), u"watch"_s, m_kind, m_client->contextName());
            if (m_stream) {
                m_client->cancelWatch(m_stream);
                m_stream.reset();
            }
            ++m_generation;
            if (!retryable(error))
                setState(State::Failed, error);
            else
                scheduleReconnect(error, false);
            return;
        }
        const QString rv = object.value(u"metadata"_s).toObject().value(u"resourceVersion"_s).toString();
        if (!rv.isEmpty())
            m_resourceVersion = rv;
        m_goneStreak = 0;
        WatchEvent event;
        if (type == u"ADDED"_s)
            event.type = WatchEvent::Type::Added;
        else if (type == u"MODIFIED"_s)
            event.type = WatchEvent::Type::Modified;
        else if (type == u"DELETED"_s)
            event.type = WatchEvent::Type::Deleted;
        else
            continue; // BOOKMARK (and anything newer): only the resourceVersion matters
        event.object = object;
        batch.append(std::move(event));
    }
    if (!batch.isEmpty())
        Q_EMIT eventsReceived(batch);
}

void KubeWatch::onStreamEnded(quint64 generation, const Result<void>& result)
{
    if (generation != m_generation)
        return;
    m_stream.reset();
    if (result) {
        // The server's timeoutSeconds passed: carry on from where we are.
        startWatch();
        return;
    }
    const Error& error = result.error();
    if (error.httpStatus == 410 || isGone(0, KubeError::reason(error))) {
        relistAfterGone(error);
        return;
    }
    if (!retryable(error)) {
        ++m_generation;
        setState(State::Failed, error);
        return;
    }
    scheduleReconnect(error, false);
}

void KubeWatch::relistAfterGone(const Error& error)
{
    // Relisting is the cure for an expired resourceVersion; a server that expires
    // even a fresh list's version at once gets the backoff rather than a hot loop.
    if (m_goneStreak++ == 0) {
        startList();
        return;
    }
    if (m_stream) {
        m_client->cancelWatch(m_stream);
        m_stream.reset();
    }
    scheduleReconnect(error, true);
}

void KubeWatch::scheduleReconnect(const Error& error, bool relist)
{
    ++m_failures;
    const quint64 generation = ++m_generation;
    auto delay = std::chrono::duration<double, std::milli>(kFirstBackoff) * std::pow(2.0, std::min(m_failures - 1, 16));
    delay = std::min<std::chrono::duration<double, std::milli>>(delay, kMaxBackoff);
    // ±20 % jitter so that many watches cut by one outage do not come back in lockstep.
    delay *= 0.8 + 0.4 * QRandomGenerator::global()->generateDouble();
    delay = std::min<std::chrono::duration<double, std::milli>>(delay, kMaxBackoff);
    if (!m_retryTimer) {
        m_retryTimer = new QTimer(this);
        m_retryTimer->setSingleShot(true);
    }
    m_retryTimer->disconnect();
    connect(m_retryTimer, &QTimer::timeout, this, [this, generation, relist] {
        if (generation != m_generation)
            return;
        if (relist)
            startList();
        else
            startWatch();
    });
    m_retryTimer->start(std::chrono::milliseconds(qint64(delay.count())));
    setState(State::Reconnecting, error);
}

} // namespace driftline::kube
