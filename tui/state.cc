#include "tui/state.h"

#include <chrono>

#include <algorithm>

#include "tui/keys.h"
#include "tui/text.h"
#include "tui/views/views.h"

namespace tfgraph::tui {

// Defined in views/help.cc.
void DrawHelpLines(const App& app, Surface& s, const View& v, int top, int height, int left,
                   int width);

App::App(const Document& doc, AppOptions options)
    : doc_(doc), options_(std::move(options)), picks_(doc.graph()),
      stats_(options_.variable_stats), stats_made_(stats_ != nullptr) {
  if (!options_.freeze_runner) options_.freeze_runner = MakeFreezeRunner(options_.self_exe);
  if (!options_.export_runner) options_.export_runner = MakeExportRunner(options_.self_exe);
  stack_.push_back(std::make_unique<NodeListView>(doc.graph(), "nodes"));
  const Graph* main = &doc.graph();
  main_index_ = std::async(std::launch::async, [main] { return std::make_unique<NameIndex>(*main); });
  const auto& w = doc.warnings();
  if (!w.empty()) {
    SetMessage("warning: " + w.front() +
               (w.size() > 1 ? " (+" + std::to_string(w.size() - 1) + " more)" : ""));
  }
}

App::~App() {
  if (main_index_.valid()) main_index_.wait();
}

bool App::background_busy() const {
  if (stats_pending()) return true;
  return main_index_.valid() &&
         main_index_.wait_for(std::chrono::seconds(0)) != std::future_status::ready;
}

void App::Resize(int width, int height) {
  width_ = std::max(1, width);
  height_ = std::max(1, height);
  SetCursor(top().cursor);
}

int App::BodyHeight() const {
  const View& v = top();
  int area = height_ - 3;  // title, picks bar, status line
  if (v.is_overlay()) return std::max(1, area - 2);
  if (!v.Header(*this, width_).empty()) --area;
  return std::max(1, area);
}

void App::SetCursor(size_t row) {
  View& v = top();
  size_t rows = v.RowCount();
  if (rows == 0) {
    v.cursor = v.top = 0;
    return;
  }
  v.cursor = std::min(row, rows - 1);
  size_t h = static_cast<size_t>(BodyHeight());
  if (v.cursor < v.top) v.top = v.cursor;
  if (v.cursor >= v.top + h) v.top = v.cursor - h + 1;
  // Never leave blank rows at the bottom when there is more above.
  if (v.top + h > rows) v.top = rows > h ? rows - h : 0;
}

unsigned App::Move(long delta) {
  View& v = top();
  size_t rows = v.RowCount();
  if (rows == 0) return kClean;
  long target = static_cast<long>(v.cursor) + delta;
  target = std::max(0L, std::min(target, static_cast<long>(rows) - 1));
  size_t before = v.cursor;
  // Page movements scroll the window along with the cursor (as less does).
  long page = BodyHeight();
  if (delta >= page / 2 || -delta >= page / 2) {
    long t = static_cast<long>(v.top) + delta;
    t = std::max(0L, std::min(t, std::max(0L, static_cast<long>(rows) - page)));
    v.top = static_cast<size_t>(t);
  }
  SetCursor(static_cast<size_t>(target));
  return before == v.cursor ? kDirtyBody : kDirtyAll;
}

void App::Push(std::unique_ptr<View> view) {
  forward_.clear();
  stack_.push_back(std::move(view));
  top().Sync(*this);
  SetCursor(top().cursor);
}

void App::Replace(std::unique_ptr<View> view) {
  stack_.back() = std::move(view);
  top().Sync(*this);
  SetCursor(top().cursor);
}

unsigned App::Back() {
  if (stack_.size() <= 1) {
    SetMessage("this is the first view (q quits)");
    return kDirtyStatus;
  }
  forward_.push_back(std::move(stack_.back()));
  stack_.pop_back();
  top().Sync(*this);
  SetCursor(top().cursor);
  return kDirtyAll;
}

unsigned App::Forward() {
  if (forward_.empty()) {
    SetMessage("nothing to go forward to");
    return kDirtyStatus;
  }
  stack_.push_back(std::move(forward_.back()));
  forward_.pop_back();
  top().Sync(*this);
  SetCursor(top().cursor);
  return kDirtyAll;
}

void App::SetMessage(std::string text, bool error) {
  message_ = std::move(text);
  message_error_ = error;
}

void App::Copy(std::string text, std::string message) {
  clipboard_ = std::move(text);
  SetMessage(std::move(message));
}

std::optional<std::string> App::TakeClipboard() {
  auto c = std::move(clipboard_);
  clipboard_.reset();
  return c;
}

unsigned App::OpenNode(const Graph& graph, int node) {
  if (node < 0 || node >= graph.size()) return kClean;
  Push(MakeDetail(graph, node));
  return kDirtyAll;
}

// ---- input ---------------------------------------------------------------

unsigned App::HandleKey(int key) {
  unsigned dirty = kClean;
  if (!message_.empty()) {
    message_.clear();
    dirty |= kDirtyStatus;
  }
  if (key == kKeyResize) return dirty | kDirtyAll;
  if (prompt_active()) {
    dirty |= HandlePromptKey(key);
  } else if (top().is_modal()) {
    unsigned r = top().OnKey(*this, key);
    dirty |= r & kUnhandled ? kClean : r;
  } else if (auto cmd = Lookup(KeyContext::kView, key)) {
    dirty |= Run(*cmd);
  } else {
    SetMessage("key " + KeyLabel(key) + " does nothing here; ? lists the keys");
    dirty |= kDirtyStatus;
  }
  top().Sync(*this);
  return dirty & ~static_cast<unsigned>(kUnhandled);
}

unsigned App::Run(Cmd cmd) {
  // The view on top gets the first say.
  unsigned r = top().OnCommand(*this, cmd);
  if (!(r & kUnhandled)) return r;
  View& v = top();
  long page = BodyHeight();
  const Graph* view_graph = v.graph() ? v.graph() : &doc_.graph();
  TensorId target = v.RowCount() ? v.TargetAt(v.cursor) : TensorId{};
  switch (cmd) {
    case Cmd::kMoveDown: return Move(1);
    case Cmd::kMoveUp: return Move(-1);
    case Cmd::kHalfPageDown: return Move(std::max(1L, page / 2));
    case Cmd::kHalfPageUp: return Move(-std::max(1L, page / 2));
    case Cmd::kPageDown: return Move(page);
    case Cmd::kPageUp: return Move(-page);
    case Cmd::kFirst: return Move(-static_cast<long>(v.RowCount()));
    case Cmd::kLast: return Move(static_cast<long>(v.RowCount()));
    case Cmd::kOpen: {
      if (v.RowCount() == 0) return kClean;
      unsigned o = v.Open(*this, v.cursor);
      if (o & kUnhandled) {
        SetMessage("nothing to open on this row");
        return kDirtyStatus;
      }
      return o;
    }
    case Cmd::kBack: return Back();
    case Cmd::kForward: return Forward();
    case Cmd::kCloseView:
      if (stack_.size() <= 1) {
        quit_ = true;
        return kDirtyQuit;
      }
      stack_.pop_back();
      top().Sync(*this);
      SetCursor(top().cursor);
      return kDirtyAll;
    case Cmd::kQuit:
      quit_ = true;
      return kDirtyQuit;
    case Cmd::kCancel:
      if (v.is_overlay()) return Back();
      return kDirtyStatus;
    case Cmd::kViewNodes:
      Push(std::make_unique<NodeListView>(doc_.graph(), "nodes"));
      return kDirtyAll;
    case Cmd::kViewTree:
      Push(MakeScopeTree(*view_graph));
      return kDirtyAll;
    case Cmd::kViewNeighbours:
      if (!target.valid()) break;
      Push(MakeNeighbours(*view_graph, target.node));
      return kDirtyAll;
    case Cmd::kViewSignatures:
      Push(MakeSignatures(doc_));
      return kDirtyAll;
    case Cmd::kViewCandidates: {
      auto c = MakeCandidates(doc_);
      if (!c) {
        SetMessage("no input/output candidates for this model", true);
        return kDirtyStatus;
      }
      Push(std::move(c));
      return kDirtyAll;
    }
    case Cmd::kViewOps:
      Push(MakeOps(*view_graph));
      return kDirtyAll;
    case Cmd::kViewVariables:
      Push(MakeVariables(doc_, VariableStats()));
      return kDirtyAll;
    case Cmd::kViewFunctions:
      Push(MakeFunctions(doc_));
      return kDirtyAll;
    case Cmd::kViewValues: {
      if (!target.valid()) break;
      auto values = MakeValues(doc_, *view_graph, target.node);
      if (!values.ok()) {
        SetMessage(values.status().message(), true);
        return kDirtyStatus;
      }
      Push(std::move(values).value());
      return kDirtyAll;
    }
    case Cmd::kViewPreview:
      Push(MakePreview(*this));
      return kDirtyAll;
    case Cmd::kHelp:
      Push(MakeHelp(width_ - 8));
      return kDirtyAll;
    case Cmd::kDeeper:
    case Cmd::kShallower:
      SetMessage("+ and - change the depth of the neighbourhood view (e)");
      return kDirtyStatus;
    case Cmd::kSearch: OpenPrompt(PromptKind::kSearch); return kDirtyStatus;
    case Cmd::kFilter: OpenPrompt(PromptKind::kFilter); return kDirtyStatus;
    case Cmd::kGoto: OpenPrompt(PromptKind::kGoto); return kDirtyStatus;
    case Cmd::kSearchNext: return SearchStep(true, false);
    case Cmd::kSearchPrev: return SearchStep(false, false);
    case Cmd::kSort:
      SetMessage("s sorts the node list (L)");
      return kDirtyStatus;
    case Cmd::kPickOutput: return Pick(PickKind::kOutput);
    case Cmd::kPickInput: return Pick(PickKind::kInput);
    case Cmd::kUnpick:
      if (!target.valid() || view_graph != &doc_.graph()) break;
      picks_.Remove(target);
      SetMessage("unpicked " + TensorText(doc_.graph(), target, true));
      return kDirtyAll;
    case Cmd::kClearPicks:
      picks_.Clear();
      SetMessage("all picks cleared");
      return kDirtyAll;
    case Cmd::kYankNames: return Yank(false);
    case Cmd::kYankTensors: return Yank(true);
    case Cmd::kFreeze:
    case Cmd::kExport: {
      if (job_running()) {
        SetMessage("a " + job_->argv()[1] + " is still running", true);
        return kDirtyStatus;
      }
      const ActionRunner& runner =
          cmd == Cmd::kFreeze ? *options_.freeze_runner : *options_.export_runner;
      Push(MakeForm(runner, runner.Defaults(doc_, picks_)));
      return kDirtyAll;
    }
    case Cmd::kRedraw: return kDirtyAll;
    default:
      break;
  }
  SetMessage(std::string(Info(cmd).name) + ": nothing to do on this row");
  return kDirtyStatus;
}

unsigned App::Pick(PickKind kind) {
  View& v = top();
  if (v.RowCount() == 0) return kClean;
  TensorId t = v.TargetAt(v.cursor);
  if (!t.valid()) {
    SetMessage("this row is not a node", true);
    return kDirtyStatus;
  }
  if (v.graph() != &doc_.graph()) {
    SetMessage("picks apply to the main graph, not to function bodies", true);
    return kDirtyStatus;
  }
  bool on = picks_.Toggle(kind, t);
  std::string what = kind == PickKind::kOutput ? "output" : "input";
  SetMessage((on ? "picked " : "unpicked ") + TensorText(doc_.graph(), t, true) + " as " + what);
  return kDirtyAll;
}

unsigned App::Yank(bool tensor_names) {
  std::string text;
  if (!picks_.outputs().empty()) {
    text = picks_.Join(PickKind::kOutput, tensor_names);
  } else {
    View& v = top();
    TensorId t = v.RowCount() ? v.TargetAt(v.cursor) : TensorId{};
    const Graph* g = v.graph() ? v.graph() : &doc_.graph();
    if (!t.valid()) {
      SetMessage("nothing to copy: pick outputs with o, or select a node", true);
      return kDirtyStatus;
    }
    text = TensorText(*g, t, tensor_names);
  }
  Copy(text, "copied " + text);
  return kDirtyStatus;
}

// ---- search, filter, go to -------------------------------------------------

void App::OpenPrompt(PromptKind kind) {
  if (top().is_overlay() && kind != PromptKind::kSearch) Back();
  prompt_ = Prompt{kind, "", -1};
}

std::string App::prompt_line() const {
  switch (prompt_.kind) {
    case PromptKind::kSearch: return "/" + prompt_.text;
    case PromptKind::kFilter: return "filter: " + prompt_.text;
    case PromptKind::kGoto: return "go to: " + prompt_.text;
    case PromptKind::kNone: break;
  }
  return "";
}

unsigned App::HandlePromptKey(int key) {
  auto cmd = Lookup(KeyContext::kPrompt, key);
  auto& history = history_[static_cast<int>(prompt_.kind)];
  std::string& text = prompt_.text;
  if (cmd) {
    switch (*cmd) {
      case Cmd::kPromptAccept: return AcceptPrompt();
      case Cmd::kPromptCancel:
        prompt_ = Prompt();
        return kDirtyStatus;
      case Cmd::kPromptErase:
        if (text.empty()) {
          prompt_ = Prompt();
          return kDirtyStatus;
        }
        text.pop_back();
        while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80)
          text.pop_back();
        if (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0xC0)
          text.pop_back();
        return kDirtyStatus;
      case Cmd::kPromptEraseWord: {
        while (!text.empty() && text.back() == ' ') text.pop_back();
        size_t cut = text.find_last_of(" /");
        text.resize(cut == std::string::npos ? 0 : cut + 1);
        return kDirtyStatus;
      }
      case Cmd::kPromptClear: text.clear(); return kDirtyStatus;
      case Cmd::kPromptComplete:
        if (prompt_.kind == PromptKind::kGoto) return CompleteGoto();
        return kClean;
      case Cmd::kPromptHistoryPrev:
      case Cmd::kPromptHistoryNext: {
        if (history.empty()) return kClean;
        int n = static_cast<int>(history.size());
        int pos = prompt_.history_pos < 0 ? n : prompt_.history_pos;
        pos += *cmd == Cmd::kPromptHistoryPrev ? -1 : 1;
        if (pos < 0) pos = 0;
        if (pos >= n) {
          prompt_.history_pos = -1;
          text.clear();
        } else {
          prompt_.history_pos = pos;
          text = history[static_cast<size_t>(pos)];
        }
        return kDirtyStatus;
      }
      default:
        break;
    }
  }
  if (key >= 32 && key < kKeyBase && key != 127) {
    text += KeyText(key);
    return kDirtyStatus;
  }
  return kClean;
}

