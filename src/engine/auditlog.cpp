#include "engine/auditlog.h"

#include "engine/secretmask.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QStandardPaths>
#include <QUuid>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace driftline::engine {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(driftline::engine::AuditLog)
};

// Bumped if the line format changes incompatibly; readers skip newer lines' unknown fields.
constexpr int formatVersion = 1;

constexpr auto phaseStarted = "started"_L1;
constexpr auto phaseFinished = "finished"_L1;

QJsonArray maskedResources(const QJsonArray& resources)
{
    QJsonArray out;
    for (const QJsonValue& value : resources) {
        QJsonObject resource = value.toObject();
        if (resource.value("manifest"_L1).isObject())
            resource.insert("manifest"_L1, SecretMask::mask(resource.value("manifest"_L1).toObject()));
        out.append(value.isObject() ? QJsonValue(resource) : value);
    }
    return out;
}

QString systemError(const QString& what, int error)
{
    return what + u": "_s + QString::fromLocal8Bit(std::strerror(error));
}

// Closes the descriptor on every way out; the flock goes with it.
struct FdCloser {
    int fd;
    ~FdCloser()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace

QString AuditEntry::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QJsonObject AuditEntry::toJson() const
{
    QJsonObject o;
    o.insert("id"_L1, id);
    o.insert("time"_L1, time.toUTC().toString(Qt::ISODateWithMs));
    o.insert("kind"_L1, kind);
    o.insert("user"_L1, user);
    o.insert("environment"_L1, environment);
    o.insert("context"_L1, context);
    o.insert("cluster"_L1, cluster);
    o.insert("applications"_L1, QJsonArray::fromStringList(applications));
    o.insert("revision"_L1, revision);
    o.insert("options"_L1, options);
    o.insert("resources"_L1, maskedResources(resources));
    o.insert("durationMs"_L1, durationMs);
    o.insert("outcome"_L1, outcome);
    o.insert("error"_L1, error);
    o.insert("summary"_L1, summary);
    return o;
}

Result<AuditEntry> AuditEntry::fromJson(const QJsonObject& o)
{
    AuditEntry e;
    e.id = o.value("id"_L1).toString();
    e.time = QDateTime::fromString(o.value("time"_L1).toString(), Qt::ISODateWithMs);
    e.kind = o.value("kind"_L1).toString();
    if (e.id.isEmpty() || !e.time.isValid() || e.kind.isEmpty())
        return fail(Error::Code::InvalidInput, Tr::tr("an audit entry needs an id, a time and a kind"));
    e.user = o.value("user"_L1).toString();
    e.environment = o.value("environment"_L1).toString();
    e.context = o.value("context"_L1).toString();
    e.cluster = o.value("cluster"_L1).toString();
    for (const QJsonValue& a : o.value("applications"_L1).toArray())
        e.applications.append(a.toString());
    e.revision = o.value("revision"_L1).toString();
    e.options = o.value("options"_L1).toObject();
    e.resources = o.value("resources"_L1).toArray();
    e.durationMs = o.value("durationMs"_L1).toInteger();
    e.outcome = o.value("outcome"_L1).toString();
    e.error = o.value("error"_L1).toString();
    e.summary = o.value("summary"_L1).toString();
    return e;
}

bool operator==(const AuditEntry& a, const AuditEntry& b)
{
    return a.id == b.id && a.time == b.time && a.kind == b.kind && a.user == b.user
        && a.environment == b.environment && a.context == b.context && a.cluster == b.cluster
        && a.applications == b.applications && a.revision == b.revision && a.options == b.options
        && a.resources == b.resources && a.durationMs == b.durationMs && a.outcome == b.outcome
        && a.error == b.error && a.summary == b.summary;
}

AuditLog::AuditLog(const QString& path)
    : m_path(path.isEmpty() ? defaultPath() : path)
{
}

QString AuditLog::defaultPath()
{
    // Beside the demo (driftline/demo): one folder of Driftline's data, the same for the window and the CLI.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/driftline/audit.jsonl"_s;
}

Result<void> AuditLog::append(const AuditEntry& entry)
{
    QJsonObject line = entry.toJson();
    if (entry.id.isEmpty())
        line.insert("id"_L1, AuditEntry::newId());
    if (!entry.time.isValid())
        line.insert("time"_L1, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    line.insert("phase"_L1, phaseFinished);
    return writeLine(std::move(line));
}

Result<void> AuditLog::started(const AuditEntry& entry)
{
    if (entry.id.isEmpty())
        return fail(Error::Code::InvalidInput, Tr::tr("a started operation needs an id to finish it with"));
    QJsonObject line = entry.toJson();
    if (!entry.time.isValid())
        line.insert("time"_L1, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    line.insert("phase"_L1, phaseStarted);
    return writeLine(std::move(line));
}

// One write() of the whole line on an O_APPEND descriptor: the kernel places it
// at the end, so appends from threads and processes never interleave inside a
// line, and a crash can only cut this line short. A previous writer's cut-off
// line is closed with a '\n' first, so it stays one garbled line that readers
// skip rather than swallowing the start of this one.
Result<void> AuditLog::writeLine(QJsonObject line)
{
    line.insert("v"_L1, formatVersion);
    QByteArray bytes = QJsonDocument(line).toJson(QJsonDocument::Compact);
    bytes.append('\n');

    const QMutexLocker lock(&m_mutex);
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(Error::make(Error::Code::Io,
            Tr::tr("cannot create the folder of the audit log %1").arg(m_path)).at(m_path));
    const QByteArray native = QFile::encodeName(m_path);
    // 0600: the journal holds manifests and who ran what.
    const FdCloser file { ::open(native.constData(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600) };
    if (file.fd < 0)
        return fail(Error::make(Error::Code::Io,
            systemError(Tr::tr("cannot open the audit log %1").arg(m_path), errno)).at(m_path));
    // The torn-line check and the write must not race with another process' append.
    while (::flock(file.fd, LOCK_EX) < 0) {
        if (errno != EINTR)
            return fail(Error::make(Error::Code::Io,
                systemError(Tr::tr("cannot lock the audit log %1").arg(m_path), errno)).at(m_path));
    }
    struct stat st {};
    if (::fstat(file.fd, &st) == 0 && st.st_size > 0) {
        char last = '\n';
        // The write-only descriptor cannot read: look through a second one.
        const FdCloser reader { ::open(native.constData(), O_RDONLY | O_CLOEXEC) };
        if (reader.fd >= 0 && ::pread(reader.fd, &last, 1, st.st_size - 1) == 1 && last != '\n')
            bytes.prepend('\n');
    }
    qsizetype written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(file.fd, bytes.constData() + written, size_t(bytes.size() - written));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return fail(Error::make(Error::Code::Io,
                systemError(Tr::tr("cannot write the audit log %1").arg(m_path), errno)).at(m_path));
        }
        written += n;
    }
    if (::fsync(file.fd) < 0)
        return fail(Error::make(Error::Code::Io,
            systemError(Tr::tr("cannot flush the audit log %1").arg(m_path), errno)).at(m_path));
    return {};
}

Result<AuditLog::Contents> AuditLog::read() const
{
    Contents contents;
    QFile file(m_path);
    if (!file.exists())
        return contents;
    if (!file.open(QIODevice::ReadOnly))
        return fail(Error::make(Error::Code::Io,
            Tr::tr("cannot read the audit log %1: %2").arg(m_path, file.errorString())).at(m_path));
    const QByteArray data = file.readAll();

    QHash<QString, qsizetype> indexOfId;
    QList<bool> finished;
    qsizetype start = 0;
    while (start < data.size()) {
        const qsizetype end = data.indexOf('\n', start);
        if (end < 0) { // no newline: a line its writer never finished
            ++contents.skippedLines;
            break;
        }
        const QByteArrayView text(data.constData() + start, end - start);
        start = end + 1;
        if (text.trimmed().isEmpty())
            continue;
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(text.toByteArray(), &parseError);
        Result<AuditEntry> entry = doc.isObject() ? AuditEntry::fromJson(doc.object())
                                                  : Result<AuditEntry>(fail(Error::Code::InvalidInput, {}));
        if (parseError.error != QJsonParseError::NoError || !entry) {
            ++contents.skippedLines;
            continue;
        }
        const bool isStart = doc.object().value("phase"_L1).toString() == phaseStarted;
        if (isStart)
            entry->outcome = u"interrupted"_s; // until its final line says otherwise
        const auto known = indexOfId.constFind(entry->id);
        if (known == indexOfId.constEnd()) {
            indexOfId.insert(entry->id, contents.entries.size());
            contents.entries.append(std::move(*entry));
            finished.append(!isStart);
        } else if (!isStart && !finished[*known]) {
            contents.entries[*known] = std::move(*entry);
            finished[*known] = true;
        }
    }
    return contents;
}

} // namespace driftline::engine
