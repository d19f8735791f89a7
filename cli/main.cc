// tfgraph: inspect, freeze and export TensorFlow models without TensorFlow.
//
// main() only dispatches: global options and the command name are read here,
// everything else is driven by the command table (cli/commands.h).
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/output.h"
#include "core/mapped_file.h"

#ifndef TFGRAPH_VERSION
#define TFGRAPH_VERSION "unknown"
#endif

namespace tfgraph::cli {
namespace {

const Command* FindCommand(std::string_view name) {
  for (const auto& c : Commands())
    if (name == c.name) return &c;
  return nullptr;
}

void PrintFlags(std::FILE* out, const std::vector<FlagSpec>& flags) {
  std::vector<std::pair<std::string, std::string>> rows;
  size_t width = 0;
  for (const auto& f : flags) {
    std::string left = std::string("--") + f.name;
    if (f.value_name) left += std::string(" ") + f.value_name;
    width = std::max(width, left.size());
    rows.emplace_back(left, f.help);
  }
  for (const auto& [l, r] : rows)
    std::fprintf(out, "  %-*s  %s\n", static_cast<int>(width), l.c_str(), r.c_str());
}

void PrintMainHelp(std::FILE* out) {
  std::fprintf(out,
               "tfgraph %s: inspect, freeze and export TensorFlow models without TensorFlow\n\n"
               "usage: tfgraph COMMAND MODEL [ARGS] [OPTIONS]\n"
               "       tfgraph MODEL                 open the interactive UI (on a terminal)\n\n"
               "MODEL is a SavedModel folder, a frozen GraphDef (.pb/.pbtxt), a .meta file, a\n"
               "checkpoint (prefix, .index file or folder with a `checkpoint` file) or a legacy\n"
               "SessionBundle export; the format is detected from the content.\n\n"
               "commands:\n",
               TFGRAPH_VERSION);
  size_t width = 0;
  for (const auto& c : Commands()) width = std::max(width, std::string(c.name).size());
  for (const auto& c : Commands())
    std::fprintf(out, "  %-*s  %s\n", static_cast<int>(width), c.name, c.summary);
  std::fprintf(out, "  %-*s  %s\n", static_cast<int>(width), "help", "this text, or help COMMAND");
  std::fprintf(out, "\noptions for every command:\n");
  PrintFlags(out, GlobalFlags());
  std::fprintf(out,
               "  --version            print the version\n\n"
               "exit status: 0 ok, 1 internal error, 2 usage error, 3 model unreadable or\n"
               "unsupported, 4 name/tag-set/signature not found, 5 output exists or cannot be\n"
               "written, 6 validation or size limit failed.\n"
               "Diagnostics go to stderr as 'tfgraph: FILE: PROBLEM'; data goes to stdout.\n"
               "Run 'tfgraph COMMAND --help' for a command's own options.\n");
}

void PrintCommandHelp(const Command& c) {
  std::printf("usage: tfgraph %s [OPTIONS]\n\n%s\n", c.synopsis, c.help);
  if (!c.flags.empty()) {
    std::printf("\noptions:\n");
    PrintFlags(stdout, c.flags);
  }
  std::printf("\noptions for every command:\n");
  PrintFlags(stdout, GlobalFlags());
}

int UsageError(const std::string& message) {
  Diag(message);
  return kExitUsage;
}

int Dispatch(std::vector<std::string> argv) {
  // Global options may come before the command name.
  std::vector<std::string> leading;
  size_t i = 0;
  while (i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-') {
    const std::string& a = argv[i];
    if (a == "--version" || a == "-V") {
      std::printf("tfgraph %s\n", TFGRAPH_VERSION);
      return kExitOk;
    }
    if (a == "--help" || a == "-h") {
      PrintMainHelp(stdout);
      return kExitOk;
    }
    if (a == "--has-tui") return 0;  // for scripts: this build has the UI
    leading.push_back(a);
    bool takes_value = false;
    for (const auto& f : GlobalFlags())
      if (a == std::string("--") + f.name && f.value_name) takes_value = true;
    if (takes_value && i + 1 < argv.size()) leading.push_back(argv[++i]);
    ++i;
  }
  if (i >= argv.size()) {
    PrintMainHelp(stderr);
    return kExitUsage;
  }
  const std::string name = argv[i];
  std::vector<std::string> rest(leading);
  rest.insert(rest.end(), argv.begin() + i + 1, argv.end());

  if (name == "help") {
    if (rest.empty()) {
      PrintMainHelp(stdout);
      return kExitOk;
    }
    const Command* c = FindCommand(rest[0]);
    if (!c) return UsageError("help: unknown command '" + rest[0] + "'");
    PrintCommandHelp(*c);
    return kExitOk;
  }
  const Command* command = FindCommand(name);
  if (!command && PathExists(name)) {
    command = &UiCommand();  // `tfgraph MODEL [options]`
    rest.insert(rest.begin(), name);
  }
  if (!command) {
    std::vector<std::string> names;
    for (const auto& c : Commands()) names.push_back(c.name);
    std::string msg = "unknown command '" + name + "'";
    std::string near = ClosestMatch(name, names);
    if (!near.empty()) msg += "; did you mean '" + near + "'?";
    msg += " (see tfgraph --help; a model path must exist)";
    return UsageError(msg);
  }
  std::vector<FlagSpec> specs = GlobalFlags();
  specs.insert(specs.end(), command->flags.begin(), command->flags.end());
  auto args = ParseArgs(rest, specs);
  if (!args.ok()) {
    return UsageError(std::string(command->name) + ": " + args.status().message() +
                      " (see tfgraph " + command->name + " --help)");
  }
  if (args->Has("help")) {
    PrintCommandHelp(*command);
    return kExitOk;
  }
  int n = static_cast<int>(args->positional().size());
  if (n < command->min_positional ||
      (command->max_positional >= 0 && n > command->max_positional)) {
    return UsageError(std::string(command->name) + ": " +
                      (n < command->min_positional ? "missing argument" : "too many arguments") +
                      "; usage: tfgraph " + command->synopsis);
  }
  Invocation inv{*args, args->Has("json")};
  int code = command->run(inv);
  FlushDeferredWarnings(code == kExitOk);
  return code;
}

}  // namespace
}  // namespace tfgraph::cli

int main(int argc, char** argv) {
  using namespace tfgraph::cli;
  int code;
  try {
    code = Dispatch(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::bad_alloc&) {
    Diag("out of memory");
    return kExitInternal;
  } catch (const std::exception& e) {
    Diag(std::string("internal error: ") + e.what());
    return kExitInternal;
  }
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    Diag("error writing to standard output");
    return code == kExitOk ? kExitOutput : code;
  }
  return code;
}
