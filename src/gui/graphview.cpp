#include "gui/graphview.h"

#include "engine/driftstatus.h"
#include "gui/graphitems.h"
#include "kube/livesnapshot.h"

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

#include <cmath>

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

private:
    GraphView* m_owner;
};

namespace {

constexpr qreal ReadableScale = 0.65; // GraphNodeItem draws text from a scale of 0.45

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

} // namespace

struct GraphView::Outcome {
    quint64 generation = 0;
    engine::ResourceGraph graph;
    bool relaid = false; // false: same nodes and edges as before, recolour only
    driftline::Result<engine::GraphLayout::Result> layout = engine::GraphLayout::Result{};
};

GraphView::GraphView(QWidget* parent)
    : QWidget(parent)
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(2);

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
    auto* fit = new QToolButton(legend);
    fit->setObjectName(u"graphFitButton"_s);
    fit->setText(tr("Fit"));
    fit->setToolTip(tr("Fit the graph to the view (F)"));
    connect(fit, &QToolButton::clicked, this, &GraphView::fitToView);
    legendLayout->addWidget(fit);
    outer->addWidget(legend);

    auto* stackHost = new QWidget(this);
    m_stack = new QStackedLayout(stackHost);
    m_message = new QLabel(stackHost);
    m_message->setObjectName(u"graphMessage"_s);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    m_scene = new QGraphicsScene(this);
    m_canvas = new GraphCanvas(this);
    m_canvas->setParent(stackHost);
    m_canvas->setObjectName(u"graphCanvas"_s);
    m_canvas->setScene(m_scene);
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
    m_pendingSelection.reset();
    m_desired.clear();
    m_live.reset();
    m_drift.reset();
    m_graph = {};
    m_rebuilding = true;
    m_items.clear();
    m_scene->clear();
    m_rebuilding = false;
    m_message->setText(message.isEmpty() ? tr("Select an application to see its resource graph.") : message);
    m_stack->setCurrentWidget(m_message);
}

void GraphView::setApplication(const QString& applicationId, const QString& applicationName, const ResourceList& desired,
    std::shared_ptr<const kube::LiveSnapshot> live, std::shared_ptr<const engine::EnvironmentDrift> drift)
{
    const bool sameApplication = applicationId == m_applicationId && !m_items.isEmpty();
    if (!sameApplication) {
        showMessage(tr("Layout…"));
        m_expandedGroups.clear();
    }
    m_applicationId = applicationId;
    m_applicationName = applicationName;
    m_desired = desired;
    m_live = std::move(live);
    m_drift = std::move(drift);
    start(sameApplication);
}

void GraphView::updateDrift(std::shared_ptr<const engine::EnvironmentDrift> drift)
{
    if (m_applicationId.isEmpty())
        return;
    m_drift = std::move(drift);
    start(true);
}

void GraphView::expandGroup(const QString& groupId)
{
    if (m_applicationId.isEmpty() || m_expandedGroups.contains(groupId))
        return;
    m_expandedGroups.insert(groupId);
    start(true);
}

