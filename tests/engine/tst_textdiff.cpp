// TextDiff: the side-by-side rows (pairing, fillers), intra-line highlights on the
// changed tokens only, folding, line → row lookup, change navigation, the
// unified text and cancellation.
#include "engine/textdiff.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace driftline::engine;

namespace {

// The rows as one readable string per row: "= a|a", "~ b|B", "- c|", "+ |d".
QStringList describe(const TextDiffResult& r)
{
    QStringList out;
    for (const DiffRow& row : r.rows) {
        const char16_t kind = row.kind == DiffRow::Equal ? u'=' : row.kind == DiffRow::Changed ? u'~'
                            : row.kind == DiffRow::Removed                               ? u'-'
                                                                                         : u'+';
        out.append(QString(QChar(kind)) + u' ' + (row.side[0].isFiller() ? QString() : row.side[0].text) + u'|'
                   + (row.side[1].isFiller() ? QString() : row.side[1].text));
    }
    return out;
}

// The highlighted substrings of one line.
QStringList marked(const DiffLine& line)
{
    QStringList out;
    for (const auto& [start, length] : line.highlights)
        out.append(line.text.mid(start, length));
    return out;
}

QString numbered(int n, const QString& prefix = u"line"_s)
{
    QString out;
    for (int i = 0; i < n; ++i)
        out += prefix + QString::number(i) + u'\n';
    return out;
}

// A canonical-YAML-like text of `lines` lines: Deployments one after another.
QString bigYaml(int lines, int changeEvery)
{
    QString out;
    out.reserve(lines * 40);
    int i = 0;
    int obj = 0;
    while (i < lines) {
        const QStringList block = {
            u"- apiVersion: apps/v1"_s,
            u"  kind: Deployment"_s,
            u"  metadata:"_s,
            u"    name: web-%1"_s.arg(obj),
            u"    namespace: shop"_s,
            u"    labels:"_s,
            u"      app.kubernetes.io/name: web-%1"_s.arg(obj),
            u"  spec:"_s,
            u"    replicas: %1"_s.arg(obj % 7 + 1),
            u"    template:"_s,
            u"      spec:"_s,
            u"        containers:"_s,
            u"        - image: registry.example.com/shop/web:1.4.%1"_s.arg(obj % 10),
            u"          name: web"_s,
            u"          ports:"_s,
            u"          - containerPort: 8080"_s,
            u"            protocol: TCP"_s,
            u"          resources:"_s,
            u"            limits:"_s,
            u"              memory: 256Mi"_s,
        };
        for (const QString& l : block) {
            if (i >= lines)
                break;
            if (changeEvery > 0 && i % changeEvery == changeEvery / 2)
                out += l + u"-changed 7"_s + u'\n';
            else
                out += l + u'\n';
            ++i;
        }
        ++obj;
    }
    return out;
}

} // namespace

