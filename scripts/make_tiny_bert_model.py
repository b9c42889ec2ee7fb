#!/usr/bin/env python3
"""Writes the small BERT-shaped sentiment classifier that the FinBERT tests run, and what Python
onnxruntime answers for it.

Run it through the wrapper, which builds the pinned virtual environment first:

  bash scripts/setup.sh                  # .vendor/tokenizer/vocab.txt
  bash scripts/make_tiny_bert_model.sh

Writes:
  Tests/SentimentTests/Fixtures/tiny_bert_classifier.onnx  the model (opset 17, about 2 MB)
  Tests/SentimentTests/Fixtures/tiny_bert_expected.json    texts, the ids `tokenizers` gives them,
                                                           and the probabilities onnxruntime gives

The model has the graph of a BERT sequence classifier as a Hugging Face export has it, with
weights drawn from a fixed seed instead of trained ones, built node by node with `onnx.helper`:
  inputs   input_ids, attention_mask, token_type_ids: int64 [batch, sequence]
  embed    word (30,522 × 16, the size of our vocabulary) + position (64 × 16) + token type
           (2 × 16), then LayerNorm
  encode   2 layers: self-attention with 2 heads, the attention mask added as a −10000 bias on
           padded keys, output projection, residual, LayerNorm; feed-forward 16 → 64 → 16 with
           GELU in its erf form, residual, LayerNorm
  pool     the [CLS] position through Dense + Tanh
  output   logits: float32 [batch, 3]
Its `metadata_props` carry what a classifier reads from a real export's config: `id2label` as
JSON, in ProsusAI/finbert's order ({"0": "positive", "1": "negative", "2": "neutral"}), and
`max_length` (64, the number of position embeddings).

The texts are tokenized by `BertWordPieceTokenizer(vocab, lowercase=True)` with truncation to 64
and padding to the longest of the batch, and run through onnxruntime in one batch (CPU, one
thread). The probabilities are the softmax of the logits computed in float32 with numpy, written
as the float64 values of those float32 numbers.
"""

import hashlib
import json
import os
import sys
from pathlib import Path

os.environ["RAYON_NUM_THREADS"] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"

import numpy as np
import onnx
import onnxruntime as ort
import tokenizers
from onnx import TensorProto, helper, numpy_helper
from tokenizers.implementations import BertWordPieceTokenizer

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests/SentimentTests/Fixtures"
MODEL = FIXTURES / "tiny_bert_classifier.onnx"
EXPECTED = FIXTURES / "tiny_bert_expected.json"
# The vocabulary scripts/setup.sh installs (BERT uncased, 30,522 tokens), checked by hash.
VOCAB_SHA256 = "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"

SEED = 11
VOCAB_SIZE = 30522
HIDDEN = 16
HEADS = 2
HEAD_SIZE = HIDDEN // HEADS
INTERMEDIATE = 64
LAYERS = 2
MAX_LENGTH = 64
TYPE_VOCAB = 2
LABELS = ["positive", "negative", "neutral"]
LAYER_NORM_EPSILON = 1e-12
# Weight scales, chosen (with the seed) so that all three classes win for some texts and the
# probabilities stay away from 0 and 1.
ATTENTION_SCALE = 2.0
CLASSIFIER_SCALE = 0.5

