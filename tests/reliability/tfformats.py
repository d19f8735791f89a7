"""Just enough of TensorFlow's file formats, in plain Python, to damage them on purpose.

The corruption suite (test_corruption.py) needs to know where the parts of a
file are (a table's footer, index block, data blocks and their CRCs; a bundle
entry's byte range) to aim bit flips and wrong checksums at them, and to build
small crafted files (a checkpoint entry claiming 2^40 elements, a GraphDef
whose function calls itself). scripts/fuzz_seeds.sh uses it to pull the TF2
object graph out of real checkpoints as fuzz seeds. Standard library only: no
TensorFlow, no protobuf package, so it also runs outside the TF venv.

Facts (field numbers, block layout, CRC masking) are from
shared/docs/tf-formats.md.

    python3 tfformats.py object-graph PREFIX OUT   # writes the raw object graph bytes
"""

import struct
import sys

# --- CRC-32C ---------------------------------------------------------------

def _crc_table():
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


_CRC_TABLE = _crc_table()


def crc32c(data, crc=0):
    crc ^= 0xFFFFFFFF
    for b in data:
        crc = _CRC_TABLE[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def mask_crc(crc):
    return ((((crc >> 15) | (crc << 17)) & 0xFFFFFFFF) + 0xA282EAD8) & 0xFFFFFFFF


# --- varints and protobuf wire format -----------------------------------------

def varint(n):
    if n < 0:
        n += 1 << 64
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def read_varint(data, pos):
    result = shift = 0
    while True:
        if pos >= len(data) or shift > 63:
            raise ValueError("truncated varint")
        b = data[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return result, pos


def pb_varint(field, value):
    return varint(field << 3) + varint(value)


def pb_bytes(field, value):
    if isinstance(value, str):
        value = value.encode()
    return varint((field << 3) | 2) + varint(len(value)) + value


def pb_fixed32(field, value):
    return varint((field << 3) | 5) + struct.pack("<I", value)


def pb_fields(data):
    """(field, wire_type, value) of a serialized message; bytes for length-delimited."""
    pos = 0
    while pos < len(data):
        key, pos = read_varint(data, pos)
        field, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = read_varint(data, pos)
        elif wire == 1:
            value = data[pos:pos + 8]
            pos += 8
        elif wire == 2:
            n, pos = read_varint(data, pos)
            value = data[pos:pos + n]
            pos += n
        elif wire == 5:
            value = data[pos:pos + 4]
            pos += 4
        else:
            raise ValueError(f"wire type {wire}")
        yield field, wire, value


# --- TensorShapeProto, BundleEntryProto, BundleHeaderProto ----------------------

def shape_proto(dims):
    return b"".join(pb_bytes(2, pb_varint(1, d)) for d in dims)


def bundle_header(num_shards=1):
    # num_shards = 1, endianness = 0 (LITTLE, omitted), version {producer: 1}
    return pb_varint(1, num_shards) + pb_bytes(3, pb_varint(1, 1))


def bundle_entry(dtype, dims, offset, size, crc, shard=0):
    out = pb_varint(1, dtype) + pb_bytes(2, shape_proto(dims))
    if shard:
        out += pb_varint(3, shard)
    if offset:
        out += pb_varint(4, offset)
    out += pb_varint(5, size) + pb_fixed32(6, crc)
    return out


def parse_bundle_entry(data):
    entry = {"dtype": 0, "shard": 0, "offset": 0, "size": 0, "crc": 0}
    for field, _, value in pb_fields(data):
        if field == 1:
            entry["dtype"] = value
        elif field == 3:
            entry["shard"] = value
        elif field == 4:
            entry["offset"] = value
        elif field == 5:
            entry["size"] = value
        elif field == 6:
            entry["crc"] = struct.unpack("<I", value)[0]
    return entry


# --- LevelDB tables ---------------------------------------------------------

TABLE_MAGIC = bytes.fromhex("57fb808b247547db")
FOOTER_SIZE = 48
TRAILER_SIZE = 5  # compression type byte + masked CRC


def is_table(data):
    return len(data) >= FOOTER_SIZE and data[-8:] == TABLE_MAGIC


def _block_entries(block):
    """(key, value) pairs of an uncompressed block (without its trailer)."""
    if len(block) < 4:
        raise ValueError("short block")
    num_restarts = struct.unpack("<I", block[-4:])[0]
    limit = len(block) - 4 - 4 * num_restarts
    if limit < 0:
        raise ValueError("bad restart count")
    pos, key = 0, b""
    while pos < limit:
        shared, pos = read_varint(block, pos)
        unshared, pos = read_varint(block, pos)
        vlen, pos = read_varint(block, pos)
        key = key[:shared] + block[pos:pos + unshared]
        pos += unshared
        yield key, block[pos:pos + vlen]
        pos += vlen


class Table:
    """The layout of an uncompressed-index table: where each block and CRC is."""

    def __init__(self, data):
        if not is_table(data):
            raise ValueError("not a table")
        footer = data[-FOOTER_SIZE:]
        pos = 0
        self.metaindex_offset, pos = read_varint(footer, pos)
        self.metaindex_size, pos = read_varint(footer, pos)
        self.index_offset, pos = read_varint(footer, pos)
        self.index_size, pos = read_varint(footer, pos)
        self.footer_offset = len(data) - FOOTER_SIZE
        end = self.index_offset + self.index_size
        if data[end] != 0:
            raise ValueError("compressed index block")
        self.data_blocks = []  # (offset, size)
        for _, handle in _block_entries(data[self.index_offset:end]):
            off, p = read_varint(handle, 0)
            size, _ = read_varint(handle, p)
            self.data_blocks.append((off, size))
        self.data = data

    def block_crc_offsets(self):
        """File offsets of the 4-byte CRC of every block (data, metaindex, index)."""
        blocks = self.data_blocks + [(self.metaindex_offset, self.metaindex_size),
                                     (self.index_offset, self.index_size)]
        return [off + size + 1 for off, size in blocks]

    def entries(self):
        """Every (key, value) in the table; data blocks must be uncompressed."""
        for off, size in self.data_blocks:
            if self.data[off + size] != 0:
                raise ValueError("compressed data block")
            yield from _block_entries(self.data[off:off + size])


def _block(entries):
    out = bytearray()
    restarts = []
    for key, value in entries:  # restart interval 1: every key whole
        restarts.append(len(out))
        out += varint(0) + varint(len(key)) + varint(len(value)) + key + value
    if not restarts:
        restarts = [0]
    for r in restarts:
        out += struct.pack("<I", r)
    out += struct.pack("<I", len(restarts))
    return bytes(out)


def build_table(entries):
    """A table of (key, value) pairs (keys sorted bytewise), one data block, no compression."""
    out = bytearray()

    def put(block):
        off = len(out)
        out.extend(block)
        out.append(0)
        out.extend(struct.pack("<I", mask_crc(crc32c(block + b"\x00"))))
        return varint(off) + varint(len(block))

    entries = sorted(entries)
    data_handle = put(_block(entries))
    meta_handle = put(_block([]))
    last = entries[-1][0] if entries else b""
    index_handle = put(_block([(last + b"\xff", data_handle)]))
    footer = meta_handle + index_handle
    footer += b"\x00" * (40 - len(footer)) + TABLE_MAGIC
    out.extend(footer)
    return bytes(out)


def build_checkpoint(tensors, num_shards=1):
    """(index bytes, data bytes) of a one-shard V2 checkpoint.

    tensors: list of (name, dtype enum, dims, raw bytes, overrides) where
    overrides may set "size", "offset" or "crc" (the stored, masked value) to lie
    about the entry.
    """
    data = bytearray()
    entries = [(b"", bundle_header(num_shards))]
    for name, dtype, dims, raw, over in tensors:
        entry = dict(offset=len(data), size=len(raw), crc=mask_crc(crc32c(raw)))
        entry.update(over or {})  # "crc" overrides are stored as given (masked)
        data += raw
        entries.append((name.encode(), bundle_entry(dtype, dims, entry["offset"], entry["size"],
                                                    entry["crc"])))
    return build_table(entries), bytes(data)


def read_string_scalar(index_bytes, data_bytes, key):
    """The bytes of a scalar DT_STRING tensor of a V2 checkpoint (e.g. the object graph)."""
    for k, v in Table(index_bytes).entries():
        if k == key.encode():
            e = parse_bundle_entry(v)
            raw = data_bytes[e["offset"]:e["offset"] + e["size"]]
            length, pos = read_varint(raw, 0)
            pos += 4  # masked CRC of the lengths
            return raw[pos:pos + length]
    return None


def main(argv):
    if len(argv) == 4 and argv[1] == "object-graph":
        prefix, out = argv[2], argv[3]
        with open(prefix + ".index", "rb") as f:
            index = f.read()
        with open(prefix + ".data-00000-of-00001", "rb") as f:
            data = f.read()
        blob = read_string_scalar(index, data, "_CHECKPOINTABLE_OBJECT_GRAPH")
        if blob is None:
            return 1
        with open(out, "wb") as f:
            f.write(blob)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
