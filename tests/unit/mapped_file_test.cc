// core/mapped_file: what is not a regular file is refused at once with one
// line naming it; a FIFO is never opened in a way that waits for a writer.
#include "core/mapped_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace tfgraph {
namespace {

namespace fs = std::filesystem;

class MappedFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tfgraph-mapped-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(MappedFileTest, MapsAFileAndAnEmptyOne) {
  std::ofstream(dir_ / "f", std::ios::binary) << "abc";
  std::ofstream(dir_ / "empty", std::ios::binary);
  auto f = MappedFile::Open((dir_ / "f").string());
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ((*f)->data(), "abc");
  auto e = MappedFile::Open((dir_ / "empty").string());
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ((*e)->size(), 0u);
}

TEST_F(MappedFileTest, WhatIsNotAFileIsRefused) {
  const std::string fifo = (dir_ / "shard").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  struct Case {
    std::string path;
    Status::Code code;
    const char* needle;
  } cases[] = {
      {fifo, Status::Code::kIOError, "pipe or socket"},  // returns, no writer needed
      {dir_.string(), Status::Code::kIOError, "is a directory"},
      {(dir_ / "missing").string(), Status::Code::kNotFound, "No such file"},
  };
  for (const auto& c : cases) {
    auto f = MappedFile::Open(c.path);
    ASSERT_FALSE(f.ok()) << c.path;
    EXPECT_EQ(f.status().code(), c.code) << f.status().ToString();
    EXPECT_EQ(f.status().message().rfind(c.path + ": ", 0), 0u) << f.status().message();
    EXPECT_NE(f.status().message().find(c.needle), std::string::npos) << f.status().message();
  }
}

}  // namespace
}  // namespace tfgraph
