#!/usr/bin/env python3
"""Trains the next-bar direction model, exports it to ONNX and writes the Swift test fixtures.

Run it through the wrapper, which builds the pinned virtual environment first:

  bash scripts/train_direction_model.sh

Writes:
  models/direction.onnx                                     the model
  Tests/InferenceTests/Fixtures/direction_features.csv      closes and features of 600 bars
  Tests/InferenceTests/Fixtures/direction_predictions.json  onnxruntime outputs for fixed inputs

Data: S&P 500 daily bars shipped inside the `arch` wheel on PyPI (the wheel is downloaded, its
sha256 checked, and arch/data/sp500/sp500.csv.gz read straight out of the zip).

Features, for closes c[0..t] of one series (t >= 20), in this order:
  r1            ln(c[t] / c[t-1])
  r5            ln(c[t] / c[t-5])
  r20           ln(c[t] / c[t-20])
  vol20         sample std (ddof = 1) of ln(c[i] / c[i-1]) for i = t-19..t
  ema10_gap     c[t] / EMA10[t] - 1
  ema10_30_gap  EMA10[t] / EMA30[t] - 1
EMAn: alpha = 2 / (n + 1), EMA[0] = c[0], EMA[i] = alpha * c[i] + (1 - alpha) * EMA[i-1]
(pandas ewm(span=n, adjust=False)), run from the first close of the series given.
Label: 1 if c[t+1] > c[t] else 0.
"""

import os

# One BLAS thread keeps training bit-for-bit repeatable.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import gzip
import hashlib
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import onnx
import onnxruntime
import pandas as pd
import sklearn
import skl2onnx
from skl2onnx import convert_sklearn
from skl2onnx.common.data_types import FloatTensorType
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parent.parent
MODEL_PATH = ROOT / "models/direction.onnx"
FIXTURES = ROOT / "Tests/InferenceTests/Fixtures"

ARCH_VERSION = "8.0.0"
ARCH_WHEEL = f"arch-{ARCH_VERSION}-cp311-cp311-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl"
ARCH_SHA256 = "975ec3bdf7926335742ac362251fafe32b448b8f194dead062f22a00beef772d"
ARCH_MEMBER = "arch/data/sp500/sp500.csv.gz"
WHEEL_CACHE = ROOT / ".venv-model/wheels"

FEATURES = ["r1", "r5", "r20", "vol20", "ema10_gap", "ema10_30_gap"]
WARMUP = 20  # first index with all features defined
TRAIN_FRACTION = 0.8
SEED = 42
TARGET_OPSET = {"": 17, "ai.onnx.ml": 3}
FIXTURE_BARS = 600
PREDICTION_ROWS = 300
MAX_MODEL_BYTES = 1_000_000
MAX_FIXTURE_BYTES = 200_000


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch_arch_wheel():
    """Returns the path of the pinned arch wheel, downloading it when not cached."""
    cached = WHEEL_CACHE / ARCH_WHEEL
    if cached.is_file() and sha256(cached) == ARCH_SHA256:
        return cached
    WHEEL_CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        # Explicit platform tags so the same file is chosen on any host.
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             "--only-binary=:all:", "--platform", "manylinux_2_17_x86_64",
             "--python-version", "3.11", "--implementation", "cp", "--abi", "cp311",
             f"arch=={ARCH_VERSION}", "-d", tmp],
            check=True,
        )
        wheel = Path(tmp) / ARCH_WHEEL
        digest = sha256(wheel)
        if digest != ARCH_SHA256:
            sys.exit(f"sha256 mismatch for {ARCH_WHEEL}: {digest}")
        cached.write_bytes(wheel.read_bytes())
    return cached


def load_sp500():
    """Dates (ISO) and closes, oldest first."""
    with zipfile.ZipFile(fetch_arch_wheel()) as wheel:
        raw = gzip.decompress(wheel.read(ARCH_MEMBER))
    frame = pd.read_csv(io.BytesIO(raw))
    # Adjusted close when the file has it (this one does, equal to Close), else Close.
    column = "Adj Close" if "Adj Close" in frame.columns else "Close"
    dates = pd.to_datetime(frame["Date"], format="%m/%d/%Y").dt.strftime("%Y-%m-%d")
    closes = frame[column].to_numpy(dtype=np.float64)
    order = np.argsort(dates.to_numpy(), kind="stable")
    return dates.to_numpy()[order], closes[order], column


