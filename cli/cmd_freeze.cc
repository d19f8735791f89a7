// tfgraph freeze MODEL --outputs A[,B...] ...: one frozen GraphDef.
//
// Reads the options, loads the model, resolves a --signature into inputs and
// outputs, runs core/freeze, writes the result atomically and reports what it
// did: nodes kept and dropped, variables frozen, bytes, and the feed and fetch
// tensor names exactly as a TensorFlow user writes them.
#include <algorithm>
#include <cstdio>
#include <map>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/output.h"
#include "core/candidates.h"
#include "core/checkpoint_reader.h"
#include "core/dtype.h"
#include "core/freeze.h"
#include "core/mapped_file.h"

namespace tfgraph::cli {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsTextPath(std::string_view path) {
  return EndsWith(path, ".pbtxt") || EndsWith(path, ".txt") || EndsWith(path, ".pbtext");
}

// MODEL -> "<stem>.frozen.pb" in the current directory.
std::string DefaultOutput(const std::string& model) {
  std::string p = model;
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  std::string base = Basename(p);
  for (const char* ext : {".pbtxt", ".pb", ".meta", ".index"})
    if (EndsWith(base, ext)) base.resize(base.size() - std::string(ext).size());
  if (base.empty() || base == "." || base == "..") base = "model";
  return base + ".frozen.pb";
}

std::string ShapeJson(const OptShape& s) { return JsonShape(s); }

int Fail(const Status& s) {
  Diag(s.message());
  return ExitCodeFor(s);
}

}  // namespace

