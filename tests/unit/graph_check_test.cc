// Tests for core/graph_check.h: TF-made graphs from the shared corpus (frozen
// GraphDefs, and the graphs and function libraries of SavedModels and .meta
// files) must pass with zero problems; mutated copies must be caught, each
// by the right kind of problem on the right node.
#include "core/graph_check.h"

#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tensorflow/meta_graph.pb.h"
#include "tensorflow/saved_model.pb.h"

namespace tfgraph {
namespace {

namespace fs = std::filesystem;
using Kind = GraphProblem::Kind;
using tensorflow::GraphDef;
using tensorflow::NodeDef;

std::string CorpusDir() {
  const char* dir = std::getenv("TFGRAPH_CORPUS");
  if (dir == nullptr || !fs::is_directory(dir)) return "";
  return dir;
}

#define SKIP_WITHOUT_CORPUS()                                                      \
  std::string corpus = CorpusDir();                                                \
  if (corpus.empty()) GTEST_SKIP() << "TFGRAPH_CORPUS is not set or not a directory"

std::string ReadFile(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

GraphDef LoadGraph(const fs::path& p) {
  GraphDef g;
  std::string bytes = ReadFile(p);
  EXPECT_FALSE(bytes.empty()) << p;
  EXPECT_TRUE(g.ParseFromString(bytes)) << p;
  return g;
}

std::string Dump(const GraphCheckReport& r) {
  std::string s;
  for (const auto& p : r.problems) s += "  " + p.ToString() + "\n";
  return s;
}

// Problems of one kind on one node.
int Count(const GraphCheckReport& r, Kind kind, const std::string& node) {
  int n = 0;
  for (const auto& p : r.problems) n += p.kind == kind && p.node == node;
  return n;
}

NodeDef* FindNode(GraphDef* g, const std::string& name) {
  for (auto& n : *g->mutable_node()) {
    if (n.name() == name) return &n;
  }
  ADD_FAILURE() << "no node " << name;
  static NodeDef dummy;
  return &dummy;
}

// Five nodes: two Consts, their Identity reads, and an Add.
constexpr const char* kSimpleFrozen = "pair_tzuhsiang_simple_model_ckpt_frozen/frozen_model.pb";

const char* const kFrozenGraphs[] = {
    "tf2onnx_frozen_ae0/frozen.pb",
    "tf2onnx_frozen_fc-layers/frozen.pb",
    "tf2onnx_frozen_gru/frozen.pb",
    "tf2onnx_frozen_lstm/frozen.pb",
    "tf2onnx_regression_ckpt_frozen_savedmodel/graphdef/frozen.pb",
    "textpb_dicereader_frozen_pb_and_pbtxt/frozen_graph.pb",
    "pair_ardianumam_lenet_ckpt_frozen/frozen_model.pb",
    "pair_fishbonelsy_mnist_v1ckpt_frozen/frozen_model.pb",
    "pair_tzuhsiang_simple_model_ckpt_frozen/frozen_model.pb",
};

TEST(GraphCheckCorpus, FrozenGraphsHaveNoProblems) {
  SKIP_WITHOUT_CORPUS();
  GraphCheckOptions opts;
  opts.forbid_variables = true;
  for (const char* rel : kFrozenGraphs) {
    GraphDef g = LoadGraph(fs::path(corpus) / rel);
    ASSERT_GT(g.node_size(), 0) << rel;
    GraphCheckReport r = CheckGraph(g, opts);
    EXPECT_TRUE(r.ok()) << rel << ":\n" << Dump(r);
    EXPECT_EQ(r.nodes_checked, g.node_size());
    EXPECT_GT(r.edges_typed, 0) << rel;
    std::cout << rel << ": " << r.nodes_checked << " nodes, " << r.edges_typed
              << " edges typed\n";
    for (const auto& note : r.notes) std::cout << rel << ": note: " << note << "\n";
  }
}

TEST(GraphCheckCorpus, TextFrozenGraphMatchesBinary) {
  SKIP_WITHOUT_CORPUS();
  fs::path dir = fs::path(corpus) / "textpb_dicereader_frozen_pb_and_pbtxt";
  GraphDef text;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(ReadFile(dir / "frozen_graph.pbtxt"),
                                                            &text));
  GraphCheckReport r = CheckGraph(text);
  EXPECT_TRUE(r.ok()) << Dump(r);
  EXPECT_EQ(r.edges_typed, CheckGraph(LoadGraph(dir / "frozen_graph.pb")).edges_typed);
}

// Every graph (with its function library) inside a SavedModel or .meta of the
// corpus was written by TF and loads in TF: no problems, variables allowed.
TEST(GraphCheckCorpus, SavedModelAndMetaGraphsHaveNoProblems) {
  SKIP_WITHOUT_CORPUS();
  int graphs = 0, functions = 0, with_variables = 0, edges = 0, notes = 0;
  for (const auto& e : fs::recursive_directory_iterator(corpus)) {
    if (!e.is_regular_file()) continue;
    std::string name = e.path().filename().string();
    std::vector<tensorflow::MetaGraphDef> metas;
    std::string bytes = ReadFile(e.path());
    if (name == "saved_model.pb" || name == "saved_model.pbtxt") {
      tensorflow::SavedModel sm;
      bool parsed = name == "saved_model.pb"
                        ? sm.ParseFromString(bytes)
                        : google::protobuf::TextFormat::ParseFromString(bytes, &sm);
      if (!parsed) continue;  // the deliberately mangled upload
      metas.assign(sm.meta_graphs().begin(), sm.meta_graphs().end());
    } else if (e.path().extension() == ".meta") {
      tensorflow::MetaGraphDef mg;
      if (!mg.ParseFromString(bytes)) continue;
      metas.push_back(mg);
    } else {
      continue;
    }
    for (const auto& mg : metas) {
      OpRegistry ops(&OpRegistry::Global());
      ops.AddUnknownOps(mg.meta_info_def().stripped_op_list());
      GraphCheckOptions opts;
      opts.registry = &ops;
      GraphCheckReport r = CheckGraph(mg.graph_def(), opts);
      EXPECT_TRUE(r.ok()) << e.path() << ":\n" << Dump(r);
      ++graphs;
      edges += r.edges_typed;
      notes += static_cast<int>(r.notes.size());
      functions += mg.graph_def().library().function_size();
      opts.forbid_variables = true;
      with_variables += !CheckGraph(mg.graph_def(), opts).ok();
    }
  }
  EXPECT_GT(graphs, 20);
  EXPECT_GT(functions, 100);
  // Unfrozen graphs hold variables; forbid_variables must see them.
  EXPECT_GT(with_variables, 20);
  std::cout << graphs << " graphs, " << functions << " functions, " << edges
            << " edges typed, " << notes << " notes\n";
}

// --- Mutations -------------------------------------------------------------

TEST(GraphCheckMutation, ConstWiredIntoRefInputs) {
  SKIP_WITHOUT_CORPUS();
  // An unfrozen TF1 training graph: VariableV2 feeding Assign and
  // ApplyGradientDescent. Clean as is; variables reported when forbidden.
  GraphDef g = LoadGraph(fs::path(corpus) / "pair_fishbonelsy_mnist_v1ckpt_frozen/graph.pb");
  GraphCheckReport clean = CheckGraph(g);
  ASSERT_TRUE(clean.ok()) << Dump(clean);
  GraphCheckOptions forbid;
  forbid.forbid_variables = true;
  GraphCheckReport vars = CheckGraph(g, forbid);
  EXPECT_EQ(Count(vars, Kind::kVariableOp, "Variable"), 1);
  EXPECT_EQ(Count(vars, Kind::kVariableOp, "Variable/Assign"), 1);

  // The classic broken freeze: the variable becomes a Const, its writers stay.
  NodeDef* var = FindNode(&g, "Variable");
  tensorflow::DataType dtype = var->attr().at("dtype").type();
  var->set_op("Const");
  var->clear_attr();
  (*var->mutable_attr())["dtype"].set_type(dtype);
  (*var->mutable_attr())["value"].mutable_tensor()->set_dtype(dtype);
  GraphCheckReport r = CheckGraph(g);
  EXPECT_EQ(Count(r, Kind::kConstIntoRef, "Variable/Assign"), 1) << Dump(r);
  EXPECT_EQ(Count(r, Kind::kConstIntoRef, "save/Assign"), 1) << Dump(r);
  for (const auto& p : r.problems) {
    EXPECT_EQ(p.kind, Kind::kConstIntoRef) << p.ToString();
    EXPECT_EQ(p.input, 0) << p.ToString();  // the ref operand
    EXPECT_NE(p.ToString().find("expected float32_ref, got float32"), std::string::npos)
        << p.ToString();
  }
  EXPECT_FALSE(r.ToStatus().ok());
  EXPECT_EQ(r.ToStatus().code(), Status::Code::kFailedCheck);
}

TEST(GraphCheckMutation, ConstIntoResourceInput) {
  GraphDef g;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(R"pb(
    node { name: "h" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } } }
    node { name: "r" op: "ReadVariableOp" input: "h"
           attr { key: "dtype" value { type: DT_FLOAT } } }
  )pb", &g));
  GraphCheckReport r = CheckGraph(g);
  ASSERT_EQ(r.problems.size(), 1u) << Dump(r);
  EXPECT_EQ(r.problems[0].kind, Kind::kConstIntoRef);
  EXPECT_EQ(r.problems[0].node, "r");
  EXPECT_NE(r.problems[0].message.find("resource"), std::string::npos);
}

