// driftline-bench: timed scenarios on generated repositories, printed as
// figures next to their targets. A program rather than a timed test, so that
// the numbers are read by people on the machine at hand instead of flaking CI.
//
//   driftline-bench open    [--apps N] [--commits N] [--keep] [--repo DIR] [--cache-in DIR] [--breakdown]
//   driftline-bench history [--apps N] [--commits N] [--keep] [--repo DIR]
//   driftline-bench cluster [--objects N] [--curl PROGRAM]
//   driftline-bench drift   [--apps N] [--events N]
//   driftline-bench diff    [--lines N] [--git PROGRAM]
//   driftline-bench panel   (the diff panel opening a 1 MB object; offscreen without a display)
//   driftline-bench graph   [--runs N] [--dot PROGRAM] (the resource graph at 5,000 objects and 1,000 nodes)
//   driftline-bench sync    [--objects N] (SyncOperation against a sandbox, beside its raw capacity; default 1000)
#include "clusterbench.h"
#include "driftbench.h"
#include "graphbench.h"
#include "syncbench.h"
#include "core/manifestparser.h"
#include "git/repository.h"
#include "repogenerator.h"
#include "workspace/discovery.h"
#include "workspace/renderer.h"
#include "workspace/workspaceloader.h"

#include <QCommandLineParser>
#include <QApplication>
#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <cstdio>
#include <memory>
#include <sys/resource.h>

using namespace Qt::StringLiterals;
using namespace driftline;
using driftline::bench::RepoGenerator;

