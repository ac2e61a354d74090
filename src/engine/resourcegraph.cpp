#include "engine/resourcegraph.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace driftline::engine {

namespace {

// One reference an object makes to another, before we know whether the target exists.
struct Reference {
    EdgeType type;
    ResourceKey target; // version cleared
    QString detail;
    bool optional = false; // absent target is fine (optional: true, the implicit "default" ServiceAccount)
};

QJsonObject obj(const QJsonObject& o, QLatin1StringView key)
{
    return o.value(key).toObject();
}

QString str(const QJsonObject& o, QLatin1StringView key)
{
    return o.value(key).toString();
}

QJsonArray arr(const QJsonObject& o, QLatin1StringView key)
{
    return o.value(key).toArray();
}

ResourceKey keyOf(const QString& group, const QString& kind, const QString& ns, const QString& name)
{
    return ResourceKey{group, QString(), kind, ns, name};
}

QString groupOf(const QString& apiVersion)
{
    const qsizetype slash = apiVersion.indexOf(u'/');
    return slash < 0 ? QString() : apiVersion.left(slash);
}

// Where the pod spec of a workload lives; nullopt for kinds without one.
std::optional<QJsonObject> podTemplateOf(const ResourceKey& key, const QJsonObject& object)
{
    const QJsonObject spec = obj(object, "spec"_L1);
    if (key.group.isEmpty() && key.kind == u"Pod"_s)
        return object;
    const bool apps = key.group == u"apps"_s
        && (key.kind == u"Deployment"_s || key.kind == u"StatefulSet"_s || key.kind == u"DaemonSet"_s
            || key.kind == u"ReplicaSet"_s);
    if (apps || (key.group == u"batch"_s && key.kind == u"Job"_s)
        || (key.group.isEmpty() && key.kind == u"ReplicationController"_s))
        return obj(spec, "template"_L1);
    if (key.group == u"batch"_s && key.kind == u"CronJob"_s)
        return obj(obj(obj(spec, "jobTemplate"_L1), "spec"_L1), "template"_L1);
    return std::nullopt;
}

void podSpecReferences(const QJsonObject& podSpec, const QString& ns, QList<Reference>& out)
{
    const auto add = [&](const QString& kind, const QString& name, const QString& detail, bool optional) {
        if (!name.isEmpty())
            out.append({EdgeType::Uses, keyOf({}, kind, ns, name), detail, optional});
    };
    for (const QJsonValue& v : arr(podSpec, "volumes"_L1)) {
        const QJsonObject volume = v.toObject();
        const QString detail = u"volume "_s + str(volume, "name"_L1);
        if (const QJsonObject cm = obj(volume, "configMap"_L1); !cm.isEmpty())
            add(u"ConfigMap"_s, str(cm, "name"_L1), detail, cm.value("optional"_L1).toBool());
        if (const QJsonObject secret = obj(volume, "secret"_L1); !secret.isEmpty())
            add(u"Secret"_s, str(secret, "secretName"_L1), detail, secret.value("optional"_L1).toBool());
        if (const QJsonObject pvc = obj(volume, "persistentVolumeClaim"_L1); !pvc.isEmpty())
            add(u"PersistentVolumeClaim"_s, str(pvc, "claimName"_L1), detail, false);
        for (const QJsonValue& s : arr(obj(volume, "projected"_L1), "sources"_L1)) {
            const QJsonObject source = s.toObject();
            if (const QJsonObject cm = obj(source, "configMap"_L1); !cm.isEmpty())
                add(u"ConfigMap"_s, str(cm, "name"_L1), detail, cm.value("optional"_L1).toBool());
            if (const QJsonObject secret = obj(source, "secret"_L1); !secret.isEmpty())
                add(u"Secret"_s, str(secret, "name"_L1), detail, secret.value("optional"_L1).toBool());
        }
    }
    for (const auto list : {"initContainers"_L1, "containers"_L1}) {
        for (const QJsonValue& c : arr(podSpec, list)) {
            const QJsonObject container = c.toObject();
            for (const QJsonValue& e : arr(container, "env"_L1)) {
                const QJsonObject env = e.toObject();
                const QJsonObject from = obj(env, "valueFrom"_L1);
                const QString detail = u"env "_s + str(env, "name"_L1);
                if (const QJsonObject ref = obj(from, "configMapKeyRef"_L1); !ref.isEmpty())
                    add(u"ConfigMap"_s, str(ref, "name"_L1), detail, ref.value("optional"_L1).toBool());
                if (const QJsonObject ref = obj(from, "secretKeyRef"_L1); !ref.isEmpty())
                    add(u"Secret"_s, str(ref, "name"_L1), detail, ref.value("optional"_L1).toBool());
            }
            for (const QJsonValue& e : arr(container, "envFrom"_L1)) {
                const QJsonObject envFrom = e.toObject();
                if (const QJsonObject ref = obj(envFrom, "configMapRef"_L1); !ref.isEmpty())
                    add(u"ConfigMap"_s, str(ref, "name"_L1), u"envFrom"_s, ref.value("optional"_L1).toBool());
                if (const QJsonObject ref = obj(envFrom, "secretRef"_L1); !ref.isEmpty())
                    add(u"Secret"_s, str(ref, "name"_L1), u"envFrom"_s, ref.value("optional"_L1).toBool());
            }
        }
    }
    for (const QJsonValue& s : arr(podSpec, "imagePullSecrets"_L1))
        add(u"Secret"_s, str(s.toObject(), "name"_L1), u"imagePullSecrets"_s, false);
    QString account = str(podSpec, "serviceAccountName"_L1);
    if (account.isEmpty())
        account = str(podSpec, "serviceAccount"_L1);
    // Every namespace has a "default" ServiceAccount: worth an edge only when it is in the picture.
    if (account.isEmpty())
        add(u"ServiceAccount"_s, u"default"_s, u"serviceAccountName"_s, true);
    else
        add(u"ServiceAccount"_s, account, u"serviceAccountName"_s, false);
}

void routeReferences(const ResourceKey& key, const QJsonObject& object, QList<Reference>& out)
{
    const QJsonObject spec = obj(object, "spec"_L1);
    if (key.kind == u"Ingress"_s && (key.group == u"networking.k8s.io"_s || key.group == u"extensions"_s)) {
        // networking.k8s.io/v1 writes backend.service.name, the older versions backend.serviceName.
        const auto serviceOf = [](const QJsonObject& backend) {
            const QString name = str(obj(backend, "service"_L1), "name"_L1);
            return name.isEmpty() ? str(backend, "serviceName"_L1) : name;
        };
        for (const auto field : {"defaultBackend"_L1, "backend"_L1}) {
            const QString service = serviceOf(obj(spec, field));
            if (!service.isEmpty())
                out.append({EdgeType::Routes, keyOf({}, u"Service"_s, key.namespace_, service), u"defaultBackend"_s});
        }
        for (const QJsonValue& r : arr(spec, "rules"_L1)) {
            const QJsonObject rule = r.toObject();
            const QString host = str(rule, "host"_L1);
            for (const QJsonValue& p : arr(obj(rule, "http"_L1), "paths"_L1)) {
                const QJsonObject path = p.toObject();
                const QString service = serviceOf(obj(path, "backend"_L1));
                if (!service.isEmpty())
                    out.append({EdgeType::Routes, keyOf({}, u"Service"_s, key.namespace_, service),
                        (host.isEmpty() ? u"*"_s : host) + str(path, "path"_L1)});
            }
        }
        return;
    }
    static const QSet<QString> routeKinds {u"HTTPRoute"_s, u"GRPCRoute"_s, u"TCPRoute"_s, u"TLSRoute"_s, u"UDPRoute"_s};
    if (key.group == u"gateway.networking.k8s.io"_s && routeKinds.contains(key.kind)) {
        int index = 0;
        for (const QJsonValue& r : arr(spec, "rules"_L1)) {
            for (const QJsonValue& b : arr(r.toObject(), "backendRefs"_L1)) {
                const QJsonObject ref = b.toObject();
                const QString kind = ref.contains("kind"_L1) ? str(ref, "kind"_L1) : u"Service"_s;
                const QString ns = ref.contains("namespace"_L1) ? str(ref, "namespace"_L1) : key.namespace_;
                if (!str(ref, "name"_L1).isEmpty())
                    out.append({EdgeType::Routes, keyOf(str(ref, "group"_L1), kind, ns, str(ref, "name"_L1)),
                        u"rule %1"_s.arg(index)});
            }
            ++index;
        }
    }
}

void otherReferences(const ResourceKey& key, const QJsonObject& object, QList<Reference>& out)
{
    const QJsonObject spec = obj(object, "spec"_L1);
    if (key.group == u"autoscaling"_s && key.kind == u"HorizontalPodAutoscaler"_s) {
        const QJsonObject target = obj(spec, "scaleTargetRef"_L1);
        if (!str(target, "name"_L1).isEmpty())
            out.append({EdgeType::Scales,
                keyOf(groupOf(str(target, "apiVersion"_L1)), str(target, "kind"_L1), key.namespace_, str(target, "name"_L1)),
                u"scaleTargetRef"_s});
        return;
    }
    const bool roleBinding = key.kind == u"RoleBinding"_s;
    if (key.group == u"rbac.authorization.k8s.io"_s && (roleBinding || key.kind == u"ClusterRoleBinding"_s)) {
        const QJsonObject role = obj(object, "roleRef"_L1);
        const QString kind = str(role, "kind"_L1);
        if (!str(role, "name"_L1).isEmpty())
            out.append({EdgeType::Binds,
                keyOf(u"rbac.authorization.k8s.io"_s, kind, kind == u"Role"_s ? key.namespace_ : QString(),
                    str(role, "name"_L1)),
                u"roleRef"_s});
        for (const QJsonValue& s : arr(object, "subjects"_L1)) {
            const QJsonObject subject = s.toObject();
            // Users and groups are no objects; ServiceAccounts are.
            if (str(subject, "kind"_L1) != u"ServiceAccount"_s)
                continue;
            const QString ns = subject.contains("namespace"_L1) ? str(subject, "namespace"_L1) : key.namespace_;
            out.append({EdgeType::Binds, keyOf({}, u"ServiceAccount"_s, ns, str(subject, "name"_L1)), u"subjects"_s});
        }
    }
}

QList<Reference> referencesOf(const ResourceKey& key, const QJsonObject& object, bool scanPodTemplate)
{
    QList<Reference> refs;
    if (scanPodTemplate) {
        if (const auto pod = podTemplateOf(key, object))
            podSpecReferences(obj(*pod, "spec"_L1), key.namespace_, refs);
    }
    routeReferences(key, object, refs);
    otherReferences(key, object, refs);
    return refs;
}

// Objects every cluster has without anyone applying them: referenced, they are not missing.
bool isBuiltIn(const ResourceKey& key)
{
    if (key.group.isEmpty() && key.kind == u"ConfigMap"_s)
        return key.name == u"kube-root-ca.crt"_s;
    if (key.group.isEmpty() && key.kind == u"ServiceAccount"_s)
        return key.name == u"default"_s;
    if (key.group == u"rbac.authorization.k8s.io"_s && key.kind == u"ClusterRole"_s)
        return key.name.startsWith(u"system:"_s) || key.name == u"cluster-admin"_s || key.name == u"admin"_s
            || key.name == u"edit"_s || key.name == u"view"_s;
    return false;
}

// A label selector (matchLabels and matchExpressions) against labels. `emptyMatchesAll`:
// NetworkPolicy and PodDisruptionBudget select everything with an empty selector.
bool selectorMatches(const QJsonObject& selector, const QJsonObject& labels)
{
    const QJsonObject matchLabels = obj(selector, "matchLabels"_L1);
    for (auto it = matchLabels.begin(); it != matchLabels.end(); ++it) {
        if (labels.value(it.key()).toString() != it.value().toString() || !labels.contains(it.key()))
            return false;
    }
    for (const QJsonValue& e : arr(selector, "matchExpressions"_L1)) {
        const QJsonObject expression = e.toObject();
        const QString label = str(expression, "key"_L1);
        const QString op = str(expression, "operator"_L1);
        QSet<QString> values;
        for (const QJsonValue& v : arr(expression, "values"_L1))
            values.insert(v.toString());
        const bool has = labels.contains(label);
        const bool in = has && values.contains(labels.value(label).toString());
        if ((op == u"In"_s && !in) || (op == u"NotIn"_s && in) || (op == u"Exists"_s && !has)
            || (op == u"DoesNotExist"_s && has))
            return false;
    }
    return true;
}

// The selector of a selecting object, as a LabelSelector; nullopt when it selects nothing.
std::optional<QJsonObject> selectorOf(const ResourceKey& key, const QJsonObject& object)
{
    const QJsonObject spec = obj(object, "spec"_L1);
    if (key.group.isEmpty() && key.kind == u"Service"_s) {
        // A Service without selector (or an ExternalName one) has hand-made endpoints.
        const QJsonObject selector = obj(spec, "selector"_L1);
        if (selector.isEmpty())
            return std::nullopt;
        return QJsonObject{{u"matchLabels"_s, selector}};
    }
    if ((key.group == u"networking.k8s.io"_s && key.kind == u"NetworkPolicy"_s))
        return obj(spec, "podSelector"_L1); // empty: every Pod of the namespace
    if (key.group == u"policy"_s && key.kind == u"PodDisruptionBudget"_s) {
        if (!spec.contains("selector"_L1))
            return std::nullopt;
        return obj(spec, "selector"_L1);
    }
    return std::nullopt;
}

// "9 Healthy, 3 Degraded": a group's or a summary's members by health.
QString breakdown(const QMap<Health::Status, int>& counts)
{
    QStringList parts;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        parts << u"%1 %2"_s.arg(it.value()).arg(HealthAssessor::statusName(it.key()));
    return parts.join(u", "_s);
}

QString plural(const QString& kind)
{
    if (kind.endsWith(u's'))
        return kind;
    if (kind.endsWith(u'y'))
        return kind.chopped(1) + u"ies"_s;
    return kind + u's';
}

} // namespace

