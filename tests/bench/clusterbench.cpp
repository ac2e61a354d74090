#include "clusterbench.h"

#include "benchsupport.h"

#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/kubewatch.h"
#include "sandbox/objectstore.h"
#include "sandbox/sandboxserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFutureWatcher>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <sys/resource.h>

using namespace Qt::StringLiterals;

namespace driftline::bench {

namespace {

QTextStream& out()
{
    static QTextStream s(stdout);
    return s;
}

qint64 peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024; // Linux reports kilobytes
}

QString nsName(int i)
{
    return u"bench-%1"_s.arg(i, 2, 10, QChar(u'0'));
}

QJsonObject configMap(const QString& ns, const QString& name, int revision)
{
    return QJsonObject{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"ConfigMap"_s},
        {u"metadata"_s, QJsonObject{{u"name"_s, name}, {u"namespace"_s, ns},
                            {u"labels"_s, QJsonObject{{u"app.kubernetes.io/name"_s, name}}}}},
        {u"data"_s, QJsonObject{{u"revision"_s, QString::number(revision)},
                        {u"settings.yaml"_s, u"log-level: info\nreplicas: 3\nfeature-x: enabled\n"_s}}}};
}

QJsonObject deployment(const QString& ns, const QString& name)
{
    const QJsonObject labels{{u"app"_s, name}};
    const QJsonObject container{{u"name"_s, u"app"_s}, {u"image"_s, u"nginx:1.27"_s},
        {u"ports"_s, QJsonArray{QJsonObject{{u"containerPort"_s, 8080}}}},
        {u"env"_s, QJsonArray{QJsonObject{{u"name"_s, u"MODE"_s}, {u"value"_s, u"prod"_s}}}}};
    const QJsonObject podTemplate{{u"metadata"_s, QJsonObject{{u"labels"_s, labels}}},
        {u"spec"_s, QJsonObject{{u"containers"_s, QJsonArray{container}}}}};
    const QJsonObject spec{{u"replicas"_s, 2}, {u"selector"_s, QJsonObject{{u"matchLabels"_s, labels}}},
        {u"template"_s, podTemplate}};
    return QJsonObject{{u"apiVersion"_s, u"apps/v1"_s}, {u"kind"_s, u"Deployment"_s},
        {u"metadata"_s, QJsonObject{{u"name"_s, name}, {u"namespace"_s, ns}, {u"labels"_s, labels}}},
        {u"spec"_s, spec}};
}

QJsonObject service(const QString& ns, const QString& name)
{
    return QJsonObject{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Service"_s},
        {u"metadata"_s, QJsonObject{{u"name"_s, name}, {u"namespace"_s, ns}}},
        {u"spec"_s, QJsonObject{{u"selector"_s, QJsonObject{{u"app"_s, name}}},
                        {u"ports"_s, QJsonArray{QJsonObject{{u"port"_s, 80}, {u"targetPort"_s, 8080}}}}}}};
}

// The i-th object of the apply phases: a mix like an application's manifests.
QJsonObject applied(const QString& prefix, int i, int namespaces)
{
    const QString ns = nsName(i % namespaces);
    const QString name = u"%1-%2"_s.arg(prefix).arg(i);
    switch (i % 3) {
    case 0:
        return configMap(ns, name, 1);
    case 1:
        return deployment(ns, name);
    default:
        return service(ns, name);
    }
}

QString pluralOf(const QString& kind)
{
    return kind == u"ConfigMap"_s ? u"configmaps"_s : kind == u"Service"_s ? u"services"_s : u"deployments"_s;
}

QString escapeForCurl(const QByteArray& text)
{
    QString s = QString::fromUtf8(text);
    s.replace(u'\\', u"\\\\"_s);
    s.replace(u'"', u"\\\""_s);
    return s;
}

} // namespace

