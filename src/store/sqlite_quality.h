// sqlite_quality.h — recordings search, evaluations and the retention purge in
// SQLite (schema version 11; private to the SQLite back end; see Store in
// store.h for the contract).
// Thread-safety: the caller's thread, which owns `db`.
#pragma once

#include <string_view>
#include <vector>

#include "common/result.h"
#include "model/evaluation.h"
#include "store/sqlite_db.h"
#include "store/store.h"

namespace plateau::store::sqlite {

Result<RecordingPage> query_recordings(Db& db, const RecordingQuery& q);
Result<model::Evaluation> save_evaluation(Db& db, const model::Evaluation& e);
Result<std::vector<model::Evaluation>> query_evaluations(Db& db, const EvaluationQuery& q);
Result<std::vector<PurgeItem>> mark_recordings_for_purge(Db& db, std::string_view tenant, int64_t before_ms,
                                                         int64_t now_ms, int days, int limit);
Result<std::vector<PurgeItem>> pending_purges(Db& db, int limit);
Status finish_purge(Db& db, const PurgeItem& item);

}  // namespace plateau::store::sqlite
