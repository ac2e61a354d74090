#include "workspace/workspacedefinition.h"

#include "core/yamlscalar.h"
#include "workspace/discovery_paths.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>
#include <optional>
#include <yaml-cpp/yaml.h>

using namespace Qt::StringLiterals;

namespace driftline::workspace
{

namespace
{

// lupdate reads Tr::tr() with this context; the strings are for people.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(driftline::workspace::WorkspaceDefinition)
};

QString qs(const std::string& s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

int lineOf(const YAML::Node& node, int fallback)
{
    const YAML::Mark mark = node.Mark();
    return mark.is_null() ? fallback : mark.line + 1;
}

struct Entry {
    QString key;
    YAML::Node value;
    int line = 0; // the key's line: where people look for the setting
};

struct Override {
    std::optional<QString> path;
    std::optional<QString> namespace_;
    std::optional<QString> revision;
    int line = 0;
};

// One application as written, before it is spread over its environments.
struct AppDecl {
    QString name;
    int line = 0;
    std::optional<QString> path; // normalized template, may hold {environment}
    int pathLine = 0;
    QString namespace_;
    QString revision;
    std::optional<QStringList> environments; // nullopt: all
    QHash<QString, Override> overrides;
    QList<IgnoreDifference> ignoreDifferences;
};

class Reader
{
public:
    explicit Reader(QString file)
        : m_file(std::move(file))
    {
    }

    QList<Error> errors;

    void error(int line, const QString& message)
    {
        errors.append(Error::make(Error::Code::InvalidInput, message).at(m_file, line));
    }

    // The entries of a map in file order; unknown and repeated keys are
    // reported so a typo never silently drops a setting.
    QHash<QString, Entry> entries(const YAML::Node& map, const QString& where, const QStringList& allowed)
    {
        QHash<QString, Entry> out;
        for (auto it = map.begin(); it != map.end(); ++it) {
            const YAML::Node keyNode = it->first;
            const int line = lineOf(keyNode, lineOf(map, 1));
            if (!keyNode.IsScalar()) {
                error(line, Tr::tr("a key in %1 is not a plain name").arg(where));
                continue;
            }
            const QString key = qs(keyNode.Scalar());
            if (!allowed.contains(key)) {
                error(line,
                    Tr::tr("unknown key '%1' in %2; allowed keys: %3")
                        .arg(key, where, allowed.join(u", "_s)));
                continue;
            }
            if (const auto seen = out.constFind(key); seen != out.cend()) {
                error(line,
                    Tr::tr("key '%1' appears twice in %2 (first on line %3)")
                        .arg(key, where)
                        .arg(seen->line));
                continue;
            }
            out.insert(key, Entry { key, it->second, line });
        }
        return out;
    }

    // A text setting; null reads as empty. nullopt (and an error) for lists and maps.
    std::optional<QString> text(const Entry& e)
    {
        if (e.value.IsNull())
            return QString();
        if (!e.value.IsScalar()) {
            error(e.line, Tr::tr("%1 must be a text value").arg(e.key));
            return std::nullopt;
        }
        return qs(e.value.Scalar());
    }

    std::optional<bool> boolean(const Entry& e)
    {
        if (e.value.IsScalar() && e.value.Tag() != "!") {
            const QJsonValue v = yamlscalar::resolvePlain(qs(e.value.Scalar()));
            if (v.isBool())
                return v.toBool();
        }
        error(e.line, Tr::tr("%1 must be true or false").arg(e.key));
        return std::nullopt;
    }

    // A list of plain names, each with its line.
    std::optional<QList<std::pair<QString, int>>> names(const Entry& e)
    {
        if (!e.value.IsSequence()) {
            error(e.line, Tr::tr("%1 must be a list").arg(e.key));
            return std::nullopt;
        }
        QList<std::pair<QString, int>> out;
        for (const YAML::Node& item : e.value) {
            if (!item.IsScalar()) {
                error(lineOf(item, e.line), Tr::tr("the items of %1 must be text values").arg(e.key));
                return std::nullopt;
            }
            out.append({ qs(item.Scalar()), lineOf(item, e.line) });
        }
        return out;
    }

    // A path relative to the repository root; {environment} is the only placeholder.
    std::optional<QString> path(const Entry& e, const QString& application)
    {
        const std::optional<QString> raw = text(e);
        if (!raw)
            return std::nullopt;
        if (raw->trimmed().isEmpty()) {
            error(e.line,
                Tr::tr("application '%1' has an empty path; use '.' for the repository root")
                    .arg(application));
            return std::nullopt;
        }
        static const QRegularExpression placeholder(u"\\{([^}]*)\\}"_s);
        for (const QRegularExpressionMatch& m : placeholder.globalMatch(*raw)) {
            if (m.captured(1) != u"environment") {
                error(e.line,
                    Tr::tr("path '%1' of application '%2' has the unknown placeholder %3; "
                           "only {environment} is replaced")
                        .arg(*raw, application, m.captured(0)));
                return std::nullopt;
            }
        }
        const paths::NormalizedPath normalized = paths::normalize(*raw);
        switch (normalized.problem) {
        case paths::PathProblem::Absolute:
            error(e.line,
                Tr::tr("path '%1' of application '%2' is absolute; paths are relative to the "
                       "repository root")
                    .arg(*raw, application));
            return std::nullopt;
        case paths::PathProblem::Escapes:
            error(e.line,
                Tr::tr("path '%1' of application '%2' leaves the repository through '..'")
                    .arg(*raw, application));
            return std::nullopt;
        case paths::PathProblem::None:
            break;
        }
        return normalized.path;
    }

    QList<IgnoreDifference> ignoreDifferences(const Entry& e)
    {
        QList<IgnoreDifference> out;
        if (!e.value.IsSequence()) {
            error(e.line, Tr::tr("%1 must be a list").arg(e.key));
            return out;
        }
        static const QStringList allowed { u"group"_s, u"kind"_s, u"name"_s, u"namespace"_s,
            u"jsonPointers"_s };
        for (const YAML::Node& item : e.value) {
            const int itemLine = lineOf(item, e.line);
            if (!item.IsMap()) {
                error(itemLine, Tr::tr("each ignoreDifferences entry must be a map"));
                continue;
            }
            const QHash<QString, Entry> fields = entries(item, Tr::tr("an ignoreDifferences entry"), allowed);
            IgnoreDifference diff;
            bool ok = true;
            auto textField = [&](const QString& key, QString& into) {
                if (const auto it = fields.constFind(key); it != fields.cend()) {
                    if (const auto v = text(*it))
                        into = *v;
                    else
                        ok = false;
                }
            };
            textField(u"group"_s, diff.group);
            textField(u"kind"_s, diff.kind);
            textField(u"name"_s, diff.name);
            textField(u"namespace"_s, diff.namespace_);
            const auto pointers = fields.constFind(u"jsonPointers"_s);
            if (pointers == fields.cend()) {
                error(itemLine, Tr::tr("an ignoreDifferences entry needs jsonPointers"));
                continue;
            }
            const auto list = names(*pointers);
            if (!list)
                continue;
            for (const auto& [pointer, line] : *list) {
                if (!pointer.startsWith(u'/')) {
                    error(line, Tr::tr("JSON pointer '%1' must start with '/'").arg(pointer));
                    ok = false;
                    continue;
                }
                static const QRegularExpression badEscape(u"~(?![01])"_s);
                if (pointer.contains(badEscape)) {
                    error(line,
                        Tr::tr("JSON pointer '%1' has a '~' that is not followed by 0 or 1").arg(pointer));
                    ok = false;
                    continue;
                }
                diff.jsonPointers.append(pointer);
            }
            if (ok && !diff.jsonPointers.isEmpty())
                out.append(diff);
        }
        return out;
    }

private:
    QString m_file;
};

bool validEnvironmentName(const QString& name)
{
    static const QRegularExpression bad(u"[/\\s{}]"_s);
    return !name.contains(bad) && name != u"." && name != u"..";
}

} // namespace

WorkspaceDefinition WorkspaceDefinition::parse(const QByteArray& data, const QString& file)
{
    WorkspaceDefinition def;
    Reader r(file);

    YAML::Node root;
    try {
        root = YAML::Load(std::string(data.constData(), size_t(data.size())));
    } catch (const YAML::Exception& e) {
        r.error(e.mark.is_null() ? 1 : e.mark.line + 1, Tr::tr("invalid YAML: %1").arg(qs(e.msg)));
        def.errors = r.errors;
        return def;
    }

    try {
        if (!root.IsDefined() || root.IsNull()) {
            r.error(1, Tr::tr("the file is empty; it should declare environments and applications"));
            def.errors = r.errors;
            return def;
        }
        if (!root.IsMap()) {
            r.error(lineOf(root, 1),
                Tr::tr("the file must be a map with the keys version, environments and applications"));
            def.errors = r.errors;
            return def;
        }
        const QHash<QString, Entry> top = r.entries(
            root, Tr::tr("the top level"), { u"version"_s, u"environments"_s, u"applications"_s });

        if (const auto it = top.constFind(u"version"_s); it != top.cend()) {
            const auto v = r.text(*it);
            if (v && v->trimmed() != u"1")
                r.error(it->line, Tr::tr("unsupported version '%1'; this Driftline reads version 1").arg(*v));
        }

        // Environments. Without the key, applications go to one environment "default".
        QHash<QString, int> envLines;
        // An empty "environments:" reads like a missing one.
        if (const auto it = top.constFind(u"environments"_s); it != top.cend() && !it->value.IsNull()) {
            if (!it->value.IsSequence()) {
                r.error(it->line, Tr::tr("environments must be a list"));
            } else {
                static const QStringList allowed { u"name"_s, u"context"_s, u"namespace"_s, u"revision"_s,
                    u"production"_s };
                for (const YAML::Node& item : it->value) {
                    const int line = lineOf(item, it->line);
                    if (!item.IsMap()) {
                        r.error(line, Tr::tr("each environment must be a map with at least a name"));
                        continue;
                    }
                    const QHash<QString, Entry> fields = r.entries(item, Tr::tr("an environment"), allowed);
                    Environment env;
                    env.line = line;
                    if (const auto f = fields.constFind(u"name"_s); f != fields.cend()) {
                        if (const auto v = r.text(*f))
                            env.name = v->trimmed();
                    }
                    if (env.name.isEmpty()) {
                        r.error(line, Tr::tr("an environment has no name"));
                        continue;
                    }
                    if (!validEnvironmentName(env.name)) {
                        r.error(line,
                            Tr::tr("environment name '%1' may not hold '/', spaces or braces").arg(env.name));
                        continue;
                    }
                    if (const auto first = envLines.constFind(env.name); first != envLines.cend()) {
                        r.error(line,
                            Tr::tr("environment '%1' is declared twice (first on line %2)")
                                .arg(env.name)
                                .arg(*first));
                        continue;
                    }
                    if (const auto f = fields.constFind(u"context"_s); f != fields.cend())
                        env.context = r.text(*f).value_or(QString()).trimmed();
                    if (const auto f = fields.constFind(u"namespace"_s); f != fields.cend())
                        env.namespace_ = r.text(*f).value_or(QString()).trimmed();
                    if (const auto f = fields.constFind(u"revision"_s); f != fields.cend())
                        env.revision = r.text(*f).value_or(QString()).trimmed();
                    if (const auto f = fields.constFind(u"production"_s); f != fields.cend())
                        env.production = r.boolean(*f).value_or(false);
                    envLines.insert(env.name, line);
                    def.environments.append(env);
                }
            }
        } else {
            Environment env;
            env.name = u"default"_s;
            def.environments.append(env);
            envLines.insert(env.name, 0);
        }

        QStringList envNames;
        for (const Environment& env : std::as_const(def.environments))
            envNames.append(env.name);
        const QString declared = envNames.isEmpty() ? Tr::tr("none") : envNames.join(u", "_s);

        // Applications, as written.
        QList<AppDecl> apps;
        QHash<QString, int> appLines;
        if (const auto it = top.constFind(u"applications"_s); it != top.cend() && !it->value.IsNull()) {
            if (!it->value.IsSequence()) {
                r.error(it->line, Tr::tr("applications must be a list"));
            } else {
                static const QStringList allowed { u"name"_s, u"path"_s, u"namespace"_s, u"revision"_s,
                    u"environments"_s, u"overrides"_s, u"ignoreDifferences"_s };
                static const QStringList overrideKeys { u"path"_s, u"namespace"_s, u"revision"_s };
                for (const YAML::Node& item : it->value) {
                    const int line = lineOf(item, it->line);
                    if (!item.IsMap()) {
                        r.error(
                            line, Tr::tr("each application must be a map with at least a name and a path"));
                        continue;
                    }
                    const QHash<QString, Entry> fields = r.entries(item, Tr::tr("an application"), allowed);
                    AppDecl app;
                    app.line = line;
                    if (const auto f = fields.constFind(u"name"_s); f != fields.cend()) {
                        if (const auto v = r.text(*f))
                            app.name = v->trimmed();
                    }
                    if (app.name.isEmpty()) {
                        r.error(line, Tr::tr("an application has no name"));
                        continue;
                    }
                    if (const auto first = appLines.constFind(app.name); first != appLines.cend()) {
                        r.error(line,
                            Tr::tr("application '%1' is declared twice (first on line %2)")
                                .arg(app.name)
                                .arg(*first));
                        continue;
                    }
                    appLines.insert(app.name, line);

                    bool valid = true;
                    if (const auto f = fields.constFind(u"path"_s); f != fields.cend()) {
                        app.path = r.path(*f, app.name);
                        app.pathLine = f->line;
                        valid = app.path.has_value();
                    }
                    if (const auto f = fields.constFind(u"namespace"_s); f != fields.cend()) {
                        const auto v = r.text(*f);
                        valid = valid && v.has_value();
                        app.namespace_ = v.value_or(QString()).trimmed();
                    }
                    if (const auto f = fields.constFind(u"revision"_s); f != fields.cend()) {
                        const auto v = r.text(*f);
                        valid = valid && v.has_value();
                        app.revision = v.value_or(QString()).trimmed();
                    }
                    if (const auto f = fields.constFind(u"environments"_s); f != fields.cend()) {
                        if (const auto list = r.names(*f)) {
                            QStringList targets;
                            for (const auto& [name, nameLine] : *list) {
                                if (!envLines.contains(name)) {
                                    r.error(nameLine,
                                        Tr::tr("application '%1' names the unknown environment '%2'; "
                                               "declared environments: %3")
                                            .arg(app.name, name, declared));
                                    continue;
                                }
                                if (!targets.contains(name))
                                    targets.append(name);
                            }
                            app.environments = targets;
                        } else {
                            valid = false;
                        }
                    }
                    if (const auto f = fields.constFind(u"overrides"_s); f != fields.cend()) {
                        if (!f->value.IsMap()) {
                            r.error(f->line,
                                Tr::tr("overrides must be a map from environment names to settings"));
                            valid = false;
                        } else {
                            for (auto o = f->value.begin(); o != f->value.end(); ++o) {
                                const int oLine = lineOf(o->first, f->line);
                                const QString envName
                                    = o->first.IsScalar() ? qs(o->first.Scalar()) : QString();
                                if (!envLines.contains(envName)) {
                                    r.error(oLine,
                                        Tr::tr("override for the unknown environment '%1'; "
                                               "declared environments: %2")
                                            .arg(envName, declared));
                                    continue;
                                }
                                if (app.overrides.contains(envName)) {
                                    r.error(oLine,
                                        Tr::tr("key '%1' appears twice in %2 (first on line %3)")
                                            .arg(envName, Tr::tr("overrides"))
                                            .arg(app.overrides.value(envName).line));
                                    continue;
                                }
                                if (!o->second.IsMap()) {
                                    r.error(oLine,
                                        Tr::tr("the override for '%1' must be a map of path, namespace "
                                               "and revision")
                                            .arg(envName));
                                    valid = false;
                                    continue;
                                }
                                const QHash<QString, Entry> of
                                    = r.entries(o->second, Tr::tr("an override"), overrideKeys);
                                Override ov;
                                ov.line = oLine;
                                if (const auto p = of.constFind(u"path"_s); p != of.cend()) {
                                    ov.path = r.path(*p, app.name);
                                    valid = valid && ov.path.has_value();
                                }
                                if (const auto p = of.constFind(u"namespace"_s); p != of.cend()) {
                                    ov.namespace_ = r.text(*p);
                                    valid = valid && ov.namespace_.has_value();
                                }
                                if (const auto p = of.constFind(u"revision"_s); p != of.cend()) {
                                    ov.revision = r.text(*p);
                                    valid = valid && ov.revision.has_value();
                                }
                                app.overrides.insert(envName, ov);
                            }
                        }
                    }
                    if (const auto f = fields.constFind(u"ignoreDifferences"_s); f != fields.cend())
                        app.ignoreDifferences = r.ignoreDifferences(*f);

                    if (!valid)
                        continue;

                    const QStringList targets = app.environments.value_or(envNames);
                    for (auto o = app.overrides.cbegin(); o != app.overrides.cend(); ++o) {
                        if (!targets.contains(o.key()))
                            r.error(o->line,
                                Tr::tr("application '%1' has an override for '%2' but is not deployed there")
                                    .arg(app.name, o.key()));
                    }
                    QStringList pathless;
                    for (const QString& env : targets) {
                        const auto o = app.overrides.constFind(env);
                        if (!app.path && (o == app.overrides.cend() || !o->path))
                            pathless.append(env);
                    }
                    if (!pathless.isEmpty()) {
                        if (app.overrides.isEmpty() || pathless.size() == targets.size())
                            r.error(line, Tr::tr("application '%1' has no path").arg(app.name));
                        else
                            r.error(line,
                                Tr::tr("application '%1' has no path for the environments %2")
                                    .arg(app.name, pathless.join(u", "_s)));
                        QStringList rest = targets;
                        for (const QString& env : std::as_const(pathless))
                            rest.removeAll(env);
                        app.environments = rest;
                    }
                    apps.append(app);
                }
            }
        }

        // Spread over environments, environment by environment as declared.
        for (const Environment& env : std::as_const(def.environments)) {
            for (const AppDecl& decl : std::as_const(apps)) {
                if (decl.environments && !decl.environments->contains(env.name))
                    continue;
                const Override ov = decl.overrides.value(env.name);
                Application app;
                app.name = decl.name;
                app.environment = env.name;
                QString path = ov.path ? *ov.path : decl.path.value_or(QString());
                app.path = path.replace(u"{environment}"_s, env.name);
                app.namespace_ = ov.namespace_
                    ? ov.namespace_->trimmed()
                    : (decl.namespace_.isEmpty() ? env.namespace_ : decl.namespace_);
                app.revision = ov.revision ? ov.revision->trimmed() : decl.revision;
                app.rule = DiscoveryRule::DriftlineYaml;
                app.origin = file + u':' + QString::number(decl.line);
                app.ignoreDifferences = decl.ignoreDifferences;
                def.applications.append(app);
            }
        }
    } catch (const YAML::Exception& e) {
        // Node access should not throw after the checks above; if it does, say where.
        r.error(e.mark.is_null() ? 1 : e.mark.line + 1, Tr::tr("cannot read the file: %1").arg(qs(e.msg)));
    }

    def.errors = r.errors;
    return def;
}

} // namespace driftline::workspace
