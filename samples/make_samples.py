#!/usr/bin/env python3
"""Writes tfgraph's bundled sample models with real TensorFlow.

Run with the project's TensorFlow venv (scripts/python-env.sh prints it):

    $(scripts/python-env.sh) samples/make_samples.py            # all samples
    $(scripts/python-env.sh) samples/make_samples.py frozen     # some of them

Every sample is a folder beside this script. A folder is deleted and written
anew each run, so the script is rerunnable. Seeds are fixed, so tensor values
repeat from run to run; what TensorFlow itself stamps into files (checkpoint
timestamps in the `checkpoint` state file, the SavedModel fingerprint) still
changes. Nothing is edited after TensorFlow writes it.

Each sample is built in a fresh child process, because TF1 graph mode, ref vs.
resource variables and control flow v1/v2 are process-wide switches in TF 2.x.
No network access is needed.
"""

import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 1234

# Keep TensorFlow's start-up chatter out of the output.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def _fresh_dir(name):
    path = os.path.join(HERE, name)
    if os.path.isdir(path):
        shutil.rmtree(path)
    os.makedirs(path)
    return path


def _tf1(resource_variables):
    """Imports TensorFlow switched to TF1 behaviour (graph mode, v1 control flow)."""
    import numpy as np
    import tensorflow as tf

    tf.compat.v1.disable_v2_behavior()
    if resource_variables:
        tf.compat.v1.enable_resource_variables()
    else:
        tf.compat.v1.disable_resource_variables()
    np.random.seed(SEED)
    return tf, np


def _random_batches(np, steps, batch, features, classes):
    rng = np.random.RandomState(SEED)
    for _ in range(steps):
        x = rng.normal(size=(batch, features)).astype(np.float32)
        y = rng.randint(0, classes, size=(batch,)).astype(np.int64)
        yield x, y


# ---------------------------------------------------------------------------
# 1, 2, 5: a TF1 training graph saved with tf.compat.v1.train.Saver, and its
# frozen inference graph.

def _build_tf1_mlp(tf, use_resource):
    """Builds the TF1 MLP training graph in the default graph; returns handles."""
    v1 = tf.compat.v1
    features, hidden, classes = 8, 16, 3
    inputs = v1.placeholder(tf.float32, [None, features], name="input")
    labels = v1.placeholder(tf.int64, [None], name="labels")
    is_training = v1.placeholder_with_default(False, [], name="is_training")
    global_step = v1.train.get_or_create_global_step()

    def dense(x, units, scope):
        with v1.variable_scope(scope):
            w = v1.get_variable("weights", [x.shape[1], units],
                                initializer=v1.glorot_uniform_initializer(),
                                use_resource=use_resource)
            b = v1.get_variable("biases", [units], initializer=v1.zeros_initializer(),
                                use_resource=use_resource)
            return tf.add(tf.matmul(x, w), b, name="preactivation"), w

    with v1.variable_scope("hidden1", use_resource=use_resource):
        h1, w1 = dense(inputs, hidden, "dense")
        h1 = v1.layers.batch_normalization(h1, training=is_training, name="bn")
        h1 = tf.nn.relu(h1, name="relu")
    with v1.variable_scope("hidden2", use_resource=use_resource):
        h2, _ = dense(h1, hidden, "dense")
        h2 = tf.nn.relu(h2, name="relu")
        h2 = v1.layers.dropout(h2, rate=0.25, training=is_training, name="dropout")
    with v1.variable_scope("output", use_resource=use_resource):
        with v1.variable_scope("dense"):
            w = v1.get_variable("weights", [hidden, classes],
                                initializer=v1.glorot_uniform_initializer(),
                                use_resource=use_resource)
            b = v1.get_variable("biases", [classes], initializer=v1.zeros_initializer(),
                                use_resource=use_resource)
        logits = tf.add(tf.matmul(h2, w), b, name="logits")
        probabilities = tf.nn.softmax(logits, name="probabilities")
        tf.argmax(logits, axis=1, name="classes")

    with tf.name_scope("loss"):
        loss = v1.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
        loss = tf.identity(loss, name="total")
    with tf.name_scope("metrics"):
        correct = tf.equal(tf.argmax(logits, axis=1), labels)
        accuracy = tf.reduce_mean(tf.cast(correct, tf.float32), name="accuracy")

    v1.summary.scalar("loss", loss)
    v1.summary.scalar("accuracy", accuracy)
    v1.summary.histogram("hidden1/weights", w1)
    v1.summary.histogram("output/probabilities", probabilities)
    summaries = v1.summary.merge_all()

    with tf.name_scope("train"):
        optimizer = v1.train.AdamOptimizer(learning_rate=0.01)
        update_ops = v1.get_collection(v1.GraphKeys.UPDATE_OPS)
        with tf.control_dependencies(update_ops):
            minimize = optimizer.minimize(loss, global_step=global_step)
        ema = v1.train.ExponentialMovingAverage(0.99, num_updates=global_step)
        with tf.control_dependencies([minimize]):
            train_op = tf.group(ema.apply(v1.trainable_variables()), name="train_op")

    return dict(inputs=inputs, labels=labels, is_training=is_training, loss=loss,
                summaries=summaries, train_op=train_op, global_step=global_step)


