// Keeps one kind's objects current for whoever builds a live picture of a
// cluster (the live cache): lists, then watches from the list's resourceVersion,
// and hides the stream's life cycle (drops, server timeouts, expired versions)
// behind two signals, `listed` and `eventsReceived`.
#pragma once

#include "core/error.h"
#include "kube/kubeclient.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>

class QTimer;

namespace driftline::kube {

struct KubeWatchSink;

struct WatchEvent {
    enum class Type { Added, Modified, Deleted };
    Type type = Type::Added;
    QJsonObject object; // kind and apiVersion filled in
};

// Keeps one kind's objects current: lists, then watches from the list's resourceVersion
// (allowWatchBookmarks=true), resumes from the last seen resourceVersion after a drop
// with exponential backoff (0.5 s doubling to 30 s, jittered), and on 410 Gone (an ERROR
// event holding a 410 Status, or a 410 answer) lists again and emits `listed` anew.
// Lives on the thread that creates it; signals arrive there (queued from the client's I/O thread).
class KubeWatch : public QObject
{
    Q_OBJECT

public:
    enum class State { Idle, Listing, Watching, Reconnecting, Failed };
    Q_ENUM(State)

    KubeWatch(std::shared_ptr<KubeClient> client, QString group, QString version, QString kind,
        QString ns = {}, QString labelSelector = {}, QObject* parent = nullptr);
    ~KubeWatch() override;

    void start(); // list + watch
    void stop();
    State state() const;
    QString resourceVersion() const; // last seen

Q_SIGNALS:
    void listed(const QList<QJsonObject>& items, const QString& resourceVersion); // first list and every relist
    void eventsReceived(const QList<driftline::kube::WatchEvent>& events); // batched per network read, in order
    void stateChanged(driftline::kube::KubeWatch::State state, const driftline::Error& error); // error set when Reconnecting/Failed

private:
    void startList();
    void startWatch();
    void onStreamEvents(quint64 generation, const QList<QJsonObject>& rawEvents);
    void onStreamEnded(quint64 generation, const Result<void>& result);
    void relistAfterGone(const Error& error);
    void scheduleReconnect(const Error& error, bool relist);
    void setState(State state, const Error& error = {});

    std::shared_ptr<KubeClient> m_client;
    QString m_group;
    QString m_version;
    QString m_kind;
    QString m_ns;
    QString m_labelSelector;
    State m_state = State::Idle;
    QString m_resourceVersion;
    // Bumped by every start/stop/relist so late callbacks of an abandoned stream are ignored.
    quint64 m_generation = 0;
    std::shared_ptr<KubeClient::WatchStream> m_stream;
    QTimer* m_retryTimer = nullptr;
    int m_failures = 0; // consecutive, for the backoff
    int m_goneStreak = 0; // 410s with no event in between: after the first, relists back off too
    std::shared_ptr<KubeWatchSink> m_sink; // how the I/O thread reaches this object safely
};

} // namespace driftline::kube

Q_DECLARE_METATYPE(driftline::kube::WatchEvent)
