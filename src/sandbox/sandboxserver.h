// The sandbox cluster's HTTPS front: a Kubernetes-API-compatible server on
// QHttpServer, loopback only, bearer-token or client-certificate auth, over an ObjectStore. It serves
// discovery, get, list, create, update and delete with the real server's
// document and Status shapes, and streams watches. Lives on the thread that creates it.
#pragma once

#include "core/error.h"
#include "sandbox/controllermanager.h"
#include "sandbox/faultinjection.h"
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
    // Closes every open watch stream's TCP connection abruptly, as a network drop
    // would (no end of stream): clients must notice and resume.
    void dropWatchConnections();

    // Faults injected into later requests (also GET/POST /driftline/v1/faults).
    // Setting them restarts the Nth-request counters.
    void setFaults(const FaultInjection& faults);
    const FaultInjection& faults() const { return m_faults; }

    // The controllers (Deployment -> ReplicaSet -> Pods and friends) run on the
    // server's thread. Off by default here (most tests want a static store);
    // SandboxHost and `driftline sandbox` switch them on.
    void setControllersEnabled(bool enabled);
    bool controllersEnabled() const;
    // How long a new Pod stays Pending before it runs and becomes Ready (default 1.5 s).
    void setPodStartDelay(std::chrono::milliseconds delay);
    ControllerManager& controllers() { return *m_controllers; }

    // A kubeconfig (cluster, token user, context "driftline-sandbox" as current).
    QByteArray kubeconfigYaml() const;
    // Writes kubeconfigYaml() to `path`, readable by the owner only (it holds the token).
    Result<void> kubeconfig(const QString& path) const;

    struct Reply {
        int code = 200;
        QByteArray body;
        QByteArray contentType = "application/json";
        QList<std::pair<QByteArray, QByteArray>> headers; // extra headers (Retry-After)
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
    // The autoscaling/v1 Scale view of a scalable object, and a write through it.
    static QJsonObject scaleOf(const QJsonObject& object);
    Reply writeScale(const ResourceType& type, const QString& ns, const QString& name, const QJsonObject& scale,
        const ObjectStore::WriteOptions& options);
    // PATCH by Content-Type: server-side apply, merge, JSON and strategic merge patch.
    Reply patchResource(const QHttpServerRequest& request, const ResourceType& type, const QString& ns,
        const QString& name, const ObjectStore::WriteOptions& options, bool force);
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
    // Fault injection: the settings, the request counters behind "every Nth", and
    // the sockets of watch streams (to drop them).
    FaultInjection m_faults;
    ControllerManager* m_controllers = nullptr;
    qint64 m_requestCount = 0;
    qint64 m_nonWatchRequestCount = 0;
    QList<QPointer<QAbstractSocket>> m_watchSockets;
    // Answers the fault endpoint; nullopt when the path is something else.
    std::optional<Reply> handleFaultsEndpoint(const QHttpServerRequest& request);
    // A fault to answer instead of `request`, if one is due.
    std::optional<Reply> injectedFault(bool isWatch);
    void startWatch(WatchRequest request, QHttpServerResponder&& responder, QAbstractSocket* socket);
};

} // namespace driftline::sandbox