class TestTextDiff : public QObject
{
    Q_OBJECT

private slots:
    void rows_data()
    {
        QTest::addColumn<QString>("left");
        QTest::addColumn<QString>("right");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("identical") << u"a\nb\n"_s << u"a\nb\n"_s << QStringList {u"= a|a"_s, u"= b|b"_s};
        QTest::newRow("both empty") << QString() << QString() << QStringList {};
        QTest::newRow("one changed") << u"a\nb\nc\n"_s << u"a\nB\nc\n"_s
                                     << QStringList {u"= a|a"_s, u"~ b|B"_s, u"= c|c"_s};
        QTest::newRow("more old than new: pairs then removals")
            << u"a\nb\nc\nd\n"_s << u"a\nB\nd\n"_s << QStringList {u"= a|a"_s, u"~ b|B"_s, u"- c|"_s, u"= d|d"_s};
        QTest::newRow("more new than old: pairs then additions")
            << u"a\nb\nd\n"_s << u"a\nB\nC\nd\n"_s << QStringList {u"= a|a"_s, u"~ b|B"_s, u"+ |C"_s, u"= d|d"_s};
        QTest::newRow("pure insertion") << u"a\nc\n"_s << u"a\nb\nc\n"_s
                                        << QStringList {u"= a|a"_s, u"+ |b"_s, u"= c|c"_s};
        QTest::newRow("pure deletion") << u"a\nb\nc\n"_s << u"a\nc\n"_s
                                       << QStringList {u"= a|a"_s, u"- b|"_s, u"= c|c"_s};
        QTest::newRow("left empty") << QString() << u"x\ny\n"_s << QStringList {u"+ |x"_s, u"+ |y"_s};
        QTest::newRow("right empty") << u"x\ny"_s << QString() << QStringList {u"- x|"_s, u"- y|"_s};
        QTest::newRow("no final newline") << u"a\nb"_s << u"a\nb\n"_s << QStringList {u"= a|a"_s, u"= b|b"_s};
        QTest::newRow("non-ASCII text") << u"name: café\nx: ü\n"_s << u"name: café\nx: ö\n"_s
                                        << QStringList {u"= name: café|name: café"_s, u"~ x: ü|x: ö"_s};
    }
    void rows()
    {
        QFETCH(QString, left);
        QFETCH(QString, right);
        QFETCH(QStringList, expected);
        const auto r = TextDiff::compute(left, right);
        QVERIFY(r.has_value());
        QCOMPARE(describe(*r), expected);
        // Line numbers on each side run 0, 1, 2… through the rows, fillers aside.
        for (int side = 0; side < 2; ++side) {
            int next = 0;
            for (const DiffRow& row : r->rows)
                if (!row.side[side].isFiller())
                    QCOMPARE(row.side[side].number, next++);
            QCOMPARE(next, r->lineCount[side]);
        }
        QCOMPARE(r->identical(), left.trimmed() == right.trimmed());
    }

    void changeStarts()
    {
        const auto r = TextDiff::compute(u"a\nb\nc\nd\ne\nf\n"_s, u"a\nB\nc\nd\nE\nF\nG\n"_s);
        QVERIFY(r.has_value());
        QCOMPARE(r->changeStarts, (QList<int> {1, 4}));
        QCOMPARE(r->lineCount, (std::array<int, 2> {6, 7}));
    }

    void intraLine_data()
    {
        QTest::addColumn<QString>("left");
        QTest::addColumn<QString>("right");
        QTest::addColumn<QStringList>("leftMarks");
        QTest::addColumn<QStringList>("rightMarks");
        QTest::newRow("image patch version") << u"image: shop/web:1.4.2"_s << u"image: shop/web:1.4.3"_s
                                             << QStringList {u"2"_s} << QStringList {u"3"_s};
        QTest::newRow("replicas") << u"  replicas: 3"_s << u"  replicas: 12"_s << QStringList {u"3"_s}
                                  << QStringList {u"12"_s};
        QTest::newRow("word replaced in the middle")
            << u"value: one two three"_s << u"value: one 2 three"_s << QStringList {u"two"_s} << QStringList {u"2"_s};
        QTest::newRow("adjacent changed tokens merge")
            << u"a: x-y-z"_s << u"a: p+q-z"_s << QStringList {u"x-y"_s} << QStringList {u"p+q"_s};
        QTest::newRow("two separate changes")
            << u"cpu: 100m memory: 1Gi"_s << u"cpu: 200m memory: 2Gi"_s << QStringList {u"100m"_s, u"1Gi"_s}
            << QStringList {u"200m"_s, u"2Gi"_s};
        QTest::newRow("insertion only on the right")
            << u"args: a b"_s << u"args: a x b"_s << QStringList {} << QStringList {u"x "_s};
    }
    void intraLine()
    {
        QFETCH(QString, left);
        QFETCH(QString, right);
        QFETCH(QStringList, leftMarks);
        QFETCH(QStringList, rightMarks);
        const auto r = TextDiff::compute(u"first\n"_s + left + u"\nlast\n"_s, u"first\n"_s + right + u"\nlast\n"_s);
        QVERIFY(r.has_value());
        QCOMPARE(r->rows.size(), 3);
        const DiffRow& row = r->rows[1];
        QCOMPARE(row.kind, DiffRow::Changed);
        QCOMPARE(marked(row.side[0]), leftMarks);
        QCOMPARE(marked(row.side[1]), rightMarks);
        QVERIFY(r->rows[0].side[0].highlights.isEmpty());
    }

