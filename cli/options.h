// Command-line options shared by every `tfgraph` command.
//
// A command declares the flags it accepts as FlagSpecs; ParseArgs checks
// argv against them and returns the flags and positional arguments, or an
// InvalidArgument status whose message is one line ready for stderr
// ("unknown option '--foo'; did you mean '--op'?"). Accepted forms:
//   --flag value   --flag=value   --switch   -- (ends options)
// Flags marked `repeated` may be given several times; GetList also splits
// each value at commas, so "--output a,b --output c" is {a, b, c}.
// Single-dash short forms exist only for -h (--help), -V (--version) and -o
// (--output, for commands that write a file).
#ifndef TFGRAPH_CLI_OPTIONS_H_
#define TFGRAPH_CLI_OPTIONS_H_

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace tfgraph::cli {

struct FlagSpec {
  const char* name;        // without dashes: "tag-set"
  const char* value_name;  // nullptr for a switch; else shown in help: "TAGS"
  const char* help;        // one line
  bool repeated = false;
};

class Args {
 public:
  bool Has(std::string_view flag) const { return values_.count(std::string(flag)) > 0; }
  // The last value given, or `fallback`.
  std::string Get(std::string_view flag, std::string fallback = "") const;
  // Every value given, each split at commas, empty pieces dropped.
  std::vector<std::string> GetList(std::string_view flag) const;
  const std::vector<std::string>& positional() const { return positional_; }
  // Every flag with its value, in command-line order (for commands whose
  // flags form groups, like export's --signature).
  const std::vector<std::pair<std::string, std::string>>& ordered() const { return ordered_; }

 private:
  friend StatusOr<Args> ParseArgs(const std::vector<std::string>& argv,
                                  const std::vector<FlagSpec>& specs);
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
  std::vector<std::pair<std::string, std::string>> ordered_;
};

StatusOr<Args> ParseArgs(const std::vector<std::string>& argv, const std::vector<FlagSpec>& specs);

// Splits "a,b,,c" into {"a", "b", "c"}.
std::vector<std::string> SplitCommaList(std::string_view text);

// Closest of `choices` to `word` by edit distance, or "" if none is close.
std::string ClosestMatch(std::string_view word, const std::vector<std::string>& choices);

}  // namespace tfgraph::cli

#endif  // TFGRAPH_CLI_OPTIONS_H_
