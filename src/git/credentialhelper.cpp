#include "git/credentialhelper.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace driftline::git {

namespace {

// The description git credential reads: key=value lines, a blank line at the end.
// Values never hold newlines (git refuses them), so one is dropped rather than sent.
QByteArray describe(const QString& url, const CredentialHelper::Credential* credential)
{
    const QUrl parsed(url);
    QByteArray text;
    const auto add = [&text](const char* key, const QString& value) {
        if (value.isEmpty() || value.contains(u'\n') || value.contains(QChar(0)))
            return;
        text += key;
        text += '=';
        text += value.toUtf8();
        text += '\n';
    };
    add("protocol", parsed.scheme());
    add("host", parsed.port() > 0 ? parsed.host() + u':' + QString::number(parsed.port()) : parsed.host());
    add("path", parsed.path().mid(1));
    if (credential) {
        add("username", credential->username);
        add("password", credential->password);
    } else {
        add("username", parsed.userName());
    }
    text += '\n';
    return text;
}

constexpr int Timeout = 60'000; // a keychain may show its own unlock dialog

} // namespace

bool CredentialHelper::run(
    const QString& action, const QByteArray& input, const QString& workingDirectory, QByteArray* output)
{
    const QString program = QStandardPaths::findExecutable(u"git"_s);
    if (program.isEmpty())
        return false;
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // Never a prompt: no terminal, no askpass program.
    env.insert(u"GIT_TERMINAL_PROMPT"_s, u"0"_s);
    env.remove(u"GIT_ASKPASS"_s);
    env.remove(u"SSH_ASKPASS"_s);
    process.setProcessEnvironment(env);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(program, {u"-c"_s, u"core.askPass="_s, u"credential"_s, action});
    if (!process.waitForStarted(Timeout))
        return false;
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(Timeout)) {
        process.kill();
        process.waitForFinished(1000);
        return false;
    }
    if (output)
        *output = process.readAllStandardOutput();
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

std::optional<CredentialHelper::Credential> CredentialHelper::fill(const QString& url, const QString& workingDirectory)
{
    QByteArray answer;
    if (!run(u"fill"_s, describe(url, nullptr), workingDirectory, &answer))
        return std::nullopt;
    Credential credential;
    for (const QByteArray& line : answer.split('\n')) {
        const qsizetype eq = line.indexOf('=');
        if (eq <= 0)
            continue;
        const QByteArray key = line.left(eq);
        if (key == "username")
            credential.username = QString::fromUtf8(line.mid(eq + 1));
        else if (key == "password")
            credential.password = QString::fromUtf8(line.mid(eq + 1));
    }
    if (credential.password.isEmpty())
        return std::nullopt;
    return credential;
}

void CredentialHelper::approve(const QString& url, const Credential& credential, const QString& workingDirectory)
{
    run(u"approve"_s, describe(url, &credential), workingDirectory, nullptr);
}

void CredentialHelper::reject(const QString& url, const Credential& credential, const QString& workingDirectory)
{
    run(u"reject"_s, describe(url, &credential), workingDirectory, nullptr);
}

} // namespace driftline::git
