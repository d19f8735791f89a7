#include "tui/lazy_stats.h"

#include <algorithm>
#include <map>

#include "core/checkpoint_reader.h"
#include "core/dtype.h"
#include "core/tensor_slice.h"
#include "core/variable_binding.h"

namespace tfgraph::tui {

LazyStats::~LazyStats() {
  {
    // Under the lock, so the worker cannot miss the wake-up between testing
    // its predicate and going to sleep.
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    work_cv_.notify_all();
    idle_cv_.notify_all();
  }
  if (worker_.joinable()) worker_.join();
}

VarStats LazyStats::Get(int node) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = done_.find(node);
  if (it != done_.end()) return it->second;
  if (node == running_) return {};
  // Asked again (its row is still on screen): it moves up with this frame's
  // requests, in the order they come (top row first).
  auto q = std::find(queue_.begin(), queue_.end(), node);
  if (q != queue_.end()) {
    if (q - queue_.begin() < static_cast<long>(fresh_)) return {};
    queue_.erase(q);
  }
  queue_.insert(queue_.begin() + static_cast<long>(std::min(fresh_, queue_.size())), node);
  ++fresh_;
  if (queue_.size() > kMaxQueued) {
    queue_.pop_back();  // the oldest request: long scrolled off screen
    fresh_ = std::min(fresh_, queue_.size());
  }
  if (!worker_.joinable()) worker_ = std::thread(&LazyStats::Work, this);
  work_cv_.notify_one();
  return {};
}

bool LazyStats::TakeArrived() {
  std::lock_guard<std::mutex> lock(mu_);
  bool a = arrived_;
  arrived_ = false;
  return a;
}

bool LazyStats::pending() const {
  std::lock_guard<std::mutex> lock(mu_);
  return !queue_.empty() || running_ >= 0;
}

void LazyStats::WaitIdle() {
  std::unique_lock<std::mutex> lock(mu_);
  idle_cv_.wait(lock, [this] { return stop_ || (queue_.empty() && running_ < 0); });
}

void LazyStats::Work() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    work_cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
    if (stop_) break;
    const int node = queue_.front();
    queue_.pop_front();
    // Requests from now on are a newer frame's and go before the rest.
    fresh_ = 0;
    running_ = node;
    lock.unlock();
    VarStats result = compute_(node, stop_);
    lock.lock();
    running_ = -1;
    if (stop_) break;
    done_[node] = std::move(result);
    arrived_ = true;
    if (queue_.empty()) idle_cv_.notify_all();
  }
  idle_cv_.notify_all();
}

namespace {

// ComputeStats, fed to the accumulator in pieces so that the statistics of
// a huge tensor can be abandoned between pieces when the UI quits. Pieces
// are views of the tensor's bytes (no copy). Tensors of up to one piece are
// summarised exactly as ComputeStats does; bigger ones may differ from it in
// the last bits of the mean and std (the sums are added in another order).
TensorStats StoppableStats(const Tensor& t, const std::atomic<bool>& stop) {
  constexpr int64_t kPiece = int64_t{1} << 22;  // elements: 16 MiB of float32
  const int64_t n = t.num_elements();
  const int size = DTypeSize(t.dtype());
  if (t.is_string_like() || size <= 0 || n <= kPiece) return ComputeStats(t);
  StatsAccumulator acc;
  for (int64_t start = 0; start < n && !stop; start += kPiece) {
    const int64_t m = std::min(kPiece, n - start);
    // No owner: `t` keeps the bytes alive for as long as the piece lives.
    auto piece = Tensor::View(t.dtype(), {m}, t.bytes().substr(start * size, m * size), nullptr);
    if (!piece.ok()) return ComputeStats(t);  // cannot happen: same dtype, exact size
    acc.Add(*piece);
  }
  return acc.Finish();
}

// The worker's view of a model's checkpoint. The binding of graph variables
// to checkpoint entries is made on the first request (it walks the whole
// graph, which must not hold up the UI) and only ever touched by the worker
// thread, so it needs no lock; the Model and the CheckpointReader are safe
// to read from several threads.
class CheckpointSource {
 public:
  CheckpointSource(const Model& model, std::shared_ptr<CheckpointReader> reader)
      : model_(model), reader_(std::move(reader)) {}

  VarStats Stats(int node, const std::atomic<bool>& stop) {
    if (!bound_) Bind();
    VarStats r;
    auto it = key_of_node_.find(std::string(model_.graph().name(node)));
    if (it == key_of_node_.end()) {
      r.kind = VarStats::Kind::kNoValue;
      r.message = "not in the checkpoint";
      return r;
    }
    const std::string& key = it->second;
    auto t = reader_->Read(key);
    if (t.ok()) {
      // A part of a partitioned variable holds its slice of the entry.
      auto slice = slice_of_node_.find(it->first);
      if (slice != slice_of_node_.end()) t = ExtractSlice(*t, slice->second);
    }
    if (!t.ok()) {
      r.kind = VarStats::Kind::kError;
      r.message = t.status().message();
      return r;
    }
    r.kind = VarStats::Kind::kStats;
    r.stats = StoppableStats(*t, stop);
    // Paging through thousands of variables keeps about one tensor resident,
    // as `vars --stats` does.
    *t = Tensor();
    reader_->DropPages(key);
    return r;
  }

 private:
  void Bind() {
    bound_ = true;
    VariableBinding b = BindVariables(model_, *reader_);
    for (const auto& [key, nodes] : b.nodes_of_key)
      for (const auto& n : nodes) key_of_node_[n] = key;
    slice_of_node_ = PartSlices(model_, b);
  }

  const Model& model_;
  std::shared_ptr<CheckpointReader> reader_;
  bool bound_ = false;
  std::map<std::string, std::string, std::less<>> key_of_node_;  // node name -> key
  std::map<std::string, TensorSlice> slice_of_node_;  // parts of partitioned variables
};

}  // namespace

std::shared_ptr<LazyStats> MakeCheckpointStats(const Document& doc) {
  const Model* m = doc.model();
  if (!m || m->checkpoint_prefix().empty()) return nullptr;
  auto reader = m->checkpoint();
  if (!reader.ok() || !*reader) return nullptr;  // the loader already warned
  auto source = std::make_shared<CheckpointSource>(*m, *reader);
  return std::make_shared<LazyStats>(
      [source](int node, const std::atomic<bool>& stop) { return source->Stats(node, stop); });
}

}  // namespace tfgraph::tui
