// Model::Load on synthetic models written by the test (every format, odd
// names, damaged files) and on real files from samples/ and the corpus.
#include <gtest/gtest.h>

#include <google/protobuf/text_format.h>

#include "core/checkpoint_reader.h"
#include "core/model.h"
#include "test_files.h"
#include "tensorflow/fingerprint.pb.h"

namespace tfgraph {
namespace {

using testing::FakeTable;
using testing::TempDir;
using testing::WriteCheckpoint;
using testing::WriteFile;

tensorflow::GraphDef Graph(bool with_variable = false) {
  tensorflow::GraphDef g;
  auto* x = g.add_node();
  x->set_name("x");
  x->set_op("Placeholder");
  (*x->mutable_attr())["dtype"].set_type(tensorflow::DT_FLOAT);
  if (with_variable) {
    auto* v = g.add_node();
    v->set_name("w");
    v->set_op("VariableV2");
    (*v->mutable_attr())["dtype"].set_type(tensorflow::DT_FLOAT);
    (*v->mutable_attr())["shape"].mutable_shape()->add_dim()->set_size(3);
  }
  auto* m = g.add_node();
  m->set_name("y");
  m->set_op("MatMul");
  m->add_input("x");
  m->add_input(with_variable ? "w" : "x");
  (*m->mutable_attr())["T"].set_type(tensorflow::DT_FLOAT);
  g.mutable_versions()->set_producer(1205);
  return g;
}

tensorflow::MetaGraphDef Meta(std::vector<std::string> tags, bool with_variable = false) {
  tensorflow::MetaGraphDef m;
  for (auto& t : tags) m.mutable_meta_info_def()->add_tags(t);
  m.mutable_meta_info_def()->set_tensorflow_version("2.15.1");
  *m.mutable_graph_def() = Graph(with_variable);
  auto& sig = (*m.mutable_signature_def())["serving_default"];
  sig.set_method_name("tensorflow/serving/predict");
  auto& in = (*sig.mutable_inputs())["x"];
  in.set_name("x:0");
  in.set_dtype(tensorflow::DT_FLOAT);
  in.mutable_tensor_shape()->add_dim()->set_size(-1);
  auto& out = (*sig.mutable_outputs())["y"];
  out.set_name("y:0");
  out.set_dtype(tensorflow::DT_FLOAT);
  out.mutable_tensor_shape()->set_unknown_rank(true);
  (*m.mutable_signature_def())["__saved_model_init_op"];
  return m;
}

std::string SavedModelBytes(std::vector<tensorflow::MetaGraphDef> metas) {
  tensorflow::SavedModel sm;
  sm.set_saved_model_schema_version(1);
  for (auto& m : metas) *sm.add_meta_graphs() = m;
  return sm.SerializeAsString();
}

std::unique_ptr<Model> MustLoad(const std::string& path, LoadOptions options = {}) {
  auto m = Model::Load(path, options);
  EXPECT_TRUE(m.ok()) << path << ": " << m.status().ToString();
  return m.ok() ? std::move(m).value() : nullptr;
}

Status LoadError(const std::string& path, LoadOptions options = {}) {
  auto m = Model::Load(path, options);
  EXPECT_FALSE(m.ok()) << path << " loaded";
  if (m.ok()) return Status::OK();
  EXPECT_EQ(m.status().message().find('\n'), std::string::npos);
  return m.status();
}

bool HasLine(const std::vector<std::string>& lines, const std::string& needle) {
  for (const auto& l : lines)
    if (l.find(needle) != std::string::npos) return true;
  return false;
}

TEST(ModelLoader, GraphDefUnderAnyName) {
  TempDir dir;
  std::string bytes = Graph().SerializeAsString();
  for (const char* name : {"g.pb", "noext", "odd.meta", "frozen.txt"}) {
    WriteFile(dir / name, bytes);
    auto m = MustLoad(dir / name);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->format(), ModelFormat::kGraphDef) << name;
    EXPECT_EQ(m->graph().size(), 2);
    EXPECT_EQ(m->graph_producer(), 1205);
    EXPECT_EQ(m->meta_graph(), nullptr);
  }
  std::string text;
  google::protobuf::TextFormat::PrintToString(Graph(), &text);
  WriteFile(dir / "g.pbtxt", text);
  auto m = MustLoad(dir / "g.pbtxt");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->format(), ModelFormat::kGraphDefText);
  EXPECT_GE(m->graph().Find("y"), 0);
}

