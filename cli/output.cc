#include "cli/output.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <vector>

namespace tfgraph::cli {

void ReportProgress(int percent, std::string_view label) {
  static const bool enabled = [] {
    const char* env = getenv("TFGRAPH_PROGRESS");
    return env != nullptr && env[0] != '\0';
  }();
  static int last = -1;
  if (!enabled || percent == last) return;
  last = percent;
  fprintf(stderr, "[%d%%] %.*s\n", percent, static_cast<int>(label.size()), label.data());
  fflush(stderr);
}

void Diag(std::string_view message) {
  std::fflush(stdout);
  std::fprintf(stderr, "tfgraph: %.*s\n", static_cast<int>(message.size()), message.data());
}

void DiagWarning(std::string_view path, std::string_view message) {
  std::fflush(stdout);
  std::fprintf(stderr, "tfgraph: %.*s: warning: %.*s\n", static_cast<int>(path.size()), path.data(),
               static_cast<int>(message.size()), message.data());
}

namespace {
std::vector<std::pair<std::string, std::string>>& Deferred() {
  static std::vector<std::pair<std::string, std::string>> warnings;
  return warnings;
}
}  // namespace

void DeferWarning(std::string_view path, std::string_view message) {
  Deferred().emplace_back(std::string(path), std::string(message));
}

void FlushDeferredWarnings(bool command_succeeded) {
  if (command_succeeded)
    for (const auto& [path, message] : Deferred()) DiagWarning(path, message);
  Deferred().clear();
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    int n;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xe0) == 0xc0) {
      n = 1;
      cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      n = 2;
      cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;  // truncated sequence
    for (int k = 1; k <= n; ++k) {
      unsigned char d = s[i + k];
      if ((d & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3f);
    }
    // Overlong forms, surrogates and values past U+10FFFF are invalid.
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
        (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
      return false;
    i += n + 1;
  }
  return true;
}

std::string Base64(std::string_view bytes) {
  static const char kTable[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
    out += kTable[v >> 18];
    out += kTable[(v >> 12) & 63];
    out += kTable[(v >> 6) & 63];
    out += kTable[v & 63];
  }
  if (i + 1 == bytes.size()) {
    uint32_t v = uint8_t(bytes[i]) << 16;
    out += kTable[v >> 18];
    out += kTable[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8);
    out += kTable[v >> 18];
    out += kTable[(v >> 12) & 63];
    out += kTable[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

std::string JsonString(std::string_view s) {
  if (!IsValidUtf8(s)) return "{\"base64\":\"" + Base64(s) + "\"}";
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
  return out;
}

std::string JsonNumber(double v) {
  if (std::isnan(v)) return "\"nan\"";
  if (std::isinf(v)) return v > 0 ? "\"inf\"" : "\"-inf\"";
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.9g", v);
  return buf;
}

std::string JsonShape(const std::optional<std::vector<int64_t>>& shape) {
  if (!shape) return "null";
  std::string out = "[";
  for (size_t i = 0; i < shape->size(); ++i) {
    if (i) out += ',';
    out += std::to_string((*shape)[i] < 0 ? -1 : (*shape)[i]);
  }
  return out + "]";
}

std::string JsonArray(const std::vector<std::string>& rendered) {
  std::string out = "[";
  for (size_t i = 0; i < rendered.size(); ++i) {
    if (i) out += ',';
    out += rendered[i];
  }
  return out + "]";
}

std::string JsonStringArray(const std::vector<std::string>& strings) {
  std::vector<std::string> r;
  r.reserve(strings.size());
  for (const auto& s : strings) r.push_back(JsonString(s));
  return JsonArray(r);
}

void JsonObject::Key(std::string_view key) {
  if (!body_.empty()) body_ += ',';
  body_ += JsonString(key);
  body_ += ':';
}
JsonObject& JsonObject::Str(std::string_view key, std::string_view value) {
  Key(key);
  body_ += JsonString(value);
  return *this;
}
JsonObject& JsonObject::Int(std::string_view key, int64_t value) {
  Key(key);
  body_ += std::to_string(value);
  return *this;
}
JsonObject& JsonObject::Num(std::string_view key, double value) {
  Key(key);
  body_ += JsonNumber(value);
  return *this;
}
JsonObject& JsonObject::Bool(std::string_view key, bool value) {
  Key(key);
  body_ += value ? "true" : "false";
  return *this;
}
JsonObject& JsonObject::Null(std::string_view key) {
  Key(key);
  body_ += "null";
  return *this;
}
JsonObject& JsonObject::Raw(std::string_view key, std::string_view rendered) {
  Key(key);
  body_ += rendered;
  return *this;
}

void JsonObject::Print() const {
  std::string line = Render();
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stdout);
}

Style Style::ForStdout() {
  Style s;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  s.color = ::isatty(STDOUT_FILENO) && !(no_color && *no_color) &&
            !(term && std::strcmp(term, "dumb") == 0);
  return s;
}
std::string Style::Bold(std::string_view s) const {
  return color ? "\033[1m" + std::string(s) + "\033[0m" : std::string(s);
}
std::string Style::Dim(std::string_view s) const {
  return color ? "\033[2m" + std::string(s) + "\033[0m" : std::string(s);
}
std::string Style::Warn(std::string_view s) const {
  return color ? "\033[33m" + std::string(s) + "\033[0m" : std::string(s);
}

std::string Grouped(int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out;
  int n = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (n && n % 3 == 0) out += ',';
    out += *it;
    ++n;
  }
  if (v < 0) out += '-';
  return std::string(out.rbegin(), out.rend());
}

std::string HumanBytes(int64_t bytes) {
  static const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  if (u == 0) {
    std::snprintf(buf, sizeof(buf), "%lld B", static_cast<long long>(bytes));
  } else {
    std::snprintf(buf, sizeof(buf), "%.1f %s", v, kUnits[u]);
  }
  return buf;
}

// Display width of UTF-8 text: code points, not bytes (good enough for the
// names and dtypes we print; no East Asian wide characters in op names).
static size_t Width(std::string_view s) {
  size_t w = 0;
  for (unsigned char c : s)
    if ((c & 0xc0) != 0x80) ++w;
  return w;
}

void PrintTable(const std::vector<std::vector<std::string>>& rows, std::string_view indent) {
  std::vector<size_t> widths;
  for (const auto& r : rows) {
    for (size_t i = 0; i + 1 < r.size(); ++i) {
      if (widths.size() <= i) widths.resize(i + 1, 0);
      widths[i] = std::max(widths[i], Width(r[i]));
    }
  }
  std::string out;
  for (const auto& r : rows) {
    out.assign(indent);
    for (size_t i = 0; i < r.size(); ++i) {
      out += r[i];
      if (i + 1 < r.size()) out.append(widths[i] - Width(r[i]) + 2, ' ');
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
}

}  // namespace tfgraph::cli
