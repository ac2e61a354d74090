// Runs a SandboxServer (controllers on) on its own thread, so a GUI or a test's
// thread stays responsive while the sandbox serves. Everything that touches the
// server goes through run()/invoke(), which execute on the server's thread and
// wait for the result. url(), token() and kubeconfigYaml() are safe from any thread.
#pragma once

#include "core/error.h"
#include "sandbox/sandboxserver.h"
#include "sandbox/storepersistence.h"

#include <QByteArray>
#include <QString>
#include <QThread>
#include <QUrl>
#include <chrono>
#include <functional>
#include <optional>
#include <type_traits>

namespace driftline::sandbox
{

class SandboxHost
{
public:
    struct Options {
        bool controllers = true;
        std::chrono::milliseconds podStartDelay { 1500 };
        QString stateFile; // keep the store here across runs (loaded at start, saved after changes)
        QString loadDir; // start from a captured cluster when the state file has nothing yet
    };

    SandboxHost();
    // Stops the server (saving the state file) and its thread.
    ~SandboxHost();
    SandboxHost(const SandboxHost&) = delete;
    SandboxHost& operator=(const SandboxHost&) = delete;

    // Applies to the next start().
    void setOptions(const Options& options) { m_options = options; }
    // Shorthands for one option each (also before start()).
    void setStateFile(const QString& path) { m_options.stateFile = path; }
    void setLoadDir(const QString& dir) { m_options.loadDir = dir; }
    void setPodStartDelay(std::chrono::milliseconds delay) { m_options.podStartDelay = delay; }
    const Options& options() const { return m_options; }

    // Starts the thread and the server; returns once it listens (or failed).
    Result<void> start(quint16 port = 0);
    void stop();
    bool isRunning() const { return m_server != nullptr; }

    QUrl url() const { return m_url; }
    quint16 port() const { return quint16(m_url.port()); }
    QByteArray token() const { return m_token; }
    QByteArray kubeconfigYaml() const { return m_kubeconfig; }
    // Written readable by the owner only (it holds the token).
    Result<void> writeKubeconfig(const QString& path) const;
    // What the state file or cluster dump contributed at start.
    const StorePersistence::LoadReport& loadReport() const { return m_loadReport; }

    // Runs `work` on the server's thread and waits for it. Must not be called
    // before start() succeeded.
    void run(const std::function<void(SandboxServer&)>& work);

    template<class F>
    auto invoke(F&& f) -> std::invoke_result_t<F, SandboxServer&>
    {
        using R = std::invoke_result_t<F, SandboxServer&>;
        if constexpr (std::is_void_v<R>) {
            run([&](SandboxServer& server) { f(server); });
        } else {
            std::optional<R> result;
            run([&](SandboxServer& server) { result.emplace(f(server)); });
            return std::move(*result);
        }
    }

private:
    Options m_options;
    QThread m_thread;
    QObject* m_anchor = nullptr; // lives on m_thread: the target of blocking calls
    SandboxServer* m_server = nullptr; // owned, created and destroyed on m_thread
    StorePersistence* m_persistence = nullptr; // likewise
    StorePersistence::LoadReport m_loadReport;
    QUrl m_url;
    QByteArray m_token;
    QByteArray m_kubeconfig;
};

} // namespace driftline::sandbox
