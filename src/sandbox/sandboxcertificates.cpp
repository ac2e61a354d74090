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
struct StoreFree {
    void operator()(X509_STORE* p) const { X509_STORE_free(p); }
};
struct StoreCtxFree {
    void operator()(X509_STORE_CTX* p) const { X509_STORE_CTX_free(p); }
};
struct CertStackFree {
    void operator()(STACK_OF(X509)* p) const { sk_X509_pop_free(p, X509_free); }
};
struct NameFree {
    void operator()(X509_NAME* p) const { X509_NAME_free(p); }
};
struct ExtFree {
    void operator()(X509_EXTENSION* p) const { X509_EXTENSION_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Cert = std::unique_ptr<X509, X509Free>;
using Bio = std::unique_ptr<BIO, BioFree>;
using Bignum = std::unique_ptr<BIGNUM, BnFree>;
using Extension = std::unique_ptr<X509_EXTENSION, ExtFree>;
using Store = std::unique_ptr<X509_STORE, StoreFree>;
using StoreCtx = std::unique_ptr<X509_STORE_CTX, StoreCtxFree>;
using CertStack = std::unique_ptr<STACK_OF(X509), CertStackFree>;
using Name = std::unique_ptr<X509_NAME, NameFree>;

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
Cert newCertificate(EVP_PKEY* publicKey, const X509_NAME* subject)
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
    if (X509_set_subject_name(cert.get(), subject) != 1 || X509_set_pubkey(cert.get(), publicKey) != 1)
        return {};
    return cert;
}

Cert newCertificate(EVP_PKEY* publicKey, const char* commonName)
{
    Name name(X509_NAME_new());
    if (!name || !setName(name.get(), commonName))
        return {};
    return newCertificate(publicKey, name.get());
}

bool addUtf8Entry(X509_NAME* name, const char* field, const QString& value)
{
    const QByteArray utf8 = value.toUtf8();
    return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
               reinterpret_cast<const unsigned char*>(utf8.constData()), int(utf8.size()), -1, 0)
        == 1;
}

QString entryText(const X509_NAME_ENTRY* entry)
{
    unsigned char* utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(entry));
    if (length < 0)
        return {};
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(utf8), length);
    OPENSSL_free(utf8);
    return text;
}

Cert fromQt(const QSslCertificate& certificate)
{
    const QByteArray der = certificate.toDer();
    const auto* data = reinterpret_cast<const unsigned char*>(der.constData());
    return Cert(d2i_X509(nullptr, &data, long(der.size())));
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
    result.m_caKeyPem = keyPem(caKey.get());
    result.m_token = QByteArray(reinterpret_cast<const char*>(random), sizeof random)
                         .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    if (result.m_caPem.isEmpty() || result.m_serverPem.isEmpty() || result.m_serverKeyPem.isEmpty()
        || result.m_caKeyPem.isEmpty())
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

Result<SandboxCertificates::IssuedCertificate> SandboxCertificates::issueClientCertificate(
    const QString& commonName, const QStringList& groups, KeyType type) const
{
    Bio caBio(BIO_new_mem_buf(m_caPem.constData(), int(m_caPem.size())));
    Bio caKeyBio(BIO_new_mem_buf(m_caKeyPem.constData(), int(m_caKeyPem.size())));
    if (!caBio || !caKeyBio)
        return fail(opensslError("client certificate"));
    Cert ca(PEM_read_bio_X509(caBio.get(), nullptr, nullptr, nullptr));
    Pkey caKey(PEM_read_bio_PrivateKey(caKeyBio.get(), nullptr, nullptr, nullptr));
    if (!ca || !caKey)
        return fail(opensslError("CA for client certificate"));

    Pkey key(type == KeyType::Rsa ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(2048))
                                  : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!key)
        return fail(opensslError("client key generation"));

    // The API server reads the user from CN and one group from every O entry.
    Name subject(X509_NAME_new());
    if (!subject)
        return fail(opensslError("client certificate name"));
    for (const QString& group : groups) {
        if (!addUtf8Entry(subject.get(), "O", group))
            return fail(opensslError("client certificate name"));
    }
    if (!addUtf8Entry(subject.get(), "CN", commonName))
        return fail(opensslError("client certificate name"));

    Cert client = newCertificate(key.get(), subject.get());
    const char* usage = type == KeyType::Rsa ? "critical,digitalSignature,keyEncipherment" : "critical,digitalSignature";
    if (!client || X509_set_issuer_name(client.get(), X509_get_subject_name(ca.get())) != 1
        || !addExtension(client.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE")
        || !addExtension(client.get(), ca.get(), NID_key_usage, usage)
        || !addExtension(client.get(), ca.get(), NID_ext_key_usage, "clientAuth")
        || !addExtension(client.get(), ca.get(), NID_authority_key_identifier, "keyid:always")
        || X509_sign(client.get(), caKey.get(), EVP_sha256()) == 0)
        return fail(opensslError("client certificate"));

    IssuedCertificate issued;
    issued.certificatePem = certPem(client.get());
    issued.keyPem = keyPem(key.get());
    if (issued.certificatePem.isEmpty() || issued.keyPem.isEmpty())
        return fail(opensslError("PEM encoding"));
    return issued;
}

std::optional<SandboxCertificates::ClientIdentity> SandboxCertificates::verifyClientCertificate(
    const QSslCertificate& leaf, const QList<QSslCertificate>& intermediates) const
{
    if (leaf.isNull() || m_caPem.isEmpty())
        return std::nullopt;
    Bio caBio(BIO_new_mem_buf(m_caPem.constData(), int(m_caPem.size())));
    Cert ca(caBio ? PEM_read_bio_X509(caBio.get(), nullptr, nullptr, nullptr) : nullptr);
    Cert cert = fromQt(leaf);
    Store store(X509_STORE_new());
    CertStack untrusted(sk_X509_new_null());
    StoreCtx ctx(X509_STORE_CTX_new());
    if (!ca || !cert || !store || !untrusted || !ctx || X509_STORE_add_cert(store.get(), ca.get()) != 1)
        return std::nullopt;
    for (const QSslCertificate& qtCert : intermediates) {
        // Qt may list the leaf in the chain too; OpenSSL ignores the duplicate.
        Cert intermediate = fromQt(qtCert);
        if (intermediate && sk_X509_push(untrusted.get(), intermediate.get()) > 0)
            intermediate.release();
    }
    // Only the sandbox CA is trusted: the store holds nothing else (no system paths).
    if (X509_STORE_CTX_init(ctx.get(), store.get(), cert.get(), untrusted.get()) != 1
        || X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_CLIENT) != 1)
        return std::nullopt;
    if (X509_verify_cert(ctx.get()) != 1) {
        ERR_clear_error();
        return std::nullopt;
    }

    ClientIdentity identity;
    const X509_NAME* subject = X509_get_subject_name(cert.get());
    for (int i = 0; i < X509_NAME_entry_count(subject); ++i) {
        const X509_NAME_ENTRY* entry = X509_NAME_get_entry(subject, i);
        const int nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(entry));
        if (nid == NID_commonName)
            identity.user = entryText(entry);
        else if (nid == NID_organizationName)
            identity.groups.append(entryText(entry));
    }
    // The API server refuses a certificate without a user name.
    if (identity.user.isEmpty())
        return std::nullopt;
    return identity;
}

} // namespace driftline::sandbox
