"""Reads and writes a tensor bundle's .index (a LevelDB table) in plain Python,
so CLI tests can damage copies of real checkpoints at test time.

read_index(path) -> [(key, value bytes)] in file order; write_index(path,
entries) writes them back as one uncompressed data block, in the order given
(so a test can put keys out of order). Values of tensor keys are
BundleEntryProto and the "" key's a BundleHeaderProto, edited with TensorFlow's
generated protobuf classes (entry_proto / header_proto). Only what TensorFlow
writes is supported: no compression.
"""

import struct

_MAGIC = 0xDB4775248B80FB57
_POLY = 0x82F63B78
_TABLE = []
for _b in range(256):
    _c = _b
    for _ in range(8):
        _c = (_c >> 1) ^ (_POLY if _c & 1 else 0)
    _TABLE.append(_c)


def crc32c(data):
    c = 0xFFFFFFFF
    for byte in data:
        c = (c >> 8) ^ _TABLE[(c ^ byte) & 0xFF]
    return c ^ 0xFFFFFFFF


def _mask(crc):
    return ((((crc >> 15) | (crc << 17)) & 0xFFFFFFFF) + 0xA282EAD8) & 0xFFFFFFFF


def _varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _get_varint(buf, pos):
    n = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        n |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return n, pos


def _block_entries(block):
    num_restarts = struct.unpack_from("<I", block, len(block) - 4)[0]
    end = len(block) - 4 - 4 * num_restarts
    pos, key, out = 0, b"", []
    while pos < end:
        shared, pos = _get_varint(block, pos)
        unshared, pos = _get_varint(block, pos)
        vlen, pos = _get_varint(block, pos)
        key = key[:shared] + block[pos:pos + unshared]
        pos += unshared
        out.append((key, block[pos:pos + vlen]))
        pos += vlen
    return out


def _read_block(data, handle):
    offset, pos = _get_varint(handle, 0)
    size, _ = _get_varint(handle, pos)
    assert data[offset + size] == 0, "compressed block"
    return data[offset:offset + size]


def read_index(path):
    data = open(path, "rb").read()
    footer = data[-48:]
    _, pos = _get_varint(footer, 0)  # metaindex handle: offset, size
    _, pos = _get_varint(footer, pos)
    index = _read_block(data, footer[pos:])
    entries = []
    for _, handle in _block_entries(index):
        entries.extend(_block_entries(_read_block(data, handle)))
    return entries


def _block(entries):
    body = bytearray()
    restarts = []
    for key, value in entries:  # every entry a restart point: no prefix sharing
        restarts.append(len(body))
        body += _varint(0) + _varint(len(key)) + _varint(len(value)) + key + value
    if not restarts:
        restarts = [0]
    for r in restarts:
        body += struct.pack("<I", r)
    body += struct.pack("<I", len(restarts))
    return bytes(body)


def write_index(path, entries):
    out = bytearray()

    def put(block):
        handle = _varint(len(out)) + _varint(len(block))
        out.extend(block + b"\0" + struct.pack("<I", _mask(crc32c(block + b"\0"))))
        return handle

    data_handle = put(_block(entries))
    meta_handle = put(_block([]))
    last = entries[-1][0] if entries else b""
    index_handle = put(_block([(last, data_handle)]))
    footer = meta_handle + index_handle
    out += footer + b"\0" * (40 - len(footer)) + struct.pack("<Q", _MAGIC)
    open(path, "wb").write(bytes(out))


def edit_entries(path, edit):
    """Calls edit(key str, proto) on each entry's parsed proto; writes the result."""
    from tensorflow.core.protobuf import tensor_bundle_pb2 as pb

    entries = []
    for key, value in read_index(path):
        proto = pb.BundleHeaderProto() if key == b"" else pb.BundleEntryProto()
        proto.ParseFromString(value)
        edit(key.decode(), proto)
        entries.append((key, proto.SerializeToString()))
    write_index(path, entries)
