// core/atomic_file: the destination is untouched until Commit(), replaced only
// with overwrite, never clobbered by a destination that appears meanwhile; a
// replaced folder is swapped, not deleted first; leftovers of dead runs are
// removed, those of live processes and a lone moved-aside "-old" are kept.
// The same holds on a filesystem without renameat2's flags (simulated).
#include "core/atomic_file.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <set>

namespace tfgraph {
namespace {

namespace fs = std::filesystem;

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tfgraph-atomic-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::set<std::string> Names() const {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_)) out.insert(e.path().filename().string());
    return out;
  }
  static std::string Read(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), {});
  }
  static void Write(const fs::path& p, const std::string& s) {
    std::ofstream(p, std::ios::binary) << s;
  }

  fs::path dir_;
};

// A pid that belonged to a process which has exited and been reaped.
pid_t DeadPid() {
  pid_t pid = ::fork();
  if (pid == 0) ::_exit(0);
  ::waitpid(pid, nullptr, 0);
  return pid;
}

TEST_F(AtomicFileTest, NothingVisibleBeforeCommitAndNothingLeftWithout) {
  const std::string dest = (dir_ / "out.pb").string();
  {
    auto f = AtomicFile::Open(dest, false);
    ASSERT_TRUE(f.ok()) << f.status().ToString();
    ASSERT_TRUE((*f)->Append("partial").ok());
    EXPECT_FALSE(fs::exists(dest));
    EXPECT_NE((*f)->temp_path().find(".tfgraph-tmp-"), std::string::npos);
  }
  EXPECT_TRUE(Names().empty());
}

TEST_F(AtomicFileTest, RefusesAnExistingDestinationWithoutOverwrite) {
  const fs::path dest = dir_ / "out.pb";
  Write(dest, "old");
  auto f = AtomicFile::Open(dest.string(), false);
  EXPECT_EQ(f.status().code(), Status::Code::kAlreadyExists);
  EXPECT_EQ(Read(dest), "old");
  ASSERT_TRUE(WriteFileAtomically(dest.string(), "new", true).ok());
  EXPECT_EQ(Read(dest), "new");
  EXPECT_EQ(Names(), std::set<std::string>{"out.pb"});
}

TEST_F(AtomicFileTest, AnOutputThatCannotBeWrittenIsAWriteFailureNamingIt) {
  // Exit status 5 ("an output ... cannot be written"), and the message names
  // the destination the user gave, never the temporary beside it.
  const std::string in_missing = (dir_ / "missing" / "out.pb").string();
  Status st = WriteFileAtomically(in_missing, "x", false);
  EXPECT_EQ(st.code(), Status::Code::kWriteFailed) << st.ToString();
  EXPECT_EQ(st.message().rfind(in_missing + ": cannot write: ", 0), 0u) << st.message();
  // A folder that cannot hold files, even for root.
  const std::string in_proc = "/proc/self/tfgraph-out.pb";
  st = WriteFileAtomically(in_proc, "x", false);
  EXPECT_EQ(st.code(), Status::Code::kWriteFailed) << st.ToString();
  EXPECT_EQ(st.message().rfind(in_proc + ": cannot write: ", 0), 0u) << st.message();
  EXPECT_EQ(st.message().find("tfgraph-tmp"), std::string::npos) << st.message();
  auto d = AtomicDir::Create("/proc/self/tfgraph-saved", false);
  EXPECT_EQ(d.status().code(), Status::Code::kWriteFailed) << d.status().ToString();
  EXPECT_EQ(Names(), std::set<std::string>{});
}

TEST_F(AtomicFileTest, DestinationAppearingBeforeCommitIsNotClobbered) {
  const fs::path dest = dir_ / "out.pb";
  auto f = AtomicFile::Open(dest.string(), false);
  ASSERT_TRUE(f.ok());
  ASSERT_TRUE((*f)->Append("mine").ok());
  Write(dest, "someone else's");
  EXPECT_EQ((*f)->Commit().code(), Status::Code::kAlreadyExists);
  EXPECT_EQ(Read(dest), "someone else's");
}

TEST_F(AtomicFileTest, FolderIsSwappedInAndTheOldOneRemoved) {
  const fs::path dest = dir_ / "saved";
  fs::create_directories(dest / "variables");
  Write(dest / "old.txt", "old");
  auto d = AtomicDir::Create(dest.string(), true);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  Write(fs::path((*d)->path()) / "saved_model.pb", "new");
  EXPECT_TRUE(fs::exists(dest / "old.txt"));  // untouched until Commit
  ASSERT_TRUE((*d)->Commit().ok());
  EXPECT_EQ(Read(dest / "saved_model.pb"), "new");
  EXPECT_FALSE(fs::exists(dest / "old.txt"));
  EXPECT_EQ(Names(), std::set<std::string>{"saved"});
}

