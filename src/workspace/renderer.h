// Turns an application's inputs at a revision into resources. One interface,
// several renderers: plain YAML/JSON, kustomize, helm.
#pragma once

#include "core/error.h"
#include "core/resource.h"
#include "workspace/workspace.h"

#include <QList>
#include <QString>

#include <memory>

namespace driftline::git {
class Repository;
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
