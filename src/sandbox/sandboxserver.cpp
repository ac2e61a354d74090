#include "sandbox/sandboxserver.h"

#include "core/manifestparser.h"
#include "sandbox/patchapplier.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QHttpHeaders>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSslConfiguration>
#include <QSslServer>
#include <QTimer>
#include <QTcpSocket>
#include <QUrlQuery>
#include <openssl/crypto.h>

using namespace Qt::StringLiterals;

namespace driftline::sandbox
{

namespace
{

using Reply = SandboxServer::Reply;

Reply json(int code, const QJsonObject& body)
{
    return Reply { code, QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json", {} };
}

Reply failure(const ApiStatus& status)
{
    return json(status.code, status.toJson());
}

// Query values as Go's url.ParseQuery reads them: '+' is a space.
QString queryValue(const QUrlQuery& query, const QString& key)
{
    QString raw = query.queryItemValue(key, QUrl::FullyEncoded);
    raw.replace(u'+', u' ');
    return QUrl::fromPercentEncoding(raw.toUtf8());
}

QJsonArray toArray(const QStringList& list)
{
    return QJsonArray::fromStringList(list);
}

QJsonObject groupVersionJson(const QString& group, const QString& version)
{
    return QJsonObject { { u"groupVersion"_s, QString(group + u'/' + version) }, { u"version"_s, version } };
}

// Opaque like the real one; stable per group/version/kind.
QString storageVersionHash(const ResourceType& t)
{
    const QByteArray digest
        = QCryptographicHash::hash((t.groupVersion() + u'/' + t.kind).toUtf8(), QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.left(8).toBase64());
}

std::optional<bool> dryRunOf(const QUrlQuery& query, const QJsonObject& deleteOptions, ApiStatus& error)
{
    QStringList values = query.allQueryItemValues(u"dryRun"_s);
    for (const QJsonValue& v : deleteOptions.value(u"dryRun"_s).toArray())
        values.append(v.toString());
    for (const QString& v : std::as_const(values)) {
        if (v != u"All"_s) {
            error
                = ApiStatus::badRequest(u"Invalid dryRun value: \"%1\": supported values: \"All\""_s.arg(v));
            return std::nullopt;
        }
    }
    return !values.isEmpty();
}

QByteArray mediaType(const QHttpServerRequest& request)
{
    const QByteArray value = request.headers().value(QHttpHeaders::WellKnownHeader::ContentType).toByteArray();
    return value.split(';').first().trimmed().toLower();
}

bool isApplyPatch(const QHttpServerRequest& request)
{
    return request.method() == QHttpServerRequest::Method::Patch
        && mediaType(request) == "application/apply-patch+yaml";
}

// The query's fieldManager, else what the real server derives from the User-Agent
// for non-apply writes: the part before the first '/' ("kubectl/v1.31.0 (...)" -> "kubectl").
StoreResult<QString> fieldManagerOf(const QHttpServerRequest& request, const QUrlQuery& query)
{
    QString manager = queryValue(query, u"fieldManager"_s);
    if (manager.isEmpty() && !isApplyPatch(request)) {
        const QString agent
            = QString::fromUtf8(request.headers().value(QHttpHeaders::WellKnownHeader::UserAgent).toByteArray());
        manager = agent.section(u'/', 0, 0).left(128);
    }
    if (manager.size() > 128)
        return reject(ApiStatus::badRequest(
            u"fieldManager: Too long: may not be longer than 128 characters"_s));
    return manager;
}

StoreResult<ObjectStore::Propagation> propagationOf(const QUrlQuery& query, const QJsonObject& body)
{
    QString policy = queryValue(query, u"propagationPolicy"_s);
    if (policy.isEmpty())
        policy = body.value(u"propagationPolicy"_s).toString();
    if (policy.isEmpty() && body.value(u"orphanDependents"_s).toBool())
        policy = u"Orphan"_s;
    if (policy.isEmpty() || policy == u"Background"_s)
        return ObjectStore::Propagation::Background;
    if (policy == u"Foreground"_s)
        return ObjectStore::Propagation::Foreground;
    if (policy == u"Orphan"_s)
        return ObjectStore::Propagation::Orphan;
    return reject(ApiStatus::badRequest(
        u"DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"%1\": supported values: \"Foreground\", \"Background\", \"Orphan\""_s
            .arg(policy)));
}

// Reports every accepted connection, so a watch can notice its client leaving
// (QHttpServerResponder offers no such signal).
class TrackingSslServer : public QSslServer
{
public:
    using QSslServer::QSslServer;
    std::function<void(QTcpSocket*)> onConnection;

    QTcpSocket* nextPendingConnection() override
    {
        QTcpSocket* socket = QSslServer::nextPendingConnection();
        if (socket && onConnection)
            onConnection(socket);
        return socket;
    }
};

} // namespace

SandboxServer::SandboxServer(QObject* parent)
    : QObject(parent)
    , m_http(new QHttpServer(this))
    , m_controllers(new ControllerManager(m_store, this))
{
    // Off until asked for: most tests want a store that changes only when they change it.
    // SandboxHost and `driftline sandbox` switch them on.
    m_controllers->setEnabled(false);
    m_http->setMissingHandler(
        this, [this](const QHttpServerRequest& request, QHttpServerResponder& responder) {
            m_pendingWatch.reset();
            std::optional<Reply> early = handleFaultsEndpoint(request);
            const bool faultControl = early.has_value(); // never delayed nor faulted
            if (!early && m_faults.isActive() && authorized(request)) {
                const QString watch = queryValue(request.query(), u"watch"_s);
                early = injectedFault(!watch.isEmpty() && watch != u"0"_s && watch != u"false"_s);
            }
            // A fault answers instead of the request, so a failed write changes nothing.
            const Reply reply = early ? *early : handle(request);
            std::optional<WatchRequest> watch = std::move(m_pendingWatch);
            m_pendingWatch.reset();
            const QPointer<QAbstractSocket> socket = m_socketsByPeerPort.value(request.remotePort());
            auto deliver = [this, reply, socket](QHttpServerResponder& out, std::optional<WatchRequest> w) {
                if (w) {
                    startWatch(std::move(*w), std::move(out), socket);
                    return;
                }
                QHttpHeaders headers;
                headers.append(QHttpHeaders::WellKnownHeader::ContentType, reply.contentType);
                headers.append(QHttpHeaders::WellKnownHeader::CacheControl, "no-cache, private");
                for (const auto& [name, value] : reply.headers)
                    headers.append(name, value);
                out.write(reply.body, headers, static_cast<QHttpServerResponder::StatusCode>(reply.code));
            };
            if (m_faults.latency.count() <= 0 || faultControl) {
                deliver(responder, std::move(watch));
                return;
            }
            // The answer is computed now and sent later: latency, not a slower server.
            auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
            auto heldWatch = std::make_shared<std::optional<WatchRequest>>(std::move(watch));
            QTimer::singleShot(m_faults.latency, this,
                [deliver, held, heldWatch]() mutable { deliver(*held, std::move(*heldWatch)); });
        });
}

SandboxServer::~SandboxServer()
{
    // Sessions listen to m_store, which members' destruction would end before ~QObject deletes them.
    qDeleteAll(findChildren<WatchSession*>(Qt::FindDirectChildrenOnly));
    delete m_controllers; // likewise
    m_controllers = nullptr;
}

void SandboxServer::startWatch(
    WatchRequest request, QHttpServerResponder&& responder, QAbstractSocket* socket)
{
    const int dropAfter = m_faults.dropWatchAfterEvents;
    // The same filter the session applies, so the count matches what the client receives.
    auto wanted = [type = request.type, ns = request.ns, labels = request.labels, fields = request.fields](
                      const ObjectStore::Change& c) {
        if (c.group != type.group || c.resource != type.plural)
            return false;
        const QJsonObject meta = c.object.value(u"metadata"_s).toObject();
        if (!ns.isEmpty() && meta.value(u"namespace"_s).toString() != ns)
            return false;
        return labels.matches(meta.value(u"labels"_s).toObject()) && fields.matches(c.object);
    };
    int backlog = 0;
    if (dropAfter > 0) {
        if (!request.resourceVersion || *request.resourceVersion == 0) {
            ObjectStore::ListOptions options;
            options.ns = request.ns;
            options.labels = request.labels;
            options.fields = request.fields;
            if (const auto page = m_store.list(request.type, options))
                backlog = int(page->items.size());
        } else if (const auto changes = m_store.changesSince(*request.resourceVersion)) {
            for (const ObjectStore::Change& c : *changes)
                backlog += wanted(c) ? 1 : 0;
        }
    }
    new WatchSession(m_store, std::move(request), std::move(responder), socket, m_bookmarkInterval, this);
    if (!socket)
        return;
    m_watchSockets.removeAll(nullptr);
    m_watchSockets.append(socket);
    if (dropAfter <= 0)
        return;
    const QPointer<QAbstractSocket> guarded = socket;
    auto drop = [guarded] {
        // disconnectFromHost flushes what was already written (the Nth event), then
        // closes without ending the chunked stream: to the client, a dropped connection.
        if (guarded && guarded->state() == QAbstractSocket::ConnectedState)
            guarded->disconnectFromHost();
    };
    if (backlog >= dropAfter) {
        QTimer::singleShot(0, this, drop);
        return;
    }
    auto seen = std::make_shared<int>(backlog);
    auto id = std::make_shared<int>(0);
    // Registered after the session's listener, so it runs after the event was written.
    *id = m_store.addListener([this, wanted, seen, id, dropAfter, drop](const ObjectStore::Change& c) {
        if (!wanted(c) || *seen >= dropAfter)
            return;
        if (++*seen == dropAfter) {
            drop();
            m_store.removeListener(*id);
        }
    });
    connect(socket, &QObject::destroyed, this, [this, id] { m_store.removeListener(*id); });
    connect(socket, &QAbstractSocket::disconnected, this, [this, id] { m_store.removeListener(*id); });
}

void SandboxServer::setControllersEnabled(bool enabled)
{
    m_controllers->setEnabled(enabled);
}

bool SandboxServer::controllersEnabled() const
{
    return m_controllers->isEnabled();
}

void SandboxServer::setPodStartDelay(std::chrono::milliseconds delay)
{
    m_controllers->setPodStartDelay(delay);
}

void SandboxServer::dropWatchConnections()
{
    const auto sockets = std::exchange(m_watchSockets, {});
    for (const QPointer<QAbstractSocket>& socket : sockets) {
        if (socket)
            socket->abort();
    }
}

void SandboxServer::setFaults(const FaultInjection& faults)
{
    m_faults = faults;
    m_requestCount = 0;
    m_nonWatchRequestCount = 0;
}

std::optional<SandboxServer::Reply> SandboxServer::injectedFault(bool isWatch)
{
    ++m_requestCount;
    if (!isWatch)
        ++m_nonWatchRequestCount;
    if (m_faults.throttleEveryNth > 0 && m_requestCount % m_faults.throttleEveryNth == 0) {
        ApiStatus status;
        status.code = 429;
        status.reason = u"TooManyRequests"_s;
        status.message = u"Too many requests, please try again later."_s;
        status.details = QJsonObject { { u"retryAfterSeconds"_s, m_faults.retryAfterSeconds } };
        Reply reply = failure(status);
        reply.headers.append({ "Retry-After", QByteArray::number(m_faults.retryAfterSeconds) });
        return reply;
    }
    if (!isWatch && m_faults.failEveryNth > 0 && m_nonWatchRequestCount % m_faults.failEveryNth == 0) {
        ApiStatus status;
        status.code = 500;
        status.reason = u"InternalError"_s;
        status.message = u"Internal error occurred: injected fault (driftline sandbox)"_s;
        status.details = QJsonObject { { u"causes"_s,
            QJsonArray { QJsonObject { { u"message"_s, u"injected fault (driftline sandbox)"_s } } } } };
        return failure(status);
    }
    return std::nullopt;
}

std::optional<SandboxServer::Reply> SandboxServer::handleFaultsEndpoint(const QHttpServerRequest& request)
{
    if (request.url().path() != u"/driftline/v1/faults"_s)
        return std::nullopt;
    if (!authorized(request))
        return failure(ApiStatus::unauthorized());
    switch (request.method()) {
    case QHttpServerRequest::Method::Get:
        return json(200, m_faults.toJson());
    case QHttpServerRequest::Method::Post:
    case QHttpServerRequest::Method::Put: {
        const QJsonDocument doc = QJsonDocument::fromJson(request.body());
        QString why = u"the body must be a JSON object"_s;
        const auto faults = doc.isObject() ? FaultInjection::fromJson(doc.object(), &why) : std::nullopt;
        if (!faults)
            return failure(ApiStatus::badRequest(why));
        setFaults(*faults);
        return json(200, m_faults.toJson());
    }
    default:
        return failure(ApiStatus::methodNotAllowed());
    }
}

int SandboxServer::openWatchCount() const
{
    int open = 0;
    for (const WatchSession* session : findChildren<WatchSession*>(Qt::FindDirectChildrenOnly))
        open += session->isFinished() ? 0 : 1;
    return open;
}

Result<void> SandboxServer::listen(quint16 port)
{
    if (isListening())
        return {};
    auto certificates = SandboxCertificates::generate();
    if (!certificates)
        return fail(certificates.error());
    m_certificates = *certificates;
    if (m_certificates.serverKey().isNull() || m_certificates.serverCertificate().isNull())
        return fail(Error::Code::Generic, tr("The sandbox certificate could not be loaded."));

    auto* tcp = new TrackingSslServer(m_http);
    tcp->onConnection = [this](QTcpSocket* socket) {
        const quint16 peerPort = socket->peerPort();
        m_socketsByPeerPort.insert(peerPort, socket);
        connect(socket, &QObject::destroyed, this, [this, peerPort] {
            if (!m_socketsByPeerPort.value(peerPort))
                m_socketsByPeerPort.remove(peerPort);
        });
    };
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setLocalCertificate(m_certificates.serverCertificate());
    conf.setPrivateKey(m_certificates.serverKey());
    // Ask for a client certificate without requiring one (token clients send
    // none). QueryPeer lets the handshake through whatever is presented;
    // authorized() then trusts only chains to the sandbox CA, as a real API
    // server does with its client CA.
    conf.setPeerVerifyMode(QSslSocket::QueryPeer);
    conf.setCaCertificates({ m_certificates.caCertificate() });
    tcp->setSslConfiguration(conf);
    // Loopback only: the sandbox is a local test double, never a network service.
    if (!tcp->listen(QHostAddress::LocalHost, port)) {
        const QString why = tcp->errorString();
        delete tcp;
        return fail(Error::make(Error::Code::Io, tr("The sandbox cannot listen on 127.0.0.1:%1.").arg(port))
                        .withDetail(why));
    }
    if (!m_http->bind(tcp)) {
        delete tcp;
        return fail(Error::Code::Generic, tr("The sandbox HTTP server could not start."));
    }
    m_tcp = tcp;
    return {};
}

bool SandboxServer::isListening() const
{
    return m_tcp && m_tcp->isListening();
}

quint16 SandboxServer::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

QHostAddress SandboxServer::serverAddress() const
{
    return m_tcp ? m_tcp->serverAddress() : QHostAddress();
}

QUrl SandboxServer::url() const
{
    QUrl u;
    u.setScheme(u"https"_s);
    u.setHost(serverAddress().toString());
    u.setPort(port());
    return u;
}

QByteArray SandboxServer::kubeconfigYaml() const
{
    const QByteArray name = "driftline-sandbox";
    QByteArray y;
    y += "apiVersion: v1\nkind: Config\n";
    y += "clusters:\n- name: " + name + "\n  cluster:\n";
    y += "    server: " + url().toString().toUtf8() + "\n";
    y += "    certificate-authority-data: \"" + m_certificates.caCertificatePem().toBase64() + "\"\n";
    y += "users:\n- name: " + name + "\n  user:\n";
    y += "    token: \"" + m_certificates.token() + "\"\n";
    y += "contexts:\n- name: " + name + "\n  context:\n";
    y += "    cluster: " + name + "\n    user: " + name + "\n    namespace: default\n";
    y += "current-context: " + name + "\n";
    y += "preferences: {}\n";
    return y;
}

Result<void> SandboxServer::kubeconfig(const QString& path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(Error::make(Error::Code::Io, tr("Cannot write the sandbox kubeconfig."))
                        .at(path)
                        .withDetail(file.errorString()));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(kubeconfigYaml());
    if (!file.commit())
        return fail(Error::make(Error::Code::Io, tr("Cannot write the sandbox kubeconfig."))
                        .at(path)
                        .withDetail(file.errorString()));
    return {};
}

bool SandboxServer::authorized(const QHttpServerRequest& request) const
{
    const QByteArray header
        = request.headers().value(QHttpHeaders::WellKnownHeader::Authorization).toByteArray();
    const QByteArray expected = "Bearer " + m_certificates.token();
    // Constant time, so response timing does not leak the token.
    if (!m_certificates.token().isEmpty() && header.size() == expected.size()
        && CRYPTO_memcmp(header.constData(), expected.constData(), size_t(expected.size())) == 0)
        return true;
    // As on a real API server any valid authenticator is enough: a client
    // certificate chaining to the sandbox CA authenticates even next to a wrong
    // token. A certificate from another CA counts as no credentials (401).
    const QSslConfiguration tls = request.sslConfiguration();
    return m_certificates.verifyClientCertificate(tls.peerCertificate(), tls.peerCertificateChain()).has_value();
}

SandboxServer::Reply SandboxServer::handle(const QHttpServerRequest& request)
{
    if (!authorized(request))
        return failure(ApiStatus::unauthorized());

    const QStringList segments = request.url().path().split(u'/', Qt::SkipEmptyParts);
    const bool get = request.method() == QHttpServerRequest::Method::Get;
    if (segments.isEmpty())
        return failure(ApiStatus::noSuchResource());
    const QString& root = segments.first();

    if (segments.size() == 1 && (root == u"healthz"_s || root == u"livez"_s || root == u"readyz"_s))
        return Reply { 200, "ok", "text/plain; charset=utf-8", {} };
    if (segments.size() == 1 && root == u"version"_s && get) {
        return json(200,
            QJsonObject { { u"major"_s, u"1"_s }, { u"minor"_s, u"31"_s },
                { u"gitVersion"_s, u"v1.31.0-driftline-sandbox"_s },
                { u"gitCommit"_s, u"0000000000000000000000000000000000000000"_s },
                { u"gitTreeState"_s, u"clean"_s }, { u"buildDate"_s, u"2024-08-13T00:00:00Z"_s },
                { u"goVersion"_s, u"go1.22.5"_s }, { u"compiler"_s, u"gc"_s },
                { u"platform"_s, u"linux/amd64"_s } });
    }
    if (root == u"api"_s) {
        if (segments.size() == 1)
            return get ? json(200, apiVersions()) : failure(ApiStatus::methodNotAllowed());
        if (segments.at(1) != u"v1"_s)
            return failure(ApiStatus::noSuchResource());
        if (segments.size() == 2)
            return get ? json(200, apiResourceList(QString(), u"v1"_s))
                       : failure(ApiStatus::methodNotAllowed());
        return handleResource(request, QString(), u"v1"_s, segments.mid(2));
    }
    if (root == u"apis"_s) {
        if (segments.size() == 1)
            return get ? json(200, apiGroupList()) : failure(ApiStatus::methodNotAllowed());
        if (segments.size() == 2) {
            const QJsonObject group = apiGroup(segments.at(1));
            if (group.isEmpty())
                return failure(ApiStatus::noSuchResource());
            return get ? json(200, group) : failure(ApiStatus::methodNotAllowed());
        }
        const QJsonObject list = apiResourceList(segments.at(1), segments.at(2));
        if (list.value(u"resources"_s).toArray().isEmpty())
            return failure(ApiStatus::noSuchResource());
        if (segments.size() == 3)
            return get ? json(200, list) : failure(ApiStatus::methodNotAllowed());
        return handleResource(request, segments.at(1), segments.at(2), segments.mid(3));
    }
    return failure(ApiStatus::noSuchResource());
}

SandboxServer::Reply SandboxServer::handleResource(
    const QHttpServerRequest& request, const QString& group, const QString& version, QStringList rest)
{
    QString ns;
    if (rest.size() >= 3 && rest.first() == u"namespaces"_s) {
        ns = rest.at(1);
        rest = rest.mid(2);
    }
    // The status and scale subresources are served; log and the others are not yet.
    QString subresource;
    if (rest.size() == 3 && (rest.at(2) == u"status"_s || rest.at(2) == u"scale"_s))
        subresource = rest.takeLast();
    if (rest.size() > 2)
        return failure(ApiStatus::noSuchResource());
    const auto type = m_store.findType(group, version, rest.first());
    if (!type || (!ns.isEmpty() && !type->namespaced))
        return failure(ApiStatus::noSuchResource());
    const QString name = rest.value(1);
    const QUrlQuery query = request.query();

    QJsonObject body;
    const QByteArray rawBody = request.body();
    const auto method = request.method();
    // PATCH bodies are read by their Content-Type below (YAML, JSON arrays).
    if (!rawBody.trimmed().isEmpty() && method != QHttpServerRequest::Method::Patch) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(rawBody, &error);
        if (!doc.isObject())
            return failure(ApiStatus::badRequest(
                u"the body of the request was in an unknown format - accepted media types include: "
                "application/json, application/yaml, application/vnd.kubernetes.protobuf"_s));
        body = doc.object();
    }
    ApiStatus dryRunError;
    const auto dryRun
        = dryRunOf(query, method == QHttpServerRequest::Method::Delete ? body : QJsonObject(), dryRunError);
    if (!dryRun)
        return failure(dryRunError);

