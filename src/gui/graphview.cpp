#include "gui/graphview.h"

#include "core/canonicalyaml.h"
#include "engine/driftstatus.h"
#include "engine/graphsvg.h"
#include "engine/secretmask.h"
#include "gui/graphitems.h"
#include "gui/graphminimap.h"
#include "gui/icons.h"
#include "kube/livesnapshot.h"

#include <QClipboard>
#include <QContextMenuEvent>
#include <QDir>
#include <QElapsedTimer>
#include <QTimer>
#include <QFileDialog>
#include <QGuiApplication>
#include <QImage>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QScrollBar>
#include <QShortcut>

#include <QGraphicsPathItem>
#include <QGraphicsPolygonItem>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QPointer>
#include <QStackedLayout>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
#include <utility>

using namespace Qt::StringLiterals;

namespace driftline::gui {

// The view proper: zoom by wheel and keys, pan by dragging, double-click on a
// group to expand it. Private to GraphView.
class GraphCanvas : public QGraphicsView
{
public:
    explicit GraphCanvas(GraphView* owner)
        : QGraphicsView(owner)
        , m_owner(owner)
    {
        setDragMode(ScrollHandDrag);
        setViewportUpdateMode(SmartViewportUpdate);
        setRenderHint(QPainter::Antialiasing);
        setOptimizationFlag(DontSavePainterState);
        setTransformationAnchor(AnchorUnderMouse);
        setFocusPolicy(Qt::StrongFocus);
    }

protected:
    void wheelEvent(QWheelEvent* event) override
    {
        const double steps = event->angleDelta().y() / 120.0;
        if (steps != 0.0)
            m_owner->zoomBy(std::pow(1.2, steps));
        event->accept();
    }
    void keyPressEvent(QKeyEvent* event) override
    {
        switch (event->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            m_owner->zoomBy(1.2);
            return;
        case Qt::Key_Minus:
            m_owner->zoomBy(1 / 1.2);
            return;
        case Qt::Key_F:
        case Qt::Key_0:
            m_owner->fitToView();
            return;
        default:
            QGraphicsView::keyPressEvent(event);
        }
    }
    void mouseDoubleClickEvent(QMouseEvent* event) override
    {
        for (QGraphicsItem* item : items(event->position().toPoint())) {
            if (item->type() != GraphNodeItem::Type)
                continue;
            const auto* node = static_cast<GraphNodeItem*>(item);
            if (node->node().type == engine::GraphNode::Type::Group) {
                m_owner->expandGroup(node->node().id);
                event->accept();
                return;
            }
            break;
        }
        QGraphicsView::mouseDoubleClickEvent(event);
    }
    void contextMenuEvent(QContextMenuEvent* event) override
    {
        for (QGraphicsItem* item : items(event->pos())) {
            if (item->type() != GraphNodeItem::Type)
                continue;
            auto* node = static_cast<GraphNodeItem*>(item);
            // The menu acts on the node under the pointer: make it the selection first,
            // as a click would (the tree and the diff panel follow).
            if (!node->isSelected()) {
                scene()->clearSelection();
                node->setSelected(true);
            }
            std::unique_ptr<QMenu> menu(m_owner->createContextMenu(node->node().id, this));
            if (menu)
                menu->exec(event->globalPos());
            event->accept();
            return;
        }
        QGraphicsView::contextMenuEvent(event);
    }
    void scrollContentsBy(int dx, int dy) override
    {
        QGraphicsView::scrollContentsBy(dx, dy);
        m_owner->refreshMinimap();
    }
    void resizeEvent(QResizeEvent* event) override
    {
        QGraphicsView::resizeEvent(event);
        m_owner->refreshMinimap();
    }

private:
    GraphView* m_owner;
};

namespace {

constexpr qreal ReadableScale = 0.65; // GraphNodeItem draws text from a scale of 0.45
// Above this many edges, edges draw without antialiasing: hundreds of antialiased
// curves through one frame (an application's fan-out) took 40-60 ms to paint.
constexpr qsizetype AntialiasedEdgesUpTo = 300;

QPen edgePen(engine::EdgeType type)
{
    QPen pen(QColor(0x88, 0x88, 0x88), 1.3);
    pen.setCosmetic(true);
    switch (type) {
    case engine::EdgeType::Owns:
        break;
    case engine::EdgeType::Uses:
        pen.setColor(QColor(0x55, 0x55, 0x55));
        pen.setStyle(Qt::DotLine);
        break;
    case engine::EdgeType::Selects:
        pen.setColor(QColor(0x2f, 0x6f, 0xd0));
        pen.setStyle(Qt::DashLine);
        break;
    case engine::EdgeType::Routes:
        pen.setColor(QColor(0x2e, 0x9e, 0x4a));
        break;
    case engine::EdgeType::Scales:
        pen.setColor(QColor(0xe0, 0x83, 0x1a));
        break;
    case engine::EdgeType::Binds:
        pen.setColor(QColor(0x8e, 0x44, 0xad));
        break;
    case engine::EdgeType::Contains:
        pen.setColor(QColor(0xc4, 0xc4, 0xc4));
        break;
    }
    return pen;
}

QString edgeTypeLabel(engine::EdgeType type)
{
    switch (type) {
    case engine::EdgeType::Contains:
        return GraphView::tr("contains");
    case engine::EdgeType::Owns:
        return GraphView::tr("owns");
    case engine::EdgeType::Uses:
        return GraphView::tr("uses");
    case engine::EdgeType::Selects:
        return GraphView::tr("selects");
    case engine::EdgeType::Routes:
        return GraphView::tr("routes");
    case engine::EdgeType::Scales:
        return GraphView::tr("scales");
    case engine::EdgeType::Binds:
        return GraphView::tr("binds");
    }
    return {};
}

QPixmap edgeSample(engine::EdgeType type, qreal dpr)
{
    QPixmap pixmap(QSize(26, 10) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    QPen pen = edgePen(type);
    pen.setWidthF(1.6);
    painter.setPen(pen);
    painter.drawLine(QPointF(1, 5), QPointF(25, 5));
    return pixmap;
}

// Only what the drift says about this application, so recolouring compares like with like.
QSet<QString> nodeIds(const engine::ResourceGraph& graph)
{
    QSet<QString> ids;
    for (const engine::GraphNode& n : graph.nodes())
        ids.insert(n.id);
    return ids;
}

bool sameStructure(const engine::ResourceGraph& a, const engine::ResourceGraph& b)
{
    return a.nodes().size() == b.nodes().size() && a.edges() == b.edges() && nodeIds(a) == nodeIds(b);
}

// The status filter keeps untranslated keys (DriftStatus::syncKey, HealthAssessor::statusKey):
// stable in settings and tests, while syncName and statusName are translated.
// Every status a node has; a group has those of all its members.
QSet<QString> statusKeys(const engine::GraphNode& node)
{
    QSet<QString> keys;
    if (node.sync)
        keys.insert(engine::DriftStatus::syncKey(*node.sync));
    if (node.health)
        keys.insert(engine::HealthAssessor::statusKey(*node.health));
    if (node.missing)
        keys.insert(u"Missing"_s);
    for (auto it = node.syncCounts.cbegin(); it != node.syncCounts.cend(); ++it)
        keys.insert(engine::DriftStatus::syncKey(it.key()));
    for (auto it = node.healthCounts.cbegin(); it != node.healthCounts.cend(); ++it)
        keys.insert(engine::HealthAssessor::statusKey(it.key()));
    return keys;
}

QString statusFilterLabel(const QString& key)
{
    if (key == u"OutOfSync")
        return engine::DriftStatus::syncName(engine::SyncStatus::OutOfSync);
    if (key == u"Missing")
        return engine::DriftStatus::syncName(engine::SyncStatus::Missing);
    if (key == u"Extraneous")
        return engine::DriftStatus::syncName(engine::SyncStatus::Extraneous);
    if (key == u"Synced")
        return engine::DriftStatus::syncName(engine::SyncStatus::Synced);
    if (key == u"Degraded")
        return engine::HealthAssessor::statusName(engine::Health::Status::Degraded);
    if (key == u"Progressing")
        return engine::HealthAssessor::statusName(engine::Health::Status::Progressing);
    if (key == u"Suspended")
        return engine::HealthAssessor::statusName(engine::Health::Status::Suspended);
    if (key == u"Healthy")
        return engine::HealthAssessor::statusName(engine::Health::Status::Healthy);
    return engine::DriftStatus::syncName(engine::SyncStatus::Unknown);
}

constexpr qreal DimmedOpacity = 0.18;

} // namespace

struct GraphView::Outcome {
    quint64 generation = 0;
    engine::ResourceGraph graph;
    bool relaid = false; // false: same nodes and edges as before, recolour only
    driftline::Result<engine::GraphLayout::Result> layout = engine::GraphLayout::Result{};
    // Precomputed for the UI thread, which then only allocates items.
    QList<GraphEdgeGeometry> edges; // the edges worth drawing, in graph order
    QStringList nodeToolTips;       // in graph.nodes() order
    QHash<QString, QString> applicationOf; // environment graphs: node id -> application id
    int resourceCount = 0; // nodes before folding
    int nodesBefore = 0;   // after folding, before simplify()
    int nodesShown = 0;
};

// A scene under construction: its items are created a time slice per event-loop
// turn, and it replaces the shown scene once complete.
struct GraphView::SceneBuild {
    std::shared_ptr<const Outcome> outcome;
    QGraphicsScene* scene = nullptr; // owned until swapped in
    QHash<QString, GraphNodeItem*> items;
    QList<EdgeItems> edgeItems;
    qsizetype nextEdge = 0;
    qsizetype nextNode = 0;
    ~SceneBuild() { delete scene; }
};

GraphView::GraphView(QWidget* parent)
    : QWidget(parent)
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(2);

