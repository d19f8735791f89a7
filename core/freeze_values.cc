#include "core/freeze_values.h"

#include <utility>

#include "core/checkpoint_reader.h"

namespace tfgraph {
namespace {

class CheckpointStore : public VariableStore {
 public:
  explicit CheckpointStore(std::shared_ptr<CheckpointReader> reader)
      : reader_(std::move(reader)) {}

  std::string Describe() const override { return reader_->prefix(); }

  std::optional<Entry> Find(std::string_view key) const override {
    const CheckpointVariable* v = reader_->Find(key);
    if (v == nullptr) return std::nullopt;
    Entry e;
    e.dtype = v->dtype;
    e.shape = v->shape;
    e.bytes = v->bytes;
    return e;
  }

  StatusOr<Tensor> Read(std::string_view key) const override { return reader_->Read(key); }

  std::vector<std::string> Keys() const override {
    std::vector<std::string> keys;
    keys.reserve(reader_->variables().size());
    for (const auto& v : reader_->variables()) keys.push_back(v.name);
    return keys;
  }

  StatusOr<std::shared_ptr<const ObjectGraphInfo>> ObjectGraph() const override {
    if (!reader_->has_object_graph()) return std::shared_ptr<const ObjectGraphInfo>();
    return reader_->ObjectGraph();
  }

 private:
  std::shared_ptr<CheckpointReader> reader_;
};

}  // namespace

std::unique_ptr<VariableStore> MakeCheckpointStore(std::shared_ptr<CheckpointReader> reader) {
  return std::make_unique<CheckpointStore>(std::move(reader));
}

std::optional<VariableStore::Entry> MemoryStore::Find(std::string_view key) const {
  auto it = tensors_.find(key);
  if (it == tensors_.end()) return std::nullopt;
  Entry e;
  e.dtype = it->second.dtype();
  e.shape = it->second.dims();
  e.bytes = it->second.is_string_like() ? 0 : it->second.bytes().size();
  if (it->second.is_string_like())
    for (const auto& s : it->second.strings()) e.bytes += s.size();
  return e;
}

StatusOr<Tensor> MemoryStore::Read(std::string_view key) const {
  auto it = tensors_.find(key);
  if (it == tensors_.end()) return Status::NotFound(name_ + ": no tensor '" + std::string(key) + "'");
  return it->second;
}

std::vector<std::string> MemoryStore::Keys() const {
  std::vector<std::string> keys;
  for (const auto& [k, v] : tensors_) keys.push_back(k);
  return keys;
}

StatusOr<ShapeAndSlice> ParseShapeAndSlice(std::string_view text) {
  ShapeAndSlice r;
  // Trim.
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return r;
  std::vector<std::string_view> parts;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t sp = text.find(' ', pos);
    if (sp == std::string_view::npos) sp = text.size();
    if (sp > pos) parts.push_back(text.substr(pos, sp - pos));
    pos = sp + 1;
  }
  if (parts.size() < 2)
    return Status::Corruption("shape_and_slices entry '" + std::string(text) +
                              "' has no slice after the shape");
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    int64_t d = 0;
    for (char c : parts[i]) {
      if (c < '0' || c > '9')
        return Status::Corruption("shape_and_slices entry '" + std::string(text) +
                                  "': bad dimension '" + std::string(parts[i]) + "'");
      d = d * 10 + (c - '0');
    }
    r.full_shape.push_back(d);
  }
  TFG_ASSIGN_OR_RETURN(r.slice, TensorSlice::Parse(parts.back()));
  if (r.slice.extents.size() != r.full_shape.size())
    return Status::Corruption("shape_and_slices entry '" + std::string(text) +
                              "': slice rank differs from shape rank");
  r.sliced = true;
  return r;
}

}  // namespace tfgraph
