// core/graph: the flat index (name table, input and consumer spans) and the
// background indexing the UI uses, which must end up identical to indexing
// at once.
#include <gtest/gtest.h>

#include <string>

#include "core/graph.h"
#include "tests/unit/test_graphs.h"

namespace tfgraph {
namespace {

using tfgraph::testing::AddNode;

// A chain with fan-out, control edges, repeated inputs, a dangling input and
// a duplicate name: every case the index handles.
tensorflow::GraphDef Sample(int n) {
  tensorflow::GraphDef g;
  AddNode(&g, "x", "Placeholder");
  for (int i = 0; i < n; ++i) {
    std::string prev = i == 0 ? "x" : "layer_" + std::to_string(i - 1) + "/out";
    auto* out = AddNode(&g, "layer_" + std::to_string(i) + "/out", "Add");
    out->add_input(prev);
    out->add_input(prev + ":0");            // the same producer twice
    if (i % 7 == 0) out->add_input("^x");   // control edge
    if (i % 11 == 0) out->add_input("split:1");  // a later node
  }
  auto* split = AddNode(&g, "split", "Split");
  split->add_input("x");
  AddNode(&g, "bad", "Identity")->add_input("missing_node:3");
  AddNode(&g, "split", "Identity");  // duplicate name: the first one wins
  return g;
}

void ExpectSameIndex(const Graph& a, const Graph& b) {
  ASSERT_EQ(a.size(), b.size());
  for (int i = 0; i < a.size(); ++i) {
    const auto& x = a.node(i);
    const auto& y = b.node(i);
    ASSERT_EQ(x.inputs.size(), y.inputs.size()) << i;
    for (size_t k = 0; k < x.inputs.size(); ++k) {
      EXPECT_EQ(x.inputs[k].node, y.inputs[k].node);
      EXPECT_EQ(x.inputs[k].output, y.inputs[k].output);
      EXPECT_EQ(x.inputs[k].control, y.inputs[k].control);
    }
    EXPECT_EQ(std::vector<int>(x.consumers.begin(), x.consumers.end()),
              std::vector<int>(y.consumers.begin(), y.consumers.end()))
        << i;
    EXPECT_EQ(b.Find(a.name(i)), a.Find(a.name(i)));
  }
  EXPECT_EQ(a.dangling_inputs().size(), b.dangling_inputs().size());
  EXPECT_EQ(a.DanglingWarning(), b.DanglingWarning());
}

TEST(GraphIndexTest, EdgesConsumersAndNames) {
  auto g = Sample(30);
  auto graph = Graph::FromGraphDef(g);
  ASSERT_TRUE(graph.ok()) << graph.status().ToString();
  const Graph& G = **graph;
  EXPECT_TRUE(G.index_ready());
  int x = G.Find("x"), l0 = G.Find("layer_0/out"), l1 = G.Find("layer_1/out");
  int split = G.Find("split");
  ASSERT_GE(x, 0);
  EXPECT_EQ(split, G.size() - 3);  // the first of the two "split" nodes
  EXPECT_EQ(G.Find("nope"), -1);
  const auto& in0 = G.node(l0).inputs;
  ASSERT_EQ(in0.size(), 4u);  // x, x:0, ^x, split:1
  EXPECT_EQ(in0[0].node, x);
  EXPECT_EQ(in0[1].node, x);
  EXPECT_TRUE(in0[2].control);
  EXPECT_EQ(in0[3].node, split);
  EXPECT_EQ(in0[3].output, 1);
  // Each consumer listed once, in graph order, however many edges it has.
  const auto& cx = G.node(x).consumers;
  EXPECT_EQ(std::vector<int>(cx.begin(), cx.end()), (std::vector<int>{l0, 8, 15, 22, 29, split}));
  EXPECT_EQ(std::vector<int>(G.node(l0).consumers.begin(), G.node(l0).consumers.end()),
            std::vector<int>{l1});
  ASSERT_EQ(G.dangling_inputs().size(), 1u);
  EXPECT_EQ(G.DanglingWarning(),
            "1 node input(s) name nodes that do not exist (first: 'missing_node:3' in node 'bad')");
}

TEST(GraphIndexTest, BackgroundIndexEqualsTheImmediateOne) {
  auto g = Sample(5000);
  auto now = Graph::FromGraphDef(g);
  ASSERT_TRUE(now.ok());
  for (int round = 0; round < 3; ++round) {
    auto later = Graph::FromGraphDef(g, Graph::Indexing::kBackground);
    ASSERT_TRUE(later.ok());
    // Usable at once for what needs no index, while the index is built.
    EXPECT_EQ((*later)->size(), g.node_size());
    EXPECT_EQ((*later)->name(1), "layer_0/out");
    EXPECT_EQ((*later)->def(1).op(), "Add");
    EXPECT_TRUE((*later)->index_status().ok());
    EXPECT_TRUE((*later)->index_ready());
    ExpectSameIndex(**now, **later);
  }
  // Destroyed while still indexing: joins, no crash.
  auto dropped = Graph::FromGraphDef(g, Graph::Indexing::kBackground);
  ASSERT_TRUE(dropped.ok());
}

TEST(GraphIndexTest, BackgroundIndexReportsABadInputAndKeepsNoEdges) {
  tensorflow::GraphDef g;
  AddNode(&g, "a", "Placeholder");
  AddNode(&g, "b", "Identity")->add_input("a");
  AddNode(&g, "c", "Identity")->add_input("a:x");  // not an output index
  auto now = Graph::FromGraphDef(g);
  ASSERT_FALSE(now.ok());
  EXPECT_NE(now.status().message().find("node 'c' input 0"), std::string::npos);
  auto later = Graph::FromGraphDef(g, Graph::Indexing::kBackground);
  ASSERT_TRUE(later.ok());
  Status st = (*later)->index_status();
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(st.message(), now.status().message());
  for (int i = 0; i < (*later)->size(); ++i) {
    EXPECT_TRUE((*later)->node(i).inputs.empty());
    EXPECT_TRUE((*later)->node(i).consumers.empty());
  }
}

}  // namespace
}  // namespace tfgraph
