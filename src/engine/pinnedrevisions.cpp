#include "engine/pinnedrevisions.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace driftline::engine {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(driftline::engine::PinnedRevisions)
};

// The same repository reached by two spellings ("repo/", "./repo") is one key.
QString canonicalRepository(const QString& repository)
{
    const QFileInfo info(repository);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : canonical;
}

bool sameTarget(const Pin& pin, const QString& repository, const QString& environment, const QString& application)
{
    return pin.environment == environment && pin.application == application
        && canonicalRepository(pin.repository) == canonicalRepository(repository);
}

QJsonObject toJson(const Pin& pin)
{
    return QJsonObject{
        {"repository"_L1, pin.repository},
        {"environment"_L1, pin.environment},
        {"application"_L1, pin.application},
        {"commitId"_L1, pin.commitId},
        {"summary"_L1, pin.summary},
        {"since"_L1, pin.since.toUTC().toString(Qt::ISODateWithMs)},
    };
}

Pin fromJson(const QJsonObject& o)
{
    Pin pin;
    pin.repository = o.value("repository"_L1).toString();
    pin.environment = o.value("environment"_L1).toString();
    pin.application = o.value("application"_L1).toString();
    pin.commitId = o.value("commitId"_L1).toString();
    pin.summary = o.value("summary"_L1).toString();
    pin.since = QDateTime::fromString(o.value("since"_L1).toString(), Qt::ISODateWithMs);
    return pin;
}

} // namespace

PinnedRevisions::PinnedRevisions(const QString& path)
    : m_path(path.isEmpty() ? defaultPath() : path)
{
}

QString PinnedRevisions::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/driftline/pins.json"_s;
}

Result<QList<Pin>> PinnedRevisions::load() const
{
    QFile file(m_path);
    if (!file.exists())
        return QList<Pin>{};
    if (!file.open(QIODevice::ReadOnly))
        return fail(Error::make(Error::Code::Io, Tr::tr("Cannot read the pinned revisions: %1").arg(file.errorString()))
                        .at(m_path));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return fail(Error::make(Error::Code::InvalidInput, Tr::tr("The pinned revisions file is not valid JSON."))
                        .at(m_path));
    QList<Pin> pins;
    for (const QJsonValue& value : document.object().value("pins"_L1).toArray()) {
        Pin pin = fromJson(value.toObject());
        // A hand-edited entry without a target cannot be matched; leaving it out
        // beats refusing every other pin.
        if (!pin.environment.isEmpty() && !pin.application.isEmpty())
            pins.append(std::move(pin));
    }
    return pins;
}

Result<void> PinnedRevisions::save(const QList<Pin>& pins) const
{
    QJsonArray array;
    for (const Pin& pin : pins)
        array.append(toJson(pin));
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(Error::make(Error::Code::Io, Tr::tr("Cannot create the folder for the pinned revisions."))
                        .at(info.absolutePath()));
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(Error::make(Error::Code::Io, Tr::tr("Cannot write the pinned revisions: %1").arg(file.errorString()))
                        .at(m_path));
    file.write(QJsonDocument(QJsonObject{{"version"_L1, 1}, {"pins"_L1, array}}).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return fail(Error::make(Error::Code::Io, Tr::tr("Cannot write the pinned revisions: %1").arg(file.errorString()))
                        .at(m_path));
    return {};
}

std::optional<Pin> PinnedRevisions::pin(const QString& repository, const QString& environment,
    const QString& application) const
{
    QMutexLocker lock(&m_mutex);
    const auto pins = load();
    if (!pins)
        return std::nullopt;
    for (const Pin& pin : *pins) {
        if (sameTarget(pin, repository, environment, application))
            return pin;
    }
    return std::nullopt;
}

QList<Pin> PinnedRevisions::pins(const QString& repository) const
{
    QMutexLocker lock(&m_mutex);
    QList<Pin> out;
    const auto pins = load();
    if (!pins)
        return out;
    const QString wanted = canonicalRepository(repository);
    for (const Pin& pin : *pins) {
        if (canonicalRepository(pin.repository) == wanted)
            out.append(pin);
    }
    return out;
}

Result<void> PinnedRevisions::setPin(const Pin& pin)
{
    if (pin.environment.isEmpty() || pin.application.isEmpty() || pin.commitId.isEmpty())
        return fail(Error::Code::InvalidInput, Tr::tr("A pin needs an environment, an application and a commit."));
    QMutexLocker lock(&m_mutex);
    auto pins = load();
    if (!pins)
        return fail(pins.error());
    pins->removeIf([&](const Pin& p) { return sameTarget(p, pin.repository, pin.environment, pin.application); });
    Pin stored = pin;
    if (!stored.since.isValid())
        stored.since = QDateTime::currentDateTimeUtc();
    pins->append(stored);
    return save(*pins);
}

Result<void> PinnedRevisions::clear(const QString& repository, const QString& environment, const QString& application)
{
    QMutexLocker lock(&m_mutex);
    auto pins = load();
    if (!pins)
        return fail(pins.error());
    const qsizetype removed = pins->removeIf(
        [&](const Pin& p) { return sameTarget(p, repository, environment, application); });
    if (removed == 0)
        return {};
    return save(*pins);
}

} // namespace driftline::engine
