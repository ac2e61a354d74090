#include "workspace/workspaceloader.h"

#include "git/repository.h"
#include "workspace/discovery.h"

#include <QHash>
#include <QPointer>
#include <QThread>
#include <QStandardPaths>
#include <QStringBuilder>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>

using namespace Qt::StringLiterals;

namespace driftline::workspace {

namespace {

// Shared by the tasks of one load: cancel() flips it, and each task looks before starting.
struct LoadState {
    std::atomic<bool> cancelled { false };
};

// Runs `fn` on the loader's thread, unless the loader is gone.
template<typename F>
void post(const QPointer<WorkspaceLoader>& target, F&& fn)
{
    if (WorkspaceLoader* loader = target.data())
        QMetaObject::invokeMethod(loader, std::forward<F>(fn), Qt::QueuedConnection);
}

} // namespace

struct WorkspaceLoader::Private {
    QString repositoryPath;
    QString revision;
    QString cacheDir = WorkspaceLoader::defaultCacheDir();
    Workspace workspace;
    QHash<QString, RenderResult> results;
    // Bumped by every load() and cancel(): results tagged with an older value are dropped.
    quint64 generation = 0;
    std::shared_ptr<LoadState> state;
    std::shared_ptr<const ApplicationRenderer> renderer; // kept across loads for its memory cache
    QString rendererCacheDir;
    bool loading = false;
    int done = 0;
    int total = 0;
};

WorkspaceLoader::WorkspaceLoader(QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    qRegisterMetaType<driftline::workspace::Workspace>();
    qRegisterMetaType<driftline::Error>();
}

WorkspaceLoader::~WorkspaceLoader()
{
    if (d->state)
        d->state->cancelled = true;
}

QString WorkspaceLoader::defaultCacheDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + u"/driftline/renders"_s;
}

void WorkspaceLoader::setCacheDir(const QString& dir)
{
    d->cacheDir = dir;
}

bool WorkspaceLoader::isLoading() const
{
    return d->loading;
}

const Workspace& WorkspaceLoader::workspace() const
{
    return d->workspace;
}

const RenderResult* WorkspaceLoader::result(const QString& applicationId) const
{
    const auto it = d->results.constFind(applicationId);
    return it == d->results.constEnd() ? nullptr : &*it;
}

void WorkspaceLoader::reload()
{
    if (!d->repositoryPath.isEmpty())
        load(d->repositoryPath, d->revision);
}

void WorkspaceLoader::cancel()
{
    if (!d->loading)
        return;
    if (d->state)
        d->state->cancelled = true;
    ++d->generation;
    d->loading = false;
    Q_EMIT loadFinished();
}

