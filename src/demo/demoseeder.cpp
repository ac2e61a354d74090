#include "demo/demoseeder.h"

#include "git/repository.h"
#include "kube/kubeclient.h"
#include "kube/trackingid.h"
#include "workspace/discovery.h"
#include "workspace/renderer.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace driftline::demo {

namespace {

// Blocks the calling worker thread until the client's I/O thread answers.
template<typename T>
Result<T> await(QFuture<Result<T>> future)
{
    future.waitForFinished();
    if (future.isCanceled() || future.resultCount() == 0)
        return fail(Error::Code::Cancelled, DemoSeeder::tr("The request was cancelled."));
    return future.result();
}

// Namespaces before what lives in them, the way a sync orders its work.
int applyRank(const Resource& r)
{
    if (r.key().group.isEmpty() && r.kind() == u"Namespace")
        return 0;
    if (r.kind() == u"CustomResourceDefinition")
        return 1;
    return 2;
}

constexpr auto StagingNamespace = "shop-staging";
constexpr auto ProductionNamespace = "shop-prod";

} // namespace

Result<bool> DemoSeeder::isSeeded(kube::KubeClient& client)
{
    auto ns = await(client.get({}, u"v1"_s, u"Namespace"_s, {}, QString::fromLatin1(StagingNamespace)));
    if (ns)
        return true;
    if (ns.error().httpStatus == 404)
        return false;
    return fail(ns.error());
}

Result<DemoSeeder::Report> DemoSeeder::seed(const QString& repositoryPath, kube::KubeClient& client,
    const std::function<void(const QString&)>& progress)
{
    const auto say = [&](const QString& text) {
        if (progress)
            progress(text);
    };

    auto repo = git::Repository::open(repositoryPath);
    if (!repo)
        return fail(repo.error());
    auto commit = repo->resolve(QString::fromLatin1(SeedRevision));
    if (!commit)
        return fail(commit.error());
    auto ws = workspace::Discovery::discover(*repo, *commit);
    if (!ws)
        return fail(ws.error());

    Report report;
    report.commitId = *commit;

    // Render every application at the seed revision and tag what it owns.
    struct Item {
        Resource resource;
        QString application;
    };
    QList<Item> items;
    const workspace::ApplicationRenderer renderer(workspace::ApplicationRenderer::Options {});
    for (const workspace::Application& app : std::as_const(ws->applications)) {
        say(tr("Rendering %1 at %2…").arg(app.id(), commit->left(8)));
        const workspace::RenderResult rendered = renderer.render(*repo, *commit, app);
        for (const Error& e : rendered.errors)
            report.errors.append(e.wrapped(tr("render %1").arg(app.id())));
        for (const Resource& r : rendered.resources)
            items.append({r, app.name});
    }
    std::stable_sort(items.begin(), items.end(),
        [](const Item& a, const Item& b) { return applyRank(a.resource) < applyRank(b.resource); });

    int done = 0;
    for (const Item& item : std::as_const(items)) {
        const QJsonObject object =
            kube::TrackingId::annotated(item.resource.object(), item.application, item.resource.key());

        say(tr("Applying %1 (%2 of %3)…").arg(item.resource.key().displayName()).arg(++done).arg(items.size()));
        auto applied = await(client.apply(object));
        if (applied)
            ++report.applied;
        else
            report.errors.append(applied.error().wrapped(tr("apply %1").arg(item.resource.key().displayName())));
    }

    // What people do by hand, each through the API exactly as kubectl sends it.
    const QString staging = QString::fromLatin1(StagingNamespace);
    const QString production = QString::fromLatin1(ProductionNamespace);
    const auto record = [&](Result<QJsonObject> result, const QString& what) {
        if (result)
            report.edits.append(what);
        else
            report.errors.append(result.error().wrapped(what));
    };

    say(tr("Making drift by hand…"));
    record(await(client.patch(u"apps"_s, u"v1"_s, u"Deployment"_s, staging, u"api"_s, kube::PatchType::Merge,
               R"({"spec":{"replicas":4}})", u"kubectl-scale"_s)),
        tr("scaled Deployment %1/api to 4 replicas").arg(staging));
    record(await(client.patch({}, u"v1"_s, u"ConfigMap"_s, production, u"web-config"_s,
               kube::PatchType::Merge, R"({"data":{"LOG_LEVEL":"debug"}})", u"kubectl-edit"_s)),
        tr("edited ConfigMap %1/web-config: LOG_LEVEL=debug").arg(production));
    {
        auto removed = await(client.remove({}, u"v1"_s, u"Service"_s, staging, u"web"_s));
        if (removed)
            report.edits.append(tr("deleted Service %1/web").arg(staging));
        else
            report.errors.append(removed.error().wrapped(tr("delete Service %1/web").arg(staging)));
    }
    {
        const ResourceKey key {{}, u"v1"_s, u"ConfigMap"_s, production, u"web-debug"_s};
        QJsonObject object {
            {u"apiVersion"_s, u"v1"_s},
            {u"kind"_s, u"ConfigMap"_s},
            {u"metadata"_s,
                QJsonObject {{u"name"_s, key.name}, {u"namespace"_s, key.namespace_},
                    {u"annotations"_s,
                        QJsonObject {{QString(kube::TrackingId::DriftlineAnnotation),
                            kube::TrackingId::forResource(u"web"_s, key).toString()}}}}},
            {u"data"_s, QJsonObject {{u"DEBUG_TOOLBAR"_s, u"on"_s}}},
        };
        record(await(client.create(object, u"kubectl-create"_s)), tr("created ConfigMap %1/web-debug, which Git does not have").arg(production));
    }
    return report;
}

} // namespace driftline::demo
