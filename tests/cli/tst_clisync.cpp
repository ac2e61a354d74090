// `driftline sync`, `driftline rollback` and `driftline audit`: the real binary
// against a sandbox cluster served over HTTPS on its own thread in this process
// (reached only through the kubeconfig it writes) and real git repositories:
// dry runs change nothing, a sync applies exactly its plan and prunes only when
// asked, nothing happens without --yes off a terminal, a failing server makes
// exit 1, rollbacks restore a revision in the cluster (and pin it) or in Git
// (a revert commit, refused on a dirty tree, pushed to a bare remote), and the
// journal stays readable when a sync is killed half-way.
#include "engine/pinnedrevisions.h"
#include "git/repository.h"
#include "kube/credentialresolver.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "sandbox/faultinjection.h"
#include "sandbox/sandboxhost.h"
#include "testsupport/await.h"
#include "testsupport/testrepo.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Qt::StringLiterals;
using namespace driftline;
using driftline::test::await;
using driftline::test::TestRepo;
using driftline::test::why;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

QByteArray configMap(const QByteArray& name, const QByteArray& value)
{
    return "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  value: \"" + value
        + "\"\n";
}

QByteArray namespaceObject(const QByteArray& name)
{
    return "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n";
}

// One environment on the sandbox, deploying application "web" (folder web/) to `ns`.
QByteArray definition(const QByteArray& ns, bool production = false)
{
    return "environments:\n  - name: " + QByteArray(production ? "production" : "staging") + "\n    namespace: " + ns
        + "\n    context: driftline-sandbox\n" + (production ? "    production: true\n" : "")
        + "applications:\n  - name: web\n    path: web\n";
}

} // namespace

class TestCliSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void dryRunChangesNothing();
    void refusedWithoutYesOffATerminal();
    void syncAppliesThePlanAndPrunesOnlyWhenAsked();
    void productionIsNamedWithYes();
    void secretValuesAreNeverPrinted();
    void failingServerExitsOne();
    void rollbackRestoresTheRevisionAndPins();
    void revertCommitRestoresTheTree();
    void auditListsTheOperations();
    void killedSyncLeavesAReadableJournal();
    void mistakes();

private:
    Run driftline(const QStringList& args);
    QProcessEnvironment environment() const;
    QStringList common(const TestRepo& repo) const;
    QStringList configMaps(const QString& ns);
    QString valueOf(const QString& ns, const QString& name);
    std::unique_ptr<TestRepo> workspace(const QByteArray& ns, const QByteArray& resources, bool production = false);
    void setFaults(const sandbox::FaultInjection& faults);
    QJsonArray auditJson(const QString& journal, QString* err = nullptr);

    QTemporaryDir m_home;
    sandbox::SandboxHost m_host;
    QString m_kubeconfig;
    QString m_journal; // the operations auditListsTheOperations reads back
    QString m_pins;
    std::shared_ptr<kube::KubeClient> m_client;
};

void TestCliSync::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY(QFileInfo(QStringLiteral(DRIFTLINE_BINARY_DIR "/bin/driftline")).isExecutable());
    sandbox::SandboxHost::Options options;
    options.controllers = false; // the objects stay exactly as applied
    m_host.setOptions(options);
    const auto started = m_host.start();
    QVERIFY2(started.has_value(), qPrintable(why(started)));
    m_kubeconfig = m_home.filePath(u"sandbox.kubeconfig"_s);
    QVERIFY(m_host.writeKubeconfig(m_kubeconfig).has_value());
    auto config = kube::Kubeconfig::loadFile(m_kubeconfig);
    QVERIFY(config.has_value());
    m_client = std::make_shared<kube::KubeClient>(std::make_shared<kube::CredentialResolver>(*config));
    m_journal = m_home.filePath(u"journal/audit.jsonl"_s);
    m_pins = m_home.filePath(u"pins.json"_s);
}

void TestCliSync::cleanupTestCase()
{
    m_client.reset();
    m_host.stop();
}

QProcessEnvironment TestCliSync::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"XDG_CACHE_HOME"_s, m_home.filePath(u"cache"_s));
    env.insert(u"XDG_CONFIG_HOME"_s, m_home.filePath(u"config"_s));
    env.insert(u"XDG_DATA_HOME"_s, m_home.filePath(u"data"_s));
    env.insert(u"HOME"_s, m_home.filePath(u"home"_s));
    env.remove(u"KUBECONFIG"_s);
    env.remove(u"DISPLAY"_s);
    env.remove(u"WAYLAND_DISPLAY"_s);
    env.remove(u"QT_QPA_PLATFORM"_s);
    return env;
}

