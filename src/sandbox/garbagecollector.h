// The sandbox's garbage collector: deletes dependents whose owners are gone
// (Background), deletes an owner's dependents before the owner (Foreground,
// finalizer foregroundDeletion) and strips ownerReferences from dependents
// (Orphan, finalizer orphan), by ownerReferences uid, transitively. It runs on the
// event-loop turn after a deletion, as the real controller runs after the API call.
#pragma once

#include <QObject>

namespace driftline::sandbox
{

class ObjectStore;

class GarbageCollector : public QObject
{
    Q_OBJECT
public:
    explicit GarbageCollector(ObjectStore& store);

    // Queues one collect() on the owning thread's event loop (coalesced).
    void schedule();
    // Runs until nothing is left to do. Returns the number of changes made.
    int collect();

private:
    ObjectStore& m_store;
    bool m_scheduled = false;
};

} // namespace driftline::sandbox