TEST(GraphCheckMutation, WrongDtypeIsCaught) {
  SKIP_WITHOUT_CORPUS();
  GraphDef g = LoadGraph(fs::path(corpus) / kSimpleFrozen);
  ASSERT_TRUE(CheckGraph(g).ok());
  NodeDef* c = FindNode(&g, "Model/v1");
  (*c->mutable_attr())["dtype"].set_type(tensorflow::DT_INT32);
  GraphCheckReport r = CheckGraph(g);
  ASSERT_EQ(r.problems.size(), 1u) << Dump(r);
  const GraphProblem& p = r.problems[0];
  EXPECT_EQ(p.kind, Kind::kDtypeMismatch);
  EXPECT_EQ(p.node, "Model/v1/read");
  EXPECT_EQ(p.input, 0);
  EXPECT_EQ(p.input_text, "Model/v1");
  EXPECT_NE(p.ToString().find("expected float32, got int32 from 'Model/v1' (Const)"),
            std::string::npos)
      << p.ToString();
}

TEST(GraphCheckMutation, DanglingInputsAreCaught) {
  SKIP_WITHOUT_CORPUS();
  GraphDef g = LoadGraph(fs::path(corpus) / kSimpleFrozen);
  NodeDef* add = FindNode(&g, "Model/add");
  add->set_input(0, "Model/v1/reed");   // no such node
  add->set_input(1, "Model/v2/read:1"); // Identity has one output
  add->add_input("^Model/gone");       // control input to nothing
  GraphCheckReport r = CheckGraph(g);
  EXPECT_EQ(Count(r, Kind::kDanglingInput, "Model/add"), 3) << Dump(r);
  EXPECT_EQ(r.problems.size(), 3u) << Dump(r);
}

