// The loading screen (tui/loading.h): while a big model parses, the first
// page of its node list is drawn from the file's head. It must be the very
// screen the UI then shows (nothing jumps when the model arrives) except
// for the status line, which says what is loading; without a head it says
// so plainly.
#include "tui/loading.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "core/graph_head.h"
#include "tests/unit/test_graphs.h"
#include "tui/document.h"
#include "tui/state.h"
#include "tui/surface.h"

namespace tfgraph::tui {
namespace {

tensorflow::GraphDef Layers(int n) {
  tensorflow::GraphDef g;
  for (int i = 0; i < n; ++i) {
    auto* node = g.add_node();
    node->set_name("layers/dense_" + std::to_string(i) + "/MatMul");
    node->set_op(i == 0 ? "Placeholder" : "MatMul");
    if (i > 0) node->add_input(g.node(i - 1).name());
    (*node->mutable_attr())["T"].set_type(tensorflow::DT_FLOAT);
    node->set_device(i % 2 ? "/device:CPU:0" : "");
  }
  return g;
}

std::vector<std::string> Lines(const std::string& screen) {
  std::vector<std::string> lines;
  std::istringstream in(screen);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(LoadingScreen, IsTheFirstScreenOfTheWholeModel) {
  for (auto [w, h] : {std::pair{80, 24}, std::pair{132, 43}}) {
    tensorflow::GraphDef full = Layers(5000);
    auto head = GraphHeadFromBytes(full.SerializeAsString(), 200);
    ASSERT_TRUE(head.ok());
    LoadingScreen loading("/models/big.pb", std::move(head));
    ASSERT_TRUE(loading.has_head());
    MemorySurface preview(w, h);
    loading.Draw(preview, 0.4);

    auto graph = testing::MustIndex(full);
    Document doc(*graph, &full, "/models/big.pb");
    App app(doc);
    app.Resize(w, h);
    MemorySurface real(w, h);
    app.Draw(real);

    auto a = Lines(preview.ToString()), b = Lines(real.ToString());
    ASSERT_EQ(a.size(), b.size());
    for (size_t y = 0; y + 1 < a.size(); ++y) EXPECT_EQ(a[y], b[y]) << "row " << y << " at " << w;
    EXPECT_NE(a[0].find("5,000 nodes, graph order"), std::string::npos) << a[0];
    EXPECT_NE(a.back().find("loading big.pb"), std::string::npos) << a.back();
    EXPECT_NE(a.back().find("0.4 s"), std::string::npos) << a.back();
    EXPECT_NE(a.back().find("1/5,000 0%"), std::string::npos) << a.back();
  }
}

TEST(LoadingScreen, WithoutAHeadSaysWhatIsLoading) {
  LoadingScreen loading("/models/multi_tag_saved_model/",
                        Status::Unsupported("2 meta graphs; the full load picks one by tags"));
  EXPECT_FALSE(loading.has_head());
  MemorySurface s(80, 24);
  loading.Draw(s, 2.25);
  std::string screen = s.ToString();
  EXPECT_NE(screen.find("[loading] multi_tag_saved_model"), std::string::npos) << screen;
  EXPECT_NE(screen.find("loading multi_tag_saved_model 2.2 s"), std::string::npos) << screen;
  EXPECT_NE(screen.find("q quits"), std::string::npos) << screen;
}

TEST(LoadingScreen, OnceKeysWaitOnlyCtrlCQuits) {
  auto head = GraphHeadFromBytes(Layers(100).SerializeAsString(), 200);
  LoadingScreen loading("big.pb", std::move(head));
  MemorySurface s(80, 24);
  loading.Draw(s, 1.0, 0);
  EXPECT_NE(s.Line(23).find("q quits"), std::string::npos) << s.ToString();
  loading.Draw(s, 1.0, 1);
  EXPECT_NE(s.Line(23).find("1 key waits, Ctrl-C quits"), std::string::npos) << s.ToString();
  loading.Draw(s, 1.0, 3);
  EXPECT_NE(s.Line(23).find("3 keys wait, Ctrl-C quits"), std::string::npos) << s.ToString();
  EXPECT_EQ(s.Line(23).find("q quits"), std::string::npos) << s.ToString();
}

TEST(LoadingScreen, TooSmallATerminalStillShowsProgress) {
  auto head = GraphHeadFromBytes(Layers(50).SerializeAsString(), 200);
  LoadingScreen loading("big.pb", std::move(head));
  MemorySurface s(40, 10);
  loading.Draw(s, 1.0);
  EXPECT_NE(s.ToString().find("loading big.pb"), std::string::npos) << s.ToString();
}

}  // namespace
}  // namespace tfgraph::tui
