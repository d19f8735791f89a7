// core/checkpoint_files: prefixes from file names, the checkpoint state file
// (relative, absolute-elsewhere, missing latest, all missing), folder scans,
// missing and stale data shards.
#include "core/checkpoint_files.h"

#include <gtest/gtest.h>

#include "test_files.h"

namespace tfgraph {
namespace {

using testing::FakeTable;
using testing::TempDir;
using testing::WriteFile;

TEST(CheckpointFiles, PrefixOfCheckpointFile) {
  const std::pair<const char*, const char*> cases[] = {
      {"d/model.ckpt-10.index", "d/model.ckpt-10"},
      {"d/model.ckpt-10.meta", "d/model.ckpt-10"},
      {"d/model.ckpt-10.data-00000-of-00001", "d/model.ckpt-10"},
      {"d/variables.data-00001-of-00002", "d/variables"},
      {"d/export-00000-of-00001", "d/export"},
      {"d/.index", "d/"},
      {"d/.data-00000-of-00001", "d/"},
      {"d/frozen.pb", ""},
      {"d/model.data-1-of-2", ""},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(PrefixOfCheckpointFile(in), out) << in;
}

TEST(CheckpointFiles, ShardSuffixAndStep) {
  int s, t;
  EXPECT_TRUE(ParseShardSuffix("00001-of-00002", &s, &t));
  EXPECT_EQ(s, 1);
  EXPECT_EQ(t, 2);
  EXPECT_FALSE(ParseShardSuffix("1-of-2", &s, &t));
  EXPECT_FALSE(ParseShardSuffix("0000a-of-00002", &s, &t));
  EXPECT_EQ(CheckpointStep("d/model.ckpt-1000"), 1000);
  EXPECT_EQ(CheckpointStep("d/ckpt-9"), 9);
  EXPECT_EQ(CheckpointStep("d/model"), -1);
}

TEST(CheckpointFiles, Layouts) {
  TempDir dir;
  WriteFile(dir / "a.index", FakeTable());
  WriteFile(dir / "v1", FakeTable());
  WriteFile(dir / "sharded-00000-of-00002", FakeTable());
  WriteFile(dir / "notatable", "hello");
  EXPECT_EQ(FindCheckpoint(dir / "a"), CheckpointLayout::kV2);
  EXPECT_EQ(FindCheckpoint(dir / "v1"), CheckpointLayout::kV1);
  EXPECT_EQ(FindCheckpoint(dir / "sharded"), CheckpointLayout::kV1Sharded);
  EXPECT_EQ(FindCheckpoint(dir / "notatable"), CheckpointLayout::kNone);
  EXPECT_EQ(FindCheckpoint(dir / "missing"), CheckpointLayout::kNone);
}

TEST(CheckpointFiles, StateFileRelativePath) {
  TempDir dir;
  WriteFile(dir / "model.ckpt-5.index", FakeTable());
  WriteFile(dir / "checkpoint", "model_checkpoint_path: \"model.ckpt-5\"\n");
  auto r = ResolveCheckpointState(dir / "checkpoint");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->prefix, dir / "model.ckpt-5");
  EXPECT_TRUE(r->warnings.empty());
}

TEST(CheckpointFiles, StateFileAbsolutePathFromAnotherMachine) {
  TempDir dir;
  WriteFile(dir / "model.ckpt-5.index", FakeTable());
  WriteFile(dir / "checkpoint", "model_checkpoint_path: \"/home/someone/run/model.ckpt-5\"\n");
  auto r = ResolveCheckpointState(dir / "checkpoint");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->prefix, dir / "model.ckpt-5");
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_NE(r->warnings[0].find("/home/someone/run/model.ckpt-5"), std::string::npos);
}

TEST(CheckpointFiles, StateFileLatestMissingUsesOlder) {
  TempDir dir;
  WriteFile(dir / "model.ckpt-5.index", FakeTable());
  WriteFile(dir / "checkpoint",
            "model_checkpoint_path: \"model.ckpt-9\"\n"
            "all_model_checkpoint_paths: \"model.ckpt-5\"\n"
            "all_model_checkpoint_paths: \"model.ckpt-9\"\n");
  auto r = ResolveCheckpointState(dir / "checkpoint");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->prefix, dir / "model.ckpt-5");
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_NE(r->warnings[0].find("model.ckpt-9"), std::string::npos);
}

TEST(CheckpointFiles, StateFileNamingNothingThatExists) {
  TempDir dir;
  WriteFile(dir / "checkpoint", "model_checkpoint_path: \"gone\"\n");
  auto r = ResolveCheckpointState(dir / "checkpoint");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kCorruption);
  EXPECT_NE(r.status().message().find("'gone'"), std::string::npos);
  EXPECT_EQ(r.status().message().rfind(dir / "checkpoint", 0), 0u);

  WriteFile(dir / "checkpoint", "");
  r = ResolveCheckpointState(dir / "checkpoint");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("names no checkpoint"), std::string::npos);

  WriteFile(dir / "checkpoint", "garbage {");
  r = ResolveCheckpointState(dir / "checkpoint");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kCorruption);
}

TEST(CheckpointFiles, FolderWithoutStateFileTakesHighestStep) {
  TempDir dir;
  WriteFile(dir / "ckpt-2.index", FakeTable());
  WriteFile(dir / "ckpt-10.index", FakeTable());
  WriteFile(dir / "ckpt-9.index", FakeTable());
  auto r = ResolveCheckpointPath(dir.path());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->prefix, dir / "ckpt-10");
  EXPECT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(FindPrefixesInDirectory(dir.path()).size(), 3u);
}

TEST(CheckpointFiles, ResolveFromAnyFile) {
  TempDir dir;
  WriteFile(dir / "m.index", FakeTable());
  for (const char* f : {"m", "m.index", "m.data-00000-of-00001", "m.meta"}) {
    auto r = ResolveCheckpointPath(dir / f);
    ASSERT_TRUE(r.ok()) << f << ": " << r.status().ToString();
    EXPECT_EQ(r->prefix, dir / "m");
  }
  auto r = ResolveCheckpointPath(dir / "other");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kIOError);
}

TEST(CheckpointFiles, MissingAndStaleShards) {
  TempDir dir;
  WriteFile(dir / "variables.index", FakeTable());
  WriteFile(dir / "variables.data-00000-of-00001", "x");
  EXPECT_TRUE(CheckDataFiles(dir / "variables", 1).empty());
  WriteFile(dir / "variables.data-00000-of-00002", "old");
  WriteFile(dir / "variables.data-00001-of-00002", "old");
  auto problems = CheckDataFiles(dir / "variables", 1);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("stale"), std::string::npos);
  EXPECT_NE(problems[0].find("variables.data-00001-of-00002"), std::string::npos);
  problems = CheckDataFiles(dir / "variables", 3);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].find("3 are missing"), std::string::npos);
}

TEST(CheckpointFiles, ShardShorterThanTheIndexSays) {
  TempDir dir;
  WriteFile(dir / "variables.index", FakeTable());
  WriteFile(dir / "variables.data-00000-of-00001", std::string(100, 'x'));
  EXPECT_TRUE(CheckDataFiles(dir / "variables", 1, {100}).empty());
  auto problems = CheckDataFiles(dir / "variables", 1, {4096});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "variables.data-00000-of-00001 holds 100 bytes but the index places "
                         "tensors up to byte 4096 (truncated?): values past its end cannot be "
                         "read");
}

}  // namespace
}  // namespace tfgraph