TEST(ModelLoader, MetaGraphWithAndWithoutCheckpoint) {
  TempDir dir;
  WriteFile(dir / "model.ckpt-3.meta", Meta({}, true).SerializeAsString());
  auto m = MustLoad(dir / "model.ckpt-3.meta");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->format(), ModelFormat::kMetaGraph);
  EXPECT_TRUE(m->checkpoint_prefix().empty());
  EXPECT_EQ(m->signatures().size(), 1u);  // __saved_model_init_op left out
  EXPECT_EQ(m->tensorflow_version(), "2.15.1");

  ASSERT_TRUE(WriteCheckpoint(dir / "model.ckpt-3"));
  for (const char* p : {"model.ckpt-3.meta", "model.ckpt-3", "model.ckpt-3.index", ""}) {
    m = MustLoad(*p ? dir / p : dir.path());
    ASSERT_TRUE(m) << p;
    EXPECT_EQ(m->format(), ModelFormat::kCheckpoint) << p;
    EXPECT_EQ(m->checkpoint_prefix(), dir / "model.ckpt-3") << p;
    EXPECT_EQ(m->graph().size(), 3);
  }
}

TEST(ModelLoader, CheckpointWithEmptyBasename) {
  TempDir dir;
  ASSERT_TRUE(WriteCheckpoint(dir / "models/"));
  WriteFile(dir / "models/.meta", Meta({}).SerializeAsString());
  for (const char* p : {"models", "models/", "models/.meta", "models/.index"}) {
    auto m = MustLoad(dir / p);
    ASSERT_TRUE(m) << p;
    EXPECT_EQ(m->format(), ModelFormat::kCheckpoint) << p;
    EXPECT_EQ(m->checkpoint_prefix(), dir / "models/") << p;
  }
}

TEST(ModelLoader, CheckpointWithoutGraph) {
  TempDir dir;
  ASSERT_TRUE(WriteCheckpoint(dir / "ckpt-1"));
  auto m = MustLoad(dir / "ckpt-1");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->format(), ModelFormat::kCheckpointOnly);
  EXPECT_EQ(m->graph().size(), 0);
  EXPECT_TRUE(HasLine(m->warnings(), "checkpoint has no graph: a .meta file or a SavedModel"));
  auto reader = m->checkpoint();
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->variables().size(), 1u);
  // A damaged index is fatal when the checkpoint is all there is...
  WriteFile(dir / "ckpt-1.index", FakeTable());
  Status st = LoadError(dir / "ckpt-1");
  EXPECT_EQ(st.code(), Status::Code::kCorruption) << st.ToString();
  EXPECT_NE(st.message().find("ckpt-1"), std::string::npos);
  // ...and a warning when there is a graph.
  WriteFile(dir / "ckpt-1.meta", Meta({}).SerializeAsString());
  m = MustLoad(dir / "ckpt-1");
  ASSERT_TRUE(m);
  EXPECT_TRUE(HasLine(m->warnings(), "checkpoint unreadable"));
  EXPECT_FALSE(m->checkpoint().ok());
}

TEST(ModelLoader, SavedModelTagSets) {
  TempDir dir;
  WriteFile(dir / "saved_model.pb",
            SavedModelBytes({Meta({"train", "serve"}), Meta({"serve"}), Meta({"gpu", "serve"})}));
  auto m = MustLoad(dir.path());
  ASSERT_TRUE(m);
  EXPECT_EQ(m->format(), ModelFormat::kSavedModel);
  EXPECT_FALSE(m->is_tf2());
  EXPECT_EQ(m->meta_graph(), &m->saved_model()->meta_graphs(1));
  EXPECT_EQ(m->tag_sets().size(), 3u);
  EXPECT_TRUE(HasLine(m->notes(), "3 MetaGraphs"));

  m = MustLoad(dir.path(), LoadOptions{" serve , gpu", ""});
  ASSERT_TRUE(m);
  EXPECT_EQ(m->meta_graph(), &m->saved_model()->meta_graphs(2));
  Status st = LoadError(dir.path(), LoadOptions{"eval", ""});
  EXPECT_EQ(st.code(), Status::Code::kNotFound);
  EXPECT_NE(st.message().find("'train,serve'"), std::string::npos) << st.message();

  // No exact {serve}: the first MetaGraph.
  WriteFile(dir / "saved_model.pb", SavedModelBytes({Meta({"transform"}), Meta({"x"})}));
  m = MustLoad(dir.path());
  ASSERT_TRUE(m);
  EXPECT_EQ(m->meta_graph(), &m->saved_model()->meta_graphs(0));
}

