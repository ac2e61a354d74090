#include "gui/clustersettings.h"

#include <QCryptographicHash>
#include <QDir>
#include <QSettings>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace driftline::gui {

namespace {
const QString PathKey = u"path"_s;
const QString KubeconfigKey = u"kubeconfig"_s;
const QString ContextsGroup = u"contexts"_s;

// Environment names become keys; '/' and '\\' would otherwise split them into groups.
QString contextKey(const QString& environment)
{
    return ContextsGroup + u'/' + QString::fromLatin1(QUrl::toPercentEncoding(environment));
}
} // namespace

ClusterSettings::ClusterSettings(const QString& repositoryPath)
    : m_path(QDir::cleanPath(QDir(repositoryPath).absolutePath()))
{
    const QByteArray hash = QCryptographicHash::hash(m_path.toUtf8(), QCryptographicHash::Sha1).toHex();
    m_group = u"workspaces/"_s + QString::fromLatin1(hash);
}

QString ClusterSettings::kubeconfigFile() const
{
    QSettings settings;
    return settings.value(m_group + u'/' + KubeconfigKey).toString();
}

void ClusterSettings::setKubeconfigFile(const QString& file)
{
    QSettings settings;
    settings.beginGroup(m_group);
    settings.setValue(PathKey, m_path);
    if (file.isEmpty())
        settings.remove(KubeconfigKey);
    else
        settings.setValue(KubeconfigKey, QDir::cleanPath(QDir(file).absolutePath()));
}

QStringList ClusterSettings::kubeconfigPaths() const
{
    const QString file = kubeconfigFile();
    return file.isEmpty() ? kube::Kubeconfig::defaultPaths() : QStringList{file};
}

Result<kube::Kubeconfig> ClusterSettings::loadKubeconfig() const
{
    return loadKubeconfig(kubeconfigFile());
}

Result<kube::Kubeconfig> ClusterSettings::loadKubeconfig(const QString& file)
{
    return file.isEmpty() ? kube::Kubeconfig::loadDefault() : kube::Kubeconfig::loadFile(file);
}

std::optional<QString> ClusterSettings::savedContext(const QString& environment) const
{
    QSettings settings;
    const QString key = m_group + u'/' + contextKey(environment);
    if (!settings.contains(key))
        return std::nullopt;
    return settings.value(key).toString();
}

void ClusterSettings::setContext(const QString& environment, const QString& context)
{
    QSettings settings;
    settings.beginGroup(m_group);
    settings.setValue(PathKey, m_path);
    settings.setValue(contextKey(environment), context);
}

void ClusterSettings::clearContext(const QString& environment)
{
    QSettings settings;
    settings.beginGroup(m_group);
    settings.remove(contextKey(environment));
}

QString ClusterSettings::defaultContext(const workspace::Environment& environment, const kube::Kubeconfig& config)
{
    return environment.context.isEmpty() ? config.currentContext() : environment.context;
}

QString ClusterSettings::context(const workspace::Environment& environment, const kube::Kubeconfig& config) const
{
    if (const std::optional<QString> saved = savedContext(environment.name))
        return *saved;
    return defaultContext(environment, config);
}

void ClusterSettings::clear()
{
    QSettings settings;
    settings.remove(m_group);
}

} // namespace driftline::gui
