// The first page: open a repository, clone one, try the demo, or pick one of
// the recent workspaces.
#pragma once

#include <QWidget>

class QListWidget;

namespace driftline::gui {

class WelcomePage : public QWidget
{
    Q_OBJECT
public:
    static constexpr int PathRole = Qt::UserRole + 1;

    explicit WelcomePage(QWidget* parent = nullptr);

    // Folders that no longer exist are shown greyed, with a tooltip saying so.
    void setRecentWorkspaces(const QStringList& paths);
    QListWidget* recentList() const { return m_recent; }

Q_SIGNALS:
    void openRequested();
    void cloneRequested();
    void demoRequested();
    void recentRequested(const QString& path);

private:
    QListWidget* m_recent = nullptr;
};

} // namespace driftline::gui
