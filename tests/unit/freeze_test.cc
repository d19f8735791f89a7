// The freeze pipeline on synthetic TF1 graphs with in-memory checkpoint
// values: key mapping through the saver, partitions, EMA, cuts, consts,
// control edges into writes, colocation, the size limit, and the writer.
#include "core/freeze.h"

#include <google/protobuf/text_format.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>

#include "core/atomic_file.h"
#include "core/mapped_file.h"

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

Tensor Floats(Dims dims, std::vector<float> v) { return Tensor::Of(tensorflow::DT_FLOAT, dims, v); }

// x -> MatMul(w/read) -> BiasAdd(b/read) -> probs, with a TF1 saver that
// stores `w` under the key "renamed_w", Assign ops, an init NoOp and a
// gradient-descent update; also a ^w/Assign control edge on "probs".
constexpr char kGraph[] = R"pb(
  node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "shape" value { shape { dim { size: -1 } dim { size: 2 } } } } }
  node { name: "w" op: "VariableV2" attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "shape" value { shape { dim { size: 2 } dim { size: 3 } } } } }
  node { name: "w/read" op: "Identity" input: "w" attr { key: "T" value { type: DT_FLOAT } }
         attr { key: "_class" value { list { s: "loc:@w" } } } }
  node { name: "b" op: "VariableV2" attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "shape" value { shape { dim { size: 3 } } } } }
  node { name: "b/read" op: "Identity" input: "b" attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "mm" op: "MatMul" input: "x" input: "w/read" attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "logits" op: "BiasAdd" input: "mm" input: "b/read"
         attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "w/init" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { dim { size: 2 } dim { size: 3 } } float_val: 0 } } } }
  node { name: "w/Assign" op: "Assign" input: "w" input: "w/init"
         attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "probs" op: "Softmax" input: "logits" input: "^w/Assign"
         attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "init" op: "NoOp" input: "^w/Assign" }
  node { name: "lr" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { } float_val: 0.1 } } } }
  node { name: "GradientDescent/update_w" op: "ApplyGradientDescent" input: "w" input: "lr" input: "w/init"
         attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "save/Const" op: "PlaceholderWithDefault" input: "save/filename"
         attr { key: "dtype" value { type: DT_STRING } } attr { key: "shape" value { shape { } } } }
  node { name: "save/filename" op: "Const" attr { key: "dtype" value { type: DT_STRING } }
         attr { key: "value" value { tensor { dtype: DT_STRING tensor_shape { } string_val: "model" } } } }
  node { name: "save/RestoreV2/tensor_names" op: "Const" attr { key: "dtype" value { type: DT_STRING } }
         attr { key: "value" value { tensor { dtype: DT_STRING tensor_shape { dim { size: 2 } }
                                              string_val: "b" string_val: "renamed_w" } } } }
  node { name: "save/RestoreV2/shape_and_slices" op: "Const" attr { key: "dtype" value { type: DT_STRING } }
         attr { key: "value" value { tensor { dtype: DT_STRING tensor_shape { dim { size: 2 } }
                                              string_val: "" string_val: "" } } } }
  node { name: "save/RestoreV2" op: "RestoreV2" input: "save/Const"
         input: "save/RestoreV2/tensor_names" input: "save/RestoreV2/shape_and_slices"
         attr { key: "dtypes" value { list { type: DT_FLOAT type: DT_FLOAT } } } }
  node { name: "save/Assign" op: "Assign" input: "b" input: "save/RestoreV2"
         attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "save/Identity_1" op: "Identity" input: "save/RestoreV2:1"
         attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "save/Assign_1" op: "Assign" input: "w" input: "save/Identity_1"
         attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "save/restore_all" op: "NoOp" input: "^save/Assign" input: "^save/Assign_1" }
)pb";

struct Fixture {
  tensorflow::GraphDef graph = Parse(kGraph);
  tensorflow::MetaGraphDef meta;
  MemoryStore store{"mem.ckpt"};
  Fixture() {
    meta.mutable_saver_def()->set_restore_op_name("save/restore_all");
    meta.mutable_saver_def()->set_filename_tensor_name("save/Const:0");
    store.Add("renamed_w", Floats({2, 3}, {1, 2, 3, 4, 5, 6}));
    store.Add("b", Floats({3}, {0.5f, -1, 7}));
    store.Add("renamed_w/ExponentialMovingAverage", Floats({2, 3}, {6, 5, 4, 3, 2, 1}));
  }
  FreezeSource Source() {
    FreezeSource s;
    s.graph = &graph;
    s.meta = &meta;
    s.values = &store;
    return s;
  }
};

