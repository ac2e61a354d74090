// Turns an application's inputs at a revision into resources. One interface,
// several renderers: plain YAML/JSON, kustomize, helm.
#pragma once

#include "core/error.h"
#include "core/resource.h"
#include "workspace/workspace.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace driftline::git {
class Repository;
struct TreeEntry;
}

namespace driftline::workspace {

struct RenderResult {
    ResourceList resources;
    QList<Error> errors;    // per file/document; a fatal render error leaves resources empty
    QString renderer;       // "plain", "kustomize", "helm"
    QString cacheKey;       // empty when the result cannot be cached
    bool fromCache = false;
    qint64 elapsedMs = 0;

    bool ok() const { return errors.isEmpty(); }
};

class Renderer
{
public:
    virtual ~Renderer() = default;
    virtual QString name() const = 0;
    // Version of the renderer (the program's version for external tools): part of the cache key.
    virtual QString version() const = 0;
    virtual RenderResult render(const git::Repository& repo, const QString& commitId, const Application& app) const = 0;
    // What the output depends on in the repository, as sorted "path id" lines (the
    // cache key is built from them). Default: the application's folder (or file).
    virtual Result<QStringList> inputs(const git::Repository& repo, const QString& commitId,
                                       const Application& app) const;

    // Kinds that never live in a namespace (Namespace, ClusterRole, CRDs, ...).
    static bool isClusterScoped(const QString& group, const QString& kind);
    // Gives namespaced resources without one the application's namespace and
    // reports (and drops) every later object with an identity already seen.
    static void finish(RenderResult& result, const Application& app);

    // Helpers shared by the renderers and ApplicationRenderer.
    // The entry at `path` ("" = the root tree) at `commitId`.
    static Result<git::TreeEntry> entryAt(const git::Repository& repo, const QString& commitId, const QString& path);
    // Writes the files under `path` at `commitId` below `destination` (keeping repository-relative paths).
    static Result<void> writeTree(const git::Repository& repo, const QString& commitId, const QString& path,
                                  const QString& destination);

    struct ToolRun {
        bool started = false;
        bool timedOut = false;
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    // Runs an external program, with stdout and stderr captured; blocks the calling (worker) thread.
    // The first line a tool prints for `args` (its version), run once per program and
    // arguments for the process; "unknown" when it prints nothing, empty when absent.
    static QString toolVersion(const QString& program, const QStringList& args, int timeoutMs);
    static ToolRun runTool(const QString& program, const QStringList& args, int timeoutMs,
                           const QString& workingDirectory = {});
};

// Picks the renderer for an application's folder (kustomization.yaml -> kustomize,
// Chart.yaml -> helm, else plain) and renders through the cache.
class ApplicationRenderer
{
public:
    struct Options {
        QString cacheDir;      // empty: no disk cache
        int toolTimeoutMs = 60000;
    };
    explicit ApplicationRenderer(Options options);
    ~ApplicationRenderer();

    RenderResult render(const git::Repository& repo, const QString& commitId, const Application& app) const;

    // How many renders actually ran a renderer (cache misses); for tests and the benchmark.
    static int renderCount();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace driftline::workspace
