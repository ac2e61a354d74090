#include "core/manifestparser.h"

#include "core/yamlscalar.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringBuilder>

#include <yaml-cpp/yaml.h>

using namespace Qt::StringLiterals;

namespace driftline {

namespace {

QString qs(const std::string& s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

// yaml-cpp exceptions stop here: everything above sees Result and Error.
QJsonValue toJson(const YAML::Node& node)
{
    switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        return QJsonValue(QJsonValue::Null);
    case YAML::NodeType::Scalar: {
        const std::string& tag = node.Tag();
        const QString text = qs(node.Scalar());
        if (tag == "!" || tag == "tag:yaml.org,2002:str" || tag == "tag:yaml.org,2002:binary")
            return QJsonValue(text);
        if (tag == "?" || tag.empty())
            return yamlscalar::resolvePlain(text);
        // Explicit core tags: read the text as that type, falling back to the plain rules.
        const QJsonValue v = yamlscalar::resolvePlain(text);
        if (tag == "tag:yaml.org,2002:int" && v.isDouble())
            return v;
        if (tag == "tag:yaml.org,2002:float" && v.isDouble())
            return QJsonValue(v.toDouble());
        return v;
    }
    case YAML::NodeType::Sequence: {
        QJsonArray arr;
        for (const YAML::Node& child : node)
            arr.append(toJson(child));
        return arr;
    }
    case YAML::NodeType::Map: {
        QJsonObject obj;
        for (const auto& kv : node) {
            const YAML::Node& k = kv.first;
            const QString key = k.IsScalar() ? qs(k.Scalar()) : QString();
            obj.insert(key, toJson(kv.second));
        }
        return obj;
    }
    }
    return QJsonValue(QJsonValue::Null);
}

struct Document {
    QByteArray text;
    int firstLine = 1; // 1-based line of the document's first text line in the file
};

bool isMarker(const char* p, const char* end, char c)
{
    if (end - p < 3 || p[0] != c || p[1] != c || p[2] != c)
        return false;
    return end - p == 3 || p[3] == ' ' || p[3] == '\t' || p[3] == '\n' || p[3] == '\r';
}

// Splits a stream at its "---" / "..." markers so that one broken document
// cannot hide the others.
QList<Document> splitDocuments(const QByteArray& data)
{
    QList<Document> docs;
    const char* begin = data.constData();
    const char* end = begin + data.size();
    const char* docStart = begin;
    int docLine = 1;
    int line = 1;
    const char* p = begin;
    auto close = [&](const char* upTo) {
        if (upTo > docStart)
            docs.append({ QByteArray(docStart, upTo - docStart), docLine });
    };
    while (p < end) {
        const char* eol = static_cast<const char*>(memchr(p, '\n', size_t(end - p)));
        const char* lineEnd = eol ? eol : end;
        if (isMarker(p, lineEnd, '-')) {
            close(p);
            // Content may follow the marker on the same line ("--- !tag" or "--- {a: 1}").
            docStart = p + 3;
            docLine = line;
        } else if (isMarker(p, lineEnd, '.')) {
            close(p);
            docStart = eol ? eol + 1 : end;
            docLine = line + 1;
        }
        p = eol ? eol + 1 : end;
        ++line;
    }
    close(end);
    return docs;
}

bool isBlank(const QByteArray& text)
{
    // A document of only comments and whitespace is no document.
    bool inComment = false;
    for (char c : text) {
        if (inComment) {
            if (c == '\n')
                inComment = false;
            continue;
        }
        if (c == '#')
            inComment = true;
        else if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return false;
    }
    return true;
}

Error documentError(const QString& file, int line, const QString& message)
{
    return Error::make(Error::Code::InvalidInput, message).at(file, line);
}

void addObject(const QJsonObject& obj, const QString& file, int line, int docIndex, ParseResult& out)
{
    const QString kind = obj.value(u"kind"_s).toString();
    const QString apiVersion = obj.value(u"apiVersion"_s).toString();
    if (kind.isEmpty()) {
        out.errors.append(documentError(file, line, u"document has no kind"_s));
        return;
    }
    if (apiVersion.isEmpty()) {
        out.errors.append(documentError(file, line, u"%1 has no apiVersion"_s.arg(kind)));
        return;
    }
    if (kind == u"List" || (kind.endsWith(u"List") && obj.value(u"items"_s).isArray())) {
        const QJsonArray items = obj.value(u"items"_s).toArray();
        for (const QJsonValue& item : items) {
            if (!item.isObject()) {
                out.errors.append(documentError(file, line, u"an item of the %1 is not an object"_s.arg(kind)));
                continue;
            }
            addObject(item.toObject(), file, line, docIndex, out);
        }
        return;
    }
    const QJsonObject meta = obj.value(u"metadata"_s).toObject();
    const QString name = meta.value(u"name"_s).toString();
    if (name.isEmpty()) {
        const QString why = meta.contains(u"generateName"_s)
            ? u"%1 uses metadata.generateName, which declarative apply cannot track; give it a metadata.name"_s
            : u"%1 has no metadata.name"_s;
        out.errors.append(documentError(file, line, why.arg(kind)));
        return;
    }
    const ResourceKey key = ResourceKey::fromApiVersion(apiVersion, kind, meta.value(u"namespace"_s).toString(), name);
    out.resources.append(Resource(key, obj, SourceLocation { file, line, docIndex }));
}

int firstContentLine(const QByteArray& text, int firstLine)
{
    // Point at the first line that is neither blank nor a comment nor the marker's rest.
    int line = firstLine;
    qsizetype i = 0;
    while (i < text.size()) {
        qsizetype eol = text.indexOf('\n', i);
        if (eol < 0)
            eol = text.size();
        const QByteArray l = text.mid(i, eol - i).trimmed();
        if (!l.isEmpty() && !l.startsWith('#'))
            return line;
        ++line;
        i = eol + 1;
    }
    return firstLine;
}

} // namespace

bool ManifestParser::looksBinary(const QByteArray& data)
{
    return QByteArrayView(data).first(std::min<qsizetype>(data.size(), 8192)).contains('\0');
}

Result<QJsonValue> ManifestParser::parseYamlValue(const QByteArray& data, const QString& file)
{
    try {
        return toJson(YAML::Load(data.toStdString()));
    } catch (const YAML::Exception& e) {
        return fail(documentError(file, e.mark.is_null() ? 0 : e.mark.line + 1, qs(e.msg)));
    }
}

ParseResult ManifestParser::parse(const QByteArray& data, const QString& file)
{
    ParseResult out;
    if (data.size() > MaxFileSize) {
        out.errors.append(Error::make(Error::Code::TooLarge,
                                      u"file is %1 MB, over the %2 MB limit for a manifest; not parsed"_s
                                          .arg(QString::number(double(data.size()) / (1024 * 1024), 'f', 1))
                                          .arg(MaxFileSize / (1024 * 1024)))
                              .at(file));
        return out;
    }
    if (looksBinary(data)) {
        out.errors.append(Error::make(Error::Code::InvalidInput, u"binary file, not a manifest; skipped"_s).at(file));
        return out;
    }
    const QList<Document> docs = splitDocuments(data);
    int docIndex = 0;
    for (const Document& doc : docs) {
        if (isBlank(doc.text))
            continue;
        const int index = docIndex++;
        YAML::Node node;
        try {
            node = YAML::Load(doc.text.toStdString());
        } catch (const YAML::Exception& e) {
            const int line = e.mark.is_null() ? doc.firstLine : doc.firstLine + e.mark.line;
            out.errors.append(documentError(file, line, u"invalid YAML: "_s + qs(e.msg)));
            continue;
        }
        const int line = firstContentLine(doc.text, doc.firstLine);
        if (node.IsNull())
            continue;
        if (!node.IsMap()) {
            out.errors.append(documentError(file, line, u"document is not a mapping (a Kubernetes object)"_s));
            continue;
        }
        QJsonValue value;
        try {
            value = toJson(node);
        } catch (const YAML::Exception& e) {
            out.errors.append(documentError(file, line, u"invalid YAML: "_s + qs(e.msg)));
            continue;
        }
        addObject(value.toObject(), file, line, index, out);
    }
    return out;
}

} // namespace driftline
