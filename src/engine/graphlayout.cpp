#include "engine/graphlayout.h"

#include <QCoreApplication>
#include <QMutex>
#include <QMutexLocker>

#include <gvc.h>

#include <algorithm>
#include <memory>
#include <numeric>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;

namespace driftline::engine {

namespace {

constexpr double PointsPerInch = 72.0;

struct ContextDeleter {
    void operator()(GVC_t* context) const { gvFreeContext(context); }
};
struct GraphDeleter {
    void operator()(Agraph_t* graph) const { agclose(graph); }
};
using ContextHandle = std::unique_ptr<GVC_t, ContextDeleter>;
using GraphHandle = std::unique_ptr<Agraph_t, GraphDeleter>;

// The layout data hangs off the graph's records and must be released before the
// graph is closed: declared after the GraphHandle, this is destroyed first.
class LayoutGuard
{
public:
    LayoutGuard(GVC_t* context, Agraph_t* graph) : m_context(context), m_graph(graph) {}
    ~LayoutGuard() { gvFreeLayout(m_context, m_graph); }
    LayoutGuard(const LayoutGuard&) = delete;
    LayoutGuard& operator=(const LayoutGuard&) = delete;

private:
    GVC_t* m_context;
    Agraph_t* m_graph;
};

// cgraph's API takes char* but copies the strings into its own pool; it never
// writes through them, so handing it our buffers is safe.
char* cstr(const char* text) { return const_cast<char*>(text); }
char* cstr(const QByteArray& text) { return const_cast<char*>(text.constData()); }

// Everything cgraph reports while we hold the lock: agerr() hands the formatted
// text to this callback instead of writing to stderr.
QByteArray* capturedErrors = nullptr;
int captureError(char* text)
{
    if (capturedErrors)
        capturedErrors->append(text);
    return 0;
}

// Installs the capture for one call and puts the previous handler back.
class ErrorCapture
{
public:
    explicit ErrorCapture(QByteArray* buffer)
    {
        capturedErrors = buffer;
        m_previousFunction = agseterrf(&captureError);
        m_previousLevel = agseterr(AGWARN);
        agreseterrors();
    }
    ~ErrorCapture()
    {
        agseterrf(m_previousFunction);
        agseterr(m_previousLevel);
        capturedErrors = nullptr;
    }
    ErrorCapture(const ErrorCapture&) = delete;
    ErrorCapture& operator=(const ErrorCapture&) = delete;

private:
    agusererrf m_previousFunction = nullptr;
    agerrlevel_t m_previousLevel = AGWARN;
};

QByteArray inches(double points) { return QByteArray::number(points / PointsPerInch, 'f', 4); }

QString tr(const char* text) { return QCoreApplication::translate("GraphLayout", text); }

// Checks what libgvc would otherwise accept silently or crash on.
std::optional<Error> validate(const GraphLayout::Input& input, QHash<QString, int>& indexOf)
{
    indexOf.reserve(input.nodes.size());
    for (qsizetype i = 0; i < input.nodes.size(); ++i) {
        const auto& node = input.nodes[i];
        if (node.id.isEmpty())
            return Error::make(Error::Code::InvalidInput, tr("A graph node has no id."));
        if (!(node.width > 0.0) || !(node.height > 0.0))
            return Error::make(Error::Code::InvalidInput, tr("The graph node %1 has no size.").arg(node.id));
        if (indexOf.contains(node.id))
            return Error::make(Error::Code::InvalidInput, tr("The graph node %1 appears twice.").arg(node.id));
        indexOf.insert(node.id, int(i));
    }
    for (const auto& edge : input.edges) {
        for (const QString& end : {edge.from, edge.to}) {
            if (!indexOf.contains(end))
                return Error::make(Error::Code::InvalidInput,
                                   tr("A graph edge %1 → %2 names the unknown node %3.")
                                       .arg(edge.from, edge.to, end));
        }
    }
    return std::nullopt;
}

// The order in which nodes are handed to dot. Its crossing minimization starts
// from the order nodes and edges were created in, so feeding them in the order
// of their previous cross-rank coordinate (y when left to right) is the one
// way to make dot lean towards the previous picture. Nodes without a hint keep
// their input order after the hinted ones of similar position.
std::vector<int> creationOrder(const GraphLayout::Input& input)
{
    std::vector<int> order(size_t(input.nodes.size()));
    std::iota(order.begin(), order.end(), 0);
    if (input.previousPositions.isEmpty())
        return order;
    const auto crossCoordinate = [&](int index) {
        const QPointF p = input.previousPositions.value(input.nodes[index].id);
        return input.leftToRight ? p.y() : p.x();
    };
    const auto hinted = [&](int index) { return input.previousPositions.contains(input.nodes[index].id); };
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const bool ha = hinted(a), hb = hinted(b);
        if (ha != hb)
            return ha; // hinted nodes first: new ones go below/right of the old picture
        return ha && crossCoordinate(a) < crossCoordinate(b);
    });
    return order;
}

