#include "core/graph.h"

#include <algorithm>
#include <limits>

#include "core/suggest.h"
#include "core/tensor_ref.h"

namespace tfgraph {
namespace {

constexpr std::string_view kImportPrefix = "import/";

std::string_view LastComponent(std::string_view name) {
  auto pos = name.rfind('/');
  return pos == std::string_view::npos ? name : name.substr(pos + 1);
}

}  // namespace

std::string Graph::Resolved::TensorName(const Graph& g) const {
  return std::string(g.name(node)) + ":" + std::to_string(output);
}

StatusOr<std::unique_ptr<Graph>> Graph::FromGraphDef(const tensorflow::GraphDef& graph,
                                                     Indexing indexing) {
  std::unique_ptr<Graph> g(new Graph());
  g->nodes_.reserve(graph.node_size());
  for (const auto& n : graph.node()) g->nodes_.push_back(Node{&n, n.name(), n.op(), {}, {}});
  if (indexing == Indexing::kBackground) {
    Graph* raw = g.get();
    raw->indexer_ = std::thread([raw] {
      Status st = raw->Index(false);
      if (!st.ok()) {
        // A half-built index would be worse than none: no edges at all.
        for (Node& n : raw->nodes_) {
          n.inputs = {};
          n.consumers = {};
        }
        raw->dangling_.clear();
      }
      std::lock_guard<std::mutex> lock(raw->mu_);
      raw->index_status_ = st;
      raw->indexed_.store(true, std::memory_order_release);
      raw->cv_.notify_all();
    });
    return g;
  }
  TFG_RETURN_IF_ERROR(g->Index(false));
  g->indexed_.store(true, std::memory_order_release);
  return g;
}

Graph::~Graph() {
  if (indexer_.joinable()) indexer_.join();
}

void Graph::WaitForIndexSlow() const {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [this] { return indexed_.load(std::memory_order_acquire); });
}

std::string Graph::DanglingWarning() const {
  const auto& dangling = dangling_inputs();
  if (dangling.empty()) return "";
  const Dangling& d = dangling.front();
  return std::to_string(dangling.size()) + " node input(s) name nodes that do not exist (first: '" +
         def(d.node).input(d.input_index) + "' in node '" + std::string(name(d.node)) + "')";
}

Status Graph::index_status() const {
  WaitForIndex();
  return index_status_;
}

StatusOr<std::unique_ptr<Graph>> Graph::FromFunction(const tensorflow::FunctionDef& function) {
  std::unique_ptr<Graph> g(new Graph());
  g->function_ = &function;
  g->nodes_.reserve(function.node_def_size());
  for (const auto& n : function.node_def()) g->nodes_.push_back(Node{&n, n.name(), n.op(), {}, {}});
  TFG_RETURN_IF_ERROR(g->Index(true));
  g->indexed_.store(true, std::memory_order_release);
  return g;
}

namespace {

uint32_t HashName(std::string_view name) {
  // The library's hash reads eight bytes at a time (a byte-wise FNV loop
  // was a tenth of the load); folded to 32 bits for the slot.
  uint64_t h = std::hash<std::string_view>()(name);
  return static_cast<uint32_t>(h ^ (h >> 32));
}

// The GraphDef input forms without allocating: "node", "node:N", "^node".
// Exactly ParseGraphInput's rules; false where it would fail (the caller
// then asks ParseGraphInput for the error message).
bool ParseGraphInputView(std::string_view s, std::string_view* node, int* index, bool* control) {
  *control = !s.empty() && s.front() == '^';
  if (*control) s.remove_prefix(1);
  if (s.empty()) return false;
  *index = 0;
  auto colon = s.rfind(':');
  if (colon != std::string_view::npos && !*control) {
    std::string_view digits = s.substr(colon + 1);
    if (digits.empty() || digits.size() > 9) return false;
    int v = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    *index = v;
    s = s.substr(0, colon);
    if (s.empty()) return false;
  }
  *node = s;
  return true;
}

}  // namespace

