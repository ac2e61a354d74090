// One open watch stream: replays the change log (or synthesises ADDED events for
// the current state), then forwards the store's live changes that match its
// namespace and selectors as newline-delimited JSON chunks, with optional
// bookmarks and a timeout. It ends itself when the client goes away.
#pragma once

#include "sandbox/objectstore.h"

#include <QHttpServerResponder>
#include <QObject>
#include <QPointer>
#include <chrono>
#include <optional>

class QAbstractSocket;
class QTimer;

namespace driftline::sandbox
{

struct WatchRequest {
    ResourceType type;
    QString ns; // "" = all namespaces (or cluster-scoped)
    LabelSelector labels;
    FieldSelector fields;
    std::optional<qint64> resourceVersion; // unset = current state first
    bool bookmarks = false;
    int timeoutSeconds = 0; // 0 = until the client or the server goes away
};

class WatchSession : public QObject
{
    Q_OBJECT
public:
    // Starts streaming at once; `socket` (may be null) is watched for disconnects.
    WatchSession(ObjectStore& store, WatchRequest request, QHttpServerResponder&& responder,
        QAbstractSocket* socket, std::chrono::milliseconds bookmarkInterval, QObject* parent);
    ~WatchSession() override;

    bool isFinished() const { return m_finished; }

private:
    bool wants(const ObjectStore::Change& change) const;
    void send(const QString& type, const QJsonObject& object);
    void sendBookmark();
    void finish();

    ObjectStore& m_store;
    WatchRequest m_request;
    QHttpServerResponder m_responder;
    QPointer<QAbstractSocket> m_socket;
    bool m_tracksSocket = false;
    QTimer* m_bookmarkTimer = nullptr;
    QTimer* m_timeoutTimer = nullptr;
    int m_listenerId = 0;
    bool m_finished = false;
};

} // namespace driftline::sandbox