def ema(closes, span):
    alpha = 2.0 / (span + 1.0)
    out = np.empty_like(closes)
    out[0] = closes[0]
    for i in range(1, len(closes)):
        out[i] = alpha * closes[i] + (1.0 - alpha) * out[i - 1]
    return out


def features(closes):
    """Feature matrix [len(closes), 6] in float64; rows before WARMUP are NaN."""
    c = np.asarray(closes, dtype=np.float64)
    n = len(c)
    out = np.full((n, len(FEATURES)), np.nan)
    ema10 = ema(c, 10)
    ema30 = ema(c, 30)
    # Cross-check the recursion against pandas.
    for span, mine in ((10, ema10), (30, ema30)):
        theirs = pd.Series(c).ewm(span=span, adjust=False).mean().to_numpy()
        assert np.allclose(mine, theirs, rtol=1e-12, atol=0.0), f"EMA{span} differs from pandas"
    one = np.full(n, np.nan)
    one[1:] = np.log(c[1:] / c[:-1])
    for t in range(WARMUP, n):
        out[t, 0] = np.log(c[t] / c[t - 1])
        out[t, 1] = np.log(c[t] / c[t - 5])
        out[t, 2] = np.log(c[t] / c[t - 20])
        out[t, 3] = np.std(one[t - 19:t + 1], ddof=1)
        out[t, 4] = c[t] / ema10[t] - 1.0
        out[t, 5] = ema10[t] / ema30[t] - 1.0
    return out


def dataset(dates, closes):
    """Rows t = WARMUP .. n-2 (the last bar has no label)."""
    x = features(closes)[WARMUP:-1]
    y = (closes[WARMUP + 1:] > closes[WARMUP:-1]).astype(np.int64)
    return x, y, dates[WARMUP:-1]


def train(x, y):
    split = int(len(x) * TRAIN_FRACTION)
    clf = MLPClassifier(
        hidden_layer_sizes=(32, 16),
        alpha=1e-3,
        learning_rate_init=1e-3,
        max_iter=300,
        early_stopping=True,
        validation_fraction=0.1,
        n_iter_no_change=20,
        random_state=SEED,
    )
    pipe = Pipeline([("scaler", StandardScaler()), ("mlp", clf)])
    pipe.fit(x[:split], y[:split])
    train_acc = pipe.score(x[:split], y[:split])
    test_acc = pipe.score(x[split:], y[split:])
    base_rate = y[split:].mean()
    print(f"rows: {len(x)} (train {split}, test {len(x) - split})")
    print(f"mlp iterations: {clf.n_iter_}, best validation score: {clf.best_validation_score_:.4f}")
    print(f"train accuracy: {train_acc:.4f}")
    print(f"test accuracy:  {test_acc:.4f}")
    print(f"test base rate (share of up bars): {base_rate:.4f}")
    return pipe, clf, split


def export(pipe, clf, trained_rows, first_date, last_date):
    model = convert_sklearn(
        pipe,
        initial_types=[("features", FloatTensorType([None, len(FEATURES)]))],
        options={id(clf): {"zipmap": False}},
        target_opset=TARGET_OPSET,
    )
    model.graph.name = "direction"
    model.doc_string = ("Next-bar direction classifier (StandardScaler + MLP 32x16) on six "
                        "price features; probabilities[:, 1] is p(close rises next bar).")
    model.model_version = 1
    props = {
        "features": ",".join(FEATURES),
        "positive_class": "1",
        "horizon": "1 bar",
        "training_data": f"S&P 500 daily closes (arch {ARCH_VERSION}), {first_date}..{last_date}",
        "trained_rows": str(trained_rows),
    }
    del model.metadata_props[:]
    for key, value in props.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.checker.check_model(model)
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    MODEL_PATH.write_bytes(model.SerializeToString(deterministic=True))
    size = MODEL_PATH.stat().st_size
    assert size < MAX_MODEL_BYTES, f"model is {size} bytes"
    print(f"wrote {MODEL_PATH.relative_to(ROOT)} ({size} bytes, sha256 {sha256(MODEL_PATH)})")


def session():
    return onnxruntime.InferenceSession(str(MODEL_PATH), providers=["CPUExecutionProvider"])


