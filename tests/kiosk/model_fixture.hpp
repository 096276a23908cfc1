#pragma once
// The kiosk model's fixture: a Model on a fake clock with numbered idempotency keys, and the
// steps most model tests start with (online, a permit opened, the issue request taken).
#include <gtest/gtest.h>

#include <string>

#include "kiosk_test_support.hpp"
#include "model.hpp"

namespace loket::kiosk::testing {

class ModelTest : public ::testing::Test {
  protected:
    FakeClock clock;
    int keys = 0;
    Model m{ModelOptions{}, clock.clocks(), [this] { return "key-" + std::to_string(++keys); }};

    void online(bool open = true) {
        m.on_office(office(open));
        m.on_services(services());
        m.take_effects();
    }
    // Walks to the permit page of `id` with the server's replies.
    void open_permit(const std::string& id) {
        m.open_permit_info();
        m.set_query("usaha mikro");
        for (const auto& s : effects_of<SearchPermits>(m.take_effects()))
            m.on_permits(s.seq, permits(s.query));
        m.open_permit(id);
        const auto fetch = effects_of<FetchPermit>(m.take_effects());
        ASSERT_EQ(fetch.size(), 1u);
        EXPECT_EQ(fetch[0].id, id);
        m.on_permit(fetch[0].seq, permit(id));
    }
    IssueTicket issue_effect() {
        const auto issues = effects_of<IssueTicket>(m.take_effects());
        EXPECT_EQ(issues.size(), 1u);
        return issues.empty() ? IssueTicket{} : issues[0];
    }
};

}  // namespace loket::kiosk::testing
