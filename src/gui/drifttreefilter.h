// The filter between the environment tree and its view: "only out of sync",
// one health, and a text that names environments, applications, kinds or
// resources, combined with AND. The sync and health filters judge resources
// (and applications with no resource rows, a failed render); every ancestor of
// a match stays visible, and a text that matches an ancestor lets its
// resources through. Drift updates re-filter live without a reset, so the
// tree keeps what is expanded; the counts ("7 of 58") follow.
#pragma once

#include "engine/health.h"

#include <QSortFilterProxyModel>
#include <QTimer>

#include <optional>

namespace driftline::gui {

class DriftTreeFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit DriftTreeFilter(QObject* parent = nullptr);

    void setSourceModel(QAbstractItemModel* model) override;

    // Resources whose sync is anything but Synced (no drift yet counts as Unknown).
    void setOnlyOutOfSync(bool on);
    bool onlyOutOfSync() const { return m_onlyOutOfSync; }
    // Resources of this health only; nullopt: any health.
    void setHealthFilter(std::optional<engine::Health::Status> health);
    std::optional<engine::Health::Status> healthFilter() const { return m_health; }
    // Case-insensitive, within names and kinds.
    void setTextFilter(const QString& text);
    QString textFilter() const { return m_text; }

    bool isFiltering() const;
    // Resource rows of the source model, and how many of them pass the filters.
    int totalResources() const;
    int matchingResources() const;

Q_SIGNALS:
    // The filters or the counts changed (coalesced: once per turn of the event loop).
    void countsChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    // The row on its own (recursive filtering adds the ancestors of accepted rows).
    bool accepts(const QModelIndex& sourceIndex) const;
    bool stateMatches(const QModelIndex& sourceIndex) const;
    bool textMatches(const QModelIndex& sourceIndex) const;
    void filtersChanged();
    void sourceChanged();
    void countNow() const;

    bool m_onlyOutOfSync = false;
    std::optional<engine::Health::Status> m_health;
    QString m_text;
    QTimer m_refresh; // re-counts after a burst of source changes
    mutable bool m_countsDirty = true;
    mutable int m_total = 0;
    mutable int m_matching = 0;
    QList<QMetaObject::Connection> m_sourceConnections;
};

} // namespace driftline::gui
