#include "kube/kubeclient.h"

#include "kube/kubeerror.h"

#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QPromise>
#include <QSslError>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace driftline::kube {

// One public call as the I/O thread sees it: which request is in flight, and
// whether the caller gave up on it.
struct KubeClient::Operation {
    bool cancelled = false;
    bool finished = false;
    QPointer<QNetworkReply> reply;
};

// A watch as KubeWatch holds it: the operation to cancel.
class KubeClient::WatchStream
{
public:
    std::shared_ptr<Operation> op = std::make_shared<Operation>();
};

namespace {

struct Call {
    QByteArray method = "GET";
    QString path; // below the server URL's own path
    QUrlQuery query;
    QByteArray body;
    QString verb;     // for "forbidden: <verb> <resource>"
    QString resource; // "deployments.apps"
    QByteArray contentType = "application/json";
    // Set for a watch: the body is handed over as it arrives (only on HTTP 200),
    // there is no transfer timeout, and a stream silent for idleTimeoutMs is aborted.
    std::function<void(const QByteArray&)> onData;
    std::function<void()> onOpen;
    int idleTimeoutMs = 0;
};

struct Response {
    int status = 0;
    QByteArray body;
};

QString resourceName(const ApiResource& r)
{
    return r.group.isEmpty() ? r.plural : r.plural + u'.' + r.group;
}

QString groupVersionPath(const QString& group, const QString& version)
{
    return group.isEmpty() ? u"/api/"_s + version : u"/apis/%1/%2"_s.arg(group, version);
}

QString resourcePath(const ApiResource& r, const QString& ns, const QString& name = {})
{
    QString path = groupVersionPath(r.group, r.version);
    if (r.namespaced && !ns.isEmpty())
        path += u"/namespaces/"_s + ns;
    path += u'/' + r.plural;
    if (!name.isEmpty())
        path += u'/' + name;
    return path;
}

QString apiVersionGroup(const QString& apiVersion)
{
    const qsizetype slash = apiVersion.indexOf(u'/');
    return slash < 0 ? QString() : apiVersion.left(slash);
}

QString apiVersionVersion(const QString& apiVersion)
{
    return apiVersion.mid(apiVersion.indexOf(u'/') + 1);
}

// The causes of a Status (which field, which manager for an apply conflict), one
// line each, so that they survive into Error::detail next to "reason: …".
QString statusCauses(const QByteArray& body)
{
    const QJsonObject status = QJsonDocument::fromJson(body).object();
    QStringList lines;
    for (const QJsonValue& c : status.value(u"details"_s).toObject().value(u"causes"_s).toArray()) {
        const QJsonObject cause = c.toObject();
        const QString field = cause.value(u"field"_s).toString();
        const QString message = cause.value(u"message"_s).toString();
        lines.append(field.isEmpty() ? u"cause: "_s + message : u"cause: %1: %2"_s.arg(field, message));
    }
    return lines.join(u'\n');
}

Result<QJsonObject> jsonObject(const Response& response)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(response.body, &error);
    if (!doc.isObject())
        return fail(Error::make(Error::Code::InvalidInput,
            QCoreApplication::translate("driftline::kube::KubeClient", "The cluster answered something that is not a JSON object."))
                .withDetail(error.errorString()));
    return doc.object();
}

} // namespace

class KubeClient::Worker : public QObject
{
public:
    Worker(std::shared_ptr<CredentialResolver> resolver, QString contextName,
        std::shared_ptr<std::atomic<int>> timeoutMs)
        : m_resolver(std::move(resolver))
        , m_contextName(std::move(contextName))
        , m_timeoutMs(std::move(timeoutMs))
    {
        const QString name = m_contextName.isEmpty() ? m_resolver->config().currentContext() : m_contextName;
        if (const Context* context = m_resolver->config().context(name)) {
            m_defaultNamespace = context->ns;
            m_clusterName = context->cluster;
        }
        if (m_clusterName.isEmpty())
            m_clusterName = name;
    }

    // Every request still in flight ends as cancelled before the manager goes away.
    void shutdown()
    {
        m_shuttingDown = true;
        // Recursive: the watches' own managers are children of this worker too.
        const auto replies = findChildren<QNetworkReply*>();
        for (QNetworkReply* reply : replies)
            reply->abort();
    }

    QString clusterName() const { return m_clusterName; }