int RunFreeze(const Invocation& inv) {
  const Args& args = inv.args;
  const std::string& model_path = args.positional().at(0);

  // Everything the user typed is checked before the model is read.
  FreezeOptions opt;
  opt.outputs = args.GetList("outputs");
  for (const auto& text : RejoinBracketed(args.GetList("inputs"))) {
    auto spec = ParseInputSpec(text);
    if (!spec.ok()) return Fail(spec.status());
    opt.inputs.push_back(std::move(spec).value());
  }
  for (const auto& text : args.GetList("const")) {
    auto c = ParseConstSpec(text);
    if (!c.ok()) return Fail(c.status());
    opt.consts.push_back(std::move(c).value());
  }
  opt.clear_devices = args.Has("clear-devices");
  opt.ema = args.Has("ema");
  const bool force = args.Has("force");
  const std::string signature_key = args.Get("signature");
  std::string out_path = args.Get("output");
  if (out_path.empty()) out_path = DefaultOutput(model_path);
  if (!force && PathExists(out_path))
    return Fail(Status::AlreadyExists(out_path + ": already exists (use --force to replace it)"));

  int code;
  ReportProgress(0, "loading the model");
  auto model = LoadModelForCommand(inv, &code, inv.json);
  if (!model) return code;

  // A signature gives inputs and outputs (explicit --outputs/--inputs win).
  std::map<std::string, std::string> key_of;  // tensor name -> signature key
  if (!signature_key.empty()) {
    const Signature* sig = nullptr;
    for (const auto& s : model->signatures())
      if (s.key == signature_key) sig = &s;
    if (sig == nullptr) {
      std::string msg = model_path + ": no signature '" + signature_key + "'";
      if (model->signatures().empty()) {
        msg += " (the model has no signatures)";
      } else {
        msg += "; signatures:";
        for (const auto& s : model->signatures()) msg += " " + s.key;
      }
      return Fail(Status::NotFound(msg));
    }
    if (opt.outputs.empty())
      for (const auto& t : sig->outputs) opt.outputs.push_back(t.name);
    if (opt.inputs.empty()) {
      for (const auto& t : sig->inputs) {
        InputSpec spec;
        spec.name = t.name;
        opt.inputs.push_back(spec);
      }
    }
    for (const auto& t : sig->outputs) key_of[t.name] = t.key;
    for (const auto& t : sig->inputs) key_of[t.name] = t.key;
  }
  if (opt.outputs.empty()) {
    std::string msg = "freeze: give --outputs NAME[,NAME...] or --signature KEY";
    auto cands = OutputCandidates(*model, 5);
    if (!cands.empty()) {
      msg += "; output candidates:";
      for (size_t i = 0; i < cands.size(); ++i)
        msg += (i ? ", " : " ") + (cands[i].signature.empty() ? cands[i].node
                                                               : cands[i].tensor);
    }
    if (!model->signatures().empty()) {
      msg += "; signatures:";
      for (const auto& s : model->signatures()) msg += " " + s.key;
    }
    return Fail(Status::InvalidArgument(msg));
  }

  // Variable values come from the model's checkpoint, when it has one.
  std::unique_ptr<VariableStore> store;
  if (!model->checkpoint_prefix().empty()) {
    auto reader = CheckpointReader::Open(model->checkpoint_prefix());
    if (!reader.ok()) return Fail(reader.status());
    store = MakeCheckpointStore(*reader);
  }

  FreezeSource src;
  src.graph = &model->graph_def();
  src.meta = model->meta_graph();
  src.values = store.get();
  src.export_dir = model->export_dir();
  ReportProgress(10, "freezing");
  auto frozen = Freeze(src, opt);
  if (!frozen.ok()) return Fail(frozen.status().WithPrefix(model_path));
  FreezeResult& r = *frozen;

  WriteOptions wo;
  wo.text = IsTextPath(out_path);
  wo.overwrite = force;
  // Writing the constants is the long part of a big freeze: 20..100%.
  const uint64_t expected = std::max<uint64_t>(r.size, 1);
  ReportProgress(20, "writing " + out_path);
  wo.progress = [&](uint64_t done) {
    ReportProgress(20 + static_cast<int>(80 * std::min<uint64_t>(done, expected) / expected),
                   "writing " + out_path);
  };
  uint64_t bytes = 0;
  Status ws = WriteFrozenGraph(r.graph, r.values, out_path, wo, &bytes);
  if (!ws.ok()) return Fail(ws);
  ReportProgress(100, "writing " + out_path);

  for (auto& t : r.fetches)
    if (auto k = key_of.find(t.name); k != key_of.end()) t.key = k->second;
  for (auto& t : r.feeds)
    if (auto k = key_of.find(t.name); k != key_of.end()) t.key = k->second;
  const int dropped = r.nodes_in - r.nodes_from_source;
  const std::string ckpt = store ? store->Describe() : "";

  if (inv.json) {
    JsonLine line("freeze");
    line.Str("model", model_path).Str("output", out_path).Int("bytes", bytes);
    line.Int("nodes", r.nodes_out).Int("nodes_in", r.nodes_in);
    line.Int("nodes_kept", r.nodes_from_source).Int("nodes_dropped", dropped);
    line.Int("nodes_added", r.nodes_out - r.nodes_from_source);
    line.Int("variables_frozen", static_cast<int64_t>(r.variables.size()));
    line.Int("variable_bytes", static_cast<int64_t>(r.variable_bytes));
    if (ckpt.empty()) {
      line.Null("checkpoint");
    } else {
      line.Str("checkpoint", ckpt);
    }
    line.Int("calls_inlined", r.inlined.calls).Int("functions_converted", r.rewrite.functions);
    line.Int("functions", r.functions_out);
    line.Str("format", wo.text ? "text" : "binary");
    line.Print();
    for (const auto& t : r.feeds) {
      JsonLine f("feed");
      f.Str("name", t.name).Str("dtype", DTypeName(t.dtype)).Raw("shape", ShapeJson(t.shape));
      f.Str("kind", t.kind);
      if (!t.key.empty()) f.Str("key", t.key);
      f.Print();
    }
    for (const auto& t : r.fetches) {
      JsonLine f("fetch");
      f.Str("name", t.name).Str("dtype", DTypeName(t.dtype)).Raw("shape", ShapeJson(t.shape));
      if (!t.key.empty()) f.Str("key", t.key);
      f.Print();
    }
    for (const auto& v : r.variables) {
      JsonLine j("variable");
      j.Str("node", v.node).Str("key", v.key).Str("source", VariableKeySourceName(v.source));
      j.Str("dtype", DTypeName(v.dtype)).Raw("shape", ShapeJson(OptShape(v.shape)));
      j.Int("bytes", static_cast<int64_t>(v.bytes)).Bool("ema", v.ema);
      if (!v.slice.empty()) j.Str("slice", v.slice);
      j.Print();
    }
    for (const auto& op : r.init_ops) JsonLine("init_op").Str("name", op).Print();
    for (const auto& n : r.notes) JsonLine("note").Str("message", n).Print();
    for (const auto& w : r.warnings) JsonLine("warning").Str("message", w).Print();
    for (const auto& w : model->warnings()) JsonLine("warning").Str("message", w).Print();
    return kExitOk;
  }

  std::printf("froze %s -> %s (%s)\n", model_path.c_str(), out_path.c_str(),
              HumanBytes(static_cast<int64_t>(bytes)).c_str());
  std::printf("  nodes      %s kept, %s dropped (of %s)", Grouped(r.nodes_from_source).c_str(),
              Grouped(dropped).c_str(), Grouped(r.nodes_in).c_str());
  if (r.nodes_out > r.nodes_from_source)
    std::printf(", %s added (inlined bodies, gather axes, cut inputs)",
                Grouped(r.nodes_out - r.nodes_from_source).c_str());
  std::printf("\n");
  if (r.variables.empty()) {
    std::printf("  variables  none (nothing to freeze; the graph was pruned)\n");
  } else {
    std::printf("  variables  %zu frozen, %s from %s\n", r.variables.size(),
                HumanBytes(static_cast<int64_t>(r.variable_bytes)).c_str(), ckpt.c_str());
  }
  if (r.inlined.calls > 0 || r.rewrite.functions > 0)
    std::printf("  functions  %d calls inlined, %d converted for constants, %d in the output\n",
                r.inlined.calls, r.rewrite.functions, r.functions_out);
  std::vector<std::vector<std::string>> rows;
  auto add_rows = [&](const char* label, const std::vector<FrozenTensor>& ts) {
    for (size_t i = 0; i < ts.size(); ++i) {
      const auto& t = ts[i];
      std::string extra;
      if (t.kind == "optional") extra = "optional (has a default)";
      if (t.kind == "cut") extra = "cut input";
      if (!t.key.empty()) extra += (extra.empty() ? "" : ", ") + std::string("key ") + t.key;
      rows.push_back({i == 0 ? label : "", t.name, DTypeName(t.dtype), ShapeText(t.shape), extra});
    }
  };
  add_rows("feed     ", r.feeds);
  add_rows("fetch    ", r.fetches);
  PrintTable(rows, "  ");
  if (r.feeds.empty()) std::printf("  feed       (none: the outputs need no input)\n");
  for (const auto& op : r.init_ops)
    std::printf("  init op    %s (run once before fetching: it fills a lookup table)\n",
                op.c_str());
  for (const auto& n : r.notes) std::printf("  note: %s\n", n.c_str());
  for (const auto& w : r.warnings) DiagWarning(model_path, w);
  return kExitOk;
}

}  // namespace tfgraph::cli
