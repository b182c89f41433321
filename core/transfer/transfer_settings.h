#pragma once
// The knobs of the transfer engine, as plain data: the app keeps them in its settings, the
// CLI takes them from flags, the queue applies them to every job (changes apply to new
// part requests at once).

#include "s3/checksum/checksum.h"

#include <QtGlobal>

#include <chrono>

namespace coffer::transfer {

inline constexpr qint64 kMiB = 1024 * 1024;
inline constexpr qint64 kGiB = 1024 * kMiB;

struct TransferSettings {
    // Jobs that run at the same time; the others wait in state Queued.
    int concurrentJobs = 3;
    // Part requests (or small-file PUTs) one job keeps in flight: its window. Memory stays
    // below window x part size, as parts stream from disk and are never held whole.
    int partWindow = 8;
    // Part requests in flight across all jobs (the global request-slot gate).
    int globalRequestCap = 16;
    // Bandwidth in bytes per second across all jobs, uploads and downloads together (see
    // BandwidthLimiter for how each is held to it); 0 means unlimited.
    qint64 bandwidthLimit = 0;
    // Files below this size go up as one PUT; from it on, multipart.
    qint64 multipartThreshold = 16 * kMiB;
    // The part size a plan starts from; grown (to a MiB multiple) only when the object
    // would otherwise need more than 10,000 parts.
    qint64 preferredPartSize = 16 * kMiB;
    // The checksum sent with every part and single PUT, and checked against the answer.
    s3::ChecksumAlgorithm checksum = s3::ChecksumAlgorithm::Crc32c;
    // Attempts per part (or per single PUT) before the job fails, on top of the client's
    // own retries of one exchange; a checksum mismatch counts as a failed attempt.
    int partAttempts = 5;
    // Wait before the n-th repeat of a part: min(base * 2^(n-1), cap).
    std::chrono::milliseconds retryBaseDelay{500};
    std::chrono::milliseconds retryMaxDelay{30000};
};

} // namespace coffer::transfer
