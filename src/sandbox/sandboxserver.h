// The sandbox cluster's HTTPS front: a Kubernetes-API-compatible server on
// QHttpServer, loopback only, bearer-token auth, over an ObjectStore. It serves
// discovery, get, list, create, update and delete with the real server's
// document and Status shapes, and streams watches. Lives on the thread that creates it.
#pragma once

#include "core/error.h"
#include "sandbox/objectstore.h"
#include "sandbox/sandboxcertificates.h"
#include "sandbox/watchsession.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <chrono>
#include <optional>

class QAbstractSocket;
class QHttpServer;
class QHttpServerRequest;
class QSslServer;
class QUrlQuery;

namespace driftline::sandbox
{

class SandboxServer : public QObject
{
    Q_OBJECT
public:
    explicit SandboxServer(QObject* parent = nullptr);
    ~SandboxServer() override;

    // Generates fresh certificates and a token, then listens on 127.0.0.1.
    // Port 0 picks a free port; read it back with port().
    Result<void> listen(quint16 port = 0);

    bool isListening() const;
    quint16 port() const;
    QHostAddress serverAddress() const;
    QUrl url() const; // https://127.0.0.1:PORT

    const SandboxCertificates& certificates() const { return m_certificates; }
    QByteArray token() const { return m_certificates.token(); }
    ObjectStore& store() { return m_store; }

    // How often watches that asked for bookmarks get one (the real server: about a minute).
    void setBookmarkInterval(std::chrono::milliseconds interval) { m_bookmarkInterval = interval; }
    // Watch streams currently open (closed ones are gone once the event loop ran).
    int openWatchCount() const;

    // A kubeconfig (cluster, token user, context "driftline-sandbox" as current).
    QByteArray kubeconfigYaml() const;
    // Writes kubeconfigYaml() to `path`, readable by the owner only (it holds the token).
    Result<void> kubeconfig(const QString& path) const;

    struct Reply {
        int code = 200;
        QByteArray body;
        QByteArray contentType = "application/json";
    };

private:
    Reply handle(const QHttpServerRequest& request);
    Reply handleResource(
        const QHttpServerRequest& request, const QString& group, const QString& version, QStringList rest);
    QJsonObject apiVersions() const;
    QJsonObject apiGroupList() const;
    QJsonObject apiGroup(const QString& group) const;
    QJsonObject apiResourceList(const QString& group, const QString& version) const;
    bool authorized(const QHttpServerRequest& request) const;
    Reply prepareWatch(const QUrlQuery& query, const ResourceType& type, const QString& ns,
        LabelSelector labels, FieldSelector fields);

    QHttpServer* m_http = nullptr;
    QSslServer* m_tcp = nullptr;
    SandboxCertificates m_certificates;
    ObjectStore m_store;
    std::chrono::milliseconds m_bookmarkInterval { 60000 };
    // Set by handle() when the request is a watch; the responder then goes to a WatchSession.
    std::optional<WatchRequest> m_pendingWatch;
    QHash<quint16, QPointer<QAbstractSocket>> m_socketsByPeerPort;
};

} // namespace driftline::sandbox