unsigned App::AcceptPrompt() {
  Prompt p = prompt_;
  prompt_ = Prompt();
  auto& history = history_[static_cast<int>(p.kind)];
  if (!p.text.empty() && (history.empty() || history.back() != p.text)) history.push_back(p.text);
  switch (p.kind) {
    case PromptKind::kSearch: {
      std::string text = p.text;
      if (text.empty()) text = search_.text();  // Enter alone repeats the last search
      return ApplySearch(text);
    }
    case PromptKind::kFilter: return ApplyFilter(p.text);
    case PromptKind::kGoto: return GotoNode(p.text);
    case PromptKind::kNone: break;
  }
  return kDirtyStatus;
}

unsigned App::ApplySearch(const std::string& text) {
  Pattern p = Pattern::Compile(text);
  if (!p.ok()) {
    SetMessage("bad pattern /" + text + "/: " + p.error(), true);
    return kDirtyStatus;
  }
  search_ = std::move(p);
  if (search_.empty()) {
    SetMessage("search cleared");
    return kDirtyAll;
  }
  return SearchStep(true, true);
}

unsigned App::SearchStep(bool forward, bool include_current) {
  View& v = top();
  if (search_.empty()) {
    SetMessage("no search yet: / starts one");
    return kDirtyStatus;
  }
  size_t rows = v.RowCount();
  if (rows == 0) return kDirtyStatus;
  size_t start = v.cursor;
  // Node lists test names against one bulk scan of all names (NameIndex);
  // other views match their rows one by one.
  const std::vector<uint8_t>* bits = nullptr;
  auto* list = dynamic_cast<NodeListView*>(&v);
  if (list) bits = &NameIndexFor(*list->graph()).Matches(search_);
  for (size_t i = 0; i < rows; ++i) {
    size_t step = include_current ? i : i + 1;
    size_t row = forward ? (start + step) % rows : (start + rows - step % rows) % rows;
    bool hit = bits ? (*bits)[static_cast<size_t>(list->NodeAt(row))] != 0
                    : search_.Matches(v.SearchText(row));
    if (!hit) continue;
    bool wrapped = forward ? row < start || (row == start && step > 0)
                           : row > start || (row == start && step > 0);
    SetCursor(row);
    std::string msg = "/" + search_.text() + ": row " + Thousands(row + 1) + " of " +
                      Thousands(rows);
    if (wrapped) msg += forward ? " (search wrapped to the top)" : " (wrapped to the bottom)";
    SetMessage(msg);
    return kDirtyAll;
  }
  SetMessage("no match for /" + search_.text() + "/", true);
  return kDirtyAll;
}

