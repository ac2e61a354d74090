#include "core/error.h"

#include <QStringBuilder>

using namespace Qt::StringLiterals;

namespace driftline {

QString Error::toString() const
{
    QString out;
    if (!file.isEmpty()) {
        out += file;
        if (line > 0)
            out += u':' + QString::number(line);
        out += u": "_s;
    }
    if (!cluster.isEmpty())
        out += cluster + u": "_s;
    if (!resource.isEmpty())
        out += resource + u": "_s;
    out += message;
    if (!detail.isEmpty())
        out += u'\n' + detail.trimmed();
    return out;
}

Error Error::wrapped(const QString& context) const
{
    Error e = *this;
    e.message = context + u": "_s + message;
    return e;
}

} // namespace driftline