QString ResourceGraph::nodeId(const ResourceKey& key)
{
    return kube::LiveSnapshot::groupKind(key.group, key.kind) + u'/' + key.namespace_ + u'/' + key.name;
}

QString ResourceGraph::applicationNodeId(const QString& application)
{
    return u"app:"_s + application;
}

QString ResourceGraph::edgeTypeName(EdgeType type)
{
    switch (type) {
    case EdgeType::Contains:
        return u"contains"_s;
    case EdgeType::Owns:
        return u"owns"_s;
    case EdgeType::Uses:
        return u"uses"_s;
    case EdgeType::Selects:
        return u"selects"_s;
    case EdgeType::Routes:
        return u"routes"_s;
    case EdgeType::Scales:
        return u"scales"_s;
    case EdgeType::Binds:
        return u"binds"_s;
    }
    return {};
}

GraphNode& ResourceGraph::addNode(GraphNode node)
{
    m_nodeIndex.insert(node.id, m_nodes.size());
    m_nodes.append(std::move(node));
    return m_nodes.last();
}

GraphNode* ResourceGraph::mutableNode(const QString& id)
{
    const auto it = m_nodeIndex.constFind(id);
    return it == m_nodeIndex.cend() ? nullptr : &m_nodes[*it];
}

const GraphNode* ResourceGraph::node(const QString& id) const
{
    const auto it = m_nodeIndex.constFind(id);
    return it == m_nodeIndex.cend() ? nullptr : &m_nodes.at(*it);
}

