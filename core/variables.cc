#include "core/variables.h"

#include <limits>

#include "tensorflow/attr_value.pb.h"

namespace tfgraph {
namespace {

// Element size in bytes, 0 if not fixed-size. Private until core/dtype.h
// (checkpoint branch) is merged; then DTypeSize replaces it.
int ElementSize(tensorflow::DataType t) {
  switch (static_cast<int>(t) % 100) {
    case 1: case 3: case 13: case 22: return 4;           // float int32 qint32 uint32
    case 2: case 8: case 9: case 23: return 8;            // double complex64 int64 uint64
    case 18: return 16;                                   // complex128
    case 5: case 14: case 15: case 16: case 17: case 19: return 2;
    case 4: case 6: case 10: case 11: case 12: return 1;  // uint8 int8 bool qint8 quint8
    case 24: case 25: case 26: case 27: case 28: case 29: case 30: return 1;
    default: return 0;
  }
}

}  // namespace

bool CreatesVariable(std::string_view op) {
  return op == "VariableV2" || op == "Variable" || op == "VarHandleOp" ||
         op == "AutoReloadVariable" || op == "_VarHandlesOp";
}

std::vector<VariableInfo> GraphVariables(const tensorflow::GraphDef& graph) {
  std::vector<VariableInfo> out;
  for (const auto& n : graph.node()) {
    if (!CreatesVariable(n.op()) || n.op() == "_VarHandlesOp") continue;
    VariableInfo v;
    v.name = n.name();
    v.op = n.op();
    auto d = n.attr().find("dtype");
    if (d != n.attr().end()) v.dtype = static_cast<tensorflow::DataType>(d->second.type() % 100);
    auto s = n.attr().find("shape");
    if (s != n.attr().end() && s->second.has_shape() && !s->second.shape().unknown_rank()) {
      std::vector<int64_t> dims;
      for (const auto& dim : s->second.shape().dim()) dims.push_back(dim.size());
      v.shape = std::move(dims);
    }
    out.push_back(std::move(v));
  }
  return out;
}

VariableSummary SummarizeVariables(const std::vector<VariableInfo>& vars) {
  VariableSummary s;
  for (const auto& v : vars) {
    ++s.count;
    if (!v.shape) {
      ++s.unknown;
      continue;
    }
    int64_t n = 1;
    bool known = true;
    for (int64_t d : *v.shape) {
      if (d < 0 || (d > 0 && n > std::numeric_limits<int64_t>::max() / d)) {
        known = false;
        break;
      }
      n *= d;
    }
    if (!known) {
      ++s.unknown;
      continue;
    }
    s.parameters += n;
    s.bytes += n * ElementSize(v.dtype);
  }
  return s;
}

}  // namespace tfgraph
