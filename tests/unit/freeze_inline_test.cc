// Inlining TF2-style function calls into the main graph.
#include "core/freeze_inline.h"

#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include "core/graph_check.h"
#include "core/op_registry.h"

namespace tfgraph {
namespace {

tensorflow::GraphDef Parse(const std::string& text) {
  tensorflow::GraphDef g;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &g)) << text;
  return g;
}

const tensorflow::NodeDef* Find(const tensorflow::GraphDef& g, const std::string& name) {
  for (const auto& n : g.node())
    if (n.name() == name) return &n;
  return nullptr;
}

// serving_default_x -> StatefulPartitionedCall(wrapper) -> StatefulPartitionedCall(predict):
// the shape of a TF2 SavedModel's signature.
constexpr char kTf2Graph[] = R"pb(
  node { name: "w" op: "VarHandleOp" attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "shape" value { shape { dim { size: 4 } dim { size: 3 } } } } }
  node { name: "serving_default_x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
  node { name: "StatefulPartitionedCall" op: "StatefulPartitionedCall"
         input: "serving_default_x" input: "w"
         attr { key: "Tin" value { list { type: DT_FLOAT type: DT_RESOURCE } } }
         attr { key: "Tout" value { list { type: DT_FLOAT type: DT_FLOAT } } }
         attr { key: "f" value { func { name: "wrapper_1" } } } }
  node { name: "after" op: "Neg" input: "StatefulPartitionedCall:1"
         attr { key: "T" value { type: DT_FLOAT } } }
  library {
    function {
      signature { name: "wrapper_1"
                  input_arg { name: "x" type: DT_FLOAT } input_arg { name: "unknown" type: DT_RESOURCE }
                  output_arg { name: "identity" type: DT_FLOAT } output_arg { name: "identity_1" type: DT_FLOAT }
                  is_stateful: true }
      node_def { name: "StatefulPartitionedCall" op: "StatefulPartitionedCall"
                 input: "x" input: "unknown"
                 attr { key: "Tin" value { list { type: DT_FLOAT type: DT_RESOURCE } } }
                 attr { key: "Tout" value { list { type: DT_FLOAT type: DT_FLOAT } } }
                 attr { key: "f" value { func { name: "predict_2" } } } }
      node_def { name: "Identity" op: "Identity" input: "StatefulPartitionedCall:output:0"
                 input: "^StatefulPartitionedCall"
                 attr { key: "T" value { type: DT_FLOAT } } }
      node_def { name: "Identity_1" op: "Identity" input: "StatefulPartitionedCall:output:1"
                 attr { key: "T" value { type: DT_FLOAT } } }
      ret { key: "identity" value: "Identity:output:0" }
      ret { key: "identity_1" value: "Identity_1:output:0" }
    }
    function {
      signature { name: "predict_2"
                  input_arg { name: "x" type: DT_FLOAT } input_arg { name: "res" type: DT_RESOURCE }
                  output_arg { name: "logits" type: DT_FLOAT } output_arg { name: "probs" type: DT_FLOAT } }
      node_def { name: "MatMul/ReadVariableOp" op: "ReadVariableOp" input: "res"
                 attr { key: "dtype" value { type: DT_FLOAT } } }
      node_def { name: "MatMul" op: "MatMul" input: "x" input: "MatMul/ReadVariableOp:value:0"
                 attr { key: "T" value { type: DT_FLOAT } } }
      node_def { name: "Softmax" op: "Softmax" input: "MatMul:product:0"
                 attr { key: "T" value { type: DT_FLOAT } } }
      ret { key: "logits" value: "MatMul:product:0" }
      ret { key: "probs" value: "Softmax:softmax:0" }
    }
  }
)pb";

