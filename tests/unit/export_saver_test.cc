// Tests of core/export_saver: reading a graph's own saver back, TF's default
// keying (with partition slices), fresh scopes, and the saver AddSaver builds
// (checked structurally and by reading it back with BindingsFromSaver).
#include "core/export_saver.h"

#include <algorithm>

#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include "core/graph_check.h"
#include "tensorflow/variable.pb.h"

namespace tfgraph {
namespace {

constexpr const char* kVars = R"pb(
  node {
    name: "w" op: "VariableV2"
    attr { key: "dtype" value { type: DT_FLOAT } }
    attr { key: "shape" value { shape { dim { size: 2 } } } }
    attr { key: "container" value { s: "" } }
    attr { key: "shared_name" value { s: "" } }
  }
  node { name: "w/read" op: "Identity" input: "w" attr { key: "T" value { type: DT_FLOAT } } }
  node {
    name: "v" op: "VarHandleOp"
    attr { key: "dtype" value { type: DT_INT64 } }
    attr { key: "shape" value { shape {} } }
    attr { key: "container" value { s: "" } }
    attr { key: "shared_name" value { s: "v" } }
    attr { key: "allowed_devices" value { list {} } }
  }
  node {
    name: "t/part_1" op: "VariableV2"
    attr { key: "dtype" value { type: DT_FLOAT } }
    attr { key: "shape" value { shape { dim { size: 5 } dim { size: 2 } } } }
    attr { key: "container" value { s: "" } }
    attr { key: "shared_name" value { s: "" } }
  }
)pb";

tensorflow::GraphDef Parse(const char* text) {
  tensorflow::GraphDef g;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &g));
  return g;
}

std::vector<SaverBinding> SomeBindings() {
  SaverBinding w{"w", "w", "", tensorflow::DT_FLOAT, false};
  SaverBinding v{"v", "counter", "", tensorflow::DT_INT64, true};
  SaverBinding p{"t/part_1", "t", "10 2 5,5:0,2", tensorflow::DT_FLOAT, false};
  return {w, v, p};
}

TEST(ExportSaver, AddSaverBuildsAValidRestoreAndSaveSubgraph) {
  tensorflow::GraphDef gd = Parse(kVars);
  auto saver = AddSaver(&gd, SomeBindings());
  ASSERT_TRUE(saver.ok()) << saver.status().ToString();
  EXPECT_EQ(saver->filename_tensor_name(), "save/filename:0");
  EXPECT_EQ(saver->restore_op_name(), "save/restore_all");
  EXPECT_EQ(saver->save_tensor_name(), "save/control_dependency:0");
  EXPECT_EQ(saver->version(), tensorflow::SaverDef::V2);

  // TensorFlow would import it: every input resolves and every dtype matches.
  auto report = CheckGraph(gd);
  for (const auto& p : report.problems) ADD_FAILURE() << p.ToString();

  auto g = Graph::FromGraphDef(gd);
  ASSERT_TRUE(g.ok());
  int restore = (*g)->Find("save/RestoreV2");
  ASSERT_GE(restore, 0);
  const auto& types = (*g)->node(restore).def->attr().at("dtypes").list();
  ASSERT_EQ(types.type_size(), 3);
  EXPECT_EQ(types.type(1), tensorflow::DT_INT64);
  // The resource variable is restored through AssignVariableOp, ref ones by Assign.
  EXPECT_EQ((*g)->op((*g)->Find("save/AssignVariableOp_1")), "AssignVariableOp");
  EXPECT_EQ((*g)->op((*g)->Find("save/Assign")), "Assign");
  EXPECT_EQ((*g)->op((*g)->Find("save/Read_1")), "ReadVariableOp");

  // Reading the saver back gives exactly what went in.
  auto back = BindingsFromSaver(**g, *saver);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  auto want = SomeBindings();
  auto got = *back;
  auto by_node = [](const SaverBinding& a, const SaverBinding& b) { return a.node < b.node; };
  std::sort(want.begin(), want.end(), by_node);
  std::sort(got.begin(), got.end(), by_node);
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(got[i].node, want[i].node);
    EXPECT_EQ(got[i].key, want[i].key);
    EXPECT_EQ(got[i].slice, want[i].slice);
    EXPECT_EQ(got[i].dtype, want[i].dtype);
    EXPECT_EQ(got[i].resource, want[i].resource);
  }
}

TEST(ExportSaver, SecondSaverGetsAFreshScope) {
  tensorflow::GraphDef gd = Parse(kVars);
  ASSERT_TRUE(AddSaver(&gd, SomeBindings()).ok());
  EXPECT_EQ(FreshScope(gd, "save"), "save_1");
  auto second = AddSaver(&gd, {SomeBindings()[0]});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->restore_op_name(), "save_1/restore_all");
  EXPECT_EQ(FreshScope(gd, "other"), "other");
}

TEST(ExportSaver, MissingRestoreOp) {
  tensorflow::GraphDef gd = Parse(kVars);
  auto g = Graph::FromGraphDef(gd);
  tensorflow::SaverDef def;
  def.set_restore_op_name("save/restore_all");
  auto b = BindingsFromSaver(**g, def);
  EXPECT_EQ(b.status().code(), Status::Code::kNotFound);
}

TEST(ExportSaver, CollectionsGiveKeysAndSlices) {
  tensorflow::GraphDef gd = Parse(kVars);
  tensorflow::MetaGraphDef meta;
  tensorflow::VariableDef part;
  part.set_variable_name("t/part_1:0");
  auto* info = part.mutable_save_slice_info_def();
  info->set_full_name("t");
  info->add_full_shape(10);
  info->add_full_shape(2);
  info->add_var_offset(5);
  info->add_var_offset(0);
  info->add_var_shape(5);
  info->add_var_shape(2);
  (*meta.mutable_collection_def())["variables"].mutable_bytes_list()->add_value(
      part.SerializeAsString());
  auto g = Graph::FromGraphDef(gd);
  auto b = BindingsFromCollections(**g, &meta);
  ASSERT_EQ(b.size(), 3u);
  EXPECT_EQ(b[0].node, "w");
  EXPECT_EQ(b[0].key, "w");
  EXPECT_EQ(b[0].slice, "");
  EXPECT_TRUE(b[1].resource);
  EXPECT_EQ(b[1].dtype, tensorflow::DT_INT64);
  EXPECT_EQ(b[2].key, "t");
  EXPECT_EQ(b[2].slice, "10 2 5,5:0,2");
}

}  // namespace
}  // namespace tfgraph