    if (!subresource.isEmpty()
        && (name.isEmpty() || (subresource == u"status"_s && !type->hasStatus)
            || (subresource == u"scale"_s && !ObjectStore::hasScaleSubresource(*type))))
        return failure(ApiStatus::noSuchResource());
    const auto manager = fieldManagerOf(request, query);
    if (!manager)
        return failure(manager.error());
    ObjectStore::WriteOptions writeOptions;
    writeOptions.dryRun = *dryRun;
    writeOptions.fieldManager = *manager;
    writeOptions.subresource = subresource;
    ObjectStore::DeleteOptions deleteOptions;
    deleteOptions.dryRun = *dryRun;
    if (method == QHttpServerRequest::Method::Delete) {
        const auto propagation = propagationOf(query, body);
        if (!propagation)
            return failure(propagation.error());
        deleteOptions.propagation = *propagation;
        const QJsonObject preconditions = body.value(u"preconditions"_s).toObject();
        deleteOptions.preconditionUid = preconditions.value(u"uid"_s).toString();
        deleteOptions.preconditionResourceVersion = preconditions.value(u"resourceVersion"_s).toString();
    }
    const QString force = queryValue(query, u"force"_s);
    if (method == QHttpServerRequest::Method::Patch && !force.isEmpty() && !isApplyPatch(request)) {
        ApiStatus status;
        status.code = 422;
        status.reason = u"Invalid"_s;
        status.message
            = u"PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified for non-apply patch"_s;
        status.details = QJsonObject { { u"group"_s, u"meta.k8s.io"_s }, { u"kind"_s, u"PatchOptions"_s },
            { u"causes"_s,
                QJsonArray { QJsonObject { { u"reason"_s, u"FieldValueForbidden"_s },
                    { u"message"_s, u"Forbidden: may not be specified for non-apply patch"_s },
                    { u"field"_s, u"force"_s } } } } };
        return failure(status);
    }

