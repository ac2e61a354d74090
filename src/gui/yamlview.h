// The YAML panel: the selected resource's canonical YAML, read-only, with
// line numbers and KSyntaxHighlighting colours that follow the palette.
// Secrets are always shown redacted.
#pragma once

#include "core/resource.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace KSyntaxHighlighting {
class SyntaxHighlighter;
}

namespace driftline::gui {

class YamlView : public QWidget
{
    Q_OBJECT
public:
    explicit YamlView(QWidget* parent = nullptr);
    ~YamlView() override;

    void setResource(const Resource& resource);
    // No resource: an explanation instead of YAML.
    void showMessage(const QString& message);

    // The text the panel shows for a resource: canonical YAML, Secrets redacted.
    static QString yamlFor(const Resource& resource);

    QString text() const;
    QString headerText() const;
    bool hasResource() const { return m_hasResource; }
    const Resource& resource() const { return m_resource; }
    QPlainTextEdit* editor() const;
    KSyntaxHighlighting::SyntaxHighlighter* highlighter() const { return m_highlighter; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyTheme();

    class Editor;
    Editor* m_editor = nullptr;
    QLabel* m_icon = nullptr;
    QLabel* m_header = nullptr;
    KSyntaxHighlighting::SyntaxHighlighter* m_highlighter = nullptr;
    Resource m_resource;
    bool m_hasResource = false;
};

} // namespace driftline::gui
