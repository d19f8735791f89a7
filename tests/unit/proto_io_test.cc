// Content detection and limits of core/proto_io and core/sniff: a SavedModel,
// a MetaGraphDef and a GraphDef are told apart from their bytes alone, binary
// or text; damaged and foreign files give one-line Corruption/Unsupported
// statuses naming the file.
#include "core/proto_io.h"

#include <gtest/gtest.h>

#include <google/protobuf/text_format.h>

#include "core/sniff.h"
#include "tensorflow/graph.pb.h"
#include "tensorflow/meta_graph.pb.h"
#include "tensorflow/saved_model.pb.h"

namespace tfgraph {
namespace {

tensorflow::GraphDef SmallGraph(int nodes) {
  tensorflow::GraphDef g;
  for (int i = 0; i < nodes; ++i) {
    auto* n = g.add_node();
    n->set_name("n" + std::to_string(i));
    n->set_op(i == 0 ? "Placeholder" : "Identity");
    if (i > 0) n->add_input("n" + std::to_string(i - 1));
    (*n->mutable_attr())["T"].set_type(tensorflow::DT_FLOAT);
  }
  g.mutable_versions()->set_producer(27);
  return g;
}

tensorflow::MetaGraphDef SmallMeta() {
  tensorflow::MetaGraphDef m;
  m.mutable_meta_info_def()->set_tensorflow_version("1.15.0");
  m.mutable_meta_info_def()->add_tags("serve");
  *m.mutable_graph_def() = SmallGraph(3);
  return m;
}

ProtoKind Detect(const std::string& bytes, ProtoKind hint = ProtoKind::kUnknown) {
  auto r = ParseModelProto(bytes, "f", hint);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r->kind : ProtoKind::kUnknown;
}

TEST(ProtoIo, TellsBinaryKindsApartWithoutHints) {
  EXPECT_EQ(Detect(SmallGraph(5).SerializeAsString()), ProtoKind::kGraphDef);
  // One node: the GraphDef's field 1 occurs once, like MetaInfoDef's would.
  EXPECT_EQ(Detect(SmallGraph(1).SerializeAsString()), ProtoKind::kGraphDef);
  EXPECT_EQ(Detect(SmallMeta().SerializeAsString()), ProtoKind::kMetaGraph);
  tensorflow::SavedModel sm;
  sm.set_saved_model_schema_version(1);
  *sm.add_meta_graphs() = SmallMeta();
  EXPECT_EQ(Detect(sm.SerializeAsString()), ProtoKind::kSavedModel);
  // A MetaGraphDef holding only meta_info_def and graph_def fits GraphDef's
  // field numbers too; the content decides, whatever the name says.
  tensorflow::MetaGraphDef bare;
  *bare.mutable_meta_info_def() = SmallMeta().meta_info_def();
  *bare.mutable_graph_def() = SmallGraph(2);
  EXPECT_EQ(Detect(bare.SerializeAsString(), ProtoKind::kGraphDef), ProtoKind::kMetaGraph);
}

TEST(ProtoIo, TellsTextKindsApart) {
  std::string text;
  google::protobuf::TextFormat::PrintToString(SmallGraph(3), &text);
  auto r = ParseModelProto(text, "g.pb", ProtoKind::kGraphDef);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->kind, ProtoKind::kGraphDef);
  EXPECT_TRUE(r->text);
  google::protobuf::TextFormat::PrintToString(SmallMeta(), &text);
  EXPECT_EQ(Detect("# a comment\n" + text), ProtoKind::kMetaGraph);
}

TEST(ProtoIo, ParsesWhatItDetects) {
  auto g = SmallGraph(4);
  auto r = ParseModelProto(g.SerializeAsString(), "f", ProtoKind::kUnknown);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->message->SerializeAsString(), g.SerializeAsString());
}

// Arena blocks are sized from the file; protobuf 3.21 places its cleanup
// records at a block's end, so every file size modulo 8 must still give
// aligned records. The sanitized build (UBSan alignment checks) is what sees
// a misaligned one; here every residue is at least parsed back intact.
TEST(ProtoIo, ParsesFilesOfEverySizeModulo8) {
  for (int pad = 0; pad < 8; ++pad) {
    auto g = SmallGraph(200);  // > 4096 bytes: the first block follows the size
    (*g.mutable_node(0)->mutable_attr())["note"].set_s(std::string(pad, 'x'));
    std::string bytes = g.SerializeAsString();
    auto r = ParseModelProto(bytes, "f", ProtoKind::kGraphDef);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    const auto& parsed = static_cast<const tensorflow::GraphDef&>(*r->message);
    ASSERT_EQ(parsed.node_size(), 200) << "size " << bytes.size();
    EXPECT_EQ(parsed.node(0).attr().at("note").s(), std::string(pad, 'x'));
    EXPECT_EQ(parsed.node(199).input(0), "n198");
  }
}