def make_tf1_checkpoint(name="tf1_checkpoint", use_resource=False, freeze=True):
    tf, np = _tf1(resource_variables=use_resource)
    v1 = tf.compat.v1
    out = _fresh_dir(name)
    graph = tf.Graph()
    with graph.as_default():
        v1.set_random_seed(SEED)
        h = _build_tf1_mlp(tf, use_resource)
        # Relative paths keep the `checkpoint` state file free of this machine's paths.
        saver = v1.train.Saver(save_relative_paths=True, max_to_keep=2)
        with v1.Session(graph=graph) as sess:
            sess.run(v1.global_variables_initializer())
            for x, y in _random_batches(np, steps=6, batch=16, features=8, classes=3):
                sess.run([h["train_op"], h["summaries"]],
                         {h["inputs"]: x, h["labels"]: y, h["is_training"]: True})
            step = sess.run(h["global_step"])
            prefix = saver.save(sess, os.path.join(out, "model.ckpt"), global_step=step)
    print(f"{name}: {os.path.basename(prefix)}")
    if freeze:
        make_frozen(tf, prefix)


def make_frozen(tf, prefix, outputs=("output/probabilities", "output/logits")):
    """Freezes a checkpoint the way users do: import .meta, restore, convert."""
    v1 = tf.compat.v1
    out = _fresh_dir("frozen")
    graph = tf.Graph()
    with graph.as_default(), v1.Session(graph=graph) as sess:
        saver = v1.train.import_meta_graph(prefix + ".meta")
        saver.restore(sess, prefix)
        frozen = v1.graph_util.convert_variables_to_constants(
            sess, graph.as_graph_def(), list(outputs))
    tf.io.write_graph(frozen, out, "frozen.pb", as_text=False)
    tf.io.write_graph(frozen, out, "frozen.pbtxt", as_text=True)
    print(f"frozen: {len(frozen.node)} nodes")


def make_tf1_checkpoint_resource():
    make_tf1_checkpoint(name="tf1_checkpoint_resource", use_resource=True, freeze=False)


# ---------------------------------------------------------------------------
# 3: TF1 SavedModel with predict + classify signatures and a second MetaGraph.

def make_tf1_saved_model():
    tf, np = _tf1(resource_variables=False)
    v1 = tf.compat.v1
    sm = v1.saved_model
    out = os.path.join(HERE, "tf1_saved_model")
    if os.path.isdir(out):
        shutil.rmtree(out)  # Builder refuses an existing directory.
    features, classes = 4, 3
    graph = tf.Graph()
    with graph.as_default():
        v1.set_random_seed(SEED)

        def model(x):
            with v1.variable_scope("model", reuse=v1.AUTO_REUSE):
                hidden = v1.layers.dense(x, 8, activation=tf.nn.tanh, name="hidden")
                return v1.layers.dense(hidden, classes, name="logits_layer")

        x = v1.placeholder(tf.float32, [None, features], name="x")
        logits = tf.identity(model(x), name="logits")
        probabilities = tf.nn.softmax(logits, name="probabilities")

        # The classify path reads serialized tf.Example protos, as TF Serving sends them.
        examples = v1.placeholder(tf.string, [None], name="tf_example")
        parsed = v1.io.parse_example(
            examples, {"x": v1.io.FixedLenFeature([features], tf.float32)})
        with tf.name_scope("classify"):
            scores = tf.nn.softmax(model(parsed["x"]), name="scores")
            class_names = tf.constant([b"setosa", b"versicolor", b"virginica"])
            classes_out = tf.tile(tf.expand_dims(class_names, 0),
                                  [tf.shape(scores)[0], 1], name="classes")

        predict = sm.predict_signature_def(
            inputs={"x": x}, outputs={"probabilities": probabilities, "logits": logits})
        classify = sm.classification_signature_def(
            examples=examples, classes=classes_out, scores=scores)

        with v1.Session(graph=graph) as sess:
            sess.run(v1.global_variables_initializer())
            builder = sm.Builder(out)
            builder.add_meta_graph_and_variables(
                sess, [sm.tag_constants.SERVING],
                signature_def_map={"serving_default": predict, "classify": classify},
                strip_default_attrs=True)
            # A second MetaGraph, tagged "train", that also holds the training op.
            labels = v1.placeholder(tf.int64, [None], name="labels")
            loss = v1.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
            train_op = v1.train.GradientDescentOptimizer(0.1).minimize(loss, name="train_op")
            train_sig = sm.build_signature_def(
                inputs={"x": sm.build_tensor_info(x), "labels": sm.build_tensor_info(labels)},
                outputs={"loss": sm.build_tensor_info(loss)},
                method_name="tensorflow/train")
            builder.add_meta_graph([sm.tag_constants.TRAINING],
                                   signature_def_map={"train": train_sig},
                                   strip_default_attrs=True)
            builder.save()
            del train_op
    print("tf1_saved_model: written")


