// The store's JSON views of a file, written by the protocol (loket/application_wire.hpp) with the
// clock and settings the store holds.
#include "application_store_internal.hpp"
#include "loket/application_wire.hpp"

namespace loket {

nlohmann::json ApplicationStore::summary_json(const Application& app, TimePoint now) const {
    return protocol::application_summary_json(app, read_clock(app, now), *settings(), now);
}

nlohmann::json ApplicationStore::detail_json(const Application& app, TimePoint now) const {
    return protocol::application_detail_json(app, read_clock(app, now), *settings(), now);
}

nlohmann::json ApplicationStore::public_json(const Application& app, TimePoint now) const {
    return protocol::application_public_json(app, read_clock(app, now), *settings());
}

nlohmann::json ApplicationStore::visit_json(const IncompleteVisit& visit) const {
    return protocol::incomplete_visit_json(visit);
}

}  // namespace loket