    // The toolbar: find, filter, zoom, fit and export, in one compact row.
    auto* toolbar = new QWidget(this);
    toolbar->setObjectName(u"graphToolbar"_s);
    auto* toolLayout = new QHBoxLayout(toolbar);
    toolLayout->setContentsMargins(6, 2, 6, 0);
    toolLayout->setSpacing(4);
    m_findField = new QLineEdit(toolbar);
    m_findField->setObjectName(u"graphFindField"_s);
    m_findField->setPlaceholderText(tr("Find node (Ctrl+F)"));
    m_findField->setToolTip(tr("Find a node by name: Enter or F3 for the next match, Shift+F3 for the previous"));
    m_findField->setClearButtonEnabled(true);
    m_findField->setMaximumWidth(260);
    toolLayout->addWidget(m_findField, 1);
    m_findStatus = new QLabel(toolbar);
    m_findStatus->setObjectName(u"graphFindStatus"_s);
    toolLayout->addWidget(m_findStatus);
    toolLayout->addStretch();
    const auto toolButton = [toolbar, toolLayout](const QString& name, const QString& text, const QString& tip) {
        auto* button = new QToolButton(toolbar);
        button->setObjectName(name);
        button->setText(text);
        button->setToolTip(tip);
        button->setAutoRaise(true);
        toolLayout->addWidget(button);
        return button;
    };
    m_filterButton = toolButton(u"graphFilterButton"_s, tr("Filter"), tr("Dim nodes by kind and status"));
    m_filterButton->setPopupMode(QToolButton::InstantPopup);
    m_filterMenu = new QMenu(m_filterButton);
    m_filterMenu->setObjectName(u"graphFilterMenu"_s);
    m_filterButton->setMenu(m_filterMenu);
    connect(m_filterMenu, &QMenu::aboutToShow, this, &GraphView::fillFilterMenu);
    auto* zoomOut = toolButton(u"graphZoomOutButton"_s, u"\u2212"_s, tr("Zoom out (-)"));
    connect(zoomOut, &QToolButton::clicked, this, [this] { zoomBy(1 / 1.2); });
    auto* zoomIn = toolButton(u"graphZoomInButton"_s, u"+"_s, tr("Zoom in (+)"));
    connect(zoomIn, &QToolButton::clicked, this, [this] { zoomBy(1.2); });
    auto* fit = toolButton(u"graphFitButton"_s, tr("Fit"), tr("Fit the graph to the view (F or 0)"));
    connect(fit, &QToolButton::clicked, this, &GraphView::fitToView);
    auto* exportButton = toolButton(u"graphExportButton"_s, tr("Export"), tr("Save the graph as a picture"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto* exportMenu = new QMenu(exportButton);
    exportMenu->addAction(tr("Export as PNG…"), this, [this] { exportWithDialog(true); });
    exportMenu->addAction(tr("Export as SVG…"), this, [this] { exportWithDialog(false); });
    exportButton->setMenu(exportMenu);
    outer->addWidget(toolbar);

    connect(m_findField, &QLineEdit::textChanged, this, &GraphView::setFindText);
    connect(m_findField, &QLineEdit::returnPressed, this, &GraphView::findNext);
    auto* findShortcut = new QShortcut(QKeySequence::Find, this);
    findShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(findShortcut, &QShortcut::activated, this, [this] {
        m_findField->setFocus(Qt::ShortcutFocusReason);
        m_findField->selectAll();
    });
    auto* nextShortcut = new QShortcut(QKeySequence(Qt::Key_F3), this);
    nextShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(nextShortcut, &QShortcut::activated, this, &GraphView::findNext);
    auto* previousShortcut = new QShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F3), this);
    previousShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(previousShortcut, &QShortcut::activated, this, &GraphView::findPrevious);

