// Text: UTF-8 decoding and terminal display widths, without the C locale.
//
// Node names are arbitrary bytes in practice (mostly ASCII, sometimes UTF-8,
// rarely garbage). Every place that puts text on a screen goes through
// ForEachGlyph, which splits valid UTF-8 into glyphs with their display
// width (0 for combining marks, 2 for East Asian wide and emoji, 1 otherwise)
// and turns control characters and invalid bytes into '?', so a name can
// never move the cursor or break the layout. Widths come from a fixed table,
// not wcwidth(), so headless screens are the same under any locale.
#ifndef TFGRAPH_TUI_TEXT_H_
#define TFGRAPH_TUI_TEXT_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace tfgraph::tui {

// Display width of one code point.
int CodePointWidth(uint32_t cp);

// Calls fn(glyph_bytes, width, byte_offset) for each glyph of text.
void ForEachGlyph(std::string_view text,
                  const std::function<void(std::string_view, int, size_t)>& fn);

// Display width of a whole string.
int DisplayWidth(std::string_view text);

// The longest prefix of text that fits in max_cols columns; when text is
// cut, its last column becomes '~' (tig's truncation delimiter).
std::string Truncate(std::string_view text, int max_cols);

// Left-aligns text in exactly `cols` columns (truncating or padding).
std::string PadRight(std::string_view text, int cols);

// Splits text into lines of at most `cols` columns, breaking at spaces
// where it can (a word longer than a line is cut).
std::vector<std::string> Wrap(std::string_view text, int cols);

// 1234567 -> "1,234,567".
std::string Thousands(uint64_t n);
// 1536 -> "1.5 KiB".
std::string HumanBytes(uint64_t n);

}  // namespace tfgraph::tui

#endif  // TFGRAPH_TUI_TEXT_H_