namespace
{

QTextStream& out()
{
    static QTextStream s(stdout);
    return s;
}

QString ms(double v)
{
    return QString::number(v, 'f', 0) + u" ms"_s;
}
QString verdict(bool ok)
{
    return ok ? u"ok"_s : u"MISSED"_s;
}

// Kilobytes from a /proc/self/status line ("VmHWM:   123456 kB").
qint64 procStatusKb(const QByteArray& key)
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith(QByteArray(key + ':')))
            return line.mid(key.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// CPU time of the whole process (all threads), to tell work from waiting.
qint64 cpuMs()
{
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return (qint64(u.ru_utime.tv_sec) + u.ru_stime.tv_sec) * 1000
        + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000;
}

// Resets VmHWM so the peak covers what follows, not the repository generator.
bool resetPeakRss()
{
    QFile f(u"/proc/self/clear_refs"_s);
    return f.open(QIODevice::WriteOnly) && f.write("5") == 1;
}

struct Repo {
    std::unique_ptr<QTemporaryDir> temp;
    QString path;
};

Result<Repo> prepareRepository(const QCommandLineParser& args, RepoGenerator::Options options)
{
    Repo repo;
    if (args.isSet(u"repo"_s)) {
        repo.path = args.value(u"repo"_s);
        out() << "repository: " << repo.path << " (reused)\n";
        return repo;
    }
    repo.temp = std::make_unique<QTemporaryDir>();
    if (!repo.temp->isValid())
        return fail(Error::Code::Io, u"cannot create a temporary folder"_s);
    repo.temp->setAutoRemove(!args.isSet(u"keep"_s));
    repo.path = repo.temp->path();
    out() << "generating " << RepoGenerator::environments().size() << " environments x "
          << options.applications << " applications x " << options.resourcesPerApplication << " resources, "
          << options.commits << " commits...\n";
    out().flush();
    QElapsedTimer t;
    t.start();
    if (auto r = RepoGenerator::generate(repo.path, options); !r)
        return fail(r.error());
    out() << "  generated in " << ms(t.elapsed()) << ": " << repo.path
          << (args.isSet(u"keep"_s) ? " (kept)" : "") << "\n";
    return repo;
}

struct LoadFigures {
    qint64 elapsedMs = -1;
    qint64 cpuMs = 0;
    qint64 discoveredMs = -1;
    int applications = 0;
    int rendered = 0;
    int fromCache = 0;
    qsizetype resources = 0;
    qsizetype errors = 0;
    QString failure;
};

LoadFigures timedLoad(const QString& repository, const QString& cacheDir)
{
    LoadFigures f;
    workspace::WorkspaceLoader loader;
    loader.setCacheDir(cacheDir);
    QEventLoop loop;
    QObject::connect(&loader, &workspace::WorkspaceLoader::loadFinished, &loop, &QEventLoop::quit);
    QObject::connect(&loader, &workspace::WorkspaceLoader::loadFailed, &loop, [&](const Error& e) {
        f.failure = e.toString();
        loop.quit();
    });
    QTimer::singleShot(10 * 60 * 1000, &loop, [&] {
        f.failure = u"timed out after 10 minutes"_s;
        loop.quit();
    });
    QElapsedTimer t;
    QObject::connect(&loader, &workspace::WorkspaceLoader::workspaceDiscovered, &loop,
        [&] { f.discoveredMs = t.elapsed(); });
    const qint64 cpuBefore = cpuMs();
    t.start();
    loader.load(repository);
    loop.exec();
    f.elapsedMs = t.elapsed();
    f.cpuMs = cpuMs() - cpuBefore;

    const auto& ws = loader.workspace();
    f.applications = int(ws.applications.size());
    f.errors = ws.errors.size();
    for (const auto& app : ws.applications) {
        const workspace::RenderResult* r = loader.result(app.id());
        if (!r)
            continue;
        ++f.rendered;
        f.fromCache += r->fromCache ? 1 : 0;
        f.resources += r->resources.size();
        f.errors += r->errors.size();
    }
    return f;
}

void printLoad(const char* title, const LoadFigures& f, qint64 targetMs)
{
    out() << title << ms(f.elapsedMs) << "   (target <= " << ms(targetMs) << ": "
          << verdict(f.elapsedMs <= targetMs) << ")\n";
    out() << "    discovery done after " << ms(f.discoveredMs) << "; CPU time " << ms(f.cpuMs) << " on "
          << QThread::idealThreadCount() << " cores\n";
    out() << "    applications " << f.rendered << "/" << f.applications << " rendered, " << f.fromCache
          << " from the cache, " << f.resources << " resources, " << f.errors << " errors\n";
}

QStringList manifestFiles(const QString& root)
{
    QStringList files;
    QDirIterator it(root + u"/environments"_s, { u"*.yaml"_s }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}

// Parse time of the same files with libyaml's C parser, timed inside Python.
Result<double> pythonParseMs(const QStringList& files, int* documents)
{
    static const char* script = R"PY(
import sys, time, yaml
paths = [p for p in sys.stdin.read().split('\n') if p]
data = []
for p in paths:
    with open(p, 'rb') as f:
        data.append(f.read())
t = time.perf_counter()
n = 0
for d in data:
    for doc in yaml.load_all(d, Loader=yaml.CSafeLoader):
        if doc is not None:
            n += 1
print((time.perf_counter() - t) * 1000.0, n)
)PY";
    QProcess p;
    p.start(u"python3"_s, { u"-c"_s, QString::fromUtf8(script) });
    if (!p.waitForStarted())
        return fail(Error::Code::NotFound, u"python3 is not installed"_s);
    p.write(files.join(u'\n').toUtf8());
    p.closeWriteChannel();
    p.waitForFinished(-1);
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return fail(Error::make(Error::Code::Generic, u"python3 with yaml.CSafeLoader failed"_s)
                        .withDetail(QString::fromUtf8(p.readAllStandardError())));
    const QList<QByteArray> fields = p.readAllStandardOutput().trimmed().split(' ');
    *documents = fields.value(1).toInt();
    return fields.value(0).toDouble();
}

// Where a cold open's time goes, one thread, through the same public pieces
// the loader uses: discovery, renders without a cache, with an empty disk
// cache (render + write), and from that cache (read).
void printBreakdown(const QString& repositoryPath, const QString& cacheParent)
{
    auto repo = git::Repository::open(repositoryPath);
    if (!repo) {
        out() << "    breakdown: " << repo.error().toString() << "\n";
        return;
    }
    const QString commit = repo->resolve(u"HEAD"_s).value_or(QString());
    workspace::Discovery::clearCache();
    QElapsedTimer t;
    t.start();
    const auto ws = workspace::Discovery::discover(*repo, commit);
    const double discoveryMs = double(t.nsecsElapsed()) / 1e6;
    if (!ws) {
        out() << "    breakdown: " << ws.error().toString() << "\n";
        return;
    }
    out() << "(e) breakdown, one thread:\n    discovery: " << QString::number(discoveryMs, 'f', 1) << " ms ("
          << ws->applications.size() << " applications)\n";
    QTemporaryDir cache(cacheParent + u"/driftline-bench-cache-XXXXXX"_s);
    auto pass = [&](const char* title, const QString& cacheDir) {
        const workspace::ApplicationRenderer renderer({ cacheDir });
        QElapsedTimer timer;
        timer.start();
        const qint64 cpuBefore = cpuMs();
        for (const auto& app : ws->applications)
            renderer.render(*repo, commit, app);
        out() << "    " << title << ms(timer.elapsed()) << " (CPU " << ms(cpuMs() - cpuBefore) << ")\n";
    };
    pass("render all, no cache:          ", QString());
    pass("render all, write empty cache: ", cache.path());
    pass("read all from that cache:      ", cache.path());
}

int runOpen(const QCommandLineParser& args, const RepoGenerator::Options& options)
{
    auto repo = prepareRepository(args, options);
    if (!repo) {
        out() << "error: " << repo.error().toString() << "\n";
        return 1;
    }
    const bool peakReset = resetPeakRss();
    int status = 0;
    const int expectedApps = int(RepoGenerator::environments().size()) * options.applications;

    // The render cache starts empty; --cache-in puts it on another file system (say, a tmpfs).
    QTemporaryDir cache(args.isSet(u"cache-in"_s)
            ? args.value(u"cache-in"_s) + u"/driftline-bench-cache-XXXXXX"_s
            : QDir::tempPath() + u"/driftline-bench-cache-XXXXXX"_s);
    if (!cache.isValid()) {
        out() << "error: cannot create the cache folder: " << cache.errorString() << "\n";
        return 1;
    }
    const int rendersBefore = workspace::ApplicationRenderer::renderCount();
    const LoadFigures cold = timedLoad(repo->path, cache.path());
    const int coldRenders = workspace::ApplicationRenderer::renderCount() - rendersBefore;
    if (!cold.failure.isEmpty()) {
        out() << "error: cold open failed: " << cold.failure << "\n";
        return 1;
    }
    out() << "\n";
    printLoad("(a) cold open, empty render cache:  ", cold, 2000);
    out() << "    renders run: " << coldRenders << "\n";
    if (cold.applications != expectedApps || cold.rendered != cold.applications) {
        out() << "    FAILED: expected " << expectedApps << " applications, all rendered\n";
        status = 1;
    }

    // As after a restart: only the disk cache survives, not discovery's memory.
    workspace::Discovery::clearCache();
    const int rendersBeforeWarm = workspace::ApplicationRenderer::renderCount();
    const LoadFigures warm = timedLoad(repo->path, cache.path());
    const int warmRenders = workspace::ApplicationRenderer::renderCount() - rendersBeforeWarm;
    if (!warm.failure.isEmpty()) {
        out() << "error: warm reopen failed: " << warm.failure << "\n";
        return 1;
    }
    printLoad("(b) warm reopen, same render cache: ", warm, 500);
    out() << "    renders run: " << warmRenders
          << (warmRenders == 0 ? " (all cache hits)" : "  FAILED: expected 0") << "\n";
    if (warmRenders != 0 || warm.resources != cold.resources)
        status = 1;

    const qint64 hwmKb = procStatusKb("VmHWM");
    out() << "(c) peak RSS (VmHWM" << (peakReset ? ", reset after generating" : ", includes the generator")
          << "): " << QString::number(hwmKb / 1024.0, 'f', 1)
          << " MB   (target <= 300 MB: " << verdict(hwmKb <= 300 * 1024) << ")\n";

    // (d) Parsing alone, one thread each, files already in memory.
    const QStringList files = manifestFiles(repo->path);
    QList<QByteArray> contents;
    contents.reserve(files.size());
    for (const QString& path : files) {
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            contents << f.readAll();
    }
    QElapsedTimer t;
    t.start();
    qsizetype parsed = 0;
    qsizetype parseErrors = 0;
    for (qsizetype i = 0; i < contents.size(); ++i) {
        const ParseResult r = ManifestParser::parse(contents[i], files[i]);
        parsed += r.resources.size();
        parseErrors += r.errors.size();
    }
    const double driftlineMs = double(t.nsecsElapsed()) / 1e6;
    out() << "(d) parse " << files.size() << " files, one thread:\n";
    out() << "    Driftline ManifestParser:  " << QString::number(driftlineMs, 'f', 1) << " ms (" << parsed
          << " resources, " << parseErrors << " errors)\n";
    int pyDocs = 0;
    auto py = pythonParseMs(files, &pyDocs);
    if (py) {
        out() << "    Python yaml.CSafeLoader:   " << QString::number(*py, 'f', 1) << " ms (" << pyDocs
              << " documents)\n";
        out() << "    ratio Driftline/CSafeLoader: " << QString::number(driftlineMs / *py, 'f', 2) << "\n";
    } else {
        out() << "    Python yaml.CSafeLoader:   skipped (" << py.error().toString() << ")\n";
    }
    if (args.isSet(u"breakdown"_s))
        printBreakdown(repo->path, args.isSet(u"cache-in"_s) ? args.value(u"cache-in"_s) : QDir::tempPath());
    out() << "\n" << (status == 0 ? "all applications loaded" : "FAILED") << "\n";
    return status;
}

int runHistory(const QCommandLineParser& args, const RepoGenerator::Options& options)
{
    auto repo = prepareRepository(args, options);
    if (!repo) {
        out() << "error: " << repo.error().toString() << "\n";
        return 1;
    }
    auto opened = git::Repository::open(repo->path);
    if (!opened) {
        out() << "error: " << opened.error().toString() << "\n";
        return 1;
    }
    const QString env = RepoGenerator::environments().constFirst();
    // Application 0 changes in every tenth commit; the others now and then.
    const QStringList paths { RepoGenerator::applicationPath(env, 0) };
    out() << "\nhistory of " << paths.first() << " over " << options.commits << " commits:\n";
    qint64 best = -1;
    qsizetype found = 0;
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer t;
        t.start();
        auto history = opened->history(paths);
        const qint64 elapsed = t.elapsed();
        if (!history) {
            out() << "error: " << history.error().toString() << "\n";
            return 1;
        }
        found = history->size();
        best = best < 0 ? elapsed : qMin(best, elapsed);
        out() << "    run " << run + 1 << ": " << ms(elapsed) << " (" << found << " commits)\n";
    }
    QElapsedTimer t;
    t.start();
    auto all = opened->history({});
    out() << "    whole history: " << ms(t.elapsed()) << " (" << (all ? all->size() : -1) << " commits)\n";
    out() << "best: " << ms(best) << "\n";
    return found > 0 ? 0 : 1;
}

} // namespace

