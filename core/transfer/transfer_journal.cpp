#include "transfer_journal.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace coffer::transfer {

namespace {

constexpr int kSchemaVersion = 1;

const char *const kSchema = R"(
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    destination TEXT NOT NULL DEFAULT '',
    profile TEXT NOT NULL DEFAULT '',
    endpoint TEXT NOT NULL DEFAULT '',
    second_profile TEXT NOT NULL DEFAULT '',
    second_endpoint TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '{}',
    last_error TEXT NOT NULL DEFAULT '',
    updated_at INTEGER NOT NULL DEFAULT (strftime('%s','now')));
CREATE TABLE IF NOT EXISTS items (
    job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    item TEXT NOT NULL,
    size INTEGER NOT NULL DEFAULT -1,
    mtime_ns INTEGER NOT NULL DEFAULT 0,
    etag TEXT NOT NULL DEFAULT '',
    upload_id TEXT NOT NULL DEFAULT '',
    part_size INTEGER NOT NULL DEFAULT 0,
    checksum TEXT NOT NULL DEFAULT '',
    done INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (job_id, item));
CREATE TABLE IF NOT EXISTS parts (
    job_id INTEGER NOT NULL,
    item TEXT NOT NULL,
    part_number INTEGER NOT NULL,
    size INTEGER NOT NULL,
    etag TEXT NOT NULL,
    checksum TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (job_id, item, part_number),
    FOREIGN KEY (job_id, item) REFERENCES items(job_id, item) ON DELETE CASCADE);
)";

QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::transfer::TransferJournal", text);
}

// A prepared statement that finalizes itself.
class Statement
{
public:
    Statement(sqlite3 *db, const char *sql) { sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr); }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    bool isValid() const { return m_stmt != nullptr; }
    Statement &bind(int index, const QString &value)
    {
        const QByteArray utf8 = value.toUtf8();
        sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Statement &bind(int index, qint64 value)
    {
        sqlite3_bind_int64(m_stmt, index, value);
        return *this;
    }
    // SQLITE_ROW or SQLITE_DONE on success.
    int step() { return m_stmt ? sqlite3_step(m_stmt) : SQLITE_MISUSE; }
    bool run() { return step() == SQLITE_DONE; }
    QString text(int column) const
    {
        const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
        return QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column));
    }
    qint64 integer(int column) const { return sqlite3_column_int64(m_stmt, column); }

private:
    sqlite3_stmt *m_stmt = nullptr;
};

QString jsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

JobRecord readJob(const Statement &s)
{
    JobRecord r;
    r.id = s.integer(0);
    r.kind = jobKindFromId(s.text(1).toUtf8()).value_or(JobKind::UploadFile);
    r.state = jobStateFromId(s.text(2).toUtf8()).value_or(JobState::Failed);
    r.displayName = s.text(3);
    r.source = s.text(4);
    r.destination = s.text(5);
    r.connection = {s.text(6), s.text(7)};
    r.secondConnection = {s.text(8), s.text(9)};
    r.detail = QJsonDocument::fromJson(s.text(10).toUtf8()).object();
    r.lastError = s.text(11);
    return r;
}

constexpr const char *kJobColumns =
    "SELECT id, kind, state, display_name, source, destination, profile, endpoint, second_profile, "
    "second_endpoint, detail, last_error FROM jobs ";

ItemRecord readItem(const Statement &s)
{
    ItemRecord item;
    item.item = s.text(0);
    item.fingerprint = {s.integer(1), s.integer(2), s.text(3)};
    item.uploadId = s.text(4);
    item.partSize = s.integer(5);
    const QString checksum = s.text(6);
    if (!checksum.isEmpty())
        item.checksum = s3::checksumAlgorithmFromName(checksum.toUtf8());
    item.done = s.integer(7) != 0;
    return item;
}

constexpr const char *kItemColumns =
    "SELECT item, size, mtime_ns, etag, upload_id, part_size, checksum, done FROM items ";

} // namespace

TransferJournal::TransferJournal() = default;

TransferJournal::~TransferJournal()
{
    if (m_db)
        sqlite3_close(m_db);
}