Run TestCliSync::driftline(const QStringList& args)
{
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(QStringLiteral(DRIFTLINE_BINARY_DIR "/bin/driftline"), args);
    process.closeWriteChannel(); // stdin is no terminal and says nothing
    Run run;
    if (!process.waitForFinished(25000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QStringList TestCliSync::common(const TestRepo& repo) const
{
    return {u"--workspace"_s, repo.path(), u"--kubeconfig"_s, m_kubeconfig, u"--pins"_s, m_pins};
}

QStringList TestCliSync::configMaps(const QString& ns)
{
    const auto listed = await(m_client->list({}, u"v1"_s, u"ConfigMap"_s, ns));
    if (!listed)
        return {u"<list failed: "_s + listed.error().toString() + u'>'};
    QStringList names;
    for (const QJsonObject& o : listed->items)
        names << o.value(u"metadata"_s).toObject().value(u"name"_s).toString();
    names.sort();
    return names;
}

QString TestCliSync::valueOf(const QString& ns, const QString& name)
{
    const auto got = await(m_client->get({}, u"v1"_s, u"ConfigMap"_s, ns, name));
    return got ? got->value(u"data"_s).toObject().value(u"value"_s).toString() : u"<absent>"_s;
}

std::unique_ptr<TestRepo> TestCliSync::workspace(const QByteArray& ns, const QByteArray& resources, bool production)
{
    auto repo = std::make_unique<TestRepo>();
    repo->write(u"driftline.yaml"_s, definition(ns, production));
    repo->write(u"web/resources.yaml"_s, namespaceObject(ns) + resources);
    repo->commit(u"first"_s);
    return repo;
}

void TestCliSync::setFaults(const sandbox::FaultInjection& faults)
{
    m_host.invoke([&](sandbox::SandboxServer& server) { server.setFaults(faults); });
}

QJsonArray TestCliSync::auditJson(const QString& journal, QString* err)
{
    const Run run = driftline({u"audit"_s, u"--format"_s, u"json"_s, u"--audit-log"_s, journal});
    if (err)
        *err = run.err;
    if (run.exitCode != 0)
        return {};
    return QJsonDocument::fromJson(run.out.toUtf8()).array();
}

void TestCliSync::dryRunChangesNothing()
{
    const auto repo = workspace("dry", configMap("a", "1") + configMap("b", "2"));
    const QString journal = m_home.filePath(u"dry.jsonl"_s);
    const Run run = driftline(QStringList{u"sync"_s, u"--dry-run"_s, u"--audit-log"_s, journal} + common(*repo));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY2(run.out.contains(u"3 to create"_s) && run.out.contains(u"(dry run)"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"ConfigMap/dry/a"_s) && run.out.contains(u"Namespace/dry"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"created    ConfigMap/dry/b"_s), qPrintable(run.out));
    // Nothing stored: the namespace and its objects are still absent.
    QVERIFY(!await(m_client->get({}, u"v1"_s, u"Namespace"_s, {}, u"dry"_s)).has_value());
    QCOMPARE(configMaps(u"dry"_s), QStringList{});
    QVERIFY(!QFile::exists(journal)); // a dry run is not an operation on the cluster
}

void TestCliSync::refusedWithoutYesOffATerminal()
{
    const auto repo = workspace("refused", configMap("a", "1"));
    const Run run = driftline(QStringList{u"sync"_s, u"--audit-log"_s, m_journal} + common(*repo));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"--yes"_s), qPrintable(run.err));
    QVERIFY2(run.out.contains(u"2 to create"_s), qPrintable(run.out)); // the plan was shown
    QVERIFY(!await(m_client->get({}, u"v1"_s, u"Namespace"_s, {}, u"refused"_s)).has_value());
}

void TestCliSync::syncAppliesThePlanAndPrunesOnlyWhenAsked()
{
    auto repo = workspace("shop", configMap("a", "1") + configMap("b", "2") + configMap("c", "3"));
    Run run = driftline(QStringList{u"sync"_s, u"--yes"_s, u"--audit-log"_s, m_journal} + common(*repo));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QCOMPARE(configMaps(u"shop"_s), (QStringList{u"a"_s, u"b"_s, u"c"_s}));
    QVERIFY2(run.out.contains(u"created    ConfigMap/shop/a"_s), qPrintable(run.out));

    // Someone's own object in the namespace is not Driftline's to prune.
    QJsonObject foreign{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"ConfigMap"_s},
                        {u"metadata"_s, QJsonObject{{u"name"_s, u"by-hand"_s}, {u"namespace"_s, u"shop"_s}}}};
    QVERIFY(await(m_client->create(foreign)).has_value());

    // Git changes a, drops c and adds d.
    repo->write(u"web/resources.yaml"_s, namespaceObject("shop") + configMap("a", "10") + configMap("b", "2")
                                             + configMap("d", "4"));
    repo->commit(u"second"_s);
    run = driftline(QStringList{u"sync"_s, u"--yes"_s, u"--only-out-of-sync"_s, u"--audit-log"_s, m_journal}
                    + common(*repo));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY2(run.out.contains(u"1 to create, 1 to update"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"--prune"_s), qPrintable(run.out)); // c is extraneous and stays
    QCOMPARE(configMaps(u"shop"_s), (QStringList{u"a"_s, u"b"_s, u"by-hand"_s, u"c"_s, u"d"_s}));
    QCOMPARE(valueOf(u"shop"_s, u"a"_s), u"10"_s);

    run = driftline(QStringList{u"sync"_s, u"--yes"_s, u"--prune"_s, u"--only-out-of-sync"_s, u"--audit-log"_s,
                                m_journal}
                    + common(*repo));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY2(run.out.contains(u"Will delete from the cluster:\n  ConfigMap/shop/c\n"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"pruned     ConfigMap/shop/c"_s), qPrintable(run.out));
    QCOMPARE(configMaps(u"shop"_s), (QStringList{u"a"_s, u"b"_s, u"by-hand"_s, u"d"_s}));
}

