#include "core/object_graph.h"

#include <deque>
#include <vector>

#include "tensorflow/trackable_object_graph.pb.h"

namespace tfgraph {

std::string EscapeLocalName(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '.') {
      out += "..";
    } else if (c == '/') {
      out += ".S";
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

using Graph = tensorflow::TrackableObjectGraph;

bool IsListNode(const Graph::TrackableObject& node) {
  for (int i = 0; i < node.children_size(); ++i)
    if (node.children(i).local_name() != std::to_string(i)) return false;
  return node.children_size() > 0;
}

std::string Singular(std::string name) {
  if (!name.empty() && name[0] == '_') name.erase(0, 1);
  if (name.size() > 3 && name.compare(name.size() - 3, 3, "ies") == 0) {
    name.replace(name.size() - 3, 3, "y");
  } else if (name.size() > 1 && name.back() == 's') {
    name.pop_back();
  }
  return name;
}

}  // namespace

StatusOr<ObjectGraphInfo> DecodeObjectGraph(std::string_view serialized) {
  Graph g;
  if (!g.ParseFromArray(serialized.data(), static_cast<int>(serialized.size())))
    return Status::Corruption("object graph does not parse as TrackableObjectGraph");
  const int n = g.nodes_size();
  ObjectGraphInfo info;
  info.num_nodes = n;
  if (n == 0) return info;
  auto bad_id = [n](int id) { return id < 0 || id >= n; };
  for (const auto& node : g.nodes())
    for (const auto& c : node.children())
      if (bad_id(c.node_id()))
        return Status::Corruption("object graph child refers to node " +
                                  std::to_string(c.node_id()) + " of " + std::to_string(n));

  // Breadth-first paths from the root, as TensorFlow assigns them.
  std::vector<std::string> path(static_cast<size_t>(n));
  std::vector<bool> seen(static_cast<size_t>(n), false);
  std::deque<int> queue{0};
  seen[0] = true;
  while (!queue.empty()) {
    int id = queue.front();
    queue.pop_front();
    for (const auto& c : g.nodes(id).children()) {
      if (seen[static_cast<size_t>(c.node_id())]) continue;
      seen[static_cast<size_t>(c.node_id())] = true;
      const std::string& parent = path[static_cast<size_t>(id)];
      path[static_cast<size_t>(c.node_id())] =
          (parent.empty() ? "" : parent + "/") + EscapeLocalName(c.local_name());
      queue.push_back(c.node_id());
    }
  }

  std::vector<std::string> value_key(static_cast<size_t>(n));  // VARIABLE_VALUE key per node
  for (int id = 0; id < n; ++id) {
    for (const auto& a : g.nodes(id).attributes()) {
      ObjectGraphInfo::Attribute attr{id, path[static_cast<size_t>(id)], a.name(), a.full_name()};
      info.attributes[a.checkpoint_key()] = attr;
      if (a.name() == "VARIABLE_VALUE") value_key[static_cast<size_t>(id)] = a.checkpoint_key();
    }
  }

  for (int id = 0; id < n; ++id) {
    const auto& node = g.nodes(id);
    for (const auto& s : node.slot_variables()) {
      if (bad_id(s.original_variable_node_id()) || bad_id(s.slot_variable_node_id()))
        return Status::Corruption("object graph slot variable refers to a missing node");
      const std::string& var = value_key[static_cast<size_t>(s.original_variable_node_id())];
      const std::string& slot = value_key[static_cast<size_t>(s.slot_variable_node_id())];
      if (!var.empty() && !slot.empty())
        info.slots[slot] = {var, s.slot_name(), path[static_cast<size_t>(id)]};
    }
    // Keras 3-style optimizers: parallel lists next to _trainable_variables.
    const Graph::TrackableObject* trainable = nullptr;
    for (const auto& c : node.children())
      if (c.local_name() == "_trainable_variables") trainable = &g.nodes(c.node_id());
    if (!trainable || !IsListNode(*trainable)) continue;
    for (const auto& c : node.children()) {
      const std::string& ln = c.local_name();
      if (ln == "_trainable_variables" || ln == "_variables" ||
          ln == "_trainable_variables_indices")
        continue;
      const auto& list = g.nodes(c.node_id());
      if (!IsListNode(list) || list.children_size() != trainable->children_size()) continue;
      for (int i = 0; i < list.children_size(); ++i) {
        const std::string& var =
            value_key[static_cast<size_t>(trainable->children(i).node_id())];
        const std::string& slot = value_key[static_cast<size_t>(list.children(i).node_id())];
        if (!var.empty() && !slot.empty() && !info.slots.count(slot))
          info.slots[slot] = {var, Singular(ln), path[static_cast<size_t>(id)]};
      }
    }
  }
  return info;
}

}  // namespace tfgraph
