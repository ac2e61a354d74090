#include "cli/cli.h"

#include "core/canonicalyaml.h"
#include "demo/demosession.h"
#include "engine/driftcheck.h"
#include "engine/auditlog.h"
#include "engine/clustertarget.h"
#include "engine/liverevision.h"
#include "engine/pinnedrevisions.h"
#include "engine/rollbackplanner.h"
#include "engine/syncaudit.h"
#include "engine/syncoperation.h"
#include "git/repository.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "engine/graphlayout.h"
#include "engine/graphsvg.h"
#include "engine/resourcediff.h"
#include "engine/resourcegraph.h"
#include "sandbox/sandboxserver.h"
#include "sandbox/storepersistence.h"
#include "workspace/workspaceloader.h"

#include <QBuffer>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QEventLoop>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QMap>
#include <QPainter>
#include <QSaveFile>
#include <QSvgRenderer>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <memory>
#include <optional>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace driftline::cli {

using workspace::Application;
using workspace::DiscoveryRule;
using workspace::Environment;
using workspace::RenderResult;
using workspace::Workspace;
using workspace::WorkspaceLoader;

namespace {

// A workspace loaded to the end, with every application's render.
struct LoadedWorkspace {
    Workspace workspace;
    QHash<QString, RenderResult> results;
};

// Runs the same loader as the window (through DriftCheck, as status and diff do).
Result<LoadedWorkspace> loadWorkspace(const QString& path, const QString& revision)
{
    engine::DriftCheck::Options options;
    options.workspace = path;
    options.revision = revision;
    options.cacheDir = WorkspaceLoader::defaultCacheDir();
    auto loaded = engine::DriftCheck::load(options);
    if (!loaded)
        return fail(loaded.error());
    return LoadedWorkspace {std::move(loaded->workspace), std::move(loaded->renders)};
}

// Stable identifiers for scripts; ruleName() is the translated text for people.
QString ruleId(DiscoveryRule rule)
{
    switch (rule) {
    case DiscoveryRule::DriftlineYaml:
        return u"driftline-yaml"_s;
    case DiscoveryRule::ArgoApplication:
        return u"argocd-application"_s;
    case DiscoveryRule::FluxKustomization:
        return u"flux-kustomization"_s;
    case DiscoveryRule::OverlaysFolder:
        return u"overlays-folder"_s;
    case DiscoveryRule::EnvironmentsFolder:
        return u"environments-folder"_s;
    case DiscoveryRule::ManifestFolder:
        return u"manifest-folder"_s;
    }
    return {};
}

QJsonObject errorJson(const Error& e)
{
    QJsonObject o {{u"message"_s, e.message}};
    if (!e.file.isEmpty())
        o.insert(u"file"_s, e.file);
    if (e.line > 0)
        o.insert(u"line"_s, e.line);
    if (!e.resource.isEmpty())
        o.insert(u"resource"_s, e.resource);
    if (!e.detail.isEmpty())
        o.insert(u"detail"_s, e.detail);
    return o;
}

// Environments in workspace order, plus any named only by applications.
QStringList environmentNames(const Workspace& ws)
{
    QStringList names;
    for (const Environment& e : ws.environments)
        names << e.name;
    for (const Application& a : ws.applications) {
        if (!names.contains(a.environment))
            names << a.environment;
    }
    return names;
}

QString pad(const QString& s, qsizetype width)
{
    return s + QString(qMax<qsizetype>(0, width - s.size()), u' ');
}

bool isSecret(const Resource& r)
{
    return r.key().group.isEmpty() && r.kind() == u"Secret";
}

// Adds the options every workspace command shares.
void addWorkspaceOptions(QCommandLineParser& parser)
{
    parser.addHelpOption();
    parser.addOption({u"workspace"_s, Cli::tr("The repository to read (default: the current folder)."), Cli::tr("path"),
                      u"."_s});
    parser.addOption({u"revision"_s, Cli::tr("The revision to read (default: HEAD)."), Cli::tr("revision")});
}

// Set from a signal handler, so it must be a lock-free atomic; an event-loop
// timer polls it because almost nothing else is safe to do inside the handler.
std::atomic<int> stopSignal {0};
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void onStopSignal(int signal)
{
    stopSignal.store(signal);
}

// Installs the SIGINT/SIGTERM handlers for its lifetime and restores the previous ones after.
class StopSignals
{
public:
    StopSignals()
    {
        stopSignal.store(0);
        m_previousInt = std::signal(SIGINT, onStopSignal);
        m_previousTerm = std::signal(SIGTERM, onStopSignal);
    }
    ~StopSignals()
    {
        std::signal(SIGINT, m_previousInt);
        std::signal(SIGTERM, m_previousTerm);
    }
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

private:
    void (*m_previousInt)(int) = SIG_DFL;
    void (*m_previousTerm)(int) = SIG_DFL;
};

// Serves the event loop (a sandbox, its controllers) until SIGINT or SIGTERM arrives.
void waitForStopSignal()
{
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&loop] {
        if (stopSignal.load() != 0)
            loop.quit();
    });
    poll.start(100);
    loop.exec();
}

} // namespace

Cli::Cli(FILE* out, FILE* err)
    : m_outFile(out)
    , m_out(out)
    , m_err(err)
{
}

const QList<Cli::Command>& Cli::commands()
{
    static const QList<Command> list = {
        {u"apps"_s, QT_TR_NOOP("List environments and applications with their resource counts."), &Cli::apps},
        {u"render"_s, QT_TR_NOOP("Print an application's resources as canonical YAML."), &Cli::render},
        {u"status"_s, QT_TR_NOOP("Show each application's sync status and health against its cluster."), &Cli::status},
        {u"diff"_s, QT_TR_NOOP("Show how the cluster differs from Git, resource by resource."), &Cli::diff},
        {u"graph"_s, QT_TR_NOOP("Draw an application's resource dependency graph as DOT, SVG or PNG."), &Cli::graph},
        {u"sync"_s, QT_TR_NOOP("Apply Git to the cluster, after showing the plan and asking."), &Cli::sync},
        {u"rollback"_s, QT_TR_NOOP("Take an application back to an earlier revision (cluster or Git)."), &Cli::rollback},
        {u"audit"_s, QT_TR_NOOP("List the journal of syncs, rollbacks and reverts."), &Cli::audit},
        {u"sandbox"_s, QT_TR_NOOP("Serve a local Kubernetes-compatible sandbox cluster until stopped."), &Cli::sandbox},
        {u"demo"_s, QT_TR_NOOP("Prepare the demo repository and serve its sandbox cluster until stopped."), &Cli::demo},
        {u"version"_s, QT_TR_NOOP("Print the version."), &Cli::version},
        {u"help"_s, QT_TR_NOOP("Show this help."), &Cli::help},
    };
    return list;
}

QStringList Cli::commandNames()
{
    QStringList names;
    for (const Command& c : commands())
        names << c.name;
    return names;
}

bool Cli::isCommand(const QString& word)
{
    return commandNames().contains(word);
}

int Cli::run(const QStringList& args)
{
    if (args.isEmpty())
        return help({});
    const QString name = args.first();
    for (const Command& c : commands()) {
        if (c.name == name) {
            const int code = (this->*c.handler)(args);
            m_out.flush();
            m_err.flush();
            return code;
        }
    }
    m_err << tr("driftline: unknown command \"%1\". Commands: %2").arg(name, commandNames().join(u", "_s)) << '\n';
    m_err.flush();
    return UsageError;
}

int Cli::help(const QStringList&)
{
    m_out << tr("Usage: driftline [COMMAND] [OPTIONS]") << "\n\n";
    m_out << tr("Without a command, Driftline opens its window (see driftline --help).") << "\n\n";
    m_out << tr("Commands:") << '\n';
    for (const Command& c : commands())
        m_out << "  " << pad(c.name, 10) << tr(c.summary) << '\n';
    m_out << '\n' << tr("Run \"driftline COMMAND --help\" for a command's options.") << '\n';
    m_out << tr("status and diff exit with 0 when everything is in sync, 1 when they find drift, and 2 on an "
                "error (a cluster that cannot be read included).")
          << '\n';
    m_out << tr("graph exits with 0 when it has written the graph (also from a cluster that cannot be read) and 2 "
                "on an error.")
          << '\n';
    m_out << tr("sync and rollback exit with 0 when everything was applied, 1 when a resource failed or the "
                "operation stopped, and 2 on an error (nothing changed); without a terminal they need --yes.")
          << '\n';
    return Success;
}

int Cli::version(const QStringList&)
{
    m_out << "driftline " << DRIFTLINE_VERSION << '\n';
    return Success;
}