void GraphView::start(bool keepScene)
{
    const quint64 generation = ++m_generation;
    m_busy = true;
    if (!keepScene || m_items.isEmpty()) {
        m_message->setText(tr("Layout…"));
        m_stack->setCurrentWidget(m_message);
    }
    // Everything the worker needs, by value: no widget crosses the thread.
    struct Job {
        QString applicationId;
        QString applicationName;
        ResourceList desired;
        std::shared_ptr<const kube::LiveSnapshot> live;
        std::shared_ptr<const engine::EnvironmentDrift> drift;
        QSet<QString> expanded;
        std::optional<engine::ResourceGraph> previous; // the graph on screen, to skip an unneeded layout
    };
    Job job{m_applicationId, m_applicationName, m_desired, m_live, m_drift, m_expandedGroups, std::nullopt};
    if (keepScene && !m_items.isEmpty())
        job.previous = m_graph;

    QPointer<GraphView> self(this);
    QtConcurrent::run([job = std::move(job), generation]() {
        Outcome out;
        out.generation = generation;
        engine::ResourceGraph::Input input;
        input.application = job.applicationName;
        input.desired = job.desired;
        input.live = job.live.get();
        if (job.drift) {
            const auto it = job.drift->applications.constFind(job.applicationId);
            if (it != job.drift->applications.cend())
                input.drift = &it.value();
        }
        if (job.live) {
            const QList<ResourceKey> keys = job.live->keys();
            input.existingKeys = QSet<ResourceKey>(keys.cbegin(), keys.cend());
        }
        out.graph = engine::ResourceGraph::fold(engine::ResourceGraph::build(input),
            engine::ResourceGraph::DefaultFoldThreshold, job.expanded);
        if (job.previous && sameStructure(*job.previous, out.graph))
            return out;
        out.relaid = true;
        engine::GraphLayout::Input layout;
        for (const engine::GraphNode& n : out.graph.nodes())
            layout.nodes.append({n.id, NodeWidth, NodeHeight, n.name});
        for (const engine::GraphEdge& e : out.graph.edges())
            layout.edges.append({e.from, e.to, engine::ResourceGraph::edgeTypeName(e.type)});
        out.layout = engine::GraphLayout::layout(layout);
        return out;
    }).then(this, [self](const Outcome& outcome) {
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

void GraphView::apply(const Outcome& outcome)
{
    if (outcome.generation != m_generation)
        return; // overtaken by a newer request
    m_busy = false;
    m_graph = outcome.graph;
    if (!outcome.relaid) {
        for (const engine::GraphNode& n : m_graph.nodes()) {
            if (GraphNodeItem* item = m_items.value(n.id))
                item->setNode(n);
        }
        emit graphShown();
        return;
    }
    if (!outcome.layout) {
        m_rebuilding = true;
        m_items.clear();
        m_scene->clear();
        m_rebuilding = false;
        m_message->setText(tr("The graph could not be laid out: %1").arg(outcome.layout.error().message));
        m_stack->setCurrentWidget(m_message);
        emit graphShown();
        return;
    }
    ++m_layoutCount;
    buildScene(*outcome.layout);
    emit graphShown();
}

void GraphView::buildScene(const engine::GraphLayout::Result& layout)
{
    QString selectedId;
    for (QGraphicsItem* item : m_scene->selectedItems())
        selectedId = item->data(0).toString();
    const bool hadScene = !m_items.isEmpty();

    m_rebuilding = true;
    m_items.clear();
    m_scene->clear();
    // Edges first, so nodes paint over their ends.
    for (qsizetype i = 0; i < layout.edges.size() && i < m_graph.edges().size(); ++i) {
        const engine::GraphLayout::Result::EdgePath& path = layout.edges.at(i);
        if (path.points.size() < 4)
            continue;
        const QPen pen = edgePen(m_graph.edges().at(i).type);
        QPainterPath curve(path.points.first());
        for (qsizetype p = 1; p + 2 < path.points.size(); p += 3)
            curve.cubicTo(path.points.at(p), path.points.at(p + 1), path.points.at(p + 2));
        auto* edge = m_scene->addPath(curve, pen);
        edge->setZValue(-1);
        edge->setToolTip(edgeTypeLabel(m_graph.edges().at(i).type) + u' ' + m_graph.edges().at(i).detail);
        if (path.hasArrow) {
            // A small triangle from the spline's end (the arrow's base) to the tip.
            const QPointF base = path.points.last();
            const QPointF tip = path.arrowHead;
            const QPointF dir = tip - base;
            const qreal length = std::hypot(dir.x(), dir.y());
            if (length > 0.01) {
                const QPointF normal(-dir.y() / length * 3.5, dir.x() / length * 3.5);
                QPen solid = pen;
                solid.setStyle(Qt::SolidLine);
                auto* head = m_scene->addPolygon(QPolygonF({tip, base + normal, base - normal}), solid, pen.color());
                head->setZValue(-1);
            }
        }
    }
    for (const engine::GraphNode& n : m_graph.nodes()) {
        const QRectF rect = layout.nodes.value(n.id);
        auto* item = new GraphNodeItem(n, rect.size());
        item->setPos(rect.topLeft());
        m_scene->addItem(item);
        m_items.insert(n.id, item);
    }
    m_scene->setSceneRect(layout.bounds.adjusted(-20, -20, 20, 20));
    if (GraphNodeItem* item = m_items.value(selectedId))
        item->setSelected(true);
    m_rebuilding = false;
    m_stack->setCurrentWidget(m_canvas);
    if (!hadScene) {
        fitToView();
        // A first look should be readable: rather than shrinking a big graph until its
        // text disappears, start at a readable scale on the application (Fit shows all).
        if (m_canvas->transform().m11() < ReadableScale) {
            m_canvas->setTransform(QTransform::fromScale(ReadableScale, ReadableScale));
            if (GraphNodeItem* root = m_items.value(m_graph.rootId()))
                m_canvas->centerOn(root);
        }
    }
    if (m_pendingSelection)
        selectResource(*m_pendingSelection);
}

void GraphView::fitToView()
{
    if (m_items.isEmpty())
        return;
    m_canvas->fitInView(m_scene->sceneRect(), Qt::KeepAspectRatio);
    // Small graphs stay at their natural size instead of being blown up.
    if (m_canvas->transform().m11() > 1.0)
        m_canvas->setTransform(QTransform());
}

void GraphView::zoomBy(double factor)
{
    const double scale = m_canvas->transform().m11() * factor;
    if (scale < 0.05 || scale > 4.0)
        return;
    m_canvas->scale(factor, factor);
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
    GraphNodeItem* item = m_items.value(engine::ResourceGraph::nodeId(k));
    if (!item) {
        // Folded away: select its group instead.
        for (const engine::GraphNode& n : m_graph.nodes()) {
            if (n.type == engine::GraphNode::Type::Group && n.members.contains(engine::ResourceGraph::nodeId(k)))
                item = m_items.value(n.id);
        }
    }
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
    const engine::GraphNode& node = static_cast<GraphNodeItem*>(selected.first())->node();
    if (node.type == engine::GraphNode::Type::Resource && !node.key.kind.isEmpty())
        emit resourceActivated(node.key);
}

} // namespace driftline::gui
