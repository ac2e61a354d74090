#include "workspace/plainrenderer.h"

#include "core/manifestparser.h"
#include "git/repository.h"
#include "workspace/kustomizerenderer.h"

#include <QCoreApplication>
#include <QDir>
#include <QSet>
#include <QStringBuilder>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace driftline::workspace {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(driftline::workspace::PlainRenderer)
};

QString parentPath(const QString& path)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    return slash < 0 ? QString() : path.left(slash);
}

QString fileName(const QString& path)
{
    return path.mid(path.lastIndexOf(u'/') + 1);
}

bool isUnder(const QString& path, const QString& folder)
{
    return folder.isEmpty() || (path.size() > folder.size() && path.startsWith(folder) && path.at(folder.size()) == u'/');
}

// Symlinks to symlinks are followed this many times before giving up (a loop).
constexpr int MaxLinkHops = 8;

class FileLoader
{
public:
    FileLoader(const git::Repository& repo, const QString& commitId, RenderResult& out)
        : m_repo(repo)
        , m_commit(commitId)
        , m_out(out)
    {
    }

    void load(const git::TreeEntry& entry, int hops = 0)
    {
        switch (entry.type) {
        case git::TreeEntry::Type::Submodule:
        case git::TreeEntry::Type::Tree:
            return;
        case git::TreeEntry::Type::Symlink:
            followLink(entry, hops);
            return;
        case git::TreeEntry::Type::Blob:
            break;
        }
        auto size = m_repo.blobSize(entry.id);
        if (!size) {
            m_out.errors.append(Error(size.error()).at(entry.path));
            return;
        }
        // Refused before reading: a huge blob would cost memory and time for nothing.
        if (*size > ManifestParser::MaxFileSize) {
            m_out.errors.append(
                Error::make(Error::Code::TooLarge, Tr::tr("file is %1 MB, over the %2 MB limit for a manifest; not read")
                                                       .arg(QString::number(double(*size) / (1024 * 1024), 'f', 1))
                                                       .arg(ManifestParser::MaxFileSize / (1024 * 1024)))
                    .at(entry.path));
            return;
        }
        auto data = m_repo.readBlob(entry.id);
        if (!data) {
            m_out.errors.append(Error(data.error()).at(entry.path));
            return;
        }
        ParseResult parsed = ManifestParser::parse(*data, entry.path);
        m_out.resources.append(std::move(parsed.resources));
        m_out.errors.append(std::move(parsed.errors));
    }

    void loadFolder(const QString& folder, bool topLevel)
    {
        auto entries = m_repo.listTree(m_commit, folder, true);
        if (!entries) {
            m_out.errors.append(entries.error());
            return;
        }
        // Subfolders that are kustomizations or charts are inputs of another
        // renderer (patches, templates), not manifests of this application.
        QSet<QString> foreign;
        for (const git::TreeEntry& e : std::as_const(*entries)) {
            const QString name = fileName(e.path);
            const QString dir = parentPath(e.path);
            if (dir != folder && (KustomizeRenderer::isKustomizationFile(name) || name == u"Chart.yaml"))
                foreign.insert(dir);
        }
        for (const git::TreeEntry& e : std::as_const(*entries)) {
            const QString relative = folder.isEmpty() ? e.path : e.path.mid(folder.size() + 1);
            if (relative.startsWith(u'.') || relative.contains(u"/."))
                continue; // .github workflows and other tool folders are no manifests
            if (!PlainRenderer::isManifestFileName(fileName(e.path)))
                continue;
            if (topLevel && folder.isEmpty() && e.path == u"driftline.yaml")
                continue;
            bool skip = false;
            for (const QString& f : std::as_const(foreign)) {
                if (isUnder(e.path, f)) {
                    skip = true;
                    break;
                }
            }
            if (!skip)
                load(e);
        }
    }

private:
    void followLink(const git::TreeEntry& link, int hops)
    {
        auto blob = m_repo.readBlob(link.id);
        if (!blob) {
            m_out.errors.append(Error(blob.error()).at(link.path));
            return;
        }
        const QString target = QString::fromUtf8(*blob);
        const QString resolved = QDir::cleanPath(parentPath(link.path) + u'/' + target);
        if (QDir::isAbsolutePath(target) || resolved == u".." || resolved.startsWith(u"../")) {
            m_out.errors.append(
                Error::make(Error::Code::InvalidInput,
                            Tr::tr("symlink to %1 points outside the repository; refused").arg(target))
                    .at(link.path));
            return;
        }
        if (hops >= MaxLinkHops) {
            m_out.errors.append(
                Error::make(Error::Code::InvalidInput, Tr::tr("too many levels of symlinks; refused")).at(link.path));
            return;
        }
        auto entry = Renderer::entryAt(m_repo, m_commit, resolved == u"." ? QString() : resolved);
        if (!entry) {
            m_out.errors.append(
                Error::make(Error::Code::NotFound, Tr::tr("symlink target %1 does not exist").arg(target)).at(link.path));
            return;
        }
        if (entry->type == git::TreeEntry::Type::Tree) {
            entry->path = resolved;
            loadFolder(resolved, false);
            return;
        }
        load(*entry, hops + 1);
    }

    const git::Repository& m_repo;
    QString m_commit;
    RenderResult& m_out;
};

} // namespace

QString PlainRenderer::name() const
{
    return u"plain"_s;
}

QString PlainRenderer::version() const
{
    // Bump when what this renderer produces from the same files changes.
    return u"1"_s;
}

bool PlainRenderer::isManifestFileName(const QString& fileName)
{
    const QString lower = fileName.toLower();
    if (!lower.endsWith(u".yaml") && !lower.endsWith(u".yml") && !lower.endsWith(u".json"))
        return false;
    if (KustomizeRenderer::isKustomizationFile(fileName))
        return false;
    return fileName != u"Chart.yaml" && fileName != u"Chart.lock";
}

Result<QStringList> PlainRenderer::inputs(const git::Repository& repo, const QString& commitId,
                                          const Application& app) const
{
    QStringList out;
    bool linked = false;
    // Tried as a folder first: that is what nearly every application is.
    if (auto entries = repo.listTree(commitId, app.path, true)) {
        auto id = repo.treeId(commitId, app.path);
        if (!id)
            return fail(id.error());
        out.append(app.path + u' ' + *id);
        linked = std::any_of(entries->cbegin(), entries->cend(),
                             [](const git::TreeEntry& e) { return e.type == git::TreeEntry::Type::Symlink; });
    } else {
        auto top = entryAt(repo, commitId, app.path);
        if (!top)
            return fail(top.error());
        out.append(app.path + u' ' + top->id);
        linked = top->type == git::TreeEntry::Type::Symlink;
    }
    if (linked) {
        auto root = repo.treeId(commitId, {});
        if (!root)
            return fail(root.error());
        out.append(u"/ "_s + *root);
    }
    return out;
}

RenderResult PlainRenderer::render(const git::Repository& repo, const QString& commitId, const Application& app) const
{
    RenderResult out;
    out.renderer = name();
    auto top = entryAt(repo, commitId, app.path);
    if (!top) {
        out.errors.append(top.error());
        return out;
    }
    FileLoader loader(repo, commitId, out);
    if (top->type == git::TreeEntry::Type::Tree)
        loader.loadFolder(app.path, true);
    else
        loader.load(*top);
    finish(out, app);
    return out;
}

} // namespace driftline::workspace
