#include "sandbox/sandboxserver.h"

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
    return Reply { code, QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json" };
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
{
    m_http->setMissingHandler(
        this, [this](const QHttpServerRequest& request, QHttpServerResponder& responder) {
            m_pendingWatch.reset();
            const Reply reply = handle(request);
            if (m_pendingWatch) {
                new WatchSession(m_store, std::move(*m_pendingWatch), std::move(responder),
                    m_socketsByPeerPort.value(request.remotePort()), m_bookmarkInterval, this);
                m_pendingWatch.reset();
                return;
            }
            QHttpHeaders headers;
            headers.append(QHttpHeaders::WellKnownHeader::ContentType, reply.contentType);
            headers.append(QHttpHeaders::WellKnownHeader::CacheControl, "no-cache, private");
            responder.write(reply.body, headers, static_cast<QHttpServerResponder::StatusCode>(reply.code));
        });
}

SandboxServer::~SandboxServer()
{
    // Sessions listen to m_store, which members' destruction would end before ~QObject deletes them.
    qDeleteAll(findChildren<WatchSession*>(Qt::FindDirectChildrenOnly));
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
    conf.setPeerVerifyMode(QSslSocket::VerifyNone);
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
    return !m_certificates.token().isEmpty() && header.size() == expected.size()
        && CRYPTO_memcmp(header.constData(), expected.constData(), size_t(expected.size())) == 0;
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
        return Reply { 200, "ok", "text/plain; charset=utf-8" };
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
    // Subresources (status, scale, log) are not served yet.
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
    if (!rawBody.trimmed().isEmpty()) {
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

    switch (method) {
    case QHttpServerRequest::Method::Get: {
        if (!name.isEmpty()) {
            const auto object = m_store.get(*type, ns, name);
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
    case QHttpServerRequest::Method::Post: {
        if (!name.isEmpty() || (type->namespaced && ns.isEmpty()))
            return failure(ApiStatus::methodNotAllowed());
        const auto created = m_store.create(*type, ns, body, *dryRun);
        return created ? json(201, *created) : failure(created.error());
    }
    case QHttpServerRequest::Method::Put: {
        if (name.isEmpty() || (type->namespaced && ns.isEmpty()))
            return failure(ApiStatus::methodNotAllowed());
        const auto updated = m_store.update(*type, ns, name, body, *dryRun);
        return updated ? json(200, *updated) : failure(updated.error());
    }
    case QHttpServerRequest::Method::Delete: {
        if (name.isEmpty() || (type->namespaced && ns.isEmpty()))
            return failure(ApiStatus::methodNotAllowed());
        const auto removed = m_store.remove(*type, ns, name, *dryRun);
        if (!removed)
            return failure(removed.error());
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
