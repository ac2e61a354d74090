#include "git/gitsupport.h"

#include <QTimeZone>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace driftline::git::detail
{

Error gitError(int rc, const QString& what)
{
    QString message = what;
    const git_error* last = git_error_last();
    if (last && last->klass != GIT_ERROR_NONE && last->message && *last->message)
        message += u": "_s + QString::fromUtf8(last->message).trimmed();
    const Error::Code code = rc == GIT_ENOTFOUND ? Error::Code::NotFound : Error::Code::Git;
    return Error::make(code, message);
}

QString oidToString(const git_oid& oid)
{
    char buf[GIT_OID_MAX_HEXSIZE + 1];
    git_oid_tostr(buf, sizeof buf, &oid);
    return QString::fromLatin1(buf);
}

bool oidFromString(const QString& text, git_oid* out)
{
    if (text.size() != GIT_OID_SHA1_HEXSIZE)
        return false;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (!((u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F')))
            return false;
    }
    return git_oid_fromstrn(out, text.toLatin1().constData(), GIT_OID_SHA1_HEXSIZE) == 0;
}

CommitInfo commitInfo(const git_commit* commit)
{
    CommitInfo info;
    const git_oid* id = git_commit_id(commit);
    info.id = oidToString(*id);
    info.shortId = info.id.left(8);
    if (const git_signature* author = git_commit_author(commit)) {
        info.author = QString::fromUtf8(author->name);
        info.authorEmail = QString::fromUtf8(author->email);
        info.time = QDateTime::fromSecsSinceEpoch(
            author->when.time, QTimeZone::fromSecondsAheadOfUtc(author->when.offset * 60));
    }
    // git_commit_summary caches into the commit, hence the const_cast; it does not change the object.
    if (const char* summary = git_commit_summary(const_cast<git_commit*>(commit)))
        info.summary = QString::fromUtf8(summary);
    if (const char* message = git_commit_message(commit))
        info.message = QString::fromUtf8(message);
    const unsigned int parents = git_commit_parentcount(commit);
    info.parents.reserve(parents);
    for (unsigned int i = 0; i < parents; ++i)
        info.parents.append(oidToString(*git_commit_parent_id(commit, i)));
    return info;
}

QString redactedUrl(const QString& url)
{
    if (!url.contains(u"://"_s))
        return url; // a local path or scp-like "user@host:path": no password can hide there
    const QUrl parsed(url);
    if (!parsed.isValid())
        return url.section(u"://"_s, 0, 0) + u"://"_s + url.section(u"://"_s, 1).section(u'@', -1);
    return parsed.toString(QUrl::RemovePassword);
}

} // namespace driftline::git::detail
