// Tests of ShowAll / ClientNames (core/export_show.cc): the text must match
// what `saved_model_cli show --all` prints for the same SavedModel (the
// conformance suite compares with the real tool; this pins the layout).
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include "core/export.h"

namespace tfgraph {
namespace {

TEST(ExportShow, MatchesSavedModelCliLayout) {
  tensorflow::SavedModel sm;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(R"pb(
    saved_model_schema_version: 1
    meta_graphs {
      meta_info_def { tags: "serve" }
      graph_def {
        node { name: "x" op: "Placeholder" }
        node { name: "y" op: "Softmax" input: "x" }
      }
      signature_def {
        key: "serving_default"
        value {
          inputs { key: "x" value { name: "x:0" dtype: DT_FLOAT tensor_shape { dim { size: -1 } dim { size: 4 } } } }
          outputs { key: "y" value { name: "y:0" dtype: DT_FLOAT tensor_shape { unknown_rank: true } } }
          outputs { key: "a" value { name: "a:0" dtype: DT_INT64 tensor_shape { dim { size: -1 } } } }
          method_name: "tensorflow/serving/predict"
        }
      }
    }
  )pb", &sm));
  const char* want =
      "\n"
      "MetaGraphDef with tag-set: 'serve' contains the following SignatureDefs:\n"
      "\n"
      "signature_def['serving_default']:\n"
      "  The given SavedModel SignatureDef contains the following input(s):\n"
      "    inputs['x'] tensor_info:\n"
      "        dtype: DT_FLOAT\n"
      "        shape: (-1, 4)\n"
      "        name: x:0\n"
      "  The given SavedModel SignatureDef contains the following output(s):\n"
      "    outputs['a'] tensor_info:\n"
      "        dtype: DT_INT64\n"
      "        shape: (-1)\n"
      "        name: a:0\n"
      "    outputs['y'] tensor_info:\n"
      "        dtype: DT_FLOAT\n"
      "        shape: unknown_rank\n"
      "        name: y:0\n"
      "  Method name is: tensorflow/serving/predict\n"
      "The MetaGraph with tag set ['serve'] contains the following ops: {'Placeholder', "
      "'Softmax'}\n";
  EXPECT_EQ(ShowAll(sm), want);

  std::string client = ClientNames(sm.meta_graphs(0));
  EXPECT_NE(client.find("feed   x -> x:0"), std::string::npos) << client;
  EXPECT_NE(client.find("fetch  y <- y:0"), std::string::npos) << client;
}

}  // namespace
}  // namespace tfgraph
