// Small helpers shared by the git module's tests.
#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace driftline::test
{

// The error text of a failed Result, for QVERIFY2 messages.
template<typename T> QByteArray errorText(const Result<T>& r)
{
    return r ? QByteArray("(no error)") : r.error().toString().toUtf8();
}

// Points HOME (and so libgit2's and git's global config) at an empty folder, so a
// developer's ~/.gitconfig cannot change what the tests see. Call before the first
// libgit2 use: libgit2 reads HOME when it initializes.
inline void isolateGitConfig(const QTemporaryDir& home)
{
    qputenv("HOME", home.path().toUtf8());
    qputenv("XDG_CONFIG_HOME", home.path().toUtf8());
    qputenv("GIT_CONFIG_NOSYSTEM", "1");
}

// Runs the git program in `dir`; returns trimmed stdout, or a null string on failure.
inline QString runGit(const QString& dir, const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral("git"), args);
    if (!input.isEmpty()) {
        p.write(input);
        p.closeWriteChannel();
    }
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning("git %s failed: %s", qPrintable(args.join(QLatin1Char(' '))),
            p.readAllStandardError().constData());
        return {};
    }
    const QString out = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    return out.isNull() ? QStringLiteral("") : out;
}

} // namespace driftline::test