TEST(ModelLoader, SavedModelTextAndVariables) {
  TempDir dir;
  tensorflow::SavedModel sm;
  *sm.add_meta_graphs() = Meta({"serve"}, true);
  std::string text;
  google::protobuf::TextFormat::PrintToString(sm, &text);
  WriteFile(dir / "saved_model.pbtxt", text);
  auto m = MustLoad(dir.path());
  ASSERT_TRUE(m);
  EXPECT_EQ(m->graph_path(), dir / "saved_model.pbtxt");
  EXPECT_TRUE(HasLine(m->warnings(), "no variables/ folder"));
  EXPECT_TRUE(m->checkpoint_prefix().empty());

  ASSERT_TRUE(WriteCheckpoint(dir / "variables/variables"));
  m = MustLoad(dir.path());
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->warnings().empty());
  EXPECT_EQ(m->checkpoint_prefix(), dir / "variables/variables");
  EXPECT_EQ(m->export_dir(), dir.path());
}

TEST(ModelLoader, SignatureDetails) {
  TempDir dir;
  WriteFile(dir / "saved_model.pb", SavedModelBytes({Meta({"serve"})}));
  auto m = MustLoad(dir / "saved_model.pb");
  ASSERT_TRUE(m);
  ASSERT_EQ(m->signatures().size(), 1u);
  const Signature& s = m->signatures()[0];
  EXPECT_EQ(s.key, "serving_default");
  EXPECT_EQ(s.method, "tensorflow/serving/predict");
  ASSERT_EQ(s.inputs.size(), 1u);
  EXPECT_EQ(s.inputs[0].name, "x:0");
  EXPECT_EQ(s.inputs[0].shape, std::optional<std::vector<int64_t>>(std::vector<int64_t>{-1}));
  ASSERT_EQ(s.outputs.size(), 1u);
  EXPECT_FALSE(s.outputs[0].shape.has_value());
  EXPECT_EQ(SignaturesOf(*m->meta_graph(), true).size(), 2u);
}

TEST(ModelLoader, ServingVersionsTakeTheHighest) {
  TempDir dir;
  for (const char* v : {"7", "00000123", "124", "99"})
    WriteFile(dir / (std::string(v) + "/saved_model.pb"), SavedModelBytes({Meta({"serve"})}));
  WriteFile(dir / "notes.txt", "x");
  auto m = MustLoad(dir.path());
  ASSERT_TRUE(m);
  EXPECT_EQ(m->graph_path(), dir / "124/saved_model.pb");
  EXPECT_TRUE(HasLine(m->notes(), "loaded the highest, 124"));
}

TEST(ModelLoader, StrippedDefaultAttrsAreRestored) {
  TempDir dir;
  auto meta = Meta({"serve"});
  meta.mutable_meta_info_def()->set_stripped_default_attrs(true);
  // A custom op TF does not know, with a default in stripped_op_list.
  auto* n = meta.mutable_graph_def()->add_node();
  n->set_name("custom");
  n->set_op("MyCustomOp");
  auto* op = meta.mutable_meta_info_def()->mutable_stripped_op_list()->add_op();
  op->set_name("MyCustomOp");
  auto* attr = op->add_attr();
  attr->set_name("alpha");
  attr->set_type("float");
  attr->mutable_default_value()->set_f(0.5f);
  WriteFile(dir / "saved_model.pb", SavedModelBytes({meta}));
  auto m = MustLoad(dir.path());
  ASSERT_TRUE(m);
  const auto& y = *m->graph().node(m->graph().Find("y")).def;
  ASSERT_TRUE(y.attr().count("transpose_a"));
  EXPECT_FALSE(y.attr().at("transpose_a").b());
  const auto& c = *m->graph().node(m->graph().Find("custom")).def;
  ASSERT_TRUE(c.attr().count("alpha"));
  EXPECT_FLOAT_EQ(c.attr().at("alpha").f(), 0.5f);
  // Without the flag nothing is added.
  WriteFile(dir / "saved_model.pb", SavedModelBytes({Meta({"serve"})}));
  m = MustLoad(dir.path());
  EXPECT_FALSE(m->graph().node(m->graph().Find("y")).def->attr().count("transpose_a"));
}

