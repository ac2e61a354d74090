#include "repogenerator.h"

#include <QByteArray>
#include <QProcess>
#include <QRandomGenerator>
#include <vector>

using namespace Qt::StringLiterals;

namespace driftline::bench
{

namespace
{

constexpr qint64 FirstCommitTime = 1'760'000'000;

struct AppRef {
    QByteArray env;
    QByteArray app;
    QByteArray ns;
    int revision = 0;
};

QByteArray num(qint64 n)
{
    return QByteArray::number(n);
}

// Manifests are templates with $NAME placeholders: readable as YAML, filled per application.
QByteArray fill(QByteArray text, const AppRef& a, const QByteArray& nameSuffix = {})
{
    const QByteArray meta
        = "metadata:\n  name: $APP" + nameSuffix + "\n  namespace: $NS\n  labels:\n$LABELS_META";
    text.replace("$META", meta);
    auto labels = [](int indent) -> QByteArray {
        const QByteArray pad(indent, ' ');
        return pad + "app.kubernetes.io/name: $APP\n" + pad + "app.kubernetes.io/instance: $APP-$ENV\n" + pad
            + "app.kubernetes.io/part-of: bench\n" + pad + "app.kubernetes.io/managed-by: driftline\n";
    };
    return text.replace("$LABELS_META", labels(4))
        .replace("$LABELS_POD", labels(8))
        .replace("$APP", a.app)
        .replace("$ENV", a.env)
        .replace("$NS", a.ns)
        .replace("$REV", num(a.revision))
        .replace("$REPLICAS", num(2 + a.revision % 3))
        .replace("$POOL", num(10 + a.revision % 7))
        .replace("$MAXREPLICAS", num(4 + a.revision % 5));
}

QByteArray deployment(const AppRef& a)
{
    return fill(R"(apiVersion: apps/v1
kind: Deployment
$META  annotations:
    bench.driftline.io/revision: "$REV"
spec:
  replicas: $REPLICAS
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      app.kubernetes.io/name: $APP
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  template:
    metadata:
      labels:
$LABELS_POD    spec:
      serviceAccountName: $APP
      containers:
        - name: $APP
          image: registry.example.com/bench/$APP:1.$REV.0
          args: ["serve", "--port=8080"]
          ports:
            - name: http
              containerPort: 8080
            - name: metrics
              containerPort: 9090
          envFrom:
            - configMapRef:
                name: $APP-env
          readinessProbe:
            httpGet:
              path: /ready
              port: http
            periodSeconds: 5
          livenessProbe:
            httpGet:
              path: /live
              port: http
            initialDelaySeconds: 10
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              cpu: 500m
              memory: 256Mi
          volumeMounts:
            - name: config
              mountPath: /etc/$APP
      volumes:
        - name: config
          configMap:
            name: $APP-config
)"_ba,
        a);
}

QByteArray service(const AppRef& a)
{
    return fill(R"(apiVersion: v1
kind: Service
$METAspec:
  type: ClusterIP
  selector:
    app.kubernetes.io/name: $APP
  ports:
    - name: http
      port: 80
      targetPort: http
      protocol: TCP
    - name: metrics
      port: 9090
      targetPort: metrics
      protocol: TCP
)"_ba,
        a);
}

QByteArray configFile(const AppRef& a)
{
    QByteArray flags;
    for (int i = 0; i < 12; ++i)
        flags += "      flag" + num(i) + ": " + ((i + a.revision) % 2 ? "true" : "false") + "\n";
    return fill(R"(apiVersion: v1
kind: ConfigMap
$METAdata:
  app.yaml: |
    server:
      port: 8080
      readTimeout: 15s
      writeTimeout: 15s
    database:
      host: postgres.$NS.svc
      pool: $POOL
    features:
$FLAGS  build: "$REV"
)"_ba.replace("$FLAGS", flags),
        a, "-config");
}

QByteArray configEnv(const AppRef& a)
{
    QByteArray settings;
    for (int i = 0; i < 24; ++i)
        settings += "  SETTING_" + num(i) + ": \"value-" + num(i * 7 + 3) + "\"\n";
    return fill(R"(apiVersion: v1
kind: ConfigMap
$METAdata:
$SETTINGS  ENVIRONMENT: $ENV
  LOG_LEVEL: info
)"_ba.replace("$SETTINGS", settings),
        a, "-env");
}

QByteArray serviceAccount(const AppRef& a)
{
    return fill(R"(apiVersion: v1
kind: ServiceAccount
$METAautomountServiceAccountToken: false
)"_ba,
        a);
}

QByteArray hpa(const AppRef& a)
{
    return fill(R"(apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
$METAspec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: $APP
  minReplicas: 2
  maxReplicas: $MAXREPLICAS
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
)"_ba,
        a);
}

QByteArray pdb(const AppRef& a)
{
    return fill(R"(apiVersion: policy/v1
kind: PodDisruptionBudget
$METAspec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: $APP
)"_ba,
        a);
}

QByteArray role(const AppRef& a)
{
    return fill(R"(apiVersion: rbac.authorization.k8s.io/v1
kind: Role
$METArules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get", "list", "watch"]
  - apiGroups: ["coordination.k8s.io"]
    resources: ["leases"]
    verbs: ["get", "create", "update"]
)"_ba,
        a);
}

QByteArray roleBinding(const AppRef& a)
{
    return fill(R"(apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
$METAroleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: $APP
subjects:
  - kind: ServiceAccount
    name: $APP
    namespace: $NS
)"_ba,
        a);
}