unsigned App::ApplyFilter(const std::string& text) {
  auto f = NodeFilter::Parse(text);
  if (!f.ok()) {
    SetMessage(f.status().message(), true);
    return kDirtyStatus;
  }
  auto* list = dynamic_cast<NodeListView*>(&top());
  if (!list) {
    const Graph* g = top().graph() ? top().graph() : &doc_.graph();
    Push(std::make_unique<NodeListView>(*g, "nodes"));
    list = static_cast<NodeListView*>(&top());
  }
  list->SetFilter(std::move(f).value());
  SetCursor(0);
  if (list->filter().empty())
    SetMessage("filter cleared");
  else
    SetMessage("filter " + list->filter().text() + ": " + Thousands(list->RowCount()) + " of " +
               Thousands(list->graph()->size()) + " nodes");
  return kDirtyAll;
}

unsigned App::GotoNode(const std::string& text) {
  const Graph* g = top().graph() ? top().graph() : &doc_.graph();
  if (text.empty()) return kDirtyStatus;
  auto r = g->Resolve(text);
  if (!r.ok()) {
    SetMessage(r.status().message(), true);
    return kDirtyStatus;
  }
  return OpenNode(*g, r->node);
}

const NameIndex& App::NameIndexFor(const Graph& graph) {
  auto& slot = name_indexes_[&graph];
  if (!slot && &graph == &doc_.graph() && main_index_.valid()) slot = main_index_.get();
  if (!slot) slot = std::make_unique<NameIndex>(graph);
  return *slot;
}

