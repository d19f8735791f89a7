// tfgraph nodes MODEL [--match RE] [--op RE] [--function NAME]
// tfgraph node MODEL NAME [--function NAME]
#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/output.h"
#include "cli/render.h"
#include "core/attr_format.h"
#include "core/op_registry.h"

namespace tfgraph::cli {
namespace {

// Builds a user pattern quietly (RE2 would log to stderr otherwise).
std::unique_ptr<RE2> Pattern(const Invocation& inv, const char* flag, std::string* error) {
  if (!inv.args.Has(flag)) return nullptr;
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_unique<RE2>(inv.args.Get(flag), options);
  if (!re->ok()) *error = std::string("--") + flag + " '" + inv.args.Get(flag) + "': " + re->error();
  return re;
}

// The graph to work on: the main graph, or a function body with --function.
const Graph* PickGraph(const Invocation& inv, const Model& model, int* code) {
  if (!inv.args.Has("function")) return &model.graph();
  auto g = model.FunctionGraph(inv.args.Get("function"));
  if (!g.ok()) {
    Diag(model.path() + ": " + g.status().message());
    *code = ExitCodeFor(g.status());
    return nullptr;
  }
  return *g;
}

}  // namespace

int RunNodes(const Invocation& inv) {
  std::string error;
  auto match = Pattern(inv, "match", &error);
  auto op = error.empty() ? Pattern(inv, "op", &error) : nullptr;
  if (!error.empty()) {
    Diag("nodes: bad pattern " + error);
    return kExitUsage;
  }
  int code;
  auto model = LoadModelForCommand(inv, &code);
  if (!model) return code;
  const Graph* g = PickGraph(inv, *model, &code);
  if (!g) return code;

  std::vector<int> picked;
  bool any_device = false;
  for (int i = 0; i < g->size(); ++i) {
    const auto* def = g->node(i).def;
    if (match && !RE2::PartialMatch(def->name(), *match)) continue;
    if (op && !RE2::PartialMatch(def->op(), *op)) continue;
    picked.push_back(i);
    any_device |= !def->device().empty();
  }
  if (inv.json) {
    for (int i : picked) NodeJson(*g, i).Print();
    return kExitOk;
  }
  std::vector<std::vector<std::string>> rows;
  rows.reserve(picked.size());
  for (int i : picked) {
    const auto* def = g->node(i).def;
    std::string inputs;
    for (const auto& in : def->input()) inputs += (inputs.empty() ? "" : ", ") + in;
    std::vector<std::string> row{def->name(), def->op()};
    if (any_device) row.push_back(def->device().empty() ? "-" : def->device());
    row.push_back(inputs);
    rows.push_back(std::move(row));
  }
  PrintTable(rows);
  return kExitOk;
}

int RunNode(const Invocation& inv) {
  int code;
  auto model = LoadModelForCommand(inv, &code);
  if (!model) return code;
  const Graph* g = PickGraph(inv, *model, &code);
  if (!g) return code;
  const std::string& name = inv.args.positional().at(1);
  int index = g->Find(name);
  if (index < 0) {
    auto r = g->Resolve(name);
    if (!r.ok()) {
      std::string where = inv.args.Has("function") ? "function '" + inv.args.Get("function") + "'"
                                                   : "the graph";
      std::string msg = r.status().message();
      auto pos = msg.find("the graph");
      if (pos != std::string::npos) msg.replace(pos, 9, where);
      // TF2 graphs keep most nodes in function bodies: say where the name is.
      if (!inv.args.Has("function")) {
        std::string bare = name.substr(0, name.find(':'));
        for (const auto& f : model->graph_def().library().function()) {
          bool there = std::any_of(f.node_def().begin(), f.node_def().end(),
                                   [&](const tensorflow::NodeDef& n) { return n.name() == bare; });
          if (there) {  // better than the graph's near misses
            msg = "no node '" + bare + "' in the graph; it is a node of function '" +
                  f.signature().name() + "' (add --function " + f.signature().name() + ")";
            break;
          }
        }
      }
      Diag(model->path() + ": " + msg);
      return ExitCodeFor(r.status());
    }
    index = r->node;
    // "node:out_arg:idx" in a body: the op must have that output argument
    // (checked when TF defines the op; library-function ops are not known here).
    if (!r->out_arg.empty() && OpRegistry::Global().Find(g->op(index)) != nullptr) {
      auto flat = OpRegistry::Global().OutputIndex(*g->node(index).def, r->out_arg, r->output);
      if (!flat.ok()) {
        Diag(model->path() + ": '" + name + "': " + flat.status().message());
        return kExitNotFound;
      }
    } else if (r->out_arg.empty() && r->had_index) {
      // "logits:7" on a one-output op names no tensor (ops the registry
      // cannot size are let through).
      auto outputs = OpRegistry::Global().NumOutputs(*g->node(index).def);
      if (outputs.ok() && r->output >= *outputs) {
        Diag(model->path() + ": '" + name + "': node '" + std::string(g->name(index)) + "' (" +
             std::string(g->op(index)) + ") has " + std::to_string(*outputs) + " output" +
             (*outputs == 1 ? "" : "s") + ", so no output " + std::to_string(r->output));
        return kExitNotFound;
      }
    }
  }
  const Graph::Node& node = g->node(index);
  const auto* def = node.def;
  std::map<std::string, const tensorflow::AttrValue*> attrs;
  for (const auto& [k, v] : def->attr()) attrs[k] = &v;

  if (inv.json) {
    JsonLine j = NodeJson(*g, index);
    JsonObject a;
    for (const auto& [k, v] : attrs) a.Raw(k, AttrJson(*v));
    j.Raw("attrs", a.Render());
    std::vector<std::string> consumers;
    for (int c : node.consumers) consumers.emplace_back(g->name(c));
    j.Raw("consumers", JsonStringArray(consumers));
    j.Print();
    return kExitOk;
  }
  Style style = Style::ForStdout();
  std::vector<std::vector<std::string>> head{{"name", def->name()}, {"op", def->op()}};
  if (!def->device().empty()) head.push_back({"device", def->device()});
  PrintTable(head);
  std::printf("%s\n", style.Bold(attrs.empty() ? "attrs: none" : "attrs").c_str());
  std::vector<std::vector<std::string>> rows;
  for (const auto& [k, v] : attrs) rows.push_back({k, FormatAttrValue(*v)});
  PrintTable(rows, "  ");
  rows.clear();
  std::printf("%s\n", style.Bold(node.inputs.empty() ? "inputs: none" : "inputs").c_str());
  for (size_t k = 0; k < node.inputs.size(); ++k) {
    const auto& in = node.inputs[k];
    std::string from;
    if (in.node >= 0) {
      from = "(" + std::string(g->op(in.node)) + ")";
    } else if (in.arg >= 0) {
      from = "(function argument)";
    } else {
      from = "(missing node)";
    }
    rows.push_back({in.control ? "^" : std::to_string(k), def->input(static_cast<int>(k)), from});
  }
  PrintTable(rows, "  ");
  rows.clear();
  std::printf("%s\n", style.Bold(node.consumers.empty() ? "consumers: none" : "consumers").c_str());
  for (int c : node.consumers) rows.push_back({std::string(g->name(c)), "(" + std::string(g->op(c)) + ")"});
  PrintTable(rows, "  ");
  return kExitOk;
}

}  // namespace tfgraph::cli