    // The legend: one sample line per edge type, and the fit button.
    auto* legend = new QWidget(this);
    legend->setObjectName(u"graphLegend"_s);
    auto* legendLayout = new QHBoxLayout(legend);
    legendLayout->setContentsMargins(6, 2, 6, 0);
    legendLayout->setSpacing(4);
    // The legend is clipped rather than widening the window: the graph matters more.
    legendLayout->setSizeConstraint(QLayout::SetNoConstraint);
    legend->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    const qreal dpr = devicePixelRatioF();
    for (engine::EdgeType type : {engine::EdgeType::Contains, engine::EdgeType::Owns, engine::EdgeType::Uses,
             engine::EdgeType::Selects, engine::EdgeType::Routes, engine::EdgeType::Scales, engine::EdgeType::Binds}) {
        auto* sample = new QLabel(legend);
        sample->setPixmap(edgeSample(type, dpr));
        auto* text = new QLabel(edgeTypeLabel(type), legend);
        legendLayout->addWidget(sample);
        legendLayout->addWidget(text);
        legendLayout->addSpacing(6);
    }
    legendLayout->addStretch();
    outer->addWidget(legend);

    m_note = new QLabel(this);
    m_note->setObjectName(u"graphSimplifiedNote"_s);
    m_note->setContentsMargins(6, 0, 6, 0);
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_note->hide();
    outer->addWidget(m_note);

    auto* stackHost = new QWidget(this);
    m_stack = new QStackedLayout(stackHost);
    m_message = new QLabel(stackHost);
    m_message->setObjectName(u"graphMessage"_s);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    m_scene = new QGraphicsScene(this);
    // Laid-out scenes never move an item: a linear pass over ~3,000 bounding rects is
    // cheaper than building a BSP tree that long edges would make deep anyway.
    m_scene->setItemIndexMethod(QGraphicsScene::NoIndex);
    m_canvas = new GraphCanvas(this);
    m_canvas->setParent(stackHost);
    m_canvas->setObjectName(u"graphCanvas"_s);
    m_canvas->setScene(m_scene);
    m_minimap = new GraphMinimap(m_canvas);
    m_stack->addWidget(m_message);
    m_stack->addWidget(m_canvas);
    outer->addWidget(stackHost, 1);

