// The freeze rewrite rules on small synthetic graphs written the way
// TensorFlow writes them (text format), one rule per test.
#include "core/freeze_rewrite.h"

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

const tensorflow::NodeDef& Node(const tensorflow::GraphDef& g, const std::string& name) {
  for (const auto& n : g.node())
    if (n.name() == name) return n;
  ADD_FAILURE() << "no node " << name;
  static tensorflow::NodeDef none;
  return none;
}

const tensorflow::FunctionDef* Function(const tensorflow::GraphDef& g, const std::string& name) {
  for (const auto& f : g.library().function())
    if (f.signature().name() == name) return &f;
  return nullptr;
}

const OpRegistry& Ops() { return OpRegistry::Global(); }

Status Freeze(tensorflow::GraphDef* g, std::vector<VariableToFreeze> vars, RewriteStats* stats) {
  return FreezeVariables(g, vars, Ops(), stats);
}

// After freezing, the graph must pass the same check freeze runs (on the
// functions still referenced: freeze drops the unconverted originals).
void ExpectValid(const tensorflow::GraphDef& frozen, std::vector<std::string> unused = {}) {
  tensorflow::GraphDef g = frozen;
  auto* fns = g.mutable_library()->mutable_function();
  for (int i = fns->size() - 1; i >= 0; --i)
    for (const auto& u : unused)
      if (fns->Get(i).signature().name() == u) fns->DeleteSubrange(i, 1);
  GraphCheckOptions o;
  o.forbid_variables = true;
  GraphCheckReport r = CheckGraph(g, o);
  for (const auto& p : r.problems) ADD_FAILURE() << p.ToString();
}

constexpr char kRefGraph[] = R"pb(
  node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
  node { name: "w" op: "VariableV2"
         attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "shape" value { shape { dim { size: 2 } dim { size: 3 } } } }
         attr { key: "_output_shapes" value { list { shape { dim { size: 2 } dim { size: 3 } } } } } }
  node { name: "w/read" op: "Identity" input: "w"
         attr { key: "T" value { type: DT_FLOAT } }
         attr { key: "_class" value { list { s: "loc:@w" } } } }
  node { name: "mm" op: "MatMul" input: "x" input: "w/read"
         attr { key: "T" value { type: DT_FLOAT } } }
)pb";

TEST(FreezeRewrite, RefVariableBecomesConstAndReadStays) {
  auto g = Parse(kRefGraph);
  RewriteStats stats;
  ASSERT_TRUE(Freeze(&g, {{"w", tensorflow::DT_FLOAT, {2, 3}}}, &stats).ok());
  const auto& w = Node(g, "w");
  EXPECT_EQ(w.op(), "Const");
  EXPECT_EQ(w.attr().at("dtype").type(), tensorflow::DT_FLOAT);
  EXPECT_EQ(w.attr().at("value").tensor().dtype(), tensorflow::DT_FLOAT);
  EXPECT_EQ(w.attr().at("value").tensor().tensor_shape().dim_size(), 2);
  EXPECT_EQ(w.attr().count("_output_shapes"), 0u);  // all variable attrs dropped
  EXPECT_EQ(w.attr().count("shape"), 0u);
  const auto& read = Node(g, "w/read");
  EXPECT_EQ(read.op(), "Identity");
  EXPECT_EQ(read.attr().at("T").type(), tensorflow::DT_FLOAT);
  EXPECT_EQ(read.attr().at("_class").list().s(0), "loc:@w");
  EXPECT_EQ(Node(g, "mm").op(), "MatMul");
  ExpectValid(g);
}

