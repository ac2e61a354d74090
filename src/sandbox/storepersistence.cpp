#include "sandbox/storepersistence.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSaveFile>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace driftline::sandbox
{

namespace
{

const QString kStateKind = u"DriftlineSandboxState"_s;

std::optional<ResourceType> typeFor(const ObjectStore& store, const QString& apiVersion, const QString& kind)
{
    for (const ResourceType& t : store.types()) {
        if (t.kind == kind && t.groupVersion() == apiVersion)
            return t;
    }
    return std::nullopt;
}

// Restore order: definitions first (they create types), then namespaces (they hold
// the rest), then everything else.
int rank(const QJsonObject& object)
{
    const QString kind = object.value(u"kind"_s).toString();
    if (kind == u"CustomResourceDefinition"_s)
        return 0;
    if (kind == u"Namespace"_s)
        return 1;
    return 2;
}

struct Pending {
    QJsonObject object;
    QString origin; // the file it came from
};

StorePersistence::LoadReport restoreAll(ObjectStore& store, QList<Pending> objects)
{
    std::stable_sort(objects.begin(), objects.end(),
        [](const Pending& a, const Pending& b) { return rank(a.object) < rank(b.object); });
    StorePersistence::LoadReport report;
    // Unserved kinds are summed per file and kind: a dump has dozens of Events.
    QMap<std::pair<QString, QString>, int> unserved;
    for (const Pending& p : std::as_const(objects)) {
        const QString kind = p.object.value(u"kind"_s).toString();
        const QString apiVersion = p.object.value(u"apiVersion"_s).toString();
        const QJsonObject meta = p.object.value(u"metadata"_s).toObject();
        const QString what = meta.value(u"namespace"_s).toString().isEmpty()
            ? u"%1 %2"_s.arg(kind, meta.value(u"name"_s).toString())
            : u"%1 %2/%3"_s.arg(kind, meta.value(u"namespace"_s).toString(), meta.value(u"name"_s).toString());
        const auto type = typeFor(store, apiVersion, kind);
        if (!type) {
            ++unserved[{ p.origin, apiVersion + u' ' + kind }];
            ++report.failed;
            continue;
        }
        const auto restored = store.restore(*type, p.object);
        if (!restored) {
            report.problems.append(u"%1: %2: %3"_s.arg(p.origin, what, restored.error().message));
            ++report.failed;
            continue;
        }
        ++report.loaded;
    }
    for (auto it = unserved.cbegin(); it != unserved.cend(); ++it) {
        report.problems.append(QCoreApplication::translate("StorePersistence", "%1: %n object(s) of kind %2: not served by the sandbox", nullptr, it.value())
                                   .arg(it.key().first, it.key().second));
    }
    return report;
}

Result<QJsonDocument> readJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Error::make(Error::Code::Io, QCoreApplication::translate("StorePersistence", "Cannot read the file."))
                        .at(path)
                        .withDetail(file.errorString()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (doc.isNull())
        return fail(Error::make(Error::Code::InvalidInput,
            QCoreApplication::translate("StorePersistence", "The file is not valid JSON."))
                        .at(path)
                        .withDetail(error.errorString()));
    return doc;
}

} // namespace

StorePersistence::StorePersistence(ObjectStore& store, QString path, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_path(std::move(path))
    , m_debounce(new QTimer(this))
{
    m_debounce->setSingleShot(true);
    connect(m_debounce, &QTimer::timeout, this, [this] {
        if (const auto ok = save(); !ok)
            emit saveFailed(ok.error().toString());
    });
}

StorePersistence::~StorePersistence()
{
    if (m_listenerId)
        m_store.removeListener(m_listenerId);
    if (m_dirty)
        (void)save();
}

void StorePersistence::startAutoSave(std::chrono::milliseconds debounce)
{
    m_debounce->setInterval(debounce);
    if (m_listenerId)
        return;
    m_listenerId = m_store.addListener([this](const ObjectStore::Change&) {
        m_dirty = true;
        // Restarted by every change: one write after a burst, not one per change.
        m_debounce->start();
    });
}

QJsonObject StorePersistence::snapshot(const ObjectStore& store)
{
    QJsonArray objects;
    store.forEachObject([&](const ResourceType& type, const QJsonObject& stored) {
        QJsonObject object = stored;
        object.insert(u"apiVersion"_s, type.groupVersion());
        object.insert(u"kind"_s, type.kind);
        objects.append(object);
    });
    return QJsonObject { { u"kind"_s, kStateKind }, { u"version"_s, 1 },
        { u"resourceVersion"_s, QString::number(store.resourceVersion()) }, { u"objects"_s, objects } };
}

Result<void> StorePersistence::save()
{
    QSaveFile file(m_path);
    auto failure = [&] {
        return fail(Error::make(Error::Code::Io, tr("Cannot write the sandbox state file."))
                        .at(m_path)
                        .withDetail(file.errorString()));
    };
    if (!file.open(QIODevice::WriteOnly))
        return failure();
    // Secrets live in here: readable by the owner only.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(snapshot(m_store)).toJson(QJsonDocument::Compact));
    if (!file.commit())
        return failure();
    m_dirty = false;
    emit saved();
    return {};
}

StorePersistence::LoadReport StorePersistence::restoreSnapshot(
    ObjectStore& store, const QJsonObject& snapshot, const QString& origin)
{
    QList<Pending> objects;
    for (const QJsonValue& v : snapshot.value(u"objects"_s).toArray())
        objects.append(Pending { v.toObject(), origin });
    return restoreAll(store, std::move(objects));
}

Result<StorePersistence::LoadReport> StorePersistence::load()
{
    if (!QFileInfo::exists(m_path))
        return LoadReport {};
    const auto doc = readJson(m_path);
    if (!doc)
        return fail(doc.error());
    if (!doc->isObject() || doc->object().value(u"kind"_s).toString() != kStateKind)
        return fail(Error::make(Error::Code::InvalidInput, tr("This is not a Driftline sandbox state file."))
                        .at(m_path));
    return restoreSnapshot(m_store, doc->object(), QFileInfo(m_path).fileName());
}

Result<StorePersistence::LoadReport> StorePersistence::loadClusterDump(ObjectStore& store, const QString& dir)
{
    QDir root(QFileInfo(dir).absoluteFilePath());
    if (root.exists(u"cluster-resources"_s))
        root.cd(u"cluster-resources"_s);
    if (!root.exists())
        return fail(Error::make(Error::Code::NotFound,
            QCoreApplication::translate("StorePersistence", "The cluster dump folder does not exist."))
                        .at(dir));
    QStringList files;
    QDirIterator it(root.path(), { u"*.json"_s }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    files.sort();

    QList<Pending> objects;
    QStringList problems;
    for (const QString& path : std::as_const(files)) {
        const QString origin = root.relativeFilePath(path);
        const auto doc = readJson(path);
        if (!doc) {
            problems.append(u"%1: %2"_s.arg(origin, doc.error().message));
            continue;
        }
        // A `<Kind>List` (its "items" may be null when empty) or a plain array.
        QJsonArray items;
        if (doc->isArray())
            items = doc->array();
        else if (doc->object().value(u"kind"_s).toString().endsWith(u"List"_s))
            items = doc->object().value(u"items"_s).toArray();
        const QString listKind = doc->object().value(u"kind"_s).toString();
        const QString listApiVersion = doc->object().value(u"apiVersion"_s).toString();
        for (const QJsonValue& v : std::as_const(items)) {
            QJsonObject object = v.toObject();
            // Not objects: discovery documents and permission reviews.
            if (!object.value(u"metadata"_s).toObject().contains(u"name"_s))
                continue;
            // A raw API server list omits kind/apiVersion on items; the list names them.
            if (!object.contains(u"kind"_s) && !listKind.isEmpty()) {
                object.insert(u"kind"_s, listKind.chopped(4));
                object.insert(u"apiVersion"_s, listApiVersion);
            }
            objects.append(Pending { object, origin });
        }
    }
    LoadReport report = restoreAll(store, std::move(objects));
    report.problems = problems + report.problems;
    return report;
}

} // namespace driftline::sandbox