bool TransferJournal::open(const QString &path)
{
    if (m_db) {
        sqlite3_close(m_db);
        m_db = nullptr;
    }
    m_path = path;
    QDir().mkpath(QFileInfo(path).absolutePath());
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr)
        != SQLITE_OK) {
        m_error = tr("Can't open the transfer journal %1: %2. Check that the folder is writable.")
                      .arg(path, QString::fromUtf8(sqlite3_errmsg(db)));
        sqlite3_close(db);
        return false;
    }
    m_db = db;
    sqlite3_busy_timeout(m_db, 5000);
    // WAL + NORMAL: every commit survives a killed process; see the header for power loss.
    if (!exec("PRAGMA journal_mode=WAL") || !exec("PRAGMA synchronous=NORMAL") || !exec("PRAGMA foreign_keys=ON")
        || !exec(kSchema)) {
        const QString why = m_error;
        sqlite3_close(m_db);
        m_db = nullptr;
        m_error = tr("%1 is not a usable transfer journal (%2). Move it aside; Coffer creates a new one.")
                      .arg(path, why);
        return false;
    }
    Statement version(m_db, "PRAGMA user_version");
    const qint64 found = version.step() == SQLITE_ROW ? version.integer(0) : 0;
    if (found > kSchemaVersion) {
        sqlite3_close(m_db);
        m_db = nullptr;
        m_error = tr("The transfer journal %1 was written by a newer Coffer. Update Coffer to resume its jobs.")
                      .arg(path);
        return false;
    }
    exec("PRAGMA user_version=1");
    return true;
}

bool TransferJournal::exec(const char *sql)
{
    char *message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        m_error = QString::fromUtf8(message ? message : "unknown error");
        sqlite3_free(message);
        return false;
    }
    return true;
}

bool TransferJournal::fail(const QString &what) const
{
    m_error = tr("Writing the transfer journal failed (%1): %2").arg(what, QString::fromUtf8(sqlite3_errmsg(m_db)));
    return false;
}

