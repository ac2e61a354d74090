#include "gui/clonedialog.h"

#include "git/repository.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

namespace driftline::gui {

namespace {

// Runs on a worker thread: nothing here may touch the dialog.
void cloneRepository(QPromise<Result<QString>>& promise, const QString& url, const QString& destination)
{
    git::GitLibrary::ensureInitialized();
    const QDir dir(destination);
    if (dir.exists() && !dir.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)) {
        promise.addResult(fail(Error::make(Error::Code::InvalidInput,
                                           QCoreApplication::translate("driftline::gui::CloneDialog",
                                                                       "The folder %1 already exists and is not empty.")
                                               .arg(QDir::toNativeSeparators(destination)))));
        return;
    }
    promise.setProgressRange(0, 1000);
    auto onProgress = [&promise](const git::TransferProgress& p) {
        if (promise.isCanceled())
            return false;
        // Receiving objects is the first half of the bar, resolving deltas the second.
        int value = 0;
        if (p.totalObjects > 0)
            value = int(500 * p.receivedObjects / p.totalObjects);
        if (p.totalDeltas > 0)
            value = 500 + int(500 * p.indexedDeltas / p.totalDeltas);
        promise.setProgressValueAndText(value, p.phase);
        return true;
    };
    Result<git::Repository> repo = git::Repository::clone(url, destination, onProgress);
    if (!repo) {
        promise.addResult(fail(repo.error()));
        return;
    }
    promise.addResult(repo->isBare() ? repo->gitDir() : repo->workdir());
}

} // namespace

CloneDialog::CloneDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Clone Repository"));
    setMinimumWidth(560);
    auto* layout = new QVBoxLayout(this);

    auto* form = new QFormLayout;
    m_url = new QLineEdit(this);
    m_url->setObjectName(u"cloneUrl"_s);
    m_url->setPlaceholderText(tr("https://example.com/org/gitops.git or git@host:org/gitops.git"));
    m_url->setClearButtonEnabled(true);
    form->addRow(tr("&URL:"), m_url);

    auto* destRow = new QHBoxLayout;
    m_destination = new QLineEdit(this);
    m_destination->setObjectName(u"cloneDestination"_s);
    auto* browse = new QToolButton(this);
    browse->setText(tr("Browse…"));
    destRow->addWidget(m_destination, 1);
    destRow->addWidget(browse);
    form->addRow(tr("&Destination:"), destRow);
    layout->addLayout(form);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setVisible(false);
    layout->addWidget(m_progress);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_cloneButton = m_buttons->addButton(tr("Clone"), QDialogButtonBox::AcceptRole);
    m_cloneButton->setDefault(true);
    layout->addWidget(m_buttons);

    connect(m_url, &QLineEdit::textChanged, this, [this](const QString& url) {
        if (!m_destinationEdited)
            m_destination->setText(defaultDestination(url));
        updateButtons();
    });
    connect(m_destination, &QLineEdit::textEdited, this, [this] { m_destinationEdited = true; });
    connect(m_destination, &QLineEdit::textChanged, this, &CloneDialog::updateButtons);
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Clone Into"), m_destination->text());
        if (!dir.isEmpty()) {
            m_destinationEdited = true;
            m_destination->setText(QDir(dir).filePath(repositoryName(m_url->text())));
        }
    });
    connect(m_cloneButton, &QPushButton::clicked, this, &CloneDialog::startClone);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CloneDialog::reject);

    connect(&m_watcher, &QFutureWatcherBase::progressValueChanged, m_progress, &QProgressBar::setValue);
    connect(&m_watcher, &QFutureWatcherBase::progressTextChanged, this, [this](const QString& text) {
        if (!text.isEmpty() && !m_cancelling)
            m_status->setText(text);
    });
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &CloneDialog::onFinished);
    updateButtons();
}

CloneDialog::~CloneDialog()
{
    // A clone still running finishes on its own; its result is simply dropped.
    if (m_watcher.isRunning())
        m_watcher.future().cancel();
}

QString CloneDialog::repositoryName(const QString& url)
{
    QString u = url.trimmed();
    while (u.endsWith(u'/'))
        u.chop(1);
    if (u.endsWith(u".git"_s))
        u.chop(4);
    const qsizetype cut = qMax(u.lastIndexOf(u'/'), u.lastIndexOf(u':'));
    QString name = u.mid(cut + 1);
    name.replace(QRegularExpression(u"[^A-Za-z0-9._-]"_s), u"_"_s);
    return name.isEmpty() || name == u"." || name == u".." ? u"repository"_s : name;
}

QString CloneDialog::defaultDestination(const QString& url)
{
    const QString cache = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    return QDir(cache).filePath(u"driftline/clones/"_s + repositoryName(url));
}

void CloneDialog::setUrl(const QString& url)
{
    m_url->setText(url);
}

void CloneDialog::setDestination(const QString& destination)
{
    m_destinationEdited = true;
    m_destination->setText(destination);
}

// Until onFinished has run, not merely until the worker is done: the result is only shown then.
bool CloneDialog::isCloning() const
{
    return m_running;
}

QString CloneDialog::errorText() const
{
    return m_status->text();
}

void CloneDialog::updateButtons()
{
    const bool running = isCloning();
    m_cloneButton->setEnabled(!running && !m_url->text().trimmed().isEmpty()
                              && !m_destination->text().trimmed().isEmpty());
    m_url->setEnabled(!running);
    m_destination->setEnabled(!running);
}

void CloneDialog::startClone()
{
    if (isCloning())
        return;
    const QString url = m_url->text().trimmed();
    const QString destination = QDir::cleanPath(m_destination->text().trimmed());
    if (url.isEmpty() || destination.isEmpty())
        return;
    m_cancelling = false;
    m_clonedPath.clear();
    m_status->setText(tr("Connecting…"));
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_running = true;
    m_watcher.setFuture(QtConcurrent::run(cloneRepository, url, destination));
    updateButtons();
}

void CloneDialog::reject()
{
    if (isCloning()) {
        // The transfer stops at its next progress callback; onFinished closes the dialog.
        m_cancelling = true;
        m_status->setText(tr("Cancelling…"));
        m_watcher.future().cancel();
        return;
    }
    QDialog::reject();
}

void CloneDialog::onFinished()
{
    const QFuture<Result<QString>> future = m_watcher.future();
    const bool cancelled = m_cancelling;
    m_cancelling = false;
    m_running = false;
    m_progress->setVisible(false);
    updateButtons();
    if (cancelled) {
        QDialog::reject();
        return;
    }
    if (future.resultCount() == 0) {
        m_status->setText(tr("The clone stopped without a result."));
        return;
    }
    const Result<QString> result = future.result();
    if (!result) {
        m_status->setText(tr("Could not clone: %1").arg(result.error().toString()));
        return;
    }
    m_clonedPath = *result;
    m_status->setText(tr("Cloned into %1.").arg(QDir::toNativeSeparators(m_clonedPath)));
    Q_EMIT cloned(m_clonedPath);
    accept();
}

} // namespace driftline::gui