void WorkspaceLoader::load(const QString& repositoryPath, const QString& revision)
{
    if (d->state)
        d->state->cancelled = true;
    const quint64 generation = ++d->generation;
    auto state = std::make_shared<LoadState>();
    d->state = state;
    d->repositoryPath = repositoryPath;
    d->revision = revision;
    d->workspace = Workspace {};
    d->results.clear();
    d->done = 0;
    d->total = 0;
    d->loading = true;
    if (!d->renderer || d->rendererCacheDir != d->cacheDir) {
        d->renderer = std::make_shared<const ApplicationRenderer>(ApplicationRenderer::Options { d->cacheDir });
        d->rendererCacheDir = d->cacheDir;
    }
    const std::shared_ptr<const ApplicationRenderer> renderer = d->renderer;
    Q_EMIT loadStarted(repositoryPath);

    // Workers never touch `this`: they hold a QPointer and post their results
    // back to the loader's thread, where the generation decides whether they still matter.
    const QPointer<WorkspaceLoader> self(this);

    auto fail = [self, generation](const Error& error) {
        post(
            self,
            [self, generation, error] {
                if (!self || self->d->generation != generation)
                    return;
                self->d->loading = false;
                Q_EMIT self->loadFailed(error);
            });
    };

    auto deliver = [self, generation, state](const Application& app, RenderResult result) {
        if (state->cancelled || !self)
            return;
        post(
            self,
            [self, generation, id = app.id(), result = std::move(result)]() mutable {
                if (!self || self->d->generation != generation)
                    return;
                Private& p = *self->d;
                p.results.insert(id, std::move(result));
                ++p.done;
                Q_EMIT self->applicationRendered(id);
                Q_EMIT self->progress(p.done, p.total);
                if (p.done >= p.total && p.loading) {
                    p.loading = false;
                    Q_EMIT self->loadFinished();
                }
            });
    };

    // Renders a batch of applications with one repository handle (libgit2 handles are
    // not shared across threads, and opening one per application costs more than a
    // cached render), resolving each revision once per batch.
    auto renderBatch = [self, state, renderer, repositoryPath, deliver](const QList<Application>& apps,
                                                                           const QStringList& revisions) {
        auto repo = git::Repository::open(repositoryPath);
        QHash<QString, Result<QString>> resolved;
        for (qsizetype i = 0; i < apps.size(); ++i) {
            if (state->cancelled || !self)
                return;
            const Application& app = apps[i];
            const QString& revision = revisions[i];
            RenderResult result;
            if (!repo) {
                result.errors.append(repo.error());
            } else {
                auto it = resolved.find(revision);
                if (it == resolved.end())
                    it = resolved.insert(revision, repo->resolve(revision));
                if (!*it)
                    result.errors.append(it->error().wrapped(app.id()));
                else
                    result = renderer->render(*repo, **it, app);
            }
            deliver(app, std::move(result));
        }
    };

    (void)QtConcurrent::run([self, generation, state, repositoryPath, revision, fail, renderBatch] {
        git::GitLibrary::ensureInitialized();
        auto repo = git::Repository::open(repositoryPath);
        if (!repo) {
            fail(repo.error());
            return;
        }
        const QString wanted = revision.isEmpty() ? u"HEAD"_s : revision;
        auto commit = repo->resolve(wanted);
        if (!commit) {
            fail(commit.error());
            return;
        }
        auto discovered = Discovery::discover(*repo, *commit);
        if (!discovered) {
            fail(discovered.error());
            return;
        }
        Workspace ws = std::move(*discovered);
        if (ws.repositoryPath.isEmpty())
            ws.repositoryPath = repo->isBare() ? repo->gitDir() : repo->workdir();
        ws.revision = wanted; // what the user asked for; commitId says what it resolved to
        if (ws.commitId.isEmpty())
            ws.commitId = *commit;
        if (ws.branch.isEmpty())
            ws.branch = repo->currentBranch();
        if (state->cancelled || !self)
            return;

        post(
            self,
            [self, generation, ws] {
                if (!self || self->d->generation != generation)
                    return;
                Private& p = *self->d;
                p.workspace = ws;
                p.total = int(ws.applications.size());
                Q_EMIT self->workspaceDiscovered(ws);
                Q_EMIT self->progress(0, p.total);
                if (p.total == 0 && p.loading) {
                    p.loading = false;
                    Q_EMIT self->loadFinished();
                }
            });

        // A few batches per core keep both cores busy while one waits on a tool.
        const qsizetype batches = std::max<qsizetype>(
            1, std::min<qsizetype>(ws.applications.size(), QThread::idealThreadCount() * 4));
        QList<QList<Application>> batchApps(batches);
        QList<QStringList> batchRevisions(batches);
        for (qsizetype i = 0; i < ws.applications.size(); ++i) {
            const Application& app = ws.applications[i];
            // An application renders its own revision, else its environment's, else the workspace's.
            QString appRevision = app.revision;
            if (appRevision.isEmpty()) {
                if (const Environment* env = ws.environment(app.environment))
                    appRevision = env->revision;
            }
            if (appRevision.isEmpty())
                appRevision = *commit;
            batchApps[i % batches].append(app);
            batchRevisions[i % batches].append(appRevision);
        }
        for (qsizetype b = 0; b < batches; ++b) {
            if (!batchApps[b].isEmpty())
                (void)QtConcurrent::run(renderBatch, batchApps[b], batchRevisions[b]);
        }
    });
}

} // namespace driftline::workspace
