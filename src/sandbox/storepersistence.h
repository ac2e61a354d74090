// Keeps the sandbox's store in a file across restarts (`driftline sandbox --state`),
// and starts a store from a captured cluster (`--load DIR`, the support-bundle
// layout of ../shared/fixtures/kube/cluster-dump-k3s-v1.31). The state file is
// JSON, written atomically (QSaveFile) a short debounce after changes and when
// this object goes away. Same thread as its store.
#pragma once

#include "core/error.h"
#include "sandbox/objectstore.h"

#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <chrono>

class QTimer;

namespace driftline::sandbox
{

class StorePersistence : public QObject
{
    Q_OBJECT
public:
    struct LoadReport {
        int loaded = 0; // objects now in the store
        int failed = 0; // objects that could not be stored
        // What could not load, each naming its file: one line per unreadable file, per
        // rejected object, and per file and kind the sandbox does not serve.
        QStringList problems;
    };

    StorePersistence(ObjectStore& store, QString path, QObject* parent = nullptr);
    // Writes what is still pending.
    ~StorePersistence() override;

    QString path() const { return m_path; }

    // Restores the file's objects into the store (CustomResourceDefinitions first,
    // then Namespaces, then the rest). A missing file is an empty, successful load;
    // an unreadable one an error.
    Result<LoadReport> load();
    // From now on, changes to the store are written `debounce` after the last one.
    void startAutoSave(std::chrono::milliseconds debounce = std::chrono::milliseconds(200));
    // Writes the whole store now.
    Result<void> save();
    bool hasPendingChanges() const { return m_dirty; }

    // The whole store as the state file's JSON document.
    static QJsonObject snapshot(const ObjectStore& store);
    // Restores a snapshot()'s objects; what fails is reported with `origin` named.
    static LoadReport restoreSnapshot(ObjectStore& store, const QJsonObject& snapshot, const QString& origin);
    // Loads a support-bundle cluster dump: every `<Kind>List` (or array of objects)
    // under `dir` (or `dir`/cluster-resources) mapped to the served type by apiVersion
    // and kind. Files that hold no objects (discovery, permission reviews) are skipped.
    static Result<LoadReport> loadClusterDump(ObjectStore& store, const QString& dir);

signals:
    void saved();
    void saveFailed(const QString& message);

private:
    ObjectStore& m_store;
    QString m_path;
    QTimer* m_debounce = nullptr;
    int m_listenerId = 0;
    bool m_dirty = false;
};

} // namespace driftline::sandbox
