// CheckpointReader on real TensorFlow-written checkpoints, read in place from
// the shared corpus and samples/: every path form users type, V1 and V2,
// multi-shard, stale shards, empty prefixes, TF2 object graphs with slot
// variables, partitioned variables, and the rule that listing never needs a
// data shard.
#include "core/checkpoint_reader.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "ckpt_test_util.h"

namespace tfgraph {
namespace {

using testing_util::CopyFiles;
using testing_util::FreshDir;

std::shared_ptr<CheckpointReader> MustOpen(const std::string& path) {
  auto r = CheckpointReader::Open(path);
  EXPECT_TRUE(r.ok()) << path << ": " << r.status().ToString();
  return r.ok() ? *r : nullptr;
}

float ScalarFloat(const CheckpointReader& r, const std::string& name) {
  auto t = r.Read(name);
  EXPECT_TRUE(t.ok()) << name << ": " << t.status().ToString();
  if (!t.ok() || t->num_elements() != 1 || t->dtype() != tensorflow::DT_FLOAT) return -999;
  return t->Get<float>(0);
}

// Every V2 and V1 checkpoint of the corpus, as the prefix a user would give.
const char* kCorpusCheckpoints[] = {
    "malformed_davidecigi_GP_phi_savedmodel_mangled_upload/variables/variables",
    "pair_ardianumam_lenet_ckpt_frozen/model_small",
    "pair_fishbonelsy_mnist_v1ckpt_frozen/model.ckpt",
    "pair_tzuhsiang_simple_model_ckpt_frozen/simple_model",
    "serving_bad_half_plus_two/00000123/export",
    "serving_half_plus_two_session_bundle_v1ckpt/00000123/export",
    "serving_half_plus_two_session_bundle_v2ckpt/00000123/export",
    "serving_saved_model_counter/00000123/variables/variables",
    "serving_saved_model_half_plus_three/00000123/variables/variables",
    "serving_saved_model_half_plus_two_2_versions/00000123/variables/variables",
    "serving_saved_model_half_plus_two_2_versions/00000124/variables/variables",
    "serving_saved_model_half_plus_two_cpu/00000123/variables/variables",
    "serving_saved_model_half_plus_two_cpu_with_empty_saved_model_config/00000123/variables/"
    "variables",
    "serving_saved_model_half_plus_two_cpu_with_saved_model_config/00000123/variables/variables",
    "serving_saved_model_half_plus_two_gpu/00000123/variables/variables",
    "serving_saved_model_half_plus_two_gpu_trt/00000123/variables/variables",
    "serving_saved_model_half_plus_two_mkl/00000123/variables/variables",
    "serving_saved_model_half_plus_two_mlmd/00000123/variables/variables",
    "serving_saved_model_half_plus_two_regress_only/00000123/variables/variables",
    "serving_saved_model_half_plus_two_tf2_cpu/00000123/variables/variables",
    "serving_session_bundle_half_plus_two_v1sharded/00000123/export-00000-of-00001",
    "serving_tf_text_regression_2020/01/variables/variables",
    "tf2_ckpt_davidecigi_comp_ckptmanager/ckpt-1",
    "tf2_ckpt_davidecigi_comp_ckptmanager/ckpt-9",
    "tf2_ckpt_davidecigi_comp_ckptmanager/ckpt-10",
    "tf2_keras_save_weights_cartpole_dqn/dqn_weights.h5f",
    "tf2_keras_savedmodel_abisheakjacob_ann/variables/variables",
    "tf2_savedmodel_2shards_titanic/variables/variables",
    "tf2onnx_assign_saved_model/variables/variables",
    "tf2onnx_regression_ckpt_frozen_savedmodel/checkpoint/model",
    "tf2onnx_regression_ckpt_frozen_savedmodel/saved_model/variables/variables",
    "tfjava_saved_model_using_python/model/variables/variables",
    "tfrust_test_resources_regression_model/variables/variables",
    "tfx_keras_serving_savedmodel/variables/variables",
    "tfx_tft_transform_fn_savedmodel_with_vocab_assets/variables/variables",
    "unusual_savedmodel_1shard_index_plus_stale_2shard_data_country_religion/variables/variables",
    "unusual_tzuhsiang_empty_prefix_ckpt/",
};

TEST(CheckpointCorpus, EveryCheckpointListsAndEveryTensorVerifies) {
  TFG_REQUIRE_CORPUS(root, "");
  int checkpoints = 0, tensors = 0;
  for (const char* item : kCorpusCheckpoints) {
    auto r = MustOpen(root + item);
    if (!r) continue;
    ++checkpoints;
    EXPECT_FALSE(r->variables().empty()) << item;
    for (const auto& v : r->variables()) {
      EXPECT_EQ(v.problem, "") << item << " " << v.name;
      auto t = r->Read(v.name);
      ASSERT_TRUE(t.ok()) << item << ": " << t.status().ToString();
      EXPECT_EQ(t->dtype(), v.dtype);
      EXPECT_EQ(t->dims(), v.shape);
      ++tensors;
    }
  }
  EXPECT_EQ(checkpoints, 37);
  std::printf("read %d corpus checkpoints, %d tensors, all checksums verified\n", checkpoints,
              tensors);
}

TEST(CheckpointCorpus, PathFormsResolveToTheSamePrefix) {
  TFG_REQUIRE_CORPUS(dir, "pair_tzuhsiang_simple_model_ckpt_frozen");
  const std::string prefix = dir + "/simple_model";
  for (const std::string& p : {prefix, prefix + ".index", prefix + ".meta",
                               prefix + ".data-00000-of-00001", dir, dir + "/checkpoint"}) {
    auto r = MustOpen(p);
    ASSERT_TRUE(r) << p;
    EXPECT_EQ(r->prefix(), prefix) << p;
  }
}

TEST(CheckpointCorpus, StateFileWithRelativeAndLatestEntries) {
  TFG_REQUIRE_CORPUS(dir, "tf2_ckpt_davidecigi_comp_ckptmanager");
  // model_checkpoint_path is "ckpt-1" although ckpt-10 is newest by number:
  // TensorFlow takes the state file's word for the latest.
  auto r = MustOpen(dir);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->prefix(), dir + "/ckpt-1");
  EXPECT_EQ(r->location().state_file, dir + "/checkpoint");
  // A folder named "checkpoint" holding a state file (tf2onnx layout).
  TFG_REQUIRE_CORPUS(other, "tf2onnx_regression_ckpt_frozen_savedmodel/checkpoint");
  auto o = MustOpen(other);
  ASSERT_TRUE(o);
  EXPECT_EQ(o->prefix(), other + "/model");
}

TEST(CheckpointCorpus, StateFileNamingMissingCheckpointIsOneClearError) {
  TFG_REQUIRE_CORPUS(dir, "serving_bad_half_plus_two/00000123");
  auto r = CheckpointReader::Open(dir);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kCorruption);
  const std::string& m = r.status().message();
  EXPECT_EQ(m.find(dir + "/checkpoint: names checkpoint '/tmp/bad_half_plus_two/00000123/export'"),
            0u)
      << m;
  EXPECT_NE(m.find("pass " + dir + "/export"), std::string::npos) << m;
  EXPECT_EQ(m.find('\n'), std::string::npos);
}

