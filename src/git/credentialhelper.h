// CredentialHelper: user names and passwords for HTTPS remotes from git's own
// credential helpers (`credential.helper`: the OS keychain, libsecret, `store`,
// a token helper), through `git credential fill|approve|reject` as every git
// front end does, so Driftline pushes where `git push` would without asking.
// libgit2 has no helper support of its own. Never prompts: a helper that would
// need a terminal answers nothing.
#pragma once

#include <QString>

#include <optional>

namespace driftline::git {

class CredentialHelper
{
public:
    struct Credential {
        QString username;
        QString password;
    };

    // What the configured helpers know for `url` (https://host/path), asked in
    // `workingDirectory` so a repository's own configuration counts; nothing when
    // git is not installed, no helper answers, or the answer has no password.
    static std::optional<Credential> fill(const QString& url, const QString& workingDirectory = {});
    // Tells the helpers the credential worked (they may store it) or was refused
    // (they forget it), as git does after an operation.
    static void approve(const QString& url, const Credential& credential, const QString& workingDirectory = {});
    static void reject(const QString& url, const Credential& credential, const QString& workingDirectory = {});

private:
    static bool run(const QString& action, const QByteArray& input, const QString& workingDirectory,
        QByteArray* output);
};

} // namespace driftline::git