    connect(m_scene, &QGraphicsScene::selectionChanged, this, &GraphView::onSelectionChanged);
    showMessage();
}

GraphView::~GraphView() = default;

QGraphicsView* GraphView::view() const
{
    return m_canvas;
}

QString GraphView::messageText() const
{
    return m_stack->currentWidget() == m_message ? m_message->text() : QString();
}

void GraphView::showMessage(const QString& message)
{
    ++m_generation; // whatever runs now is for another selection
    m_busy = false;
    m_applicationId.clear();
    m_applicationName.clear();
    m_environment.clear();
    m_applications.clear();
    m_applicationOf.clear();
    m_resourceCount = m_nodesBefore = m_nodesShown = 0;
    m_note->hide();
    m_pendingSelection.reset();
    m_desired.clear();
    m_live.reset();
    m_drift.reset();
    m_graph = {};
    clearScene();
    m_message->setText(message.isEmpty() ? tr("Select an application to see its resource graph.") : message);
    m_stack->setCurrentWidget(m_message);
}

void GraphView::setApplication(const QString& applicationId, const QString& applicationName, const ResourceList& desired,
    std::shared_ptr<const kube::LiveSnapshot> live, std::shared_ptr<const engine::EnvironmentDrift> drift)
{
    const bool sameApplication = applicationId == m_applicationId && m_environment.isEmpty() && !m_items.isEmpty();
    if (!sameApplication) {
        showMessage(tr("Layout…"));
        m_expandedGroups.clear();
        m_focus.clear();
    }
    m_environment.clear();
    m_applications.clear();
    m_applicationId = applicationId;
    m_applicationName = applicationName;
    m_desired = desired;
    m_live = std::move(live);
    m_drift = std::move(drift);
    start(sameApplication);
}

void GraphView::setEnvironment(const QString& environment, const QList<ApplicationGraphInput>& applications,
    std::shared_ptr<const kube::LiveSnapshot> live, std::shared_ptr<const engine::EnvironmentDrift> drift)
{
    const bool sameEnvironment = environment == m_environment && !m_items.isEmpty();
    if (!sameEnvironment) {
        showMessage(tr("Layout…"));
        m_expandedGroups.clear();
        m_focus.clear();
    }
    m_applicationId.clear();
    m_applicationName.clear();
    m_desired.clear();
    m_environment = environment;
    m_applications = applications;
    m_live = std::move(live);
    m_drift = std::move(drift);
    start(sameEnvironment);
}

QString GraphView::applicationOf(const QString& nodeId) const
{
    if (m_environment.isEmpty())
        return nodeId == m_graph.rootId() ? QString() : m_applicationId;
    return m_applicationOf.value(nodeId);
}

QString GraphView::simplificationText() const
{
    return m_note->isHidden() ? QString() : m_note->text();
}

void GraphView::updateDrift(std::shared_ptr<const engine::EnvironmentDrift> drift)
{
    if (!hasSubject())
        return;
    m_drift = std::move(drift);
    start(true);
}

void GraphView::expandGroup(const QString& groupId)
{
    if (!hasSubject() || m_expandedGroups.contains(groupId))
        return;
    m_expandedGroups.insert(groupId);
    start(true);
}

void GraphView::focusOn(const QString& nodeId)
{
    if (!hasSubject() || nodeId == m_focus)
        return;
    m_focus = nodeId;
    start(true);
}

void GraphView::clearFocus()
{
    if (!hasSubject() || m_focus.isEmpty())
        return;
    m_focus.clear();
    start(true);
}

void GraphView::start(bool keepScene)
{
    const quint64 generation = ++m_generation;
    m_busy = true;
    dropSceneBuild(); // its result is out of date now
    if (!keepScene || m_items.isEmpty()) {
        m_message->setText(tr("Layout…"));
        m_stack->setCurrentWidget(m_message);
    }
    // Everything the worker needs, by value: no widget crosses the thread.
    struct Job {
        QString applicationId;
        QString applicationName;
        ResourceList desired;
        QString environment;
        QList<ApplicationGraphInput> applications;
        std::shared_ptr<const kube::LiveSnapshot> live;
        std::shared_ptr<const engine::EnvironmentDrift> drift;
        QSet<QString> expanded;
        QString focus;
        std::optional<engine::ResourceGraph> previous; // the graph on screen, to skip an unneeded layout
        QHash<QString, QPointF> positions;             // its nodes' centres, so a relayout keeps them
    };
    Job job{m_applicationId, m_applicationName, m_desired, m_environment, m_applications, m_live, m_drift,
        m_expandedGroups, m_focus, std::nullopt, {}};
    if (keepScene && !m_items.isEmpty()) {
        job.previous = m_graph;
        for (auto it = m_items.cbegin(); it != m_items.cend(); ++it)
            job.positions.insert(it.key(), it.value()->pos() + QPointF(NodeWidth / 2, NodeHeight / 2));
    }

    QPointer<GraphView> self(this);
    QtConcurrent::run([job = std::move(job), generation]() {
        auto out = std::make_shared<Outcome>();
        out->generation = generation;
        QSet<ResourceKey> existing;
        if (job.live) {
            const QList<ResourceKey> keys = job.live->keys();
            existing = QSet<ResourceKey>(keys.cbegin(), keys.cend());
        }
        engine::ResourceGraph built;
        if (job.environment.isEmpty()) {
            engine::ResourceGraph::Input input;
            input.application = job.applicationName;
            input.desired = job.desired;
            input.live = job.live.get();
            if (job.drift) {
                const auto it = job.drift->applications.constFind(job.applicationId);
                if (it != job.drift->applications.cend())
                    input.drift = &it.value();
            }
            input.existingKeys = existing;
            built = engine::ResourceGraph::build(input);
        } else {
            engine::ResourceGraph::EnvironmentInput input;
            input.environment = job.environment;
            input.live = job.live.get();
            input.drift = job.drift.get();
            input.existingKeys = existing;
            for (const ApplicationGraphInput& app : job.applications) {
                engine::ResourceGraph::EnvironmentInput::Application a{app.name, app.desired, nullptr};
                if (job.drift) {
                    const auto it = job.drift->applications.constFind(app.id);
                    if (it != job.drift->applications.cend())
                        a.drift = &it.value();
                }
                input.applications.append(a);
            }
            built = engine::ResourceGraph::buildEnvironment(input);
        }
        out->resourceCount = int(built.nodes().size());
        const engine::ResourceGraph::Simplified simple = engine::ResourceGraph::simplify(
            engine::ResourceGraph::fold(built, engine::ResourceGraph::DefaultFoldThreshold, job.expanded),
            engine::ResourceGraph::DefaultMaxNodes, job.expanded);
        out->graph = simple.graph;
        out->nodesBefore = simple.nodesBefore;
        out->nodesShown = simple.nodesShown;
        if (!job.environment.isEmpty()) {
            // Each node belongs to the nearest application above it: one breadth-first
            // walk down from all application nodes at once, in the environment's order.
            QList<QString> queue;
            for (const ApplicationGraphInput& app : job.applications) {
                const QString id = engine::ResourceGraph::applicationNodeId(app.name);
                if (out->graph.node(id)) {
                    out->applicationOf.insert(id, app.id);
                    queue.append(id);
                }
            }
            for (qsizetype i = 0; i < queue.size(); ++i) {
                const QString owner = out->applicationOf.value(queue.at(i));
                for (const engine::GraphEdge& e : out->graph.edgesFrom(queue.at(i))) {
                    if (e.to != out->graph.rootId() && !out->applicationOf.contains(e.to)) {
                        out->applicationOf.insert(e.to, owner);
                        queue.append(e.to);
                    }
                }
            }
        }
        // A selection graph: the focused node and its neighbours (it may have gone meanwhile).
        if (!job.focus.isEmpty() && out->graph.node(job.focus))
            out->graph = engine::ResourceGraph::selectionOfNodes(out->graph, {job.focus});
        if (job.previous && sameStructure(*job.previous, out->graph))
            return std::shared_ptr<const Outcome>(out);
        out->relaid = true;
        engine::GraphLayout::Input layout;
        for (const engine::GraphNode& n : out->graph.nodes()) {
            layout.nodes.append({n.id, NodeWidth, NodeHeight, n.name});
            out->nodeToolTips.append(GraphNodeItem::toolTipFor(n));
        }
        for (const engine::GraphEdge& e : out->graph.edges())
            layout.edges.append({e.from, e.to, engine::ResourceGraph::edgeTypeName(e.type)});
        layout.previousPositions = job.positions;
        out->layout = engine::GraphLayout::layout(layout);
        if (out->layout) {
            const auto& paths = out->layout->edges;
            for (qsizetype i = 0; i < paths.size() && i < out->graph.edges().size(); ++i) {
                const engine::GraphLayout::Result::EdgePath& path = paths.at(i);
                if (path.points.size() < 4)
                    continue;
                const engine::GraphEdge& e = out->graph.edges().at(i);
                out->edges.append(GraphEdgeGeometry::make(e.type, e.from, e.to, path.points,
                    path.hasArrow ? std::optional<QPointF>(path.arrowHead) : std::nullopt,
                    edgeTypeLabel(e.type) + u' ' + e.detail));
            }
        }
        return std::shared_ptr<const Outcome>(out);
    }).then(this, [self](const std::shared_ptr<const Outcome>& outcome) {
        // then() runs at once when the worker finished before it was attached; a queued
        // hop makes every result arrive after this call returns, in request order.
        if (self)
            QMetaObject::invokeMethod(
                self.data(),
                [self, outcome] {
                    if (self)
                        self->apply(outcome);
                },
                Qt::QueuedConnection);
    });
}

void GraphView::apply(const std::shared_ptr<const Outcome>& outcome)
{
    if (outcome->generation != m_generation)
        return; // overtaken by a newer request
    if (!outcome->relaid) {
        m_busy = false;
        m_graph = outcome->graph;
        m_applicationOf = outcome->applicationOf;
        for (const engine::GraphNode& n : m_graph.nodes()) {
            if (GraphNodeItem* item = m_items.value(n.id))
                item->setNode(n);
        }
        applyFilters(); // statuses moved: a status filter may now take or leave other nodes
        m_minimap->invalidate();
        emit graphShown();
        return;
    }
    if (!outcome->layout) {
        clearScene();
        m_busy = false;
        m_graph = outcome->graph;
        m_message->setText(tr("The graph could not be laid out: %1").arg(outcome->layout.error().message));
        m_stack->setCurrentWidget(m_message);
        emit graphShown();
        return;
    }
    dropSceneBuild();
    m_build = std::make_unique<SceneBuild>();
    m_build->outcome = outcome;
    m_build->scene = new QGraphicsScene(this);
    m_build->scene->setItemIndexMethod(QGraphicsScene::NoIndex);
    m_build->scene->setSceneRect(outcome->layout->bounds.adjusted(-20, -20, 20, 20));
    // The first slice now: small graphs are complete before this returns.
    continueSceneBuild();
}

void GraphView::continueSceneBuild()
{
    if (!m_build)
        return;
    SceneBuild& build = *m_build;
    const Outcome& outcome = *build.outcome;
    QElapsedTimer slice;
    slice.start();
    int made = 0;
    const auto timeUp = [&] { return ++made % 32 == 0 && slice.elapsed() >= SceneBuildSliceMs; };
    // Edges first, so nodes paint over their ends (edges also sit at z -1).
    bool paused = false;
    while (!paused && build.nextEdge < outcome.edges.size()) {
        const GraphEdgeGeometry& g = outcome.edges.at(build.nextEdge++);
        auto* edge = new GraphEdgeItem(g, edgePen(g.type));
        edge->setAntialiased(outcome.edges.size() <= AntialiasedEdgesUpTo);
        build.scene->addItem(edge);
        build.edgeItems.append(EdgeItems{g.from, g.to, {edge}});
        paused = timeUp();
    }
    while (!paused && build.nextNode < outcome.graph.nodes().size()) {
        const qsizetype i = build.nextNode++;
        const engine::GraphNode& n = outcome.graph.nodes().at(i);
        const QRectF rect = outcome.layout->nodes.value(n.id);
        auto* item = new GraphNodeItem(n, rect.size(), outcome.nodeToolTips.value(i));
        item->setPos(rect.topLeft());
        build.scene->addItem(item);
        build.items.insert(n.id, item);
        paused = timeUp();
    }
    if (build.nextEdge < outcome.edges.size() || build.nextNode < outcome.graph.nodes().size()) {
        // The rest on a later turn: input and paints of the shown scene go first.
        QTimer::singleShot(0, this, &GraphView::continueSceneBuild);
        return;
    }
    finishSceneBuild();
}

void GraphView::dropSceneBuild()
{
    m_build.reset();
}

void GraphView::finishSceneBuild()
{
    const std::unique_ptr<SceneBuild> build = std::move(m_build);
    const Outcome& outcome = *build->outcome;
    QString selectedId;
    for (QGraphicsItem* item : m_scene->selectedItems())
        selectedId = item->data(0).toString();
    const bool hadScene = !m_items.isEmpty();
    // A relayout keeps the view where it was: same zoom, same centre (the layout
    // moved the unchanged bulk of the graph back to where it was).
    const QPointF centre = m_canvas->mapToScene(m_canvas->viewport()->rect().center());

    m_rebuilding = true;
    QGraphicsScene* old = m_scene;
    m_scene = std::exchange(build->scene, nullptr);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &GraphView::onSelectionChanged);
    m_canvas->setScene(m_scene);
    m_items = std::move(build->items);
    m_edgeItems = std::move(build->edgeItems);
    m_graph = outcome.graph;
    m_applicationOf = outcome.applicationOf;
    m_resourceCount = outcome.resourceCount;
    m_nodesBefore = outcome.nodesBefore;
    m_nodesShown = outcome.nodesShown;
    if (GraphNodeItem* item = m_items.value(selectedId))
        item->setSelected(true);
    delete old;
    m_rebuilding = false;

