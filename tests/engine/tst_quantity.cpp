// Quantity: equal amounts written differently compare equal, exactly (no floating
// point), different amounts differ, and malformed text is refused.
#include "engine/quantity.h"

#include <QJsonValue>
#include <QTest>

using namespace Qt::StringLiterals;
using driftline::engine::Quantity;

class TestQuantity : public QObject
{
    Q_OBJECT

private slots:
    void equality_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("equal");
        QTest::newRow("millicores one") << u"1000m"_s << u"1"_s << true;
        QTest::newRow("half") << u"0.5"_s << u"500m"_s << true;
        QTest::newRow("Gi is 1024 Mi") << u"1Gi"_s << u"1024Mi"_s << true;
        QTest::newRow("2048Mi is 2Gi") << u"2048Mi"_s << u"2Gi"_s << true;
        QTest::newRow("Ki in bytes") << u"1Ki"_s << u"1024"_s << true;
        QTest::newRow("k is 1000") << u"1k"_s << u"1000"_s << true;
        QTest::newRow("exponent") << u"1e3"_s << u"1k"_s << true;
        QTest::newRow("negative exponent") << u"5E-1"_s << u"500m"_s << true;
        QTest::newRow("nano to micro") << u"1000n"_s << u"1u"_s << true;
        QTest::newRow("M vs G") << u"1000M"_s << u"1G"_s << true;
        QTest::newRow("leading zeros") << u"007"_s << u"7"_s << true;
        QTest::newRow("trailing zeros") << u"1.500"_s << u"1.5"_s << true;
        QTest::newRow("explicit plus") << u"+2"_s << u"2"_s << true;
        QTest::newRow("zeros") << u"0"_s << u"0Mi"_s << true;
        QTest::newRow("negative zero") << u"-0"_s << u"0m"_s << true;
        QTest::newRow("Ei exact") << u"1Ei"_s << u"1152921504606846976"_s << true;
        QTest::newRow("huge Ei exact") << u"8Ei"_s << u"9223372036854775808"_s << true;
        QTest::newRow("tiny difference") << u"0.1"_s << u"0.10000000000000001"_s << false;
        QTest::newRow("Gi is not G") << u"1Gi"_s << u"1G"_s << false;
        QTest::newRow("m is not M") << u"1m"_s << u"1M"_s << false;
        QTest::newRow("sign") << u"-1"_s << u"1"_s << false;
        QTest::newRow("1001m") << u"1001m"_s << u"1"_s << false;
        QTest::newRow("1023Mi") << u"1023Mi"_s << u"1Gi"_s << false;
    }
    void equality()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, equal);
        const auto qa = Quantity::parse(a);
        const auto qb = Quantity::parse(b);
        QVERIFY(qa.has_value());
        QVERIFY(qb.has_value());
        QCOMPARE(*qa == *qb, equal);
        QCOMPARE(qa->canonical() == qb->canonical(), equal);
    }

    void canonical()
    {
        QCOMPARE(Quantity::parse(u"500m"_s)->canonical(), u"5e-1"_s);
        QCOMPARE(Quantity::parse(u"1Ki"_s)->canonical(), u"1024e0"_s);
        QCOMPARE(Quantity::parse(u"2000"_s)->canonical(), u"2e3"_s);
        QVERIFY(Quantity::parse(u"0"_s)->isZero());
        QVERIFY(!Quantity::parse(u"1n"_s)->isZero());
    }

    void fromJson_data()
    {
        QTest::addColumn<QJsonValue>("json");
        QTest::addColumn<QString>("text");
        QTest::newRow("yaml number 0.5") << QJsonValue(0.5) << u"500m"_s;
        QTest::newRow("yaml integer") << QJsonValue(2) << u"2000m"_s;
        QTest::newRow("yaml number 0.1") << QJsonValue(0.1) << u"100m"_s;
        QTest::newRow("string") << QJsonValue(u"1Gi"_s) << u"1073741824"_s;
    }
    void fromJson()
    {
        QFETCH(QJsonValue, json);
        QFETCH(QString, text);
        const auto a = Quantity::fromJson(json);
        QVERIFY(a.has_value());
        QCOMPARE(*a, *Quantity::parse(text));
    }

    void parseErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("suffix only") << u"Mi"_s;
        QTest::newRow("unknown suffix") << u"1Xi"_s;
        QTest::newRow("lower-case binary") << u"1gi"_s;
        QTest::newRow("two dots") << u"1.2.3"_s;
        QTest::newRow("space inside") << u"1 Gi"_s;
        QTest::newRow("bad exponent") << u"1e"_s;
        QTest::newRow("exponent with space") << u"1e 3"_s;
        QTest::newRow("word") << u"lots"_s;
        QTest::newRow("double sign") << u"--1"_s;
    }
    void parseErrors()
    {
        QFETCH(QString, text);
        const auto q = Quantity::parse(text);
        QVERIFY(!q.has_value());
        QCOMPARE(q.error().code, driftline::Error::Code::InvalidInput);
        QVERIFY(q.error().message.contains(text));
        QVERIFY(!Quantity::fromJson(QJsonValue(true)).has_value());
    }
};

QTEST_GUILESS_MAIN(TestQuantity)
#include "tst_quantity.moc"
