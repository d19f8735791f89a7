// Sniffing: what kind of file this is, from its first and last bytes.
//
// The model loader decides formats by content, not by extension, because
// users rename files (".pb" for text, ".h5f" for a TF checkpoint, no
// extension at all). SniffContent never fails and never parses a whole
// protobuf; it only tells apart the families the loader must route
// differently, and recognises common wrong files (HDF5, zip, TFLite, ONNX is
// not recognisable, Git LFS pointers) so that the error can say what the file
// is instead of a bare "parse error".
#ifndef TFGRAPH_CORE_SNIFF_H_
#define TFGRAPH_CORE_SNIFF_H_

#include <string>
#include <string_view>

namespace tfgraph {

enum class FileKind {
  kEmpty,          // 0 bytes
  kBlank,          // only whitespace (e.g. "\r\n": a mangled upload)
  kTable,          // LevelDB-format table: a checkpoint .index or a V1 checkpoint
  kTextProto,      // printable text (a .pbtxt or a checkpoint state file)
  kBinaryProto,    // anything else; might be a binary protobuf
  kGitLfsPointer,  // "version https://git-lfs.github.com/spec/v1 ..."
  kHdf5,           // Keras .h5
  kZip,            // Keras v3 .keras, or a zipped export
  kTfLite,         // FlatBuffer with the TFL3 identifier
};

FileKind SniffContent(std::string_view data);

// A short phrase for messages: "an HDF5 file (Keras .h5 weights)".
const char* FileKindDescription(FileKind kind);

// True if `data` is plausibly a protobuf text file: no NUL or other control
// bytes besides tab/CR/LF in the first 64 KiB, and it starts (after blanks
// and '#' comments) with an identifier character.
bool LooksLikeText(std::string_view data);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_SNIFF_H_
