#include "workspace/demoworkspace.h"

#include "git/repository.h"

#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTime>
#include <QTimeZone>
#include <vector>

using namespace Qt::StringLiterals;

namespace driftline::workspace
{

namespace
{

constexpr auto ResourceRoot = ":/demo"_L1;

// One edit a commit made: `before` became `after` in `file`.
struct Change {
    QString file;
    QString before;
    QString after;
};

struct Step {
    QString message;
    int daysAgo;
    QTime time;
    std::vector<Change> changes;
};

// The demo's history, oldest first. The resources hold the state after the
// last step; each earlier state is derived by undoing the later steps, so the
// files stay the single source and the history cannot silently diverge from
// them: an undo that no longer matches fails loudly.
std::vector<Step> history()
{
    const auto webStaging = u"apps/web/overlays/staging/kustomization.yaml"_s;
    const auto webProduction = u"apps/web/overlays/production/kustomization.yaml"_s;
    const auto webReplicas = u"apps/web/overlays/production/replicas.yaml"_s;
    const auto apiStaging = u"apps/api/overlays/staging/kustomization.yaml"_s;
    const auto apiProduction = u"apps/api/overlays/production/kustomization.yaml"_s;
    const auto apiDeployment = u"apps/api/base/deployment.yaml"_s;
    return {
        { u"Import the shop platform\n\n"
          u"Namespaces, web and api (kustomize base and overlays), postgres and the\n"
          u"batch jobs for staging and production, as running today."_s,
            21, QTime(9, 12), {} },
        { u"web: release 1.5.0 to staging\n\n"
          u"New product page layout and lazy-loaded images."_s,
            18, QTime(14, 37), { { webStaging, u"newTag: 1.4.2"_s, u"newTag: 1.5.0"_s } } },
        { u"web: promote 1.5.0 to production\n\n"
          u"Healthy in staging for two days, no error budget burn."_s,
            16, QTime(10, 5), { { webProduction, u"newTag: 1.4.2"_s, u"newTag: 1.5.0"_s } } },
        { u"web: scale production to 4 replicas for the winter sale\n\n"
          u"Raise the floor and the ceiling of the autoscaler; traffic is expected to\n"
          u"triple over the weekend."_s,
            12, QTime(17, 48),
            { { webReplicas, u"  replicas: 3\n"_s, u"  replicas: 4\n"_s },
                { webReplicas, u"minReplicas: 3\n"_s, u"minReplicas: 4\n"_s },
                { webReplicas, u"maxReplicas: 8\n"_s, u"maxReplicas: 12\n"_s } } },
        { u"api: raise the checkout timeout to 15s\n\n"
          u"The payment provider's 3-D Secure step regularly takes longer than 10s."_s,
            9, QTime(11, 26),
            { { u"apps/api/base/configmap.yaml"_s, u"CHECKOUT_TIMEOUT: 10s\n"_s,
                u"CHECKOUT_TIMEOUT: 15s\n"_s } } },
        { u"postgres: allow 200 connections in production\n\n"
          u"The api's production pool grows to 40 connections per replica."_s,
            6, QTime(15, 3),
            { { u"platform/postgres/production/configmap.yaml"_s, u"max_connections = 100\n"_s,
                  u"max_connections = 200\n"_s },
                { u"apps/api/overlays/production/config.yaml"_s, u"DATABASE_POOL_SIZE: \"20\"\n"_s,
                    u"DATABASE_POOL_SIZE: \"40\"\n"_s } } },
        { u"api: release 2.0.0\n\n"
          u"New configuration loader; the database host now comes from the\n"
          u"DATABASE_HOSTNAME key."_s,
            3, QTime(16, 41),
            { { apiStaging, u"newTag: 1.9.3"_s, u"newTag: 2.0.0"_s },
                { apiProduction, u"newTag: 1.9.3"_s, u"newTag: 2.0.0"_s },
                { apiDeployment, u"key: DATABASE_HOST\n"_s, u"key: DATABASE_HOSTNAME\n"_s } } },
        { u"api: release 2.0.1, fix the crash on start\n\n"
          u"2.0.0 referenced the key DATABASE_HOSTNAME, which api-config does not\n"
          u"have, so no pod could start. Point it back at DATABASE_HOST and ship the\n"
          u"loader fix from 2.0.1."_s,
            1, QTime(9, 55),
            { { apiStaging, u"newTag: 2.0.0"_s, u"newTag: 2.0.1"_s },
                { apiProduction, u"newTag: 2.0.0"_s, u"newTag: 2.0.1"_s },
                { apiDeployment, u"key: DATABASE_HOSTNAME\n"_s, u"key: DATABASE_HOST\n"_s } } },
    };
}

using FileMap = QMap<QString, QByteArray>; // repository-relative path -> contents

Error fileError(Error::Code code, const QString& message, const QString& file)
{
    return Error::make(code, message).at(file);
}

Result<FileMap> readResources()
{
    FileMap files;
    QDirIterator it(ResourceRoot, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return fail(fileError(Error::Code::Io,
                QCoreApplication::translate("driftline::DemoWorkspace", "Cannot read a demo file."), path));
        files.insert(path.mid(ResourceRoot.size() + 1), f.readAll());
    }
    if (files.isEmpty())
        return fail(Error::Code::NotFound,
            QCoreApplication::translate(
                "driftline::DemoWorkspace", "The demo workspace's files are missing from this build."));
    return files;
}

// Undoes `step` on `files`: each `after` must occur exactly once.
Result<FileMap> undo(FileMap files, const Step& step)
{
    for (const Change& c : step.changes) {
        auto it = files.find(c.file);
        if (it == files.end())
            return fail(fileError(Error::Code::NotFound,
                QCoreApplication::translate(
                    "driftline::DemoWorkspace", "The demo history names a missing file."),
                c.file));
        QString text = QString::fromUtf8(*it);
        if (text.count(c.after) != 1)
            return fail(fileError(Error::Code::InvalidInput,
                QCoreApplication::translate("driftline::DemoWorkspace",
                    "The demo history no longer matches its files: "
                    "\"%1\" is not in the file exactly once.")
                    .arg(c.after.trimmed()),
                c.file));
        text.replace(c.after, c.before);
        *it = text.toUtf8();
    }
    return files;
}

// Writes the files of `files` that differ from `previous`.
Result<void> writeFiles(const QString& root, const FileMap& files, const FileMap& previous)
{
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        const auto before = previous.constFind(it.key());
        if (before != previous.cend() && *before == it.value())
            continue;
        const QString path = root + u'/' + it.key();
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(it.value()) != it.value().size())
            return fail(fileError(Error::Code::Io,
                QCoreApplication::translate("driftline::DemoWorkspace", "Cannot write the file: %1")
                    .arg(f.errorString()),
                path));
    }
    return {};
}