TEST(CheckpointCorpus, HalfPlusTwoValuesInEveryFormat) {
  TFG_REQUIRE_CORPUS(root, "");
  // V1 single file, V1 sharded naming, V2: a = 0.5, b = 2.0 (export_half_plus_two.py).
  auto v1 = MustOpen(root + "serving_half_plus_two_session_bundle_v1ckpt/00000123/export");
  ASSERT_TRUE(v1);
  EXPECT_EQ(v1->format(), CheckpointFormat::kV1);
  EXPECT_EQ(ScalarFloat(*v1, "Variable"), 0.5f);
  EXPECT_EQ(ScalarFloat(*v1, "Variable_1"), 2.0f);
  auto sharded = MustOpen(root + "serving_session_bundle_half_plus_two_v1sharded/00000123/export");
  ASSERT_TRUE(sharded);
  EXPECT_EQ(sharded->format(), CheckpointFormat::kV1);
  EXPECT_EQ(sharded->DataFiles().size(), 1u);
  EXPECT_EQ(ScalarFloat(*sharded, "a"), 0.5f);
  EXPECT_EQ(ScalarFloat(*sharded, "b"), 2.0f);
  auto v2 = MustOpen(root + "serving_half_plus_two_session_bundle_v2ckpt/00000123/export");
  ASSERT_TRUE(v2);
  EXPECT_EQ(v2->format(), CheckpointFormat::kV2);
  EXPECT_EQ(ScalarFloat(*v2, "Variable"), 0.5f);
  EXPECT_EQ(ScalarFloat(*v2, "Variable_1"), 2.0f);
  // half_plus_three: y = 0.5 * x + 3 (SavedModel directory given).
  auto three = MustOpen(root + "serving_saved_model_half_plus_three/00000123");
  ASSERT_TRUE(three);
  EXPECT_EQ(ScalarFloat(*three, "a"), 0.5f);
  EXPECT_EQ(ScalarFloat(*three, "b"), 3.0f);
}

