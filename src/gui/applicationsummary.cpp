#include "gui/applicationsummary.h"

#include "gui/clusterconnections.h"
#include "gui/icons.h"
#include "workspace/workspaceloader.h"

#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMap>
#include <QScrollArea>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace driftline::gui {

using workspace::Application;
using workspace::Environment;
using workspace::RenderResult;
using workspace::Workspace;

namespace {

QLabel* valueLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

// The status of an application as one word or phrase plus its icon.
std::pair<Icons::Status, QString> renderStatus(const RenderResult* result)
{
    if (!result)
        return {Icons::Status::Pending, ApplicationSummary::tr("Rendering…")};
    const int count = int(result->resources.size());
    if (!result->errors.isEmpty() && count == 0)
        return {Icons::Status::Error, ApplicationSummary::tr("Failed to render")};
    if (!result->errors.isEmpty())
        return {Icons::Status::Warning, ApplicationSummary::tr("%n resource(s), with problems", nullptr, count)};
    return {Icons::Status::Ok, ApplicationSummary::tr("%n resource(s)", nullptr, count)};
}

QWidget* statusBadge(Icons::Status status, const QString& text, QWidget* parent)
{
    auto* badge = new QWidget(parent);
    auto* l = new QHBoxLayout(badge);
    l->setContentsMargins(0, 0, 0, 0);
    l->setSpacing(5);
    auto* icon = new QLabel(badge);
    icon->setPixmap(Icons::status(status).pixmap(14, 14));
    auto* label = new QLabel(text, badge);
    l->addWidget(icon);
    l->addWidget(label);
    return badge;
}

} // namespace

ApplicationSummary::ApplicationSummary(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setBackgroundRole(QPalette::Base);
    layout->addWidget(m_scroll);
    showWorkspace();
}

void ApplicationSummary::setLoader(workspace::WorkspaceLoader* loader)
{
    m_loader = loader;
    showWorkspace();
}

void ApplicationSummary::setClusters(ClusterConnections* clusters)
{
    if (m_clusters)
        m_clusters->disconnect(this);
    m_clusters = clusters;
    if (!clusters)
        return;
    const auto refreshEnvironment = [this](const QString& environment) {
        if (m_subject == Subject::Environment && m_subjectId == environment)
            refresh();
    };
    connect(clusters, &ClusterConnections::connectionStateChanged, this,
        [refreshEnvironment](const QString& environment) { refreshEnvironment(environment); });
    connect(clusters, &ClusterConnections::snapshotChanged, this,
        [refreshEnvironment](const QString& environment) { refreshEnvironment(environment); });
}

QWidget* ApplicationSummary::beginPage(const QIcon& icon, const QString& title, const QString& subtitle,
                                       QVBoxLayout** layout)
{
    auto* page = new QWidget;
    page->setObjectName(u"summaryPage"_s);
    page->setBackgroundRole(QPalette::Base);
    auto* l = new QVBoxLayout(page);
    l->setContentsMargins(24, 16, 24, 16);
    l->setSpacing(8);

    auto* header = new QHBoxLayout;
    header->setSpacing(14);
    auto* iconLabel = new QLabel(page);
    iconLabel->setPixmap(icon.pixmap(40, 40));
    iconLabel->setAlignment(Qt::AlignTop);
    header->addWidget(iconLabel);
    auto* titles = new QVBoxLayout;
    titles->setSpacing(2);
    auto* titleLabel = valueLabel(title, page);
    QFont titleFont = titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setWeight(QFont::DemiBold);
    titleLabel->setFont(titleFont);
    titles->addWidget(titleLabel);
    auto* subtitleLabel = valueLabel(subtitle, page);
    subtitleLabel->setForegroundRole(QPalette::PlaceholderText);
    titles->addWidget(subtitleLabel);
    header->addLayout(titles, 1);
    l->addLayout(header);
    *layout = l;
    return page;
}

