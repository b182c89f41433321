#pragma once
// The loop both listings share (objects, and multipart uploads): rows in key order from a
// position, each either taken as an entry or rolled up into a common prefix, then one seek
// past that prefix however many keys it holds; at most maxItems entries and prefixes, and
// truncated when one more exists. Internal to the store.

#include "server/store/key_range.h"
#include "server/store/sqlite_db.h"

#include <QByteArray>

#include <optional>

namespace coffer::server {

struct PageScan {
    QByteArray prefix;
    QByteArray delimiter;
    int maxItems = 1000;
};

struct PageScanResult {
    bool truncated = false;
    StoreError error;
};

// query(limit): the statement for the rows after the current position, at most limit.
// keyOf(q): the current row's key. take(q, key): records the row as an entry and moves the
// position past it. rollUp(prefix, past): records the common prefix and moves the position
// to past (its successor, where the next seek starts).
template <typename Query, typename KeyOf, typename Take, typename RollUp>
PageScanResult scanPage(const PageScan &scan, Query query, KeyOf keyOf, Take take, RollUp rollUp)
{
    const std::optional<QByteArray> upper = prefixSuccessor(scan.prefix);
    PageScanResult result;
    int count = 0;
    for (;;) {
        const int limit = scan.maxItems - count + 1;
        SqliteStatement &q = query(limit);
        int rows = 0;
        bool reseek = false;
        bool finished = false;
        while (q.next()) {
            ++rows;
            QByteArray key = keyOf(q);
            if (upper && key >= *upper) {
                finished = true;
                break;
            }
            if (count == scan.maxItems) {
                result.truncated = true;
                finished = true;
                break;
            }
            ++count;
            const QByteArray rolled = commonPrefixOf(key, scan.prefix, scan.delimiter);
            if (rolled.isEmpty()) {
                take(q, std::move(key));
                continue;
            }
            const std::optional<QByteArray> past = prefixSuccessor(rolled);
            rollUp(rolled, past.value_or(QByteArray()));
            finished = !past || (upper && *past >= *upper);
            reseek = true;
            break;
        }
        if (q.error().isError())
            result.error = q.error();
        q.reset();
        if (result.error.isError() || finished || (!reseek && rows < limit))
            return result;
    }
}

} // namespace coffer::server
