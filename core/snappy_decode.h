// A small, bounds-checked Snappy decompressor.
//
// LevelDB decompresses Snappy table blocks itself; we need our own decoder
// only to inspect a compressed *index* block before handing the file to
// LevelDB (to validate block handles, see core/sstable.h). It never writes
// or reads outside its buffers and refuses outputs larger than `max_size`.
#ifndef TFGRAPH_CORE_SNAPPY_DECODE_H_
#define TFGRAPH_CORE_SNAPPY_DECODE_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace tfgraph {

// The uncompressed length stored in the preamble; false if malformed.
bool SnappyUncompressedLength(std::string_view compressed, uint64_t* length);
bool SnappyDecompress(std::string_view compressed, uint64_t max_size, std::string* out);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_SNAPPY_DECODE_H_
