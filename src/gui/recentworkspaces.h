// The list of recently opened workspaces, newest first, kept in QSettings.
#pragma once

#include <QStringList>

namespace driftline::gui {

class RecentWorkspaces
{
public:
    static constexpr int MaxCount = 10;

    static QStringList list();
    // Moves `path` to the front (adding it when new) and trims the list.
    static void add(const QString& path);
    static void remove(const QString& path);
    static void clear();
};

} // namespace driftline::gui
