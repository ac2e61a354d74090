// Renders a kustomization with the `kustomize build` program: the files it
// needs are written from git into a temporary folder, so the working tree is
// never read and any revision can be built.
#pragma once

#include "workspace/renderer.h"

namespace driftline::workspace {

class KustomizeRenderer : public Renderer
{
public:
    explicit KustomizeRenderer(int timeoutMs = 60000);

    QString name() const override;
    // The first line of `kustomize version`, asked once per process.
    QString version() const override;
    RenderResult render(const git::Repository& repo, const QString& commitId, const Application& app) const override;
    // The application's folder plus every local path its kustomizations
    // reference; the repository's root tree when a reference cannot be resolved.
    Result<QStringList> inputs(const git::Repository& repo, const QString& commitId,
                               const Application& app) const override;

    static bool isKustomizationFile(const QString& fileName);

private:
    int m_timeoutMs;
};

} // namespace driftline::workspace
