#include "cli/options.h"

#include <algorithm>

namespace tfgraph::cli {
namespace {

size_t Distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

const FlagSpec* FindSpec(const std::vector<FlagSpec>& specs, std::string_view name) {
  for (const auto& s : specs)
    if (name == s.name) return &s;
  return nullptr;
}

}  // namespace

std::string Args::Get(std::string_view flag, std::string fallback) const {
  auto it = values_.find(std::string(flag));
  if (it == values_.end() || it->second.empty()) return fallback;
  return it->second.back();
}

std::vector<std::string> Args::GetList(std::string_view flag) const {
  std::vector<std::string> out;
  auto it = values_.find(std::string(flag));
  if (it == values_.end()) return out;
  for (const auto& v : it->second)
    for (auto& piece : SplitCommaList(v)) out.push_back(std::move(piece));
  return out;
}

std::vector<std::string> SplitCommaList(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view piece = text.substr(start, comma - start);
    while (!piece.empty() && piece.front() == ' ') piece.remove_prefix(1);
    while (!piece.empty() && piece.back() == ' ') piece.remove_suffix(1);
    if (!piece.empty()) out.emplace_back(piece);
    start = comma + 1;
  }
  return out;
}

std::string ClosestMatch(std::string_view word, const std::vector<std::string>& choices) {
  std::string best;
  size_t best_d = std::max<size_t>(2, word.size() / 3) + 1;
  for (const auto& c : choices) {
    size_t d = Distance(word, c);
    if (d < best_d || (d == best_d && best.empty() && c.rfind(word, 0) == 0)) {
      best_d = d;
      best = c;
    }
  }
  if (best.empty()) {
    for (const auto& c : choices)
      if (!word.empty() && c.rfind(word, 0) == 0) return c;
  }
  return best;
}

StatusOr<Args> ParseArgs(const std::vector<std::string>& argv, const std::vector<FlagSpec>& specs) {
  Args args;
  bool only_positional = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (only_positional || a.size() < 2 || a[0] != '-') {
      args.positional_.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positional = true;
      continue;
    }
    std::string name, value;
    bool has_value = false;
    if (a == "-h") {
      name = "help";
    } else if (a == "-V") {
      name = "version";
    } else if (a == "-o") {
      name = "output";
    } else if (a.rfind("--", 0) == 0) {
      name = a.substr(2);
      auto eq = name.find('=');
      if (eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
        has_value = true;
      }
    } else {
      return Status::InvalidArgument("unknown option '" + a + "' (options are --long-form)");
    }
    const FlagSpec* spec = FindSpec(specs, name);
    if (!spec) {
      std::vector<std::string> names;
      for (const auto& s : specs) names.push_back(s.name);
      std::string msg = "unknown option '--" + name + "'";
      std::string near = ClosestMatch(name, names);
      if (!near.empty()) msg += "; did you mean '--" + near + "'?";
      return Status::InvalidArgument(msg);
    }
    if (spec->value_name == nullptr) {
      if (has_value) return Status::InvalidArgument("option '--" + name + "' takes no value");
      value = "true";
    } else if (!has_value) {
      if (i + 1 >= argv.size()) {
        return Status::InvalidArgument("option '--" + name + "' needs a value (" +
                                       spec->value_name + ")");
      }
      value = argv[++i];
    }
    auto& slot = args.values_[name];
    if (!slot.empty() && !spec->repeated && spec->value_name != nullptr && slot.back() != value) {
      return Status::InvalidArgument("option '--" + name + "' given more than once");
    }
    slot.push_back(value);
    args.ordered_.emplace_back(name, value);
  }
  return args;
}

}  // namespace tfgraph::cli
