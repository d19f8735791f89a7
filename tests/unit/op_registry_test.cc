// Tests for core/op_registry.h, core/op_signature.h and core/dtype.h: the
// embedded TF 2.15 registry, default attrs, output-argument <-> flat index
// mapping and dtype inference, on real ops and on the function bodies of the
// TF2 SavedModels in the shared corpus.
#include "core/op_registry.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/dtype.h"
#include "core/ops/embedded_ops.h"
#include "core/tensor_ref.h"
#include "tensorflow/saved_model.pb.h"

namespace tfgraph {
namespace {

using tensorflow::DataType;
using tensorflow::NodeDef;

const OpRegistry& Ops() { return OpRegistry::Global(); }

NodeDef MakeNode(const std::string& name, const std::string& op) {
  NodeDef n;
  n.set_name(name);
  n.set_op(op);
  return n;
}
void SetType(NodeDef* n, const std::string& attr, DataType t) {
  (*n->mutable_attr())[attr].set_type(t);
}
void SetInt(NodeDef* n, const std::string& attr, int64_t v) { (*n->mutable_attr())[attr].set_i(v); }
void SetTypes(NodeDef* n, const std::string& attr, std::vector<DataType> ts) {
  auto* list = (*n->mutable_attr())[attr].mutable_list();
  for (DataType t : ts) list->add_type(t);
}

TEST(DType, NamesAndRefRules) {
  EXPECT_EQ(DataTypeName(tensorflow::DT_FLOAT), "float32");
  EXPECT_EQ(DataTypeName(tensorflow::DT_HALF), "float16");
  EXPECT_EQ(DataTypeName(tensorflow::DT_RESOURCE), "resource");
  EXPECT_EQ(DataTypeName(tensorflow::DT_FLOAT_REF), "float32_ref");
  EXPECT_EQ(DataTypeName(tensorflow::DT_INT64_REF), "int64_ref");
  EXPECT_EQ(DataTypeName(static_cast<DataType>(77)), "dtype(77)");
  EXPECT_EQ(MakeRefType(tensorflow::DT_INT32), tensorflow::DT_INT32_REF);
  EXPECT_EQ(BaseType(tensorflow::DT_INT32_REF), tensorflow::DT_INT32);
  EXPECT_TRUE(TypesCompatible(tensorflow::DT_FLOAT, tensorflow::DT_FLOAT));
  EXPECT_TRUE(TypesCompatible(tensorflow::DT_FLOAT_REF, tensorflow::DT_FLOAT));   // a read
  EXPECT_FALSE(TypesCompatible(tensorflow::DT_FLOAT, tensorflow::DT_FLOAT_REF));  // never
  EXPECT_FALSE(TypesCompatible(tensorflow::DT_INT32_REF, tensorflow::DT_FLOAT));
}

TEST(OpRegistry, GlobalHoldsPublicAndInternalOps) {
  ASSERT_TRUE(Ops().load_status().ok()) << Ops().load_status().ToString();
  EXPECT_GT(Ops().size(), 1500u);
  for (const char* op : {"MatMul", "Conv2D", "Const", "Placeholder", "_Arg", "_Retval", "RefSwitch",
                         "RefEnter", "RefMerge", "RefIdentity", "VariableV2", "Variable",
                         "VarHandleOp", "ReadVariableOp", "StatefulPartitionedCall",
                         "PartitionedCall", "NoOp", "Switch", "Merge", "Enter"}) {
    EXPECT_NE(Ops().Find(op), nullptr) << op;
  }
  const tensorflow::OpDef* matmul = Ops().Find("MatMul");
  ASSERT_NE(matmul, nullptr);
  ASSERT_EQ(matmul->input_arg_size(), 2);
  EXPECT_EQ(matmul->input_arg(0).name(), "a");
  EXPECT_EQ(matmul->output_arg(0).name(), "product");
  // Prose was stripped at generation time.
  EXPECT_TRUE(matmul->summary().empty());
  EXPECT_TRUE(matmul->description().empty());

  auto missing = Ops().Lookup("NoSuchOpAnywhere");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  EXPECT_NE(missing.status().message().find("NoSuchOpAnywhere"), std::string::npos);

  std::vector<std::string> names = Ops().OpNames();
  EXPECT_EQ(names.size(), Ops().size());
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
}

TEST(OpRegistry, RejectsGarbageBytes) {
  EXPECT_FALSE(OpRegistry::FromSerialized("\xff\xff\xff").ok());
  tensorflow::OpList list;
  list.add_op()->set_name("A");
  list.add_op()->set_name("A");
  auto dup = OpRegistry::FromSerialized(list.SerializeAsString());
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().code(), Status::Code::kCorruption);
}

TEST(OpSignature, ValidateOpDefCatchesInconsistentArgs) {
  tensorflow::OpDef op;
  op.set_name("Bad");
  auto* in = op.add_input_arg();
  in->set_name("x");
  in->set_type_attr("T");  // no such attr
  EXPECT_FALSE(ValidateOpDef(op).ok());
  auto* attr = op.add_attr();
  attr->set_name("T");
  attr->set_type("int");  // wrong kind
  EXPECT_FALSE(ValidateOpDef(op).ok());
  attr->set_type("type");
  EXPECT_TRUE(ValidateOpDef(op).ok());
  in->set_type(tensorflow::DT_FLOAT);  // now typed twice
  EXPECT_FALSE(ValidateOpDef(op).ok());
}

TEST(OpRegistry, LayerAddsOnlyUnknownOps) {
  OpRegistry layer(&Ops());
  tensorflow::OpList extra;
  tensorflow::OpDef* fake_matmul = extra.add_op();  // a stale model copy of a known op
  fake_matmul->set_name("MatMul");
  fake_matmul->add_output_arg()->set_name("bogus");
  fake_matmul->mutable_output_arg(0)->set_type(tensorflow::DT_INT8);
  tensorflow::OpDef* custom = extra.add_op();
  custom->set_name("MyCustomOp");
  auto* out = custom->add_output_arg();
  out->set_name("y");
  out->set_type(tensorflow::DT_STRING);
  tensorflow::OpDef* broken = extra.add_op();
  broken->set_name("Broken");
  broken->add_input_arg()->set_name("x");  // untyped

  OpRegistry::MergeReport r = layer.AddUnknownOps(extra);
  EXPECT_EQ(r.added, 1);
  EXPECT_EQ(r.known, 1);
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_NE(r.rejected[0].find("Broken"), std::string::npos);

  EXPECT_EQ(layer.Find("MatMul"), Ops().Find("MatMul"));  // TF's definition wins
  ASSERT_NE(layer.Find("MyCustomOp"), nullptr);
  EXPECT_EQ(layer.Find("Broken"), nullptr);
  EXPECT_EQ(Ops().Find("MyCustomOp"), nullptr);  // the base is untouched
  EXPECT_EQ(layer.size(), Ops().size() + 1);
  EXPECT_EQ(layer.AddOp(*custom).code(), Status::Code::kAlreadyExists);

  NodeDef n = MakeNode("c", "MyCustomOp");
  auto types = layer.OutputTypes(n);
  ASSERT_TRUE(types.ok());
  EXPECT_EQ(*types, std::vector<DataType>{tensorflow::DT_STRING});
}

TEST(OpRegistry, AddDefaultAttrs) {
  NodeDef n = MakeNode("mm", "MatMul");
  SetType(&n, "T", tensorflow::DT_FLOAT);
  auto added = Ops().AddDefaultAttrs(&n);
  ASSERT_TRUE(added.ok());
  EXPECT_GE(*added, 2);
  ASSERT_TRUE(n.attr().count("transpose_a"));
  EXPECT_FALSE(n.attr().at("transpose_a").b());
  EXPECT_EQ(n.attr().at("T").type(), tensorflow::DT_FLOAT);  // existing attrs kept
  EXPECT_EQ(*Ops().AddDefaultAttrs(&n), 0);                 // idempotent

  NodeDef conv = MakeNode("conv", "Conv2D");
  SetType(&conv, "T", tensorflow::DT_FLOAT);
  (*conv.mutable_attr())["data_format"].set_s("NCHW");
  ASSERT_TRUE(Ops().AddDefaultAttrs(&conv).ok());
  EXPECT_EQ(conv.attr().at("data_format").s(), "NCHW");  // not overwritten
  ASSERT_TRUE(conv.attr().count("dilations"));
  EXPECT_EQ(conv.attr().at("dilations").list().i_size(), 4);
  EXPECT_FALSE(conv.attr().count("strides"));  // required, no default

  NodeDef unknown = MakeNode("u", "NoSuchOp");
  EXPECT_EQ(Ops().AddDefaultAttrs(&unknown).status().code(), Status::Code::kNotFound);
}

TEST(OpRegistry, AddDefaultAttrsToGraphCoversFunctionBodies) {
  tensorflow::GraphDef g;
  *g.add_node() = MakeNode("mm", "MatMul");
  *g.add_node() = MakeNode("call", "my_fn");  // a library function used as an op
  *g.add_node() = MakeNode("custom", "NoSuchOp");
  auto* fn = g.mutable_library()->add_function();
  fn->mutable_signature()->set_name("my_fn");
  *fn->add_node_def() = MakeNode("inner", "Unique");
  int added = Ops().AddDefaultAttrsToGraph(&g);
  EXPECT_TRUE(g.node(0).attr().count("transpose_b"));
  EXPECT_TRUE(g.node(1).attr().empty());
  EXPECT_TRUE(g.node(2).attr().empty());
  ASSERT_TRUE(fn->node_def(0).attr().count("out_idx"));
  EXPECT_EQ(fn->node_def(0).attr().at("out_idx").type(), tensorflow::DT_INT32);
  EXPECT_EQ(added, static_cast<int>(g.node(0).attr_size() + fn->node_def(0).attr_size()));
}

TEST(OpSignature, SplitUsesNumSplit) {
  NodeDef n = MakeNode("split", "Split");
  SetType(&n, "T", tensorflow::DT_FLOAT);
  EXPECT_EQ(Ops().NumOutputs(n).status().code(), Status::Code::kInvalidArgument);  // no default
  SetInt(&n, "num_split", 3);
  EXPECT_EQ(*Ops().NumOutputs(n), 3);
  EXPECT_EQ(*Ops().OutputIndex(n, "output", 2), 2);
  EXPECT_EQ(Ops().OutputIndex(n, "output", 3).status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(Ops().OutputIndex(n, "y", 0).status().code(), Status::Code::kNotFound);
  auto in = Ops().InputTypes(n);
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(*in, (std::vector<DataType>{tensorflow::DT_INT32, tensorflow::DT_FLOAT}));
  EXPECT_EQ(*Ops().OutputTypes(n), std::vector<DataType>(3, tensorflow::DT_FLOAT));
}

TEST(OpSignature, UnpackAndPackUseNumberAttrs) {
  NodeDef unpack = MakeNode("u", "Unpack");
  SetType(&unpack, "T", tensorflow::DT_INT64);
  SetInt(&unpack, "num", 4);
  EXPECT_EQ(*Ops().NumOutputs(unpack), 4);
  auto back = Ops().OutputArgAt(unpack, 3);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->arg, "output");
  EXPECT_EQ(back->index, 3);
  EXPECT_FALSE(Ops().OutputArgAt(unpack, 4).ok());

  NodeDef pack = MakeNode("p", "Pack");
  SetType(&pack, "T", tensorflow::DT_HALF);
  SetInt(&pack, "N", 5);
  EXPECT_EQ(*Ops().InputTypes(pack), std::vector<DataType>(5, tensorflow::DT_HALF));
  SetInt(&pack, "N", -1);
  EXPECT_FALSE(Ops().InputTypes(pack).ok());
}

TEST(OpSignature, IdentityNUsesTypeList) {
  NodeDef n = MakeNode("idn", "IdentityN");
  SetTypes(&n, "T", {tensorflow::DT_FLOAT, tensorflow::DT_INT32, tensorflow::DT_STRING});
  auto out = Ops().OutputTypes(n);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, (std::vector<DataType>{tensorflow::DT_FLOAT, tensorflow::DT_INT32,
                                         tensorflow::DT_STRING}));
  EXPECT_EQ(*Ops().InputTypes(n), *out);
  EXPECT_EQ(*Ops().OutputIndex(n, "output", 2), 2);
  (*n.mutable_attr())["T"].mutable_list()->clear_type();
  EXPECT_EQ(*Ops().NumOutputs(n), 0);
  n.mutable_attr()->erase("T");
  EXPECT_EQ(Ops().NumOutputs(n).status().code(), Status::Code::kInvalidArgument);
}