QByteArray ingress(const AppRef& a)
{
    return fill(R"(apiVersion: networking.k8s.io/v1
kind: Ingress
$META  annotations:
    nginx.ingress.kubernetes.io/proxy-body-size: 4m
spec:
  ingressClassName: nginx
  tls:
    - hosts:
        - $APP.$ENV.example.com
      secretName: $APP-tls
  rules:
    - host: $APP.$ENV.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: $APP
                port:
                  name: http
)"_ba,
        a);
}

using Generator = QByteArray (*)(const AppRef&);
struct FileKind {
    const char* file;
    Generator generate;
};
constexpr FileKind kinds[] = {
    { "deployment.yaml", deployment },
    { "configmap.yaml", configFile },
    { "hpa.yaml", hpa },
    { "service.yaml", service },
    { "env.yaml", configEnv },
    { "serviceaccount.yaml", serviceAccount },
    { "pdb.yaml", pdb },
    { "role.yaml", role },
    { "rolebinding.yaml", roleBinding },
    { "ingress.yaml", ingress },
};
// The files a later commit rewrites: the first three kinds.
constexpr int ChangedPerCommit = 3;

void appendFile(QByteArray& stream, const QByteArray& path, const QByteArray& data)
{
    stream += "M 100644 inline " + path + "\ndata " + num(data.size()) + "\n" + data + "\n";
}

void appendCommitHeader(QByteArray& stream, int index, const QByteArray& message)
{
    const QByteArray when = num(FirstCommitTime + qint64(index) * 3600) + " +0000";
    stream += "commit refs/heads/main\nauthor Bench <bench@driftline.invalid> " + when
        + "\ncommitter Bench <bench@driftline.invalid> " + when + "\ndata " + num(message.size()) + "\n"
        + message + "\n";
}

Result<QByteArray> git(const QString& dir, const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(u"git"_s, args);
    if (!p.waitForStarted())
        return fail(Error::Code::NotFound, u"cannot run git"_s);
    qint64 offset = 0;
    // Fed in slices so the stream never sits twice in memory.
    while (offset < input.size()) {
        const qint64 n = qMin<qint64>(1 << 20, input.size() - offset);
        p.write(input.constData() + offset, n);
        offset += n;
        while (p.bytesToWrite() > 0)
            p.waitForBytesWritten(-1);
    }
    p.closeWriteChannel();
    p.waitForFinished(-1);
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return fail(Error::make(Error::Code::Git, u"git "_s + args.join(u' ') + u" failed"_s)
                        .withDetail(QString::fromUtf8(p.readAllStandardError())));
    return p.readAllStandardOutput();
}

} // namespace

QString RepoGenerator::applicationName(int index)
{
    return u"app-%1"_s.arg(index, 3, 10, QChar(u'0'));
}

QString RepoGenerator::applicationPath(const QString& environment, int index)
{
    return u"environments/"_s + environment + u'/' + applicationName(index);
}

Result<void> RepoGenerator::generate(const QString& directory, const Options& options)
{
    if (auto r = git(directory, { u"init"_s, u"-q"_s, u"-b"_s, u"main"_s, u"."_s }); !r)
        return fail(r.error());

    const QStringList envs = environments();
    const int perApp = qBound(1, options.resourcesPerApplication, int(std::size(kinds)));
    std::vector<AppRef> apps;
    for (const QString& env : envs) {
        for (int i = 0; i < options.applications; ++i)
            apps.push_back({ env.toUtf8(), applicationName(i).toUtf8(), "bench-" + env.toUtf8(), 0 });
    }
    auto pathOf = [](const AppRef& a, const char* file) -> QByteArray {
        return "environments/" + a.env + "/" + a.app + "/" + QByteArray(file);
    };

    QByteArray stream;
    appendCommitHeader(stream, 0, "Import " + num(qint64(apps.size())) + " applications\n");
    QByteArray definition = "environments:\n";
    for (const QString& env : envs)
        definition += "  - name: " + env.toUtf8() + "\n    namespace: bench-" + env.toUtf8() + "\n";
    definition += "applications:\n";
    for (int i = 0; i < options.applications; ++i)
        definition += "  - name: " + applicationName(i).toUtf8() + "\n    path: environments/{environment}/"
            + applicationName(i).toUtf8() + "\n";
    appendFile(stream, "driftline.yaml", definition);
    for (const AppRef& a : apps) {
        for (int k = 0; k < perApp; ++k)
            appendFile(stream, pathOf(a, kinds[k].file), kinds[k].generate(a));
    }

    // Fixed seed: every run measures the same repository.
    QRandomGenerator random(42);
    for (int c = 1; c < options.commits; ++c) {
        // Every tenth commit touches the first application, so one path has a long history.
        AppRef& a = c % 10 == 0 ? apps.front() : apps[random.bounded(qsizetype(apps.size()))];
        ++a.revision;
        appendCommitHeader(stream, c, a.app + " (" + a.env + "): release 1." + num(a.revision) + ".0\n");
        for (int k = 0; k < qMin(ChangedPerCommit, perApp); ++k)
            appendFile(stream, pathOf(a, kinds[k].file), kinds[k].generate(a));
    }
    stream += "done\n";

    if (auto r = git(directory, { u"fast-import"_s, u"--quiet"_s, u"--done"_s }, stream); !r)
        return fail(r.error());
    stream = {};
    if (auto r = git(directory, { u"reset"_s, u"-q"_s, u"--hard"_s, u"main"_s }); !r)
        return fail(r.error());
    return {};
}

} // namespace driftline::bench
