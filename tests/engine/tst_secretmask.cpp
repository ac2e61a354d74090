// SecretMask: equal values mask alike and different values differently, data
// (base64) and stringData (text) holding the same bytes mask alike, and no
// plaintext survives anywhere in a masked Secret.
#include "engine/secretmask.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using driftline::engine::SecretMask;

namespace {
QJsonObject secret(const QJsonObject& data, const QJsonObject& stringData = {})
{
    QJsonObject s {{u"apiVersion"_s, u"v1"_s},
                   {u"kind"_s, u"Secret"_s},
                   {u"metadata"_s, QJsonObject {{u"name"_s, u"db"_s}, {u"namespace"_s, u"shop"_s}}},
                   {u"type"_s, u"Opaque"_s}};
    if (!data.isEmpty())
        s.insert(u"data"_s, data);
    if (!stringData.isEmpty())
        s.insert(u"stringData"_s, stringData);
    return s;
}
QString b64(const char* text)
{
    return QString::fromLatin1(QByteArray(text).toBase64());
}
QString text(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson());
}
} // namespace

class TestSecretMask : public QObject
{
    Q_OBJECT

private slots:
    void maskFormat()
    {
        const QString m = SecretMask::maskFor("hunter2hunter");
        static const QRegularExpression shape(u"^‹secret [0-9a-f]{6} · 13 bytes›$"_s);
        QVERIFY2(shape.match(m).hasMatch(), qPrintable(m));
        QCOMPARE(SecretMask::maskFor(""), SecretMask::maskFor(QByteArray()));
        QVERIFY(SecretMask::maskFor("").contains(u"· 0 bytes"_s));
    }

    void equalValuesMaskAlike()
    {
        QCOMPARE(SecretMask::maskFor("s3cr3t"), SecretMask::maskFor(QByteArray("s3cr3t")));
        QVERIFY(SecretMask::maskFor("s3cr3t") != SecretMask::maskFor("s3cr3T"));
        // Same length, different value: the tag tells them apart, not the size.
        QVERIFY(SecretMask::maskFor("aaaa").mid(0, 15) != SecretMask::maskFor("aaab").mid(0, 15));
    }

    void isSecret()
    {
        QVERIFY(SecretMask::isSecret(secret({{u"a"_s, b64("x")}})));
        QVERIFY(!SecretMask::isSecret(QJsonObject {{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"ConfigMap"_s}}));
        QVERIFY(!SecretMask::isSecret(QJsonObject {{u"apiVersion"_s, u"example.com/v1"_s}, {u"kind"_s, u"Secret"_s}}));
    }

    void dataAndStringDataMaskAlike()
    {
        const QJsonObject masked = SecretMask::mask(
            secret({{u"password"_s, b64("correct horse")}}, {{u"password2"_s, u"correct horse"_s}}));
        const QString fromData = masked.value(u"data"_s).toObject().value(u"password"_s).toString();
        const QString fromText = masked.value(u"stringData"_s).toObject().value(u"password2"_s).toString();
        QCOMPARE(fromData, fromText);
        QCOMPARE(fromData, SecretMask::maskFor("correct horse"));
    }

    void noPlaintextSurvives()
    {
        QJsonObject s = secret({{u"password"_s, b64("correct horse")}, {u"token"_s, b64("tok-123456")}},
                               {{u"extra"_s, u"battery staple"_s}});
        QJsonObject metadata = s.value(u"metadata"_s).toObject();
        QJsonObject copy = s;
        copy.remove(u"metadata"_s);
        metadata.insert(u"annotations"_s,
                        QJsonObject {{u"kubectl.kubernetes.io/last-applied-configuration"_s, text(copy)},
                                     {u"team"_s, u"payments"_s}});
        s.insert(u"metadata"_s, metadata);
        const QString out = text(SecretMask::mask(s));
        for (const QString& plain : {u"correct horse"_s, b64("correct horse"), u"tok-123456"_s, b64("tok-123456"),
                                     u"battery staple"_s})
            QVERIFY2(!out.contains(plain), qPrintable(plain));
        // What is not a value stays readable.
        QVERIFY(out.contains(u"payments"_s));
        QVERIFY(out.contains(u"\"password\""_s));
        QVERIFY(out.contains(u"Opaque"_s));
    }

    void otherObjectsUnchanged()
    {
        const QJsonObject cm {{u"apiVersion"_s, u"v1"_s},
                              {u"kind"_s, u"ConfigMap"_s},
                              {u"data"_s, QJsonObject {{u"password"_s, u"visible"_s}}}};
        QCOMPARE(SecretMask::mask(cm), cm);
    }

    void invalidBase64IsMaskedAsIs()
    {
        const QJsonObject masked = SecretMask::mask(secret({{u"k"_s, u"not base64!"_s}}));
        QCOMPARE(masked.value(u"data"_s).toObject().value(u"k"_s).toString(), SecretMask::maskFor("not base64!"));
    }
};

QTEST_GUILESS_MAIN(TestSecretMask)
#include "tst_secretmask.moc"