void TestCliSync::productionIsNamedWithYes()
{
    const auto repo = workspace("prod", configMap("a", "1"), true);
    Run run = driftline(QStringList{u"sync"_s, u"--audit-log"_s, m_journal} + common(*repo));
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(configMaps(u"prod"_s), QStringList{});
    run = driftline(QStringList{u"sync"_s, u"--yes"_s, u"--audit-log"_s, m_journal} + common(*repo));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY2(run.err.contains(u"production is a production environment"_s), qPrintable(run.err));
    QCOMPARE(configMaps(u"prod"_s), QStringList{u"a"_s});
}

void TestCliSync::secretValuesAreNeverPrinted()
{
    const auto repo = workspace("secret", "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\n"
                                          "stringData:\n  password: hunter2-in-git\n");
    const QString journal = m_home.filePath(u"secret.jsonl"_s);
    const Run run = driftline(QStringList{u"sync"_s, u"--yes"_s, u"--audit-log"_s, journal} + common(*repo));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY2(run.out.contains(u"created    Secret/secret/db"_s), qPrintable(run.out));
    QVERIFY(await(m_client->get({}, u"v1"_s, u"Secret"_s, u"secret"_s, u"db"_s)).has_value());
    QString err;
    const QJsonArray entries = auditJson(journal, &err);
    QCOMPARE(entries.size(), 1);
    QFile file(journal);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    for (const QByteArray& text : {run.out.toUtf8(), run.err.toUtf8(), written, QJsonDocument(entries).toJson()}) {
        QVERIFY2(!text.contains("hunter2"), text.constData());
        QVERIFY2(!text.contains(QByteArray("hunter2-in-git").toBase64()), text.constData());
    }
}

