// The UI on a synthetic graph of a million nodes, measured headless.
//
//   tfgraph_tui_bench [--nodes N] [--write PATH]
//
// Builds a GraphDef shaped like a deep CNN (scopes block_i/unit_j/..., Conv2D,
// BiasAdd, Relu, variables with their reads, small Consts), writes it to PATH
// (default /tmp/tfgraph_bench_<N>.pb), then loads it with Model::Load and
// drives the App on a MemorySurface at 80x24, timing:
//   loading screen       what `tfgraph MODEL` shows while the model loads:
//                        ReadGraphHead (count the nodes, parse the first
//                        page) + the LoadingScreen drawn
//   load                 Model::Load (read, parse, index) of the .pb
//   first screen         App construction + first Draw
//   regex over all names Pattern::Compile + a match test on every node name
//   search to last node  `/` with a pattern only the last node matches
//   key to redraw        HandleKey + Draw for movement keys (median, max)
//   one-off actions      sort by name, filter by op, scope tree, freeze preview
// Prints one line per figure; bench/run.sh adds the end-to-end process time.
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/graph_head.h"
#include "tui/document.h"
#include "tui/loading.h"
#include "tui/keys.h"
#include "tui/name_index.h"
#include "tui/search.h"
#include "tui/state.h"
#include "tui/surface.h"

namespace {

using Clock = std::chrono::steady_clock;
double Ms(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}
// CPU time of this thread: on a shared, loaded machine it is the fairer
// figure (wall time includes waiting for a core).
double CpuMs() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}
// CPU time of the whole process (all threads, background ones included).
double ProcessCpuMs() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

void Shape(tensorflow::NodeDef* n, const char* attr, std::initializer_list<int64_t> dims) {
  auto* s = (*n->mutable_attr())[attr].mutable_shape();
  for (auto d : dims) s->add_dim()->set_size(d);
}

tensorflow::GraphDef Generate(int target) {
  tensorflow::GraphDef g;
  auto add = [&](const std::string& name, const char* op) {
    auto* n = g.add_node();
    n->set_name(name);
    n->set_op(op);
    return n;
  };
  auto* x = add("input", "Placeholder");
  (*x->mutable_attr())["dtype"].set_type(tensorflow::DT_FLOAT);
  Shape(x, "shape", {-1, 224, 224, 3});
  std::string prev = "input";
  for (int block = 0; g.node_size() < target; ++block) {
    for (int unit = 0; unit < 50 && g.node_size() < target; ++unit) {
      std::string scope = "block_" + std::to_string(block) + "/unit_" + std::to_string(unit) + "/";
      auto* w = add(scope + "conv/kernel", "VariableV2");
      (*w->mutable_attr())["dtype"].set_type(tensorflow::DT_FLOAT);
      Shape(w, "shape", {3, 3, 64, 64});
      add(scope + "conv/kernel/read", "Identity")->add_input(scope + "conv/kernel");
      auto* conv = add(scope + "conv/Conv2D", "Conv2D");
      conv->add_input(prev);
      conv->add_input(scope + "conv/kernel/read");
      (*conv->mutable_attr())["T"].set_type(tensorflow::DT_FLOAT);
      (*conv->mutable_attr())["padding"].set_s("SAME");
      conv->set_device("/job:localhost/replica:0/task:0/device:GPU:0");
      auto* b = add(scope + "conv/bias", "Const");
      auto* t = (*b->mutable_attr())["value"].mutable_tensor();
      t->set_dtype(tensorflow::DT_FLOAT);
      t->mutable_tensor_shape()->add_dim()->set_size(4);
      for (int i = 0; i < 4; ++i) t->add_float_val(0.01f * i);
      auto* ba = add(scope + "conv/BiasAdd", "BiasAdd");
      ba->add_input(scope + "conv/Conv2D");
      ba->add_input(scope + "conv/bias");
      auto* relu = add(scope + "relu", "Relu");
      relu->add_input(scope + "conv/BiasAdd");
      Shape(relu, "_output_shapes", {-1, 56, 56, 64});
      prev = scope + "relu";
    }
  }
  auto* out = add("logits/Softmax", "Softmax");
  out->add_input(prev);
  return g;
}

