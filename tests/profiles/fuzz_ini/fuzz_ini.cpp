// libFuzzer target for the INI dialect every importer reads (files a person names, so
// anything at all). Besides not crashing, the parse must keep its promises: every error
// names a real line, entries follow their section's header, and keys are never empty.

#include "profiles/inifile.h"

#include <QString>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const coffer::profiles::IniDocument doc = coffer::profiles::parseIni(text, QStringLiteral("fuzz"));
    const qsizetype lines = text.count(u'\n') + 1;
    for (const auto &error : doc.errors) {
        if (error.line < 1 || error.line > lines || error.message.isEmpty())
            std::abort();
    }
    int previousSection = 0;
    for (const auto &section : doc.sections) {
        if (section.name.isEmpty() || section.line <= previousSection)
            std::abort();
        previousSection = section.line;
        for (const auto &entry : section.entries) {
            if (entry.key.isEmpty() || entry.line <= section.line || entry.line > lines)
                std::abort();
        }
    }
    return 0;
}
