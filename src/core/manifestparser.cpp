#include "core/manifestparser.h"

#include "core/yamlscalar.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringBuilder>

#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <istream>
#include <streambuf>
#include <vector>

using namespace Qt::StringLiterals;

namespace driftline {

namespace {

QString qs(const std::string& s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

QJsonValue resolveScalar(const std::string& tag, const QString& text)
{
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

// yaml-cpp reads from a std::istream; this one reads the bytes in place, uncopied.
class MemoryBuffer final : public std::streambuf
{
public:
    MemoryBuffer(const char* begin, const char* end)
    {
        char* b = const_cast<char*>(begin); // only ever read: no put area is set
        setg(b, b, const_cast<char*>(end));
    }
};

// Builds the JSON value of one YAML document straight from the parser's events,
// with no YAML::Node tree in between. It reads the document as yaml-cpp's Node
// API did: a key is the raw text of a scalar key ("80" stays "80", a null or
// collection key is ""), a later duplicate key wins, "<<" is an ordinary key
// (yaml-cpp 0.8 does not merge), and an alias is a copy of its anchored value.
class JsonBuilder final : public YAML::EventHandler
{
public:
    QJsonValue root { QJsonValue::Null };
    // As the Node API's IsNull(): no document, or a null node; not a scalar such as "!!null ~".
    bool rootIsNullNode = true;

    void OnDocumentStart(const YAML::Mark&) override { }
    void OnDocumentEnd() override { }

    void OnNull(const YAML::Mark&, YAML::anchor_t anchor) override
    {
        if (anchor != YAML::NullAnchor)
            anchored(anchor) = { QJsonValue(QJsonValue::Null), QString(), false, true };
        if (m_stack.empty())
            return; // the root stays the null node
        add(QJsonValue(QJsonValue::Null), QString());
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override
    {
        if (anchor >= m_anchors.size() || !m_anchors[anchor].complete)
            // The Node API built a cycle here that no JSON value can hold.
            throw YAML::ParserException(mark, "an alias refers to the node that contains it");
        const Anchored& a = m_anchors[anchor];
        add(a.value, a.isScalar ? a.keyText : QString());
    }

    void OnScalar(const YAML::Mark&, const std::string& tag, YAML::anchor_t anchor, const std::string& value) override
    {
        QString text = qs(value);
        const bool isKey = !m_stack.empty() && m_stack.back().isMap && !m_stack.back().haveKey;
        if (isKey && anchor == YAML::NullAnchor) {
            // A key is its text whatever the scalar resolves to: skip resolving it.
            Frame& top = m_stack.back();
            top.key = std::move(text);
            top.haveKey = true;
            return;
        }
        const QJsonValue json = resolveScalar(tag, text);
        if (anchor != YAML::NullAnchor)
            anchored(anchor) = { json, text, true, true };
        add(json, text);
    }

    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override
    {
        start(anchor, false);
    }
    void OnSequenceEnd() override { end(); }

    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override
    {
        start(anchor, true);
    }
    void OnMapEnd() override { end(); }

private:
    struct Frame {
        bool isMap = false;
        bool haveKey = false;
        YAML::anchor_t anchor = YAML::NullAnchor;
        QString key;
        QJsonArray array;
        QJsonObject object;
    };
    struct Anchored {
        QJsonValue value;
        QString keyText;
        bool isScalar = false;
        bool complete = false;
    };

    Anchored& anchored(YAML::anchor_t anchor)
    {
        if (anchor >= m_anchors.size())
            m_anchors.resize(anchor + 1);
        return m_anchors[anchor];
    }

    void start(YAML::anchor_t anchor, bool isMap)
    {
        if (anchor != YAML::NullAnchor)
            anchored(anchor).complete = false;
        Frame f;
        f.isMap = isMap;
        f.anchor = anchor;
        m_stack.push_back(std::move(f));
    }

    void end()
    {
        Frame f = std::move(m_stack.back());
        m_stack.pop_back();
        QJsonValue value = f.isMap ? QJsonValue(std::move(f.object)) : QJsonValue(std::move(f.array));
        if (f.anchor != YAML::NullAnchor)
            anchored(f.anchor) = { value, QString(), false, true };
        add(std::move(value), QString());
    }

    // keyText: what the value reads as in a key's place.
    void add(QJsonValue value, const QString& keyText)
    {
        if (m_stack.empty()) {
            root = std::move(value);
            rootIsNullNode = false;
            return;
        }
        Frame& top = m_stack.back();
        if (!top.isMap) {
            top.array.append(std::move(value));
        } else if (!top.haveKey) {
            top.key = keyText;
            top.haveKey = true;
        } else {
            top.object.insert(top.key, std::move(value));
            top.haveKey = false;
        }
    }

    std::vector<Frame> m_stack;
    std::vector<Anchored> m_anchors;
};

// Parses the first document of `begin..end` into `builder`; a text with no document leaves it null.
void parseFirstDocument(const char* begin, const char* end, JsonBuilder& builder)
{
    MemoryBuffer buffer(begin, end);
    std::istream in(&buffer);
    YAML::Parser parser(in);
    parser.HandleNextDocument(builder);
}

struct Document {
    QByteArrayView text; // a view into the file's bytes
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
            docs.append({ QByteArrayView(docStart, upTo - docStart), docLine });
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

bool isBlank(QByteArrayView text)
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

int firstContentLine(QByteArrayView text, int firstLine)
{
    // Point at the first line that is neither blank nor a comment nor the marker's rest.
    int line = firstLine;
    qsizetype i = 0;
    while (i < text.size()) {
        qsizetype eol = text.indexOf('\n', i);
        if (eol < 0)
            eol = text.size();
        const QByteArrayView l = text.sliced(i, eol - i).trimmed();
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
        JsonBuilder builder;
        parseFirstDocument(data.constData(), data.constData() + data.size(), builder);
        return std::move(builder.root);
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
        JsonBuilder builder;
        try {
            parseFirstDocument(doc.text.data(), doc.text.data() + doc.text.size(), builder);
        } catch (const YAML::Exception& e) {
            const int line = e.mark.is_null() ? doc.firstLine : doc.firstLine + e.mark.line;
            out.errors.append(documentError(file, line, u"invalid YAML: "_s + qs(e.msg)));
            continue;
        }
        const int line = firstContentLine(doc.text, doc.firstLine);
        if (builder.rootIsNullNode)
            continue;
        const QJsonValue& value = builder.root;
        if (!value.isObject()) {
            out.errors.append(documentError(file, line, u"document is not a mapping (a Kubernetes object)"_s));
            continue;
        }
        addObject(value.toObject(), file, line, index, out);
    }
    return out;
}

} // namespace driftline
