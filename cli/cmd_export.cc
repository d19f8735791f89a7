// tfgraph export MODEL ... -o DIR   and   tfgraph unfreeze FROZEN.pb -o DIR
//
// export: builds ExportOptions from the command line (signature groups in
// command-line order, see core/export_spec.h), with --frozen freezes the
// model first (core/export_frozen.h), plans (every check, nothing written),
// writes, then prints the result as `saved_model_cli show --all`
// would and the names a TF1 client feeds and fetches.
// unfreeze: core/unfreeze.h, then a summary of the checkpoint written.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/output.h"
#include "cli/render.h"
#include "core/export.h"
#include "core/export_frozen.h"
#include "core/mapped_file.h"
#include "core/unfreeze.h"

namespace tfgraph::cli {
namespace {

int Fail(const Status& s) {
  Diag(s.message());
  return ExitCodeFor(s);
}

// "tfgraph: FILE: PROBLEM": a problem found in the model (a signature that
// does not fit the graph, say) names the model, unless it names a file
// already or is about the output (which names the output).
Status NamingModel(const Status& s, const std::string& model_path) {
  if (s.code() == Status::Code::kAlreadyExists || s.code() == Status::Code::kWriteFailed ||
      s.message().rfind(model_path, 0) == 0 || s.message().rfind('/', 0) == 0)
    return s;
  return s.WithPrefix(model_path);
}

StatusOr<int64_t> ParseCount(const std::string& flag, const std::string& text) {
  if (text.empty() || text.size() > 18 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return Status::InvalidArgument("--" + flag + " needs a non-negative integer, not '" + text +
                                   "'");
  }
  return static_cast<int64_t>(std::stoll(text));
}

const char* VariablesModeName(ExportPlan::VariablesMode m) {
  switch (m) {
    case ExportPlan::VariablesMode::kNone: return "none";
    case ExportPlan::VariablesMode::kCopyDir: return "copied";
    case ExportPlan::VariablesMode::kCopyBundle: return "copied";
    case ExportPlan::VariablesMode::kWriteBundle: return "written";
  }
  return "none";
}

}  // namespace

int RunExport(const Invocation& inv) {
  const Args& args = inv.args;
  ExportOptions options;
  options.output_dir = args.Get("output");
  if (options.output_dir.empty()) {
    Diag("export: missing -o DIR (the SavedModel folder to write)");
    return kExitUsage;
  }
  std::vector<OrderedFlag> ordered;
  for (const auto& [name, value] : args.ordered()) {
    if (name == "signature" || name == "inputs" || name == "outputs" || name == "method") {
      ordered.emplace_back(name, value);
    }
  }
  if (!ordered.empty()) {
    auto groups = GroupSignatures(ordered);
    if (!groups.ok()) return Fail(groups.status().WithPrefix("export"));
    options.signatures = std::move(groups).value();
  }
  if (args.Has("tags")) {
    options.tags = args.GetList("tags");
    if (options.tags.empty()) {
      Diag("export: --tags needs at least one tag (TF Serving loads 'serve')");
      return kExitUsage;
    }
  }
  for (const auto& r : args.GetList("rename-signature")) {
    auto rename = ParseRename(r);
    if (!rename.ok()) return Fail(rename.status().WithPrefix("export: --rename-signature"));
    options.renames.push_back(*rename);
  }
  options.drop_signatures = args.GetList("drop-signature");
  if (args.Has("version")) {
    auto v = ParseCount("version", args.Get("version"));
    if (!v.ok()) return Fail(v.status().WithPrefix("export"));
    options.version = *v;
  }
  options.all_variables = args.Has("all-variables");
  options.force = args.Has("force");
  const bool frozen = args.Has("frozen");
  if (frozen && options.all_variables) {
    // A frozen export has no variables/ at all; silently ignoring the flag
    // would hide a mistaken expectation.
    Diag("export: --all-variables and --frozen exclude each other (a frozen export has no "
         "variables)");
    return kExitUsage;
  }
  // Checked before the (possibly long) load and freeze; PlanExport checks again.
  const std::string dest = options.version
                               ? JoinPath(options.output_dir, std::to_string(*options.version))
                               : options.output_dir;
  if (!options.force && PathExists(dest)) {
    return Fail(Status::AlreadyExists(dest + ": already exists (use --force to replace it)"));
  }

  int code;
  ReportProgress(0, "loading the model");
  auto model = LoadModelForCommand(inv, &code);
  if (!model) return code;
  ReportProgress(20, "planning the export");
  FrozenSource frozen_source;
  StatusOr<ExportSource> source = Status::Internal("no source");
  if (frozen) {
    auto f = FreezeForExport(*model, &options);
    if (!f.ok()) return Fail(NamingModel(f.status(), model->path()));
    frozen_source = std::move(f).value();
    source = frozen_source.source;
  } else {
    source = ExportSourceFromModel(*model);
  }
  if (!source.ok()) return Fail(NamingModel(source.status(), model->path()));
  auto plan = PlanExport(*source, options);
  if (!plan.ok()) return Fail(NamingModel(plan.status(), model->path()));
  plan->notes.insert(plan->notes.begin(), frozen_source.notes.begin(), frozen_source.notes.end());
  plan->warnings.insert(plan->warnings.begin(), frozen_source.warnings.begin(),
                        frozen_source.warnings.end());
  ReportProgress(50, "writing " + plan->destination);
  Status written = WriteExport(*plan, options.force);
  if (!written.ok()) return Fail(written);
  ReportProgress(100, "wrote " + plan->destination);

  const auto& mg = plan->saved_model.meta_graphs(plan->meta_graph_index);
  std::vector<std::string> tags(mg.meta_info_def().tags().begin(), mg.meta_info_def().tags().end());
  if (inv.json) {
    JsonLine rec("export");
    rec.Str("path", plan->destination)
        .Raw("tags", JsonStringArray(tags))
        .Str("variables", VariablesModeName(plan->variables_mode))
        .Int("variables_restored", static_cast<int64_t>(plan->variables.size()))
        .Int("assets", static_cast<int64_t>(plan->assets.size()))
        .Bool("saver", mg.has_saver_def());
    rec.Print();
    for (const auto& s : SignaturesOf(mg)) SignatureJson(s, tags).Print();
    for (const auto& n : plan->notes) JsonLine("note").Str("message", n).Print();
    for (const auto& w : plan->warnings) JsonLine("warning").Str("message", w).Print();
    return kExitOk;
  }
  for (const auto& w : plan->warnings) DiagWarning(plan->destination, w);
  for (const auto& n : plan->notes) std::printf("%s\n", n.c_str());
  std::printf("wrote SavedModel %s\n", plan->destination.c_str());
  std::printf("%s\n", ShowAll(plan->saved_model).c_str());
  std::printf("%s", ClientNames(mg).c_str());
  return kExitOk;
}

int RunUnfreeze(const Invocation& inv) {
  const Args& args = inv.args;
  std::string out = args.Get("output");
  if (out.empty()) {
    Diag("unfreeze: missing -o DIR (the checkpoint folder to write)");
    return kExitUsage;
  }
  UnfreezeOptions options;
  if (args.Has("min-bytes")) {
    auto v = ParseCount("min-bytes", args.Get("min-bytes"));
    if (!v.ok()) return Fail(v.status().WithPrefix("unfreeze"));
    options.min_bytes = static_cast<uint64_t>(*v);
  }
  bool force = args.Has("force");
  if (PathExists(out) && !force) {
    return Fail(Status::AlreadyExists(out + ": already exists (use --force to replace it)"));
  }
  int code;
  auto model = LoadModelForCommand(inv, &code);
  if (!model) return code;
  if (model->format() != ModelFormat::kGraphDef && model->format() != ModelFormat::kGraphDefText) {
    return Fail(Status::InvalidArgument(model->path() + ": unfreeze takes a frozen GraphDef "
                                        "(.pb/.pbtxt), not a " + FormatName(model->format())));
  }
  auto result = Unfreeze(model->graph_def(), options);
  if (!result.ok()) return Fail(result.status().WithPrefix(model->path()));
  Status s = WriteUnfrozen(*result, out, force);
  if (!s.ok()) return Fail(s);
  const std::string prefix = JoinPath(out, kUnfrozenPrefix);
  if (inv.json) {
    JsonLine("unfreeze")
        .Str("path", out)
        .Str("checkpoint", prefix)
        .Str("meta_graph", prefix + ".meta")
        .Int("variables", static_cast<int64_t>(result->values.size()))
        .Int("bytes", static_cast<int64_t>(result->bytes))
        .Int("kept_constants", result->kept_consts)
        .Print();
    for (const auto& [key, value] : result->values) {
      JsonLine("variable")
          .Str("name", key)
          .Str("dtype", DTypeText(value.dtype()))
          .Raw("shape", JsonShape(value.dims()))
          .Print();
    }
    return kExitOk;
  }
  for (const auto& n : result->notes) std::printf("%s\n", n.c_str());
  std::printf("wrote checkpoint %s (.meta, .index, .data-00000-of-00001) and %s\n", prefix.c_str(),
              JoinPath(out, "checkpoint").c_str());
  std::printf("export it with: tfgraph export %s --inputs ... --outputs ... -o SAVED_MODEL_DIR\n",
              out.c_str());
  return kExitOk;
}

}  // namespace tfgraph::cli
