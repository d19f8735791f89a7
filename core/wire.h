// Walking protobuf wire format by hand, without a schema.
//
// Used where parsing whole messages would cost too much or is not yet
// possible: telling model kinds apart by their top-level tags, and counting
// a million NodeDefs without building one. Every read is bounds-checked
// against the view; a malformed record ends the walk with ok() false, it
// never reads past the end.
#ifndef TFGRAPH_CORE_WIRE_H_
#define TFGRAPH_CORE_WIRE_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tfgraph {

// Reads a base-128 varint at *pos and advances it; false if it runs past
// the end of `d` or over 10 bytes.
bool ReadVarint(std::string_view d, size_t* pos, uint64_t* out);

// One record of a message: its field number, wire type and payload (the
// bytes of a length-delimited field; empty for the other wire types, whose
// varint value is in `value`).
struct WireField {
  uint32_t number = 0;
  int wire = 0;
  uint64_t value = 0;
  std::string_view payload;
};

// Iterates the records of one message:
//   WireReader r(bytes);
//   WireField f;
//   while (r.Next(&f)) { ... }
//   if (!r.ok()) { malformed }
class WireReader {
 public:
  explicit WireReader(std::string_view data) : data_(data) {}
  bool Next(WireField* field);
  bool ok() const { return ok_; }
  size_t offset() const { return pos_; }

 private:
  std::string_view data_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_WIRE_H_
