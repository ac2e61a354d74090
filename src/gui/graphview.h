// GraphView: the resource dependency graph of one application (or of every
// application of an environment), drawn from engine::ResourceGraph and laid out by
// engine::GraphLayout (Graphviz dot). Model, folding, simplification (above
// ResourceGraph::DefaultMaxNodes), layout and the edges' geometry run on a worker
// thread; a generation counter drops results that a newer request overtook. The UI
// thread only creates the items, into a new scene, a few milliseconds per
// event-loop turn, and swaps it in when complete: a 1,000-node graph never stalls
// it. A relayout hands the old positions to the layout and keeps the view's centre
// and zoom, so unchanged nodes stay where they were.
// Status changes with the same nodes and edges recolour the items in place.
// A toolbar above the canvas finds nodes by name, dims nodes by kind and status,
// zooms and exports (PNG of the scene, SVG through engine::GraphSvg, the same
// file `driftline graph --format svg` writes); a minimap shows where the view is
// on graphs larger than the viewport; a node's context menu shows its diff,
// copies its name or YAML and, once enabled, asks for a sync of that resource.
#pragma once

#include "core/error.h"
#include "core/resource.h"
#include "core/resourcekey.h"
#include "engine/graphlayout.h"
#include "engine/resourcegraph.h"

#include <QFuture>
#include <QHash>
#include <QSet>
#include <QWidget>

#include <memory>
#include <optional>

class QGraphicsScene;
class QGraphicsView;
class QGraphicsItem;
class QImage;
class QLabel;
class QLineEdit;
class QMenu;
class QStackedLayout;
class QToolButton;

namespace driftline::kube {
class LiveSnapshot;
}
namespace driftline::engine {
struct EnvironmentDrift;
}

namespace driftline::gui {

// One application of an environment graph (GraphView::setEnvironment).
struct ApplicationGraphInput {
    QString id;   // "staging/web"
    QString name; // "web", the name tracking ids carry
    ResourceList desired;
};

class GraphNodeItem;
class GraphCanvas;
class GraphMinimap;

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
    // Every application of `environment` beneath one root (ResourceGraph::buildEnvironment).
    // applicationId() is empty then; environment() names it.
    void setEnvironment(const QString& environment, const QList<ApplicationGraphInput>& applications,
        std::shared_ptr<const kube::LiveSnapshot> live, std::shared_ptr<const engine::EnvironmentDrift> drift);
    QString environment() const { return m_environment; }
    // No application: the empty state with `message` (the default when empty).
    void showMessage(const QString& message = {});
    // New statuses: recoloured in place when nodes and edges stay the same, else a relayout.
    void updateDrift(std::shared_ptr<const engine::EnvironmentDrift> drift);
    // Selects and centres the node showing `key` (version ignored): its own, else the
    // group or summary that holds it; false when none does.
    bool selectResource(const ResourceKey& key);
    void expandGroup(const QString& groupId);
    // Shows only `nodeId` and its neighbours one edge away (a selection graph), until
    // clearFocus() or another subject; the note above the picture says so.
    void focusOn(const QString& nodeId);
    void clearFocus();
    QString focusedNode() const { return m_focus; }
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
    GraphMinimap* minimap() const { return m_minimap; }
    // The application (id) a node belongs to: the shown one, or in an environment graph
    // the nearest application above the node. Empty for the roots.
    QString applicationOf(const QString& nodeId) const;

    // Simplification (ResourceGraph::simplify above DefaultMaxNodes nodes).
    bool isSimplified() const { return m_nodesShown < m_nodesBefore; }
    int resourceCount() const { return m_resourceCount; } // nodes before folding and simplifying
    int nodesShown() const { return m_nodesShown; }
    QString simplificationText() const; // the note above the canvas, empty when not simplified
    // Items created per event-loop turn are capped by time (ms) so that creating a big
    // scene never blocks the UI thread for long; for tests and benchmarks.
    static constexpr int SceneBuildSliceMs = 8;

    // Find (Ctrl+F in the view): nodes whose name (or a folded member's name) holds
    // `text`, case-insensitive, left to right. Selects and centres the first match.
    void setFindText(const QString& text);
    bool findNext();     // Enter / F3: the next match, wrapping; false when none
    bool findPrevious(); // Shift+F3
    int findMatchCount() const { return int(m_findMatches.size()); }
    int findCurrentIndex() const { return m_findIndex; } // 0-based, -1 when none
    QString findStatusText() const;                       // "2 of 5", "No match" or empty
    QLineEdit* findField() const { return m_findField; }