const std::vector<std::string_view>& App::SortedNames() const {
  if (sorted_names_.empty()) {
    // Sorted on (8-byte big-endian prefix, name): most comparisons are one
    // integer compare, which matters at a million names.
    const Graph& g = doc_.graph();
    std::vector<std::pair<uint64_t, std::string_view>> keys;
    keys.reserve(static_cast<size_t>(g.size()));
    for (int i = 0; i < g.size(); ++i) {
      std::string_view n = g.name(i);
      uint64_t v = 0;
      for (size_t k = 0; k < 8; ++k)
        v = (v << 8) | (k < n.size() ? static_cast<unsigned char>(n[k]) : 0);
      keys.emplace_back(v, n);
    }
    std::sort(keys.begin(), keys.end());
    sorted_names_.reserve(keys.size());
    for (const auto& k : keys) sorted_names_.push_back(k.second);
  }
  return sorted_names_;
}

unsigned App::CompleteGoto() {
  const auto& names = SortedNames();
  std::string& text = prompt_.text;
  auto lo = std::lower_bound(names.begin(), names.end(), std::string_view(text));
  auto hi = lo;
  while (hi != names.end() && hi->substr(0, text.size()) == text) ++hi;
  size_t n = static_cast<size_t>(hi - lo);
  if (n == 0) {
    SetMessage("no node name starts with '" + text + "'", true);
    return kDirtyStatus;
  }
  // Longest common prefix of the matches.
  std::string_view first = *lo, last = *(hi - 1);
  size_t len = 0;
  while (len < first.size() && len < last.size() && first[len] == last[len]) ++len;
  text = std::string(first.substr(0, len));
  if (n == 1) {
    SetMessage("unique match");
  } else {
    std::string msg = Thousands(n) + " matches: ";
    size_t shown = 0;
    for (auto it = lo; it != hi && shown < 5; ++it, ++shown) {
      if (shown) msg += "  ";
      msg += std::string(*it);
    }
    if (n > shown) msg += "  ...";
    SetMessage(msg);
  }
  return kDirtyStatus;
}