    void send(const std::shared_ptr<Operation>& op, Call call, std::function<void(Result<Response>)> done,
        int retries = 0, bool reauthenticated = false)
    {
        if (m_shuttingDown || op->cancelled) {
            done(fail(KubeError::cancelled(m_clusterName)));
            return;
        }
        Result<Credentials> credentials = m_resolver->resolve(m_contextName);
        if (!credentials) {
            Error e = credentials.error();
            e.cluster = m_clusterName;
            done(fail(std::move(e)));
            return;
        }
        const QUrl server = credentials->server;
        QUrl url = server;
        QString base = server.path();
        while (base.endsWith(u'/'))
            base.chop(1);
        url.setPath(base + call.path);
        url.setQuery(call.query);
        QNetworkRequest request(url);
        credentials->applyTo(request);
        request.setRawHeader("Accept", "application/json");
        // As kubectl does: the server names a write's field manager after the agent
        // when the request names none.
        request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("driftline/" DRIFTLINE_VERSION));
        if (!call.body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, call.contentType);
        const bool streaming = bool(call.onData);
        const int timeoutMs = streaming ? call.idleTimeoutMs : m_timeoutMs->load();
        // A watch legitimately lasts minutes: only the idle guard below bounds it.
        request.setTransferTimeout(streaming ? 0 : timeoutMs);
        // Made here rather than in the constructor so that it is born on the I/O thread.
        if (!m_nam)
            m_nam = new QNetworkAccessManager(this);
        // A watch holds its connection for minutes. Over HTTP/1.1 a manager opens at most
        // six per server, so watches sharing it would starve each other and every other
        // call: each watch gets a manager (and so a connection) of its own.
        QNetworkAccessManager* nam = streaming ? new QNetworkAccessManager(this) : m_nam;
        nam->setProxy(credentials->proxy);

