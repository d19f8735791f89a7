#!/usr/bin/env python3
"""Dumps TensorFlow's op registry into core/ops/ops_tf2_15.pb.

tfgraph carries TensorFlow's OpDefs as data so that it can validate frozen
graphs, restore stripped default attrs and map function-body output names
("node:out_arg:idx") to flat output indices, all without linking TensorFlow.
This script is how that data is made; its output is committed and embedded in
the binary at build time (see core/ops/embed_ops.cmake).

Run it with the TF venv python (scripts/python-env.sh prints it):

    $(scripts/python-env.sh) scripts/gen_op_registry.py [--out core/ops/ops_tf2_15.pb]

The list comes from the C API's TF_GetAllOpList after `import tensorflow`, so it
includes internal ops (_Arg, _Retval, RefSwitch, RefEnter, ...) that tf.raw_ops
does not expose. Summaries and descriptions are dropped (they are prose and
make up most of the size); everything that matters to a graph -- names, args,
types, attrs, defaults, allowed values, minimums, ref-ness, flags, deprecation
versions -- is kept. Ops are sorted by name and serialized deterministically,
so rerunning with the same TensorFlow produces the same bytes.
"""

import argparse
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

EXPECTED_TF = "2.15.1"


def all_ops():
  import tensorflow as tf  # noqa: F401  (registers every op library it loads)
  from tensorflow.core.framework import op_def_pb2
  from tensorflow.python.client import pywrap_tf_session as c_api

  if tf.__version__ != EXPECTED_TF:
    sys.exit(f"gen_op_registry: expected tensorflow {EXPECTED_TF}, got {tf.__version__}")
  op_list = op_def_pb2.OpList()
  op_list.ParseFromString(c_api.TF_GetBuffer(c_api.TF_GetAllOpList()))
  return op_list


def strip_docs(op_list):
  for op in op_list.op:
    op.ClearField("summary")
    op.ClearField("description")
    if op.HasField("deprecation"):
      op.deprecation.ClearField("explanation")
    for arg in list(op.input_arg) + list(op.output_arg):
      arg.ClearField("description")
    for attr in op.attr:
      attr.ClearField("description")


def main():
  here = os.path.dirname(os.path.abspath(__file__))
  parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  parser.add_argument("--out", default=os.path.join(here, "..", "core", "ops", "ops_tf2_15.pb"))
  args = parser.parse_args()

  from tensorflow.core.framework import op_def_pb2

  op_list = all_ops()
  strip_docs(op_list)
  ordered = op_def_pb2.OpList()
  ordered.op.extend(sorted(op_list.op, key=lambda op: op.name))
  names = [op.name for op in ordered.op]
  if len(names) != len(set(names)):
    sys.exit("gen_op_registry: duplicate op names in the registry")
  data = ordered.SerializeToString(deterministic=True)
  os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
  with open(args.out, "wb") as f:
    f.write(data)
  out = os.path.normpath(args.out)
  print(f"gen_op_registry: wrote {len(ordered.op)} ops, {len(data)} bytes to {out}")


if __name__ == "__main__":
  main()
