// read_trunk.cpp — [[trunk]]: a carrier or PABX, where calls come from and go to.
#include "provision/cidr.h"
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
  done(r, std::move(l), out.trunks);
}

}  // namespace plateau::provision
