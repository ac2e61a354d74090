// Repository-relative path handling shared by the workspace definition and
// discovery: every path a repository names must stay inside that repository.
#pragma once

#include <QString>
#include <QStringList>
#include <algorithm>

namespace driftline::workspace::paths
{

enum class PathProblem { None, Absolute, Escapes };

struct NormalizedPath {
    QString path; // '/'-separated, no "./", no trailing '/'; "" is the repository root
    PathProblem problem = PathProblem::None;
};

// Folds "./", "//" and "a/.." away; a path that is absolute or climbs above the
// root is reported rather than silently clamped, because it points elsewhere.
inline NormalizedPath normalize(const QString& raw)
{
    NormalizedPath out;
    QString text = raw.trimmed();
    if (text.startsWith(u'/') || text.startsWith(u'\\') || text.startsWith(u'~')
        || (text.size() >= 2 && text.at(1) == u':' && text.at(0).isLetter())) {
        out.problem = PathProblem::Absolute;
        return out;
    }
    QStringList parts;
    const QStringList raws = text.split(u'/', Qt::SkipEmptyParts);
    for (const QString& part : raws) {
        if (part == u".")
            continue;
        if (part == u"..") {
            if (parts.isEmpty()) {
                out.problem = PathProblem::Escapes;
                return out;
            }
            parts.removeLast();
            continue;
        }
        parts.append(part);
    }
    out.path = parts.join(u'/');
    return out;
}

// True when a git tree listing of blob paths holds `path` as a file or a folder.
inline bool treeHolds(const QStringList& sortedBlobPaths, const QString& path)
{
    if (path.isEmpty())
        return !sortedBlobPaths.isEmpty();
    const QString prefix = path + u'/';
    auto it = std::lower_bound(sortedBlobPaths.cbegin(), sortedBlobPaths.cend(), path);
    for (; it != sortedBlobPaths.cend(); ++it) {
        if (*it == path || it->startsWith(prefix))
            return true;
        // Blobs under "path/" sort after "path" but may follow siblings such as
        // "path-x" or "path.d", which sort before '/'; stop once past the prefix.
        if (!it->startsWith(path))
            return false;
    }
    return false;
}

} // namespace driftline::workspace::paths
