// The sandbox's own PKI: a throw-away CA, a loopback server certificate signed
// by it, and a bearer token. Generated fresh for every sandbox instance. The CA
// also issues client certificates and verifies the ones clients present, so the
// sandbox authenticates x509 users the way a real API server does.
#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QSslCertificate>
#include <QSslKey>
#include <QStringList>

#include <optional>

namespace driftline::sandbox
{

class SandboxCertificates
{
public:
    enum class KeyType { Rsa, Ec };
    struct IssuedCertificate {
        QByteArray certificatePem;
        QByteArray keyPem; // PKCS#1 "RSA PRIVATE KEY" or SEC1 "EC PRIVATE KEY"
    };
    // Who a verified client certificate names, read as the API server reads it.
    struct ClientIdentity {
        QString user;       // subject CN
        QStringList groups; // subject O entries
    };

    // EC P-256 CA (CA:TRUE) and a server certificate for localhost, 127.0.0.1
    // and ::1, plus 32 random bytes of token in base64url.
    static Result<SandboxCertificates> generate();

    QByteArray caCertificatePem() const { return m_caPem; }
    QByteArray serverCertificatePem() const { return m_serverPem; }
    QByteArray serverKeyPem() const { return m_serverKeyPem; }
    QByteArray token() const { return m_token; }

    QSslCertificate caCertificate() const;
    QSslCertificate serverCertificate() const;
    QSslKey serverKey() const;

    // A client certificate signed by this CA for `commonName` (the user) with
    // one O entry per group, extended key usage clientAuth, valid for a year.
    // RSA keys are 2048 bits, EC keys P-256.
    Result<IssuedCertificate> issueClientCertificate(
        const QString& commonName, const QStringList& groups, KeyType type) const;
    // The identity in `leaf` when it chains to this CA (through `intermediates`,
    // never through anything else the system trusts), is in its validity period
    // and may be used for client authentication; nullopt otherwise.
    std::optional<ClientIdentity> verifyClientCertificate(
        const QSslCertificate& leaf, const QList<QSslCertificate>& intermediates = {}) const;

private:
    QByteArray m_caPem;
    QByteArray m_caKeyPem; // kept in memory only, to issue client certificates
    QByteArray m_serverPem;
    QByteArray m_serverKeyPem;
    QByteArray m_token;
};

} // namespace driftline::sandbox
