// quality_routes.h — recordings and quality (docs/API.md "Recordings and
// quality"): the recordings search, listening in the browser (HTTP ranges,
// audited), pause/resume of a call's recording from the desktop, the tenant's
// evaluation forms, evaluations, the quality report, and a retention purge run
// on demand.
//
// Handlers run on the app thread; store work goes through the store worker
// and comes back to the app thread (the listen log below is the app thread's).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>

#include "app/api_routes.h"
#include "app/recording_purge.h"

namespace plateau::app {

struct QualityContext {
  std::string data_dir;
  std::string recording_root;  // an absolute recording.dir, else ""
  RecordingPurge* purge = nullptr;
  // (actor, call id, kind) -> when its last listen or download was audited:
  // the playback start a browser makes in several requests counts once.
  std::map<std::tuple<std::string, std::string, std::string>, int64_t> audited;
};

// A playback start (a request with no Range, or one from byte 0) of the same
// recording by the same user within this time is the same listen.
inline constexpr int64_t kListenDedupMs = 10'000;
// The most bytes one Range answer carries (about 65 s of a stereo µ-law recording).
inline constexpr uint64_t kMaxRangeBytes = 1 << 20;

void add_recording_routes(http::Router& r, ApiContext& ctx, QualityContext& q);
void add_evaluation_routes(http::Router& r, ApiContext& ctx);

}  // namespace plateau::app
