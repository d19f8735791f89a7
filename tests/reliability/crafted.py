"""Hostile models built from scratch: what a crafted or buggy exporter can write.

Each builder writes files into a folder and returns the path to give tfgraph
plus, where it matters, node names to look at. Binary protos are encoded by
hand (tfformats.pb_*), text protos are written as text, so nothing here needs
TensorFlow. Field numbers are from proto/tensorflow/*.proto.

  const_2p40        a Const whose TensorProto claims 2^40 floats and holds none
                    (TensorFlow's rule: no values = all zeros), one with a single
                    value (fill) and a string one
  placeholders_2p40 Placeholder/VariableV2/VarHandleOp shapes of 2^40 and more
                    elements (the variable summary multiplies them)
  checkpoint_2p40   a checkpoint whose entries claim 2^40 elements
  deep_text         a text GraphDef nested 100000 levels deep (AttrValue.func)
  deep_binary       the same in binary
  unbalanced_text   "node {" a million times
  long_chain        100000 nodes, each reading the previous one (recursive walks)
  self_call         a library function whose body calls itself, and two that
                    call each other, called from the graph
"""

import struct

from tfformats import build_checkpoint, pb_bytes, pb_varint, shape_proto, varint

DT_FLOAT, DT_INT32, DT_STRING, DT_RESOURCE = 1, 3, 7, 20
TWO_40 = 1 << 40


# --- binary encoders of the few messages needed ----------------------------------

def attr_entry(key, value):
    return pb_bytes(5, pb_bytes(1, key) + pb_bytes(2, value))


def attr_type(dtype):
    return pb_varint(6, dtype)


def attr_shape(dims):
    return pb_bytes(7, shape_proto(dims))


def attr_tensor(tensor):
    return pb_bytes(8, tensor)


def tensor_proto(dtype, dims, content=b"", float_val=None, string_val=None):
    out = pb_varint(1, dtype) + pb_bytes(2, shape_proto(dims))
    if content:
        out += pb_bytes(4, content)
    if float_val is not None:
        out += pb_bytes(5, b"".join(struct.pack("<f", v) for v in float_val))
    for s in string_val or ():
        out += pb_bytes(8, s)
    return out


def node(name, op, inputs=(), attrs=()):
    out = pb_bytes(1, name) + pb_bytes(2, op)
    for i in inputs:
        out += pb_bytes(3, i)
    for key, value in attrs:
        out += attr_entry(key, value)
    return out


def graph(nodes, library=b""):
    out = b"".join(pb_bytes(1, n) for n in nodes)
    if library:
        out += pb_bytes(2, library)
    return out + pb_bytes(4, pb_varint(1, 1087))  # versions { producer: 1087 }


# --- builders ---------------------------------------------------------------------

def const_2p40(folder):
    nodes = [
        node("zeros", "Const", attrs=[("dtype", attr_type(DT_FLOAT)),
                                      ("value", attr_tensor(tensor_proto(DT_FLOAT, [TWO_40])))]),
        node("fill", "Const", attrs=[("dtype", attr_type(DT_FLOAT)),
                                     ("value", attr_tensor(tensor_proto(DT_FLOAT, [TWO_40],
                                                                        float_val=[1.5])))]),
        node("strings", "Const", attrs=[("dtype", attr_type(DT_STRING)),
                                        ("value", attr_tensor(tensor_proto(
                                            DT_STRING, [1 << 20, 1 << 20], string_val=[b"x"])))]),
        node("square", "Const", attrs=[("dtype", attr_type(DT_FLOAT)),
                                       ("value", attr_tensor(tensor_proto(
                                           DT_FLOAT, [1 << 31, 1 << 31, 1 << 31])))]),
        node("out", "Identity", inputs=["zeros"], attrs=[("T", attr_type(DT_FLOAT))]),
    ]
    path = folder / "const_2p40.pb"
    path.write_bytes(graph(nodes))
    return path, ["zeros", "fill", "strings", "square"]


def placeholders_2p40(folder):
    big = [TWO_40]
    huge = [TWO_40, TWO_40, TWO_40]
    nodes = [
        node("x", "Placeholder", attrs=[("dtype", attr_type(DT_FLOAT)), ("shape", attr_shape(big))]),
        node("v", "VariableV2", attrs=[("dtype", attr_type(DT_FLOAT)), ("shape", attr_shape(huge)),
                                       ("container", pb_bytes(2, b"")),
                                       ("shared_name", pb_bytes(2, b""))]),
        node("w", "VariableV2", attrs=[("dtype", attr_type(DT_FLOAT)),
                                       ("shape", attr_shape([(1 << 63) - 1, 2])),
                                       ("container", pb_bytes(2, b"")),
                                       ("shared_name", pb_bytes(2, b""))]),
        node("h", "VarHandleOp", attrs=[("dtype", attr_type(DT_FLOAT)), ("shape", attr_shape(huge)),
                                        ("container", pb_bytes(2, b"")),
                                        ("shared_name", pb_bytes(2, b"h"))]),
        node("neg", "Placeholder", attrs=[("dtype", attr_type(DT_FLOAT)),
                                          ("shape", attr_shape([-7, -(1 << 62)]))]),
        node("y", "Identity", inputs=["x"], attrs=[("T", attr_type(DT_FLOAT))]),
    ]
    path = folder / "placeholders_2p40.pb"
    path.write_bytes(graph(nodes))
    return path, ["x", "v", "w", "h", "neg"]