QFormLayout* ApplicationSummary::addForm(QVBoxLayout* layout)
{
    auto* form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    form->setFormAlignment(Qt::AlignLeft | Qt::AlignTop);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setHorizontalSpacing(16);
    form->setVerticalSpacing(4);
    layout->addLayout(form);
    return form;
}

void ApplicationSummary::addSection(QVBoxLayout* layout, const QString& title)
{
    layout->addSpacing(4);
    auto* line = new QFrame;
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    layout->addWidget(line);
    auto* label = new QLabel(title);
    QFont f = label->font();
    f.setWeight(QFont::DemiBold);
    f.setPointSizeF(f.pointSizeF() * 1.1);
    label->setFont(f);
    layout->addWidget(label);
}

void ApplicationSummary::addRow(QFormLayout* form, const QString& label, const QString& value, bool monospace)
{
    auto* name = new QLabel(label);
    name->setForegroundRole(QPalette::PlaceholderText);
    auto* v = valueLabel(value, nullptr);
    if (monospace)
        v->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    form->addRow(name, v);
}

// The context the environment is mapped to (Workspace ▸ Clusters…), its server
// and how the connection is doing, as ClusterConnections read them off the UI thread.
void ApplicationSummary::addClusterRows(QFormLayout* form, const Environment& env)
{
    if (!m_clusters)
        return;
    const ClusterConnections::ClusterInfo info = m_clusters->info(env.name);
    if (!info.known) {
        addRow(form, tr("Cluster context"), env.context.isEmpty() ? tr("the current kubeconfig context") : env.context);
        addRow(form, tr("Connection"), m_clusters->state(env.name).text());
        return;
    }
    addRow(form, tr("Cluster context"),
        info.context.isEmpty()        ? tr("(none)")
            : info.contextNote.isEmpty() ? info.context
                                         : tr("%1 (%2)").arg(info.context, info.contextNote));
    if (!info.server.isEmpty())
        addRow(form, tr("Cluster server"),
            info.insecure ? tr("%1 (TLS verification is off)").arg(info.server) : info.server, true);
    if (env.namespace_.isEmpty() && !info.contextNamespace.isEmpty())
        addRow(form, tr("Context namespace"), info.contextNamespace);
    const kube::ConnectionState state = m_clusters->state(env.name);
    addRow(form, tr("Connection"), state.reason.isEmpty() ? state.text() : tr("%1: %2").arg(state.text(), state.reason));
    if (const auto snapshot = m_clusters->snapshot(env.name); snapshot->size() > 0 || snapshot->isComplete())
        addRow(form, tr("Live objects"), tr("%n object(s) belong to this environment", nullptr, snapshot->size()));
}

void ApplicationSummary::finishPage(QWidget* page, QVBoxLayout* layout)
{
    layout->addStretch(1);
    delete m_scroll->takeWidget();
    m_scroll->setWidget(page);
}

void ApplicationSummary::showWorkspace()
{
    m_subject = Subject::Workspace;
    m_subjectId.clear();
    QVBoxLayout* layout = nullptr;
    if (!m_loader || m_loader->workspace().repositoryPath.isEmpty()) {
        QWidget* page = beginPage(Icons::appIcon(), tr("No workspace"),
                                  tr("Open a GitOps repository to see its environments and applications."), &layout);
        finishPage(page, layout);
        return;
    }
    const Workspace& ws = m_loader->workspace();
    const QFileInfo info(ws.repositoryPath);
    QWidget* page = beginPage(Icons::appIcon(), info.fileName(), ws.repositoryPath, &layout);
    QFormLayout* form = addForm(layout);
    addRow(form, tr("Branch"), ws.branch.isEmpty() ? tr("(detached HEAD)") : ws.branch);
    addRow(form, tr("Revision"), ws.commitId.left(8), true);
    addRow(form, tr("Definition"),
           ws.definitionFile.isEmpty() ? tr("discovered from the repository layout") : ws.definitionFile);
    addRow(form, tr("Environments"), QLocale().toString(ws.environments.size()));
    addRow(form, tr("Applications"), QLocale().toString(ws.applications.size()));
    if (!ws.errors.isEmpty())
        addRow(form, tr("Problems"), tr("%n problem(s) in the workspace definition", nullptr, int(ws.errors.size())));
    layout->addSpacing(12);
    auto* hint = new QLabel(tr("Select an environment, an application or a resource in the tree."));
    hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(hint);
    finishPage(page, layout);
}

