// Parses manifest files (YAML, multi-document, or JSON) into Resources.
// A bad document yields an Error naming its file and line; the other
// documents of the file still load.
#pragma once

#include "core/error.h"
#include "core/resource.h"

#include <QByteArray>
#include <QJsonValue>

namespace driftline {

struct ParseResult {
    ResourceList resources;
    QList<Error> errors;
};

class ManifestParser
{
public:
    // Files larger than this are refused unparsed: no sane manifest is this big.
    static constexpr qint64 MaxFileSize = 16 * 1024 * 1024;

    // `file` names the input in resources' SourceLocation and in errors.
    static ParseResult parse(const QByteArray& data, const QString& file);

    // True when the bytes look binary (a NUL in the first 8 KiB).
    static bool looksBinary(const QByteArray& data);

    // Parses one YAML document into JSON values (YAML 1.1 scalars, as Kubernetes reads them).
    static Result<QJsonValue> parseYamlValue(const QByteArray& data, const QString& file = {});
};

} // namespace driftline
