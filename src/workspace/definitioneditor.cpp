#include "workspace/definitioneditor.h"

#include "core/yamlscalar.h"
#include "workspace/workspacedefinition.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace driftline::workspace
{

namespace
{

// The file works on bytes, line by line, so that everything the edit does not
// touch (comments, quoting, spacing, line endings, a missing final newline)
// comes back byte for byte.
struct Line {
    QByteArray text; // without the line ending
    QByteArray eol;  // "\n", "\r\n" or "" for a last line without one
};

QList<Line> splitLines(const QByteArray& data)
{
    QList<Line> lines;
    qsizetype start = 0;
    while (start < data.size()) {
        const qsizetype nl = data.indexOf('\n', start);
        if (nl < 0) {
            lines.append(Line { data.mid(start), {} });
            break;
        }
        const bool cr = nl > start && data[nl - 1] == '\r';
        lines.append(Line { data.mid(start, nl - start - (cr ? 1 : 0)), cr ? "\r\n"_ba : "\n"_ba });
        start = nl + 1;
    }
    return lines;
}

QByteArray joinLines(const QList<Line>& lines)
{
    QByteArray out;
    for (const Line& l : lines)
        out += l.text + l.eol;
    return out;
}

int indentOf(const QByteArray& text)
{
    int i = 0;
    while (i < text.size() && text[i] == ' ')
        ++i;
    return i;
}

bool isBlank(const QByteArray& text)
{
    return text.trimmed().isEmpty();
}

bool isComment(const QByteArray& text)
{
    const QByteArray t = text.trimmed();
    return t.startsWith('#');
}

// A line that holds YAML content (not blank, not only a comment).
bool isContent(const QByteArray& text)
{
    return !isBlank(text) && !isComment(text);
}

bool startsItem(const QByteArray& text, int at)
{
    return at < text.size() && text[at] == '-' && (at + 1 == text.size() || text[at + 1] == ' ');
}

bool sameRule(const IgnoreDifference& a, const IgnoreDifference& b)
{
    return a.group == b.group && a.kind == b.kind && a.name == b.name && a.namespace_ == b.namespace_
        && a.jsonPointers == b.jsonPointers;
}

// Everything but where it was written and its rules.
bool sameApplication(const Application& a, const Application& b)
{
    return a.name == b.name && a.environment == b.environment && a.path == b.path
        && a.namespace_ == b.namespace_ && a.revision == b.revision && a.rule == b.rule;
}

bool sameEnvironment(const Environment& a, const Environment& b)
{
    return a.name == b.name && a.context == b.context && a.namespace_ == b.namespace_
        && a.revision == b.revision && a.production == b.production;
}

// An error's message without its numbers: line numbers inside messages ("first on
// line 7") move when lines are inserted above them.
QString withoutNumbers(const QString& message)
{
    static const QRegularExpression digits(u"\\d+"_s);
    return QString(message).replace(digits, u"#"_s);
}

// A scalar for a flow collection: plain when YAML reads it back as the same text,
// else double-quoted. Flow indicators, quotes, backslashes, ":" and "#" always get quotes, so no
// reader (yaml-cpp, go-yaml, a person) can take a pointer for a key or a comment.
QString flowScalar(const QString& text)
{
    bool plain = yamlscalar::isSafePlainString(text);
    for (const QChar c : text) {
        if (QStringView(u",[]{}:#\"'\\").contains(c))
            plain = false;
    }
    if (plain)
        return text;
    QString out = u"\""_s;
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '\\': out += u"\\\\"_s; break;
        case '"': out += u"\\\""_s; break;
        case '\n': out += u"\\n"_s; break;
        case '\t': out += u"\\t"_s; break;
        case '\r': out += u"\\r"_s; break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                out += u"\\x"_s + QString::number(c.unicode(), 16).rightJustified(2, u'0');
            else
                out += c;
        }
    }
    out += u'"';
    return out;
}