TEST(Freeze, SaverKeysPruningAndConstants) {
  Fixture f;
  FreezeOptions opt;
  opt.outputs = {"probs"};
  auto r = Freeze(f.Source(), opt);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // Training, saver and initializer nodes are gone; the Assign control edge
  // on "probs" was dropped rather than followed.
  for (const char* gone : {"w/Assign", "init", "GradientDescent/update_w", "save/RestoreV2",
                           "save/restore_all", "w/init"})
    EXPECT_EQ(Find(r->graph, gone), nullptr) << gone;
  ASSERT_NE(Find(r->graph, "probs"), nullptr);
  EXPECT_EQ(Find(r->graph, "probs")->input_size(), 1);
  EXPECT_EQ(r->nodes_out, 8);
  EXPECT_EQ(r->nodes_from_source, 8);
  ASSERT_EQ(r->variables.size(), 2u);
  const auto& w = r->variables[0].node == "w" ? r->variables[0] : r->variables[1];
  EXPECT_EQ(w.key, "renamed_w");
  EXPECT_EQ(w.source, VariableKey::Source::kSaver);
  EXPECT_EQ(w.bytes, 24u);
  EXPECT_EQ(r->variable_bytes, 36u);
  EXPECT_EQ(Find(r->graph, "w")->op(), "Const");
  // The value is the store's tensor, not a copy with other bytes.
  EXPECT_EQ(r->values.at("w").bytes(), f.store.Read("renamed_w")->bytes());
  ASSERT_EQ(r->feeds.size(), 1u);
  EXPECT_EQ(r->feeds[0].name, "x:0");
  EXPECT_EQ(r->feeds[0].dtype, tensorflow::DT_FLOAT);
  EXPECT_EQ(r->feeds[0].shape, OptShape(std::vector<int64_t>{-1, 2}));
  ASSERT_EQ(r->fetches.size(), 1u);
  EXPECT_EQ(r->fetches[0].name, "probs:0");
  EXPECT_EQ(r->fetches[0].dtype, tensorflow::DT_FLOAT);
}

TEST(Freeze, EmaPrefersShadowValues) {
  Fixture f;
  FreezeOptions opt;
  opt.outputs = {"logits:0"};
  opt.ema = true;
  auto r = Freeze(f.Source(), opt);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  for (const auto& v : r->variables) {
    if (v.node == "w") {
      EXPECT_TRUE(v.ema);
      EXPECT_EQ(v.key, "renamed_w/ExponentialMovingAverage");
    } else {
      EXPECT_FALSE(v.ema);  // no shadow for b: its raw value
    }
  }
  EXPECT_EQ(r->values.at("w").Get<float>(0), 6.0f);
}

TEST(Freeze, UnknownNamesFailFirstWithSuggestions) {
  Fixture f;
  FreezeOptions opt;
  opt.outputs = {"prob"};
  auto r = Freeze(f.Source(), opt);
  ASSERT_EQ(r.status().code(), Status::Code::kNotFound);
  EXPECT_NE(r.status().message().find("--outputs"), std::string::npos);
  EXPECT_NE(r.status().message().find("'probs'"), std::string::npos) << r.status().message();
  opt.outputs = {"probs"};
  InputSpec mmm;
  mmm.name = "mmm";
  opt.inputs = {mmm};
  r = Freeze(f.Source(), opt);
  ASSERT_EQ(r.status().code(), Status::Code::kNotFound);
  EXPECT_NE(r.status().message().find("--inputs"), std::string::npos);
}

TEST(Freeze, NoCheckpointIsAUsageError) {
  Fixture f;
  FreezeSource s = f.Source();
  s.values = nullptr;
  FreezeOptions opt;
  opt.outputs = {"probs"};
  auto r = Freeze(s, opt);
  ASSERT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("--checkpoint"), std::string::npos);
}