TEST(ModelLoader, SessionBundle) {
  TempDir dir;
  WriteFile(dir / "00000123/export.meta", Meta({}, true).SerializeAsString());
  ASSERT_TRUE(WriteCheckpoint(dir / "00000123/export"));
  WriteFile(dir / "00000123/checkpoint", "model_checkpoint_path: \"/tmp/elsewhere/export\"\n");
  auto m = MustLoad(dir.path());
  ASSERT_TRUE(m);
  EXPECT_EQ(m->format(), ModelFormat::kSessionBundle);
  EXPECT_EQ(m->checkpoint_prefix(), dir / "00000123/export");
  EXPECT_EQ(m->export_dir(), dir / "00000123");
}

TEST(ModelLoader, CheckpointOption) {
  TempDir dir;
  WriteFile(dir / "g.pb", Graph(true).SerializeAsString());
  ASSERT_TRUE(WriteCheckpoint(dir / "run/model.ckpt-9"));
  WriteFile(dir / "run/checkpoint", "model_checkpoint_path: \"model.ckpt-9\"\n");
  auto m = MustLoad(dir / "g.pb", LoadOptions{"", dir / "run"});
  ASSERT_TRUE(m);
  EXPECT_EQ(m->format(), ModelFormat::kGraphDef);
  EXPECT_EQ(m->checkpoint_prefix(), dir / "run/model.ckpt-9");
  Status st = LoadError(dir / "g.pb", LoadOptions{"", dir / "nothing"});
  EXPECT_EQ(st.code(), Status::Code::kIOError);
  EXPECT_EQ(st.message().rfind("--checkpoint: ", 0), 0u) << st.message();
}

TEST(ModelLoader, BadInputFailsWithOneLine) {
  TempDir dir;
  struct Case {
    std::string path;
    Status::Code code;
    std::string needle;
  };
  WriteFile(dir / "empty/saved_model.pb", "");
  WriteFile(dir / "crlf/saved_model.pb", "\r\n");
  ASSERT_TRUE(WriteCheckpoint(dir / "crlf/variables/variables"));
  WriteFile(dir / "zeroindex/model.index", "");
  WriteFile(dir / "state/checkpoint", "model_checkpoint_path: \"model.ckpt-1\"\n");
  WriteFile(dir / "nothing/readme.txt", "hi");
  WriteFile(dir / "two/a.pb", Graph().SerializeAsString());
  WriteFile(dir / "two/b.pb", Graph().SerializeAsString());
  WriteFile(dir / "weights.h5", std::string("\x89HDF\r\n\x1a\n", 8) + std::string(100, 'x'));
  std::string truncated = Meta({"serve"}).SerializeAsString();
  truncated.resize(truncated.size() / 2);
  WriteFile(dir / "trunc/saved_model.pb", SavedModelBytes({Meta({"serve"})}).substr(0, 40));
  WriteFile(dir / "half.meta", truncated);
  const Case cases[] = {
      {dir / "empty", Status::Code::kCorruption, "saved_model.pb: file is empty"},
      {dir / "crlf", Status::Code::kCorruption, "2 bytes of whitespace"},
      {dir / "zeroindex/model.index", Status::Code::kCorruption, "model.index: not a checkpoint index"},
      {dir / "state", Status::Code::kCorruption, "names checkpoint 'model.ckpt-1'"},
      {dir / "nothing", Status::Code::kCorruption, "no TensorFlow model here"},
      {dir / "two", Status::Code::kUnsupported, "several graph files"},
      {dir / "weights.h5", Status::Code::kUnsupported, "HDF5"},
      {dir / "trunc", Status::Code::kCorruption, "saved_model.pb"},
      {dir / "half.meta", Status::Code::kCorruption, "half.meta"},
      {dir / "missing", Status::Code::kIOError, "no such file"},
  };
  for (const auto& c : cases) {
    Status st = LoadError(c.path);
    EXPECT_EQ(st.code(), c.code) << c.path << ": " << st.ToString();
    EXPECT_NE(st.message().find(c.needle), std::string::npos) << st.message();
    EXPECT_EQ(st.message().rfind(c.path, 0), 0u) << "names the file: " << st.message();
  }
}

TEST(ModelLoader, MangledFingerprintIsOnlyAWarning) {
  TempDir dir;
  WriteFile(dir / "saved_model.pb", SavedModelBytes({Meta({"serve"})}));
  WriteFile(dir / "fingerprint.pb", "\xef\xbf\xbd\x08\xef\xbf\xbd\xef\xbf\xbd");
  auto m = MustLoad(dir.path());
  ASSERT_TRUE(m);
  EXPECT_TRUE(HasLine(m->warnings(), "fingerprint.pb is not a valid FingerprintDef"));
  tensorflow::FingerprintDef good;
  good.set_saved_model_checksum(42);
  WriteFile(dir / "fingerprint.pb", good.SerializeAsString());
  m = MustLoad(dir.path());
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->warnings().empty());
}

