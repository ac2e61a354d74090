// A real cluster read through Driftline's own client: the 375 objects of the k3s
// 1.31 support bundle in ../shared/fixtures/kube are loaded into a sandbox, then
// discovery plus one paged list per kind must give back every object, field for
// field, with kind and apiVersion filled in as the client promises.
#include "core/resourcekey.h"
#include "kube/credentialresolver.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "sandbox/sandboxserver.h"
#include "sandbox/storepersistence.h"
#include "testsupport/await.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace driftline;
using driftline::test::await;
using driftline::test::why;

namespace {

const QString DumpDir = QStringLiteral(DRIFTLINE_SOURCE_DIR "/../shared/fixtures/kube/cluster-dump-k3s-v1.31");

struct Captured {
    QString group;
    QString version;
    QString kind;
    QJsonObject object;
};

// Every object of the bundle, as the capture wrote it.
QList<Captured> capturedObjects()
{
    QList<Captured> out;
    QDirIterator it(DumpDir + u"/cluster-resources"_s, {u"*.json"_s}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
        const QJsonArray items = doc.isArray() ? doc.array() : doc.object().value(u"items"_s).toArray();
        for (const QJsonValue& v : items) {
            const QJsonObject o = v.toObject();
            if (!o.contains(u"metadata"_s) || !o.contains(u"kind"_s))
                continue;
            const ResourceKey key = ResourceKey::fromApiVersion(o.value(u"apiVersion"_s).toString(),
                o.value(u"kind"_s).toString(), {}, {});
            out.append({key.group, key.version, key.kind, o});
        }
    }
    return out;
}

QString identity(const QJsonObject& o)
{
    const QJsonObject meta = o.value(u"metadata"_s).toObject();
    return o.value(u"apiVersion"_s).toString() + u'/' + o.value(u"kind"_s).toString() + u'/'
        + meta.value(u"namespace"_s).toString() + u'/' + meta.value(u"name"_s).toString();
}

} // namespace

class TestClusterDump : public QObject
{
    Q_OBJECT

private slots:
    void readsBackObjectForObject()
    {
        const QList<Captured> captured = capturedObjects();
        QCOMPARE(captured.size(), 375); // as the fixture's README counts them

        sandbox::SandboxServer server; // controllers off: the cluster stays as captured
        QVERIFY(server.listen().has_value());
        const auto report = sandbox::StorePersistence::loadClusterDump(server.store(), DumpDir);
        QVERIFY2(report.has_value(), qPrintable(why(report)));
        QVERIFY2(report->failed == 0, qPrintable(report->problems.join(u'\n')));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"kubeconfig"_s);
        QVERIFY(server.kubeconfig(path).has_value());
        auto config = kube::Kubeconfig::loadFile(path);
        QVERIFY2(config.has_value(), qPrintable(why(config)));
        kube::KubeClient client(std::make_shared<kube::CredentialResolver>(*config));

        // One list per kind, in pages of 50 as a careful client would read a big cluster.
        QSet<QString> kinds;
        QHash<QString, QJsonObject> live;
        for (const Captured& c : captured) {
            const QString gk = c.group + u'/' + c.version + u'/' + c.kind;
            if (kinds.contains(gk))
                continue;
            kinds.insert(gk);
            const auto listed = await(client.list(c.group, c.version, c.kind, {}, {}, 50));
            QVERIFY2(listed.has_value(), qPrintable(gk + u": "_s + why(listed)));
            for (const QJsonObject& o : listed->items)
                live.insert(identity(o), o);
        }

        QStringList mismatches;
        for (const Captured& c : captured) {
            const QString id = identity(c.object);
            const auto it = live.constFind(id);
            if (it == live.cend()) {
                mismatches << id + u": missing"_s;
                continue;
            }
            const QJsonObject capturedMeta = c.object.value(u"metadata"_s).toObject();
            const QJsonObject liveMeta = it->value(u"metadata"_s).toObject();
            for (const QString& field : {u"uid"_s, u"labels"_s, u"annotations"_s, u"ownerReferences"_s,
                     u"creationTimestamp"_s, u"managedFields"_s}) {
                if (capturedMeta.value(field) != liveMeta.value(field))
                    mismatches << id + u": metadata."_s + field;
            }
            for (const QString& field : {u"spec"_s, u"status"_s, u"data"_s, u"rules"_s, u"subjects"_s,
                     u"roleRef"_s, u"subsets"_s, u"endpoints"_s, u"type"_s}) {
                if (c.object.value(field) != it->value(field))
                    mismatches << id + u": "_s + field;
            }
        }
        QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.mid(0, 20).join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestClusterDump)
#include "tst_clusterdump.moc"
