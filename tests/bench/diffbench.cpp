// `driftline-bench diff`: the YAML diff panel's text diff on two large canonical
// YAML files (a CustomResourceDefinition-like object of ~20,000 lines with 2 % of
// its lines changed), against `git diff --no-index --histogram` on the same files,
// in the same run.
#include "driftbench.h"

#include "core/canonicalyaml.h"
#include "engine/textdiff.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace driftline::bench {

namespace {

QTextStream& out()
{
    static QTextStream s(stdout);
    return s;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

} // namespace

QJsonObject bigCustomResourceDefinition(int properties, const QSet<int>& changed)
{
    QJsonObject props;
    for (int i = 0; i < properties; ++i) {
        const bool edit = changed.contains(i);
        props.insert(u"field%1"_s.arg(i, 5, 10, QChar(u'0')),
            QJsonObject {{u"type"_s, i % 3 == 0 ? u"string"_s : u"integer"_s},
                {u"description"_s,
                    edit ? u"Field %1 limits the widget rate (changed in v2)."_s.arg(i)
                         : u"Field %1 limits the widget rate."_s.arg(i)},
                {u"minimum"_s, 0}, {u"maximum"_s, edit ? 2048 : 1024},
                {u"x-kubernetes-validations"_s,
                    QJsonArray {QJsonObject {{u"rule"_s, u"self >= 0"_s}, {u"message"_s, u"must not be negative"_s}}}}});
    }
    const QJsonObject schema {{u"type"_s, u"object"_s}, {u"properties"_s, QJsonObject {{u"spec"_s,
                                                                            QJsonObject {{u"type"_s, u"object"_s}, {u"properties"_s, props}}}}}};
    return QJsonObject {{u"apiVersion"_s, u"apiextensions.k8s.io/v1"_s}, {u"kind"_s, u"CustomResourceDefinition"_s},
        {u"metadata"_s, QJsonObject {{u"name"_s, u"widgets.example.com"_s}}},
        {u"spec"_s,
            QJsonObject {{u"group"_s, u"example.com"_s},
                {u"names"_s, QJsonObject {{u"kind"_s, u"Widget"_s}, {u"plural"_s, u"widgets"_s}}},
                {u"scope"_s, u"Namespaced"_s},
                {u"versions"_s,
                    QJsonArray {QJsonObject {{u"name"_s, u"v1"_s}, {u"served"_s, true}, {u"storage"_s, true},
                        {u"schema"_s, QJsonObject {{u"openAPIV3Schema"_s, schema}}}}}}}}};
}

int runDiffBench(const DriftBenchOptions& options)
{
    // A property is 8 lines; an edited one changes 2 of them (description, maximum).
    const int properties = std::max(10, options.diffLines / 8);
    const int linesToChange = options.diffLines / 50;  // 2 %
    const int propertiesToChange = std::max(1, linesToChange / 2); // 2 changed lines each
    QSet<int> changed;
    const int step = std::max(1, properties / propertiesToChange);
    for (int i = step / 2; i < properties && changed.size() < propertiesToChange; i += step)
        changed.insert(i);
    const QString left = CanonicalYaml::write(bigCustomResourceDefinition(properties, {}));
    const QString right = CanonicalYaml::write(bigCustomResourceDefinition(properties, changed));
    const int lines = int(left.count(u'\n'));

    QTemporaryDir dir;
    const QString a = dir.filePath(u"left.yaml"_s);
    const QString b = dir.filePath(u"right.yaml"_s);
    for (const auto& [path, text] : {std::pair {a, left}, std::pair {b, right}}) {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(text.toUtf8()) < 0) {
            out() << "error: cannot write " << path << "\n";
            return 1;
        }
    }

    // Driftline: line matching, rows with fillers, intra-line highlights.
    QList<double> ours;
    int changedRows = 0;
    for (int run = 0; run < 7; ++run) {
        QElapsedTimer t;
        t.start();
        const auto result = engine::TextDiff::compute(left, right, {true, {}});
        ours << t.nsecsElapsed() / 1e6;
        if (!result) {
            out() << "error: " << result.error().toString() << "\n";
            return 1;
        }
        changedRows = 0;
        for (const engine::DiffRow& row : result->rows)
            changedRows += row.kind != engine::DiffRow::Equal ? 1 : 0;
    }
    out() << "diff: two canonical YAML files of " << lines << " lines, " << changedRows << " rows changed ("
          << QString::number(100.0 * changedRows / lines, 'f', 1) << " %)\n";
    const double oursMs = median(ours);
    out() << "  Driftline TextDiff (libgit2 patience, rows, intra-line): " << QString::number(oursMs, 'f', 1)
          << " ms (median of 7)\n";

    // git, as a person would run it: a process reading the two files.
    QList<double> theirs;
    for (int run = 0; run < 7 && !options.git.isEmpty(); ++run) {
        QProcess git;
        QElapsedTimer t;
        t.start();
        git.start(options.git, {u"diff"_s, u"--no-index"_s, u"--histogram"_s, u"--no-color"_s, a, b});
        if (!git.waitForStarted()) {
            out() << "  git: cannot run " << options.git << "; comparison skipped\n";
            return 0;
        }
        git.waitForFinished(-1);
        const QByteArray diff = git.readAllStandardOutput();
        theirs << t.nsecsElapsed() / 1e6;
        if (git.exitCode() != 1 || diff.isEmpty()) {
            out() << "error: git diff exited with " << git.exitCode() << "\n";
            return 1;
        }
    }
    const double gitMs = median(theirs);
    const double ratio = gitMs > 0 ? oursMs / gitMs : 0;
    out() << "  git diff --no-index --histogram (process): " << QString::number(gitMs, 'f', 1)
          << " ms (median of 7)\n";
    out() << "  ratio Driftline / git: " << QString::number(ratio, 'f', 2)
          << " (target <= 1.5: " << (ratio <= 1.5 ? "ok" : "MISSED") << ")\n";
    return 0;
}

} // namespace driftline::bench
