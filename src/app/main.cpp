// Driftline's entry point: a CLI command as the first argument runs the
// command-line front end without any widgets; anything else opens the window.
#include "cli/cli.h"
#include "git/repository.h"
#include "gui/mainwindow.h"
#include "gui/yamldiffview.h"
#include "workspace/demoworkspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

void setApplicationNames()
{
    QCoreApplication::setOrganizationName(u"Driftline"_s);
    QCoreApplication::setOrganizationDomain(u"driftline.io"_s);
    QCoreApplication::setApplicationName(u"Driftline"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(DRIFTLINE_VERSION));
}

// Our own strings from :/i18n/driftline_<lang>.qm and Qt's from its translations
// folder, both chosen by the system locale.
void installTranslators(QCoreApplication& app)
{
    auto* own = new QTranslator(&app);
    // English is the source language; its catalogue only carries plural forms, and
    // is the fallback for locales we have no catalogue for (and for "C").
    if (own->load(QLocale(), u"driftline"_s, u"_"_s, u":/i18n"_s) || own->load(u"driftline_en"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(own);
    auto* qt = new QTranslator(&app);
    if (qt->load(QLocale(), u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

// The first argument starts the CLI when it names a command, or when it is a
// word that is neither an option nor an existing path (a mistyped command).
bool wantsCli(int argc, char** argv)
{
    if (argc < 2)
        return false;
    const QString first = QString::fromLocal8Bit(argv[1]);
    if (driftline::cli::Cli::isCommand(first))
        return true;
    return !first.startsWith(u'-') && !QFileInfo::exists(first);
}

// `graph --format png` draws text into an image, and fonts need a QGuiApplication;
// every other command runs on a QCoreApplication.
bool cliNeedsGui(int argc, char** argv)
{
    if (argc < 2 || qstrcmp(argv[1], "graph") != 0)
        return false;
    for (int i = 2; i < argc; ++i) {
        if (qstrcmp(argv[i], "--format=png") == 0 || (qstrcmp(argv[i], "--format") == 0 && i + 1 < argc
                                                          && qstrcmp(argv[i + 1], "png") == 0))
            return true;
    }
    return false;
}

int runCli(int argc, char** argv)
{
    std::unique_ptr<QCoreApplication> app;
    if (cliNeedsGui(argc, argv)) {
        // The CLI never opens a window: the offscreen platform needs no display (CI, ssh).
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    setApplicationNames();
    installTranslators(*app);
    driftline::cli::Cli cli;
    return cli.run(QCoreApplication::arguments().mid(1));
}

struct GuiOptions {
    QCommandLineOption demo {u"demo"_s, QCoreApplication::translate("driftline::main", "Open the demo workspace.")};
    QCommandLineOption workspace {u"workspace"_s,
                                  QCoreApplication::translate("driftline::main", "Open the repository at <path>."),
                                  QCoreApplication::translate("driftline::main", "path")};
    QCommandLineOption revision {u"revision"_s,
                                 QCoreApplication::translate("driftline::main", "Read the repository at <revision>."),
                                 QCoreApplication::translate("driftline::main", "revision")};
    QCommandLineOption screenshot {
        u"screenshot"_s,
        QCoreApplication::translate("driftline::main",
                                    "Once the workspace has loaded, save the window as a PNG to <file> and exit."),
        QCoreApplication::translate("driftline::main", "file")};
    QCommandLineOption diffMode {u"diff-mode"_s,
        QCoreApplication::translate("driftline::main",
            "Show the YAML diff panel side by side or unified (this run only): side-by-side or unified."),
        QCoreApplication::translate("driftline::main", "mode")};
    QCommandLineOption detailsTab {u"details-tab"_s,
        QCoreApplication::translate("driftline::main",
            "Show the Summary, Graph or History tab above the diff panel: summary, graph or history."),
        QCoreApplication::translate("driftline::main", "tab")};
    QCommandLineOption select {u"select"_s,
        QCoreApplication::translate("driftline::main",
            "With --screenshot: the tree item to show, an environment (staging) or an application (staging/api)."),
        QCoreApplication::translate("driftline::main", "item")};

    void addTo(QCommandLineParser& parser) const
    {
        parser.setApplicationDescription(
            QCoreApplication::translate("driftline::main",
                                        "Shows what a GitOps repository deploys to each environment.\n\n"
                                        "Commands (run without a window): %1")
                .arg(driftline::cli::Cli::commandNames().join(u", "_s)));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({demo, workspace, revision, screenshot, diffMode, detailsTab, select});
        parser.addPositionalArgument(u"path"_s,
                                     QCoreApplication::translate("driftline::main", "A repository to open."),
                                     u"[path]"_s);
    }
};

bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

// --help, --version and bad options need no window (and no display): answered here.
int runInfo(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    setApplicationNames();
    installTranslators(app);
    QCommandLineParser parser;
    GuiOptions options;
    options.addTo(parser);
    parser.process(app); // prints and exits for --help, --version and errors
    return 0;
}

int explainNoDisplay(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    setApplicationNames();
    installTranslators(app);
    const QString text = QCoreApplication::translate(
        "driftline::main", "driftline: no display (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
                           "Run it in a desktop session, or render the window headless with\n"
                           "  driftline --screenshot FILE.png [--demo | PATH]\n"
                           "The command-line tools need no display: driftline help\n");
    std::fputs(qUtf8Printable(text), stderr);
    return 1;
}

int runGui(int argc, char** argv)
{
    QApplication app(argc, argv);
    setApplicationNames();
    QGuiApplication::setDesktopFileName(u"io.driftline.Driftline"_s);
    installTranslators(app);

    QCommandLineParser parser;
    GuiOptions options;
    options.addTo(parser);
    parser.process(app);

    QString path = parser.value(options.workspace);
    if (path.isEmpty() && !parser.positionalArguments().isEmpty())
        path = parser.positionalArguments().first();
    const bool screenshot = parser.isSet(options.screenshot);
    const bool useDemo = parser.isSet(options.demo) || (path.isEmpty() && screenshot);

    driftline::gui::MainWindow window;
    if (parser.isSet(options.diffMode)) {
        const QString mode = parser.value(options.diffMode);
        using Mode = driftline::gui::YamlDiffView::Mode;
        if (mode == u"unified"_s) {
            window.yamlDiffView()->setMode(Mode::Unified, false);
        } else if (mode == u"side-by-side"_s) {
            window.yamlDiffView()->setMode(Mode::SideBySide, false);
        } else {
            std::fputs(qUtf8Printable(QCoreApplication::translate("driftline::main",
                           "driftline: --diff-mode takes side-by-side or unified, not \"%1\".\n")
                                           .arg(mode)),
                stderr);
            return 2;
        }
    }
    if (screenshot)
        window.takeScreenshotWhenLoaded(
            QFileInfo(parser.value(options.screenshot)).absoluteFilePath(), parser.value(options.select));
    else
        window.restoreLayout();
    // After restoreLayout, so the option wins over the remembered tab.
    if (parser.isSet(options.detailsTab) && !window.setDetailsTab(parser.value(options.detailsTab))) {
        std::fputs(qUtf8Printable(QCoreApplication::translate("driftline::main",
                       "driftline: --details-tab takes summary, graph or history, not \"%1\".\n")
                                       .arg(parser.value(options.detailsTab))),
            stderr);
        return 2;
    }
    if (useDemo)
        window.openDemo();
    else if (!path.isEmpty())
        window.openWorkspace(path, parser.value(options.revision));
    window.show();
    return QApplication::exec();
}

} // namespace

int main(int argc, char** argv)
{
    driftline::git::GitLibrary::ensureInitialized();
    if (wantsCli(argc, argv))
        return runCli(argc, argv);

    bool info = false;
    bool screenshot = false;
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        info = info || arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v" || arg == "--version";
        screenshot = screenshot || arg == "--screenshot" || arg.startsWith("--screenshot=");
    }
    if (info)
        return runInfo(argc, argv);
    if (!hasDisplay()) {
        if (!screenshot)
            return explainNoDisplay(argc, argv);
        // A headless screenshot needs no display at all.
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    return runGui(argc, argv);
}
