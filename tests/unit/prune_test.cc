#include "core/prune.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/unit/test_graphs.h"

namespace tfgraph {
namespace {

using testing::AddNode;
using testing::MustIndex;
using testing::TrainingGraph;

std::vector<std::string> Names(const Graph& g, const std::vector<int>& idx) {
  std::vector<std::string> out;
  for (int i : idx) out.emplace_back(g.name(i));
  std::sort(out.begin(), out.end());
  return out;
}

TEST(PruneTest, KeepsOnlyWhatTheOutputNeeds) {
  auto def = TrainingGraph();
  auto g = MustIndex(def);
  PruneResult r = Prune(*g, {g->Find("probs")}, {});
  EXPECT_EQ(Names(*g, r.kept),
            (std::vector<std::string>{"b", "b/read", "dense/MatMul", "logits", "probs", "w",
                                      "w/read", "x"}));
  EXPECT_EQ(Names(*g, r.variables), (std::vector<std::string>{"b", "w"}));
  EXPECT_EQ(Names(*g, r.unpicked_placeholders), (std::vector<std::string>{"x"}));
  EXPECT_TRUE(r.training_only.empty());
  // Each kept NodeDef plus 4*3 + 3 floats of variable values.
  EXPECT_GT(r.estimated_bytes, 60u);
  EXPECT_EQ(r.unknown_size_variables, 0);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("'x'"), std::string::npos);
}

TEST(PruneTest, CutInputStopsTraversalAndIsKept) {
  auto def = TrainingGraph();
  auto g = MustIndex(def);
  PruneResult r = Prune(*g, {g->Find("probs")}, {g->Find("dense/MatMul")});
  EXPECT_EQ(Names(*g, r.kept),
            (std::vector<std::string>{"b", "b/read", "dense/MatMul", "logits", "probs"}));
  EXPECT_EQ(Names(*g, r.variables), (std::vector<std::string>{"b"}));
  EXPECT_TRUE(r.unpicked_placeholders.empty());
  EXPECT_TRUE(r.warnings.empty());
}

TEST(PruneTest, UnreachedCutInputIsNotKept) {
  auto def = TrainingGraph();
  auto g = MustIndex(def);
  PruneResult r = Prune(*g, {g->Find("probs")}, {g->Find("x"), g->Find("labels")});
  auto kept = Names(*g, r.kept);
  EXPECT_TRUE(std::count(kept.begin(), kept.end(), "x"));
  EXPECT_FALSE(std::count(kept.begin(), kept.end(), "labels"));
}

TEST(PruneTest, TrainingOpsAndControlEdgesAreFollowed) {
  auto def = TrainingGraph();
  auto g = MustIndex(def);
  PruneResult r = Prune(*g, {g->Find("init")}, {});
  // init -> ^w/Assign -> w, save/Const
  EXPECT_EQ(Names(*g, r.kept), (std::vector<std::string>{"init", "save/Const", "w", "w/Assign"}));
  EXPECT_EQ(Names(*g, r.training_only), (std::vector<std::string>{"init", "save/Const", "w/Assign"}));
  ASSERT_FALSE(r.warnings.empty());
  EXPECT_NE(r.warnings[0].find("training-only"), std::string::npos);
}

TEST(PruneTest, WarnsPastTwoGigabytes) {
  tensorflow::GraphDef def;
  testing::AddVariable(&def, "huge", {1024, 1024, 1024});  // 4 GiB of floats
  AddNode(&def, "out", "Identity", {"huge"});
  auto g = MustIndex(def);
  PruneResult r = Prune(*g, {g->Find("out")}, {});
  EXPECT_GT(r.estimated_bytes, kProtobufSizeLimit);
  bool warned = false;
  for (const auto& w : r.warnings) warned |= w.find("2 GB") != std::string::npos;
  EXPECT_TRUE(warned);
}

TEST(PruneTest, UnknownShapeVariablesAreCountedSeparately) {
  tensorflow::GraphDef def;
  auto* v = testing::AddVariable(&def, "v", {-1, 3});
  (void)v;
  AddNode(&def, "out", "Identity", {"v"});
  auto g = MustIndex(def);
  PruneResult r = Prune(*g, {g->Find("out")}, {});
  EXPECT_EQ(r.unknown_size_variables, 1);
  EXPECT_EQ(VariableBytes(*g, g->Find("v")), -1);
}

TEST(PruneTest, IgnoresOutOfRangeIndices) {
  auto def = TrainingGraph();
  auto g = MustIndex(def);
  PruneResult r = Prune(*g, {-1, 10000}, {-5});
  EXPECT_TRUE(r.kept.empty());
}

TEST(PruneTest, TrainingClassifier) {
  auto def = TrainingGraph();
  auto g = MustIndex(def);
  EXPECT_TRUE(IsTrainingOnlyNode(*g, g->Find("gradients/logits_grad")));
  EXPECT_TRUE(IsTrainingOnlyNode(*g, g->Find("GradientDescent/update_w")));
  EXPECT_TRUE(IsTrainingOnlyNode(*g, g->Find("save/SaveV2")));
  EXPECT_FALSE(IsTrainingOnlyNode(*g, g->Find("probs")));
  EXPECT_FALSE(IsTrainingOnlyNode(*g, g->Find("w/read")));
}

}  // namespace
}  // namespace tfgraph