    void intraLineOff()
    {
        TextDiff::Options options;
        options.intraLine = false;
        const auto r = TextDiff::compute(u"a: 1\n"_s, u"a: 2\n"_s, options);
        QVERIFY(r.has_value());
        QCOMPARE(r->rows.size(), 1);
        QCOMPARE(r->rows[0].kind, DiffRow::Changed);
        QVERIFY(r->rows[0].side[0].highlights.isEmpty());
        QVERIFY(r->rows[0].side[1].highlights.isEmpty());
    }

    void segments_data()
    {
        QTest::addColumn<int>("lines");
        QTest::addColumn<QList<int>>("changedLines");
        QTest::addColumn<int>("context");
        // (firstRow, rowCount, folded) per segment, folded written as 1.
        QTest::addColumn<QList<int>>("expected");
        QTest::newRow("change in the middle") << 20 << QList<int> {10} << 3 << QList<int> {0, 7, 1, 7, 7, 0, 14, 6, 1};
        QTest::newRow("change at the top") << 10 << QList<int> {0} << 3 << QList<int> {0, 4, 0, 4, 6, 1};
        QTest::newRow("change at the bottom") << 10 << QList<int> {9} << 3 << QList<int> {0, 6, 1, 6, 4, 0};
        // Rows 4..5 between two changes: 2 unchanged rows, each within context: no fold.
        QTest::newRow("close changes") << 10 << QList<int> {3, 6} << 3 << QList<int> {0, 10, 0};
        // 7 unchanged rows between changes with context 3: one row would fold; it is shown.
        QTest::newRow("a fold never hides one row") << 9 << QList<int> {0, 8} << 3 << QList<int> {0, 9, 0};
        // 8 unchanged rows between changes with context 3: two rows fold.
        QTest::newRow("a fold of two rows") << 10 << QList<int> {0, 9} << 3 << QList<int> {0, 4, 0, 4, 2, 1, 6, 4, 0};
        QTest::newRow("context 0") << 5 << QList<int> {2} << 0 << QList<int> {0, 2, 1, 2, 1, 0, 3, 2, 1};
        QTest::newRow("identical is shown whole") << 5 << QList<int> {} << 3 << QList<int> {0, 5, 0};
    }
    void segments()
    {
        QFETCH(int, lines);
        QFETCH(QList<int>, changedLines);
        QFETCH(int, context);
        QFETCH(QList<int>, expected);
        const QString left = numbered(lines);
        QString right;
        for (int i = 0; i < lines; ++i)
            right += (changedLines.contains(i) ? u"changed"_s : u"line"_s) + QString::number(i) + u'\n';
        const auto r = TextDiff::compute(left, right);
        QVERIFY(r.has_value());
        QList<int> got;
        for (const DiffSegment& s : r->segments(context))
            got << s.firstRow << s.rowCount << (s.folded ? 1 : 0);
        QCOMPARE(got, expected);
    }

    void rowOfLine()
    {
        // rows: = a|a, - b|, - c|, + |X, = d|d  (b, c removed, X added… paired: b~X, c removed)
        const auto r = TextDiff::compute(u"a\nb\nc\nd\n"_s, u"a\nX\nd\ne\n"_s);
        QVERIFY(r.has_value());
        QCOMPARE(describe(*r), (QStringList {u"= a|a"_s, u"~ b|X"_s, u"- c|"_s, u"= d|d"_s, u"+ |e"_s}));
        QCOMPARE(r->rowOfLine(LeftSide, 0), 0);
        QCOMPARE(r->rowOfLine(LeftSide, 2), 2);
        QCOMPARE(r->rowOfLine(LeftSide, 3), 3);
        QCOMPARE(r->rowOfLine(LeftSide, 4), -1);
        QCOMPARE(r->rowOfLine(RightSide, 1), 1);
        QCOMPARE(r->rowOfLine(RightSide, 2), 3);
        QCOMPARE(r->rowOfLine(RightSide, 3), 4);
        QCOMPARE(r->rowOfLine(RightSide, -1), -1);
        // A result put together without the index answers the same.
        TextDiffResult copy = *r;
        copy.rowIndex = {};
        QCOMPARE(copy.rowOfLine(RightSide, 2), 3);
        QCOMPARE(copy.rowOfLine(LeftSide, 2), 2);
    }