TEST(FreezeRewrite, RefControlFlowBecomesValueForms) {
  auto g = Parse(R"pb(
    node { name: "p" op: "Placeholder" attr { key: "dtype" value { type: DT_BOOL } } }
    node { name: "v" op: "VariableV2"
           attr { key: "dtype" value { type: DT_FLOAT } }
           attr { key: "shape" value { shape { } } } }
    node { name: "sw" op: "RefSwitch" input: "v" input: "p"
           attr { key: "T" value { type: DT_FLOAT } } }
    node { name: "id" op: "RefIdentity" input: "sw:1"
           attr { key: "T" value { type: DT_FLOAT } } }
    node { name: "m" op: "RefMerge" input: "sw" input: "id"
           attr { key: "T" value { type: DT_FLOAT } } attr { key: "N" value { i: 2 } } }
    node { name: "out" op: "Neg" input: "m" attr { key: "T" value { type: DT_FLOAT } } }
  )pb");
  RewriteStats stats;
  ASSERT_TRUE(Freeze(&g, {{"v", tensorflow::DT_FLOAT, {}}}, &stats).ok());
  EXPECT_EQ(Node(g, "sw").op(), "Switch");
  EXPECT_EQ(Node(g, "id").op(), "Identity");
  EXPECT_EQ(Node(g, "m").op(), "Merge");
  EXPECT_EQ(Node(g, "m").attr().at("T").type(), tensorflow::DT_FLOAT);
  EXPECT_EQ(stats.passthrough, 3);
  ExpectValid(g);
}

TEST(FreezeRewrite, RefEnterInWhileLoopBecomesEnter) {
  auto g = Parse(R"pb(
    node { name: "v" op: "VariableV2"
           attr { key: "dtype" value { type: DT_FLOAT } } attr { key: "shape" value { shape { } } } }
    node { name: "while/Enter" op: "RefEnter" input: "v"
           attr { key: "T" value { type: DT_FLOAT } }
           attr { key: "frame_name" value { s: "while/while_context" } }
           attr { key: "is_constant" value { b: true } } }
    node { name: "while/Neg" op: "Neg" input: "while/Enter" attr { key: "T" value { type: DT_FLOAT } } }
  )pb");
  RewriteStats stats;
  ASSERT_TRUE(Freeze(&g, {{"v", tensorflow::DT_FLOAT, {}}}, &stats).ok());
  EXPECT_EQ(Node(g, "while/Enter").op(), "Enter");
  EXPECT_TRUE(Node(g, "while/Enter").attr().at("is_constant").b());
}

constexpr char kResourceGraph[] = R"pb(
  node { name: "idx" op: "Placeholder" attr { key: "dtype" value { type: DT_INT64 } } }
  node { name: "assign_src" op: "Const"
         attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { } float_val: 1 } } } }
  node { name: "v" op: "VarHandleOp"
         attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "shape" value { shape { dim { size: 5 } dim { size: 2 } } } }
         attr { key: "shared_name" value { s: "v" } }
         attr { key: "_output_shapes" value { list { shape { } } } } }
  node { name: "init" op: "NoOp" }
  node { name: "read" op: "ReadVariableOp" input: "v" input: "^init"
         attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "_class" value { list { s: "loc:@v" } } } }
  node { name: "gather" op: "ResourceGather" input: "v" input: "idx"
         attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "Tindices" value { type: DT_INT64 } }
         attr { key: "batch_dims" value { i: 0 } }
         attr { key: "validate_indices" value { b: true } } }
  node { name: "gnd" op: "ResourceGatherNd" input: "v" input: "idx"
         attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "Tindices" value { type: DT_INT64 } } }
  node { name: "shape" op: "VariableShape" input: "v"
         attr { key: "out_type" value { type: DT_INT64 } } }
  node { name: "inited" op: "VarIsInitializedOp" input: "v" }
)pb";

