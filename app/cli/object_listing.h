#pragma once
// Lists every page of ListObjectsV2 under a prefix, one request after the other (S3
// gives at most 1,000 keys per page), handing each page over as it arrives so memory
// stays flat however large the bucket.

#include "client/s3_client.h"

#include <QNetworkAccessManager> // s3_client.h needs the complete type

#include <functional>

namespace coffer::cli {

using PageCallback = std::function<void(const s3::ListObjectsPage &page)>;
using ListingDone = std::function<void(const s3::S3Error &error)>; // Kind None on success

void listAllObjects(client::S3Client *client, client::ListObjectsV2Params params, const QObject *context,
    PageCallback onPage, ListingDone onDone);

// The same for ListMultipartUploads.
using UploadsPageCallback = std::function<void(const s3::ListMultipartUploadsPage &page)>;
void listAllUploads(client::S3Client *client, client::ListMultipartUploadsParams params,
    const QObject *context, UploadsPageCallback onPage, ListingDone onDone);

} // namespace coffer::cli
