// Renders a folder of plain manifests: every YAML and JSON file below it
// (recursively), or the one file an application names, as read from git.
#pragma once

#include "workspace/renderer.h"

namespace driftline::workspace {

class PlainRenderer : public Renderer
{
public:
    QString name() const override;
    QString version() const override;
    RenderResult render(const git::Repository& repo, const QString& commitId, const Application& app) const override;
    // The folder's tree id; plus the root tree's when a symlink inside may lead elsewhere in the repository.
    Result<QStringList> inputs(const git::Repository& repo, const QString& commitId,
                               const Application& app) const override;

    // True for a file name a plain folder loads (*.yaml, *.yml, *.json, minus
    // kustomization files, Chart.yaml and the workspace definition).
    static bool isManifestFileName(const QString& fileName);
};

} // namespace driftline::workspace