void ApplicationSummary::showEnvironment(const QString& name)
{
    if (!m_loader)
        return showWorkspace();
    m_subject = Subject::Environment;
    m_subjectId = name;
    const Workspace& ws = m_loader->workspace();
    Environment env;
    if (const Environment* e = ws.environment(name))
        env = *e;
    else
        env.name = name;

    const QList<Application> apps = ws.applicationsIn(name);
    QVBoxLayout* layout = nullptr;
    QWidget* page = beginPage(Icons::environment(env.production), env.name,
                              env.production ? tr("Production environment · %n application(s)", nullptr, int(apps.size()))
                                             : tr("Environment · %n application(s)", nullptr, int(apps.size())),
                              &layout);
    QFormLayout* form = addForm(layout);
    addClusterRows(form, env);
    addRow(form, tr("Namespace"), env.namespace_.isEmpty() ? tr("(none)") : env.namespace_);
    addRow(form, tr("Revision"),
           env.revision.isEmpty() ? tr("%1 (the workspace revision)").arg(ws.commitId.left(8)) : env.revision);

    addSection(layout, tr("Applications"));
    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(18);
    grid->setVerticalSpacing(8);
    int row = 0;
    for (const Application& app : apps) {
        auto* icon = new QLabel;
        icon->setPixmap(Icons::application().pixmap(16, 16));
        grid->addWidget(icon, row, 0);
        auto* nameLabel = valueLabel(app.name, nullptr);
        QFont bold = nameLabel->font();
        bold.setWeight(QFont::DemiBold);
        nameLabel->setFont(bold);
        grid->addWidget(nameLabel, row, 1);
        auto* path = valueLabel(app.path, nullptr);
        path->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        grid->addWidget(path, row, 2);
        auto* rule = valueLabel(workspace::ruleName(app.rule), nullptr);
        rule->setForegroundRole(QPalette::PlaceholderText);
        rule->setWordWrap(false);
        nameLabel->setWordWrap(false);
        grid->addWidget(rule, row, 3);
        const auto [status, text] = renderStatus(m_loader->result(app.id()));
        grid->addWidget(statusBadge(status, text, nullptr), row, 4);
        ++row;
    }
    grid->setColumnStretch(2, 1);
    layout->addLayout(grid);
    finishPage(page, layout);
}