QString escaped(const QString& text)
{
    QString out;
    out.reserve(text.size() + 8);
    for (const QChar c : text) {
        if (c == u'\\')
            out += u"\\\\"_s;
        else if (c == u'"')
            out += u"\\\""_s;
        else if (c == u'\n')
            out += u"\\n"_s;
        else if (c != u'\r')
            out += c;
    }
    return out;
}

QString number(double value) { return QString::number(value, 'g', 8); }

} // namespace

driftline::Result<GraphLayout::Result> GraphLayout::layout(const Input& input)
{
    QHash<QString, int> indexOf;
    if (auto error = validate(input, indexOf))
        return fail(std::move(*error));

    Result result;
    if (input.nodes.isEmpty())
        return result;

    // libgvc and cgraph are not reentrant (global error state, string pools,
    // setlocale inside gvLayout): one layout at a time in the whole process.
    static QMutex mutex;
    QMutexLocker locker(&mutex);

    QByteArray errors;
    ErrorCapture capture(&errors);
    const auto failure = [&](const QString& what) {
        QString detail = QString::fromUtf8(errors).trimmed();
        if (detail.isEmpty())
            detail = QString::fromUtf8(aglasterr()).trimmed();
        return fail(Error::make(Error::Code::Generic, what).withDetail(detail));
    };

    ContextHandle context(gvContext());
    if (!context)
        return failure(tr("Graphviz could not be started."));
    GraphHandle graph(agopen(cstr("driftline"), Agdirected, nullptr));
    if (!graph)
        return failure(tr("Graphviz could not create a graph."));
    Agraph_t* g = graph.get();

    agattr(g, AGRAPH, cstr("rankdir"), cstr(input.leftToRight ? "LR" : "TB"));
    agattr(g, AGRAPH, cstr("nodesep"), cstr(inches(input.nodeSeparation)));
    agattr(g, AGRAPH, cstr("ranksep"), cstr(inches(input.rankSeparation)));
    agattr(g, AGNODE, cstr("shape"), cstr("box"));
    agattr(g, AGNODE, cstr("fixedsize"), cstr("true"));
    // Labels do not change a fixed-size box; leaving them out spares dot the
    // text measuring.
    agattr(g, AGNODE, cstr("label"), cstr(""));
    Agsym_t* widthSymbol = agattr(g, AGNODE, cstr("width"), cstr("0.75"));
    Agsym_t* heightSymbol = agattr(g, AGNODE, cstr("height"), cstr("0.5"));

    const std::vector<int> order = creationOrder(input);
    std::vector<Agnode_t*> agNodes(size_t(input.nodes.size()), nullptr);
    std::vector<int> rank(order.size()); // position of each input node in creation order
    for (size_t position = 0; position < order.size(); ++position) {
        const int index = order[position];
        rank[size_t(index)] = int(position);
        const auto& node = input.nodes[index];
        const QByteArray name = "n" + QByteArray::number(index);
        Agnode_t* n = agnode(g, cstr(name), 1);
        if (!n)
            return failure(tr("Graphviz could not create the node %1.").arg(node.id));
        agxset(n, widthSymbol, cstr(inches(node.width)));
        agxset(n, heightSymbol, cstr(inches(node.height)));
        agNodes[size_t(index)] = n;
    }

    // Edges are created in the order of their ends (same reason as the nodes);
    // results are reported in input order.
    std::vector<int> edgeOrder(size_t(input.edges.size()));
    std::iota(edgeOrder.begin(), edgeOrder.end(), 0);
    if (!input.previousPositions.isEmpty()) {
        std::stable_sort(edgeOrder.begin(), edgeOrder.end(), [&](int a, int b) {
            const auto& ea = input.edges[a];
            const auto& eb = input.edges[b];
            const auto ka = std::pair(rank[size_t(indexOf.value(ea.from))], rank[size_t(indexOf.value(ea.to))]);
            const auto kb = std::pair(rank[size_t(indexOf.value(eb.from))], rank[size_t(indexOf.value(eb.to))]);
            return ka < kb;
        });
    }
    std::vector<Agedge_t*> agEdges(size_t(input.edges.size()), nullptr);
    for (const int index : edgeOrder) {
        const auto& edge = input.edges[index];
        Agedge_t* e = agedge(g, agNodes[size_t(indexOf.value(edge.from))],
                             agNodes[size_t(indexOf.value(edge.to))], nullptr, 1);
        if (!e)
            return failure(tr("Graphviz could not create the edge %1 → %2.").arg(edge.from, edge.to));
        agEdges[size_t(index)] = e;
    }

    if (gvLayout(context.get(), g, "dot") != 0)
        return failure(tr("Graphviz could not lay out the graph."));
    const LayoutGuard laidOut(context.get(), g);

    const boxf bb = GD_bb(g);
    const double left = bb.LL.x;
    const double top = bb.UR.y;
    // Graphviz puts the origin bottom left with y up; the view wants top left, y down.
    const auto toView = [&](pointf p) { return QPointF(p.x - left, top - p.y); };
    result.bounds = QRectF(0.0, 0.0, bb.UR.x - bb.LL.x, bb.UR.y - bb.LL.y);

    result.nodes.reserve(input.nodes.size());
    for (qsizetype i = 0; i < input.nodes.size(); ++i) {
        Agnode_t* n = agNodes[size_t(i)];
        const double width = ND_width(n) * PointsPerInch;
        const double height = ND_height(n) * PointsPerInch;
        const QPointF centre = toView(ND_coord(n));
        result.nodes.insert(input.nodes[i].id,
                            QRectF(centre.x() - width / 2.0, centre.y() - height / 2.0, width, height));
    }

    // dot centres each rank and starts its drawing at the origin, so a node more in one
    // rank shifts everything else by a little. With hints, the new drawing is moved
    // by the median offset of the hinted nodes, so the bulk of an unchanged picture
    // lands where it was (bounds then need not start at the origin).
    QPointF shift;
    if (!input.previousPositions.isEmpty()) {
        std::vector<double> dx;
        std::vector<double> dy;
        for (const auto& [id, rect] : result.nodes.asKeyValueRange()) {
            const auto hint = input.previousPositions.constFind(id);
            if (hint == input.previousPositions.cend())
                continue;
            dx.push_back(hint->x() - rect.center().x());
            dy.push_back(hint->y() - rect.center().y());
        }
        if (!dx.empty()) {
            const auto median = [](std::vector<double>& v) {
                std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(v.size() / 2), v.end());
                return v[v.size() / 2];
            };
            shift = QPointF(median(dx), median(dy));
            for (QRectF& rect : result.nodes)
                rect.translate(shift);
            result.bounds.translate(shift);
        }
    }
    const auto toScene = [&](pointf p) { return toView(p) + shift; };

    result.edges.reserve(input.edges.size());
    for (qsizetype i = 0; i < input.edges.size(); ++i) {
        Result::EdgePath path;
        path.from = input.edges[i].from;
        path.to = input.edges[i].to;
        if (const splines* spl = ED_spl(agEdges[size_t(i)])) {
            for (int b = 0; b < spl->size; ++b) {
                const bezier& curve = spl->list[b];
                for (int p = 0; p < curve.size; ++p)
                    path.points.append(toScene(curve.list[p]));
                if (curve.eflag) {
                    path.hasArrow = true;
                    path.arrowHead = toScene(curve.ep);
                }
            }
        }
        result.edges.append(std::move(path));
    }
    return result;
}