TEXTS = [
    "Apple beats earnings expectations and raises its full-year guidance.",
    "Shares of Tesla plunged 12% after the company missed delivery estimates.",
    "The Federal Reserve left interest rates unchanged on Wednesday.",
    "Profit warning: XYZ Corp cuts its outlook, citing weak demand in Europe.",
    "Operating profit rose to EUR 13.1 mn from EUR 8.7 mn in the corresponding period in 2007.",
    "Net sales decreased by 3.2% compared with the previous year.",
    "The board approved a $2 billion share buyback program.",
    "Moody's downgraded the bank's credit rating to junk.",
    "Oil prices were little changed as traders awaited OPEC's decision.",
    "The company will hold its annual general meeting on 15 March.",
    "Record quarterly revenue driven by strong cloud growth!",
    "Bankruptcy filing expected within weeks, sources say.",
    "Dividend maintained at 0.45 per share.",
    "GOOG +3.4% pre-market; NVDA -1.2%; SPY flat.",
    "",
    "   ",
    "BUY",
    "sell sell sell",
    "Q3 EPS of $1.23 vs. $1.10 consensus; revenue $4.5B (+8% y/y).",
    "CEO resigns amid accounting scandal; SEC opens investigation.",
    "Merger talks collapse, sending both stocks lower.",
    "The acquisition is expected to close in the second half of 2025, subject to regulatory approval.",
    "Analysts upgrade the stock to Overweight with a price target of 250.",
    "Layoffs: the firm will cut 1,200 jobs, about 8% of its workforce.",
    "Inflation cooled more than expected in October, lifting bond prices.",
    "Société Générale relève ses prévisions de bénéfice pour 2025.",
    "Die Deutsche Bank meldet einen Gewinnrückgang im dritten Quartal.",
    "トヨタ自動車は通期の業績予想を上方修正した。",
    "阿里巴巴第二季度营收增长8%。",
    "Samsung Electronics 영업이익 급증",
    "Стоимость нефти марки Brent снизилась на 2%.",
    "Ünlü şirket hisseleri %5 yükseldi 📈🚀",
    "The stock is up 💰💰💰 but the CEO is ☹️",
    "naïve café résumé — déjà vu",
    "[CLS] literal special tokens [SEP] in the text [MASK]",
    "UNPRECEDENTED!!! MARKET CRASH??? (or not...)",
    "The company said that revenue for the quarter ended September 30 increased to $12.4 billion, "
    "up from $11.9 billion a year earlier, while operating expenses grew at a slower pace, and "
    "management reiterated its guidance for the full fiscal year despite continued uncertainty in "
    "global supply chains, foreign exchange headwinds and softer consumer demand in several of its "
    "largest markets, including China and parts of Western Europe.",
    "Neutral statement with no particular sentiment whatsoever about anything.",
    "Earnings fell short; guidance slashed; shares tumble in after-hours trading.",
    "Strong balance sheet, zero debt, and growing free cash flow.",
    "a" * 150,
    "Q&A: what the rate cut means for your mortgage",
]


def read_vocab():
    path = ROOT / ".vendor/tokenizer/vocab.txt"
    if not path.exists():
        sys.exit(f"{path} not found; run `bash scripts/setup.sh`")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != VOCAB_SHA256:
        sys.exit(f"{path} has sha256 {digest}, expected {VOCAB_SHA256}")
    vocab = path.read_text(encoding="utf-8").splitlines()
    assert len(vocab) == VOCAB_SIZE, len(vocab)
    return path


