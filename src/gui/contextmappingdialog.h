// Maps each environment of a workspace to a kubeconfig context and picks the
// kubeconfig file: shows the file's problems, the server and namespace of each
// chosen context, and flags contexts that do not exist and clusters that skip
// TLS verification. OK stores the choices in ClusterSettings; Cancel keeps none.
#pragma once

#include "core/error.h"
#include "kube/kubeconfig.h"
#include "workspace/workspace.h"

#include <QDialog>
#include <QMap>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QTableWidget;
class QWidget;

namespace driftline::gui {

class ContextMappingDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column { EnvironmentColumn, ContextColumn, ServerColumn, NamespaceColumn, ColumnCount };

    explicit ContextMappingDialog(const workspace::Workspace& workspace, QWidget* parent = nullptr);

    // An explicit kubeconfig file, or the default files when empty; reloads.
    void setKubeconfigFile(const QString& file);
    QString kubeconfigFile() const; // empty while the default is selected
    // Reads the kubeconfig again, keeping the choices made so far.
    void reload();

    // Selects the environment's row and focuses its context.
    void focusEnvironment(const QString& environment);

    QTableWidget* table() const { return m_table; }
    int rowOf(const QString& environment) const;
    QComboBox* contextCombo(const QString& environment) const;
    // The context currently chosen for `environment`; empty: none.
    QString chosenContext(const QString& environment) const;
    // The kubeconfig's problems as shown, one per line; empty when it loaded cleanly.
    QString problemsText() const;

    void accept() override;

private:
    void chooseFile();
    void load();
    void rebuildTable();
    void updateRow(int row);
    void updateFileRow();
    QString sourceDescription() const;

    workspace::Workspace m_workspace;
    QString m_file;           // the explicit file, kept while the default is selected
    bool m_useDefault = true;
    kube::Kubeconfig m_config;
    std::optional<Error> m_loadError;
    QMap<QString, QString> m_choices; // environment -> context ("" : none)

    QRadioButton* m_defaultButton = nullptr;
    QRadioButton* m_fileButton = nullptr;
    QLineEdit* m_fileEdit = nullptr;
    QPushButton* m_chooseButton = nullptr;
    QPushButton* m_reloadButton = nullptr;
    QLabel* m_sourceLabel = nullptr;
    QWidget* m_problems = nullptr;
    QLabel* m_problemsIcon = nullptr;
    QLabel* m_problemsLabel = nullptr;
    QTableWidget* m_table = nullptr;
};

} // namespace driftline::gui