TEST(CheckpointCorpus, V1MnistCheckpoint) {
  TFG_REQUIRE_CORPUS(dir, "pair_fishbonelsy_mnist_v1ckpt_frozen");
  auto r = MustOpen(dir + "/model.ckpt");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->format(), CheckpointFormat::kV1);
  const auto* w = r->Find("Variable");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->shape, (Dims{784, 10}));
  auto t = r->Read("Variable_1");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->dims(), (Dims{10}));
}

TEST(CheckpointCorpus, EmptyBasenamePrefix) {
  TFG_REQUIRE_CORPUS(dir, "unusual_tzuhsiang_empty_prefix_ckpt");
  for (const std::string& p : {dir, dir + "/", dir + "/.index"}) {
    auto r = MustOpen(p);
    ASSERT_TRUE(r) << p;
    EXPECT_EQ(ScalarFloat(*r, "Model/v1"), 1.0f);
    EXPECT_EQ(ScalarFloat(*r, "Model/v2"), 2.0f);
  }
}

TEST(CheckpointCorpus, StaleShardsAreIgnored) {
  TFG_REQUIRE_CORPUS(
      dir, "unusual_savedmodel_1shard_index_plus_stale_2shard_data_country_religion");
  auto r = MustOpen(dir);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->num_shards(), 1);
  ASSERT_EQ(r->DataFiles().size(), 1u);
  EXPECT_EQ(r->DataFiles()[0], dir + "/variables/variables.data-00000-of-00001");
  for (const auto& v : r->variables()) EXPECT_TRUE(r->Read(v.name).ok()) << v.name;
}

TEST(CheckpointCorpus, TwoShards) {
  TFG_REQUIRE_CORPUS(dir, "tf2_savedmodel_2shards_titanic");
  auto r = MustOpen(dir);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->num_shards(), 2);
  EXPECT_EQ(r->Find(kObjectGraphKey)->shard, 0);
  EXPECT_EQ(r->Find("layer-0/kernel/.ATTRIBUTES/VARIABLE_VALUE")->shard, 1);
  auto t = r->Read("layer-0/kernel/.ATTRIBUTES/VARIABLE_VALUE");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->dims(), (Dims{18, 70}));
}

TEST(CheckpointCorpus, ObjectGraphTiesLegacySlotsToVariables) {
  TFG_REQUIRE_CORPUS(dir, "tf2_savedmodel_2shards_titanic");
  auto r = MustOpen(dir);
  ASSERT_TRUE(r);
  auto g = r->ObjectGraph();
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  ASSERT_TRUE(*g);
  const std::string kernel = "layer-0/kernel/.ATTRIBUTES/VARIABLE_VALUE";
  const auto& attr = (*g)->attributes.at(kernel);
  EXPECT_EQ(attr.object_path, "layer-0/kernel");
  EXPECT_EQ(attr.full_name, "sequential/dense/kernel");
  const auto& slot =
      (*g)->slots.at("layer-0/kernel/.OPTIMIZER_SLOT/optimizer/m/.ATTRIBUTES/VARIABLE_VALUE");
  EXPECT_EQ(slot.variable_key, kernel);
  EXPECT_EQ(slot.slot_name, "m");
  EXPECT_EQ(slot.optimizer_path, "optimizer");
  EXPECT_EQ((*g)->slots.size(), 12u);  // m and v of 3 kernels and 3 biases
  // Every attribute key the graph names exists in the checkpoint.
  for (const auto& [key, a] : (*g)->attributes) EXPECT_NE(r->Find(key), nullptr) << key;
}

TEST(CheckpointCorpus, ObjectGraphTiesKerasOptimizerListsToVariables) {
  TFG_REQUIRE_CORPUS(dir, "tf2_ckpt_davidecigi_comp_ckptmanager");
  auto r = MustOpen(dir + "/ckpt-10");
  ASSERT_TRUE(r);
  auto g = r->ObjectGraph();
  ASSERT_TRUE(g.ok() && *g);
  // _variables/2 is the first momentum (of fc1's kernel), _variables/3 its velocity.
  const auto& m = (*g)->slots.at("compensator_optimizer/_variables/2/.ATTRIBUTES/VARIABLE_VALUE");
  EXPECT_EQ(m.variable_key, "compensator/fc1/_kernel/.ATTRIBUTES/VARIABLE_VALUE");
  EXPECT_EQ(m.slot_name, "momentum");
  const auto& v = (*g)->slots.at("compensator_optimizer/_variables/3/.ATTRIBUTES/VARIABLE_VALUE");
  EXPECT_EQ(v.slot_name, "velocity");
  EXPECT_EQ((*g)->slots.size(), 12u);
  // Shapes agree between each slot and its variable.
  for (const auto& [slot, s] : (*g)->slots)
    EXPECT_EQ(r->Find(slot)->shape, r->Find(s.variable_key)->shape) << slot;
}