    if (!m_focus.isEmpty() && m_graph.node(m_focus)) {
        const engine::GraphNode* focused = m_graph.node(m_focus);
        m_note->setText(tr("Showing %1 and its neighbours only. Right-click › Show Whole Graph to see everything.")
                            .arg(focused->key.kind.isEmpty() ? QString(focused->kind + u' ' + focused->name) : focused->key.displayName()));
        m_note->show();
    } else if (isSimplified()) {
        m_note->setText(tr("Simplified: %L1 resources shown as %L2 nodes — Degraded, Missing and OutOfSync always "
                           "shown. Double-click a summary to expand it.")
                            .arg(m_resourceCount)
                            .arg(m_nodesShown));
        m_note->show();
    } else {
        m_note->hide();
    }
    m_busy = false;
    ++m_layoutCount;
    m_stack->setCurrentWidget(m_canvas);
    applyFilters();
    updateFind(false);
    if (!hadScene) {
        fitToView();
        // A first look should be readable: rather than shrinking a big graph until its
        // text disappears, start at a readable scale on the application (Fit shows all).
        if (m_canvas->transform().m11() < ReadableScale) {
            m_canvas->setTransform(QTransform::fromScale(ReadableScale, ReadableScale));
            if (GraphNodeItem* root = m_items.value(m_graph.rootId()))
                m_canvas->centerOn(root);
        }
    } else {
        m_canvas->centerOn(centre);
    }
    if (m_pendingSelection)
        selectResource(*m_pendingSelection);
    m_minimap->invalidate();
    refreshMinimap();
    emit graphShown();
}

