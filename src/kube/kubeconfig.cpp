#include "kube/kubeconfig.h"

#include "core/yamlscalar.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QUrl>
#include <QRegularExpression>
#include <QSet>
#include <QStringBuilder>

#include <yaml-cpp/yaml.h>

using namespace Qt::StringLiterals;

namespace driftline::kube {

namespace {

QString qs(const std::string& s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

int lineOf(const YAML::Node& n) { return n.IsDefined() && n.Mark().line >= 0 ? n.Mark().line + 1 : 0; }

// yaml-cpp's const lookup of a missing key yields an invalid node that throws on
// most calls; this yields a plain null node instead.
YAML::Node child(const YAML::Node& map, const char* key)
{
    if (!map.IsMap())
        return YAML::Node();
    const YAML::Node n = map[key];
    return n.IsDefined() ? n : YAML::Node();
}

Error entryError(const QString& file, int line, QString message)
{
    return Error::make(Error::Code::InvalidInput, std::move(message)).at(file, line);
}

// Reads the fields of one entry with their lines; collects problems instead of
// throwing, so one bad field names itself and the rest of the file still loads.
class EntryReader
{
public:
    EntryReader(const YAML::Node& map, const QString& file, Origin& origin, QList<Error>& problems)
        : m_map(map), m_file(file), m_origin(origin), m_problems(problems)
    {
        if (m_map.IsMap()) {
            for (const auto& kv : m_map) {
                if (kv.first.IsScalar())
                    m_origin.fieldLines.insert(qs(kv.first.Scalar()), lineOf(kv.first));
            }
        }
    }

    YAML::Node node(const char* key) const { return child(m_map, key); }

    bool has(const char* key) const
    {
        const YAML::Node n = node(key);
        return n.IsDefined() && !n.IsNull();
    }

    QString string(const char* key)
    {
        const YAML::Node n = node(key);
        if (!n.IsDefined() || n.IsNull())
            return {};
        if (!n.IsScalar()) {
            problem(n, Kubeconfig::tr("“%1” must be a string").arg(QLatin1StringView(key)));
            return {};
        }
        return qs(n.Scalar());
    }

    bool boolean(const char* key)
    {
        const YAML::Node n = node(key);
        if (!n.IsDefined() || n.IsNull())
            return false;
        if (n.IsScalar() && n.Tag() != "!") {
            const QJsonValue v = yamlscalar::resolvePlain(qs(n.Scalar()));
            if (v.isBool())
                return v.toBool();
        }
        problem(n, Kubeconfig::tr("“%1” must be true or false").arg(QLatin1StringView(key)));
        return false;
    }

    QStringList stringList(const char* key)
    {
        const YAML::Node n = node(key);
        QStringList out;
        if (!n.IsDefined() || n.IsNull())
            return out;
        if (!n.IsSequence()) {
            problem(n, Kubeconfig::tr("“%1” must be a list of strings").arg(QLatin1StringView(key)));
            return out;
        }
        for (const YAML::Node& item : n) {
            if (item.IsScalar())
                out.append(qs(item.Scalar()));
            else
                problem(item, Kubeconfig::tr("“%1” must be a list of strings").arg(QLatin1StringView(key)));
        }
        return out;
    }

    // Go marshals []byte as base64; the decoded bytes are returned.
    QByteArray base64(const char* key)
    {
        const QString text = string(key);
        if (text.isEmpty())
            return {};
        auto decoded = QByteArray::fromBase64Encoding(text.toLatin1().simplified().replace(' ', QByteArray()),
                                                      QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) {
            // The value may be a key: never echo it.
            problem(node(key), Kubeconfig::tr("“%1” is not valid base64").arg(QLatin1StringView(key)));
            return {};
        }
        return *decoded;
    }

    // Relative paths resolve against the folder of the file that holds them.
    QString path(const char* key)
    {
        const QString p = string(key);
        if (p.isEmpty())
            return p;
        return absolutePath(p);
    }

    QString absolutePath(const QString& p) const
    {
        QString expanded = p;
        if (expanded == u"~"_s || expanded.startsWith(u"~/"_s))
            expanded = QDir::homePath() + expanded.mid(1);
        if (QDir::isAbsolutePath(expanded))
            return QDir::cleanPath(expanded);
        return QDir::cleanPath(QFileInfo(m_file).absoluteDir().filePath(expanded));
    }

    void problem(const YAML::Node& at, QString message)
    {
        const int line = lineOf(at);
        m_problems.append(entryError(m_file, line > 0 ? line : m_origin.line, std::move(message)));
    }

private:
    YAML::Node m_map;
    QString m_file;
    Origin& m_origin;
    QList<Error>& m_problems;
};

QJsonValue toJson(const YAML::Node& node)
{
    switch (node.Type()) {
    case YAML::NodeType::Scalar:
        if (node.Tag() == "!")
            return qs(node.Scalar());
        return yamlscalar::resolvePlain(qs(node.Scalar()));
    case YAML::NodeType::Sequence: {
        QJsonArray arr;
        for (const YAML::Node& child : node)
            arr.append(toJson(child));
        return arr;
    }
    case YAML::NodeType::Map: {
        QJsonObject obj;
        for (const auto& kv : node)
            obj.insert(kv.first.IsScalar() ? qs(kv.first.Scalar()) : QString(), toJson(kv.second));
        return obj;
    }
    default:
        return QJsonValue(QJsonValue::Null);
    }
}

Cluster readCluster(EntryReader& r)
{
    Cluster c;
    c.server = r.string("server");
    c.certificateAuthority = r.path("certificate-authority");
    c.certificateAuthorityData = r.base64("certificate-authority-data");
    c.insecureSkipTlsVerify = r.boolean("insecure-skip-tls-verify");
    c.tlsServerName = r.string("tls-server-name");
    c.proxyUrl = r.string("proxy-url");
    c.disableCompression = r.boolean("disable-compression");
    const YAML::Node ext = r.node("extensions");
    if (ext.IsSequence()) {
        for (const YAML::Node& e : ext) {
            if (child(e, "name").IsScalar() && child(e, "name").Scalar() == "client.authentication.k8s.io/exec") {
                const QJsonValue v = toJson(child(e, "extension"));
                if (v.isObject())
                    c.execExtension = v.toObject();
            }
        }
    }
    return c;
}

ExecConfig readExec(const YAML::Node& node, const QString& file, Origin& origin, QList<Error>& problems)
{
    Origin execOrigin;
    execOrigin.line = lineOf(node);
    EntryReader r(node, file, execOrigin, problems);
    if (!node.IsMap()) {
        r.problem(node, Kubeconfig::tr("“exec” must be a mapping"));
        return {};
    }
    ExecConfig e;
    e.command = r.string("command");
    // Bare names are looked up on PATH; names with a folder part are files next to the kubeconfig.
    if (e.command.contains(u'/'))
        e.command = r.absolutePath(e.command);
    e.args = r.stringList("args");
    const YAML::Node env = r.node("env");
    if (env.IsSequence()) {
        for (const YAML::Node& item : env) {
            if (child(item, "name").IsScalar()) {
                const YAML::Node value = child(item, "value");
                e.env.append({qs(child(item, "name").Scalar()), value.IsScalar() ? qs(value.Scalar()) : QString()});
            } else {
                r.problem(item, Kubeconfig::tr("each “env” item needs a name and a value"));
            }
        }
    } else if (r.has("env")) {
        r.problem(env, Kubeconfig::tr("“env” must be a list of name/value pairs"));
    }
    e.apiVersion = r.string("apiVersion");
    e.interactiveMode = r.string("interactiveMode");
    e.provideClusterInfo = r.boolean("provideClusterInfo");
    e.installHint = r.string("installHint");
    for (auto it = execOrigin.fieldLines.cbegin(); it != execOrigin.fieldLines.cend(); ++it)
        origin.fieldLines.insert(u"exec."_s + it.key(), it.value());
    return e;
}

User readUser(EntryReader& r, const QString& file, Origin& origin, QList<Error>& problems)
{
    User u;
    u.clientCertificate = r.path("client-certificate");
    u.clientCertificateData = r.base64("client-certificate-data");
    u.clientKey = r.path("client-key");
    u.clientKeyData = r.base64("client-key-data");
    u.token = r.string("token");
    u.tokenFile = r.path("tokenFile");
    u.username = r.string("username");
    u.password = r.string("password");
    if (r.has("exec"))
        u.exec = readExec(r.node("exec"), file, origin, problems);
    u.hasAuthProvider = r.has("auth-provider");
    u.impersonate = r.string("as");
    u.impersonateUid = r.string("as-uid");
    u.impersonateGroups = r.stringList("as-groups");
    const YAML::Node extra = r.node("as-user-extra");
    if (extra.IsMap()) {
        for (const auto& kv : extra) {
            QStringList values;
            if (kv.second.IsSequence()) {
                for (const YAML::Node& v : kv.second)
                    if (v.IsScalar())
                        values.append(qs(v.Scalar()));
            } else if (kv.second.IsScalar()) {
                values.append(qs(kv.second.Scalar()));
            }
            u.impersonateUserExtra.insert(qs(kv.first.Scalar()), values);
        }
    }
    return u;
}

bool isDns1123Label(const QString& s)
{
    static const QRegularExpression re(u"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"_s);
    return s.size() <= 63 && re.match(s).hasMatch();
}

template<typename T>
qsizetype indexByName(const QList<T>& list, const QString& name)
{
    for (qsizetype i = 0; i < list.size(); ++i)
        if (list[i].name == name)
            return i;
    return -1;
}

} // namespace

Result<Kubeconfig> Kubeconfig::parseRaw(const QByteArray& data, const QString& file)
{
    Kubeconfig cfg;
    cfg.m_files.append(file);
    YAML::Node root;
    try {
        root = YAML::Load(data.toStdString());
    } catch (const YAML::Exception& e) {
        // The parser's message describes the syntax, not the content, so it is safe to show.
        return fail(Error::make(Error::Code::InvalidInput,
                                tr("cannot parse the kubeconfig: %1").arg(qs(e.msg)))
                        .at(file, e.mark.line >= 0 ? e.mark.line + 1 : 0));
    }
    if (!root.IsDefined() || root.IsNull())
        return cfg; // an empty file is an empty config, as in client-go
    if (!root.IsMap())
        return fail(Error::make(Error::Code::InvalidInput, tr("a kubeconfig must be a mapping with clusters, users and contexts"))
                        .at(file, lineOf(root)));

    try {
        const auto listOf = [&](const char* key, auto&& readOne) -> Result<void> {
            const YAML::Node list = child(root, key);
            if (!list.IsDefined() || list.IsNull())
                return {};
            if (!list.IsSequence())
                return fail(Error::make(Error::Code::InvalidInput, tr("“%1” must be a list").arg(QLatin1StringView(key)))
                                .at(file, lineOf(list)));
            for (const YAML::Node& item : list) {
                Origin origin;
                origin.file = file;
                origin.line = lineOf(item);
                if (!child(item, "name").IsScalar() || child(item, "name").Scalar().empty()) {
                    cfg.m_errors.append(entryError(file, origin.line, tr("an entry of “%1” has no name").arg(QLatin1StringView(key))));
                    continue;
                }
                readOne(qs(child(item, "name").Scalar()), item, origin);
            }
            return {};
        };

        auto r1 = listOf("clusters", [&](const QString& name, const YAML::Node& item, Origin& origin) {
            QList<Error> problems;
            const YAML::Node body = child(item, "cluster");
            EntryReader r(body, file, origin, problems);
            if (!body.IsMap())
                r.problem(item, tr("cluster “%1” has no “cluster” mapping").arg(name));
            Cluster c = readCluster(r);
            c.name = name;
            c.origin = origin;
            if (indexByName(cfg.m_clusters, name) >= 0 || cfg.m_badClusters.contains(name)) {
                cfg.m_errors.append(entryError(file, origin.line, tr("cluster “%1” is defined twice; the first one is used").arg(name)));
                return;
            }
            for (Error& p : problems)
                cfg.m_errors.append(p.wrapped(tr("cluster “%1”").arg(name)));
            if (problems.isEmpty())
                cfg.m_clusters.append(std::move(c));
            else
                cfg.m_badClusters.append(name);
        });
        if (!r1)
            return fail(r1.error());

        auto r2 = listOf("users", [&](const QString& name, const YAML::Node& item, Origin& origin) {
            QList<Error> problems;
            const YAML::Node body = child(item, "user");
            EntryReader r(body, file, origin, problems);
            if (!body.IsMap() && !(body.IsDefined() && body.IsNull()))
                r.problem(item, tr("user “%1” has no “user” mapping").arg(name));
            User u = readUser(r, file, origin, problems);
            u.name = name;
            u.origin = origin;
            if (indexByName(cfg.m_users, name) >= 0 || cfg.m_badUsers.contains(name)) {
                cfg.m_errors.append(entryError(file, origin.line, tr("user “%1” is defined twice; the first one is used").arg(name)));
                return;
            }
            for (Error& p : problems)
                cfg.m_errors.append(p.wrapped(tr("user “%1”").arg(name)));
            if (problems.isEmpty())
                cfg.m_users.append(std::move(u));
            else
                cfg.m_badUsers.append(name);
        });
        if (!r2)
            return fail(r2.error());

        auto r3 = listOf("contexts", [&](const QString& name, const YAML::Node& item, Origin& origin) {
            QList<Error> problems;
            const YAML::Node body = child(item, "context");
            EntryReader r(body, file, origin, problems);
            if (!body.IsMap())
                r.problem(item, tr("context “%1” has no “context” mapping").arg(name));
            Context c;
            c.name = name;
            c.cluster = r.string("cluster");
            c.user = r.string("user");
            const QString ns = r.string("namespace");
            if (!ns.isEmpty())
                c.ns = ns;
            c.origin = origin;
            if (indexByName(cfg.m_contexts, name) >= 0) {
                cfg.m_errors.append(entryError(file, origin.line, tr("context “%1” is defined twice; the first one is used").arg(name)));
                return;
            }
            for (Error& p : problems)
                cfg.m_errors.append(p.wrapped(tr("context “%1”").arg(name)));
            if (problems.isEmpty())
                cfg.m_contexts.append(std::move(c));
        });
        if (!r3)
            return fail(r3.error());

        const YAML::Node current = child(root, "current-context");
        if (current.IsScalar() && !current.Scalar().empty()) {
            cfg.m_currentContext = qs(current.Scalar());
            cfg.m_currentContextFile = file;
        }
    } catch (const YAML::Exception& e) {
        return fail(Error::make(Error::Code::InvalidInput, tr("cannot read the kubeconfig: %1").arg(qs(e.msg)))
                        .at(file, e.mark.line >= 0 ? e.mark.line + 1 : 0));
    }
    return cfg;
}

void Kubeconfig::mergeFrom(const Kubeconfig& later)
{
    // First wins per named entry, whole entries only: fields are never mixed across files.
    for (const Cluster& c : later.m_clusters)
        if (indexByName(m_clusters, c.name) < 0 && !m_badClusters.contains(c.name))
            m_clusters.append(c);
    for (const QString& n : later.m_badClusters)
        if (indexByName(m_clusters, n) < 0 && !m_badClusters.contains(n))
            m_badClusters.append(n);
    for (const User& u : later.m_users)
        if (indexByName(m_users, u.name) < 0 && !m_badUsers.contains(u.name))
            m_users.append(u);
    for (const QString& n : later.m_badUsers)
        if (indexByName(m_users, n) < 0 && !m_badUsers.contains(n))
            m_badUsers.append(n);
    for (const Context& c : later.m_contexts)
        if (indexByName(m_contexts, c.name) < 0)
            m_contexts.append(c);
    if (m_currentContext.isEmpty() && !later.m_currentContext.isEmpty()) {
        m_currentContext = later.m_currentContext;
        m_currentContextFile = later.m_currentContextFile;
    }
    m_files += later.m_files;
    m_errors += later.m_errors;
}

// The checks client-go's clientcmd validation makes, per entry, so a broken
// entry is reported with its line and leaves the others usable.
void Kubeconfig::validate()
{
    const auto bad = [this](const Origin& o, const QString& field, QString message) {
        m_errors.append(entryError(o.file, o.lineOf(field), std::move(message)));
    };

    QList<Cluster> goodClusters;
    for (const Cluster& c : std::as_const(m_clusters)) {
        bool ok = true;
        if (c.server.isEmpty()) {
            bad(c.origin, {}, tr("cluster “%1” has no server").arg(c.name));
            ok = false;
        } else {
            const QUrl url(c.server, QUrl::StrictMode);
            if (!url.isValid() || (url.scheme() != u"https"_s && url.scheme() != u"http"_s) || url.host().isEmpty()) {
                // A URL with user info may carry a password: show the value only without one.
                bad(c.origin, u"server"_s,
                    c.server.contains(u'@') ? tr("cluster “%1” has an invalid server URL").arg(c.name)
                                            : tr("cluster “%1” has an invalid server URL “%2”").arg(c.name, c.server));
                ok = false;
            }
        }
        if (c.insecureSkipTlsVerify && (!c.certificateAuthority.isEmpty() || !c.certificateAuthorityData.isEmpty())) {
            bad(c.origin, u"insecure-skip-tls-verify"_s,
                tr("cluster “%1” sets insecure-skip-tls-verify together with a certificate authority; only one is allowed").arg(c.name));
            ok = false;
        }
        if (!c.proxyUrl.isEmpty()) {
            const QUrl p(c.proxyUrl, QUrl::StrictMode);
            const QString scheme = p.scheme();
            if (!p.isValid() || p.host().isEmpty()
                || (scheme != u"http"_s && scheme != u"https"_s && scheme != u"socks5"_s)) {
                // The URL may hold a password: name the cluster, not the value.
                bad(c.origin, u"proxy-url"_s, tr("cluster “%1” has an invalid proxy-url (http, https or socks5 expected)").arg(c.name));
                ok = false;
            }
        }
        if (ok)
            goodClusters.append(c);
        else
            m_badClusters.append(c.name);
    }
    m_clusters = goodClusters;

    QList<User> goodUsers;
    for (const User& u : std::as_const(m_users)) {
        bool ok = true;
        const bool hasCert = !u.clientCertificate.isEmpty() || !u.clientCertificateData.isEmpty();
        const bool hasKey = !u.clientKey.isEmpty() || !u.clientKeyData.isEmpty();
        if (hasCert != hasKey) {
            bad(u.origin, hasCert ? (u.clientCertificate.isEmpty() ? u"client-certificate-data"_s : u"client-certificate"_s)
                                  : (u.clientKey.isEmpty() ? u"client-key-data"_s : u"client-key"_s),
                hasCert ? tr("user “%1” has a client certificate but no client key").arg(u.name)
                        : tr("user “%1” has a client key but no client certificate").arg(u.name));
            ok = false;
        }
        const bool hasToken = !u.token.isEmpty() || !u.tokenFile.isEmpty();
        const bool hasBasic = !u.username.isEmpty() || !u.password.isEmpty();
        if (hasToken && hasBasic) {
            bad(u.origin, u.token.isEmpty() ? u"tokenFile"_s : u"token"_s,
                tr("user “%1” has more than one authentication method (token and basic auth); only one is allowed").arg(u.name));
            ok = false;
        }
        if (u.exec && u.hasAuthProvider) {
            bad(u.origin, u"exec"_s, tr("user “%1” sets both exec and auth-provider; only one is allowed").arg(u.name));
            ok = false;
        }
        if (u.exec) {
            const ExecConfig& e = *u.exec;
            if (e.command.isEmpty()) {
                bad(u.origin, u"exec"_s, tr("user “%1”: the exec plugin has no command").arg(u.name));
                ok = false;
            }
            const bool v1 = e.apiVersion == u"client.authentication.k8s.io/v1"_s;
            const bool v1beta1 = e.apiVersion == u"client.authentication.k8s.io/v1beta1"_s;
            if (!v1 && !v1beta1) {
                bad(u.origin, e.apiVersion.isEmpty() ? u"exec"_s : u"exec.apiVersion"_s,
                    tr("user “%1”: exec apiVersion must be client.authentication.k8s.io/v1 or v1beta1").arg(u.name));
                ok = false;
            }
            if (e.interactiveMode.isEmpty() && v1) {
                bad(u.origin, u"exec"_s, tr("user “%1”: exec interactiveMode is required for client.authentication.k8s.io/v1").arg(u.name));
                ok = false;
            } else if (!e.interactiveMode.isEmpty() && e.interactiveMode != u"Never"_s && e.interactiveMode != u"IfAvailable"_s
                       && e.interactiveMode != u"Always"_s) {
                bad(u.origin, u"exec.interactiveMode"_s,
                    tr("user “%1”: exec interactiveMode must be Never, IfAvailable or Always").arg(u.name));
                ok = false;
            }
        }
        if (ok)
            goodUsers.append(u);
        else
            m_badUsers.append(u.name);
    }
    m_users = goodUsers;

    QList<Context> goodContexts;
    for (const Context& c : std::as_const(m_contexts)) {
        bool ok = true;
        if (c.cluster.isEmpty()) {
            bad(c.origin, {}, tr("context “%1” names no cluster").arg(c.name));
            ok = false;
        } else if (m_badClusters.contains(c.cluster)) {
            bad(c.origin, u"cluster"_s, tr("context “%1” uses cluster “%2”, which is invalid").arg(c.name, c.cluster));
            ok = false;
        } else if (indexByName(m_clusters, c.cluster) < 0) {
            bad(c.origin, u"cluster"_s, tr("context “%1” names cluster “%2”, which is not defined").arg(c.name, c.cluster));
            ok = false;
        }
        // An empty user is allowed (anonymous access), as in client-go.
        if (!c.user.isEmpty()) {
            if (m_badUsers.contains(c.user)) {
                bad(c.origin, u"user"_s, tr("context “%1” uses user “%2”, which is invalid").arg(c.name, c.user));
                ok = false;
            } else if (indexByName(m_users, c.user) < 0) {
                bad(c.origin, u"user"_s, tr("context “%1” names user “%2”, which is not defined").arg(c.name, c.user));
                ok = false;
            }
        }
        if (!isDns1123Label(c.ns)) {
            bad(c.origin, u"namespace"_s, tr("context “%1” has an invalid namespace “%2”").arg(c.name, c.ns));
            ok = false;
        }
        if (ok)
            goodContexts.append(c);
    }
    m_contexts = goodContexts;
}

Result<Kubeconfig> Kubeconfig::parse(const QByteArray& data, const QString& file)
{
    auto cfg = parseRaw(data, file);
    if (cfg)
        cfg->validate();
    return cfg;
}

Result<Kubeconfig> Kubeconfig::loadFile(const QString& path)
{
    const QString abs = QFileInfo(path).absoluteFilePath();
    QFile f(abs);
    if (!f.exists())
        return fail(Error::make(Error::Code::NotFound, tr("kubeconfig file not found")).at(abs));
    if (!f.open(QIODevice::ReadOnly))
        return fail(Error::make(Error::Code::Io, tr("cannot read the kubeconfig: %1").arg(f.errorString())).at(abs));
    if (f.size() > 16 * 1024 * 1024)
        return fail(Error::make(Error::Code::TooLarge, tr("the kubeconfig is too large")).at(abs));
    return parse(f.readAll(), abs);
}

Result<Kubeconfig> Kubeconfig::loadFiles(const QStringList& paths)
{
    Kubeconfig merged;
    QSet<QString> seen;
    for (const QString& p : paths) {
        if (p.isEmpty())
            continue;
        const QString abs = QFileInfo(p).absoluteFilePath();
        if (seen.contains(abs))
            continue;
        seen.insert(abs);
        QFile f(abs);
        if (!f.exists())
            continue; // client-go skips list entries that do not exist
        if (!f.open(QIODevice::ReadOnly))
            return fail(Error::make(Error::Code::Io, tr("cannot read the kubeconfig: %1").arg(f.errorString())).at(abs));
        if (f.size() > 16 * 1024 * 1024)
            return fail(Error::make(Error::Code::TooLarge, tr("the kubeconfig is too large")).at(abs));
        auto one = parseRaw(f.readAll(), abs);
        if (!one)
            return fail(one.error());
        merged.mergeFrom(*one);
    }
    merged.validate();
    return merged;
}

QStringList Kubeconfig::defaultPaths()
{
    const QByteArray env = qgetenv("KUBECONFIG");
    if (!env.isEmpty()) {
        QStringList out;
        for (const QString& p : QString::fromLocal8Bit(env).split(QDir::listSeparator(), Qt::SkipEmptyParts))
            out.append(p);
        return out;
    }
    return {QDir::home().filePath(u".kube/config"_s)};
}

Result<Kubeconfig> Kubeconfig::loadDefault()
{
    return loadFiles(defaultPaths());
}

QStringList Kubeconfig::contexts() const
{
    QStringList out;
    out.reserve(m_contexts.size());
    for (const Context& c : m_contexts)
        out.append(c.name);
    return out;
}

const Cluster* Kubeconfig::cluster(const QString& name) const
{
    const qsizetype i = indexByName(m_clusters, name);
    return i < 0 ? nullptr : &m_clusters[i];
}

const User* Kubeconfig::user(const QString& name) const
{
    const qsizetype i = indexByName(m_users, name);
    return i < 0 ? nullptr : &m_users[i];
}

const Context* Kubeconfig::context(const QString& name) const
{
    const qsizetype i = indexByName(m_contexts, name);
    return i < 0 ? nullptr : &m_contexts[i];
}

} // namespace driftline::kube
