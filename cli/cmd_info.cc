// tfgraph info MODEL: what the model is, in one screen.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/output.h"
#include "cli/render.h"
#include "core/attr_format.h"
#include "core/candidates.h"
#include "core/checkpoint_reader.h"
#include "core/variables.h"

namespace tfgraph::cli {
namespace {

constexpr size_t kTopOps = 15;
constexpr size_t kCandidates = 5;

std::vector<std::pair<std::string, int>> OpHistogram(const Graph& g) {
  std::map<std::string, int> counts;
  for (int i = 0; i < g.size(); ++i) counts[std::string(g.op(i))]++;
  std::vector<std::pair<std::string, int>> out(counts.begin(), counts.end());
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

std::string FormatLabel(const Model& m) {
  std::string s = FormatName(m.format());
  if (m.format() == ModelFormat::kSavedModel) s += m.is_tf2() ? " (TF2)" : " (TF1)";
  return s;
}

std::string CandidateJson(const char* type, size_t rank, const Candidate& c) {
  JsonLine j(type);
  j.Int("rank", static_cast<int64_t>(rank));
  j.Str("name", c.node).Str("tensor", c.tensor).Str("op", c.op);
  j.Str("dtype", DTypeText(c.dtype)).Raw("shape", JsonShape(c.shape));
  if (!c.signature.empty()) j.Str("signature", c.signature);
  if (std::string(type) == "input_candidate") j.Bool("optional", c.optional);
  j.Str("reason", c.reason);
  return j.Render();
}

void PrintCandidates(const char* title, const std::vector<Candidate>& cands, const Style& style) {
  std::printf("\n%s\n", style.Bold(title).c_str());
  if (cands.empty()) {
    std::printf("  (none)\n");
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (size_t i = 0; i < cands.size(); ++i) {
    const auto& c = cands[i];
    std::string type = c.dtype == tensorflow::DT_INVALID ? "" : DTypeText(c.dtype);
    if (c.shape) type += " " + FormatDims(c.shape);
    rows.push_back({std::to_string(i + 1) + ".", c.node, c.op, type,
                    style.Dim(c.optional ? "optional; " + c.reason : c.reason)});
  }
  PrintTable(rows, "  ");
}

}  // namespace

int RunInfo(const Invocation& inv) {
  int code;
  // Warnings are part of this command's report (stdout). They also go to
  // stderr, as every command's do, unless stdout is the terminal that already
  // shows them: `info MODEL > report.txt` must not swallow them.
  const bool report_is_seen = ::isatty(STDOUT_FILENO) == 1;
  auto model = LoadModelForCommand(inv, &code, /*quiet_warnings=*/report_is_seen);
  if (!model) return code;
  const Model& m = *model;
  const Graph& g = m.graph();

  // Variables: what the checkpoint holds when there is one, else what the
  // graph declares.
  VariableSummary vs;
  std::string vars_source = "graph";
  auto reader = m.checkpoint();
  if (reader.ok() && *reader) {
    vars_source = "checkpoint";
    for (const auto& v : (*reader)->variables()) {
      if (v.name == kObjectGraphKey) continue;
      ++vs.count;
      auto n = NumElements(v.shape);
      if (!n.ok()) {
        ++vs.unknown;
        continue;
      }
      vs.parameters += *n;
      vs.bytes += static_cast<int64_t>(v.bytes);
    }
  } else {
    vs = SummarizeVariables(GraphVariables(m.graph_def()));
  }
  auto ops = OpHistogram(g);
  CandidateLists candidates = RankCandidates(m, kCandidates, kCandidates);
  auto& inputs = candidates.inputs;
  auto& outputs = candidates.outputs;
  std::vector<std::string> tag_sets;
  for (const auto& ts : m.tag_sets()) {
    std::string s;
    for (const auto& t : ts) s += (s.empty() ? "" : ",") + t;
    tag_sets.push_back(s);
  }
  std::vector<std::string> selected_tags;
  if (m.meta_graph()) {
    const auto& t = m.meta_graph()->meta_info_def().tags();
    selected_tags.assign(t.begin(), t.end());
  }

  if (inv.json) {
    JsonLine j("model");
    j.Str("path", m.path()).Str("format", FormatName(m.format())).Bool("tf2", m.is_tf2());
    j.Str("graph_path", m.graph_path()).Str("checkpoint", m.checkpoint_prefix());
    j.Str("tensorflow_version", m.tensorflow_version()).Int("producer", m.graph_producer());
    std::vector<std::string> rendered;
    for (const auto& ts : m.tag_sets()) rendered.push_back(JsonStringArray(ts));
    j.Raw("tag_sets", JsonArray(rendered));
    j.Raw("selected_tags", JsonStringArray(selected_tags));
    j.Int("nodes", g.size()).Int("functions", m.function_count());
    if (m.is_tf2()) {
      const auto& og = m.meta_graph()->object_graph_def();
      j.Int("objects", og.nodes_size());
      j.Int("concrete_functions", static_cast<int64_t>(og.concrete_functions_size()));
    }
    j.Print();
    for (const auto& s : m.signatures()) SignatureJson(s, selected_tags).Print();
    JsonObject counts;
    for (const auto& [op, n] : ops) counts.Int(op, n);
    JsonLine("ops").Raw("counts", counts.Render()).Print();
    JsonLine v("variables");
    v.Str("source", vars_source).Int("count", vs.count).Int("parameters", vs.parameters);
    v.Int("bytes", vs.bytes).Int("unknown_size", vs.unknown);
    v.Print();
    for (size_t i = 0; i < inputs.size(); ++i)
      std::printf("%s\n", CandidateJson("input_candidate", i + 1, inputs[i]).c_str());
    for (size_t i = 0; i < outputs.size(); ++i)
      std::printf("%s\n", CandidateJson("output_candidate", i + 1, outputs[i]).c_str());
    for (const auto& n : m.notes()) JsonLine("note").Str("message", n).Print();
    for (const auto& w : m.warnings()) JsonLine("warning").Str("message", w).Print();
    return kExitOk;
  }

  Style style = Style::ForStdout();
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"model", m.path()});
  rows.push_back({"format", FormatLabel(m)});
  if (!m.graph_path().empty() && m.graph_path() != m.path()) rows.push_back({"graph", m.graph_path()});
  if (!m.checkpoint_prefix().empty()) rows.push_back({"checkpoint", m.checkpoint_prefix()});
  std::string version = m.tensorflow_version().empty() ? "unknown" : m.tensorflow_version();
  if (m.graph_producer() > 0) version += " (graph producer " + std::to_string(m.graph_producer()) + ")";
  rows.push_back({"tensorflow", version});
  if (!tag_sets.empty()) {
    std::string s;
    for (const auto& t : tag_sets) s += (s.empty() ? "" : "  ") + ("'" + t + "'");
    rows.push_back({"tag-sets", s});
  }
  rows.push_back({"nodes", Grouped(g.size())});
  rows.push_back({"functions", Grouped(m.function_count())});
  if (m.is_tf2()) {
    const auto& og = m.meta_graph()->object_graph_def();
    rows.push_back({"objects", Grouped(og.nodes_size()) + " (" +
                                   Grouped(static_cast<int64_t>(og.concrete_functions_size())) +
                                   " concrete functions)"});
  }
  if (vs.count > 0) {
    std::string v = Grouped(vs.count) + " (" + Grouped(vs.parameters) + " parameters, " +
                    HumanBytes(vs.bytes);
    if (vs.unknown > 0) v += "; " + std::to_string(vs.unknown) + " of unknown size";
    v += vars_source == "checkpoint" ? ") in the checkpoint" : ") declared by the graph";
    rows.push_back({"variables", v});
  } else {
    rows.push_back({"variables", "none"});
  }
  PrintTable(rows);

