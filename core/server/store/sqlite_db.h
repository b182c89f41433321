#pragma once
// A thin RAII layer over the SQLite C API: one connection, its prepared statements cached
// by SQL text, and errors turned into StoreError. Not thread-safe: one thread at a time.

#include "server/store/store_error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>
#include <string>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace coffer::server {

class SqliteStatement
{
public:
    SqliteStatement(sqlite3 *db, sqlite3_stmt *stmt) : m_db(db), m_stmt(stmt) {}
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    // Parameters are 1-based, as in SQLite.
    SqliteStatement &bind(int index, qint64 value);
    SqliteStatement &bindBlob(int index, QByteArrayView value); // an empty view binds ''
    SqliteStatement &bindText(int index, const QString &value);
    SqliteStatement &bindNull(int index);

    // True while a row is available; false at the end or on error (see error()).
    bool next();
    // Runs a statement that returns no rows.
    StoreError run();
    const StoreError &error() const { return m_error; }
    void reset(); // also clears bindings

    qint64 int64(int column) const;
    QByteArray blob(int column) const;
    QString text(int column) const;
    bool isNull(int column) const;

private:
    sqlite3 *m_db;
    sqlite3_stmt *m_stmt;
    StoreError m_error;
};

class SqliteDatabase
{
public:
    static StoreResult<std::unique_ptr<SqliteDatabase>> open(const QString &path);
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase &) = delete;
    SqliteDatabase &operator=(const SqliteDatabase &) = delete;

    StoreError exec(const char *sql);
    // A cached statement, reset and ready for binding.
    SqliteStatement &prepare(const char *sql);
    StoreError lastError(const QString &what) const;
    // Resets every cached statement, ending any read a caller left half-stepped (which
    // would otherwise pin an old WAL snapshot).
    void resetAll();
    sqlite3 *handle() const { return m_db; }

private:
    explicit SqliteDatabase(sqlite3 *db) : m_db(db) {}
    sqlite3 *m_db;
    std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> m_statements;
};

// A read transaction that ends when it goes out of scope (a consistent snapshot).
class ReadTransaction
{
public:
    explicit ReadTransaction(SqliteDatabase &db) : m_db(db) { m_db.exec("BEGIN"); }
    ~ReadTransaction() { m_db.exec("COMMIT"); }
    ReadTransaction(const ReadTransaction &) = delete;
    ReadTransaction &operator=(const ReadTransaction &) = delete;

private:
    SqliteDatabase &m_db;
};

} // namespace coffer::server
