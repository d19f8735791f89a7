// Synthetic GraphDefs for unit tests: small hand-made graphs written the way
// TensorFlow writes them, so UI and core tests need no files on disk.
#ifndef TFGRAPH_TESTS_UNIT_TEST_GRAPHS_H_
#define TFGRAPH_TESTS_UNIT_TEST_GRAPHS_H_

#include <google/protobuf/text_format.h>

#include <initializer_list>
#include <memory>
#include <string>

#include "core/graph.h"
#include "tensorflow/graph.pb.h"

namespace tfgraph::testing {

inline tensorflow::NodeDef* AddNode(tensorflow::GraphDef* g, const std::string& name,
                                    const std::string& op,
                                    std::initializer_list<const char*> inputs = {}) {
  auto* n = g->add_node();
  n->set_name(name);
  n->set_op(op);
  for (const char* in : inputs) n->add_input(in);
  return n;
}

inline void SetType(tensorflow::NodeDef* n, const std::string& attr, tensorflow::DataType t) {
  (*n->mutable_attr())[attr].set_type(t);
}

inline void SetShape(tensorflow::NodeDef* n, const std::string& attr,
                     std::initializer_list<int64_t> dims) {
  auto* s = (*n->mutable_attr())[attr].mutable_shape();
  for (int64_t d : dims) s->add_dim()->set_size(d);
}

inline tensorflow::NodeDef* AddVariable(tensorflow::GraphDef* g, const std::string& name,
                                        std::initializer_list<int64_t> dims) {
  auto* v = AddNode(g, name, "VariableV2");
  SetType(v, "dtype", tensorflow::DT_FLOAT);
  SetShape(v, "shape", dims);
  return v;
}

// A TF1 training graph in miniature:
//   x (Placeholder) ──MatMul── w/read ← w (VariableV2 [4,3])
//   logits = BiasAdd(MatMul, b/read); probs = Softmax(logits)
//   loss from labels (Placeholder); gradients/, GradientDescent update, save/.
inline tensorflow::GraphDef TrainingGraph() {
  tensorflow::GraphDef g;
  auto* x = AddNode(&g, "x", "Placeholder");
  SetType(x, "dtype", tensorflow::DT_FLOAT);
  SetShape(x, "shape", {-1, 4});
  AddNode(&g, "labels", "Placeholder");
  AddVariable(&g, "w", {4, 3});
  AddVariable(&g, "b", {3});
  AddNode(&g, "w/read", "Identity", {"w"});
  AddNode(&g, "b/read", "Identity", {"b"});
  auto* mm = AddNode(&g, "dense/MatMul", "MatMul", {"x", "w/read"});
  SetType(mm, "T", tensorflow::DT_FLOAT);
  AddNode(&g, "logits", "BiasAdd", {"dense/MatMul", "b/read"});
  AddNode(&g, "probs", "Softmax", {"logits"});
  AddNode(&g, "loss", "SoftmaxCrossEntropyWithLogits", {"logits", "labels"});
  AddNode(&g, "gradients/logits_grad", "BiasAddGrad", {"loss:1"});
  AddNode(&g, "GradientDescent/update_w", "ApplyGradientDescent",
          {"w", "gradients/logits_grad"});
  AddNode(&g, "save/Const", "Const");
  AddNode(&g, "save/SaveV2", "SaveV2", {"save/Const", "w", "b"});
  AddNode(&g, "init", "NoOp", {"^w/Assign"});
  AddNode(&g, "w/Assign", "Assign", {"w", "save/Const"});
  return g;
}

inline std::unique_ptr<Graph> MustIndex(const tensorflow::GraphDef& g) {
  auto r = Graph::FromGraphDef(g);
  if (!r.ok()) abort();
  return std::move(r).value();
}

}  // namespace tfgraph::testing

#endif  // TFGRAPH_TESTS_UNIT_TEST_GRAPHS_H_
