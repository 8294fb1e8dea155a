#!/usr/bin/env python3
"""Write the measured figures of a `defuse train` report.json into MODEL_CARD.md, between the
markers <!-- figures:begin --> and <!-- figures:end -->. Usage: model_card_figures.py REPORT CARD"""
import json, sys

report = json.load(open(sys.argv[1]))
card_path = sys.argv[2]
lines = ["| data set (held-out part) | task | rows | macro F1 | accuracy | per-class F1 | ECE |",
         "|---|---|---|---|---|---|---|"]
for f in report["test"]:
    r = f["report"]
    per = ", ".join(f'{c["class"]} {c["f1"]:.3f}' for c in r["classes"] if c["support"] > 0)
    ece = f'{r["ece"]:.3f}' if r.get("ece") is not None else "-"
    name = f["file"] + (" (text only, no title)" if f.get("text_only") else "")
    lines.append(f'| {name} | {f["task"]} | {r["n"]} | {r["macro_f1"]:.3f} | {r["accuracy"]:.3f} | {per} | {ece} |')
heads = report["model"]["heads"]
lines.append("")
for h in heads:
    th = ", ".join(f"{k} {v:.2f}" for k, v in sorted(h.get("thresholds", {}).items()))
    lines.append(f'- head `{h["name"]}`: classes {", ".join(h["classes"])}; temperature {h["temperature"]:.2f}'
                 + (f'; threshold {h["threshold"]:.2f} (per language: {th})' if len(h["classes"]) == 2 else ""))
lines.append(f'- hash buckets: 2^{report["model"]["bits"]}; options: {json.dumps(report["model"]["trained"]["options"])}')
text = open(card_path).read()
a, b = "<!-- figures:begin -->", "<!-- figures:end -->"
i, j = text.index(a) + len(a), text.index(b)
open(card_path, "w").write(text[:i] + "\n" + "\n".join(lines) + "\n" + text[j:])
print("figures written to", card_path)
