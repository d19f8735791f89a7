#include "cli/render.h"

#include <algorithm>
#include <map>

#include "core/attr_format.h"
#include "core/dtype.h"

namespace tfgraph::cli {

std::string DTypeText(tensorflow::DataType t) { return DataTypeName(t); }

JsonLine SignatureJson(const Signature& sig, const std::vector<std::string>& tags) {
  auto tensors = [](const std::vector<SignatureTensor>& ts) {
    std::vector<std::string> items;
    for (const auto& t : ts) {
      JsonObject o;
      o.Str("key", t.key);
      // Sparse and composite tensors have no single name (as in the proto).
      if (t.encoding.empty()) {
        o.Str("name", t.name);
      } else {
        o.Null("name");
      }
      o.Str("dtype", DTypeText(t.dtype));
      o.Raw("shape", JsonShape(t.shape));
      if (!t.encoding.empty()) {
        o.Str("encoding", t.encoding).Raw("components", JsonStringArray(t.components));
      }
      items.push_back(o.Render());
    }
    return JsonArray(items);
  };
  std::vector<std::string> sorted_tags(tags);
  std::sort(sorted_tags.begin(), sorted_tags.end());
  JsonLine j("signature");
  j.Raw("tags", JsonStringArray(sorted_tags));
  j.Str("key", sig.key).Str("method", sig.method);
  j.Raw("inputs", tensors(sig.inputs)).Raw("outputs", tensors(sig.outputs));
  return j;
}

void PrintSignature(const Signature& sig, const std::string& indent) {
  std::printf("%ssignature '%s'%s\n", indent.c_str(), sig.key.c_str(),
              sig.method.empty() ? "" : ("  (" + sig.method + ")").c_str());
  std::vector<std::vector<std::string>> rows;
  auto add = [&](const char* dir, const std::vector<SignatureTensor>& ts) {
    if (ts.empty()) rows.push_back({dir, "(none)"});
    for (size_t i = 0; i < ts.size(); ++i) {
      const auto& t = ts[i];
      std::string name = t.encoding.empty() ? t.name : t.encoding + " " + t.name;
      rows.push_back({i == 0 ? dir : "", t.key, name, DTypeText(t.dtype), FormatDims(t.shape)});
    }
  };
  add("inputs", sig.inputs);
  add("outputs", sig.outputs);
  PrintTable(rows, indent + "  ");
}

JsonLine NodeJson(const Graph& g, int node) {
  const auto* def = g.node(node).def;
  JsonLine j("node");
  j.Str("name", def->name()).Str("op", def->op()).Str("device", def->device());
  std::vector<std::string> inputs(def->input().begin(), def->input().end());
  j.Raw("inputs", JsonStringArray(inputs));
  return j;
}

std::string AttrJson(const tensorflow::AttrValue& v) {
  using tensorflow::AttrValue;
  switch (v.value_case()) {
    case AttrValue::kS: return JsonString(v.s());
    case AttrValue::kI: return std::to_string(v.i());
    case AttrValue::kF: return JsonNumber(v.f());
    case AttrValue::kB: return v.b() ? "true" : "false";
    case AttrValue::kType: return JsonString(DTypeText(v.type()));
    case AttrValue::kShape: return JsonShape(ShapeDims(v.shape()));
    case AttrValue::kTensor: {
      JsonObject o;
      o.Str("dtype", DTypeText(v.tensor().dtype()));
      o.Raw("shape", JsonShape(ShapeDims(v.tensor().tensor_shape())));
      o.Str("preview", FormatTensorPreview(v.tensor()));
      return o.Render();
    }
    case AttrValue::kPlaceholder: {
      JsonObject o;
      o.Str("placeholder", v.placeholder());
      return o.Render();
    }
    case AttrValue::kFunc: {
      JsonObject o, attrs;
      o.Str("func", v.func().name());
      std::map<std::string, const AttrValue*> sorted;
      for (const auto& [k, a] : v.func().attr()) sorted[k] = &a;
      for (const auto& [k, a] : sorted) attrs.Raw(k, AttrJson(*a));
      o.Raw("attrs", attrs.Render());
      return o.Render();
    }
    case AttrValue::kList: {
      const auto& l = v.list();
      std::vector<std::string> items;
      for (const auto& x : l.s()) items.push_back(JsonString(x));
      for (auto x : l.i()) items.push_back(std::to_string(x));
      for (auto x : l.f()) items.push_back(JsonNumber(x));
      for (auto x : l.b()) items.push_back(x ? "true" : "false");
      for (auto x : l.type()) items.push_back(JsonString(DTypeText(static_cast<tensorflow::DataType>(x))));
      for (const auto& x : l.shape()) items.push_back(JsonShape(ShapeDims(x)));
      for (const auto& x : l.tensor()) {
        AttrValue t;
        *t.mutable_tensor() = x;
        items.push_back(AttrJson(t));
      }
      for (const auto& x : l.func()) {
        AttrValue f;
        *f.mutable_func() = x;
        items.push_back(AttrJson(f));
      }
      return JsonArray(items);
    }
    case AttrValue::VALUE_NOT_SET: break;
  }
  return "null";
}

}  // namespace tfgraph::cli
