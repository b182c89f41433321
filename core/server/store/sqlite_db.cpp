#include "server/store/sqlite_db.h"

#include <sqlite3.h>

#include <cerrno>

using namespace Qt::StringLiterals;

namespace coffer::server {

namespace {

StoreError sqliteError(sqlite3 *db, int rc, const QString &what)
{
    const QString text = what + u": SQLite: "_s + QString::fromUtf8(sqlite3_errmsg(db));
    if (rc == SQLITE_FULL)
        return StoreError::fromErrno(text, ENOSPC);
    return StoreError::io(text);
}

} // namespace

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_stmt);
}

SqliteStatement &SqliteStatement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

SqliteStatement &SqliteStatement::bindBlob(int index, QByteArrayView value)
{
    // SQLITE_TRANSIENT: SQLite copies, so temporaries are safe to pass.
    static const char empty = 0;
    sqlite3_bind_blob64(m_stmt, index, value.isEmpty() ? &empty : value.data(),
                        sqlite3_uint64(value.size()), SQLITE_TRANSIENT);
    return *this;
}

SqliteStatement &SqliteStatement::bindText(int index, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    sqlite3_bind_text64(m_stmt, index, utf8.constData(), sqlite3_uint64(utf8.size()),
                        SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
}

SqliteStatement &SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

bool SqliteStatement::next()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE)
        m_error = sqliteError(m_db, rc, u"Reading the store's index failed"_s);
    return false;
}

StoreError SqliteStatement::run()
{
    const int rc = sqlite3_step(m_stmt);
    StoreError error;
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        error = sqliteError(m_db, rc, u"Writing the store's index failed"_s);
    reset();
    return error;
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_error = {};
}

qint64 SqliteStatement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

QByteArray SqliteStatement::blob(int column) const
{
    const void *data = sqlite3_column_blob(m_stmt, column);
    const int size = sqlite3_column_bytes(m_stmt, column);
    return data ? QByteArray(static_cast<const char *>(data), size) : QByteArray();
}

QString SqliteStatement::text(int column) const
{
    const auto *data = sqlite3_column_text(m_stmt, column);
    const int size = sqlite3_column_bytes(m_stmt, column);
    return data ? QString::fromUtf8(reinterpret_cast<const char *>(data), size) : QString();
}

bool SqliteStatement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

StoreResult<std::unique_ptr<SqliteDatabase>> SqliteDatabase::open(const QString &path)
{
    sqlite3 *db = nullptr;
    const QByteArray file = path.toUtf8();
    const int rc = sqlite3_open_v2(file.constData(), &db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                       | SQLITE_OPEN_NOMUTEX,
                                   nullptr);
    if (rc != SQLITE_OK) {
        StoreError error = sqliteError(db, rc, u"Opening the store index "_s + path);
        sqlite3_close(db);
        return error;
    }
    sqlite3_extended_result_codes(db, 0);
    sqlite3_busy_timeout(db, 10000);
    std::unique_ptr<SqliteDatabase> result(new SqliteDatabase(db));
    // WAL: readers never block the committer. FULL: every commit fsyncs the WAL, so an
    // acknowledged commit survives a power cut (NORMAL would only survive a crash).
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
                               "PRAGMA foreign_keys=OFF", "PRAGMA cache_size=-16000"}) {
        if (StoreError error = result->exec(pragma); error.isError())
            return error;
    }
    return result;
}

SqliteDatabase::~SqliteDatabase()
{
    m_statements.clear();
    sqlite3_close(m_db);
}

StoreError SqliteDatabase::exec(const char *sql)
{
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &message);
    StoreError error;
    if (rc != SQLITE_OK) {
        const QString what = u"SQLite: "_s + QString::fromUtf8(message ? message : "");
        error = rc == SQLITE_FULL ? StoreError::fromErrno(what, ENOSPC) : StoreError::io(what);
    }
    sqlite3_free(message);
    return error;
}

SqliteStatement &SqliteDatabase::prepare(const char *sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr)
            != SQLITE_OK) {
            // A programming error in our own SQL; make it loud in every build.
            qFatal("coffer store: bad SQL (%s): %s", sqlite3_errmsg(m_db), sql);
        }
        it = m_statements.emplace(sql, std::make_unique<SqliteStatement>(m_db, stmt)).first;
    }
    it->second->reset();
    return *it->second;
}

void SqliteDatabase::resetAll()
{
    for (auto &entry : m_statements)
        entry.second->reset();
}

StoreError SqliteDatabase::lastError(const QString &what) const
{
    return sqliteError(m_db, sqlite3_errcode(m_db), what);
}

} // namespace coffer::server