TEST(OpSignature, SeveralListOutputsMapToFlatIndices) {
  // SparseSplit: output_indices, output_values, output_shape, each num_split long.
  NodeDef n = MakeNode("ss", "SparseSplit");
  SetType(&n, "T", tensorflow::DT_FLOAT);
  SetInt(&n, "num_split", 3);
  EXPECT_EQ(*Ops().NumOutputs(n), 9);
  EXPECT_EQ(*Ops().OutputIndex(n, "output_indices", 0), 0);
  EXPECT_EQ(*Ops().OutputIndex(n, "output_values", 1), 4);
  EXPECT_EQ(*Ops().OutputIndex(n, "output_shape", 2), 8);
  auto back = Ops().OutputArgAt(n, 7);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->arg, "output_shape");
  EXPECT_EQ(back->index, 1);
  auto types = *Ops().OutputTypes(n);
  EXPECT_EQ(types[0], tensorflow::DT_INT64);
  EXPECT_EQ(types[4], tensorflow::DT_FLOAT);

  // Unique: y then idx, whose type comes from the out_idx default when absent.
  NodeDef u = MakeNode("u", "Unique");
  SetType(&u, "T", tensorflow::DT_STRING);
  EXPECT_EQ(*Ops().OutputIndex(u, "idx", 0), 1);
  EXPECT_EQ(*Ops().OutputTypes(u),
            (std::vector<DataType>{tensorflow::DT_STRING, tensorflow::DT_INT32}));

  // SparseSegmentSum: segment ids and indices typed by Tidx / Tsegmentids.
  NodeDef seg = MakeNode("seg", "SparseSegmentSum");
  SetType(&seg, "T", tensorflow::DT_FLOAT);
  SetType(&seg, "Tidx", tensorflow::DT_INT64);
  auto seg_in = Ops().InputTypes(seg);
  ASSERT_TRUE(seg_in.ok()) << seg_in.status().ToString();
  EXPECT_EQ(seg_in->size(), 3u);
  EXPECT_EQ((*seg_in)[0], tensorflow::DT_FLOAT);
  EXPECT_EQ((*seg_in)[1], tensorflow::DT_INT64);
  EXPECT_EQ(*Ops().OutputIndex(seg, "output", 0), 0);
}

