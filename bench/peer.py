#!/usr/bin/env python3
"""scikit-learn peer for defuse's speed (and quality) comparison.

The baseline named in shared/data/README.md: TF-IDF over word 1-2-grams and
char 2-5-grams (sublinear tf, min_df=2) feeding a logistic regression.

    peer.py [--train FILE] --predict FILE [--output FILE]   # JSON Lines in, JSON Lines out
    peer.py [--train FILE] --eval FILE [--holdout 0.2]      # macro F1, for sanity

Prediction streams the input in batches (2,000 lines by default) in one process
on one core and prints to stderr one JSON line:
    {"tool":"sklearn-peer","lines":N,"seconds":S,"per_second":R}
The clock covers only prediction (read + vectorize + predict + write), not training.
"""
import os

# One core: pin every BLAS/OpenMP pool before numpy is imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
             "BLIS_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import f1_score  # noqa: E402
from sklearn.pipeline import FeatureUnion  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DATA_DIR = os.environ.get("DATA_DIR", os.path.join(HERE, "..", "..", "shared", "data"))


def log(msg):
    print(f"peer: {msg}", file=sys.stderr, flush=True)


def held_out(row_id, fraction):
    """Stable dev split: a row is held out when the hash of its id falls in the first `fraction`."""
    if fraction <= 0:
        return False
    h = int.from_bytes(hashlib.sha1(str(row_id).encode("utf-8")).digest()[:8], "big")
    return (h % 10_000) < fraction * 10_000


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f"peer: {path}:{n}: bad JSON: {e}")


def labelled_rows(path, holdout, want_held_out):
    """Rows with a label; training skips split=test and the held-out hash bucket."""
    texts, labels = [], []
    for row in read_jsonl(path):
        if row.get("label") is None:
            continue
        if not want_held_out and row.get("split") == "test":
            continue
        if held_out(row.get("id"), holdout) != want_held_out and holdout > 0:
            continue
        texts.append(row.get("text") or "")
        labels.append(row["label"])
    return texts, labels


def build_model(c):
    features = FeatureUnion([
        ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2),
                                 sublinear_tf=True, min_df=2, dtype=np.float32)),
        ("char", TfidfVectorizer(analyzer="char", ngram_range=(2, 5),
                                 sublinear_tf=True, min_df=2, dtype=np.float32)),
    ])
    clf = LogisticRegression(max_iter=1000, C=c)
    return features, clf


def predict_stream(features, clf, in_path, out_path, batch):
    classes = [str(c) for c in clf.classes_]
    n = 0
    t0 = time.perf_counter()
    out = sys.stdout if out_path == "-" else open(out_path, "w", encoding="utf-8", buffering=1 << 20)
    inp = sys.stdin if in_path == "-" else open(in_path, encoding="utf-8", buffering=1 << 20)
    try:
        ids, texts = [], []

        def flush():
            x = features.transform(texts)
            proba = clf.predict_proba(x)
            best = proba.argmax(axis=1)
            lines = []
            for i, row_id in enumerate(ids):
                p = proba[i]
                lines.append(json.dumps({
                    "id": row_id,
                    "sentiment": classes[best[i]],
                    "scores": {c: round(float(p[k]), 4) for k, c in enumerate(classes)},
                }, ensure_ascii=False))
            out.write("\n".join(lines))
            out.write("\n")

        for lineno, line in enumerate(inp, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f"peer: {in_path}:{lineno}: bad JSON: {e}")
            ids.append(row.get("id"))
            texts.append(row.get("text") or "")
            if len(texts) >= batch:
                flush()
                n += len(texts)
                ids, texts = [], []
        if texts:
            flush()
            n += len(texts)
        out.flush()
    finally:
        if out is not sys.stdout:
            out.close()
        if inp is not sys.stdin:
            inp.close()
    secs = time.perf_counter() - t0
    return n, secs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", default=os.path.join(DATA_DIR, "sentirueval2016_train.jsonl"),
                    help="labelled JSONL to train on (default: $DATA_DIR/sentirueval2016_train.jsonl)")
    ap.add_argument("--predict", metavar="FILE", help="JSONL {id,text} to predict ('-' = stdin)")
    ap.add_argument("--output", default=os.devnull, help="JSONL out ('-' = stdout; default /dev/null)")
    ap.add_argument("--eval", metavar="FILE", help="labelled JSONL: print macro F1 to stderr")
    ap.add_argument("--holdout", type=float, default=0.0,
                    help="hold out this fraction of --train by hash of id; --eval then scores only "
                         "the held-out rows of FILE (use --eval with the same file as --train)")
    ap.add_argument("--batch", type=int, default=2000, help="lines per batch (default 2000)")
    ap.add_argument("--C", type=float, default=4.0, help="inverse regularization (default 4)")
    args = ap.parse_args()
    if not args.predict and not args.eval:
        ap.error("give --predict FILE and/or --eval FILE")
    if not os.path.isfile(args.train):
        sys.exit(f"peer: training file not found: {args.train} (set --train or DATA_DIR)")

    t0 = time.perf_counter()
    texts, labels = labelled_rows(args.train, args.holdout, want_held_out=False)
    if not texts:
        sys.exit(f"peer: no labelled training rows in {args.train}")
    features, clf = build_model(args.C)
    x = features.fit_transform(texts)
    clf.fit(x, labels)
    log(f"trained on {len(texts)} rows of {args.train} ({x.shape[1]} features, "
        f"classes {[str(c) for c in clf.classes_]}) in {time.perf_counter() - t0:.1f} s")

    if args.eval:
        ev_texts, ev_labels = labelled_rows(args.eval, args.holdout, want_held_out=args.holdout > 0)
        if not ev_texts:
            sys.exit(f"peer: no labelled rows to evaluate in {args.eval}")
        pred = clf.predict(features.transform(ev_texts))
        macro = f1_score(ev_labels, pred, average="macro")
        per = f1_score(ev_labels, pred, average=None, labels=list(clf.classes_))
        print(json.dumps({"tool": "sklearn-peer", "eval": args.eval, "rows": len(ev_texts),
                          "holdout": args.holdout, "macro_f1": round(float(macro), 4),
                          "f1": {str(c): round(float(f), 4) for c, f in zip(clf.classes_, per)}}),
              file=sys.stderr, flush=True)

    if args.predict:
        n, secs = predict_stream(features, clf, args.predict, args.output, args.batch)
        print(json.dumps({"tool": "sklearn-peer", "lines": n, "seconds": round(secs, 3),
                          "per_second": round(n / secs, 1) if secs > 0 else None}),
              file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