TEST(Freeze, MissingKeyNamesTheCheckpoint) {
  Fixture f;
  MemoryStore only_b("other.ckpt");
  only_b.Add("b", Floats({3}, {1, 2, 3}));
  FreezeSource s = f.Source();
  s.values = &only_b;
  FreezeOptions opt;
  opt.outputs = {"probs"};
  auto r = Freeze(s, opt);
  ASSERT_EQ(r.status().code(), Status::Code::kNotFound);
  EXPECT_NE(r.status().message().find("no tensor 'renamed_w' in checkpoint other.ckpt"),
            std::string::npos)
      << r.status().message();
}

TEST(Freeze, ShapeMismatchIsCorruption) {
  Fixture f;
  MemoryStore bad("bad.ckpt");
  bad.Add("renamed_w", Floats({3, 2}, {1, 2, 3, 4, 5, 6}));
  bad.Add("b", Floats({3}, {1, 2, 3}));
  FreezeSource s = f.Source();
  s.values = &bad;
  FreezeOptions opt;
  opt.outputs = {"probs"};
  auto r = Freeze(s, opt);
  EXPECT_EQ(r.status().code(), Status::Code::kCorruption) << r.status().ToString();
}

TEST(Freeze, SizeLimitRefusesBeforeReadingAndSuggestsExport) {
  Fixture f;
  FreezeOptions opt;
  opt.outputs = {"probs"};
  opt.size_limit = 100;
  auto r = Freeze(f.Source(), opt);
  ASSERT_EQ(r.status().code(), Status::Code::kResourceExhausted);
  EXPECT_NE(r.status().message().find("tfgraph export"), std::string::npos);
}

TEST(Freeze, CutInputBecomesPlaceholderAndDropsUpstream) {
  Fixture f;
  FreezeOptions opt;
  opt.outputs = {"probs"};
  auto spec = ParseInputSpec("mm:float32:[?,3]");
  ASSERT_TRUE(spec.ok());
  opt.inputs = {*spec};
  auto r = Freeze(f.Source(), opt);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto* mm = Find(r->graph, "mm");
  ASSERT_NE(mm, nullptr);
  EXPECT_EQ(mm->op(), "Placeholder");
  EXPECT_EQ(Find(r->graph, "x"), nullptr);
  EXPECT_EQ(Find(r->graph, "w"), nullptr);
  ASSERT_EQ(r->variables.size(), 1u);  // only b
  ASSERT_EQ(r->feeds.size(), 1u);
  EXPECT_EQ(r->feeds[0].kind, "cut");
  EXPECT_EQ(r->feeds[0].shape, OptShape(std::vector<int64_t>{-1, 3}));
}

TEST(Freeze, ConstBakesAPlaceholder) {
  auto g = Parse(R"pb(
    node { name: "keep_prob" op: "PlaceholderWithDefault" input: "one"
           attr { key: "dtype" value { type: DT_FLOAT } } attr { key: "shape" value { shape { } } } }
    node { name: "one" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
           attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { } float_val: 1 } } } }
    node { name: "y" op: "Neg" input: "keep_prob" attr { key: "T" value { type: DT_FLOAT } } }
  )pb");
  FreezeSource s;
  s.graph = &g;
  FreezeOptions opt;
  opt.outputs = {"y"};
  opt.consts = {{"keep_prob", "0.5"}};
  auto r = Freeze(s, opt);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto* kp = Find(r->graph, "keep_prob");
  ASSERT_NE(kp, nullptr);
  EXPECT_EQ(kp->op(), "Const");
  EXPECT_EQ(kp->attr().at("value").tensor().float_val(0), 0.5f);
  EXPECT_EQ(Find(r->graph, "one"), nullptr);
  EXPECT_TRUE(r->feeds.empty());
  opt.consts = {{"y", "1"}};
  EXPECT_EQ(Freeze(s, opt).status().code(), Status::Code::kInvalidArgument);
}

