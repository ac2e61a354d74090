// Bad input in one application: each case gives an error naming the file and
// line, and another application of the same workspace still renders.
#include "core/manifestparser.h"
#include "git/repository.h"
#include "testsupport/testrepo.h"
#include "workspace/renderer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace driftline;
using namespace driftline::workspace;
using driftline::test::TestRepo;

namespace {

Application makeApp(const QString& name, const QString& path)
{
    Application app;
    app.name = name;
    app.environment = u"production"_s;
    app.path = path;
    app.namespace_ = u"shop"_s;
    return app;
}

// Contents starting with these markers are made at test time rather than written as is.
constexpr auto HugeFile = "@huge";
constexpr auto LinkTo = "@link:";

QByteArray hugeConfigMap()
{
    // A valid manifest, so that any resource from it would prove it was parsed.
    QByteArray data = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n";
    const QByteArray line = "  k" + QByteArray(40, 'x') + ": \"" + QByteArray(60, 'y') + "\"\n";
    data.reserve(61 * 1024 * 1024);
    int i = 0;
    while (data.size() < 60 * 1024 * 1024)
        data += line.left(3) + QByteArray::number(i++) + line.mid(3);
    return data;
}

const QByteArray goodApp = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n"
                           "---\n"
                           "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n";

} // namespace

class TestBadInput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { git::GitLibrary::ensureInitialized(); }
    void badInput_data();
    void badInput();
};

void TestBadInput::badInput_data()
{
    QTest::addColumn<QStringList>("paths");
    QTest::addColumn<QByteArrayList>("contents");
    QTest::addColumn<QString>("expectedFile");
    QTest::addColumn<int>("expectedLine");
    QTest::addColumn<QString>("expectedText");
    QTest::addColumn<int>("expectedResources"); // what still loads from the bad application

    const QByteArray good = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fine\n";

    QTest::newRow("invalid YAML")
        << QStringList { u"apps/bad/cm.yaml"_s }
        << QByteArrayList { good + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\ndata:\n"
                                   "  key: [unclosed\n  other: 2\n" }
        << u"apps/bad/cm.yaml"_s << 12 << u"invalid YAML"_s << 1;
    QTest::newRow("document without kind")
        << QStringList { u"apps/bad/cm.yaml"_s }
        << QByteArrayList { good + "---\n# no kind below\napiVersion: v1\nmetadata:\n  name: nokind\n" }
        << u"apps/bad/cm.yaml"_s << 7 << u"no kind"_s << 1;
    QTest::newRow("document without metadata.name")
        << QStringList { u"apps/bad/cm.yaml"_s }
        << QByteArrayList { good + "---\napiVersion: v1\nkind: Secret\nmetadata:\n  labels: {a: b}\n" }
        << u"apps/bad/cm.yaml"_s << 6 << u"has no metadata.name"_s << 1;
    QTest::newRow("60 MB file")
        << QStringList { u"apps/bad/huge.yaml"_s, u"apps/bad/fine.yaml"_s }
        << QByteArrayList { HugeFile, good } << u"apps/bad/huge.yaml"_s << 0 << u"MB limit"_s << 1;
    QTest::newRow("binary file named .yaml")
        << QStringList { u"apps/bad/x.yaml"_s, u"apps/bad/fine.yaml"_s }
        << QByteArrayList { QByteArray("apiVersion: v1\n") + QByteArray(4, '\0') + "kind: ConfigMap\n", good } << u"apps/bad/x.yaml"_s << 0
        << u"binary"_s << 1;
    QTest::newRow("symlink outside the repository")
        << QStringList { u"apps/bad/passwd.yaml"_s, u"apps/bad/fine.yaml"_s }
        << QByteArrayList { QByteArray(LinkTo) + "../../../../../../etc/passwd", good }
        << u"apps/bad/passwd.yaml"_s << 0 << u"outside the repository"_s << 1;
    QTest::newRow("absolute symlink")
        << QStringList { u"apps/bad/abs.yaml"_s, u"apps/bad/fine.yaml"_s }
        << QByteArrayList { QByteArray(LinkTo) + "/etc/hostname", good } << u"apps/bad/abs.yaml"_s << 0
        << u"outside the repository"_s << 1;
    QTest::newRow("two resources with the same identity")
        << QStringList { u"apps/bad/a.yaml"_s, u"apps/bad/b.yaml"_s }
        << QByteArrayList { good, "# the same object again\n\n" + good } << u"apps/bad/b.yaml"_s << 3
        << u"declared twice: at apps/bad/a.yaml:1 and at apps/bad/b.yaml:3"_s << 1;
    QTest::newRow("failing kustomization")
        << QStringList { u"apps/bad/kustomization.yaml"_s, u"apps/bad/fine.yaml"_s }
        << QByteArrayList { "resources:\n  - fine.yaml\n  - gone.yaml\n", good }
        << u"apps/bad/kustomization.yaml"_s << 3 << u"gone.yaml: no such file or directory"_s << 0;
}

