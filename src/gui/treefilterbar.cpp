#include "gui/treefilterbar.h"

#include "gui/drifttreefilter.h"
#include "gui/icons.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace driftline::gui {

namespace {

const QString OnlyOutOfSyncKey = u"environmentTree/onlyOutOfSync"_s;
const QString HealthKey = u"environmentTree/health"_s;

using HealthStatus = engine::Health::Status;

// Stored by these names, not by number or translation, so settings survive either changing.
struct HealthChoice {
    HealthStatus status;
    QString key;
    Icons::Status icon;
};

const QList<HealthChoice>& healthChoices()
{
    static const QList<HealthChoice> choices {
        {HealthStatus::Healthy, u"Healthy"_s, Icons::Status::Ok},
        {HealthStatus::Progressing, u"Progressing"_s, Icons::Status::Pending},
        {HealthStatus::Degraded, u"Degraded"_s, Icons::Status::Error},
        {HealthStatus::Suspended, u"Suspended"_s, Icons::Status::Pending},
        {HealthStatus::Missing, u"Missing"_s, Icons::Status::Error},
        {HealthStatus::Unknown, u"Unknown"_s, Icons::Status::Warning},
    };
    return choices;
}

} // namespace

TreeFilterBar::TreeFilterBar(DriftTreeFilter* filter, QWidget* parent)
    : QWidget(parent)
    , m_filter(filter)
{
    setObjectName(u"treeFilterBar"_s);

    m_text = new QLineEdit(this);
    m_text->setObjectName(u"treeFilter"_s);
    m_text->setPlaceholderText(tr("Filter environments, applications, resources…"));
    m_text->setClearButtonEnabled(true);
    m_text->setToolTip(
        tr("Shows the items whose name or kind contains this text, with everything below them."));

    m_outOfSync = new QToolButton(this);
    m_outOfSync->setObjectName(u"onlyOutOfSyncToggle"_s);
    m_outOfSync->setCheckable(true);
    m_outOfSync->setText(tr("Only out of sync"));
    m_outOfSync->setIcon(Icons::status(Icons::Status::Warning));
    m_outOfSync->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_outOfSync->setToolTip(tr("Shows only resources that are out of sync, missing from the cluster, "
                               "not in Git, or whose state is unknown."));

    m_health = new QComboBox(this);
    m_health->setObjectName(u"healthFilter"_s);
    m_health->setToolTip(tr("Shows only resources of this health."));
    m_health->addItem(tr("Any health"), -1);
    for (const HealthChoice& c : healthChoices())
        m_health->addItem(Icons::status(c.icon), engine::HealthAssessor::statusName(c.status), int(c.status));
    m_health->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    m_count = new QLabel(this);
    m_count->setObjectName(u"filterCount"_s);
    m_count->setForegroundRole(QPalette::PlaceholderText);
    m_count->setToolTip(tr("Resources shown of all the resources in the tree"));

    auto* controls = new QHBoxLayout;
    controls->setContentsMargins(0, 0, 0, 0);
    controls->setSpacing(6);
    controls->addWidget(m_outOfSync);
    controls->addWidget(m_health);
    controls->addStretch(1);
    controls->addWidget(m_count);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_text);
    layout->addLayout(controls);

    // The remembered choices first, then the connections, so restoring saves nothing.
    const QSettings settings;
    m_outOfSync->setChecked(settings.value(OnlyOutOfSyncKey, false).toBool());
    const QString health = settings.value(HealthKey).toString();
    for (const HealthChoice& c : healthChoices()) {
        if (c.key == health)
            m_health->setCurrentIndex(m_health->findData(int(c.status)));
    }
    m_filter->setOnlyOutOfSync(m_outOfSync->isChecked());
    if (const int h = m_health->currentData().toInt(); h >= 0)
        m_filter->setHealthFilter(HealthStatus(h));

    connect(m_text, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_filter->setTextFilter(text);
        Q_EMIT filtersChanged();
    });
    connect(m_outOfSync, &QToolButton::toggled, this, [this](bool on) {
        m_filter->setOnlyOutOfSync(on);
        save();
        Q_EMIT filtersChanged();
    });
    connect(m_health, &QComboBox::currentIndexChanged, this, [this] {
        const int h = m_health->currentData().toInt();
        m_filter->setHealthFilter(h < 0 ? std::nullopt : std::optional(HealthStatus(h)));
        save();
        Q_EMIT filtersChanged();
    });
    connect(m_filter, &DriftTreeFilter::countsChanged, this, &TreeFilterBar::updateCount);
    updateCount();
}

void TreeFilterBar::clear()
{
    m_text->clear();
    m_outOfSync->setChecked(false);
    m_health->setCurrentIndex(0);
}

void TreeFilterBar::updateCount()
{
    const int total = m_filter->totalResources();
    if (m_filter->isFiltering())
        m_count->setText(tr("%1 of %2").arg(m_filter->matchingResources()).arg(total));
    else
        m_count->setText(tr("%n resource(s)", nullptr, total));
}

void TreeFilterBar::save() const
{
    QSettings settings;
    settings.setValue(OnlyOutOfSyncKey, m_outOfSync->isChecked());
    const int h = m_health->currentData().toInt();
    QString key;
    for (const HealthChoice& c : healthChoices()) {
        if (int(c.status) == h)
            key = c.key;
    }
    settings.setValue(HealthKey, key);
}

} // namespace driftline::gui
