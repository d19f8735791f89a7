// Tests of core/export_signature and core/export_typing on a small graph:
// resolution with suggestions, dtypes and inferred shapes, the stated-dtype
// check, reachability, unfed placeholders and TF Serving's method rules.
#include "core/export_signature.h"

#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include "core/op_registry.h"

namespace tfgraph {
namespace {

constexpr const char* kGraph = R"pb(
  node {
    name: "x" op: "Placeholder"
    attr { key: "dtype" value { type: DT_FLOAT } }
    attr { key: "shape" value { shape { dim { size: -1 } dim { size: 4 } } } }
  }
  node {
    name: "labels" op: "Placeholder"
    attr { key: "dtype" value { type: DT_FLOAT } }
    attr { key: "shape" value { shape { dim { size: -1 } dim { size: 3 } } } }
  }
  node {
    name: "w" op: "Const"
    attr { key: "dtype" value { type: DT_FLOAT } }
    attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { dim { size: 4 } dim { size: 3 } } float_val: 0.5 } } }
  }
  node { name: "mm" op: "MatMul" input: "x" input: "w" attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "probs" op: "Softmax" input: "mm" attr { key: "T" value { type: DT_FLOAT } } }
  node {
    name: "axis" op: "Const"
    attr { key: "dtype" value { type: DT_INT32 } }
    attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 1 } } }
  }
  node {
    name: "classes" op: "ArgMax" input: "probs" input: "axis"
    attr { key: "T" value { type: DT_FLOAT } }
    attr { key: "Tidx" value { type: DT_INT32 } }
    attr { key: "output_type" value { type: DT_INT64 } }
  }
  node { name: "diff" op: "Sub" input: "probs" input: "labels" attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "alone" op: "Identity" input: "w" attr { key: "T" value { type: DT_FLOAT } } }
  node {
    name: "split_dim" op: "Const"
    attr { key: "dtype" value { type: DT_INT32 } }
    attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 1 } } }
  }
  node {
    name: "split" op: "Split" input: "split_dim" input: "x"
    attr { key: "T" value { type: DT_FLOAT } }
    attr { key: "num_split" value { i: 2 } }
  }
  node { name: "init" op: "NoOp" }
)pb";

class ExportSignatureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(kGraph, &graph_def_));
    auto g = Graph::FromGraphDef(graph_def_);
    ASSERT_TRUE(g.ok());
    graph_ = std::move(g).value();
    typer_ = std::make_unique<TensorTyper>(*graph_, [](const tensorflow::NodeDef& n) {
      return OpRegistry::Global().OutputTypes(n);
    });
  }

  StatusOr<ResolvedSignature> Resolve(const std::string& inputs, const std::string& outputs,
                                      const std::string& method = "tensorflow/serving/predict") {
    SignatureSpec spec;
    spec.key = "serving_default";
    spec.method = method;
    auto in = ParseTensorList(inputs);
    auto out = ParseTensorList(outputs);
    EXPECT_TRUE(in.ok() && out.ok());
    spec.inputs = *in;
    spec.outputs = *out;
    return ResolveSignature(*graph_, *typer_, spec);
  }

  tensorflow::GraphDef graph_def_;
  std::unique_ptr<Graph> graph_;
  std::unique_ptr<TensorTyper> typer_;
};

TEST_F(ExportSignatureTest, FillsKeysDtypesAndShapes) {
  auto r = Resolve("images=x:0", "probs,classes");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto& in = r->def.inputs().at("images");
  EXPECT_EQ(in.name(), "x:0");
  EXPECT_EQ(in.dtype(), tensorflow::DT_FLOAT);
  EXPECT_EQ(ShapeFromProto(in.tensor_shape()), Shape(std::vector<int64_t>{-1, 4}));
  const auto& probs = r->def.outputs().at("probs");
  EXPECT_EQ(probs.name(), "probs:0");
  EXPECT_EQ(ShapeFromProto(probs.tensor_shape()), Shape(std::vector<int64_t>{-1, 3}));
  const auto& classes = r->def.outputs().at("classes");
  EXPECT_EQ(classes.dtype(), tensorflow::DT_INT64);  // from the op registry (output_type)
  EXPECT_EQ(ShapeFromProto(classes.tensor_shape()), Shape(std::vector<int64_t>{-1}));
  EXPECT_EQ(r->def.method_name(), "tensorflow/serving/predict");
  EXPECT_TRUE(CheckSignatureGraph(*graph_, *r).ok());
}

