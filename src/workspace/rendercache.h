// Remembers render results by what they depend on (renderer, its version, the
// application's path and namespace, the git object ids of its inputs), in
// memory and on disk, so an unchanged application is never rendered twice,
// across restarts too. Thread-safe.
#pragma once

#include "workspace/renderer.h"

#include <QStringList>

#include <memory>
#include <optional>

namespace driftline::workspace {

class RenderCache
{
public:
    // Bumped when the file layout changes; files of another format are ignored and overwritten.
    static constexpr int FormatVersion = 1;

    // `directory` empty: memory only.
    explicit RenderCache(const QString& directory);
    ~RenderCache();

    // Hex SHA-256 over everything the result depends on.
    static QString key(const QString& renderer, const QString& rendererVersion, const Application& app,
                       const QStringList& inputs);

    std::optional<RenderResult> find(const QString& key) const;
    void insert(const QString& key, const RenderResult& result);

    QString filePath(const QString& key) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace driftline::workspace