TEST(OpSignature, RefAndResourceTypes) {
  NodeDef var = MakeNode("v", "VariableV2");
  SetType(&var, "dtype", tensorflow::DT_FLOAT);
  EXPECT_EQ(*Ops().OutputTypes(var), std::vector<DataType>{tensorflow::DT_FLOAT_REF});

  NodeDef assign = MakeNode("a", "Assign");
  SetType(&assign, "T", tensorflow::DT_FLOAT);
  EXPECT_EQ(*Ops().InputTypes(assign),
            (std::vector<DataType>{tensorflow::DT_FLOAT_REF, tensorflow::DT_FLOAT}));
  EXPECT_EQ(*Ops().OutputTypes(assign), std::vector<DataType>{tensorflow::DT_FLOAT_REF});

  NodeDef rs = MakeNode("rs", "RefSwitch");
  SetType(&rs, "T", tensorflow::DT_INT32);
  EXPECT_EQ(*Ops().InputTypes(rs),
            (std::vector<DataType>{tensorflow::DT_INT32_REF, tensorflow::DT_BOOL}));
  EXPECT_EQ(*Ops().OutputTypes(rs), std::vector<DataType>(2, tensorflow::DT_INT32_REF));

  NodeDef read = MakeNode("r", "ReadVariableOp");
  SetType(&read, "dtype", tensorflow::DT_FLOAT);
  EXPECT_EQ(*Ops().InputTypes(read), std::vector<DataType>{tensorflow::DT_RESOURCE});
  EXPECT_EQ(*Ops().OutputTypes(read), std::vector<DataType>{tensorflow::DT_FLOAT});

  NodeDef bad = MakeNode("b", "ReadVariableOp");
  (*bad.mutable_attr())["dtype"].set_i(1);  // an int where a type belongs
  auto st = Ops().OutputTypes(bad).status();
  EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(st.message().find("dtype"), std::string::npos);
}

