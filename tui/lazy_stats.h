// LazyStats: statistics of variables' checkpoint values, computed on demand
// on a background thread, for the variables view.
//
// Contract:
//   - Get(node) is for the UI thread and never blocks on a computation: it
//     returns the result when it is known; otherwise it queues the node
//     (once) and returns a kPending result. The variables view calls it
//     while drawing a row, so only rows that are on screen are ever
//     computed, however many variables the model has.
//   - One worker thread, started by the first request, computes queued nodes
//     one at a time: the latest frame's requests first, in the order they
//     were made (top row first), then older ones (what is on screen now
//     before what was scrolled past). At most kMaxQueued requests wait;
//     the oldest are dropped, and asked for again if their row comes back.
//   - TakeArrived() reports, once, that results arrived since the last call:
//     App::Tick turns that into a redraw. pending() says whether work is
//     queued or running (the terminal then polls more often).
//   - WaitIdle() blocks until nothing is queued or running: the headless
//     mode and tests capture screens only then, so they are deterministic.
//   - The destructor stops the worker (the computation in progress is told
//     through the `stop` flag it receives and may return early; its result
//     is dropped) and joins it. No thread outlives a LazyStats.
// The computation itself is a function given at construction, called only
// on the worker thread; MakeCheckpointStats supplies the real one. Nothing
// here knows about curses, views or the App.
#ifndef TFGRAPH_TUI_LAZY_STATS_H_
#define TFGRAPH_TUI_LAZY_STATS_H_

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "core/tensor_stats.h"
#include "tui/document.h"

namespace tfgraph::tui {

struct VarStats {
  enum class Kind {
    kPending,  // not computed yet
    kStats,    // `stats` holds the statistics of the value
    kNoValue,  // no value to summarise; `message` says why ("not in checkpoint")
    kError,    // the value could not be read; `message` is the error
  };
  Kind kind = Kind::kPending;
  TensorStats stats;
  std::string message;
};

class LazyStats {
 public:
  // Called on the worker thread only, one node at a time. `stop` turns true
  // when the LazyStats is being destroyed; long computations should check it.
  using Compute = std::function<VarStats(int node, const std::atomic<bool>& stop)>;
  static constexpr size_t kMaxQueued = 256;

  explicit LazyStats(Compute compute) : compute_(std::move(compute)) {}
  ~LazyStats();
  LazyStats(const LazyStats&) = delete;
  LazyStats& operator=(const LazyStats&) = delete;

  VarStats Get(int node);
  bool TakeArrived();
  bool pending() const;
  void WaitIdle();

 private:
  void Work();

  const Compute compute_;
  mutable std::mutex mu_;
  std::condition_variable work_cv_;  // the worker waits for requests or stop
  std::condition_variable idle_cv_;  // WaitIdle waits for an empty queue
  std::deque<int> queue_;            // the next to compute at the front
  size_t fresh_ = 0;  // the first fresh_ entries were asked since the worker last took one
  std::unordered_map<int, VarStats> done_;
  int running_ = -1;  // the node being computed, or -1
  bool arrived_ = false;
  std::atomic<bool> stop_{false};
  std::thread worker_;  // started by the first request
};

// Statistics of the checkpoint values bound to the variables of `doc`'s
// main graph (core/variable_binding.h finds the entry of each variable, on
// the worker, on first use). A part of a partitioned variable gets the
// statistics of its own slice of the entry, as the graph's saver restores
// it (of the whole entry when the saver does not say). Null when the
// document has no readable checkpoint: its variables have no values to
// summarise.
std::shared_ptr<LazyStats> MakeCheckpointStats(const Document& doc);

}  // namespace tfgraph::tui

#endif  // TFGRAPH_TUI_LAZY_STATS_H_
