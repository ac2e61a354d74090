// The user's kubeconfig, loaded and merged the way kubectl and client-go do it:
// clusters, users (AuthInfos), contexts and the current context, each entry
// remembering the file and line it came from. Paths inside a file are made
// absolute against that file's folder at load time.
#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace driftline::kube {

// Where an entry was defined, for error messages and the picker dialog.
struct Origin {
    QString file;
    int line = 0;
    QMap<QString, int> fieldLines; // key -> 1-based line, for errors about one field

    int lineOf(const QString& field) const { return fieldLines.value(field, line); }
};

struct Cluster {
    QString name;
    QString server;
    QString certificateAuthority;      // absolute path, or empty
    QByteArray certificateAuthorityData; // decoded PEM bytes, or empty
    bool insecureSkipTlsVerify = false;
    QString tlsServerName;
    QString proxyUrl;
    bool disableCompression = false;
    // The reserved "client.authentication.k8s.io/exec" extension, handed to exec plugins.
    QJsonObject execExtension;
    Origin origin;
};

struct ExecConfig {
    QString command; // bare name (looked up on PATH) or absolute path
    QStringList args;
    QList<QPair<QString, QString>> env;
    QString apiVersion;
    QString interactiveMode; // "Never", "IfAvailable" or "Always"
    bool provideClusterInfo = false;
    QString installHint;
};

struct User {
    QString name;
    QString clientCertificate;      // absolute path, or empty
    QByteArray clientCertificateData; // decoded PEM bytes
    QString clientKey;              // absolute path, or empty
    QByteArray clientKeyData;       // decoded PEM bytes (a secret)
    QString token;                  // a secret
    QString tokenFile;              // absolute path, or empty
    QString username;
    QString password;               // a secret
    std::optional<ExecConfig> exec;
    bool hasAuthProvider = false;   // legacy in-tree providers, which Driftline does not run
    QString impersonate;
    QString impersonateUid;
    QStringList impersonateGroups;
    QMap<QString, QStringList> impersonateUserExtra;
    Origin origin;
};

struct Context {
    QString name;
    QString cluster;
    QString user;
    QString ns = QStringLiteral("default");
    Origin origin;
};

class Kubeconfig
{
    Q_DECLARE_TR_FUNCTIONS(driftline::kube::Kubeconfig)

public:
    // Only this file, no merging (kubectl --kubeconfig). A missing file is an error.
    static Result<Kubeconfig> loadFile(const QString& path);
    // Merges the files by kubectl's rules: the first file that defines a named
    // entry or the current context wins; files that do not exist are skipped;
    // a file that cannot be parsed is an error naming it and the line.
    static Result<Kubeconfig> loadFiles(const QStringList& paths);
    // $KUBECONFIG when set, else ~/.kube/config (absent: an empty config).
    static Result<Kubeconfig> loadDefault();
    // The files loadDefault() reads, in merge order.
    static QStringList defaultPaths();

    // Parses one file's bytes; `file` names it in errors and resolves relative paths.
    static Result<Kubeconfig> parse(const QByteArray& data, const QString& file);

    const QList<Cluster>& clusters() const { return m_clusters; }
    const QList<User>& users() const { return m_users; }
    const QList<Context>& contextList() const { return m_contexts; }
    // Context names in file order, for the context picker.
    QStringList contexts() const;

    const Cluster* cluster(const QString& name) const;
    const User* user(const QString& name) const;
    const Context* context(const QString& name) const;

    QString currentContext() const { return m_currentContext; }
    // The file that set current-context, empty when none did.
    QString currentContextFile() const { return m_currentContextFile; }

    // The files that were actually read, in merge order.
    QStringList files() const { return m_files; }
    // Entries that failed validation; they are left out of clusters(), users()
    // and contexts(), and the others still load.
    const QList<Error>& errors() const { return m_errors; }

    bool isEmpty() const { return m_clusters.isEmpty() && m_users.isEmpty() && m_contexts.isEmpty(); }

private:
    static Result<Kubeconfig> parseRaw(const QByteArray& data, const QString& file);
    void mergeFrom(const Kubeconfig& later);
    void validate();

    QList<Cluster> m_clusters;
    QList<User> m_users;
    QList<Context> m_contexts;
    QString m_currentContext;
    QString m_currentContextFile;
    QStringList m_files;
    QList<Error> m_errors;
    // Names whose entry was defined but rejected, so references to them read right.
    QStringList m_badClusters;
    QStringList m_badUsers;
};

} // namespace driftline::kube