int Cli::apps(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("List environments and applications with their resource counts."));
    addWorkspaceOptions(parser);
    parser.addOption({u"json"_s, tr("Print JSON for scripts.")});
    if (!parser.parse(QStringList {u"driftline apps"_s} + args.mid(1))) {
        m_err << "driftline apps: " << parser.errorText() << '\n';
        return UsageError;
    }
    if (parser.isSet(u"help"_s)) {
        m_out << parser.helpText();
        return Success;
    }

    const auto loaded = loadWorkspace(parser.value(u"workspace"_s), parser.value(u"revision"_s));
    if (!loaded) {
        m_err << "driftline: " << loaded.error().toString() << '\n';
        return Failure;
    }
    const Workspace& ws = loaded->workspace;
    bool anyError = !ws.errors.isEmpty();

    if (parser.isSet(u"json"_s)) {
        QJsonArray environments;
        for (const QString& envName : environmentNames(ws)) {
            QJsonObject env {{u"name"_s, envName}};
            if (const Environment* e = ws.environment(envName)) {
                env.insert(u"context"_s, e->context);
                env.insert(u"namespace"_s, e->namespace_);
                env.insert(u"revision"_s, e->revision);
                env.insert(u"production"_s, e->production);
            }
            QJsonArray apps;
            for (const Application& a : ws.applicationsIn(envName)) {
                QJsonObject app {{u"name"_s, a.name},       {u"path"_s, a.path},
                                 {u"namespace"_s, a.namespace_}, {u"rule"_s, ruleId(a.rule)},
                                 {u"origin"_s, a.origin}};
                const auto r = loaded->results.constFind(a.id());
                if (r != loaded->results.cend()) {
                    QMap<QString, int> kinds;
                    for (const Resource& res : r->resources)
                        ++kinds[res.kind()];
                    QJsonObject kindCounts;
                    for (auto k = kinds.cbegin(); k != kinds.cend(); ++k)
                        kindCounts.insert(k.key(), k.value());
                    QJsonArray errors;
                    for (const Error& e : r->errors)
                        errors.append(errorJson(e));
                    anyError = anyError || !r->errors.isEmpty();
                    app.insert(u"renderer"_s, r->renderer);
                    app.insert(u"resources"_s, int(r->resources.size()));
                    app.insert(u"kinds"_s, kindCounts);
                    app.insert(u"errors"_s, errors);
                }
                apps.append(app);
            }
            env.insert(u"applications"_s, apps);
            environments.append(env);
        }
        QJsonArray errors;
        for (const Error& e : ws.errors)
            errors.append(errorJson(e));
        const QJsonObject root {{u"repository"_s, ws.repositoryPath},
                                {u"revision"_s, ws.revision},
                                {u"commit"_s, ws.commitId},
                                {u"branch"_s, ws.branch},
                                {u"definition"_s, ws.definitionFile},
                                {u"environments"_s, environments},
                                {u"errors"_s, errors}};
        m_out << QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented));
        return anyError ? Failure : Success;
    }

    m_out << tr("Workspace: %1").arg(QDir::toNativeSeparators(ws.repositoryPath)) << '\n';
    m_out << tr("Revision:  %1 (%2)").arg(ws.commitId.left(8), ws.branch.isEmpty() ? ws.revision : ws.branch) << '\n';
    m_out << tr("Defined by: %1").arg(ws.definitionFile.isEmpty() ? tr("the repository layout") : ws.definitionFile)
          << '\n';

    for (const QString& envName : environmentNames(ws)) {
        m_out << '\n' << envName;
        if (const Environment* e = ws.environment(envName)) {
            QStringList facts;
            if (!e->context.isEmpty())
                facts << tr("context %1").arg(e->context);
            if (!e->namespace_.isEmpty())
                facts << tr("namespace %1").arg(e->namespace_);
            if (!e->revision.isEmpty())
                facts << tr("revision %1").arg(e->revision);
            if (!facts.isEmpty())
                m_out << "  (" << facts.join(u", "_s) << ')';
        }
        m_out << '\n';

        const QList<Application> apps = ws.applicationsIn(envName);
        QList<QStringList> rows {{tr("APPLICATION"), tr("FOUND BY"), tr("ORIGIN"), tr("RESOURCES"), tr("STATUS")}};
        for (const Application& a : apps) {
            const auto r = loaded->results.constFind(a.id());
            QString count = u"-"_s;
            QString status = tr("not rendered");
            if (r != loaded->results.cend()) {
                count = QString::number(r->resources.size());
                status = r->errors.isEmpty() ? tr("ok") : tr("%n error(s)", nullptr, int(r->errors.size()));
                anyError = anyError || !r->errors.isEmpty();
            }
            rows.append({a.name, workspace::ruleName(a.rule), a.origin, count, status});
        }
        QList<qsizetype> widths(rows.first().size(), 0);
        for (const QStringList& row : std::as_const(rows))
            for (qsizetype c = 0; c < row.size(); ++c)
                widths[c] = qMax(widths[c], row[c].size());
        for (const QStringList& row : std::as_const(rows)) {
            m_out << "  ";
            for (qsizetype c = 0; c < row.size(); ++c)
                m_out << (c + 1 < row.size() ? pad(row[c], widths[c] + 2) : row[c]);
            m_out << '\n';
        }
    }

    // Problems go to stderr, each naming its file and line, so the listing stays clean for pipes.
    for (const Error& e : ws.errors)
        m_err << e.toString() << '\n';
    for (const Application& a : ws.applications) {
        const auto r = loaded->results.constFind(a.id());
        if (r == loaded->results.cend())
            continue;
        for (const Error& e : r->errors)
            m_err << a.id() << ": " << e.toString() << '\n';
    }
    return anyError ? Failure : Success;
}

int Cli::render(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Print an application's resources as canonical YAML documents. "
                                        "Secret values are always redacted."));
    addWorkspaceOptions(parser);
    parser.addOption({u"env"_s, tr("The environment."), tr("name")});
    parser.addOption({u"app"_s, tr("The application."), tr("name")});
    if (!parser.parse(QStringList {u"driftline render"_s} + args.mid(1))) {
        m_err << "driftline render: " << parser.errorText() << '\n';
        return UsageError;
    }
    if (parser.isSet(u"help"_s)) {
        m_out << parser.helpText();
        return Success;
    }
    const QString envName = parser.value(u"env"_s);
    const QString appName = parser.value(u"app"_s);
    if (envName.isEmpty() || appName.isEmpty()) {
        m_err << tr("driftline render: both --env and --app are required.") << '\n';
        return UsageError;
    }

    const auto loaded = loadWorkspace(parser.value(u"workspace"_s), parser.value(u"revision"_s));
    if (!loaded) {
        m_err << "driftline: " << loaded.error().toString() << '\n';
        return Failure;
    }
    const Workspace& ws = loaded->workspace;
    const QStringList environments = environmentNames(ws);
    if (!environments.contains(envName)) {
        m_err << tr("driftline render: there is no environment \"%1\". Environments: %2")
                     .arg(envName, environments.isEmpty() ? tr("(none)") : environments.join(u", "_s))
              << '\n';
        return UsageError;
    }
    const QList<Application> apps = ws.applicationsIn(envName);
    const auto app = std::find_if(apps.cbegin(), apps.cend(), [&](const Application& a) { return a.name == appName; });
    if (app == apps.cend()) {
        QStringList names;
        for (const Application& a : apps)
            names << a.name;
        m_err << tr("driftline render: there is no application \"%1\" in %2. Applications: %3")
                     .arg(appName, envName, names.isEmpty() ? tr("(none)") : names.join(u", "_s))
              << '\n';
        return UsageError;
    }

    const auto result = loaded->results.constFind(app->id());
    if (result == loaded->results.cend()) {
        m_err << tr("driftline render: %1 was not rendered.").arg(app->id()) << '\n';
        return Failure;
    }
    bool first = true;
    for (const Resource& r : result->resources) {
        if (!first)
            m_out << "---\n";
        first = false;
        m_out << (isSecret(r) ? CanonicalYaml::write(r.object(), {.redactSecrets = true}) : r.toYaml());
    }
    for (const Error& e : result->errors)
        m_err << e.toString() << '\n';
    return result->errors.isEmpty() ? Success : Failure;
}

int Cli::sandbox(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Serve a local Kubernetes-compatible sandbox cluster on 127.0.0.1 over HTTPS until "
           "interrupted (Ctrl+C or SIGTERM), and write a kubeconfig that reaches it."));
    parser.addHelpOption();
    parser.addOption({u"port"_s, tr("The port to listen on (default: 0, any free port)."), tr("port"), u"0"_s});
    parser.addOption({u"kubeconfig-out"_s, tr("Where to write the kubeconfig (readable by you only; kept on exit)."),
                      tr("file")});
    parser.addOption({u"state"_s,
                      tr("Keep the cluster's objects in a file: loaded at start when it exists, written "
                         "shortly after every change and at exit."),
                      tr("file")});
    parser.addOption({u"load"_s,
                      tr("Start from a captured cluster (a support-bundle folder with cluster-resources/; "
                         "ignored when the --state file already holds a cluster)."),
                      tr("folder")});
    parser.addOption({u"no-controllers"_s,
                      tr("Do not run the controllers (Deployments, ReplicaSets, StatefulSets, Jobs, Endpoints, "
                         "Pod start-up): the cluster changes only when a client changes it.")});
    parser.addOption({u"faults"_s,
                      tr("Inject faults for testing clients, as JSON: latencyMs, failEveryNth, throttleEveryNth, "
                         "retryAfterSeconds, dropWatchAfterEvents (also switchable at /driftline/v1/faults)."),
                      tr("json")});
    if (!parser.parse(QStringList {u"driftline sandbox"_s} + args.mid(1))) {
        m_err << "driftline sandbox: " << parser.errorText() << '\n';
        return UsageError;
    }
    if (parser.isSet(u"help"_s)) {
        m_out << parser.helpText();
        return Success;
    }
    bool portOk = false;
    const uint port = parser.value(u"port"_s).toUInt(&portOk);
    if (!portOk || port > 65535) {
        m_err << tr("driftline sandbox: --port must be a number from 0 to 65535, not \"%1\".")
                     .arg(parser.value(u"port"_s))
              << '\n';
        return UsageError;
    }
    const QString kubeconfigPath = parser.value(u"kubeconfig-out"_s);
    if (kubeconfigPath.isEmpty()) {
        m_err << tr("driftline sandbox: --kubeconfig-out is required.") << '\n';
        return UsageError;
    }
    const QFileInfo kubeconfigFile(kubeconfigPath);
    driftline::sandbox::FaultInjection faults;
    if (parser.isSet(u"faults"_s)) {
        const QJsonDocument doc = QJsonDocument::fromJson(parser.value(u"faults"_s).toUtf8());
        QString why = tr("not a JSON object");
        const auto parsed = doc.isObject() ? driftline::sandbox::FaultInjection::fromJson(doc.object(), &why)
                                           : std::nullopt;
        if (!parsed) {
            m_err << tr("driftline sandbox: --faults: %1").arg(why) << '\n';
            return UsageError;
        }
        faults = *parsed;
    }

    // Handlers go in before listening, so a signal that arrives at once still stops cleanly.
    StopSignals handlers;
    driftline::sandbox::SandboxServer server;
    server.setControllersEnabled(!parser.isSet(u"no-controllers"_s));
    server.setFaults(faults);
    // Filled before listening, so no client sees a half-loaded cluster. Declared after
    // the server: it is destroyed first, writing the last changes while the store exists.
    std::unique_ptr<driftline::sandbox::StorePersistence> persistence;
    int restored = 0;
    if (parser.isSet(u"state"_s)) {
        persistence = std::make_unique<driftline::sandbox::StorePersistence>(
            server.store(), QFileInfo(parser.value(u"state"_s)).absoluteFilePath());
        const auto loaded = persistence->load();
        if (!loaded) {
            m_err << "driftline sandbox: " << loaded.error().toString() << '\n';
            return Failure;
        }
        restored = loaded->loaded;
        if (restored > 0)
            m_err << tr("driftline sandbox: restored %n object(s) from %1", nullptr, restored)
                         .arg(QDir::toNativeSeparators(persistence->path()))
                  << '\n';
    }
    if (parser.isSet(u"load"_s) && restored == 0) {
        const QString dump = parser.value(u"load"_s);
        const auto loaded = driftline::sandbox::StorePersistence::loadClusterDump(server.store(), dump);
        if (!loaded) {
            m_err << "driftline sandbox: " << loaded.error().toString() << '\n';
            return Failure;
        }
        m_err << tr("driftline sandbox: loaded %n object(s) from %1", nullptr, loaded->loaded)
                     .arg(QDir::toNativeSeparators(dump))
              << '\n';
        if (!loaded->problems.isEmpty()) {
            m_err << tr("driftline sandbox: %n object(s) could not be loaded:", nullptr, loaded->failed)
                  << '\n';
            for (const QString& problem : loaded->problems)
                m_err << "  " << problem << '\n';
        }
        if (persistence) {
            if (const auto saved = persistence->save(); !saved) {
                m_err << "driftline sandbox: " << saved.error().toString() << '\n';
                return Failure;
            }
        }
    }
    if (persistence)
        persistence->startAutoSave();
    if (const auto listening = server.listen(quint16(port)); !listening) {
        m_err << "driftline sandbox: " << listening.error().toString() << '\n';
        return Failure;
    }
    if (!QDir().mkpath(kubeconfigFile.absolutePath())) {
        m_err << tr("driftline sandbox: cannot create the folder %1.")
                     .arg(QDir::toNativeSeparators(kubeconfigFile.absolutePath()))
              << '\n';
        return Failure;
    }
    if (const auto written = server.kubeconfig(kubeconfigFile.absoluteFilePath()); !written) {
        m_err << "driftline sandbox: " << written.error().toString() << '\n';
        return Failure;
    }

    // Fixed English keys: scripts read these two lines to find the server.
    m_out << "server: " << server.url().toString() << '\n';
    m_out << "kubeconfig: " << QDir::toNativeSeparators(kubeconfigFile.absoluteFilePath()) << '\n';
    m_out.flush();
    std::fflush(stdout);

    waitForStopSignal();

    // The kubeconfig stays: the user asked for it and may reuse its path.
    m_err << tr("sandbox stopped") << '\n';
    return Success;
}

