// Search patterns and node filters, built on RE2.
//
// Pattern wraps an RE2 compiled the way an interactive search needs it:
// smart case (case-insensitive unless the pattern has a capital letter that
// is not part of an escape like \S), log_errors off so a bad pattern never
// writes to stderr (which would corrupt the curses screen): it is reported
// through ok()/error() and shown in the status line instead.
//
// NodeFilter is the `\` filter: space-separated words, all of which must
// match. A word is `field:regex` with field one of name, op, device, attr
// (attr matches "key=value" with the value decoded as in the detail view),
// or a bare regex, which matches the name.
#ifndef TFGRAPH_TUI_SEARCH_H_
#define TFGRAPH_TUI_SEARCH_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/graph.h"
#include "core/status.h"

namespace re2 {
class RE2;
}

namespace tfgraph::tui {

class Pattern {
 public:
  Pattern() = default;
  static Pattern Compile(std::string_view text);

  bool empty() const { return text_.empty(); }
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  const std::string& text() const { return text_; }
  bool case_sensitive() const { return case_sensitive_; }

  // False for an empty or invalid pattern.
  bool Matches(std::string_view s) const;
  // Byte ranges [begin, end) of up to `max` non-overlapping, non-empty matches.
  std::vector<std::pair<size_t, size_t>> FindAll(std::string_view s, size_t max = 16) const;

 private:
  std::string text_;
  std::string error_;
  bool case_sensitive_ = false;
  std::shared_ptr<const re2::RE2> re_;
};

class NodeFilter {
 public:
  static StatusOr<NodeFilter> Parse(std::string_view text);
  bool empty() const { return terms_.empty(); }
  const std::string& text() const { return text_; }
  bool Matches(const Graph& graph, int node) const;

 private:
  enum class Field { kName, kOp, kDevice, kAttr };
  struct Term {
    Field field;
    Pattern pattern;
  };
  std::string text_;
  std::vector<Term> terms_;
};

}  // namespace tfgraph::tui

#endif  // TFGRAPH_TUI_SEARCH_H_
