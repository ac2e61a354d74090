#include "sandbox/sandboxcertificates.h"

#include <QCoreApplication>
#include <memory>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

using namespace Qt::StringLiterals;

namespace driftline::sandbox
{

namespace
{

struct PkeyFree {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct X509Free {
    void operator()(X509* p) const { X509_free(p); }
};
struct BioFree {
    void operator()(BIO* p) const { BIO_free(p); }
};
struct BnFree {
    void operator()(BIGNUM* p) const { BN_free(p); }
};
struct ExtFree {
    void operator()(X509_EXTENSION* p) const { X509_EXTENSION_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Cert = std::unique_ptr<X509, X509Free>;
using Bio = std::unique_ptr<BIO, BioFree>;
using Bignum = std::unique_ptr<BIGNUM, BnFree>;
using Extension = std::unique_ptr<X509_EXTENSION, ExtFree>;

Error opensslError(const char* what)
{
    // The OpenSSL error queue is thread-local and must be read at once.
    QString detail;
    while (unsigned long code = ERR_get_error()) {
        char buf[256];
        ERR_error_string_n(code, buf, sizeof buf);
        detail += QString::fromLatin1(buf) + u'\n';
    }
    return Error::make(Error::Code::Generic,
        QCoreApplication::translate(
            "driftline::SandboxCertificates", "Cannot create the sandbox certificates (%1).")
            .arg(QString::fromLatin1(what)))
        .withDetail(detail.trimmed());
}

Pkey newKey()
{
    return Pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
}

bool addExtension(X509* cert, X509* issuer, int nid, const char* value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    Extension ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

bool setName(X509_NAME* name, const char* commonName)
{
    return X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
               reinterpret_cast<const unsigned char*>("Driftline sandbox"), -1, -1, 0)
        == 1
        && X509_NAME_add_entry_by_txt(
               name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(commonName), -1, -1, 0)
        == 1;
}

// A certificate with random serial, valid from an hour ago (clock skew) for a year.
Cert newCertificate(EVP_PKEY* publicKey, const char* commonName)
{
    Cert cert(X509_new());
    if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1)
        return {};
    Bignum serial(BN_new());
    if (!serial || BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1
        || !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())))
        return {};
    if (!X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600)
        || !X509_gmtime_adj(X509_getm_notAfter(cert.get()), 365L * 24 * 3600))
        return {};
    if (!setName(X509_get_subject_name(cert.get()), commonName)
        || X509_set_pubkey(cert.get(), publicKey) != 1)
        return {};
    return cert;
}

QByteArray certPem(X509* cert)
{
    Bio bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1)
        return {};
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, len);
}

QByteArray keyPem(EVP_PKEY* key)
{
    // The traditional "EC PRIVATE KEY" form is what QSslKey reads for QSsl::Ec.
    Bio bio(BIO_new(BIO_s_mem()));
    if (!bio
        || PEM_write_bio_PrivateKey_traditional(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return {};
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, len);
}

} // namespace

Result<SandboxCertificates> SandboxCertificates::generate()
{
    Pkey caKey = newKey();
    Pkey serverKey = newKey();
    if (!caKey || !serverKey)
        return fail(opensslError("key generation"));

    Cert ca = newCertificate(caKey.get(), "driftline-sandbox-ca");
    if (!ca || X509_set_issuer_name(ca.get(), X509_get_subject_name(ca.get())) != 1
        || !addExtension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE")
        || !addExtension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature")
        || !addExtension(ca.get(), ca.get(), NID_subject_key_identifier, "hash")
        || X509_sign(ca.get(), caKey.get(), EVP_sha256()) == 0)
        return fail(opensslError("CA certificate"));

    Cert server = newCertificate(serverKey.get(), "localhost");
    if (!server || X509_set_issuer_name(server.get(), X509_get_subject_name(ca.get())) != 1
        || !addExtension(server.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE")
        || !addExtension(server.get(), ca.get(), NID_key_usage, "critical,digitalSignature,keyEncipherment")
        || !addExtension(server.get(), ca.get(), NID_ext_key_usage, "serverAuth")
        || !addExtension(
            server.get(), ca.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:0:0:0:0:0:0:0:1")
        || !addExtension(server.get(), ca.get(), NID_authority_key_identifier, "keyid:always")
        || X509_sign(server.get(), caKey.get(), EVP_sha256()) == 0)
        return fail(opensslError("server certificate"));

    unsigned char random[32];
    if (RAND_bytes(random, sizeof random) != 1)
        return fail(opensslError("token"));

    SandboxCertificates result;
    result.m_caPem = certPem(ca.get());
    result.m_serverPem = certPem(server.get());
    result.m_serverKeyPem = keyPem(serverKey.get());
    result.m_token = QByteArray(reinterpret_cast<const char*>(random), sizeof random)
                         .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    if (result.m_caPem.isEmpty() || result.m_serverPem.isEmpty() || result.m_serverKeyPem.isEmpty())
        return fail(opensslError("PEM encoding"));
    return result;
}

QSslCertificate SandboxCertificates::caCertificate() const
{
    return QSslCertificate(m_caPem, QSsl::Pem);
}

QSslCertificate SandboxCertificates::serverCertificate() const
{
    return QSslCertificate(m_serverPem, QSsl::Pem);
}

QSslKey SandboxCertificates::serverKey() const
{
    return QSslKey(m_serverKeyPem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
}

} // namespace driftline::sandbox