        QNetworkReply* reply = call.body.isEmpty() && call.method == "GET"
            ? nam->get(request)
            : nam->sendCustomRequest(request, call.method, call.body);
        if (streaming)
            connect(reply, &QNetworkReply::finished, nam, &QObject::deleteLater);
        op->reply = reply;
        auto sslErrors = std::make_shared<QList<QSslError>>();
        connect(reply, &QNetworkReply::sslErrors, reply,
            [sslErrors](const QList<QSslError>& errors) { *sslErrors = errors; });
        const bool fromExec = credentials->fromExecPlugin;
        auto stalled = std::make_shared<bool>(false);
        if (streaming) {
            auto* idle = new QTimer(reply);
            idle->setSingleShot(true);
            idle->setInterval(std::max(1, timeoutMs));
            connect(idle, &QTimer::timeout, reply, [reply, stalled] {
                *stalled = true;
                reply->abort();
            });
            idle->start();
            auto opened = std::make_shared<bool>(false);
            auto onData = call.onData;
            auto onOpen = call.onOpen;
            auto deliver = [reply, idle, opened, onData, onOpen] {
                // Anything but 200 is an error document, read whole when the reply finishes.
                if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
                    return;
                idle->start();
                if (!*opened) {
                    *opened = true;
                    if (onOpen)
                        onOpen();
                }
                const QByteArray data = reply->readAll();
                if (!data.isEmpty())
                    onData(data);
            };
            connect(reply, &QNetworkReply::metaDataChanged, reply, deliver);
            connect(reply, &QNetworkReply::readyRead, reply, deliver);
        }
        connect(reply, &QNetworkReply::finished, this,
            [this, op, reply, call = std::move(call), done = std::move(done), sslErrors, server, timeoutMs,
                retries, reauthenticated, fromExec, streaming, stalled]() mutable {
                reply->deleteLater();
                if (op->reply == reply)
                    op->reply = nullptr;
                if (m_shuttingDown || op->cancelled) {
                    done(fail(KubeError::cancelled(m_clusterName)));
                    return;
                }
                const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (streaming && status == 200) {
                    const QByteArray rest = reply->readAll();
                    if (!rest.isEmpty())
                        call.onData(rest);
                    if (*stalled)
                        done(fail(KubeError::timeout(m_clusterName, server, timeoutMs)));
                    else if (reply->error() != QNetworkReply::NoError)
                        done(fail(KubeError::connectionFailure(m_clusterName, server, reply->errorString())));
                    else
                        done(Response{status, {}});
                    return;
                }
                if (status == 0) {
                    switch (reply->error()) {
                    case QNetworkReply::SslHandshakeFailedError:
                        done(fail(KubeError::tlsFailure(m_clusterName, server, *sslErrors, reply->errorString())));
                        break;
                    // Nobody else aborts our replies: this is the transfer timeout firing.
                    case QNetworkReply::OperationCanceledError:
                    case QNetworkReply::TimeoutError:
                        done(fail(KubeError::timeout(m_clusterName, server, timeoutMs)));
                        break;
                    default:
                        done(fail(KubeError::connectionFailure(m_clusterName, server, reply->errorString())));
                        break;
                    }
                    return;
                }
                const QByteArray body = reply->readAll();
                if (status == 429 && retries < MaxRetries) {
                    bool ok = false;
                    const int seconds = reply->rawHeader("Retry-After").trimmed().toInt(&ok);
                    const auto wait = std::clamp(std::chrono::seconds(ok ? seconds : 1), std::chrono::seconds(0),
                        std::chrono::seconds(MaxRetryAfter));
                    QTimer::singleShot(wait, this,
                        [this, op, call = std::move(call), done = std::move(done), retries, reauthenticated]() mutable {
                            send(op, std::move(call), std::move(done), retries + 1, reauthenticated);
                        });
                    return;
                }
                if (status == 401 && fromExec && !reauthenticated) {
                    // The plugin's cached token may have been revoked early: ask it again, once.
                    m_resolver->invalidate(m_contextName);
                    send(op, std::move(call), std::move(done), retries, true);
                    return;
                }
                if (status < 200 || status >= 300) {
                    Error e = KubeError::fromResponse(status, body, call.verb, call.resource, m_clusterName);
                    if (const QString causes = statusCauses(body); !causes.isEmpty())
                        e.detail = e.detail.isEmpty() ? causes : e.detail + u'\n' + causes;
                    done(fail(std::move(e)));
                    return;
                }
                done(Response{status, body});
            });
    }

    void discovery(bool refresh, std::function<void(Result<ApiResources>)> done)
    {
        if (!refresh && m_resources) {
            done(*m_resources);
            return;
        }
        m_discoveryWaiters.append(std::move(done));
        if (m_discovering)
            return;
        m_discovering = true;
        // Discovery is shared by every caller waiting for it, so no single caller cancels it.
        auto op = std::make_shared<Operation>();
        auto table = std::make_shared<ApiResources>();
        Call core;
        core.path = u"/api"_s;
        core.verb = u"get"_s;
        send(op, core, [this, op, table](Result<Response> response) {
            auto versions = response.and_then(jsonObject);
            if (!versions) {
                finishDiscovery(fail(versions.error()));
                return;
            }
            QList<std::pair<QString, QString>> groupVersions;
            for (const QJsonValue& v : versions->value(u"versions"_s).toArray()) {
                if (groupVersions.isEmpty())
                    table->setPreferredVersion(QString(), v.toString());
                groupVersions.append({QString(), v.toString()});
            }
            Call groups;
            groups.path = u"/apis"_s;
            groups.verb = u"get"_s;
            send(op, groups, [this, op, table, groupVersions](Result<Response> response) mutable {
                auto list = response.and_then(jsonObject);
                if (!list) {
                    finishDiscovery(fail(list.error()));
                    return;
                }
                for (const QJsonValue& g : list->value(u"groups"_s).toArray()) {
                    const QJsonObject group = g.toObject();
                    const QString name = group.value(u"name"_s).toString();
                    const QString preferred
                        = group.value(u"preferredVersion"_s).toObject().value(u"version"_s).toString();
                    if (!preferred.isEmpty())
                        table->setPreferredVersion(name, preferred);
                    for (const QJsonValue& v : group.value(u"versions"_s).toArray())
                        groupVersions.append({name, v.toObject().value(u"version"_s).toString()});
                }
                fetchResourceLists(op, table, groupVersions);
            });
        });
    }

    void resolveKind(const QString& group, const QString& version, const QString& kind,
        std::function<void(Result<ApiResource>)> done, bool refreshed = false)
    {
        discovery(refreshed, [this, group, version, kind, refreshed, done](Result<ApiResources> table) mutable {
            if (!table) {
                done(fail(table.error()));
                return;
            }
            if (auto resource = table->find(group, kind, version)) {
                done(*resource);
                return;
            }
            if (!refreshed) {
                resolveKind(group, version, kind, std::move(done), true);
                return;
            }
            Error e = Error::make(Error::Code::NotFound,
                KubeClient::tr("Cluster %1 does not serve the kind %2 in the API group %3.")
                    .arg(m_clusterName, kind, group.isEmpty() ? u"core"_s : group));
            e.cluster = m_clusterName;
            done(fail(std::move(e)));
        });
    }

    void listPage(const std::shared_ptr<Operation>& op, const ApiResource& resource, const QString& ns,
        const QString& selector, int limit, const QString& continueToken, std::shared_ptr<ListResult> result,
        std::function<void(Result<ListResult>)> done)
    {
        Call call;
        call.path = resourcePath(resource, ns);
        call.verb = u"list"_s;
        call.resource = resourceName(resource);
        if (limit > 0)
            call.query.addQueryItem(u"limit"_s, QString::number(limit));
        if (!continueToken.isEmpty())
            call.query.addQueryItem(u"continue"_s, QString::fromUtf8(QUrl::toPercentEncoding(continueToken)));
        if (!selector.isEmpty())
            call.query.addQueryItem(u"labelSelector"_s, QString::fromUtf8(QUrl::toPercentEncoding(selector)));
        send(op, call, [this, op, resource, ns, selector, limit, result, done](Result<Response> response) mutable {
            auto page = response.and_then(jsonObject);
            if (!page) {
                done(fail(page.error()));
                return;
            }
            for (const QJsonValue& item : page->value(u"items"_s).toArray()) {
                QJsonObject object = item.toObject();
                object.insert(u"kind"_s, resource.kind);
                object.insert(u"apiVersion"_s, resource.apiVersion());
                result->items.append(std::move(object));
            }
            ++result->pages;
            const QJsonObject metadata = page->value(u"metadata"_s).toObject();
            result->resourceVersion = metadata.value(u"resourceVersion"_s).toString();
            const QString next = metadata.value(u"continue"_s).toString();
            if (next.isEmpty()) {
                done(std::move(*result));
                return;
            }
            listPage(op, resource, ns, selector, limit, next, result, std::move(done));
        });
    }

    QString defaultNamespace() const { return m_defaultNamespace; }

    void watch(const std::shared_ptr<Operation>& op, const ApiResource& resource, const QString& ns,
        const QString& selector, const QString& resourceVersion, int timeoutSeconds, int idleTimeoutMs,
        WatchCallbacks callbacks)
    {
        Call call;
        call.path = resourcePath(resource, ns);
        call.verb = u"watch"_s;
        call.resource = resourceName(resource);
        call.query.addQueryItem(u"watch"_s, u"1"_s);
        call.query.addQueryItem(u"allowWatchBookmarks"_s, u"true"_s);
        if (!resourceVersion.isEmpty())
            call.query.addQueryItem(u"resourceVersion"_s, resourceVersion);
        if (timeoutSeconds > 0)
            call.query.addQueryItem(u"timeoutSeconds"_s, QString::number(timeoutSeconds));
        if (!selector.isEmpty())
            call.query.addQueryItem(u"labelSelector"_s, QString::fromUtf8(QUrl::toPercentEncoding(selector)));
        call.idleTimeoutMs = idleTimeoutMs;
        call.onOpen = callbacks.opened;
        // Events are newline-delimited JSON, but a network read may end anywhere in one.
        auto buffer = std::make_shared<QByteArray>();
        auto parse = [buffer, resource, events = callbacks.events](const QByteArray& data, bool atEnd) {
            buffer->append(data);
            QList<QJsonObject> parsed;
            qsizetype start = 0;
            while (true) {
                qsizetype end = buffer->indexOf('\n', start);
                if (end < 0) {
                    if (!atEnd || start >= buffer->size())
                        break;
                    end = buffer->size();
                }
                const QByteArray line = QByteArrayView(*buffer).sliced(start, end - start).trimmed().toByteArray();
                start = end + 1;
                if (line.isEmpty())
                    continue;
                QJsonObject event = QJsonDocument::fromJson(line).object();
                if (event.isEmpty())
                    continue; // a line that is not an event cannot be acted on
                if (event.value(u"type"_s).toString() != u"ERROR"_s) {
                    QJsonObject object = event.value(u"object"_s).toObject();
                    if (!object.contains(u"kind"_s))
                        object.insert(u"kind"_s, resource.kind);
                    if (!object.contains(u"apiVersion"_s))
                        object.insert(u"apiVersion"_s, resource.apiVersion());
                    event.insert(u"object"_s, object);
                }
                parsed.append(std::move(event));
            }
            buffer->remove(0, std::min(start, buffer->size()));
            if (!parsed.isEmpty())
                events(std::move(parsed));
        };
        call.onData = [parse](const QByteArray& data) { parse(data, false); };
        send(op, call, [parse, ended = callbacks.ended](Result<Response> response) {
            if (response)
                parse({}, true); // a last event without its newline
            ended(response ? Result<void>() : Result<void>(fail(response.error())));
        });
    }

