#include "gui/drifttreefilter.h"

#include "engine/driftstatus.h"
#include "gui/environmenttreemodel.h"

using namespace Qt::StringLiterals;

namespace driftline::gui {

using ItemType = EnvironmentTreeModel::ItemType;

DriftTreeFilter::DriftTreeFilter(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    // An application stays while any of its resources matches; children of an
    // accepted row are judged on their own, or the sync filter could not hide them.
    // With recursive filtering, the dynamic filter re-judges each row a drift changes
    // (also below a hidden ancestor, which it then shows) by inserts and removals:
    // no reset, so what is expanded stays expanded.
    setRecursiveFilteringEnabled(true);
    setAutoAcceptChildRows(false);
    setDynamicSortFilter(true);
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(0);
    connect(&m_refresh, &QTimer::timeout, this, [this] {
        m_countsDirty = true;
        Q_EMIT countsChanged();
    });
}

void DriftTreeFilter::setSourceModel(QAbstractItemModel* model)
{
    for (const auto& c : std::as_const(m_sourceConnections))
        disconnect(c);
    m_sourceConnections.clear();
    QSortFilterProxyModel::setSourceModel(model);
    if (model) {
        using M = QAbstractItemModel;
        const auto changed = &DriftTreeFilter::sourceChanged;
        m_sourceConnections << connect(model, &M::dataChanged, this, changed)
                            << connect(model, &M::rowsInserted, this, changed)
                            << connect(model, &M::rowsRemoved, this, changed)
                            << connect(model, &M::rowsMoved, this, changed)
                            << connect(model, &M::modelReset, this, changed);
    }
    filtersChanged();
}

void DriftTreeFilter::setOnlyOutOfSync(bool on)
{
    if (m_onlyOutOfSync == on)
        return;
    m_onlyOutOfSync = on;
    filtersChanged();
}

void DriftTreeFilter::setHealthFilter(std::optional<engine::Health::Status> health)
{
    if (m_health == health)
        return;
    m_health = health;
    filtersChanged();
}

void DriftTreeFilter::setTextFilter(const QString& text)
{
    if (m_text == text)
        return;
    m_text = text;
    filtersChanged();
}

bool DriftTreeFilter::isFiltering() const
{
    return m_onlyOutOfSync || m_health || !m_text.isEmpty();
}

void DriftTreeFilter::filtersChanged()
{
    invalidateRowsFilter();
    m_countsDirty = true;
    m_refresh.start();
}

void DriftTreeFilter::sourceChanged()
{
    // A drift changes many rows: count once after the burst.
    m_countsDirty = true;
    m_refresh.start();
}

bool DriftTreeFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (!isFiltering())
        return true;
    return accepts(sourceModel()->index(sourceRow, EnvironmentTreeModel::NameColumn, sourceParent));
}

bool DriftTreeFilter::accepts(const QModelIndex& index) const
{
    if (m_onlyOutOfSync || m_health) {
        const auto type = ItemType(index.data(EnvironmentTreeModel::ItemTypeRole).toInt());
        // An application without resource rows (a render that failed) has only its own state to show.
        const bool judged = type == ItemType::Resource
            || (type == ItemType::Application && sourceModel()->rowCount(index) == 0);
        if (!judged || !stateMatches(index))
            return false;
    }
    return m_text.isEmpty() || textMatches(index);
}

bool DriftTreeFilter::stateMatches(const QModelIndex& index) const
{
    // No drift yet (still reading, no cluster): nothing is known, which is what Unknown means.
    if (m_onlyOutOfSync) {
        const QVariant sync = index.data(EnvironmentTreeModel::SyncRole);
        if (sync.isValid() && engine::SyncStatus(sync.toInt()) == engine::SyncStatus::Synced)
            return false;
    }
    if (m_health) {
        const QVariant health = index.data(EnvironmentTreeModel::HealthRole);
        using H = engine::Health::Status;
        const H status = health.isValid() ? H(health.toInt()) : H::Unknown;
        if (status != *m_health)
            return false;
    }
    return true;
}

bool DriftTreeFilter::textMatches(const QModelIndex& index) const
{
    for (QModelIndex i = index; i.isValid(); i = i.parent()) {
        const auto type = ItemType(i.data(EnvironmentTreeModel::ItemTypeRole).toInt());
        if (type == ItemType::KindGroup || type == ItemType::Resource) {
            const auto key = i.data(EnvironmentTreeModel::ResourceKeyRole).value<ResourceKey>();
            if (key.kind.contains(m_text, Qt::CaseInsensitive))
                return true;
        }
        // A kind group's name is its kind and a count, which the text should not match.
        if (type != ItemType::KindGroup && i.data().toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

void DriftTreeFilter::countNow() const
{
    m_countsDirty = false;
    m_total = 0;
    m_matching = 0;
    const QAbstractItemModel* model = sourceModel();
    if (!model)
        return;
    // Resources are the leaves: each is shown exactly when it passes on its own.
    QList<QModelIndex> pending {QModelIndex()};
    while (!pending.isEmpty()) {
        const QModelIndex parent = pending.takeLast();
        for (int row = 0; row < model->rowCount(parent); ++row) {
            const QModelIndex index = model->index(row, EnvironmentTreeModel::NameColumn, parent);
            if (ItemType(index.data(EnvironmentTreeModel::ItemTypeRole).toInt()) == ItemType::Resource) {
                ++m_total;
                if (!isFiltering() || accepts(index))
                    ++m_matching;
            } else {
                pending << index;
            }
        }
    }
}

int DriftTreeFilter::totalResources() const
{
    if (m_countsDirty)
        countNow();
    return m_total;
}

int DriftTreeFilter::matchingResources() const
{
    if (m_countsDirty)
        countNow();
    return m_matching;
}

} // namespace driftline::gui
