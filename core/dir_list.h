// Directory listings for the loaders.
//
// ListDirectory returns the names (not paths) of a folder's entries, sorted
// bytewise, without "." and "..". Hidden names (".index" of a checkpoint saved
// with an empty basename) are included. A folder that cannot be read yields
// an IOError naming it.
#ifndef TFGRAPH_CORE_DIR_LIST_H_
#define TFGRAPH_CORE_DIR_LIST_H_

#include <string>
#include <vector>

#include "core/status.h"

namespace tfgraph {

StatusOr<std::vector<std::string>> ListDirectory(const std::string& dir);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_DIR_LIST_H_