bool ResourceGraph::addEdge(EdgeType type, const QString& from, const QString& to, const QString& detail)
{
    const QString key = QString::number(int(type)) + u'|' + from + u'|' + to;
    if (const auto it = m_edgeKeys.constFind(key); it != m_edgeKeys.cend()) {
        GraphEdge& edge = m_edges[*it];
        // The same ConfigMap mounted and read through envFrom: one edge saying both.
        if (!detail.isEmpty() && !edge.detail.split(u", "_s).contains(detail))
            edge.detail += (edge.detail.isEmpty() ? QString() : u", "_s) + detail;
        return false;
    }
    m_edgeKeys.insert(key, m_edges.size());
    m_from[from].append(m_edges.size());
    m_to[to].append(m_edges.size());
    m_edges.append({type, from, to, detail});
    return true;
}

QList<GraphEdge> ResourceGraph::edgesFrom(const QString& id) const
{
    QList<GraphEdge> out;
    for (const qsizetype i : m_from.value(id))
        out.append(m_edges.at(i));
    return out;
}

QList<GraphEdge> ResourceGraph::edgesTo(const QString& id) const
{
    QList<GraphEdge> out;
    for (const qsizetype i : m_to.value(id))
        out.append(m_edges.at(i));
    return out;
}

ResourceGraph ResourceGraph::build(const Input& input)
{
    ResourceGraph graph;
    const kube::LiveSnapshot empty;
    const kube::LiveSnapshot& live = input.live ? *input.live : empty;

    GraphNode root;
    root.type = GraphNode::Type::Application;
    root.id = applicationNodeId(input.application);
    root.kind = u"Application"_s;
    root.name = input.application;
    if (input.drift) {
        root.sync = input.drift->sync;
        root.health = input.drift->health;
        root.reason = input.drift->reason;
    }
    graph.m_rootId = root.id;
    graph.addNode(root);

    QHash<ResourceKey, const ResourceDrift*> drifts;
    if (input.drift) {
        for (const ResourceDrift& r : input.drift->resources)
            drifts.insert(kube::LiveSnapshot::withoutVersion(r.key), &r);
    }
    QHash<QString, QJsonObject> gitObjects;
    QHash<QString, QJsonObject> liveObjects;
    QSet<QString> members; // in Git or tracked: what the application itself holds

    const auto ensure = [&](const ResourceKey& rawKey) -> GraphNode& {
        const ResourceKey key = kube::LiveSnapshot::withoutVersion(rawKey);
        const QString id = nodeId(key);
        if (GraphNode* existing = graph.mutableNode(id))
            return *existing;
        GraphNode node;
        node.id = id;
        node.key = key;
        node.kind = key.kind;
        node.name = key.name;
        node.namespace_ = key.namespace_;
        if (const auto object = live.object(key)) {
            node.live = true;
            liveObjects.insert(id, *object);
        }
        if (const auto it = drifts.constFind(key); it != drifts.cend()) {
            const ResourceDrift& r = **it;
            node.sync = r.sync;
            if (r.healthChecked)
                node.health = r.health.status;
            node.reason = r.reason.isEmpty() ? r.health.message : r.reason;
        } else if (node.live && HealthAssessor::hasHealthCheck(liveObjects.value(id))) {
            const Health health = HealthAssessor::assess(liveObjects.value(id));
            node.health = health.status;
            node.reason = health.message;
        }
        return graph.addNode(node);
    };

    for (const Resource& resource : input.desired) {
        GraphNode& node = ensure(resource.key());
        node.inGit = true;
        gitObjects.insert(node.id, resource.object());
        members.insert(node.id);
    }
    for (const ResourceKey& key : live.applicationKeys(input.application))
        members.insert(ensure(key).id);

    // Live children through ownerReferences, breadth first (ensure() stops cycles).
    QList<QString> queue(members.begin(), members.end());
    std::sort(queue.begin(), queue.end());
    for (qsizetype i = 0; i < queue.size(); ++i) {
        const GraphNode* owner = graph.node(queue.at(i));
        if (!owner->live)
            continue;
        const ResourceKey ownerKey = owner->key;
        for (const ResourceKey& child : live.children(ownerKey)) {
            const bool known = graph.node(nodeId(child)) != nullptr;
            const QString childId = ensure(child).id;
            if (!known)
                queue.append(childId);
        }
        // Endpoints have no ownerReference: they carry their Service's name.
        if (ownerKey.group.isEmpty() && ownerKey.kind == u"Service"_s) {
            const ResourceKey endpoints{{}, {}, u"Endpoints"_s, ownerKey.namespace_, ownerKey.name};
            if (live.contains(endpoints)) {
                const QString endpointsId = ensure(endpoints).id;
                graph.addEdge(EdgeType::Owns, queue.at(i), endpointsId, {});
            }
        }
    }
    for (const GraphNode& node : std::as_const(graph.m_nodes)) {
        const QJsonObject object = liveObjects.value(node.id);
        for (const QJsonValue& v : object.value("metadata"_L1).toObject().value("ownerReferences"_L1).toArray()) {
            const auto ownerKey = live.keyOfUid(v.toObject().value("uid"_L1).toString());
            if (ownerKey && graph.node(nodeId(*ownerKey)))
                graph.addEdge(EdgeType::Owns, nodeId(*ownerKey), node.id, {});
        }
    }
    const auto owned = [&](const QString& id) {
        const QList<qsizetype> incoming = graph.m_to.value(id);
        return std::any_of(incoming.begin(), incoming.end(),
            [&](qsizetype e) { return graph.m_edges.at(e).type == EdgeType::Owns; });
    };
    const qsizetype resourceCount = graph.m_nodes.size();
    for (qsizetype i = 1; i < resourceCount; ++i) {
        const QString id = graph.m_nodes.at(i).id;
        if (members.contains(id) && !owned(id))
            graph.addEdge(EdgeType::Contains, graph.m_rootId, id, {});
    }

    // Selections, among the Pods and the workloads nothing else owns (a Deployment's
    // ReplicaSets carry the same labels; one edge to the Deployment says it).
    struct Selectable {
        QString id;
        QString namespace_;
        QJsonObject labels;
    };
    QList<Selectable> selectable;
    for (qsizetype i = 1; i < resourceCount; ++i) {
        const GraphNode& node = graph.m_nodes.at(i);
        const QJsonObject object = liveObjects.contains(node.id) ? liveObjects.value(node.id) : gitObjects.value(node.id);
        const bool pod = node.key.group.isEmpty() && node.key.kind == u"Pod"_s;
        if (pod)
            selectable.append({node.id, node.namespace_, obj(obj(object, "metadata"_L1), "labels"_L1)});
        else if (const auto tmpl = podTemplateOf(node.key, object); tmpl && !owned(node.id))
            selectable.append({node.id, node.namespace_, obj(obj(*tmpl, "metadata"_L1), "labels"_L1)});
    }

    for (qsizetype i = 1; i < resourceCount; ++i) {
        const GraphNode node = graph.m_nodes.at(i);
        QList<QJsonObject> objects;
        if (liveObjects.contains(node.id))
            objects.append(liveObjects.value(node.id));
        // Git's side too: an unsynced reference is the one that will fail next.
        if (gitObjects.contains(node.id))
            objects.append(gitObjects.value(node.id));
        // A controller's children repeat its template: their references add only noise.
        const bool scanTemplate = !owned(node.id);
        for (const QJsonObject& object : std::as_const(objects)) {
            if (const auto selector = selectorOf(node.key, object)) {
                for (const Selectable& s : std::as_const(selectable)) {
                    if (s.id != node.id && s.namespace_ == node.namespace_ && selectorMatches(*selector, s.labels))
                        graph.addEdge(EdgeType::Selects, node.id, s.id, {});
                }
            }
            for (const Reference& ref : referencesOf(node.key, object, scanTemplate)) {
                const QString targetId = nodeId(ref.target);
                if (!graph.node(targetId)) {
                    const bool exists = live.contains(ref.target) || input.existingKeys.contains(ref.target);
                    if (!exists && ref.optional)
                        continue;
                    GraphNode& target = ensure(ref.target);
                    if (target.live || exists || isBuiltIn(ref.target)) {
                        target.live = true;
                        target.external = true;
                    } else {
                        target.missing = true;
                        target.health = Health::Status::Missing;
                        target.reason = tr("Referenced by %1, but neither in Git nor in the cluster.")
                                            .arg(node.key.displayName());
                    }
                }
                graph.addEdge(ref.type, node.id, targetId, ref.detail);
            }
        }
    }
    return graph;
}

