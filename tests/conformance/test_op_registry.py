"""The embedded op registry (core/ops/ops_tf2_15.pb) matches real TensorFlow.

The C++ side proves that the bytes compiled into tfgraph are exactly this file
(tests/unit/op_registry_test.cc, EmbeddedBytesMatchSourceFile). Here real
TensorFlow is asked for its op list (the C API's TF_GetAllOpList, the same
source the generator uses) and compared with the file, op by op: the same op
names, and for every op the same inputs and outputs (count, names, and how
each argument is typed and sized: type, type_attr, number_attr,
type_list_attr, is_ref) and the same attrs with the same default values. Only
prose (summaries, descriptions) may differ, since the generator drops it.
Finally the generator is rerun and must reproduce the committed bytes.
"""

import os
import subprocess
import sys
import tempfile

import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

SOURCE_DIR = os.environ.get(
    "TFGRAPH_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
OPS_PB = os.path.join(SOURCE_DIR, "core", "ops", "ops_tf2_15.pb")
GENERATOR = os.path.join(SOURCE_DIR, "scripts", "gen_op_registry.py")

tf = pytest.importorskip("tensorflow")
from tensorflow.core.framework import op_def_pb2  # noqa: E402
from tensorflow.python.client import pywrap_tf_session as c_api  # noqa: E402


def live_ops():
  op_list = op_def_pb2.OpList()
  op_list.ParseFromString(c_api.TF_GetBuffer(c_api.TF_GetAllOpList()))
  return {op.name: op for op in op_list.op}


def embedded_ops():
  op_list = op_def_pb2.OpList()
  with open(OPS_PB, "rb") as f:
    op_list.ParseFromString(f.read())
  names = [op.name for op in op_list.op]
  assert len(names) == len(set(names)), "duplicate op names in ops_tf2_15.pb"
  return {op.name: op for op in op_list.op}


@pytest.fixture(scope="module")
def both():
  if tf.__version__ != "2.15.1":
    pytest.skip(f"the registry is TF 2.15.1's; this python has tensorflow {tf.__version__}")
  return live_ops(), embedded_ops()


def arg_shape(arg):
  return (arg.name, arg.type, arg.type_attr, arg.number_attr, arg.type_list_attr, arg.is_ref)


def test_same_op_names(both):
  live, ours = both
  assert len(ours) > 1500
  missing = sorted(set(live) - set(ours))
  extra = sorted(set(ours) - set(live))
  assert not missing, f"{len(missing)} TF ops missing from ours, e.g. {missing[:10]}"
  assert not extra, f"{len(extra)} ops TF does not have, e.g. {extra[:10]}"
  for internal in ("_Arg", "_Retval", "RefSwitch", "RefEnter", "RefMerge", "RefIdentity",
                   "VariableV2", "VarHandleOp"):
    assert internal in ours


def test_same_output_and_input_args(both):
  live, ours = both
  wrong = []
  for name, op in live.items():
    mine = ours[name]
    if len(mine.output_arg) != len(op.output_arg) or len(mine.input_arg) != len(op.input_arg):
      wrong.append(f"{name}: arg counts differ")
    elif ([arg_shape(a) for a in mine.output_arg] != [arg_shape(a) for a in op.output_arg] or
          [arg_shape(a) for a in mine.input_arg] != [arg_shape(a) for a in op.input_arg]):
      wrong.append(f"{name}: arg definitions differ")
  assert not wrong, f"{len(wrong)} ops differ: {wrong[:10]}"


def test_same_attrs_and_defaults(both):
  live, ours = both
  wrong = []
  for name, op in live.items():
    mine = {a.name: a for a in ours[name].attr}
    theirs = {a.name: a for a in op.attr}
    if mine.keys() != theirs.keys():
      wrong.append(f"{name}: attr names differ")
      continue
    for attr_name, a in theirs.items():
      b = mine[attr_name]
      if (a.type, a.default_value, a.has_minimum, a.minimum, a.allowed_values) != (
          b.type, b.default_value, b.has_minimum, b.minimum, b.allowed_values):
        wrong.append(f"{name}.{attr_name}")
    if (op.is_stateful, op.is_commutative, op.is_aggregate) != (
        ours[name].is_stateful, ours[name].is_commutative, ours[name].is_aggregate):
      wrong.append(f"{name}: flags differ")
  assert not wrong, f"{len(wrong)} attrs differ: {wrong[:10]}"


def test_prose_is_stripped():
  for op in embedded_ops().values():
    assert not op.summary and not op.description, op.name


def test_generator_reproduces_the_committed_file(both):
  with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "ops.pb")
    subprocess.run([sys.executable, GENERATOR, "--out", out], check=True,
                   capture_output=True, timeout=600)
    with open(out, "rb") as f, open(OPS_PB, "rb") as g:
      assert f.read() == g.read(), "rerunning scripts/gen_op_registry.py changed the bytes"
