#!/usr/bin/env python3
"""One comparison table over several `r2led bench models` outputs (one per dataset).

    scripts/field_table.py [--metric auc|gauc|logloss] [--models m1,m2,...] NAME=BENCH_DIR[+BENCH_DIR...] ...

Reads BENCH_DIR/results.json of each bench and prints a Markdown table: one row per model, one column per dataset
(NAME) with the test metric as mean ± sample std over the seeds, the chosen learning rate and embedding regularizer,
the best/last epoch of every seed, and "capped n" when n seeds ended with their best checkpoint at the last
evaluation. Several benches of one dataset are joined with '+'; a model in a later one replaces the earlier (e.g. a
bench that added the learning rate to the grid of a few models). The best mean of each column is bold; a model
whose mean is within one std (the larger of the two) of the best is marked with "≈", so that a lead inside the
seeds' spread is visible. Standard library only.
"""
import argparse
import json
import os
import sys


def load(bench_dir):
    path = os.path.join(bench_dir, "results.json")
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except OSError as e:
        sys.exit(f"field_table: cannot read {path}: {e.strerror}")
    except json.JSONDecodeError as e:
        sys.exit(f"field_table: {path} is not JSON (line {e.lineno}): {e.msg}")
    if "results" not in data:
        sys.exit(f"field_table: {path} has no 'results' list; expected the results.json of `r2led bench models`")
    fixed = data.get("settings", [])
    return {m["model"]: dict(m, chosen=fixed + m.get("setting", [])) for m in data["results"]}


def setting(model):
    kv = dict(s.split("=", 1) for s in model["chosen"] if "=" in s)
    return f"lr {kv.get('learning_rate', '1e-3')}, reg {kv.get('embedding_regularizer', '0')}"


def epochs(model):
    parts = []
    for s in model.get("seeds", []):
        c = s.get("convergence") or {}
        if "best_epoch" in c:
            parts.append(f"{c['best_epoch']}/{c['last_epoch']}")
    return ", ".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--metric", default="auc", choices=["auc", "gauc", "logloss"])
    ap.add_argument("--models", default="", help="comma-separated models and their order (default: all, first bench's order)")
    ap.add_argument("benches", nargs="+", metavar="NAME=BENCH_DIR")
    a = ap.parse_args()
    names, tables = [], []
    for spec in a.benches:
        if "=" not in spec:
            sys.exit(f"field_table: '{spec}' is not NAME=BENCH_DIR")
        name, dirs = spec.split("=", 1)
        names.append(name)
        merged = {}
        for d in dirs.split("+"):
            merged.update(load(d))
        tables.append(merged)
    order = [m for m in a.models.split(",") if m] or list(dict.fromkeys(m for t in tables for m in t))
    key = "test_" + a.metric
    lower_better = a.metric == "logloss"
    best = []
    for t in tables:
        vals = [(t[m][key]["mean"], t[m][key]["std"] or 0.0) for m in order if m in t and t[m].get(key)]
        best.append((min if lower_better else max)(vals, key=lambda v: v[0]) if vals else None)
    print("| model | " + " | ".join(f"{n} test {a.metric.upper() if a.metric != 'logloss' else 'LogLoss'} (chosen lr, regularizer; best/last epoch per seed)" for n in names) + " |")
    print("|---|" + "---:|" * len(names))
    for m in order:
        cells = []
        for t, b in zip(tables, best):
            if m not in t or not t[m].get(key):
                cells.append("—")
                continue
            mean, std = t[m][key]["mean"], t[m][key]["std"] or 0.0
            text = f"{mean:.4f} ± {std:.4f}"
            if b is not None and mean == b[0]:
                text = f"**{text}**"
            elif b is not None and abs(mean - b[0]) <= max(std, b[1]):
                text = f"≈ {text}"
            capped = t[m].get("capped_seeds", 0)
            n = t[m][key].get("n", 0)
            shown = setting(t[m]).split(",")[0] if m == "lr_shortcuts" else setting(t[m])  # no embeddings to regularize
            text += f" ({shown}; {epochs(t[m])}" + (f"; {n} seed{'s' if n != 1 else ''}" if n < 3 else "")
            text += (f"; capped {capped}" if capped else "") + ")"
            cells.append(text)
        print(f"| {m} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
