// The command-line front end: the same workspace loading and rendering as the
// window, printed for people (tables, YAML) or scripts (--json). Commands are
// a table, so new ones (status, diff, sync, rollback) slot in beside these.
#pragma once

#include <QCoreApplication>
#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

#include <cstdio>
#include <expected>
#include <optional>
#include <optional>

namespace driftline::cli {

class Cli
{
    Q_DECLARE_TR_FUNCTIONS(driftline::cli::Cli)
public:
    // Exit codes: 0 success, 1 the work ran but found errors, 2 a usage error.
    // status and diff: 0 in sync, 1 drift found, 2 an error (usage, workspace,
    // a cluster that cannot be read).
    enum ExitCode { Success = 0, Failure = 1, UsageError = 2, InSync = 0, DriftFound = 1, CheckFailed = 2 };

    explicit Cli(FILE* out = stdout, FILE* err = stderr);

    // True when `word` names a command (so main() starts the CLI rather than the window).
    static bool isCommand(const QString& word);
    static QStringList commandNames();

    // `args` starts with the command: {"render", "--env", "staging", …}.
    int run(const QStringList& args);

private:
    struct Command {
        QString name;
        const char* summary; // translated when shown
        int (Cli::*handler)(const QStringList& args);
    };
    static const QList<Command>& commands();

    int help(const QStringList& args);
    int version(const QStringList& args);
    int apps(const QStringList& args);
    int render(const QStringList& args);
    int sandbox(const QStringList& args);
    int demo(const QStringList& args);
    int status(const QStringList& args);
    int diff(const QStringList& args);
    int graph(const QStringList& args);
    int sync(const QStringList& args);
    int rollback(const QStringList& args);
    int audit(const QStringList& args);

    // Whether stdout gets ANSI colours for --color VALUE: "auto" (a terminal and
    // NO_COLOR unset), "always", "never"; nullopt for anything else.
    std::optional<bool> colorFor(const QString& value) const;

    // Parses `args` for `driftline <command>` (the drift options, --format one of
    // `formats`, the first being the default, and --color). On a usage error or
    // --help, what was printed has been printed: the exit code is the error.
    struct DriftArgs {
        QString format;
        bool color = false;
    };
    std::expected<DriftArgs, int> parseDriftCommand(
        QCommandLineParser& parser, const QString& command, const QStringList& args, const QStringList& formats);

    FILE* m_outFile;
    QTextStream m_out;
    QTextStream m_err;
};

} // namespace driftline::cli