TEST(FreezeRewrite, ResourceReadsGathersAndShape) {
  auto g = Parse(kResourceGraph);
  RewriteStats stats;
  ASSERT_TRUE(Freeze(&g, {{"v", tensorflow::DT_FLOAT, {5, 2}}}, &stats).ok())
      << Freeze(&g, {}, &stats).ToString();
  EXPECT_EQ(Node(g, "v").op(), "Const");

  const auto& read = Node(g, "read");
  EXPECT_EQ(read.op(), "Identity");
  ASSERT_EQ(read.input_size(), 1);  // control input dropped, as TF does
  EXPECT_EQ(read.input(0), "v");
  EXPECT_EQ(read.attr().at("T").type(), tensorflow::DT_FLOAT);
  EXPECT_EQ(read.attr().count("dtype"), 0u);
  EXPECT_EQ(read.attr().at("_class").list().s(0), "loc:@v");

  const auto& gather = Node(g, "gather");
  EXPECT_EQ(gather.op(), "GatherV2");
  ASSERT_EQ(gather.input_size(), 3);
  EXPECT_EQ(gather.input(2), "gather/axis");
  EXPECT_EQ(gather.attr().at("Tparams").type(), tensorflow::DT_FLOAT);
  EXPECT_EQ(gather.attr().at("Tindices").type(), tensorflow::DT_INT64);
  EXPECT_EQ(gather.attr().at("Taxis").type(), tensorflow::DT_INT64);
  EXPECT_EQ(gather.attr().count("validate_indices"), 0u);
  const auto& axis = Node(g, "gather/axis");
  EXPECT_EQ(axis.op(), "Const");
  EXPECT_EQ(axis.attr().at("value").tensor().int64_val(0), 0);

  EXPECT_EQ(Node(g, "gnd").op(), "GatherNd");
  EXPECT_EQ(Node(g, "gnd").attr().at("Tparams").type(), tensorflow::DT_FLOAT);

  const auto& shape = Node(g, "shape");
  EXPECT_EQ(shape.op(), "Const");
  EXPECT_EQ(shape.attr().at("dtype").type(), tensorflow::DT_INT64);
  const auto& t = shape.attr().at("value").tensor();
  ASSERT_EQ(t.int64_val_size(), 2);
  EXPECT_EQ(t.int64_val(0), 5);
  EXPECT_EQ(t.int64_val(1), 2);

  EXPECT_EQ(Node(g, "inited").op(), "Const");
  EXPECT_TRUE(Node(g, "inited").attr().at("value").tensor().bool_val(0));
  EXPECT_EQ(stats.reads, 1);
  EXPECT_EQ(stats.gathers, 2);
  EXPECT_EQ(stats.shapes, 1);
  ExpectValid(g);
}

TEST(FreezeRewrite, ResourceGatherBatchDimsBecomesAxis) {
  auto g = Parse(R"pb(
    node { name: "idx" op: "Placeholder" attr { key: "dtype" value { type: DT_INT32 } } }
    node { name: "v" op: "VarHandleOp" attr { key: "dtype" value { type: DT_FLOAT } }
           attr { key: "shape" value { shape { dim { size: 2 } dim { size: 3 } } } } }
    node { name: "g" op: "ResourceGather" input: "v" input: "idx"
           attr { key: "dtype" value { type: DT_FLOAT } }
           attr { key: "Tindices" value { type: DT_INT32 } }
           attr { key: "batch_dims" value { i: 1 } } }
  )pb");
  RewriteStats stats;
  ASSERT_TRUE(Freeze(&g, {{"v", tensorflow::DT_FLOAT, {2, 3}}}, &stats).ok());
  EXPECT_EQ(Node(g, "g").attr().at("batch_dims").i(), 1);
  EXPECT_EQ(Node(g, "g/axis").attr().at("value").tensor().int_val(0), 1);
  EXPECT_EQ(Node(g, "g/axis").attr().at("dtype").type(), tensorflow::DT_INT32);
}

TEST(FreezeRewrite, SwitchOnResourceHandle) {
  // TF1 cond over a resource variable: the handle goes through Switch.
  auto g = Parse(R"pb(
    node { name: "p" op: "Placeholder" attr { key: "dtype" value { type: DT_BOOL } } }
    node { name: "v" op: "VarHandleOp" attr { key: "dtype" value { type: DT_FLOAT } }
           attr { key: "shape" value { shape { dim { size: 3 } } } } }
    node { name: "cond/Switch" op: "Switch" input: "v" input: "p"
           attr { key: "T" value { type: DT_RESOURCE } }
           attr { key: "_output_shapes" value { list { shape { } shape { } } } } }
    node { name: "cond/Read" op: "ReadVariableOp" input: "cond/Switch:1"
           attr { key: "dtype" value { type: DT_FLOAT } } }
    node { name: "cond/Merge" op: "Merge" input: "cond/Read" input: "cond/Read"
           attr { key: "T" value { type: DT_FLOAT } } attr { key: "N" value { i: 2 } } }
  )pb");
  RewriteStats stats;
  ASSERT_TRUE(Freeze(&g, {{"v", tensorflow::DT_FLOAT, {3}}}, &stats).ok());
  const auto& sw = Node(g, "cond/Switch");
  EXPECT_EQ(sw.attr().at("T").type(), tensorflow::DT_FLOAT);
  EXPECT_EQ(sw.attr().count("_output_shapes"), 0u);
  EXPECT_EQ(Node(g, "cond/Read").op(), "Identity");
  EXPECT_EQ(Node(g, "cond/Read").input(0), "cond/Switch:1");
  ExpectValid(g);
}

