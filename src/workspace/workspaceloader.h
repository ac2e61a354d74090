// Loads a workspace in the background: discovery, then every application
// rendered in parallel on the global thread pool. Signals arrive on the
// thread the loader lives in (the UI thread in the app); a newer load makes
// the results of an older one stale and they are dropped.
#pragma once

#include "workspace/renderer.h"
#include "workspace/workspace.h"

#include <QObject>

#include <memory>

namespace driftline::workspace {

class WorkspaceLoader : public QObject
{
    Q_OBJECT
public:
    explicit WorkspaceLoader(QObject* parent = nullptr);
    ~WorkspaceLoader() override;

    // Default render cache folder: <user cache>/driftline/renders.
    static QString defaultCacheDir();
    void setCacheDir(const QString& dir);

    // Starts loading `repositoryPath` at `revision` (empty: HEAD). Returns at once.
    void load(const QString& repositoryPath, const QString& revision = {});
    // Loads the same repository again (F5).
    void reload();
    // Skips the renders not yet started and drops late results; emits loadFinished at once.
    void cancel();

    bool isLoading() const;
    const Workspace& workspace() const;
    // The render result of an application (by Application::id()), or nullptr while pending.
    const RenderResult* result(const QString& applicationId) const;

Q_SIGNALS:
    void loadStarted(const QString& repositoryPath);
    // Discovery done: environments and applications known, renders pending.
    void workspaceDiscovered(const driftline::workspace::Workspace& workspace);
    void applicationRendered(const QString& applicationId);
    void progress(int done, int total);
    void loadFinished();
    // The repository could not be opened or its revision read.
    void loadFailed(const driftline::Error& error);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace driftline::workspace
