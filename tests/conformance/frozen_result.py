"""What `tfgraph freeze --json` produced, for the freeze conformance tests.

read_graph(path) parses a written GraphDef (binary, or text for .pbtxt/.txt).
Frozen(records, path) holds the JSON Lines records of one freeze, sorted by
record type, and the graph it wrote.
"""

from pathlib import Path

from tensorflow.core.framework import graph_pb2


def read_graph(path):
    gd = graph_pb2.GraphDef()
    data = Path(path).read_bytes()
    if str(path).endswith((".pbtxt", ".txt")):
        from google.protobuf import text_format
        text_format.Parse(data.decode(), gd)
    else:
        gd.ParseFromString(data)
    return gd


class Frozen:
    """tfgraph's freeze of one model: the records and the written graph."""

    def __init__(self, records, path):
        self.records = records
        self.path = Path(path)
        self.summary = next(r for r in records if r["type"] == "freeze")
        self.feeds = [r for r in records if r["type"] == "feed"]
        self.fetches = [r for r in records if r["type"] == "fetch"]
        self.variables = [r for r in records if r["type"] == "variable"]
        self.init_ops = [r["name"] for r in records if r["type"] == "init_op"]
        self.notes = [r["message"] for r in records if r["type"] == "note"]
        self.graph = read_graph(path)
        self.nodes = {n.name: n for n in self.graph.node}

    def feed_by_key(self):
        return {f["key"]: f["name"] for f in self.feeds}

    def fetch_by_key(self):
        return {f["key"]: f["name"] for f in self.fetches}
