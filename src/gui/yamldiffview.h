// YamlDiffView: the YAML diff panel. Shows one resource compared across two
// sources (Git vs the live object, two revisions of an application, one
// application in two environments), several resources through a chooser.
// Side-by-side or unified, YAML colours under diff colours, intra-line
// highlights, line numbers and field managers in the gutter, unchanged runs
// folded, next/previous change, an overview ruler, find, copy either side, a
// structural summary linked to rows, Secrets masked until revealed per
// resource, and "Ignore this field…" on changed lines. Every ResourceDiff is
// computed on a worker thread; a generation counter drops stale results.
#pragma once

#include "core/resourcekey.h"
#include "engine/resourcediff.h"
#include "gui/difflayout.h"
#include "workspace/workspace.h"

#include <QList>
#include <QSet>
#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QMessageBox;
class QScrollArea;
class QTimer;
class QToolBar;
class QToolButton;

namespace driftline::gui {

class DiffOverviewRuler;
class DiffPane;

class YamlDiffView : public QWidget
{
    Q_OBJECT
public:
    using Mode = DiffLayout::Mode;

    // One resource to compare.
    struct Item {
        ResourceKey key;
        engine::ResourceDiffRequest request; // source, titles, both objects, ignore rules
        QString status;      // shown in the header ("OutOfSync"), may be empty
        QString unavailable; // the right side cannot be read (why): the left is shown alone
        std::optional<workspace::Application> application; // enables "Ignore this field…"
        QString repositoryPath;
    };

    explicit YamlDiffView(QWidget* parent = nullptr);
    ~YamlDiffView() override;

    // Compares `items` (one resource, or every resource pair of a comparison, listed
    // in the chooser with the differing ones first). `heading` names a comparison
    // that is not the live view ("staging/api: 1a2b3c4 → HEAD"): it gets a close button.
    void setItems(const QList<Item>& items, const QString& heading = {});
    void setItem(const Item& item) { setItems({item}); }
    // Nothing to compare: an explanation instead.
    void showMessage(const QString& message);

    bool hasResource() const { return !m_items.isEmpty(); }
    // A comparison is running or its documents are still being filled.
    bool isComputing() const;
    bool isComparison() const { return !m_heading.isEmpty(); }
    int itemCount() const { return int(m_items.size()); }
    int currentIndex() const { return m_current; }
    void setCurrentIndex(int index);
    const Item* currentItem() const;
    std::shared_ptr<const engine::ResourceDiff> currentDiff() const;
    const DiffLayout& layout() const { return m_layout; }

    Mode mode() const { return m_mode; }
    // `remember`: stored in QSettings for the next run.
    void setMode(Mode mode, bool remember = true);
    bool isNormalized() const { return m_normalized; }
    void setNormalized(bool normalized);

    // Change blocks: next/previous wrap around at the ends.
    void nextChange();
    void previousChange();
    void showChange(int change);
    int currentChange() const { return m_currentChange; }
    // Scrolls to a diff row (opening its fold) and marks it.
    void scrollToRow(int row);
    void expandFold(int segment);
    void expandAll();

    // Find in both panes (in unified mode, the one pane).
    void showFindBar();
    void find(const QString& text);
    void findNext();
    void findPrevious();
    int findMatchCount() const { return int(m_matches.size()); }
    // Where the current match is: its pane (0 left/unified, 1 right) and block; -1 when none.
    int currentFindPane() const;
    int currentFindBlock() const;

    // Puts a side's text, as shown (masked unless revealed), on the clipboard.
    void copySide(engine::DiffSide side);

    bool isSecret() const;
    bool secretsRevealed() const;
    // Asks for confirmation (revealConfirmation()) and then shows this resource's values.
    void requestReveal();
    void hideSecrets();
    QMessageBox* revealConfirmation() const { return m_revealBox; }

    // The actions of the context menu of `block` in pane `pane` (tests call it directly).
    void addContextActions(QMenu* menu, int pane, int block);

