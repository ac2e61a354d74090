#include "gui/welcomepage.h"

#include "gui/icons.h"

#include <QApplication>
#include <QCommandLinkButton>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace driftline::gui {

WelcomePage::WelcomePage(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(u"welcomePage"_s);
    auto* outer = new QHBoxLayout(this);
    outer->addStretch(1);

    auto* content = new QWidget(this);
    content->setMaximumWidth(900);
    auto* columns = new QHBoxLayout(content);
    columns->setSpacing(40);

    auto* left = new QVBoxLayout;
    left->setSpacing(10);
    left->addStretch(1);
    auto* header = new QHBoxLayout;
    header->setSpacing(14);
    auto* logo = new QLabel(content);
    logo->setPixmap(Icons::appIcon().pixmap(64, 64));
    header->addWidget(logo);
    auto* titles = new QVBoxLayout;
    auto* title = new QLabel(tr("Driftline"), content);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 2.2);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);
    titles->addWidget(title);
    auto* tagline = new QLabel(tr("See what your GitOps repository deploys, environment by environment."), content);
    tagline->setWordWrap(true);
    tagline->setForegroundRole(QPalette::PlaceholderText);
    titles->addWidget(tagline);
    header->addLayout(titles, 1);
    left->addLayout(header);
    left->addSpacing(18);

    auto* open = new QCommandLinkButton(tr("Open repository…"),
                                        tr("A local Git working copy with Kubernetes manifests."), content);
    open->setObjectName(u"openButton"_s);
    auto* clone = new QCommandLinkButton(tr("Clone…"), tr("Clone a repository from a URL, then open it."), content);
    clone->setObjectName(u"cloneButton"_s);
    auto* demo = new QCommandLinkButton(tr("Try the demo"),
                                        tr("A small shop with staging and production, four applications and a history."),
                                        content);
    demo->setObjectName(u"demoButton"_s);
    for (auto* b : {open, clone, demo}) {
        b->setMinimumWidth(340);
        left->addWidget(b);
    }
    left->addStretch(2);
    columns->addLayout(left, 1);

    auto* right = new QVBoxLayout;
    right->addStretch(1);
    auto* recentTitle = new QLabel(tr("Recent workspaces"), content);
    QFont sectionFont = recentTitle->font();
    sectionFont.setWeight(QFont::DemiBold);
    recentTitle->setFont(sectionFont);
    right->addWidget(recentTitle);
    m_recent = new QListWidget(content);
    m_recent->setObjectName(u"recentList"_s);
    m_recent->setMinimumSize(340, 260);
    m_recent->setIconSize(QSize(24, 24));
    m_recent->setSpacing(2);
    right->addWidget(m_recent);
    right->addStretch(2);
    columns->addLayout(right, 1);

    outer->addWidget(content, 3);
    outer->addStretch(1);

    connect(open, &QAbstractButton::clicked, this, &WelcomePage::openRequested);
    connect(clone, &QAbstractButton::clicked, this, &WelcomePage::cloneRequested);
    connect(demo, &QAbstractButton::clicked, this, &WelcomePage::demoRequested);
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        const QString path = item->data(PathRole).toString();
        if (!path.isEmpty() && QFileInfo(path).isDir())
            Q_EMIT recentRequested(path);
    });
}

void WelcomePage::setRecentWorkspaces(const QStringList& paths)
{
    m_recent->clear();
    const QIcon folder = style()->standardIcon(QStyle::SP_DirIcon);
    for (const QString& path : paths) {
        const QFileInfo info(path);
        auto* item = new QListWidgetItem(folder, info.fileName() + u'\n' + QDir::toNativeSeparators(path), m_recent);
        item->setData(PathRole, path);
        if (info.isDir()) {
            item->setToolTip(QDir::toNativeSeparators(path));
        } else {
            // Kept in the list (it may be on a drive that is not mounted) but clearly unavailable.
            item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
            item->setToolTip(tr("%1 no longer exists.").arg(QDir::toNativeSeparators(path)));
        }
    }
    if (paths.isEmpty()) {
        auto* item = new QListWidgetItem(tr("No recent workspaces yet."), m_recent);
        item->setFlags(Qt::NoItemFlags);
    }
}

} // namespace driftline::gui