private:
    void fetchResourceLists(const std::shared_ptr<Operation>& op, const std::shared_ptr<ApiResources>& table,
        const QList<std::pair<QString, QString>>& groupVersions)
    {
        auto pending = std::make_shared<qsizetype>(groupVersions.size());
        auto failure = std::make_shared<std::optional<Error>>();
        if (*pending == 0) {
            finishDiscovery(*table);
            return;
        }
        for (const auto& [group, version] : groupVersions) {
            Call call;
            call.path = groupVersionPath(group, version);
            call.verb = u"get"_s;
            send(op, call, [this, table, pending, failure, group, version](Result<Response> response) {
                auto list = response.and_then(jsonObject);
                if (list)
                    table->addResourceList(group, version, *list);
                // An unavailable aggregated API (metrics, say) must not hide the rest, as in kubectl.
                else if (!(list.error().httpStatus == 404 || list.error().httpStatus >= 500) && !*failure)
                    *failure = list.error();
                if (--*pending > 0)
                    return;
                if (*failure)
                    finishDiscovery(fail(**failure));
                else
                    finishDiscovery(*table);
            });
        }
    }

    void finishDiscovery(Result<ApiResources> result)
    {
        if (result)
            m_resources = *result;
        m_discovering = false;
        const auto waiters = std::exchange(m_discoveryWaiters, {});
        for (const auto& waiter : waiters)
            waiter(result);
    }

    std::shared_ptr<CredentialResolver> m_resolver;
    QString m_contextName;
    QString m_clusterName;
    QString m_defaultNamespace = u"default"_s;
    std::shared_ptr<std::atomic<int>> m_timeoutMs;
    QNetworkAccessManager* m_nam = nullptr;
    bool m_shuttingDown = false;
    std::optional<ApiResources> m_resources;
    bool m_discovering = false;
    QList<std::function<void(Result<ApiResources>)>> m_discoveryWaiters;
};

