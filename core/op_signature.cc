#include "core/op_signature.h"

#include <string>
#include <unordered_set>

#include "core/dtype.h"

namespace tfgraph {
namespace {

using tensorflow::AttrValue;
using tensorflow::DataType;
using tensorflow::NodeDef;
using tensorflow::OpDef;

std::string Where(const NodeDef& node, const OpDef& op) {
  return "node '" + node.name() + "' (op " + op.name() + ")";
}

const OpDef::AttrDef* FindAttrDef(const OpDef& op, std::string_view name) {
  for (const auto& a : op.attr()) {
    if (a.name() == name) return &a;
  }
  return nullptr;
}

// The node's value for an attr, else the OpDef default, else an error.
StatusOr<const AttrValue*> GetAttr(const NodeDef& node, const OpDef& op, const std::string& name) {
  auto it = node.attr().find(name);
  if (it != node.attr().end()) return &it->second;
  const OpDef::AttrDef* def = FindAttrDef(op, name);
  if (def != nullptr && def->has_default_value()) return &def->default_value();
  return Status::InvalidArgument(Where(node, op) + " lacks attr '" + name +
                                 "' and it has no default");
}

StatusOr<DataType> GetTypeAttr(const NodeDef& node, const OpDef& op, const std::string& name) {
  TFG_ASSIGN_OR_RETURN(const AttrValue* v, GetAttr(node, op, name));
  if (v->value_case() != AttrValue::kType) {
    return Status::InvalidArgument(Where(node, op) + ": attr '" + name + "' is not a type");
  }
  return v->type();
}

StatusOr<int> GetNumberAttr(const NodeDef& node, const OpDef& op, const std::string& name) {
  TFG_ASSIGN_OR_RETURN(const AttrValue* v, GetAttr(node, op, name));
  if (v->value_case() != AttrValue::kI) {
    return Status::InvalidArgument(Where(node, op) + ": attr '" + name + "' is not an int");
  }
  // Real graphs never come near this; it keeps a hostile N from sizing vectors.
  constexpr int64_t kMaxListLength = 1 << 20;
  if (v->i() < 0 || v->i() > kMaxListLength) {
    return Status::InvalidArgument(Where(node, op) + ": attr '" + name + "' = " +
                                   std::to_string(v->i()) + " is not a valid list length");
  }
  return static_cast<int>(v->i());
}

Status GetTypeListAttr(const NodeDef& node, const OpDef& op, const std::string& name,
                       std::vector<DataType>* out) {
  TFG_ASSIGN_OR_RETURN(const AttrValue* v, GetAttr(node, op, name));
  // An empty list may arrive as an AttrValue with no value at all: writers
  // that skip empty sub-messages produce that, and it can only mean [].
  if (v->value_case() == AttrValue::VALUE_NOT_SET) return Status::OK();
  if (v->value_case() != AttrValue::kList) {
    return Status::InvalidArgument(Where(node, op) + ": attr '" + name + "' is not a list(type)");
  }
  for (int t : v->list().type()) out->push_back(static_cast<DataType>(t));
  return Status::OK();
}

// Number of tensors `arg` stands for on this node.
StatusOr<int> ArgSize(const NodeDef& node, const OpDef& op, const OpDef::ArgDef& arg) {
  if (!arg.number_attr().empty()) return GetNumberAttr(node, op, arg.number_attr());
  if (!arg.type_list_attr().empty()) {
    std::vector<DataType> types;
    TFG_RETURN_IF_ERROR(GetTypeListAttr(node, op, arg.type_list_attr(), &types));
    return static_cast<int>(types.size());
  }
  return 1;
}

// Appends the dtypes of the tensors `arg` stands for.
Status AppendArgTypes(const NodeDef& node, const OpDef& op, const OpDef::ArgDef& arg,
                      std::vector<DataType>* out) {
  size_t first = out->size();
  if (!arg.type_list_attr().empty()) {
    TFG_RETURN_IF_ERROR(GetTypeListAttr(node, op, arg.type_list_attr(), out));
  } else {
    DataType t = arg.type();
    if (t == tensorflow::DT_INVALID) {
      if (arg.type_attr().empty()) {
        return Status::InvalidArgument(Where(node, op) + ": argument '" + arg.name() +
                                       "' has no type");
      }
      TFG_ASSIGN_OR_RETURN(t, GetTypeAttr(node, op, arg.type_attr()));
    }
    int n = 1;
    if (!arg.number_attr().empty()) {
      TFG_ASSIGN_OR_RETURN(n, GetNumberAttr(node, op, arg.number_attr()));
    }
    out->insert(out->end(), n, t);
  }
  if (arg.is_ref()) {
    for (size_t i = first; i < out->size(); ++i) (*out)[i] = MakeRefType((*out)[i]);
  }
  return Status::OK();
}

StatusOr<std::vector<ArgRange>> Ranges(
    const NodeDef& node, const OpDef& op,
    const google::protobuf::RepeatedPtrField<OpDef::ArgDef>& args) {
  std::vector<ArgRange> ranges;
  ranges.reserve(args.size());
  int next = 0;
  for (const auto& arg : args) {
    TFG_ASSIGN_OR_RETURN(int n, ArgSize(node, op, arg));
    ranges.push_back(ArgRange{arg.name(), next, n});
    next += n;
  }
  return ranges;
}

StatusOr<std::vector<DataType>> Types(
    const NodeDef& node, const OpDef& op,
    const google::protobuf::RepeatedPtrField<OpDef::ArgDef>& args) {
  std::vector<DataType> types;
  for (const auto& arg : args) TFG_RETURN_IF_ERROR(AppendArgTypes(node, op, arg, &types));
  return types;
}

Status CheckArgs(const OpDef& op, const google::protobuf::RepeatedPtrField<OpDef::ArgDef>& args,
                 const char* kind) {
  std::unordered_set<std::string_view> names;
  auto bad = [&](const OpDef::ArgDef& arg, const std::string& why) {
    return Status::InvalidArgument("op '" + op.name() + "' " + kind + " '" + arg.name() + "': " +
                                   why);
  };
  auto check_attr = [&](const OpDef::ArgDef& arg, const std::string& attr,
                        const char* want) -> Status {
    const OpDef::AttrDef* def = FindAttrDef(op, attr);
    if (def == nullptr) return bad(arg, "names attr '" + attr + "' which the op does not have");
    if (def->type() != want) {
      return bad(arg, "attr '" + attr + "' has type '" + def->type() + "', expected '" + want +
                          "'");
    }
    return Status::OK();
  };
  for (const auto& arg : args) {
    if (arg.name().empty()) return bad(arg, "empty argument name");
    if (!names.insert(arg.name()).second) return bad(arg, "duplicate argument name");
    int typed = (arg.type() != tensorflow::DT_INVALID) + !arg.type_attr().empty() +
                !arg.type_list_attr().empty();
    if (typed != 1) {
      return bad(arg, "needs exactly one of type, type_attr, type_list_attr");
    }
    if (!arg.type_attr().empty()) TFG_RETURN_IF_ERROR(check_attr(arg, arg.type_attr(), "type"));
    if (!arg.type_list_attr().empty()) {
      if (!arg.number_attr().empty()) return bad(arg, "number_attr with type_list_attr");
      TFG_RETURN_IF_ERROR(check_attr(arg, arg.type_list_attr(), "list(type)"));
    }
    if (!arg.number_attr().empty()) TFG_RETURN_IF_ERROR(check_attr(arg, arg.number_attr(), "int"));
  }
  return Status::OK();
}

}  // namespace

Status ValidateOpDef(const OpDef& op) {
  if (op.name().empty()) return Status::InvalidArgument("op with an empty name");
  std::unordered_set<std::string_view> attrs;
  for (const auto& a : op.attr()) {
    if (a.name().empty() || !attrs.insert(a.name()).second) {
      return Status::InvalidArgument("op '" + op.name() + "': empty or duplicate attr name '" +
                                     a.name() + "'");
    }
  }
  TFG_RETURN_IF_ERROR(CheckArgs(op, op.input_arg(), "input"));
  return CheckArgs(op, op.output_arg(), "output");
}

StatusOr<std::vector<ArgRange>> InputArgRanges(const NodeDef& node, const OpDef& op) {
  return Ranges(node, op, op.input_arg());
}

StatusOr<std::vector<ArgRange>> OutputArgRanges(const NodeDef& node, const OpDef& op) {
  return Ranges(node, op, op.output_arg());
}

StatusOr<std::vector<DataType>> InputTypes(const NodeDef& node, const OpDef& op) {
  return Types(node, op, op.input_arg());
}

StatusOr<std::vector<DataType>> OutputTypes(const NodeDef& node, const OpDef& op) {
  return Types(node, op, op.output_arg());
}

StatusOr<int> OutputIndex(const NodeDef& node, const OpDef& op, std::string_view out_arg,
                          int idx) {
  TFG_ASSIGN_OR_RETURN(std::vector<ArgRange> ranges, OutputArgRanges(node, op));
  for (const ArgRange& r : ranges) {
    if (r.name != out_arg) continue;
    if (idx < 0 || idx >= r.size) {
      return Status::InvalidArgument(Where(node, op) + ": output '" + std::string(out_arg) + ":" +
                                     std::to_string(idx) + "' is out of range (the argument has " +
                                     std::to_string(r.size) + " tensors)");
    }
    return r.begin + idx;
  }
  std::string known;
  for (const ArgRange& r : ranges) known += (known.empty() ? "" : ", ") + std::string(r.name);
  return Status::NotFound(Where(node, op) + " has no output argument '" + std::string(out_arg) +
                          "' (it has: " + (known.empty() ? "none" : known) + ")");
}

StatusOr<OutputArgRef> OutputArgAt(const NodeDef& node, const OpDef& op, int flat_index) {
  TFG_ASSIGN_OR_RETURN(std::vector<ArgRange> ranges, OutputArgRanges(node, op));
  for (const ArgRange& r : ranges) {
    if (flat_index >= r.begin && flat_index < r.begin + r.size) {
      return OutputArgRef{r.name, flat_index - r.begin};
    }
  }
  int total = ranges.empty() ? 0 : ranges.back().begin + ranges.back().size;
  return Status::InvalidArgument(Where(node, op) + ": output " + std::to_string(flat_index) +
                                 " is out of range (the node has " + std::to_string(total) +
                                 " outputs)");
}

int AddDefaultAttrs(const OpDef& op, NodeDef* node) {
  int added = 0;
  auto* attrs = node->mutable_attr();
  for (const auto& a : op.attr()) {
    if (!a.has_default_value() || attrs->count(a.name()) != 0) continue;
    (*attrs)[a.name()] = a.default_value();
    ++added;
  }
  return added;
}

}  // namespace tfgraph
