// core/attr_format: attr values, shapes and tensor previews as `tfgraph node`
// prints them; a preview never decodes more than it shows.
#include "core/attr_format.h"

#include <gtest/gtest.h>

namespace tfgraph {
namespace {

TEST(AttrFormat, Shapes) {
  tensorflow::TensorShapeProto s;
  EXPECT_EQ(FormatShape(s), "()");
  s.add_dim()->set_size(-1);
  EXPECT_EQ(FormatShape(s), "(-1,)");
  s.add_dim()->set_size(784);
  EXPECT_EQ(FormatShape(s), "(-1, 784)");
  s.set_unknown_rank(true);
  EXPECT_EQ(FormatShape(s), "unknown");
}

TEST(AttrFormat, ScalarsListsAndFunctions) {
  tensorflow::AttrValue v;
  v.set_type(tensorflow::DT_FLOAT);
  EXPECT_EQ(FormatAttrValue(v), "float32");
  v.set_b(true);
  EXPECT_EQ(FormatAttrValue(v), "true");
  v.set_s(std::string("a\"b\xff", 4));
  EXPECT_EQ(FormatAttrValue(v), "\"a\\\"b\\xff\"");
  v.mutable_list()->add_i(1);
  v.mutable_list()->add_i(2);
  EXPECT_EQ(FormatAttrValue(v), "[1, 2]");
  tensorflow::AttrValue types;
  types.mutable_list()->add_type(tensorflow::DT_INT64);
  types.mutable_list()->add_type(tensorflow::DT_FLOAT_REF);
  EXPECT_EQ(FormatAttrValue(types), "[int64, float32_ref]");
  tensorflow::AttrValue f;
  f.mutable_func()->set_name("__inference_f_12");
  (*f.mutable_func()->mutable_attr())["T"].set_type(tensorflow::DT_INT32);
  EXPECT_EQ(FormatAttrValue(f), "__inference_f_12[T=int32]");
  tensorflow::AttrValue p;
  p.set_placeholder("T");
  EXPECT_EQ(FormatAttrValue(p), "$T");
}

TEST(AttrFormat, TensorPreviews) {
  tensorflow::TensorProto t;
  t.set_dtype(tensorflow::DT_FLOAT);
  t.add_float_val(1.5f);
  EXPECT_EQ(FormatTensorPreview(t), "float32 () 1.5");
  // A broadcast scalar claiming 2^40 elements: shown, never materialised.
  t.mutable_tensor_shape()->add_dim()->set_size(int64_t{1} << 40);
  EXPECT_EQ(FormatTensorPreview(t, 3), "float32 (1099511627776,) [1.5, 1.5, 1.5, ...]");
  tensorflow::TensorProto c;
  c.set_dtype(tensorflow::DT_INT32);
  c.mutable_tensor_shape()->add_dim()->set_size(2);
  c.set_tensor_content(std::string("\x01\0\0\0\x02\0\0\0", 8));
  EXPECT_EQ(FormatTensorPreview(c), "int32 (2,) [1, 2]");
  c.set_tensor_content("abc");
  EXPECT_EQ(FormatTensorPreview(c), "int32 (2,) <tensor_content has 3 bytes, expected 8>");
  tensorflow::TensorProto s;
  s.set_dtype(tensorflow::DT_STRING);
  s.add_string_val("vocab.txt");
  EXPECT_EQ(FormatTensorPreview(s), "string () b'vocab.txt'");
  tensorflow::TensorProto u;
  u.set_dtype(tensorflow::DT_FLOAT);
  u.mutable_tensor_shape()->add_dim()->set_size(-1);
  EXPECT_EQ(FormatTensorPreview(u), "float32 (-1,) <shape not fully defined>");
}

}  // namespace
}  // namespace tfgraph
