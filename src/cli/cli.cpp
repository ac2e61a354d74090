#include "cli/cli.h"

#include "core/canonicalyaml.h"
#include "demo/demosession.h"
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
#include <QTimer>

#include <atomic>
#include <csignal>
#include <memory>
#include <optional>

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

// Runs the same loader as the window, waiting in a local event loop.
Result<LoadedWorkspace> loadWorkspace(const QString& path, const QString& revision)
{
    WorkspaceLoader loader;
    QEventLoop loop;
    bool done = false;
    std::optional<Error> failure;
    QObject::connect(&loader, &WorkspaceLoader::loadFinished, &loop, [&] {
        done = true;
        loop.quit();
    });
    QObject::connect(&loader, &WorkspaceLoader::loadFailed, &loop, [&](const Error& e) {
        failure = e;
        done = true;
        loop.quit();
    });
    loader.load(QDir(path).absolutePath(), revision);
    if (!done)
        loop.exec();
    if (failure)
        return fail(*failure);
    LoadedWorkspace loaded;
    loaded.workspace = loader.workspace();
    for (const Application& app : std::as_const(loaded.workspace.applications)) {
        if (const RenderResult* r = loader.result(app.id()))
            loaded.results.insert(app.id(), *r);
    }
    return loaded;
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
    : m_out(out)
    , m_err(err)
{
}

const QList<Cli::Command>& Cli::commands()
{
    static const QList<Command> list = {
        {u"apps"_s, QT_TR_NOOP("List environments and applications with their resource counts."), &Cli::apps},
        {u"render"_s, QT_TR_NOOP("Print an application's resources as canonical YAML."), &Cli::render},
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

} // namespace driftline::cli