KubeClient::KubeClient(std::shared_ptr<CredentialResolver> resolver, QString contextName)
    : m_contextName(std::move(contextName))
    , m_timeoutMs(std::make_shared<std::atomic<int>>(30'000))
{
    m_worker = new Worker(std::move(resolver), m_contextName, m_timeoutMs);
    m_thread.setObjectName(u"kube-io"_s);
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

KubeClient::~KubeClient()
{
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker] {
            worker->shutdown();
            delete worker;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void KubeClient::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeoutMs->store(int(std::clamp<qint64>(timeout.count(), 1, std::numeric_limits<int>::max())));
}

std::chrono::milliseconds KubeClient::timeout() const
{
    return std::chrono::milliseconds(m_timeoutMs->load());
}

template<typename T>
QFuture<Result<T>> KubeClient::submit(
    std::function<void(Worker&, const std::shared_ptr<Operation>&, std::function<void(Result<T>)>)> start)
{
    auto promise = std::make_shared<QPromise<Result<T>>>();
    promise->start();
    QFuture<Result<T>> future = promise->future();
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, promise, start = std::move(start)] {
        auto op = std::make_shared<Operation>();
        auto finish = [promise, op](Result<T> result) {
            if (op->finished)
                return;
            op->finished = true;
            promise->addResult(std::move(result));
            promise->finish();
        };
        const QString cluster = worker->clusterName();
        if (promise->isCanceled()) {
            op->cancelled = true;
            finish(fail(KubeError::cancelled(cluster)));
            return;
        }
        auto* watcher = new QFutureWatcher<Result<T>>(worker);
        QObject::connect(watcher, &QFutureWatcherBase::canceled, worker, [op, finish, cluster] {
            op->cancelled = true;
            if (op->reply)
                op->reply->abort();
            finish(fail(KubeError::cancelled(cluster)));
        });
        QObject::connect(watcher, &QFutureWatcherBase::finished, watcher, &QObject::deleteLater);
        watcher->setFuture(promise->future());
        start(*worker, op, finish);
    });
    return future;
}

QFuture<Result<QJsonObject>> KubeClient::version()
{
    return submit<QJsonObject>([](Worker& worker, const std::shared_ptr<Operation>& op, auto done) {
        Call call;
        call.path = u"/version"_s;
        call.verb = u"get"_s;
        worker.send(op, call, [done](Result<Response> r) { done(r.and_then(jsonObject)); });
    });
}

QFuture<Result<ApiResources>> KubeClient::discovery()
{
    return submit<ApiResources>([](Worker& worker, const std::shared_ptr<Operation>&, auto done) {
        worker.discovery(false, done);
    });
}

QFuture<Result<ApiResources>> KubeClient::refreshDiscovery()
{
    return submit<ApiResources>([](Worker& worker, const std::shared_ptr<Operation>&, auto done) {
        worker.discovery(true, done);
    });
}

QFuture<Result<QJsonObject>> KubeClient::get(
    const QString& group, const QString& version, const QString& kind, const QString& ns, const QString& name)
{
    return submit<QJsonObject>([=](Worker& worker, const std::shared_ptr<Operation>& op, auto done) {
        worker.resolveKind(group, version, kind, [&worker, op, ns, name, done](Result<ApiResource> resource) {
            if (!resource) {
                done(fail(resource.error()));
                return;
            }
            Call call;
            call.path = resourcePath(*resource, ns.isEmpty() ? worker.defaultNamespace() : ns, name);
            call.verb = u"get"_s;
            call.resource = resourceName(*resource);
            worker.send(op, call, [done](Result<Response> r) { done(r.and_then(jsonObject)); });
        });
    });
}

QFuture<Result<ListResult>> KubeClient::list(const QString& group, const QString& version, const QString& kind,
    const QString& ns, const QString& labelSelector, int limit)
{
    return submit<ListResult>([=](Worker& worker, const std::shared_ptr<Operation>& op, auto done) {
        worker.resolveKind(group, version, kind, [&worker, op, ns, labelSelector, limit, done](Result<ApiResource> resource) {
            if (!resource) {
                done(fail(resource.error()));
                return;
            }
            worker.listPage(op, *resource, ns, labelSelector, limit, QString(), std::make_shared<ListResult>(), done);
        });
    });
}

QFuture<Result<QJsonObject>> KubeClient::create(const QJsonObject& object, const QString& fieldManager)
{
    return submit<QJsonObject>([object, fieldManager](Worker& worker, const std::shared_ptr<Operation>& op, auto done) {
        const QString apiVersion = object.value(u"apiVersion"_s).toString();
        const QString kind = object.value(u"kind"_s).toString();
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            done(fail(Error::make(Error::Code::InvalidInput, tr("The object to create has no apiVersion or kind."))));
            return;
        }
        const qsizetype slash = apiVersion.indexOf(u'/');
        const QString group = slash < 0 ? QString() : apiVersion.left(slash);
        const QString version = apiVersion.mid(slash + 1);
        const QString ns = object.value(u"metadata"_s).toObject().value(u"namespace"_s).toString();
        worker.resolveKind(group, version, kind, [&worker, op, ns, object, fieldManager, done](Result<ApiResource> resource) {
            if (!resource) {
                done(fail(resource.error()));
                return;
            }
            Call call;
            call.method = "POST";
            call.path = resourcePath(*resource, ns.isEmpty() ? worker.defaultNamespace() : ns);
            if (!fieldManager.isEmpty())
                call.query.addQueryItem(u"fieldManager"_s, fieldManager);
            call.verb = u"create"_s;
            call.resource = resourceName(*resource);
            call.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
            worker.send(op, call, [done](Result<Response> r) { done(r.and_then(jsonObject)); });
        });
    });
}

