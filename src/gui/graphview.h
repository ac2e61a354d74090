// GraphView: the resource dependency graph of one application, drawn from
// engine::ResourceGraph and laid out by engine::GraphLayout (Graphviz dot). Model,
// folding and layout run on a worker thread; a generation counter drops results
// that a newer request overtook. The scene is built in one batch on the UI thread.
// Status changes with the same nodes and edges recolour the items in place.
#pragma once

#include "core/resource.h"
#include "core/resourcekey.h"
#include "engine/graphlayout.h"
#include "engine/resourcegraph.h"

#include <QHash>
#include <QSet>
#include <QWidget>

#include <memory>
#include <optional>

class QGraphicsScene;
class QGraphicsView;
class QLabel;
class QStackedLayout;

namespace driftline::kube {
class LiveSnapshot;
}
namespace driftline::engine {
struct EnvironmentDrift;
}

namespace driftline::gui {

class GraphNodeItem;
class GraphCanvas;

class GraphView : public QWidget
{
    Q_OBJECT

public:
    static constexpr double NodeWidth = 190.0;
    static constexpr double NodeHeight = 46.0;

    explicit GraphView(QWidget* parent = nullptr);
    ~GraphView() override;

    // Shows `applicationName`'s graph ("web"; the name tracking ids carry) of the
    // application `applicationId` ("staging/web"). `live` and `drift` may be null.
    void setApplication(const QString& applicationId, const QString& applicationName, const ResourceList& desired,
        std::shared_ptr<const kube::LiveSnapshot> live, std::shared_ptr<const engine::EnvironmentDrift> drift);
    // No application: the empty state with `message` (the default when empty).
    void showMessage(const QString& message = {});
    // New statuses: recoloured in place when nodes and edges stay the same, else a relayout.
    void updateDrift(std::shared_ptr<const engine::EnvironmentDrift> drift);
    // Selects and centres the node of `key` (version ignored); false when it has none.
    bool selectResource(const ResourceKey& key);
    void expandGroup(const QString& groupId);
    void fitToView();
    void zoomBy(double factor);

    QString applicationId() const { return m_applicationId; }
    bool isBusy() const { return m_busy; }
    int layoutCount() const { return m_layoutCount; } // layouts applied, for tests and benchmarks
    QString messageText() const;                      // the empty state's text, empty when the graph shows
    const engine::ResourceGraph& graph() const { return m_graph; }
    QGraphicsScene* scene() const { return m_scene; }
    QGraphicsView* view() const;
    GraphNodeItem* nodeItem(const QString& nodeId) const { return m_items.value(nodeId); }

signals:
    void resourceActivated(const driftline::ResourceKey& key);
    void graphShown(); // a worker's result is on screen (laid out or recoloured)

private:
    struct Outcome;
    void start(bool keepScene);
    void apply(const Outcome& outcome);
    void buildScene(const engine::GraphLayout::Result& layout);
    void onSelectionChanged();

    QStackedLayout* m_stack = nullptr;
    QLabel* m_message = nullptr;
    GraphCanvas* m_canvas = nullptr;
    QGraphicsScene* m_scene = nullptr;

    QString m_applicationId;
    QString m_applicationName;
    ResourceList m_desired;
    std::shared_ptr<const kube::LiveSnapshot> m_live;
    std::shared_ptr<const engine::EnvironmentDrift> m_drift;
    QSet<QString> m_expandedGroups;
    std::optional<ResourceKey> m_pendingSelection; // asked for while the layout ran

    engine::ResourceGraph m_graph;
    QHash<QString, GraphNodeItem*> m_items;
    quint64 m_generation = 0;
    int m_layoutCount = 0;
    bool m_busy = false;
    bool m_rebuilding = false; // selection changes while the scene is rebuilt or selected from outside are not clicks
};

} // namespace driftline::gui
