#!/usr/bin/python3
"""Summary of scripts/candidate-ranker.sh outputs: OUT/eval/<group>-s<seed>-<model>-{valid,test}.txt.

Usage: scripts/candidate-ranker-summary.py OUT [GROUP_MODEL ...]   (e.g. ml-ulim-lr_shortcuts; default: every group)

Per group (dataset, retriever, ranker model): the retrieval weight rho (the retriever's share of the final order)
is chosen by the best mean VALIDATION NDCG@10 over the seeds (ties: the smaller rho); the test split is reported
for the retriever alone (nothing filtered), the retriever's order over the pipeline's candidates (rho = 1: on rating
data seen items are left out), the ranker alone (rho = 0) and the chosen rho, as mean +- sample std over seeds.
"""
import os
import re
import statistics
import sys
from collections import defaultdict


def parse(path):
    """[(weight or None for the retriever alone, {metric: value})] in file order."""
    blocks, cur = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("two-stage ("):
                m = re.search(r"retrieval weight ([0-9.]+)\)", line)
                cur = (float(m.group(1)) if m else 0.0, {})
                blocks.append(cur)
            elif " on " in line and line.endswith(":") and not blocks:
                cur = (None, {})
                blocks.append(cur)
            elif cur is not None and re.match(r"^(HR|Recall|NDCG)@", line):
                for name, value in re.findall(r"(\w+@\d+) ([0-9.]+)", line):
                    cur[1][name] = float(value)
    return blocks


def fmt(values):
    if len(values) == 1:
        return "%.4f" % values[0]
    return "%.4f ± %.4f" % (statistics.mean(values), statistics.stdev(values))


def main():
    out = sys.argv[1]
    wanted = set(sys.argv[2:])
    runs = defaultdict(dict)   # group -> seed -> split -> blocks
    for name in sorted(os.listdir(os.path.join(out, "eval"))):
        m = re.match(r"^(.+)-s(\d+)-(.+)-(valid|test)\.txt$", name)
        if not m:
            continue
        group = m.group(1) + "-" + m.group(3)
        if wanted and group not in wanted:
            continue
        runs[group].setdefault(int(m.group(2)), {})[m.group(4)] = parse(os.path.join(out, "eval", name))
    for group, seeds in runs.items():
        seeds = {s: v for s, v in seeds.items() if "valid" in v and "test" in v}
        if not seeds:
            continue
        weights = [w for w, _ in seeds[min(seeds)]["valid"] if w is not None]
        valid = {w: statistics.mean(dict(seeds[s]["valid"][1:])[w]["NDCG@10"] for s in seeds) for w in weights}
        alone_valid = statistics.mean(seeds[s]["valid"][0][1]["NDCG@10"] for s in seeds)
        best = max(weights, key=lambda w: (valid[w], -w))
        print("## %s (%d seeds: %s)" % (group, len(seeds), " ".join(map(str, sorted(seeds)))))
        print("valid NDCG@10, mean: retriever alone %.4f; %s; chosen rho = %g" % (
            alone_valid, ", ".join("rho %g: %.4f" % (w, valid[w]) for w in weights), best))
        rows = [("retriever alone", lambda s: seeds[s]["test"][0][1]),
                ("retriever's order over the candidates (rho 1)", lambda s: dict(seeds[s]["test"][1:])[1.0]),
                ("ranker alone (rho 0)", lambda s: dict(seeds[s]["test"][1:])[0.0]),
                ("chosen rho %g" % best, lambda s: dict(seeds[s]["test"][1:])[best])]
        print("| test | NDCG@10 | HR@10 | HR@50 | per seed NDCG@10 |")
        print("|---|---:|---:|---:|---|")
        for label, get in rows:
            vals = {k: [get(s)[k] for s in sorted(seeds)] for k in ("NDCG@10", "HR@10", "HR@50")}
            print("| %s | %s | %s | %s | %s |" % (label, fmt(vals["NDCG@10"]), fmt(vals["HR@10"]), fmt(vals["HR@50"]),
                                                 ", ".join("%.4f" % v for v in vals["NDCG@10"])))
        print()


if __name__ == "__main__":
    main()