// --- Function bodies of the corpus's SavedModels ------------------------------

std::string CorpusDir() {
  const char* dir = std::getenv("TFGRAPH_CORPUS");
  if (dir == nullptr || !std::filesystem::is_directory(dir)) return "";
  return dir;
}

bool ReadFile(const std::filesystem::path& p, std::string* out) {
  std::ifstream f(p, std::ios::binary);
  if (!f) return false;
  std::ostringstream ss;
  ss << f.rdbuf();
  *out = ss.str();
  return true;
}

// The bytes compiled in are exactly the committed file, which
// tests/conformance/test_op_registry.py compares with real TensorFlow.
TEST(OpRegistry, EmbeddedBytesMatchSourceFile) {
  const char* src = std::getenv("TFGRAPH_SOURCE_DIR");
  if (src == nullptr) GTEST_SKIP() << "TFGRAPH_SOURCE_DIR is not set";
  std::string file;
  ASSERT_TRUE(ReadFile(std::filesystem::path(src) / "core/ops/ops_tf2_15.pb", &file));
  std::string embedded(reinterpret_cast<const char*>(embedded::kOpsTf2_15),
                       embedded::kOpsTf2_15Size);
  EXPECT_EQ(embedded.size(), file.size());
  EXPECT_TRUE(embedded == file);
  tensorflow::OpList list;
  ASSERT_TRUE(list.ParseFromString(file));
  EXPECT_EQ(static_cast<size_t>(list.op_size()), Ops().size());
}

