// tfgraph sigs MODEL: every MetaGraph's tag-set and signatures.
#include <cstdio>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/render.h"

namespace tfgraph::cli {

int RunSigs(const Invocation& inv) {
  int code;
  auto model = LoadModelForCommand(inv, &code);
  if (!model) return code;

  struct Block {
    std::vector<std::string> tags;
    std::vector<Signature> sigs;
  };
  std::vector<Block> blocks;
  if (model->saved_model() && !inv.args.Has("tag-set")) {
    for (const auto& mg : model->saved_model()->meta_graphs()) {
      const auto& t = mg.meta_info_def().tags();
      blocks.push_back({std::vector<std::string>(t.begin(), t.end()), SignaturesOf(mg, true)});
    }
  } else if (model->meta_graph()) {
    const auto& t = model->meta_graph()->meta_info_def().tags();
    blocks.push_back({std::vector<std::string>(t.begin(), t.end()),
                      SignaturesOf(*model->meta_graph(), true)});
  }
  if (blocks.empty() && !inv.json) {
    std::printf("(no signatures: a %s has no MetaGraph)\n", FormatName(model->format()));
  }
  for (const auto& b : blocks) {
    std::string tags;
    for (const auto& t : b.tags) tags += (tags.empty() ? "" : ",") + t;
    if (inv.json) {
      for (const auto& s : b.sigs) SignatureJson(s, b.tags).Print();
      continue;
    }
    std::printf("tag-set '%s'%s\n", tags.c_str(), b.sigs.empty() ? ": no signatures" : "");
    for (const auto& s : b.sigs) PrintSignature(s, "  ");
  }
  return kExitOk;
}

}  // namespace tfgraph::cli
