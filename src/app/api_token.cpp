#include "app/api_token.h"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <random>

namespace plateau::app {

Result<std::string> load_or_create_api_token(const std::string& configured, const std::string& data_dir) {
  if (!configured.empty()) return configured;
  const std::string path = data_dir + "/api-token";
  if (std::ifstream in(path); in) {
    std::string token;
    std::getline(in, token);
    if (token.size() >= 16) return token;
    return make_error("http.api_token", path + ": token shorter than 16 characters; delete the file to regenerate it");
  }
  std::random_device rd;
  static const char* kAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string token;
  for (int i = 0; i < 40; ++i) token.push_back(kAlphabet[rd() % 62]);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) return make_error("http.api_token", path + ": cannot create the API token file");
  std::string line = token + "\n";
  bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return make_error("http.api_token", path + ": cannot write the API token file");
  return token;
}

}  // namespace plateau::app
