// tfgraph vars MODEL|PREFIX [--match RE] [--stats] [--values]
//
// Lists the checkpoint variables of a model (or of a bare checkpoint): name,
// dtype, shape, stored bytes, data shard, and the graph node that restores
// it (core/variable_binding.h); TF2 checkpoints also get each variable's
// object path and, for optimizer slots, the variable and slot they belong to.
// Without --match, graph variables with no entry and entries no graph
// variable restores are reported after the table (both ways: a checkpoint
// from another version of the model shows up here).
// Listing reads only the .index (plus the small object graph of TF2
// checkpoints); --stats and --values read each tensor once, verifying its
// checksum, and keep no more than one tensor at a time.
#include <re2/re2.h>

#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/output.h"
#include "cli/tensor_render.h"
#include "core/checkpoint_reader.h"
#include "core/tensor_format.h"
#include "core/tensor_stats.h"
#include "core/variable_binding.h"

namespace tfgraph::cli {
namespace {

std::string FormatLabel(const CheckpointReader& r) {
  std::string s = r.format() == CheckpointFormat::kV2 ? "V2" : "V1";
  s += ", " + std::to_string(r.num_shards()) + (r.num_shards() == 1 ? " shard" : " shards");
  return s;
}

// What the NODE column and the JSON fields say about a variable's owner.
struct Owner {
  std::vector<std::string> nodes;
  std::string object_path, full_name, slot_of, slot;
};

Owner OwnerOf(const CheckpointVariable& v, const VariableBinding& b, const ObjectGraphInfo* og) {
  Owner o;
  auto it = b.nodes_of_key.find(v.name);
  if (it != b.nodes_of_key.end()) o.nodes = it->second;
  if (og) {
    auto a = og->attributes.find(v.name);
    if (a != og->attributes.end()) {
      o.object_path = a->second.object_path;
      o.full_name = a->second.full_name;
    }
    auto s = og->slots.find(v.name);
    if (s != og->slots.end()) {
      o.slot_of = s->second.variable_key;
      o.slot = s->second.slot_name;
    }
  }
  return o;
}

std::string OwnerText(const Owner& o, const ObjectGraphInfo* og) {
  std::string s;
  for (const auto& n : o.nodes) s += (s.empty() ? "" : ",") + n;
  if (!o.slot.empty()) {
    std::string var = o.slot_of;
    if (og) {
      auto a = og->attributes.find(o.slot_of);
      if (a != og->attributes.end()) var = a->second.object_path;
    }
    s += (s.empty() ? "" : " ") + std::string("slot '") + o.slot + "' of " + var;
  }
  return s;
}

}  // namespace

int RunVars(const Invocation& inv) {
  std::unique_ptr<RE2> match;
  if (inv.args.Has("match")) {
    RE2::Options opts;
    opts.set_log_errors(false);
    match = std::make_unique<RE2>(inv.args.Get("match"), opts);
    if (!match->ok()) {
      Diag("vars: bad pattern --match '" + inv.args.Get("match") + "': " + match->error());
      return kExitUsage;
    }
  }
  const bool stats = inv.args.Has("stats"), values = inv.args.Has("values");
  int code;
  auto model = LoadModelForCommand(inv, &code);
  if (!model) return code;
  auto ck = model->checkpoint();
  if (!ck.ok()) {
    Diag(ck.status().message());
    return ExitCodeFor(ck.status());
  }
  if (!*ck) {
    Diag(model->path() + ": has no checkpoint (no variables to list)");
    return kExitOk;
  }
  const CheckpointReader& r = **ck;
  VariableBinding binding = BindVariables(*model, r);
  std::shared_ptr<const ObjectGraphInfo> og;
  if (r.has_object_graph()) {
    auto g = r.ObjectGraph();
    if (!g.ok()) {
      DiagWarning(model->path(), g.status().message());
    } else {
      og = *g;
    }
  }

  // Entries no graph variable restores, reported when there is a graph to
  // restore into (a bare checkpoint has none: every entry would qualify).
  std::vector<std::string> unused;
  if (model->format() != ModelFormat::kCheckpointOnly) unused = binding.unused_keys;

  std::vector<const CheckpointVariable*> picked;
  for (const auto& v : r.variables())
    if (!match || RE2::PartialMatch(v.name, *match)) picked.push_back(&v);

  // The object graph entry is listed (it is in the checkpoint) but is no
  // variable: the totals leave it out, as `info` does.
  int64_t params = 0, bytes = 0, count = 0, object_graph_bytes = -1;
  for (const auto* v : picked) {
    if (v->name == kObjectGraphKey) {
      object_graph_bytes = static_cast<int64_t>(v->bytes);
      continue;
    }
    ++count;
    auto n = NumElements(v->shape);
    if (n.ok()) params += *n;
    bytes += static_cast<int64_t>(v->bytes);
  }
  if (inv.json) {
    std::vector<std::string> files;
    for (const auto& f : r.DataFiles()) files.push_back(f);
    JsonLine("checkpoint")
        .Str("prefix", r.prefix())
        .Str("format", r.format() == CheckpointFormat::kV2 ? "v2" : "v1")
        .Int("shards", r.num_shards())
        .Raw("data_files", JsonStringArray(files))
        .Int("variables", count)
        .Int("parameters", params)
        .Int("bytes", bytes)
        .Print();
  } else if (!values) {
    std::printf("%s (%s)\n", r.prefix().c_str(), FormatLabel(r).c_str());
  }

  int result = kExitOk;
  // One damaged or missing shard makes every tensor in it unreadable: the
  // first error is shown with a count of the rest, not one line per tensor
  // (--json still gives each tensor's error).
  std::vector<std::string> errors;
  std::vector<std::vector<std::string>> rows;
  if (!inv.json && !values) {
    std::vector<std::string> head = {"NAME", "DTYPE", "SHAPE", "BYTES", "SHARD", "NODE"};
    if (stats) head.push_back("STATS");
    rows.push_back(head);
  }
  for (const auto* v : picked) {
    Owner owner = OwnerOf(*v, binding, og.get());
    Tensor t;
    // One tensor's pages at a time: whole-checkpoint scans stay small.
    auto release = [&]() {
      t = Tensor();
      r.DropPages(v->name);
    };
    std::string read_error;
    if ((stats || values) && v->problem.empty()) {
      auto read = r.Read(v->name);
      if (read.ok()) {
        t = std::move(read).value();
      } else {
        read_error = read.status().message();
        errors.push_back(read_error);
        result = ExitCodeFor(read.status());
      }
    }
    if (!v->problem.empty()) {
      errors.push_back(model->path() + ": tensor '" + v->name + "': " + v->problem);
      result = kExitModel;
    }
    std::string shard = std::to_string(v->shard);
    if (v->partitioned()) {
      shard.clear();
      for (const auto& p : v->parts)
        if (shard.find(std::to_string(p.shard)) == std::string::npos)
          shard += (shard.empty() ? "" : ",") + std::to_string(p.shard);
    }
    if (inv.json) {
      JsonLine rec("variable");
      rec.Str("name", v->name)
          .Str("dtype", DTypeName(v->dtype))
          .Raw("shape", JsonShape(v->shape))
          .Int("bytes", static_cast<int64_t>(v->bytes))
          .Int("shard", v->shard);
      if (v->partitioned()) {
        std::vector<std::string> parts;
        for (const auto& p : v->parts) {
          JsonObject po;
          po.Str("slice", p.slice).Raw("shape", JsonShape(p.shape)).Int("shard", p.shard);
          po.Int("bytes", static_cast<int64_t>(p.bytes));
          parts.push_back(po.Render());
        }
        rec.Raw("parts", JsonArray(parts));
      }
      rec.Raw("nodes", JsonStringArray(owner.nodes));
      if (!owner.object_path.empty()) rec.Str("object_path", owner.object_path);
      if (!owner.full_name.empty()) rec.Str("full_name", owner.full_name);
      if (!owner.slot.empty()) rec.Str("slot_of", owner.slot_of).Str("slot", owner.slot);
      if (!v->problem.empty()) rec.Str("problem", v->problem);
      if (!read_error.empty()) rec.Str("error", read_error);
      if (t.valid() && stats) rec.Raw("stats", StatsJson(ComputeStats(t)));
      if (t.valid() && values) rec.Raw("values", TensorValuesJson(t));
      rec.Print();
      release();
      continue;
    }
    if (values) {
      std::printf("%s  %s  %s%s\n", v->name.c_str(), DTypeName(v->dtype).c_str(),
                  ShapeText(v->shape).c_str(),
                  owner.nodes.empty() && owner.slot.empty()
                      ? ""
                      : ("  (" + OwnerText(owner, og.get()) + ")").c_str());
      if (t.valid()) {
        if (stats) std::printf("%s\n", StatsText(ComputeStats(t)).c_str());
        FormatValues(t, [](std::string_view s) { std::fwrite(s.data(), 1, s.size(), stdout); });
        std::printf("\n");
      }
      std::printf("\n");
      release();
      continue;
    }
    std::vector<std::string> row = {v->name, DTypeName(v->dtype), ShapeText(v->shape),
                                    Grouped(static_cast<int64_t>(v->bytes)), shard,
                                    OwnerText(owner, og.get())};
    if (stats) row.push_back(t.valid() ? StatsText(ComputeStats(t)) : "(unreadable)");
    rows.push_back(std::move(row));
    for (const auto& p : v->parts)
      rows.push_back({"  part " + p.slice, "", ShapeText(p.shape),
                      Grouped(static_cast<int64_t>(p.bytes)), std::to_string(p.shard), ""});
    release();
  }
  if (!errors.empty()) {
    std::string more;
    if (errors.size() > 1)
      more = " (and " + std::to_string(errors.size() - 1) + " more unreadable tensor(s))";
    Diag(errors.front() + more);
  }
  if (!inv.json && !values) {
    PrintTable(rows);
    std::string object_graph;
    if (object_graph_bytes >= 0)
      object_graph = ", and the object graph (" + HumanBytes(object_graph_bytes) + ")";
    std::printf("%s variables, %s parameters, %s%s\n", Grouped(count).c_str(),
                Grouped(params).c_str(), HumanBytes(bytes).c_str(), object_graph.c_str());
    if (!match) {
      for (const auto& n : binding.missing_nodes)
        std::printf("graph variable '%s' has no checkpoint entry\n", n.c_str());
      for (const auto& k : unused)
        std::printf("checkpoint entry '%s' is restored by no graph variable\n", k.c_str());
    }
  }
  if (inv.json && !match) {
    for (const auto& n : binding.missing_nodes) JsonLine("unbound_variable").Str("node", n).Print();
    for (const auto& k : unused) JsonLine("unbound_entry").Str("name", k).Print();
  }
  return result;
}

}  // namespace tfgraph::cli