class Builder:
    """Collects the nodes and initializers of the graph; names come out in order."""

    def __init__(self, rng):
        self.rng = rng
        self.nodes = []
        self.initializers = []
        self.count = 0

    def name(self, hint):
        self.count += 1
        return f"{hint}_{self.count}"

    def constant(self, hint, array):
        name = self.name(hint)
        self.initializers.append(numpy_helper.from_array(array, name))
        return name

    def weights(self, hint, shape, scale):
        return self.constant(hint, (self.rng.standard_normal(shape) * scale).astype(np.float32))

    def node(self, op, inputs, hint=None, **attributes):
        output = self.name(hint or op.lower())
        self.nodes.append(helper.make_node(op, inputs, [output], **attributes))
        return output

    def dense(self, x, inputs, outputs, hint, scale=None):
        scale = scale if scale is not None else 1 / np.sqrt(inputs)
        weight = self.weights(f"{hint}_weight", (inputs, outputs), scale)
        bias = self.weights(f"{hint}_bias", (outputs,), 0.1)
        return self.node("Add", [self.node("MatMul", [x, weight]), bias], hint)

    def layer_norm(self, x, hint):
        gamma = self.constant(f"{hint}_gamma", (1 + self.rng.standard_normal(HIDDEN) * 0.1).astype(np.float32))
        beta = self.constant(f"{hint}_beta", (self.rng.standard_normal(HIDDEN) * 0.1).astype(np.float32))
        return self.node("LayerNormalization", [x, gamma, beta], hint, axis=-1, epsilon=LAYER_NORM_EPSILON)

    def gelu(self, x):
        # 0.5 · x · (1 + erf(x / √2)), as BERT's "gelu".
        scaled = self.node("Div", [x, self.constant("sqrt2", np.array(np.sqrt(2), dtype=np.float32))])
        one_plus = self.node("Add", [self.node("Erf", [scaled]), self.constant("one", np.array(1, dtype=np.float32))])
        half_x = self.node("Mul", [x, self.constant("half", np.array(0.5, dtype=np.float32))])
        return self.node("Mul", [half_x, one_plus], "gelu")

    def heads(self, x, permutation):
        """[batch, sequence, hidden] → [batch, heads, …] with `permutation`."""
        shape = self.constant("heads_shape", np.array([0, 0, HEADS, HEAD_SIZE], dtype=np.int64))
        return self.node("Transpose", [self.node("Reshape", [x, shape])], perm=permutation)

    def attention(self, x, mask_bias, hint):
        # Projections twice the usual scale: sharper attention and more of the other tokens in
        # each position, so that the [CLS] summary, and the class, differ from text to text.
        scale = ATTENTION_SCALE / np.sqrt(HIDDEN)
        query = self.heads(self.dense(x, HIDDEN, HIDDEN, f"{hint}_query", scale), [0, 2, 1, 3])
        key = self.heads(self.dense(x, HIDDEN, HIDDEN, f"{hint}_key", scale), [0, 2, 3, 1])
        value = self.heads(self.dense(x, HIDDEN, HIDDEN, f"{hint}_value", scale), [0, 2, 1, 3])
        scores = self.node(
            "Div", [self.node("MatMul", [query, key]), self.constant("scale", np.array(np.sqrt(HEAD_SIZE), np.float32))])
        weights = self.node("Softmax", [self.node("Add", [scores, mask_bias])], axis=-1)
        context = self.node("Transpose", [self.node("MatMul", [weights, value])], perm=[0, 2, 1, 3])
        merged = self.node("Reshape", [context, self.constant("merged_shape", np.array([0, 0, HIDDEN], np.int64))])
        return self.dense(merged, HIDDEN, HIDDEN, f"{hint}_output", scale)

    def encoder_layer(self, x, mask_bias, index):
        hint = f"layer{index}"
        attended = self.layer_norm(self.node("Add", [x, self.attention(x, mask_bias, hint)]), f"{hint}_attention_norm")
        hidden = self.gelu(self.dense(attended, HIDDEN, INTERMEDIATE, f"{hint}_intermediate"))
        output = self.dense(hidden, INTERMEDIATE, HIDDEN, f"{hint}_ffn_output")
        return self.layer_norm(self.node("Add", [attended, output]), f"{hint}_output_norm")