qint64 TransferJournal::addJob(const JobRecord &record)
{
    if (!m_db)
        return 0;
    Statement s(m_db, "INSERT INTO jobs (kind, state, display_name, source, destination, profile, endpoint, "
                      "second_profile, second_endpoint, detail, last_error) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, QString::fromLatin1(jobKindId(record.kind)))
        .bind(2, QString::fromLatin1(jobStateId(record.state)))
        .bind(3, record.displayName)
        .bind(4, record.source)
        .bind(5, record.destination)
        .bind(6, record.connection.profile)
        .bind(7, record.connection.endpoint)
        .bind(8, record.secondConnection.profile)
        .bind(9, record.secondConnection.endpoint)
        .bind(10, jsonText(record.detail))
        .bind(11, record.lastError);
    if (!s.run()) {
        fail(u"add job"_s);
        return 0;
    }
    return sqlite3_last_insert_rowid(m_db);
}

bool TransferJournal::updateJob(const JobRecord &record)
{
    if (!m_db)
        return false;
    Statement s(m_db, "UPDATE jobs SET state=?, display_name=?, source=?, destination=?, profile=?, endpoint=?, "
                      "second_profile=?, second_endpoint=?, detail=?, last_error=?, "
                      "updated_at=strftime('%s','now') WHERE id=?");
    s.bind(1, QString::fromLatin1(jobStateId(record.state)))
        .bind(2, record.displayName)
        .bind(3, record.source)
        .bind(4, record.destination)
        .bind(5, record.connection.profile)
        .bind(6, record.connection.endpoint)
        .bind(7, record.secondConnection.profile)
        .bind(8, record.secondConnection.endpoint)
        .bind(9, jsonText(record.detail))
        .bind(10, record.lastError)
        .bind(11, record.id);
    return s.run() || fail(u"update job"_s);
}

bool TransferJournal::setJobState(qint64 jobId, JobState state, const QString &lastError)
{
    if (!m_db)
        return false;
    Statement s(m_db, "UPDATE jobs SET state=?, last_error=?, updated_at=strftime('%s','now') WHERE id=?");
    s.bind(1, QString::fromLatin1(jobStateId(state))).bind(2, lastError).bind(3, jobId);
    return s.run() || fail(u"set job state"_s);
}

bool TransferJournal::removeJob(qint64 jobId)
{
    if (!m_db)
        return false;
    // Parts and items go with the job (ON DELETE CASCADE), in the same statement's transaction.
    Statement s(m_db, "DELETE FROM jobs WHERE id=?");
    s.bind(1, jobId);
    return s.run() || fail(u"remove job"_s);
}

std::optional<JobRecord> TransferJournal::job(qint64 jobId) const
{
    if (!m_db)
        return std::nullopt;
    const QByteArray sql = QByteArray(kJobColumns) + "WHERE id=?";
    Statement s(m_db, sql.constData());
    s.bind(1, jobId);
    if (s.step() != SQLITE_ROW)
        return std::nullopt;
    return readJob(s);
}

QList<JobRecord> TransferJournal::unfinishedJobs() const
{
    QList<JobRecord> jobs;
    if (!m_db)
        return jobs;
    const QByteArray sql = QByteArray(kJobColumns) + "WHERE state NOT IN ('completed','cancelled') ORDER BY id";
    Statement s(m_db, sql.constData());
    while (s.step() == SQLITE_ROW)
        jobs.append(readJob(s));
    return jobs;
}

bool TransferJournal::saveItem(qint64 jobId, const ItemRecord &item)
{
    if (!m_db)
        return false;
    // An upsert, so the item's parts (which reference it) survive an update.
    Statement s(m_db, "INSERT INTO items (job_id, item, size, mtime_ns, etag, upload_id, part_size, checksum, done) "
                      "VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(job_id, item) DO UPDATE SET size=excluded.size, "
                      "mtime_ns=excluded.mtime_ns, etag=excluded.etag, upload_id=excluded.upload_id, "
                      "part_size=excluded.part_size, checksum=excluded.checksum, done=excluded.done");
    s.bind(1, jobId)
        .bind(2, item.item)
        .bind(3, item.fingerprint.size)
        .bind(4, item.fingerprint.mtimeNs)
        .bind(5, item.fingerprint.etag)
        .bind(6, item.uploadId)
        .bind(7, item.partSize)
        .bind(8, item.checksum ? QString::fromLatin1(s3::checksumAlgorithmName(*item.checksum)) : QString())
        .bind(9, qint64(item.done ? 1 : 0));
    return s.run() || fail(u"save item"_s);
}

std::optional<ItemRecord> TransferJournal::item(qint64 jobId, const QString &item) const
{
    if (!m_db)
        return std::nullopt;
    const QByteArray sql = QByteArray(kItemColumns) + "WHERE job_id=? AND item=?";
    Statement s(m_db, sql.constData());
    s.bind(1, jobId).bind(2, item);
    if (s.step() != SQLITE_ROW)
        return std::nullopt;
    return readItem(s);
}

QList<ItemRecord> TransferJournal::items(qint64 jobId) const
{
    QList<ItemRecord> items;
    if (!m_db)
        return items;
    const QByteArray sql = QByteArray(kItemColumns) + "WHERE job_id=? ORDER BY item";
    Statement s(m_db, sql.constData());
    s.bind(1, jobId);
    while (s.step() == SQLITE_ROW)
        items.append(readItem(s));
    return items;
}

bool TransferJournal::markItemDone(qint64 jobId, const QString &item)
{
    if (!m_db)
        return false;
    if (!exec("BEGIN IMMEDIATE"))
        return fail(u"begin"_s);
    Statement parts(m_db, "DELETE FROM parts WHERE job_id=? AND item=?");
    parts.bind(1, jobId).bind(2, item);
    Statement done(m_db, "INSERT INTO items (job_id, item, done) VALUES (?,?,1) "
                         "ON CONFLICT(job_id, item) DO UPDATE SET done=1, upload_id=''");
    done.bind(1, jobId).bind(2, item);
    if (!parts.run() || !done.run()) {
        fail(u"finish item"_s);
        exec("ROLLBACK");
        return false;
    }
    return exec("COMMIT") || fail(u"commit"_s);
}

bool TransferJournal::resetItem(qint64 jobId, const QString &item)
{
    if (!m_db)
        return false;
    if (!exec("BEGIN IMMEDIATE"))
        return fail(u"begin"_s);
    Statement parts(m_db, "DELETE FROM parts WHERE job_id=? AND item=?");
    parts.bind(1, jobId).bind(2, item);
    Statement reset(m_db, "UPDATE items SET upload_id='', part_size=0, done=0 WHERE job_id=? AND item=?");
    reset.bind(1, jobId).bind(2, item);
    if (!parts.run() || !reset.run()) {
        fail(u"reset item"_s);
        exec("ROLLBACK");
        return false;
    }
    return exec("COMMIT") || fail(u"commit"_s);
}

bool TransferJournal::addPart(qint64 jobId, const QString &item, const PartRecord &part)
{
    if (!m_db)
        return false;
    Statement s(m_db, "INSERT OR REPLACE INTO parts (job_id, item, part_number, size, etag, checksum) "
                      "VALUES (?,?,?,?,?,?)");
    s.bind(1, jobId)
        .bind(2, item)
        .bind(3, qint64(part.partNumber))
        .bind(4, part.size)
        .bind(5, part.etag)
        .bind(6, QString::fromLatin1(part.checksumBase64));
    return s.run() || fail(u"add part"_s);
}

QList<PartRecord> TransferJournal::parts(qint64 jobId, const QString &item) const
{
    QList<PartRecord> parts;
    if (!m_db)
        return parts;
    Statement s(m_db, "SELECT part_number, size, etag, checksum FROM parts WHERE job_id=? AND item=? "
                      "ORDER BY part_number");
    s.bind(1, jobId).bind(2, item);
    while (s.step() == SQLITE_ROW)
        parts.append({int(s.integer(0)), s.integer(1), s.text(2), s.text(3).toLatin1()});
    return parts;
}

} // namespace coffer::transfer
