// core/suggest: "did you mean" for names that do not exist (table-driven),
// and its use for library functions.
#include "core/suggest.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tfgraph {
namespace {

TEST(Suggest, EditDistance) {
  struct Case {
    const char* a;
    const char* b;
    size_t distance;
  };
  const Case cases[] = {
      {"", "", 0},          {"abc", "abc", 0},   {"abc", "abd", 1},
      {"abc", "ab", 1},     {"", "logits", 6},   {"kitten", "sitting", 3},
  };
  for (const Case& c : cases) EXPECT_EQ(EditDistance(c.a, c.b), c.distance) << c.a << " " << c.b;
}

TEST(Suggest, ClosestNames) {
  const std::vector<std::string_view> functions = {
      "__inference_call_123", "__inference_call_1234", "__inference_serve_77",
      "__inference_train_step_999", "f"};
  struct Case {
    const char* typed;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"__inference_call_12", {"__inference_call_123", "__inference_call_1234"}},
      {"__inference_serve_7", {"__inference_serve_77"}},
      {"train_step", {"__inference_train_step_999"}},
      {"completely_unrelated_name", {}},
      {"g", {"f"}},
  };
  for (const Case& c : cases)
    EXPECT_EQ(ClosestNames(c.typed, functions), c.expected) << c.typed;
}

TEST(Suggest, DidYouMean) {
  EXPECT_EQ(DidYouMean({}), "");
  EXPECT_EQ(DidYouMean({"a"}), "; did you mean 'a'?");
  EXPECT_EQ(DidYouMean({"a", "b"}), "; did you mean 'a', 'b'?");
}

}  // namespace
}  // namespace tfgraph
