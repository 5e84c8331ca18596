// checks_queues.cpp — rules between a queue and the rest of its tenant: where
// its overflows lead (no cycles), which trunk places its calls, which
// dispositions its wrap-up may require.
#include <map>
#include <utility>

#include "provision/object_rules.h"

namespace plateau::provision {

namespace {

struct TenantFacts {
  bool has_dispositions = false;
  bool can_call_out = false;                      // one of its trunks has a gateway
  std::map<std::string, bool> trunk_has_gateway;  // trunk name -> gateway set
};

struct Edge {
  const char* key;  // on_timeout, on_full or on_no_agent
  size_t to;        // index in Parsed::queues
};

using QueueIndex = std::map<std::pair<std::string, std::string>, size_t>;  // (tenant, name) -> first

void check_targets(const Located<model::Queue>& l, const QueueIndex& queues, const TenantFacts& facts,
                   std::vector<Edge>& edges, Diagnostics& diag) {
  const model::Queue& q = l.obj;
  for (const auto& [key, field] : kOverflowKeys) {
    const model::Overflow& o = q.*field;
    const std::string what = l.label + ": " + key + " \"" + model::to_string(o) + "\"";
    if (o.kind == model::OverflowKind::Queue) {
      auto it = queues.find({q.tenant, o.target});
      if (o.target == q.name) {
        diag.add(l.where(key),
                 what + " names the queue itself (expected another queue of tenant \"" + q.tenant + "\")");
      } else if (it == queues.end()) {
        diag.add(l.where(key),
                 what + ": queue \"" + o.target + "\" is not defined in tenant \"" + q.tenant + "\"");
      } else {
        edges.push_back({key, it->second});
      }
    } else if (o.kind == model::OverflowKind::External && !facts.can_call_out) {
      diag.add(l.where(key),
               what + ": tenant \"" + q.tenant +
                   "\" has no trunk with a gateway to place the call (set gateway on one of its "
                   "[[trunk]])");
    }
  }
}

void check_trunk_and_wrapup(const Located<model::Queue>& l, const TenantFacts& facts, Diagnostics& diag) {
  const model::Queue& q = l.obj;
  if (!q.callback_trunk.empty()) {
    auto t = facts.trunk_has_gateway.find(q.callback_trunk);
    if (t == facts.trunk_has_gateway.end()) {
      diag.add(l.where("callback_trunk"), l.label + ": callback_trunk \"" + q.callback_trunk +
                                              "\" is not a trunk of tenant \"" + q.tenant + "\"");
    } else if (!t->second) {
      diag.add(l.where("callback_trunk"),
               l.label + ": callback_trunk \"" + q.callback_trunk +
                   "\" has no gateway, so it cannot place calls (set its gateway = "
                   "\"host:port\")");
    }
  }
  if (q.wrapup_requires_disposition && !facts.has_dispositions) {
    diag.add(l.where("wrapup_requires_disposition"),
             l.label + ": wrapup_requires_disposition = true needs dispositions, and tenant \"" + q.tenant +
                 "\" defines none (add dispositions = [...] to its [[tenant]])");
  }
}

// Reports each overflow that closes a cycle, with the path: a caller would be
// moved from queue to queue forever. Iterative depth-first search.
void check_cycles(const Parsed& p, const std::vector<std::vector<Edge>>& edges, Diagnostics& diag) {
  enum class Mark { New, Open, Done };
  std::vector<Mark> mark(edges.size(), Mark::New);
  struct Frame {
    size_t queue;
    size_t next = 0;  // next edge to follow; next - 1 is the one followed to the frame above
  };
  for (size_t root = 0; root < edges.size(); ++root) {
    if (mark[root] != Mark::New) continue;
    std::vector<Frame> path{{root}};
    mark[root] = Mark::Open;
    while (!path.empty()) {
      const size_t u = path.back().queue;
      if (path.back().next == edges[u].size()) {
        mark[u] = Mark::Done;
        path.pop_back();
        continue;
      }
      const Edge e = edges[u][path.back().next++];
      if (mark[e.to] == Mark::New) {
        mark[e.to] = Mark::Open;
        path.push_back({e.to});
      } else if (mark[e.to] == Mark::Open) {
        std::string cycle;
        size_t i = 0;
        while (path[i].queue != e.to) ++i;
        for (; i + 1 < path.size(); ++i) {
          cycle +=
              p.queues[path[i].queue].obj.name + " --" + edges[path[i].queue][path[i].next - 1].key + "--> ";
        }
        cycle += p.queues[u].obj.name + " --" + e.key + "--> " + p.queues[e.to].obj.name;
        const auto& l = p.queues[u];
        diag.add(l.where(e.key), l.label + ": " + e.key + " \"queue:" + p.queues[e.to].obj.name +
                                     "\" closes a cycle of overflows (" + cycle +
                                     "): a caller could be moved between these queues forever");
      }
    }
  }
}

}  // namespace

void check_queue_actions(const Parsed& p, const std::set<std::string>& tenants, Diagnostics& diag) {
  std::map<std::string, TenantFacts> facts;
  for (const auto& l : p.tenants) facts[l.obj.name].has_dispositions |= !l.obj.dispositions.empty();
  for (const auto& l : p.trunks) {
    TenantFacts& f = facts[l.obj.tenant];
    f.trunk_has_gateway.emplace(l.obj.name, !l.obj.gateway.empty());
    f.can_call_out |= !l.obj.gateway.empty();
  }
  QueueIndex queues;
  for (size_t i = 0; i < p.queues.size(); ++i) {
    if (!p.queues[i].obj.name.empty())
      queues.emplace(std::make_pair(p.queues[i].obj.tenant, p.queues[i].obj.name), i);
  }
  std::vector<std::vector<Edge>> edges(p.queues.size());
  for (size_t i = 0; i < p.queues.size(); ++i) {
    const auto& l = p.queues[i];
    if (!tenants.count(l.obj.tenant)) continue;
    const TenantFacts& f = facts[l.obj.tenant];
    check_targets(l, queues, f, edges[i], diag);
    check_trunk_and_wrapup(l, f, diag);
  }
  check_cycles(p, edges, diag);
}

}  // namespace plateau::provision