def write_features_fixture(dates, closes):
    slice_dates = dates[-FIXTURE_BARS:]
    slice_closes = closes[-FIXTURE_BARS:]
    feats = features(slice_closes)  # fresh series: EMAs seeded at the slice's first close
    lines = ["date,close," + ",".join(FEATURES)]
    for t in range(FIXTURE_BARS):
        fields = [slice_dates[t], repr(float(slice_closes[t]))]
        if t < WARMUP:
            fields += [""] * len(FEATURES)
        else:
            fields += [repr(float(v)) for v in feats[t]]
        lines.append(",".join(fields))
    path = FIXTURES / "direction_features.csv"
    path.write_text("\n".join(lines) + "\n")
    return path, feats


def write_predictions_fixture(slice_feats):
    rows = slice_feats[-PREDICTION_ROWS:].astype(np.float32)
    edges = np.array([
        [0.0] * 6,
        [10.0] * 6,
        [-10.0] * 6,
        [-0.08, -0.15, -0.25, 0.04, -0.07, -0.05],  # crash-like bar
    ], dtype=np.float32)
    inputs = np.vstack([rows, edges])
    sess = session()
    input_name = sess.get_inputs()[0].name
    label, probabilities = sess.run(["label", "probabilities"], {input_name: inputs})

    def row(values):
        return json.dumps([float(v) for v in values])

    out = [
        "{",
        f'  "model": "{MODEL_PATH.name}",',
        f'  "onnxruntime": "{onnxruntime.__version__}",',
        f'  "source": "float32 of the last {PREDICTION_ROWS} feature rows of direction_features.csv, '
        f'then {len(edges)} edge rows (zeros, 10.0, -10.0, a crash-like row)",',
        '  "inputs": [\n    ' + ",\n    ".join(row(r) for r in inputs) + "\n  ],",
        '  "labels": ' + json.dumps([int(v) for v in label]) + ",",
        '  "probabilities": [\n    ' + ",\n    ".join(row(p) for p in probabilities) + "\n  ]",
        "}",
    ]
    path = FIXTURES / "direction_predictions.json"
    path.write_text("\n".join(out) + "\n")
    # The file must read back to exactly what was fed and returned.
    back = json.loads(path.read_text())
    assert np.array_equal(np.array(back["inputs"], dtype=np.float32), inputs)
    assert np.array_equal(np.array(back["probabilities"], dtype=np.float32), probabilities)
    return path, inputs, label, probabilities


def main():
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, pandas {pd.__version__}, "
          f"scikit-learn {sklearn.__version__}, skl2onnx {skl2onnx.__version__}, "
          f"onnx {onnx.__version__}, onnxruntime {onnxruntime.__version__}")
    dates, closes, column = load_sp500()
    print(f"data: {ARCH_MEMBER} from {ARCH_WHEEL} (sha256 {ARCH_SHA256}), column '{column}', "
          f"{len(closes)} bars {dates[0]}..{dates[-1]}")

    x, y, row_dates = dataset(dates, closes)
    pipe, clf, split = train(x, y)
    export(pipe, clf, split, row_dates[0], row_dates[split - 1])

    # onnxruntime against scikit-learn on the test rows.
    sess = session()
    for meta in sess.get_inputs() + sess.get_outputs():
        print(f"  {meta.name}: {meta.type} {meta.shape}")
    test_x = x[split:].astype(np.float32)
    label, probabilities = sess.run(None, {"features": test_x})
    sk_prob = pipe.predict_proba(test_x.astype(np.float64))
    print(f"onnxruntime vs scikit-learn on test rows: max |dp| "
          f"{np.abs(probabilities - sk_prob).max():.2e}, label agreement "
          f"{(label == pipe.predict(test_x.astype(np.float64))).mean():.4f}")

    FIXTURES.mkdir(parents=True, exist_ok=True)
    feat_path, slice_feats = write_features_fixture(dates, closes)
    pred_path, *_ = write_predictions_fixture(slice_feats)
    for path in (feat_path, pred_path):
        size = path.stat().st_size
        assert size < MAX_FIXTURE_BYTES, f"{path} is {size} bytes"
        print(f"wrote {path.relative_to(ROOT)} ({size} bytes, sha256 {sha256(path)})")


if __name__ == "__main__":
    main()
