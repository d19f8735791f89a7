#include "tui/tui.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "core/mapped_file.h"
#include "tui/script.h"
#include "tui/state.h"
#include "tui/terminal.h"

namespace tfgraph::tui {
namespace {

std::string SelfExe() {
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return "tfgraph";
  return std::string(buf, static_cast<size_t>(n));
}

}  // namespace

bool NoColorRequested(const TuiOptions& o) {
  const char* env = getenv("NO_COLOR");
  return o.no_color || (env && env[0] != '\0');
}

AppOptions TerminalAppOptions() {
  AppOptions app_options;
  app_options.self_exe = SelfExe();
  return app_options;
}

int FinishTerminalRun(const App& app, const TuiOptions& options) {
  int code = options.pick ? PrintPicks(app, options) : 0;
  // The terminal is restored. Background work (statistics, a variable
  // binding or name index of a huge graph) would make ~App wait, for
  // nothing: end the process now. A running freeze/export job is left to
  // the destructors, which cancel it.
  if (app.background_busy() && !app.job_running()) {
    fflush(stdout);
    fflush(stderr);
    _exit(code);
  }
  return code;
}

int PrintPicks(const App& app, const TuiOptions& o) {
  const Picks& p = app.picks();
  if (p.empty()) {
    fprintf(stderr, "tfgraph: nothing was picked\n");
    return 0;
  }
  std::string out;
  if (o.pick_format == "names") out = p.Join(PickKind::kOutput, false);
  else if (o.pick_format == "tensors") out = p.Join(PickKind::kOutput, true);
  else out = p.AsArguments();
  printf("%s\n", out.c_str());
  fflush(stdout);
  return 0;
}

bool CheckTuiOptions(const TuiOptions& options) {
  if (options.pick_format != "args" && options.pick_format != "names" &&
      options.pick_format != "tensors") {
    fprintf(stderr, "tfgraph: --format must be args, names or tensors, not '%s'\n",
            options.pick_format.c_str());
    return false;
  }
  return true;
}

void ReportNoTerminal(const Status& s) {
  // One line, like every other failure: what is wrong and what to do.
  fprintf(stderr,
          "tfgraph: %s; use a subcommand instead (tfgraph info MODEL, nodes, node, sigs, "
          "vars, freeze, export; tfgraph help lists them all)\n",
          s.message().c_str());
}

int RunTuiOnDocument(const Document& doc, const TuiOptions& options) {
  if (!CheckTuiOptions(options)) return 2;
  App app(doc, TerminalAppOptions());

  std::string script_path = options.script;
  if (script_path.empty()) {
    const char* env = getenv("TFGRAPH_SCRIPT");
    if (env && env[0]) script_path = env;
  }
  if (!script_path.empty()) {
    auto size = ParseScreenSize(options.screen_size);
    if (!size.ok()) {
      fprintf(stderr, "tfgraph: %s\n", size.status().message().c_str());
      return 2;
    }
    auto text = ReadFileToString(script_path);
    if (!text.ok()) {
      fprintf(stderr, "tfgraph: script %s\n", text.status().message().c_str());
      return 2;
    }
    // Headless runs are for tests and scripts: they start once the graph's
    // index is complete, so that its warnings appear at the same point in
    // every run.
    (void)doc.graph().index_status();
    app.Tick();
    MemorySurface surface(size->first, size->second);
    Status s = RunScript(app, surface, *text);
    if (!s.ok()) {
      fprintf(stderr, "tfgraph: %s: %s\n", script_path.c_str(), s.message().c_str());
      return s.code() == Status::Code::kIOError ? 5 : 2;
    }
    std::string dump = options.dump_screen.empty() ? "-" : options.dump_screen;
    Status w = WriteText(dump, surface.ToString());
    if (!w.ok()) {
      fprintf(stderr, "tfgraph: %s\n", w.message().c_str());
      return 5;
    }
    return options.pick ? PrintPicks(app, options) : 0;
  }

  Status s = RunTerminal(app, !NoColorRequested(options));
  if (!s.ok()) {
    ReportNoTerminal(s);
    return 2;
  }
  return FinishTerminalRun(app, options);
}

}  // namespace tfgraph::tui
