#include "testsupport/testrepo.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;

namespace driftline::test {

void writeFile(const QString& path, const QByteArray& contents)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write(contents);
}

TestRepo::TestRepo(bool bare)
{
    if (!m_dir.isValid())
        return;
    QStringList args { u"init"_s, u"-q"_s, u"-b"_s, u"main"_s };
    if (bare)
        args << u"--bare"_s;
    m_ok = tryGit(args) == 0;
    if (m_ok && !bare) {
        tryGit({ u"config"_s, u"user.name"_s, u"Test Author"_s });
        tryGit({ u"config"_s, u"user.email"_s, u"test@example.org"_s });
        tryGit({ u"config"_s, u"commit.gpgsign"_s, u"false"_s });
    }
}

void TestRepo::write(const QString& relative, const QByteArray& contents)
{
    writeFile(m_dir.filePath(relative), contents);
}

void TestRepo::remove(const QString& relative)
{
    const QString p = m_dir.filePath(relative);
    if (QFileInfo(p).isDir())
        QDir(p).removeRecursively();
    else
        QFile::remove(p);
}

int TestRepo::run(const QStringList& args, QByteArray* out, QByteArray* err)
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString when = QString::number(m_clock) + u" +0000"_s;
    env.insert(u"GIT_AUTHOR_DATE"_s, when);
    env.insert(u"GIT_COMMITTER_DATE"_s, when);
    env.insert(u"GIT_CONFIG_NOSYSTEM"_s, u"1"_s);
    env.insert(u"HOME"_s, m_dir.path());
    p.setProcessEnvironment(env);
    p.start(u"git"_s, args);
    p.waitForFinished(120000);
    *out = p.readAllStandardOutput();
    *err = p.readAllStandardError();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

int TestRepo::tryGit(const QStringList& args, QString* out)
{
    QByteArray o, e;
    const int rc = run(args, &o, &e);
    if (out)
        *out = QString::fromUtf8(o + e).trimmed();
    return rc;
}

QString TestRepo::git(const QStringList& args)
{
    QByteArray o, e;
    if (run(args, &o, &e) != 0)
        qWarning("git %s failed: %s", qPrintable(args.join(u' ')), e.constData());
    return QString::fromUtf8(o).trimmed();
}

QString TestRepo::commit(const QString& message, qint64 when)
{
    m_clock = when > 0 ? when : m_clock + 60;
    git({ u"add"_s, u"-A"_s });
    git({ u"commit"_s, u"-q"_s, u"--allow-empty"_s, u"-m"_s, message });
    return git({ u"rev-parse"_s, u"HEAD"_s });
}

} // namespace driftline::test
