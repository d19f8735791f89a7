#include "tui/actions.h"

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tfgraph::tui {
namespace {

std::string Stem(const std::string& path) {
  std::string p = path;
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  auto slash = p.rfind('/');
  std::string base = slash == std::string::npos ? p : p.substr(slash + 1);
  auto dot = base.rfind('.');
  if (dot != std::string::npos && dot > 0) base = base.substr(0, dot);
  if (base.empty() || base == "." || base == "..") base = "model";
  return base;
}

std::string DefaultSignature(const Document& doc, const Picks& picks) {
  if (!picks.outputs().empty()) return "";
  for (const auto& s : doc.signatures())
    if (s.key == "serving_default") return s.key;
  return doc.signatures().empty() ? "" : doc.signatures().front().key;
}

int RemoveEntry(const char* path, const struct stat*, int, struct FTW*) {
  ::remove(path);
  return 0;
}

// A child killed on cancel cannot clean up after itself: its AtomicFile or
// AtomicDir temporary ("<dest>.tfgraph-tmp-<pid>-<n>", see
// core/atomic_file.h) is removed here, so Esc leaves no trace on disk.
void RemoveTemporaries(const std::vector<std::string>& argv, pid_t pid) {
  std::string dest;
  for (size_t i = 0; i + 1 < argv.size(); ++i)
    if (argv[i] == "-o" || argv[i] == "--output") dest = argv[i + 1];
  if (dest.empty()) return;
  while (dest.size() > 1 && dest.back() == '/') dest.pop_back();
  auto slash = dest.rfind('/');
  std::string dir = slash == std::string::npos ? "." : dest.substr(0, slash == 0 ? 1 : slash);
  std::string prefix = (slash == std::string::npos ? dest : dest.substr(slash + 1)) +
                       ".tfgraph-tmp-" + std::to_string(pid) + "-";
  DIR* d = opendir(dir.c_str());
  if (!d) return;
  std::vector<std::string> doomed;
  while (dirent* e = readdir(d))
    if (std::string_view(e->d_name).rfind(prefix, 0) == 0) doomed.push_back(dir + "/" + e->d_name);
  closedir(d);
  for (const auto& p : doomed) nftw(p.c_str(), RemoveEntry, 16, FTW_DEPTH | FTW_PHYS);
}

// Runs argv, collecting output lines; "[NN%] label" lines set the progress.
class SubprocessRunner : public ActionRunner {
 public:
  SubprocessRunner(std::string exe, bool freeze) : exe_(std::move(exe)), freeze_(freeze) {}
  std::string Title() const override { return freeze_ ? "Freeze" : "Export"; }
  std::string Subcommand() const override { return freeze_ ? "freeze" : "export"; }

  std::vector<Field> Defaults(const Document& doc, const Picks& picks) const override {
    std::vector<Field> f;
    std::string sig = DefaultSignature(doc, picks);
    if (freeze_) {
      f.push_back({"output file", "-o", Stem(doc.path()) + "_frozen.pb"});
      f.push_back({"outputs", "--outputs", picks.Join(PickKind::kOutput, false)});
      f.push_back({"inputs", "--inputs", picks.Join(PickKind::kInput, true)});
      f.push_back({"signature key", "--signature", sig});
      f.push_back({"tag set", "--tag-set", doc.is_saved_model() ? "serve" : ""});
      f.push_back({"clear devices", "--clear-devices", "no", true});
      f.push_back({"overwrite", "--force", "no", true});
    } else {
      f.push_back({"output directory", "-o", Stem(doc.path()) + "_export"});
      f.push_back({"outputs", "--outputs", picks.Join(PickKind::kOutput, true)});
      f.push_back({"inputs", "--inputs", picks.Join(PickKind::kInput, true)});
      f.push_back({"signature key", "--signature", "serving_default"});
      f.push_back({"method", "--method", "predict"});
      f.push_back({"tags", "--tags", "serve"});
      f.push_back({"version", "--version", ""});
      f.push_back({"freeze first", "--frozen", "no", true});
      f.push_back({"overwrite", "--force", "no", true});
    }
    return f;
  }

  StatusOr<std::vector<std::string>> Run(const std::vector<std::string>& argv,
                                         Progress& progress) const override {
    int pipefd[2];
    if (pipe(pipefd) != 0) return Status::FromErrno("pipe", errno);
    std::vector<char*> args;
    args.push_back(const_cast<char*>(exe_.c_str()));
    for (size_t i = 1; i < argv.size(); ++i) args.push_back(const_cast<char*>(argv[i].c_str()));
    args.push_back(nullptr);
    pid_t pid = fork();
    if (pid < 0) return Status::FromErrno("fork", errno);
    if (pid == 0) {
      // Child: output and errors into the pipe; no terminal input.
      int devnull = open("/dev/null", O_RDONLY);
      if (devnull >= 0) dup2(devnull, 0);
      dup2(pipefd[1], 1);
      dup2(pipefd[1], 2);
      close(pipefd[0]);
      close(pipefd[1]);
      setenv("NO_COLOR", "1", 1);
      setenv("TFGRAPH_PROGRESS", "1", 1);  // "[NN%] label" lines for the bar
      execv(exe_.c_str(), args.data());
      dprintf(2, "cannot run %s: %s\n", exe_.c_str(), strerror(errno));
      _exit(127);
    }
    close(pipefd[1]);
    progress.Set(-1, "running " + Subcommand());
    std::vector<std::string> lines;
    std::string partial;
    bool killed = false;
    for (;;) {
      if (progress.cancelled() && !killed) {
        kill(pid, SIGTERM);
        killed = true;
      }
      pollfd p{pipefd[0], POLLIN, 0};
      int r = poll(&p, 1, 50);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) continue;
      char buf[4096];
      ssize_t n = read(pipefd[0], buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      partial.append(buf, static_cast<size_t>(n));
      size_t nl;
      while ((nl = partial.find('\n')) != std::string::npos) {
        std::string line = partial.substr(0, nl);
        partial.erase(0, nl + 1);
        int pct;
        if (line.size() > 3 && line[0] == '[' && sscanf(line.c_str(), "[%d%%]", &pct) == 1) {
          auto close_br = line.find(']');
          progress.Set(pct / 100.0, line.substr(close_br + 1));
          continue;
        }
        progress.AddLine(line);
        lines.push_back(std::move(line));
      }
    }
    if (!partial.empty()) lines.push_back(partial);
    close(pipefd[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (killed) {
      RemoveTemporaries(argv, pid);
      return Status::Cancelled(Subcommand() + " cancelled");
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return lines;
    std::string why = WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status))
                                        : "killed by signal " + std::to_string(WTERMSIG(status));
    std::string last = lines.empty() ? "" : ": " + lines.back();
    return Status::Internal(Subcommand() + " failed (" + why + ")" + last);
  }

 private:
  std::string exe_;
  bool freeze_;
};

}  // namespace

void Progress::Set(double fraction, std::string label) {
  std::lock_guard<std::mutex> l(mu_);
  fraction_ = fraction;
  label_ = std::move(label);
  changed_ = true;
}

void Progress::AddLine(std::string line) {
  std::lock_guard<std::mutex> l(mu_);
  lines_.push_back(std::move(line));
  changed_ = true;
}

double Progress::fraction() const {
  std::lock_guard<std::mutex> l(mu_);
  return fraction_;
}

std::string Progress::label() const {
  std::lock_guard<std::mutex> l(mu_);
  return label_;
}

std::vector<std::string> Progress::lines() const {
  std::lock_guard<std::mutex> l(mu_);
  return lines_;
}

std::vector<std::string> CommandArgv(const ActionRunner& runner, const Document& doc,
                                     const std::vector<Field>& fields) {
  std::vector<std::string> argv = {"tfgraph", runner.Subcommand(), doc.path()};
  for (const auto& f : fields) {
    if (f.is_switch) {
      if (f.value == "yes" || f.value == "y") argv.push_back(f.flag);
      continue;
    }
    if (f.value.empty()) continue;
    if (!f.flag.empty()) argv.push_back(f.flag);
    argv.push_back(f.value);
  }
  return argv;
}

std::string ShellCommand(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& a : argv) {
    if (!out.empty()) out += " ";
    bool plain = !a.empty() && a.find_first_not_of(
                                   "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                   "0123456789_-./:,=+@%") == std::string::npos;
    if (plain) {
      out += a;
      continue;
    }
    out += "'";
    for (char c : a) {
      if (c == '\'') out += "'\\''";
      else out.push_back(c);
    }
    out += "'";
  }
  return out;
}

std::vector<std::string> ShellCommandLines(const std::vector<std::string>& argv, int width) {
  // Group each flag with its value, then fill lines greedily.
  std::vector<std::string> words;
  for (size_t i = 0; i < argv.size(); ++i) {
    std::string w = ShellCommand({argv[i]});
    bool flag_with_value = argv[i].size() > 1 && argv[i][0] == '-' && i + 1 < argv.size() &&
                           (argv[i + 1].empty() || argv[i + 1][0] != '-');
    if (flag_with_value) w += " " + ShellCommand({argv[++i]});
    words.push_back(std::move(w));
  }
  std::vector<std::string> lines;
  std::string cur;
  for (const auto& w : words) {
    if (!cur.empty() && static_cast<int>(cur.size() + 1 + w.size() + 2) > width) {
      lines.push_back(cur + " \\");
      cur = "  " + w;
      continue;
    }
    cur += (cur.empty() ? "" : " ") + w;
  }
  if (!cur.empty()) lines.push_back(cur);
  return lines;
}

std::unique_ptr<ActionRunner> MakeFreezeRunner(std::string exe) {
  return std::make_unique<SubprocessRunner>(std::move(exe), true);
}
std::unique_ptr<ActionRunner> MakeExportRunner(std::string exe) {
  return std::make_unique<SubprocessRunner>(std::move(exe), false);
}

Job::Job(const ActionRunner& runner, std::vector<std::string> argv) : argv_(std::move(argv)) {
  thread_ = std::thread([this, &runner] {
    auto r = runner.Run(argv_, progress_);
    if (r.ok()) result_ = std::move(r).value();
    else status_ = r.status();
    done_.store(true);
    progress_.Set(progress_.fraction(), progress_.label());  // wake the UI
  });
}

Job::~Job() {
  progress_.Cancel();
  Wait();
}

void Job::Wait() {
  if (thread_.joinable()) thread_.join();
}

}  // namespace tfgraph::tui
