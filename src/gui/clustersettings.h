// Which kubeconfig file and which context each environment of a workspace uses,
// kept in the user's settings (never in the repository) under a group derived
// from the repository's absolute path. Free of widgets so the engine and the
// CLI can share it once it moves down a layer.
#pragma once

#include "core/error.h"
#include "kube/kubeconfig.h"
#include "workspace/workspace.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace driftline::gui {

class ClusterSettings
{
public:
    explicit ClusterSettings(const QString& repositoryPath);

    QString repositoryPath() const { return m_path; }
    // The QSettings group for this workspace: "workspaces/<sha-1 of the path>".
    QString group() const { return m_group; }

    // The explicitly chosen kubeconfig file; empty: the default ($KUBECONFIG or ~/.kube/config).
    QString kubeconfigFile() const;
    bool usesDefaultKubeconfig() const { return kubeconfigFile().isEmpty(); }
    void setKubeconfigFile(const QString& file);
    // The files read for this workspace, in merge order.
    QStringList kubeconfigPaths() const;
    Result<kube::Kubeconfig> loadKubeconfig() const;
    // Loads an explicit file, or the default files when `file` is empty.
    static Result<kube::Kubeconfig> loadKubeconfig(const QString& file);

    // The context saved for `environment`: nullopt when nothing is saved, an
    // empty string when the user chose none.
    std::optional<QString> savedContext(const QString& environment) const;
    void setContext(const QString& environment, const QString& context);
    void clearContext(const QString& environment);

    // The context the environment uses without a saved choice: driftline.yaml's, else the current context.
    static QString defaultContext(const workspace::Environment& environment, const kube::Kubeconfig& config);
    // The saved choice, else the default; empty: none.
    QString context(const workspace::Environment& environment, const kube::Kubeconfig& config) const;

    // Forgets everything saved for this workspace.
    void clear();

private:
    QString m_path;
    QString m_group;
};

} // namespace driftline::gui
