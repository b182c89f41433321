// The INI dialect under ~/.aws and rclone.conf: sections, keys, comments, AWS's nested
// sub-keys, and malformed lines reported by line number without losing the rest.

#include "profiles/inifile.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer::profiles;

namespace {

// "[name]@line key=value@line ..." for comparing whole documents in one line.
QString flatten(const IniDocument &doc)
{
    QStringList parts;
    for (const IniSection &section : doc.sections) {
        parts << u"[%1]@%2"_s.arg(section.name).arg(section.line);
        for (const IniEntry &entry : section.entries)
            parts << u"%1=%2@%3"_s.arg(entry.key, entry.value).arg(entry.line);
    }
    return parts.join(u' ');
}

QList<int> errorLines(const IniDocument &doc)
{
    QList<int> lines;
    for (const ImportError &error : doc.errors)
        lines << error.line;
    return lines;
}

} // namespace

class tst_IniFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void errorsNameFileAndLine();
    void valueTakesTheLastOne();
    void unreadableFile();
};

void tst_IniFile::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QList<int>>("errors");

    QTest::newRow("empty") << QString() << QString() << QList<int>{};
    QTest::newRow("one section") << u"[default]\naws_access_key_id = AKIA\n"_s
                                 << u"[default]@1 aws_access_key_id=AKIA@2"_s << QList<int>{};
    QTest::newRow("comments and blanks")
        << u"# top\n\n[a]\n; note\n  # indented comment\nk=v\n"_s << u"[a]@3 k=v@6"_s << QList<int>{};
    QTest::newRow("keys lowercased, values kept")
        << u"[A b]\nAWS_Secret = AbC/+=x\n"_s << u"[A b]@1 aws_secret=AbC/+=x@2"_s << QList<int>{};
    QTest::newRow("value with '=' and spaces")
        << u"[s]\nk =  a = b  \n"_s << u"[s]@1 k=a = b@2"_s << QList<int>{};
    QTest::newRow("CRLF and BOM")
        << u"\uFEFF[s]\r\nk = v\r\n"_s << u"[s]@1 k=v@2"_s << QList<int>{};
    QTest::newRow("nested s3 block")
        << u"[profile p]\nregion = eu-west-1\ns3 =\n  endpoint_url = http://x:9000\n  addressing_style = path\noutput = json\n"_s
        << u"[profile p]@1 region=eu-west-1@2 s3=@3 s3.endpoint_url=http://x:9000@4 s3.addressing_style=path@5 output=json@6"_s
        << QList<int>{};
    QTest::newRow("indented key after a valued key is plain")
        << u"[s]\na = 1\n  b = 2\n"_s << u"[s]@1 a=1@2 b=2@3"_s << QList<int>{};
    QTest::newRow("key outside any section")
        << u"region = x\n[s]\nk = v\n"_s << u"[s]@2 k=v@3"_s << QList<int>{1};
    QTest::newRow("unclosed header skips its keys")
        << u"[a]\nk = 1\n[b\nk = 2\n[c]\nk = 3\n"_s << u"[a]@1 k=1@2 [c]@5 k=3@6"_s << QList<int>{3};
    QTest::newRow("empty header")
        << u"[]\nk = 1\n"_s << QString() << QList<int>{1};
    QTest::newRow("garbage under a broken header is not reported twice")
        << u"[a\nnot a key\n[b]\nk = 1\n"_s << u"[b]@3 k=1@4"_s << QList<int>{1};
    QTest::newRow("line without '='")
        << u"[s]\nk = 1\ngarbage here\nj = 2\n"_s << u"[s]@1 k=1@2 j=2@4"_s << QList<int>{3};
    QTest::newRow("value without key")
        << u"[s]\n= v\nk = 1\n"_s << u"[s]@1 k=1@3"_s << QList<int>{2};
}

void tst_IniFile::parse()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QFETCH(QList<int>, errors);
    const IniDocument doc = parseIni(text, u"f"_s);
    QCOMPARE(flatten(doc), expected);
    QCOMPARE(errorLines(doc), errors);
}

void tst_IniFile::errorsNameFileAndLine()
{
    // Six comment and blank lines, then a key on line 7 before any header.
    const IniDocument doc = parseIni(u"# aws config\n\n; notes\n\n\n\nregion = x\n[default]\n"_s,
                                     u"~/.aws/config"_s);
    QCOMPARE(doc.errors.size(), 1);
    const QString sentence = doc.errors.first().sentence();
    QVERIFY2(sentence.startsWith(u"~/.aws/config, line 7: a key outside any [section]."_s),
             qPrintable(sentence));
}

void tst_IniFile::valueTakesTheLastOne()
{
    const IniDocument doc = parseIni(u"[s]\nk = 1\nk = 2\n"_s, u"f"_s);
    QCOMPARE(doc.sections.size(), 1);
    QCOMPARE(doc.sections.first().value(u"k"), u"2"_s);
    QVERIFY(!doc.sections.first().value(u"missing"));
    QCOMPARE(doc.sections.first().valueOr(u"missing", u"d"_s), u"d"_s);
}

void tst_IniFile::unreadableFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const IniDocument doc = readIniFile(dir.filePath(u"nope.conf"_s));
    QVERIFY(doc.sections.isEmpty());
    QCOMPARE(doc.errors.size(), 1);
    QCOMPARE(doc.errors.first().line, 0);
    QVERIFY(doc.errors.first().sentence().contains(u"nope.conf"_s));
    QVERIFY(doc.errors.first().message.contains(u"cannot be read"_s));
}

QTEST_GUILESS_MAIN(tst_IniFile)
#include "tst_inifile.moc"
