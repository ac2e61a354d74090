#include "cli/cli.h"

#include "core/canonicalyaml.h"
#include "demo/demosession.h"
#include "engine/driftcheck.h"
#include "engine/graphlayout.h"
#include "engine/graphsvg.h"
#include "engine/resourcediff.h"
#include "engine/resourcegraph.h"
#include "sandbox/sandboxserver.h"
#include "sandbox/storepersistence.h"
#include "workspace/workspaceloader.h"

#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFileInfo>
#include <QMap>
#include <QSaveFile>
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
        {u"graph"_s, QT_TR_NOOP("Draw an application's resource dependency graph as DOT or SVG."), &Cli::graph},
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

// Fixed English identifiers for JSON: scripts compare them, so they are never translated.
QString syncId(SyncStatus status)
{
    switch (status) {
    case SyncStatus::Synced:
        return u"Synced"_s;
    case SyncStatus::OutOfSync:
        return u"OutOfSync"_s;
    case SyncStatus::Missing:
        return u"Missing"_s;
    case SyncStatus::Extraneous:
        return u"Extraneous"_s;
    case SyncStatus::Unknown:
        break;
    }
    return u"Unknown"_s;
}

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

QString healthId(engine::Health::Status status)
{
    using H = engine::Health::Status;
    switch (status) {
    case H::Healthy:
        return u"Healthy"_s;
    case H::Progressing:
        return u"Progressing"_s;
    case H::Degraded:
        return u"Degraded"_s;
    case H::Suspended:
        return u"Suspended"_s;
    case H::Missing:
        return u"Missing"_s;
    case H::Unknown:
        break;
    }
    return u"Unknown"_s;
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
        m_err << tr("%1: --format must be %2 or %3, not \"%4\".")
                     .arg(name, formats.value(0), formats.value(1), parsed.format)
              << '\n';
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
                                                  {u"sync"_s, syncId(r.sync)},
                                                  {u"health"_s, healthId(r.health.status)},
                                                  {u"reason"_s, r.sync == SyncStatus::Synced ? QString() : r.reason}});
                }
                applications.append(QJsonObject {{u"name"_s, a.name},
                                                 {u"sync"_s, syncId(app.sync)},
                                                 {u"health"_s, healthId(shownHealth(e, app))},
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
                {u"sync"_s, syncId(e.drift->sync)},
                {u"health"_s, healthId(wasRead(e) ? e.drift->health : engine::Health::Status::Unknown)},
                {u"counts"_s, countsJson(e.drift->counts)},
                {u"applications"_s, applications}});
        }
        const QJsonObject root {{u"repository"_s, ws.repositoryPath},
                                {u"revision"_s, ws.revision},
                                {u"commit"_s, ws.commitId},
                                {u"sync"_s, syncId(overall)},
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
                                              {u"sync"_s, syncId(item.drift.sync)},
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
           "health, as Graphviz DOT or as SVG. Names and statuses only: no object's data is written. "
           "Exits with 0 when the graph was written (also when the cluster could not be read: statuses are "
           "then Unknown, and stderr says why), 2 on an error."));
    addDriftOptions(parser);
    parser.addOption({u"app"_s, tr("The application (required, with one --env)."), tr("name")});
    parser.addOption({u"format"_s, tr("dot (default) or svg."), tr("format"), u"dot"_s});
    parser.addOption({u"output"_s, tr("Write to this file instead of stdout (\"-\": stdout)."), tr("file")});
    parser.addOption({u"expand-groups"_s,
                      tr("Show every object: do not fold more than %1 siblings of one kind into a group.")
                          .arg(engine::ResourceGraph::DefaultFoldThreshold)});
    // png is accepted by the parser only to refuse it with a useful message below.
    const auto parsed = parseDriftCommand(parser, u"graph"_s, args, {u"dot"_s, u"svg"_s, u"png"_s});
    if (!parsed)
        return parsed.error();
    const QString format = parsed->format;
    if (format == u"png") {
        m_err << tr("driftline graph: png export comes with the graph view; use svg or dot.") << '\n';
        return UsageError;
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

} // namespace driftline::cli
