#pragma once
// ListObjectsV2 continuation tokens. A token carries the last key or common prefix of a
// page (ListResult::nextStartAfter), so paging resumes exactly there; clients treat it as
// opaque. A version byte lets the format change later without misreading old tokens.

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <optional>

namespace coffer::server {

QString continuationToken(const QByteArray &startAfter);
// std::nullopt for a token this store did not make (S3 answers InvalidArgument: "The
// continuation token provided is incorrect").
std::optional<QByteArray> startAfterFromToken(QStringView token);

} // namespace coffer::server
