// The demo, ready to use: its repository, a sandbox cluster serving on a
// thread of its own, and a kubeconfig that reaches it. The window
// (`driftline --demo`) and `driftline demo` share one folder, so both show the
// same cluster:
//   DIR/shop          the demo repository (created once, then reused as it is)
//   DIR/kubeconfig    rewritten at every start (a new port and token)
//   DIR/cluster.json  the sandbox's objects, kept across runs
// A new cluster is seeded (DemoSeeder); a kept one is served as it was left.
#pragma once

#include "core/error.h"
#include "demo/demoseeder.h"

#include <QCoreApplication>
#include <QLockFile>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

namespace driftline::sandbox {
class SandboxHost;
}

namespace driftline::demo {

class DemoSession
{
    Q_DECLARE_TR_FUNCTIONS(driftline::demo::DemoSession)

public:
    // <user data>/driftline/demo
    static QString defaultDirectory();

    explicit DemoSession(QString directory = {});
    ~DemoSession(); // stops the sandbox; its objects are saved
    DemoSession(const DemoSession&) = delete;
    DemoSession& operator=(const DemoSession&) = delete;

    QString directory() const { return m_directory; }
    QString repositoryPath() const;
    QString kubeconfigPath() const;
    QString statePath() const;
    // The context the kubeconfig names, which the demo's driftline.yaml uses.
    static QString contextName();

    // Blocking; any thread. Creates the repository when missing, starts the
    // sandbox from the kept state, writes the kubeconfig, and seeds a new cluster.
    Result<void> start(const std::function<void(const QString&)>& progress = {});
    bool isRunning() const;
    QUrl serverUrl() const;
    // What seeding did, when this start seeded (nullopt for a kept cluster).
    const std::optional<DemoSeeder::Report>& seedReport() const { return m_report; }

private:
    QString m_directory;
    std::unique_ptr<QLockFile> m_lock; // held while this process serves the folder
    std::unique_ptr<sandbox::SandboxHost> m_host;
    std::optional<DemoSeeder::Report> m_report;
};

} // namespace driftline::demo