int Cli::demo(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Prepare the demo repository and serve the demo's sandbox cluster until interrupted (Ctrl+C or "
           "SIGTERM): the same repository and cluster the window's demo uses. A new cluster starts from an "
           "older revision with a few changes made by hand, so there is drift to see; a kept one is served as "
           "it was left."));
    parser.addHelpOption();
    parser.addOption({u"dir"_s, tr("The demo's folder, kept across runs (default: %1).")
                                    .arg(QDir::toNativeSeparators(demo::DemoSession::defaultDirectory())),
                      tr("folder")});
    if (!parser.parse(QStringList {u"driftline demo"_s} + args.mid(1))) {
        m_err << "driftline demo: " << parser.errorText() << '\n';
        return UsageError;
    }
    if (parser.isSet(u"help"_s)) {
        m_out << parser.helpText();
        return Success;
    }

    StopSignals handlers;
    demo::DemoSession session(parser.isSet(u"dir"_s) ? QDir(parser.value(u"dir"_s)).absolutePath() : QString());
    const auto started = session.start([this](const QString& text) {
        m_err << text << '\n';
        m_err.flush();
    });
    if (!started) {
        m_err << "driftline demo: " << started.error().toString() << '\n';
        return Failure;
    }
    if (const auto& report = session.seedReport()) {
        m_err << tr("Applied %n object(s) from revision %1.", nullptr, report->applied).arg(report->commitId.left(8))
              << '\n';
        for (const QString& edit : report->edits)
            m_err << tr("By hand: %1").arg(edit) << '\n';
        for (const Error& e : report->errors)
            m_err << tr("warning: %1").arg(e.toString()) << '\n';
    }
    // Fixed English keys: scripts read these two lines.
    m_out << "workspace: " << QDir::toNativeSeparators(session.repositoryPath()) << '\n';
    m_out << "kubeconfig: " << QDir::toNativeSeparators(session.kubeconfigPath()) << '\n';
    m_out.flush();
    std::fflush(stdout);

    waitForStopSignal();
    m_err << tr("demo stopped") << '\n';
    return Success;
}

namespace {

using engine::ApplicationDrift;
using engine::Difference;
using engine::DriftCheck;
using engine::ResourceDrift;
using engine::SyncStatus;
using kube::ConnectionState;

const QList<SyncStatus> SyncOrder = {SyncStatus::Synced, SyncStatus::OutOfSync, SyncStatus::Missing,
                                     SyncStatus::Extraneous, SyncStatus::Unknown};

// Fixed English identifiers for JSON (DriftStatus::syncKey, HealthAssessor::statusKey): scripts compare them.
QString countKey(SyncStatus status)
{
    switch (status) {
    case SyncStatus::Synced:
        return u"synced"_s;
    case SyncStatus::OutOfSync:
        return u"outOfSync"_s;
    case SyncStatus::Missing:
        return u"missing"_s;
    case SyncStatus::Extraneous:
        return u"extraneous"_s;
    case SyncStatus::Unknown:
        break;
    }
    return u"unknown"_s;
}

QString connectionId(ConnectionState::Status status)
{
    using S = ConnectionState::Status;
    switch (status) {
    case S::NotConfigured:
        return u"NotConfigured"_s;
    case S::Connecting:
        return u"Connecting"_s;
    case S::Connected:
        return u"Connected"_s;
    case S::Unreachable:
        return u"Unreachable"_s;
    case S::Unauthorized:
        return u"Unauthorized"_s;
    case S::Forbidden:
        break;
    }
    return u"Forbidden"_s;
}

QString changeId(Difference::Kind kind)
{
    switch (kind) {
    case Difference::Added:
        return u"added"_s;
    case Difference::Removed:
        return u"removed"_s;
    case Difference::Changed:
        break;
    }
    return u"changed"_s;
}

bool isDrift(SyncStatus status)
{
    return status == SyncStatus::OutOfSync || status == SyncStatus::Missing || status == SyncStatus::Extraneous;
}

// "5 synced, 1 out of sync, 1 missing".
QString countsText(const QMap<SyncStatus, int>& counts)
{
    QStringList parts;
    for (SyncStatus status : SyncOrder) {
        const int n = counts.value(status);
        if (n == 0)
            continue;
        switch (status) {
        case SyncStatus::Synced:
            parts << Cli::tr("%1 synced").arg(n);
            break;
        case SyncStatus::OutOfSync:
            parts << Cli::tr("%1 out of sync").arg(n);
            break;
        case SyncStatus::Missing:
            parts << Cli::tr("%1 missing").arg(n);
            break;
        case SyncStatus::Extraneous:
            parts << Cli::tr("%1 extraneous").arg(n);
            break;
        case SyncStatus::Unknown:
            parts << Cli::tr("%1 unknown").arg(n);
            break;
        }
    }
    return parts.isEmpty() ? Cli::tr("no resources") : parts.join(u", "_s);
}

QJsonObject countsJson(const QMap<SyncStatus, int>& counts)
{
    QJsonObject o;
    for (SyncStatus status : SyncOrder)
        o.insert(countKey(status), counts.value(status));
    return o;
}

// Whether the environment's cluster was read at all: otherwise health means nothing.
bool wasRead(const DriftCheck::EnvironmentReport& e)
{
    return e.connection.status == ConnectionState::Status::Connected
        || e.connection.status == ConnectionState::Status::Forbidden;
}

// An application none of whose resources could be judged has no health to show either.
engine::Health::Status shownHealth(const DriftCheck::EnvironmentReport& e, const ApplicationDrift& app)
{
    const bool allUnknown = std::all_of(app.resources.cbegin(), app.resources.cend(),
                                        [](const ResourceDrift& r) { return r.sync == SyncStatus::Unknown; });
    if (!wasRead(e) || (app.sync == SyncStatus::Unknown && allUnknown))
        return engine::Health::Status::Unknown;
    return app.health;
}

// ANSI colours, or the text unchanged when colour is off.
class Painter
{
public:
    explicit Painter(bool on)
        : m_on(on)
    {
    }
    QString paint(const QString& text, QLatin1StringView code) const
    {
        if (!m_on || text.isEmpty())
            return text;
        return u"\x1b["_s + code + u'm' + text + u"\x1b[0m"_s;
    }
    QString bold(const QString& text) const { return paint(text, "1"_L1); }
    QString sync(SyncStatus status, const QString& text) const
    {
        switch (status) {
        case SyncStatus::Synced:
            return paint(text, "32"_L1);
        case SyncStatus::OutOfSync:
            return paint(text, "33"_L1);
        case SyncStatus::Missing:
            return paint(text, "31"_L1);
        case SyncStatus::Extraneous:
            return paint(text, "35"_L1);
        case SyncStatus::Unknown:
            break;
        }
        return paint(text, "2"_L1);
    }
    QString health(engine::Health::Status status, const QString& text) const
    {
        using H = engine::Health::Status;
        switch (status) {
        case H::Healthy:
            return paint(text, "32"_L1);
        case H::Progressing:
            return paint(text, "36"_L1);
        case H::Degraded:
        case H::Missing:
            return paint(text, "31"_L1);
        case H::Suspended:
        case H::Unknown:
            break;
        }
        return paint(text, "2"_L1);
    }
    // A unified diff, its file header bold, hunk headers cyan, removals red, additions green.
    QString unified(const QString& text) const
    {
        if (!m_on)
            return text;
        QStringList lines = text.split(u'\n');
        bool inHeader = true;
        for (QString& line : lines) {
            if (line.startsWith(u"@@"_s)) {
                inHeader = false;
                line = paint(line, "36"_L1);
            } else if (inHeader) {
                line = bold(line);
            } else if (line.startsWith(u'-')) {
                line = paint(line, "31"_L1);
            } else if (line.startsWith(u'+')) {
                line = paint(line, "32"_L1);
            }
        }
        return lines.join(u'\n');
    }

private:
    bool m_on;
};

// A table whose cells may carry colour codes: widths come from the plain text.
struct Cell {
    QString plain;
    QString shown;
};

void printTable(QTextStream& out, const QList<QList<Cell>>& rows)
{
    if (rows.isEmpty())
        return;
    QList<qsizetype> widths(rows.first().size(), 0);
    for (const QList<Cell>& row : rows)
        for (qsizetype c = 0; c < row.size(); ++c)
            widths[c] = qMax(widths[c], row[c].plain.size());
    for (const QList<Cell>& row : rows) {
        for (qsizetype c = 0; c < row.size(); ++c) {
            out << row[c].shown;
            if (c + 1 < row.size())
                out << QString(widths[c] + 2 - row[c].plain.size(), u' ');
        }
        out << '\n';
    }
}

// The options status and diff share. Environments are repeatable.
void addDriftOptions(QCommandLineParser& parser)
{
    addWorkspaceOptions(parser);
    parser.addOption({u"kubeconfig"_s,
                      Cli::tr("The kubeconfig file to use (default: $KUBECONFIG, else ~/.kube/config)."),
                      Cli::tr("file")});
    parser.addOption({u"env"_s, Cli::tr("Only this environment (may be repeated)."), Cli::tr("name")});
    parser.addOption({u"timeout"_s, Cli::tr("Seconds to wait for the clusters to answer (default: 15)."),
                      Cli::tr("seconds"), u"15"_s});
    parser.addOption({u"color"_s,
                      Cli::tr("Colour: auto (on a terminal, unless NO_COLOR is set), always or never."),
                      Cli::tr("when"), u"auto"_s});
}

// Reads the shared options; a message and false on a usage error.
bool driftOptions(const QCommandLineParser& parser, const QString& command, QTextStream& err,
                  DriftCheck::Options& options)
{
    options.workspace = parser.value(u"workspace"_s);
    options.revision = parser.value(u"revision"_s);
    // The window's render cache: what it rendered, the CLI need not render again.
    options.cacheDir = workspace::WorkspaceLoader::defaultCacheDir();
    options.kubeconfig = parser.value(u"kubeconfig"_s);
    if (!options.kubeconfig.isEmpty())
        options.kubeconfig = QFileInfo(options.kubeconfig).absoluteFilePath();
    options.environments = parser.values(u"env"_s);
    bool ok = false;
    const double seconds = parser.value(u"timeout"_s).toDouble(&ok);
    if (!ok || seconds <= 0) {
        err << Cli::tr("driftline %1: --timeout must be a number of seconds above 0, not \"%2\".")
                   .arg(command, parser.value(u"timeout"_s))
            << '\n';
        return false;
    }
    options.timeout = std::chrono::milliseconds(qint64(seconds * 1000));
    return true;
}

// Every reason the check is incomplete, on stderr: clusters that could not be read
// (naming environment, context, cluster and reason) and applications that did not
// render. True when there was any.
bool reportProblems(const DriftCheck::Report& report, const QString& command, const QString& application,
                    QTextStream& err)
{
    bool any = false;
    for (const DriftCheck::EnvironmentReport& e : report.environments) {
        if (e.connection.status != ConnectionState::Status::Connected) {
            any = true;
            QStringList where;
            where << (e.context.isEmpty() ? Cli::tr("no context") : Cli::tr("context %1").arg(e.context));
            if (!e.cluster.isEmpty())
                where << Cli::tr("cluster %1").arg(e.cluster);
            if (!e.server.isEmpty())
                where << e.server;
            QString reason = e.connection.reason;
            reason.replace(u'\n', u"; "_s);
            err << Cli::tr("driftline %1: environment %2: %3 (%4): %5")
                       .arg(command, e.environment.name, e.connection.text(), where.join(u", "_s), reason)
                << '\n';
        }
        for (const Application& app : report.workspace.applicationsIn(e.environment.name)) {
            if (!application.isEmpty() && app.name != application)
                continue;
            const auto r = report.renders.constFind(app.id());
            if (r == report.renders.cend()) {
                any = true;
                err << Cli::tr("driftline %1: %2 was not rendered.").arg(command, app.id()) << '\n';
                continue;
            }
            for (const Error& error : r->errors) {
                any = true;
                err << "driftline " << command << ": " << app.id() << ": " << error.toString() << '\n';
            }
        }
    }
    return any;
}

// Matches --resource: KIND/NAME or KIND/NAMESPACE/NAME, the kind in any letter case.
bool matchesResource(const ResourceKey& key, const QStringList& pattern)
{
    if (pattern.isEmpty())
        return true;
    if (key.kind.compare(pattern.first(), Qt::CaseInsensitive) != 0 && key.groupKind() != pattern.first())
        return false;
    if (pattern.size() == 2)
        return key.name == pattern.at(1);
    return key.namespace_ == pattern.at(1) && key.name == pattern.at(2);
}

} // namespace

