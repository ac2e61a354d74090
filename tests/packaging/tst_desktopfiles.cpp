// The desktop integration files: validated by the freedesktop and AppStream
// tools, consistent with each other and with the project, and installed
// where desktops look for them.
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace
{

const QString appId = u"io.driftline.Driftline"_s;

QString packagingFile(const QString& suffix)
{
    return QStringLiteral(DRIFTLINE_SOURCE_DIR) + u"/packaging/"_s + appId + suffix;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

struct ToolRun {
    int exitCode = -1;
    QString output;
};

ToolRun runTool(const QString& program, const QStringList& args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    ToolRun r;
    if (!p.waitForFinished(60000))
        return r;
    r.output = QString::fromUtf8(p.readAll());
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return r;
}

// Lines the tool flags as errors or warnings (its hints and pedantic notes pass).
QStringList problems(const QString& output, const QRegularExpression& pattern)
{
    QStringList found;
    for (const QString& line : output.split(u'\n')) {
        if (pattern.match(line).hasMatch())
            found << line;
    }
    return found;
}

// Values of the elements named `name` in an XML document (first level text only).
QStringList xmlTexts(const QByteArray& xml, const QString& name, const QString& attribute = {},
    QStringList* attributes = nullptr)
{
    QStringList texts;
    QXmlStreamReader r(xml);
    while (!r.atEnd()) {
        if (r.readNext() == QXmlStreamReader::StartElement && r.name() == name) {
            if (attributes)
                *attributes << r.attributes().value(attribute).toString();
            texts << r.readElementText(QXmlStreamReader::IncludeChildElements).simplified();
        }
    }
    return texts;
}

} // namespace

class TestDesktopFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void desktopFileValidates();
    void metainfoValidates();
    void filesAgree();
    void iconRenders();
    void installLayout();
};

void TestDesktopFiles::desktopFileValidates()
{
    const QString tool = QStandardPaths::findExecutable(u"desktop-file-validate"_s);
    if (tool.isEmpty())
        QSKIP("desktop-file-validate is not installed (desktop-file-utils)");
    const ToolRun r = runTool(tool, { packagingFile(u".desktop"_s) });
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    const QStringList bad = problems(r.output, QRegularExpression(u"\\b(error|warning):"_s));
    QVERIFY2(bad.isEmpty(), qPrintable(r.output));
}

void TestDesktopFiles::metainfoValidates()
{
    const QString tool = QStandardPaths::findExecutable(u"appstreamcli"_s);
    if (tool.isEmpty())
        QSKIP("appstreamcli is not installed (appstream)");
    // --strict fails on every issue above pedantic; the only pedantic note is the
    // upper-case letter in the reverse-DNS id, which is the id we ship.
    const ToolRun r = runTool(tool,
        { u"validate"_s, u"--no-net"_s, u"--strict"_s, u"--pedantic"_s, u"--explain"_s,
            packagingFile(u".metainfo.xml"_s) });
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    const QStringList bad = problems(r.output, QRegularExpression(u"^\\s*[EWI]: "_s));
    QVERIFY2(bad.isEmpty(), qPrintable(r.output));
}

void TestDesktopFiles::filesAgree()
{
    QSettings desktop(packagingFile(u".desktop"_s), QSettings::IniFormat);
    desktop.beginGroup(u"Desktop Entry"_s);
    QCOMPARE(desktop.value(u"Icon"_s).toString(), appId);
    QCOMPARE(desktop.value(u"Exec"_s).toString(), u"driftline"_s);
    QCOMPARE(desktop.value(u"Type"_s).toString(), u"Application"_s);

    const QByteArray metainfo = readAll(packagingFile(u".metainfo.xml"_s));
    QVERIFY(!metainfo.isEmpty());
    QCOMPARE(xmlTexts(metainfo, u"id"_s), QStringList { appId });
    QCOMPARE(xmlTexts(metainfo, u"launchable"_s), QStringList { appId + u".desktop"_s });
    QCOMPARE(xmlTexts(metainfo, u"binary"_s), QStringList { u"driftline"_s });
    // The newest release is the version being built.
    QStringList versions;
    xmlTexts(metainfo, u"release"_s, u"version"_s, &versions);
    QVERIFY(!versions.isEmpty());
    QCOMPARE(versions.first(), QStringLiteral(DRIFTLINE_VERSION));
}

void TestDesktopFiles::iconRenders()
{
    const QByteArray svg = readAll(packagingFile(u".svg"_s));
    QVERIFY(!svg.isEmpty());
    // The window icon compiled into the app is the same picture.
    QCOMPARE(readAll(QStringLiteral(DRIFTLINE_SOURCE_DIR) + u"/resources/icons/driftline.svg"_s), svg);

    QSvgRenderer renderer(svg);
    QVERIFY(renderer.isValid());
    const QRectF box = renderer.viewBoxF();
    QVERIFY(box.width() > 0 && qFuzzyCompare(box.width(), box.height())); // square, scalable

    // Drawn at a small size it still covers the middle and leaves the corners clear.
    QImage image(64, 64, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    renderer.render(&painter);
    painter.end();
    QVERIFY(qAlpha(image.pixel(32, 32)) > 200);
    QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
}

void TestDesktopFiles::installLayout()
{
    QTemporaryDir prefix;
    QVERIFY(prefix.isValid());
    const ToolRun r = runTool(QStringLiteral(DRIFTLINE_CMAKE_COMMAND),
        { u"--install"_s, QStringLiteral(DRIFTLINE_BINARY_DIR), u"--component"_s, u"desktop"_s, u"--prefix"_s,
            prefix.path() });
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    const QString share = prefix.path() + u"/share/"_s;
    QCOMPARE(
        readAll(share + u"applications/"_s + appId + u".desktop"_s), readAll(packagingFile(u".desktop"_s)));
    QCOMPARE(readAll(share + u"metainfo/"_s + appId + u".metainfo.xml"_s),
        readAll(packagingFile(u".metainfo.xml"_s)));
    QCOMPARE(readAll(share + u"icons/hicolor/scalable/apps/"_s + appId + u".svg"_s),
        readAll(packagingFile(u".svg"_s)));
}

QTEST_MAIN(TestDesktopFiles)
#include "tst_desktopfiles.moc"