TEST(ModelLoader, FunctionGraphs) {
  TempDir dir;
  auto g = Graph();
  auto* f = g.mutable_library()->add_function();
  f->mutable_signature()->set_name("fn");
  f->mutable_signature()->add_input_arg()->set_name("a");
  auto* body = f->add_node_def();
  body->set_name("id");
  body->set_op("Identity");
  body->add_input("a");
  WriteFile(dir / "g.pb", g.SerializeAsString());
  auto m = MustLoad(dir / "g.pb");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->function_count(), 1);
  auto fg = m->FunctionGraph("fn");
  ASSERT_TRUE(fg.ok());
  EXPECT_EQ((*fg)->size(), 1);
  EXPECT_EQ((*fg)->node(0).inputs[0].arg, 0);
  EXPECT_EQ(m->FunctionGraph("nope").status().code(), Status::Code::kNotFound);
}

// Real files.

TEST(ModelLoaderCorpus, KnownFacts) {
  std::string corpus = testing::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "shared corpus not found (TFGRAPH_CORPUS); skipped";
  auto m = MustLoad(corpus + "/serving_saved_model_half_plus_two_tf2_cpu");
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->is_tf2());
  EXPECT_EQ(m->function_count(), 14);
  EXPECT_EQ(m->signatures().size(), 6u);
  EXPECT_EQ(m->graph().size(), 29);

  m = MustLoad(corpus + "/serving_saved_model_half_plus_two_2_versions");
  ASSERT_TRUE(m);
  EXPECT_NE(m->graph_path().find("00000124"), std::string::npos);

  m = MustLoad(corpus + "/unusual_tzuhsiang_empty_prefix_ckpt");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->format(), ModelFormat::kCheckpoint);
  EXPECT_EQ(m->graph().size(), 24);

  m = MustLoad(corpus + "/pair_fishbonelsy_mnist_v1ckpt_frozen");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->checkpoint_prefix(), corpus + "/pair_fishbonelsy_mnist_v1ckpt_frozen/model.ckpt");
  EXPECT_TRUE(HasLine(m->warnings(), "/Users/longsiyang/"));

  m = MustLoad(corpus + "/unusual_text_savedmodel_pbtxt_no_variables_tf1.2");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->graph().size(), 250);
  EXPECT_TRUE(HasLine(m->warnings(), "no variables/ folder"));

  m = MustLoad(corpus + "/tf2_ckpt_davidecigi_comp_ckptmanager");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->format(), ModelFormat::kCheckpointOnly);
  // The state file names ckpt-1 as the latest, and TensorFlow follows it.
  EXPECT_EQ(m->checkpoint_prefix(), corpus + "/tf2_ckpt_davidecigi_comp_ckptmanager/ckpt-1");

  m = MustLoad(corpus + "/unusual_savedmodel_1shard_index_plus_stale_2shard_data_country_religion");
  ASSERT_TRUE(m);
  ASSERT_EQ(m->warnings().size(), 1u);
  EXPECT_NE(m->warnings()[0].find("2 stale data file(s)"), std::string::npos);
  EXPECT_TRUE(m->checkpoint().ok());
  m = MustLoad(corpus + "/tf2_savedmodel_2shards_titanic");
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->warnings().empty());

  Status st = LoadError(corpus + "/malformed_davidecigi_GP_phi_savedmodel_mangled_upload");
  EXPECT_EQ(st.code(), Status::Code::kCorruption);
  EXPECT_NE(st.message().find("saved_model.pb: file holds only 2 bytes"), std::string::npos);

  m = MustLoad(corpus + "/textpb_dicereader_frozen_pb_and_pbtxt/frozen_graph.pbtxt");
  auto b = MustLoad(corpus + "/textpb_dicereader_frozen_pb_and_pbtxt/frozen_graph.pb");
  ASSERT_TRUE(m && b);
  // Same graph (the tensor values differ in their last digits: TF says so too).
  ASSERT_EQ(m->graph().size(), b->graph().size());
  for (int i = 0; i < m->graph().size(); ++i) {
    EXPECT_EQ(m->graph().name(i), b->graph().name(i));
    EXPECT_EQ(m->graph().op(i), b->graph().op(i));
  }
}

}  // namespace
}  // namespace tfgraph