std::optional<bool> Cli::colorFor(const QString& value) const
{
    if (value == u"always")
        return true;
    if (value == u"never")
        return false;
    if (value != u"auto")
        return std::nullopt;
    // NO_COLOR (no-color.org): any non-empty value turns colour off.
    if (!qEnvironmentVariableIsEmpty("NO_COLOR"))
        return false;
    return m_outFile && ::isatty(::fileno(m_outFile)) == 1;
}

std::expected<Cli::DriftArgs, int> Cli::parseDriftCommand(
    QCommandLineParser& parser, const QString& command, const QStringList& args, const QStringList& formats)
{
    const QString name = u"driftline "_s + command;
    if (!parser.parse(QStringList {name} + args.mid(1))) {
        m_err << name << ": " << parser.errorText() << '\n';
        return std::unexpected(int(UsageError));
    }
    if (parser.isSet(u"help"_s)) {
        m_out << parser.helpText();
        return std::unexpected(int(Success));
    }
    DriftArgs parsed;
    parsed.format = parser.value(u"format"_s);
    if (!formats.contains(parsed.format)) {
        // "dot, svg or png": every format the command takes, whatever their number.
        const QString choices = formats.size() < 2
            ? formats.value(0)
            : tr("%1 or %2").arg(QStringList(formats.mid(0, formats.size() - 1)).join(u", "_s), formats.constLast());
        m_err << tr("%1: --format must be %2, not \"%3\".").arg(name, choices, parsed.format) << '\n';
        return std::unexpected(int(UsageError));
    }
    const std::optional<bool> color = colorFor(parser.value(u"color"_s));
    if (!color) {
        m_err << tr("%1: --color must be auto, always or never, not \"%2\".").arg(name, parser.value(u"color"_s))
              << '\n';
        return std::unexpected(int(UsageError));
    }
    parsed.color = *color;
    return parsed;
}

int Cli::status(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Compare every application with its cluster and show its sync status, health and resource counts. "
           "Exits with 0 when everything is in sync, 1 when there is drift, 2 on an error."));
    addDriftOptions(parser);
    parser.addOption({u"format"_s, tr("table (default) or json."), tr("format"), u"table"_s});
    const auto parsed = parseDriftCommand(parser, u"status"_s, args, {u"table"_s, u"json"_s});
    if (!parsed)
        return parsed.error();
    const QString format = parsed->format;
    const bool color = parsed->color;
    DriftCheck::Options options;
    if (!driftOptions(parser, u"status"_s, m_err, options))
        return UsageError;
    auto loaded = DriftCheck::load(options);
    if (!loaded) {
        m_err << "driftline status: " << loaded.error().toString() << '\n';
        return CheckFailed;
    }
    const DriftCheck::Report report = DriftCheck::run(options, std::move(*loaded));
    const Workspace& ws = report.workspace;

    bool drift = false;
    for (const DriftCheck::EnvironmentReport& e : report.environments)
        drift = drift || (e.drift && e.drift->sync != SyncStatus::Synced);

    if (format == u"json") {
        SyncStatus overall = SyncStatus::Synced;
        QJsonArray environments;
        QJsonArray errors;
        for (const DriftCheck::EnvironmentReport& e : report.environments) {
            overall = engine::DriftStatus::worse(overall, e.drift->sync);
            QJsonArray applications;
            for (const Application& a : ws.applicationsIn(e.environment.name)) {
                const ApplicationDrift app = e.drift->applications.value(a.id());
                QJsonArray resources;
                for (const ResourceDrift& r : app.resources) {
                    resources.append(QJsonObject {{u"group"_s, r.key.group},
                                                  {u"kind"_s, r.key.kind},
                                                  {u"namespace"_s, r.key.namespace_},
                                                  {u"name"_s, r.key.name},
                                                  {u"sync"_s, engine::DriftStatus::syncKey(r.sync)},
                                                  {u"health"_s, engine::HealthAssessor::statusKey(r.health.status)},
                                                  {u"reason"_s, r.sync == SyncStatus::Synced ? QString() : r.reason}});
                }
                applications.append(QJsonObject {{u"name"_s, a.name},
                                                 {u"sync"_s, engine::DriftStatus::syncKey(app.sync)},
                                                 {u"health"_s, engine::HealthAssessor::statusKey(shownHealth(e, app))},
                                                 {u"reason"_s, app.reason},
                                                 {u"counts"_s, countsJson(app.counts)},
                                                 {u"resources"_s, resources}});
                if (const auto r = report.renders.constFind(a.id()); r != report.renders.cend()) {
                    for (const Error& error : r->errors) {
                        QJsonObject o = errorJson(error);
                        o.insert(u"environment"_s, e.environment.name);
                        o.insert(u"application"_s, a.name);
                        errors.append(o);
                    }
                }
            }
            environments.append(QJsonObject {
                {u"name"_s, e.environment.name},
                {u"context"_s, e.context},
                {u"cluster"_s, e.cluster},
                {u"server"_s, e.server},
                {u"connection"_s,
                 QJsonObject {{u"state"_s, connectionId(e.connection.status)}, {u"reason"_s, e.connection.reason}}},
                {u"sync"_s, engine::DriftStatus::syncKey(e.drift->sync)},
                {u"health"_s, engine::HealthAssessor::statusKey(wasRead(e) ? e.drift->health : engine::Health::Status::Unknown)},
                {u"counts"_s, countsJson(e.drift->counts)},
                {u"applications"_s, applications}});
        }
        const QJsonObject root {{u"repository"_s, ws.repositoryPath},
                                {u"revision"_s, ws.revision},
                                {u"commit"_s, ws.commitId},
                                {u"sync"_s, engine::DriftStatus::syncKey(overall)},
                                {u"environments"_s, environments},
                                {u"errors"_s, errors}};
        m_out << QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented));
    } else {
        const Painter painter(color);
        QList<QList<Cell>> rows;
        QList<Cell> header;
        for (const QString& title : {tr("ENVIRONMENT"), tr("APPLICATION"), tr("SYNC"), tr("HEALTH"), tr("RESOURCES")})
            header.append({title, painter.bold(title)});
        rows.append(header);
        for (const DriftCheck::EnvironmentReport& e : report.environments) {
            for (const Application& a : ws.applicationsIn(e.environment.name)) {
                const ApplicationDrift app = e.drift->applications.value(a.id());
                const QString sync = engine::DriftStatus::syncName(app.sync);
                const engine::Health::Status healthStatus = shownHealth(e, app);
                const QString health = engine::HealthAssessor::statusName(healthStatus);
                const QString counts = countsText(app.counts);
                rows.append({{e.environment.name, e.environment.name},
                             {a.name, a.name},
                             {sync, painter.sync(app.sync, sync)},
                             {health, painter.health(healthStatus, health)},
                             {counts, counts}});
            }
        }
        printTable(m_out, rows);
    }
    m_out.flush();

    if (reportProblems(report, u"status"_s, {}, m_err))
        return CheckFailed;
    return drift ? DriftFound : InSync;
}