int main(int argc, char** argv)
{
    // The panel scenario shows widgets; the others need no GUI.
    const bool widgets = argc > 1 && (qstrcmp(argv[1], "panel") == 0 || qstrcmp(argv[1], "graph") == 0);
    if (widgets && qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> application =
        widgets ? std::make_unique<QApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication& app = *application;
    QCoreApplication::setApplicationName(u"driftline-bench"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Driftline benchmarks on generated repositories."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(
        u"scenario"_s,
        u"open (load a large workspace), history (history of a path), cluster (client against a sandbox) drift (drift engine against a sandbox), diff (text diff against git) panel (the diff panel on a 1 MB object) or graph (the resource graph view at scale)"_s);
    parser.addOption({ u"apps"_s, u"Applications per environment (default 300)."_s, u"N"_s, u"300"_s });
    parser.addOption(
        { u"commits"_s, u"Commits in the generated history (default 1000)."_s, u"N"_s, u"1000"_s });
    parser.addOption({ u"keep"_s, u"Keep the generated repository."_s });
    parser.addOption(
        { u"cache-in"_s, u"Create the render cache folder in DIR (default: the temp folder)."_s, u"DIR"_s });
    parser.addOption(
        { u"breakdown"_s, u"Also time discovery, renders and the render cache one thread at a time."_s });
    parser.addOption({ u"repo"_s, u"Use this previously generated (--keep) repository."_s, u"DIR"_s });
    parser.addOption({ u"objects"_s, u"cluster: objects preloaded into the sandbox (default 10000)."_s, u"N"_s,
        u"10000"_s });
    parser.addOption({ u"curl"_s, u"cluster: the curl program for the raw-capacity run (default: curl on PATH)."_s,
        u"PROGRAM"_s, u"curl"_s });
    parser.addOption({u"events"_s, u"drift: single edits timed from request to status (default 20)."_s, u"N"_s,
        u"20"_s});
    parser.addOption({u"lines"_s, u"diff: lines of each file (default 20000)."_s, u"N"_s, u"20000"_s});
    parser.addOption({u"git"_s, u"diff: the git program to compare with (default: git on PATH)."_s, u"PROGRAM"_s,
        u"git"_s});
    parser.addOption({u"runs"_s, u"graph: timed repetitions, medians reported (default 5)."_s, u"N"_s, u"5"_s});
    parser.addOption({u"dot"_s, u"graph: the Graphviz dot program to compare with (default: dot on PATH)."_s,
        u"PROGRAM"_s, u"dot"_s});
    parser.process(app);

    RepoGenerator::Options options;
    options.applications = qMax(1, parser.value(u"apps"_s).toInt());
    options.commits = qMax(1, parser.value(u"commits"_s).toInt());

    const QString scenario = parser.positionalArguments().value(0, u"open"_s);
    if (scenario == u"open"_s)
        return runOpen(parser, options);
    if (scenario == u"history"_s)
        return runHistory(parser, options);
    if (scenario == u"cluster"_s) {
        bench::ClusterBenchOptions cluster;
        cluster.objects = qMax(1, parser.value(u"objects"_s).toInt());
        cluster.curl = parser.value(u"curl"_s);
        return bench::runClusterBench(cluster);
    }
    if (scenario == u"drift"_s) {
        bench::DriftBenchOptions drift;
        drift.applications = options.applications;
        drift.events = qMax(1, parser.value(u"events"_s).toInt());
        return bench::runDriftBench(drift);
    }
    if (scenario == u"diff"_s) {
        bench::DriftBenchOptions diff;
        diff.diffLines = qMax(100, parser.value(u"lines"_s).toInt());
        diff.git = parser.value(u"git"_s);
        return bench::runDiffBench(diff);
    }
    if (scenario == u"panel"_s)
        return bench::runPanelBench({});
    if (scenario == u"graph"_s) {
        bench::GraphBenchOptions graph;
        graph.runs = qMax(1, parser.value(u"runs"_s).toInt());
        graph.dot = parser.value(u"dot"_s);
        return bench::runGraphBench(graph);
    }
    if (scenario == u"sync"_s) {
        bench::SyncBenchOptions sync;
        // --objects defaults to the cluster scenario's 10,000; sync's own default is 1,000.
        if (parser.isSet(u"objects"_s))
            sync.resources = qMax(1, parser.value(u"objects"_s).toInt());
        return bench::runSyncBench(sync);
    }
    std::fprintf(stderr, "driftline-bench: unknown scenario '%s' (open, history, cluster, drift, diff, panel, graph, sync)\n", qPrintable(scenario));
    return 2;
}