TEST(GraphCheckMutation, StructureProblemsAreCaught) {
  SKIP_WITHOUT_CORPUS();
  GraphDef g = LoadGraph(fs::path(corpus) / kSimpleFrozen);
  NodeDef* add = FindNode(&g, "Model/add");
  // A control input before a data input.
  add->set_input(1, "^Model/v2");
  add->add_input("Model/v2/read");
  // A duplicate name.
  NodeDef dup = *FindNode(&g, "Model/v2");
  *g.add_node() = dup;
  // A node with too few inputs.
  FindNode(&g, "Model/v1/read")->clear_input();
  GraphCheckReport r = CheckGraph(g);
  EXPECT_EQ(Count(r, Kind::kControlOrder, "Model/add"), 1) << Dump(r);
  EXPECT_EQ(Count(r, Kind::kBadName, "Model/v2"), 1) << Dump(r);
  EXPECT_EQ(Count(r, Kind::kInputCount, "Model/v1/read"), 1) << Dump(r);
  EXPECT_EQ(r.problems.size(), 3u) << Dump(r);
}

TEST(GraphCheck, UnknownOpsAreNotedNotReported) {
  GraphDef g;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(R"pb(
    node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_STRING } } }
    node { name: "t" op: "SentencepieceTokenizeOp" input: "x" }
    node { name: "y" op: "Identity" input: "t:3" attr { key: "T" value { type: DT_INT64 } } }
  )pb", &g));
  GraphCheckReport r = CheckGraph(g);
  EXPECT_TRUE(r.ok()) << Dump(r);
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_NE(r.notes[0].find("SentencepieceTokenizeOp"), std::string::npos);
}