// Where the closing bracket of the flow sequence opened at `open` is, on one line;
// -1 when it continues on a later line. Quotes are skipped so "]" inside one counts not.
qsizetype closingBracket(const QByteArray& text, qsizetype open)
{
    int depth = 0;
    char quote = 0;
    for (qsizetype i = open; i < text.size(); ++i) {
        const char c = text[i];
        if (quote) {
            if (quote == '"' && c == '\\')
                ++i;
            else if (c == quote)
                quote = 0;
            continue;
        }
        if (c == '"' || c == '\'')
            quote = c;
        else if (c == '[' || c == '{')
            ++depth;
        else if (c == ']' || c == '}') {
            if (--depth == 0)
                return c == ']' ? i : -1;
        } else if (c == '#' && i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t'))
            return -1; // a comment before the list closes: it continues below
    }
    return -1;
}

struct Located {
    const Application* declared = nullptr; // the application as the current text declares it
    int line = 0;                          // its entry's first line
};

int originLine(const QString& origin)
{
    const qsizetype colon = origin.lastIndexOf(u':');
    if (colon < 0)
        return 0;
    bool ok = false;
    const int line = origin.mid(colon + 1).toInt(&ok);
    return ok ? line : 0;
}

QString originFile(const QString& origin)
{
    const qsizetype colon = origin.lastIndexOf(u':');
    const QString file = colon < 0 ? origin : origin.left(colon);
    return file.isEmpty() ? QString::fromLatin1(WorkspaceDefinition::FileName) : file;
}

} // namespace

QString DefinitionEditor::flowText(const IgnoreDifference& rule)
{
    QStringList fields;
    if (!rule.group.isEmpty())
        fields << u"group: "_s + flowScalar(rule.group);
    if (!rule.kind.isEmpty())
        fields << u"kind: "_s + flowScalar(rule.kind);
    if (!rule.name.isEmpty())
        fields << u"name: "_s + flowScalar(rule.name);
    if (!rule.namespace_.isEmpty())
        fields << u"namespace: "_s + flowScalar(rule.namespace_);
    QStringList pointers;
    for (const QString& p : rule.jsonPointers)
        pointers << flowScalar(p);
    fields << u"jsonPointers: ["_s + pointers.join(u", "_s) + u']';
    return u"{ "_s + fields.join(u", "_s) + u" }"_s;
}