def build_model():
    b = Builder(np.random.default_rng(SEED))
    # Embeddings: word + position (0 ..< sequence) + token type, then LayerNorm.
    words = b.node("Gather", [b.weights("word_embeddings", (VOCAB_SIZE, HIDDEN), 1.0), "input_ids"])
    length = b.node(
        "Gather", [b.node("Shape", ["input_ids"]), b.constant("axis1", np.array(1, np.int64))], axis=0)
    positions = b.node(
        "Range", [b.constant("zero", np.array(0, np.int64)), length, b.constant("step", np.array(1, np.int64))])
    position_vectors = b.node("Gather", [b.weights("position_embeddings", (MAX_LENGTH, HIDDEN), 1.0), positions])
    types = b.node("Gather", [b.weights("token_type_embeddings", (TYPE_VOCAB, HIDDEN), 1.0), "token_type_ids"])
    summed = b.node("Add", [b.node("Add", [words, position_vectors]), types])
    x = b.layer_norm(summed, "embeddings_norm")

    # (1 − mask) · −10000 on each key position: [batch, 1, 1, sequence].
    mask = b.node("Cast", ["attention_mask"], to=TensorProto.FLOAT)
    inverted = b.node("Sub", [b.constant("one_mask", np.array(1, np.float32)), mask])
    bias = b.node("Mul", [inverted, b.constant("minus_10000", np.array(-10000, np.float32))])
    mask_bias = b.node("Unsqueeze", [bias, b.constant("mask_axes", np.array([1, 2], np.int64))], "mask_bias")

    for index in range(LAYERS):
        x = b.encoder_layer(x, mask_bias, index)

    first = b.node("Gather", [x, b.constant("cls_index", np.array(0, np.int64))], "cls", axis=1)
    pooled = b.node("Tanh", [b.dense(first, HIDDEN, HIDDEN, "pooler")])
    classifier_weight = b.weights("classifier_weight", (HIDDEN, len(LABELS)), CLASSIFIER_SCALE)
    classifier_bias = b.weights("classifier_bias", (len(LABELS),), 0.1)
    b.nodes.append(
        helper.make_node("Add", [b.node("MatMul", [pooled, classifier_weight]), classifier_bias], ["logits"]))

    ids = [helper.make_tensor_value_info(name, TensorProto.INT64, ["batch", "sequence"])
           for name in ("input_ids", "attention_mask", "token_type_ids")]
    graph = helper.make_graph(
        b.nodes, "tiny_bert_classifier", ids,
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", len(LABELS)])],
        initializer=b.initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="aitrader-tests")
    model.ir_version = 8
    model.doc_string = "BERT-shaped sequence classifier with random weights (seed %d), for tests" % SEED
    helper.set_model_props(model, {
        "id2label": json.dumps({str(i): label for i, label in enumerate(LABELS)}),
        "max_length": str(MAX_LENGTH),
    })
    onnx.checker.check_model(model, full_check=True)
    return model


def softmax(logits):
    logits = logits.astype(np.float32)
    exponentials = np.exp(logits - logits.max(axis=1, keepdims=True))
    return exponentials / exponentials.sum(axis=1, keepdims=True)


def main():
    vocab = read_vocab()
    FIXTURES.mkdir(parents=True, exist_ok=True)
    model = build_model()
    onnx.save(model, MODEL)

    tokenizer = BertWordPieceTokenizer(str(vocab), lowercase=True)
    tokenizer.enable_truncation(MAX_LENGTH)
    tokenizer.enable_padding()
    encodings = tokenizer.encode_batch(TEXTS)
    feed = {
        "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
        "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
        "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
    }
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(str(MODEL), sess_options=options, providers=["CPUExecutionProvider"])
    (logits,) = session.run(["logits"], feed)
    probabilities = softmax(logits)

    expected = {
        "onnxruntime": ort.__version__,
        "tokenizers": tokenizers.__version__,
        "max_length": MAX_LENGTH,
        "labels": LABELS,
        "cases": [
            {
                "text": text,
                "input_ids": encoding.ids,
                "attention_mask": encoding.attention_mask,
                "logits": [float(v) for v in row_logits],
                "probabilities": [float(v) for v in row],
            }
            for text, encoding, row_logits, row in zip(TEXTS, encodings, logits, probabilities)
        ],
    }
    EXPECTED.write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    size = MODEL.stat().st_size
    winners = np.bincount(probabilities.argmax(axis=1), minlength=len(LABELS))
    print(f"{MODEL.relative_to(ROOT)}: {size:,} bytes, sha256 {hashlib.sha256(MODEL.read_bytes()).hexdigest()}")
    print(f"{EXPECTED.relative_to(ROOT)}: {len(TEXTS)} texts, padded to {feed['input_ids'].shape[1]}; "
          f"largest class per text: {dict(zip(LABELS, winners.tolist()))}; "
          f"probabilities {probabilities.min():.4f} … {probabilities.max():.4f}")


if __name__ == "__main__":
    main()