void Graph::BuildNameTable() {
  size_t cap = 16;
  while (cap < nodes_.size() * 2) cap *= 2;
  slots_.assign(cap, Slot{});
  const size_t mask = cap - 1;
  for (int i = 0; i < size(); ++i) {
    std::string_view name = nodes_[i].name;
    uint32_t h = HashName(name);
    for (size_t at = h & mask;; at = (at + 1) & mask) {
      Slot& slot = slots_[at];
      if (slot.node < 0) {
        slot = Slot{i, h};
        break;
      }
      // Duplicate names are invalid in TF; the first one wins, as in TF's
      // importer error path, and the rest stay reachable by index.
      if (slot.hash == h && this->name(slot.node) == name) break;
    }
  }
}

Status Graph::Index(bool function_body) {
  BuildNameTable();
  std::unordered_map<std::string_view, int> args;
  if (function_body) {
    const auto& sig = function_->signature();
    for (int a = 0; a < sig.input_arg_size(); ++a) args.emplace(sig.input_arg(a).name(), a);
  }
  size_t total_inputs = 0;
  for (const Node& n : nodes_) total_inputs += static_cast<size_t>(n.def->input_size());
  input_store_.resize(total_inputs);
  // consumer_count[p]: distinct consumers of p, counted while resolving.
  std::vector<int> consumer_count(nodes_.size(), 0);
  std::vector<int> last_consumer(nodes_.size(), -1);
  size_t next = 0;
  for (int i = 0; i < size(); ++i) {
    Node& n = nodes_[i];
    const auto& inputs = n.def->input();
    Input* first = input_store_.data() + next;
    for (int k = 0; k < inputs.size(); ++k) {
      const std::string& text = inputs[k];
      Input& in = input_store_[next++];
      std::string_view producer;
      if (!function_body) {
        if (!ParseGraphInputView(text, &producer, &in.output, &in.control)) {
          return ParseGraphInput(text).status().WithPrefix("node '" + n.def->name() + "' input " +
                                                           std::to_string(k));
        }
      } else {
        auto parsed = ParseFunctionInput(text);
        if (!parsed.ok()) {
          return parsed.status().WithPrefix("node '" + n.def->name() + "' input " +
                                            std::to_string(k));
        }
        in.control = parsed->control;
        in.output = parsed->index;
        // Views into the NodeDef's own string, not into the parsed copy.
        std::string_view sv(text);
        if (!parsed->out_arg.empty()) {
          auto colon = sv.find(':');
          in.out_arg = sv.substr(colon + 1, parsed->out_arg.size());
        }
        producer = sv.substr(in.control ? 1 : 0, parsed->node.size());
      }
      in.node = FindInTable(producer);
      if (in.node < 0 && function_body && !in.control) {
        auto at = args.find(producer);
        if (at != args.end()) in.arg = at->second;
      }
      if (in.node < 0 && in.arg < 0) dangling_.push_back(Dangling{i, k});
      if (in.node >= 0 && last_consumer[in.node] != i) {
        last_consumer[in.node] = i;
        ++consumer_count[in.node];
      }
    }
    n.inputs = Span<Input>(first, static_cast<size_t>(inputs.size()));
  }
  // Consumers, each once per producer, in graph order: offsets from the
  // counts, then a second walk over the resolved inputs fills them.
  std::vector<size_t> offset(nodes_.size() + 1, 0);
  for (size_t p = 0; p < nodes_.size(); ++p) offset[p + 1] = offset[p] + consumer_count[p];
  consumer_store_.resize(offset.back());
  std::fill(last_consumer.begin(), last_consumer.end(), -1);
  std::vector<size_t> fill(offset.begin(), offset.end() - 1);
  for (int i = 0; i < size(); ++i) {
    for (const Input& in : nodes_[i].inputs) {
      if (in.node < 0 || last_consumer[in.node] == i) continue;
      last_consumer[in.node] = i;
      consumer_store_[fill[in.node]++] = i;
    }
  }
  for (size_t p = 0; p < nodes_.size(); ++p) {
    nodes_[p].consumers =
        Span<int>(consumer_store_.data() + offset[p], static_cast<size_t>(consumer_count[p]));
  }
  return Status::OK();
}

