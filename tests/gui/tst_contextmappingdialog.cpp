// The cluster context dialog on a real repository with a driftline.yaml and
// real kubeconfig files: preselection, flags for missing contexts and insecure
// clusters, what OK and Cancel store in ClusterSettings, an explicit kubeconfig
// file, and kubeconfig problems shown with their line.
#include "git/repository.h"
#include "gui/clustersettings.h"
#include "gui/contextmappingdialog.h"
#include "testsupport/testrepo.h"
#include "workspace/discovery.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QLabel>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::gui;

namespace {

const QByteArray Kubeconfig = R"(apiVersion: v1
kind: Config
clusters:
- name: staging
  cluster:
    server: https://staging.example.test:6443
- name: lab
  cluster:
    server: https://10.0.0.9:6443
    insecure-skip-tls-verify: true
users:
- name: dev
  user:
    token: sekrit-token-value
contexts:
- name: kind-staging
  context: {cluster: staging, user: dev, namespace: shop-staging}
- name: lab
  context: {cluster: lab, user: dev}
current-context: lab
)";

// Another file, which does define production's context.
const QByteArray OtherKubeconfig = R"(apiVersion: v1
kind: Config
clusters:
- name: eu
  cluster:
    server: https://prod-eu.example.test
users:
- name: ops
  user:
    token: sekrit-token-value
contexts:
- name: prod-eu
  context: {cluster: eu, user: ops, namespace: shop}
current-context: prod-eu
)";

const QByteArray Definition = R"(environments:
  - name: staging
    context: kind-staging
  - name: production
    context: prod-eu
    namespace: shop-prod
    production: true
)";

} // namespace

class TestContextMappingDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void listsEnvironmentsAndFlagsMissingContexts();
    void insecureClusterIsFlagged();
    void acceptStoresTheChoice_data();
    void acceptStoresTheChoice();
    void cancelStoresNothing();
    void explicitKubeconfigFileIsStored();
    void kubeconfigProblemsAreShown_data();
    void kubeconfigProblemsAreShown();

private:
    std::unique_ptr<ContextMappingDialog> openDialog();
    static void saveScreenshot(QWidget& widget, const QString& suffix);
    QString writeKubeconfig(const QString& name, const QByteArray& contents);

    QTemporaryDir m_dir;
    std::unique_ptr<test::TestRepo> m_repo;
    workspace::Workspace m_workspace;
    QString m_kubeconfig;
};

void TestContextMappingDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"DriftlineTest"_s);
    QCoreApplication::setApplicationName(u"tst_contextmappingdialog"_s);
    QVERIFY(m_dir.isValid());
    m_kubeconfig = writeKubeconfig(u"config"_s, Kubeconfig);
    // The dialog's default is $KUBECONFIG, so the user's own file is never read.
    qputenv("KUBECONFIG", QFile::encodeName(m_kubeconfig));

    m_repo = std::make_unique<test::TestRepo>();
    QVERIFY(m_repo->isValid());
    m_repo->write(u"driftline.yaml"_s, Definition);
    m_repo->write(u"apps/web/deployment.yaml"_s, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n");
    const QString commit = m_repo->commit(u"environments"_s);
    const Result<git::Repository> repo = git::Repository::open(m_repo->path());
    QVERIFY2(repo.has_value(), repo ? "" : qPrintable(repo.error().toString()));
    const Result<workspace::Workspace> ws = workspace::Discovery::discover(*repo, commit);
    QVERIFY2(ws.has_value(), ws ? "" : qPrintable(ws.error().toString()));
    m_workspace = *ws;
    m_workspace.repositoryPath = m_repo->path();
    QCOMPARE(m_workspace.environments.size(), 2);
}

void TestContextMappingDialog::init()
{
    ClusterSettings(m_repo->path()).clear();
}

QString TestContextMappingDialog::writeKubeconfig(const QString& name, const QByteArray& contents)
{
    const QString path = m_dir.filePath(name);
    test::writeFile(path, contents);
    return path;
}

