// The sandbox's own PKI: a throw-away CA, a loopback server certificate signed
// by it, and a bearer token. Generated fresh for every sandbox instance.
#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QSslCertificate>
#include <QSslKey>

namespace driftline::sandbox
{

class SandboxCertificates
{
public:
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

private:
    QByteArray m_caPem;
    QByteArray m_serverPem;
    QByteArray m_serverKeyPem;
    QByteArray m_token;
};

} // namespace driftline::sandbox