    DiffPane* pane(engine::DiffSide side) const { return m_panes[side]; }
    DiffOverviewRuler* ruler() const { return m_ruler; }
    QLabel* summaryLabel() const { return m_summary; }
    QString summaryText() const; // the summary as plain text
    QString headerText() const;  // resource, titles and status
    QString paneText(engine::DiffSide side) const;
    QComboBox* resourceChooser() const { return m_chooser; }
    QLabel* chooserCountLabel() const { return m_chooserCount; }
    QLabel* busyLabel() const { return m_busy; }
    bool isShowingBusy() const;
    QLineEdit* findEdit() const { return m_findEdit; }
    QAction* nextAction() const { return m_nextAction; }
    QAction* previousAction() const { return m_previousAction; }
    QAction* sideBySideAction() const { return m_sideBySideAction; }
    QAction* unifiedAction() const { return m_unifiedAction; }
    QAction* normalizedAction() const { return m_normalizedAction; }
    QAction* revealAction() const { return m_revealAction; }
    QAction* copyLeftAction() const { return m_copyLeftAction; }
    QAction* copyRightAction() const { return m_copyRightAction; }
    QAction* findAction() const { return m_findAction; }
    // "Sync…": the shown resource, Git against the cluster (enabled for resources Git has).
    QAction* syncAction() const { return m_syncAction; }

Q_SIGNALS:
    // "Ignore this field…" committed a rule: the workspace should be read again.
    void reloadRequested();
    // The user closed a comparison of revisions or environments.
    void closeRequested();
    // A computed diff is on screen.
    void diffShown();
    // "Sync…" on the shown resource of `applicationId` ("staging/web").
    void syncRequested(const QString& applicationId, const driftline::ResourceKey& key);

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Payload;
    void createActions();
    void applyTheme();
    void compute(const QList<int>& indices);
    void onComputed(quint64 generation, const Payload& payload);
    void display(bool keepPosition);
    void rebuildLayout(bool keepPosition);
    void updateHeader();
    void updateSummary();
    void updateChooser();
    void updateActions();
    void updateRuler();
    void updateRulerRange();
    void markChange(int change);
    int changeExtent(int change) const;
    void clearPanes(const QString& message);
    void recomputeFind();
    void selectMatch(int index);
    void syncScroll(int from, bool vertical, int value);
    void reveal();

    // Widgets
    QLabel* m_icon = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_headingLabel = nullptr;
    QToolButton* m_closeButton = nullptr;
    QComboBox* m_chooser = nullptr;
    QLabel* m_chooserCount = nullptr;
    QToolBar* m_toolbar = nullptr;
    QLabel* m_changeLabel = nullptr;
    QLabel* m_busy = nullptr;
    QScrollArea* m_summaryArea = nullptr;
    QLabel* m_summary = nullptr;
    QWidget* m_titles = nullptr;
    std::array<QLabel*, 2> m_titleLabels {};
    std::array<DiffPane*, 2> m_panes {};
    DiffOverviewRuler* m_ruler = nullptr;
    QWidget* m_findBar = nullptr;
    QLineEdit* m_findEdit = nullptr;
    QLabel* m_findCount = nullptr;
    QMessageBox* m_revealBox = nullptr;
    QTimer* m_busyTimer = nullptr;

    QAction* m_sideBySideAction = nullptr;
    QAction* m_unifiedAction = nullptr;
    QAction* m_previousAction = nullptr;
    QAction* m_nextAction = nullptr;
    QAction* m_normalizedAction = nullptr;
    QAction* m_revealAction = nullptr;
    QAction* m_copyLeftAction = nullptr;
    QAction* m_copyRightAction = nullptr;
    QAction* m_findAction = nullptr;
    QAction* m_syncAction = nullptr;
    QAction* m_busyAction = nullptr;

    // State
    QList<Item> m_items;
    QList<std::shared_ptr<const engine::ResourceDiff>> m_diffs; // per item, null until computed
    QStringList m_errors;                                       // per item
    QSet<int> m_revealed;                                       // items whose Secret values are shown
    QString m_heading;
    int m_current = -1;
    Mode m_mode = Mode::SideBySide;
    bool m_normalized = true;
    DiffLayout m_layout;
    QSet<int> m_expanded; // open folds of the current item
    int m_currentChange = -1;
    quint64 m_generation = 0;
    int m_pending = 0;
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_syncing = false;
    bool m_expandingForFind = false;
    struct Match {
        int pane;
        int block;
        int position;
        int length;
    };
    QList<Match> m_matches;
    int m_currentMatch = -1;
};

} // namespace driftline::gui
