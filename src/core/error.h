// Error values and Result<T>: every fallible function in Driftline returns one.
#pragma once

#include <QMetaType>
#include <QString>

#include <expected>

namespace driftline {

// An error for people: a message plus where it happened (file and line,
// resource, cluster, HTTP status). Never holds secrets.
struct Error {
    enum class Code {
        Generic,
        NotFound,
        InvalidInput,
        Io,
        Git,
        Render,
        Cancelled,
        Timeout,
        TooLarge,
        Unsupported,
    };

    Code code = Code::Generic;
    QString message;  // what went wrong, in a sentence
    QString file;     // repository-relative or absolute path, when it concerns a file
    int line = 0;     // 1-based, 0 when unknown
    QString resource; // "Kind/namespace/name", when it concerns a resource
    QString cluster;  // environment or cluster name
    int httpStatus = 0;
    QString detail;   // further text (a tool's stderr, the server's message)

    static Error make(Code code, QString message)
    {
        Error e;
        e.code = code;
        e.message = std::move(message);
        return e;
    }
    Error&& at(QString f, int l = 0) &&
    {
        file = std::move(f);
        line = l;
        return std::move(*this);
    }
    Error&& withDetail(QString d) &&
    {
        detail = std::move(d);
        return std::move(*this);
    }
    Error&& forResource(QString r) &&
    {
        resource = std::move(r);
        return std::move(*this);
    }

    // "file:line: resource: message" followed by the detail on its own lines.
    QString toString() const;
    // Prepends context to the message, building a causal chain ("render app/web: …").
    Error wrapped(const QString& context) const;
};

template<typename T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(Error e) { return std::unexpected<Error>(std::move(e)); }
inline std::unexpected<Error> fail(Error::Code code, QString message)
{
    return std::unexpected<Error>(Error::make(code, std::move(message)));
}

} // namespace driftline

Q_DECLARE_METATYPE(driftline::Error)
