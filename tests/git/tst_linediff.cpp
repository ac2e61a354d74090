// LineDiff: libgit2's line matching as plain hunks: 0-based starts, pure
// insertions and deletions with a zero count, empty sides, and a missing final
// newline that is not a difference.
#include "git/linediff.h"

#include <QTest>

using namespace Qt::StringLiterals;
using driftline::git::LineDiff;
using driftline::git::LineHunk;

Q_DECLARE_METATYPE(LineHunk)

namespace {
QByteArray lines(const char* text)
{
    return QByteArray(text);
}
} // namespace

class TestLineDiff : public QObject
{
    Q_OBJECT

private slots:
    void hunks_data()
    {
        QTest::addColumn<QByteArray>("oldText");
        QTest::addColumn<QByteArray>("newText");
        QTest::addColumn<QList<LineHunk>>("expected");
        QTest::newRow("identical") << lines("a\nb\nc\n") << lines("a\nb\nc\n") << QList<LineHunk> {};
        QTest::newRow("both empty") << QByteArray() << QByteArray() << QList<LineHunk> {};
        QTest::newRow("one line changed")
            << lines("a\nb\nc\n") << lines("a\nB\nc\n") << QList<LineHunk> {{1, 1, 1, 1}};
        QTest::newRow("pure insertion")
            << lines("a\nc\n") << lines("a\nb\nc\n") << QList<LineHunk> {{1, 0, 1, 1}};
        QTest::newRow("insertion at the top")
            << lines("b\nc\n") << lines("a\nb\nc\n") << QList<LineHunk> {{0, 0, 0, 1}};
        QTest::newRow("insertion at the end")
            << lines("a\nb\n") << lines("a\nb\nc\nd\n") << QList<LineHunk> {{2, 0, 2, 2}};
        QTest::newRow("pure deletion")
            << lines("a\nb\nc\n") << lines("a\nc\n") << QList<LineHunk> {{1, 1, 1, 0}};
        QTest::newRow("deletion of the first line")
            << lines("a\nb\nc\n") << lines("b\nc\n") << QList<LineHunk> {{0, 1, 0, 0}};
        QTest::newRow("old side empty")
            << QByteArray() << lines("a\nb\n") << QList<LineHunk> {{0, 0, 0, 2}};
        QTest::newRow("new side empty")
            << lines("a\nb\nc\n") << QByteArray() << QList<LineHunk> {{0, 3, 0, 0}};
        QTest::newRow("no final newline is no difference")
            << lines("a\nb") << lines("a\nb\n") << QList<LineHunk> {};
        QTest::newRow("no final newline, last line changed")
            << lines("a\nb") << lines("a\nc") << QList<LineHunk> {{1, 1, 1, 1}};
        QTest::newRow("two separate hunks")
            << lines("a\nb\nc\nd\ne\n") << lines("a\nB\nc\nd\nE\n")
            << QList<LineHunk> {{1, 1, 1, 1}, {4, 1, 4, 1}};
        QTest::newRow("k old replaced by m new")
            << lines("a\nb\nc\nd\n") << lines("a\nx\ny\nz\nd\n") << QList<LineHunk> {{1, 2, 1, 3}};
        QTest::newRow("NUL byte stays text")
            << QByteArray("a\nb\0c\nd\n", 8) << QByteArray("a\nb\0C\nd\n", 8)
            << QList<LineHunk> {{1, 1, 1, 1}};
    }
    void hunks()
    {
        QFETCH(QByteArray, oldText);
        QFETCH(QByteArray, newText);
        QFETCH(QList<LineHunk>, expected);
        const auto result = LineDiff::hunks(oldText, newText);
        QVERIFY(result.has_value());
        QCOMPARE(*result, expected);
    }

    // Patience matches unique lines first, so a moved block of YAML keys does
    // not get matched on its repeated lines ("- name:", "}") the way Myers can.
    void patienceKeepsBlocksTogether()
    {
        const QByteArray oldText = "a:\n  x: 1\nb:\n  x: 1\nc:\n  x: 1\n";
        const QByteArray newText = "a:\n  x: 1\nc:\n  x: 1\n";
        const auto result = LineDiff::hunks(oldText, newText);
        QVERIFY(result.has_value());
        QCOMPARE(result->size(), 1);
        QCOMPARE(result->first().oldStart, 2);
        QCOMPARE(result->first().oldCount, 2);
        QCOMPARE(result->first().newCount, 0);
    }
};

QTEST_GUILESS_MAIN(TestLineDiff)
#include "tst_linediff.moc"
