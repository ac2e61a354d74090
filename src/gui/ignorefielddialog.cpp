#include "gui/ignorefielddialog.h"

#include "git/repository.h"
#include "gui/icons.h"
#include "workspace/definitioneditor.h"
#include "workspace/workspacedefinition.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace driftline::gui {

namespace {

QString definitionPath(const QString& workingTree)
{
    if (workingTree.isEmpty())
        return {};
    return QFileInfo(QDir(workingTree).filePath(QString::fromLatin1(workspace::WorkspaceDefinition::FileName)))
        .absoluteFilePath();
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QLabel* makeLabel(const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

IgnoreFieldDialog::IgnoreFieldDialog(const engine::ResourceDiff& diff, engine::DiffSide side, int line,
    const workspace::Application& application, const QString& repositoryPath, QWidget* parent)
    : QDialog(parent)
    , m_diff(diff)
    , m_side(side)
    , m_line(line)
    , m_application(application)
    , m_repositoryPath(repositoryPath)
{
    setObjectName(u"ignoreFieldDialog"_s);
    setWindowTitle(tr("Ignore This Field"));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    auto* layout = new QVBoxLayout(this);
    auto* intro = makeLabel(u"ignoreIntro"_s, this);
    intro->setText(tr("Differences in this field will no longer count as drift for %1. The rule is added to "
                      "the application's ignoreDifferences in driftline.yaml.")
                       .arg(m_application.name));
    layout->addWidget(intro);

    m_ruleLabel = makeLabel(u"ignoreRule"_s, this);
    m_ruleLabel->setFont(fixed);
    m_ruleLabel->setFrameShape(QFrame::StyledPanel);
    m_ruleLabel->setMargin(6);
    layout->addWidget(m_ruleLabel);

    const workspace::IgnoreDifference named = m_diff.ignoreRuleFor(m_side, m_line, true);
    m_withName = new QCheckBox(this);
    m_withName->setObjectName(u"ignoreOnlyName"_s);
    if (named.name.isEmpty()) {
        m_withName->setText(tr("Only for this object"));
        m_withName->setEnabled(false);
        m_withName->setChecked(false);
    } else {
        m_withName->setText(tr("Only for %1").arg(named.name));
        // The narrow rule by default: it hides the least.
        m_withName->setChecked(true);
    }
    layout->addWidget(m_withName);

    m_scopeLabel = makeLabel(u"ignoreScope"_s, this);
    layout->addWidget(m_scopeLabel);

    m_hiddenTitle = makeLabel(u"ignoreHiddenTitle"_s, this);
    layout->addWidget(m_hiddenTitle);
    m_hidden = new QPlainTextEdit(this);
    m_hidden->setObjectName(u"ignoreHiddenLines"_s);
    m_hidden->setReadOnly(true);
    m_hidden->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_hidden->setFont(fixed);
    layout->addWidget(m_hidden, 1);

    m_fileLabel = makeLabel(u"ignoreFile"_s, this);
    layout->addWidget(m_fileLabel);

    m_commit = new QCheckBox(tr("Commit driftline.yaml"), this);
    m_commit->setObjectName(u"ignoreCommit"_s);
    m_commit->setChecked(true);
    layout->addWidget(m_commit);
    m_commitNote = makeLabel(u"ignoreCommitNote"_s, this);
    m_commitNote->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_commitNote);

    m_refusalLabel = makeLabel(u"ignoreRefusal"_s, this);
    m_refusalLabel->setFrameShape(QFrame::StyledPanel);
    m_refusalLabel->setMargin(6);
    QPalette refusalPalette = m_refusalLabel->palette();
    refusalPalette.setColor(QPalette::WindowText, Icons::statusColor(Icons::Status::Error));
    m_refusalLabel->setPalette(refusalPalette);
    layout->addWidget(m_refusalLabel);

    auto* buttons = new QDialogButtonBox(this);
    m_write = buttons->addButton(tr("Write"), QDialogButtonBox::AcceptRole);
    m_write->setObjectName(u"ignoreWrite"_s);
    m_write->setDefault(true);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    // The Write button runs write(), which accepts only when everything worked
    // (the box's accepted() signal is deliberately left unconnected).
    connect(m_write, &QPushButton::clicked, this, &IgnoreFieldDialog::write);
    connect(m_cancel, &QPushButton::clicked, this, &IgnoreFieldDialog::reject);

    // Whether driftline.yaml can be committed alone: it must not hold someone's
    // unfinished edits, and there must be a branch to commit on. Checked once:
    // a status of one path is quick.
    const QString file = definitionPath(m_repositoryPath);
    if (!file.isEmpty() && QFileInfo(file).isFile()) {
        Result<git::Repository> repo = git::Repository::open(m_repositoryPath);
        if (!repo) {
            m_commitBlocked = tr("Driftline cannot open the repository to commit: %1").arg(repo.error().message);
        } else if (repo->currentBranch().isEmpty()) {
            m_commitBlocked = tr("HEAD is not on a branch, so Driftline will not commit.");
        } else {
            const Result<QStringList> changes = repo->uncommittedChanges({ u"driftline.yaml"_s });
            if (!changes)
                m_commitBlocked = tr("Driftline cannot read the repository's status: %1").arg(changes.error().message);
            else if (!changes->isEmpty())
                m_commitBlocked = tr("driftline.yaml already has uncommitted changes, so Driftline will not "
                                     "commit it for you.");
        }
        if (!m_commitBlocked.isEmpty()) {
            m_commit->setChecked(false);
            m_commit->setEnabled(false);
        }
    }

    connect(m_withName, &QCheckBox::toggled, this, &IgnoreFieldDialog::updateProposal);
    connect(m_commit, &QCheckBox::toggled, this, &IgnoreFieldDialog::updateProposal);
    updateProposal();
    resize(720, 480);
}

IgnoreFieldDialog::~IgnoreFieldDialog() = default;

workspace::IgnoreDifference IgnoreFieldDialog::rule() const
{
    return m_diff.ignoreRuleFor(m_side, m_line, m_withName->isChecked());
}

bool IgnoreFieldDialog::canWrite() const
{
    return m_refusal.isEmpty();
}

QString IgnoreFieldDialog::refusal() const
{
    return m_refusal;
}

QString IgnoreFieldDialog::hiddenLinesText() const
{
    return m_hidden->toPlainText();
}

QString IgnoreFieldDialog::commitMessage() const
{
    const workspace::IgnoreDifference r = rule();
    const QString kind = r.kind.isEmpty() ? u"resource"_s : r.kind;
    const QString what = r.name.isEmpty() ? QString(u"every "_s + kind) : QString(kind + u' ' + r.name);
    // English on purpose: the message goes into a history the whole team reads.
    return u"driftline.yaml: ignore "_s + r.jsonPointers.join(u", "_s) + u" of "_s + what + u" in "_s
        + m_application.name;
}

void IgnoreFieldDialog::updateProposal()
{
    const workspace::IgnoreDifference proposed = rule();
    const QString file = definitionPath(m_repositoryPath);

    m_refusal.clear();
    m_environments.clear();
    if (proposed.jsonPointers.isEmpty()) {
        m_refusal = tr("This line names no field: choose a line that holds a value.");
    } else if (m_application.rule != workspace::DiscoveryRule::DriftlineYaml) {
        m_refusal = tr("%1 was found as %2 (%3), not declared in driftline.yaml. Driftline writes rules only to "
                       "driftline.yaml: declare the application there, or add the rule where it is defined.")
                        .arg(m_application.name, workspace::ruleName(m_application.rule), m_application.origin);
    } else if (file.isEmpty() || !QFileInfo(file).isFile()) {
        m_refusal = tr("There is no driftline.yaml in the working tree %1. Driftline writes rules only to a "
                       "workspace's driftline.yaml.")
                        .arg(QDir::toNativeSeparators(m_repositoryPath));
    } else {
        // A dry run of the very edit Write makes, so "already ignored" or a file
        // that cannot take the rule shows up before anything is written.
        const QByteArray current = readFile(file);
        const Result<QByteArray> edited
            = workspace::DefinitionEditor::withIgnoreDifference(current, m_application, proposed);
        if (!edited) {
            Error e = edited.error();
            if (e.file.isEmpty() || QFileInfo(e.file).isRelative())
                e.file = QDir::toNativeSeparators(file);
            m_refusal = e.toString();
        }
        const workspace::WorkspaceDefinition def = workspace::WorkspaceDefinition::parse(current);
        for (const workspace::Application& app : def.applications) {
            if (app.name == m_application.name)
                m_environments << app.environment;
        }
    }

    m_ruleLabel->setText(proposed.jsonPointers.isEmpty() ? tr("(no field)")
                                                         : workspace::DefinitionEditor::flowText(proposed));
    if (m_environments.isEmpty())
        m_environments << m_application.environment;
    m_scopeLabel->setText(tr("The rule applies to %1 in every environment its entry in driftline.yaml covers: %2.")
                              .arg(m_application.name, m_environments.join(u", "_s)));

    // The lines it would hide: every row whose field lies at or under a pointer.
    QList<int> rows;
    for (const QString& pointer : proposed.jsonPointers)
        rows += m_diff.rowsUnder(pointer);
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    int leftWidth = 0;
    int numberWidth = 1;
    for (int r : std::as_const(rows)) {
        if (r < 0 || r >= m_diff.text.rows.size())
            continue;
        const engine::DiffRow& row = m_diff.text.rows[r];
        leftWidth = std::max(leftWidth, int(std::min<qsizetype>(row.side[0].text.size(), 60)));
        for (const engine::DiffLine& l : row.side)
            numberWidth = std::max(numberWidth, int(QString::number(l.number + 1).size()));
    }
    auto cell = [numberWidth](const engine::DiffLine& l) {
        if (l.isFiller())
            return QString(numberWidth + 2, u' ');
        return QString(QString::number(l.number + 1).rightJustified(numberWidth) + u"  "_s + l.text);
    };
    QStringList listed;
    if (!rows.isEmpty())
        listed << (m_diff.leftTitle.leftJustified(numberWidth + 2 + leftWidth) + u" │ "_s + m_diff.rightTitle);
    for (int r : std::as_const(rows)) {
        if (r < 0 || r >= m_diff.text.rows.size())
            continue;
        const engine::DiffRow& row = m_diff.text.rows[r];
        listed << (cell(row.side[0]).leftJustified(numberWidth + 2 + leftWidth) + u" │ "_s + cell(row.side[1]));
    }
    m_hidden->setPlainText(listed.join(u'\n'));
    const int hiddenCount = int(listed.size()) - (listed.isEmpty() ? 0 : 1);
    m_hiddenTitle->setText(hiddenCount == 0 ? tr("It hides no line of this diff.")
                                            : tr("It hides these lines of this diff (%n row(s)):", nullptr, hiddenCount));

    m_fileLabel->setText(file.isEmpty() ? tr("Writes nothing: the repository has no working tree.")
                                        : tr("Writes to %1").arg(QDir::toNativeSeparators(file)));

    if (!m_commitBlocked.isEmpty())
        m_commitNote->setText(m_commitBlocked + u' '
            + tr("The rule is written but takes effect once driftline.yaml is committed."));
    else if (!m_commit->isChecked())
        m_commitNote->setText(tr("Driftline reads committed files: the rule takes effect once driftline.yaml "
                                 "is committed."));
    else
        m_commitNote->setText(tr("Commits only driftline.yaml, as \"%1\".").arg(commitMessage()));

    m_refusalLabel->setText(m_refusal);
    m_refusalLabel->setVisible(!m_refusal.isEmpty());
    m_write->setEnabled(m_refusal.isEmpty() && m_writtenFile.isEmpty());
    m_withName->setEnabled(m_writtenFile.isEmpty() && !m_diff.ignoreRuleFor(m_side, m_line, true).name.isEmpty());
}

void IgnoreFieldDialog::showError(const QString& text)
{
    m_refusalLabel->setText(text);
    m_refusalLabel->setVisible(true);
}

void IgnoreFieldDialog::write()
{
    updateProposal(); // the file may have changed while the dialog was open
    if (!canWrite())
        return;
    const workspace::IgnoreDifference proposed = rule();
    const Result<QString> written
        = workspace::DefinitionEditor::addIgnoreDifference(m_repositoryPath, m_application, proposed);
    if (!written) {
        showError(tr("Nothing was written: %1").arg(written.error().toString()));
        return;
    }
    m_writtenFile = *written;
    m_committed = false;
    if (m_commit->isEnabled() && m_commit->isChecked()) {
        Result<git::Repository> repo = git::Repository::open(m_repositoryPath);
        Result<QString> commit = repo ? repo->commitFiles({ u"driftline.yaml"_s }, commitMessage(),
                                            repo->defaultSignature())
                                      : Result<QString>(std::unexpected(repo.error()));
        if (!commit) {
            // The file is written; only the commit failed. Say so and let the
            // user close the dialog: writing again would add the rule twice.
            m_write->setEnabled(false);
            m_withName->setEnabled(false);
            m_commit->setEnabled(false);
            m_cancel->setText(tr("Close"));
            showError(tr("The rule was written to %1 but not committed: %2. It takes effect once "
                         "driftline.yaml is committed.")
                          .arg(QDir::toNativeSeparators(m_writtenFile), commit.error().toString()));
            return;
        }
        m_committed = true;
    }
    accept();
}

} // namespace driftline::gui
