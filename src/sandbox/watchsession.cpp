#include "sandbox/watchsession.h"

#include <QAbstractSocket>
#include <QHttpHeaders>
#include <QJsonDocument>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace driftline::sandbox
{

WatchSession::WatchSession(ObjectStore& store, WatchRequest request, QHttpServerResponder&& responder,
    QAbstractSocket* socket, std::chrono::milliseconds bookmarkInterval, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_request(std::move(request))
    , m_responder(std::move(responder))
    , m_socket(socket)
    , m_tracksSocket(socket != nullptr)
{
    QHttpHeaders headers;
    headers.append(QHttpHeaders::WellKnownHeader::ContentType, "application/json");
    headers.append(QHttpHeaders::WellKnownHeader::CacheControl, "no-cache, private");
    m_responder.writeBeginChunked(headers);

    // The backlog is computed before listening; both run on this thread, so no
    // change can fall between them.
    QList<ObjectStore::Change> backlog;
    if (!m_request.resourceVersion || *m_request.resourceVersion == 0) {
        ObjectStore::ListOptions options;
        options.ns = m_request.ns;
        options.labels = m_request.labels;
        options.fields = m_request.fields;
        const auto page = m_store.list(m_request.type, options);
        if (page) {
            for (QJsonObject item : page->items) {
                // List items lack kind/apiVersion; watch events carry them.
                item.insert(u"kind"_s, m_request.type.kind);
                item.insert(u"apiVersion"_s, m_request.type.groupVersion());
                ObjectStore::Change added;
                added.type = ObjectStore::Change::Type::Added;
                added.group = m_request.type.group;
                added.resource = m_request.type.plural;
                added.object = item;
                backlog.append(added);
            }
        }
    } else {
        const auto changes = m_store.changesSince(*m_request.resourceVersion);
        if (!changes) {
            // An expired resourceVersion is an ERROR event on a 200 stream, as the watch cache answers.
            const QJsonObject event { { u"type"_s, u"ERROR"_s }, { u"object"_s, changes.error().toJson() } };
            m_finished = true;
            m_responder.writeEndChunked(QJsonDocument(event).toJson(QJsonDocument::Compact) + '\n');
            deleteLater();
            return;
        }
        for (const ObjectStore::Change& c : *changes) {
            if (wants(c))
                backlog.append(c);
        }
    }
    for (const ObjectStore::Change& c : std::as_const(backlog))
        send(ObjectStore::Change::typeName(c.type), c.object);

    m_listenerId = m_store.addListener([this](const ObjectStore::Change& change) {
        if (!m_finished && wants(change))
            send(ObjectStore::Change::typeName(change.type), change.object);
    });

    if (m_socket) {
        connect(m_socket, &QAbstractSocket::disconnected, this, &WatchSession::finish);
        connect(m_socket, &QObject::destroyed, this, &WatchSession::finish);
    }
    if (m_request.bookmarks) {
        m_bookmarkTimer = new QTimer(this);
        m_bookmarkTimer->setInterval(bookmarkInterval);
        connect(m_bookmarkTimer, &QTimer::timeout, this, &WatchSession::sendBookmark);
        m_bookmarkTimer->start();
    }
    if (m_request.timeoutSeconds > 0) {
        m_timeoutTimer = new QTimer(this);
        m_timeoutTimer->setSingleShot(true);
        m_timeoutTimer->setInterval(std::chrono::seconds(m_request.timeoutSeconds));
        connect(m_timeoutTimer, &QTimer::timeout, this, &WatchSession::finish);
        m_timeoutTimer->start();
    }
}

WatchSession::~WatchSession()
{
    if (m_listenerId)
        m_store.removeListener(m_listenerId);
}

bool WatchSession::wants(const ObjectStore::Change& change) const
{
    if (change.group != m_request.type.group || change.resource != m_request.type.plural)
        return false;
    const QJsonObject meta = change.object.value(u"metadata"_s).toObject();
    if (!m_request.ns.isEmpty() && meta.value(u"namespace"_s).toString() != m_request.ns)
        return false;
    return m_request.labels.matches(meta.value(u"labels"_s).toObject())
        && m_request.fields.matches(change.object);
}

void WatchSession::send(const QString& type, const QJsonObject& object)
{
    if (m_finished)
        return;
    if (m_tracksSocket && !m_socket) {
        finish();
        return;
    }
    const QJsonObject event { { u"type"_s, type }, { u"object"_s, object } };
    m_responder.writeChunk(QJsonDocument(event).toJson(QJsonDocument::Compact) + '\n');
}

void WatchSession::sendBookmark()
{
    const QJsonObject object { { u"kind"_s, m_request.type.kind },
        { u"apiVersion"_s, m_request.type.groupVersion() },
        { u"metadata"_s,
            QJsonObject { { u"resourceVersion"_s, QString::number(m_store.resourceVersion()) } } } };
    send(u"BOOKMARK"_s, object);
}

void WatchSession::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_bookmarkTimer)
        m_bookmarkTimer->stop();
    if (m_timeoutTimer)
        m_timeoutTimer->stop();
    if (m_listenerId) {
        m_store.removeListener(m_listenerId);
        m_listenerId = 0;
    }
    // A vanished client gets no end marker; its stream is already gone. The
    // responder refuses an empty final chunk; a newline is whitespace to a JSON stream decoder.
    if (!m_tracksSocket || (m_socket && m_socket->state() == QAbstractSocket::ConnectedState))
        m_responder.writeEndChunked("\n");
    deleteLater();
}

} // namespace driftline::sandbox
