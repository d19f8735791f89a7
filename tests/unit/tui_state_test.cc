// The UI state machine, driven by keys, without a terminal.
#include <gtest/gtest.h>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>

#include "tests/unit/tui_fixture.h"
#include "tui/views/views.h"

namespace tfgraph::tui {
namespace {

using testing::UiFixture;
using tfgraph::testing::AddNode;

TEST(TuiStateTest, MovementClampsAndScrolls) {
  tensorflow::GraphDef def;
  for (int i = 0; i < 100; ++i) AddNode(&def, "n" + std::to_string(i), "NoOp");
  UiFixture ui(def);
  App& app = ui.app();
  EXPECT_EQ(ui.Selected(), "n0");
  ui.Keys("k");
  EXPECT_EQ(ui.Selected(), "n0");
  ui.Keys("jjj");
  EXPECT_EQ(ui.Selected(), "n3");
  ui.Keys("G");
  EXPECT_EQ(ui.Selected(), "n99");
  // The cursor stays on screen: body is 24 - 3 - 1 (header) = 20 rows.
  EXPECT_EQ(app.BodyHeight(), 20);
  EXPECT_EQ(app.top().top, 80u);
  ui.Keys("g");
  EXPECT_EQ(ui.Selected(), "n0");
  EXPECT_EQ(app.top().top, 0u);
  ui.Keys("<C-d>");
  EXPECT_EQ(ui.Selected(), "n10");
  ui.Keys("<PgDn>");
  EXPECT_EQ(ui.Selected(), "n30");
  ui.Keys("<C-u><PgUp>");
  EXPECT_EQ(ui.Selected(), "n0");
  ui.Keys("<End><Up>");
  EXPECT_EQ(ui.Selected(), "n98");
}

TEST(TuiStateTest, DirtyBitsSayWhatChanged) {
  UiFixture ui;
  App& app = ui.app();
  EXPECT_TRUE(app.HandleKey('j') & kDirtyBody);
  unsigned d = app.HandleKey('Z');  // unbound
  EXPECT_EQ(d, static_cast<unsigned>(kDirtyStatus));
  EXPECT_NE(app.message().find("does nothing"), std::string::npos);
  EXPECT_TRUE(app.HandleKey('Q') & kDirtyQuit);
  EXPECT_TRUE(app.quit());
}

TEST(TuiStateTest, OpenBackForwardClose) {
  UiFixture ui;
  App& app = ui.app();
  ui.Keys("jjjjjj");  // dense/MatMul
  ASSERT_EQ(ui.Selected(), "dense/MatMul");
  ui.Keys("<Enter>");
  EXPECT_EQ(app.top().Title(), "detail");
  EXPECT_EQ(app.depth(), 2u);
  // Jump to the first input (x) from the detail view.
  ui.Keys("G");
  std::string last = ui.Selected();
  EXPECT_EQ(last, "logits");  // the consumer row is last
  ui.Keys("<Enter>");
  EXPECT_EQ(app.depth(), 3u);
  EXPECT_NE(ui.Line(0).find("[detail] logits"), std::string::npos);
  ui.Keys("<Backspace>");
  EXPECT_EQ(app.depth(), 2u);
  EXPECT_EQ(app.forward_depth(), 1u);
  ui.Keys("]");
  EXPECT_NE(ui.Line(0).find("[detail] logits"), std::string::npos);
  ui.Keys("hh");
  EXPECT_EQ(app.depth(), 1u);
  ui.Keys("h");
  EXPECT_EQ(app.depth(), 1u);
  EXPECT_FALSE(app.quit());
  ui.Keys("<Enter>q");
  EXPECT_EQ(app.depth(), 1u);
  EXPECT_EQ(app.forward_depth(), 0u);
  ui.Keys("q");
  EXPECT_TRUE(app.quit());
}

TEST(TuiStateTest, SearchIsSmartCaseAndWraps) {
  UiFixture ui;
  App& app = ui.app();
  ui.Keys("/read<Enter>");
  EXPECT_EQ(ui.Selected(), "w/read");
  ui.Keys("n");
  EXPECT_EQ(ui.Selected(), "b/read");
  ui.Keys("n");
  EXPECT_EQ(ui.Selected(), "w/read");
  EXPECT_NE(app.message().find("wrapped"), std::string::npos);
  ui.Keys("N");
  EXPECT_EQ(ui.Selected(), "b/read");
  // Lower case matches any case; a capital makes it case-sensitive.
  ui.Keys("g/gradientdescent<Enter>");
  EXPECT_EQ(ui.Selected(), "GradientDescent/update_w");
  ui.Keys("g/Gradients<Enter>");
  EXPECT_TRUE(app.message_is_error());
  EXPECT_NE(app.message().find("no match"), std::string::npos);
  // Enter on an empty prompt repeats the last search.
  ui.Keys("g/<Enter>");
  EXPECT_TRUE(app.message_is_error());
}

TEST(TuiStateTest, BadPatternGoesToStatusLineNotStderr) {
  UiFixture ui;
  ::testing::internal::CaptureStderr();
  ui.Keys("/a(b<Enter>");
  std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(err, "");
  EXPECT_TRUE(ui.app().message_is_error());
  EXPECT_NE(ui.Line(23).find("bad pattern /a(b/: missing )"), std::string::npos) << ui.Line(23);
}

TEST(TuiStateTest, MatchesAreHighlighted) {
  UiFixture ui;
  ui.Keys("/read<Enter>");
  ui.Screen();
  // Row "w/read" is the 5th node: screen line 2 + 4. "read" starts at col 2 + 2.
  auto& s = ui.surface();
  EXPECT_EQ(s.Line(6).substr(0, 8), "  w/read");
  EXPECT_EQ(s.RoleAt(6, 4), Role::kMatch);
  EXPECT_EQ(s.RoleAt(6, 7), Role::kMatch);
  EXPECT_EQ(s.RoleAt(6, 2), Role::kSelected);
  EXPECT_EQ(s.RoleAt(7, 2), Role::kNormal);  // b/read: not selected
  EXPECT_EQ(s.RoleAt(7, 4), Role::kMatch);
}

TEST(TuiStateTest, PromptEditingAndHistory) {
  UiFixture ui;
  App& app = ui.app();
  ui.Keys("/logx");
  EXPECT_EQ(app.prompt_line(), "/logx");
  ui.Keys("<Backspace>its<Enter>");
  EXPECT_EQ(ui.Selected(), "logits");
  ui.Keys("/foo<C-u>");
  EXPECT_EQ(app.prompt_line(), "/");
  ui.Keys("<Up>");
  EXPECT_EQ(app.prompt_line(), "/logits");
  ui.Keys("<Esc>");
  EXPECT_FALSE(app.prompt_active());
  ui.Keys("/ab/cd<C-w>");
  EXPECT_EQ(app.prompt_line(), "/ab/");
  ui.Keys("<Esc>");
}

TEST(TuiStateTest, FilterByNameOpDeviceAttr) {
  tensorflow::GraphDef def = tfgraph::testing::TrainingGraph();
  def.mutable_node(6)->set_device("/device:GPU:0");  // dense/MatMul
  UiFixture ui(def);
  App& app = ui.app();
  ui.Keys("\\op:^Placeholder$<Enter>");
  EXPECT_EQ(app.top().RowCount(), 2u);
  EXPECT_NE(ui.Line(0).find("2 of 16 nodes"), std::string::npos);
  ui.Keys("&device:GPU<Enter>");
  EXPECT_EQ(app.top().RowCount(), 1u);
  EXPECT_EQ(ui.Selected(), "dense/MatMul");
  ui.Keys("&attr:^dtype=float32$ name:^w<Enter>");
  EXPECT_EQ(app.top().RowCount(), 1u);
  EXPECT_EQ(ui.Selected(), "w");
  ui.Keys("&op:(<Enter>");
  EXPECT_TRUE(app.message_is_error());
  EXPECT_EQ(app.top().RowCount(), 1u);  // the old filter stays
  ui.Keys("&<Enter>");
  EXPECT_EQ(app.top().RowCount(), 16u);
}

TEST(TuiStateTest, SortKeepsTheSelectedNode) {
  UiFixture ui;
  App& app = ui.app();
  ui.Keys("jjjj");  // w/read
  ui.Keys("s");
  EXPECT_EQ(ui.Selected(), "w/read");
  auto* list = dynamic_cast<NodeListView*>(&app.top());
  ASSERT_NE(list, nullptr);
  EXPECT_EQ(list->order(), NodeListView::Order::kName);
  ui.Keys("g");
  EXPECT_EQ(ui.Selected(), "GradientDescent/update_w");  // byte order: capitals first
  ui.Keys("s");
  EXPECT_EQ(list->order(), NodeListView::Order::kOp);
  EXPECT_EQ(ui.Selected(), "GradientDescent/update_w");
  ui.Keys("G");
  EXPECT_EQ(ui.Selected(), "w");  // VariableV2 sorts last among ops, then by name
  ui.Keys("s");
  EXPECT_EQ(list->order(), NodeListView::Order::kGraph);
}

TEST(TuiStateTest, GotoWithCompletionAndSuggestions) {
  UiFixture ui;
  App& app = ui.app();
  ui.Keys(":dense/M<Tab>");
  EXPECT_EQ(app.prompt_line(), "go to: dense/MatMul");
  ui.Keys("<Enter>");
  EXPECT_EQ(app.top().Title(), "detail");
  EXPECT_NE(ui.Line(0).find("dense/MatMul"), std::string::npos);
  ui.Keys(":w<Tab>");
  EXPECT_EQ(app.prompt_line(), "go to: w");
  EXPECT_NE(app.message().find("3 matches: w  w/Assign  w/read"), std::string::npos)
      << app.message();
  ui.Keys("<Esc>:logit<Enter>");
  EXPECT_TRUE(app.message_is_error());
  EXPECT_NE(app.message().find("did you mean 'logits'"), std::string::npos) << app.message();
  ui.Keys(":probs:0<Enter>");
  EXPECT_NE(ui.Line(0).find("[detail] probs"), std::string::npos);
}

TEST(TuiStateTest, PicksYankAndPreview) {
  UiFixture ui;
  App& app = ui.app();
  ui.Keys(":probs<Enter>o");
  EXPECT_EQ(app.picks().Join(PickKind::kOutput, true), "probs:0");
  ui.Keys("q/^x$<Enter>i");
  EXPECT_EQ(app.picks().Join(PickKind::kInput, true), "x:0");
  EXPECT_NE(ui.Line(22).find("out: probs:0  in: x:0  8 nodes, 2 vars"), std::string::npos)
      << ui.Line(22);
  ui.Keys("y");
  EXPECT_EQ(app.TakeClipboard().value_or(""), "probs");
  ui.Keys("Y");
  EXPECT_EQ(app.TakeClipboard().value_or(""), "probs:0");
  EXPECT_EQ(app.picks().AsArguments(), "--outputs probs --inputs x:0");
  // Picking the same tensor again unpicks it; picking as the other kind moves it.
  ui.Keys("o");
  EXPECT_EQ(app.picks().Join(PickKind::kOutput, true), "probs:0,x:0");
  EXPECT_TRUE(app.picks().inputs().empty());
  ui.Keys("o");
  EXPECT_EQ(app.picks().Join(PickKind::kOutput, true), "probs:0");
  ui.Keys("P");
  std::string screen = ui.Screen();
  EXPECT_NE(screen.find("nodes kept          8 of 16"), std::string::npos) << screen;
  EXPECT_NE(screen.find("variables frozen    2"), std::string::npos);
  EXPECT_NE(screen.find("placeholder(s) needed but not picked as inputs, e.g. 'x'"), std::string::npos)
      << screen;
  // The preview is live: cutting at x from inside it removes the warning.
  ui.Keys(":x<Enter>iq");
  screen = ui.Screen();
  EXPECT_EQ(screen.find("needed but not picked"), std::string::npos) << screen;
  ui.Keys("X");
  EXPECT_TRUE(app.picks().empty());
  ui.Keys("q");
  ui.Keys("g");
  ui.Keys("y");
  EXPECT_EQ(app.TakeClipboard().value_or(""), "x");
}

TEST(TuiStateTest, TrainingOpsWarnInThePicksBar) {
  UiFixture ui;
  ui.Keys(":init<Enter>o");
  EXPECT_NE(ui.Line(22).find("warning"), std::string::npos) << ui.Line(22);
}

TEST(TuiStateTest, ScopeTreeFoldsAndCounts) {
  UiFixture ui;
  App& app = ui.app();
  ui.Keys("T");
  std::string screen = ui.Screen();
  EXPECT_NE(screen.find("+ save"), std::string::npos) << screen;
  size_t rows = app.top().RowCount();
  ui.Keys("/^save$<Enter><Enter>");
  EXPECT_EQ(app.top().RowCount(), rows + 2);
  screen = ui.Screen();
  EXPECT_NE(screen.find("- save"), std::string::npos);
  EXPECT_NE(screen.find("    SaveV2"), std::string::npos) << screen;
  ui.Keys("<Enter>");
  EXPECT_EQ(app.top().RowCount(), rows);
  // "w" is a node and a scope (w/read, w/Assign): 3 nodes.
  ui.Keys("/^w$<Enter>");
  EXPECT_NE(ui.Line(2 + static_cast<int>(app.top().cursor)).find("3"), std::string::npos);
}

TEST(TuiStateTest, NeighbourhoodDepth) {
  UiFixture ui;
  App& app = ui.app();
  ui.Keys(":probs<Enter>e");
  EXPECT_EQ(app.top().Title(), "neighbourhood");
  size_t two = app.top().RowCount();
  ui.Keys("+");
  size_t three = app.top().RowCount();
  EXPECT_GT(three, two);
  ui.Keys("--");
  EXPECT_LT(app.top().RowCount(), two);
  std::string screen = ui.Screen();
  EXPECT_NE(screen.find("Inputs of probs"), std::string::npos);
  EXPECT_NE(screen.find("  logits:0"), std::string::npos) << screen;
}

TEST(TuiStateTest, SignaturesPickAllTheirTensors) {
  Signature sig;
  sig.key = "serving_default";
  sig.method = "tensorflow/serving/predict";
  SignatureTensor in, out;
  in.key = "x";
  in.name = "x:0";
  in.dtype = tensorflow::DT_FLOAT;
  in.shape = std::vector<int64_t>{-1, 4};
  out.key = "probs";
  out.name = "probs:0";
  out.dtype = tensorflow::DT_FLOAT;
  out.shape = std::vector<int64_t>{-1, 3};
  sig.inputs.push_back(in);
  sig.outputs.push_back(out);
  UiFixture ui(tfgraph::testing::TrainingGraph(), {}, {sig});
  App& app = ui.app();
  ui.Keys("S");
  std::string screen = ui.Screen();
  EXPECT_NE(screen.find("serving_default  (tensorflow/serving/predict)"), std::string::npos);
  EXPECT_NE(screen.find("in   x -> x:0"), std::string::npos);
  ui.Keys("o");
  EXPECT_EQ(app.picks().AsArguments(), "--outputs probs --inputs x:0");
  ui.Keys("G<Enter>");
  EXPECT_NE(ui.Line(0).find("[detail] probs"), std::string::npos);
}

TEST(TuiStateTest, OpHistogramOpensAFilteredList) {
  UiFixture ui;
  App& app = ui.app();
  ui.Keys("H");
  EXPECT_NE(ui.Line(2).find("2           Identity"), std::string::npos) << ui.Screen();
  ui.Keys("<Enter>");
  EXPECT_EQ(app.top().RowCount(), 2u);
  EXPECT_EQ(ui.Selected(), "w/read");
}

TEST(TuiStateTest, VariablesView) {
  UiFixture ui;
  ui.Keys("V");
  std::string screen = ui.Screen();
  EXPECT_NE(screen.find("2 variables, 60 B"), std::string::npos) << screen;
  EXPECT_NE(screen.find("float32 (4, 3)         48 B"), std::string::npos) << screen;
}

TEST(TuiStateTest, FunctionsDrillDown) {
  tensorflow::GraphDef def = tfgraph::testing::TrainingGraph();
  auto* f = def.mutable_library()->add_function();
  f->mutable_signature()->set_name("my_fn");
  f->mutable_signature()->add_input_arg()->set_name("a");
  auto* n = f->add_node_def();
  n->set_name("double");
  n->set_op("AddV2");
  n->add_input("a");
  n->add_input("a");
  UiFixture ui(def);
  App& app = ui.app();
  ui.Keys("f");
  EXPECT_NE(ui.Screen().find("my_fn"), std::string::npos);
  ui.Keys("<Enter>");
  EXPECT_EQ(app.top().Title(), "function my_fn");
  EXPECT_EQ(ui.Selected(), "double");
  ui.Keys("o");
  EXPECT_TRUE(app.message_is_error());  // picks belong to the main graph
  ui.Keys("<Enter>");
  EXPECT_NE(ui.Screen().find("function argument"), std::string::npos);
}

TEST(TuiStateTest, HelpOverlayOpensAndCloses) {
  UiFixture ui;
  App& app = ui.app();
  ui.Keys("?");
  EXPECT_TRUE(app.top().is_overlay());
  std::string screen = ui.Screen();
  EXPECT_NE(screen.find("help: q or Esc closes"), std::string::npos);
  EXPECT_NE(screen.find("Ctrl-D"), std::string::npos);
  ui.Keys("G");  // scrolls inside the help
  EXPECT_GT(app.top().cursor, 0u);
  ui.Keys("<Esc>");
  EXPECT_FALSE(app.top().is_overlay());
  ui.Keys("?q");
  EXPECT_FALSE(app.top().is_overlay());
  EXPECT_FALSE(app.quit());
}

TEST(TuiStateTest, TooSmallSaysSo) {
  UiFixture ui;
  ui.app().Resize(60, 20);
  ui.surface().Resize(60, 20);
  std::string screen = ui.Screen();
  EXPECT_NE(screen.find("terminal too small: 60x20"), std::string::npos) << screen;
  EXPECT_NE(screen.find("at least 80x24"), std::string::npos);
  ui.app().Resize(80, 24);
  ui.surface().Resize(80, 24);
  EXPECT_NE(ui.Screen().find("[nodes]"), std::string::npos);
}

TEST(TuiStateTest, Utf8NamesKeepTheLayout) {
  tensorflow::GraphDef def;
  AddNode(&def, "日本語/重み", "Const");
  AddNode(&def, "bad\x01name\xff", "Identity");
  UiFixture ui(def);
  std::string screen = ui.Screen();
  EXPECT_NE(screen.find("  日本語/重み"), std::string::npos) << screen;
  EXPECT_NE(screen.find("bad?name?"), std::string::npos) << screen;
  // The op column starts at the same display column on both rows.
  auto& s = ui.surface();
  EXPECT_EQ(s.RoleAt(2, 34), Role::kSelected);
  EXPECT_NE(s.Line(2).find("Const"), std::string::npos);
  std::string l3 = s.Line(3);
  EXPECT_EQ(l3.find("Identity"), 34u) << l3;
}

// A runner that stands in for core freeze: it reports progress in steps and
// honours cancel, so the UI flow can be tested without the engine.
class StepRunner : public ActionRunner {
 public:
  explicit StepRunner(int steps) : steps_(steps) {}
  std::string Title() const override { return "Freeze"; }
  std::string Subcommand() const override { return "freeze"; }
  std::vector<Field> Defaults(const Document& doc, const Picks& picks) const override {
    return {{"output file", "-o", "out.pb"},
            {"outputs", "--outputs", picks.Join(PickKind::kOutput, false)},
            {"overwrite", "--force", "no", true}};
  }
  StatusOr<std::vector<std::string>> Run(const std::vector<std::string>& argv,
                                         Progress& progress) const override {
    for (int i = 0; i < steps_; ++i) {
      if (progress.cancelled()) return Status::Cancelled("freeze cancelled");
      progress.Set(static_cast<double>(i) / steps_, "step " + std::to_string(i));
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return std::vector<std::string>{"wrote " + argv[argv.size() - 1]};
  }

 private:
  int steps_;
};

TEST(TuiStateTest, FreezeFormProgressResult) {
  AppOptions options;
  options.freeze_runner = std::make_shared<StepRunner>(5);
  UiFixture ui(tfgraph::testing::TrainingGraph(), options);
  App& app = ui.app();
  ui.Keys(":probs<Enter>oF");
  std::string screen = ui.Screen();
  EXPECT_NE(screen.find("output file         out.pb"), std::string::npos) << screen;
  EXPECT_NE(screen.find("tfgraph freeze model.pb -o out.pb --outputs probs"), std::string::npos)
      << screen;
  // Edit the path, switch --force on, run.
  ui.Keys("<C-u>frozen.pb<Tab><Tab> ");
  screen = ui.Screen();
  EXPECT_NE(screen.find("tfgraph freeze model.pb -o frozen.pb --outputs probs --force"),
            std::string::npos)
      << screen;
  ui.Keys("<Enter>");
  while (app.job_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  app.Tick();
  screen = ui.Screen();
  EXPECT_NE(screen.find("Freeze finished."), std::string::npos) << screen;
  EXPECT_NE(screen.find("wrote --force"), std::string::npos) << screen;
  EXPECT_NE(screen.find("tfgraph freeze model.pb -o frozen.pb --outputs probs --force"),
            std::string::npos);
  ui.Keys("y");
  EXPECT_EQ(app.TakeClipboard().value_or(""),
            "tfgraph freeze model.pb -o frozen.pb --outputs probs --force");
  ui.Keys("q");
  EXPECT_EQ(app.top().Title(), "detail");
}

TEST(TuiStateTest, EscCancelsARunningFreeze) {
  AppOptions options;
  options.freeze_runner = std::make_shared<StepRunner>(1000000);
  UiFixture ui(tfgraph::testing::TrainingGraph(), options);
  App& app = ui.app();
  ui.Keys(":probs<Enter>oF<Enter>");
  EXPECT_TRUE(app.job_running());
  EXPECT_NE(ui.Screen().find("Esc cancels"), std::string::npos);
  ui.Keys("<Esc>");
  while (app.job_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  app.Tick();
  std::string screen = ui.Screen();
  EXPECT_NE(screen.find("Freeze failed: freeze cancelled"), std::string::npos) << screen;
  EXPECT_NE(screen.find("tfgraph freeze model.pb -o out.pb --outputs probs"), std::string::npos);
}

TEST(TuiStateTest, FormEscCancels) {
  UiFixture ui;
  ui.Keys("E");
  std::string screen = ui.Screen();
  EXPECT_NE(screen.find("signature key       serving_default"), std::string::npos) << screen;
  EXPECT_NE(screen.find("tags                serve"), std::string::npos);
  EXPECT_NE(screen.find("  tfgraph export model.pb -o model_export --signature serving_default \\\n"
                        "    --method predict --tags serve\n"),
            std::string::npos)
      << screen;
  ui.Keys("<Esc>");
  EXPECT_EQ(ui.app().top().Title(), "nodes");
  EXPECT_NE(ui.app().message().find("cancelled"), std::string::npos);
}

TEST(TuiStateTest, SubprocessRunnerRunsTheEquivalentCommand) {
  // The default runner executes `exe freeze ...`; /bin/echo stands in for
  // the tfgraph binary, so the result shows exactly the argv it was given.
  auto runner = MakeFreezeRunner("/bin/echo");
  Progress progress;
  auto r = runner->Run({"tfgraph", "freeze", "m.pb", "--outputs", "a,b"}, progress);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0], "freeze m.pb --outputs a,b");
  auto fail = MakeFreezeRunner("/bin/false")->Run({"tfgraph", "freeze"}, progress);
  EXPECT_FALSE(fail.ok());
  EXPECT_NE(fail.status().message().find("exit status 1"), std::string::npos);
}

TEST(TuiStateTest, CancelKillsTheChildAndRemovesItsTemporaries) {
  // A stand-in for `tfgraph freeze` that reports progress, starts writing
  // its AtomicFile/AtomicDir temporaries ("<dest>.tfgraph-tmp-<pid>-<n>")
  // and then takes forever: Esc must stop it and leave nothing behind.
  char dir_template[] = "/tmp/tfgraph_cancel_XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::string dir = dir_template;
  const std::string exe = dir + "/slow_freeze";
  {
    std::ofstream f(exe);
    f << "#!/bin/sh\n"
         "out=''\n"
         "while [ $# -gt 0 ]; do [ \"$1\" = -o ] && out=\"$2\"; shift; done\n"
         "echo partial > \"$out.tfgraph-tmp-$$-0\"\n"
         "mkdir \"$out.tfgraph-tmp-$$-1\" && echo x > \"$out.tfgraph-tmp-$$-1/f\"\n"
         "echo \"[30%] writing $out\"\n"
         "exec sleep 60\n";
  }
  ASSERT_EQ(chmod(exe.c_str(), 0755), 0);
  const std::string out = dir + "/frozen.pb";
  // Another process's temporary is not ours to remove.
  const std::string other = out + ".tfgraph-tmp-999999999-0";
  std::ofstream(other) << "someone else's";
  auto runner = MakeFreezeRunner(exe);
  Job job(*runner, {"tfgraph", "freeze", "m.pb", "-o", out});
  for (int i = 0; i < 400 && job.progress().fraction() < 0.29; ++i) usleep(25000);
  EXPECT_NEAR(job.progress().fraction(), 0.30, 1e-9);
  EXPECT_NE(job.progress().label().find("writing"), std::string::npos);
  job.progress().Cancel();
  job.Wait();
  ASSERT_TRUE(job.done());
  EXPECT_EQ(job.status().code(), Status::Code::kCancelled) << job.status().ToString();
  std::vector<std::string> left;
  DIR* d = opendir(dir.c_str());
  ASSERT_NE(d, nullptr);
  while (dirent* e = readdir(d))
    if (e->d_name[0] != '.') left.push_back(e->d_name);
  closedir(d);
  std::sort(left.begin(), left.end());
  EXPECT_EQ(left, (std::vector<std::string>{"frozen.pb.tfgraph-tmp-999999999-0", "slow_freeze"}));
  unlink(other.c_str());
  unlink(exe.c_str());
  rmdir(dir.c_str());
}

TEST(TuiStateTest, ShellCommandLinesPasteIntoAShell) {
  auto lines = ShellCommandLines(
      {"tfgraph", "freeze", "m.pb", "--outputs", "a,b", "--inputs", "x:0", "-o", "f.pb", "--force"},
      30);
  EXPECT_EQ(lines, (std::vector<std::string>{"tfgraph freeze m.pb \\",
                                             "  --outputs a,b --inputs x:0 \\",
                                             "  -o f.pb --force"}));
  for (const auto& l : lines) EXPECT_LE(l.size(), 30u);
}

TEST(TuiStateTest, ShellQuoting) {
  EXPECT_EQ(ShellCommand({"tfgraph", "freeze", "my model.pb", "--outputs", "a:0,b"}),
            "tfgraph freeze 'my model.pb' --outputs a:0,b");
  EXPECT_EQ(ShellCommand({"it's"}), "'it'\\''s'");
}

}  // namespace
}  // namespace tfgraph::tui

namespace tfgraph::tui {
namespace {

TEST(TuiViewsTest, ConstValuesInFullWithStats) {
  tensorflow::GraphDef def;
  auto* c = tfgraph::testing::AddNode(&def, "table", "Const");
  auto* t = (*c->mutable_attr())["value"].mutable_tensor();
  t->set_dtype(tensorflow::DT_FLOAT);
  t->mutable_tensor_shape()->add_dim()->set_size(2);
  t->mutable_tensor_shape()->add_dim()->set_size(5);
  for (int i = 0; i < 10; ++i) t->add_float_val(static_cast<float>(i) / 2);
  tfgraph::testing::AddNode(&def, "other", "Identity", {"table"});
  testing::UiFixture ui(def);
  App& app = ui.app();
  ui.Keys("v");
  std::string screen = ui.Screen();
  EXPECT_NE(screen.find("float32 [2,5], 10 elements, from the graph"), std::string::npos) << screen;
  EXPECT_NE(screen.find("min 0.0  max 4.5"), std::string::npos);
  EXPECT_NE(screen.find("mean 2.25"), std::string::npos);
  // Three float32 values per row; every value present, none cut off.
  EXPECT_NE(screen.find("[0,0:3]       0.0  0.5  1.0"), std::string::npos) << screen;
  EXPECT_NE(screen.find("[0,3:5]       1.5  2.0"), std::string::npos);
  EXPECT_NE(screen.find("[1,3:5]       4.0  4.5"), std::string::npos);
  // Search works on values too.
  ui.Keys("/4\\.5<Enter>");
  EXPECT_NE(ui.Line(1 + static_cast<int>(app.top().cursor - app.top().top)).find("4.5"),
            std::string::npos);
  ui.Keys("qj");
  ui.Keys("v");
  EXPECT_TRUE(app.message_is_error());
  EXPECT_NE(app.message().find("not a Const or a variable"), std::string::npos);
}

TEST(TuiViewsTest, CandidatesFromTheGraph) {
  testing::UiFixture ui;
  App& app = ui.app();
  ui.Keys("C");
  std::string screen = ui.Screen();
  EXPECT_NE(screen.find("Outputs, best first"), std::string::npos) << screen;
  EXPECT_NE(screen.find("1   probs:0"), std::string::npos) << screen;
  // Pick the top candidate straight from the list.
  ui.Keys("jo");
  EXPECT_EQ(app.picks().Join(PickKind::kOutput, true), "probs:0");
}

}  // namespace
}  // namespace tfgraph::tui