TEST(FreezeRewrite, VariableWriteIsReported) {
  auto g = Parse(kResourceGraph);
  auto* assign = g.add_node();
  assign->set_name("assign");
  assign->set_op("AssignVariableOp");
  assign->add_input("v");
  assign->add_input("assign_src");
  (*assign->mutable_attr())["dtype"].set_type(tensorflow::DT_FLOAT);
  RewriteStats stats;
  Status s = Freeze(&g, {{"v", tensorflow::DT_FLOAT, {5, 2}}}, &stats);
  EXPECT_EQ(s.code(), Status::Code::kUnsupported);
  EXPECT_NE(s.message().find("variable 'v' is written by AssignVariableOp 'assign'"),
            std::string::npos)
      << s.message();
}

TEST(FreezeRewrite, RefVariableIntoRefInputIsReported) {
  auto g = Parse(kRefGraph);
  auto* a = g.add_node();
  a->set_name("w/Assign");
  a->set_op("Assign");
  a->add_input("w");
  a->add_input("x");
  (*a->mutable_attr())["T"].set_type(tensorflow::DT_FLOAT);
  RewriteStats stats;
  Status s = Freeze(&g, {{"w", tensorflow::DT_FLOAT, {2, 3}}}, &stats);
  EXPECT_EQ(s.code(), Status::Code::kUnsupported);
  EXPECT_NE(s.message().find("written by Assign 'w/Assign'"), std::string::npos) << s.message();
}

// An If whose branches read a variable passed as a resource argument, as a
// TF2 function body (after inlining) has it.
constexpr char kIfGraph[] = R"pb(
  node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
  node { name: "pred" op: "Placeholder" attr { key: "dtype" value { type: DT_BOOL } } }
  node { name: "scale" op: "VarHandleOp" attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "shape" value { shape { } } } }
  node { name: "cond" op: "If" input: "pred" input: "scale" input: "x"
         attr { key: "Tcond" value { type: DT_BOOL } }
         attr { key: "Tin" value { list { type: DT_RESOURCE type: DT_FLOAT } } }
         attr { key: "Tout" value { list { type: DT_FLOAT } } }
         attr { key: "then_branch" value { func { name: "cond_true_37" } } }
         attr { key: "else_branch" value { func { name: "cond_false_38" } } } }
  library {
    function {
      signature { name: "cond_true_37"
                  input_arg { name: "res" type: DT_RESOURCE } input_arg { name: "x" type: DT_FLOAT }
                  output_arg { name: "out" type: DT_FLOAT } }
      node_def { name: "Read" op: "ReadVariableOp" input: "res"
                 attr { key: "dtype" value { type: DT_FLOAT } } }
      node_def { name: "Mul" op: "Mul" input: "Read:value:0" input: "x"
                 attr { key: "T" value { type: DT_FLOAT } } }
      ret { key: "out" value: "Mul:z:0" }
      attr { key: "_input_shapes" value { list { shape { } shape { unknown_rank: true } } } }
      arg_attr { key: 0 value { attr { key: "_handle_dtypes" value { list { type: DT_FLOAT } } } } }
      resource_arg_unique_id { key: 0 value: 0 }
    }
    function {
      signature { name: "cond_false_38"
                  input_arg { name: "res" type: DT_RESOURCE } input_arg { name: "x" type: DT_FLOAT }
                  output_arg { name: "out" type: DT_FLOAT } }
      node_def { name: "Read" op: "ReadVariableOp" input: "res"
                 attr { key: "dtype" value { type: DT_FLOAT } } }
      ret { key: "out" value: "Read:value:0" }
    }
  }
)pb";

