// IgnoreFieldDialog: "Ignore this field" on a changed line of the diff panel,
// with a real git repository holding driftline.yaml and a real ResourceDiff of
// a Deployment whose replica count was changed in the cluster.
#include "engine/resourcediff.h"
#include "git/repository.h"
#include "gui/ignorefielddialog.h"
#include "testsupport/testrepo.h"
#include "workspace/definitioneditor.h"
#include "workspace/workspacedefinition.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::gui;
using driftline::test::TestRepo;

namespace {

const QByteArray Definition = "# The shop\n"
                              "environments:\n"
                              "  - name: staging\n"
                              "  - name: production\n"
                              "applications:\n"
                              "  - name: shop\n"
                              "    path: apps/shop/{environment}\n"
                              "  - name: jobs\n"
                              "    path: jobs\n";

QJsonObject deployment(int replicas)
{
    return QJsonObject {
        { u"apiVersion"_s, u"apps/v1"_s },
        { u"kind"_s, u"Deployment"_s },
        { u"metadata"_s, QJsonObject { { u"name"_s, u"web"_s }, { u"namespace"_s, u"shop"_s } } },
        { u"spec"_s,
            QJsonObject {
                { u"replicas"_s, replicas },
                { u"selector"_s, QJsonObject { { u"matchLabels"_s, QJsonObject { { u"app"_s, u"web"_s } } } } },
                { u"template"_s,
                    QJsonObject {
                        { u"metadata"_s, QJsonObject { { u"labels"_s, QJsonObject { { u"app"_s, u"web"_s } } } } },
                        { u"spec"_s,
                            QJsonObject { { u"containers"_s,
                                QJsonArray { QJsonObject {
                                    { u"name"_s, u"web"_s }, { u"image"_s, u"shop/web:1.0"_s } } } } } },
                    } },
            } },
    };
}

QByteArray readDisk(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

workspace::Application declared(const QByteArray& text, const QString& id)
{
    const workspace::WorkspaceDefinition def = workspace::WorkspaceDefinition::parse(text);
    for (const workspace::Application& a : def.applications) {
        if (a.id() == id)
            return a;
    }
    return {};
}

} // namespace

class TestIgnoreFieldDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void proposesTheReplicasRule();
    void writesAndCommitsOnlyDriftlineYaml();
    void uncommittedDefinitionIsWrittenNotCommitted();
    void alreadyIgnoredIsRefused();
    void refusesWithoutDriftlineYaml();
    void refusesDiscoveredApplication();
    void refusesLineWithoutField();

private:
    // The dialog on the live side's replicas line.
    std::unique_ptr<IgnoreFieldDialog> dialogFor(const workspace::Application& app, const QString& path)
    {
        return std::make_unique<IgnoreFieldDialog>(m_diff, engine::RightSide, m_replicasLine, app, path);
    }

    QTemporaryDir m_home;
    engine::ResourceDiff m_diff;
    int m_replicasLine = -1;
    std::unique_ptr<TestRepo> m_repo;
    workspace::Application m_app;
    QString m_head;
};

void TestIgnoreFieldDialog::initTestCase()
{
    QVERIFY(m_home.isValid());
    // libgit2 must not read the developer's ~/.gitconfig.
    qputenv("HOME", m_home.path().toUtf8());
    qputenv("XDG_CONFIG_HOME", m_home.path().toUtf8());
    qputenv("GIT_CONFIG_NOSYSTEM", "1");

    engine::ResourceDiffRequest request;
    request.leftTitle = u"Git"_s;
    request.rightTitle = u"Live"_s;
    request.left = deployment(2);
    request.right = deployment(5);
    const Result<engine::ResourceDiff> diff = engine::ResourceDiff::compute(request);
    QVERIFY2(diff, diff ? "" : qPrintable(diff.error().toString()));
    m_diff = *diff;
    m_replicasLine = int(m_diff.linePointers[engine::RightSide].indexOf(u"/spec/replicas"_s));
    QVERIFY2(m_replicasLine >= 0, qPrintable(m_diff.linePointers[engine::RightSide].join(u", "_s)));
    QVERIFY(m_diff.rightText.split(u'\n').value(m_replicasLine).contains(u"replicas: 5"_s));
}

void TestIgnoreFieldDialog::init()
{
    m_repo = std::make_unique<TestRepo>();
    QVERIFY(m_repo->isValid());
    m_repo->write(u"driftline.yaml"_s, Definition);
    m_repo->write(u"apps/shop/staging/deployment.yaml"_s, "kind: Deployment\n");
    m_repo->write(u"notes.txt"_s, "notes\n");
    m_head = m_repo->commit(u"start"_s);
    m_app = declared(Definition, u"staging/shop"_s);
    QCOMPARE(m_app.name, u"shop"_s);
}

