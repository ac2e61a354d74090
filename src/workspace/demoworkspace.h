// The demo workspace: a small but realistic GitOps repository (staging and
// production, four applications, plain YAML and kustomize overlays) written
// into a real git repository with a believable history.
#pragma once

#include "core/error.h"

#include <QString>

namespace driftline::workspace {

class DemoWorkspace
{
public:
    // <user data>/driftline/demo
    static QString defaultLocation();
    // Writes the demo repository into `directory` (created; must be empty or
    // absent) with its commit history, and returns the repository path.
    static Result<QString> create(const QString& directory);
    // Returns the demo at `directory`, creating it when absent; an existing demo
    // (even one the user changed) is reused as it is.
    static Result<QString> ensure(const QString& directory = defaultLocation());
};

} // namespace driftline::workspace
