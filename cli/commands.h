// The command table of the `tfgraph` program.
//
// Every subcommand is one row of Commands(): its name, a synopsis, a one-line
// summary, a help paragraph, the flags it takes beyond the global ones, and
// its handler. Dispatch, `tfgraph help`, `tfgraph --help` and
// `tfgraph CMD --help` are all driven from this table, so a command cannot
// exist without help text. Handlers return an exit code (cli/exit_codes.h)
// and print their own diagnostics through cli/output.h.
#ifndef TFGRAPH_CLI_COMMANDS_H_
#define TFGRAPH_CLI_COMMANDS_H_

#include <memory>
#include <string>
#include <vector>

#include "cli/options.h"
#include "core/model.h"

namespace tfgraph::cli {

struct Invocation {
  const Args& args;
  bool json = false;
};

using Handler = int (*)(const Invocation&);

struct Command {
  const char* name;
  const char* synopsis;  // "info MODEL"
  const char* summary;   // one line for `tfgraph help`
  const char* help;      // paragraph(s) for `tfgraph CMD --help`
  std::vector<FlagSpec> flags;
  int min_positional;
  int max_positional;  // -1: any
  Handler run;
};

const std::vector<Command>& Commands();
// Flags every command accepts (--json, --tag-set, --checkpoint, --help).
const std::vector<FlagSpec>& GlobalFlags();

// Loads the model named by the first positional argument with the global
// options; prints load warnings to stderr unless `quiet_warnings` (commands
// that report them in their own output). On failure prints the one-line
// error and stores the exit code in *exit_code. `background_index`: see
// LoadOptions (the UI's first screen does not wait for the graph's edges).
std::unique_ptr<Model> LoadModelForCommand(const Invocation& inv, int* exit_code,
                                           bool quiet_warnings = false,
                                           bool background_index = false);

// Handlers (one file each: cmd_info.cc, cmd_nodes.cc, cmd_sigs.cc).
int RunInfo(const Invocation& inv);
int RunNodes(const Invocation& inv);
int RunNode(const Invocation& inv);
int RunSigs(const Invocation& inv);
int RunVars(const Invocation& inv);    // cmd_vars.cc
int RunTensor(const Invocation& inv);  // cmd_tensor.cc
// The UI (cmd_ui.cc): `tfgraph MODEL` runs UiCommand(), which is not listed
// in Commands(); `tfgraph pick MODEL` is listed.
const Command& UiCommand();
std::vector<FlagSpec> PickFlags();
int RunUi(const Invocation& inv);
int RunPick(const Invocation& inv);
int RunFreeze(const Invocation& inv);  // cmd_freeze.cc
int RunExport(const Invocation& inv);
int RunUnfreeze(const Invocation& inv);

}  // namespace tfgraph::cli

#endif  // TFGRAPH_CLI_COMMANDS_H_