TEST(CheckpointCorpus, ListingNeedsOnlyTheIndex) {
  TFG_REQUIRE_CORPUS(src, "pair_ardianumam_lenet_ckpt_frozen");
  std::string dir = FreshDir("index_only");
  std::filesystem::copy_file(src + "/model_small.index", dir + "/model_small.index");
  auto r = MustOpen(dir + "/model_small");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->variables().size(), 24u);
  const auto* dense = r->Find("dense/kernel");
  ASSERT_NE(dense, nullptr);
  EXPECT_EQ(dense->shape, (Dims{2450, 100}));
  EXPECT_EQ(dense->bytes, 980000u);
  auto t = r->Read("dense/kernel");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), Status::Code::kCorruption);
  EXPECT_EQ(t.status().message().find(dir + "/model_small.data-00000-of-00001: missing data shard"),
            0u)
      << t.status().message();
  EXPECT_NE(t.status().message().find("'dense/kernel'"), std::string::npos);
}

TEST(CheckpointSamples, DroppedPagesReadBackIdentically) {
  TFG_REQUIRE_SAMPLES(dir, "tf1_checkpoint");
  auto r = MustOpen(dir);
  ASSERT_TRUE(r);
  std::vector<Tensor> before;
  for (const auto& v : r->variables()) before.push_back(*r->Read(v.name));
  for (const auto& v : r->variables()) r->DropPages(v.name);
  size_t i = 0;
  for (const auto& v : r->variables()) {
    auto again = r->Read(v.name);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->Identical(before[i])) << v.name;
    // Views taken before the drop still see the same bytes.
    EXPECT_EQ(std::string(before[i].bytes()), std::string(again->bytes()));
    ++i;
  }
}

TEST(CheckpointSamples, PartitionedVariablesReassembled) {
  TFG_REQUIRE_SAMPLES(dir, "partitioned");
  auto r = MustOpen(dir);
  ASSERT_TRUE(r);
  const auto* table = r->Find("embedding/table");
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->shape, (Dims{30, 6}));
  ASSERT_EQ(table->parts.size(), 3u);
  int64_t rows = 0;
  for (const auto& p : table->parts) rows += p.shape[0];
  EXPECT_EQ(rows, 30);
  auto t = r->Read("embedding/table");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->dims(), (Dims{30, 6}));
  // No slice key leaks into the listing.
  for (const auto& v : r->variables()) EXPECT_NE(v.name[0], '\0');
}

TEST(CheckpointSamples, EverySampleCheckpointReads) {
  TFG_REQUIRE_SAMPLES(root, "");
  int n = 0;
  for (const char* s : {"tf1_checkpoint", "tf1_checkpoint_resource", "partitioned",
                        "tf1_saved_model", "tf2_saved_model", "lookup_table"}) {
    auto r = MustOpen(root + "/" + s);
    if (!r) continue;
    for (const auto& v : r->variables()) EXPECT_TRUE(r->Read(v.name).ok()) << s << " " << v.name;
    ++n;
  }
  EXPECT_EQ(n, 6);
}

TEST(CheckpointPaths, NothingThereIsAnIOError) {
  std::string dir = FreshDir("nothing");
  auto r = CheckpointReader::Open(dir + "/model.ckpt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kIOError);
  // A name the checkpoint lacks is NotFound (when samples/ can be located:
  // the binary may run without ctest's environment).
  const std::string sample = testing_util::SamplesPath("tf1_checkpoint");
  if (!sample.empty()) {
    auto missing_name = MustOpen(sample);
    if (missing_name) {
      EXPECT_EQ(missing_name->Read("no/such").status().code(), Status::Code::kNotFound);
    }
  }
  EXPECT_NE(r.status().message().find(dir + "/model.ckpt"), std::string::npos);
  auto d = CheckpointReader::Open(dir);
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("no `checkpoint` state file"), std::string::npos);
}

}  // namespace
}  // namespace tfgraph
