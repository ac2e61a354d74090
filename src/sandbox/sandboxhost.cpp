#include "sandbox/sandboxhost.h"

#include <QCoreApplication>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace driftline::sandbox
{

SandboxHost::SandboxHost()
{
    m_thread.setObjectName(u"driftline-sandbox"_s);
}

SandboxHost::~SandboxHost()
{
    stop();
}

Result<void> SandboxHost::start(quint16 port)
{
    if (m_server)
        return {};
    if (!m_thread.isRunning()) {
        m_anchor = new QObject;
        m_anchor->moveToThread(&m_thread);
        m_thread.start();
    }
    Result<void> outcome;
    QMetaObject::invokeMethod(
        m_anchor,
        [this, port, &outcome] {
            auto server = std::make_unique<SandboxServer>();
            server->setPodStartDelay(m_options.podStartDelay);
            m_loadReport = {};
            // The store is filled before listening, so no client sees it half loaded.
            if (!m_options.stateFile.isEmpty()) {
                m_persistence = new StorePersistence(server->store(), m_options.stateFile);
                auto loaded = m_persistence->load();
                if (!loaded) {
                    delete m_persistence;
                    m_persistence = nullptr;
                    outcome = fail(loaded.error());
                    return;
                }
                m_loadReport = *loaded;
            }
            if (!m_options.loadDir.isEmpty() && m_loadReport.loaded == 0) {
                auto loaded = StorePersistence::loadClusterDump(server->store(), m_options.loadDir);
                if (!loaded) {
                    delete m_persistence;
                    m_persistence = nullptr;
                    outcome = fail(loaded.error());
                    return;
                }
                m_loadReport = *loaded;
                // The first run of a --state sandbox started from a dump keeps it from now on.
                if (m_persistence)
                    (void)m_persistence->save();
            }
            if (m_persistence)
                m_persistence->startAutoSave();
            if (auto listening = server->listen(port); !listening) {
                delete m_persistence;
                m_persistence = nullptr;
                outcome = fail(listening.error());
                return;
            }
            server->setControllersEnabled(m_options.controllers);
            m_url = server->url();
            m_token = server->token();
            m_kubeconfig = server->kubeconfigYaml();
            m_server = server.release();
        },
        Qt::BlockingQueuedConnection);
    return outcome;
}

void SandboxHost::stop()
{
    if (m_thread.isRunning()) {
        QMetaObject::invokeMethod(
            m_anchor,
            [this] {
                // The state is saved before the server (and its store) goes.
                delete m_persistence;
                m_persistence = nullptr;
                delete m_server;
                m_server = nullptr;
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    delete m_anchor; // its thread has finished: deleting it here is safe
    m_anchor = nullptr;
}

void SandboxHost::run(const std::function<void(SandboxServer&)>& work)
{
    Q_ASSERT(m_server);
    if (QThread::currentThread() == &m_thread) {
        work(*m_server); // already there: a blocking call to ourselves would deadlock
        return;
    }
    QMetaObject::invokeMethod(m_anchor, [this, &work] { work(*m_server); }, Qt::BlockingQueuedConnection);
}

Result<void> SandboxHost::writeKubeconfig(const QString& path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(Error::make(Error::Code::Io,
            QCoreApplication::translate("SandboxHost", "Cannot write the sandbox kubeconfig."))
                        .at(path)
                        .withDetail(file.errorString()));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(m_kubeconfig);
    if (!file.commit())
        return fail(Error::make(Error::Code::Io,
            QCoreApplication::translate("SandboxHost", "Cannot write the sandbox kubeconfig."))
                        .at(path)
                        .withDetail(file.errorString()));
    return {};
}

} // namespace driftline::sandbox
