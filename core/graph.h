// Graph: an index over the nodes of one GraphDef or one FunctionDef body.
//
// The protobuf messages stay the single source of truth (they are what
// freeze and export rewrite and write back); a Graph adds what the protos
// lack: a name index, resolved data and control edges, consumer lists, and
// name resolution with "did you mean" suggestions. A Graph holds pointers
// into the message it was built from, which must outlive it and must not be
// mutated while the Graph is in use.
//
// The index can be built on a background thread (FromGraphDef with
// Indexing::kBackground): the Graph is usable at once for what needs no
// index (size, def, name, op), and every accessor that needs the index
// (node, Find, Resolve, dangling_inputs) waits until it is complete. This is
// how the UI draws the first screen of a million-node graph while the edges
// are still being resolved.
//
// Building never fails on dangling inputs (real exports contain them); they
// are kept with node == -1 and listed by dangling_inputs(). It fails only on
// input strings that cannot be parsed at all.
#ifndef TFGRAPH_CORE_GRAPH_H_
#define TFGRAPH_CORE_GRAPH_H_

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "tensorflow/function.pb.h"
#include "tensorflow/graph.pb.h"

namespace tfgraph {

// A read-only view of a run of elements (C++17 has no std::span). The
// Graph keeps every node's inputs and consumers in two flat arrays and hands
// out views of them: two allocations for the whole graph instead of two per
// node, which is most of the cost of indexing a million nodes.
template <typename T>
class Span {
 public:
  Span() = default;
  Span(const T* data, size_t size) : data_(data), size_(size) {}
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  const T* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& operator[](size_t i) const { return data_[i]; }
  const T& front() const { return data_[0]; }
  const T& back() const { return data_[size_ - 1]; }

 private:
  const T* data_ = nullptr;
  size_t size_ = 0;
};

class Graph {
 public:
  // One input edge of a node, in NodeDef order (data inputs, then control).
  struct Input {
    int node = -1;            // producing node index; -1: dangling or a function argument
    int arg = -1;             // function bodies: index of the input_arg, else -1
    int output = 0;           // output index (GraphDef) or element index (function body)
    std::string_view out_arg; // function bodies: named output argument, else empty
    bool control = false;
  };
  struct Node {
    const tensorflow::NodeDef* def = nullptr;
    // Views of def->name() and def->op(), kept here because every ranking
    // and histogram pass reads them for each node: through the NodeDef they
    // cost three dependent loads into a heap of a gigabyte, here one.
    std::string_view name;
    std::string_view op;
    Span<Input> inputs;
    // Nodes that read this node (data or control), each listed once, in
    // graph order.
    Span<int> consumers;
  };
  // A node input naming something that does not exist.
  struct Dangling {
    int node;            // the node with the bad input
    int input_index;     // position in NodeDef.input
  };
  // The result of resolving a user-typed name.
  struct Resolved {
    int node = -1;
    int output = 0;
    bool had_index = false;   // the user wrote ":N"
    bool stripped_import = false;  // "import/" was dropped to find it
    // Function bodies: the output argument of "node:out_arg:idx" (output is
    // then the element idx of that argument, not a flat index); else empty.
    // Whether the op has such an argument needs an OpDef: callers check.
    std::string out_arg;
    std::string TensorName(const Graph& g) const;
  };

  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;
  ~Graph();

  enum class Indexing { kNow, kBackground };
  // kNow fails on unparsable input strings; kBackground returns at once and
  // reports such a failure through index_status() instead.
  static StatusOr<std::unique_ptr<Graph>> FromGraphDef(const tensorflow::GraphDef& graph,
                                                       Indexing indexing = Indexing::kNow);
  static StatusOr<std::unique_ptr<Graph>> FromFunction(const tensorflow::FunctionDef& function);

  int size() const { return static_cast<int>(nodes_.size()); }
  const Node& node(int i) const {
    WaitForIndex();
    return nodes_[i];
  }
  // These four never wait for the index.
  const tensorflow::NodeDef& def(int i) const { return *nodes_[i].def; }
  std::string_view name(int i) const { return nodes_[i].name; }
  std::string_view op(int i) const { return nodes_[i].op; }
  bool index_ready() const { return indexed_.load(std::memory_order_acquire); }
  // Waits for the index; OK, or why it could not be built (kBackground
  // only: the graph then has no edges).
  Status index_status() const;
  // The load warning about dangling inputs ("3 node input(s) name nodes
  // that do not exist (first: ...)"), or "" when there are none. Waits.
  std::string DanglingWarning() const;
  const std::vector<Dangling>& dangling_inputs() const {
    WaitForIndex();
    return dangling_;
  }
  bool is_function() const { return function_ != nullptr; }
  const tensorflow::FunctionDef* function() const { return function_; }

  // Exact lookup by node name; -1 if absent.
  int Find(std::string_view name) const;

  // Resolves what a user typed: "name", "name:0", "^name", with or without
  // a leading "import/"; in a function body also "node:out_arg:idx", the
  // form the body's own inputs use. NotFound carries suggestions in its message:
  //   "no node 'logit' in graph; did you mean 'logits', 'logits/BiasAdd'?"
  StatusOr<Resolved> Resolve(std::string_view text) const;

  // Up to `max` existing node names closest to `name` (edit distance on the
  // last path component first, then on the whole name).
  std::vector<std::string> Suggest(std::string_view name, size_t max = 3) const;

 private:
  Graph() = default;
  void WaitForIndex() const {
    if (!indexed_.load(std::memory_order_acquire)) WaitForIndexSlow();
  }
  void WaitForIndexSlow() const;
  Status Index(bool function_body);
  void BuildNameTable();
  int FindInTable(std::string_view name) const;
  const tensorflow::FunctionDef* function_ = nullptr;
  std::vector<Node> nodes_;
  // Storage behind every Node's inputs and consumers spans.
  std::vector<Input> input_store_;
  std::vector<int> consumer_store_;
  // Name -> node: open addressing with linear probing over a power-of-two
  // table at most half full. Each slot keeps the name's hash beside the
  // node index so that a probe rarely has to touch the NodeDef. (An
  // unordered_map allocates a node per name and cost a third of the index
  // time at a million nodes.)
  struct Slot {
    int32_t node = -1;
    uint32_t hash = 0;
  };
  std::vector<Slot> slots_;
  std::vector<Dangling> dangling_;
  // Background indexing: the worker fills everything above but nodes_[i].def,
  // then sets indexed_ (release) under mu_ and notifies.
  std::atomic<bool> indexed_{false};
  Status index_status_;
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  std::thread indexer_;
};

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_GRAPH_H_
