#include "sip/session_common.h"

namespace plateau::sip {

bool negotiated(struct sdp_media* m, int* pt, int* te_pt) {
  const struct sdp_format* chosen = nullptr;
  for (struct le* le = list_head(sdp_media_format_lst(m, false)); le && !chosen; le = le->next) {
    auto* f = static_cast<const struct sdp_format*>(le->data);
    if (f->name && (0 == str_casecmp(f->name, "PCMU") || 0 == str_casecmp(f->name, "PCMA"))) chosen = f;
  }
  if (!chosen) return false;
  *pt = 0 == str_casecmp(chosen->name, "PCMA") ? 8 : 0;
  const struct sdp_format* te = sdp_media_rformat(m, "telephone-event");
  *te_pt = te ? te->pt : -1;
  return true;
}

}  // namespace plateau::sip
