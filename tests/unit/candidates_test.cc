// Output and input candidates: on every training graph of samples/ and the
// corpus, the outputs a user passes as output_node_names (what the frozen
// counterpart, the README or the model's own scripts use) are in the top 5;
// the real input ranks first. Plus synthetic graphs for the rules themselves.
#include "core/candidates.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "test_files.h"

namespace tfgraph {
namespace {

struct Case {
  bool corpus;             // else samples/
  const char* path;
  std::vector<const char*> outputs;  // each must be in the top 5
  const char* input;                 // must rank first ("" if none)
};

const Case kCases[] = {
    // samples/README.md names the outputs to freeze.
    {false, "tf1_checkpoint", {"output/probabilities", "output/logits"}, "input"},
    {false, "tf1_checkpoint_resource", {"output/probabilities", "output/logits"}, "input"},
    {false, "partitioned", {"output/probabilities", "output/logits"}, "ids"},
    {false, "frozen/frozen.pb", {"output/probabilities", "output/logits"}, "input"},
    {false, "frozen/frozen.pbtxt", {"output/probabilities", "output/logits"}, "input"},
    {false, "tf1_saved_model", {"probabilities", "logits"}, "x"},
    {false, "tf2_saved_model", {"StatefulPartitionedCall_2"}, "serving_default_x"},
    {false, "lookup_table", {"word_ids/LookupTableFindV2", "vectors/Identity"}, "words"},
    // Corpus pairs: the frozen graph (or SOURCE.txt) says what was frozen.
    {true, "pair_ardianumam_lenet_ckpt_frozen", {"output_tensor/Softmax"}, "input_tensor_input"},
    {true, "pair_ardianumam_lenet_ckpt_frozen/frozen_model.pb", {"output_tensor/Softmax"},
     "input_tensor_input"},
    {true, "pair_fishbonelsy_mnist_v1ckpt_frozen", {"output"}, "input"},
    {true, "pair_fishbonelsy_mnist_v1ckpt_frozen/graph.pb", {"output"}, "input"},
    {true, "pair_fishbonelsy_mnist_v1ckpt_frozen/frozen_model.pb", {"output"}, "input"},
    {true, "pair_tzuhsiang_simple_model_ckpt_frozen", {"Model/add"}, ""},
    {true, "pair_tzuhsiang_simple_model_ckpt_frozen/frozen_model.pb", {"Model/add"}, ""},
    {true, "unusual_tzuhsiang_empty_prefix_ckpt", {"Model/add"}, ""},
    {true, "tf2onnx_regression_ckpt_frozen_savedmodel/checkpoint", {"pred"}, "X"},
    {true, "tf2onnx_regression_ckpt_frozen_savedmodel/graphdef/frozen.pb", {"pred"}, "X"},
    {true, "tf2onnx_regression_ckpt_frozen_savedmodel/saved_model", {"pred"}, "X"},
    {true, "tfrust_graphdefs/regression_model.pb", {"add"}, "x"},
    {true, "tfrust_graphdefs/regression_checkpoint_model.pb", {"add"}, "x"},
    {true, "tfrust_test_resources_regression_model", {"y_hat"}, "x"},
    {true, "tfrust_graphdefs/addition_model.pb", {"z"}, "x"},
    {true, "serving_bad_half_plus_two", {"Add"}, "Placeholder"},
    {true, "serving_half_plus_two_session_bundle_v1ckpt", {"Add"}, "Placeholder"},
    {true, "tf2onnx_frozen_ae0/frozen.pb", {"output"}, "X"},
    {true, "tf2onnx_frozen_fc-layers/frozen.pb", {"output"}, "X"},
    {true, "tf2onnx_frozen_gru/frozen.pb", {"output"}, "X"},
    {true, "tf2onnx_frozen_lstm/frozen.pb", {"output"}, "X"},
    {true, "unusual_text_savedmodel_pbtxt_no_variables_tf1.2",
     {"dnn/multi_class_head/predictions/probabilities"}, "input_example_tensor"},
};

TEST(Candidates, RealModelsTable) {
  std::string samples = testing::SamplesDir(), corpus = testing::CorpusDir();
  int checked = 0;
  for (const Case& c : kCases) {
    const std::string& root = c.corpus ? corpus : samples;
    if (root.empty()) continue;
    auto model = Model::Load(root + "/" + c.path);
    ASSERT_TRUE(model.ok()) << c.path << ": " << model.status().ToString();
    auto outputs = OutputCandidates(**model, 5);
    std::vector<std::string> names;
    for (const auto& o : outputs) names.push_back(o.node);
    for (const char* want : c.outputs) {
      EXPECT_NE(std::find(names.begin(), names.end(), want), names.end())
          << c.path << ": '" << want << "' not in the top 5 outputs; got " << ::testing::PrintToString(names);
    }
    auto inputs = InputCandidates(**model, 5);
    if (*c.input) {
      ASSERT_FALSE(inputs.empty()) << c.path;
      EXPECT_EQ(inputs[0].node, c.input) << c.path;
    }
    ++checked;
  }
  if (samples.empty() && corpus.empty()) GTEST_SKIP() << "no samples/ or corpus (env) found";
  EXPECT_GT(checked, 0);
}

// A tiny TF1 training graph written by hand: x -> MatMul(w) -> BiasAdd ->
// logits -> Softmax "probs"; labels -> loss; gradients; saver; summaries.
tensorflow::GraphDef TrainingGraph() {
  tensorflow::GraphDef g;
  auto add = [&](const std::string& name, const std::string& op,
                 std::vector<std::string> inputs = {}) {
    auto* n = g.add_node();
    n->set_name(name);
    n->set_op(op);
    for (auto& i : inputs) n->add_input(i);
    (*n->mutable_attr())["T"].set_type(tensorflow::DT_FLOAT);
    return n;
  };
  add("x", "Placeholder");
  add("labels", "Placeholder");
  add("is_training", "PlaceholderWithDefault", {"Const_true"});
  add("Const_true", "Const");
  add("w", "VariableV2");
  add("w/read", "Identity", {"w"});
  add("b", "VariableV2");
  add("b/read", "Identity", {"b"});
  add("dense/MatMul", "MatMul", {"x", "w/read"});
  add("logits", "BiasAdd", {"dense/MatMul", "b/read"});
  add("probs", "Softmax", {"logits"});
  add("xent", "SoftmaxCrossEntropyWithLogits", {"logits", "labels"});
  add("Mean", "Mean", {"xent"});
  add("gradients/Shape", "Shape", {"Mean"});
  add("gradients/Fill", "Fill", {"gradients/Shape"});
  add("gradients/Mean_grad/Tile", "Tile", {"gradients/Fill"});
  add("GradientDescent/update_w/ApplyGradientDescent", "ApplyGradientDescent",
      {"w", "gradients/Mean_grad/Tile"});
  add("GradientDescent", "NoOp", {"^GradientDescent/update_w/ApplyGradientDescent"});
  add("loss_summary", "ScalarSummary", {"Mean"});
  add("save/Const", "Const");
  add("save/SaveV2", "SaveV2", {"save/Const", "w", "b"});
  add("save/control_dependency", "Identity", {"save/Const", "^save/SaveV2"});
  add("init", "NoOp", {"^w", "^b"});
  add("global_step", "VariableV2");
  add("global_step/read", "Identity", {"global_step"});
  return g;
}

TEST(Candidates, TrainingGraphRules) {
  auto gd = TrainingGraph();
  auto g = Graph::FromGraphDef(gd);
  ASSERT_TRUE(g.ok());
  auto outputs = RankOutputs(**g, 50);
  std::vector<std::string> names;
  for (const auto& o : outputs) names.push_back(o.node);
  ASSERT_GE(names.size(), 2u);
  // The network's ends first (probs is a sink, logits meets the labels).
  std::vector<std::string> top2(names.begin(), names.begin() + 2);
  std::sort(top2.begin(), top2.end());
  EXPECT_EQ(top2, (std::vector<std::string>{"logits", "probs"}));
  auto rank = [&](const std::string& n) {
    return std::find(names.begin(), names.end(), n) - names.begin();
  };
  // Bookkeeping and the loss come after every network node.
  for (const char* low : {"GradientDescent", "loss_summary", "save/control_dependency", "init",
                          "global_step/read"}) {
    EXPECT_GT(rank(low), rank("logits")) << low;
    EXPECT_GT(rank(low), rank("probs")) << low;
  }
  auto inputs = RankInputs(**g, 10);
  ASSERT_EQ(inputs.size(), 3u);
  EXPECT_EQ(inputs[0].node, "x");
  const Candidate* labels = nullptr;
  const Candidate* training = nullptr;
  for (const auto& c : inputs) {
    if (c.node == "labels") labels = &c;
    if (c.node == "is_training") training = &c;
  }
  ASSERT_TRUE(labels && training);
  EXPECT_NE(labels->reason.find("labels"), std::string::npos);
  EXPECT_TRUE(training->optional);
  for (const auto& c : inputs) EXPECT_NE(c.node, "save/Const");
}

TEST(Candidates, SignaturesComeFirstAndAreDeduplicated) {
  std::string samples = testing::SamplesDir();
  if (samples.empty()) GTEST_SKIP() << "samples/ not found (TFGRAPH_SAMPLES)";
  auto model = Model::Load(samples + "/tf1_saved_model");
  ASSERT_TRUE(model.ok());
  auto outputs = OutputCandidates(**model, 10);
  ASSERT_GE(outputs.size(), 4u);
  EXPECT_EQ(outputs[0].signature, "serving_default");
  EXPECT_EQ(outputs[0].tensor, "logits:0");
  std::vector<std::string> tensors;
  for (const auto& o : outputs) tensors.push_back(o.tensor);
  std::sort(tensors.begin(), tensors.end());
  EXPECT_EQ(std::adjacent_find(tensors.begin(), tensors.end()), tensors.end());
}

}  // namespace
}  // namespace tfgraph
