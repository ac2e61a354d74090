#include "engine/textdiff.h"

#include "git/linediff.h"

#include <QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace driftline::engine {

namespace {

Error cancelled()
{
    return Error::make(Error::Code::Cancelled,
                       QCoreApplication::translate("driftline::engine::TextDiff", "comparison cancelled"));
}

// Where each line of `text` starts; one past the end is appended, so line i is
// [starts[i], starts[i + 1] - 1) without its '\n'. A final line without '\n'
// still counts.
QList<qsizetype> lineStarts(QStringView text)
{
    QList<qsizetype> starts;
    starts.reserve(text.size() / 24 + 2);
    qsizetype pos = 0;
    const qsizetype n = text.size();
    while (pos < n) {
        starts.append(pos);
        const qsizetype nl = text.indexOf(u'\n', pos);
        pos = nl < 0 ? n : nl + 1;
    }
    starts.append(n + (n > 0 && text.back() != u'\n' ? 1 : 0));
    return starts;
}

struct SideText {
    QString text;
    QList<qsizetype> starts;
    int count() const { return int(starts.size()) - 1; }
    QString line(int i) const { return text.mid(starts[i], starts[i + 1] - starts[i] - 1); }
};

// A token is a run of word characters, a run of spaces, or one other character:
// changing "1.4.2" to "1.4.3" then highlights "2" and "3" only.
enum class TokenClass { Word, Space, Other };

TokenClass classOf(QChar c)
{
    if (c.isLetterOrNumber() || c == u'_')
        return TokenClass::Word;
    if (c == u' ' || c == u'\t')
        return TokenClass::Space;
    return TokenClass::Other;
}

// Token boundaries of `line`: token i is [bounds[i], bounds[i + 1]).
void tokenize(QStringView line, QList<int>& bounds)
{
    bounds.clear();
    const int n = int(line.size());
    int i = 0;
    while (i < n) {
        bounds.append(i);
        const TokenClass k = classOf(line[i]);
        ++i;
        if (k != TokenClass::Other)
            while (i < n && classOf(line[i]) == k)
                ++i;
    }
    bounds.append(n);
}

QStringView token(QStringView line, const QList<int>& bounds, int i)
{
    return line.sliced(bounds[i], bounds[i + 1] - bounds[i]);
}

void addRange(QList<QPair<int, int>>& ranges, int start, int length)
{
    if (length <= 0)
        return;
    if (!ranges.isEmpty() && ranges.back().first + ranges.back().second == start)
        ranges.back().second += length;
    else
        ranges.append({start, length});
}

// Token ranges [from, to) of a line as a character range.
void addTokens(QList<QPair<int, int>>& ranges, const QList<int>& bounds, int from, int to)
{
    if (to > from)
        addRange(ranges, bounds[from], bounds[to] - bounds[from]);
}

// Intra-line highlights of one changed pair: the token lists, one token per
// line, go through the same line diff as the texts. Equal leading and trailing
// tokens are set aside first (the diff would match them anyway), and when what
// remains is a single token or nothing on a side the answer is known without it:
// that is most edits in YAML (one value changed) and keeps large diffs fast.
void highlight(DiffLine& left, DiffLine& right, QList<int>& lb, QList<int>& rb)
{
    const QStringView l(left.text);
    const QStringView r(right.text);
    tokenize(l, lb);
    tokenize(r, rb);
    const int ln = int(lb.size()) - 1;
    const int rn = int(rb.size()) - 1;
    int prefix = 0;
    while (prefix < ln && prefix < rn && token(l, lb, prefix) == token(r, rb, prefix))
        ++prefix;
    int suffix = 0;
    while (suffix < ln - prefix && suffix < rn - prefix
           && token(l, lb, ln - 1 - suffix) == token(r, rb, rn - 1 - suffix))
        ++suffix;
    const int lEnd = ln - suffix;
    const int rEnd = rn - suffix;
    if (lEnd - prefix <= 1 || rEnd - prefix <= 1) {
        addTokens(left.highlights, lb, prefix, lEnd);
        addTokens(right.highlights, rb, prefix, rEnd);
        return;
    }
    QByteArray lt;
    QByteArray rt;
    lt.reserve((l.size() + lEnd) * 2);
    rt.reserve((r.size() + rEnd) * 2);
    for (int i = prefix; i < lEnd; ++i) {
        lt += token(l, lb, i).toUtf8();
        lt += '\n';
    }
    for (int i = prefix; i < rEnd; ++i) {
        rt += token(r, rb, i).toUtf8();
        rt += '\n';
    }
    const auto hunks = git::LineDiff::hunks(lt, rt);
    if (!hunks) { // cannot happen short of memory exhaustion: highlight the whole middle
        addTokens(left.highlights, lb, prefix, lEnd);
        addTokens(right.highlights, rb, prefix, rEnd);
        return;
    }
    for (const git::LineHunk& h : *hunks) {
        addTokens(left.highlights, lb, prefix + h.oldStart, prefix + h.oldStart + h.oldCount);
        addTokens(right.highlights, rb, prefix + h.newStart, prefix + h.newStart + h.newCount);
    }
}

} // namespace