void TestIgnoreFieldDialog::proposesTheReplicasRule()
{
    const auto dialog = dialogFor(m_app, m_repo->path());
    QVERIFY2(dialog->canWrite(), qPrintable(dialog->refusal()));
    QVERIFY(dialog->writeButton()->isEnabled());

    // Only this Deployment, by default; the toggle widens it to every Deployment.
    QVERIFY(dialog->nameCheckBox()->isEnabled());
    QVERIFY(dialog->nameCheckBox()->text().contains(u"web"_s));
    workspace::IgnoreDifference rule = dialog->rule();
    QCOMPARE(rule.jsonPointers, QStringList { u"/spec/replicas"_s });
    QCOMPARE(rule.kind, u"Deployment"_s);
    QCOMPARE(rule.group, u"apps"_s);
    QCOMPARE(rule.name, u"web"_s);
    auto* ruleLabel = dialog->findChild<QLabel*>(u"ignoreRule"_s);
    QVERIFY(ruleLabel);
    QCOMPARE(ruleLabel->text(), workspace::DefinitionEditor::flowText(rule));
    QCOMPARE(dialog->commitMessage(), u"driftline.yaml: ignore /spec/replicas of Deployment web in shop"_s);

    dialog->nameCheckBox()->setChecked(false);
    rule = dialog->rule();
    QVERIFY(rule.name.isEmpty());
    QCOMPARE(rule.kind, u"Deployment"_s);
    QCOMPARE(ruleLabel->text(), u"{ group: apps, kind: Deployment, jsonPointers: [/spec/replicas] }"_s);
    QCOMPARE(dialog->commitMessage(), u"driftline.yaml: ignore /spec/replicas of every Deployment in shop"_s);

    // The lines it would hide: the replicas row, both sides, with line numbers.
    const QString hidden = dialog->hiddenLinesText();
    QVERIFY2(hidden.contains(u"replicas: 2"_s) && hidden.contains(u"replicas: 5"_s), qPrintable(hidden));
    QVERIFY2(hidden.contains(QString::number(m_replicasLine + 1) + u"  "_s), qPrintable(hidden));
    QVERIFY2(!hidden.contains(u"image"_s), qPrintable(hidden));

    // Where it writes, and where the rule applies.
    const QString file = QDir(m_repo->path()).absoluteFilePath(u"driftline.yaml"_s);
    auto* fileLabel = dialog->findChild<QLabel*>(u"ignoreFile"_s);
    QVERIFY(fileLabel);
    QCOMPARE(fileLabel->text(), u"Writes to "_s + QDir::toNativeSeparators(file));
    QCOMPARE(dialog->environments(), (QStringList { u"staging"_s, u"production"_s }));
    auto* scope = dialog->findChild<QLabel*>(u"ignoreScope"_s);
    QVERIFY(scope && scope->text().contains(u"staging, production"_s));

    QVERIFY(dialog->commitCheckBox()->isEnabled());
    QVERIFY(dialog->commitCheckBox()->isChecked());
}

void TestIgnoreFieldDialog::writesAndCommitsOnlyDriftlineYaml()
{
    m_repo->write(u"notes.txt"_s, "notes, edited\n"); // someone's unfinished work
    const auto dialog = dialogFor(m_app, m_repo->path());
    QVERIFY(dialog->canWrite());
    const workspace::IgnoreDifference rule = dialog->rule();
    const QString message = dialog->commitMessage();
    dialog->writeButton()->click();
    QCOMPARE(dialog->result(), int(QDialog::Accepted));
    const QString file = QDir(m_repo->path()).absoluteFilePath(u"driftline.yaml"_s);
    QCOMPARE(dialog->writtenFile(), file);
    QVERIFY(dialog->committed());

    Result<git::Repository> repo = git::Repository::open(m_repo->path());
    QVERIFY(repo);
    const Result<git::CommitInfo> head = repo->commit(u"HEAD"_s);
    QVERIFY(head);
    QCOMPARE(head->parents, QStringList { m_head });
    QCOMPARE(head->summary, message);
    const Result<QByteArray> committed = repo->readFile(head->id, u"driftline.yaml"_s);
    QVERIFY(committed);
    QCOMPARE(*committed, readDisk(file));
    QVERIFY(committed->contains(workspace::DefinitionEditor::flowText(rule).toUtf8()));
    // The committed file parses, with the rule in both environments of the entry.
    const workspace::WorkspaceDefinition def = workspace::WorkspaceDefinition::parse(*committed);
    QVERIFY(def.errors.isEmpty());
    int withRule = 0;
    for (const workspace::Application& a : def.applications) {
        if (a.name == u"shop" && a.ignoreDifferences.size() == 1
            && a.ignoreDifferences[0].jsonPointers == rule.jsonPointers && a.ignoreDifferences[0].name == u"web")
            ++withRule;
        else
            QVERIFY(a.ignoreDifferences.isEmpty());
    }
    QCOMPARE(withRule, 2);
    // Nothing else in the commit; the other edit still uncommitted.
    QCOMPARE(m_repo->git({ u"diff-tree"_s, u"--no-commit-id"_s, u"--name-only"_s, u"-r"_s, head->id }),
        u"driftline.yaml"_s);
    const Result<QStringList> changes = repo->uncommittedChanges();
    QVERIFY(changes);
    QCOMPARE(*changes, QStringList { u"notes.txt"_s });
}

