#include "media/wav_cues.h"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>

namespace plateau::media {

namespace {

void put32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

uint32_t get32(const std::string& s, size_t at) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s[at + static_cast<size_t>(i)]);
  return v;
}

Error cue_error(const std::string& path, const std::string& why) {
  return make_error("media.rec_cues", "recording " + path + ": " + why);
}

}  // namespace

std::string cue_chunks(const std::vector<CuePoint>& cues) {
  std::string out;
  if (cues.empty()) return out;
  out += "cue ";
  put32(out, static_cast<uint32_t>(4 + 24 * cues.size()));
  put32(out, static_cast<uint32_t>(cues.size()));
  for (size_t i = 0; i < cues.size(); ++i) {
    put32(out, static_cast<uint32_t>(i + 1));  // id
    put32(out, cues[i].frame);                 // position
    out += "data";
    put32(out, 0);  // chunk start
    put32(out, 0);  // block start
    put32(out, cues[i].frame);
  }
  std::string adtl = "adtl";
  for (size_t i = 0; i < cues.size(); ++i) {
    const std::string& text = cues[i].label;
    adtl += "labl";
    put32(adtl, static_cast<uint32_t>(4 + text.size() + 1));
    put32(adtl, static_cast<uint32_t>(i + 1));
    adtl += text;
    adtl.push_back('\0');
    if ((text.size() + 1) % 2) adtl.push_back('\0');  // chunks are word-aligned
  }
  out += "LIST";
  put32(out, static_cast<uint32_t>(adtl.size()));
  out += adtl;
  return out;
}

Status append_cue_chunks(const std::string& path, const std::vector<CuePoint>& cues) {
  if (cues.empty()) return {};
  std::FILE* f = std::fopen(path.c_str(), "r+b");
  if (!f) return cue_error(path, std::strerror(errno));
  char head[12];
  bool ok = std::fread(head, 1, 12, f) == 12 && std::memcmp(head, "RIFF", 4) == 0 &&
            std::memcmp(head + 8, "WAVE", 4) == 0;
  long size = 0;
  if (ok) ok = std::fseek(f, 0, SEEK_END) == 0 && (size = std::ftell(f)) >= 12;
  std::string tail;
  if (ok && size % 2) tail.push_back('\0');  // the last chunk's pad byte
  tail += cue_chunks(cues);
  if (ok) ok = std::fwrite(tail.data(), 1, tail.size(), f) == tail.size();
  std::string riff;
  put32(riff, static_cast<uint32_t>(size + static_cast<long>(tail.size()) - 8));
  if (ok) ok = std::fseek(f, 4, SEEK_SET) == 0 && std::fwrite(riff.data(), 1, 4, f) == 4;
  const bool closed = std::fclose(f) == 0;
  if (!ok || !closed) return cue_error(path, "cannot add its cue points (not a WAV, or a write failed)");
  return {};
}

Result<std::vector<CuePoint>> read_cue_points(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (s.size() < 12 || s.compare(0, 4, "RIFF") != 0 || s.compare(8, 4, "WAVE") != 0)
    return cue_error(path, "not a RIFF/WAVE file");
  std::vector<std::pair<uint32_t, uint32_t>> points;  // id, frame
  std::map<uint32_t, std::string> labels;
  size_t at = 12;
  while (at + 8 <= s.size()) {
    const std::string id = s.substr(at, 4);
    const uint32_t len = get32(s, at + 4);
    const size_t body = at + 8;
    if (body + len > s.size()) break;
    if (id == "cue " && len >= 4) {
      const uint32_t n = get32(s, body);
      for (uint32_t i = 0; i < n && body + 4 + 24 * (i + 1) <= body + len; ++i)
        points.emplace_back(get32(s, body + 4 + 24 * i), get32(s, body + 4 + 24 * i + 20));
    } else if (id == "LIST" && len >= 4 && s.compare(body, 4, "adtl") == 0) {
      size_t p = body + 4;
      while (p + 12 <= body + len) {
        const uint32_t sub = get32(s, p + 4);
        if (s.compare(p, 4, "labl") == 0 && sub >= 4 && p + 8 + sub <= body + len) {
          std::string text = s.substr(p + 12, sub - 4);
          if (auto z = text.find('\0'); z != std::string::npos) text.resize(z);
          labels[get32(s, p + 8)] = text;
        }
        p += 8 + sub + (sub % 2);
      }
    }
    at = body + len + (len % 2);
  }
  std::vector<CuePoint> out;
  for (const auto& [id, frame] : points) out.push_back({frame, labels.count(id) ? labels[id] : std::string()});
  return out;
}

}  // namespace plateau::media
