// ShowAll and ClientNames (see core/export.h): text reports of a SavedModel.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "core/export.h"

namespace tfgraph {
namespace {

std::string TensorInfoText(const tensorflow::TensorInfo& info, const std::string& indent) {
  std::string out;
  std::string dtype = tensorflow::DataType_Name(info.dtype());
  if (dtype.empty()) dtype = std::to_string(static_cast<int>(info.dtype()));
  out += indent + "    dtype: " + dtype + "\n";
  std::string shape;
  if (info.tensor_shape().unknown_rank()) {
    shape = "unknown_rank";
  } else {
    shape = "(";
    for (int i = 0; i < info.tensor_shape().dim_size(); ++i) {
      if (i) shape += ", ";
      shape += std::to_string(info.tensor_shape().dim(i).size());
    }
    shape += ")";
  }
  out += indent + "    shape: " + shape + "\n";
  std::string name = info.name();
  if (info.has_coo_sparse()) name = info.coo_sparse().values_tensor_name();
  out += indent + "    name: " + name + "\n";
  return out;
}

template <typename Map>
std::vector<std::string> SortedKeys(const Map& map) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : map) keys.push_back(k);
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::string TensorNameOf(const tensorflow::TensorInfo& info) {
  if (info.has_coo_sparse()) {
    return info.coo_sparse().values_tensor_name() + " (sparse; indices " +
           info.coo_sparse().indices_tensor_name() + ", dense shape " +
           info.coo_sparse().dense_shape_tensor_name() + ")";
  }
  return info.name();
}

}  // namespace

std::string ShowAll(const tensorflow::SavedModel& saved_model) {
  // saved_model_cli sorts the tag-sets (lists of tags, as they are in the file).
  std::vector<std::pair<std::vector<std::string>, int>> order;
  for (int i = 0; i < saved_model.meta_graphs_size(); ++i) {
    const auto& tags = saved_model.meta_graphs(i).meta_info_def().tags();
    order.emplace_back(std::vector<std::string>(tags.begin(), tags.end()), i);
  }
  std::sort(order.begin(), order.end());
  std::string out;
  for (const auto& [tags, index] : order) {
    const auto& mg = saved_model.meta_graphs(index);
    std::string joined, listed;
    for (const auto& t : tags) {
      joined += (joined.empty() ? "" : ", ") + t;
      listed += std::string(listed.empty() ? "" : ", ") + "'" + t + "'";
    }
    out += "\nMetaGraphDef with tag-set: '" + joined +
           "' contains the following SignatureDefs:\n";
    for (const auto& key : SortedKeys(mg.signature_def())) {
      const auto& sig = mg.signature_def().at(key);
      out += "\nsignature_def['" + key + "']:\n";
      out += "  The given SavedModel SignatureDef contains the following input(s):\n";
      for (const auto& k : SortedKeys(sig.inputs())) {
        out += "    inputs['" + k + "'] tensor_info:\n";
        out += TensorInfoText(sig.inputs().at(k), "    ");
      }
      out += "  The given SavedModel SignatureDef contains the following output(s):\n";
      for (const auto& k : SortedKeys(sig.outputs())) {
        out += "    outputs['" + k + "'] tensor_info:\n";
        out += TensorInfoText(sig.outputs().at(k), "    ");
      }
      out += "  Method name is: " + sig.method_name() + "\n";
    }
    std::set<std::string> ops;
    for (const auto& n : mg.graph_def().node()) ops.insert(n.op());
    for (const auto& f : mg.graph_def().library().function())
      for (const auto& n : f.node_def()) ops.insert(n.op());
    std::string op_list;
    for (const auto& op : ops) op_list += (op_list.empty() ? "'" : ", '") + op + "'";
    out += "The MetaGraph with tag set [" + listed + "] contains the following ops: {" + op_list +
           "}\n";
  }
  return out;
}

std::string ClientNames(const tensorflow::MetaGraphDef& meta) {
  std::string tags;
  for (const auto& t : meta.meta_info_def().tags()) tags += (tags.empty() ? "" : ",") + t;
  std::string out = "Client feeds and fetches (tag-set '" + tags + "'):\n";
  for (const auto& key : SortedKeys(meta.signature_def())) {
    if (key == kInitOpSignatureKey || key == kTrainOpSignatureKey) continue;
    const auto& sig = meta.signature_def().at(key);
    out += "  signature '" + key + "' (" + sig.method_name() + ")\n";
    for (const auto& k : SortedKeys(sig.inputs())) {
      out += "    feed   " + k + " -> " + TensorNameOf(sig.inputs().at(k)) + "\n";
    }
    for (const auto& k : SortedKeys(sig.outputs())) {
      out += "    fetch  " + k + " <- " + TensorNameOf(sig.outputs().at(k)) + "\n";
    }
  }
  if (meta.has_saver_def()) {
    out += "  restore: feed <dir>/variables/variables to " + meta.saver_def().filename_tensor_name() +
           ", run " + meta.saver_def().restore_op_name() + "\n";
  }
  auto init = meta.signature_def().find(std::string(kInitOpSignatureKey));
  if (init != meta.signature_def().end() && !init->second.outputs().empty()) {
    out += "  init: run " + init->second.outputs().begin()->second.name() +
           " after restoring (asset paths fed)\n";
  }
  return out;
}

}  // namespace tfgraph