// A filesystem without RENAME_EXCHANGE and RENAME_NOREPLACE (some network and
// FUSE filesystems): renameat2 with any flag fails with EINVAL.
int flagged_renames = 0;
int RenameatWithoutFlags(const char*, const char*, unsigned) {
  ++flagged_renames;
  errno = EINVAL;
  return -1;
}

class WithoutRenameFlags : public AtomicFileTest {
 protected:
  void SetUp() override {
    AtomicFileTest::SetUp();
    previous_ = SetRenameat2ForTesting(RenameatWithoutFlags);
    flagged_renames = 0;
  }
  void TearDown() override {
    SetRenameat2ForTesting(previous_);
    AtomicFileTest::TearDown();
  }
  Renameat2Fn previous_ = nullptr;
};

TEST_F(WithoutRenameFlags, FolderIsStillReplacedWholeAndNothingIsLeft) {
  const fs::path dest = dir_ / "saved";
  fs::create_directories(dest / "variables");
  Write(dest / "old.txt", "old");
  auto d = AtomicDir::Create(dest.string(), true);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  Write(fs::path((*d)->path()) / "saved_model.pb", "new");
  EXPECT_TRUE(fs::exists(dest / "old.txt"));  // untouched until Commit
  Status st = (*d)->Commit();
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(Read(dest / "saved_model.pb"), "new");
  EXPECT_FALSE(fs::exists(dest / "old.txt"));
  EXPECT_EQ(flagged_renames, 1);  // RENAME_EXCHANGE was asked for, and refused
  EXPECT_EQ(Names(), std::set<std::string>{"saved"});  // neither temporary nor "-old"
}

TEST_F(WithoutRenameFlags, NewFolderAndFileAreCommitted) {
  auto d = AtomicDir::Create((dir_ / "saved").string(), false);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  Write(fs::path((*d)->path()) / "saved_model.pb", "pb");
  ASSERT_TRUE((*d)->Commit().ok());
  ASSERT_TRUE(WriteFileAtomically((dir_ / "frozen.pb").string(), "graph", false).ok());
  EXPECT_EQ(Read(dir_ / "saved" / "saved_model.pb"), "pb");
  EXPECT_EQ(Read(dir_ / "frozen.pb"), "graph");
  EXPECT_EQ(flagged_renames, 2);  // RENAME_NOREPLACE, once for each
  EXPECT_EQ(Names(), (std::set<std::string>{"saved", "frozen.pb"}));
}

TEST_F(WithoutRenameFlags, DestinationsAppearingBeforeCommitAreStillNotClobbered) {
  const fs::path file = dir_ / "frozen.pb";
  auto f = AtomicFile::Open(file.string(), false);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  ASSERT_TRUE((*f)->Append("ours").ok());
  Write(file, "theirs");
  EXPECT_EQ((*f)->Commit().code(), Status::Code::kAlreadyExists);
  EXPECT_EQ(Read(file), "theirs");

  const fs::path folder = dir_ / "saved";
  auto d = AtomicDir::Create(folder.string(), false);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  fs::create_directories(folder);
  Write(folder / "theirs.txt", "theirs");
  EXPECT_EQ((*d)->Commit().code(), Status::Code::kAlreadyExists);
  EXPECT_EQ(Read(folder / "theirs.txt"), "theirs");
}

TEST_F(AtomicFileTest, LeftoversOfDeadRunsAreRemovedOthersKept) {
  const std::string dead = std::to_string(DeadPid());
  const std::string live = std::to_string(::getpid());
  Write(dir_ / ("out.pb.tfgraph-tmp-" + dead + "-0"), "stale");
  fs::create_directories(dir_ / ("out.pb.tfgraph-tmp-" + dead + "-1"));
  Write(dir_ / ("out.pb.tfgraph-tmp-" + live + "-0"), "a live run's");
  Write(dir_ / ("out.pb.tfgraph-tmp-" + dead + "-2-old"), "the only old copy");
  Write(dir_ / ("other.pb.tfgraph-tmp-" + dead + "-0"), "another output's");
  Write(dir_ / ("out.pb.tfgraph-tmp-x" + dead), "not our pattern");
  const std::string dest = (dir_ / "out.pb").string();
  RemoveStaleTemporaries(dest);
  const std::set<std::string> kept = {"out.pb.tfgraph-tmp-" + live + "-0",
                                      "out.pb.tfgraph-tmp-" + dead + "-2-old",
                                      "other.pb.tfgraph-tmp-" + dead + "-0",
                                      "out.pb.tfgraph-tmp-x" + dead};
  EXPECT_EQ(Names(), kept);
  // With the destination back in place, the moved-aside copy is stale too.
  Write(dest, "new");
  RemoveStaleTemporaries(dest);
  EXPECT_FALSE(fs::exists(dir_ / ("out.pb.tfgraph-tmp-" + dead + "-2-old")));
}

}  // namespace
}  // namespace tfgraph
