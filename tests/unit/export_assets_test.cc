// Tests of core/export_assets: safe names, sources that escape their
// SavedModel, listing from a SavedModel and from a training graph, unique
// names and copying.
#include "core/export_assets.h"

#include <stdlib.h>
#include <unistd.h>

#include <fstream>

#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include "core/atomic_file.h"
#include "core/mapped_file.h"

namespace tfgraph {
namespace {

class TempDir {
 public:
  TempDir() {
    std::string t = ::testing::TempDir() + "/export_assets_XXXXXX";
    path_ = ::mkdtemp(t.data());
  }
  ~TempDir() { RemoveAll(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

void Write(const std::string& path, const std::string& text) {
  ASSERT_TRUE(MakeDirs(Dirname(path)).ok());
  std::ofstream(path) << text;
}

TEST(ExportAssets, FileNamesMustStayInAssets) {
  EXPECT_TRUE(CheckAssetFilename("vocab.txt").ok());
  EXPECT_TRUE(CheckAssetFilename("..vocab").ok());
  for (const char* bad : {"", ".", "..", "../x", "/etc/passwd", "a/b", "a\\b"}) {
    EXPECT_FALSE(CheckAssetFilename(bad).ok()) << bad;
  }
  EXPECT_FALSE(CheckAssetFilename(std::string("a\0b", 3)).ok());
}

TEST(ExportAssets, SavedModelAssetsAndEscapes) {
  TempDir tmp;
  const std::string sm = JoinPath(tmp.path(), "sm");
  Write(JoinPath(sm, "assets/vocab.txt"), "a\nb\n");
  Write(JoinPath(tmp.path(), "secret"), "do not copy");
  ASSERT_EQ(::symlink(JoinPath(tmp.path(), "secret").c_str(),
                      JoinPath(sm, "assets/link.txt").c_str()),
            0);

  tensorflow::MetaGraphDef meta;
  auto* def = meta.add_asset_file_def();
  def->mutable_tensor_info()->set_name("asset_path:0");
  def->set_filename("vocab.txt");
  std::vector<std::string> warnings;
  auto ok = AssetsFromSavedModel(meta, sm, &warnings);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  ASSERT_EQ(ok->size(), 1u);
  EXPECT_EQ((*ok)[0].tensor, "asset_path:0");
  EXPECT_EQ((*ok)[0].source, JoinPath(sm, "assets/vocab.txt"));

  def->set_filename("../../secret");
  EXPECT_EQ(AssetsFromSavedModel(meta, sm, &warnings).status().code(),
            Status::Code::kCorruption);
  def->set_filename("link.txt");  // a symlink out of the SavedModel
  auto escaped = AssetsFromSavedModel(meta, sm, &warnings);
  ASSERT_FALSE(escaped.ok());
  EXPECT_NE(escaped.status().message().find("outside the SavedModel"), std::string::npos)
      << escaped.status().message();
  EXPECT_TRUE(warnings.empty());

  // Listed but absent (TF Serving's half_plus_two_with_saved_model_config
  // ships so): TF loads such a model, so it is a warning and left out.
  def->set_filename("gone.txt");
  auto missing = AssetsFromSavedModel(meta, sm, &warnings);
  ASSERT_TRUE(missing.ok()) << missing.status().ToString();
  EXPECT_TRUE(missing->empty());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find(JoinPath(sm, "assets/gone.txt") + ", which is missing"),
            std::string::npos)
      << warnings[0];
}

TEST(ExportAssets, CollectionFormIsRead) {
  TempDir tmp;
  Write(JoinPath(tmp.path(), "assets/v.txt"), "x\n");
  tensorflow::MetaGraphDef meta;
  tensorflow::AssetFileDef def;
  def.mutable_tensor_info()->set_name("p:0");
  def.set_filename("v.txt");
  auto* any = (*meta.mutable_collection_def())["saved_model_assets"].mutable_any_list()->add_value();
  any->PackFrom(def);
  std::vector<std::string> warnings;
  auto r = AssetsFromSavedModel(meta, tmp.path(), &warnings);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].filename, "v.txt");
}

TEST(ExportAssets, FromTrainingGraphTableInitializer) {
  TempDir tmp;
  Write(JoinPath(tmp.path(), "model/vocab.txt"), "the\nfox\n");
  tensorflow::GraphDef gd;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(R"pb(
    node {
      name: "path" op: "Const"
      attr { key: "dtype" value { type: DT_STRING } }
      attr { key: "value" value { tensor { dtype: DT_STRING tensor_shape {} string_val: "vocab.txt" } } }
    }
    node { name: "table" op: "HashTableV2" }
    node { name: "init" op: "InitializeTableFromTextFileV2" input: "table" input: "path" }
  )pb", &gd));
  auto g = Graph::FromGraphDef(gd);
  ASSERT_TRUE(g.ok());
  auto r = AssetsFromGraph(nullptr, **g, JoinPath(tmp.path(), "model"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].tensor, "path:0");
  EXPECT_EQ((*r)[0].filename, "vocab.txt");

  auto missing = AssetsFromGraph(nullptr, **g, JoinPath(tmp.path(), "elsewhere"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  EXPECT_NE(missing.status().message().find("asset file 'vocab.txt' (read by tensor path:0)"),
            std::string::npos)
      << missing.status().message();
}

TEST(ExportAssets, UniqueNamesAndCopy) {
  TempDir tmp;
  Write(JoinPath(tmp.path(), "a/vocab.txt"), "one");
  Write(JoinPath(tmp.path(), "b/vocab.txt"), "two");
  std::vector<ExportAsset> assets = {
      {"t1:0", JoinPath(tmp.path(), "a/vocab.txt"), "vocab.txt"},
      {"t2:0", JoinPath(tmp.path(), "b/vocab.txt"), "vocab.txt"},
      {"t3:0", JoinPath(tmp.path(), "a/vocab.txt"), "vocab.txt"},
  };
  AssignAssetNames(&assets);
  EXPECT_EQ(assets[0].filename, "vocab.txt");
  EXPECT_EQ(assets[1].filename, "vocab_1.txt");
  EXPECT_EQ(assets[2].filename, "vocab.txt");  // same file, same name

  tensorflow::MetaGraphDef meta;
  (*meta.mutable_collection_def())["saved_model_assets"].mutable_any_list();
  RecordAssets(assets, &meta);
  ASSERT_EQ(meta.asset_file_def_size(), 3);
  EXPECT_EQ(meta.asset_file_def(1).filename(), "vocab_1.txt");
  EXPECT_EQ(meta.collection_def().at("saved_model_assets").any_list().value_size(), 3);

  const std::string out = JoinPath(tmp.path(), "out");
  ASSERT_TRUE(CopyAssets(assets, out).ok());
  EXPECT_EQ(*ReadFileToString(JoinPath(out, "assets/vocab.txt")), "one");
  EXPECT_EQ(*ReadFileToString(JoinPath(out, "assets/vocab_1.txt")), "two");
}

}  // namespace
}  // namespace tfgraph
