// sqlite_ivr.h — IVR flow versions and voicemails in SQLite (schema version 6).
// Used by the SQLite Store; same thread rules as the Store (one thread at a time).
#pragma once

#include <string_view>
#include <vector>

#include "common/result.h"
#include "store/sqlite_db.h"
#include "store/store.h"

namespace plateau::store::sqlite {

Result<int> publish_flow(Db& db, std::string_view tenant, std::string_view name, std::string_view source,
                         int64_t published_ms);
Result<std::vector<FlowVersion>> latest_flows(Db& db);
Result<std::vector<FlowVersion>> flow_versions(Db& db, std::string_view tenant, std::string_view name,
                                               bool with_source);
Status save_voicemail(Db& db, const model::Voicemail& v);
Result<std::vector<model::Voicemail>> query_voicemails(Db& db, const VoicemailQuery& q);

}  // namespace plateau::store::sqlite
