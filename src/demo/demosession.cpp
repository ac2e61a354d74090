#include "demo/demosession.h"

#include "kube/credentialresolver.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "sandbox/sandboxhost.h"
#include "workspace/demoworkspace.h"

#include <QDir>
#include <QLockFile>

using namespace Qt::StringLiterals;

namespace driftline::demo {

QString DemoSession::defaultDirectory()
{
    return workspace::DemoWorkspace::defaultLocation();
}

DemoSession::DemoSession(QString directory)
    : m_directory(QDir::cleanPath(directory.isEmpty() ? defaultDirectory() : directory))
{
}

DemoSession::~DemoSession() = default;

QString DemoSession::repositoryPath() const
{
    return m_directory + u"/shop"_s;
}

QString DemoSession::kubeconfigPath() const
{
    return m_directory + u"/kubeconfig"_s;
}

QString DemoSession::statePath() const
{
    return m_directory + u"/cluster.json"_s;
}

QString DemoSession::contextName()
{
    return u"driftline-sandbox"_s;
}

bool DemoSession::isRunning() const
{
    return m_host != nullptr;
}

QUrl DemoSession::serverUrl() const
{
    return m_host ? m_host->url() : QUrl();
}

Result<void> DemoSession::start(const std::function<void(const QString&)>& progress)
{
    const auto say = [&](const QString& text) {
        if (progress)
            progress(text);
    };
    if (m_host)
        return {};
    if (!QDir().mkpath(m_directory))
        return fail(Error::make(Error::Code::Io, tr("Cannot create the demo folder.")).at(m_directory));

    // Two sandboxes over one state file would overwrite each other's objects.
    m_lock = std::make_unique<QLockFile>(m_directory + u"/.lock"_s);
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(0)) {
        qint64 pid = 0;
        QString host;
        QString app;
        m_lock->getLockInfo(&pid, &host, &app);
        m_lock.reset();
        return fail(Error::make(Error::Code::Generic,
            tr("The demo in this folder is already being served by process %1; stop it (or choose another "
               "folder with --dir) and try again.")
                .arg(pid))
                .at(m_directory));
    }

    say(tr("Preparing the demo repository…"));
    auto repository = workspace::DemoWorkspace::ensure(repositoryPath());
    if (!repository)
        return fail(repository.error());

    say(tr("Starting the sandbox cluster…"));
    auto host = std::make_unique<sandbox::SandboxHost>();
    host->setStateFile(statePath());
    if (auto started = host->start(); !started)
        return fail(started.error().wrapped(tr("start the demo cluster")));
    if (auto written = host->writeKubeconfig(kubeconfigPath()); !written)
        return fail(written.error());

    auto config = kube::Kubeconfig::loadFile(kubeconfigPath());
    if (!config)
        return fail(config.error());
    kube::KubeClient client(std::make_shared<kube::CredentialResolver>(*config), contextName());
    auto seeded = DemoSeeder::isSeeded(client);
    if (!seeded)
        return fail(seeded.error().wrapped(tr("read the demo cluster")));
    if (!*seeded) {
        auto report = DemoSeeder::seed(repositoryPath(), client, progress);
        if (!report)
            return fail(report.error().wrapped(tr("seed the demo cluster")));
        m_report = *report;
    }
    m_host = std::move(host);
    return {};
}

} // namespace driftline::demo