void GraphView::fitToView()
{
    if (m_items.isEmpty())
        return;
    m_canvas->fitInView(m_scene->sceneRect(), Qt::KeepAspectRatio);
    // Small graphs stay at their natural size instead of being blown up.
    if (m_canvas->transform().m11() > 1.0)
        m_canvas->setTransform(QTransform());
    refreshMinimap();
}

void GraphView::zoomBy(double factor)
{
    const double scale = m_canvas->transform().m11() * factor;
    if (scale < 0.05 || scale > 4.0)
        return;
    m_canvas->scale(factor, factor);
    refreshMinimap();
}

bool GraphView::selectResource(const ResourceKey& key)
{
    ResourceKey k = key;
    k.version.clear();
    m_pendingSelection.reset();
    if (m_busy && m_items.isEmpty()) {
        m_pendingSelection = k; // applied when the scene is built
        return false;
    }
    // Folded or summarised away: its group or summary stands for it.
    GraphNodeItem* item = m_items.value(engine::ResourceGraph::nodeShowing(m_graph, k));
    if (!item)
        return false;
    m_rebuilding = true;
    m_scene->clearSelection();
    item->setSelected(true);
    m_rebuilding = false;
    m_canvas->centerOn(item);
    return true;
}

void GraphView::onSelectionChanged()
{
    if (m_rebuilding)
        return;
    const QList<QGraphicsItem*> selected = m_scene->selectedItems();
    if (selected.size() != 1 || selected.first()->type() != GraphNodeItem::Type)
        return;
    activate(static_cast<GraphNodeItem*>(selected.first())->node());
}

void GraphView::activate(const engine::GraphNode& node)
{
    if (node.type != engine::GraphNode::Type::Resource || node.key.kind.isEmpty())
        return;
    emit resourceActivated(node.key);
    emit resourceActivatedInApplication(applicationOf(node.id), node.key);
}


void GraphView::clearScene()
{
    dropSceneBuild();
    m_rebuilding = true;
    m_items.clear();
    m_edgeItems.clear();
    m_scene->clear();
    m_rebuilding = false;
    m_findMatches.clear();
    m_findIndex = -1;
    if (m_findStatus)
        m_findStatus->clear();
    if (m_minimap) {
        m_minimap->invalidate();
        m_minimap->hide();
    }
}

void GraphView::refreshMinimap()
{
    if (m_minimap && m_stack->currentWidget() == m_canvas && !m_items.isEmpty())
        m_minimap->refresh();
    else if (m_minimap)
        m_minimap->hide();
}

void GraphView::selectNode(GraphNodeItem* item)
{
    m_rebuilding = true;
    m_scene->clearSelection();
    item->setSelected(true);
    m_rebuilding = false;
    m_canvas->centerOn(item);
}

// ---- find ----

void GraphView::setFindText(const QString& text)
{
    if (m_findField->text() != text) {
        m_findField->setText(text); // comes back here through textChanged
        return;
    }
    updateFind(true);
}

void GraphView::updateFind(bool selectFirst)
{
    const QString text = m_findField->text().trimmed();
    const QString current = m_findIndex >= 0 ? m_findMatches.value(m_findIndex) : QString();
    m_findMatches.clear();
    m_findIndex = -1;
    if (!text.isEmpty()) {
        QList<GraphNodeItem*> matches;
        for (const engine::GraphNode& n : m_graph.nodes()) {
            bool match = n.name.contains(text, Qt::CaseInsensitive);
            // A folded Pod is found through its group: member ids end with the name.
            for (qsizetype i = 0; !match && i < n.members.size(); ++i)
                match = n.members.at(i).section(u'/', -1).contains(text, Qt::CaseInsensitive);
            if (GraphNodeItem* item = match ? m_items.value(n.id) : nullptr)
                matches.append(item);
        }
        // Left to right, then top to bottom: the reading order of a left-to-right layout.
        std::sort(matches.begin(), matches.end(), [](const GraphNodeItem* a, const GraphNodeItem* b) {
            return a->pos().x() != b->pos().x() ? a->pos().x() < b->pos().x() : a->pos().y() < b->pos().y();
        });
        for (const GraphNodeItem* item : std::as_const(matches))
            m_findMatches.append(item->node().id);
    }
    if (!m_findMatches.isEmpty()) {
        // A relayout keeps the current match when it still matches.
        m_findIndex = selectFirst ? 0 : std::max(0, int(m_findMatches.indexOf(current)));
        if (selectFirst)
            showFindMatch();
    }
    // No match: the field turns red-ish, as find bars do.
    QPalette palette = this->palette();
    if (!text.isEmpty() && m_findMatches.isEmpty() && !m_items.isEmpty()) {
        const QColor base = palette.color(QPalette::Base);
        const QColor red = Icons::statusColor(Icons::Status::Error);
        palette.setColor(QPalette::Base,
            QColor::fromRgbF(base.redF() * 0.75 + red.redF() * 0.25, base.greenF() * 0.75 + red.greenF() * 0.25,
                base.blueF() * 0.75 + red.blueF() * 0.25));
        m_findField->setPalette(palette);
    } else {
        m_findField->setPalette(QPalette());
    }
    m_findStatus->setText(findStatusText());
}

