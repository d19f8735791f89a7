#include "tui/script.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <thread>

#include "tui/keys.h"

namespace tfgraph::tui {

StatusOr<std::pair<int, int>> ParseScreenSize(std::string_view text) {
  int w = 0, h = 0;
  char extra;
  std::string s(text);
  if (sscanf(s.c_str(), "%dx%d%c", &w, &h, &extra) != 2 || w < 1 || h < 1 || w > 1000 ||
      h > 1000)
    return Status::InvalidArgument("bad screen size '" + s + "' (expected WIDTHxHEIGHT, e.g. 80x24)");
  return std::make_pair(w, h);
}

Status WriteText(const std::string& path, const std::string& text) {
  if (path == "-") {
    fwrite(text.data(), 1, text.size(), stdout);
    fflush(stdout);
    return Status::OK();
  }
  FILE* f = fopen(path.c_str(), "wb");
  if (!f) return Status::FromErrno(path, errno);
  size_t n = fwrite(text.data(), 1, text.size(), f);
  int err = errno;
  if (fclose(f) != 0 || n != text.size()) return Status::FromErrno(path, err ? err : EIO);
  return Status::OK();
}

Status RunScript(App& app, MemorySurface& surface, std::string_view script) {
  app.Resize(surface.width(), surface.height());
  std::string last_clipboard;
  size_t line_no = 0;
  size_t pos = 0;
  while (pos <= script.size() && !app.quit()) {
    size_t nl = script.find('\n', pos);
    std::string_view line =
        script.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? script.size() + 1 : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    auto where = [&](const Status& s) { return s.WithPrefix("script line " + std::to_string(line_no)); };
    std::string_view rest = line.substr(1);
    std::string_view directive = rest.substr(0, rest.find(' '));
    if (line[0] == ':' && (directive == "dump" || directive == "resize" || directive == "wait" ||
                           directive == "clipboard")) {
      auto sp = rest.find(' ');
      std::string arg = sp == std::string_view::npos ? "" : std::string(rest.substr(sp + 1));
      if (directive == "dump") {
        app.DrawSettled(surface);
        TFG_RETURN_IF_ERROR(where(WriteText(arg.empty() ? "-" : arg, surface.ToString())));
      } else if (directive == "resize") {
        auto size = ParseScreenSize(arg);
        if (!size.ok()) return where(size.status());
        surface.Resize(size->first, size->second);
        app.Resize(size->first, size->second);
        app.HandleKey(kKeyResize);
      } else if (directive == "wait") {
        while (app.job_running()) {
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        app.Tick();
      } else if (directive == "clipboard") {
        TFG_RETURN_IF_ERROR(where(WriteText(arg.empty() ? "-" : arg, last_clipboard + "\n")));
      }
      continue;
    }
    auto keys = ParseKeys(line);
    if (!keys.ok()) return where(keys.status());
    for (int k : *keys) {
      app.HandleKey(k);
      app.Tick();
      if (auto c = app.TakeClipboard()) last_clipboard = *c;
      if (app.quit()) break;
    }
  }
  app.DrawSettled(surface);
  return Status::OK();
}

}  // namespace tfgraph::tui
