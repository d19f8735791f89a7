// Graph::Resolve: every way users write a tensor reference ("name",
// "name:0", "^name", an "import/" prefix, a function body's
// "node:out_arg:idx") finds the node, and a name that does not exist gets
// sensible "did you mean" suggestions.
#include <gtest/gtest.h>

#include "core/graph.h"
#include "test_graphs.h"

namespace tfgraph {
namespace {

TEST(GraphResolve, EveryWrittenFormOfAGraphName) {
  const tensorflow::GraphDef def = testing::TrainingGraph();  // the Graph points into it
  auto g = testing::MustIndex(def);
  const int logits = g->Find("logits");
  ASSERT_GE(logits, 0);
  for (const char* text : {"logits", "logits:0", "^logits", "import/logits", " logits:0 ",
                           "import/logits:0"}) {
    auto r = g->Resolve(text);
    ASSERT_TRUE(r.ok()) << text << ": " << r.status().message();
    EXPECT_EQ(r->node, logits) << text;
    EXPECT_EQ(r->output, 0) << text;
    EXPECT_TRUE(r->out_arg.empty()) << text;
  }
  auto one = g->Resolve("loss:1");
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->output, 1);
  EXPECT_TRUE(one->had_index);
  EXPECT_EQ(one->TensorName(*g), "loss:1");
  EXPECT_TRUE(g->Resolve("import/logits")->stripped_import);
  EXPECT_EQ(g->Resolve("logits:x").status().code(), Status::Code::kInvalidArgument);
}

TEST(GraphResolve, MisspelledNamesGetCloseSuggestions) {
  const tensorflow::GraphDef def = testing::TrainingGraph();  // the Graph points into it
  auto g = testing::MustIndex(def);
  auto r = g->Resolve("logit:0");
  ASSERT_EQ(r.status().code(), Status::Code::kNotFound);
  EXPECT_NE(r.status().message().find("no node 'logit'"), std::string::npos);
  EXPECT_NE(r.status().message().find("did you mean 'logits'"), std::string::npos)
      << r.status().message();
  // A wrong scope still finds the node by its last component.
  auto scoped = g->Suggest("dense/prob");
  ASSERT_FALSE(scoped.empty());
  EXPECT_EQ(scoped[0], "probs");
  // Nothing close: no suggestion rather than a random one.
  EXPECT_TRUE(g->Suggest("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz").empty());
}

// A body as TF writes it: "node:out_arg:idx" inputs, "^node" controls.
tensorflow::FunctionDef Body() {
  tensorflow::FunctionDef f;
  f.mutable_signature()->set_name("body");
  f.mutable_signature()->add_input_arg()->set_name("x");
  auto add = [&](const char* name, const char* op, std::initializer_list<const char*> inputs) {
    auto* n = f.add_node_def();
    n->set_name(name);
    n->set_op(op);
    for (const char* in : inputs) n->add_input(in);
  };
  add("split", "Split", {"x"});
  add("Identity", "Identity", {"split:output:1", "^NoOp"});
  add("NoOp", "NoOp", {});
  return f;
}

TEST(GraphResolve, FunctionBodyOutArgReferences) {
  auto f = Body();
  auto made = Graph::FromFunction(f);
  ASSERT_TRUE(made.ok());
  const Graph& g = **made;
  auto r = g.Resolve("split:output:1");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(g.name(r->node), "split");
  EXPECT_EQ(r->out_arg, "output");
  EXPECT_EQ(r->output, 1);
  // The other forms work in bodies too.
  for (const char* text : {"Identity", "Identity:0", "^NoOp", "import/Identity"}) {
    EXPECT_TRUE(g.Resolve(text).ok()) << text;
  }
  auto typo = g.Resolve("splt:output:0");
  ASSERT_EQ(typo.status().code(), Status::Code::kNotFound);
  EXPECT_NE(typo.status().message().find("did you mean 'split'"), std::string::npos)
      << typo.status().message();
}

}  // namespace
}  // namespace tfgraph