QString GraphView::findStatusText() const
{
    if (m_findField->text().trimmed().isEmpty() || m_items.isEmpty())
        return {};
    if (m_findMatches.isEmpty())
        return tr("No match");
    return tr("%1 of %2").arg(m_findIndex + 1).arg(m_findMatches.size());
}

void GraphView::showFindMatch()
{
    if (GraphNodeItem* item = m_items.value(m_findMatches.value(m_findIndex)))
        selectNode(item);
    m_findStatus->setText(findStatusText());
}

bool GraphView::findNext()
{
    if (m_findMatches.isEmpty())
        return false;
    m_findIndex = (m_findIndex + 1) % int(m_findMatches.size());
    showFindMatch();
    return true;
}

bool GraphView::findPrevious()
{
    if (m_findMatches.isEmpty())
        return false;
    m_findIndex = (m_findIndex - 1 + int(m_findMatches.size())) % int(m_findMatches.size());
    showFindMatch();
    return true;
}

// ---- filter ----

QStringList GraphView::statusFilterNames()
{
    return {u"OutOfSync"_s, u"Missing"_s, u"Extraneous"_s, u"Synced"_s, u"Degraded"_s, u"Progressing"_s,
        u"Suspended"_s, u"Healthy"_s, u"Unknown"_s};
}

QStringList GraphView::kindsPresent() const
{
    QSet<QString> kinds;
    for (const engine::GraphNode& n : m_graph.nodes()) {
        if (n.type != engine::GraphNode::Type::Application)
            kinds.insert(n.kind);
    }
    QStringList sorted(kinds.cbegin(), kinds.cend());
    sorted.sort(Qt::CaseInsensitive);
    return sorted;
}

void GraphView::setHiddenKinds(const QSet<QString>& kinds)
{
    m_hiddenKinds = kinds;
    applyFilters();
}

void GraphView::setStatusFilter(const QSet<QString>& statuses)
{
    m_statusFilter = statuses;
    applyFilters();
}

bool GraphView::isDimmed(const QString& nodeId) const
{
    const GraphNodeItem* item = m_items.value(nodeId);
    return item && item->opacity() < 1.0;
}

void GraphView::applyFilters()
{
    QSet<QString> dimmed;
    for (const engine::GraphNode& n : m_graph.nodes()) {
        if (n.type == engine::GraphNode::Type::Application)
            continue;
        const bool kindOut = m_hiddenKinds.contains(n.kind);
        const bool statusOut = !m_statusFilter.isEmpty() && !statusKeys(n).intersects(m_statusFilter);
        if (kindOut || statusOut)
            dimmed.insert(n.id);
    }
    for (auto it = m_items.cbegin(); it != m_items.cend(); ++it)
        it.value()->setOpacity(dimmed.contains(it.key()) ? DimmedOpacity : 1.0);
    // An edge leading to a dimmed node is no path between the nodes left in view.
    for (const EdgeItems& edge : std::as_const(m_edgeItems)) {
        const qreal opacity = dimmed.contains(edge.from) || dimmed.contains(edge.to) ? DimmedOpacity : 1.0;
        for (QGraphicsItem* item : edge.items)
            item->setOpacity(opacity);
    }
    const bool active = !m_hiddenKinds.isEmpty() || !m_statusFilter.isEmpty();
    m_filterButton->setText(active ? tr("Filter (%1 dimmed)").arg(dimmed.size()) : tr("Filter"));
    if (m_minimap)
        m_minimap->invalidate();
}

void GraphView::fillFilterMenu()
{
    m_filterMenu->clear();
    m_filterMenu->addSection(tr("Kinds"));
    for (const QString& kind : kindsPresent()) {
        QAction* action = m_filterMenu->addAction(Icons::kind(kind), kind);
        action->setCheckable(true);
        action->setChecked(!m_hiddenKinds.contains(kind));
        connect(action, &QAction::toggled, this, [this, kind](bool shown) {
            QSet<QString> hidden = m_hiddenKinds;
            if (shown)
                hidden.remove(kind);
            else
                hidden.insert(kind);
            setHiddenKinds(hidden);
        });
    }
    m_filterMenu->addSection(tr("Only these statuses"));
    for (const QString& key : statusFilterNames()) {
        QAction* action = m_filterMenu->addAction(statusFilterLabel(key));
        action->setCheckable(true);
        action->setChecked(m_statusFilter.contains(key));
        connect(action, &QAction::toggled, this, [this, key](bool on) {
            QSet<QString> statuses = m_statusFilter;
            if (on)
                statuses.insert(key);
            else
                statuses.remove(key);
            setStatusFilter(statuses);
        });
    }
    m_filterMenu->addSeparator();
    QAction* reset = m_filterMenu->addAction(tr("Show All"));
    reset->setEnabled(!m_hiddenKinds.isEmpty() || !m_statusFilter.isEmpty());
    connect(reset, &QAction::triggered, this, [this] {
        m_hiddenKinds.clear();
        setStatusFilter({});
    });
}

// ---- context menu ----

QString GraphView::nameText(const QString& nodeId) const
{
    const GraphNodeItem* item = m_items.value(nodeId);
    if (!item)
        return {};
    const engine::GraphNode& n = item->node();
    if (n.type != engine::GraphNode::Type::Resource)
        return n.name;
    if (n.namespace_.isEmpty())
        return n.kind + u'/' + n.name;
    return n.kind + u'/' + n.namespace_ + u'/' + n.name;
}

