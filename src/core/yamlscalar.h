// How a plain YAML scalar reads: the resolution rules of go-yaml v2 (YAML 1.1),
// which is what kubectl and the API server's YAML decoder use.
#pragma once

#include <QJsonValue>
#include <QStringView>

namespace driftline::yamlscalar {

// The JSON value of a plain (unquoted) scalar.
QJsonValue resolvePlain(QStringView text);

// True when `text` can be written as a plain scalar and read back as the same string.
bool isSafePlainString(QStringView text);

} // namespace driftline::yamlscalar
