// flow_command.cpp — `plateau flow check FILE` and `plateau flow publish FILE`.
#include <cstdio>
#include <filesystem>

#include "app/flows.h"
#include "app/server.h"
#include "media/prompt_texts.h"
#include "store/sqlite_store.h"

namespace plateau::app {

namespace {

std::string under(const std::string& data_dir, const std::string& p) {
  namespace fs = std::filesystem;
  return fs::path(p).is_absolute() ? p : (fs::path(data_dir) / p).string();
}

std::string summary(const ivr::Flow& f) {
  std::string langs;
  for (const auto& l : f.languages) langs += (langs.empty() ? "" : " ") + l;
  return "flow " + f.tenant + "/" + f.name + ", " + std::to_string(f.steps.size()) + " steps, languages " + langs;
}

}  // namespace

int flow_check_command(const config::Config& cfg, const std::string& file) {
  auto f = ivr::parse_flow_file(file);
  if (!f) {
    std::fprintf(stderr, "%s\n", f.error().message.c_str());
    return f.error().code == "ivr.io" ? 1 : 2;
  }
  // With the database of this data directory, what the flow names is checked too.
  const std::string db = under(cfg.data_dir, cfg.store_path);
  std::string against = "not checked against a provisioning (no database at " + db + ")";
  if (std::filesystem::exists(db)) {
    auto store = store::open_sqlite(db);
    auto p = store ? (*store)->load_provisioning() : Result<model::Provisioning>(store.error());
    if (!p) {
      std::fprintf(stderr, "plateau: %s\n", p.error().message.c_str());
      return 1;
    }
    bool has_tenant = false;
    for (const auto& t : p->tenants) has_tenant = has_tenant || t.name == f->tenant;
    if (has_tenant) {
      const FlowNames names = names_of(*p, f->tenant);
      auto full = ivr::parse_flow_file(file, names.context());
      if (!full) {
        std::fprintf(stderr, "%s\n", full.error().message.c_str());
        return 2;
      }
      against = "queues, schedules and trunks checked against " + db;
    } else {
      against = "tenant " + f->tenant + " is not in " + db + ": queues, schedules and trunks not checked";
    }
  }
  std::printf("%s: ok (%s; %s)\n", file.c_str(), summary(*f).c_str(), against.c_str());
  return 0;
}

int flow_publish_command(const config::Config& cfg, const std::string& file) {
  auto text = ivr::read_flow_text(file);
  if (!text) {
    std::fprintf(stderr, "plateau: %s\n", text.error().message.c_str());
    return 1;
  }
  auto store = store::open_sqlite(under(cfg.data_dir, cfg.store_path));
  if (!store) {
    std::fprintf(stderr, "plateau: %s\n", store.error().message.c_str());
    return 1;
  }
  auto p = (*store)->load_provisioning();
  if (!p) {
    std::fprintf(stderr, "plateau: %s\n", p.error().message.c_str());
    return 1;
  }
  auto f = check_for_publication(*text, file, *p);
  if (!f) {
    std::fprintf(stderr, "%s\n", f.error().message.c_str());
    return 2;
  }
  media::GenerateReport report;
  if (Status st = media::generate_prompts(under(cfg.data_dir, cfg.prompts_dir), prompt_texts(*f), {}, &report); !st) {
    std::fprintf(stderr, "plateau: %s\n", st.error().message.c_str());
    return 1;
  }
  auto version = (*store)->publish_flow(f->tenant, f->name, *text,
                                        std::chrono::duration_cast<std::chrono::milliseconds>(
                                            std::chrono::system_clock::now().time_since_epoch())
                                            .count());
  if (!version) {
    std::fprintf(stderr, "plateau: %s\n", version.error().message.c_str());
    return 1;
  }
  std::printf("%s: published as version %d (%s; %zu prompts spoken, %zu recorded prompts kept). A running server "
              "takes it at its next start; POST /api/v1/flows applies it at once.\n",
              file.c_str(), *version, summary(*f).c_str(), report.made.size(), report.recorded.size());
  return 0;
}

}  // namespace plateau::app