QString GraphView::yamlText(const QString& nodeId) const
{
    const GraphNodeItem* item = m_items.value(nodeId);
    if (!item || item->node().type != engine::GraphNode::Type::Resource)
        return {};
    const ResourceKey key = kube::LiveSnapshot::withoutVersion(item->node().key);
    std::optional<QJsonObject> object;
    if (m_live)
        object = m_live->object(key);
    if (object) {
        // Server bookkeeping nobody wants pasted: kubectl hides it too.
        QJsonObject metadata = object->value(u"metadata"_s).toObject();
        metadata.remove(u"managedFields"_s);
        object->insert(u"metadata"_s, metadata);
    } else {
        for (const Resource& r : m_desired) {
            if (kube::LiveSnapshot::withoutVersion(r.key()) == key) {
                object = r.object();
                break;
            }
        }
    }
    if (!object)
        return {};
    // Never a Secret's values on the clipboard: the diff panel's masks, not the bytes.
    return CanonicalYaml::write(engine::SecretMask::mask(*object));
}

QMenu* GraphView::createContextMenu(const QString& nodeId, QWidget* parent)
{
    const GraphNodeItem* item = m_items.value(nodeId);
    if (!item)
        return nullptr;
    const engine::GraphNode node = item->node();
    const bool resource = node.type == engine::GraphNode::Type::Resource && !node.key.kind.isEmpty();
    auto* menu = new QMenu(parent);
    menu->setObjectName(u"graphNodeMenu"_s);

    QAction* showDiff = menu->addAction(tr("Show Diff"));
    showDiff->setObjectName(u"graphShowDiffAction"_s);
    showDiff->setEnabled(resource);
    connect(showDiff, &QAction::triggered, this, [this, node] { activate(node); });

    if (node.type == engine::GraphNode::Type::Group) {
        QAction* expand = menu->addAction(tr("Expand Group"));
        expand->setObjectName(u"graphExpandAction"_s);
        connect(expand, &QAction::triggered, this, [this, id = node.id] { expandGroup(id); });
    }
    QAction* focus = menu->addAction(tr("Show Only Its Neighbours"));
    focus->setObjectName(u"graphFocusAction"_s);
    focus->setEnabled(nodeId != m_focus);
    connect(focus, &QAction::triggered, this, [this, nodeId] { focusOn(nodeId); });
    if (!m_focus.isEmpty()) {
        QAction* whole = menu->addAction(tr("Show Whole Graph"));
        whole->setObjectName(u"graphWholeAction"_s);
        connect(whole, &QAction::triggered, this, &GraphView::clearFocus);
    }
    menu->addSeparator();
    QAction* copyName = menu->addAction(tr("Copy Name"));
    copyName->setObjectName(u"graphCopyNameAction"_s);
    connect(copyName, &QAction::triggered, this,
        [this, nodeId] { QGuiApplication::clipboard()->setText(nameText(nodeId)); });
    QAction* copyYaml = menu->addAction(tr("Copy YAML"));
    copyYaml->setObjectName(u"graphCopyYamlAction"_s);
    copyYaml->setEnabled(resource && !node.missing);
    if (engine::SecretMask::isSecret(QJsonObject{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, node.kind}}))
        copyYaml->setToolTip(tr("Secret values are copied masked"));
    connect(copyYaml, &QAction::triggered, this,
        [this, nodeId] { QGuiApplication::clipboard()->setText(yamlText(nodeId)); });

    if (m_syncEnabled) {
        menu->addSeparator();
        QAction* sync = menu->addAction(tr("Sync This Resource"));
        sync->setObjectName(u"graphSyncAction"_s);
        sync->setEnabled(resource && node.inGit);
        connect(sync, &QAction::triggered, this, [this, key = node.key] { emit syncRequested(key); });
    }
    return menu;
}

// ---- export ----

QFuture<driftline::Result<void>> GraphView::exportSvg(const QString& path) const
{
    // GraphSvg sizes boxes for its own text, so it needs its own layout: on a worker,
    // from a copy of the graph, as the CLI does it.
    return QtConcurrent::run([graph = m_graph, title = m_environment.isEmpty() ? m_applicationId : m_environment, path]() -> driftline::Result<void> {
        if (graph.nodes().isEmpty())
            return fail(Error::Code::InvalidInput, tr("There is no graph to export."));
        const auto layout = engine::GraphLayout::layout(engine::GraphSvg::layoutInput(graph));
        if (!layout)
            return fail(layout.error());
        const QByteArray document = engine::GraphSvg::write(graph, *layout, title);
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(document) != document.size() || !file.commit())
            return fail(Error::make(Error::Code::Io, tr("Cannot write %1: %2")
                                                         .arg(QDir::toNativeSeparators(path), file.errorString()))
                            .at(path));
        return {};
    });
}

QImage GraphView::renderImage(double scale) const
{
    const QRectF source = m_scene->sceneRect();
    if (m_items.isEmpty() || source.isEmpty() || scale <= 0)
        return {};
    const QSize size = (source.size() * scale).toSize();
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    m_scene->render(&painter, QRectF(QPointF(0, 0), QSizeF(size)), source);
    return image;
}

driftline::Result<void> GraphView::exportPng(const QString& path, double scale) const
{
    const QImage image = renderImage(scale);
    if (image.isNull())
        return fail(Error::Code::InvalidInput, tr("There is no graph to export."));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit())
        return fail(
            Error::make(Error::Code::Io, tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()))
                .at(path));
    return {};
}

void GraphView::exportWithDialog(bool png)
{
    if (m_items.isEmpty())
        return;
    const QString suggested = QDir::home().filePath(QString(m_applicationId).replace(u'/', u'-') + (png ? u".png"_s : u".svg"_s));
    const QString path = QFileDialog::getSaveFileName(this, png ? tr("Export Graph as PNG") : tr("Export Graph as SVG"),
        suggested, png ? tr("PNG images (*.png)") : tr("SVG drawings (*.svg)"));
    if (path.isEmpty())
        return;
    const auto report = [this](const driftline::Result<void>& result) {
        if (!result)
            QMessageBox::warning(this, tr("Export Failed"), result.error().toString());
    };
    if (png) {
        report(exportPng(path));
        return;
    }
    exportSvg(path).then(this, report);
}

} // namespace driftline::gui