Result<TextDiffResult> TextDiff::compute(const QString& left, const QString& right, const Options& options)
{
    const auto canceled = [&options] { return options.isCanceled && options.isCanceled(); };
    if (canceled())
        return fail(cancelled());

    const SideText sides[2] = {{left, lineStarts(left)}, {right, lineStarts(right)}};
    const auto hunks = git::LineDiff::hunks(left.toUtf8(), right.toUtf8());
    if (!hunks)
        return fail(hunks.error());
    if (canceled())
        return fail(cancelled());

    TextDiffResult result;
    result.lineCount = {sides[0].count(), sides[1].count()};
    result.rowIndex[0].resize(result.lineCount[0], -1);
    result.rowIndex[1].resize(result.lineCount[1], -1);
    qsizetype rowCount = result.lineCount[0];
    for (const git::LineHunk& h : *hunks)
        rowCount += std::max(h.oldCount, h.newCount) - h.oldCount;
    result.rows.reserve(rowCount);

    int sinceCheck = 0;
    const auto addRow = [&](DiffRow::Kind kind, int l, int r) -> DiffRow& {
        DiffRow& row = result.rows.emplace_back();
        row.kind = kind;
        const int index = int(result.rows.size()) - 1;
        if (l >= 0) {
            row.side[0].number = l;
            result.rowIndex[0][l] = index;
        }
        if (r >= 0) {
            row.side[1].number = r;
            result.rowIndex[1][r] = index;
        }
        return row;
    };

    int l = 0;
    int r = 0;
    const auto equalUntil = [&](int lEnd) -> bool {
        for (; l < lEnd; ++l, ++r) {
            DiffRow& row = addRow(DiffRow::Equal, l, r);
            row.side[0].text = sides[0].line(l);
            row.side[1].text = row.side[0].text; // shared, not copied
            if (++sinceCheck >= 1000) {
                sinceCheck = 0;
                if (canceled())
                    return false;
            }
        }
        return true;
    };

    QList<int> lb;
    QList<int> rb;
    for (const git::LineHunk& h : *hunks) {
        if (!equalUntil(h.oldStart))
            return fail(cancelled());
        result.changeStarts.append(int(result.rows.size()));
        const int paired = std::min(h.oldCount, h.newCount);
        for (int i = 0; i < paired; ++i) {
            DiffRow& row = addRow(DiffRow::Changed, l + i, r + i);
            row.side[0].text = sides[0].line(l + i);
            row.side[1].text = sides[1].line(r + i);
            if (options.intraLine)
                highlight(row.side[0], row.side[1], lb, rb);
        }
        for (int i = paired; i < h.oldCount; ++i)
            addRow(DiffRow::Removed, l + i, -1).side[0].text = sides[0].line(l + i);
        for (int i = paired; i < h.newCount; ++i)
            addRow(DiffRow::Added, -1, r + i).side[1].text = sides[1].line(r + i);
        l += h.oldCount;
        r += h.newCount;
        sinceCheck += std::max(h.oldCount, h.newCount) * (options.intraLine ? 4 : 1);
        if (sinceCheck >= 1000) {
            sinceCheck = 0;
            if (canceled())
                return fail(cancelled());
        }
    }
    if (!equalUntil(result.lineCount[0]))
        return fail(cancelled());
    return result;
}

