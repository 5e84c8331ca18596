// read_queue.cpp — [[queue]]: where callers wait for an agent.
#include "provision/object_rules.h"

namespace plateau::provision {

void read_queue(ObjectReader& r, Parsed& out) {
  auto l = start(r, &model::Queue::name, "name");
  auto& q = l.obj;
  q.display_name = r.string("display_name", false).value_or(q.name);
  q.ring_timeout_s = static_cast<int>(r.integer("ring_timeout", 1, 600).value_or(q.ring_timeout_s));
  q.max_wait_s = static_cast<int>(r.integer("max_wait", 1, 86400).value_or(q.max_wait_s));
  q.wrapup_s = static_cast<int>(r.integer("wrapup", 0, 3600).value_or(q.wrapup_s));
  if (auto music = r.string("music", false)) {
    check_prompt(r, "music", *music);
    q.music = *music;
  }
  done(r, std::move(l), out.queues);
}

}  // namespace plateau::provision