ResourceGraph ResourceGraph::fold(const ResourceGraph& graph, int threshold, const QSet<QString>& expandedGroups)
{
    return foldSiblings(graph, threshold, expandedGroups, {});
}

ResourceGraph ResourceGraph::foldSiblings(
    const ResourceGraph& graph, int threshold, const QSet<QString>& expandedGroups, const QSet<QString>& keep)
{
    // Sibling sets: children of one owner through Owns edges, by kind.
    QHash<QString, QString> memberGroup; // member id -> group id
    QMap<QString, QStringList> groups; // group id -> member ids
    for (const GraphNode& owner : graph.m_nodes) {
        QMap<QString, QStringList> byKind;
        for (const qsizetype e : graph.m_from.value(owner.id)) {
            const GraphEdge& edge = graph.m_edges.at(e);
            if (edge.type != EdgeType::Owns)
                continue;
            const GraphNode* child = graph.node(edge.to);
            // A child of two owners folds under the first.
            if (child && child->type == GraphNode::Type::Resource && !keep.contains(child->id)
                && !memberGroup.contains(child->id))
                byKind[child->key.groupKind()].append(child->id);
        }
        for (auto it = byKind.cbegin(); it != byKind.cend(); ++it) {
            const QString id = u"group:"_s + owner.id + u'/' + it.key();
            // graph.node(id): a group of that name exists already (a second fold).
            if (it.value().size() <= threshold || expandedGroups.contains(id) || graph.node(id))
                continue;
            QStringList ids = it.value();
            ids.sort();
            for (const QString& member : std::as_const(ids))
                memberGroup.insert(member, id);
            groups.insert(id, ids);
        }
    }
    if (groups.isEmpty())
        return graph;

    ResourceGraph folded;
    folded.m_rootId = graph.m_rootId;
    for (const GraphNode& node : graph.m_nodes) {
        const QString group = memberGroup.value(node.id);
        if (group.isEmpty()) {
            folded.addNode(node);
            continue;
        }
        if (folded.node(group))
            continue;
        // The group takes the place of its first member.
        GraphNode g;
        g.id = group;
        g.type = GraphNode::Type::Group;
        g.kind = node.kind;
        g.namespace_ = node.namespace_;
        g.members = groups.value(group);
        for (const QString& id : std::as_const(g.members)) {
            const GraphNode* member = graph.node(id);
            g.inGit = g.inGit || member->inGit;
            g.live = g.live || member->live;
            if (member->health) {
                ++g.healthCounts[*member->health];
                g.health = g.health ? HealthAssessor::worse(*g.health, *member->health) : *member->health;
            }
            if (member->sync) {
                ++g.syncCounts[*member->sync];
                g.sync = g.sync ? DriftStatus::worse(*g.sync, *member->sync) : *member->sync;
            }
        }
        g.name = tr("%1 %2", "a folded group: count and kind").arg(g.members.size()).arg(plural(g.kind));
        g.reason = breakdown(g.healthCounts);
        folded.addNode(g);
    }
    for (const GraphEdge& edge : graph.m_edges) {
        const QString from = memberGroup.value(edge.from, edge.from);
        const QString to = memberGroup.value(edge.to, edge.to);
        if (from != to)
            folded.addEdge(edge.type, from, to, edge.detail);
    }
    return folded;
}