    // Filters dim (never remove, so the layout stays put) the nodes they leave out,
    // and the edges touching them. The application node is never dimmed.
    QStringList kindsPresent() const; // sorted; a group counts as its members' kind
    void setHiddenKinds(const QSet<QString>& kinds);
    QSet<QString> hiddenKinds() const { return m_hiddenKinds; }
    // Keys of statusFilterNames(); empty: any status. A node passes with any one of them.
    void setStatusFilter(const QSet<QString>& statuses);
    QSet<QString> statusFilter() const { return m_statusFilter; }
    // The status keys, untranslated: OutOfSync, Missing, Extraneous, Synced, Degraded,
    // Progressing, Suspended, Healthy, Unknown.
    static QStringList statusFilterNames();
    bool isDimmed(const QString& nodeId) const;

    // The node's context menu (the caller owns it): Show diff, Copy name, Copy YAML,
    // and Sync this resource when enabled. Null for an unknown node.
    QMenu* createContextMenu(const QString& nodeId, QWidget* parent = nullptr);
    // What Copy name copies: "Kind/namespace/name" ("Kind/name" when cluster-scoped),
    // the form `driftline diff --resource` takes; a group's or the application's name.
    QString nameText(const QString& nodeId) const;
    // What Copy YAML copies: the live object (without managedFields) when it is in the
    // cluster, else Git's manifest, as canonical YAML with Secret values masked. Empty
    // for groups, the application and missing objects.
    QString yamlText(const QString& nodeId) const;
    // Offers "Sync this resource" in the context menu (emitting syncRequested).
    void setSyncEnabled(bool enabled) { m_syncEnabled = enabled; }
    bool isSyncEnabled() const { return m_syncEnabled; }

    // Export. The SVG is engine::GraphSvg's drawing of the graph on screen (its own
    // Graphviz layout, on a worker thread), byte for byte what the CLI writes.
    QFuture<driftline::Result<void>> exportSvg(const QString& path) const;
    // The scene as shown (dimmed nodes dimmed), `scale` pixels per point, on white.
    QImage renderImage(double scale = 2.0) const;
    driftline::Result<void> exportPng(const QString& path, double scale = 2.0) const;

signals:
    void resourceActivated(const driftline::ResourceKey& key);
    // The same, with the application the node belongs to (for environment graphs).
    void resourceActivatedInApplication(const QString& applicationId, const driftline::ResourceKey& key);
    void syncRequested(const driftline::ResourceKey& key); // "Sync this resource", only when enabled
    void graphShown(); // a worker's result is on screen (laid out or recoloured)

private:
    struct Outcome;
    struct SceneBuild;
    void start(bool keepScene);
    void apply(const std::shared_ptr<const Outcome>& outcome);
    void continueSceneBuild();
    void finishSceneBuild();
    void dropSceneBuild();
    bool hasSubject() const { return !m_applicationId.isEmpty() || !m_environment.isEmpty(); }
    void activate(const engine::GraphNode& node);
    void clearScene();
    void onSelectionChanged();
    void selectNode(GraphNodeItem* item); // selects and centres without echoing resourceActivated
    void updateFind(bool selectFirst);
    void showFindMatch();
    void applyFilters();
    void fillFilterMenu();
    void refreshMinimap();
    void exportWithDialog(bool png);
    friend class GraphCanvas;

    struct EdgeItems {
        QString from;
        QString to;
        QList<QGraphicsItem*> items; // the curve and its arrow head
    };

    QStackedLayout* m_stack = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_note = nullptr; // "Simplified: …"
    GraphCanvas* m_canvas = nullptr;
    QGraphicsScene* m_scene = nullptr;
    GraphMinimap* m_minimap = nullptr;
    QLineEdit* m_findField = nullptr;
    QLabel* m_findStatus = nullptr;
    QToolButton* m_filterButton = nullptr;
    QMenu* m_filterMenu = nullptr;

    QString m_applicationId;
    QString m_applicationName;
    QString m_environment;                      // set: an environment graph of m_applications
    QList<ApplicationGraphInput> m_applications;
    ResourceList m_desired;
    std::shared_ptr<const kube::LiveSnapshot> m_live;
    std::shared_ptr<const engine::EnvironmentDrift> m_drift;
    QSet<QString> m_expandedGroups;
    QString m_focus; // the node a selection graph is centred on, empty for the whole graph
    std::optional<ResourceKey> m_pendingSelection; // asked for while the layout ran

    engine::ResourceGraph m_graph;
    QHash<QString, GraphNodeItem*> m_items;
    QHash<QString, QString> m_applicationOf; // node id -> application id, environment graphs only
    int m_resourceCount = 0;
    int m_nodesBefore = 0;
    int m_nodesShown = 0;
    std::unique_ptr<SceneBuild> m_build; // the next scene, while its items are created
    QList<EdgeItems> m_edgeItems;
    QStringList m_findMatches; // node ids, left to right
    int m_findIndex = -1;
    QSet<QString> m_hiddenKinds;
    QSet<QString> m_statusFilter;
    bool m_syncEnabled = false;
    quint64 m_generation = 0;
    int m_layoutCount = 0;
    bool m_busy = false;
    bool m_rebuilding = false; // selection changes while the scene is rebuilt or selected from outside are not clicks
};

} // namespace driftline::gui
