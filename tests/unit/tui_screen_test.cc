// Whole screens, as the headless mode writes them (tig-style screen tests).
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/unit/test_graphs.h"
#include "tui/document.h"
#include "tui/script.h"
#include "tui/state.h"
#include "tui/surface.h"

namespace tfgraph::tui {
namespace {

std::string Screen(const std::string& script, int w = 80, int h = 24) {
  auto def = tfgraph::testing::TrainingGraph();
  auto graph = tfgraph::testing::MustIndex(def);
  Document doc(*graph, &def, "train.pb");
  App app(doc);
  MemorySurface screen(w, h);
  Status s = RunScript(app, screen, script);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return screen.ToString();
}

TEST(TuiScreenTest, FirstScreenAt80x24) {
  const char* expected =
      " [nodes] 16 nodes, graph order                                 train.pb  ? help\n"
      "  name                            op                dtype shape       device\n"
      "  x                               Placeholder       float32 (-1, 4)\n"
      "  labels                          Placeholder\n"
      "  w                               VariableV2        float32 (4, 3)\n"
      "  b                               VariableV2        float32 (3,)\n"
      "  w/read                          Identity\n"
      "  b/read                          Identity\n"
      "  dense/MatMul                    MatMul            float32\n"
      "  logits                          BiasAdd\n"
      "  probs                           Softmax\n"
      "  loss                            SoftmaxCrossEntr~\n"
      "  gradients/logits_grad           BiasAddGrad\n"
      "  GradientDescent/update_w        ApplyGradientDes~\n"
      "  save/Const                      Const\n"
      "  save/SaveV2                     SaveV2\n"
      "  init                            NoOp\n"
      "  w/Assign                        Assign\n"
      "\n"
      "\n"
      "\n"
      "\n"
      " no picks: o picks an output, i an input, P previews the freeze\n"
      "[nodes]                                                                  1/16 0%\n";
  EXPECT_EQ(Screen(""), expected);
}

TEST(TuiScreenTest, SearchPickAndDetail) {
  std::string screen = Screen("/probs<Enter>o<Enter>");
  const char* expected =
      " [detail] probs                                        train.pb  2 deep  ? help\n"
      "O name     probs\n"
      "  op       Softmax\n"
      "  device   (none)\n"
      "  Attributes (0)\n"
      "  Inputs (1)\n"
      "    0  logits                                                            BiasAdd\n"
      "  Consumers (0)\n";
  EXPECT_EQ(screen.substr(0, std::string(expected).size()), expected) << screen;
  EXPECT_NE(screen.find(" out: probs:0  in: -  8 nodes, 2 vars,"), std::string::npos) << screen;
}

TEST(TuiScreenTest, ResizeDirectiveAndTooSmall) {
  std::string screen = Screen(":resize 60x20\n");
  EXPECT_NE(screen.find("terminal too small: 60x20"), std::string::npos) << screen;
  screen = Screen(":resize 120x30\n");
  EXPECT_EQ(std::count(screen.begin(), screen.end(), '\n'), 30);
  EXPECT_NE(screen.find("device"), std::string::npos);
}

TEST(TuiScreenTest, ScriptErrorsNameTheLine) {
  auto def = tfgraph::testing::TrainingGraph();
  auto graph = tfgraph::testing::MustIndex(def);
  Document doc(*graph, &def, "train.pb");
  App app(doc);
  MemorySurface screen(80, 24);
  Status s = RunScript(app, screen, "j\n# fine\n<Nope>\n");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "script line 3: unknown key <Nope>");
  s = RunScript(app, screen, ":resize big\n");
  EXPECT_NE(s.message().find("bad screen size 'big'"), std::string::npos);
}

}  // namespace
}  // namespace tfgraph::tui