def checkpoint_2p40(folder):
    """Entries claiming 2^40 floats: one with a small size (mismatch), one whose size
    agrees but lies far past the end of the shard, one scalar string of 2^40 bytes."""
    string_scalar = varint(TWO_40) + struct.pack("<I", 0)
    index, data = build_checkpoint([
        ("a_mismatch", DT_FLOAT, [TWO_40], b"\0" * 8, None),
        ("b_past_end", DT_FLOAT, [TWO_40], b"\0" * 8, {"size": 4 * TWO_40}),
        ("c_string", DT_STRING, [], string_scalar, None),
        ("d_many_strings", DT_STRING, [TWO_40], b"\0" * 16, None),
        ("e_ok", DT_FLOAT, [2], struct.pack("<2f", 1.0, 2.0), None),
    ])
    prefix = folder / "model.ckpt-1"
    (folder / "model.ckpt-1.index").write_bytes(index)
    (folder / "model.ckpt-1.data-00000-of-00001").write_bytes(data)
    return prefix, ["a_mismatch", "b_past_end", "c_string", "d_many_strings"]


def deep_text(folder, depth=100000):
    open_part = 'func { name: "f" attr { key: "k" value { '
    text = ('node { name: "deep" op: "Const" attr { key: "value" value { '
            + open_part * depth + "} } " * depth + "} } }\n")
    path = folder / "deep.pbtxt"
    path.write_text(text)
    return path, ["deep"]


def deep_binary(folder, depth=100000):
    # Each level is AttrValue{func: NameAttrList{name: "f", attr {key: "k", value: <level>}}},
    # all prefix, so sizes are computed bottom-up and the prefixes joined top-down
    # (nesting by concatenation would copy the whole message at every level).
    prefixes, size = [], 0  # size of the AttrValue below
    for _ in range(depth):
        entry = pb_bytes(1, b"k") + varint((2 << 3) | 2) + varint(size)
        entry_size = len(entry) + size
        nal = pb_bytes(1, b"f") + varint((2 << 3) | 2) + varint(entry_size)
        nal_size = len(nal) + entry_size
        head = varint((10 << 3) | 2) + varint(nal_size)
        prefixes.append(head + nal + entry)
        size = len(head) + nal_size
    value = b"".join(reversed(prefixes))
    path = folder / "deep.pb"
    path.write_bytes(graph([node("deep", "Const", attrs=[("value", value)])]))
    return path, ["deep"]


def unbalanced_text(folder):
    path = folder / "unbalanced.pbtxt"
    path.write_text("node {\n" * 1000000)
    return path, []


def long_chain(folder, length=100000):
    nodes = [node("n0", "Placeholder", attrs=[("dtype", attr_type(DT_FLOAT))])]
    for i in range(1, length):
        nodes.append(node(f"n{i}", "Identity", inputs=[f"n{i - 1}"],
                          attrs=[("T", attr_type(DT_FLOAT))]))
    path = folder / "chain.pb"
    path.write_bytes(graph(nodes))
    return path, [f"n{length - 1}"]


def _function(name, callee):
    """FunctionDef `name`(x: float) -> y: float whose body calls op `callee`."""
    arg = lambda n: pb_bytes(1, n) + pb_varint(3, DT_FLOAT)  # noqa: E731
    signature = pb_bytes(1, name) + pb_bytes(2, arg("x")) + pb_bytes(3, arg("y"))
    body = node("call", callee, inputs=["x"])
    ret = pb_bytes(4, pb_bytes(1, "y") + pb_bytes(2, "call:y:0"))
    return pb_bytes(1, signature) + pb_bytes(3, body) + ret


def self_call(folder):
    library = b"".join(pb_bytes(1, f) for f in (
        _function("f", "f"), _function("g", "h"), _function("h", "g")))
    func_attr = lambda n: pb_bytes(10, pb_bytes(1, n))  # noqa: E731
    nodes = [
        node("x", "Placeholder", attrs=[("dtype", attr_type(DT_FLOAT))]),
        node("direct", "f", inputs=["x"]),
        node("mutual", "g", inputs=["x"]),
        node("partitioned", "StatefulPartitionedCall", inputs=["x"],
             attrs=[("f", func_attr("f")), ("Tin", pb_bytes(1, pb_varint(6, DT_FLOAT))),
                    ("Tout", pb_bytes(1, pb_varint(6, DT_FLOAT)))]),
        node("out", "Identity", inputs=["partitioned"], attrs=[("T", attr_type(DT_FLOAT))]),
    ]
    path = folder / "self_call.pb"
    path.write_bytes(graph(nodes, library))
    return path, ["direct", "mutual", "partitioned"]


BUILDERS = {
    "const_2p40": const_2p40,
    "placeholders_2p40": placeholders_2p40,
    "checkpoint_2p40": checkpoint_2p40,
    "deep_text": deep_text,
    "deep_binary": deep_binary,
    "unbalanced_text": unbalanced_text,
    "long_chain": long_chain,
    "self_call": self_call,
}