int Cli::diff(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Show, for every resource that is out of sync, missing from the cluster or extraneous, how the live "
           "object differs from Git: a unified diff of the normalized YAML (Secret values masked). "
           "Exits with 0 when everything is in sync, 1 when there is drift, 2 on an error."));
    addDriftOptions(parser);
    parser.addOption({u"app"_s, tr("Only this application."), tr("name")});
    parser.addOption({u"resource"_s, tr("Only this resource: KIND/NAME or KIND/NAMESPACE/NAME."), tr("resource")});
    parser.addOption({u"format"_s, tr("unified (default) or json."), tr("format"), u"unified"_s});
    const auto parsed = parseDriftCommand(parser, u"diff"_s, args, {u"unified"_s, u"json"_s});
    if (!parsed)
        return parsed.error();
    const QString format = parsed->format;
    const bool color = parsed->color;
    QStringList pattern;
    if (parser.isSet(u"resource"_s)) {
        pattern = parser.value(u"resource"_s).split(u'/');
        if ((pattern.size() != 2 && pattern.size() != 3)
            || std::any_of(pattern.cbegin(), pattern.cend(), [](const QString& p) { return p.isEmpty(); })) {
            m_err << tr("driftline diff: --resource must be KIND/NAME or KIND/NAMESPACE/NAME, not \"%1\".")
                         .arg(parser.value(u"resource"_s))
                  << '\n';
            return UsageError;
        }
    }
    DriftCheck::Options options;
    if (!driftOptions(parser, u"diff"_s, m_err, options))
        return UsageError;
    auto loaded = DriftCheck::load(options);
    if (!loaded) {
        m_err << "driftline diff: " << loaded.error().toString() << '\n';
        return CheckFailed;
    }
    // An unknown application is named before any cluster is asked.
    const QString appName = parser.value(u"app"_s);
    if (!appName.isEmpty()) {
        QStringList names;
        for (const Application& a : loaded->workspace.applications) {
            if ((options.environments.isEmpty() || options.environments.contains(a.environment))
                && !names.contains(a.name))
                names << a.name;
        }
        if (!names.contains(appName)) {
            m_err << tr("driftline diff: there is no application \"%1\"%2. Applications: %3")
                         .arg(appName,
                              options.environments.isEmpty()
                                  ? QString()
                                  : tr(" in %1").arg(options.environments.join(u", "_s)),
                              names.isEmpty() ? tr("(none)") : names.join(u", "_s))
                  << '\n';
            return CheckFailed;
        }
    }
    const DriftCheck::Report report = DriftCheck::run(options, std::move(*loaded));
    const Workspace& ws = report.workspace;

    struct Item {
        const DriftCheck::EnvironmentReport* environment;
        Application application;
        ResourceDrift drift;
    };
    QList<Item> items;
    QList<ResourceKey> known; // every resource of the chosen applications, for a mistyped --resource
    for (const DriftCheck::EnvironmentReport& e : report.environments) {
        for (const Application& a : ws.applicationsIn(e.environment.name)) {
            if (!appName.isEmpty() && a.name != appName)
                continue;
            for (const ResourceDrift& r : e.drift->applications.value(a.id()).resources) {
                if (!known.contains(r.key))
                    known << r.key;
                if (matchesResource(r.key, pattern) && isDrift(r.sync))
                    items.append({&e, a, r});
            }
        }
    }
    if (!pattern.isEmpty()) {
        if (std::none_of(known.cbegin(), known.cend(), [&](const ResourceKey& key) { return matchesResource(key, pattern); })) {
            QStringList names;
            for (const ResourceKey& key : std::as_const(known))
                names << key.displayName();
            names.sort();
            m_err << tr("driftline diff: there is no resource \"%1\". Resources: %2")
                         .arg(parser.value(u"resource"_s), names.isEmpty() ? tr("(none)") : names.join(u", "_s))
                  << '\n';
            return CheckFailed;
        }
    }

    const Painter painter(color);
    bool failed = false;
    QJsonArray jsonResources;
    for (const Item& item : std::as_const(items)) {
        const QString& envName = item.environment->environment.name;
        engine::ResourceDiffRequest request;
        request.source = engine::ResourceDiffRequest::Source::GitVsLive;
        request.leftTitle = tr("Git");
        request.rightTitle = tr("Live · %1").arg(envName);
        if (const auto r = report.renders.constFind(item.application.id()); r != report.renders.cend()) {
            for (const Resource& resource : r->resources) {
                if (kube::LiveSnapshot::withoutVersion(resource.key()) == item.drift.key) {
                    request.left = resource.object();
                    break;
                }
            }
        }
        request.right = report.liveObject(envName, item.drift.key);
        request.ignore = item.application.ignoreDifferences;
        request.intraLine = false; // a terminal shows whole lines
        // Never revealSecrets: the CLI's output ends up in logs and CI transcripts.
        const Result<engine::ResourceDiff> diff = engine::ResourceDiff::compute(request);
        const QString resourceName = item.drift.key.displayName();
        if (!diff) {
            failed = true;
            m_err << "driftline diff: " << item.application.id() << ": " << resourceName << ": "
                  << diff.error().toString() << '\n';
            continue;
        }
        if (format == u"json") {
            QJsonArray changes;
            for (const engine::FieldChange& c : diff->changes) {
                changes.append(QJsonObject {{u"path"_s, c.pointer},
                                            {u"displayPath"_s, c.displayPath},
                                            {u"change"_s, changeId(c.kind)},
                                            {u"old"_s, c.oldValue},
                                            {u"new"_s, c.newValue},
                                            {u"manager"_s, c.manager}});
            }
            jsonResources.append(QJsonObject {{u"environment"_s, envName},
                                              {u"application"_s, item.application.name},
                                              {u"group"_s, item.drift.key.group},
                                              {u"kind"_s, item.drift.key.kind},
                                              {u"namespace"_s, item.drift.key.namespace_},
                                              {u"name"_s, item.drift.key.name},
                                              {u"sync"_s, engine::DriftStatus::syncKey(item.drift.sync)},
                                              {u"masked"_s, diff->masked},
                                              {u"changes"_s, changes}});
            continue;
        }
        const QString sync = engine::DriftStatus::syncName(item.drift.sync);
        m_out << painter.bold(u"%1/%2 %3 "_s.arg(envName, item.application.name, resourceName))
              << painter.sync(item.drift.sync, sync) << '\n';
        for (const engine::FieldChange& c : diff->changes) {
            QString line = u"  "_s + c.displayPath;
            if (c.kind == Difference::Changed)
                line += u": "_s + c.oldValue + u" → "_s + c.newValue;
            else if (c.kind == Difference::Added)
                line += u": "_s + tr("added %1").arg(c.newValue);
            else
                line += u": "_s + tr("removed %1").arg(c.oldValue);
            if (!c.manager.isEmpty())
                line += u" ("_s + c.manager + u')';
            m_out << line << '\n';
        }
        // Paths a patch tool would accept: git/ and live/, then where the resource lives.
        const QString where = envName + u'/' + item.application.name + u'/' + resourceName;
        QString text = diff->text.unified(u"git/"_s + where, u"live/"_s + where);
        if (!text.endsWith(u'\n'))
            text += u'\n';
        m_out << painter.unified(text);
    }
    if (format == u"json") {
        m_out << QString::fromUtf8(QJsonDocument(QJsonObject {{u"resources"_s, jsonResources}})
                                       .toJson(QJsonDocument::Indented));
    } else if (items.isEmpty()) {
        m_err << tr("driftline diff: no drift.") << '\n';
    }
    m_out.flush();

    if (reportProblems(report, u"diff"_s, appName, m_err) || failed)
        return CheckFailed;
    return items.isEmpty() ? InSync : DriftFound;
}

int Cli::graph(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Draw one application's resource dependency graph (its resources in Git, what they own in the "
           "cluster, what they use, select, route to, scale and bind) with each resource's sync status and "
           "health, as Graphviz DOT, SVG or PNG (the SVG drawn at two pixels per point). Names and statuses "
           "only: no object's data is written. Give --env exactly once (repeating it is for status and diff); "
           "--color is accepted like theirs and has no effect here. Exits with 0 when the graph was written (also when the cluster could not be read: "
           "statuses are then Unknown, and stderr says why), 2 on an error."));
    addDriftOptions(parser);
    parser.addOption({u"app"_s, tr("The application (required, with one --env)."), tr("name")});
    parser.addOption({u"format"_s, tr("dot (default), svg or png (png needs --output)."), tr("format"), u"dot"_s});
    parser.addOption({u"output"_s, tr("Write to this file instead of stdout (\"-\": stdout)."), tr("file")});
    parser.addOption({u"expand-groups"_s,
                      tr("Show every object: do not fold more than %1 siblings of one kind into a group.")
                          .arg(engine::ResourceGraph::DefaultFoldThreshold)});
    const auto parsed = parseDriftCommand(parser, u"graph"_s, args, {u"dot"_s, u"svg"_s, u"png"_s});
    if (!parsed)
        return parsed.error();
    const QString format = parsed->format;
    if (format == u"png" && (parser.value(u"output"_s).isEmpty() || parser.value(u"output"_s) == u"-")) {
        m_err << tr("driftline graph: png needs --output FILE (a picture is not written to a terminal).") << '\n';
        return UsageError;
    }
    // Text in a picture needs fonts, which need a QGuiApplication: main() makes one for this command.
    if (format == u"png" && !qobject_cast<QGuiApplication*>(QCoreApplication::instance())) {
        m_err << tr("driftline graph: png cannot be drawn in this process (no QGuiApplication).") << '\n';
        return CheckFailed;
    }
    const QString appName = parser.value(u"app"_s);
    if (parser.values(u"env"_s).size() != 1 || appName.isEmpty()) {
        m_err << tr("driftline graph: one --env and one --app are required.") << '\n';
        return UsageError;
    }
    const QString envName = parser.value(u"env"_s);
    const QString outputPath = parser.value(u"output"_s);
    DriftCheck::Options options;
    if (!driftOptions(parser, u"graph"_s, m_err, options))
        return UsageError;
    auto loaded = DriftCheck::load(options);
    if (!loaded) {
        m_err << "driftline graph: " << loaded.error().toString() << '\n';
        return CheckFailed;
    }
    // An unknown application is named before any cluster is asked.
    std::optional<Application> application;
    QStringList names;
    for (const Application& a : loaded->workspace.applicationsIn(envName)) {
        names << a.name;
        if (a.name == appName)
            application = a;
    }
    if (!application) {
        m_err << tr("driftline graph: there is no application \"%1\" in %2. Applications: %3")
                     .arg(appName, envName, names.isEmpty() ? tr("(none)") : names.join(u", "_s))
              << '\n';
        return CheckFailed;
    }
    const DriftCheck::Report report = DriftCheck::run(options, std::move(*loaded));
    const auto environment = std::find_if(report.environments.cbegin(), report.environments.cend(),
                                          [&](const DriftCheck::EnvironmentReport& e) {
                                              return e.environment.name == envName;
                                          });

    engine::ResourceGraph::Input input;
    input.application = application->name; // what the tracking ids carry
    if (const auto r = report.renders.constFind(application->id()); r != report.renders.cend())
        input.desired = r->resources;
    std::optional<ApplicationDrift> appDrift;
    if (environment != report.environments.cend()) {
        input.live = environment->live.get();
        if (environment->drift) {
            if (const auto d = environment->drift->applications.constFind(application->id());
                d != environment->drift->applications.cend())
                appDrift = *d;
        }
    }
    if (appDrift)
        input.drift = &*appDrift;
    if (input.live) {
        const QList<ResourceKey> keys = input.live->keys();
        for (const ResourceKey& key : keys)
            input.existingKeys.insert(kube::LiveSnapshot::withoutVersion(key));
    }
    engine::ResourceGraph graph = engine::ResourceGraph::build(input);
    if (!parser.isSet(u"expand-groups"_s))
        graph = engine::ResourceGraph::fold(graph);

    const engine::GraphLayout::Input layoutInput = engine::GraphSvg::layoutInput(graph);
    QByteArray document;
    if (format == u"dot") {
        document = engine::GraphLayout::toDot(layoutInput).toUtf8();
    } else {
        const auto layout = engine::GraphLayout::layout(layoutInput);
        if (!layout) {
            m_err << "driftline graph: " << layout.error().toString() << '\n';
            return CheckFailed;
        }
        document = engine::GraphSvg::write(graph, *layout, application->id());
    }
    if (format == u"png") {
        // The SVG is the one drawing; the PNG is that drawing rasterized, so both look alike.
        QSvgRenderer renderer(document);
        if (!renderer.isValid()) {
            m_err << tr("driftline graph: the drawing could not be rasterized.") << '\n';
            return CheckFailed;
        }
        constexpr int PixelsPerPoint = 2;
        QImage image(renderer.defaultSize() * PixelsPerPoint, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        {
            QPainter painter(&image);
            painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
            renderer.render(&painter);
        }
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        if (image.isNull() || !image.save(&buffer, "PNG")) {
            m_err << tr("driftline graph: the drawing could not be rasterized.") << '\n';
            return CheckFailed;
        }
        document = png;
    }

    if (outputPath.isEmpty() || outputPath == u"-") {
        m_out << QString::fromUtf8(document);
        m_out.flush();
    } else {
        // All or nothing: a half-written picture would look like a finished one.
        QSaveFile file(outputPath);
        if (!file.open(QIODevice::WriteOnly) || file.write(document) != document.size() || !file.commit()) {
            m_err << tr("driftline graph: cannot write %1: %2")
                         .arg(QDir::toNativeSeparators(outputPath), file.errorString())
                  << '\n';
            return CheckFailed;
        }
    }

    // Not errors here: the graph is written with what could be read, and stderr says what is missing.
    if (reportProblems(report, u"graph"_s, appName, m_err))
        m_err << tr("driftline graph: warning: the graph shows only what could be read (statuses may be Unknown).")
              << '\n';
    return Success;
}