void TestCliSync::failingServerExitsOne()
{
    QByteArray resources;
    for (int i = 0; i < 20; ++i)
        resources += configMap("cm-" + QByteArray::number(i), "x");
    const auto repo = workspace("faulty", resources);
    const QString journal = m_home.filePath(u"faulty.jsonl"_s);
    // Slow answers leave time to turn the failures on once the sync has begun: the
    // cluster is read without faults, the applies meet them.
    sandbox::FaultInjection slow;
    slow.latency = std::chrono::milliseconds(60);
    setFaults(slow);
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(QStringLiteral(DRIFTLINE_BINARY_DIR "/bin/driftline"),
                  QStringList{u"sync"_s, u"--yes"_s, u"--audit-log"_s, journal} + common(*repo));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(journal), 15000); // the "started" line: planning is over
    sandbox::FaultInjection failing = slow;
    failing.failEveryNth = 4;
    setFaults(failing);
    QVERIFY(process.waitForFinished(25000));
    setFaults({});
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(process.exitCode() == 1, qPrintable(out + err));
    QVERIFY2(out.contains(u"failed     ConfigMap/faulty/cm-"_s), qPrintable(out));
    QVERIFY2(out.contains(u"Internal error"_s, Qt::CaseInsensitive), qPrintable(out));
    const int failed = int(out.count(u"\nfailed     "_s));
    QVERIFY2(failed >= 2 && failed <= 8, qPrintable(out));
    // The others went on.
    QCOMPARE(configMaps(u"faulty"_s).size(), 20 - failed);
    const QJsonArray entries = auditJson(journal);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.at(0)[u"outcome"_s].toString(), u"failed"_s);
}

void TestCliSync::rollbackRestoresTheRevisionAndPins()
{
    auto repo = workspace("roll", configMap("settings", "1") + configMap("old-only", "old"));
    const QString v1 = repo->git({u"rev-parse"_s, u"HEAD"_s});
    repo->write(u"web/resources.yaml"_s, namespaceObject("roll") + configMap("settings", "2")
                                             + configMap("new-only", "new"));
    repo->commit(u"second settings"_s);
    Run run = driftline(QStringList{u"sync"_s, u"--yes"_s, u"--audit-log"_s, m_journal} + common(*repo));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QCOMPARE(configMaps(u"roll"_s), (QStringList{u"new-only"_s, u"settings"_s}));

    run = driftline(QStringList{u"rollback"_s, u"--app"_s, u"web"_s, u"--env"_s, u"staging"_s, u"--to"_s, u"HEAD~1"_s,
                                u"--prune"_s, u"--yes"_s, u"--audit-log"_s, m_journal}
                    + common(*repo));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY2(run.out.contains(v1.left(8)), qPrintable(run.out));
    QCOMPARE(configMaps(u"roll"_s), (QStringList{u"old-only"_s, u"settings"_s}));
    QCOMPARE(valueOf(u"roll"_s, u"settings"_s), u"1"_s);
    const auto pin = engine::PinnedRevisions(m_pins).pin(repo->path(), u"staging"_s, u"web"_s);
    QVERIFY(pin.has_value());
    QCOMPARE(pin->commitId, v1);
    QCOMPARE(pin->summary, u"first"_s);

    // Syncing the branch again ends the pin.
    run = driftline(QStringList{u"sync"_s, u"--yes"_s, u"--prune"_s, u"--audit-log"_s, m_journal} + common(*repo));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QCOMPARE(valueOf(u"roll"_s, u"settings"_s), u"2"_s);
    QVERIFY(!engine::PinnedRevisions(m_pins).pin(repo->path(), u"staging"_s, u"web"_s).has_value());
}