void TestBadInput::badInput()
{
    QFETCH(QStringList, paths);
    QFETCH(QByteArrayList, contents);
    QFETCH(QString, expectedFile);
    QFETCH(int, expectedLine);
    QFETCH(QString, expectedText);
    QFETCH(int, expectedResources);

    TestRepo repo;
    QVERIFY(repo.isValid());
    repo.write(u"apps/good/app.yaml"_s, goodApp);
    for (qsizetype i = 0; i < paths.size(); ++i) {
        const QByteArray& c = contents[i];
        if (c == HugeFile) {
            repo.write(paths[i], hugeConfigMap());
        } else if (c.startsWith(LinkTo)) {
            repo.write(u"apps/bad/.keep"_s, {});
            QVERIFY(::symlink(c.mid(qstrlen(LinkTo)).constData(), QFile::encodeName(repo.filePath(paths[i])).constData())
                    == 0);
        } else {
            repo.write(paths[i], c);
        }
    }
    const QString commit = repo.commit(u"bad input"_s);
    auto r = git::Repository::open(repo.path());
    QVERIFY2(r, r ? "" : qPrintable(r.error().toString()));

    ApplicationRenderer renderer(ApplicationRenderer::Options {});
    QElapsedTimer timer;
    timer.start();
    const RenderResult bad = renderer.render(*r, commit, makeApp(u"bad"_s, u"apps/bad"_s));
    const qint64 badMs = timer.elapsed();
    const RenderResult goodResult = renderer.render(*r, commit, makeApp(u"good"_s, u"apps/good"_s));

    QCOMPARE(bad.errors.size(), 1);
    const Error& e = bad.errors[0];
    const QString text = e.toString();
    QCOMPARE(e.file, expectedFile);
    QCOMPARE(e.line, expectedLine);
    QVERIFY2(text.contains(expectedText), qPrintable(text));
    const QString where = expectedLine > 0 ? QString(expectedFile + u':' + QString::number(expectedLine))
                                           : QString(expectedFile + u':');
    QVERIFY2(text.startsWith(where), qPrintable(text));
    QCOMPARE(e.cluster, u"production"_s);
    QCOMPARE(bad.resources.size(), expectedResources);
    for (const Resource& res : bad.resources)
        QCOMPARE(res.name(), u"fine"_s);

    if (qstrcmp(QTest::currentDataTag(), "60 MB file") == 0) {
        QCOMPARE(e.code, Error::Code::TooLarge);
        QVERIFY2(e.message.contains(u"60.0 MB"_s), qPrintable(e.message));
        // Refused from its size alone: reading and parsing 60 MB of YAML takes far longer.
        QVERIFY2(badMs < 2000, qPrintable(QString::number(badMs)));
    }

    QVERIFY2(goodResult.ok(), qPrintable(goodResult.errors.value(0).toString()));
    QCOMPARE(goodResult.resources.size(), 2);
    QCOMPARE(goodResult.resources[0].namespace_(), u"shop"_s);
}

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