// ---- sync, rollback, audit -------------------------------------------------

namespace {

using engine::AuditEntry;
using engine::AuditLog;
using engine::PinnedRevisions;
using engine::ResourceOutcome;
using engine::SyncAction;
using engine::SyncAudit;
using engine::SyncOperation;
using engine::SyncPlan;
using engine::SyncReport;
using engine::SyncStep;

// What sync and rollback share once a plan exists: asking, running, printing, journaling.
struct PlanRun {
    QString command;     // "sync" or "rollback"
    bool yes = false;
    bool production = false;
    QString context;
    QString cluster;
    QString kubeconfig;  // empty: the default files
    engine::SyncContext audit;
    QString auditLogPath; // empty: the default journal
};

QString kindNsName(const ResourceKey& key)
{
    return key.displayName();
}

// The plan for people: counts, one line per step that sends something, the
// deletions once more by name so nobody misses them.
void printPlan(QTextStream& out, const SyncPlan& plan, const QString& title)
{
    out << title << ": " << SyncAudit::summary(plan);
    if (plan.options.dryRun)
        out << ' ' << Cli::tr("(dry run)");
    out << '\n';
    for (const SyncStep& step : plan.steps) {
        if (!step.runs() || step.action == SyncAction::Reapply) // counted in the summary, not listed
            continue;
        out << "  " << pad(SyncAudit::actionKey(step.action), 8) << ' ' << kindNsName(step.key) << "  ("
            << step.applicationName << ")\n";
    }
    const QList<SyncStep> prunes = plan.toPrune();
    if (!prunes.isEmpty()) {
        out << Cli::tr("Will delete from the cluster:") << '\n';
        for (const SyncStep& step : prunes)
            out << "  " << kindNsName(step.key) << '\n';
    }
    const int leftExtraneous = int(std::count_if(plan.steps.cbegin(), plan.steps.cend(), [](const SyncStep& s) {
        return s.action == SyncAction::Unchanged && s.status == SyncStatus::Extraneous;
    }));
    if (leftExtraneous > 0)
        out << Cli::tr("%n extraneous resource(s) left in place (pass --prune to delete them).", nullptr,
                       leftExtraneous)
            << '\n';
    out.flush();
}

// Asks on the terminal; false when the answer is not the expected one. With --yes
// it only says so for production. Not a terminal and no --yes: nullopt (refused).
std::optional<bool> confirm(const PlanRun& run, const QString& environment, QTextStream& err)
{
    if (run.yes) {
        if (run.production)
            err << Cli::tr("driftline %1: %2 is a production environment; going on because of --yes.")
                       .arg(run.command, environment)
                << '\n';
        err.flush();
        return true;
    }
    if (::isatty(STDIN_FILENO) != 1)
        return std::nullopt;
    if (run.production)
        err << Cli::tr("%1 is a production environment. Type its name to apply: ").arg(environment);
    else
        err << Cli::tr("Apply? [y/N] ");
    err.flush();
    QTextStream in(stdin);
    const QString answer = in.readLine().trimmed();
    if (run.production)
        return answer == environment;
    return answer.compare(u"y"_s, Qt::CaseInsensitive) == 0 || answer.compare(u"yes"_s, Qt::CaseInsensitive) == 0;
}

Result<std::shared_ptr<kube::KubeClient>> clientFor(const QString& kubeconfig, const QString& context)
{
    const QStringList paths = kubeconfig.isEmpty() ? kube::Kubeconfig::defaultPaths() : QStringList{kubeconfig};
    const Result<kube::Kubeconfig> config =
        kubeconfig.isEmpty() ? kube::Kubeconfig::loadDefault() : kube::Kubeconfig::loadFile(kubeconfig);
    if (!config)
        return fail(config.error());
    const engine::ClusterTarget target = engine::ClusterTarget::resolve(*config, context, paths);
    if (target.problem)
        return fail(*target.problem);
    return std::make_shared<kube::KubeClient>(target.resolver, target.context);
}

QString outcomeWord(ResourceOutcome outcome)
{
    return SyncAudit::outcomeKey(outcome);
}

// Runs an approved plan: the journal's "started" line, the operation on the thread
// pool (progress on a terminal's stderr, SIGINT/SIGTERM stop it between resources),
// the results, the journal's final line. The report, or an error before anything ran.
Result<SyncReport> executePlan(const PlanRun& run, const SyncPlan& plan, QTextStream& out, QTextStream& err)
{
    auto client = clientFor(run.kubeconfig, run.context);
    if (!client)
        return fail(client.error());
    AuditLog journal(run.auditLogPath);
    const QString id = AuditEntry::newId();
    // Dry runs change nothing, so they are not journaled.
    const bool journaled = !plan.options.dryRun;
    if (journaled) {
        if (const auto written = journal.started(SyncAudit::started(plan, run.audit, id)); !written)
            return fail(written.error().wrapped(Cli::tr("the audit log")));
    }

    auto operation = std::make_shared<SyncOperation>(plan, *client);
    const bool progress = ::isatty(STDERR_FILENO) == 1;
    const int total = operation->total();
    StopSignals stopSignals;
    QEventLoop loop;
    QFutureWatcher<SyncReport> watcher;
    QObject::connect(&watcher, &QFutureWatcher<SyncReport>::finished, &loop, &QEventLoop::quit);
    if (progress) {
        // "n/N apply Kind/ns/name": where the run is, on one line that keeps being rewritten.
        QObject::connect(&watcher, &QFutureWatcher<SyncReport>::progressTextChanged, &loop, [&](const QString& text) {
            err << '\r' << qBound(1, watcher.progressValue(), total) << '/' << total << ' '
                << QString(text).section(u" ("_s, 0, 0) << "\x1b[K";
            err.flush();
        });
    }
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (stopSignal.load() != 0 && !operation->isTerminated()) {
            err << '\n' << Cli::tr("driftline %1: stopping after the current resource…").arg(run.command) << '\n';
            err.flush();
            operation->terminate();
        }
    });
    poll.start(100);
    watcher.setFuture(SyncOperation::run(operation));
    if (!watcher.isFinished())
        loop.exec();
    poll.stop();
    if (progress) {
        err << "\r\x1b[K";
        err.flush();
    }
    const SyncReport report = watcher.future().isValid() && watcher.future().resultCount() > 0
        ? watcher.future().result()
        : operation->report();

    for (const engine::ResourceResult& r : report.results) {
        if (r.action == SyncAction::Unchanged)
            continue;
        out << pad(outcomeWord(r.outcome), 10) << ' ' << kindNsName(r.key);
        if (!r.message.isEmpty())
            out << ": " << QString(r.message).replace(u'\n', u"; "_s);
        out << '\n';
    }
    out << Cli::tr("%1: %2 created, %3 configured, %4 unchanged, %5 pruned, %6 failed, %7 not run (%8 ms)")
               .arg(plan.environment)
               .arg(report.count(ResourceOutcome::Created))
               .arg(report.count(ResourceOutcome::Configured))
               .arg(report.count(ResourceOutcome::Unchanged))
               .arg(report.count(ResourceOutcome::Pruned))
               .arg(report.count(ResourceOutcome::Failed))
               .arg(report.count(ResourceOutcome::NotRun))
               .arg(report.durationMs)
        << '\n';
    out.flush();
    if (report.aborted)
        err << Cli::tr("driftline %1: %2: stopped, the cluster could not be reached: %3")
                   .arg(run.command, plan.environment, report.error)
            << '\n';
    else if (report.cancelled)
        err << Cli::tr("driftline %1: %2: stopped before the end.").arg(run.command, plan.environment) << '\n';

    if (journaled) {
        if (const auto written = journal.finished(SyncAudit::finished(plan, report, run.audit, id)); !written)
            err << Cli::tr("driftline %1: the audit log: %2").arg(run.command, written.error().toString()) << '\n';
    }
    err.flush();
    return report;
}

