// The one command table, and the model loading every command shares.
#include "cli/commands.h"

#include "cli/exit_codes.h"
#include "cli/output.h"

namespace tfgraph::cli {

const std::vector<FlagSpec>& GlobalFlags() {
  static const std::vector<FlagSpec> flags = {
      {"json", nullptr, "print JSON Lines (one object per line, each with a \"type\")"},
      {"tag-set", "TAGS", "SavedModel MetaGraph to use, comma-separated (default: serve)"},
      {"checkpoint", "PREFIX", "checkpoint to pair with a GraphDef or .meta file"},
      {"help", nullptr, "show this help"},
  };
  return flags;
}

const std::vector<Command>& Commands() {
  static const std::vector<Command> commands = {
      {"info", "info MODEL", "summary: format, versions, signatures, ops, variables, candidates",
       "Prints what the model is (format, TensorFlow version and graph producer, tag-sets),\n"
       "its signatures with their tensors, node and function counts, an op histogram, the\n"
       "variables (count, parameters, bytes) when known, the ranked input and output\n"
       "candidates (what to pass as input/output names to freeze or export), and any\n"
       "problems found while loading.",
       {}, 1, 1, RunInfo},
      {"nodes", "nodes MODEL [--match RE] [--op RE] [--function NAME]",
       "list nodes (name, op, device, inputs), filtered by regular expressions",
       "Lists the nodes of the main graph, or of a library function's body with\n"
       "--function, in graph order. --match keeps nodes whose name matches RE, --op those\n"
       "whose op matches RE (RE2 syntax, unanchored: use ^...$ for a full match).",
       {{"match", "RE", "keep nodes whose name matches RE"},
        {"op", "RE", "keep nodes whose op matches RE"},
        {"function", "NAME", "list the body of library function NAME"}},
       1, 1, RunNodes},
      {"node", "node MODEL NAME [--function NAME]",
       "one node in full: op, device, decoded attrs, inputs, consumers",
       "Shows one node: op, device, every attr decoded (dtype names, shapes, lists, tensor\n"
       "previews), its inputs and the nodes that consume it. NAME may be written as\n"
       "'name', 'name:0', '^name' or with an 'import/' prefix. Unknown names get\n"
       "suggestions.",
       {{"function", "NAME", "look NAME up in the body of library function NAME"}}, 2, 2,
       RunNode},
      {"sigs", "sigs MODEL", "signatures of every MetaGraph (like saved_model_cli show --all)",
       "Prints every MetaGraph's tag-set and its SignatureDefs: key, method, and each input\n"
       "and output with its tensor name, dtype and shape. Works on SavedModels, .meta files\n"
       "and SessionBundles; a plain GraphDef has no signatures.",
       {}, 1, 1, RunSigs},
      {"vars", "vars MODEL|PREFIX [--match RE] [--stats] [--values]",
       "checkpoint variables: name, dtype, shape, bytes, shard, graph node; stats, values",
       "Lists the variables of the model's checkpoint (or of a checkpoint given by prefix,\n"
       ".index/.data file, or folder with a `checkpoint` state file): name, dtype, shape,\n"
       "stored bytes, data shard, and the graph node restored from it. Partitioned\n"
       "variables are one row with their parts below. TF2 checkpoints show object paths\n"
       "and which variable each optimizer slot belongs to. Listing reads only the .index\n"
       "(and, for TF2, the small object graph). Without --match, graph variables with no\n"
       "checkpoint entry and entries no graph variable restores are listed at the end.\n"
       "--stats adds min, max, mean, std and NaN/Inf counts (over finite values);\n"
       "--values prints every value, never truncated. Each tensor's checksum is verified\n"
       "when it is read; damaged tensors are reported one line each (exit 3).",
       {{"match", "RE", "keep variables whose name matches RE"},
        {"stats", nullptr, "add min, max, mean, std, NaN and Inf counts"},
        {"values", nullptr, "print every value in full"}},
       1, 1, RunVars},
      {"tensor", "tensor MODEL NAME [--npy FILE] [--stats] [--force]",
       "one checkpoint tensor in full, or as a .npy file",
       "Prints one tensor of the checkpoint in full (never truncated), or with --npy\n"
       "writes it as a .npy file that numpy loads with identical bytes ('-' for stdout).\n"
       "NAME is a checkpoint key, the graph variable restored from it, or a TF2 object\n"
       "path. bfloat16 is written as '<V2' (raw 2-byte values; view with ml_dtypes) and\n"
       "strings as fixed-width bytes 'S<n>' (numpy drops trailing NUL bytes).",
       {{"npy", "FILE", "write the tensor as .npy ('-' for stdout)"},
        {"stats", nullptr, "print min, max, mean, std, NaN and Inf counts first"},
        {"force", nullptr, "overwrite FILE if it exists"}},
       2, 2, RunTensor},
      {"pick", "pick MODEL [--format args|names|tensors]",
       "pick inputs and outputs in the UI; print them when it closes",
       "Runs the interactive UI on MODEL and, when it closes, prints the tensors picked\n"
       "with o (outputs) and i (inputs) on stdout, for the shell:\n"
       "  tfgraph freeze MODEL $(tfgraph pick MODEL) -o frozen.pb\n"
       "--format args prints '--outputs a,b --inputs x:0' (the default), names prints the\n"
       "output node names 'a,b', tensors prints 'a:0,b:0'.",
       PickFlags(), 1, 1, RunPick},
      {"freeze",
       "freeze MODEL --outputs A[,B...] [--inputs X[:dtype[:shape]],...] [-o OUT.pb|OUT.pbtxt]",
       "variables to constants, pruned to the outputs: one self-contained GraphDef",
       "Writes one frozen GraphDef: the variables the outputs need become constants holding\n"
       "exactly the checkpoint's bytes, and only what the outputs need is kept (training,\n"
       "saver, summaries and initializers go). TF2 SavedModels are frozen by inlining their\n"
       "function calls; If/While/Case functions that read variables are converted too.\n"
       "Names may be node or tensor names ('logits', 'logits:0'); unknown names fail before\n"
       "any work, with suggestions. --inputs cuts the graph: the named tensor becomes a\n"
       "Placeholder (dtype and shape from the graph unless given, e.g. 'images:uint8:[?,224,\n"
       "224,3]') and nothing upstream of it is kept. --const bakes a placeholder into a\n"
       "constant (is_training=false, keep_prob=1.0). The output is written atomically and an\n"
       "existing file is never replaced without --force; .pbtxt/.txt writes text. The result\n"
       "is validated (every input resolves, dtypes agree, no variable op or function call\n"
       "left); a failure exits 6, as does a graph over the 2 GB protobuf limit (use\n"
       "`tfgraph export` then). Prints the feed and fetch tensor names to use.",
       {{"outputs", "A[,B...]", "tensors or nodes to keep (default: the --signature's outputs)",
         true},
        {"inputs", "X[:dtype[:shape]]", "cut the graph here (placeholders), e.g. x:float32:[?,4]",
         true},
        {"output", "OUT", "where to write (-o; default: <model>.frozen.pb here)"},
        {"signature", "KEY", "take inputs and outputs from this SavedModel signature"},
        {"const", "NAME=VALUE", "bake placeholder NAME into a constant", true},
        {"clear-devices", nullptr, "remove device placements"},
        {"ema", nullptr, "freeze ExponentialMovingAverage shadow values when present"},
        {"force", nullptr, "replace OUT if it exists"}},
       1, 1, RunFreeze},
      {"export",
       "export MODEL -o DIR [--signature KEY] --inputs [KEY=]TENSOR[,...] --outputs "
       "[KEY=]TENSOR[,...] [--method predict|classify|regress] [--tags serve[,...]] [--version N] "
       "[--rename-signature OLD=NEW] [--drop-signature KEY] [--frozen] [--all-variables] [--force]",
       "write a SavedModel with signatures (for TF Serving, SageMaker, TF's loaders)",
       "Writes a SavedModel folder from a frozen GraphDef, a TF1 .meta + checkpoint (the\n"
       "graph keeps its variables; variables/ gets what the signatures need, or all with\n"
       "--all-variables) or an existing SavedModel (add, rename, drop or replace\n"
       "signatures; change tags; everything else is kept).\n\n"
       "--frozen freezes the model first (as 'tfgraph freeze' does, keeping what the\n"
       "signatures need) and writes a variable-free SavedModel; from a SavedModel its own\n"
       "signatures are kept (after --drop-signature and --rename-signature) with those given.\n\n"
       "Signatures: --inputs/--outputs list [KEY=]TENSOR[@DTYPE] items; KEY defaults to the\n"
       "node name, @DTYPE (e.g. @float32) is checked against the graph. '--signature KEY'\n"
       "opens a signature group: --inputs, --outputs and --method that follow belong to it,\n"
       "and those given before the first --signature belong to the first group. A group\n"
       "without --signature is 'serving_default'. Example with two signatures:\n"
       "  tfgraph export ckpt/ -o out --inputs x --outputs probs \\\n"
       "      --signature classify --method classify --inputs inputs=ex --outputs scores=s\n\n"
       "Checks before anything is written (one line each): at least one tag; every tensor\n"
       "exists (with suggestions); stated dtypes match; every output reachable from the\n"
       "inputs and no unfed placeholder needed; classify/regress conventions; every variable\n"
       "a signature needs present in the checkpoint. Output goes to a temporary folder\n"
       "renamed into place; --version N writes DIR/N (TF Serving / SageMaker layout). An\n"
       "existing folder is replaced only with --force. Afterwards the result is shown like\n"
       "'saved_model_cli show --all', with the tensor names a client feeds and fetches.\n\n"
       "Exit status: 2 bad option or dtype, 3 unreadable model, 4 tensor/signature/checkpoint\n"
       "entry not found, 5 output exists or cannot be written, 6 a graph check failed.",
       {{"output", "DIR", "the SavedModel folder to write (also -o)"},
        {"signature", "KEY", "open a signature group with this key (default serving_default)",
         true},
        {"inputs", "LIST", "signature inputs: [KEY=]TENSOR[@DTYPE],...", true},
        {"outputs", "LIST", "signature outputs: [KEY=]TENSOR[@DTYPE],...", true},
        {"method", "M", "predict, classify, regress or a full method name", true},
        {"tags", "TAGS", "tag-set of the written MetaGraph (default serve)"},
        {"version", "N", "write DIR/N, the layout TF Serving and SageMaker expect"},
        {"rename-signature", "OLD=NEW", "rename an existing signature", true},
        {"drop-signature", "KEY", "remove an existing signature", true},
        {"frozen", nullptr, "freeze first and export the frozen graph"},
        {"all-variables", nullptr, "export every variable, not only what signatures need"},
        {"force", nullptr, "replace an existing output folder"}},
       1, 1, RunExport},
      {"unfreeze", "unfreeze FROZEN.pb -o DIR [--min-bytes N] [--force]",
       "turn a frozen graph's large constants back into variables + a checkpoint",
       "Rewrites every floating-point Const of at least --min-bytes bytes (default 1024)\n"
       "into a resource variable with the Const's name (consumers are unchanged) and\n"
       "writes DIR/model.ckpt.{meta,index,data-00000-of-00001} and DIR/checkpoint: a TF1\n"
       "checkpoint that TensorFlow can restore and train, and that 'tfgraph export' turns\n"
       "into an unfrozen SavedModel.",
       {{"output", "DIR", "the checkpoint folder to write (also -o)"},
        {"min-bytes", "N", "smallest constant (bytes) to turn into a variable (default 1024)"},
        {"force", nullptr, "replace an existing output folder"}},
       1, 1, RunUnfreeze},
  };
  return commands;
}

std::unique_ptr<Model> LoadModelForCommand(const Invocation& inv, int* exit_code,
                                           bool quiet_warnings, bool background_index) {
  const std::string& path = inv.args.positional().at(0);
  LoadOptions options;
  options.tag_set = inv.args.Get("tag-set");
  options.checkpoint = inv.args.Get("checkpoint");
  options.background_index = background_index;
  auto model = Model::Load(path, options);
  if (!model.ok()) {
    Diag(model.status().message());
    *exit_code = ExitCodeFor(model.status());
    return nullptr;
  }
  if (!quiet_warnings) {
    for (const auto& w : (*model)->warnings()) DeferWarning(path, w);
  }
  *exit_code = kExitOk;
  return std::move(model).value();
}

}  // namespace tfgraph::cli
