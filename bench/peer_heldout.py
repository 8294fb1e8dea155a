#!/usr/bin/env python3
"""The scikit-learn peer (TF-IDF word 1-2 + char 2-5 grams, sublinear tf, min_df 2, logistic
regression C=4) trained and measured on exactly the parts `defuse train` / `defuse eval
--heldout` use: rows with split "test" are test; in files without test rows, ids whose
xxh3_64(id, seed 0xDEF05E) % 100 < 20. Prints macro F1 and per-class F1.
With --title, rows that have a `title` are read as defuse reads them (title, "\n.\n", text),
in training and in the test; --title-apart also gives the titles' words (1-2-grams) a
vectorizer of their own, as defuse's `title:` group.
Usage: peer_heldout.py [--title | --title-apart] FILE...   (needs scikit-learn and xxhash: pip install scikit-learn xxhash)"""
import json, sys
import xxhash
from sklearn.pipeline import FeatureUnion
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from scipy.sparse import hstack

TOXIC = {"hate": "toxic", "offensive": "toxic", "neither": "clean"}

args = sys.argv[1:]
apart = "--title-apart" in args
use_title = apart or "--title" in args
args = [a for a in args if a not in ("--title", "--title-apart")]


def text(r):
    if use_title and (r.get("title") or "").strip():
        return r["title"] + "\n.\n" + r["text"]
    return r["text"]


for f in args:
    rows = [json.loads(l) for l in open(f, encoding="utf-8") if l.strip()]
    for r in rows:
        r["label"] = TOXIC.get(r["label"], r["label"])
    has_test = any(r.get("split") == "test" for r in rows)

    def is_test(r):
        if r.get("split") == "test":
            return True
        return not has_test and xxhash.xxh3_64_intdigest(str(r["id"]).encode(), seed=0xDEF05E) % 100 < 20

    tr = [r for r in rows if not is_test(r)]
    te = [r for r in rows if is_test(r)]
    vec = FeatureUnion([
        ("w", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)),
        ("c", TfidfVectorizer(analyzer="char", ngram_range=(2, 5), sublinear_tf=True, min_df=2)),
    ])
    X = vec.fit_transform([text(r) for r in tr])
    Xt = vec.transform([text(r) for r in te])
    if apart:
        tv = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
        X = hstack([X, tv.fit_transform([r.get("title") or "" for r in tr])]).tocsr()
        Xt = hstack([Xt, tv.transform([r.get("title") or "" for r in te])]).tocsr()
    clf = LogisticRegression(max_iter=1000, C=4).fit(X, [r["label"] for r in tr])
    pred = clf.predict(Xt)
    gold = [r["label"] for r in te]
    labels = sorted(set(gold))
    per = f1_score(gold, pred, average=None, labels=labels)
    print(json.dumps({"file": f.split("/")[-1], "title": "apart" if apart else use_title, "rows": len(te),
                      "macro_f1": round(f1_score(gold, pred, average="macro"), 3),
                      "f1": {l: round(float(v), 3) for l, v in zip(labels, per)}}), flush=True)