template<typename T>
QFuture<Result<T>> KubeClient::submitForObject(const QJsonObject& object, const QString& what,
    std::function<void(Worker&, const std::shared_ptr<Operation>&, const ApiResource&, std::function<void(Result<T>)>)> then)
{
    return submit<T>([object, what, then = std::move(then)](
                         Worker& worker, const std::shared_ptr<Operation>& op, std::function<void(Result<T>)> done) {
        const QString apiVersion = object.value(u"apiVersion"_s).toString();
        const QString kind = object.value(u"kind"_s).toString();
        const QString name = object.value(u"metadata"_s).toObject().value(u"name"_s).toString();
        if (apiVersion.isEmpty() || kind.isEmpty() || name.isEmpty()) {
            done(fail(Error::make(Error::Code::InvalidInput,
                tr("The object to %1 has no apiVersion, kind or metadata.name.").arg(what))));
            return;
        }
        worker.resolveKind(apiVersionGroup(apiVersion), apiVersionVersion(apiVersion), kind,
            [&worker, op, then, done](Result<ApiResource> resource) {
                if (!resource) {
                    done(fail(resource.error()));
                    return;
                }
                then(worker, op, *resource, done);
            });
    });
}

namespace {

QString objectNamespace(const QJsonObject& object)
{
    return object.value(u"metadata"_s).toObject().value(u"namespace"_s).toString();
}

QString objectName(const QJsonObject& object)
{
    return object.value(u"metadata"_s).toObject().value(u"name"_s).toString();
}

// "Deployment/web/ns" style context for an error about one object.
QString describe(const ApiResource& resource, const QString& ns, const QString& name)
{
    return resource.namespaced && !ns.isEmpty() ? u"%1/%2/%3"_s.arg(resource.kind, ns, name)
                                               : u"%1/%2"_s.arg(resource.kind, name);
}

} // namespace

