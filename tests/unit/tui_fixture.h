// A UI over a synthetic graph, driven by script-notation keys, for tests.
#ifndef TFGRAPH_TESTS_UNIT_TUI_FIXTURE_H_
#define TFGRAPH_TESTS_UNIT_TUI_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "tests/unit/test_graphs.h"
#include "tui/document.h"
#include "tui/keys.h"
#include "tui/script.h"
#include "tui/state.h"
#include "tui/surface.h"

namespace tfgraph::tui::testing {

class UiFixture {
 public:
  explicit UiFixture(tensorflow::GraphDef def = tfgraph::testing::TrainingGraph(),
                     AppOptions options = {}, std::vector<Signature> sigs = {})
      : def_(std::move(def)),
        graph_(tfgraph::testing::MustIndex(def_)),
        doc_(*graph_, &def_, "model.pb", std::move(sigs)),
        app_(std::make_unique<App>(doc_, std::move(options))),
        screen_(80, 24) {
    app_->Resize(80, 24);
  }
  App& app() { return *app_; }
  const Graph& graph() { return *graph_; }
  const Document& doc() { return doc_; }
  // Sends keys in script notation; returns the OR of the Dirty bits.
  unsigned Keys(const std::string& keys) {
    auto parsed = ParseKeys(keys);
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    unsigned dirty = 0;
    for (int k : *parsed) {
      dirty |= app_->HandleKey(k);
      app_->Tick();
    }
    return dirty;
  }
  // Screens are captured as the headless mode captures them: once the
  // background statistics of the rows on them are in.
  std::string Screen() {
    app_->DrawSettled(screen_);
    return screen_.ToString();
  }
  MemorySurface& surface() { return screen_; }
  std::string Line(int y) {
    app_->DrawSettled(screen_);
    return screen_.Line(y);
  }
  // Name of the node under the cursor of the top view.
  std::string Selected() {
    auto t = app_->top().TargetAt(app_->top().cursor);
    const Graph* g = app_->top().graph() ? app_->top().graph() : graph_.get();
    return t.valid() ? std::string(g->name(t.node)) : "";
  }

 private:
  tensorflow::GraphDef def_;
  std::unique_ptr<Graph> graph_;
  Document doc_;
  std::unique_ptr<App> app_;
  MemorySurface screen_;
};

}  // namespace tfgraph::tui::testing

#endif  // TFGRAPH_TESTS_UNIT_TUI_FIXTURE_H_
