// `driftline-bench panel`: the YAML diff panel opening a 1 MB object (a
// CustomResourceDefinition whose live copy differs in 2 % of its lines), as a
// person selecting it would: the time until the first paint of the diff, and the
// UI thread's longest stall from the click to a scroll through the result.
#include "driftbench.h"

#include "core/canonicalyaml.h"
#include "gui/diffpane.h"
#include "gui/yamldiffview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QScrollBar>
#include <QTextStream>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace driftline::bench {

namespace {

QTextStream& out()
{
    static QTextStream s(stdout);
    return s;
}

// Notes when a widget paints.
class PaintWatch : public QObject
{
public:
    bool armed = false;
    qint64 at = -1;
    QElapsedTimer* clock = nullptr;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (armed && at < 0 && event->type() == QEvent::Paint)
            at = clock->elapsed();
        return QObject::eventFilter(watched, event);
    }
};

void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int runPanelBench(const DriftBenchOptions&)
{
    // 8 canonical YAML lines per property: about 1 MB of text a side.
    int properties = 1000;
    while (CanonicalYaml::write(bigCustomResourceDefinition(properties, {})).toUtf8().size() < 1024 * 1024)
        properties += 1000;
    // 2 of the 8 lines of one property in 12 differ: 2 % of the lines.
    QSet<int> changed;
    for (int i = 5; i < properties; i += 12)
        changed.insert(i);
    const QJsonObject desired = bigCustomResourceDefinition(properties, {});
    const QJsonObject live = bigCustomResourceDefinition(properties, changed);
    const qsizetype bytes = CanonicalYaml::write(live).toUtf8().size();

    gui::YamlDiffView view;
    view.resize(1280, 800);
    view.show();
    spin(200); // the window's own first paints are not the diff's

    QList<double> firstPaints;
    QList<double> shownTimes;
    qint64 worstStall = 0;
    for (int run = 0; run < 5; ++run) {
        gui::YamlDiffView::Item item;
        item.key = ResourceKey {u"apiextensions.k8s.io"_s, u"v1"_s, u"CustomResourceDefinition"_s, QString(),
            u"widgets%1.example.com"_s.arg(run)};
        item.request.source = engine::ResourceDiffRequest::Source::GitVsLive;
        item.request.leftTitle = u"Git"_s;
        item.request.rightTitle = u"Live"_s;
        item.request.left = desired;
        item.request.right = live;
        // Alternate with a small object so every run opens the big one afresh.
        gui::YamlDiffView::Item small = item;
        small.request.left = QJsonObject {{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"ConfigMap"_s},
            {u"metadata"_s, QJsonObject {{u"name"_s, u"small"_s}}}};
        small.request.right = small.request.left;
        view.setItem(small);
        spin(100);

        QElapsedTimer clock;
        PaintWatch watch;
        watch.clock = &clock;
        view.pane(engine::RightSide)->viewport()->installEventFilter(&watch);
        qint64 shownAt = -1;
        const auto connection = QObject::connect(&view, &gui::YamlDiffView::diffShown, &view, [&] {
            shownAt = clock.elapsed();
            watch.armed = true;
        });
        qint64 longest = 0;
        QElapsedTimer sinceTick;
        QTimer probe;
        probe.setInterval(5);
        QObject::connect(&probe, &QTimer::timeout, [&] { longest = std::max(longest, sinceTick.restart()); });
        clock.start();
        sinceTick.start();
        probe.start();
        view.setItem(item);
        QElapsedTimer deadline;
        deadline.start();
        while (watch.at < 0 && deadline.elapsed() < 30000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        // A person then reads on: next change, a jump to the end.
        view.nextChange();
        spin(30);
        view.pane(engine::RightSide)->verticalScrollBar()->setValue(
            view.pane(engine::RightSide)->verticalScrollBar()->maximum());
        spin(100);
        probe.stop();
        longest = std::max(longest, sinceTick.elapsed());
        QObject::disconnect(connection);
        view.pane(engine::RightSide)->viewport()->removeEventFilter(&watch);
        if (watch.at < 0) {
            out() << "error: the diff was not painted within 30 s\n";
            return 1;
        }
        shownTimes << double(shownAt);
        firstPaints << double(watch.at);
        worstStall = std::max(worstStall, longest);
    }
    std::sort(firstPaints.begin(), firstPaints.end());
    std::sort(shownTimes.begin(), shownTimes.end());
    const double firstPaint = firstPaints.at(firstPaints.size() / 2);
    out() << "panel: a " << QString::number(bytes / 1024.0 / 1024.0, 'f', 2) << " MB object ("
          << CanonicalYaml::write(live).count(u'\n') << " lines), " << changed.size() * 2
          << " lines changed, opened 5 times\n";
    out() << "  diff computed and handed to the panes: median " << shownTimes.at(shownTimes.size() / 2)
          << " ms\n";
    out() << "  first paint of the diff: median " << firstPaint << " ms, worst " << firstPaints.last()
          << " ms (target <= 200 ms: " << (firstPaint <= 200 ? "ok" : "MISSED") << ")\n";
    out() << "  longest UI-thread stall from the click to a scroll through it: " << worstStall << " ms\n";
    return 0;
}

} // namespace driftline::bench
