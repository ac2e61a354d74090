#include "gui/revertdialog.h"

#include "engine/auditlog.h"
#include "engine/liverevision.h"
#include "git/repository.h"
#include "workspace/renderer.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFormLayout>
#include <QFuture>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace driftline::gui {

namespace {

// Every blob under `paths` at `commitId` (empty commit: nothing), by path.
QMap<QString, QString> blobsUnder(const git::Repository& repo, const QString& commitId, const QStringList& paths)
{
    QMap<QString, QString> out;
    if (commitId.isEmpty())
        return out;
    for (const QString& path : paths) {
        if (auto entries = repo.listTree(commitId, path, true)) {
            for (const git::TreeEntry& e : std::as_const(*entries))
                out.insert(e.path, e.id);
        } else if (auto entry = workspace::Renderer::entryAt(repo, commitId, path);
                   entry && entry->type != git::TreeEntry::Type::Tree) {
            out.insert(path, entry->id); // a single file
        }
    }
    return out;
}

// "A path", "D path", "M path" for what going from `from` to `to` changes under `paths`.
QStringList filesChanged(const git::Repository& repo, const QString& from, const QString& to, const QStringList& paths)
{
    const QMap<QString, QString> before = blobsUnder(repo, from, paths);
    const QMap<QString, QString> after = blobsUnder(repo, to, paths);
    QStringList out;
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        const auto there = after.constFind(it.key());
        if (there == after.cend())
            out << u"D "_s + it.key();
        else if (*there != *it)
            out << u"M "_s + it.key();
    }
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (!before.contains(it.key()))
            out << u"A "_s + it.key();
    }
    std::sort(out.begin(), out.end(), [](const QString& a, const QString& b) { return a.mid(2) < b.mid(2); });
    return out;
}

QString modeName(RevertDialog::Mode mode)
{
    return mode == RevertDialog::Mode::RestoreFiles ? u"restore"_s : u"revert-commit"_s;
}

} // namespace

RevertDialog::RevertDialog(const QString& repositoryPath, const workspace::Application& application,
    const QString& commitId, engine::AuditLog* auditLog, QWidget* parent)
    : QDialog(parent)
    , m_repositoryPath(repositoryPath)
    , m_application(application)
    , m_commitId(commitId)
    , m_auditLog(auditLog)
{
    setWindowTitle(tr("Revert in Git"));
    auto* layout = new QVBoxLayout(this);
    m_header = new QLabel(tr("Reading %1 at %2…").arg(application.id(), commitId.left(8)), this);
    m_header->setWordWrap(true);
    layout->addWidget(m_header);
    m_onlyThisCommit = new QCheckBox(tr("Revert only this commit (keep the later changes)"), this);
    m_onlyThisCommit->setObjectName(u"onlyThisCommit"_s);
    layout->addWidget(m_onlyThisCommit);
    m_files = new QLabel(this);
    m_files->setObjectName(u"changedFiles"_s);
    m_files->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_files->setWordWrap(true);
    layout->addWidget(m_files);
    auto* form = new QFormLayout;
    m_reason = new QLineEdit(this);
    m_reason->setPlaceholderText(tr("Why this revert (goes into the commit message)"));
    form->addRow(tr("Reason:"), m_reason);
    layout->addLayout(form);
    m_message = new QPlainTextEdit(this);
    m_message->setObjectName(u"commitMessage"_s);
    layout->addWidget(m_message, 1);
    m_push = new QCheckBox(tr("Push to origin"), this);
    m_push->setObjectName(u"pushToOrigin"_s);
    layout->addWidget(m_push);
    m_status = new QLabel(this);
    m_status->setObjectName(u"revertStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    auto* buttons = new QDialogButtonBox(this);
    m_revert = buttons->addButton(tr("Revert"), QDialogButtonBox::AcceptRole);
    m_revert->setObjectName(u"revertButton"_s);
    m_revert->setEnabled(false);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    connect(m_revert, &QPushButton::clicked, this, &RevertDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_onlyThisCommit, &QCheckBox::toggled, this, [this](bool only) {
        m_mode = only ? Mode::RevertCommit : Mode::RestoreFiles;
        regenerateMessage();
        updateFiles();
    });
    connect(m_reason, &QLineEdit::textChanged, this, &RevertDialog::regenerateMessage);
    connect(m_message, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_settingMessage)
            m_messageEdited = true;
    });
    resize(640, 480);

    // libgit2 on a worker with its own handle; only values cross threads.
    QtConcurrent::run(&RevertDialog::readPreview, repositoryPath, application, commitId)
        .then(this, [this](const Result<Preview>& preview) { onPreview(preview); });
}

