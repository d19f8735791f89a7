#include "core/unfreeze.h"

#include <set>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "core/atomic_file.h"
#include "core/bundle_writer.h"
#include "core/dtype.h"
#include "core/export_saver.h"
#include "core/mapped_file.h"
#include "core/op_registry.h"
#include "tensorflow/variable.pb.h"

namespace tfgraph {
namespace {

using tensorflow::NodeDef;

bool IsWeightType(tensorflow::DataType t) {
  return t == tensorflow::DT_FLOAT || t == tensorflow::DT_DOUBLE || t == tensorflow::DT_HALF ||
         t == tensorflow::DT_BFLOAT16;
}

class Names {
 public:
  explicit Names(const tensorflow::GraphDef& g) {
    for (const auto& n : g.node()) used_.insert(n.name());
  }
  std::string Unique(const std::string& base) {
    std::string name = base;
    for (int i = 1; used_.count(name); ++i) name = base + "_" + std::to_string(i);
    used_.insert(name);
    return name;
  }

 private:
  std::set<std::string> used_;
};

NodeDef MakeNode(const std::string& name, const std::string& op, const std::string& device) {
  NodeDef n;
  n.set_name(name);
  n.set_op(op);
  n.set_device(device);
  return n;
}

void SetType(NodeDef* n, const char* attr, tensorflow::DataType t) {
  (*n->mutable_attr())[attr].set_type(t);
}

}  // namespace

StatusOr<UnfreezeResult> Unfreeze(const tensorflow::GraphDef& frozen,
                                  const UnfreezeOptions& options) {
  UnfreezeResult result;
  Names names(frozen);
  const OpRegistry& ops = OpRegistry::Global();
  tensorflow::GraphDef* out = result.meta.mutable_graph_def();
  *out->mutable_versions() = frozen.versions();
  *out->mutable_library() = frozen.library();
  std::vector<SaverBinding> bindings;
  std::vector<std::string> assigns;
  auto* variables = (*result.meta.mutable_collection_def())["variables"].mutable_bytes_list();
  auto* trainable =
      (*result.meta.mutable_collection_def())["trainable_variables"].mutable_bytes_list();

  for (const NodeDef& node : frozen.node()) {
    bool candidate = node.op() == "Const" && node.input_size() == 0;
    auto dtype_it = node.attr().find("dtype");
    auto value_it = node.attr().find("value");
    candidate = candidate && dtype_it != node.attr().end() && value_it != node.attr().end() &&
                value_it->second.has_tensor() && IsWeightType(dtype_it->second.type());
    StatusOr<Tensor> value = Status::NotFound("");
    if (candidate) {
      value = Tensor::FromProto(value_it->second.tensor());
      if (!value.ok()) return value.status().WithPrefix("Const '" + node.name() + "'");
      candidate = value->bytes().size() >= options.min_bytes;
    }
    if (!candidate) {
      if (node.op() == "Const") ++result.kept_consts;
      *out->add_node() = node;
      continue;
    }
    const tensorflow::DataType dtype = dtype_it->second.type();
    const std::string& name = node.name();
    const std::string handle = names.Unique(name + "/var");
    const std::string init_value = names.Unique(handle + "/initial_value");
    const std::string dims = names.Unique(init_value + "/dims");
    const std::string zero = names.Unique(init_value + "/zero");
    const std::string assign = names.Unique(handle + "/Assign");

    NodeDef var = MakeNode(handle, "VarHandleOp", node.device());
    SetType(&var, "dtype", dtype);
    DimsToProto(value->dims(), (*var.mutable_attr())["shape"].mutable_shape());
    (*var.mutable_attr())["shared_name"].set_s(handle);
    (*var.mutable_attr())["container"].set_s("");
    TFG_RETURN_IF_ERROR(ops.AddDefaultAttrs(&var).status());

    // The old name now reads the variable, so consumers stay as they are.
    NodeDef read = MakeNode(name, "ReadVariableOp", node.device());
    read.add_input(handle);
    SetType(&read, "dtype", dtype);

    // Initial value: zeros of the right shape (the real value is in the checkpoint).
    NodeDef dims_node = MakeNode(dims, "Const", node.device());
    SetType(&dims_node, "dtype", tensorflow::DT_INT64);
    {
      auto* t = (*dims_node.mutable_attr())["value"].mutable_tensor();
      t->set_dtype(tensorflow::DT_INT64);
      t->mutable_tensor_shape()->add_dim()->set_size(static_cast<int64_t>(value->dims().size()));
      for (int64_t d : value->dims()) t->add_int64_val(d);
    }
    NodeDef zero_node = MakeNode(zero, "Const", node.device());
    SetType(&zero_node, "dtype", dtype);
    {
      auto* t = (*zero_node.mutable_attr())["value"].mutable_tensor();
      t->set_dtype(dtype);
      t->mutable_tensor_shape();
      t->set_tensor_content(std::string(static_cast<size_t>(DTypeSize(dtype)), '\0'));
    }
    NodeDef fill = MakeNode(init_value, "Fill", node.device());
    fill.add_input(dims);
    fill.add_input(zero);
    SetType(&fill, "T", dtype);
    SetType(&fill, "index_type", tensorflow::DT_INT64);
    NodeDef assign_node = MakeNode(assign, "AssignVariableOp", node.device());
    assign_node.add_input(handle);
    assign_node.add_input(init_value);
    SetType(&assign_node, "dtype", dtype);
    TFG_RETURN_IF_ERROR(ops.AddDefaultAttrs(&assign_node).status());

    for (NodeDef* n : {&var, &read, &dims_node, &zero_node, &fill, &assign_node}) {
      *out->add_node() = std::move(*n);
    }
    tensorflow::VariableDef def;
    def.set_variable_name(handle + ":0");
    def.set_initial_value_name(init_value + ":0");
    def.set_initializer_name(assign);
    def.set_snapshot_name(name + ":0");
    def.set_is_resource(true);
    def.set_trainable(true);
    variables->add_value(def.SerializeAsString());
    trainable->add_value(def.SerializeAsString());

    bindings.push_back(SaverBinding{handle, name, "", dtype, true});
    assigns.push_back(assign);
    result.bytes += value->bytes().size();
    result.values.emplace_back(name, std::move(value).value());
  }
  if (bindings.empty()) {
    return Status::InvalidArgument("no floating-point constant of at least " +
                                   std::to_string(options.min_bytes) +
                                   " bytes; nothing to unfreeze (lower --min-bytes)");
  }
  NodeDef* init = out->add_node();
  init->set_name(names.Unique("init"));
  init->set_op("NoOp");
  for (const auto& a : assigns) init->add_input("^" + a);
  TFG_ASSIGN_OR_RETURN(*result.meta.mutable_saver_def(), AddSaver(out, bindings));

  // The OpDefs of every op used, as TF's export_meta_graph records them.
  std::set<std::string> used;
  for (const auto& n : out->node()) used.insert(n.op());
  auto* list = result.meta.mutable_meta_info_def()->mutable_stripped_op_list();
  for (const auto& op : used) {
    if (const auto* def = ops.Find(op)) *list->add_op() = *def;
  }
  result.meta.mutable_meta_info_def()->set_meta_graph_version("v2");
  result.notes.push_back(std::to_string(bindings.size()) + " constants became variables (" +
                         std::to_string(result.bytes) + " bytes); " +
                         std::to_string(result.kept_consts) + " constants kept");
  return result;
}

Status WriteUnfrozen(const UnfreezeResult& result, const std::string& dir, bool force) {
  TFG_ASSIGN_OR_RETURN(auto out, AtomicDir::Create(dir, force));
  const std::string prefix = JoinPath(out->path(), kUnfrozenPrefix);
  {
    TFG_ASSIGN_OR_RETURN(auto writer, BundleWriter::Create(prefix));
    for (const auto& [key, value] : result.values) TFG_RETURN_IF_ERROR(writer->Add(key, value));
    TFG_RETURN_IF_ERROR(writer->Finish());
  }
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    result.meta.SerializeToCodedStream(&coded);
  }
  TFG_RETURN_IF_ERROR(WriteFileAtomically(prefix + ".meta", bytes, false));
  const std::string state = std::string("model_checkpoint_path: \"") + kUnfrozenPrefix +
                            "\"\nall_model_checkpoint_paths: \"" + kUnfrozenPrefix + "\"\n";
  TFG_RETURN_IF_ERROR(WriteFileAtomically(JoinPath(out->path(), "checkpoint"), state, false));
  return out->Commit();
}

}  // namespace tfgraph
