// `tfgraph MODEL` and `tfgraph pick MODEL`: the interactive UI (tui/tui.h).
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/output.h"
#include <cstdlib>

#include "tui/loading.h"
#include "tui/tui.h"

namespace tfgraph::cli {
namespace {

const std::vector<FlagSpec>& UiFlags() {
  static const std::vector<FlagSpec> flags = {
      {"script", "FILE", "run headless: replay the keys in FILE (see man tfgraph)"},
      {"screen-size", "WxH", "screen size of a headless run (default 80x24)"},
      {"dump-screen", "FILE", "where a headless run writes the final screen (default stdout)"},
      {"no-color", nullptr, "do not use colours (as NO_COLOR does)"},
  };
  return flags;
}

int RunUiWith(const Invocation& inv, bool pick) {
  tui::TuiOptions options;
  options.script = inv.args.Get("script");
  options.screen_size = inv.args.Get("screen-size", "80x24");
  options.dump_screen = inv.args.Get("dump-screen");
  options.no_color = inv.args.Has("no-color");
  options.pick = pick;
  options.pick_format = inv.args.Get("format", "args");
  const char* env_script = getenv("TFGRAPH_SCRIPT");
  bool interactive = options.script.empty() && !(env_script && env_script[0]);
  if (interactive && tui::TerminalAvailable()) {
    // The terminal opens at once and the model loads behind a loading
    // screen (tui/loading.h). Load warnings are shown inside the UI.
    const std::string& path = inv.args.positional().at(0);
    LoadOptions load_options;
    load_options.tag_set = inv.args.Get("tag-set");
    load_options.checkpoint = inv.args.Get("checkpoint");
    load_options.background_index = true;
    Status load_error;
    int result = tui::RunTuiWhileLoading(
        path, [path, load_options] { return Model::Load(path, load_options); }, options,
        &load_error);
    if (!load_error.ok()) {
      Diag(load_error.message());
      return ExitCodeFor(load_error);
    }
    return result;
  }
  int code = kExitOk;
  // Load warnings are shown inside the UI, not printed under it.
  // The edge index is built while the first screen is drawn (the App
  // reports its warnings when it is done).
  auto model = LoadModelForCommand(inv, &code, /*quiet_warnings=*/true,
                                   /*background_index=*/true);
  if (!model) return code;
  int result = tui::RunTui(*model, options);
  // The process ends right after this: freeing a big model node by node
  // (1.2 s for a million NodeDefs) would only delay the shell prompt after
  // q. The pointer is kept in a static, so leak checkers see it reachable.
  static Model* kept_until_exit = nullptr;
  kept_until_exit = model.release();
  (void)kept_until_exit;
  return result;
}

}  // namespace

std::vector<FlagSpec> PickFlags() {
  std::vector<FlagSpec> flags = UiFlags();
  flags.push_back({"format", "FORMAT",
                   "how to print the picks: args (--outputs a,b --inputs x:0), names (a,b) "
                   "or tensors (a:0,b:0)"});
  return flags;
}

const Command& UiCommand() {
  static const Command command = {
      "ui", "MODEL", "the interactive UI",
      "Opens the interactive terminal UI on MODEL (man tfgraph has the keys). Without a\n"
      "terminal it refuses and points at the subcommands; --script runs it headless.",
      UiFlags(), 1, 1, RunUi};
  return command;
}

int RunUi(const Invocation& inv) { return RunUiWith(inv, false); }
int RunPick(const Invocation& inv) { return RunUiWith(inv, true); }

}  // namespace tfgraph::cli
