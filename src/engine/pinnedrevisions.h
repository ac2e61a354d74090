// PinnedRevisions: environments rolled back to an earlier revision stay
// "pinned" to it until they are synced to their branch again, so the window and
// `driftline status` can say why an environment does not follow Git. Kept in a
// small JSON file in the user's data folder, shared by the window and the CLI.
#pragma once

#include "core/error.h"

#include <QDateTime>
#include <QList>
#include <QMutex>
#include <QString>

#include <optional>

namespace driftline::engine {

struct Pin {
    QString repository;  // the workspace's repository path
    QString environment;
    QString application; // the application's name
    QString commitId;    // the revision it was rolled back to
    QString summary;     // that commit's summary line
    QDateTime since;

    friend bool operator==(const Pin&, const Pin&) = default;
};

class PinnedRevisions
{
public:
    // The pins at `path`; empty: <GenericDataLocation>/driftline/pins.json. Written with QSaveFile;
    // every call re-reads the file, so several processes see each other's pins.
    // Thread-safe.
    explicit PinnedRevisions(const QString& path = {});

    static QString defaultPath();
    QString path() const { return m_path; }

    std::optional<Pin> pin(const QString& repository, const QString& environment, const QString& application) const;
    QList<Pin> pins(const QString& repository) const;
    // Adds or replaces the pin of (repository, environment, application).
    Result<void> setPin(const Pin& pin);
    // Removing a pin that does not exist is not an error.
    Result<void> clear(const QString& repository, const QString& environment, const QString& application);

private:
    Result<QList<Pin>> load() const;
    Result<void> save(const QList<Pin>& pins) const;

    QString m_path;
    mutable QMutex m_mutex;
};

} // namespace driftline::engine
