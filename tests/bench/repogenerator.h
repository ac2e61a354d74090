// Generates a large GitOps repository for the benchmarks: environments x
// applications x resources, one plain-YAML manifest per resource, with a long
// history, written through `git fast-import` so that it takes seconds.
#pragma once

#include "core/error.h"

#include <QString>
#include <QStringList>

namespace driftline::bench
{

class RepoGenerator
{
public:
    struct Options {
        int applications = 300;
        int resourcesPerApplication = 10; // at most 10
        int commits
            = 1000; // the first adds everything, the others change a few files (every tenth: application 0's)
    };

    static QStringList environments()
    {
        return { QStringLiteral("dev"), QStringLiteral("staging"), QStringLiteral("production") };
    }
    static QString applicationName(int index);
    // Repository-relative folder of an application in an environment.
    static QString applicationPath(const QString& environment, int index);

    // Creates the repository (branch main, working tree checked out) in `directory`.
    static Result<void> generate(const QString& directory, const Options& options);
};

} // namespace driftline::bench