TEST_F(ExportSignatureTest, SecondOutputOfSplit) {
  auto r = Resolve("x", "half=split:1");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->def.outputs().at("half").name(), "split:1");
  EXPECT_EQ(r->def.outputs().at("half").dtype(), tensorflow::DT_FLOAT);
  EXPECT_TRUE(r->def.outputs().at("half").tensor_shape().unknown_rank());
}

TEST_F(ExportSignatureTest, UnknownTensorSuggests) {
  auto r = Resolve("x", "prob");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
  EXPECT_NE(r.status().message().find("signature 'serving_default' output 'prob'"),
            std::string::npos);
  EXPECT_NE(r.status().message().find("did you mean 'probs'"), std::string::npos)
      << r.status().message();
}

TEST_F(ExportSignatureTest, OutputIndexOutOfRange) {
  auto r = Resolve("x", "probs:2");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
  EXPECT_NE(r.status().message().find("has 1 output"), std::string::npos) << r.status().message();
}

TEST_F(ExportSignatureTest, OperationIsNotATensor) {
  auto r = Resolve("x", "init");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("has 0 outputs"), std::string::npos) << r.status().message();
}

TEST_F(ExportSignatureTest, StatedDtypeIsChecked) {
  auto bad = Resolve("x@int32", "probs");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("x:0 is float32, not int32"), std::string::npos)
      << bad.status().message();
  EXPECT_TRUE(Resolve("x@float32", "probs@DT_FLOAT").ok());
  auto unknown = Resolve("x@floot", "probs");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("unknown dtype 'floot'"), std::string::npos);
}

TEST_F(ExportSignatureTest, DuplicateKeys) {
  auto r = Resolve("x", "out=probs,out=classes");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("two outputs with key 'out'"), std::string::npos);
}

TEST_F(ExportSignatureTest, UnreachableOutput) {
  auto r = Resolve("x", "alone");
  ASSERT_TRUE(r.ok());
  Status s = CheckSignatureGraph(*graph_, *r);
  EXPECT_EQ(s.code(), Status::Code::kFailedCheck);
  EXPECT_NE(s.message().find("output 'alone' (alone:0) is not reachable from the signature's "
                             "inputs (x:0)"),
            std::string::npos)
      << s.message();
}

TEST_F(ExportSignatureTest, UnfedPlaceholder) {
  auto r = Resolve("x", "diff");
  ASSERT_TRUE(r.ok());
  Status s = CheckSignatureGraph(*graph_, *r);
  EXPECT_EQ(s.code(), Status::Code::kFailedCheck);
  EXPECT_NE(s.message().find("needs placeholder 'labels'"), std::string::npos) << s.message();
  auto fed = Resolve("x,labels", "diff");
  ASSERT_TRUE(fed.ok());
  EXPECT_TRUE(CheckSignatureGraph(*graph_, *fed).ok());
}

TEST_F(ExportSignatureTest, ClassifyConventions) {
  auto r = Resolve("x", "scores=probs", "tensorflow/serving/classify");
  ASSERT_TRUE(r.ok());
  Status s = CheckMethodConventions(r->key, r->def);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find("key 'inputs' and dtype string"), std::string::npos);
  auto reg = Resolve("x", "outputs=probs", "tensorflow/serving/regress");
  ASSERT_TRUE(reg.ok());
  EXPECT_FALSE(CheckMethodConventions(reg->key, reg->def).ok());
}