// ---- actions ---------------------------------------------------------------

unsigned App::StartAction(const ActionRunner& runner, const std::vector<Field>& fields) {
  job_.reset();
  job_ = std::make_unique<Job>(runner, CommandArgv(runner, doc_, fields));
  Replace(MakeProgress(runner, *job_));
  return kDirtyAll;
}

unsigned App::Tick() { return ReportGraphIndex() | TickJob() | TickStats(); }

std::shared_ptr<LazyStats> App::VariableStats() {
  if (!stats_made_) {
    stats_made_ = true;
    stats_ = MakeCheckpointStats(doc_);
  }
  return stats_;
}

unsigned App::TickStats() {
  // Statistics that arrived belong to rows on screen (only those ask).
  return stats_ && stats_->TakeArrived() ? kDirtyBody : kClean;
}

unsigned App::ReportGraphIndex() {
  // A model loaded with a background index (the program does that, so the
  // first screen need not wait for a million edges) tells what the loader
  // would have told, once the index is there.
  if (index_reported_ || !doc_.graph().index_ready()) return kClean;
  index_reported_ = true;
  Status st = doc_.graph().index_status();
  if (!st.ok()) {
    SetMessage("the graph's edges could not be resolved: " + st.message(), true);
    return kDirtyStatus;
  }
  std::string dangling = doc_.graph().DanglingWarning();
  if (dangling.empty()) return kClean;
  // The Model-backed Document already had it when the model was indexed
  // at load time.
  for (const auto& w : doc_.warnings())
    if (w == dangling) return kClean;
  SetMessage("warning: " + dangling);
  return kDirtyStatus;
}