void TestCliSync::revertCommitRestoresTheTree()
{
    auto repo = workspace("revert", configMap("settings", "1"));
    const QString v1 = repo->git({u"rev-parse"_s, u"HEAD"_s});
    repo->write(u"web/resources.yaml"_s, namespaceObject("revert") + configMap("settings", "2"));
    repo->write(u"web/extra.yaml"_s, configMap("extra", "e"));
    repo->write(u"other/untouched.txt"_s, "stays\n");
    repo->commit(u"second"_s);
    TestRepo remote(true);
    repo->git({u"remote"_s, u"add"_s, u"origin"_s, u"file://"_s + remote.path()});
    repo->git({u"push"_s, u"-q"_s, u"origin"_s, u"main"_s});

    // A dirty application folder: refused, naming the file, nothing written.
    repo->write(u"web/resources.yaml"_s, "# edited\n");
    const QString head = repo->git({u"rev-parse"_s, u"HEAD"_s});
    const QStringList revert{u"rollback"_s, u"--app"_s, u"web"_s, u"--env"_s, u"staging"_s, u"--to"_s, v1,
                             u"--revert-commit"_s, u"--push"_s, u"--audit-log"_s, m_journal};
    Run run = driftline(revert + common(*repo));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"web/resources.yaml"_s), qPrintable(run.err));
    QCOMPARE(repo->git({u"rev-parse"_s, u"HEAD"_s}), head);
    repo->git({u"checkout"_s, u"--"_s, u"web/resources.yaml"_s});

    run = driftline(revert + common(*repo));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    const QString made = repo->git({u"rev-parse"_s, u"HEAD"_s});
    QVERIFY(made != head);
    QVERIFY2(run.out.contains(made.left(8)), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"driftline sync --app web --env staging"_s), qPrintable(run.out));
    auto git = git::Repository::open(repo->path());
    QVERIFY(git.has_value());
    QCOMPARE(*git->treeId(made, u"web"_s), *git->treeId(v1, u"web"_s));
    QCOMPARE(*git->treeId(made, u"other"_s), *git->treeId(head, u"other"_s));
    const auto commit = git->commit(made);
    QCOMPARE(commit->summary, u"Revert web to "_s + v1.left(8) + u" (first)"_s);
    QCOMPARE(repo->git({u"status"_s, u"--porcelain"_s}), QString());
    QCOMPARE(remote.git({u"rev-parse"_s, u"main"_s}), made); // pushed

    // A remote that moved on refuses the push: exit 1, the commit stays.
    TestRepo other;
    other.git({u"remote"_s, u"add"_s, u"origin"_s, u"file://"_s + remote.path()});
    other.git({u"fetch"_s, u"-q"_s, u"origin"_s});
    other.git({u"reset"_s, u"-q"_s, u"--hard"_s, u"origin/main"_s});
    other.write(u"other/moved.txt"_s, "elsewhere\n");
    other.commit(u"moved on"_s);
    other.git({u"push"_s, u"-q"_s, u"origin"_s, u"HEAD:main"_s});
    repo->write(u"web/resources.yaml"_s, namespaceObject("revert") + configMap("settings", "3"));
    repo->commit(u"third"_s);
    run = driftline(revert + common(*repo));
    QVERIFY2(run.exitCode == 1, qPrintable(run.out + run.err));
    QVERIFY2(run.err.contains(u"fetch"_s), qPrintable(run.err));
    QCOMPARE(*git->treeId(repo->git({u"rev-parse"_s, u"HEAD"_s}), u"web"_s), *git->treeId(v1, u"web"_s));
}

