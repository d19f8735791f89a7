// core/graph_head: the node count and first nodes of a model file, read
// without parsing it. The property that matters: a head is either right
// (the same count, names and ops the full loader finds) or absent; it is
// never a wrong preview. Checked on synthetic files of every shape and on
// every model file of the shared corpus.
#include "core/graph_head.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "core/model.h"
#include "tensorflow/meta_graph.pb.h"
#include "tensorflow/saved_model.pb.h"
#include "tests/unit/test_files.h"

namespace tfgraph {
namespace {

tensorflow::GraphDef Chain(int nodes) {
  tensorflow::GraphDef g;
  for (int i = 0; i < nodes; ++i) {
    auto* n = g.add_node();
    n->set_name("layer" + std::to_string(i));
    n->set_op(i == 0 ? "Placeholder" : "Relu");
    if (i > 0) n->add_input("layer" + std::to_string(i - 1));
    (*n->mutable_attr())["T"].set_type(tensorflow::DT_FLOAT);
  }
  g.mutable_versions()->set_producer(27);
  return g;
}

tensorflow::MetaGraphDef Meta(int nodes) {
  tensorflow::MetaGraphDef m;
  m.mutable_meta_info_def()->add_tags("serve");
  *m.mutable_graph_def() = Chain(nodes);
  m.mutable_saver_def()->set_filename_tensor_name("save/Const:0");
  return m;
}

void ExpectHead(const StatusOr<GraphHead>& head, size_t count, size_t shown) {
  ASSERT_TRUE(head.ok()) << head.status().message();
  EXPECT_EQ(head->node_count, count);
  ASSERT_EQ(static_cast<size_t>(head->head.node_size()), shown);
  for (size_t i = 0; i < shown; ++i) {
    EXPECT_EQ(head->head.node(static_cast<int>(i)).name(), "layer" + std::to_string(i));
    EXPECT_EQ(head->head.node(static_cast<int>(i)).attr().at("T").type(), tensorflow::DT_FLOAT);
  }
}

TEST(GraphHead, GraphDefCountsEveryNodeAndParsesOnlyTheFirst) {
  ExpectHead(GraphHeadFromBytes(Chain(1000).SerializeAsString(), 25), 1000, 25);
  ExpectHead(GraphHeadFromBytes(Chain(7).SerializeAsString(), 25), 7, 7);
}

TEST(GraphHead, GraphDefWithALibrary) {
  tensorflow::GraphDef g = Chain(40);
  g.mutable_library()->add_function()->mutable_signature()->set_name("f");
  ExpectHead(GraphHeadFromBytes(g.SerializeAsString(), 10), 40, 10);
}

TEST(GraphHead, MetaGraphDefAndSavedModelWithOneMetaGraph) {
  ExpectHead(GraphHeadFromBytes(Meta(30).SerializeAsString(), 5), 30, 5);
  tensorflow::SavedModel sm;
  sm.set_saved_model_schema_version(1);
  *sm.add_meta_graphs() = Meta(12);
  ExpectHead(GraphHeadFromBytes(sm.SerializeAsString(), 20), 12, 12);
}

TEST(GraphHead, GivesUpInsteadOfGuessing) {
  struct Case {
    const char* what;
    std::string bytes;
  };
  tensorflow::SavedModel two;
  two.set_saved_model_schema_version(1);
  *two.add_meta_graphs() = Meta(3);
  *two.add_meta_graphs() = Meta(4);
  std::string graph = Chain(50).SerializeAsString();
  tensorflow::GraphDef lone = Chain(1);
  lone.mutable_library()->add_function()->mutable_signature()->set_name("f");
  const Case cases[] = {
      {"two meta graphs: tags decide", two.SerializeAsString()},
      {"truncated", graph.substr(0, graph.size() - 3)},
      {"text proto", "node { name: \"a\" op: \"Const\" }\n"},
      {"empty", ""},
      {"no nodes", tensorflow::GraphDef().SerializeAsString()},
      {"random bytes", std::string("\x0a\xff\xff\xff\x0f garbage", 14)},
  };
  for (const Case& c : cases) {
    auto head = GraphHeadFromBytes(c.bytes, 10);
    EXPECT_FALSE(head.ok()) << c.what;
  }
  // One node and a library looks like a MetaGraphDef; whatever is decided,
  // a head that comes back must be the true one.
  auto head = GraphHeadFromBytes(lone.SerializeAsString(), 10);
  if (head.ok()) ExpectHead(head, 1, 1);
}

TEST(GraphHead, ReadsWhatTheUserNamed) {
  testing::TempDir dir;
  testing::WriteFile(dir / "frozen.pb", Chain(9).SerializeAsString());
  testing::WriteFile(dir / "ckpt/model.ckpt-5.meta", Meta(6).SerializeAsString());
  tensorflow::SavedModel sm;
  *sm.add_meta_graphs() = Meta(4);
  sm.set_saved_model_schema_version(1);
  testing::WriteFile(dir / "sm/saved_model.pb", sm.SerializeAsString());
  ExpectHead(ReadGraphHead(dir / "frozen.pb", 3), 9, 3);
  ExpectHead(ReadGraphHead(dir / "ckpt/model.ckpt-5", 3), 6, 3);
  ExpectHead(ReadGraphHead(dir / "sm", 3), 4, 3);
  EXPECT_FALSE(ReadGraphHead(dir / "missing.pb", 3).ok());
}

// Every model in the corpus: the head agrees with the full load, or there
// is none.
TEST(GraphHeadCorpus, NeverDisagreesWithTheFullLoad) {
  std::string corpus = testing::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "../shared/corpus not available";
  int agreed = 0, absent = 0;
  for (const auto& item : std::filesystem::directory_iterator(corpus)) {
    if (!item.is_directory()) continue;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(item.path())) {
      std::string path = entry.path().string();
      bool model_file = entry.is_regular_file() &&
                        (entry.path().extension() == ".pb" || entry.path().extension() == ".meta");
      if (!model_file) continue;
      if (entry.path().filename() == "saved_model.pb") path = entry.path().parent_path().string();
      auto model = Model::Load(path);
      auto head = ReadGraphHead(path, 20);
      if (!head.ok()) {
        ++absent;
        continue;
      }
      if (!model.ok()) continue;  // broken files: the loader says why
      const Graph& g = (*model)->graph();
      ASSERT_EQ(head->node_count, static_cast<size_t>(g.size())) << path;
      for (int i = 0; i < head->head.node_size(); ++i) {
        ASSERT_EQ(head->head.node(i).name(), g.name(i)) << path;
        ASSERT_EQ(head->head.node(i).op(), g.op(i)) << path;
      }
      ++agreed;
    }
  }
  EXPECT_GT(agreed, 20) << absent << " files without a head";
  std::printf("%d model files: head agrees with the full load; %d without a head\n", agreed, absent);
}

}  // namespace
}  // namespace tfgraph
