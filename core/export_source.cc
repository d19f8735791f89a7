// ExportSourceFromModel (see core/export.h): what export reads, from a Model.
#include "core/checkpoint_reader.h"
#include "core/export.h"
#include "core/mapped_file.h"
#include "core/model.h"

namespace tfgraph {

StatusOr<ExportSource> ExportSourceFromModel(const Model& model) {
  ExportSource s;
  s.path = model.path();
  s.graph = &model.graph_def();
  s.meta_graph = model.meta_graph();
  s.model_dir = Dirname(model.graph_path().empty() ? model.path() : model.graph_path());
  switch (model.format()) {
    case ModelFormat::kGraphDef:
    case ModelFormat::kGraphDefText:
      s.kind = ExportSource::Kind::kGraphDef;
      s.meta_graph = nullptr;
      break;
    case ModelFormat::kMetaGraph:
    case ModelFormat::kCheckpoint:
    case ModelFormat::kSessionBundle:
      s.kind = ExportSource::Kind::kMetaGraph;
      break;
    case ModelFormat::kSavedModel: {
      s.kind = ExportSource::Kind::kSavedModel;
      s.saved_model = model.saved_model();
      s.export_dir = model.export_dir();
      s.meta_graph_index = -1;
      for (int i = 0; s.saved_model && i < s.saved_model->meta_graphs_size(); ++i) {
        if (&s.saved_model->meta_graphs(i) == model.meta_graph()) s.meta_graph_index = i;
      }
      if (s.saved_model == nullptr || s.meta_graph_index < 0 || s.export_dir.empty()) {
        return Status::Internal(model.path() + ": SavedModel without its selected MetaGraph");
      }
      break;
    }
    case ModelFormat::kCheckpointOnly:
      return Status::Unsupported(model.path() + ": a checkpoint without a graph cannot be "
                                 "exported; give its .meta file (or a GraphDef with "
                                 "--checkpoint)");
  }
  if (s.kind != ExportSource::Kind::kSavedModel && !model.checkpoint_prefix().empty()) {
    TFG_ASSIGN_OR_RETURN(s.checkpoint, model.checkpoint());
  }
  return s;
}

}  // namespace tfgraph