TEST(FreezeRewrite, IfBranchesAreCopiedAndConverted) {
  auto g = Parse(kIfGraph);
  RewriteStats stats;
  Status s = Freeze(&g, {{"scale", tensorflow::DT_FLOAT, {}}}, &stats);
  ASSERT_TRUE(s.ok()) << s.ToString();
  const auto& cond = Node(g, "cond");
  EXPECT_EQ(cond.attr().at("Tin").list().type(0), tensorflow::DT_FLOAT);
  EXPECT_EQ(cond.attr().at("Tin").list().type(1), tensorflow::DT_FLOAT);
  const std::string then_name = cond.attr().at("then_branch").func().name();
  const std::string else_name = cond.attr().at("else_branch").func().name();
  EXPECT_EQ(then_name.rfind("cond_true_frozen_", 0), 0u) << then_name;
  EXPECT_EQ(else_name.rfind("cond_false_frozen_", 0), 0u) << else_name;
  EXPECT_EQ(stats.functions, 2);

  const auto* t = Function(g, then_name);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->signature().input_arg(0).type(), tensorflow::DT_FLOAT);
  EXPECT_EQ(t->node_def(0).op(), "Identity");
  EXPECT_EQ(t->node_def(1).input(0), "Read:output:0");  // ":value:" renamed
  EXPECT_TRUE(t->attr().at("_input_shapes").list().shape(0).unknown_rank());
  EXPECT_EQ(t->arg_attr().at(0).attr().count("_handle_dtypes"), 0u);
  EXPECT_EQ(t->resource_arg_unique_id().count(0), 0u);
  const auto* e = Function(g, else_name);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->ret().at("out"), "Read:output:0");
  // The originals are untouched (other callers may use them).
  EXPECT_EQ(Function(g, "cond_true_37")->node_def(0).op(), "ReadVariableOp");
  ExpectValid(g, {"cond_true_37", "cond_false_38"});
}

TEST(FreezeRewrite, WhileBodyAndCondConverted) {
  auto g = Parse(R"pb(
    node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
    node { name: "w" op: "VarHandleOp" attr { key: "dtype" value { type: DT_FLOAT } }
           attr { key: "shape" value { shape { dim { size: 2 } } } } }
    node { name: "loop" op: "While" input: "x" input: "w"
           attr { key: "T" value { list { type: DT_FLOAT type: DT_RESOURCE } } }
           attr { key: "cond" value { func { name: "while_cond_1" } } }
           attr { key: "body" value { func { name: "while_body_2" } } }
           attr { key: "output_shapes" value { list { shape { dim { size: 2 } } shape { } } } }
           attr { key: "parallel_iterations" value { i: 10 } } }
    node { name: "after" op: "Identity" input: "loop:1" attr { key: "T" value { type: DT_RESOURCE } } }
    library {
      function {
        signature { name: "while_cond_1"
                    input_arg { name: "a" type: DT_FLOAT } input_arg { name: "r" type: DT_RESOURCE }
                    output_arg { name: "ok" type: DT_BOOL } }
        node_def { name: "c" op: "Const" attr { key: "dtype" value { type: DT_BOOL } }
                   attr { key: "value" value { tensor { dtype: DT_BOOL tensor_shape { } bool_val: false } } } }
        ret { key: "ok" value: "c:output:0" }
      }
      function {
        signature { name: "while_body_2"
                    input_arg { name: "a" type: DT_FLOAT } input_arg { name: "r" type: DT_RESOURCE }
                    output_arg { name: "a_out" type: DT_FLOAT } output_arg { name: "r_out" type: DT_RESOURCE } }
        node_def { name: "Read" op: "ReadVariableOp" input: "r"
                   attr { key: "dtype" value { type: DT_FLOAT } } }
        node_def { name: "Add" op: "AddV2" input: "a" input: "Read:value:0"
                   attr { key: "T" value { type: DT_FLOAT } } }
        node_def { name: "Pass" op: "Identity" input: "r"
                   attr { key: "T" value { type: DT_RESOURCE } } }
        ret { key: "a_out" value: "Add:z:0" }
        ret { key: "r_out" value: "Pass:output:0" }
      }
    }
  )pb");
  RewriteStats stats;
  Status s = Freeze(&g, {{"w", tensorflow::DT_FLOAT, {2}}}, &stats);
  ASSERT_TRUE(s.ok()) << s.ToString();
  const auto& loop = Node(g, "loop");
  EXPECT_EQ(loop.attr().at("T").list().type(1), tensorflow::DT_FLOAT);
  EXPECT_EQ(loop.attr().at("output_shapes").list().shape(1).dim(0).size(), 2);
  const auto* body = Function(g, loop.attr().at("body").func().name());
  ASSERT_NE(body, nullptr);
  EXPECT_EQ(body->signature().input_arg(1).type(), tensorflow::DT_FLOAT);
  EXPECT_EQ(body->signature().output_arg(1).type(), tensorflow::DT_FLOAT);
  EXPECT_EQ(body->node_def(0).op(), "Identity");
  EXPECT_EQ(body->node_def(2).attr().at("T").type(), tensorflow::DT_FLOAT);
  const auto* cond = Function(g, loop.attr().at("cond").func().name());
  ASSERT_NE(cond, nullptr);
  EXPECT_EQ(cond->signature().input_arg(1).type(), tensorflow::DT_FLOAT);
  // The While's output 1 now carries the value; its consumer follows.
  EXPECT_EQ(Node(g, "after").attr().at("T").type(), tensorflow::DT_FLOAT);
  ExpectValid(g, {"while_body_2", "while_cond_1"});
}