// A small TF2-style function library, checked body by body.
GraphDef FunctionGraph() {
  GraphDef g;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(R"pb(
    node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
    node { name: "call" op: "PartitionedCall" input: "x"
      attr { key: "Tin" value { list { type: DT_FLOAT } } }
      attr { key: "Tout" value { list { type: DT_FLOAT type: DT_INT32 } } }
      attr { key: "f" value { func { name: "f" } } } }
    node { name: "direct" op: "f" input: "x" }
    node { name: "sum" op: "AddV2" input: "call" input: "direct"
           attr { key: "T" value { type: DT_FLOAT } } }
    library { function {
      signature { name: "f"
        input_arg { name: "a" type: DT_FLOAT }
        output_arg { name: "out" type: DT_FLOAT }
        output_arg { name: "shape" type: DT_INT32 } }
      node_def { name: "split" op: "Split" input: "dim:output:0" input: "a"
        attr { key: "T" value { type: DT_FLOAT } } attr { key: "num_split" value { i: 2 } } }
      node_def { name: "dim" op: "Const" attr { key: "dtype" value { type: DT_INT32 } } }
      node_def { name: "add" op: "AddV2" input: "split:output:0" input: "split:output:1"
        attr { key: "T" value { type: DT_FLOAT } } }
      node_def { name: "shape" op: "Shape" input: "add:z:0" input: "^dim"
        attr { key: "T" value { type: DT_FLOAT } } }
      ret { key: "out" value: "add:z:0" }
      ret { key: "shape" value: "shape:output:0" } } }
  )pb", &g));
  return g;
}

TEST(GraphCheckFunction, CleanLibraryPasses) {
  GraphCheckReport r = CheckGraph(FunctionGraph());
  EXPECT_TRUE(r.ok()) << Dump(r);
  EXPECT_EQ(r.nodes_checked, 8);
  EXPECT_TRUE(r.notes.empty());
}

TEST(GraphCheckFunction, BadBodyReferencesAreCaught) {
  GraphDef g = FunctionGraph();
  auto* fn = g.mutable_library()->mutable_function(0);
  fn->mutable_node_def(2)->set_input(0, "split:product:0");  // no such output arg
  fn->mutable_node_def(2)->set_input(1, "split:output:2");   // num_split is 2
  fn->mutable_node_def(3)->set_input(0, "add:0");            // GraphDef syntax in a body
  (*fn->mutable_ret())["shape"] = "add:z:0";                 // float for an int32 output
  GraphCheckReport r = CheckGraph(g);
  EXPECT_EQ(Count(r, Kind::kDanglingInput, "add"), 2) << Dump(r);
  EXPECT_EQ(Count(r, Kind::kBadInput, "shape"), 1) << Dump(r);
  EXPECT_EQ(Count(r, Kind::kBadReturn, "shape"), 1) << Dump(r);
  EXPECT_EQ(r.problems.size(), 4u) << Dump(r);
  for (const auto& p : r.problems) {
    EXPECT_EQ(p.function, "f");
    EXPECT_EQ(p.ToString().rfind(std::string(GraphProblemKindName(p.kind)) + ": function 'f': ", 0),
              0u)
        << p.ToString();
  }
}

