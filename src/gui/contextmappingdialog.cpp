#include "gui/contextmappingdialog.h"

#include "gui/clustersettings.h"
#include "gui/icons.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace driftline::gui {

namespace {
constexpr int ContextRole = Qt::UserRole + 1;

QString nativeList(const QStringList& paths)
{
    QStringList out;
    for (const QString& p : paths)
        out << QDir::toNativeSeparators(p);
    return out.join(u", "_s);
}
} // namespace

ContextMappingDialog::ContextMappingDialog(const workspace::Workspace& workspace, QWidget* parent)
    : QDialog(parent)
    , m_workspace(workspace)
{
    setObjectName(u"contextMappingDialog"_s);
    setWindowTitle(tr("Clusters of %1").arg(QFileInfo(workspace.repositoryPath).fileName()));

    const ClusterSettings settings(workspace.repositoryPath);
    m_file = settings.kubeconfigFile();
    m_useDefault = m_file.isEmpty();

    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Choose the kubeconfig file and the context each environment is compared with. "
                                "The choice is kept in your settings, not in the repository."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* fileBox = new QGroupBox(tr("Kubeconfig"), this);
    auto* grid = new QGridLayout(fileBox);
    grid->setColumnStretch(1, 1);
    m_defaultButton = new QRadioButton(tr("Default ($KUBECONFIG or ~/.kube/config)"), fileBox);
    m_defaultButton->setObjectName(u"defaultKubeconfig"_s);
    m_fileButton = new QRadioButton(tr("File:"), fileBox);
    m_fileButton->setObjectName(u"explicitKubeconfig"_s);
    auto* group = new QButtonGroup(fileBox);
    group->addButton(m_defaultButton);
    group->addButton(m_fileButton);
    m_fileEdit = new QLineEdit(fileBox);
    m_fileEdit->setObjectName(u"kubeconfigFile"_s);
    m_fileEdit->setReadOnly(true);
    m_fileEdit->setPlaceholderText(tr("No file chosen"));
    m_chooseButton = new QPushButton(tr("Choose…"), fileBox);
    m_chooseButton->setObjectName(u"chooseKubeconfig"_s);
    m_reloadButton = new QPushButton(tr("Reload"), fileBox);
    m_reloadButton->setObjectName(u"reloadKubeconfig"_s);
    m_sourceLabel = new QLabel(fileBox);
    m_sourceLabel->setObjectName(u"kubeconfigSource"_s);
    m_sourceLabel->setTextFormat(Qt::PlainText);
    m_sourceLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_sourceLabel->setWordWrap(true);
    m_sourceLabel->setForegroundRole(QPalette::PlaceholderText);
    grid->addWidget(m_defaultButton, 0, 0, 1, 2);
    grid->addWidget(m_reloadButton, 0, 2);
    grid->addWidget(m_fileButton, 1, 0);
    grid->addWidget(m_fileEdit, 1, 1);
    grid->addWidget(m_chooseButton, 1, 2);
    grid->addWidget(m_sourceLabel, 2, 0, 1, 3);

    m_problems = new QFrame(fileBox);
    m_problems->setObjectName(u"kubeconfigProblems"_s);
    static_cast<QFrame*>(m_problems)->setFrameShape(QFrame::StyledPanel);
    m_problems->setAutoFillBackground(true);
    auto* problemsLayout = new QHBoxLayout(m_problems);
    problemsLayout->setContentsMargins(8, 6, 8, 6);
    m_problemsIcon = new QLabel(m_problems);
    m_problemsIcon->setAlignment(Qt::AlignTop);
    m_problemsLabel = new QLabel(m_problems);
    m_problemsLabel->setObjectName(u"kubeconfigProblemsText"_s);
    m_problemsLabel->setTextFormat(Qt::PlainText);
    m_problemsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problemsLabel->setWordWrap(true);
    m_problemsLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    problemsLayout->addWidget(m_problemsIcon);
    problemsLayout->addWidget(m_problemsLabel, 1);
    grid->addWidget(m_problems, 3, 0, 1, 3);
    layout->addWidget(fileBox);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(u"contextTable"_s);
    m_table->setHorizontalHeaderLabels({tr("Environment"), tr("Context"), tr("Cluster server"), tr("Namespace")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(EnvironmentColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ContextColumn, QHeaderView::Interactive);
    m_table->horizontalHeader()->setSectionResizeMode(ServerColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(NamespaceColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->resizeSection(ContextColumn, 200);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->verticalHeader()->defaultSectionSize() + 6);
    layout->addWidget(m_table, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ContextMappingDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ContextMappingDialog::reject);

    (m_useDefault ? m_defaultButton : m_fileButton)->setChecked(true);
    connect(m_defaultButton, &QRadioButton::toggled, this, [this](bool on) {
        if (on && !m_useDefault) {
            m_useDefault = true;
            reload();
        }
    });
    connect(m_fileButton, &QRadioButton::toggled, this, [this](bool on) {
        if (!on || !m_useDefault)
            return;
        if (m_file.isEmpty()) {
            chooseFile();
            if (m_file.isEmpty())
                m_defaultButton->setChecked(true);
            return;
        }
        m_useDefault = false;
        reload();
    });
    connect(m_chooseButton, &QPushButton::clicked, this, &ContextMappingDialog::chooseFile);
    connect(m_reloadButton, &QPushButton::clicked, this, &ContextMappingDialog::reload);

    load();
    for (const workspace::Environment& env : m_workspace.environments)
        m_choices.insert(env.name, settings.context(env, m_config));
    rebuildTable();
    resize(860, 420);
}

void ContextMappingDialog::chooseFile()
{
    const QString start = m_file.isEmpty() ? QDir::homePath() + u"/.kube"_s : QFileInfo(m_file).absolutePath();
    const QString file = QFileDialog::getOpenFileName(this, tr("Choose a Kubeconfig File"), start,
                                                      tr("All files (*);;YAML files (*.yaml *.yml)"));
    if (!file.isEmpty())
        setKubeconfigFile(file);
}

void ContextMappingDialog::setKubeconfigFile(const QString& file)
{
    if (file.isEmpty()) {
        m_useDefault = true;
    } else {
        m_file = QDir::cleanPath(QDir(file).absolutePath());
        m_useDefault = false;
    }
    const QSignalBlocker blockDefault(m_defaultButton);
    const QSignalBlocker blockFile(m_fileButton);
    (m_useDefault ? m_defaultButton : m_fileButton)->setChecked(true);
    reload();
}

QString ContextMappingDialog::kubeconfigFile() const
{
    return m_useDefault ? QString() : m_file;
}

void ContextMappingDialog::reload()
{
    load();
    rebuildTable();
}

void ContextMappingDialog::load()
{
    Result<kube::Kubeconfig> loaded = ClusterSettings::loadKubeconfig(kubeconfigFile());
    if (loaded) {
        m_config = std::move(*loaded);
        m_loadError.reset();
    } else {
        m_config = kube::Kubeconfig();
        m_loadError = loaded.error();
    }
    updateFileRow();

    QStringList problems;
    if (m_loadError)
        problems << m_loadError->toString();
    for (const Error& e : m_config.errors())
        problems << e.toString();
    const bool nothingFound = !m_loadError && m_config.files().isEmpty();
    if (nothingFound)
        problems << tr("No kubeconfig file found (looked for %1).").arg(sourceDescription());
    m_problemsLabel->setText(problems.join(u'\n'));
    const auto status = m_loadError ? Icons::Status::Error : Icons::Status::Warning;
    m_problemsIcon->setPixmap(Icons::status(status).pixmap(16, 16));
    QPalette p = palette();
    const QColor tint = Icons::statusColor(status);
    const QColor base = p.color(QPalette::Base);
    p.setColor(QPalette::Window, QColor::fromRgbF(base.redF() * 0.88 + tint.redF() * 0.12,
                                                  base.greenF() * 0.88 + tint.greenF() * 0.12,
                                                  base.blueF() * 0.88 + tint.blueF() * 0.12));
    m_problems->setPalette(p);
    m_problems->setVisible(!problems.isEmpty());
}

QString ContextMappingDialog::sourceDescription() const
{
    if (!m_config.files().isEmpty())
        return nativeList(m_config.files());
    return m_useDefault ? nativeList(kube::Kubeconfig::defaultPaths()) : QDir::toNativeSeparators(m_file);
}

void ContextMappingDialog::updateFileRow()
{
    m_fileEdit->setText(QDir::toNativeSeparators(m_file));
    if (m_loadError)
        m_sourceLabel->setText(tr("Could not read %1.").arg(sourceDescription()));
    else if (m_config.files().isEmpty())
        m_sourceLabel->clear();
    else
        m_sourceLabel->setText(tr("Read from %1 · current context: %2")
                                   .arg(sourceDescription(),
                                        m_config.currentContext().isEmpty() ? tr("(none)") : m_config.currentContext()));
    m_sourceLabel->setVisible(!m_sourceLabel->text().isEmpty());
}

void ContextMappingDialog::rebuildTable()
{
    const QStringList contexts = m_config.contexts();
    m_table->setRowCount(int(m_workspace.environments.size()));
    for (int row = 0; row < m_workspace.environments.size(); ++row) {
        const workspace::Environment& env = m_workspace.environments.at(row);
        auto* name = new QTableWidgetItem(env.name);
        name->setData(Qt::UserRole, env.name);
        m_table->setItem(row, EnvironmentColumn, name);

        auto* combo = new QComboBox(m_table);
        combo->setObjectName(u"context:"_s + env.name);
        for (const QString& c : contexts)
            combo->addItem(c, c);
        // A chosen or declared context the file lacks stays selectable, so OK never drops it silently.
        const QString chosen = m_choices.value(env.name);
        for (const QString& wanted : {chosen, env.context}) {
            if (!wanted.isEmpty() && !contexts.contains(wanted) && combo->findData(wanted) < 0)
                combo->addItem(Icons::status(Icons::Status::Error), tr("%1 (not found)").arg(wanted), wanted);
        }
        combo->insertSeparator(combo->count());
        combo->addItem(tr("(none)"), QString());
        combo->setCurrentIndex(qMax(0, combo->findData(chosen)));
        connect(combo, &QComboBox::currentIndexChanged, this, [this, combo, envName = env.name] {
            m_choices.insert(envName, combo->currentData().toString());
            updateRow(rowOf(envName));
        });
        m_table->setCellWidget(row, ContextColumn, combo);
        m_table->setItem(row, ServerColumn, new QTableWidgetItem);
        m_table->setItem(row, NamespaceColumn, new QTableWidgetItem);
        updateRow(row);
    }
    int width = 180;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (auto* combo = qobject_cast<QComboBox*>(m_table->cellWidget(row, ContextColumn))) {
            combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
            width = qMax(width, combo->sizeHint().width());
        }
    }
    m_table->setColumnWidth(ContextColumn, qMin(width, 360));
}

void ContextMappingDialog::updateRow(int row)
{
    if (row < 0 || row >= m_workspace.environments.size())
        return;
    const workspace::Environment& env = m_workspace.environments.at(row);
    const QString chosen = m_choices.value(env.name);
    const QString where = sourceDescription();

    QStringList missingNames;
    QStringList missing;
    for (const QString& wanted : {env.context, chosen}) {
        if (wanted.isEmpty() || m_config.context(wanted) || missingNames.contains(wanted))
            continue;
        missingNames << wanted;
        missing << tr("context “%1” not found in %2").arg(wanted, where);
    }
    QTableWidgetItem* name = m_table->item(row, EnvironmentColumn);
    name->setIcon(missing.isEmpty() ? Icons::environment(env.production) : Icons::status(Icons::Status::Error));
    QString tip = missing.join(u'\n');
    if (tip.isEmpty())
        tip = env.context.isEmpty() ? tr("driftline.yaml names no context: the current context is the default")
                                    : tr("driftline.yaml names the context “%1”").arg(env.context);
    name->setToolTip(tip);
    name->setData(ContextRole, chosen);

    QTableWidgetItem* server = m_table->item(row, ServerColumn);
    QTableWidgetItem* ns = m_table->item(row, NamespaceColumn);
    const kube::Context* context = chosen.isEmpty() ? nullptr : m_config.context(chosen);
    const kube::Cluster* cluster = context ? m_config.cluster(context->cluster) : nullptr;
    server->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    if (cluster) {
        server->setText(cluster->server);
        if (cluster->insecureSkipTlsVerify) {
            server->setIcon(Icons::status(Icons::Status::Warning));
            server->setToolTip(tr("Cluster “%1” sets insecure-skip-tls-verify: the server's certificate is not "
                                  "checked, so anyone on the way can read and change the traffic.")
                                   .arg(cluster->name));
        } else {
            server->setIcon({});
            server->setToolTip(tr("Cluster “%1”").arg(cluster->name));
        }
    } else {
        server->setText(chosen.isEmpty() ? tr("not connected") : u"—"_s);
        server->setIcon({});
        server->setToolTip({});
    }
    // driftline.yaml's namespace wins over the context's for the environment's applications.
    if (!env.namespace_.isEmpty()) {
        ns->setText(env.namespace_);
        ns->setToolTip(tr("From driftline.yaml"));
    } else {
        ns->setText(context ? context->ns : QString());
        ns->setToolTip(context ? tr("From context “%1”").arg(context->name) : QString());
    }
}

int ContextMappingDialog::rowOf(const QString& environment) const
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, EnvironmentColumn)->data(Qt::UserRole).toString() == environment)
            return row;
    }
    return -1;
}

