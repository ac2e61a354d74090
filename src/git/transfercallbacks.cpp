#include "git/transfercallbacks.h"

#include "git/gitsupport.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace driftline::git::detail
{

namespace
{
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(driftline::git::Repository)
};

bool isSshUrl(const QString& url)
{
    if (url.startsWith(u"ssh://"_s) || url.startsWith(u"git+ssh://"_s) || url.startsWith(u"ssh+git://"_s))
        return true;
    // scp-like syntax: [user@]host:path, with no scheme
    return !url.contains(u"://"_s) && url.contains(u':') && !url.startsWith(u'/');
}
} // namespace

TransferCallbacks::TransferCallbacks(const ProgressCallback& progress, const QString& url, const QString& workingDirectory)
    : m_progress(progress)
    , m_url(redactedUrl(url))
    , m_fullUrl(url)
    , m_workingDirectory(workingDirectory)
    , m_receivingText(Tr::tr("Receiving objects"))
    , m_resolvingText(Tr::tr("Resolving deltas"))
{
}

void TransferCallbacks::install(git_remote_callbacks* callbacks)
{
    callbacks->payload = this;
    callbacks->credentials = &TransferCallbacks::onCredentials;
    // Only pushes call it: without it a refused reference would pass as success.
    callbacks->push_update_reference = &TransferCallbacks::onPushUpdate;
    if (m_progress) {
        callbacks->transfer_progress = &TransferCallbacks::onTransfer;
        callbacks->sideband_progress = &TransferCallbacks::onSideband;
        callbacks->push_transfer_progress = &TransferCallbacks::onPushTransfer;
    }
}

void TransferCallbacks::installCheckout(git_checkout_options* options)
{
    if (!m_progress)
        return;
    options->progress_cb = &TransferCallbacks::onCheckout;
    options->progress_payload = this;
}

bool TransferCallbacks::report()
{
    if (m_cancelled)
        return false;
    if (m_progress && !m_progress(m_state))
        m_cancelled = true;
    return !m_cancelled;
}

int TransferCallbacks::onTransfer(const git_indexer_progress* stats, void* payload)
{
    auto* self = static_cast<TransferCallbacks*>(payload);
    TransferProgress& s = self->m_state;
    s.receivedObjects = stats->received_objects;
    s.totalObjects = stats->total_objects;
    s.receivedBytes = stats->received_bytes;
    s.indexedDeltas = stats->indexed_deltas;
    s.totalDeltas = stats->total_deltas;
    s.phase = stats->received_objects < stats->total_objects ? self->m_receivingText : self->m_resolvingText;
    return self->report() ? 0 : GIT_EUSER;
}

int TransferCallbacks::onSideband(const char* text, int length, void* payload)
{
    auto* self = static_cast<TransferCallbacks*>(payload);
    // The server sends "Counting objects:  50% (1/2)\r"-style lines; keep the latest one.
    QString chunk = QString::fromUtf8(text, length);
    chunk.replace(u'\r', u'\n');
    const QStringList lines = chunk.split(u'\n', Qt::SkipEmptyParts);
    if (!lines.isEmpty() && !lines.constLast().trimmed().isEmpty())
        self->m_state.phase = lines.constLast().trimmed();
    return self->report() ? 0 : GIT_EUSER;
}

int TransferCallbacks::onPushTransfer(unsigned int current, unsigned int total, size_t bytes, void* payload)
{
    auto* self = static_cast<TransferCallbacks*>(payload);
    TransferProgress& s = self->m_state;
    s.receivedObjects = current; // objects sent, in a push
    s.totalObjects = total;
    s.receivedBytes = bytes;
    s.phase = Tr::tr("Writing objects");
    return self->report() ? 0 : GIT_EUSER;
}

