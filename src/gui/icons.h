// Small painted icons for the tree, the summary and the activity panel:
// they look the same on every platform and style, and need no image files.
#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

namespace driftline::gui {

class Icons
{
public:
    enum class Status { Pending, Ok, Warning, Error };

    static QIcon environment(bool production = false);
    static QIcon application();
    // A coloured badge with the kind's initials, coloured by its family (workloads, network, config…).
    static QIcon kind(const QString& kind);
    static QIcon status(Status status);
    static QColor statusColor(Status status);
    // The application icon from the resources, or a painted stand-in.
    static QIcon appIcon();
};

} // namespace driftline::gui