QComboBox* ContextMappingDialog::contextCombo(const QString& environment) const
{
    const int row = rowOf(environment);
    return row < 0 ? nullptr : qobject_cast<QComboBox*>(m_table->cellWidget(row, ContextColumn));
}

QString ContextMappingDialog::chosenContext(const QString& environment) const
{
    return m_choices.value(environment);
}

QString ContextMappingDialog::problemsText() const
{
    return m_problems->isHidden() ? QString() : m_problemsLabel->text();
}

void ContextMappingDialog::focusEnvironment(const QString& environment)
{
    const int row = rowOf(environment);
    if (row < 0)
        return;
    m_table->selectRow(row);
    m_table->scrollToItem(m_table->item(row, EnvironmentColumn));
    if (QComboBox* combo = contextCombo(environment))
        combo->setFocus();
}

void ContextMappingDialog::accept()
{
    ClusterSettings settings(m_workspace.repositoryPath);
    settings.setKubeconfigFile(kubeconfigFile());
    // A choice equal to the default is not pinned, so a later change in driftline.yaml still applies.
    for (const workspace::Environment& env : m_workspace.environments) {
        const QString chosen = m_choices.value(env.name);
        if (chosen == ClusterSettings::defaultContext(env, m_config))
            settings.clearContext(env.name);
        else
            settings.setContext(env.name, chosen);
    }
    QDialog::accept();
}

} // namespace driftline::gui
