#pragma once
// What the kiosk's reply parsers share (server_client*.cpp): the strict reader's names and the
// one way a 2xx JSON reply becomes a value or a Failure.
#include <exception>

#include "server_client.hpp"

namespace loket::kiosk::server_client_detail {

using nlohmann::json;

using protocol::cut_utf8;
using protocol::kMaxCount;
using protocol::WireError;
using protocol::WireObject;

// Runs a parser over a 2xx JSON reply; everything else becomes a Failure.
template <class T, class F>
Result<T> parse_reply(const net::HttpResult& reply, F&& parse) {
    if (!reply.ok())
        return failure_of(reply);
    const auto doc = reply.response->json();
    if (!doc)
        return Failure{FailureKind::bad_reply, reply.status(), "", "the reply is not JSON", "", {}};
    try {
        return parse(WireObject(*doc, ""));
    } catch (const WireError& e) {
        return Failure{FailureKind::bad_reply, reply.status(), "", e.what(), "", {}};
    } catch (const std::exception& e) {  // nlohmann surprises: still a value, never a crash
        return Failure{FailureKind::bad_reply, reply.status(), "", e.what(), "", {}};
    }
}

}  // namespace loket::kiosk::server_client_detail