RevertDialog::~RevertDialog() = default;

Result<RevertDialog::Preview> RevertDialog::readPreview(const QString& repositoryPath,
    const workspace::Application& application, const QString& commitId)
{
    auto repo = git::Repository::open(repositoryPath);
    if (!repo)
        return fail(repo.error());
    Preview p;
    auto head = repo->resolve(u"HEAD"_s);
    if (!head)
        return fail(head.error());
    p.head = *head;
    auto commit = repo->commit(commitId);
    if (!commit)
        return fail(commit.error());
    p.shortId = commit->shortId;
    p.summary = commit->summary;
    auto paths = engine::LiveRevision::inputPaths(*repo, p.head, application);
    if (!paths)
        return fail(paths.error());
    p.paths = *paths;
    p.restoreFiles = filesChanged(*repo, p.head, commit->id, p.paths);
    p.revertFiles = filesChanged(*repo, commit->id, commit->parents.value(0), p.paths);
    QStringList historyPaths = p.paths;
    if (historyPaths.contains(QString()))
        historyPaths.clear();
    if (auto later = repo->history(historyPaths, p.head, 200)) {
        for (const git::CommitInfo& c : std::as_const(*later)) {
            if (c.id == commit->id)
                break;
            p.laterSummaries << c.summary;
        }
    }
    if (auto dirty = repo->uncommittedChanges(historyPaths))
        p.uncommitted = *dirty;
    return p;
}

void RevertDialog::onPreview(const Result<Preview>& preview)
{
    if (!preview) {
        m_header->setText(tr("%1 cannot be reverted to %2: %3")
                              .arg(m_application.id(), m_commitId.left(8), preview.error().toString()));
        Q_EMIT failed(preview.error().toString());
        return;
    }
    m_shortId = preview->shortId;
    m_summary = preview->summary;
    m_paths = preview->paths;
    m_restoreFiles = preview->restoreFiles;
    m_revertFiles = preview->revertFiles;
    m_laterSummaries = preview->laterSummaries;
    m_header->setText(tr("Revert %1 to %2 (%3).").arg(m_application.id(), m_shortId, m_summary));
    if (!preview->uncommitted.isEmpty()) {
        m_status->setText(tr("These files have uncommitted changes; Git refuses to revert over them: %1")
                              .arg(preview->uncommitted.join(u", "_s)));
    }
    m_ready = true;
    regenerateMessage();
    updateFiles();
    Q_EMIT ready();
}

void RevertDialog::updateFiles()
{
    const QStringList files = changedFiles();
    if (!m_ready)
        return;
    if (files.isEmpty()) {
        m_files->setText(tr("No file changes: %1 already matches %2 there.").arg(u"HEAD"_s, m_shortId));
    } else {
        m_files->setText(tr("%n file(s) will change:", nullptr, int(files.size())) + u"\n"_s + files.join(u'\n'));
    }
    m_revert->setEnabled(!files.isEmpty() && !m_busy);
}

void RevertDialog::regenerateMessage()
{
    if (!m_ready || m_messageEdited)
        return;
    // The message goes into the shared history, which is English like the rest of Git's.
    QString text;
    const QString paths = m_paths.contains(QString()) ? u"the whole repository"_s : m_paths.join(u", "_s);
    if (m_mode == Mode::RestoreFiles) {
        text = u"Revert %1 to %2 (%3)\n\nRestores %4 as of %2"_s.arg(m_application.id(), m_shortId, m_summary, paths);
        if (!m_laterSummaries.isEmpty())
            text += u", undoing: "_s + m_laterSummaries.join(u"; "_s);
        text += u'.';
    } else {
        text = u"Revert \"%1\" (%2) in %3\n\nUndoes the changes of %2."_s.arg(m_summary, m_shortId, m_application.id());
    }
    const QString reason = m_reason->text().trimmed();
    if (!reason.isEmpty())
        text += u"\nWhy: "_s + reason;
    m_settingMessage = true;
    m_message->setPlainText(text);
    m_settingMessage = false;
}

