// tfgraph tensor MODEL NAME [--npy FILE] [--stats] [--force]
//
// Prints one checkpoint tensor in full (never truncated), or writes it as a
// .npy file byte-identical to numpy.save of what TensorFlow reads. NAME may
// be the checkpoint key, the graph variable node that restores it, or (TF2) an
// object path such as "layer-0/kernel". Unknown names get suggestions.
#include <cstdio>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/tensor_render.h"
#include "core/checkpoint_reader.h"
#include "core/npy.h"
#include "core/tensor_format.h"
#include "core/tensor_slice.h"
#include "core/tensor_stats.h"
#include "core/variable_binding.h"

namespace tfgraph::cli {
namespace {

// The checkpoint key NAME stands for, or "" (with suggestions in *hint).
// *node: the graph variable NAME named, when it named one.
std::string ResolveKey(const CheckpointReader& r, const VariableBinding& b,
                       const std::string& name, std::string* node, std::string* hint) {
  if (r.Find(name)) return name;
  for (const auto& [key, nodes] : b.nodes_of_key) {
    for (const auto& n : nodes) {
      if (n == name || n + ":0" == name) {
        *node = n;
        return key;
      }
    }
  }
  std::string tf2 = name + "/.ATTRIBUTES/VARIABLE_VALUE";
  if (r.Find(tf2)) return tf2;
  std::vector<std::string> keys;
  for (const auto& v : r.variables()) keys.push_back(v.name);
  std::string close = ClosestMatch(name, keys);
  if (!close.empty()) *hint = "; did you mean '" + close + "'?";
  return "";
}

}  // namespace

int RunTensor(const Invocation& inv) {
  int code;
  auto model = LoadModelForCommand(inv, &code);
  if (!model) return code;
  auto ck = model->checkpoint();
  if (!ck.ok()) {
    Diag(ck.status().message());
    return ExitCodeFor(ck.status());
  }
  const std::string& name = inv.args.positional().at(1);
  if (!*ck) {
    Diag(model->path() + ": has no checkpoint, so no tensor '" + name + "'");
    return kExitNotFound;
  }
  const CheckpointReader& r = **ck;
  std::string hint, node;
  VariableBinding binding = BindVariables(*model, r);
  std::string key = ResolveKey(r, binding, name, &node, &hint);
  if (key.empty()) {
    Diag(r.prefix() + ": no tensor '" + name + "' in the checkpoint" + hint);
    return kExitNotFound;
  }
  auto t = r.Read(key);
  if (!t.ok()) {
    Diag(t.status().message());
    return ExitCodeFor(t.status());
  }
  // One part of a partitioned variable holds only its slice of the entry.
  std::string part_slice;
  if (!node.empty()) {
    auto slices = PartSlices(*model, binding);
    if (auto slice = slices.find(node); slice != slices.end()) {
      t = ExtractSlice(*t, slice->second);
      if (!t.ok()) {
        Diag(r.prefix() + ": tensor '" + key + "': " + t.status().message());
        return ExitCodeFor(t.status());
      }
      part_slice = slice->second.ToString();
    }
  }
  if (inv.args.Has("npy")) {
    const std::string out = inv.args.Get("npy");
    Status st;
    if (out == "-") {
      st = EncodeNpy(*t, [](std::string_view s) {
        return std::fwrite(s.data(), 1, s.size(), stdout) == s.size()
                   ? Status::OK()
                   : Status::WriteFailed("stdout: write failed");
      });
    } else {
      st = WriteNpyFile(*t, out, inv.args.Has("force"));
    }
    if (!st.ok()) {
      Diag(st.message());
      return ExitCodeFor(st);
    }
    return kExitOk;
  }
  const bool stats = inv.args.Has("stats");
  if (inv.json) {
    JsonLine rec("tensor");
    rec.Str("name", key);
    if (!part_slice.empty()) rec.Str("node", node).Str("slice", part_slice);
    rec.Str("dtype", DTypeName(t->dtype())).Raw("shape", JsonShape(t->dims()));
    if (stats) rec.Raw("stats", StatsJson(ComputeStats(*t)));
    rec.Raw("values", TensorValuesJson(*t));
    rec.Print();
    return kExitOk;
  }
  const std::string label =
      part_slice.empty() ? key : key + " (" + node + ", slice " + part_slice + ")";
  std::printf("%s  %s  %s\n", label.c_str(), DTypeName(t->dtype()).c_str(),
              ShapeText(t->dims()).c_str());
  if (stats) std::printf("%s\n", StatsText(ComputeStats(*t)).c_str());
  FormatValues(*t, [](std::string_view s) { std::fwrite(s.data(), 1, s.size(), stdout); });
  std::printf("\n");
  return kExitOk;
}

}  // namespace tfgraph::cli
