// The YAML diff panel on real objects: desired objects built here, live ones
// written by the sandbox's ObjectStore (server-side apply by "driftline", a
// scale by "kubectl-scale"), so managedFields, status and the server's
// bookkeeping are the server's own. Offscreen; every comparison runs on the
// panel's worker thread and the tests wait for its diffShown signal.
#include "engine/secretmask.h"
#include "gui/diffoverviewruler.h"
#include "gui/diffpane.h"
#include "gui/yamldiffview.h"
#include "sandbox/objectstore.h"

#include <QAbstractButton>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLineEdit>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::gui;
using engine::LeftSide;
using engine::RightSide;
using Source = engine::ResourceDiffRequest::Source;

namespace {

constexpr int Timeout = 20000;

QJsonObject deployment(int replicas, const QString& image, const QJsonObject& labels = {})
{
    QJsonObject metadata {{u"name"_s, u"api"_s}, {u"namespace"_s, u"default"_s}};
    if (!labels.isEmpty())
        metadata.insert(u"labels"_s, labels);
    const QJsonObject container {{u"name"_s, u"api"_s}, {u"image"_s, image},
        {u"ports"_s, QJsonArray {QJsonObject {{u"containerPort"_s, 8080}}}}};
    const QJsonObject podLabels {{u"app"_s, u"api"_s}};
    return QJsonObject {{u"apiVersion"_s, u"apps/v1"_s}, {u"kind"_s, u"Deployment"_s}, {u"metadata"_s, metadata},
        {u"spec"_s,
            QJsonObject {{u"replicas"_s, replicas},
                {u"selector"_s, QJsonObject {{u"matchLabels"_s, podLabels}}},
                {u"template"_s,
                    QJsonObject {{u"metadata"_s, QJsonObject {{u"labels"_s, podLabels}}},
                        {u"spec"_s, QJsonObject {{u"containers"_s, QJsonArray {container}}}}}}}}};
}

// A ConfigMap of `keys` entries; the values of `changed` keys differ from the base.
QJsonObject configMap(int keys, const QSet<int>& changed = {}, const QString& name = u"settings"_s)
{
    QJsonObject data;
    for (int i = 0; i < keys; ++i) {
        const QString key = u"key-%1"_s.arg(i, 5, 10, QChar(u'0'));
        data.insert(key, changed.contains(i) ? u"changed value %1"_s.arg(i) : u"value %1"_s.arg(i));
    }
    return QJsonObject {{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"ConfigMap"_s},
        {u"metadata"_s, QJsonObject {{u"name"_s, name}, {u"namespace"_s, u"default"_s}}}, {u"data"_s, data}};
}

QJsonObject secret(const QString& name, const QByteArray& password)
{
    return QJsonObject {{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Secret"_s},
        {u"metadata"_s, QJsonObject {{u"name"_s, name}, {u"namespace"_s, u"default"_s}}},
        {u"type"_s, u"Opaque"_s},
        {u"data"_s, QJsonObject {{u"password"_s, QString::fromLatin1(password.toBase64())},
                        {u"user"_s, QString::fromLatin1(QByteArray("admin-user").toBase64())}}}};
}

YamlDiffView::Item item(const QJsonObject& left, const QJsonObject& right, Source source = Source::GitVsLive)
{
    YamlDiffView::Item item;
    const QJsonObject object = left.isEmpty() ? right : left;
    const QJsonObject metadata = object.value(u"metadata").toObject();
    item.key = ResourceKey::fromApiVersion(object.value(u"apiVersion").toString(), object.value(u"kind").toString(),
        metadata.value(u"namespace").toString(), metadata.value(u"name").toString());
    item.request.source = source;
    item.request.leftTitle = u"Git · 1a2b3c4"_s;
    item.request.rightTitle = u"Live · staging"_s;
    item.request.left = left;
    item.request.right = right;
    return item;
}

// The formats of a block that carry `background`, as (start, length) pairs.
QList<QPair<int, int>> rangesWithBackground(const QTextBlock& block, const QColor& background)
{
    QList<QPair<int, int>> ranges;
    for (const QTextLayout::FormatRange& range : block.layout()->formats()) {
        if (range.format.hasProperty(QTextFormat::BackgroundBrush) && range.format.background().color() == background)
            ranges.append({range.start, range.length});
    }
    std::sort(ranges.begin(), ranges.end());
    return ranges;
}

} // namespace

class TestYamlDiffView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(u"config"_s).toLocal8Bit());
        QCoreApplication::setOrganizationName(u"DriftlineTest"_s);
        QCoreApplication::setApplicationName(u"tst_yamldiffview"_s);
    }

    void init()
    {
        m_view = std::make_unique<YamlDiffView>();
        m_view->setMode(YamlDiffView::Mode::SideBySide, false);
        m_view->resize(1100, 700);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    }

    void cleanup() { m_view.reset(); }

    void emptyStateExplainsItself()
    {
        QVERIFY(!m_view->hasResource());
        QVERIFY(m_view->pane(LeftSide)->placeholderText().contains(u"Select a resource"_s));
        m_view->showMessage(u"staging: Unreachable"_s);
        QCOMPARE(m_view->pane(LeftSide)->placeholderText(), u"staging: Unreachable"_s);
        QVERIFY(m_view->paneText(LeftSide).isEmpty());
    }

    void sideBySideRowsAlign()
    {
        QJsonObject live = deployment(5, u"registry/api:2.0.0"_s, {{u"team"_s, u"shop"_s}});
        show({item(deployment(3, u"registry/api:2.0.1"_s), live)});
        const auto diff = m_view->currentDiff();
        QVERIFY(!diff->equal);
        DiffPane* left = m_view->pane(LeftSide);
        DiffPane* right = m_view->pane(RightSide);
        QCOMPARE(left->document()->blockCount(), right->document()->blockCount());
        QCOMPARE(left->document()->blockCount(), int(left->lines().size()));
        bool sawFiller = false;
        for (int i = 0; i < left->lines().size(); ++i) {
            const DiffPaneLine& l = left->lines().at(i);
            const DiffPaneLine& r = right->lines().at(i);
            QCOMPARE(l.row, r.row); // the same diff row on both sides of every block
            if (l.kind == DiffPaneLine::Filler) {
                sawFiller = true;
                QCOMPARE(r.kind, DiffPaneLine::Added);
                QVERIFY(left->document()->findBlockByNumber(i).text().isEmpty());
            }
        }
        QVERIFY2(sawFiller, "the added label has a filler on the left");
        // Scrolling one side scrolls the other by the same amount.
        QJsonObject big = configMap(300);
        show({item(big, configMap(300, {10, 150, 290}))});
        m_view->expandAll();
        right->verticalScrollBar()->setValue(40);
        QCOMPARE(left->verticalScrollBar()->value(), 40);
        left->verticalScrollBar()->setValue(77);
        QCOMPARE(right->verticalScrollBar()->value(), 77);
    }

    void intraLineHighlightCoversTheChangedToken()
    {
        show({item(deployment(3, u"registry/api:2.0.1"_s), deployment(3, u"registry/api:2.0.0"_s))});
        const auto diff = m_view->currentDiff();
        QCOMPARE(diff->text.changeStarts.size(), 1);
        const int row = diff->text.changeStarts.first();
        QCOMPARE(diff->text.rows.at(row).kind, engine::DiffRow::Changed);
        const int block = m_view->layout().rowBlock.at(row);
        QVERIFY(block >= 0);
        QString shown[2];
        for (int side = 0; side < 2; ++side) {
            DiffPane* pane = m_view->pane(engine::DiffSide(side));
            pane->ensureHighlighted(block, block);
            const QTextBlock textBlock = pane->document()->findBlockByNumber(block);
            const QColor word = side == 0 ? pane->colors().removedWord : pane->colors().addedWord;
            const auto ranges = rangesWithBackground(textBlock, word);
            // Exactly the engine's highlights: nothing more of the line is marked.
            QCOMPARE(ranges, diff->text.rows.at(row).side[side].highlights);
            QCOMPARE(ranges.size(), 1);
            shown[side] = textBlock.text().mid(ranges.first().first, ranges.first().second);
            // The syntax colours are there too, under the diff colours.
            QVERIFY(textBlock.layout()->formats().size() > ranges.size());
        }
        qInfo() << "intra-line:" << shown[0] << "->" << shown[1];
        QVERIFY(!shown[0].isEmpty() && !shown[1].isEmpty());
        QVERIFY(u"2.0.1"_s.contains(shown[0]) && u"2.0.0"_s.contains(shown[1]));
        QVERIFY(shown[0] != shown[1]);
    }

    void unchangedRunsFoldAndExpand()
    {
        show({item(configMap(120), configMap(120, {60}))});
        DiffPane* left = m_view->pane(LeftSide);
        int fold = -1;
        for (int i = 0; i < left->lines().size(); ++i) {
            if (left->lines().at(i).kind == DiffPaneLine::Fold) {
                fold = i;
                break;
            }
        }
        QVERIFY(fold >= 0);
        const QString foldText = left->document()->findBlockByNumber(fold).text();
        QVERIFY2(foldText.contains(u"unchanged lines"_s), qPrintable(foldText));
        QCOMPARE(m_view->pane(RightSide)->lines().at(fold).kind, DiffPaneLine::Fold);
        // Three lines of context around the change, the rest folded.
        QVERIFY(!m_view->paneText(LeftSide).contains(u"key-00010"_s));
        QVERIFY(m_view->paneText(LeftSide).contains(u"key-00058"_s));
        QVERIFY(!m_view->paneText(LeftSide).contains(u"key-00055"_s));
        const int blocksBefore = left->document()->blockCount();

        // A click on the fold row opens it.
        left->ensureBlocksVisible(fold, 1);
        QApplication::processEvents();
        const QRect r = left->blockRect(fold);
        QTest::mouseClick(left->viewport(), Qt::LeftButton, {}, QPoint(40, r.center().y()));
        QTRY_VERIFY(left->document()->blockCount() > blocksBefore);
        QVERIFY(m_view->paneText(LeftSide).contains(u"key-00010"_s)
            || m_view->paneText(LeftSide).contains(u"key-00110"_s));
        QCOMPARE(m_view->pane(RightSide)->document()->blockCount(), left->document()->blockCount());
    }

    void navigationMovesBetweenChangesAndWraps()
    {
        show({item(configMap(400), configMap(400, {20, 200, 380}))});
        const auto diff = m_view->currentDiff();
        QCOMPARE(diff->text.changeStarts.size(), 3);
        DiffPane* left = m_view->pane(LeftSide);
        QCOMPARE(m_view->currentChange(), -1);
        for (int expected : {0, 1, 2, 0}) { // wraps from the last to the first
            m_view->nextChange();
            QCOMPARE(m_view->currentChange(), expected);
            const int block = m_view->layout().changeBlock.at(expected);
            QCOMPARE(left->currentBlock(), block);
            QCOMPARE(m_view->pane(RightSide)->currentBlock(), block);
            const int top = left->verticalScrollBar()->value();
            QVERIFY2(block >= top && block < top + left->visibleBlockCount(),
                qPrintable(u"block %1, top %2"_s.arg(block).arg(top)));
        }
        m_view->previousChange(); // and back from the first to the last
        QCOMPARE(m_view->currentChange(), 2);
        // The keyboard: F7 / Shift+F7 and Alt+Down / Alt+Up.
        left->setFocus();
        QTest::keyClick(left, Qt::Key_F7);
        QCOMPARE(m_view->currentChange(), 0);
        QTest::keyClick(left, Qt::Key_Down, Qt::AltModifier);
        QCOMPARE(m_view->currentChange(), 1);
        QTest::keyClick(left, Qt::Key_F7, Qt::ShiftModifier);
        QCOMPARE(m_view->currentChange(), 0);
        QTest::keyClick(left, Qt::Key_Up, Qt::AltModifier);
        QCOMPARE(m_view->currentChange(), 2);
    }

    void overviewRulerMarksEveryChange()
    {
        show({item(configMap(400), configMap(400, {20, 21, 200, 380}))});
        const auto diff = m_view->currentDiff();
        DiffOverviewRuler* ruler = m_view->ruler();
        QCOMPARE(ruler->markers().size(), diff->text.changeStarts.size());
        QCOMPARE(ruler->markers().size(), 3);
        for (const DiffOverviewRuler::Marker& marker : ruler->markers())
            QCOMPARE(marker.kind, DiffOverviewRuler::Kind::Changed);
        QVERIFY(ruler->markerY(ruler->markers().at(0)) < ruler->markerY(ruler->markers().at(2)));
        // Clicking a mark goes to its change.
        const DiffOverviewRuler::Marker last = ruler->markers().at(2);
        QTest::mouseClick(ruler, Qt::LeftButton, {}, QPoint(ruler->width() / 2, ruler->markerY(last) + 1));
        QCOMPARE(m_view->currentChange(), 2);
        // Added and removed blocks get their own colour.
        QJsonObject right = configMap(10);
        QJsonObject data = right.value(u"data").toObject();
        data.insert(u"zzz-new"_s, u"x"_s);
        right.insert(u"data"_s, data);
        show({item(configMap(10), right)});
        QCOMPARE(m_view->ruler()->markers().size(), 1);
        QCOMPARE(m_view->ruler()->markers().first().kind, DiffOverviewRuler::Kind::Added);
    }

    void findSearchesBothPanes()
    {
        show({item(deployment(3, u"registry/api:2.0.1"_s), deployment(5, u"registry/api:2.0.1"_s))});
        m_view->find(u"replicas"_s);
        QVERIFY(m_view->findMatchCount() >= 2);
        QSet<int> panes;
        for (int i = 0; i < m_view->findMatchCount(); ++i) {
            panes.insert(m_view->currentFindPane());
            const DiffPane* pane = m_view->pane(engine::DiffSide(m_view->currentFindPane()));
            QVERIFY(pane->textCursor().selectedText().compare(u"replicas"_s, Qt::CaseInsensitive) == 0);
            m_view->findNext();
        }
        QCOMPARE(panes, (QSet<int> {0, 1}));
        // Text only in a fold is found too: the folds open.
        show({item(configMap(120), configMap(120, {100}))});
        QVERIFY(!m_view->paneText(LeftSide).contains(u"key-00010"_s));
        m_view->find(u"key-00010"_s);
        QCOMPARE(m_view->findMatchCount(), 2);
        QVERIFY(m_view->paneText(LeftSide).contains(u"key-00010"_s));
        // Ctrl+F opens the bar.
        m_view->findEdit()->clear();
        QTest::keyClick(m_view->pane(LeftSide), Qt::Key_F, Qt::ControlModifier);
        QVERIFY(m_view->findEdit()->isVisible());
    }

    void copyPutsTheShownTextOnTheClipboard()
    {
        show({item(deployment(3, u"registry/api:2.0.1"_s), deployment(5, u"registry/api:2.0.0"_s))});
        const auto diff = m_view->currentDiff();
        m_view->copyLeftAction()->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), diff->leftText);
        QVERIFY(diff->leftText.contains(u"replicas: 3"_s));
        m_view->copyRightAction()->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), diff->rightText);
        QVERIFY(diff->rightText.contains(u"replicas: 5"_s));
        // The context menu of a line offers both.
        QMenu menu;
        m_view->addContextActions(&menu, 0, 0);
        QVERIFY(menu.actions().contains(m_view->copyLeftAction()));
        QVERIFY(menu.actions().contains(m_view->copyRightAction()));
    }

    void secretsStayMaskedUntilRevealed()
    {
        const QByteArray oldPassword = "correct-horse-battery";
        const QByteArray newPassword = "tr0ub4dor-and-three";
        show({item(secret(u"db"_s, oldPassword), secret(u"db"_s, newPassword))});
        QVERIFY(m_view->isSecret());
        QVERIFY(m_view->revealAction()->isVisible());
        QVERIFY(!m_view->secretsRevealed());
        const QStringList forbidden {QString::fromLatin1(oldPassword), QString::fromLatin1(newPassword),
            QString::fromLatin1(oldPassword.toBase64()), QString::fromLatin1(newPassword.toBase64()),
            u"admin-user"_s, QString::fromLatin1(QByteArray("admin-user").toBase64())};
        const auto everythingShown = [this] {
            QString all = m_view->paneText(LeftSide) + m_view->paneText(RightSide) + m_view->summaryText()
                + m_view->summaryLabel()->text() + m_view->headerText();
            for (int side = 0; side < 2; ++side) {
                const DiffPane* pane = m_view->pane(engine::DiffSide(side));
                for (int b = 0; b < pane->lines().size(); ++b)
                    all += pane->gutterText(b) + pane->toolTipFor(b);
            }
            m_view->copyLeftAction()->trigger();
            all += QGuiApplication::clipboard()->text();
            m_view->copyRightAction()->trigger();
            all += QGuiApplication::clipboard()->text();
            return all;
        };
        QString all = everythingShown();
        for (const QString& value : forbidden)
            QVERIFY2(!all.contains(value), qPrintable(u"shown before reveal: "_s + value));
        // Equal values, equal masks; changed values, different masks.
        QVERIFY(m_view->paneText(LeftSide).contains(engine::SecretMask::maskFor(oldPassword)));
        QVERIFY(m_view->paneText(RightSide).contains(engine::SecretMask::maskFor(newPassword)));
        QVERIFY(m_view->paneText(RightSide).contains(engine::SecretMask::maskFor("admin-user")));

        // Reveal asks first; cancelling reveals nothing.
        m_view->requestReveal();
        QMessageBox* box = m_view->revealConfirmation();
        QVERIFY(box && box->isVisible());
        box->button(QMessageBox::Cancel)->click();
        QTest::qWait(50);
        QVERIFY(!m_view->secretsRevealed());
        QVERIFY(!everythingShown().contains(QString::fromLatin1(oldPassword.toBase64())));
        m_view->requestReveal();
        QSignalSpy shown(m_view.get(), &YamlDiffView::diffShown);
        m_view->revealConfirmation()->button(QMessageBox::Yes)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), Timeout);
        QVERIFY(m_view->secretsRevealed());
        all = m_view->paneText(LeftSide) + m_view->paneText(RightSide);
        QVERIFY2(all.contains(QString::fromLatin1(oldPassword)) || all.contains(QString::fromLatin1(oldPassword.toBase64())),
            qPrintable(all));

        // The next resource starts masked again.
        show({item(secret(u"other"_s, oldPassword), secret(u"other"_s, oldPassword))});
        QVERIFY(!m_view->secretsRevealed());
        all = everythingShown();
        for (const QString& value : forbidden)
            QVERIFY2(!all.contains(value), qPrintable(u"carried over: "_s + value));
        // Not a Secret: no reveal button.
        show({item(configMap(3), configMap(3, {1}))});
        QVERIFY(!m_view->revealAction()->isVisible());
    }

    void managersFromTheSandboxInGutterAndTooltip()
    {
        // Applied by Driftline, then scaled by hand, as the server records it.
        sandbox::ObjectStore store;
        const auto type = store.findType(u"apps"_s, u"v1"_s, u"deployments"_s);
        QVERIFY(type);
        const QJsonObject desired = deployment(3, u"registry/api:2.0.1"_s);
        sandbox::ObjectStore::ApplyOptions apply;
        apply.fieldManager = u"driftline"_s;
        QVERIFY(store.apply(*type, u"default"_s, u"api"_s, desired, apply));
        sandbox::ObjectStore::WriteOptions write;
        write.fieldManager = u"kubectl-scale"_s;
        const auto live = store.patch(*type, u"default"_s, u"api"_s, sandbox::ObjectStore::PatchType::Merge,
            R"({"spec":{"replicas":5}})", write);
        QVERIFY(live);
        QVERIFY(live->value(u"metadata").toObject().contains(u"managedFields"));

        YamlDiffView::Item withApplication = item(desired, *live);
        workspace::Application api;
        api.name = u"api"_s;
        api.environment = u"staging"_s;
        api.path = u"apps/api"_s;
        withApplication.application = api;
        withApplication.repositoryPath = m_home.path();
        show({withApplication});
        const auto diff = m_view->currentDiff();
        QVERIFY(!diff->equal);
        QVERIFY2(m_view->summaryText().contains(u"spec.replicas: 3 → 5"_s), qPrintable(m_view->summaryText()));
        QVERIFY2(m_view->summaryText().contains(u"kubectl-scale"_s), qPrintable(m_view->summaryText()));
        // The changed line names its manager in the gutter and its tooltip.
        const DiffPane* right = m_view->pane(RightSide);
        int replicas = -1;
        for (int b = 0; b < right->lines().size(); ++b) {
            if (right->document()->findBlockByNumber(b).text().trimmed() == u"replicas: 5"_s)
                replicas = b;
        }
        QVERIFY(replicas >= 0);
        QVERIFY2(right->gutterText(replicas).contains(u"kubectl-scale"_s), qPrintable(right->gutterText(replicas)));
        QVERIFY2(right->toolTipFor(replicas).contains(u"owned by kubectl-scale"_s), qPrintable(right->toolTipFor(replicas)));
        QVERIFY(right->gutterText(replicas).startsWith(QString::number(right->lines().at(replicas).number[1] + 1)));
        // "Ignore This Field…" on the changed line, not on an unchanged one.
        QMenu changedMenu;
        m_view->addContextActions(&changedMenu, 1, replicas);
        auto* ignore = changedMenu.findChild<QAction*>(u"ignoreFieldAction"_s);
        QVERIFY(ignore && ignore->isEnabled());
        QCOMPARE(ignore->toolTip(), u"/spec/replicas"_s);
        QMenu equalMenu;
        m_view->addContextActions(&equalMenu, 1, replicas - 1);
        QVERIFY(!equalMenu.findChild<QAction*>(u"ignoreFieldAction"_s));

        // Normalized hides what the server wrote; the full object shows it.
        QVERIFY(!m_view->paneText(RightSide).contains(u"resourceVersion"_s));
        QVERIFY(!m_view->paneText(RightSide).contains(u"uid:"_s));
        QSignalSpy shown(m_view.get(), &YamlDiffView::diffShown);
        m_view->setNormalized(false);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && !m_view->isComputing(), Timeout);
        m_view->expandAll();
        const QString full = m_view->paneText(RightSide);
        QVERIFY2(full.contains(u"resourceVersion"_s) || full.contains(u"uid:"_s), qPrintable(full));
        QVERIFY2(!full.contains(u"managedFields"_s), qPrintable(full));
        QVERIFY(!m_view->paneText(LeftSide).contains(u"resourceVersion"_s));
    }

    void normalizedHidesStatusFullShowsIt()
    {
        QJsonObject live = deployment(3, u"registry/api:2.0.1"_s);
        live.insert(u"status"_s, QJsonObject {{u"readyReplicas"_s, 3}, {u"observedGeneration"_s, 1}});
        show({item(deployment(3, u"registry/api:2.0.1"_s), live)});
        QVERIFY(m_view->currentDiff()->equal);
        QVERIFY2(m_view->summaryText().contains(u"No differences"_s), qPrintable(m_view->summaryText()));
        QVERIFY(!m_view->paneText(RightSide).contains(u"readyReplicas"_s));
        QSignalSpy shown(m_view.get(), &YamlDiffView::diffShown);
        m_view->normalizedAction()->trigger();
        QVERIFY(!m_view->isNormalized());
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), Timeout);
        QVERIFY2(m_view->paneText(RightSide).contains(u"readyReplicas: 3"_s), qPrintable(m_view->paneText(RightSide)));
        QVERIFY(!m_view->paneText(LeftSide).contains(u"readyReplicas"_s));
    }

    void summaryLinkJumpsToItsRow()
    {
        QJsonObject desired = configMap(300);
        QJsonObject live = configMap(300, {250});
        show({item(desired, live)});
        const auto diff = m_view->currentDiff();
        QCOMPARE(diff->changes.size(), 1);
        const engine::FieldChange change = diff->changes.first();
        QVERIFY(change.row >= 0);
        QVERIFY2(m_view->summaryText().contains(change.displayPath), qPrintable(m_view->summaryText()));
        QVERIFY(m_view->summaryLabel()->text().contains(u"row:%1"_s.arg(change.row)));
        m_view->pane(RightSide)->verticalScrollBar()->setValue(0);
        Q_EMIT m_view->summaryLabel()->linkActivated(u"row:%1"_s.arg(change.row));
        const int block = m_view->layout().rowBlock.at(change.row);
        QCOMPARE(m_view->pane(RightSide)->currentBlock(), block);
        const int top = m_view->pane(RightSide)->verticalScrollBar()->value();
        QVERIFY(block >= top && block < top + m_view->pane(RightSide)->visibleBlockCount());
        QCOMPARE(m_view->currentChange(), 0);
    }

    void unifiedModeOrder()
    {
        QSignalSpy shown(m_view.get(), &YamlDiffView::diffShown);
        show({item(deployment(3, u"registry/api:2.0.1"_s), deployment(5, u"registry/api:2.0.0"_s))});
        m_view->unifiedAction()->trigger();
        QCOMPARE(m_view->mode(), YamlDiffView::Mode::Unified);
        m_view->expandAll();
        QVERIFY(!m_view->pane(RightSide)->isVisible());
        const auto diff = m_view->currentDiff();
        const DiffPane* pane = m_view->pane(LeftSide);
        const QStringList lines = m_view->paneText(LeftSide).split(u'\n');
        QCOMPARE(lines.size(), pane->lines().size());
        const qsizetype oldReplicas = lines.indexOf(u"  replicas: 3"_s);
        const qsizetype newReplicas = lines.indexOf(u"  replicas: 5"_s);
        QVERIFY(oldReplicas >= 0 && newReplicas == oldReplicas + 1);
        QCOMPARE(pane->lines().at(oldReplicas).kind, DiffPaneLine::Removed);
        QCOMPARE(pane->lines().at(newReplicas).kind, DiffPaneLine::Added);
        // Equal lines once, with both numbers.
        QCOMPARE(lines.count(u"kind: Deployment"_s), 1);
        const DiffPaneLine& kindLine = pane->lines().at(lines.indexOf(u"kind: Deployment"_s));
        QVERIFY(kindLine.number[0] >= 0 && kindLine.number[1] >= 0);
        QCOMPARE(pane->gutterText(lines.indexOf(u"kind: Deployment"_s)),
            u"%1 %2"_s.arg(kindLine.number[0] + 1).arg(kindLine.number[1] + 1));
        // Every removed line of a block comes before its added lines.
        for (int i = 1; i < pane->lines().size(); ++i)
            QVERIFY(!(pane->lines().at(i - 1).kind == DiffPaneLine::Added
                && pane->lines().at(i).kind == DiffPaneLine::Removed));
        QCOMPARE(m_view->ruler()->markers().size(), diff->text.changeStarts.size());
        m_view->nextChange();
        QCOMPARE(pane->currentBlock(), m_view->layout().changeBlock.at(0));
        // The choice is remembered.
        m_view->setMode(YamlDiffView::Mode::Unified);
        QCOMPARE(QSettings().value(u"diffView/mode"_s).toString(), u"unified"_s);
        m_view->setMode(YamlDiffView::Mode::SideBySide);
        QCOMPARE(QSettings().value(u"diffView/mode"_s).toString(), u"side-by-side"_s);
        QVERIFY(m_view->pane(RightSide)->isVisible());
    }

    void missingAndExtraneousAreWorded()
    {
        show({item(deployment(3, u"a:1"_s), {})});
        QVERIFY2(m_view->summaryText().contains(u"Missing in the cluster"_s), qPrintable(m_view->summaryText()));
        show({item({}, deployment(3, u"a:1"_s))});
        QVERIFY2(m_view->summaryText().contains(u"Not in Git"_s), qPrintable(m_view->summaryText()));
        YamlDiffView::Item unavailable = item(deployment(3, u"a:1"_s), {});
        unavailable.unavailable = u"staging: Unreachable (connection refused)"_s;
        show({unavailable});
        QVERIFY(m_view->paneText(LeftSide).contains(u"kind: Deployment"_s));
        QVERIFY(m_view->paneText(RightSide).isEmpty());
        QCOMPARE(m_view->pane(RightSide)->placeholderText(), unavailable.unavailable);
        QVERIFY(!m_view->nextAction()->isEnabled());
    }

    void chooserListsChangedResourcesFirst()
    {
        QList<YamlDiffView::Item> items;
        for (int i = 0; i < 5; ++i) {
            const QString name = u"cm-%1"_s.arg(i);
            items << item(configMap(5, {}, name), configMap(5, i == 3 ? QSet<int> {1} : QSet<int> {}, name),
                Source::Revisions);
        }
        items << item(configMap(2, {}, u"gone"_s), {}, Source::Revisions);
        QSignalSpy shown(m_view.get(), &YamlDiffView::diffShown);
        m_view->setItems(items, u"staging/web: 1a2b3c4 → 5d6e7f8"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), Timeout);
        QVERIFY(m_view->isComparison());
        QVERIFY(m_view->resourceChooser()->isVisible());
        QCOMPARE(m_view->chooserCountLabel()->text(), u"2 of 6 differ"_s);
        QVERIFY2(m_view->resourceChooser()->itemText(0).startsWith(u"ConfigMap default/cm-3"_s),
            qPrintable(m_view->resourceChooser()->itemText(0)));
        QVERIFY(m_view->resourceChooser()->itemText(1).startsWith(u"ConfigMap default/gone"_s));
        // Picking one shows it.
        m_view->setCurrentIndex(3);
        QTRY_VERIFY(m_view->currentDiff() && !m_view->isComputing());
        QCOMPARE(m_view->currentItem()->key.name, u"cm-3"_s);
        QVERIFY(m_view->paneText(RightSide).contains(u"changed value 1"_s));
        QSignalSpy closed(m_view.get(), &YamlDiffView::closeRequested);
        QVERIFY(m_view->headerText().contains(u"5d6e7f8"_s));
    }

    void diffColoursFollowThePalette()
    {
        show({item(deployment(3, u"a:1"_s), deployment(5, u"a:1"_s))});
        QPalette light = m_view->palette();
        light.setColor(QPalette::Base, Qt::white);
        light.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
        light.setColor(QPalette::Text, Qt::black);
        light.setColor(QPalette::WindowText, Qt::black);
        m_view->setPalette(light);
        const DiffPane::Colors l = m_view->pane(LeftSide)->colors();
        QVERIFY(l.background.lightness() > 128);
        // Tints stay close to the background; the intra-line ones are stronger.
        QVERIFY(l.added.lightness() > 170 && l.removed.lightness() > 170 && l.changed.lightness() > 170);
        QVERIFY(l.addedWord.lightness() < l.added.lightness());

        QPalette dark = light;
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
        m_view->setPalette(dark);
        const DiffPane::Colors d = m_view->pane(LeftSide)->colors();
        QVERIFY(d.background.lightness() < 128);
        QVERIFY(d.added.lightness() < 100 && d.removed.lightness() < 100 && d.changed.lightness() < 100);
        QVERIFY(d.addedWord.lightness() > d.added.lightness());
        QVERIFY(m_view->pane(LeftSide)->palette().color(QPalette::Base).lightness() < 128);
        // Re-highlighted with the dark theme as painted.
        m_view->pane(LeftSide)->ensureHighlighted(0, 3);
        QVERIFY(m_view->pane(LeftSide)->isHighlighted(1));
    }

    void bigDiffDoesNotBlockTheUi()
    {
        // 20,000 lines a side, 2% of them changed.
        constexpr int Keys = 20000;
        QSet<int> changed;
        for (int i = 17; i < Keys; i += 50)
            changed.insert(i);
        const QJsonObject left = configMap(Keys);
        const QJsonObject right = configMap(Keys, changed);
        qint64 longest = 0;
        QElapsedTimer sinceTick;
        QTimer probe;
        probe.setInterval(5);
        bool onScreen = false;
        bool sawBusy = false;
        qint64 longestWhileComputing = 0; // before the diff arrived
        qint64 longestWhileShowing = 0;   // filling the documents, first paints, a jump
        connect(&probe, &QTimer::timeout, this, [&] {
            sawBusy = sawBusy || m_view->isShowingBusy();
            const qint64 gap = sinceTick.restart();
            longest = qMax(longest, gap);
            (onScreen ? longestWhileShowing : longestWhileComputing)
                = qMax(onScreen ? longestWhileShowing : longestWhileComputing, gap);
        });
        QSignalSpy shown(m_view.get(), &YamlDiffView::diffShown);
        connect(m_view.get(), &YamlDiffView::diffShown, this, [&] { onScreen = true; });
        QElapsedTimer total;
        total.start();
        sinceTick.start();
        probe.start();
        m_view->setItems({item(left, right)});
        const qint64 handedOver = total.elapsed();
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 60000);
        const qint64 computed = total.elapsed();
        QTest::qWait(100); // the first paints, highlighting included
        m_view->nextChange();
        m_view->pane(RightSide)->verticalScrollBar()->setValue(
            m_view->pane(RightSide)->verticalScrollBar()->maximum());
        QTest::qWait(50);
        probe.stop();
        longest = qMax(longest, sinceTick.elapsed());
        qInfo("20,000-line diff: setItems returned in %lld ms, diff on screen after %lld ms, longest UI stall %lld ms "
              "(%lld ms while computing, %lld ms while showing)",
            handedOver, computed, longest, longestWhileComputing, longestWhileShowing);
        QVERIFY2(longest < 100, qPrintable(u"the UI thread stalled for %1 ms"_s.arg(longest)));
        // "Comparing…" appears only after 150 ms, and goes away with the result.
        if (computed > 250)
            QVERIFY(sawBusy);
        QVERIFY(!m_view->isShowingBusy());
        QCOMPARE(m_view->currentDiff()->text.changeStarts.size(), changed.size());
        QCOMPARE(m_view->ruler()->markers().size(), changed.size());

        // Opening every fold (20,000 lines in each document) is one setPlainText per pane.
        QElapsedTimer expand;
        expand.start();
        m_view->expandAll();
        QApplication::processEvents();
        qInfo("expanding all folds of the 20,000-line diff: %lld ms", expand.elapsed());
        QCOMPARE(m_view->pane(LeftSide)->document()->blockCount(), m_view->pane(RightSide)->document()->blockCount());
    }

private:
    void show(const QList<YamlDiffView::Item>& items)
    {
        QSignalSpy shown(m_view.get(), &YamlDiffView::diffShown);
        m_view->setItems(items);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), Timeout);
        QVERIFY(m_view->currentDiff());
        QTRY_VERIFY(!m_view->isComputing()); // both documents filled
        QApplication::processEvents();
    }

    QTemporaryDir m_home;
    std::unique_ptr<YamlDiffView> m_view;
};

QTEST_MAIN(TestYamlDiffView)
#include "tst_yamldiffview.moc"
