#pragma once
// What a job needs from the world, handed to it by the queue when the job is added: the
// clients (by connection, since secrets never enter the journal), the journal, the shared
// request-slot gate and bandwidth limiter, and the settings.

#include "transfer_settings.h"

#include <QString>

#include <functional>

class QIODevice;

namespace coffer::client {
class S3Client;
}

namespace coffer::transfer {

class BandwidthLimiter;
class RequestSlots;
class TransferJournal;

// Which store a job talks to, as the journal keeps it: never a secret. `profile` names a
// saved connection (the app's profile name, or a CLI label such as "env" or
// "endpoint:http://127.0.0.1:9000"); `endpoint` is its URL for display and for checking
// that a restored job still points where it did.
struct ConnectionRef {
    QString profile;
    QString endpoint;
    bool operator==(const ConnectionRef &) const = default;
};

// Gives the client for a connection, or nullptr when it is not available (the job then
// fails with an Auth error saying so). The client must outlive the jobs using it; the
// GUI returns its per-connection clients, the CLI builds one from the profile.
using ClientResolver = std::function<client::S3Client *(const ConnectionRef &)>;

// Fault injection for tests: wraps the body device of an upload request (part number, or
// 0 for a single PUT) after its checksum was computed. Returns the device to send (owned
// by the caller's parent chain: parent it to `body`). Unset in production.
using BodyTap = std::function<QIODevice *(QIODevice *body, int partNumber)>;

struct JobEnvironment {
    ClientResolver clients;
    TransferJournal *journal = nullptr; // may be null: nothing is journaled, no resume
    RequestSlots *requestSlots = nullptr;
    BandwidthLimiter *bandwidth = nullptr;
    const TransferSettings *settings = nullptr; // the queue's, live
    BodyTap bodyTap;
};

} // namespace coffer::transfer