ResourceGraph ResourceGraph::collapse(
    const ResourceGraph& graph, const QHash<QString, QString>& into, const QHash<QString, GraphNode>& summaries)
{
    ResourceGraph out;
    out.m_rootId = graph.m_rootId;
    for (const GraphNode& node : graph.m_nodes) {
        const auto it = into.constFind(node.id);
        if (it == into.cend())
            out.addNode(node);
        else if (!out.node(*it))
            out.addNode(summaries.value(*it)); // where its first member was
    }
    for (const GraphEdge& edge : graph.m_edges) {
        const QString from = into.value(edge.from, edge.from);
        const QString to = into.value(edge.to, edge.to);
        if (from != to)
            out.addEdge(edge.type, from, to, edge.detail);
    }
    return out;
}

bool ResourceGraph::needsAttention(const GraphNode& node)
{
    if (node.missing)
        return true;
    if (node.health && (*node.health == Health::Status::Degraded || *node.health == Health::Status::Missing))
        return true;
    return node.sync && (*node.sync == SyncStatus::OutOfSync || *node.sync == SyncStatus::Missing);
}

ResourceGraph::Simplified ResourceGraph::simplify(
    const ResourceGraph& graph, int maxNodes, const QSet<QString>& expandedGroups)
{
    Simplified result;
    result.nodesBefore = int(graph.m_nodes.size());
    result.graph = graph;
    if (graph.m_nodes.size() <= maxNodes) {
        result.nodesShown = result.nodesBefore;
        return result;
    }

    // What must stay: the nodes that need attention and their way to the root. The
    // way is the owner chain up to the top level (the picture people expect: the
    // Deployment above the ReplicaSet above the crashing Pod), else the first
    // node that reached it in a breadth-first walk from the root (the Deployment
    // that mounts a missing ConfigMap).
    QHash<QString, QString> reachedFrom;
    {
        QList<QString> queue {graph.m_rootId};
        QSet<QString> seen {graph.m_rootId};
        for (qsizetype i = 0; i < queue.size(); ++i) {
            for (const qsizetype e : graph.m_from.value(queue.at(i))) {
                const QString& to = graph.m_edges.at(e).to;
                if (seen.contains(to))
                    continue;
                seen.insert(to);
                reachedFrom.insert(to, queue.at(i));
                queue.append(to);
            }
        }
    }
    const auto parentOf = [&](const QString& id) -> QString {
        for (const qsizetype e : graph.m_to.value(id)) {
            if (graph.m_edges.at(e).type == EdgeType::Owns)
                return graph.m_edges.at(e).from;
        }
        return reachedFrom.value(id);
    };
    QSet<QString> keep {graph.m_rootId};
    QSet<QString> walked; // nodes whose way up is marked already
    for (const GraphNode& node : graph.m_nodes) {
        if (node.type == GraphNode::Type::Application)
            keep.insert(node.id);
        if (!needsAttention(node))
            continue;
        for (QString id = node.id; !id.isEmpty() && !walked.contains(id); id = parentOf(id)) {
            walked.insert(id);
            keep.insert(id);
        }
    }

    // 1. Smaller sibling sets fold too.
    ResourceGraph current = foldSiblings(graph, 2, expandedGroups, keep);

    // Who a collapsed node stands for: a group's members, else itself.
    const auto hiddenResources = [](const ResourceGraph& g, const QStringList& ids) {
        QStringList out;
        for (const QString& id : ids) {
            const GraphNode* n = g.node(id);
            if (n->type == GraphNode::Type::Group)
                out += n->members;
            else if (n->type == GraphNode::Type::Resource)
                out.append(id);
        }
        out.sort();
        return out;
    };
    const auto makeSummary = [&](const ResourceGraph& g, const QString& id, const QStringList& ids) {
        GraphNode s;
        s.id = id;
        s.type = GraphNode::Type::Group;
        s.members = hiddenResources(g, ids);
        QMap<QString, int> kinds;
        QSet<QString> namespaces;
        for (const QString& memberId : ids) {
            const GraphNode* n = g.node(memberId);
            s.inGit = s.inGit || n->inGit;
            s.live = s.live || n->live;
            namespaces.insert(n->namespace_);
            if (n->type == GraphNode::Type::Group) {
                kinds[n->kind] += int(n->members.size());
                for (auto it = n->healthCounts.cbegin(); it != n->healthCounts.cend(); ++it)
                    s.healthCounts[it.key()] += it.value();
                for (auto it = n->syncCounts.cbegin(); it != n->syncCounts.cend(); ++it)
                    s.syncCounts[it.key()] += it.value();
            } else {
                ++kinds[n->kind];
                if (n->health)
                    ++s.healthCounts[*n->health];
                if (n->sync)
                    ++s.syncCounts[*n->sync];
            }
        }
        for (auto it = s.healthCounts.cbegin(); it != s.healthCounts.cend(); ++it)
            s.health = s.health ? HealthAssessor::worse(*s.health, it.key()) : it.key();
        for (auto it = s.syncCounts.cbegin(); it != s.syncCounts.cend(); ++it)
            s.sync = s.sync ? DriftStatus::worse(*s.sync, it.key()) : it.key();
        // The kind most of them are, for the icon (the first in name order on a tie).
        int most = 0;
        for (auto it = kinds.cbegin(); it != kinds.cend(); ++it) {
            if (it.value() > most) {
                most = it.value();
                s.kind = it.key();
            }
        }
        if (namespaces.size() == 1)
            s.namespace_ = *namespaces.cbegin();
        const bool healthy = (!s.health || *s.health == Health::Status::Healthy)
            && (!s.sync || *s.sync == SyncStatus::Synced);
        s.name = tr("%1 more · %2", "a summary of hidden resources: count and how they are")
                     .arg(s.members.size())
                     .arg(healthy ? tr("healthy") : HealthAssessor::statusName(s.health.value_or(Health::Status::Unknown)));
        s.reason = breakdown(s.healthCounts);
        return s;
    };
    // Resources an application contains directly: the top level.
    const auto topLevel = [](const ResourceGraph& g) {
        QList<QPair<QString, QString>> out; // (application id, resource id)
        QSet<QString> seen;
        for (const GraphEdge& e : g.m_edges) {
            if (e.type != EdgeType::Contains || seen.contains(e.to))
                continue;
            const GraphNode* from = g.node(e.from);
            const GraphNode* to = g.node(e.to);
            if (from->type == GraphNode::Type::Application && to->type != GraphNode::Type::Application) {
                seen.insert(e.to);
                out.append({e.from, e.to});
            }
        }
        return out;
    };
    // Everything beneath `id` through ownership that may go, in breadth-first order.
    const auto ownedBelow = [&keep](const ResourceGraph& g, const QString& id, QSet<QString>& claimed) {
        QStringList out;
        QList<QString> queue {id};
        for (qsizetype i = 0; i < queue.size(); ++i) {
            for (const qsizetype e : g.m_from.value(queue.at(i))) {
                const GraphEdge& edge = g.m_edges.at(e);
                if (edge.type != EdgeType::Owns || claimed.contains(edge.to)
                    || g.node(edge.to)->type == GraphNode::Type::Application)
                    continue;
                claimed.insert(edge.to);
                queue.append(edge.to);
                if (!keep.contains(edge.to))
                    out.append(edge.to);
            }
        }
        return out;
    };
    struct Candidate {
        QString summaryId;
        QStringList ids;
    };
    // Collapses the largest candidates until the graph fits.
    const auto collapseLargest = [&](QList<Candidate> candidates) {
        std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
            return a.ids.size() != b.ids.size() ? a.ids.size() > b.ids.size() : a.summaryId < b.summaryId;
        });
        qsizetype count = current.m_nodes.size();
        QHash<QString, QString> into;
        QHash<QString, GraphNode> summaries;
        for (const Candidate& c : std::as_const(candidates)) {
            if (count <= maxNodes)
                break;
            if (c.ids.size() < 2 || expandedGroups.contains(c.summaryId))
                continue;
            for (const QString& id : c.ids)
                into.insert(id, c.summaryId);
            summaries.insert(c.summaryId, makeSummary(current, c.summaryId, c.ids));
            count -= c.ids.size() - 1;
        }
        if (!into.isEmpty())
            current = collapse(current, into, summaries);
    };

    // 2. What a top-level resource owns collapses beneath it.
    if (current.m_nodes.size() > maxNodes) {
        QList<Candidate> candidates;
        QSet<QString> claimed;
        const auto tops = topLevel(current);
        for (const auto& [application, id] : tops)
            claimed.insert(id);
        for (const auto& [application, id] : tops)
            candidates.append({u"summary:"_s + id, ownedBelow(current, id, claimed)});
        collapseLargest(candidates);
    }

    // 3. Top-level resources that may go collapse by kind, with what they own.
    if (current.m_nodes.size() > maxNodes) {
        QMap<QString, QStringList> byKind; // summary id -> ids
        QSet<QString> claimed;
        const auto tops = topLevel(current);
        for (const auto& [application, id] : tops)
            claimed.insert(id);
        for (const auto& [application, id] : tops) {
            if (keep.contains(id))
                continue;
            QStringList& ids = byKind[u"summary:"_s + application + u'/' + current.node(id)->key.groupKind()];
            ids.append(id);
            ids += ownedBelow(current, id, claimed);
        }
        QList<Candidate> candidates;
        for (auto it = byKind.cbegin(); it != byKind.cend(); ++it)
            candidates.append({it.key(), it.value()});
        collapseLargest(candidates);
    }

    result.graph = current;
    result.nodesShown = int(current.m_nodes.size());
    for (const GraphNode& n : current.m_nodes) {
        if (n.type == GraphNode::Type::Group && !graph.node(n.id))
            result.resourcesHidden += int(n.members.size());
    }
    return result;
}