QList<DiffSegment> TextDiffResult::segments(int context) const
{
    QList<DiffSegment> result;
    const int n = int(rows.size());
    if (n == 0)
        return result;
    context = std::max(context, 0);
    const auto add = [&result](int first, int count, bool folded) {
        if (count <= 0)
            return;
        if (!folded && !result.isEmpty() && !result.back().folded) {
            result.back().rowCount += count;
            return;
        }
        result.append(DiffSegment {first, count, folded});
    };
    // An identical text has nothing to fold around: it is shown whole.
    if (changeStarts.isEmpty()) {
        add(0, n, false);
        return result;
    }
    int row = 0;
    while (row < n) {
        if (rows[row].kind != DiffRow::Equal) {
            const int start = row;
            while (row < n && rows[row].kind != DiffRow::Equal)
                ++row;
            add(start, row - start, false);
            continue;
        }
        const int start = row;
        while (row < n && rows[row].kind == DiffRow::Equal)
            ++row;
        const int end = row;
        const int keepBefore = start == 0 ? 0 : context; // rows after the change above
        const int keepAfter = end == n ? 0 : context;    // rows before the change below
        const int hiddenFirst = start + keepBefore;
        const int hiddenEnd = end - keepAfter;
        if (hiddenEnd - hiddenFirst >= 2) {
            add(start, hiddenFirst - start, false);
            add(hiddenFirst, hiddenEnd - hiddenFirst, true);
            add(hiddenEnd, end - hiddenEnd, false);
        } else {
            add(start, end - start, false);
        }
    }
    return result;
}

int TextDiffResult::rowOfLine(DiffSide side, int line) const
{
    if (line < 0 || line >= lineCount[side])
        return -1;
    const QList<int>& index = rowIndex[side];
    if (index.size() == lineCount[side])
        return index[line];
    // A result assembled by hand, without the index: the side's line numbers
    // ascend through the rows, fillers aside.
    for (int i = 0; i < rows.size(); ++i)
        if (rows[i].side[side].number == line)
            return i;
    return -1;
}

int TextDiffResult::changeAtOrAfter(int row) const
{
    const auto next = std::upper_bound(changeStarts.cbegin(), changeStarts.cend(), row);
    const int index = int(next - changeStarts.cbegin());
    // A change block is a run of non-Equal rows, so a non-Equal row belongs to the
    // block that starts last at or before it.
    if (index > 0 && row >= 0 && row < rows.size() && rows[row].kind != DiffRow::Equal)
        return index - 1;
    return index < changeStarts.size() ? index : -1;
}

QString TextDiffResult::unified(const QString& leftLabel, const QString& rightLabel, int context) const
{
    if (changeStarts.isEmpty())
        return {};
    context = std::max(context, 0);
    const int n = int(rows.size());
    // Each change block's end row (exclusive).
    QList<int> changeEnds;
    changeEnds.reserve(changeStarts.size());
    for (const int start : changeStarts) {
        int end = start;
        while (end < n && rows[end].kind != DiffRow::Equal)
            ++end;
        changeEnds.append(end);
    }

    QString out;
    out += u"--- "_s + leftLabel + u"\n+++ "_s + rightLabel + u'\n';
    // The first line of `side` at or after `row` (its count of lines before `row`).
    const auto linesBefore = [this, n](int side, int row) {
        for (int i = row; i < n; ++i)
            if (!rows[i].side[side].isFiller())
                return rows[i].side[side].number;
        return lineCount[side];
    };
    const auto range = [](int start, int count) -> QString {
        // 1-based; an empty range names the line before it, as diff does.
        if (count == 0)
            return QString::number(start) + u",0"_s;
        if (count == 1)
            return QString::number(start + 1);
        return QString::number(start + 1) + u',' + QString::number(count);
    };

    int block = 0;
    while (block < changeStarts.size()) {
        int last = block;
        while (last + 1 < changeStarts.size() && changeStarts[last + 1] - changeEnds[last] <= 2 * context)
            ++last;
        const int first = std::max(0, changeStarts[block] - context);
        const int end = std::min(n, changeEnds[last] + context);
        const int oldStart = linesBefore(0, first);
        const int newStart = linesBefore(1, first);
        const int oldCount = linesBefore(0, end) - oldStart;
        const int newCount = linesBefore(1, end) - newStart;
        out += u"@@ -"_s + range(oldStart, oldCount) + u" +"_s + range(newStart, newCount) + u" @@\n"_s;
        int row = first;
        while (row < end) {
            if (rows[row].kind == DiffRow::Equal) {
                out += u' ' + rows[row].side[0].text + u'\n';
                ++row;
                continue;
            }
            int stop = row;
            while (stop < end && rows[stop].kind != DiffRow::Equal)
                ++stop;
            for (int i = row; i < stop; ++i)
                if (!rows[i].side[0].isFiller())
                    out += u'-' + rows[i].side[0].text + u'\n';
            for (int i = row; i < stop; ++i)
                if (!rows[i].side[1].isFiller())
                    out += u'+' + rows[i].side[1].text + u'\n';
            row = stop;
        }
        block = last + 1;
    }
    return out;
}

} // namespace driftline::engine
