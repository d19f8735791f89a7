#include "tui/search.h"

#include <re2/re2.h>

#include <cctype>
#include <sstream>

#include "core/attr_format.h"

namespace tfgraph::tui {
namespace {

bool HasCapital(std::string_view p) {
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\\') {
      ++i;  // \S, \W, \D, \PL are escapes, not capitals
      continue;
    }
    if (std::isupper(static_cast<unsigned char>(p[i]))) return true;
  }
  return false;
}

}  // namespace

Pattern Pattern::Compile(std::string_view text) {
  Pattern p;
  p.text_ = std::string(text);
  if (text.empty()) return p;
  p.case_sensitive_ = HasCapital(text);
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(p.case_sensitive_);
  auto re = std::make_shared<const RE2>(p.text_, options);
  if (!re->ok()) {
    p.error_ = re->error();
    if (p.error_.empty()) p.error_ = "invalid pattern";
    return p;
  }
  p.re_ = std::move(re);
  return p;
}

bool Pattern::Matches(std::string_view s) const {
  if (!re_) return false;
  return RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), *re_);
}

std::vector<std::pair<size_t, size_t>> Pattern::FindAll(std::string_view s, size_t max) const {
  std::vector<std::pair<size_t, size_t>> out;
  if (!re_) return out;
  re2::StringPiece text(s.data(), s.size());
  size_t pos = 0;
  re2::StringPiece m;
  while (pos <= s.size() && out.size() < max) {
    if (!re_->Match(text, pos, s.size(), RE2::UNANCHORED, &m, 1)) break;
    size_t b = static_cast<size_t>(m.data() - s.data());
    size_t e = b + m.size();
    if (e == b) {  // empty match: step over one byte
      pos = b + 1;
      continue;
    }
    out.emplace_back(b, e);
    pos = e;
  }
  return out;
}

StatusOr<NodeFilter> NodeFilter::Parse(std::string_view text) {
  NodeFilter f;
  f.text_ = std::string(text);
  std::istringstream in(f.text_);
  std::string word;
  while (in >> word) {
    Term t{Field::kName, {}};
    std::string_view w = word;
    auto colon = w.find(':');
    if (colon != std::string_view::npos) {
      std::string_view field = w.substr(0, colon);
      bool known = true;
      if (field == "name") t.field = Field::kName;
      else if (field == "op") t.field = Field::kOp;
      else if (field == "device") t.field = Field::kDevice;
      else if (field == "attr") t.field = Field::kAttr;
      else known = false;
      if (known) w = w.substr(colon + 1);
    }
    t.pattern = Pattern::Compile(w);
    if (!t.pattern.ok())
      return Status::InvalidArgument("filter '" + word + "': " + t.pattern.error());
    if (!t.pattern.empty()) f.terms_.push_back(std::move(t));
  }
  return f;
}

bool NodeFilter::Matches(const Graph& graph, int node) const {
  const tensorflow::NodeDef& def = *graph.node(node).def;
  for (const Term& t : terms_) {
    bool ok = false;
    switch (t.field) {
      case Field::kName: ok = t.pattern.Matches(def.name()); break;
      case Field::kOp: ok = t.pattern.Matches(def.op()); break;
      case Field::kDevice: ok = t.pattern.Matches(def.device()); break;
      case Field::kAttr:
        for (const auto& [key, value] : def.attr()) {
          if (t.pattern.Matches(key + "=" + FormatAttrValue(value))) {
            ok = true;
            break;
          }
        }
        break;
    }
    if (!ok) return false;
  }
  return true;
}

}  // namespace tfgraph::tui
