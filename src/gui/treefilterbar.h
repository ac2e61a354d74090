// The controls above the environment tree: the text filter, an "Only out of
// sync" toggle, a health choice and how many resources pass ("7 of 58"). They
// drive a DriftTreeFilter; the toggle and the health choice are remembered in
// QSettings across runs, the text is not.
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace driftline::gui {

class DriftTreeFilter;

class TreeFilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit TreeFilterBar(DriftTreeFilter* filter, QWidget* parent = nullptr);

    QLineEdit* textEdit() const { return m_text; }          // "treeFilter"
    QToolButton* onlyOutOfSyncToggle() const { return m_outOfSync; } // "onlyOutOfSyncToggle"
    QComboBox* healthCombo() const { return m_health; }      // "healthFilter"
    QLabel* countLabel() const { return m_count; }           // "filterCount"

    // Turns every filter off (the remembered choices too), so any item can be shown.
    void clear();

Q_SIGNALS:
    // A filter was switched on or changed by the user or clear().
    void filtersChanged();

private:
    void updateCount();
    void save() const;

    DriftTreeFilter* m_filter = nullptr;
    QLineEdit* m_text = nullptr;
    QToolButton* m_outOfSync = nullptr;
    QComboBox* m_health = nullptr;
    QLabel* m_count = nullptr;
};

} // namespace driftline::gui
