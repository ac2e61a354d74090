// Bridges libgit2's remote callbacks (transfer progress, server messages,
// credentials, checkout progress) to a ProgressCallback for one clone or fetch,
// and remembers whether the user cancelled or authentication ran out of options.
#pragma once

#include "git/credentialhelper.h"
#include "git/repository.h"

#include <git2.h>

namespace driftline::git::detail
{

class TransferCallbacks
{
public:
    // `workingDirectory`: the repository's, so its own credential.helper counts (empty for a clone).
    TransferCallbacks(const ProgressCallback& progress, const QString& url, const QString& workingDirectory = {});
    // Tells git's credential helpers whether the credential they gave worked (call once,
    // when the operation ended); nothing when none came from them.
    void settleCredential(bool succeeded);

    void install(git_remote_callbacks* callbacks);
    void installCheckout(git_checkout_options* options);

    bool cancelled() const { return m_cancelled; }
    // Why authentication gave up, when it did (empty otherwise).
    QString authFailure() const { return m_authFailure; }
    // The server's reason for refusing a pushed reference ("non-fast-forward",
    // "fetch first"), empty when it accepted every one.
    QString pushRejection() const { return m_pushRejection; }

private:
    static int onTransfer(const git_indexer_progress* stats, void* payload);
    static int onSideband(const char* text, int length, void* payload);
    static int onCredentials(git_credential** out, const char* url, const char* usernameFromUrl,
        unsigned int allowedTypes, void* payload);
    static int onPushTransfer(unsigned int current, unsigned int total, size_t bytes, void* payload);
    static int onPushUpdate(const char* refname, const char* status, void* payload);
    static void onCheckout(const char* path, size_t completed, size_t total, void* payload);

    bool report();
    int credentials(git_credential** out, const char* usernameFromUrl, unsigned int allowedTypes);

    const ProgressCallback& m_progress;
    QString m_url; // redacted, for messages
    QString m_fullUrl; // for git's credential helpers only, never shown
    QString m_workingDirectory;
    TransferProgress m_state;
    QString m_receivingText;
    QString m_resolvingText;
    QString m_pushRejection;
    bool m_cancelled = false;
    bool m_triedAgent = false;
    bool m_triedDefault = false;
    bool m_triedUsername = false;
    bool m_triedHelper = false;
    std::optional<CredentialHelper::Credential> m_helperCredential;
    QString m_authFailure;
};

} // namespace driftline::git::detail
