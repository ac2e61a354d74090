// Renders a Helm chart with `helm template` when helm is on PATH; without it
// the application gets an error and the rest of the workspace still loads.
#pragma once

#include "workspace/renderer.h"

namespace driftline::workspace {

class HelmRenderer : public Renderer
{
public:
    explicit HelmRenderer(int timeoutMs = 60000);

    QString name() const override;
    // The output of `helm version --short`, asked once per process.
    QString version() const override;
    RenderResult render(const git::Repository& repo, const QString& commitId, const Application& app) const override;
    // The chart folder plus the release name and namespace, which the templates may use.
    Result<QStringList> inputs(const git::Repository& repo, const QString& commitId,
                               const Application& app) const override;

private:
    int m_timeoutMs;
};

} // namespace driftline::workspace