std::unique_ptr<ContextMappingDialog> TestContextMappingDialog::openDialog()
{
    auto dialog = std::make_unique<ContextMappingDialog>(m_workspace);
    dialog->show();
    if (!QTest::qWaitForWindowExposed(dialog.get()))
        return nullptr;
    saveScreenshot(*dialog, u"open"_s);
    return dialog;
}

// For looking at the dialog: DRIFTLINE_TEST_SCREENSHOTS=<folder> writes PNGs there.
void TestContextMappingDialog::saveScreenshot(QWidget& widget, const QString& suffix)
{
    const QByteArray dir = qgetenv("DRIFTLINE_TEST_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    QString name = QString::fromLatin1(QTest::currentTestFunction());
    if (QTest::currentDataTag())
        name += u'-' + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-');
    widget.grab().save(QFile::decodeName(dir) + u'/' + name + u'-' + suffix + u".png"_s);
}

void TestContextMappingDialog::listsEnvironmentsAndFlagsMissingContexts()
{
    auto dialog = openDialog();
    QVERIFY(dialog);
    QTableWidget* table = dialog->table();
    QCOMPARE(table->rowCount(), 2);
    const int staging = dialog->rowOf(u"staging"_s);
    const int production = dialog->rowOf(u"production"_s);
    QVERIFY(staging >= 0 && production >= 0 && staging != production);

    QComboBox* stagingCombo = dialog->contextCombo(u"staging"_s);
    QVERIFY(stagingCombo);
    QCOMPARE(stagingCombo->currentData().toString(), u"kind-staging"_s);
    QCOMPARE(stagingCombo->currentText(), u"kind-staging"_s);
    QVERIFY(stagingCombo->findData(u"lab"_s) >= 0);
    QVERIFY(stagingCombo->findText(u"(none)"_s) >= 0);
    QCOMPARE(table->item(staging, ContextMappingDialog::ServerColumn)->text(), u"https://staging.example.test:6443"_s);
    QCOMPARE(table->item(staging, ContextMappingDialog::NamespaceColumn)->text(), u"shop-staging"_s);
    QVERIFY(!table->item(staging, ContextMappingDialog::EnvironmentColumn)->toolTip().contains(u"not found"_s));

    // The declared context stays chosen, visibly missing, so OK does not drop it.
    QComboBox* productionCombo = dialog->contextCombo(u"production"_s);
    QCOMPARE(productionCombo->currentData().toString(), u"prod-eu"_s);
    QVERIFY(productionCombo->currentText().contains(u"not found"_s));
    QTableWidgetItem* flagged = table->item(production, ContextMappingDialog::EnvironmentColumn);
    QCOMPARE(flagged->toolTip(), u"context “prod-eu” not found in %1"_s.arg(QDir::toNativeSeparators(m_kubeconfig)));
    QVERIFY(!flagged->icon().isNull());
    // driftline.yaml's namespace wins over the context's.
    QCOMPARE(table->item(production, ContextMappingDialog::NamespaceColumn)->text(), u"shop-prod"_s);
    QVERIFY(dialog->problemsText().isEmpty());
}

void TestContextMappingDialog::insecureClusterIsFlagged()
{
    auto dialog = openDialog();
    QVERIFY(dialog);
    const int row = dialog->rowOf(u"staging"_s);
    QTableWidgetItem* server = dialog->table()->item(row, ContextMappingDialog::ServerColumn);
    QVERIFY(server->icon().isNull());
    QVERIFY(!server->toolTip().contains(u"insecure"_s));

    QComboBox* combo = dialog->contextCombo(u"staging"_s);
    combo->setCurrentIndex(combo->findData(u"lab"_s));
    QCOMPARE(dialog->chosenContext(u"staging"_s), u"lab"_s);
    QCOMPARE(server->text(), u"https://10.0.0.9:6443"_s);
    QVERIFY(server->toolTip().contains(u"insecure-skip-tls-verify"_s));
    QVERIFY(!server->icon().isNull());
    QCOMPARE(dialog->table()->item(row, ContextMappingDialog::NamespaceColumn)->text(), u"default"_s);
    saveScreenshot(*dialog, u"insecure"_s);
}

void TestContextMappingDialog::acceptStoresTheChoice_data()
{
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("choice");
    QTest::newRow("production to an existing context") << u"production"_s << u"lab"_s;
    QTest::newRow("staging to none") << u"staging"_s << QString();
    QTest::newRow("staging to the current context") << u"staging"_s << u"lab"_s;
}

void TestContextMappingDialog::acceptStoresTheChoice()
{
    QFETCH(QString, environment);
    QFETCH(QString, choice);
    auto dialog = openDialog();
    QVERIFY(dialog);
    QComboBox* combo = dialog->contextCombo(environment);
    const int index = combo->findData(choice);
    QVERIFY(index >= 0);
    combo->setCurrentIndex(index);
    dialog->accept();
    QCOMPARE(dialog->result(), int(QDialog::Accepted));

    const ClusterSettings fresh(m_repo->path());
    const std::optional<QString> saved = fresh.savedContext(environment);
    QVERIFY(saved.has_value());
    QCOMPARE(*saved, choice);
    const Result<kube::Kubeconfig> config = fresh.loadKubeconfig();
    QVERIFY(config.has_value());
    QCOMPARE(fresh.context(*m_workspace.environment(environment), *config), choice);
    // The untouched environment keeps following driftline.yaml.
    const QString other = environment == u"staging" ? u"production"_s : u"staging"_s;
    QVERIFY(!fresh.savedContext(other).has_value());
    QCOMPARE(fresh.context(*m_workspace.environment(other), *config), m_workspace.environment(other)->context);
    QVERIFY(fresh.usesDefaultKubeconfig());
    // The same folder spelled differently is the same workspace.
    QCOMPARE(ClusterSettings(m_repo->path() + u"/./"_s).savedContext(environment), saved);
    QVERIFY(!ClusterSettings(m_dir.path()).savedContext(environment).has_value());

    // A reopened dialog shows the stored choice.
    dialog.reset();
    dialog = openDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->contextCombo(environment)->currentData().toString(), choice);
}

