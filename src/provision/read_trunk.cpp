// read_trunk.cpp — [[trunk]]: a carrier or PABX, where calls come from and go to.
#include "provision/cidr.h"
#include "provision/gateway.h"
#include "provision/object_rules.h"

namespace plateau::provision {

void read_trunk(ObjectReader& r, Parsed& out) {
  auto l = start(r, &model::Trunk::name, "name");
  auto& t = l.obj;
  if (auto addrs = r.strings("addresses", true)) {
    if (addrs->empty()) r.fault(r.pos("addresses"), "addresses must list at least one address or CIDR block");
    for (size_t i = 0; i < addrs->size(); ++i) {
      if (!parse_cidr((*addrs)[i])) {
        r.fault(r.element_pos("addresses", i), "addresses[" + std::to_string(i) + "] \"" + (*addrs)[i] +
                                                   "\" is not an IPv4/IPv6 address or CIDR block");
      }
    }
    t.addresses = std::move(*addrs);
  }
  if (auto gw = r.string("gateway", false)) {
    l.at["gateway"] = r.pos("gateway");
    if (!gw->empty() && !parse_gateway(*gw)) {
      r.fault(r.pos("gateway"),
              "gateway \"" + *gw +
                  "\" must be \"host\" or \"host:port\" (a DNS name, an IPv4 address, or an IPv6 "
                  "address, in brackets when a port follows: \"[2001:db8::1]:5060\")");
    }
    t.gateway = std::move(*gw);
  }
  if (auto cid = r.string("caller_id", false)) {
    if (!cid->empty() && !is_dial_number(*cid)) {
      r.fault(r.pos("caller_id"),
              "caller_id \"" + *cid +
                  "\" must be 1-32 digits with an optional leading + (e.g. \"+212522000000\")");
    }
    t.caller_id = std::move(*cid);
  }
  done(r, std::move(l), out.trunks);
}

}  // namespace plateau::provision
