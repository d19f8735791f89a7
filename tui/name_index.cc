#include "tui/name_index.h"

#include <re2/re2.h>

#include <algorithm>

namespace tfgraph::tui {

NameIndex::NameIndex(const Graph& graph) {
  size_t total = 0;
  for (int i = 0; i < graph.size(); ++i) total += graph.name(i).size() + 1;
  buffer_.reserve(total);
  starts_.reserve(static_cast<size_t>(graph.size()) + 1);
  for (int i = 0; i < graph.size(); ++i) {
    starts_.push_back(buffer_.size());
    size_t at = buffer_.size();
    buffer_.append(graph.name(i));
    std::replace(buffer_.begin() + static_cast<long>(at), buffer_.end(), '\n', ' ');
    buffer_.push_back('\n');
  }
  starts_.push_back(buffer_.size());
}

NameIndex::~NameIndex() = default;

const re2::RE2* NameIndex::Compiled(const Pattern& pattern) const {
  if (!pattern.ok() || pattern.empty()) return nullptr;
  if (!compiled_ || compiled_text_ != pattern.text() ||
      compiled_case_ != pattern.case_sensitive()) {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_case_sensitive(pattern.case_sensitive());
    // Multi-line ^/$ needs posix_syntax with one_line off; keep Perl classes
    // and \b so patterns mean what they mean in the row matcher.
    o.set_posix_syntax(true);
    o.set_perl_classes(true);
    o.set_word_boundary(true);
    o.set_one_line(false);
    o.set_never_nl(true);
    compiled_ = std::make_unique<RE2>(pattern.text(), o);
    compiled_text_ = pattern.text();
    compiled_case_ = pattern.case_sensitive();
  }
  return compiled_->ok() ? compiled_.get() : nullptr;
}

int NameIndex::FindFirst(const Pattern& pattern, int from, int to) const {
  const RE2* re = Compiled(pattern);
  int n = static_cast<int>(starts_.size()) - 1;
  from = std::max(0, from);
  to = std::min(to, n);
  if (!re || from >= to) return -1;
  re2::StringPiece text(buffer_);
  re2::StringPiece m;
  if (!re->Match(text, starts_[from], starts_[to], RE2::UNANCHORED, &m, 1)) return -1;
  size_t pos = static_cast<size_t>(m.data() - buffer_.data());
  // An empty match (e.g. "^$") can sit at starts_[to], just past the range's
  // last newline: that is the start of name `to`, outside the range (and past
  // the last name when to == n). Being leftmost, it means nothing matched.
  if (pos >= starts_[static_cast<size_t>(to)]) return -1;
  auto it = std::upper_bound(starts_.begin(), starts_.end(), pos);
  return static_cast<int>(it - starts_.begin()) - 1;
}

int NameIndex::CountMatches(const Pattern& pattern) const {
  const auto& m = Matches(pattern);
  return static_cast<int>(std::count(m.begin(), m.end(), 1));
}

const std::vector<uint8_t>& NameIndex::Matches(const Pattern& pattern) const {
  if (matches_text_ == pattern.text() && matches_case_ == pattern.case_sensitive())
    return matches_;
  int n = static_cast<int>(starts_.size()) - 1;
  matches_.assign(static_cast<size_t>(n), 0);
  // Each search resumes after the previous hit, so the buffer is scanned
  // once in total however many names match.
  for (int at = 0; at < n;) {
    int hit = FindFirst(pattern, at, n);
    if (hit < 0) break;
    matches_[static_cast<size_t>(hit)] = 1;
    at = hit + 1;
  }
  matches_text_ = pattern.text();
  matches_case_ = pattern.case_sensitive();
  return matches_;
}

}  // namespace tfgraph::tui