TEST(Freeze, ReadAfterWriteIsRefused) {
  auto g = Parse(R"pb(
    node { name: "v" op: "VarHandleOp" attr { key: "dtype" value { type: DT_FLOAT } }
           attr { key: "shape" value { shape { } } } }
    node { name: "one" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
           attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { } float_val: 1 } } } }
    node { name: "add" op: "AssignAddVariableOp" input: "v" input: "one"
           attr { key: "dtype" value { type: DT_FLOAT } } }
    node { name: "read" op: "ReadVariableOp" input: "v" input: "^add"
           attr { key: "dtype" value { type: DT_FLOAT } } }
  )pb");
  MemoryStore store;
  store.Add("v", Floats({}, {3}));
  FreezeSource s;
  s.graph = &g;
  s.values = &store;
  FreezeOptions opt;
  opt.outputs = {"read"};
  auto r = Freeze(s, opt);
  ASSERT_EQ(r.status().code(), Status::Code::kUnsupported);
  EXPECT_NE(r.status().message().find("variable 'v' is read by ReadVariableOp 'read' after "
                                      "AssignAddVariableOp 'add' writes it"),
            std::string::npos)
      << r.status().message();
}

// An output that reads variables only through initialization checks: the
// checks become Const true, the variables are pruned, and the report must not
// list them as frozen (it named nodes the written graph did not have).
TEST(Freeze, VariablesReadOnlyByInitChecksAreNotReported) {
  auto g = Parse(R"pb(
    node { name: "v" op: "VarHandleOp" attr { key: "dtype" value { type: DT_FLOAT } }
           attr { key: "shape" value { shape { dim { size: 2 } } } } }
    node { name: "u" op: "VariableV2" attr { key: "dtype" value { type: DT_FLOAT } }
           attr { key: "shape" value { shape { dim { size: 3 } } } } }
    node { name: "v_ok" op: "VarIsInitializedOp" input: "v" }
    node { name: "u_ok" op: "IsVariableInitialized" input: "u"
           attr { key: "dtype" value { type: DT_FLOAT } } }
    node { name: "both" op: "LogicalAnd" input: "v_ok" input: "u_ok" }
    node { name: "read" op: "ReadVariableOp" input: "v"
           attr { key: "dtype" value { type: DT_FLOAT } } }
  )pb");
  MemoryStore store;
  store.Add("v", Floats({2}, {1, 2}));
  store.Add("u", Floats({3}, {3, 4, 5}));
  FreezeSource s;
  s.graph = &g;
  s.values = &store;
  FreezeOptions opt;
  opt.outputs = {"both"};
  auto r = Freeze(s, opt);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Find(r->graph, "v"), nullptr);
  EXPECT_EQ(Find(r->graph, "u"), nullptr);
  for (const char* check : {"v_ok", "u_ok"}) {
    const auto* n = Find(r->graph, check);
    ASSERT_NE(n, nullptr) << check;
    EXPECT_EQ(n->op(), "Const") << check;
    EXPECT_TRUE(n->attr().at("value").tensor().bool_val(0)) << check;
  }
  EXPECT_TRUE(r->variables.empty());
  EXPECT_EQ(r->variable_bytes, 0u);
  EXPECT_TRUE(r->values.empty());
  EXPECT_EQ(r->notes.size(), 2u);
  // A variable that is also read stays frozen and reported, alone.
  opt.outputs = {"both", "read"};
  r = Freeze(s, opt);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->variables.size(), 1u);
  EXPECT_EQ(r->variables[0].node, "v");
  EXPECT_EQ(r->variable_bytes, 8u);
  EXPECT_EQ(r->values.count("v"), 1u);
  EXPECT_EQ(Find(r->graph, "u"), nullptr);
}

TEST(Freeze, ColocationPullsTheNamedNodeIn) {
  auto g = Parse(R"pb(
    node { name: "anchor" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
           attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { } float_val: 1 } } } }
    node { name: "y" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
           attr { key: "_class" value { list { s: "loc:@anchor" s: "loc:@gone" } } }
           attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { } float_val: 2 } } } }
  )pb");
  FreezeSource s;
  s.graph = &g;
  FreezeOptions opt;
  opt.outputs = {"y"};
  auto r = Freeze(s, opt);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_NE(Find(r->graph, "anchor"), nullptr);  // as extract_sub_graph does
  // An entry naming a node that does not exist is dropped (TF would refuse it).
  const auto& cls = Find(r->graph, "y")->attr().at("_class").list();
  ASSERT_EQ(cls.s_size(), 1);
  EXPECT_EQ(cls.s(0), "loc:@anchor");
}

