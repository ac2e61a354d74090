// A real git repository in a temporary folder, driven through the git program,
// for tests that need fixtures with history (merges, renames, many commits).
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace driftline::test {

class TestRepo
{
public:
    // Creates an empty repository (branch "main") unless `bare`.
    explicit TestRepo(bool bare = false);

    bool isValid() const { return m_ok; }
    QString path() const { return m_dir.path(); }
    QString filePath(const QString& relative) const { return m_dir.filePath(relative); }

    // Writes a file (creating folders) in the working tree.
    void write(const QString& relative, const QByteArray& contents);
    void remove(const QString& relative);
    // git add -A && git commit; returns the new commit id. `when` is seconds since the epoch (0: fixed clock).
    QString commit(const QString& message, qint64 when = 0);
    // Runs git with `args` in the repository; returns stdout (trimmed). Fails the test on a non-zero exit.
    QString git(const QStringList& args);
    // Same, but returns the exit code and leaves stdout/stderr in `out`.
    int tryGit(const QStringList& args, QString* out = nullptr);

private:
    int run(const QStringList& args, QByteArray* out, QByteArray* err);
    QTemporaryDir m_dir;
    bool m_ok = false;
    qint64 m_clock = 1'700'000'000;
};

// Writes `contents` to an absolute path, creating folders.
void writeFile(const QString& path, const QByteArray& contents);

} // namespace driftline::test
