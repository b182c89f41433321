#include "profiles/importresult.h"

namespace coffer::profiles {

int ImportResult::indexOf(const QString &sourceName) const
{
    for (qsizetype i = 0; i < profiles.size(); ++i) {
        if (profiles.at(i).sourceName == sourceName)
            return static_cast<int>(i);
    }
    return -1;
}

} // namespace coffer::profiles
