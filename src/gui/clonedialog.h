// Clones a repository into the user's cache folder on a worker thread, with
// progress from libgit2 and a Cancel button that stops the transfer.
#pragma once

#include "core/error.h"

#include <QDialog>
#include <QFutureWatcher>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace driftline::gui {

class CloneDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CloneDialog(QWidget* parent = nullptr);
    ~CloneDialog() override;

    // <user cache>/driftline/clones/<name from the URL>
    static QString defaultDestination(const QString& url);
    // "https://host/org/shop.git" -> "shop"; also scp-like "git@host:org/shop.git".
    static QString repositoryName(const QString& url);

    void setUrl(const QString& url);
    void setDestination(const QString& destination);
    void startClone();
    bool isCloning() const;
    QString clonedPath() const { return m_clonedPath; }
    QString errorText() const;

Q_SIGNALS:
    void cloned(const QString& repositoryPath);

public Q_SLOTS:
    void reject() override;

private:
    void onFinished();
    void updateButtons();

    QLineEdit* m_url = nullptr;
    QLineEdit* m_destination = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_cloneButton = nullptr;
    QFutureWatcher<Result<QString>> m_watcher;
    QString m_clonedPath;
    bool m_destinationEdited = false;
    bool m_cancelling = false;
    bool m_running = false;
};

} // namespace driftline::gui