// A partitioned variable: the graph has w/part_0 and w/part_1, the
// checkpoint one key "w" [4,2]; the saver's shape_and_slices say which rows.
TEST(Freeze, PartitionsGetTheirSliceOfTheKey) {
  auto g = Parse(R"pb(
    node { name: "w/part_0" op: "VariableV2" attr { key: "dtype" value { type: DT_FLOAT } }
           attr { key: "shape" value { shape { dim { size: 1 } dim { size: 2 } } } } }
    node { name: "w/part_1" op: "VariableV2" attr { key: "dtype" value { type: DT_FLOAT } }
           attr { key: "shape" value { shape { dim { size: 3 } dim { size: 2 } } } } }
    node { name: "axis" op: "Const" attr { key: "dtype" value { type: DT_INT32 } }
           attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape { } int_val: 0 } } } }
    node { name: "w" op: "ConcatV2" input: "w/part_0" input: "w/part_1" input: "axis"
           attr { key: "N" value { i: 2 } } attr { key: "T" value { type: DT_FLOAT } }
           attr { key: "Tidx" value { type: DT_INT32 } } }
    node { name: "save/Const" op: "Const" attr { key: "dtype" value { type: DT_STRING } }
           attr { key: "value" value { tensor { dtype: DT_STRING tensor_shape { } string_val: "m" } } } }
    node { name: "save/names" op: "Const" attr { key: "dtype" value { type: DT_STRING } }
           attr { key: "value" value { tensor { dtype: DT_STRING tensor_shape { dim { size: 2 } }
                                                string_val: "w" string_val: "w" } } } }
    node { name: "save/slices" op: "Const" attr { key: "dtype" value { type: DT_STRING } }
           attr { key: "value" value { tensor { dtype: DT_STRING tensor_shape { dim { size: 2 } }
                                                string_val: "4 2 0,1:0,2" string_val: "4 2 1,3:-" } } } }
    node { name: "save/RestoreV2" op: "RestoreV2" input: "save/Const" input: "save/names" input: "save/slices"
           attr { key: "dtypes" value { list { type: DT_FLOAT type: DT_FLOAT } } } }
    node { name: "save/Assign" op: "Assign" input: "w/part_0" input: "save/RestoreV2"
           attr { key: "T" value { type: DT_FLOAT } } }
    node { name: "save/Assign_1" op: "Assign" input: "w/part_1" input: "save/RestoreV2:1"
           attr { key: "T" value { type: DT_FLOAT } } }
  )pb");
  MemoryStore store;
  store.Add("w", Floats({4, 2}, {0, 1, 2, 3, 4, 5, 6, 7}));
  FreezeSource s;
  s.graph = &g;
  s.values = &store;
  FreezeOptions opt;
  opt.outputs = {"w"};
  auto r = Freeze(s, opt);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->variables.size(), 2u);
  EXPECT_EQ(r->variables[0].key, "w");
  EXPECT_EQ(r->variables[0].slice, "0,1:0,2");
  const Tensor& p1 = r->values.at("w/part_1");
  EXPECT_EQ(p1.dims(), (Dims{3, 2}));
  std::vector<float> want = {2, 3, 4, 5, 6, 7};
  ASSERT_EQ(p1.bytes().size(), want.size() * 4);
  EXPECT_EQ(std::memcmp(p1.bytes().data(), want.data(), p1.bytes().size()), 0);
}

TEST(FreezeValues, ExtractSliceOfColumns) {
  Tensor full = Floats({2, 3}, {0, 1, 2, 3, 4, 5});
  auto slice = TensorSlice::Parse("-:1,2");
  ASSERT_TRUE(slice.ok());
  auto part = ExtractSlice(full, *slice);
  ASSERT_TRUE(part.ok()) << part.status().ToString();
  EXPECT_EQ(part->dims(), (Dims{2, 2}));
  EXPECT_EQ(part->Get<float>(0), 1);
  EXPECT_EQ(part->Get<float>(1), 2);
  EXPECT_EQ(part->Get<float>(2), 4);
  EXPECT_EQ(part->Get<float>(3), 5);
  auto bad = TensorSlice::Parse("0,3:-");
  ASSERT_TRUE(bad.ok());
  EXPECT_FALSE(ExtractSlice(full, *bad).ok());
}

TEST(FreezeValues, ShapeAndSlices) {
  auto s = ParseShapeAndSlice("30 6 10,10:0,6");
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->sliced);
  EXPECT_EQ(s->full_shape, (Dims{30, 6}));
  EXPECT_EQ(s->slice.ToString(), "10,10:0,6");
  EXPECT_FALSE(ParseShapeAndSlice("").value().sliced);
  EXPECT_FALSE(ParseShapeAndSlice("30 x 0,1:-").ok());
}

