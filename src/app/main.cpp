// main.cpp — the `plateau` command line: serve, config dump, provision, flow check and publish.
// main.cpp — the `plateau` command line: serve, config dump, provision, crm import, user.
//
// Main thread. Each subcommand returns the process exit code; errors are printed
// to stderr as one sentence naming the file, key or value at fault.
#include <cstdio>
#include <map>
#include <string>

#include <CLI/CLI.hpp>

#include "app/server.h"
#include "app/user_command.h"
#include "config/config.h"

extern char** environ;

namespace {

std::map<std::string, std::string> environment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string::npos && kv.rfind("PLATEAU_", 0) == 0) env.emplace(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return env;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Plateau: a contact-centre platform (SIP switch with ACD, IVR, CTI, CRM, dialer, recording)"};
  app.require_subcommand(0, 1);

  std::map<std::string, std::string> serve_flags, dump_flags;
  auto* serve = app.add_subcommand("serve", "Run the server (the default)");
  plateau::config::add_flags(*serve, serve_flags);

  auto* config_cmd = app.add_subcommand("config", "Configuration");
  auto* dump = config_cmd->add_subcommand("dump", "Print the effective configuration and where each value came from");
  plateau::config::add_flags(*dump, dump_flags);
  config_cmd->require_subcommand(1);

  std::map<std::string, std::string> prov_flags;
  std::string prov_file;
  auto* provision = app.add_subcommand("provision", "Apply a provisioning file to the database (idempotent)");
  provision->add_option("FILE", prov_file, "Provisioning file (TOML)")->required();
  plateau::config::add_flags(*provision, prov_flags);

  std::map<std::string, std::string> flow_flags;
  std::string flow_file;
  auto* flow = app.add_subcommand("flow", "IVR flows (docs/IVR.md)");
  auto* flow_check = flow->add_subcommand("check", "Check a flow file and report every fault with its place");
  auto* flow_publish = flow->add_subcommand("publish", "Check a flow file, speak its prompts and store it as a new version");
  for (auto* sub : {flow_check, flow_publish}) {
    sub->add_option("FILE", flow_file, "Flow file (TOML)")->required();
    plateau::config::add_flags(*sub, flow_flags);
  }
  flow->require_subcommand(1);

  std::map<std::string, std::string> crm_flags;
  std::string crm_tenant, crm_file, crm_country = "MA";
  auto* crm_cmd = app.add_subcommand("crm", "The CRM's customers (docs/CRM.md)");
  auto* crm_import = crm_cmd->add_subcommand(
      "import", "Import customers from a CSV file; exit 0: all imported, 3: some lines rejected, 2: unreadable file");
  crm_import->add_option("--tenant", crm_tenant, "Tenant of the customers")->required();
  crm_import->add_option("--country", crm_country, "Country of national phone numbers (ISO 3166 alpha-2)")
      ->capture_default_str();
  crm_import->add_option("FILE", crm_file, "Customer file (CSV)")->required();
  plateau::config::add_flags(*crm_import, crm_flags);
  crm_cmd->require_subcommand(1);

  std::map<std::string, std::string> user_flags;
  std::string user_login, user_name;
  std::vector<std::string> user_members;
  auto* user_cmd = app.add_subcommand("user", "Users of the API (docs/API.md); passwords are read from stdin");
  auto* user_add = user_cmd->add_subcommand("add", "Add a user");
  user_add->add_option("LOGIN", user_login, "Login")->required();
  user_add->add_option("--name", user_name, "Display name");
  user_add->add_option("--member", user_members, "Membership tenant:role[:agent] (repeat for several tenants)");
  auto* user_passwd = user_cmd->add_subcommand("passwd", "Set a user's password (its sessions end)");
  user_passwd->add_option("LOGIN", user_login, "Login")->required();
  auto* user_list = user_cmd->add_subcommand("list", "List the users and their memberships");
  auto* user_remove = user_cmd->add_subcommand("remove", "Remove a user (its sessions end)");
  user_remove->add_option("LOGIN", user_login, "Login")->required();
  for (auto* sub : {user_add, user_passwd, user_list, user_remove}) plateau::config::add_flags(*sub, user_flags);
  user_cmd->require_subcommand(1);

  CLI11_PARSE(app, argc, argv);

  const auto env = environment();
  if (*dump) {
    auto cfg = plateau::config::load(plateau::config::input_from(dump_flags, env));
    if (!cfg) {
      std::fprintf(stderr, "plateau: %s\n", cfg.error().message.c_str());
      return 2;
    }
    std::fputs(plateau::config::dump(*cfg).c_str(), stdout);
    return 0;
  }
  if (*provision) {
    auto cfg = plateau::config::load(plateau::config::input_from(prov_flags, env));
    if (!cfg) {
      std::fprintf(stderr, "plateau: %s\n", cfg.error().message.c_str());
      return 2;
    }
    return plateau::app::provision_command(cfg->config, prov_file);
  }
  if (*flow) {
    auto cfg = plateau::config::load(plateau::config::input_from(flow_flags, env));
    if (!cfg) {
      std::fprintf(stderr, "plateau: %s\n", cfg.error().message.c_str());
      return 2;
    }
    return *flow_check ? plateau::app::flow_check_command(cfg->config, flow_file)
                       : plateau::app::flow_publish_command(cfg->config, flow_file);
  }
  if (*crm_import) {
    auto cfg = plateau::config::load(plateau::config::input_from(crm_flags, env));
    if (!cfg) {
      std::fprintf(stderr, "plateau: %s\n", cfg.error().message.c_str());
      return 1;
    }
    return plateau::app::crm_import_command(cfg->config, crm_tenant, crm_file, crm_country);
  }
  if (*user_cmd) {
    auto cfg = plateau::config::load(plateau::config::input_from(user_flags, env));
    if (!cfg) {
      std::fprintf(stderr, "plateau: %s\n", cfg.error().message.c_str());
      return 2;
    }
    if (*user_add) return plateau::app::user_add_command(cfg->config, user_login, user_name, user_members);
    if (*user_passwd) return plateau::app::user_passwd_command(cfg->config, user_login);
    if (*user_list) return plateau::app::user_list_command(cfg->config);
    return plateau::app::user_remove_command(cfg->config, user_login);
  }
  auto cfg = plateau::config::load(plateau::config::input_from(serve_flags, env));
  if (!cfg) {
    std::fprintf(stderr, "plateau: %s\n", cfg.error().message.c_str());
    return 2;
  }
  return plateau::app::serve(cfg->config);
}