QString GraphLayout::toDot(const Input& input)
{
    QHash<QString, int> indexOf;
    indexOf.reserve(input.nodes.size());
    for (qsizetype i = 0; i < input.nodes.size(); ++i)
        indexOf.insert(input.nodes[i].id, int(i));

    // Hints go out as Graphviz writes positions itself: points, y up.
    double maxY = 0.0;
    for (const QPointF& p : input.previousPositions)
        maxY = std::max(maxY, p.y());

    QString dot;
    dot.reserve(128 + input.nodes.size() * 96 + input.edges.size() * 32);
    dot += u"digraph driftline {\n"_s;
    dot += u"  graph [rankdir="_s % (input.leftToRight ? u"LR"_s : u"TB"_s)
        % u", nodesep="_s % number(input.nodeSeparation / PointsPerInch)
        % u", ranksep="_s % number(input.rankSeparation / PointsPerInch) % u"];\n"_s;
    dot += u"  node [shape=box, fixedsize=true];\n"_s;
    for (qsizetype i = 0; i < input.nodes.size(); ++i) {
        const auto& node = input.nodes[i];
        const QString label = node.label.isEmpty() ? node.id : node.label;
        dot += u"  n"_s % QString::number(i) % u" [id=\""_s % escaped(node.id) % u"\", label=\""_s
            % escaped(label) % u"\", width="_s % number(node.width / PointsPerInch) % u", height="_s
            % number(node.height / PointsPerInch);
        const auto hint = input.previousPositions.constFind(node.id);
        if (hint != input.previousPositions.constEnd())
            dot += u", pos=\""_s % number(hint->x()) % u',' % number(maxY - hint->y()) % u'"';
        dot += u"];\n"_s;
    }
    for (const auto& edge : input.edges) {
        const auto from = indexOf.constFind(edge.from);
        const auto to = indexOf.constFind(edge.to);
        if (from == indexOf.constEnd() || to == indexOf.constEnd()) {
            // layout() refuses such an edge; in text, say what was left out.
            dot += u"  // left out: an edge to an unknown node\n"_s;
            continue;
        }
        dot += u"  n"_s % QString::number(*from) % u" -> n"_s % QString::number(*to);
        if (!edge.style.isEmpty())
            dot += u" [style=\""_s % escaped(edge.style) % u"\"]"_s;
        dot += u";\n"_s;
    }
    dot += u"}\n"_s;
    return dot;
}

} // namespace driftline::engine