Result<QByteArray> DefinitionEditor::withIgnoreDifference(
    const QByteArray& current, const Application& application, const IgnoreDifference& rule)
{
    const QString file = originFile(application.origin);
    auto refuse = [&file](int line, const QString& message) {
        return fail(Error::make(Error::Code::InvalidInput, message).at(file, line));
    };

    if (application.rule != DiscoveryRule::DriftlineYaml)
        return fail(Error::make(Error::Code::Unsupported,
            tr("application '%1' is not declared in driftline.yaml (it was found as %2, %3); "
               "Driftline writes rules only to driftline.yaml")
                .arg(application.name, ruleName(application.rule), application.origin)));
    if (rule.jsonPointers.isEmpty())
        return refuse(0, tr("the rule names no field"));
    for (const QString& p : rule.jsonPointers) {
        if (!p.startsWith(u'/'))
            return refuse(0, tr("JSON pointer '%1' must start with '/'").arg(p));
    }

    const WorkspaceDefinition before = WorkspaceDefinition::parse(current, file);

    // The entry: by the line the workspace was loaded with; when the file has
    // moved it since (an uncommitted edit), by the application's name.
    const int wantedLine = originLine(application.origin);
    Located where;
    for (const Application& app : before.applications) {
        if (app.name != application.name || app.environment != application.environment)
            continue;
        const int line = originLine(app.origin);
        if (!where.declared || line == wantedLine)
            where = Located { &app, line };
    }
    if (!where.declared) {
        if (!before.errors.isEmpty()) {
            const Error& first = before.errors.first();
            return fail(Error::make(Error::Code::InvalidInput,
                tr("application '%1' in '%2' is not declared in this driftline.yaml, which has "
                   "errors: %3")
                    .arg(application.name, application.environment, first.message))
                    .at(file, first.line));
        }
        return refuse(wantedLine,
            tr("application '%1' in '%2' is not declared in this driftline.yaml")
                .arg(application.name, application.environment));
    }
    for (const IgnoreDifference& existing : where.declared->ignoreDifferences) {
        if (sameRule(existing, rule))
            return refuse(where.line,
                tr("%1 is already ignored for application '%2'").arg(flowText(rule), application.name));
    }

    QList<Line> lines = splitLines(current);
    const int entry = where.line - 1; // 0-based
    if (entry < 0 || entry >= lines.size())
        return refuse(where.line, tr("the entry of application '%1' is not on line %2")
                                      .arg(application.name)
                                      .arg(where.line));
    QByteArray eol = "\n"_ba;
    for (const Line& l : std::as_const(lines)) {
        if (!l.eol.isEmpty()) {
            eol = l.eol;
            break;
        }
    }

    // The column of the entry's keys: after "- " on the item's line, or the
    // line's own indentation when the map starts below a lone "-".
    int keyColumn = -1;
    {
        const QByteArray& text = lines[entry].text;
        const int indent = indentOf(text);
        if (startsItem(text, indent)) {
            int k = indent + 1;
            while (k < text.size() && text[k] == ' ')
                ++k;
            if (k < text.size() && text[k] != '#')
                keyColumn = k;
        } else {
            // Only a map below a lone "-" starts on a line of its own; anything
            // else (a flow list "applications: [ {…} ]") is not a block entry.
            int previous = entry - 1;
            while (previous >= 0 && !isContent(lines[previous].text))
                --previous;
            const QByteArray prev = previous >= 0 ? lines[previous].text : QByteArray();
            const int prevIndent = indentOf(prev);
            const bool loneDash = startsItem(prev, prevIndent) && prevIndent < indent
                && (prev.mid(prevIndent + 1).trimmed().isEmpty() || prev.mid(prevIndent + 1).trimmed().startsWith('#'));
            if (!loneDash)
                return refuse(where.line,
                    tr("application '%1' is written in flow style { … }; add the rule by hand")
                        .arg(application.name));
            keyColumn = indent;
        }
        if (keyColumn < 0 || keyColumn >= text.size())
            return refuse(where.line,
                tr("cannot find the keys of application '%1' on line %2").arg(application.name).arg(where.line));
        if (text[keyColumn] == '{')
            return refuse(where.line,
                tr("application '%1' is written in flow style { … }; add the rule by hand")
                    .arg(application.name));
    }

    // The entry runs until the first content line left of its keys: the next
    // list item, or the next top-level key. Comments and blank lines after its
    // last content line may introduce what follows, so nothing goes after them.
    int end = entry + 1;
    int lastContent = entry;
    while (end < lines.size()) {
        const QByteArray& text = lines[end].text;
        if (isContent(text)) {
            if (indentOf(text) < keyColumn || text.startsWith("---") || text.startsWith("..."))
                break;
            lastContent = end;
        }
        ++end;
    }

    // An ignoreDifferences key of this entry.
    static const QByteArray key = "ignoreDifferences";
    int keyLine = -1;
    for (int i = entry; i < end; ++i) {
        const QByteArray& text = lines[i].text;
        if (!isContent(text) || (i != entry && indentOf(text) != keyColumn))
            continue;
        if (text.mid(keyColumn, key.size()) != key)
            continue;
        qsizetype c = keyColumn + key.size();
        while (c < text.size() && text[c] == ' ')
            ++c;
        if (c < text.size() && text[c] == ':') {
            keyLine = i;
            break;
        }
    }

    const QByteArray flow = flowText(rule).toUtf8();
    // Inserts `added` after line `after`, carrying a missing final newline over
    // to the new last line.
    auto insertAfter = [&lines, &eol](int after, QList<QByteArray> added) {
        const bool wasLast = lines[after].eol.isEmpty();
        if (wasLast)
            lines[after].eol = eol;
        for (qsizetype i = 0; i < added.size(); ++i) {
            const bool last = i + 1 == added.size();
            lines.insert(after + 1 + i, Line { added[i], wasLast && last ? QByteArray() : eol });
        }
    };

    if (keyLine < 0) {
        const QByteArray pad(keyColumn, ' ');
        insertAfter(lastContent, { pad + key + ':', pad + "  - " + flow });
    } else {
        QByteArray& text = lines[keyLine].text;
        const qsizetype colon = text.indexOf(':', keyColumn + key.size());
        qsizetype v = colon + 1;
        while (v < text.size() && text[v] == ' ')
            ++v;
        const bool nothingAfter = v >= text.size() || text[v] == '#';
        if (nothingAfter) {
            // A block list: its items sit at one indentation (possibly the key's
            // own, YAML's indentless sequence); the rule goes after the last one.
            int itemIndent = -1;
            int lastItemLine = keyLine;
            for (int i = keyLine + 1; i < end; ++i) {
                const QByteArray& t = lines[i].text;
                if (!isContent(t))
                    continue;
                const int indent = indentOf(t);
                if (itemIndent < 0) {
                    if (indent < keyColumn || (indent == keyColumn && !startsItem(t, indent)))
                        break; // the key's value is empty
                    if (!startsItem(t, indent))
                        return refuse(keyLine + 1,
                            tr("ignoreDifferences of application '%1' is not a list").arg(application.name));
                    itemIndent = indent;
                } else if (indent < itemIndent || (indent == itemIndent && !startsItem(t, indent))) {
                    break;
                }
                lastItemLine = i;
            }
            if (itemIndent < 0)
                itemIndent = keyColumn + 2;
            insertAfter(lastItemLine, { QByteArray(itemIndent, ' ') + "- " + flow });
        } else if (text[v] == '[') {
            // A flow list on the key's line gets the rule as one more element, in
            // place; one spanning several lines is left to a person.
            const qsizetype close = closingBracket(text, v);
            if (close < 0)
                return refuse(keyLine + 1,
                    tr("ignoreDifferences of application '%1' is a [ … ] list spanning several lines; "
                       "add the rule by hand or write the list one item per line")
                        .arg(application.name));
            qsizetype lastInside = close - 1;
            while (lastInside > v && text[lastInside] == ' ')
                --lastInside;
            if (lastInside == v)
                text.insert(v + 1, flow);
            else
                text.insert(lastInside + 1, ", " + flow);
        } else {
            return refuse(keyLine + 1,
                tr("ignoreDifferences of application '%1' is not a list").arg(application.name));
        }
    }

    const QByteArray result = joinLines(lines);

    // The edit is only good when the file reads back as the same workspace
    // plus this one rule in every environment of the entry.
    const WorkspaceDefinition after = WorkspaceDefinition::parse(result, file);
    auto broken = [&](const QString& why) {
        return fail(Error::make(Error::Code::InvalidInput,
            tr("adding the rule to application '%1' would change the file's meaning (%2); "
               "nothing was written")
                .arg(application.name, why))
                .at(file, where.line));
    };
    QStringList errorsBefore;
    for (const Error& e : before.errors)
        errorsBefore << withoutNumbers(e.message);
    for (const Error& e : after.errors) {
        if (!errorsBefore.removeOne(withoutNumbers(e.message)))
            return fail(Error::make(Error::Code::InvalidInput,
                tr("adding the rule to application '%1' would make the file invalid: %2; "
                   "nothing was written")
                    .arg(application.name, e.message))
                    .at(file, e.line));
    }
    if (after.environments.size() != before.environments.size()
        || !std::equal(before.environments.cbegin(), before.environments.cend(), after.environments.cbegin(),
            sameEnvironment))
        return broken(tr("the environments differ"));
    if (after.applications.size() != before.applications.size())
        return broken(tr("the number of applications differs"));
    int changed = 0;
    for (qsizetype i = 0; i < before.applications.size(); ++i) {
        const Application& a = before.applications[i];
        const Application& b = after.applications[i];
        if (!sameApplication(a, b))
            return broken(tr("application '%1' differs").arg(a.name));
        if (a.name != application.name) {
            if (a.ignoreDifferences.size() != b.ignoreDifferences.size()
                || !std::equal(a.ignoreDifferences.cbegin(), a.ignoreDifferences.cend(),
                    b.ignoreDifferences.cbegin(), sameRule))
                return broken(tr("the rules of application '%1' differ").arg(a.name));
            continue;
        }
        const bool oneMore = b.ignoreDifferences.size() == a.ignoreDifferences.size() + 1
            && std::equal(a.ignoreDifferences.cbegin(), a.ignoreDifferences.cend(), b.ignoreDifferences.cbegin(),
                sameRule)
            && sameRule(b.ignoreDifferences.last(), rule);
        if (!oneMore)
            return broken(tr("the new rule does not read back as written in '%1'").arg(a.environment));
        ++changed;
    }
    if (changed == 0)
        return broken(tr("application '%1' is gone").arg(application.name));
    return result;
}

