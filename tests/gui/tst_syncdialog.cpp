// The sync plan dialog over a plan built from a hand-made drift: its counts and
// groups match the plan, unchecking a resource leaves it out of what Sync runs,
// toggling an option rebuilds the plan on a worker, prunes must be confirmed by
// name, a production environment wants its name typed, and the selected row's
// diff (what will be applied against the live object) shows in the panel.
#include "engine/driftstatus.h"
#include "engine/syncplan.h"
#include "gui/syncdialog.h"
#include "gui/yamldiffview.h"
#include "kube/trackingid.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::engine;
using driftline::gui::SyncDialog;

namespace {

QJsonObject configMap(const QString& name, const QJsonObject& data)
{
    return {{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"ConfigMap"_s},
        {u"metadata"_s, QJsonObject {{u"name"_s, name}, {u"namespace"_s, u"shop"_s}}}, {u"data"_s, data}};
}

ResourceKey keyOf(const QString& name)
{
    return ResourceKey {{}, u"v1"_s, u"ConfigMap"_s, u"shop"_s, name};
}

const kube::ConnectionState Connected {kube::ConnectionState::Status::Connected, {}, u"lab"_s, false};

// Application web in staging: `fresh` is missing in the cluster, `changed` differs,
// `same` is synced, and the cluster tracks `orphan`, which Git no longer has.
struct Fixture {
    workspace::Application app;
    workspace::RenderResult render;
    std::shared_ptr<const kube::LiveSnapshot> live;

    Fixture()
    {
        app.name = u"web"_s;
        app.environment = u"staging"_s;
        const QList<QJsonObject> desired {configMap(u"fresh"_s, {{u"a"_s, u"1"_s}}),
            configMap(u"changed"_s, {{u"a"_s, u"2"_s}}), configMap(u"same"_s, {{u"a"_s, u"3"_s}})};
        QSet<ResourceKey> keys;
        for (const QJsonObject& o : desired) {
            render.resources.append(Resource(kube::LiveSnapshot::keyOf(o), o));
            keys.insert(kube::LiveSnapshot::keyOf(o));
        }
        const QList<QJsonObject> liveObjects {configMap(u"changed"_s, {{u"a"_s, u"old"_s}}),
            configMap(u"same"_s, {{u"a"_s, u"3"_s}}),
            kube::TrackingId::annotated(configMap(u"orphan"_s, {}), u"web"_s, keyOf(u"orphan"_s))};
        kube::LiveSnapshot::Input input;
        for (const QJsonObject& o : liveObjects) {
            const ResourceKey key = kube::LiveSnapshot::keyOf(o);
            input.buckets[key.groupKind()].insert(key, o);
        }
        input.desiredKeys = keys;
        input.complete = true;
        live = kube::LiveSnapshot::build(input);
    }

    SyncPlan plan(const SyncOptions& options) const
    {
        const QList<DriftStatus::ApplicationInput> inputs {{app, &render}};
        const EnvironmentDrift drift = DriftStatus::compute(u"staging"_s, inputs, *live, Connected);
        return SyncPlan::build(u"staging"_s, drift, inputs, *live, {}, options);
    }
};

SyncDialog::Planner plannerOf(const std::shared_ptr<const Fixture>& fixture)
{
    return [fixture](const SyncOptions& options) { return fixture->plan(options); };
}

QStringList childNames(QTreeWidgetItem* group)
{
    QStringList names;
    for (int i = 0; group && i < group->childCount(); ++i)
        names << group->child(i)->text(SyncDialog::ResourceColumn);
    return names;
}

} // namespace

class TestSyncDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsAndGroupsMatchThePlan()
    {
        const auto fixture = std::make_shared<const Fixture>();
        const SyncPlan plan = fixture->plan({});
        QCOMPARE(plan.count(SyncAction::Create), 1);
        QCOMPARE(plan.count(SyncAction::Update), 1);
        QCOMPARE(plan.count(SyncAction::Reapply), 1); // synced ones are applied again
        SyncDialog dialog({u"staging"_s, u"web"_s, false}, plan, plannerOf(fixture));
        QCOMPARE(dialog.windowTitle(), u"Sync staging / web"_s);
        QCOMPARE(dialog.countsText(), u"1 to create · 1 to update · 2 unchanged"_s);
        QCOMPARE(childNames(dialog.groupItem(SyncAction::Create)), QStringList {u"ConfigMap/shop/fresh"_s});
        QCOMPARE(childNames(dialog.groupItem(SyncAction::Update)), QStringList {u"ConfigMap/shop/changed"_s});
        QCOMPARE(childNames(dialog.groupItem(SyncAction::Reapply)), QStringList {u"ConfigMap/shop/same"_s});
        QCOMPARE(childNames(dialog.groupItem(SyncAction::Unchanged)), QStringList {u"ConfigMap/shop/orphan"_s});
        QVERIFY(!dialog.groupItem(SyncAction::Prune));
        QVERIFY(dialog.syncButton()->isEnabled());
        QCOMPARE(dialog.syncButton()->text(), u"Sync"_s);

        // Only out-of-sync: rebuilt on a worker, the synced one moves to "Left alone".
        QSignalSpy rebuilt(&dialog, &SyncDialog::planChanged);
        dialog.onlyOutOfSyncBox()->setChecked(true);
        // (A fast worker may deliver the new plan before setChecked returns.)
        QTRY_COMPARE(rebuilt.count(), 1);
        QVERIFY(!dialog.isPlanning());
        QCOMPARE(dialog.countsText(), u"1 to create · 1 to update · 2 unchanged"_s);
        QCOMPARE(childNames(dialog.groupItem(SyncAction::Update)), QStringList {u"ConfigMap/shop/changed"_s});
        QVERIFY(childNames(dialog.groupItem(SyncAction::Unchanged)).contains(u"ConfigMap/shop/same"_s));
        QVERIFY(dialog.selectedPlan().options.onlyOutOfSync);

        // Dry run changes how, not what: no rebuild, the button says so.
        dialog.dryRunBox()->setChecked(true);
        QVERIFY(!dialog.isPlanning());
        QCOMPARE(dialog.syncButton()->text(), u"Dry Run"_s);
        QVERIFY(dialog.selectedPlan().options.dryRun);
    }

    void uncheckingLeavesAResourceOut()
    {
        const auto fixture = std::make_shared<const Fixture>();
        SyncDialog dialog({u"staging"_s, {}, false}, fixture->plan({}), plannerOf(fixture));
        QCOMPARE(dialog.windowTitle(), u"Sync staging"_s);
        QTreeWidgetItem* fresh = dialog.groupItem(SyncAction::Create)->child(0);
        QCOMPARE(fresh->checkState(SyncDialog::ResourceColumn), Qt::Checked);
        fresh->setCheckState(SyncDialog::ResourceColumn, Qt::Unchecked);
        SyncPlan selected = dialog.selectedPlan();
        QCOMPARE(selected.count(SyncAction::Create), 0);
        QCOMPARE(selected.runCount(), 2);
        QCOMPARE(dialog.countsText(), u"1 to update · 2 unchanged · 1 left out"_s);

        // Left out stays left out when the plan is rebuilt.
        QSignalSpy rebuilt(&dialog, &SyncDialog::planChanged);
        dialog.forceBox()->setChecked(true); // no rebuild
        dialog.onlyOutOfSyncBox()->setChecked(true);
        QTRY_COMPARE(rebuilt.count(), 1);
        QCOMPARE(dialog.groupItem(SyncAction::Create)->child(0)->checkState(SyncDialog::ResourceColumn), Qt::Unchecked);
        selected = dialog.selectedPlan();
        QCOMPARE(selected.runCount(), 1);
        QVERIFY(selected.options.force);

        // Everything unchecked: nothing to sync.
        QVERIFY(dialog.setStepChecked(u"staging/web"_s, keyOf(u"changed"_s), false));
        QVERIFY(!dialog.syncButton()->isEnabled());
        QVERIFY(dialog.setStepChecked(u"staging/web"_s, keyOf(u"fresh"_s), true));
        QVERIFY(dialog.syncButton()->isEnabled());
        QVERIFY(!dialog.setStepChecked(u"staging/web"_s, keyOf(u"nope"_s), true));
    }

    void pruneMustBeConfirmedByName()
    {
        const auto fixture = std::make_shared<const Fixture>();
        SyncDialog dialog({u"staging"_s, u"web"_s, false}, fixture->plan({}), plannerOf(fixture));
        dialog.show(); // visibility of the confirmation is checked
        QVERIFY(!dialog.pruneConfirmation()->isVisible());
        QSignalSpy rebuilt(&dialog, &SyncDialog::planChanged);
        dialog.pruneBox()->setChecked(true);
        QTRY_COMPARE(rebuilt.count(), 1);
        QCOMPARE(childNames(dialog.groupItem(SyncAction::Prune)), QStringList {u"ConfigMap/shop/orphan"_s});
        QVERIFY(dialog.pruneConfirmation()->isVisible());
        QVERIFY(dialog.pruneConfirmation()->text().contains(u"ConfigMap/shop/orphan"_s));
        QVERIFY(!dialog.syncButton()->isEnabled());
        dialog.pruneConfirmation()->setChecked(true);
        QVERIFY(dialog.syncButton()->isEnabled());
        QCOMPARE(dialog.selectedPlan().count(SyncAction::Prune), 1);
        // Leaving the prune out needs no confirmation.
        dialog.pruneConfirmation()->setChecked(false);
        QVERIFY(dialog.setStepChecked(u"staging/web"_s, keyOf(u"orphan"_s), false));
        QVERIFY(!dialog.pruneConfirmation()->isVisible());
        QVERIFY(dialog.syncButton()->isEnabled());
    }

    void productionWantsItsNameTyped()
    {
        const auto fixture = std::make_shared<const Fixture>();
        SyncDialog dialog({u"staging"_s, u"web"_s, true}, fixture->plan({}), plannerOf(fixture));
        QVERIFY(!dialog.syncButton()->isEnabled());
        dialog.confirmationEdit()->setText(u"stagin"_s);
        QVERIFY(!dialog.syncButton()->isEnabled());
        dialog.confirmationEdit()->setText(u"staging"_s);
        QVERIFY(dialog.syncButton()->isEnabled());
    }

    void aFixedPlanKeepsItsSteps()
    {
        const auto fixture = std::make_shared<const Fixture>();
        SyncDialog dialog({u"staging"_s, u"web"_s, false}, fixture->plan({}), {});
        QVERIFY(!dialog.pruneBox()->isEnabled());
        QVERIFY(!dialog.onlyOutOfSyncBox()->isEnabled());
        dialog.dryRunBox()->setChecked(true);
        QVERIFY(dialog.selectedPlan().options.dryRun);
        QCOMPARE(dialog.selectedPlan().runCount(), 3);
    }

    void selectedRowShowsItsDiff()
    {
        const auto fixture = std::make_shared<const Fixture>();
        const SyncPlan plan = fixture->plan({});
        SyncDialog dialog({u"staging"_s, u"web"_s, false}, plan, plannerOf(fixture));
        QTreeWidgetItem* group = dialog.groupItem(SyncAction::Update);
        QTreeWidgetItem* changed = nullptr;
        for (int i = 0; i < group->childCount(); ++i) {
            if (group->child(i)->text(SyncDialog::ResourceColumn) == u"ConfigMap/shop/changed"_s)
                changed = group->child(i);
        }
        QVERIFY(changed);
        dialog.planTree()->setCurrentItem(changed);
        const gui::YamlDiffView::Item* item = dialog.diffView()->currentItem();
        QVERIFY(item);
        QCOMPARE(item->key.name, u"changed"_s);
        const SyncStep& step = plan.steps.at(changed->data(SyncDialog::ResourceColumn, SyncDialog::StepIndexRole).toInt());
        QCOMPARE(item->request.left, step.manifest);
        QCOMPARE(item->request.right.value(u"data"_s).toObject().value(u"a"_s).toString(), u"old"_s);
        QTRY_VERIFY(!dialog.diffView()->isComputing());
    }
};

QTEST_MAIN(TestSyncDialog)
#include "tst_syncdialog.moc"