int TransferCallbacks::onPushUpdate(const char* refname, const char* status, void* payload)
{
    auto* self = static_cast<TransferCallbacks*>(payload);
    if (status) {
        if (!self->m_pushRejection.isEmpty())
            self->m_pushRejection += u"; "_s;
        self->m_pushRejection += QString::fromUtf8(refname) + u": "_s + QString::fromUtf8(status);
    }
    return 0;
}

void TransferCallbacks::onCheckout(const char* /*path*/, size_t completed, size_t total, void* payload)
{
    auto* self = static_cast<TransferCallbacks*>(payload);
    if (total == 0)
        return;
    self->m_state.phase = Tr::tr("Checking out files (%1/%2)").arg(completed).arg(total);
    // A checkout cannot be interrupted from here; a cancel is honoured by the caller afterwards.
    self->report();
}

int TransferCallbacks::onCredentials(git_credential** out, const char* /*url*/, const char* usernameFromUrl,
    unsigned int allowedTypes, void* payload)
{
    return static_cast<TransferCallbacks*>(payload)->credentials(out, usernameFromUrl, allowedTypes);
}

int TransferCallbacks::credentials(
    git_credential** out, const char* usernameFromUrl, unsigned int allowedTypes)
{
    const char* user = usernameFromUrl && *usernameFromUrl ? usernameFromUrl : "git";
    // libgit2 calls back after each rejected credential: offer each kind once, then give up
    // with a reason instead of looping.
    if ((allowedTypes & GIT_CREDENTIAL_SSH_KEY) && !m_triedAgent) {
        m_triedAgent = true;
        return git_credential_ssh_key_from_agent(out, user);
    }
    if ((allowedTypes & GIT_CREDENTIAL_USERNAME) && !m_triedUsername) {
        m_triedUsername = true;
        return git_credential_username_new(out, user);
    }
    if ((allowedTypes & GIT_CREDENTIAL_DEFAULT) && !m_triedDefault) {
        m_triedDefault = true;
        return git_credential_default_new(out);
    }
    // HTTPS: what git's credential helpers hold for this remote, once; asked again,
    // the server refused it, so the helpers forget it.
    if ((allowedTypes & GIT_CREDENTIAL_USERPASS_PLAINTEXT) && !isSshUrl(m_fullUrl)) {
        if (!m_triedHelper) {
            m_triedHelper = true;
            m_helperCredential = CredentialHelper::fill(m_fullUrl, m_workingDirectory);
            if (m_helperCredential) {
                const QByteArray username = m_helperCredential->username.toUtf8();
                const QByteArray password = m_helperCredential->password.toUtf8();
                return git_credential_userpass_plaintext_new(out, username.constData(), password.constData());
            }
        } else if (m_helperCredential) {
            CredentialHelper::reject(m_fullUrl, *m_helperCredential, m_workingDirectory);
            m_helperCredential.reset();
            m_authFailure = Tr::tr("authentication to %1 failed: the server refused the user name and password "
                                   "git's credential helper gave")
                                .arg(m_url);
            return GIT_EAUTH;
        }
    }
    if (m_triedAgent)
        m_authFailure
            = Tr::tr("authentication to %1 failed: ssh-agent offered no key the server accepts").arg(m_url);
    else if (isSshUrl(m_url))
        m_authFailure = Tr::tr("authentication to %1 failed: no ssh key is available").arg(m_url);
    else
        m_authFailure = Tr::tr("%1 asks for a user name and password and git's credential helper has none; "
                               "Driftline cannot prompt for them, so store them with git (credential.helper), "
                               "use an ssh URL with ssh-agent, or put the credentials in the URL")
                            .arg(m_url);
    return GIT_EAUTH;
}

void TransferCallbacks::settleCredential(bool succeeded)
{
    if (!m_helperCredential)
        return;
    if (succeeded)
        CredentialHelper::approve(m_fullUrl, *m_helperCredential, m_workingDirectory);
    else if (!m_authFailure.isEmpty())
        CredentialHelper::reject(m_fullUrl, *m_helperCredential, m_workingDirectory);
    m_helperCredential.reset();
}

} // namespace driftline::git::detail