QString ResourceGraph::environmentNodeId(const QString& environment)
{
    return u"env:"_s + environment;
}

ResourceGraph ResourceGraph::buildEnvironment(const EnvironmentInput& input)
{
    ResourceGraph graph;
    GraphNode root;
    root.type = GraphNode::Type::Application;
    root.id = environmentNodeId(input.environment);
    root.kind = u"Environment"_s;
    root.name = input.environment;
    if (input.drift) {
        root.sync = input.drift->sync;
        root.health = input.drift->health;
    }
    graph.m_rootId = root.id;
    graph.addNode(root);

    for (const EnvironmentInput::Application& application : input.applications) {
        const ResourceGraph one =
            build({application.name, application.desired, input.live, application.drift, input.existingKeys});
        for (const GraphNode& node : one.m_nodes) {
            GraphNode* existing = graph.mutableNode(node.id);
            if (!existing) {
                graph.addNode(node);
                continue;
            }
            // One object seen by two applications: it exists if either knows it, belongs
            // to the environment if either holds it, and the holder's status counts.
            const bool takeStatus = (existing->missing || existing->external) && !node.missing && !node.external;
            existing->inGit = existing->inGit || node.inGit;
            existing->live = existing->live || node.live;
            existing->missing = existing->missing && node.missing;
            existing->external = existing->external && node.external;
            if (takeStatus || (!existing->sync && !existing->health)) {
                existing->sync = node.sync;
                existing->health = node.health;
                existing->reason = node.reason;
            }
        }
        graph.addEdge(EdgeType::Contains, root.id, one.m_rootId, {});
        for (const GraphEdge& edge : one.m_edges)
            graph.addEdge(edge.type, edge.from, edge.to, edge.detail);
    }
    return graph;
}