QString userOf(const QString& repositoryPath)
{
    auto repo = git::Repository::open(repositoryPath);
    if (!repo)
        return {};
    const git::Signature signature = repo->defaultSignature();
    return signature.name + u" <"_s + signature.email + u'>';
}

// Counts of a journal entry's resource outcomes: "3 created, 1 failed".
QString outcomeCounts(const AuditEntry& entry)
{
    QMap<QString, int> counts;
    for (const QJsonValue& value : entry.resources)
        ++counts[value.toObject().value(u"outcome"_s).toString()];
    QStringList parts;
    for (const QString& key : {u"created"_s, u"configured"_s, u"unchanged"_s, u"pruned"_s, u"failed"_s, u"notRun"_s}) {
        if (counts.value(key) > 0)
            parts << QString::number(counts.value(key)) + u' ' + key;
    }
    if (parts.isEmpty())
        return entry.summary;
    return parts.join(u", "_s);
}

} // namespace

int Cli::sync(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Apply Git to the cluster: for each environment, show the plan (what is created, updated and, with "
           "--prune, deleted), ask, apply it with server-side apply and print each resource's result. "
           "Exits with 0 when everything was applied, 1 when a resource failed or the sync stopped, 2 on an "
           "error."));
    addDriftOptions(parser);
    parser.addOption({u"app"_s, tr("Only this application (may be repeated)."), tr("name")});
    parser.addOption({u"dry-run"_s, tr("Let the server check everything without storing anything.")});
    parser.addOption({u"prune"_s, tr("Delete tracked resources that Git no longer has.")});
    parser.addOption({u"force"_s, tr("Take over fields that other field managers own.")});
    parser.addOption({u"only-out-of-sync"_s, tr("Leave resources that are in sync alone.")});
    parser.addOption({u"yes"_s, tr("Do not ask (needed when stdin is not a terminal).")});
    parser.addOption({u"audit-log"_s, tr("The audit journal to write (default: the user's data folder)."),
                      tr("file")});
    parser.addOption({u"pins"_s, tr("The pinned revisions file (default: the user's data folder)."), tr("file")});
    if (!parser.parse(QStringList{u"driftline sync"_s} + args.mid(1))) {
        m_err << "driftline sync: " << parser.errorText() << '\n';
        return UsageError;
    }
    if (parser.isSet(u"help"_s)) {
        m_out << parser.helpText();
        return Success;
    }
    if (!colorFor(parser.value(u"color"_s))) {
        m_err << tr("driftline sync: --color must be auto, always or never, not \"%1\".")
                     .arg(parser.value(u"color"_s))
              << '\n';
        return UsageError;
    }
    DriftCheck::Options options;
    if (!driftOptions(parser, u"sync"_s, m_err, options))
        return UsageError;
    engine::SyncOptions syncOptions;
    syncOptions.dryRun = parser.isSet(u"dry-run"_s);
    syncOptions.prune = parser.isSet(u"prune"_s);
    syncOptions.force = parser.isSet(u"force"_s);
    syncOptions.onlyOutOfSync = parser.isSet(u"only-out-of-sync"_s);
    const QStringList appNames = parser.values(u"app"_s);

    auto loaded = DriftCheck::load(options);
    if (!loaded) {
        m_err << "driftline sync: " << loaded.error().toString() << '\n';
        return UsageError;
    }
    for (const QString& name : appNames) {
        const bool known = std::any_of(loaded->workspace.applications.cbegin(), loaded->workspace.applications.cend(),
            [&](const Application& a) {
                return a.name == name && (options.environments.isEmpty() || options.environments.contains(a.environment));
            });
        if (!known) {
            QStringList names;
            for (const Application& a : loaded->workspace.applications) {
                if ((options.environments.isEmpty() || options.environments.contains(a.environment))
                    && !names.contains(a.name))
                    names << a.name;
            }
            m_err << tr("driftline sync: there is no application \"%1\". Applications: %2")
                         .arg(name, names.isEmpty() ? tr("(none)") : names.join(u", "_s))
                  << '\n';
            return UsageError;
        }
    }
    // Only the environments that hold an asked-for application are asked.
    if (!appNames.isEmpty() && options.environments.isEmpty()) {
        for (const Application& a : loaded->workspace.applications) {
            if (appNames.contains(a.name) && !options.environments.contains(a.environment))
                options.environments << a.environment;
        }
    }
    const DriftCheck::Report report = DriftCheck::run(options, std::move(*loaded));
    const Workspace& ws = report.workspace;
    PinnedRevisions pins(parser.value(u"pins"_s));
    const QString user = userOf(ws.repositoryPath);
    const auto clearPins = [&](const QString& environment, const QStringList& applications) {
        for (const QString& app : applications) {
            if (const auto cleared = pins.clear(ws.repositoryPath, environment, app); !cleared)
                m_err << "driftline sync: " << cleared.error().toString() << '\n';
        }
    };

    // Everything is checked before anything changes: a cluster that cannot be read
    // or an application that did not render would make the plan wrong (a failed
    // render would even look like everything to prune).
    if (reportProblems(report, u"sync"_s, appNames.size() == 1 ? appNames.first() : QString(), m_err)) {
        m_err << tr("driftline sync: nothing was changed.") << '\n';
        return UsageError;
    }

    struct Planned {
        const DriftCheck::EnvironmentReport* environment;
        SyncPlan plan;
        QStringList applications;
    };
    QList<Planned> planned;
    for (const DriftCheck::EnvironmentReport& e : report.environments) {
        QList<engine::DriftStatus::ApplicationInput> inputs;
        engine::SyncSelection selection;
        QStringList applications;
        for (const Application& a : ws.applicationsIn(e.environment.name)) {
            const auto r = report.renders.constFind(a.id());
            inputs.append({a, r == report.renders.cend() ? nullptr : &*r});
            if (appNames.isEmpty() || appNames.contains(a.name)) {
                selection.applicationIds << a.id();
                applications << a.name;
            }
        }
        if (applications.isEmpty())
            continue;
        planned.append({&e, SyncPlan::build(e.environment.name, *e.drift, inputs, *e.live, selection, syncOptions),
                        applications});
    }

    bool anyFailed = false;
    for (const Planned& p : planned) {
        const DriftCheck::EnvironmentReport& e = *p.environment;
        printPlan(m_out, p.plan,
                  tr("%1 (context %2)").arg(e.environment.name, e.context));
        if (p.plan.isEmpty()) {
            if (!syncOptions.dryRun) {
                clearPins(e.environment.name, p.applications);
            }
            continue;
        }
        PlanRun run;
        run.command = u"sync"_s;
        run.yes = parser.isSet(u"yes"_s) || syncOptions.dryRun; // a dry run changes nothing: no need to ask
        run.production = e.environment.production;
        run.context = e.context;
        run.cluster = e.cluster;
        run.kubeconfig = options.kubeconfig;
        run.auditLogPath = parser.value(u"audit-log"_s);
        run.audit.kind = syncOptions.prune && p.plan.count(SyncAction::Prune) == p.plan.runCount() ? u"prune"_s
                                                                                                    : u"sync"_s;
        run.audit.user = user;
        run.audit.context = e.context;
        run.audit.cluster = e.cluster;
        run.audit.revision = ws.commitId;
        run.audit.applications = p.applications;
        const std::optional<bool> approved = confirm(run, e.environment.name, m_err);
        if (!approved) {
            m_err << tr("driftline sync: stdin is not a terminal, so nobody can confirm; pass --yes to apply "
                        "without asking. Nothing was changed.")
                  << '\n';
            return UsageError;
        }
        if (!*approved) {
            // Declined: not an error, but not everything asked for was done either.
            m_err << tr("driftline sync: %1 not applied.").arg(e.environment.name) << '\n';
            anyFailed = true;
            continue;
        }
        const auto result = executePlan(run, p.plan, m_out, m_err);
        if (!result) {
            m_err << "driftline sync: " << e.environment.name << ": " << result.error().toString() << '\n';
            return UsageError;
        }
        if (!result->succeeded()) {
            anyFailed = true;
        } else if (!syncOptions.dryRun) {
            // Synced to the branch again: no longer held at an older revision.
            clearPins(e.environment.name, p.applications);
        }
        if (stopSignal.load() != 0)
            break;
    }
    return anyFailed ? Failure : Success;
}