struct BadCase {
  const char* name;
  std::string bytes;
  Status::Code code;
  const char* needle;
};

TEST(ProtoIo, BadInputGivesOneLineNamingTheFile) {
  std::string truncated = SmallGraph(10).SerializeAsString();
  truncated.resize(truncated.size() - 7);
  const BadCase cases[] = {
      {"empty", "", Status::Code::kCorruption, "empty (0 bytes)"},
      {"blank", "\r\n", Status::Code::kCorruption, "2 bytes of whitespace"},
      {"truncated", truncated, Status::Code::kCorruption, "runs past the end"},
      {"lfs", "version https://git-lfs.github.com/spec/v1\n", Status::Code::kUnsupported, "LFS"},
      {"hdf5", std::string("\x89HDF\r\n\x1a\n", 8) + std::string(40, '\0'),
       Status::Code::kUnsupported, "HDF5"},
      {"zip", std::string("PK\x03\x04", 4) + "rest", Status::Code::kUnsupported, "zip"},
      {"badtext", "node { name: 'x' op: }", Status::Code::kCorruption, "line 1 column"},
      {"wrongtext", "foo: 1\n", Status::Code::kCorruption, "begins with \"foo\", a field none"},
      {"wrongfield", "node { name: 'x' colour: 1 }", Status::Code::kCorruption,
       "not a valid text GraphDef: line 1 column"},
      {"wiretype", std::string("\x0f\x01", 2), Status::Code::kCorruption, "wire type"},
  };
  for (const auto& c : cases) {
    auto r = ParseModelProto(c.bytes, std::string("dir/") + c.name, ProtoKind::kGraphDef);
    ASSERT_FALSE(r.ok()) << c.name;
    EXPECT_EQ(r.status().code(), c.code) << c.name << ": " << r.status().ToString();
    const std::string& m = r.status().message();
    EXPECT_EQ(m.rfind(std::string("dir/") + c.name + ": ", 0), 0u) << m;
    EXPECT_NE(m.find(c.needle), std::string::npos) << c.name << ": " << m;
    EXPECT_EQ(m.find('\n'), std::string::npos);
  }
}

TEST(ProtoIo, RecursionIsBounded) {
  // 10000 nested AttrValue lists of functions: far beyond the limit.
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += "node { name: 'a' op: 'b' attr { key: 'k' value { func { ";
  auto r = ParseModelProto(deep, "deep.pbtxt", ProtoKind::kGraphDef);
  EXPECT_FALSE(r.ok());
  // Binary: a chain of length-delimited fields nested 5000 deep.
  std::string bin;
  for (int i = 0; i < 5000; ++i) {
    std::string outer;
    outer.push_back('\x0a');  // field 1, LEN
    size_t n = bin.size();
    do {
      char b = static_cast<char>(n & 0x7f);
      n >>= 7;
      if (n) b |= static_cast<char>(0x80);
      outer.push_back(b);
    } while (n);
    bin = outer + bin;
  }
  tensorflow::GraphDef g;
  EXPECT_FALSE(ParseBinaryProto(bin, "deep.pb", &g).ok());
}

TEST(ProtoIo, CountsUnknownFields) {
  tensorflow::GraphDef g = SmallGraph(2);
  std::string bytes = g.SerializeAsString();
  bytes += std::string("\xa0\x06\x01", 3);  // field 100, varint 1
  tensorflow::GraphDef parsed;
  ASSERT_TRUE(ParseBinaryProto(bytes, "x", &parsed).ok());
  EXPECT_EQ(CountUnknownFields(parsed), 1);
  EXPECT_EQ(CountUnknownFields(g), 0);
}

TEST(Sniff, Kinds) {
  EXPECT_EQ(SniffContent(""), FileKind::kEmpty);
  EXPECT_EQ(SniffContent(" \n\t"), FileKind::kBlank);
  std::string table(48, '\0');
  table.replace(40, 8, "\x57\xfb\x80\x8b\x24\x75\x47\xdb", 8);
  EXPECT_EQ(SniffContent(table), FileKind::kTable);
  EXPECT_EQ(SniffContent("node {\n}\n"), FileKind::kTextProto);
  EXPECT_EQ(SniffContent(SmallGraph(2).SerializeAsString()), FileKind::kBinaryProto);
  EXPECT_EQ(SniffContent(std::string("1234TFL3", 8)), FileKind::kTfLite);
}

}  // namespace
}  // namespace tfgraph
