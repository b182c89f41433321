#include "profiles/inifile.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace coffer::profiles {

std::optional<QString> IniSection::value(QStringView key) const
{
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
        if (it->key == key)
            return it->value;
    }
    return std::nullopt;
}

QString IniSection::valueOr(QStringView key, const QString &fallback) const
{
    return value(key).value_or(fallback);
}

namespace {

bool isComment(QStringView trimmed)
{
    return trimmed.startsWith(u'#') || trimmed.startsWith(u';');
}

} // namespace

IniDocument parseIni(QStringView text, const QString &shownFile)
{
    IniDocument doc;
    IniSection *section = nullptr;
    // After a broken header its keys are dropped quietly: the header's error says so.
    bool skipping = false;
    // The key with an empty value that indented lines below it belong to.
    QString nestParent;

    auto fail = [&](int line, const QString &message) {
        doc.errors.append(ImportError{shownFile, line, message});
    };

    if (text.startsWith(QChar(0xFEFF)))
        text = text.mid(1);

    int lineNo = 0;
    for (QStringView raw : text.tokenize(u'\n')) {
        ++lineNo;
        if (raw.endsWith(u'\r'))
            raw.chop(1);
        const QStringView line = raw.trimmed();
        if (line.isEmpty() || isComment(line))
            continue;
        const bool indented = raw.front().isSpace();

        if (line.startsWith(u'[')) {
            nestParent.clear();
            skipping = true; // until the header turns out well-formed
            if (!line.endsWith(u']')) {
                section = nullptr;
                fail(lineNo, u"a section header without its closing \"]\". "
                             "Write it as [name]; the keys below it are skipped until the next header."_s);
                continue;
            }
            const QString name = line.sliced(1, line.size() - 2).trimmed().toString();
            if (name.isEmpty()) {
                section = nullptr;
                fail(lineNo, u"an empty section header \"[]\". Give the section a name; "
                             "the keys below it are skipped until the next header."_s);
                continue;
            }
            skipping = false;
            doc.sections.append(IniSection{name, lineNo, {}});
            section = &doc.sections.last();
            continue;
        }

        if (skipping)
            continue;
        const qsizetype eq = line.indexOf(u'=');
        if (eq < 0) {
            fail(lineNo, u"expected \"key = value\", a [section] header or a comment, "
                         "found something else. Fix or remove the line."_s);
            continue;
        }
        const QString key = line.first(eq).trimmed().toString().toLower();
        const QString value = line.sliced(eq + 1).trimmed().toString();
        if (key.isEmpty()) {
            fail(lineNo, u"a value without a key (the line starts with \"=\"). "
                         "Write it as \"key = value\"."_s);
            continue;
        }
        if (!section) {
            fail(lineNo, u"a key outside any [section]. Put it below a section header "
                         "such as [default]."_s);
            continue;
        }
        if (indented && !nestParent.isEmpty()) {
            section->entries.append(IniEntry{nestParent % u'.' % key, value, lineNo});
            continue;
        }
        nestParent = value.isEmpty() ? key : QString();
        section->entries.append(IniEntry{key, value, lineNo});
    }
    return doc;
}

IniDocument readIniFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        IniDocument doc;
        doc.errors.append(ImportError{
            displayPath(path), 0,
            u"cannot be read ("_s % file.errorString()
                % u"). Check that the file exists and that you may read it."_s});
        return doc;
    }
    return parseIni(QString::fromUtf8(file.readAll()), displayPath(path));
}

} // namespace coffer::profiles
