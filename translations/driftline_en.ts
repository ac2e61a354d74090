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
        <location filename="../src/cli/cli.cpp" line="357"/>
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/cli.cpp" line="531"/>
        <source>driftline sandbox: restored %n object(s) from %1</source>
        <translation>
            <numerusform>driftline sandbox: restored %n object from %1</numerusform>
            <numerusform>driftline sandbox: restored %n objects from %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/cli.cpp" line="542"/>
        <source>driftline sandbox: loaded %n object(s) from %1</source>
        <translation>
            <numerusform>driftline sandbox: loaded %n object from %1</numerusform>
            <numerusform>driftline sandbox: loaded %n objects from %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/cli.cpp" line="546"/>
        <source>driftline sandbox: %n object(s) could not be loaded:</source>
        <translation>
            <numerusform>driftline sandbox: %n object could not be loaded:</numerusform>
            <numerusform>driftline sandbox: %n objects could not be loaded:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/cli.cpp" line="620"/>
        <source>Applied %n object(s) from revision %1.</source>
        <translation>
            <numerusform>Applied %n object from revision %1.</numerusform>
            <numerusform>Applied %n objects from revision %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>driftline::gui::ActivityPanel</name>
    <message numerus="yes">
        <location filename="../src/gui/activitypanel.cpp" line="150"/>
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/activitypanel.cpp" line="171"/>
        <location filename="../src/gui/activitypanel.cpp" line="189"/>
        <source>Loading %1 of %n application(s)…</source>
        <translation>
            <numerusform>Loading %1 of %n application…</numerusform>
            <numerusform>Loading %1 of %n applications…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/activitypanel.cpp" line="195"/>
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
    <name>driftline::gui::EnvironmentTreeModel</name>
    <message numerus="yes">
        <location filename="../src/gui/environmenttreemodel.cpp" line="490"/>
        <location filename="../src/gui/environmenttreemodel.cpp" line="525"/>
        <source>%n application(s)</source>
        <translation>
            <numerusform>%n application</numerusform>
            <numerusform>%n applications</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/environmenttreemodel.cpp" line="503"/>
        <location filename="../src/gui/environmenttreemodel.cpp" line="505"/>
        <source>%n resource(s)</source>
        <translation>
            <numerusform>%n resource</numerusform>
            <numerusform>%n resources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/environmenttreemodel.cpp" line="504"/>
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/environmenttreemodel.cpp" line="552"/>
        <source>%n %1 resource(s) of API %2</source>
        <translation>
            <numerusform>%n %1 resource of API %2</numerusform>
            <numerusform>%n %1 resources of API %2</numerusform>
        </translation>
    </message>
</context>
</TS>
