// Finds a workspace's environments and applications at a revision: from
// driftline.yaml when present, otherwise from Argo CD Applications, Flux
// Kustomizations under clusters/<env>/, folder conventions, or every folder
// that holds manifests (environment "default").
#pragma once

#include "workspace/workspace.h"

namespace driftline::git {
class Repository;
}

namespace driftline::workspace {

class Discovery
{
public:
    // Reads the tree at `commitId` (never the working tree). Fails only when the
    // revision cannot be read; problems with single files go to Workspace::errors.
    static Result<Workspace> discover(const git::Repository& repo, const QString& commitId);

    // Results are remembered per repository and root tree for the process's
    // lifetime (a reload of an unchanged revision is free); tests clear them.
    static void clearCache();
};

} // namespace driftline::workspace