# ---------------------------------------------------------------------------
# 4: TF2 SavedModel from a tf.Module with If and While that touch variables.

def make_tf2_saved_model():
    import numpy as np
    import tensorflow as tf

    tf.random.set_seed(SEED)
    out = _fresh_dir("tf2_saved_model")
    os.rmdir(out)  # tf.saved_model.save creates it.

    class Scorer(tf.Module):
        def __init__(self):
            super().__init__(name="scorer")
            init = tf.random.stateless_normal([4, 3], seed=[SEED, 1])
            self.w = tf.Variable(init, name="w")
            self.b = tf.Variable(tf.zeros([3]), name="b")
            self.scale = tf.Variable(2.0, name="scale")
            self.calls = tf.Variable(0, dtype=tf.int64, name="calls")

        @tf.function(input_signature=[tf.TensorSpec([None, 4], tf.float32, name="x")])
        def predict(self, x):
            logits = tf.matmul(x, self.w) + self.b
            # tf.cond on a variable: an If op whose branches read variables.
            scaled = tf.cond(self.scale > 1.0,
                             lambda: logits * self.scale,
                             lambda: logits - self.b)
            return {"logits": scaled, "probabilities": tf.nn.softmax(scaled)}

        @tf.function(input_signature=[tf.TensorSpec([None, 4], tf.float32, name="x"),
                                      tf.TensorSpec([], tf.int32, name="steps")])
        def iterate(self, x, steps):
            # A While loop whose body reads a variable and updates another.
            def body(i, acc):
                self.calls.assign_add(1)
                return i + 1, tf.tanh(tf.matmul(acc, self.w) @ tf.transpose(self.w))
            _, acc = tf.while_loop(lambda i, acc: i < steps, body,
                                   [tf.constant(0), x])
            return {"state": acc, "calls": self.calls.read_value()}

        @tf.function(input_signature=[tf.TensorSpec([], tf.int64, name="delta")])
        def bump(self, delta):
            return {"calls": self.calls.assign_add(delta)}

    module = Scorer()
    x = tf.constant(np.random.RandomState(SEED).normal(size=(2, 4)).astype(np.float32))
    module.predict(x)
    module.iterate(x, tf.constant(3))
    signatures = {
        "serving_default": module.predict.get_concrete_function(),
        "iterate": module.iterate.get_concrete_function(),
        "bump": module.bump.get_concrete_function(),
    }
    tf.saved_model.save(module, out, signatures=signatures)
    print("tf2_saved_model: written")


# ---------------------------------------------------------------------------
# 6: partitioned variables (fixed_size_partitioner(3)) saved by a TF1 Saver.

def make_partitioned():
    tf, np = _tf1(resource_variables=False)
    v1 = tf.compat.v1
    out = _fresh_dir("partitioned")
    vocab, dim, classes, width = 30, 6, 4, 3
    graph = tf.Graph()
    with graph.as_default():
        v1.set_random_seed(SEED)
        ids = v1.placeholder(tf.int64, [None, width], name="ids")
        labels = v1.placeholder(tf.int64, [None], name="labels")
        global_step = v1.train.get_or_create_global_step()
        partitioner = v1.fixed_size_partitioner(3)
        with v1.variable_scope("embedding"):
            table = v1.get_variable("table", [vocab, dim], partitioner=partitioner,
                                    initializer=v1.random_normal_initializer(stddev=0.1))
            looked_up = v1.nn.embedding_lookup(table, ids, name="lookup")
            pooled = tf.reduce_mean(looked_up, axis=1, name="mean")
        with v1.variable_scope("output"):
            kernel = v1.get_variable("kernel", [dim, classes], partitioner=partitioner,
                                     initializer=v1.glorot_uniform_initializer())
            bias = v1.get_variable("bias", [classes], initializer=v1.zeros_initializer())
            logits = tf.add(tf.matmul(pooled, kernel), bias, name="logits")
            tf.nn.softmax(logits, name="probabilities")
        loss = v1.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
        train_op = v1.train.AdagradOptimizer(0.1).minimize(loss, global_step=global_step,
                                                           name="train_op")
        saver = v1.train.Saver(save_relative_paths=True)
        rng = np.random.RandomState(SEED)
        with v1.Session(graph=graph) as sess:
            sess.run(v1.global_variables_initializer())
            for _ in range(4):
                sess.run(train_op, {ids: rng.randint(0, vocab, size=(8, width)),
                                    labels: rng.randint(0, classes, size=(8,))})
            step = sess.run(global_step)
            prefix = saver.save(sess, os.path.join(out, "model.ckpt"), global_step=step)
    print(f"partitioned: {os.path.basename(prefix)}")


