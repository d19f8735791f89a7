// The variables view's statistics (tui/lazy_stats.h): values equal to
// ComputeStats on the same checkpoint tensor, computed only for rows on
// screen and off the UI thread, placeholders until they arrive, headless
// screens that wait for them; and the detail of a VarHandleOp.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <limits>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "core/bundle_writer.h"
#include "core/checkpoint_reader.h"
#include "core/export_saver.h"
#include "core/model.h"
#include "core/tensor_format.h"
#include "core/tensor_slice.h"
#include "core/tensor_stats.h"
#include "core/variable_binding.h"
#include "core/variables.h"
#include "tests/unit/test_files.h"
#include "tests/unit/tui_fixture.h"
#include "tui/lazy_stats.h"

namespace tfgraph::tui {
namespace {

using tfgraph::testing::AddNode;
using tfgraph::testing::AddVariable;
using tfgraph::testing::SetShape;
using tfgraph::testing::SetType;
using tfgraph::testing::TempDir;
using testing::UiFixture;

// The view's number format (three significant digits).
std::string Short(double v) {
  char buf[32];
  snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

// Screen text after a script, as the headless mode captures it.
std::string Headless(App& app, const std::string& script, int w = 80, int h = 24) {
  MemorySurface screen(w, h);
  Status s = RunScript(app, screen, script);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return screen.ToString();
}

// The screen line showing a variable, or "".
std::string LineOf(const std::string& screen, const std::string& name) {
  size_t start = 0;
  while (start < screen.size()) {
    size_t end = screen.find('\n', start);
    std::string line = screen.substr(start, end - start);
    if (line.compare(0, 2 + name.size() + 1, "  " + name + " ") == 0) return line;
    start = end + 1;
  }
  return "";
}

// A compute function the test controls: it blocks until opened (or until
// the LazyStats stops it) and counts its calls; node n's value is [n, n+2].
class Gate {
 public:
  explicit Gate(bool open = false) : open_(open) {}
  void Open() {
    std::lock_guard<std::mutex> lock(mu_);
    open_ = true;
  }
  int calls() {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }
  LazyStats::Compute Function() {
    return [this](int node, const std::atomic<bool>& stop) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        ++calls_;
      }
      for (;;) {
        {
          std::lock_guard<std::mutex> lock(mu_);
          if (open_) break;
        }
        if (stop) return VarStats();
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
      VarStats r;
      r.kind = VarStats::Kind::kStats;
      r.stats = ComputeStats(Tensor::Of<float>(tensorflow::DT_FLOAT, {2},
                                               {float(node), float(node) + 2}));
      return r;
    };
  }

 private:
  std::mutex mu_;
  bool open_;
  int calls_ = 0;
};

void WaitForCalls(Gate& gate, int n) {
  for (int i = 0; i < 5000 && gate.calls() < n; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

// ---- LazyStats on its own ----------------------------------------------------

TEST(TuiVariablesTest, LazyStatsComputesOnRequestOnly) {
  Gate gate(true);
  LazyStats stats(gate.Function());
  EXPECT_FALSE(stats.pending());
  stats.WaitIdle();  // nothing asked: returns at once
  EXPECT_EQ(gate.calls(), 0);
  EXPECT_EQ(stats.Get(7).kind, VarStats::Kind::kPending);
  stats.WaitIdle();
  EXPECT_TRUE(stats.TakeArrived());
  EXPECT_FALSE(stats.TakeArrived());  // reported once
  VarStats r = stats.Get(7);
  ASSERT_EQ(r.kind, VarStats::Kind::kStats);
  EXPECT_EQ(r.stats.min, 7);
  EXPECT_EQ(r.stats.max, 9);
  EXPECT_EQ(r.stats.mean, 8);
  stats.Get(7);  // known: not computed again
  stats.WaitIdle();
  EXPECT_EQ(gate.calls(), 1);
  EXPECT_FALSE(stats.pending());
}

TEST(TuiVariablesTest, LazyStatsKeepsABoundedQueueAndJoinsWhileBusy) {
  Gate gate;
  auto stats = std::make_unique<LazyStats>(gate.Function());
  stats->Get(0);
  WaitForCalls(gate, 1);  // node 0 is running, the worker is blocked
  for (int n = 1; n <= 300; ++n) EXPECT_EQ(stats->Get(n).kind, VarStats::Kind::kPending);
  EXPECT_TRUE(stats->pending());
  gate.Open();
  stats->WaitIdle();
  // The running one plus at most kMaxQueued waiting ones were computed.
  EXPECT_EQ(gate.calls(), 1 + static_cast<int>(LazyStats::kMaxQueued));
  EXPECT_EQ(stats->Get(1).kind, VarStats::Kind::kStats);  // asked first in its frame
  EXPECT_EQ(stats->Get(300).kind, VarStats::Kind::kPending);  // dropped, asked again now

  // Destroyed while a computation blocks: the worker is told to stop and
  // joined (the test would hang, or TSan complain, otherwise).
  Gate closed;
  auto busy = std::make_unique<LazyStats>(closed.Function());
  busy->Get(1);
  busy->Get(2);
  WaitForCalls(closed, 1);
  busy.reset();
  EXPECT_EQ(closed.calls(), 1);
}

// ---- the view, with statistics the test controls ---------------------------------

TEST(TuiVariablesTest, PlaceholderUntilStatsArriveThenRedraw) {
  Gate gate;
  auto stats = std::make_shared<LazyStats>(gate.Function());
  AppOptions options;
  options.variable_stats = stats;
  UiFixture ui(tfgraph::testing::TrainingGraph(), options);
  App& app = ui.app();
  ui.Keys("V");
  // A plain Draw (as the terminal makes) does not wait: placeholders.
  app.Draw(ui.surface());
  std::string screen = ui.surface().ToString();
  EXPECT_EQ(LineOf(screen, "w"),
            "  w                    float32 (4, 3)         48 B       ...") << screen;
  EXPECT_EQ(LineOf(screen, "b"),
            "  b                    float32 (3,)           12 B       ...") << screen;
  EXPECT_TRUE(app.stats_pending());
  EXPECT_EQ(app.Tick() & kDirtyBody, 0u);  // nothing arrived yet

  gate.Open();
  stats->WaitIdle();
  EXPECT_NE(app.Tick() & kDirtyBody, 0u);  // arrivals redraw the view
  EXPECT_FALSE(app.stats_pending());
  // w is node 2, b node 3 of the training graph: values [n, n+2].
  screen = ui.Screen();
  EXPECT_EQ(LineOf(screen, "w"),
            "  w                    float32 (4, 3)         48 B         2         4         3")
      << screen;
  EXPECT_EQ(LineOf(screen, "b"),
            "  b                    float32 (3,)           12 B         3         5         4")
      << screen;
  EXPECT_EQ(ui.Line(1),
            "  name                 dtype shape           bytes       min       max      mean");
}

TEST(TuiVariablesTest, ComputesOnlyRowsOnScreen) {
  tensorflow::GraphDef def;
  for (int i = 0; i < 500; ++i) {
    char name[16];
    snprintf(name, sizeof name, "v%03d", i);
    AddVariable(&def, name, {2});
  }
  Gate gate(true);
  AppOptions options;
  options.variable_stats = std::make_shared<LazyStats>(gate.Function());
  UiFixture ui(def, options);
  ui.Keys("V");
  std::string screen = ui.Screen();
  const int rows = ui.app().BodyHeight();
  EXPECT_EQ(rows, 20);
  EXPECT_EQ(gate.calls(), rows) << screen;
  EXPECT_EQ(screen.find("..."), std::string::npos) << screen;
  ui.Keys("<PgDn>");
  screen = ui.Screen();
  EXPECT_EQ(gate.calls(), 2 * rows) << screen;
  EXPECT_EQ(screen.find("..."), std::string::npos) << screen;
  ui.Keys("<PgUp>");
  ui.Screen();
  EXPECT_EQ(gate.calls(), 2 * rows);  // computed once, kept
}

TEST(TuiVariablesTest, GraphOnlyVariablesSayThereIsNoCheckpoint) {
  UiFixture ui;  // a bare graph: no checkpoint at all
  ui.Keys("V");
  std::string screen = ui.Screen();
  EXPECT_NE(ui.Line(0).find("2 variables, 60 B, graph only (no checkpoint)"), std::string::npos)
      << screen;
  EXPECT_EQ(LineOf(screen, "w"),
            "  w                    float32 (4, 3)         48 B  graph only: no checkpoint")
      << screen;
  EXPECT_FALSE(ui.app().stats_pending());
}

TEST(TuiVariablesTest, WiderScreensShowMoreColumns) {
  Gate gate(true);
  AppOptions options;
  options.variable_stats = std::make_shared<LazyStats>(gate.Function());
  UiFixture ui(tfgraph::testing::TrainingGraph(), options);
  std::string screen = Headless(ui.app(), "V", 120, 24);
  EXPECT_NE(screen.find("bytes       min       max      mean       std     nan     inf     zeros"),
            std::string::npos)
      << screen;
  // w: [2, 4]: std 1, no NaN, Inf or zeros.
  EXPECT_NE(LineOf(screen, "w").find("  2         4         3         1       0       0         0"),
            std::string::npos)
      << screen;
  // Columns come in as they fit; NaN and Inf counts only together.
  auto header = [&](int width) {
    std::string s = Headless(ui.app(), "", width, 24);
    return s.substr(s.find('\n') + 1, s.find('\n', s.find('\n') + 1) - s.find('\n') - 1);
  };
  EXPECT_EQ(header(89).substr(header(89).size() - 20), "       max      mean");
  EXPECT_EQ(header(90).substr(header(90).size() - 8), "     std");
  EXPECT_EQ(header(105).substr(header(105).size() - 8), "     std");
  EXPECT_EQ(header(106).substr(header(106).size() - 16), "     nan     inf");
  EXPECT_EQ(header(116).substr(header(116).size() - 10), "     zeros");
  EXPECT_EQ(header(200).find("dtype shape"), 107u);  // the name takes the rest
}

// ---- real checkpoints -------------------------------------------------------------

// The training graph plus a string variable, saved beside a checkpoint that
// holds w (with a NaN and an Inf) and vocab, but not b.
struct SavedModelFiles {
  TempDir dir;
  std::string graph, prefix;
  Tensor w = Tensor::Of<float>(tensorflow::DT_FLOAT, {4, 3},
                               {1.5f, -2.0f, 0.0f, std::numeric_limits<float>::quiet_NaN(),
                                3.25f, std::numeric_limits<float>::infinity(), 7.0f, 0.5f,
                                -0.125f, 2.0f, 1e-5f, 4.0f});
  Tensor vocab;
  SavedModelFiles() {
    auto def = tfgraph::testing::TrainingGraph();
    auto* v = AddNode(&def, "vocab", "VariableV2");
    SetType(v, "dtype", tensorflow::DT_STRING);
    SetShape(v, "shape", {3});
    graph = dir / "model.pb";
    tfgraph::testing::WriteFile(graph, def.SerializeAsString());
    prefix = dir / "ckpt/model";
    vocab = *Tensor::FromStrings(tensorflow::DT_STRING, {3}, {"a", "hello", "abc"});
    std::filesystem::create_directories(dir / "ckpt");
    auto writer = BundleWriter::Create(prefix, BundleWriterOptions{true, 1});
    EXPECT_TRUE(writer.ok());
    EXPECT_TRUE((*writer)->Add("w", w).ok());
    EXPECT_TRUE((*writer)->Add("vocab", vocab).ok());
    EXPECT_TRUE((*writer)->Finish().ok());
  }
};

TEST(TuiVariablesTest, CheckpointValuesNoValueAndStrings) {
  SavedModelFiles files;
  LoadOptions lo;
  lo.checkpoint = files.prefix;
  auto model = Model::Load(files.graph, lo);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  Document doc(**model);
  App app(doc);
  std::string screen = Headless(app, "V", 120, 24);
  EXPECT_EQ(screen.find("..."), std::string::npos) << screen;
  EXPECT_EQ(screen.find("graph only"), std::string::npos) << screen;
  // At 120 columns: name 25, dtype shape 17, bytes 10, then min, max, mean,
  // std (10 each), nan, inf (8 each) and zeros (10).
  auto right = [](const std::string& text, size_t cols) {
    return std::string(cols - text.size(), ' ') + text;
  };
  TensorStats w = ComputeStats(files.w);
  ASSERT_EQ(w.nan, 1);
  ASSERT_EQ(w.pos_inf, 1);
  ASSERT_EQ(w.zeros, 1);
  std::string expected = "  w" + std::string(24, ' ') + "float32 (4, 3)   " + right("48 B", 10);
  for (double x : {w.min, w.max, w.mean, w.std}) expected += right(Short(x), 10);
  expected += right("1", 8) + right("1", 8) + right("1", 10);
  EXPECT_EQ(LineOf(screen, "w"), expected) << screen;
  EXPECT_EQ(Short(w.min), "-2");
  EXPECT_EQ(Short(w.max), "7");
  // b has no entry in the checkpoint; vocab is a string variable (its
  // size is unknown from the graph: "?").
  EXPECT_EQ(LineOf(screen, "b"), "  b" + std::string(24, ' ') + "float32 (3,)     " +
                                     right("12 B", 10) + "  not in the checkpoint")
      << screen;
  EXPECT_EQ(LineOf(screen, "vocab"), "  vocab" + std::string(20, ' ') + "string (3,)      " +
                                         right("?", 10) + "  length 1..5 bytes")
      << screen;
  // Too narrow for the NaN and Inf columns: their count replaces the last
  // statistic shown (mean at 80, std at 90).
  screen = Headless(app, "", 80, 24);
  EXPECT_EQ(LineOf(screen, "w"), "  w" + std::string(20, ' ') + "float32 (4, 3)   " +
                                     right("48 B", 10) + right(Short(w.min), 10) +
                                     right(Short(w.max), 10) + right("nan+inf 2", 10))
      << screen;
  screen = Headless(app, "", 90, 24);
  EXPECT_EQ(LineOf(screen, "w").substr(LineOf(screen, "w").size() - 20),
            right(Short(w.mean), 10) + right("nan+inf 2", 10))
      << screen;
  EXPECT_EQ(LineOf(screen, "b"), "  b" + std::string(20, ' ') + "float32 (3,)     " +
                                     right("12 B", 10) + "  not in the checkpoint")
      << screen;
}

// On samples TensorFlow wrote: every variable's numbers are ComputeStats of
// the value the graph restores into it: its checkpoint entry, or for a part
// of a partitioned variable the part's slice of the entry (so the count is
// always the number of elements of the variable node's own shape).
TEST(TuiVariablesTest, SampleStatsMatchComputeStats) {
  std::string samples = tfgraph::testing::SamplesDir();
  if (samples.empty()) GTEST_SKIP() << "TFGRAPH_SAMPLES not set";
  for (const char* sample :
       {"tf1_checkpoint", "tf1_checkpoint_resource", "tf2_saved_model", "partitioned"}) {
    SCOPED_TRACE(sample);
    auto model = Model::Load(samples + "/" + sample);
    ASSERT_TRUE(model.ok()) << model.status().ToString();
    Document doc(**model);
    auto reader = (*model)->checkpoint();
    ASSERT_TRUE(reader.ok() && *reader);
    VariableBinding binding = BindVariables(**model, **reader);
    std::map<std::string, std::string> slice_of;  // partitioned parts
    if ((*model)->meta_graph() && (*model)->meta_graph()->has_saver_def()) {
      auto saver = BindingsFromSaver(doc.graph(), (*model)->meta_graph()->saver_def());
      if (saver.ok())
        for (const auto& b : *saver)
          if (!b.slice.empty()) slice_of[b.node] = b.slice.substr(b.slice.rfind(' ') + 1);
    }
    auto stats = MakeCheckpointStats(doc);
    ASSERT_NE(stats, nullptr);
    const Graph& g = doc.graph();
    int checked = 0, parts = 0;
    for (const auto& [key, nodes] : binding.nodes_of_key) {
      auto full = (*reader)->Read(key);
      ASSERT_TRUE(full.ok()) << full.status().ToString();
      for (const auto& name : nodes) {
        SCOPED_TRACE(name);
        int node = g.Find(name);
        ASSERT_GE(node, 0);
        Tensor value = *full;
        if (nodes.size() > 1) {
          ASSERT_TRUE(slice_of.count(name));
          auto slice = TensorSlice::Parse(slice_of[name]);
          ASSERT_TRUE(slice.ok());
          auto part = ExtractSlice(*full, *slice);
          ASSERT_TRUE(part.ok());
          value = *part;
          ++parts;
        }
        TensorStats want = ComputeStats(value);
        if (stats->Get(node).kind == VarStats::Kind::kPending) stats->WaitIdle();
        VarStats got = stats->Get(node);
        ASSERT_EQ(got.kind, VarStats::Kind::kStats) << got.message;
        const auto& shape = g.def(node).attr().at("shape").shape();
        int64_t elements = 1;
        for (const auto& d : shape.dim()) elements *= d.size();
        EXPECT_EQ(got.stats.count, elements);
        EXPECT_EQ(got.stats.count, want.count);
        EXPECT_EQ(got.stats.nan, want.nan);
        EXPECT_EQ(got.stats.pos_inf + got.stats.neg_inf, want.pos_inf + want.neg_inf);
        EXPECT_EQ(got.stats.zeros, want.zeros);
        EXPECT_EQ(got.stats.string_like, want.string_like);
        EXPECT_EQ(got.stats.min, want.min);
        EXPECT_EQ(got.stats.max, want.max);
        EXPECT_EQ(got.stats.mean, want.mean);
        EXPECT_EQ(got.stats.std, want.std);
        ++checked;
      }
    }
    EXPECT_GT(checked, 0);
    if (std::string(sample) == "partitioned") {
      EXPECT_GE(parts, 6);
    }
    for (const auto& name : binding.missing_nodes) {
      int node = g.Find(name);
      stats->Get(node);
      stats->WaitIdle();
      EXPECT_EQ(stats->Get(node).kind, VarStats::Kind::kNoValue) << name;
    }
  }
}

// The headless mode on a sample: the first screen of the variables view has
// every row's numbers, the first row's equal to ComputeStats'.
TEST(TuiVariablesTest, HeadlessScreenOfASampleHasTheStats) {
  std::string samples = tfgraph::testing::SamplesDir();
  if (samples.empty()) GTEST_SKIP() << "TFGRAPH_SAMPLES not set";
  auto model = Model::Load(samples + "/tf1_checkpoint");
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  Document doc(**model);
  App app(doc);
  std::string screen = Headless(app, "V");
  EXPECT_EQ(screen.find("..."), std::string::npos) << screen;
  EXPECT_NE(screen.find("  name                 dtype shape           bytes       min       max      mean"),
            std::string::npos)
      << screen;
  // The first variable in graph order.
  const Graph& g = doc.graph();
  int first = -1;
  for (int i = 0; i < g.size() && first < 0; ++i)
    if (CreatesVariable(g.op(i))) first = i;
  ASSERT_GE(first, 0);
  auto reader = (*model)->checkpoint();
  ASSERT_TRUE(reader.ok() && *reader);
  VariableBinding binding = BindVariables(**model, **reader);
  std::string key;
  for (const auto& [k, nodes] : binding.nodes_of_key)
    for (const auto& n : nodes)
      if (n == g.name(first)) key = k;
  ASSERT_FALSE(key.empty());
  auto t = (*reader)->Read(key);
  ASSERT_TRUE(t.ok());
  TensorStats want = ComputeStats(*t);
  std::string stats;
  for (double x : {want.min, want.max, want.mean}) {
    std::string s = Short(x);
    stats += std::string(10 - s.size(), ' ') + s;
  }
  std::istringstream lines(screen);
  std::string line;
  for (int i = 0; i < 3; ++i) std::getline(lines, line);  // title, header, first row
  EXPECT_EQ(line.substr(2, g.name(first).size()), g.name(first)) << screen;
  EXPECT_EQ(line.substr(line.size() - stats.size()), stats) << screen;
  // Long names lose their front, not the end that tells the slots apart.
  EXPECT_NE(screen.find("\n  ~/dense/weights/Adam float32 (8, 16) "), std::string::npos) << screen;
  EXPECT_NE(screen.find("\n  ~ense/weights/Adam_1 float32 (8, 16) "), std::string::npos) << screen;
}

// A tensor of more than one piece (4 Mi elements) is summarised piece by
// piece (so that quitting need not wait for it): the same numbers, up to
// the order the sums are added in.
TEST(TuiVariablesTest, BigTensorsInPieces) {
  TempDir dir;
  const int64_t n = (int64_t{1} << 22) + 12345;
  std::vector<float> values(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) values[static_cast<size_t>(i)] = float((i * 7919) % 1000) / 7 - 50;
  values[4242] = std::numeric_limits<float>::quiet_NaN();
  values[static_cast<size_t>(n - 1)] = -std::numeric_limits<float>::infinity();
  Tensor big = Tensor::Of<float>(tensorflow::DT_FLOAT, {n}, values);
  tensorflow::GraphDef def;
  AddVariable(&def, "big", {n});
  tfgraph::testing::WriteFile(dir / "model.pb", def.SerializeAsString());
  {
    auto writer = BundleWriter::Create(dir / "ckpt", BundleWriterOptions{true, 1});
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Add("big", big).ok());
    ASSERT_TRUE((*writer)->Finish().ok());
  }
  LoadOptions lo;
  lo.checkpoint = dir / "ckpt";
  auto model = Model::Load(dir / "model.pb", lo);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  Document doc(**model);
  auto stats = MakeCheckpointStats(doc);
  ASSERT_NE(stats, nullptr);
  stats->Get(0);
  stats->WaitIdle();
  VarStats got = stats->Get(0);
  ASSERT_EQ(got.kind, VarStats::Kind::kStats) << got.message;
  TensorStats want = ComputeStats(big);
  EXPECT_EQ(got.stats.count, n);
  EXPECT_EQ(got.stats.finite, want.finite);
  EXPECT_EQ(got.stats.nan, 1);
  EXPECT_EQ(got.stats.neg_inf, 1);
  EXPECT_EQ(got.stats.zeros, want.zeros);
  EXPECT_EQ(got.stats.min, want.min);
  EXPECT_EQ(got.stats.max, want.max);
  EXPECT_NEAR(got.stats.mean, want.mean, 1e-9 * std::abs(want.mean) + 1e-12);
  EXPECT_NEAR(got.stats.std, want.std, 1e-9 * want.std);
}

// ---- the detail of a resource variable ------------------------------------------

TEST(TuiVariablesTest, VarHandleOpDetailShowsHandleAndVariableType) {
  tensorflow::GraphDef def;
  auto* v = AddNode(&def, "dense/kernel", "VarHandleOp");
  SetType(v, "dtype", tensorflow::DT_FLOAT);
  SetShape(v, "shape", {8, 16});
  (*v->mutable_attr())["shared_name"].set_s("dense/kernel");
  (*v->mutable_attr())["_output_shapes"].mutable_list()->add_shape();  // a scalar handle
  AddNode(&def, "dense/kernel/Read", "ReadVariableOp", {"dense/kernel"});
  UiFixture ui(def);
  ui.Keys("<Enter>");
  std::string screen = ui.Screen();
  EXPECT_NE(screen.find("\n  type     resource () (variable handle)\n"), std::string::npos) << screen;
  EXPECT_NE(screen.find("\n  variable float32 (8, 16)\n"), std::string::npos) << screen;
  EXPECT_EQ(screen.find("type     float32"), std::string::npos) << screen;
  // Other ops keep their one type line.
  ui.Keys("<Left>j<Enter>");
  screen = ui.Screen();
  EXPECT_NE(screen.find("[detail] dense/kernel/Read"), std::string::npos) << screen;
  EXPECT_EQ(screen.find("variable handle"), std::string::npos) << screen;
  EXPECT_EQ(screen.find("  variable "), std::string::npos) << screen;
}

// `v` on a part of a partitioned variable pages that part's slice of the
// checkpoint entry (10 of the 30 rows), not the whole entry.
TEST(TuiVariablesTest, ValuesOfAPartitionedPartAreItsSlice) {
  std::string samples = tfgraph::testing::SamplesDir();
  if (samples.empty()) GTEST_SKIP() << "TFGRAPH_SAMPLES not set";
  auto model = Model::Load(samples + "/partitioned");
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  auto reader = (*model)->checkpoint();
  ASSERT_TRUE(reader.ok() && *reader);
  auto full = (*reader)->Read("embedding/table");
  ASSERT_TRUE(full.ok());
  Document doc(**model);
  for (int part = 0; part < 3; ++part) {
    SCOPED_TRACE(part);
    std::string name = "embedding/table/part_" + std::to_string(part);
    App app(doc);
    std::string screen = Headless(app, ":" + name + "<Enter>\nv\n");
    std::string slice = std::to_string(part * 10) + ",10:0,6";
    EXPECT_NE(screen.find("[values] " + name), std::string::npos) << screen;
    EXPECT_NE(screen.find("float32 [10,6], 60 elements, from checkpoint entry embedding/table, slice " +
                          slice.substr(0, 3)),
              std::string::npos)
        << screen;
    // The statistics shown are those of the slice, not of the whole entry.
    auto want = ExtractSlice(*full, *TensorSlice::Parse(slice));
    ASSERT_TRUE(want.ok());
    TensorStats stats = ComputeStats(*want);
    EXPECT_NE(screen.find("min " + FormatDouble(stats.min) + "  max " + FormatDouble(stats.max)),
              std::string::npos)
        << screen;
  }
}

}  // namespace
}  // namespace tfgraph::tui
