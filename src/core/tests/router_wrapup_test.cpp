// The call an agent wraps up stays in the agent's view after its record is
// committed, so that the disposition given at the end of wrap-up names it.
#include <gtest/gtest.h>

#include "common/next_id.h"
#include "core/router.h"

namespace plateau::core {
namespace {

using namespace model;  // NOLINT(google-build-using-namespace): test file

Provisioning with_wrapup() {
  Provisioning p;
  p.tenants.push_back({.name = "t1", .display_name = "T1", .dispositions = {"sale"}});
  Queue q;
  q.tenant = "t1";
  q.name = "care";
  q.wrapup_s = 30;
  p.queues.push_back(q);
  p.numbers.push_back({"t1", "100", "queue", "", "care"});
  p.phones.push_back({"t1", "2001", "pw", ""});
  Agent a;
  a.tenant = "t1";
  a.login = "2001";
  a.queues = {{"t1", "care", 1}};
  a.phone = "2001";
  p.agents.push_back(a);
  return p;
}

template <class T>
std::vector<T> commands(const std::vector<Output>& out) {
  std::vector<T> v;
  for (const auto& o : out) {
    if (auto* cmd = std::get_if<TelephonyCommand>(&o)) {
      if (auto* t = std::get_if<T>(cmd)) v.push_back(*t);
    }
  }
  return v;
}

TEST(RouterWrapUp, TheAgentsViewKeepsTheCallUntilWrapUpEnds) {
  ManualClock clock;
  Router router{clock, std::make_shared<Directory>(with_wrapup())};
  router.on_event(PhoneRegistration{"2001", true, 1});
  const CallId call = next_id<CallId>();
  const LegId leg = next_id<LegId>();
  auto out = router.on_event(InboundCall{call, leg, "sip-1", "t1", "100", "0612345678", clock.now_ms()});
  auto rings = commands<RingPhone>(out);
  ASSERT_EQ(rings.size(), 1u);
  auto bridges = commands<Bridge>(router.on_event(LegAnswered{rings[0].leg}));
  ASSERT_EQ(bridges.size(), 1u);
  router.on_event(LegEnded{leg, 0, "caller_hangup"});
  std::string record_id;
  for (const auto& o : router.on_event(RecordingClosed{call, bridges[0].record_path, true})) {
    if (auto* r = std::get_if<CallRecord>(&o)) record_id = r->id;
  }
  ASSERT_FALSE(record_id.empty());
  auto view = router.agents();
  ASSERT_EQ(view.size(), 1u);
  EXPECT_EQ(view[0].state, acd::AgentState::WrapUp);
  EXPECT_EQ(view[0].call_id, record_id);
  router.on_record_committed(record_id);
  EXPECT_EQ(router.active_calls(), 0u);
  view = router.agents();
  EXPECT_EQ(view[0].state, acd::AgentState::WrapUp);
  EXPECT_EQ(view[0].call_id, record_id) << "the committed call is still the one wrapped up";
  ASSERT_TRUE(router.end_wrapup("t1", "2001", "sale"));
  view = router.agents();
  EXPECT_EQ(view[0].state, acd::AgentState::Ready);
  EXPECT_EQ(view[0].call_id, "");
}

}  // namespace
}  // namespace plateau::core
