// "Did you mean": the names closest to what a user typed.
//
// Used wherever a name given on the command line or in the UI does not
// exist (nodes: Graph::Suggest, which also weighs the last scope component;
// library functions; signature keys). Distance is Levenshtein on the first
// 256 characters; a name that contains what was typed counts as close.
#ifndef TFGRAPH_CORE_SUGGEST_H_
#define TFGRAPH_CORE_SUGGEST_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tfgraph {

size_t EditDistance(std::string_view a, std::string_view b);

// Up to `max` of `names`, closest first, leaving out those too far from
// `typed` to be a plausible typo (more than max(4, |typed| / 2) edits) and
// those more than 2 edits further than the closest.
std::vector<std::string> ClosestNames(std::string_view typed,
                                      const std::vector<std::string_view>& names, size_t max = 3);

// ", did you mean 'a', 'b'?" or "" when nothing is close.
std::string DidYouMean(const std::vector<std::string>& names);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_SUGGEST_H_