TEST(FreezeSpec, InputsAndShapes) {
  auto a = ParseInputSpec("images:uint8:[?,224,224,3]");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->name, "images");
  EXPECT_EQ(*a->dtype, tensorflow::DT_UINT8);
  EXPECT_EQ(a->shape, OptShape(std::vector<int64_t>{-1, 224, 224, 3}));
  auto b = ParseInputSpec("split:1");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->name, "split:1");
  EXPECT_FALSE(b->dtype.has_value());
  EXPECT_FALSE(b->has_shape);
  auto c = ParseInputSpec("x::1x4");
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(c->dtype.has_value());
  EXPECT_EQ(c->shape, OptShape(std::vector<int64_t>{1, 4}));
  auto d = ParseInputSpec("x:float:*");
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->has_shape);
  EXPECT_FALSE(d->shape.has_value());
  EXPECT_FALSE(ParseInputSpec("x:notatype").ok());
  EXPECT_FALSE(ParseInputSpec("x:float32:[1,a]").ok());
  EXPECT_EQ(RejoinBracketed({"a:float32:[1", "2]", "b"}),
            (std::vector<std::string>{"a:float32:[1,2]", "b"}));
  EXPECT_EQ(ShapeText(OptShape(std::vector<int64_t>{-1, 3})), "[?,3]");
}

TEST(FreezeSpec, ConstValues) {
  auto b = ConstValueProto("False", tensorflow::DT_BOOL, {});
  ASSERT_TRUE(b.ok());
  EXPECT_FALSE(b->bool_val(0));
  auto f = ConstValueProto("1.5", tensorflow::DT_FLOAT, {2});
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->float_val(0), 1.5f);
  EXPECT_EQ(f->tensor_shape().dim(0).size(), 2);
  EXPECT_FALSE(ConstValueProto("maybe", tensorflow::DT_BOOL, {}).ok());
  EXPECT_FALSE(ConstValueProto("1.5", tensorflow::DT_INT32, {}).ok());
  auto c = ParseConstSpec("keras_learning_phase=0");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->name, "keras_learning_phase");
  EXPECT_EQ(c->value, "0");
  EXPECT_FALSE(ParseConstSpec("novalue").ok());
}

// The streaming writer's bytes parse to the same graph the in-memory path
// builds; the size is predicted exactly; the values are the bytes given.
TEST(FreezeWriter, StreamedEqualsMaterialized) {
  Fixture f;
  FreezeOptions opt;
  opt.outputs = {"probs"};
  auto r = Freeze(f.Source(), opt);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  char tmpl[] = "/tmp/tfgraph_freeze_test_XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string path = std::string(tmpl) + "/out.pb";
  uint64_t written = 0;
  ASSERT_TRUE(WriteFrozenGraph(r->graph, r->values, path, {}, &written).ok());
  EXPECT_EQ(written, r->size);
  EXPECT_EQ(written, FrozenGraphSize(r->graph, r->values));
  auto bytes = ReadFileToString(path);
  ASSERT_TRUE(bytes.ok());
  tensorflow::GraphDef parsed, full;
  ASSERT_TRUE(parsed.ParseFromString(*bytes));
  ASSERT_TRUE(MaterializeFrozenGraph(r->graph, r->values, &full).ok());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(parsed, full));
  const auto* w = Find(parsed, "w");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->attr().at("value").tensor().tensor_content(),
            std::string(f.store.Read("renamed_w")->bytes()));
  // Never replaced without overwrite.
  EXPECT_EQ(WriteFrozenGraph(r->graph, r->values, path, {}, &written).code(),
            Status::Code::kAlreadyExists);
  WriteOptions text;
  text.text = true;
  ASSERT_TRUE(WriteFrozenGraph(r->graph, r->values, path + "txt", text, &written).ok());
  auto txt = ReadFileToString(path + "txt");
  ASSERT_TRUE(txt.ok());
  tensorflow::GraphDef from_text;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(*txt, &from_text));
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(from_text, full));
  RemoveAll(tmpl);
}

}  // namespace
}  // namespace tfgraph