# ---------------------------------------------------------------------------
# 7: TF1 SavedModel with hash tables initialized from a vocabulary asset.

VOCAB = ["<unk>", "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog"]


def make_lookup_table():
    tf, np = _tf1(resource_variables=False)
    v1 = tf.compat.v1
    sm = v1.saved_model
    out = os.path.join(HERE, "lookup_table")
    if os.path.isdir(out):
        shutil.rmtree(out)
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        # A relative path: it is baked into the graph (the asset Const and the
        # tables' shared_name), so a temp dir name would make runs differ.
        os.chdir(tmp)
        vocab_path = "vocab.txt"
        with open(vocab_path, "w") as f:
            f.write("\n".join(VOCAB) + "\n")
        graph = tf.Graph()
        with graph.as_default():
            v1.set_random_seed(SEED)
            words = v1.placeholder(tf.string, [None], name="words")
            ids_in = v1.placeholder(tf.int64, [None], name="ids")
            # word -> id (line number); unknown words map to -1.
            word_to_id = v1.lookup.StaticHashTable(
                v1.lookup.TextFileInitializer(
                    vocab_path, tf.string, v1.lookup.TextFileIndex.WHOLE_LINE,
                    tf.int64, v1.lookup.TextFileIndex.LINE_NUMBER),
                default_value=-1, name="word_to_id")
            # id -> word, from the same asset.
            id_to_word = v1.lookup.StaticHashTable(
                v1.lookup.TextFileInitializer(
                    vocab_path, tf.int64, v1.lookup.TextFileIndex.LINE_NUMBER,
                    tf.string, v1.lookup.TextFileIndex.WHOLE_LINE),
                default_value="<unk>", name="id_to_word")
            ids = word_to_id.lookup(words, name="word_ids")
            embeddings = v1.get_variable("embeddings", [len(VOCAB), 4],
                                         initializer=v1.random_uniform_initializer(-1, 1))
            safe_ids = tf.maximum(ids, 0, name="safe_ids")
            vectors = v1.nn.embedding_lookup(embeddings, safe_ids, name="vectors")
            looked_up_words = id_to_word.lookup(ids_in, name="looked_up_words")

            encode = sm.predict_signature_def(
                inputs={"words": words}, outputs={"ids": ids, "embeddings": vectors})
            decode = sm.predict_signature_def(
                inputs={"ids": ids_in}, outputs={"words": looked_up_words})
            with v1.Session(graph=graph) as sess:
                sess.run(v1.global_variables_initializer())
                sess.run(v1.tables_initializer())
                builder = sm.Builder(out)
                builder.add_meta_graph_and_variables(
                    sess, [sm.tag_constants.SERVING],
                    signature_def_map={"serving_default": encode, "decode": decode},
                    assets_collection=v1.get_collection(v1.GraphKeys.ASSET_FILEPATHS),
                    main_op=v1.tables_initializer(name="init_tables"),
                    strip_default_attrs=True)
                builder.save()
        os.chdir(cwd)
    print("lookup_table: written")


SAMPLES = {
    "tf1_checkpoint": make_tf1_checkpoint,  # also writes frozen/
    "tf1_checkpoint_resource": make_tf1_checkpoint_resource,
    "tf1_saved_model": make_tf1_saved_model,
    "tf2_saved_model": make_tf2_saved_model,
    "partitioned": make_partitioned,
    "lookup_table": make_lookup_table,
}
ALIASES = {"frozen": "tf1_checkpoint"}


def main(argv):
    if len(argv) == 3 and argv[1] == "--child":
        SAMPLES[argv[2]]()
        return 0
    names = [ALIASES.get(n, n) for n in argv[1:]] or list(SAMPLES)
    unknown = [n for n in names if n not in SAMPLES]
    if unknown:
        print(f"unknown sample(s): {', '.join(unknown)}; known: {', '.join(SAMPLES)}",
              file=sys.stderr)
        return 2
    for name in names:
        # One process per sample: TF1/TF2 switches are global to a process.
        subprocess.run([sys.executable, os.path.abspath(__file__), "--child", name],
                       check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