int Cli::rollback(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Take an application of an environment back to an earlier revision. Without --revert-commit the "
           "cluster gets the objects the revision held (the environment stays pinned to it until the next sync); "
           "with --revert-commit a new commit restores the application's files as they were, to be synced "
           "after. Exits with 0 when done, 1 when a resource failed or the push was rejected, 2 on an error."));
    addDriftOptions(parser);
    parser.addOption({u"app"_s, tr("The application."), tr("name")});
    parser.addOption({u"to"_s, tr("The revision to go back to (a commit, tag, HEAD~2…)."), tr("revision")});
    parser.addOption({u"revert-commit"_s, tr("Write a commit restoring the application's files instead.")});
    parser.addOption({u"push"_s, tr("With --revert-commit: push the commit to origin.")});
    parser.addOption({u"dry-run"_s, tr("Let the server check everything without storing anything.")});
    parser.addOption({u"prune"_s, tr("Delete what the application has now but did not have then.")});
    parser.addOption({u"force"_s, tr("Take over fields that other field managers own.")});
    parser.addOption({u"yes"_s, tr("Do not ask (needed when stdin is not a terminal).")});
    parser.addOption({u"audit-log"_s, tr("The audit journal to write (default: the user's data folder)."),
                      tr("file")});
    parser.addOption({u"pins"_s, tr("The pinned revisions file (default: the user's data folder)."), tr("file")});
    if (!parser.parse(QStringList{u"driftline rollback"_s} + args.mid(1))) {
        m_err << "driftline rollback: " << parser.errorText() << '\n';
        return UsageError;
    }
    if (parser.isSet(u"help"_s)) {
        m_out << parser.helpText();
        return Success;
    }
    DriftCheck::Options options;
    if (!driftOptions(parser, u"rollback"_s, m_err, options))
        return UsageError;
    const QString appName = parser.value(u"app"_s);
    const QString target = parser.value(u"to"_s);
    if (appName.isEmpty() || options.environments.size() != 1 || target.isEmpty()) {
        m_err << tr("driftline rollback: --app, exactly one --env and --to are needed.") << '\n';
        return UsageError;
    }
    const QString envName = options.environments.constFirst();
    auto loaded = DriftCheck::load(options);
    if (!loaded) {
        m_err << "driftline rollback: " << loaded.error().toString() << '\n';
        return UsageError;
    }
    const QList<Application> inEnvironment = loaded->workspace.applicationsIn(envName);
    const auto application = std::find_if(inEnvironment.cbegin(), inEnvironment.cend(),
                                           [&](const Application& a) { return a.name == appName; });
    if (application == inEnvironment.cend()) {
        QStringList names;
        for (const Application& a : inEnvironment)
            names << a.name;
        m_err << tr("driftline rollback: there is no application \"%1\" in %2. Applications: %3")
                     .arg(appName, envName, names.isEmpty() ? tr("(none)") : names.join(u", "_s))
              << '\n';
        return UsageError;
    }
    const Application app = *application;
    const QString repositoryPath = loaded->workspace.repositoryPath;
    auto repo = git::Repository::open(repositoryPath);
    if (!repo) {
        m_err << "driftline rollback: " << repo.error().toString() << '\n';
        return UsageError;
    }
    const auto commit = repo->commit(target);
    if (!commit) {
        m_err << tr("driftline rollback: the revision \"%1\" does not exist: %2")
                     .arg(target, commit.error().toString())
              << '\n';
        return UsageError;
    }
    const git::Signature signature = repo->defaultSignature();
    const QString user = signature.name + u" <"_s + signature.email + u'>';

    if (parser.isSet(u"revert-commit"_s)) {
        // The application's inputs at HEAD and at the target: what either renders from.
        QStringList paths;
        for (const QString& at : {u"HEAD"_s, commit->id}) {
            const auto inputs = engine::LiveRevision::inputPaths(*repo, at, app);
            if (inputs) {
                for (const QString& p : *inputs) {
                    if (!p.isEmpty() && !paths.contains(p))
                        paths << p;
                }
            }
        }
        // "" (the whole repository) would rewrite everything: the application's folder is the safe bound.
        if (paths.isEmpty())
            paths << app.path;
        std::sort(paths.begin(), paths.end());
        const auto dirty = repo->uncommittedChanges(paths);
        if (!dirty) {
            m_err << "driftline rollback: " << dirty.error().toString() << '\n';
            return UsageError;
        }
        if (!dirty->isEmpty()) {
            m_err << tr("driftline rollback: uncommitted changes in %1; commit or discard them first. Nothing was "
                        "changed.")
                         .arg(dirty->join(u", "_s))
                  << '\n';
            return UsageError;
        }
        const QString message = u"Revert "_s + app.name + u" to "_s + commit->shortId + u" ("_s + commit->summary
            + u")"_s;
        QElapsedTimer clock;
        clock.start();
        const auto written = repo->restorePaths(commit->id, paths, message, signature);
        if (!written) {
            m_err << "driftline rollback: " << written.error().toString() << '\n';
            return UsageError;
        }
        m_out << tr("Committed %1: %2").arg(written->left(8), message) << '\n';
        int code = Success;
        QString error;
        if (parser.isSet(u"push"_s)) {
            const auto pushed = repo->push();
            if (!pushed) {
                error = pushed.error().toString();
                m_err << tr("driftline rollback: the push was refused: %1\nThe commit %2 stays on the local "
                            "branch; fetch, then push again.")
                             .arg(error, written->left(8))
                      << '\n';
                code = Failure;
            } else {
                m_out << tr("Pushed to origin.") << '\n';
            }
        }
        AuditEntry entry;
        entry.id = AuditEntry::newId();
        entry.time = QDateTime::currentDateTimeUtc();
        entry.kind = u"revert"_s;
        entry.user = user;
        entry.environment = envName;
        entry.applications = {app.name};
        entry.revision = *written;
        entry.options = QJsonObject{{u"to"_s, commit->id}, {u"paths"_s, QJsonArray::fromStringList(paths)},
                                    {u"push"_s, parser.isSet(u"push"_s)}};
        entry.durationMs = clock.elapsed();
        entry.outcome = code == Success ? u"succeeded"_s : u"failed"_s;
        entry.error = error;
        entry.summary = message;
        if (const auto logged = AuditLog(parser.value(u"audit-log"_s)).append(entry); !logged)
            m_err << "driftline rollback: " << logged.error().toString() << '\n';
        m_out << tr("To apply it: driftline sync --app %1 --env %2").arg(app.name, envName) << '\n';
        return code;
    }

    const DriftCheck::Report report = DriftCheck::run(options, std::move(*loaded));
    const auto environment = std::find_if(report.environments.cbegin(), report.environments.cend(),
                                          [&](const DriftCheck::EnvironmentReport& e) {
                                              return e.environment.name == envName;
                                          });
    if (environment == report.environments.cend() || environment->connection.status != ConnectionState::Status::Connected) {
        reportProblems(report, u"rollback"_s, appName, m_err);
        m_err << tr("driftline rollback: nothing was changed.") << '\n';
        return UsageError;
    }
    const auto rendered = engine::RollbackPlanner::render(repositoryPath, app, commit->id);
    if (!rendered) {
        m_err << "driftline rollback: " << rendered.error().toString() << '\n';
        return UsageError;
    }
    engine::SyncOptions syncOptions;
    syncOptions.dryRun = parser.isSet(u"dry-run"_s);
    syncOptions.prune = parser.isSet(u"prune"_s);
    syncOptions.force = parser.isSet(u"force"_s);
    const SyncPlan plan = engine::RollbackPlanner::plan(envName, app, *rendered, *environment->live,
                                                         environment->connection, syncOptions);
    printPlan(m_out, plan,
              tr("%1 (context %2), %3 at %4 (%5)")
                  .arg(envName, environment->context, app.name, commit->shortId, commit->summary));

    PlanRun run;
    run.command = u"rollback"_s;
    run.yes = parser.isSet(u"yes"_s) || syncOptions.dryRun;
    run.production = environment->environment.production;
    run.context = environment->context;
    run.cluster = environment->cluster;
    run.kubeconfig = options.kubeconfig;
    run.auditLogPath = parser.value(u"audit-log"_s);
    run.audit.kind = u"rollback"_s;
    run.audit.user = user;
    run.audit.context = environment->context;
    run.audit.cluster = environment->cluster;
    run.audit.revision = commit->id;
    run.audit.applications = {app.name};
    int code = Success;
    if (!plan.isEmpty()) {
        const std::optional<bool> approved = confirm(run, envName, m_err);
        if (!approved) {
            m_err << tr("driftline rollback: stdin is not a terminal, so nobody can confirm; pass --yes to apply "
                        "without asking. Nothing was changed.")
                  << '\n';
            return UsageError;
        }
        if (!*approved) {
            m_err << tr("driftline rollback: not applied.") << '\n';
            return Failure;
        }
        const auto result = executePlan(run, plan, m_out, m_err);
        if (!result) {
            m_err << "driftline rollback: " << result.error().toString() << '\n';
            return UsageError;
        }
        code = result->succeeded() ? Success : Failure;
    }
    if (!syncOptions.dryRun && code == Success) {
        engine::Pin pin;
        pin.repository = repositoryPath;
        pin.environment = envName;
        pin.application = app.name;
        pin.commitId = commit->id;
        pin.summary = commit->summary;
        pin.since = QDateTime::currentDateTimeUtc();
        if (const auto pinned = PinnedRevisions(parser.value(u"pins"_s)).setPin(pin); !pinned)
            m_err << "driftline rollback: " << pinned.error().toString() << '\n';
        else
            m_out << tr("%1 is pinned to %2 until the next sync of %3.").arg(envName, commit->shortId, app.name)
                  << '\n';
    }
    return code;
}

int Cli::audit(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("List the audit journal: every sync, rollback, revert and prune, who ran it, where and with which "
           "result. Operations whose process died read as interrupted."));
    parser.addHelpOption();
    parser.addOption({u"format"_s, tr("table (default) or json."), tr("format"), u"table"_s});
    parser.addOption({u"env"_s, tr("Only this environment (may be repeated)."), tr("name")});
    parser.addOption({u"app"_s, tr("Only operations touching this application (may be repeated)."), tr("name")});
    parser.addOption({u"kind"_s, tr("Only this kind: sync, rollback, revert or prune (may be repeated)."),
                      tr("kind")});
    parser.addOption({u"audit-log"_s, tr("The audit journal to read (default: the user's data folder)."),
                      tr("file")});
    if (!parser.parse(QStringList{u"driftline audit"_s} + args.mid(1))) {
        m_err << "driftline audit: " << parser.errorText() << '\n';
        return UsageError;
    }
    if (parser.isSet(u"help"_s)) {
        m_out << parser.helpText();
        return Success;
    }
    const QString format = parser.value(u"format"_s);
    if (format != u"table" && format != u"json") {
        m_err << tr("driftline audit: --format must be table or json, not \"%1\".").arg(format) << '\n';
        return UsageError;
    }
    const AuditLog journal(parser.value(u"audit-log"_s));
    const auto contents = journal.read();
    if (!contents) {
        m_err << "driftline audit: " << contents.error().toString() << '\n';
        return UsageError;
    }
    if (contents->skippedLines > 0)
        m_err << tr("driftline audit: %n torn or unreadable line(s) in %1 skipped.", nullptr, contents->skippedLines)
                     .arg(QDir::toNativeSeparators(journal.path()))
              << '\n';
    const QStringList envs = parser.values(u"env"_s);
    const QStringList apps = parser.values(u"app"_s);
    const QStringList kinds = parser.values(u"kind"_s);
    QList<AuditEntry> entries;
    for (const AuditEntry& e : contents->entries) {
        if (!envs.isEmpty() && !envs.contains(e.environment))
            continue;
        if (!kinds.isEmpty() && !kinds.contains(e.kind))
            continue;
        if (!apps.isEmpty()
            && std::none_of(apps.cbegin(), apps.cend(), [&](const QString& a) { return e.applications.contains(a); }))
            continue;
        entries.append(e);
    }
    if (format == u"json") {
        QJsonArray array;
        for (const AuditEntry& e : entries)
            array.append(e.toJson());
        m_out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return Success;
    }
    QList<QList<Cell>> rows;
    QList<Cell> header;
    for (const QString& title : {tr("TIME"), tr("KIND"), tr("USER"), tr("ENVIRONMENT"), tr("APPLICATIONS"),
                                 tr("REVISION"), tr("OUTCOME"), tr("RESOURCES")})
        header.append({title, title});
    rows.append(header);
    for (const AuditEntry& e : entries) {
        QStringList cells{e.time.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s) + u"Z"_s,
                          e.kind,
                          e.user.isEmpty() ? u"-"_s : e.user,
                          e.environment.isEmpty() ? u"-"_s : e.environment,
                          e.applications.isEmpty() ? u"-"_s : e.applications.join(u","_s),
                          e.revision.isEmpty() ? u"-"_s : e.revision.left(8),
                          e.outcome.isEmpty() ? u"-"_s : e.outcome,
                          outcomeCounts(e)};
        QList<Cell> row;
        for (const QString& c : cells)
            row.append({c, c});
        rows.append(row);
    }
    printTable(m_out, rows);
    return Success;
}

} // namespace driftline::cli