void TestContextMappingDialog::cancelStoresNothing()
{
    QSettings().sync();
    const QStringList keysBefore = QSettings().allKeys();
    auto dialog = openDialog();
    QVERIFY(dialog);
    QComboBox* combo = dialog->contextCombo(u"production"_s);
    combo->setCurrentIndex(combo->findData(u"lab"_s));
    dialog->setKubeconfigFile(writeKubeconfig(u"other"_s, OtherKubeconfig));
    dialog->reject();
    QCOMPARE(dialog->result(), int(QDialog::Rejected));

    const ClusterSettings fresh(m_repo->path());
    QVERIFY(!fresh.savedContext(u"production"_s).has_value());
    QVERIFY(!fresh.savedContext(u"staging"_s).has_value());
    QVERIFY(fresh.usesDefaultKubeconfig());
    QCOMPARE(QSettings().allKeys(), keysBefore);
}

void TestContextMappingDialog::explicitKubeconfigFileIsStored()
{
    const QString other = writeKubeconfig(u"other"_s, OtherKubeconfig);
    auto dialog = openDialog();
    QVERIFY(dialog);
    dialog->setKubeconfigFile(other);
    QCOMPARE(dialog->kubeconfigFile(), other);
    // prod-eu exists in this file: no longer flagged; staging's context is now the missing one.
    const int production = dialog->rowOf(u"production"_s);
    QVERIFY(!dialog->table()->item(production, ContextMappingDialog::EnvironmentColumn)->toolTip().contains(u"not found"_s));
    QCOMPARE(dialog->table()->item(production, ContextMappingDialog::ServerColumn)->text(), u"https://prod-eu.example.test"_s);
    QCOMPARE(dialog->table()->item(dialog->rowOf(u"staging"_s), ContextMappingDialog::EnvironmentColumn)->toolTip(),
             u"context “kind-staging” not found in %1"_s.arg(QDir::toNativeSeparators(other)));
    dialog->accept();

    const ClusterSettings fresh(m_repo->path());
    QCOMPARE(fresh.kubeconfigFile(), other);
    QVERIFY(!fresh.usesDefaultKubeconfig());
    QCOMPARE(fresh.kubeconfigPaths(), QStringList{other});
    const Result<kube::Kubeconfig> config = fresh.loadKubeconfig();
    QVERIFY(config.has_value());
    QCOMPARE(config->contexts(), QStringList{u"prod-eu"_s});

    dialog.reset();
    dialog = openDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->kubeconfigFile(), other);
    QVERIFY(dialog->findChild<QRadioButton*>(u"explicitKubeconfig"_s)->isChecked());

    // Back to the default file.
    dialog->setKubeconfigFile({});
    QVERIFY(dialog->findChild<QRadioButton*>(u"defaultKubeconfig"_s)->isChecked());
    dialog->accept();
    QVERIFY(ClusterSettings(m_repo->path()).usesDefaultKubeconfig());
}

