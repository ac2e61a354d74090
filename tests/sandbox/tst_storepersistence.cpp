// The sandbox's persistence: the --state file round-trips the store (uids,
// timestamps, custom resources), writes are debounced and atomic, and the k3s
// cluster dump loads and reads back over HTTPS object for object.
#include "sandbox/sandboxserver.h"
#include "sandbox/storepersistence.h"

#include <QDirIterator>
#include <QEventLoop>
#include <QTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using driftline::sandbox::ObjectStore;
using driftline::sandbox::ResourceType;
using driftline::sandbox::SandboxServer;
using driftline::sandbox::StorePersistence;

namespace
{

const QString kDump = QStringLiteral(DRIFTLINE_SOURCE_DIR "/../shared/fixtures/kube/cluster-dump-k3s-v1.31");

ResourceType typeOf(const ObjectStore& store, const QString& group, const QString& version, const QString& plural)
{
    return *store.findType(group, version, plural);
}

QJsonObject crd()
{
    const QJsonObject schema { { u"openAPIV3Schema"_s,
        QJsonObject { { u"type"_s, u"object"_s }, { u"x-kubernetes-preserve-unknown-fields"_s, true } } } };
    return QJsonObject { { u"apiVersion"_s, u"apiextensions.k8s.io/v1"_s },
        { u"kind"_s, u"CustomResourceDefinition"_s },
        { u"metadata"_s, QJsonObject { { u"name"_s, u"widgets.example.com"_s } } },
        { u"spec"_s,
            QJsonObject { { u"group"_s, u"example.com"_s }, { u"scope"_s, u"Namespaced"_s },
                { u"names"_s,
                    QJsonObject { { u"plural"_s, u"widgets"_s }, { u"singular"_s, u"widget"_s },
                        { u"kind"_s, u"Widget"_s }, { u"listKind"_s, u"WidgetList"_s } } },
                { u"versions"_s,
                    QJsonArray { QJsonObject { { u"name"_s, u"v1"_s }, { u"served"_s, true },
                        { u"storage"_s, true }, { u"schema"_s, schema } } } } } } };
}

// What must survive: the fields the issue names for the dump read-back.
QJsonObject essence(const QJsonObject& o)
{
    const QJsonObject meta = o.value(u"metadata"_s).toObject();
    QJsonObject out { { u"name"_s, meta.value(u"name"_s) }, { u"namespace"_s, meta.value(u"namespace"_s) },
        { u"labels"_s, meta.value(u"labels"_s) } };
    for (const QString& key : { u"spec"_s, u"data"_s, u"rules"_s, u"subjects"_s, u"roleRef"_s, u"subsets"_s })
        out.insert(key, o.value(key));
    return out;
}

} // namespace

