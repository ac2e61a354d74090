<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>driftline::cli::Cli</name>
    <message numerus="yes">
        <location filename="../../../../src/cli/cli.cpp" line="301"/>
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>driftline::gui::ActivityPanel</name>
    <message numerus="yes">
        <location filename="../../../../src/gui/activitypanel.cpp" line="150"/>
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../../../src/gui/activitypanel.cpp" line="171"/>
        <location filename="../../../../src/gui/activitypanel.cpp" line="189"/>
        <source>Loading %1 of %n application(s)…</source>
        <translation>
            <numerusform>Loading %1 of %n application…</numerusform>
            <numerusform>Loading %1 of %n applications…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../../../src/gui/activitypanel.cpp" line="195"/>
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
        <location filename="../../../../src/gui/applicationsummary.cpp" line="47"/>
        <source>%n resource(s), with problems</source>
        <translation>
            <numerusform>%n resource, with problems</numerusform>
            <numerusform>%n resources, with problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../../../src/gui/applicationsummary.cpp" line="48"/>
        <source>%n resource(s)</source>
        <translation>
            <numerusform>%n resource</numerusform>
            <numerusform>%n resources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../../../src/gui/applicationsummary.cpp" line="185"/>
        <source>%n problem(s) in the workspace definition</source>
        <translation>
            <numerusform>%n problem in the workspace definition</numerusform>
            <numerusform>%n problems in the workspace definition</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../../../src/gui/applicationsummary.cpp" line="209"/>
        <source>Production environment · %n application(s)</source>
        <translation>
            <numerusform>Production environment · %n application</numerusform>
            <numerusform>Production environment · %n applications</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../../../src/gui/applicationsummary.cpp" line="210"/>
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
        <location filename="../../../../src/gui/environmenttreemodel.cpp" line="381"/>
        <source>%n application(s)</source>
        <translation>
            <numerusform>%n application</numerusform>
            <numerusform>%n applications</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../../../src/gui/environmenttreemodel.cpp" line="390"/>
        <location filename="../../../../src/gui/environmenttreemodel.cpp" line="392"/>
        <source>%n resource(s)</source>
        <translation>
            <numerusform>%n resource</numerusform>
            <numerusform>%n resources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../../../src/gui/environmenttreemodel.cpp" line="391"/>
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../../../src/gui/environmenttreemodel.cpp" line="427"/>
        <source>%n %1 resource(s) of API %2</source>
        <translation>
            <numerusform>%n %1 resource of API %2</numerusform>
            <numerusform>%n %1 resources of API %2</numerusform>
        </translation>
    </message>
</context>
</TS>