    switch (method) {
    case QHttpServerRequest::Method::Get: {
        if (!name.isEmpty() || !subresource.isEmpty()) {
            const auto object = m_store.get(*type, ns, name);
            if (object && subresource == u"scale"_s)
                return json(200, scaleOf(*object));
            return object ? json(200, *object) : failure(object.error());
        }
        ObjectStore::ListOptions options;
        options.ns = ns;
        const auto labels = LabelSelector::parse(queryValue(query, u"labelSelector"_s));
        if (!labels)
            return failure(ApiStatus::badRequest(labels.error()));
        options.labels = *labels;
        const auto fields = FieldSelector::parse(queryValue(query, u"fieldSelector"_s));
        if (!fields)
            return failure(ApiStatus::badRequest(fields.error()));
        options.fields = *fields;
        const QString watch = queryValue(query, u"watch"_s);
        if (!watch.isEmpty() && watch != u"0"_s && watch != u"false"_s)
            return prepareWatch(query, *type, ns, options.labels, options.fields);
        options.limit = qMax(0, queryValue(query, u"limit"_s).toInt());
        options.continueToken = queryValue(query, u"continue"_s);
        const auto page = m_store.list(*type, options);
        if (!page)
            return failure(page.error());
        QJsonObject meta { { u"resourceVersion"_s, page->resourceVersion } };
        if (!page->continueToken.isEmpty())
            meta.insert(u"continue"_s, page->continueToken);
        if (page->remainingItemCount >= 0)
            meta.insert(u"remainingItemCount"_s, page->remainingItemCount);
        QJsonArray items;
        for (const QJsonObject& item : page->items)
            items.append(item);
        return json(200,
            QJsonObject { { u"kind"_s, QString(type->kind + u"List"_s) },
                { u"apiVersion"_s, type->groupVersion() }, { u"metadata"_s, meta }, { u"items"_s, items } });
    }
    case QHttpServerRequest::Method::Patch: {
        if (name.isEmpty() || (type->namespaced && ns.isEmpty()))
            return failure(ApiStatus::methodNotAllowed());
        return patchResource(request, *type, ns, name, writeOptions, force == u"true"_s);
    }
    case QHttpServerRequest::Method::Post: {
        if (!name.isEmpty() || !subresource.isEmpty() || (type->namespaced && ns.isEmpty()))
            return failure(ApiStatus::methodNotAllowed());
        const auto created = m_store.create(*type, ns, body, writeOptions);
        return created ? json(201, *created) : failure(created.error());
    }
    case QHttpServerRequest::Method::Put: {
        if (name.isEmpty() || (type->namespaced && ns.isEmpty()))
            return failure(ApiStatus::methodNotAllowed());
        if (subresource == u"scale"_s)
            return writeScale(*type, ns, name, body, writeOptions);
        const auto updated = m_store.update(*type, ns, name, body, writeOptions);
        return updated ? json(200, *updated) : failure(updated.error());
    }
    case QHttpServerRequest::Method::Delete: {
        if (name.isEmpty() || !subresource.isEmpty() || (type->namespaced && ns.isEmpty()))
            return failure(ApiStatus::methodNotAllowed());
        const auto removed = m_store.remove(*type, ns, name, deleteOptions);
        if (!removed)
            return failure(removed.error());
        // Held by finalizers (foreground, orphan, or its own): the answer is the marked object.
        if (removed->value(u"metadata"_s).toObject().contains(u"deletionTimestamp"_s))
            return json(200, *removed);
        // Pods and namespaces answer with the object, everything else with a Success Status.
        if (type->group.isEmpty() && type->plural == u"namespaces"_s) {
            QJsonObject object = *removed;
            QJsonObject meta = object.value(u"metadata"_s).toObject();
            meta.insert(u"deletionTimestamp"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
            object.insert(u"metadata"_s, meta);
            object.insert(u"status"_s, QJsonObject { { u"phase"_s, u"Terminating"_s } });
            return json(200, object);
        }
        if (type->group.isEmpty() && type->plural == u"pods"_s)
            return json(200, *removed);
        return json(200, ApiStatus::deleteSuccess(*type, *removed));
    }
    default:
        return failure(ApiStatus::methodNotAllowed());
    }
}

SandboxServer::Reply SandboxServer::patchResource(const QHttpServerRequest& request, const ResourceType& type,
    const QString& ns, const QString& name, const ObjectStore::WriteOptions& options, bool force)
{
    const QByteArray media = mediaType(request);
    const QByteArray body = request.body();
    if (media == "application/apply-patch+yaml") {
        // JSON is YAML, so one parser reads both forms of an applied configuration.
        const auto parsed = ManifestParser::parseYamlValue(body);
        if (!parsed || !parsed->isObject())
            return failure(ApiStatus::badRequest(
                u"error decoding YAML: the applied configuration is not a YAML or JSON object"_s));
        ObjectStore::ApplyOptions applyOptions;
        applyOptions.fieldManager = options.fieldManager;
        applyOptions.force = force;
        applyOptions.dryRun = options.dryRun;
        if (!options.subresource.isEmpty())
            return failure(ApiStatus::methodNotAllowed());
        const auto applied = m_store.apply(type, ns, name, parsed->toObject(), applyOptions);
        if (!applied)
            return failure(applied.error());
        return json(applied->created ? 201 : 200, applied->object);
    }
    if (options.subresource == u"scale"_s) {
        // A patch of the Scale document, written back as a scale update.
        const auto stored = m_store.get(type, ns, name);
        if (!stored)
            return failure(stored.error());
        const QJsonObject scale = scaleOf(*stored);
        StoreResult<QJsonObject> patched;
        if (media == "application/json-patch+json")
            patched = PatchApplier::jsonPatch(scale, body);
        else if (media == "application/merge-patch+json" || media == "application/strategic-merge-patch+json")
            patched = PatchApplier::mergePatch(scale, body);
        else
            return failure(ApiStatus::methodNotAllowed());
        if (!patched)
            return failure(patched.error());
        return writeScale(type, ns, name, *patched, options);
    }
    ObjectStore::PatchType patchType;
    if (media == "application/merge-patch+json")
        patchType = ObjectStore::PatchType::Merge;
    else if (media == "application/json-patch+json")
        patchType = ObjectStore::PatchType::Json;
    else if (media == "application/strategic-merge-patch+json")
        patchType = ObjectStore::PatchType::Strategic;
    else {
        ApiStatus status;
        status.code = 415;
        status.reason = u"UnsupportedMediaType"_s;
        status.message = u"the body of the request was in an unknown format - accepted media types include: "
                         "application/json-patch+json, application/merge-patch+json, "
                         "application/apply-patch+yaml, application/strategic-merge-patch+json"_s;
        return failure(status);
    }
    const auto patched = m_store.patch(type, ns, name, patchType, body, options);
    return patched ? json(200, *patched) : failure(patched.error());
}

QJsonObject SandboxServer::scaleOf(const QJsonObject& object)
{
    const QJsonObject meta = object.value(u"metadata"_s).toObject();
    QJsonObject scaleMeta;
    for (const QString& key : { u"name"_s, u"namespace"_s, u"uid"_s, u"resourceVersion"_s, u"creationTimestamp"_s }) {
        if (meta.contains(key))
            scaleMeta.insert(key, meta.value(key));
    }
    const QJsonObject spec = object.value(u"spec"_s).toObject();
    // The selector as a label-selector string (matchLabels only).
    const QJsonObject selector = spec.value(u"selector"_s).toObject();
    const QJsonObject matchLabels
        = selector.contains(u"matchLabels"_s) ? selector.value(u"matchLabels"_s).toObject() : selector;
    QStringList terms;
    for (auto it = matchLabels.begin(); it != matchLabels.end(); ++it)
        terms.append(it.key() + u'=' + it.value().toString());
    return QJsonObject { { u"kind"_s, u"Scale"_s }, { u"apiVersion"_s, u"autoscaling/v1"_s },
        { u"metadata"_s, scaleMeta },
        { u"spec"_s, QJsonObject { { u"replicas"_s, spec.value(u"replicas"_s).toInt() } } },
        { u"status"_s,
            QJsonObject { { u"replicas"_s, object.value(u"status"_s).toObject().value(u"replicas"_s).toInt() },
                { u"selector"_s, terms.join(u',') } } } };
}

SandboxServer::Reply SandboxServer::writeScale(const ResourceType& type, const QString& ns, const QString& name,
    const QJsonObject& scale, const ObjectStore::WriteOptions& options)
{
    const auto stored = m_store.get(type, ns, name);
    if (!stored)
        return failure(stored.error());
    QJsonObject object = *stored;
    QJsonObject meta = object.value(u"metadata"_s).toObject();
    // The Scale's resourceVersion is a precondition like the object's own.
    const QString rv = scale.value(u"metadata"_s).toObject().value(u"resourceVersion"_s).toString();
    meta.insert(u"resourceVersion"_s, rv.isEmpty() ? meta.value(u"resourceVersion"_s) : QJsonValue(rv));
    object.insert(u"metadata"_s, meta);
    QJsonObject spec = object.value(u"spec"_s).toObject();
    spec.insert(u"replicas"_s, scale.value(u"spec"_s).toObject().value(u"replicas"_s).toInt());
    object.insert(u"spec"_s, spec);
    const auto updated = m_store.update(type, ns, name, object, options);
    return updated ? json(200, scaleOf(*updated)) : failure(updated.error());
}

SandboxServer::Reply SandboxServer::prepareWatch(const QUrlQuery& query, const ResourceType& type,
    const QString& ns, LabelSelector labels, FieldSelector fields)
{
    WatchRequest watch;
    watch.type = type;
    watch.ns = type.namespaced ? ns : QString();
    watch.labels = std::move(labels);
    watch.fields = std::move(fields);
    const QString rv = queryValue(query, u"resourceVersion"_s);
    if (!rv.isEmpty()) {
        bool ok = false;
        const qint64 value = rv.toLongLong(&ok);
        if (!ok || value < 0)
            return failure(ApiStatus::badRequest(u"resourceVersion: Invalid value: \"%1\": strconv.ParseUint: "
                                                 "parsing \"%1\": invalid syntax"_s.arg(rv)));
        watch.resourceVersion = value;
    }
    watch.bookmarks = queryValue(query, u"allowWatchBookmarks"_s) == u"true"_s
        || queryValue(query, u"allowWatchBookmarks"_s) == u"1"_s;
    watch.timeoutSeconds = qMax(0, queryValue(query, u"timeoutSeconds"_s).toInt());
    m_pendingWatch = std::move(watch);
    return Reply {};
}

QJsonObject SandboxServer::apiVersions() const
{
    return QJsonObject { { u"kind"_s, u"APIVersions"_s }, { u"versions"_s, QJsonArray { u"v1"_s } },
        { u"serverAddressByClientCIDRs"_s,
            QJsonArray { QJsonObject { { u"clientCIDR"_s, u"0.0.0.0/0"_s },
                { u"serverAddress"_s, u"%1:%2"_s.arg(serverAddress().toString()).arg(port()) } } } } };
}

QJsonObject SandboxServer::apiGroup(const QString& group) const
{
    QStringList versions;
    for (const ResourceType& t : m_store.types()) {
        if (t.group == group && !group.isEmpty() && !versions.contains(t.version))
            versions.append(t.version);
    }
    if (versions.isEmpty())
        return {};
    QJsonArray list;
    for (const QString& v : std::as_const(versions))
        list.append(groupVersionJson(group, v));
    // The first version served is the preferred one (autoscaling serves only v2 here).
    return QJsonObject { { u"kind"_s, u"APIGroup"_s }, { u"apiVersion"_s, u"v1"_s }, { u"name"_s, group },
        { u"versions"_s, list }, { u"preferredVersion"_s, groupVersionJson(group, versions.first()) } };
}

QJsonObject SandboxServer::apiGroupList() const
{
    QStringList groups;
    for (const ResourceType& t : m_store.types()) {
        if (!t.group.isEmpty() && !groups.contains(t.group))
            groups.append(t.group);
    }
    QJsonArray list;
    for (const QString& g : std::as_const(groups)) {
        QJsonObject group = apiGroup(g);
        // Inside an APIGroupList the entries carry no kind/apiVersion.
        group.remove(u"kind"_s);
        group.remove(u"apiVersion"_s);
        list.append(group);
    }
    return QJsonObject { { u"kind"_s, u"APIGroupList"_s }, { u"apiVersion"_s, u"v1"_s },
        { u"groups"_s, list } };
}

QJsonObject SandboxServer::apiResourceList(const QString& group, const QString& version) const
{
    QJsonArray resources;
    for (const ResourceType& t : m_store.types()) {
        if (t.group != group || t.version != version)
            continue;
        QJsonObject r { { u"name"_s, t.plural }, { u"singularName"_s, t.singular },
            { u"namespaced"_s, t.namespaced }, { u"kind"_s, t.kind }, { u"verbs"_s, toArray(t.verbs) },
            { u"storageVersionHash"_s, storageVersionHash(t) } };
        if (!t.shortNames.isEmpty())
            r.insert(u"shortNames"_s, toArray(t.shortNames));
        if (!t.categories.isEmpty())
            r.insert(u"categories"_s, toArray(t.categories));
        resources.append(r);
    }
    QJsonObject list { { u"kind"_s, u"APIResourceList"_s },
        { u"groupVersion"_s, group.isEmpty() ? version : group + u'/' + version },
        { u"resources"_s, resources } };
    // The real core list has no apiVersion; group lists do.
    if (!group.isEmpty())
        list.insert(u"apiVersion"_s, u"v1"_s);
    return list;
}

} // namespace driftline::sandbox