  if (!m.signatures().empty()) {
    std::printf("\n%s\n", style.Bold("signatures").c_str());
    for (const auto& s : m.signatures()) PrintSignature(s, "  ");
  }
  if (!ops.empty()) {
    std::printf("\n%s\n", style.Bold("ops (" + std::to_string(ops.size()) + " kinds)").c_str());
    rows.clear();
    for (size_t i = 0; i < ops.size() && i < kTopOps; ++i)
      rows.push_back({ops[i].first, Grouped(ops[i].second)});
    if (ops.size() > kTopOps) {
      int rest = 0;
      for (size_t i = kTopOps; i < ops.size(); ++i) rest += ops[i].second;
      rows.push_back({"(" + std::to_string(ops.size() - kTopOps) + " more kinds)", Grouped(rest)});
    }
    PrintTable(rows, "  ");
  }
  if (g.size() > 0) {
    PrintCandidates("input candidates", inputs, style);
    PrintCandidates("output candidates", outputs, style);
  }
  if (!m.notes().empty()) {
    std::printf("\n%s\n", style.Bold("notes").c_str());
    for (const auto& n : m.notes()) std::printf("  %s\n", n.c_str());
  }
  if (!m.warnings().empty()) {
    std::printf("\n%s\n", style.Warn("warnings").c_str());
    for (const auto& w : m.warnings()) std::printf("  %s\n", w.c_str());
  }
  return kExitOk;
}

}  // namespace tfgraph::cli
