#pragma once
// Parses a --listen value: "127.0.0.1:9000", "[::1]:0", "localhost:8080".

#include <QHostAddress>
#include <QString>

#include <optional>

namespace coffer::server::http {

struct ListenAddress {
    QHostAddress address;
    quint16 port = 0;

    // std::nullopt with *error set ("what is wrong + what to write instead") when invalid.
    static std::optional<ListenAddress> parse(const QString &text, QString *error = nullptr);
};

} // namespace coffer::server::http