QFuture<Result<ApplyResult>> KubeClient::apply(const QJsonObject& object, const ApplyOptions& options)
{
    return submitForObject<ApplyResult>(object, tr("apply"),
        [object, options](Worker& worker, const std::shared_ptr<Operation>& op, const ApiResource& resource,
            std::function<void(Result<ApplyResult>)> done) {
            const QString ns = objectNamespace(object).isEmpty() ? worker.defaultNamespace() : objectNamespace(object);
            const QString name = objectName(object);
            QJsonObject body = object;
            // The server reads the namespace from the URL and rejects a mismatching body, so say it once, consistently.
            if (resource.namespaced && objectNamespace(object).isEmpty()) {
                QJsonObject metadata = body.value(u"metadata"_s).toObject();
                metadata.insert(u"namespace"_s, ns);
                body.insert(u"metadata"_s, metadata);
            }
            Call call;
            call.method = "PATCH";
            call.path = resourcePath(resource, ns, name);
            call.verb = u"patch"_s;
            call.resource = resourceName(resource);
            call.contentType = "application/apply-patch+yaml";
            call.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
            call.query.addQueryItem(u"fieldManager"_s, QString::fromUtf8(QUrl::toPercentEncoding(options.fieldManager)));
            if (options.force)
                call.query.addQueryItem(u"force"_s, u"true"_s);
            if (options.dryRun)
                call.query.addQueryItem(u"dryRun"_s, u"All"_s);
            const QString what = describe(resource, ns, name);
            worker.send(op, call, [done, what](Result<Response> response) {
                if (!response) {
                    done(fail(Error(response.error()).forResource(what)));
                    return;
                }
                auto stored = jsonObject(*response);
                if (!stored) {
                    done(fail(stored.error()));
                    return;
                }
                done(ApplyResult{std::move(*stored), response->status == 201});
            });
        });
}

QFuture<Result<QJsonObject>> KubeClient::patch(const QString& group, const QString& version, const QString& kind,
    const QString& ns, const QString& name, PatchType type, const QByteArray& body, const QString& fieldManager)
{
    return submit<QJsonObject>([=](Worker& worker, const std::shared_ptr<Operation>& op, auto done) {
        worker.resolveKind(group, version, kind, [&worker, op, ns, name, type, body, fieldManager, done](
                                                     Result<ApiResource> resource) {
            if (!resource) {
                done(fail(resource.error()));
                return;
            }
            const QString effectiveNs = ns.isEmpty() ? worker.defaultNamespace() : ns;
            Call call;
            call.method = "PATCH";
            call.path = resourcePath(*resource, effectiveNs, name);
            call.verb = u"patch"_s;
            call.resource = resourceName(*resource);
            call.body = body;
            switch (type) {
            case PatchType::Merge:
                call.contentType = "application/merge-patch+json";
                break;
            case PatchType::JsonPatch:
                call.contentType = "application/json-patch+json";
                break;
            case PatchType::Strategic:
                call.contentType = "application/strategic-merge-patch+json";
                break;
            }
            if (!fieldManager.isEmpty())
                call.query.addQueryItem(u"fieldManager"_s, QString::fromUtf8(QUrl::toPercentEncoding(fieldManager)));
            const QString what = describe(*resource, effectiveNs, name);
            worker.send(op, call, [done, what](Result<Response> r) {
                if (!r)
                    done(fail(Error(r.error()).forResource(what)));
                else
                    done(jsonObject(*r));
            });
        });
    });
}

