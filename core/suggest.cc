#include "core/suggest.h"

#include <algorithm>

namespace tfgraph {

size_t EditDistance(std::string_view a, std::string_view b) {
  // Names longer than a few hundred characters are compared on their first
  // kMax characters only, which is enough to rank.
  constexpr size_t kMax = 256;
  a = a.substr(0, kMax);
  b = b.substr(0, kMax);
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::vector<std::string> ClosestNames(std::string_view typed,
                                      const std::vector<std::string_view>& names, size_t max) {
  struct Scored {
    size_t distance;
    std::string_view name;
  };
  std::vector<Scored> scored;
  const size_t limit = std::max<size_t>(4, typed.size() / 2);
  for (std::string_view name : names) {
    size_t d = EditDistance(typed, name);
    bool contains = typed.size() >= 3 && name.find(typed) != std::string_view::npos;
    if (contains) d = std::min<size_t>(d, 1);
    if (d <= limit) scored.push_back({d, name});
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const Scored& a, const Scored& b) { return a.distance < b.distance; });
  // Only those about as close as the closest: a near miss should not come
  // with far ones that merely fit under the limit.
  std::vector<std::string> out;
  for (const auto& s : scored) {
    if (out.size() >= max || s.distance > scored.front().distance + 2) break;
    if (std::find(out.begin(), out.end(), s.name) == out.end()) out.emplace_back(s.name);
  }
  return out;
}

std::string DidYouMean(const std::vector<std::string>& names) {
  if (names.empty()) return "";
  std::string s = "; did you mean ";
  for (size_t i = 0; i < names.size(); ++i) s += (i ? ", '" : "'") + names[i] + "'";
  return s + "?";
}

}  // namespace tfgraph