struct Timings {
  std::vector<double> ms;
  void Add(double v) { ms.push_back(v); }
  double Median() {
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
  }
  double Max() { return *std::max_element(ms.begin(), ms.end()); }
};

}  // namespace

int main(int argc, char** argv) {
  using namespace tfgraph;
  using namespace tfgraph::tui;
  int nodes = 1000000;
  std::string path;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--nodes" && i + 1 < argc) nodes = atoi(argv[++i]);
    else if (a == "--write" && i + 1 < argc) path = argv[++i];
    else {
      fprintf(stderr, "usage: tfgraph_tui_bench [--nodes N] [--write PATH]\n");
      return 2;
    }
  }
  if (path.empty()) path = "/tmp/tfgraph_bench_" + std::to_string(nodes) + ".pb";
  {
    auto t0 = Clock::now();
    tensorflow::GraphDef g = Generate(nodes);
    std::ofstream out(path, std::ios::binary);
    if (!g.SerializeToOstream(&out)) {
      fprintf(stderr, "cannot write %s\n", path.c_str());
      return 5;
    }
    out.close();
    printf("generated           %d nodes, %.1f MB, %s (%.0f ms)\n", g.node_size(),
           g.ByteSizeLong() / 1e6, path.c_str(), Ms(t0, Clock::now()));
  }

  // Freeing the generated graph left a million small chunks in malloc's
  // bins; consolidate them now, or the first big allocation below pays for
  // it (0.7 s that a fresh `tfgraph` process never sees).
  malloc_trim(0);
  {
    // The first thing a user sees: the loading screen, from the file's head.
    double c0 = CpuMs();
    auto a = Clock::now();
    LoadingScreen loading(path, ReadGraphHead(path, 200));
    MemorySurface screen(80, 24);
    loading.Draw(screen, 0.0);
    auto b = Clock::now();
    if (!loading.has_head()) {
      fprintf(stderr, "no graph head for %s\n", path.c_str());
      return 3;
    }
    printf("loading screen       %8.1f ms wall, %.1f ms cpu (GraphHead: count the nodes, parse "
           "the first page; draw)\n",
           Ms(a, b), CpuMs() - c0);
  }
  {
    // The bare cost of parsing and indexing, for comparison with the loader.
    std::string bytes;
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
    double c0 = CpuMs();
    tensorflow::GraphDef g;
    g.ParseFromString(bytes);
    double c1 = CpuMs();
    auto idx = Graph::FromGraphDef(g);
    double c2 = CpuMs();
    printf("parse / Graph index  %8.1f / %.1f ms cpu (protobuf parse, then core/graph)\n", c1 - c0,
           c2 - c1);
  }
  {
    // What every subcommand does: the index built before Load returns.
    double c0 = CpuMs();
    auto a = Clock::now();
    auto m = Model::Load(path);
    auto b = Clock::now();
    if (!m.ok()) {
      fprintf(stderr, "load failed: %s\n", m.status().ToString().c_str());
      return 3;
    }
    printf("Model::Load          %8.1f ms wall, %.1f ms cpu (parse + Graph index + loader)\n",
           Ms(a, b), CpuMs() - c0);
  }
  // What the UI does: the edge index on a background thread, the first
  // screen drawn as soon as the protos are parsed.
  double cl0 = CpuMs();
  double pl0 = ProcessCpuMs();
  auto t0 = Clock::now();
  LoadOptions background;
  background.background_index = true;
  auto model = Model::Load(path, background);
  auto t1 = Clock::now();
  double cl1 = CpuMs();
  if (!model.ok()) {
    fprintf(stderr, "load failed: %s\n", model.status().ToString().c_str());
    return 3;
  }
  Document doc(**model);
  MemorySurface screen(80, 24);
  App app(doc);
  app.Resize(80, 24);
  app.Draw(screen);
  auto t2 = Clock::now();
  double cl2 = CpuMs();
  printf("load, index deferred %8.1f ms wall, %.1f ms cpu (Model::Load, background_index)\n",
         Ms(t0, t1), cl1 - cl0);
  printf("first screen         %8.1f ms wall, %.1f ms cpu (App + first draw; %.1f ms wall, "
         "%.1f ms cpu from the start of the load)\n",
         Ms(t1, t2), cl2 - cl1, Ms(t0, t2), cl2 - cl0);
  Status indexed = doc.graph().index_status();
  auto t3 = Clock::now();
  printf("edge index ready     %8.1f ms wall after the start of the load (%s); process cpu "
         "%.1f ms so far, all threads\n",
         Ms(t0, t3), indexed.ok() ? "ok" : indexed.message().c_str(), ProcessCpuMs() - pl0);

  const Graph& graph = doc.graph();
  {
    double c0 = CpuMs();
    auto a = Clock::now();
    NameIndex index(graph);
    double c1 = CpuMs();
    auto b = Clock::now();
    Pattern p = Pattern::Compile("unit_7/conv/bias");
    int n = index.CountMatches(p);
    double c2 = CpuMs();
    auto c = Clock::now();
    printf("name buffer (once)   %8.1f ms wall, %.1f ms cpu\n", Ms(a, b), c1 - c0);
    printf("regex over all names %8.1f ms wall, %.1f ms cpu (%d of %d names match "
           "'unit_7/conv/bias')\n",
           Ms(b, c), c2 - c1, n, graph.size());
    double c3 = CpuMs();
    size_t m = 0;
    for (int i = 0; i < graph.size(); ++i) m += p.Matches(graph.name(i));
    printf("  (one match per name instead: %.1f ms cpu, %zu matches)\n", CpuMs() - c3, m);
  }
  auto keys = [&](const char* text) {
    auto parsed = ParseKeys(text);
    for (int k : *parsed) app.HandleKey(k);
  };
  {
    double c0 = CpuMs();
    auto a = Clock::now();
    keys("/logits/Softmax<Enter>");
    app.Draw(screen);
    auto b = Clock::now();
    printf("search to last node  %8.1f ms wall, %.1f ms cpu (%s)\n", Ms(a, b), CpuMs() - c0,
           app.message().c_str());
    keys("g");
    keys("/unit_7/relu$<Enter>");
  }
  struct Key {
    const char* name;
    const char* keys;
  } moves[] = {{"j", "j"},         {"k", "k"},       {"PgDn", "<PgDn>"}, {"PgUp", "<PgUp>"},
               {"C-d", "<C-d>"},  {"G", "G"},       {"g", "g"},         {"n", "n"},
               {"N", "N"},
               {"Enter+h", "<Enter>h"}};
  for (const auto& m : moves) {
    Timings t, cpu;
    for (int i = 0; i < 200; ++i) {
      double c = CpuMs();
      auto a = Clock::now();
      keys(m.keys);
      app.Draw(screen);
      t.Add(Ms(a, Clock::now()));
      cpu.Add(CpuMs() - c);
    }
    printf("key to redraw %-7s %8.3f ms median wall, %.3f ms max wall, %.3f ms max cpu\n",
           m.name, t.Median(), t.Max(), cpu.Max());
  }
  auto once = [&](const char* label, const char* k) {
    double c = CpuMs();
    auto a = Clock::now();
    keys(k);
    app.Draw(screen);
    printf("%-20s %8.1f ms wall, %.1f ms cpu\n", label, Ms(a, Clock::now()), CpuMs() - c);
  };
  once("sort by name (s)", "s");
  once("sort by op (s)", "s");
  once("graph order (s)", "s");
  once("filter op:^Relu$", "\\op:^Relu$<Enter>");
  once("filter cleared", "\\<Enter>");
  once("scope tree (T)", "T");
  once("unfold a scope", "<Enter>");
  once("back (h)", "h");
  once("pick last + preview", "G:logits/Softmax<Enter>o");
  once("goto completion", ":block_99/unit_4<Tab><Esc>");
  return 0;
}