TEST(OpRegistryCorpus, FunctionBodyOutputsMapToValidIndices) {
  std::string corpus = CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "TFGRAPH_CORPUS is not set or not a directory";
  int models = 0, functions = 0, mapped = 0, unknown = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(corpus)) {
    if (e.path().filename() != "saved_model.pb") continue;
    std::string bytes;
    tensorflow::SavedModel sm;
    if (!ReadFile(e.path(), &bytes) || !sm.ParseFromString(bytes)) continue;  // malformed items
    for (const auto& mg : sm.meta_graphs()) {
      const auto& lib = mg.graph_def().library();
      if (lib.function_size() == 0) continue;
      ++models;
      OpRegistry ops(&Ops());
      ops.AddUnknownOps(mg.meta_info_def().stripped_op_list());
      ops.AddFunctionSignatures(lib);
      for (const auto& fn : lib.function()) {
        ++functions;
        std::unordered_map<std::string, const NodeDef*> body;
        for (const auto& n : fn.node_def()) body[n.name()] = &n;
        auto check = [&](const std::string& text, const std::string& where) {
          auto ref = ParseFunctionInput(text);
          ASSERT_TRUE(ref.ok()) << where << ": " << text;
          if (ref->control || ref->out_arg.empty()) return;  // "^node" or an argument
          auto it = body.find(ref->node);
          ASSERT_NE(it, body.end()) << where << ": " << text;
          const NodeDef& producer = *it->second;
          if (ops.Find(producer.op()) == nullptr) {
            ++unknown;  // e.g. TF Text ops
            return;
          }
          auto idx = ops.OutputIndex(producer, ref->out_arg, ref->index);
          ASSERT_TRUE(idx.ok()) << where << ": " << text << ": " << idx.status().ToString();
          auto n = ops.NumOutputs(producer);
          ASSERT_TRUE(n.ok());
          ASSERT_GE(*idx, 0);
          ASSERT_LT(*idx, *n) << where << ": " << text;
          auto back = ops.OutputArgAt(producer, *idx);
          ASSERT_TRUE(back.ok());
          EXPECT_EQ(back->arg, ref->out_arg) << text;
          EXPECT_EQ(back->index, ref->index) << text;
          ++mapped;
        };
        for (const auto& n : fn.node_def()) {
          std::string where = e.path().string() + " " + fn.signature().name();
          for (const auto& in : n.input()) check(in, where);
        }
        for (const auto& kv : fn.ret()) check(kv.second, e.path().string() + " ret");
      }
    }
  }
  ASSERT_GT(models, 3) << "expected several TF2 SavedModels with function libraries in the corpus";
  EXPECT_GT(mapped, 1000);
  std::cout << models << " meta graphs, " << functions << " functions, " << mapped
            << " body references mapped, " << unknown << " from unknown ops\n";
}

}  // namespace
}  // namespace tfgraph
