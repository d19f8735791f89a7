// NameIndex: every node name of a graph in one '\n'-separated buffer, so a
// regex search over a million names is one pass of RE2's DFA over ~30 MB
// (tens of milliseconds) instead of a million separate matches.
//
// The bulk pattern is compiled from the same text as the row Pattern with
// the same smart case, in multi-line mode (^ and $ match at name
// boundaries) and never_nl (a match never spans two names), so both agree
// on what matches. Built lazily, once per graph; a '\n' inside a name (TF
// forbids it) is stored as ' ' so names stay one line each.
#ifndef TFGRAPH_TUI_NAME_INDEX_H_
#define TFGRAPH_TUI_NAME_INDEX_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/graph.h"
#include "tui/search.h"

namespace re2 {
class RE2;
}

namespace tfgraph::tui {

class NameIndex {
 public:
  explicit NameIndex(const Graph& graph);
  ~NameIndex();

  // First node in [from, to) whose name matches; -1 if none.
  int FindFirst(const Pattern& pattern, int from, int to) const;
  // Number of names that match.
  int CountMatches(const Pattern& pattern) const;
  // One byte per node, 1 where the name matches; cached for the last pattern.
  const std::vector<uint8_t>& Matches(const Pattern& pattern) const;

 private:
  const re2::RE2* Compiled(const Pattern& pattern) const;
  std::string buffer_;
  std::vector<size_t> starts_;  // starts_[i]: offset of name i; starts_[n] = size
  mutable std::string compiled_text_;
  mutable bool compiled_case_ = false;
  mutable std::unique_ptr<re2::RE2> compiled_;
  mutable std::vector<uint8_t> matches_;
  mutable std::string matches_text_ = std::string(1, '\0');  // no pattern yet
  mutable bool matches_case_ = false;
};

}  // namespace tfgraph::tui

#endif  // TFGRAPH_TUI_NAME_INDEX_H_