// Builds the repository in `root`, an empty folder.
Result<void> build(const QString& root)
{
    auto finalFiles = readResources();
    if (!finalFiles)
        return fail(finalFiles.error());

    const std::vector<Step> steps = history();
    std::vector<FileMap> states(steps.size());
    states.back() = *finalFiles;
    for (size_t i = steps.size() - 1; i > 0; --i) {
        auto earlier = undo(states[i], steps[i]);
        if (!earlier)
            return fail(earlier.error());
        states[i - 1] = std::move(*earlier);
    }

    auto repo = git::Repository::init(root);
    if (!repo)
        return fail(repo.error().wrapped(
            QCoreApplication::translate("driftline::DemoWorkspace", "Create the demo repository")));

    const QDate today = QDateTime::currentDateTimeUtc().date(); // the times below are UTC too
    FileMap written;
    for (size_t i = 0; i < steps.size(); ++i) {
        if (auto ok = writeFiles(root, states[i], written); !ok)
            return ok;
        written = states[i];
        const git::Signature author { u"Driftline Demo"_s, u"demo@driftline.invalid"_s,
            QDateTime(today.addDays(-steps[i].daysAgo), steps[i].time, QTimeZone::UTC) };
        if (auto id = repo->commitAll(steps[i].message, author); !id)
            return fail(id.error().wrapped(
                QCoreApplication::translate("driftline::DemoWorkspace", "Commit the demo history")));
    }
    return {};
}

bool isEmptyOrAbsent(const QString& directory)
{
    const QDir dir(directory);
    return !dir.exists()
        || dir.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
}

} // namespace

QString DemoWorkspace::defaultLocation()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/driftline/demo"_s;
}

Result<QString> DemoWorkspace::create(const QString& directory)
{
    const QString target = QDir::cleanPath(QFileInfo(directory).absoluteFilePath());
    if (!isEmptyOrAbsent(target))
        return fail(fileError(Error::Code::InvalidInput,
            QCoreApplication::translate("driftline::DemoWorkspace",
                "Cannot create the demo workspace here: the folder is not "
                "empty."),
            target));

    // Built next to the target and moved into place at the end, so an
    // interrupted run never leaves a half-made demo that ensure() would reuse.
    const QString parent = QFileInfo(target).absolutePath();
    QDir().mkpath(parent);
    QTemporaryDir staging(parent + u"/.driftline-demo-XXXXXX"_s);
    if (!staging.isValid())
        return fail(fileError(Error::Code::Io,
            QCoreApplication::translate("driftline::DemoWorkspace", "Cannot create a folder: %1")
                .arg(staging.errorString()),
            parent));

    if (auto ok = build(staging.path()); !ok)
        return fail(ok.error());

    if (QFileInfo::exists(target) && !QDir().rmdir(target))
        return fail(fileError(Error::Code::Io,
            QCoreApplication::translate("driftline::DemoWorkspace", "Cannot replace the empty folder."),
            target));
    if (!QDir().rename(staging.path(), target))
        return fail(fileError(Error::Code::Io,
            QCoreApplication::translate(
                "driftline::DemoWorkspace", "Cannot move the demo workspace into place."),
            target));
    staging.setAutoRemove(false);
    return target;
}

Result<QString> DemoWorkspace::ensure(const QString& directory)
{
    const QString target = QDir::cleanPath(QFileInfo(directory).absoluteFilePath());
    // Only a repository rooted exactly here counts: the folder might sit inside
    // another repository (a home folder under version control).
    if (QFileInfo::exists(target + u"/.git"_s)) {
        auto repo = git::Repository::open(target);
        if (!repo)
            return fail(repo.error().wrapped(
                QCoreApplication::translate("driftline::DemoWorkspace", "Open the demo workspace")));
        return target;
    }
    return create(target);
}

} // namespace driftline::workspace