void TestCliSync::auditListsTheOperations()
{
    QString err;
    const QJsonArray entries = auditJson(m_journal, &err);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    QStringList kinds;
    for (const QJsonValue& v : entries) {
        const QJsonObject e = v.toObject();
        kinds << e[u"kind"_s].toString();
        QVERIFY2(e[u"outcome"_s].toString() != u"interrupted", QJsonDocument(e).toJson().constData());
        QVERIFY(!e[u"id"_s].toString().isEmpty());
        QCOMPARE(e[u"user"_s].toString(), u"Test Author <test@example.org>"_s);
    }
    // shop ×3 (the last only prunes), prod, roll: sync, rollback, sync; revert: refused (not
    // journaled), done, push refused.
    QCOMPARE(kinds, (QStringList{u"sync"_s, u"sync"_s, u"prune"_s, u"sync"_s, u"sync"_s, u"rollback"_s, u"sync"_s,
                                 u"revert"_s, u"revert"_s}));
    const QJsonObject prune = entries.at(2).toObject();
    QCOMPARE(prune[u"environment"_s].toString(), u"staging"_s);
    QCOMPARE(prune[u"options"_s][u"prune"_s].toBool(), true);
    QCOMPARE(prune[u"outcome"_s].toString(), u"succeeded"_s);
    QCOMPARE(prune[u"applications"_s].toArray(), QJsonArray{u"web"_s});
    bool sawPrune = false;
    for (const QJsonValue& r : prune[u"resources"_s].toArray()) {
        if (r[u"key"_s].toString() == u"ConfigMap/shop/c") {
            sawPrune = true;
            QCOMPARE(r[u"action"_s].toString(), u"prune"_s);
            QCOMPARE(r[u"outcome"_s].toString(), u"pruned"_s);
            QVERIFY(r[u"manifest"_s].isObject());
        }
    }
    QVERIFY(sawPrune);
    const QJsonObject rollback = entries.at(5).toObject();
    QCOMPARE(rollback[u"revision"_s].toString().size(), 40);
    QCOMPARE(entries.at(8)[u"outcome"_s].toString(), u"failed"_s);

    // Filters and the table.
    const Run table = driftline({u"audit"_s, u"--kind"_s, u"rollback"_s, u"--audit-log"_s, m_journal});
    QCOMPARE(table.exitCode, 0);
    const QStringList lines = table.out.trimmed().split(u'\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).startsWith(u"TIME"_s), qPrintable(table.out));
    QVERIFY2(lines.at(1).contains(u"rollback"_s) && lines.at(1).contains(u"succeeded"_s), qPrintable(table.out));
    QCOMPARE(auditJson(m_journal).size(), entries.size());
}

void TestCliSync::killedSyncLeavesAReadableJournal()
{
    QByteArray resources;
    for (int i = 0; i < 200; ++i)
        resources += configMap("k-" + QByteArray::number(i), "v");
    const auto repo = workspace("killed", resources);
    const QString journal = m_home.filePath(u"killed.jsonl"_s);
    QFile::copy(m_journal, journal); // earlier, complete operations
    const int before = int(auditJson(journal).size());
    QVERIFY(before > 0);
    sandbox::FaultInjection slow;
    slow.latency = std::chrono::milliseconds(30);
    setFaults(slow);
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(QStringLiteral(DRIFTLINE_BINARY_DIR "/bin/driftline"),
                  QStringList{u"sync"_s, u"--yes"_s, u"--audit-log"_s, journal} + common(*repo));
    // Killed once it has applied some of the 200.
    QTRY_VERIFY_WITH_TIMEOUT(configMaps(u"killed"_s).size() >= 5, 20000);
    process.kill();
    QVERIFY(process.waitForFinished(5000));
    setFaults({});
    const int applied = int(configMaps(u"killed"_s).size());
    QVERIFY2(applied < 200, qPrintable(QString::number(applied)));

    QString err;
    const QJsonArray entries = auditJson(journal, &err);
    QCOMPARE(entries.size(), before + 1);
    for (int i = 0; i < before; ++i)
        QVERIFY(entries.at(i)[u"outcome"_s].toString() != u"interrupted");
    const QJsonObject last = entries.last().toObject();
    QCOMPARE(last[u"outcome"_s].toString(), u"interrupted"_s);
    QCOMPARE(last[u"summary"_s].toString(), u"201 to create"_s);
    QCOMPARE(last[u"environment"_s].toString(), u"staging"_s);
    const Run table = driftline({u"audit"_s, u"--audit-log"_s, journal});
    QVERIFY2(table.out.trimmed().split(u'\n').last().contains(u"interrupted"_s), qPrintable(table.out));

    // A torn line (a writer killed mid-line) is skipped and said so; the rest still reads.
    QFile file(journal);
    QVERIFY(file.open(QIODevice::Append));
    file.write("{\"id\":\"torn");
    file.close();
    QCOMPARE(auditJson(journal, &err).size(), before + 1);
    QVERIFY2(err.contains(u"1 torn or unreadable line"_s), qPrintable(err));
}

void TestCliSync::mistakes()
{
    const auto repo = workspace("mistakes", configMap("a", "1"));
    Run run = driftline(QStringList{u"sync"_s, u"--app"_s, u"nope"_s} + common(*repo));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"web"_s), qPrintable(run.err)); // names what exists
    run = driftline(QStringList{u"rollback"_s, u"--app"_s, u"web"_s, u"--env"_s, u"staging"_s} + common(*repo));
    QCOMPARE(run.exitCode, 2);
    run = driftline(QStringList{u"rollback"_s, u"--app"_s, u"web"_s, u"--env"_s, u"staging"_s, u"--to"_s,
                                u"no-such"_s, u"--yes"_s}
                    + common(*repo));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"no-such"_s), qPrintable(run.err));
    run = driftline({u"audit"_s, u"--format"_s, u"yaml"_s});
    QCOMPARE(run.exitCode, 2);
    run = driftline(QStringList{u"sync"_s, u"--workspace"_s, m_home.filePath(u"missing"_s), u"--yes"_s});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(configMaps(u"mistakes"_s), QStringList{});
}

QTEST_GUILESS_MAIN(TestCliSync)
#include "tst_clisync.moc"