RevertDialog::Mode RevertDialog::mode() const
{
    return m_mode;
}

void RevertDialog::setMode(Mode mode)
{
    m_onlyThisCommit->setChecked(mode == Mode::RevertCommit);
}

void RevertDialog::setPush(bool push)
{
    m_push->setChecked(push);
}

void RevertDialog::setReason(const QString& reason)
{
    m_reason->setText(reason);
}

QString RevertDialog::message() const
{
    return m_message->toPlainText();
}

void RevertDialog::setMessage(const QString& message)
{
    m_message->setPlainText(message);
    m_messageEdited = true;
}

QString RevertDialog::resultText() const
{
    return m_status->text();
}

void RevertDialog::start()
{
    if (!m_ready || m_busy)
        return;
    m_busy = true;
    m_revert->setEnabled(false);
    m_status->setText(m_push->isChecked() ? tr("Committing and pushing…") : tr("Committing…"));
    const QString message = this->message();
    QtConcurrent::run(&RevertDialog::run, m_repositoryPath, m_application, m_commitId, m_paths, m_mode,
        m_push->isChecked(), message, m_auditLog)
        .then(this, [this](const Outcome& outcome) { onFinished(outcome); });
}

RevertDialog::Outcome RevertDialog::run(const QString& repositoryPath, const workspace::Application& application,
    const QString& commitId, const QStringList& paths, Mode mode, bool push, const QString& message,
    engine::AuditLog* auditLog)
{
    QElapsedTimer timer;
    timer.start();
    Outcome out;
    engine::AuditEntry entry;
    entry.id = engine::AuditEntry::newId();
    entry.time = QDateTime::currentDateTimeUtc();
    entry.kind = u"revert"_s;
    entry.environment = application.environment;
    entry.applications = {application.id()};
    entry.options = QJsonObject {{u"push"_s, push}, {u"mode"_s, modeName(mode)}, {u"target"_s, commitId}};
    entry.summary = message.section(u'\n', 0, 0);
    auto repo = git::Repository::open(repositoryPath);
    if (!repo) {
        out.error = repo.error().toString();
    } else {
        const git::Signature signature = repo->defaultSignature();
        entry.user = signature.name + u" <"_s + signature.email + u'>';
        const Result<QString> written = mode == Mode::RestoreFiles
            ? repo->restorePaths(commitId, paths, message, signature)
            : repo->revertCommits({commitId}, message, signature);
        if (!written) {
            out.error = written.error().toString();
        } else {
            out.commitId = *written;
            if (push) {
                const Result<void> pushed = repo->push();
                out.pushed = pushed.has_value();
                if (!pushed)
                    out.pushError = pushed.error().toString();
            }
        }
    }
    entry.revision = out.commitId;
    entry.outcome = out.commitId.isEmpty() ? u"failed"_s : u"succeeded"_s;
    entry.error = !out.error.isEmpty() ? out.error : out.pushError;
    QJsonObject options = entry.options;
    options.insert(u"pushed"_s, out.pushed);
    entry.options = options;
    entry.durationMs = timer.elapsed();
    if (auditLog) {
        if (const Result<void> logged = auditLog->append(entry); !logged && out.error.isEmpty())
            out.pushError += (out.pushError.isEmpty() ? QString() : u"\n"_s) + logged.error().toString();
    }
    return out;
}

void RevertDialog::onFinished(const Outcome& outcome)
{
    m_busy = false;
    if (outcome.commitId.isEmpty()) {
        m_status->setText(tr("Nothing was written: %1").arg(outcome.error));
        updateFiles();
        Q_EMIT failed(outcome.error);
        return;
    }
    m_newCommit = outcome.commitId;
    QString text = tr("Committed %1.").arg(outcome.commitId.left(8));
    if (m_push->isChecked()) {
        text += u' '
            + (outcome.pushed ? tr("Pushed to origin.")
                              : tr("The push failed, so the commit stays local: %1").arg(outcome.pushError));
    } else if (!outcome.pushError.isEmpty()) {
        text += u' ' + outcome.pushError;
    }
    m_status->setText(text);
    m_cancel->setText(tr("Close"));
    Q_EMIT reverted(outcome.commitId);
}

} // namespace driftline::gui
