<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>StorePersistence</name>
    <message numerus="yes">
        <location filename="../src/sandbox/storepersistence.cpp" line="79"/>
        <source>%1: %n object(s) of kind %2: not served by the sandbox</source>
        <translation>
            <numerusform>%1: %n object of kind %2: not served by the sandbox</numerusform>
            <numerusform>%1: %n objects of kind %2: not served by the sandbox</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>driftline::cli::Cli</name>
    <message numerus="yes">
        <location filename="../src/cli/cli.cpp" line="382"/>
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/cli.cpp" line="556"/>
        <source>driftline sandbox: restored %n object(s) from %1</source>
        <translation>
            <numerusform>driftline sandbox: restored %n object from %1</numerusform>
            <numerusform>driftline sandbox: restored %n objects from %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/cli.cpp" line="567"/>
        <source>driftline sandbox: loaded %n object(s) from %1</source>
        <translation>
            <numerusform>driftline sandbox: loaded %n object from %1</numerusform>
            <numerusform>driftline sandbox: loaded %n objects from %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/cli.cpp" line="571"/>
        <source>driftline sandbox: %n object(s) could not be loaded:</source>
        <translation>
            <numerusform>driftline sandbox: %n object could not be loaded:</numerusform>
            <numerusform>driftline sandbox: %n objects could not be loaded:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/cli.cpp" line="645"/>
        <source>Applied %n object(s) from revision %1.</source>
        <translation>
            <numerusform>Applied %n object from revision %1.</numerusform>
            <numerusform>Applied %n objects from revision %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/cli.cpp" line="1512"/>
        <source>%n extraneous resource(s) left in place (pass --prune to delete them).</source>
        <translation>
            <numerusform>%n extraneous resource left in place (pass --prune to delete it).</numerusform>
            <numerusform>%n extraneous resources left in place (pass --prune to delete them).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/cli.cpp" line="2102"/>
        <source>driftline audit: %n torn or unreadable line(s) in %1 skipped.</source>
        <translation>
            <numerusform>driftline audit: %n torn or unreadable line in %1 skipped.</numerusform>
            <numerusform>driftline audit: %n torn or unreadable lines in %1 skipped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>driftline::engine::LiveRevision</name>
    <message numerus="yes">
        <location filename="../src/engine/liverevision.cpp" line="21"/>
        <source>live ≈ %1, %n resource(s) differ</source>
        <translation>
            <numerusform>live ≈ %1, %n resource differs</numerusform>
            <numerusform>live ≈ %1, %n resources differ</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>driftline::engine::ResourceDiff</name>
    <message numerus="yes">
        <location filename="../src/engine/resourcediff.cpp" line="109"/>
        <source>{%n keys}</source>
        <translation>
            <numerusform>{%n key}</numerusform>
            <numerusform>{%n keys}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/engine/resourcediff.cpp" line="110"/>
        <source>[%n items]</source>
        <translation>
            <numerusform>[%n item]</numerusform>
            <numerusform>[%n items]</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>driftline::git::Repository</name>
    <message numerus="yes">
        <location filename="../src/git/repository.cpp" line="828"/>
        <source> and %n more</source>
        <translation>
            <numerusform> and %n more</numerusform>
            <numerusform> and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>driftline::gui::ActivityPanel</name>
    <message numerus="yes">
        <location filename="../src/gui/activitypanel.cpp" line="166"/>
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/activitypanel.cpp" line="187"/>
        <location filename="../src/gui/activitypanel.cpp" line="205"/>
        <source>Loading %1 of %n application(s)…</source>
        <translation>
            <numerusform>Loading %1 of %n application…</numerusform>
            <numerusform>Loading %1 of %n applications…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/activitypanel.cpp" line="211"/>
        <source>Loaded %n application(s) in %1 s</source>
        <translation>
            <numerusform>Loaded %n application in %1 s</numerusform>
            <numerusform>Loaded %n applications in %1 s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>driftline::gui::ApplicationSummary</name>
    <message numerus="yes">
        <location filename="../src/gui/applicationsummary.cpp" line="48"/>
        <source>%n resource(s), with problems</source>
        <translation>
            <numerusform>%n resource, with problems</numerusform>
            <numerusform>%n resources, with problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/applicationsummary.cpp" line="49"/>
        <source>%n resource(s)</source>
        <translation>
            <numerusform>%n resource</numerusform>
            <numerusform>%n resources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/applicationsummary.cpp" line="198"/>
        <source>%n object(s) belong to this environment</source>
        <translation>
            <numerusform>%n object belongs to this environment</numerusform>
            <numerusform>%n objects belong to this environment</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/applicationsummary.cpp" line="230"/>
        <source>%n problem(s) in the workspace definition</source>
        <translation>
            <numerusform>%n problem in the workspace definition</numerusform>
            <numerusform>%n problems in the workspace definition</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/applicationsummary.cpp" line="254"/>
        <source>Production environment · %n application(s)</source>
        <translation>
            <numerusform>Production environment · %n application</numerusform>
            <numerusform>Production environment · %n applications</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/applicationsummary.cpp" line="255"/>
        <source>Environment · %n application(s)</source>
        <translation>
            <numerusform>Environment · %n application</numerusform>
            <numerusform>Environment · %n applications</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>driftline::gui::AuditView</name>
    <message numerus="yes">
        <location filename="../src/gui/auditview.cpp" line="104"/>
        <source>%n created</source>
        <translation>
            <numerusform>%n created</numerusform>
            <numerusform>%n created</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/auditview.cpp" line="106"/>
        <source>%n configured</source>
        <translation>
            <numerusform>%n configured</numerusform>
            <numerusform>%n configured</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/auditview.cpp" line="108"/>
        <source>%n unchanged</source>
        <translation>
            <numerusform>%n unchanged</numerusform>
            <numerusform>%n unchanged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/auditview.cpp" line="110"/>
        <source>%n pruned</source>
        <translation>
            <numerusform>%n pruned</numerusform>
            <numerusform>%n pruned</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/auditview.cpp" line="112"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/auditview.cpp" line="114"/>
        <source>%n not run</source>
        <translation>
            <numerusform>%n not run</numerusform>
            <numerusform>%n not run</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/auditview.cpp" line="699"/>
        <source>%n damaged line(s) skipped</source>
        <translation>
            <numerusform>%n damaged line skipped</numerusform>
            <numerusform>%n damaged lines skipped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>driftline::gui::DiffLayout</name>
    <message numerus="yes">
        <location filename="../src/gui/difflayout.cpp" line="49"/>
        <source>⋯ %n unchanged lines</source>
        <translation>
            <numerusform>⋯ %n unchanged line</numerusform>
            <numerusform>⋯ %n unchanged lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>driftline::gui::DiffPane</name>
    <message numerus="yes">
        <location filename="../src/gui/diffpane.cpp" line="519"/>
        <source>Click to show the %n unchanged lines</source>
        <translation>
            <numerusform>Click to show the unchanged line</numerusform>
            <numerusform>Click to show the %n unchanged lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>driftline::gui::EnvironmentTreeModel</name>
    <message numerus="yes">
        <location filename="../src/gui/environmenttreemodel.cpp" line="578"/>
        <location filename="../src/gui/environmenttreemodel.cpp" line="623"/>
        <source>%n application(s)</source>
        <translation>
            <numerusform>%n application</numerusform>
            <numerusform>%n applications</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/environmenttreemodel.cpp" line="595"/>
        <location filename="../src/gui/environmenttreemodel.cpp" line="597"/>
        <source>%n resource(s)</source>
        <translation>
            <numerusform>%n resource</numerusform>
            <numerusform>%n resources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/environmenttreemodel.cpp" line="596"/>
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/environmenttreemodel.cpp" line="653"/>
        <source>%n %1 resource(s) of API %2</source>
        <translation>
            <numerusform>%n %1 resource of API %2</numerusform>
            <numerusform>%n %1 resources of API %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/environmenttreemodel.cpp" line="658"/>
        <source>%n not in Git</source>
        <translation>
            <numerusform>%n not in Git</numerusform>
            <numerusform>%n not in Git</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>driftline::gui::HistoryPanel</name>
    <message numerus="yes">
        <location filename="../src/gui/historypanel.cpp" line="344"/>
        <source>≈ live (%n differ)</source>
        <translation>
            <numerusform>≈ live (%n differs)</numerusform>
            <numerusform>≈ live (%n differ)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>driftline::gui::IgnoreFieldDialog</name>
    <message numerus="yes">
        <location filename="../src/gui/ignorefielddialog.cpp" line="273"/>
        <source>It hides these lines of this diff (%n row(s)):</source>
        <translation>
            <numerusform>It hides this line of this diff:</numerusform>
            <numerusform>It hides these lines of this diff (%n rows):</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>driftline::gui::MainWindow</name>
    <message numerus="yes">
        <location filename="../src/gui/mainwindow.cpp" line="1598"/>
        <source>%n resources</source>
        <translation>
            <numerusform>%n resource</numerusform>
            <numerusform>%n resources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/mainwindow.cpp" line="1602"/>
        <source>%n applications</source>
        <translation>
            <numerusform>%n application</numerusform>
            <numerusform>%n applications</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>driftline::gui::RevertDialog</name>
    <message numerus="yes">
        <location filename="../src/gui/revertdialog.cpp" line="209"/>
        <source>%n file(s) will change:</source>
        <translation>
            <numerusform>%n file will change:</numerusform>
            <numerusform>%n files will change:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>driftline::gui::SyncDialog</name>
    <message numerus="yes">
        <location filename="../src/gui/syncdialog.cpp" line="317"/>
        <source>%n to create</source>
        <translation>
            <numerusform>%n to create</numerusform>
            <numerusform>%n to create</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/syncdialog.cpp" line="319"/>
        <source>%n to update</source>
        <translation>
            <numerusform>%n to update</numerusform>
            <numerusform>%n to update</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/syncdialog.cpp" line="321"/>
        <source>%n to prune</source>
        <translation>
            <numerusform>%n to prune</numerusform>
            <numerusform>%n to prune</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/syncdialog.cpp" line="323"/>
        <source>%n unchanged</source>
        <translation>
            <numerusform>%n unchanged</numerusform>
            <numerusform>%n unchanged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/syncdialog.cpp" line="325"/>
        <source>%n left out</source>
        <translation>
            <numerusform>%n left out</numerusform>
            <numerusform>%n left out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/syncdialog.cpp" line="363"/>
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/syncdialog.cpp" line="365"/>
        <source>Delete these %n objects: %1</source>
        <translation>
            <numerusform>Delete this %n object: %1</numerusform>
            <numerusform>Delete these %n objects: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>driftline::gui::TreeFilterBar</name>
    <message numerus="yes">
        <location filename="../src/gui/treefilterbar.cpp" line="140"/>
        <source>%n resource(s)</source>
        <translation>
            <numerusform>%n resource</numerusform>
            <numerusform>%n resources</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>driftline::gui::YamlDiffView</name>
    <message numerus="yes">
        <location filename="../src/gui/yamldiffview.cpp" line="698"/>
        <source>  (%n change(s))</source>
        <translation>
            <numerusform>  (%n change)</numerusform>
            <numerusform>  (%n changes)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/yamldiffview.cpp" line="708"/>
        <source>%n resource(s)</source>
        <translation>
            <numerusform>%n resource</numerusform>
            <numerusform>%n resources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/yamldiffview.cpp" line="709"/>
        <source>%1 of %n differ</source>
        <translation>
            <numerusform>%1 of %n differs</numerusform>
            <numerusform>%1 of %n differ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/yamldiffview.cpp" line="759"/>
        <source>the full objects differ in server-set fields (%n change block(s) below).</source>
        <translation>
            <numerusform>the full objects differ in server-set fields (%n change block below).</numerusform>
            <numerusform>the full objects differ in server-set fields (%n change blocks below).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/yamldiffview.cpp" line="763"/>
        <source>%n change block(s)</source>
        <translation>
            <numerusform>%n change block</numerusform>
            <numerusform>%n change blocks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/yamldiffview.cpp" line="770"/>
        <source>… and %n more (Next Change, F7, goes through every one)</source>
        <translation>
            <numerusform>… and %n more (Next Change, F7, goes through every one)</numerusform>
            <numerusform>… and %n more (Next Change, F7, goes through every one)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/yamldiffview.cpp" line="1101"/>
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
</context>
</TS>