QFuture<Result<void>> KubeClient::remove(const QString& group, const QString& version, const QString& kind,
    const QString& ns, const QString& name, Propagation propagation, bool dryRun)
{
    return submit<void>([=](Worker& worker, const std::shared_ptr<Operation>& op, auto done) {
        worker.resolveKind(group, version, kind, [&worker, op, ns, name, propagation, dryRun, done](
                                                     Result<ApiResource> resource) {
            if (!resource) {
                done(fail(resource.error()));
                return;
            }
            const QString effectiveNs = ns.isEmpty() ? worker.defaultNamespace() : ns;
            QString policy;
            switch (propagation) {
            case Propagation::Background:
                policy = u"Background"_s;
                break;
            case Propagation::Foreground:
                policy = u"Foreground"_s;
                break;
            case Propagation::Orphan:
                policy = u"Orphan"_s;
                break;
            }
            Call call;
            call.method = "DELETE";
            call.path = resourcePath(*resource, effectiveNs, name);
            call.verb = u"delete"_s;
            call.resource = resourceName(*resource);
            // Both forms: servers read the query, and DeleteOptions in the body is what client-go sends.
            call.query.addQueryItem(u"propagationPolicy"_s, policy);
            QJsonObject options{{u"kind"_s, u"DeleteOptions"_s}, {u"apiVersion"_s, u"v1"_s},
                {u"propagationPolicy"_s, policy}};
            if (dryRun) {
                call.query.addQueryItem(u"dryRun"_s, u"All"_s);
                options.insert(u"dryRun"_s, QJsonArray{u"All"_s});
            }
            call.body = QJsonDocument(options).toJson(QJsonDocument::Compact);
            const QString what = describe(*resource, effectiveNs, name);
            worker.send(op, call, [done, what](Result<Response> r) {
                if (!r)
                    done(fail(Error(r.error()).forResource(what)));
                else
                    done({});
            });
        });
    });
}

QFuture<Result<QJsonObject>> KubeClient::update(const QJsonObject& object)
{
    return submitForObject<QJsonObject>(object, tr("update"),
        [object](Worker& worker, const std::shared_ptr<Operation>& op, const ApiResource& resource,
            std::function<void(Result<QJsonObject>)> done) {
            const QString ns = objectNamespace(object).isEmpty() ? worker.defaultNamespace() : objectNamespace(object);
            const QString name = objectName(object);
            Call call;
            call.method = "PUT";
            call.path = resourcePath(resource, ns, name);
            call.verb = u"update"_s;
            call.resource = resourceName(resource);
            call.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
            const QString what = describe(resource, ns, name);
            worker.send(op, call, [done, what](Result<Response> r) {
                if (!r)
                    done(fail(Error(r.error()).forResource(what)));
                else
                    done(jsonObject(*r));
            });
        });
}

std::shared_ptr<KubeClient::WatchStream> KubeClient::watchStream(const QString& group, const QString& version,
    const QString& kind, const QString& ns, const QString& labelSelector, const QString& resourceVersion,
    int timeoutSeconds, std::chrono::milliseconds idleTimeout, WatchCallbacks callbacks)
{
    auto stream = std::make_shared<WatchStream>();
    const int idleMs = int(std::clamp<qint64>(idleTimeout.count(), 1, std::numeric_limits<int>::max()));
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, op = stream->op, group, version, kind, ns, labelSelector,
                                            resourceVersion, timeoutSeconds, idleMs, callbacks = std::move(callbacks)] {
        auto ended = [op, callbacks](Result<void> result) {
            if (op->finished || op->cancelled)
                return;
            op->finished = true;
            callbacks.ended(std::move(result));
        };
        if (op->cancelled)
            return;
        worker->resolveKind(group, version, kind,
            [worker, op, ns, labelSelector, resourceVersion, timeoutSeconds, idleMs, callbacks, ended](
                Result<ApiResource> resource) {
                if (!resource) {
                    ended(fail(resource.error()));
                    return;
                }
                WatchCallbacks guarded = callbacks;
                guarded.ended = ended;
                guarded.events = [op, events = callbacks.events](QList<QJsonObject> list) {
                    if (!op->cancelled)
                        events(std::move(list));
                };
                guarded.opened = [op, opened = callbacks.opened] {
                    if (!op->cancelled && opened)
                        opened();
                };
                worker->watch(op, *resource, ns, labelSelector, resourceVersion, timeoutSeconds, idleMs, guarded);
            });
    });
    return stream;
}

void KubeClient::cancelWatch(const std::shared_ptr<WatchStream>& stream)
{
    if (!stream)
        return;
    QMetaObject::invokeMethod(m_worker, [op = stream->op] {
        op->cancelled = true;
        if (op->reply)
            op->reply->abort();
    });
}

} // namespace driftline::kube
