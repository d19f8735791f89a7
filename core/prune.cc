#include "core/prune.h"

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "core/dtype.h"
#include "core/variables.h"

namespace tfgraph {
namespace {

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool HasScope(std::string_view name, std::string_view scope) {
  // "gradients/x", "a/gradients/x", "gradients_1/x"
  size_t pos = 0;
  while (pos < name.size()) {
    size_t end = name.find('/', pos);
    if (end == std::string_view::npos) return false;  // last component is the node itself
    std::string_view part = name.substr(pos, end - pos);
    if (part == scope || (StartsWith(part, scope) && part.size() > scope.size() &&
                          part[scope.size()] == '_'))
      return true;
    pos = end + 1;
  }
  return false;
}

std::string HumanBytes(uint64_t b) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(b);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  return buf;
}

}  // namespace

bool IsTrainingOnlyNode(const Graph& graph, int node) {
  std::string_view op = graph.op(node);
  std::string_view name = graph.name(node);
  if (StartsWith(op, "Apply") || StartsWith(op, "ResourceApply") ||
      StartsWith(op, "SparseApply") || StartsWith(op, "ResourceSparseApply"))
    return true;
  if (op == "SaveV2" || op == "Save" || op == "SaveSlices" || op == "RestoreV2" ||
      op == "Restore" || op == "RestoreSlice" || op == "MergeV2Checkpoints" ||
      op == "ShardedFilename")
    return true;
  if (op.find("Summary") != std::string_view::npos) return true;
  if (op == "Assign" || op == "AssignAdd" || op == "AssignSub" || op == "AssignVariableOp" ||
      op == "AssignAddVariableOp" || op == "AssignSubVariableOp")
    return true;
  for (std::string_view scope : {"gradients", "save", "Adam", "SGD", "Momentum", "RMSProp",
                                 "Adagrad", "GradientDescent", "train"}) {
    if (HasScope(name, scope)) return true;
  }
  if (op == "NoOp" && (name == "init" || StartsWith(name, "init_") || name == "group_deps"))
    return true;
  return false;
}

int64_t VariableBytes(const Graph& graph, int node) {
  const auto& attrs = graph.node(node).def->attr();
  auto shape_it = attrs.find("shape");
  auto dtype_it = attrs.find("dtype");
  if (shape_it == attrs.end() || dtype_it == attrs.end()) return -1;
  const auto& shape = shape_it->second.shape();
  if (shape.unknown_rank()) return -1;
  int64_t n = DTypeSize(dtype_it->second.type());
  if (n == 0) return -1;
  for (const auto& d : shape.dim()) {
    if (d.size() < 0) return -1;
    n *= d.size();
  }
  return n;
}

PruneResult Prune(const Graph& graph, const std::vector<int>& outputs,
                  const std::vector<int>& cut_inputs) {
  PruneResult r;
  const int n = graph.size();
  // 0 unseen, 1 kept, 2 cut input (kept, not expanded).
  std::vector<uint8_t> mark(n, 0);
  for (int c : cut_inputs)
    if (c >= 0 && c < n) mark[c] = 2;
  std::vector<int> stack;
  for (int o : outputs) {
    if (o < 0 || o >= n) continue;
    if (mark[o] == 0) {
      mark[o] = 1;
      stack.push_back(o);
    } else if (mark[o] == 2) {
      mark[o] = 3;  // picked as both: kept, still a cut
    }
  }
  while (!stack.empty()) {
    int v = stack.back();
    stack.pop_back();
    for (const Graph::Input& in : graph.node(v).inputs) {
      if (in.node < 0 || mark[in.node] != 0) continue;
      mark[in.node] = 1;
      stack.push_back(in.node);
    }
  }
  std::vector<bool> is_cut(n, false);
  for (int c : cut_inputs)
    if (c >= 0 && c < n) is_cut[c] = true;
  for (int i = 0; i < n; ++i) {
    if (mark[i] == 0) continue;
    // A cut input the outputs never reach is not part of the frozen graph.
    if (mark[i] == 2) continue;
    r.kept.push_back(i);
  }
  // Cut inputs reached from the outputs: mark is still 2, but they are kept
  // if some kept node consumes them.
  for (int c : cut_inputs) {
    if (c < 0 || c >= n || mark[c] != 2) continue;
    for (int consumer : graph.node(c).consumers) {
      if (mark[consumer] == 1 || mark[consumer] == 3) {
        r.kept.push_back(c);
        break;
      }
    }
  }
  std::sort(r.kept.begin(), r.kept.end());
  r.kept.erase(std::unique(r.kept.begin(), r.kept.end()), r.kept.end());

  for (int i : r.kept) {
    std::string_view op = graph.op(i);
    r.estimated_bytes += graph.node(i).def->ByteSizeLong() + 4;
    if (is_cut[i]) continue;  // fed, never frozen
    if (CreatesVariable(op)) {
      r.variables.push_back(i);
      int64_t b = VariableBytes(graph, i);
      if (b < 0) ++r.unknown_size_variables;
      else r.estimated_bytes += static_cast<uint64_t>(b);
    } else if (op == "Placeholder" || op == "PlaceholderV2") {
      r.unpicked_placeholders.push_back(i);
    }
    if (IsTrainingOnlyNode(graph, i)) r.training_only.push_back(i);
  }
  if (!r.training_only.empty()) {
    r.warnings.push_back(std::to_string(r.training_only.size()) +
                         " training-only node(s) pulled in, e.g. '" +
                         std::string(graph.name(r.training_only.front())) +
                         "': check the picked outputs");
  }
  if (!r.unpicked_placeholders.empty()) {
    r.warnings.push_back(std::to_string(r.unpicked_placeholders.size()) +
                         " placeholder(s) needed but not picked as inputs, e.g. '" +
                         std::string(graph.name(r.unpicked_placeholders.front())) + "'");
  }
  if (r.estimated_bytes >= kProtobufSizeLimit) {
    r.warnings.push_back("estimated frozen size " + HumanBytes(r.estimated_bytes) +
                         " exceeds the 2 GB protobuf limit: use `tfgraph export` instead");
  }
  if (r.unknown_size_variables > 0) {
    r.warnings.push_back(std::to_string(r.unknown_size_variables) +
                         " variable(s) of unknown shape not counted in the size estimate");
  }
  return r;
}

}  // namespace tfgraph
