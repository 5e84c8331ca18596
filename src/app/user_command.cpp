#include "app/user_command.h"

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include "app/users_file.h"
#include "auth/password.h"
#include "common/clock.h"
#include "store/sqlite_store.h"

namespace plateau::app {

namespace {

std::unique_ptr<store::Store> open_store(const config::Config& cfg) {
  std::error_code ec;
  std::filesystem::create_directories(cfg.data_dir, ec);
  const std::string path = std::filesystem::path(cfg.store_path).is_absolute()
                               ? cfg.store_path
                               : (std::filesystem::path(cfg.data_dir) / cfg.store_path).string();
  auto s = store::open_sqlite(path);
  if (!s) {
    std::fprintf(stderr, "plateau: %s\n", s.error().message.c_str());
    return nullptr;
  }
  return std::move(s.value());
}

// One line from standard input, without echo when it is a terminal.
std::string read_password(const char* prompt) {
  const bool tty = ::isatty(STDIN_FILENO) != 0;
  termios saved{};
  if (tty) {
    std::fprintf(stderr, "%s", prompt);
    ::tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::fprintf(stderr, "\n");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int fail(const Error& e, int code) {
  std::fprintf(stderr, "plateau: %s\n", e.message.c_str());
  return code;
}

}  // namespace

int user_add_command(const config::Config& cfg, const std::string& login, const std::string& name,
                     const std::vector<std::string>& members) {
  UserToCreate u;
  u.user.login = login;
  u.user.name = name.empty() ? login : name;
  if (Status st = auth::check_login(login); !st) return fail(st.error(), 2);
  for (const auto& text : members) {
    auto m = auth::parse_membership(text);
    if (!m) return fail(m.error(), 2);
    u.user.memberships.push_back(std::move(m.value()));
  }
  if (Status st = auth::check_memberships(u.user.memberships); !st) return fail(st.error(), 2);
  u.password = read_password("password: ");
  if (Status st = auth::check_password(u.password); !st) return fail(st.error(), 2);
  auto store = open_store(cfg);
  if (!store) return 1;
  if (Status st = create_users(*store, {u}, SystemClock().now_ms()); !st) {
    const bool input = st.error().code == "store.constraint" || st.error().code == "store.invalid";
    return fail(st.error(), input ? 2 : 1);
  }
  std::printf("user %s added\n", login.c_str());
  return 0;
}

int user_passwd_command(const config::Config& cfg, const std::string& login) {
  auto store = open_store(cfg);
  if (!store) return 1;
  auto users = store->load_users();
  if (!users) return fail(users.error(), 1);
  for (auto& u : *users) {
    if (u.login != login) continue;
    const std::string password = read_password("new password: ");
    if (Status st = auth::check_password(password); !st) return fail(st.error(), 2);
    auto h = auth::hash_password(password);
    if (!h) return fail(h.error(), 1);
    u.password_hash = std::move(h.value());
    auto live = store->live_sessions(SystemClock().now_ms());
    if (!live) return fail(live.error(), 1);
    std::vector<std::string> ended;
    for (const auto& s : *live)
      if (s.user == login) ended.push_back(s.token_hash);
    if (Status st = store->begin(); !st) return fail(st.error(), 1);
    Status st = store->update_user(u);
    if (st) st = store->revoke_sessions(ended);
    if (!st) {
      store->rollback();
      return fail(st.error(), 1);
    }
    if (Status c = store->commit(); !c) return fail(c.error(), 1);
    std::printf("password of %s changed, %zu sessions ended\n", login.c_str(), ended.size());
    return 0;
  }
  return fail(make_error("auth.no_user", "no user \"" + login + "\""), 2);
}

int user_list_command(const config::Config& cfg) {
  auto store = open_store(cfg);
  if (!store) return 1;
  auto users = store->load_users();
  if (!users) return fail(users.error(), 1);
  for (const auto& u : *users) {
    std::string ms;
    for (const auto& m : u.memberships) {
      ms += (ms.empty() ? "" : " ") + m.tenant + ":" + std::string(auth::to_string(m.role));
      if (!m.agent.empty()) ms += ":" + m.agent;
    }
    std::printf("%s\t%s\t%s%s\n", u.login.c_str(), u.name.c_str(), ms.c_str(), u.disabled ? "\tdisabled" : "");
  }
  return 0;
}

int user_remove_command(const config::Config& cfg, const std::string& login) {
  auto store = open_store(cfg);
  if (!store) return 1;
  auto removed = store->remove_user(login);
  if (!removed) return fail(removed.error(), 1);
  if (!*removed) return fail(make_error("auth.no_user", "no user \"" + login + "\""), 2);
  std::printf("user %s removed\n", login.c_str());
  return 0;
}

}  // namespace plateau::app