TEST(GraphCheckFunction, DtypesInsideBodiesAndCallsAreChecked) {
  GraphDef g = FunctionGraph();
  auto* fn = g.mutable_library()->mutable_function(0);
  // Split's split_dim must be int32; feed it the float argument.
  fn->mutable_node_def(0)->set_input(0, "a");
  // The graph adds float to f's first output... make it the int32 one.
  FindNode(&g, "sum")->set_input(1, "direct:1");
  GraphCheckReport r = CheckGraph(g);
  EXPECT_EQ(Count(r, Kind::kDtypeMismatch, "split"), 1) << Dump(r);
  EXPECT_EQ(Count(r, Kind::kDtypeMismatch, "sum"), 1) << Dump(r);
  EXPECT_EQ(r.problems.size(), 2u) << Dump(r);
}

TEST(GraphCheckFunction, VariableOpsInBodiesAreReportedWhenForbidden) {
  GraphDef g = FunctionGraph();
  auto* fn = g.mutable_library()->mutable_function(0);
  auto* arg = fn->mutable_signature()->add_input_arg();
  arg->set_name("v");
  arg->set_type(tensorflow::DT_RESOURCE);
  NodeDef* read = fn->add_node_def();
  read->set_name("read");
  read->set_op("ReadVariableOp");
  read->add_input("v");
  (*read->mutable_attr())["dtype"].set_type(tensorflow::DT_FLOAT);
  // The graph-level calls now pass too few inputs: PartitionedCall's Tin still
  // says one input (fine for its signature), the direct call lacks "v".
  GraphCheckOptions opts;
  opts.forbid_variables = true;
  GraphCheckReport r = CheckGraph(g, opts);
  EXPECT_EQ(Count(r, Kind::kVariableOp, "read"), 1) << Dump(r);
  EXPECT_EQ(Count(r, Kind::kInputCount, "direct"), 1) << Dump(r);
  EXPECT_EQ(r.problems.size(), 2u) << Dump(r);
}

TEST(GraphCheck, VariableOpList) {
  const OpRegistry& ops = OpRegistry::Global();
  int variable_ops = 0;
  for (const std::string& op : ops.OpNames()) variable_ops += IsVariableOp(op);
  // Each named op exists in TF 2.15 (no typos in the list).
  for (const char* op : {"Variable", "VariableV2", "VarHandleOp", "_VarHandlesOp", "ReadVariableOp",
                         "_ReadVariablesOp", "AssignVariableOp", "VarIsInitializedOp",
                         "ResourceGather", "ResourceGatherNd", "VariableShape", "Assign",
                         "ScatterNdUpdate", "ResourceScatterNdMax", "ApplyAdam",
                         "ResourceSparseApplyFtrl", "TemporaryVariable", "CountUpTo"}) {
    EXPECT_NE(ops.Find(op), nullptr) << op;
    EXPECT_TRUE(IsVariableOp(op)) << op;
  }
  for (const char* op : {"Const", "Identity", "HashTableV2", "LookupTableFindV2", "ScatterNd",
                         "TensorScatterUpdate", "FIFOQueueV2", "RefSwitch", "TensorArrayV3"}) {
    EXPECT_FALSE(IsVariableOp(op)) << op;
  }
  EXPECT_GT(variable_ops, 80);
}

}  // namespace
}  // namespace tfgraph
