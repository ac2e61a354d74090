// The centre of the window until the resource graph arrives: a summary of
// what is selected — the workspace, an environment (mapped context and server, namespace,
// revision, applications) or an application (path, discovery rule, renderer,
// resources by kind, render time and its errors in full).
#pragma once

#include <QPointer>
#include <QWidget>

class QScrollArea;
class QVBoxLayout;
class QFormLayout;

namespace driftline::workspace {
class WorkspaceLoader;
struct Environment;
}

namespace driftline::gui {

class ClusterConnections;

class ApplicationSummary : public QWidget
{
    Q_OBJECT
public:
    explicit ApplicationSummary(QWidget* parent = nullptr);

    void setLoader(workspace::WorkspaceLoader* loader);
    // Where the environment pages read each cluster's context and connection state.
    void setClusters(ClusterConnections* clusters);

    void showWorkspace();
    void showEnvironment(const QString& name);
    void showApplication(const QString& applicationId);
    // Shows the current subject again with fresh data (a render arrived).
    void refresh();

    enum class Subject { Workspace, Environment, Application };
    Subject subject() const { return m_subject; }
    QString subjectId() const { return m_subjectId; }
    // Everything the summary shows, as plain text (for tests and copying).
    QString plainText() const;

private:
    QWidget* beginPage(const QIcon& icon, const QString& title, const QString& subtitle, QVBoxLayout** layout);
    QFormLayout* addForm(QVBoxLayout* layout);
    void addSection(QVBoxLayout* layout, const QString& title);
    void addRow(QFormLayout* form, const QString& label, const QString& value, bool monospace = false);
    void finishPage(QWidget* page, QVBoxLayout* layout);
    void addClusterRows(QFormLayout* form, const workspace::Environment& env);

    QPointer<workspace::WorkspaceLoader> m_loader;
    QPointer<ClusterConnections> m_clusters;
    QScrollArea* m_scroll = nullptr;
    Subject m_subject = Subject::Workspace;
    QString m_subjectId;
};

} // namespace driftline::gui
