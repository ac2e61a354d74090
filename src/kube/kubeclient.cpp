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

using namespace Qt::StringLiterals;

namespace driftline::kube {

// One public call as the I/O thread sees it: which request is in flight, and
// whether the caller gave up on it.
struct KubeClient::Operation {
    bool cancelled = false;
    bool finished = false;
    QPointer<QNetworkReply> reply;
};

namespace {

struct Call {
    QByteArray method = "GET";
    QString path; // below the server URL's own path
    QUrlQuery query;
    QByteArray body;
    QString verb;     // for "forbidden: <verb> <resource>"
    QString resource; // "deployments.apps"
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
        if (!m_nam)
            return;
        const auto replies = m_nam->findChildren<QNetworkReply*>();
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
        if (!call.body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
        const int timeoutMs = m_timeoutMs->load();
        request.setTransferTimeout(timeoutMs);
        // Made here rather than in the constructor so that it is born on the I/O thread.
        if (!m_nam)
            m_nam = new QNetworkAccessManager(this);
        m_nam->setProxy(credentials->proxy);

        QNetworkReply* reply = call.body.isEmpty() && call.method == "GET"
            ? m_nam->get(request)
            : m_nam->sendCustomRequest(request, call.method, call.body);
        op->reply = reply;
        auto sslErrors = std::make_shared<QList<QSslError>>();
        connect(reply, &QNetworkReply::sslErrors, reply,
            [sslErrors](const QList<QSslError>& errors) { *sslErrors = errors; });
        const bool fromExec = credentials->fromExecPlugin;
        connect(reply, &QNetworkReply::finished, this,
            [this, op, reply, call = std::move(call), done = std::move(done), sslErrors, server, timeoutMs,
                retries, reauthenticated, fromExec]() mutable {
                reply->deleteLater();
                if (op->reply == reply)
                    op->reply = nullptr;
                if (m_shuttingDown || op->cancelled) {
                    done(fail(KubeError::cancelled(m_clusterName)));
                    return;
                }
                const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
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
                    done(fail(KubeError::fromResponse(status, body, call.verb, call.resource, m_clusterName)));
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

QFuture<Result<QJsonObject>> KubeClient::create(const QJsonObject& object)
{
    return submit<QJsonObject>([object](Worker& worker, const std::shared_ptr<Operation>& op, auto done) {
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
        worker.resolveKind(group, version, kind, [&worker, op, ns, object, done](Result<ApiResource> resource) {
            if (!resource) {
                done(fail(resource.error()));
                return;
            }
            Call call;
            call.method = "POST";
            call.path = resourcePath(*resource, ns.isEmpty() ? worker.defaultNamespace() : ns);
            call.verb = u"create"_s;
            call.resource = resourceName(*resource);
            call.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
            worker.send(op, call, [done](Result<Response> r) { done(r.and_then(jsonObject)); });
        });
    });
}

} // namespace driftline::kube
