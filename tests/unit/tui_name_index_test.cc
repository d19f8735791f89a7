// The bulk name search must agree with the row matcher on every pattern.
#include "tui/name_index.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/unit/test_graphs.h"

namespace tfgraph::tui {
namespace {

TEST(NameIndexTest, AgreesWithTheRowMatcher) {
  tensorflow::GraphDef def;
  for (const char* n : {"x", "dense/MatMul", "dense/BiasAdd", "Dense_1/matmul", "conv2d_10/Relu",
                        "a/b/c", "日本/重み", "matmul", "end$", "line\nbreak"}) {
    tfgraph::testing::AddNode(&def, n, "NoOp");
  }
  auto g = tfgraph::testing::MustIndex(def);
  NameIndex index(*g);
  // Anchors, smart case, Perl classes, word boundaries, UTF-8, alternation.
  for (const char* p : {"matmul", "MatMul", "^dense", "Add$", "^x$", "\\d+", "\\bb\\b",
                        "[A-Z]", "重", "^a/.*c$", "relu|bias", "\\$", "e$", "^$", "line"}) {
    Pattern pat = Pattern::Compile(p);
    ASSERT_TRUE(pat.ok()) << p;
    const auto& bits = index.Matches(pat);
    for (int i = 0; i < g->size(); ++i) {
      std::string name(g->name(i));
      // A newline inside a name is searched as a space.
      std::replace(name.begin(), name.end(), '\n', ' ');
      EXPECT_EQ(bits[i] != 0, pat.Matches(name)) << "pattern " << p << " name " << name;
    }
  }
}

TEST(NameIndexTest, FindFirstWithinARange) {
  tensorflow::GraphDef def;
  for (int i = 0; i < 100; ++i) tfgraph::testing::AddNode(&def, "n" + std::to_string(i), "NoOp");
  auto g = tfgraph::testing::MustIndex(def);
  NameIndex index(*g);
  Pattern p = Pattern::Compile("^n[0-9]5$");
  EXPECT_EQ(index.FindFirst(p, 0, 100), 15);
  EXPECT_EQ(index.FindFirst(p, 16, 100), 25);
  EXPECT_EQ(index.FindFirst(p, 96, 100), -1);
  EXPECT_EQ(index.FindFirst(p, 20, 25), -1);
  EXPECT_EQ(index.CountMatches(p), 9);
  EXPECT_EQ(index.CountMatches(Pattern::Compile("(")), 0);
}

}  // namespace
}  // namespace tfgraph::tui