unsigned App::TickJob() {
  if (!job_) return kClean;
  bool changed = job_->progress().TakeChanged();
  if (job_->done() && top().is_modal() && top().RowCount() == 0 &&
      top().Title() == (job_->argv()[1] == "freeze" ? freeze_runner().Title()
                                                    : export_runner().Title())) {
    job_->Wait();
    const ActionRunner& runner =
        job_->argv()[1] == "freeze" ? freeze_runner() : export_runner();
    Replace(MakeResult(runner, *job_));
    SetMessage(job_->status().ok() ? runner.Title() + " done"
                                   : runner.Title() + " failed: " + job_->status().message(),
               !job_->status().ok());
    return kDirtyAll;
  }
  if (job_running()) {
    top().Sync(*this);  // animates an indeterminate bar
    return kDirtyBody;
  }
  return changed ? kDirtyAll : kClean;
}

// ---- drawing ---------------------------------------------------------------

void App::PutText(Surface& s, int y, int x, std::string_view text, int cols, Role role,
                  bool highlight) const {
  int used = s.Put(y, x, text, role, cols);
  (void)used;
  if (!highlight || search_.empty() || !search_.ok()) return;
  for (auto [b, e] : search_.FindAll(text)) {
    int col = DisplayWidth(text.substr(0, b));
    if (col >= cols) break;
    s.Put(y, x + col, text.substr(b, e - b), Role::kMatch, cols - col);
  }
}

void App::Draw(Surface& s) const {
  s.Clear();
  if (too_small()) {
    DrawTooSmall(s);
    return;
  }
  DrawTitle(s);
  const View& v = top();
  const View& base = v.is_overlay() && stack_.size() > 1 ? *stack_[stack_.size() - 2] : v;
  int area_top = 1;
  int area_h = height_ - 3;
  if (!base.DrawBody(*this, s, area_top, area_h)) {
    std::string header = base.Header(*this, width_);
    int y = area_top;
    int rows_h = area_h;
    if (!header.empty()) {
      s.Fill(y, 0, width_, Role::kHeader);
      s.Put(y, 0, header, Role::kHeader);
      ++y;
      --rows_h;
    }
    size_t rows = base.RowCount();
    for (int i = 0; i < rows_h; ++i) {
      size_t row = base.top + static_cast<size_t>(i);
      if (row >= rows) break;
      base.DrawRow(*this, s, y + i, row, row == base.cursor && !v.is_overlay());
    }
    if (rows == 0) s.Put(y, 2, "(nothing to show)", Role::kDim);
  }
  if (v.is_overlay()) DrawOverlay(s, v, area_top, area_h);
  DrawPicks(s, height_ - 2);
  DrawStatus(s, height_ - 1);
}

void App::DrawSettled(Surface& s) {
  Draw(s);
  if (!stats_) return;
  stats_->WaitIdle();
  // Whatever arrived, even while the frame was being drawn (the worker may
  // finish a row before the frame is done), is drawn right here.
  if (stats_->TakeArrived()) Draw(s);
}

