#include "object_listing.h"

#include <memory>

namespace coffer::cli {

void listAllObjects(client::S3Client *client, client::ListObjectsV2Params params, const QObject *context,
    PageCallback onPage, ListingDone onDone)
{
    client->listObjectsV2(params)->onFinished(context,
        [client, params, context, onPage = std::move(onPage), onDone = std::move(onDone)](
            const client::Result<s3::ListObjectsPage> &result) mutable {
            if (!result) {
                onDone(result.error());
                return;
            }
            onPage(result.value());
            if (!result->isTruncated || result->nextContinuationToken.isEmpty()) {
                onDone({});
                return;
            }
            params.continuationToken = result->nextContinuationToken;
            listAllObjects(client, params, context, std::move(onPage), std::move(onDone));
        });
}

void listAllUploads(client::S3Client *client, client::ListMultipartUploadsParams params,
    const QObject *context, UploadsPageCallback onPage, ListingDone onDone)
{
    client->listMultipartUploads(params)->onFinished(context,
        [client, params, context, onPage = std::move(onPage), onDone = std::move(onDone)](
            const client::Result<s3::ListMultipartUploadsPage> &result) mutable {
            if (!result) {
                onDone(result.error());
                return;
            }
            onPage(result.value());
            if (!result->isTruncated
                || (result->nextKeyMarker.isEmpty() && result->nextUploadIdMarker.isEmpty())) {
                onDone({});
                return;
            }
            params.keyMarker = result->nextKeyMarker;
            params.uploadIdMarker = result->nextUploadIdMarker;
            listAllUploads(client, params, context, std::move(onPage), std::move(onDone));
        });
}

} // namespace coffer::cli