void ApplicationSummary::showApplication(const QString& applicationId)
{
    if (!m_loader)
        return showWorkspace();
    const Workspace& ws = m_loader->workspace();
    const auto it = std::find_if(ws.applications.cbegin(), ws.applications.cend(),
                                 [&](const Application& a) { return a.id() == applicationId; });
    if (it == ws.applications.cend())
        return showWorkspace();
    m_subject = Subject::Application;
    m_subjectId = applicationId;
    const Application& app = *it;
    const RenderResult* result = m_loader->result(applicationId);

    QVBoxLayout* layout = nullptr;
    QWidget* page = beginPage(Icons::application(), app.name, tr("Application in %1").arg(app.environment), &layout);
    const auto [status, statusText] = renderStatus(result);
    layout->addWidget(statusBadge(status, statusText, page), 0, Qt::AlignLeft);

    QFormLayout* form = addForm(layout);
    addRow(form, tr("Environment"), app.environment);
    addRow(form, tr("Path"), app.path, true);
    addRow(form, tr("Found by"), tr("%1 — %2").arg(workspace::ruleName(app.rule), app.origin));
    if (!app.namespace_.isEmpty())
        addRow(form, tr("Namespace"), app.namespace_);
    if (!app.revision.isEmpty())
        addRow(form, tr("Revision"), app.revision);
    if (result) {
        addRow(form, tr("Renderer"), result->fromCache ? tr("%1 (from the render cache)").arg(result->renderer)
                                                       : result->renderer);
        addRow(form, tr("Render time"),
               result->elapsedMs < 1000 ? tr("%1 ms").arg(result->elapsedMs)
                                        : tr("%1 s").arg(QLocale().toString(result->elapsedMs / 1000.0, 'f', 1)));
    }

    if (result && !result->resources.isEmpty()) {
        QMap<QString, int> byKind;
        for (const Resource& r : result->resources)
            ++byKind[r.kind()];
        addSection(layout, tr("Resources (%1)").arg(QLocale().toString(result->resources.size())));
        auto* grid = new QGridLayout;
        grid->setHorizontalSpacing(22);
        grid->setVerticalSpacing(8);
        constexpr int Columns = 3;
        int i = 0;
        for (auto k = byKind.cbegin(); k != byKind.cend(); ++k, ++i) {
            auto* cell = new QWidget;
            auto* l = new QHBoxLayout(cell);
            l->setContentsMargins(0, 0, 0, 0);
            l->setSpacing(6);
            auto* icon = new QLabel;
            icon->setPixmap(Icons::kind(k.key()).pixmap(16, 16));
            auto* count = new QLabel(QLocale().toString(k.value()));
            QFont bold = count->font();
            bold.setWeight(QFont::DemiBold);
            count->setFont(bold);
            l->addWidget(icon);
            l->addWidget(count);
            l->addWidget(new QLabel(k.key()), 1);
            grid->addWidget(cell, i / Columns, i % Columns);
        }
        for (int c = 0; c < Columns; ++c)
            grid->setColumnStretch(c, 1);
        layout->addLayout(grid);
    }

    if (result && !result->errors.isEmpty()) {
        addSection(layout, tr("Problems (%1)").arg(result->errors.size()));
        for (const Error& error : result->errors) {
            auto* frame = new QFrame;
            frame->setFrameShape(QFrame::StyledPanel);
            frame->setAutoFillBackground(true);
            QPalette p = frame->palette();
            const QColor red = Icons::statusColor(Icons::Status::Error);
            QColor tint = p.color(QPalette::Base);
            tint = QColor::fromRgbF(tint.redF() * 0.9 + red.redF() * 0.1, tint.greenF() * 0.9 + red.greenF() * 0.1,
                                    tint.blueF() * 0.9 + red.blueF() * 0.1);
            p.setColor(QPalette::Window, tint);
            frame->setPalette(p);
            auto* l = new QHBoxLayout(frame);
            l->setContentsMargins(10, 8, 10, 8);
            auto* icon = new QLabel;
            icon->setPixmap(Icons::status(Icons::Status::Error).pixmap(16, 16));
            icon->setAlignment(Qt::AlignTop);
            l->addWidget(icon);
            auto* text = valueLabel(error.toString(), nullptr);
            text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
            l->addWidget(text, 1);
            layout->addWidget(frame);
        }
    }
    finishPage(page, layout);
}

void ApplicationSummary::refresh()
{
    switch (m_subject) {
    case Subject::Workspace:
        return showWorkspace();
    case Subject::Environment:
        return showEnvironment(m_subjectId);
    case Subject::Application:
        return showApplication(m_subjectId);
    }
}

QString ApplicationSummary::plainText() const
{
    QStringList lines;
    if (QWidget* page = m_scroll->widget()) {
        const auto labels = page->findChildren<QLabel*>();
        for (const QLabel* label : labels) {
            if (!label->text().isEmpty())
                lines << label->text();
        }
    }
    return lines.join(u'\n');
}

} // namespace driftline::gui