void App::DrawOverlay(Surface& s, const View& v, int top, int height) const {
  int left = 2, w = width_ - 4;
  std::string bar = "+" + std::string(static_cast<size_t>(w - 2), '-') + "+";
  s.Put(top, left, bar, Role::kBorder);
  s.Put(top, left + 2, " " + v.Title() + ": " + v.Info(*this) + " ", Role::kBorder);
  s.Put(top + height - 1, left, bar, Role::kBorder);
  for (int i = 1; i < height - 1; ++i) {
    s.Put(top + i, left, "|", Role::kBorder);
    s.Put(top + i, left + w - 1, "|", Role::kBorder);
  }
  DrawHelpLines(*this, s, v, top + 1, height - 2, left + 1, w - 2);
}

void App::DrawTitle(Surface& s) const {
  // The view and what it shows come first; the model's file name and the
  // history depth take what room is left.
  s.Fill(0, 0, width_, Role::kTitle);
  const View& v = top();
  std::string left = " [" + v.Title() + "]";
  std::string info = v.Info(*this);
  if (!info.empty()) left += " " + info;
  std::string path = doc_.path();
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  std::string base = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
  std::string depth = depth_label();
  std::string right = "  " + base + depth + "  ? help ";
  if (DisplayWidth(left) + DisplayWidth(right) > width_) right = depth + "  ? help ";
  int rw = DisplayWidth(right);
  s.Put(0, 0, left, Role::kTitle, width_ - rw);
  s.Put(0, width_ - rw, right, Role::kTitle);
}

std::string App::depth_label() const {
  return depth() > 1 ? "  " + std::to_string(depth()) + " deep" : "";
}

void App::DrawPicks(Surface& s, int y) const {
  s.Fill(y, 0, width_, Role::kStatus);
  if (picks_.empty()) {
    s.Put(y, 0, " no picks: o picks an output, i an input, P previews the freeze", Role::kStatus);
    return;
  }
  int x = 0;
  x += s.Put(y, x, " out: ", Role::kStatus);
  std::string outs = picks_.outputs().empty() ? "-" : picks_.Join(PickKind::kOutput, true);
  x += s.Put(y, x, Truncate(outs, std::max(10, width_ / 2 - 8)), Role::kPickOut);
  x += s.Put(y, x, "  in: ", Role::kStatus);
  std::string ins = picks_.inputs().empty() ? "-" : picks_.Join(PickKind::kInput, true);
  x += s.Put(y, x, Truncate(ins, std::max(10, width_ / 4)), Role::kPickIn);
  if (!picks_.outputs().empty()) {
    const PruneResult& r = picks_.Preview();
    std::string sum = "  " + Thousands(r.kept.size()) + " nodes, " +
                      Thousands(r.variables.size()) + " vars, " + HumanBytes(r.estimated_bytes);
    if (!r.warnings.empty()) sum += ", " + std::to_string(r.warnings.size()) + (r.warnings.size() == 1 ? " warning" : " warnings") + " (P)";
    s.Put(y, x, sum, r.warnings.empty() ? Role::kStatus : Role::kWarning, width_ - x);
  }
}

void App::DrawStatus(Surface& s, int y) const {
  s.Fill(y, 0, width_, Role::kNormal);
  if (prompt_active()) {
    int x = s.Put(y, 0, prompt_line(), Role::kNormal, width_ - 1);
    s.Put(y, x, " ", Role::kSelected);
    return;
  }
  const View& v = top();
  std::string pos;
  size_t rows = v.RowCount();
  if (rows > 0 && !v.is_modal()) {
    pos = Thousands(v.cursor + 1) + "/" + Thousands(rows) + " " +
          std::to_string(rows > 1 ? v.cursor * 100 / (rows - 1) : 100) + "%";
  }
  int pw = DisplayWidth(pos);
  if (!message_.empty()) {
    s.Put(y, 0, message_, message_error_ ? Role::kError : Role::kNormal, width_ - pw - 1);
  } else {
    s.Put(y, 0, "[" + v.Title() + "]", Role::kDim, width_ - pw - 1);
  }
  s.Put(y, width_ - pw, pos, Role::kDim);
}

void App::DrawTooSmall(Surface& s) const {
  std::string a = "terminal too small: " + std::to_string(width_) + "x" + std::to_string(height_);
  std::string b = "tfgraph needs at least " + std::to_string(kMinWidth) + "x" +
                  std::to_string(kMinHeight) + "; Q quits";
  int y = height_ / 2 - 1;
  s.Put(std::max(0, y), 0, a, Role::kError);
  s.Put(std::max(0, y + 1), 0, b, Role::kNormal);
}

}  // namespace tfgraph::tui
