// Fuzzes command-line parsing: the input is an argv (arguments separated by
// NUL bytes) checked against every command's flags plus the global ones
// (cli/options.h ParseArgs), the way main() does after the command name,
// and the "did you mean" matcher on the first argument. Nothing is run.
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/options.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tfgraph::cli;
  std::string_view in = tfgraph::fuzz::AsView(data, size);
  std::vector<std::string> argv;
  while (!in.empty() && argv.size() < 64) {
    size_t nul = in.find('\0');
    argv.emplace_back(in.substr(0, nul));
    if (nul == std::string_view::npos) break;
    in.remove_prefix(nul + 1);
  }
  std::vector<std::string> names;
  for (const auto& c : Commands()) {
    names.push_back(c.name);
    std::vector<FlagSpec> specs = GlobalFlags();
    specs.insert(specs.end(), c.flags.begin(), c.flags.end());
    auto args = ParseArgs(argv, specs);
    if (!args.ok()) continue;
    for (const auto& f : specs) {
      (void)args->Get(f.name);
      (void)args->GetList(f.name);
    }
  }
  if (!argv.empty()) {
    (void)ClosestMatch(argv[0], names);
    (void)SplitCommaList(argv[0]);
  }
  return 0;
}