void TestIgnoreFieldDialog::uncommittedDefinitionIsWrittenNotCommitted()
{
    const QByteArray edited = Definition + "# a note not committed yet\n";
    m_repo->write(u"driftline.yaml"_s, edited);
    const auto dialog = dialogFor(m_app, m_repo->path());
    QVERIFY(dialog->canWrite());
    QVERIFY(!dialog->commitCheckBox()->isEnabled());
    QVERIFY(!dialog->commitCheckBox()->isChecked());
    auto* note = dialog->findChild<QLabel*>(u"ignoreCommitNote"_s);
    QVERIFY(note);
    QVERIFY2(note->text().contains(u"uncommitted changes"_s) && note->text().contains(u"once driftline.yaml is committed"_s),
        qPrintable(note->text()));

    dialog->writeButton()->click();
    QCOMPARE(dialog->result(), int(QDialog::Accepted));
    QVERIFY(!dialog->committed());
    const QByteArray now = readDisk(m_repo->filePath(u"driftline.yaml"_s));
    QVERIFY(now.startsWith(Definition.left(Definition.indexOf("  - name: jobs"))));
    QVERIFY(now.contains("# a note not committed yet"));
    QVERIFY(now.contains(workspace::DefinitionEditor::flowText(dialog->rule()).toUtf8()));
    QCOMPARE(m_repo->git({ u"rev-parse"_s, u"HEAD"_s }), m_head);
}

void TestIgnoreFieldDialog::alreadyIgnoredIsRefused()
{
    {
        const auto first = dialogFor(m_app, m_repo->path());
        first->writeButton()->click();
        QVERIFY(first->committed());
    }
    const QByteArray before = readDisk(m_repo->filePath(u"driftline.yaml"_s));
    const auto again = dialogFor(declared(before, u"staging/shop"_s), m_repo->path());
    QVERIFY(!again->canWrite());
    QVERIFY(!again->writeButton()->isEnabled());
    QVERIFY2(again->refusal().contains(u"already ignored"_s), qPrintable(again->refusal()));
    // The wider rule is another rule, and may still be written.
    again->nameCheckBox()->setChecked(false);
    QVERIFY2(again->canWrite(), qPrintable(again->refusal()));
    QVERIFY(again->writeButton()->isEnabled());
}

void TestIgnoreFieldDialog::refusesWithoutDriftlineYaml()
{
    TestRepo bare;
    QVERIFY(bare.isValid());
    bare.write(u"apps/shop/deployment.yaml"_s, "kind: Deployment\n");
    const QString head = bare.commit(u"start"_s);
    const auto dialog = dialogFor(m_app, bare.path());
    QVERIFY(!dialog->canWrite());
    QVERIFY(!dialog->writeButton()->isEnabled());
    QVERIFY2(dialog->refusal().contains(u"no driftline.yaml"_s), qPrintable(dialog->refusal()));
    auto* refusal = dialog->findChild<QLabel*>(u"ignoreRefusal"_s);
    QVERIFY(refusal && refusal->text() == dialog->refusal());

    dialog->writeButton()->click(); // disabled: nothing happens
    QVERIFY(!QFile::exists(bare.filePath(u"driftline.yaml"_s)));
    QVERIFY(dialog->writtenFile().isEmpty());
    QCOMPARE(bare.git({ u"rev-parse"_s, u"HEAD"_s }), head);
    QCOMPARE(bare.git({ u"status"_s, u"--porcelain"_s }), QString());
}

void TestIgnoreFieldDialog::refusesDiscoveredApplication()
{
    workspace::Application argo = m_app;
    argo.rule = workspace::DiscoveryRule::ArgoApplication;
    argo.origin = u"argocd/shop.yaml:1"_s;
    const auto dialog = dialogFor(argo, m_repo->path());
    QVERIFY(!dialog->canWrite());
    QVERIFY(!dialog->writeButton()->isEnabled());
    QVERIFY2(dialog->refusal().contains(u"Argo CD Application"_s), qPrintable(dialog->refusal()));
    QCOMPARE(readDisk(m_repo->filePath(u"driftline.yaml"_s)), Definition);
}

void TestIgnoreFieldDialog::refusesLineWithoutField()
{
    // A line past the end of the text names nothing.
    IgnoreFieldDialog dialog(m_diff, engine::RightSide, 100000, m_app, m_repo->path());
    QVERIFY(dialog.rule().jsonPointers.isEmpty());
    QVERIFY(!dialog.canWrite());
    QVERIFY(!dialog.writeButton()->isEnabled());
    QVERIFY2(dialog.refusal().contains(u"names no field"_s), qPrintable(dialog.refusal()));
}

QTEST_MAIN(TestIgnoreFieldDialog)
#include "tst_ignorefielddialog.moc"