class TestStorePersistence : public QObject
{
    Q_OBJECT

private slots:
    void stateRoundTrips()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"state.json"_s);
        QJsonObject before;
        {
            ObjectStore store;
            const auto cms = typeOf(store, QString(), u"v1"_s, u"configmaps"_s);
            const auto ns = typeOf(store, QString(), u"v1"_s, u"namespaces"_s);
            QVERIFY(store.create(ns, QString(), QJsonObject { { u"metadata"_s, QJsonObject { { u"name"_s, u"shop"_s } } } }));
            const auto cm = store.create(cms, u"shop"_s,
                QJsonObject { { u"metadata"_s,
                                  QJsonObject { { u"name"_s, u"settings"_s },
                                      { u"labels"_s, QJsonObject { { u"app"_s, u"shop"_s } } } } },
                    { u"data"_s, QJsonObject { { u"mode"_s, u"fast"_s } } } });
            QVERIFY(cm.has_value());
            before = *cm;
            QVERIFY(store.create(typeOf(store, u"apiextensions.k8s.io"_s, u"v1"_s, u"customresourcedefinitions"_s),
                QString(), crd()));
            const auto widgets = store.findType(u"example.com"_s, u"v1"_s, u"widgets"_s);
            QVERIFY(widgets.has_value());
            QVERIFY(store.create(*widgets, u"shop"_s,
                QJsonObject { { u"metadata"_s, QJsonObject { { u"name"_s, u"w1"_s } } },
                    { u"spec"_s, QJsonObject { { u"size"_s, 3 } } } }));
            StorePersistence persistence(store, path);
            QVERIFY(persistence.save().has_value());
        }
        QVERIFY((QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther)) == 0);

        ObjectStore restored;
        StorePersistence persistence(restored, path);
        const auto report = persistence.load();
        QVERIFY(report.has_value());
        QVERIFY2(report->problems.isEmpty(), qPrintable(report->problems.join(u'\n')));
        QVERIFY(report->loaded >= 4 + 4); // the 4 standard namespaces, shop, the CRD, the ConfigMap, the widget
        const auto cms = typeOf(restored, QString(), u"v1"_s, u"configmaps"_s);
        const auto after = restored.get(cms, u"shop"_s, u"settings"_s);
        QVERIFY(after.has_value());
        const QJsonObject a = before.value(u"metadata"_s).toObject();
        const QJsonObject b = after->value(u"metadata"_s).toObject();
        QCOMPARE(b.value(u"uid"_s), a.value(u"uid"_s));
        QCOMPARE(b.value(u"creationTimestamp"_s), a.value(u"creationTimestamp"_s));
        QCOMPARE(b.value(u"labels"_s), a.value(u"labels"_s));
        QCOMPARE(after->value(u"data"_s), before.value(u"data"_s));
        const auto widgets = restored.findType(u"example.com"_s, u"v1"_s, u"widgets"_s);
        QVERIFY2(widgets.has_value(), "the CRD is restored before its objects");
        const auto w1 = restored.get(*widgets, u"shop"_s, u"w1"_s);
        QVERIFY(w1.has_value());
        QCOMPARE(w1->value(u"spec"_s).toObject().value(u"size"_s).toInt(), 3);
    }

    void missingFileIsAnEmptyStartCorruptOneAnError()
    {
        QTemporaryDir dir;
        ObjectStore store;
        StorePersistence missing(store, dir.filePath(u"none.json"_s));
        const auto empty = missing.load();
        QVERIFY(empty.has_value());
        QCOMPARE(empty->loaded, 0);

        QFile bad(dir.filePath(u"bad.json"_s));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{ not json");
        bad.close();
        StorePersistence corrupt(store, bad.fileName());
        const auto error = corrupt.load();
        QVERIFY(!error.has_value());
        QCOMPARE(error.error().file, bad.fileName());

        QFile other(dir.filePath(u"other.json"_s));
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write("{\"kind\":\"ConfigMap\"}");
        other.close();
        StorePersistence wrongKind(store, other.fileName());
        QVERIFY(!wrongKind.load().has_value());
    }

    void autoSaveIsDebouncedAndFlushedAtExit()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"state.json"_s);
        ObjectStore store;
        const auto cms = typeOf(store, QString(), u"v1"_s, u"configmaps"_s);
        auto persistence = std::make_unique<StorePersistence>(store, path);
        QSignalSpy saved(persistence.get(), &StorePersistence::saved);
        persistence->startAutoSave(100ms);
        for (int i = 0; i < 5; ++i) {
            QVERIFY(store.create(cms, u"default"_s,
                QJsonObject { { u"metadata"_s, QJsonObject { { u"name"_s, u"cm%1"_s.arg(i) } } } }));
        }
        QVERIFY(persistence->hasPendingChanges());
        QVERIFY(saved.wait(5000));
        QCOMPARE(saved.count(), 1); // one write for the burst
        QVERIFY(!persistence->hasPendingChanges());
        QVERIFY(QFile::exists(path));
        QVERIFY(QFile(path).size() > 0);

        // A change right before exit is not lost.
        QVERIFY(store.create(cms, u"default"_s,
            QJsonObject { { u"metadata"_s, QJsonObject { { u"name"_s, u"last"_s } } } }));
        persistence.reset();
        ObjectStore restored;
        StorePersistence reader(restored, path);
        QVERIFY(reader.load().has_value());
        QVERIFY(restored.get(cms, u"default"_s, u"last"_s).has_value());
        QVERIFY(restored.get(cms, u"default"_s, u"cm4"_s).has_value());
    }

    void clusterDumpLoadsAndReadsBack()
    {
        SandboxServer server; // controllers off: the dump is read back as it was captured
        QVERIFY(server.listen().has_value());
        const auto report = StorePersistence::loadClusterDump(server.store(), kDump);
        QVERIFY(report.has_value());
        qInfo("k3s dump: %d objects loaded, %d not loaded", report->loaded, report->failed);
        for (const QString& p : report->problems)
            QVERIFY2(p.contains(u".json: "_s), qPrintable(p)); // each names its file

        // The test reads the dump on its own: every object of a served type must come back.
        QList<QJsonObject> expected;
        int total = 0;
        QDirIterator it(kDump + u"/cluster-resources"_s, { u"*.json"_s }, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
            const QJsonArray items = doc.isArray() ? doc.array() : doc.object().value(u"items"_s).toArray();
            for (const QJsonValue& v : items) {
                if (!v.toObject().contains(u"metadata"_s))
                    continue;
                ++total;
                expected.append(v.toObject());
            }
        }
        QCOMPARE(total, 375); // as the fixture's README counts them
        QCOMPARE(report->loaded + report->failed, total);
        // Every kind of the dump is served: events, leases, nodes, storage classes… included.
        QVERIFY2(report->failed == 0, qPrintable(report->problems.join(u'\n')));
        // Unserved kinds are summarised per file, e.g. "events/kube-system.json: 85 object(s) of kind v1 Event".
        const bool eventsServed = server.store().findType(QString(), u"v1"_s, u"events"_s).has_value();
        QVERIFY2(eventsServed || report->problems.contains(
                     u"events/kube-system.json: 85 object(s) of kind v1 Event: not served by the sandbox"_s),
            qPrintable(report->problems.join(u'\n')));

        QNetworkAccessManager nam;
        int readBack = 0;
        QStringList mismatches;
        for (const QJsonObject& object : std::as_const(expected)) {
            const QString apiVersion = object.value(u"apiVersion"_s).toString();
            const QString kind = object.value(u"kind"_s).toString();
            std::optional<ResourceType> type;
            for (const ResourceType& t : server.store().types()) {
                if (t.kind == kind && t.groupVersion() == apiVersion)
                    type = t;
            }
            if (!type)
                continue; // reported above as not served
            const QJsonObject meta = object.value(u"metadata"_s).toObject();
            QString path = type->group.isEmpty() ? u"/api/v1"_s : u"/apis/"_s + type->groupVersion();
            if (type->namespaced)
                path += u"/namespaces/"_s + meta.value(u"namespace"_s).toString();
            path += u'/' + type->plural + u'/' + meta.value(u"name"_s).toString();
            QUrl url = server.url();
            url.setPath(path);
            QNetworkRequest request(url);
            QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
            ssl.setCaCertificates({ server.certificates().caCertificate() });
            request.setSslConfiguration(ssl);
            request.setRawHeader("Authorization", "Bearer " + server.token());
            std::unique_ptr<QNetworkReply> reply(nam.get(request));
            // An event loop rather than qWaitFor, whose 10 ms naps would dominate 268 requests.
            QEventLoop loop;
            connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
            QTimer::singleShot(10000, &loop, &QEventLoop::quit);
            if (!reply->isFinished())
                loop.exec();
            QVERIFY(reply->isFinished());
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200) {
                mismatches.append(path + u": HTTP "_s
                    + reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toString());
                continue;
            }
            const QJsonObject served = QJsonDocument::fromJson(reply->readAll()).object();
            if (essence(served) != essence(object))
                mismatches.append(path);
            else
                ++readBack;
        }
        QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.mid(0, 10).join(u'\n')));
        QCOMPARE(readBack, report->loaded);
        qInfo("k3s dump: %d objects read back over HTTPS and compared", readBack);
    }

    void missingDumpIsAnError()
    {
        ObjectStore store;
        QVERIFY(!StorePersistence::loadClusterDump(store, u"/nonexistent/dump"_s).has_value());
    }
};

QTEST_GUILESS_MAIN(TestStorePersistence)
#include "tst_storepersistence.moc"