Result<QString> DefinitionEditor::addIgnoreDifference(
    const QString& workingTree, const Application& application, const IgnoreDifference& rule)
{
    const QString path = QFileInfo(QDir(workingTree).filePath(QString::fromLatin1(WorkspaceDefinition::FileName)))
                             .absoluteFilePath();
    if (workingTree.isEmpty() || !QFileInfo(path).isFile())
        return fail(Error::make(Error::Code::NotFound,
            tr("there is no driftline.yaml in %1; Driftline writes rules only to a workspace's "
               "driftline.yaml")
                .arg(workingTree.isEmpty() ? tr("the repository (it has no working tree)")
                                           : QDir::toNativeSeparators(workingTree))));
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly))
        return fail(Error::make(Error::Code::Io, tr("cannot read %1: %2").arg(path, in.errorString())));
    const QByteArray current = in.readAll();
    in.close();

    Result<QByteArray> edited = withIgnoreDifference(current, application, rule);
    if (!edited) {
        Error e = edited.error();
        // The user sees which file on disk was meant, not the name inside the repository.
        if (e.file.isEmpty() || QFileInfo(e.file).isRelative())
            e.file = path;
        return fail(std::move(e));
    }

    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return fail(Error::make(Error::Code::Io, tr("cannot write %1: %2").arg(path, out.errorString())));
    if (out.write(*edited) != edited->size() || !out.commit())
        return fail(Error::make(Error::Code::Io, tr("cannot write %1: %2").arg(path, out.errorString())));
    return path;
}

} // namespace driftline::workspace