void TestContextMappingDialog::kubeconfigProblemsAreShown_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<int>("line");
    QTest::addColumn<bool>("contextsLoad");
    QTest::newRow("unparsable") << QByteArray("apiVersion: v1\nusers:\n- name: dev\n  user: {token: sekrit-token-value\n"
                                              "contexts: [\n")
                                << 5 << false;
    QTest::newRow("context naming a missing cluster")
        << QByteArray("apiVersion: v1\nclusters:\n- name: a\n  cluster: {server: https://a.test}\nusers:\n"
                      "- name: dev\n  user: {token: sekrit-token-value}\ncontexts:\n- name: good\n"
                      "  context: {cluster: a, user: dev}\n- name: broken\n  context: {cluster: nowhere, user: dev}\n")
        << 12 << true;
}

void TestContextMappingDialog::kubeconfigProblemsAreShown()
{
    QFETCH(QByteArray, contents);
    QFETCH(int, line);
    QFETCH(bool, contextsLoad);
    const QString bad = writeKubeconfig(u"bad-%1.yaml"_s.arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-')),
                                        contents);
    ClusterSettings(m_repo->path()).setKubeconfigFile(bad);

    auto dialog = openDialog();
    QVERIFY(dialog);
    const QString problems = dialog->problemsText();
    QVERIFY2(problems.contains(u"%1:%2:"_s.arg(bad).arg(line)), qPrintable(problems));
    QVERIFY(!problems.contains(u"sekrit"_s));
    QVERIFY(dialog->findChild<QWidget*>(u"kubeconfigProblems"_s)->isVisible());
    QCOMPARE(dialog->table()->rowCount(), 2);
    QComboBox* combo = dialog->contextCombo(u"staging"_s);
    QCOMPARE(combo->findData(u"good"_s) >= 0, contextsLoad);
    QCOMPARE(combo->findData(u"broken"_s), -1);
    // The declared contexts stay chosen while the file is broken.
    QCOMPARE(combo->currentData().toString(), u"kind-staging"_s);

    // Fixing the file and reloading clears the problem.
    test::writeFile(bad, Kubeconfig);
    dialog->reload();
    QVERIFY(dialog->problemsText().isEmpty());
    QVERIFY(!dialog->findChild<QWidget*>(u"kubeconfigProblems"_s)->isVisible());
    QCOMPARE(dialog->contextCombo(u"staging"_s)->currentData().toString(), u"kind-staging"_s);
}

QTEST_MAIN(TestContextMappingDialog)
#include "tst_contextmappingdialog.moc"