int Graph::Find(std::string_view name) const {
  WaitForIndex();
  return FindInTable(name);
}

int Graph::FindInTable(std::string_view name) const {
  if (slots_.empty()) return -1;
  const size_t mask = slots_.size() - 1;
  uint32_t h = HashName(name);
  for (size_t at = h & mask;; at = (at + 1) & mask) {
    const Slot& slot = slots_[at];
    if (slot.node < 0) return -1;
    if (slot.hash == h && this->name(slot.node) == name) return slot.node;
  }
}

StatusOr<Graph::Resolved> Graph::Resolve(std::string_view text) const {
  TFG_ASSIGN_OR_RETURN(TensorRef ref, ParseUserTensor(text));
  // A body input copied from `tfgraph nodes --function` reads
  // "node:out_arg:idx"; the graph-level parse took "node:out_arg" as the name.
  if (is_function() && !ref.control && Find(ref.node) < 0 &&
      ref.node.find(':') != std::string::npos) {
    auto body_ref = ParseFunctionInput(ref.node + ":" + std::to_string(ref.index));
    if (body_ref.ok()) ref = std::move(body_ref).value();
  }
  Resolved r;
  r.out_arg = ref.out_arg;
  r.output = ref.index;
  r.had_index = ref.explicit_index;
  r.node = Find(ref.node);
  if (r.node < 0 && ref.node.compare(0, kImportPrefix.size(), kImportPrefix) == 0) {
    r.node = Find(std::string_view(ref.node).substr(kImportPrefix.size()));
    r.stripped_import = r.node >= 0;
  }
  if (r.node < 0) {
    std::string msg = "no node '" + ref.node + "' in the graph";
    auto suggestions = Suggest(ref.node);
    if (!suggestions.empty()) {
      msg += "; did you mean ";
      for (size_t i = 0; i < suggestions.size(); ++i) {
        if (i) msg += ", ";
        msg += "'" + suggestions[i] + "'";
      }
      msg += "?";
    }
    return Status::NotFound(msg);
  }
  return r;
}

std::vector<std::string> Graph::Suggest(std::string_view name, size_t max) const {
  if (name.compare(0, kImportPrefix.size(), kImportPrefix) == 0) name.remove_prefix(kImportPrefix.size());
  std::string_view last = LastComponent(name);
  struct Scored {
    size_t score;
    size_t whole;  // tie-break: closer whole names first
    int node;
  };
  std::vector<Scored> scored;
  scored.reserve(nodes_.size());
  for (int i = 0; i < size(); ++i) {
    std::string_view cand = this->name(i);
    size_t whole = EditDistance(name, cand);
    // A candidate whose last component matches closely is a better hint
    // than one that only shares a long scope prefix.
    size_t tail = EditDistance(last, LastComponent(cand));
    size_t score = std::min(whole * 2, tail * 2 + 1);
    // Containment is a strong hint (the user typed part of the name, or the
    // name plus a scope), but not for a short candidate: a node called "b"
    // is "contained" in almost anything typed.
    const bool typed_part = cand.find(name) != std::string_view::npos;
    const bool typed_more = cand.size() >= std::max<size_t>(3, name.size() / 2) &&
                            name.find(cand) != std::string_view::npos;
    if (typed_part || typed_more) score = std::min(score, static_cast<size_t>(1));
    scored.push_back({score, whole, i});
  }
  size_t limit = std::max<size_t>(4, name.size() / 2) * 2;
  std::stable_sort(scored.begin(), scored.end(),
                   [](const Scored& a, const Scored& b) {
                     return a.score != b.score ? a.score < b.score : a.whole < b.whole;
                   });
  std::vector<std::string> out;
  for (const auto& s : scored) {
    if (out.size() >= max || s.score > limit) break;
    out.emplace_back(this->name(s.node));
  }
  return out;
}

}  // namespace tfgraph