int runClusterBench(const ClusterBenchOptions& options)
{
    int status = 0;
    QTemporaryDir dir;
    if (!dir.isValid()) {
        out() << "error: cannot create a temporary folder\n";
        return 1;
    }
    SandboxThread host;
    QString listenError;
    QByteArray kubeconfig, caPem, token;
    quint16 port = 0;
    QElapsedTimer t;
    t.start();
    int stored = 0;
    host.run([&] {
        auto* server = new sandbox::SandboxServer;
        host.server() = server;
        // A static store: controllers would turn 2,000 Deployments into ReplicaSets and Pods.
        server->setControllersEnabled(false);
        if (auto r = server->listen(); !r) {
            listenError = r.error().toString();
            return;
        }
        kubeconfig = server->kubeconfigYaml();
        caPem = server->certificates().caCertificatePem();
        token = server->token();
        port = server->port();
        sandbox::ObjectStore& store = server->store();
        const auto nsType = *store.findType(QString(), u"v1"_s, u"namespaces"_s);
        for (int n = 0; n < options.namespaces; ++n) {
            (void)store.create(nsType, QString(),
                QJsonObject{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Namespace"_s},
                    {u"metadata"_s, QJsonObject{{u"name"_s, nsName(n)}}}});
        }
        const auto cm = *store.findType(QString(), u"v1"_s, u"configmaps"_s);
        const auto svc = *store.findType(QString(), u"v1"_s, u"services"_s);
        const auto deploy = *store.findType(u"apps"_s, u"v1"_s, u"deployments"_s);
        // 60 % ConfigMaps, 20 % Deployments, 20 % Services, round-robin over the namespaces.
        for (int i = 0; i < options.objects; ++i) {
            const QString ns = nsName(i % options.namespaces);
            const int k = i % 5;
            const QString name = u"obj-%1"_s.arg(i);
            const bool ok = k < 3 ? store.create(cm, ns, configMap(ns, name, 0)).has_value()
                : k == 3          ? store.create(deploy, ns, deployment(ns, name)).has_value()
                                  : store.create(svc, ns, service(ns, name)).has_value();
            stored += ok ? 1 : 0;
        }
    });
    if (!listenError.isEmpty()) {
        out() << "error: the sandbox did not start: " << listenError << "\n";
        return 1;
    }
    out() << "sandbox on its own thread at https://127.0.0.1:" << port << ", preloaded " << stored << " of "
          << options.objects << " objects across " << options.namespaces << " namespaces in " << t.elapsed()
          << " ms (peak RSS " << peakRssMb() << " MB)\n";
    if (stored != options.objects)
        status = 1;

    auto made = sandboxClient(kubeconfig, dir.filePath(u"sandbox.kubeconfig"_s));
    if (!made) {
        out() << "error: " << made.error() << "\n";
        return 1;
    }
    std::shared_ptr<kube::KubeClient> client = *made;

    // (a) The full live snapshot.
    {
        t.restart();
        const auto table = wait(client->refreshDiscovery());
        const qint64 discoveryMs = t.elapsed();
        if (!table) {
            out() << "error: discovery: " << table.error().toString() << "\n";
            return 1;
        }
        QList<kube::ApiResource> kinds;
        QList<QFuture<Result<kube::ListResult>>> lists;
        for (const kube::ApiResource& r : table->all()) {
            // One version per kind (the preferred one), as the live cache lists it.
            const auto preferred = table->find(r.group, r.kind);
            if (!r.supports(u"list"_s) || !preferred || preferred->version != r.version)
                continue;
            kinds.append(r);
            lists.append(client->list(r.group, r.version, r.kind));
        }
        QHash<QString, QJsonObject> index;
        qsizetype failed = 0;
        for (qsizetype i = 0; i < lists.size(); ++i) {
            const auto result = wait(lists[i]);
            if (!result) {
                ++failed;
                out() << "  list " << kinds[i].kind << " failed: " << result.error().toString() << "\n";
                continue;
            }
            for (const QJsonObject& item : result->items) {
                const QJsonObject metadata = item.value(u"metadata"_s).toObject();
                index.insert(kinds[i].group + u'/' + kinds[i].kind + u'/' + metadata.value(u"namespace"_s).toString()
                        + u'/' + metadata.value(u"name"_s).toString(),
                    item);
            }
        }
        const qint64 snapshotMs = t.elapsed();
        const bool ok = failed == 0 && snapshotMs <= 1000;
        out() << "(a) live snapshot: " << snapshotMs << " ms (discovery " << discoveryMs << " ms, " << kinds.size()
              << " kinds listed, " << index.size() << " objects indexed)  target <= 1000 ms: "
              << (ok ? "ok" : "MISSED") << "  peak RSS " << peakRssMb() << " MB\n";
        out().flush();
        if (failed)
            status = 1;
    }

    // (b) Updates delivered through one KubeWatch.
    {
        kube::KubeWatch watch(client, QString(), u"v1"_s, u"ConfigMap"_s);
        qsizetype listed = 0;
        QSet<QString> modified;
        qsizetype events = 0;
        QObject::connect(&watch, &kube::KubeWatch::listed, &watch,
            [&](const QList<QJsonObject>& items, const QString&) { listed = items.size(); });
        QObject::connect(&watch, &kube::KubeWatch::eventsReceived, &watch, [&](const QList<kube::WatchEvent>& batch) {
            for (const kube::WatchEvent& e : batch) {
                ++events;
                if (e.type == kube::WatchEvent::Type::Modified) {
                    const QJsonObject md = e.object.value(u"metadata"_s).toObject();
                    modified.insert(md.value(u"namespace"_s).toString() + u'/' + md.value(u"name"_s).toString());
                }
            }
        });
        QElapsedTimer listTimer;
        listTimer.start();
        watch.start();
        if (!waitFor([&] { return watch.state() == kube::KubeWatch::State::Watching; }, 30000)) {
            out() << "(b) error: the watch did not start\n";
            return 1;
        }
        const qint64 listMs = listTimer.elapsed();
        // ConfigMaps are objects 0, 1, 2 of every 5; update the first `updates` of them.
        QStringList targets;
        for (int i = 0; targets.size() < options.updates && i < options.objects; ++i) {
            if (i % 5 < 3)
                targets.append(u"%1/obj-%2"_s.arg(nsName(i % options.namespaces)).arg(i));
        }
        t.restart();
        int updated = 0;
        host.run([&] {
            sandbox::ObjectStore& store = host.server()->store();
            const auto cm = *store.findType(QString(), u"v1"_s, u"configmaps"_s);
            for (const QString& target : std::as_const(targets)) {
                const QString ns = target.section(u'/', 0, 0);
                const QString name = target.section(u'/', 1);
                updated += store.update(cm, ns, name, configMap(ns, name, 1)).has_value() ? 1 : 0;
            }
        });
        const qint64 storeMs = t.elapsed();
        waitFor([&] { return modified.size() >= updated; }, 30000);
        const qint64 deliveredMs = t.elapsed();
        // Anything late or doubled would show up now.
        waitFor([] { return false; }, 200);
        const bool ok = modified.size() == targets.size() && events == updated && updated == targets.size();
        out() << "(b) watch: " << updated << " updates made in " << storeMs << " ms, " << modified.size()
              << " delivered in " << deliveredMs << " ms (" << events << " events, first list of " << listed
              << " in " << listMs << " ms)  no event lost or doubled: " << (ok ? "ok" : "MISSED")
              << "  peak RSS " << peakRssMb() << " MB\n";
        out().flush();
        if (!ok)
            status = 1;
        watch.stop();
    }

    // (c) Server-side apply through the client, `inFlight` at a time.
    double clientRate = 0;
    {
        int next = 0, done = 0, failed = 0;
        QString firstError;
        QObject context;
        std::function<void()> launch = [&] {
            const int i = next++;
            client->apply(applied(u"client"_s, i, options.namespaces))
                .then(&context, [&](Result<kube::ApplyResult> r) {
                    ++done;
                    if (!r) {
                        if (failed++ == 0)
                            firstError = r.error().toString();
                    }
                    if (next < options.applies)
                        launch();
                });
        };
        t.restart();
        for (int i = 0; i < options.inFlight && next < options.applies; ++i)
            launch();
        waitFor([&] { return done >= options.applies; }, 120000);
        const qint64 elapsed = t.elapsed();
        clientRate = elapsed > 0 ? done * 1000.0 / elapsed : 0;
        const bool ok = failed == 0 && clientRate >= 300;
        out() << "(c) apply (client, " << options.inFlight << " in flight): " << done << " objects in " << elapsed
              << " ms = " << QString::number(clientRate, 'f', 0) << " objects/s, " << failed
              << " failed  target >= 300/s: " << (ok ? "ok" : "MISSED") << "  peak RSS " << peakRssMb() << " MB\n";
        if (failed)
            out() << "    first error: " << firstError << "\n";
        out().flush();
        if (failed)
            status = 1;
    }

    // (d) The same applies with curl: the sandbox's raw capacity.
    {
        const QString curl = QStandardPaths::findExecutable(options.curl).isEmpty() && !QFile::exists(options.curl)
            ? QString()
            : (QFile::exists(options.curl) ? options.curl : QStandardPaths::findExecutable(options.curl));
        if (curl.isEmpty()) {
            out() << "(d) apply (curl): skipped, no curl program (" << options.curl << ") found\n";
        } else {
            const QString caPath = dir.filePath(u"ca.pem"_s);
            QFile ca(caPath);
            (void)(ca.open(QIODevice::WriteOnly) && ca.write(caPem));
            ca.close();
            QString config;
            for (int i = 0; i < options.applies; ++i) {
                const QJsonObject object = applied(u"curl"_s, i, options.namespaces);
                const QJsonObject md = object.value(u"metadata"_s).toObject();
                const QString kind = object.value(u"kind"_s).toString();
                const QString base = kind == u"Deployment"_s ? u"/apis/apps/v1"_s : u"/api/v1"_s;
                config += u"url = \"https://127.0.0.1:%1%2/namespaces/%3/%4/%5?fieldManager=driftline\"\n"_s.arg(port)
                              .arg(base, md.value(u"namespace"_s).toString(), pluralOf(kind),
                                  md.value(u"name"_s).toString());
                config += u"request = \"PATCH\"\ncacert = \"%1\"\nsilent\noutput = \"/dev/null\"\n"_s.arg(caPath);
                config += u"write-out = \"%{http_code}\\n\"\n"_s;
                config += u"header = \"Authorization: Bearer %1\"\n"_s.arg(QString::fromLatin1(token));
                config += u"header = \"Content-Type: application/apply-patch+yaml\"\n"_s;
                config += u"data-binary = \"%1\"\n"_s.arg(
                    escapeForCurl(QJsonDocument(object).toJson(QJsonDocument::Compact)));
                if (i + 1 < options.applies)
                    config += u"next\n"_s;
            }
            const QString configPath = dir.filePath(u"curl.config"_s);
            QFile f(configPath);
            (void)(f.open(QIODevice::WriteOnly) && f.write(config.toUtf8()));
            f.close();
            QProcess process;
            t.restart();
            process.start(curl, {u"--parallel"_s, u"--parallel-max"_s, QString::number(options.inFlight), u"-K"_s,
                                    configPath});
            const bool finished = process.waitForFinished(300000);
            const qint64 elapsed = t.elapsed();
            const QList<QByteArray> codes = process.readAllStandardOutput().split('\n');
            int good = 0;
            for (const QByteArray& code : codes)
                good += (code == "200" || code == "201") ? 1 : 0;
            const double curlRate = elapsed > 0 ? good * 1000.0 / elapsed : 0;
            out() << "(d) apply (curl --parallel --parallel-max " << options.inFlight << "): " << good << " of "
                  << options.applies << " answered 200/201 in " << elapsed << " ms = "
                  << QString::number(curlRate, 'f', 0) << " objects/s";
            if (curlRate > 0)
                out() << "; client/curl = " << QString::number(clientRate / curlRate, 'f', 2);
            out() << "\n";
            if (!finished || good != options.applies) {
                out() << "    curl: exit " << process.exitCode() << " "
                      << QString::fromUtf8(process.readAllStandardError().left(500)) << "\n";
                status = 1;
            }
        }
    }
    out() << "peak RSS (getrusage, whole process incl. the sandbox): " << peakRssMb() << " MB\n";
    out().flush();
    client.reset();
    return status;
}

} // namespace driftline::bench