TEST(FreezeInline, NestedCallsBecomeMainGraphNodes) {
  auto g = Parse(kTf2Graph);
  InlineStats stats;
  Status s = InlineCalls(&g, {"StatefulPartitionedCall"}, OpRegistry::Global(), &stats);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(stats.calls, 2);
  EXPECT_EQ(stats.functions.count("predict_2"), 1u);

  // The outer call's name now belongs to an IdentityN with the ret values.
  const auto* out = Find(g, "StatefulPartitionedCall");
  ASSERT_NE(out, nullptr);
  EXPECT_EQ(out->op(), "IdentityN");
  ASSERT_EQ(out->input_size(), 2);
  EXPECT_EQ(out->input(0), "StatefulPartitionedCall/Identity");
  EXPECT_EQ(out->input(1), "StatefulPartitionedCall/Identity_1");
  EXPECT_EQ(out->attr().at("T").list().type_size(), 2);

  // The inner call, renamed under the outer one, with its body below it.
  const auto* inner = Find(g, "StatefulPartitionedCall/StatefulPartitionedCall");
  ASSERT_NE(inner, nullptr);
  EXPECT_EQ(inner->op(), "IdentityN");
  EXPECT_EQ(inner->input(0), "StatefulPartitionedCall/StatefulPartitionedCall/MatMul");
  EXPECT_EQ(inner->input(1), "StatefulPartitionedCall/StatefulPartitionedCall/Softmax");

  // Arguments became the call's inputs: the variable handle reaches the read.
  const auto* read = Find(g, "StatefulPartitionedCall/StatefulPartitionedCall/MatMul/ReadVariableOp");
  ASSERT_NE(read, nullptr);
  EXPECT_EQ(read->input(0), "w");
  const auto* mm = Find(g, "StatefulPartitionedCall/StatefulPartitionedCall/MatMul");
  ASSERT_NE(mm, nullptr);
  EXPECT_EQ(mm->input(0), "serving_default_x");
  EXPECT_EQ(mm->input(1), "StatefulPartitionedCall/StatefulPartitionedCall/MatMul/ReadVariableOp");
  // "name:out_arg:idx" became flat indices; control inputs follow renames.
  const auto* id = Find(g, "StatefulPartitionedCall/Identity");
  ASSERT_NE(id, nullptr);
  EXPECT_EQ(id->input(0), "StatefulPartitionedCall/StatefulPartitionedCall");
  EXPECT_EQ(id->input(1), "^StatefulPartitionedCall/StatefulPartitionedCall");
  const auto* id1 = Find(g, "StatefulPartitionedCall/Identity_1");
  ASSERT_NE(id1, nullptr);
  EXPECT_EQ(id1->input(0), "StatefulPartitionedCall/StatefulPartitionedCall:1");
  // Consumers of the call keep their tensor names.
  EXPECT_EQ(Find(g, "after")->input(0), "StatefulPartitionedCall:1");
  for (const auto& n : g.node()) EXPECT_NE(n.op(), "StatefulPartitionedCall") << n.name();

  GraphCheckReport r = CheckGraph(g);
  for (const auto& p : r.problems) ADD_FAILURE() << p.ToString();
}

TEST(FreezeInline, CallsNotAskedForStay) {
  auto g = Parse(kTf2Graph);
  InlineStats stats;
  ASSERT_TRUE(InlineCalls(&g, {}, OpRegistry::Global(), &stats).ok());
  EXPECT_EQ(stats.calls, 0);
  EXPECT_EQ(Find(g, "StatefulPartitionedCall")->op(), "StatefulPartitionedCall");
}

TEST(FreezeInline, SingleOutputGivesIdentityAndControlInputsReachSources) {
  auto g = Parse(R"pb(
    node { name: "gate" op: "NoOp" }
    node { name: "call" op: "PartitionedCall" input: "^gate"
           attr { key: "Tin" value { list { } } }
           attr { key: "Tout" value { list { type: DT_FLOAT } } }
           attr { key: "f" value { func { name: "make_1" } } } }
    library {
      function {
        signature { name: "make_1" output_arg { name: "out" type: DT_FLOAT } }
        node_def { name: "c" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
                   attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { } float_val: 2 } } } }
        ret { key: "out" value: "c:output:0" }
      }
    }
  )pb");
  InlineStats stats;
  ASSERT_TRUE(InlineCalls(&g, {"call"}, OpRegistry::Global(), &stats).ok());
  const auto* call = Find(g, "call");
  ASSERT_NE(call, nullptr);
  EXPECT_EQ(call->op(), "Identity");
  EXPECT_EQ(call->input(0), "call/c");
  const auto* c = Find(g, "call/c");
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(c->input_size(), 1);
  EXPECT_EQ(c->input(0), "^gate");
}

TEST(FreezeInline, RecursionIsRefused) {
  auto g = Parse(R"pb(
    node { name: "call" op: "PartitionedCall"
           attr { key: "Tin" value { list { } } } attr { key: "Tout" value { list { } } }
           attr { key: "f" value { func { name: "loop" } } } }
    library {
      function {
        signature { name: "loop" }
        node_def { name: "again" op: "PartitionedCall"
                   attr { key: "Tin" value { list { } } } attr { key: "Tout" value { list { } } }
                   attr { key: "f" value { func { name: "loop" } } } }
      }
    }
  )pb");
  InlineStats stats;
  Status s = InlineCalls(&g, {"call"}, OpRegistry::Global(), &stats, 8);
  EXPECT_EQ(s.code(), Status::Code::kUnsupported);
  EXPECT_NE(s.message().find("recursive function 'loop'"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace tfgraph