    void changeAtOrAfter()
    {
        // Changes at rows 1..2 and 5.
        const auto r = TextDiff::compute(u"a\nb\nc\nd\ne\nf\ng\n"_s, u"a\nB\nC\nd\ne\nF\ng\n"_s);
        QVERIFY(r.has_value());
        QCOMPARE(r->changeStarts, (QList<int> {1, 5}));
        QCOMPARE(r->changeAtOrAfter(0), 0);
        QCOMPARE(r->changeAtOrAfter(1), 0);
        QCOMPARE(r->changeAtOrAfter(2), 0); // inside the first block
        QCOMPARE(r->changeAtOrAfter(3), 1);
        QCOMPARE(r->changeAtOrAfter(5), 1);
        QCOMPARE(r->changeAtOrAfter(6), -1);
        QCOMPARE(r->changeAtOrAfter(-1), 0);
    }

    void unified()
    {
        const QString left = u"l0\nl1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\nl11\n"_s;
        const QString right = u"l0\nl1\nL2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\nnew\nl11\n"_s;
        const auto r = TextDiff::compute(left, right);
        QVERIFY(r.has_value());
        const QString expected = u"--- a/x.yaml\n+++ b/x.yaml\n"
                                 u"@@ -1,5 +1,5 @@\n l0\n l1\n-l2\n+L2\n l3\n l4\n"
                                 u"@@ -10,3 +10,4 @@\n l9\n l10\n+new\n l11\n"_s;
        QCOMPARE(r->unified(u"a/x.yaml"_s, u"b/x.yaml"_s, 2), expected);
        // With context 4 the 8 unchanged rows between the changes join one hunk, as in diff -U4.
        const QString joined = r->unified(u"a"_s, u"b"_s, 4);
        QVERIFY(joined.count(u"@@ -"_s) == 1);
        QVERIFY(joined.startsWith(u"--- a\n+++ b\n@@ -1,12 +1,13 @@\n"_s));
        QCOMPARE(TextDiff::compute(left, left)->unified(u"a"_s, u"b"_s), QString());
    }

    void unifiedEmptySides()
    {
        const auto added = TextDiff::compute(QString(), u"x\ny\n"_s);
        QVERIFY(added.has_value());
        QCOMPARE(added->unified(u"a"_s, u"b"_s), u"--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n"_s);
        const auto removed = TextDiff::compute(u"x\n"_s, QString());
        QVERIFY(removed.has_value());
        QCOMPARE(removed->unified(u"a"_s, u"b"_s), u"--- a\n+++ b\n@@ -1 +0,0 @@\n-x\n"_s);
    }

    void cancellation()
    {
        TextDiff::Options options;
        options.isCanceled = [] { return true; };
        const auto r = TextDiff::compute(u"a\n"_s, u"b\n"_s, options);
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, driftline::Error::Code::Cancelled);

        // Cancelled part-way through a large text: the poll is reached between rows.
        int polls = 0;
        options.isCanceled = [&polls] { return ++polls > 2; };
        const QString big = bigYaml(20000, 50);
        const auto late = TextDiff::compute(bigYaml(20000, 0), big, options);
        QVERIFY(!late.has_value());
        QCOMPARE(late.error().code, driftline::Error::Code::Cancelled);
        QVERIFY(polls > 2);
    }

    void large()
    {
        const QString left = bigYaml(20000, 0);
        const QString right = bigYaml(20000, 50);
        TextDiffResult result;
        QBENCHMARK {
            auto r = TextDiff::compute(left, right);
            QVERIFY(r.has_value());
            result = std::move(*r);
        }
        QCOMPARE(result.lineCount, (std::array<int, 2> {20000, 20000}));
        QCOMPARE(result.changeStarts.size(), 400);
        QCOMPARE(result.rows.size(), 20000);
        for (const int start : result.changeStarts) {
            const DiffRow& row = result.rows[start];
            QCOMPARE(row.kind, DiffRow::Changed);
            QCOMPARE(marked(row.side[1]), QStringList {u"-changed 7"_s});
        }
    }
};

QTEST_GUILESS_MAIN(TestTextDiff)
#include "tst_textdiff.moc"