QString ResourceGraph::nodeShowing(const ResourceGraph& graph, const ResourceKey& key)
{
    const QString id = nodeId(kube::LiveSnapshot::withoutVersion(key));
    if (graph.node(id))
        return id;
    for (const GraphNode& n : graph.m_nodes) {
        if (n.type == GraphNode::Type::Group && n.members.contains(id))
            return n.id;
    }
    return {};
}

ResourceGraph ResourceGraph::selection(const ResourceGraph& graph, const QList<ResourceKey>& resources)
{
    QSet<QString> ids;
    for (const ResourceKey& key : resources) {
        const QString id = nodeShowing(graph, key);
        if (!id.isEmpty())
            ids.insert(id);
    }
    return selectionOfNodes(graph, ids);
}

ResourceGraph ResourceGraph::selectionOfNodes(const ResourceGraph& graph, const QSet<QString>& nodeIds)
{
    ResourceGraph out;
    QSet<QString> chosen;
    for (const QString& id : nodeIds) {
        if (graph.node(id))
            chosen.insert(id);
    }
    if (chosen.isEmpty())
        return out;
    QSet<QString> included = chosen;
    for (const QString& id : std::as_const(chosen)) {
        for (const qsizetype e : graph.m_from.value(id))
            included.insert(graph.m_edges.at(e).to);
        for (const qsizetype e : graph.m_to.value(id))
            included.insert(graph.m_edges.at(e).from);
    }
    if (included.contains(graph.m_rootId)) {
        out.m_rootId = graph.m_rootId;
    } else {
        QStringList sorted(chosen.cbegin(), chosen.cend());
        sorted.sort();
        out.m_rootId = sorted.first();
    }
    for (const GraphNode& node : graph.m_nodes) {
        if (included.contains(node.id))
            out.addNode(node);
    }
    for (const GraphEdge& edge : graph.m_edges) {
        if (included.contains(edge.from) && included.contains(edge.to))
            out.addEdge(edge.type, edge.from, edge.to, edge.detail);
    }
    return out;
}

} // namespace driftline::engine
