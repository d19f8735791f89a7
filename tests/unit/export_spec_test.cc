// Tests of core/export_spec: list parsing, method names and signature groups.
#include "core/export_spec.h"

#include <gtest/gtest.h>

namespace tfgraph {
namespace {

TEST(ExportSpec, ParsesKeysTensorsAndDtypes) {
  auto items = ParseTensorList(" x , images=image_tensor:0@uint8,,probs:1 ");
  ASSERT_TRUE(items.ok()) << items.status().ToString();
  ASSERT_EQ(items->size(), 3u);
  EXPECT_EQ((*items)[0].key, "");
  EXPECT_EQ((*items)[0].tensor, "x");
  EXPECT_EQ((*items)[1].key, "images");
  EXPECT_EQ((*items)[1].tensor, "image_tensor:0");
  EXPECT_EQ((*items)[1].dtype, "uint8");
  EXPECT_EQ((*items)[2].tensor, "probs:1");
  EXPECT_EQ((*items)[2].dtype, "");
}

TEST(ExportSpec, RejectsMalformedItems) {
  for (const char* bad : {"=x", "k=", "x@", "k=@float32"}) {
    auto r = ParseTensorList(bad);
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument) << bad;
  }
}

TEST(ExportSpec, MethodNames) {
  EXPECT_EQ(*ParseMethodName("predict"), "tensorflow/serving/predict");
  EXPECT_EQ(*ParseMethodName("classify"), "tensorflow/serving/classify");
  EXPECT_EQ(*ParseMethodName("regress"), "tensorflow/serving/regress");
  EXPECT_EQ(*ParseMethodName("tensorflow/train"), "tensorflow/train");
  EXPECT_FALSE(ParseMethodName("predcit").ok());
  EXPECT_FALSE(ParseMethodName("/x").ok());
}

TEST(ExportSpec, ShortFormIsOneGroupNamedLater) {
  auto g = GroupSignatures({{"inputs", "x"}, {"outputs", "y,z"}, {"signature", "s"}});
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  ASSERT_EQ(g->size(), 1u);
  EXPECT_EQ((*g)[0].key, "s");
  EXPECT_EQ((*g)[0].method, "tensorflow/serving/predict");
  EXPECT_EQ((*g)[0].inputs.size(), 1u);
  EXPECT_EQ((*g)[0].outputs.size(), 2u);
}

TEST(ExportSpec, UnnamedGroupIsServingDefault) {
  auto g = GroupSignatures({{"inputs", "x"}, {"outputs", "y"}, {"outputs", "z"}});
  ASSERT_TRUE(g.ok());
  ASSERT_EQ(g->size(), 1u);
  EXPECT_EQ((*g)[0].key, "serving_default");
  EXPECT_EQ((*g)[0].outputs.size(), 2u);  // repeated flags add up
}

TEST(ExportSpec, SeveralGroups) {
  auto g = GroupSignatures({{"signature", "a"},
                            {"inputs", "x"},
                            {"outputs", "y"},
                            {"signature", "b"},
                            {"method", "classify"},
                            {"inputs", "inputs=ex"},
                            {"outputs", "scores=s"}});
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  ASSERT_EQ(g->size(), 2u);
  EXPECT_EQ((*g)[0].key, "a");
  EXPECT_EQ((*g)[1].key, "b");
  EXPECT_EQ((*g)[1].method, "tensorflow/serving/classify");
  EXPECT_EQ((*g)[1].inputs[0].key, "inputs");
}

TEST(ExportSpec, GroupErrors) {
  EXPECT_FALSE(GroupSignatures({{"signature", "a"}, {"inputs", "x"}}).ok());  // no outputs
  EXPECT_FALSE(GroupSignatures({{"signature", "a"},
                                {"outputs", "y"},
                                {"signature", "a"},
                                {"outputs", "z"}})
                   .ok());  // key twice
  EXPECT_FALSE(GroupSignatures({{"signature", "__saved_model_init_op"}, {"outputs", "y"}}).ok());
  EXPECT_FALSE(
      GroupSignatures({{"outputs", "y"}, {"method", "predict"}, {"method", "regress"}}).ok());
}

TEST(ExportSpec, Rename) {
  auto r = ParseRename("old = new");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->first, "old");
  EXPECT_EQ(r->second, "new");
  EXPECT_FALSE(ParseRename("old").ok());
  EXPECT_FALSE(ParseRename("=new").ok());
}

}  // namespace
}  // namespace tfgraph
