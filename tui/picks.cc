#include "tui/picks.h"

#include <algorithm>

namespace tfgraph::tui {

std::string TensorText(const Graph& graph, TensorId t, bool tensor_name) {
  std::string name(graph.name(t.node));
  if (tensor_name || t.output != 0) name += ":" + std::to_string(t.output);
  return name;
}

bool Picks::Has(PickKind kind, int node) const {
  const auto& v = kind == PickKind::kOutput ? outputs_ : inputs_;
  return std::any_of(v.begin(), v.end(), [&](const TensorId& t) { return t.node == node; });
}

bool Picks::Toggle(PickKind kind, TensorId t) {
  auto& mine = kind == PickKind::kOutput ? outputs_ : inputs_;
  auto& other = kind == PickKind::kOutput ? inputs_ : outputs_;
  Changed();
  auto it = std::find(mine.begin(), mine.end(), t);
  if (it != mine.end()) {
    mine.erase(it);
    return false;
  }
  other.erase(std::remove(other.begin(), other.end(), t), other.end());
  mine.push_back(t);
  return true;
}

void Picks::Remove(TensorId t) {
  Changed();
  outputs_.erase(std::remove(outputs_.begin(), outputs_.end(), t), outputs_.end());
  inputs_.erase(std::remove(inputs_.begin(), inputs_.end(), t), inputs_.end());
}

void Picks::Clear() {
  Changed();
  outputs_.clear();
  inputs_.clear();
}

std::string Picks::Join(PickKind kind, bool tensor_names) const {
  const auto& v = kind == PickKind::kOutput ? outputs_ : inputs_;
  std::string out;
  for (const auto& t : v) {
    if (!out.empty()) out += ",";
    out += TensorText(*graph_, t, tensor_names);
  }
  return out;
}

std::string Picks::AsArguments() const {
  std::string out;
  if (!outputs_.empty()) out += "--outputs " + Join(PickKind::kOutput, false);
  if (!inputs_.empty()) {
    if (!out.empty()) out += " ";
    out += "--inputs " + Join(PickKind::kInput, true);
  }
  return out;
}

const PruneResult& Picks::Preview() const {
  if (!preview_) {
    std::vector<int> outs, ins;
    for (const auto& t : outputs_) outs.push_back(t.node);
    for (const auto& t : inputs_) ins.push_back(t.node);
    preview_ = Prune(*graph_, outs, ins);
  }
  return *preview_;
}

}  // namespace tfgraph::tui