TEST(FreezeRewrite, WriteInsideWhileBodyIsReported) {
  auto g = Parse(R"pb(
    node { name: "n" op: "VarHandleOp" attr { key: "dtype" value { type: DT_INT64 } }
           attr { key: "shape" value { shape { } } } }
    node { name: "loop" op: "While" input: "n"
           attr { key: "T" value { list { type: DT_RESOURCE } } }
           attr { key: "cond" value { func { name: "c" } } }
           attr { key: "body" value { func { name: "b" } } } }
    library {
      function {
        signature { name: "c" input_arg { name: "r" type: DT_RESOURCE } output_arg { name: "o" type: DT_BOOL } }
        node_def { name: "k" op: "Const" attr { key: "dtype" value { type: DT_BOOL } }
                   attr { key: "value" value { tensor { dtype: DT_BOOL tensor_shape { } bool_val: false } } } }
        ret { key: "o" value: "k:output:0" }
      }
      function {
        signature { name: "b" input_arg { name: "r" type: DT_RESOURCE } output_arg { name: "o" type: DT_RESOURCE } }
        node_def { name: "one" op: "Const" attr { key: "dtype" value { type: DT_INT64 } }
                   attr { key: "value" value { tensor { dtype: DT_INT64 tensor_shape { } int64_val: 1 } } } }
        node_def { name: "AssignAdd" op: "AssignAddVariableOp" input: "r" input: "one:output:0"
                   attr { key: "dtype" value { type: DT_INT64 } } }
        ret { key: "o" value: "r" }
      }
    }
  )pb");
  RewriteStats stats;
  Status s = Freeze(&g, {{"n", tensorflow::DT_INT64, {}}}, &stats);
  EXPECT_EQ(s.code(), Status::Code::kUnsupported);
  EXPECT_NE(s.message().find("written by AssignAddVariableOp 'AssignAdd' in function 'b' (converted copy 'b_frozen_"),
            std::string::npos)
      << s.message();
}

TEST(FreezeRewrite, FrozenFunctionNames) {
  EXPECT_EQ(FrozenFunctionName("cond_true_37", 3), "cond_true_frozen_3");
  EXPECT_EQ(FrozenFunctionName("__inference_predict_58", 0), "__inference_predict_frozen_0");
  EXPECT_EQ(FrozenFunctionName("body", 1), "body_frozen_1");
  EXPECT_EQ(FrozenFunctionName("f_x", 2), "f_x_frozen_2");
}

TEST(FreezeRewrite, WriteOpsClassified) {
  for (const char* op : {"Assign", "AssignVariableOp", "AssignAddVariableOp", "ResourceApplyAdam",
                         "ApplyGradientDescent", "ScatterUpdate", "ResourceScatterAdd",
                         "VarIsInitializedOp", "IsVariableInitialized"})
    EXPECT_TRUE(IsVariableWriteOp(op)) << op;
  for (const char* op : {"ReadVariableOp", "ScatterNd", "Identity", "NoOp", "TensorScatterUpdate"})
    EXPECT_FALSE(IsVariableWriteOp(op)) << op;
}

}  // namespace
}  // namespace tfgraph