// TF Serving's classify/regress handlers reject tensors of the wrong rank at
// request time; a known wrong rank is refused at export time.
TEST(ExportMethodShapesTest, ClassifyAndRegressShapes) {
  auto def = [](const std::string& text) {
    tensorflow::SignatureDef d;
    EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &d)) << text;
    return d;
  };
  const std::string examples =
      R"(inputs { key: "inputs" value { name: "ex:0" dtype: DT_STRING
                                         tensor_shape { dim { size: -1 } } } })";
  auto classify = [&](const std::string& scores_shape) {
    return def(examples + R"( method_name: "tensorflow/serving/classify"
        outputs { key: "scores" value { name: "s:0" dtype: DT_FLOAT tensor_shape { )" +
               scores_shape + " } } }");
  };
  EXPECT_TRUE(CheckMethodConventions("c", classify("dim { size: -1 } dim { size: 3 }")).ok());
  EXPECT_TRUE(CheckMethodConventions("c", classify("unknown_rank: true")).ok());
  Status s = CheckMethodConventions("c", classify("dim { size: -1 }"));
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find("output 'scores' has shape [-1]"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("[batch_size, num_classes]"), std::string::npos);

  auto regress = [&](const std::string& shape) {
    return def(examples + R"( method_name: "tensorflow/serving/regress"
        outputs { key: "outputs" value { name: "y:0" dtype: DT_FLOAT tensor_shape { )" +
               shape + " } } }");
  };
  EXPECT_TRUE(CheckMethodConventions("r", regress("dim { size: -1 }")).ok());
  EXPECT_TRUE(CheckMethodConventions("r", regress("dim { size: -1 } dim { size: 1 }")).ok());
  EXPECT_TRUE(CheckMethodConventions("r", regress("dim { size: -1 } dim { size: -1 }")).ok());
  s = CheckMethodConventions("r", regress("dim { size: -1 } dim { size: 2 }"));
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find("[batch_size] or [batch_size, 1]"), std::string::npos);
  EXPECT_FALSE(CheckMethodConventions("r", regress("")).ok());  // a scalar

  // The examples go in as one vector.
  auto scalar_input = def(R"(method_name: "tensorflow/serving/regress"
      inputs { key: "inputs" value { name: "ex:0" dtype: DT_STRING tensor_shape {} } }
      outputs { key: "outputs" value { name: "y:0" dtype: DT_FLOAT
                                       tensor_shape { dim { size: -1 } } } })");
  s = CheckMethodConventions("r", scalar_input);
  EXPECT_NE(s.message().find("input 'inputs' has shape []"), std::string::npos) << s.message();
}

TEST_F(ExportSignatureTest, ExistingSignatureMustNameGraphTensors) {
  tensorflow::SignatureDef def;
  (*def.mutable_inputs())["x"].set_name("x:0");
  (*def.mutable_outputs())["y"].set_name("gone:0");
  auto r = ResolveExistingSignature(*graph_, "old", def);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("tensor 'gone:0' does not exist"), std::string::npos);
}

TEST(ExportTyping, ShapesFromAttrsAndRules) {
  tensorflow::GraphDef gd;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(R"pb(
    node {
      name: "a" op: "Placeholder"
      attr { key: "dtype" value { type: DT_FLOAT } }
      attr { key: "shape" value { shape { dim { size: 2 } dim { size: 6 } } } }
    }
    node {
      name: "s" op: "Const"
      attr { key: "dtype" value { type: DT_INT32 } }
      attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape { dim { size: 2 } } int_val: -1 int_val: 3 } } }
    }
    node { name: "r" op: "Reshape" input: "a" input: "s" attr { key: "T" value { type: DT_FLOAT } } }
    node {
      name: "custom" op: "MyOp" input: "a"
      attr { key: "T" value { type: DT_HALF } }
      attr { key: "_output_shapes" value { list { shape { dim { size: 7 } } } } }
    }
    node { name: "unknown" op: "MyOp" input: "a" }
  )pb", &gd));
  auto g = Graph::FromGraphDef(gd);
  ASSERT_TRUE(g.ok());
  TensorTyper typer(**g, [](const tensorflow::NodeDef& n) {
    return OpRegistry::Global().OutputTypes(n);
  });
  EXPECT_EQ(typer.StaticShape(2, 0), Shape(std::vector<int64_t>{4, 3}));
  EXPECT_EQ(typer.StaticShape(3, 0), Shape(std::vector<int64_t>{7}));
  EXPECT_EQ(typer.DType(3, 0), tensorflow::DT_HALF);  // custom op: from its T attr
  EXPECT_EQ(typer.NumOutputs(3), 1);
  EXPECT_EQ(typer.DType(4, 0), tensorflow::DT_INVALID);
  EXPECT_EQ(typer.StaticShape(4, 0), std::nullopt);
  tensorflow::TensorInfo info;
  typer.Fill(4, 0, &info);
  EXPECT_TRUE(info.tensor_shape().unknown_rank());
}

}  // namespace
}  // namespace tfgraph
