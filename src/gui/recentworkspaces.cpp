#include "gui/recentworkspaces.h"

#include <QDir>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace driftline::gui {

namespace {
const QString Key = u"recentWorkspaces"_s;

void store(const QStringList& paths)
{
    QSettings().setValue(Key, paths);
}
} // namespace

QStringList RecentWorkspaces::list()
{
    return QSettings().value(Key).toStringList();
}

void RecentWorkspaces::add(const QString& path)
{
    const QString clean = QDir::cleanPath(QDir(path).absolutePath());
    QStringList paths = list();
    paths.removeAll(clean);
    paths.prepend(clean);
    while (paths.size() > MaxCount)
        paths.removeLast();
    store(paths);
}

void RecentWorkspaces::remove(const QString& path)
{
    QStringList paths = list();
    paths.removeAll(QDir::cleanPath(path));
    store(paths);
}

void RecentWorkspaces::clear()
{
    store({});
}

} // namespace driftline::gui
