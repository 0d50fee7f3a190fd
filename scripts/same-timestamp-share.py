#!/usr/bin/python3
"""Share of next-item targets whose timestamp equals the previous positive's (docs/retrieval.md#movielens-budget).

Usage: scripts/same-timestamp-share.py DATASET_DIR
Reads a prepared dataset's sequences with the next-item protocol's rules (rating data: rating >= the manifest's
threshold; consecutive repeats of one item collapse; last positive = test, the one before = valid, users with at
least 3 positives) and prints per split the targets, the share tied with the previous positive's time, and among
those the share with a larger item id (the prepared order breaks ties by item id). Needs numpy.
"""
import json
import sys

import numpy as np


def main():
    d = sys.argv[1]
    m = json.load(open(d + "/manifest.json", encoding="utf-8"))
    off = np.fromfile(d + "/seq/offsets.i64", "<i8")
    item = np.fromfile(d + "/seq/item.i32", "<i4")
    beh = np.fromfile(d + "/seq/behavior.i8", "i1")
    ts = np.fromfile(d + "/seq/ts.i64", "<i8")
    rating = m["protocol"].get("protocol") == "rating"
    thr = m["protocol"].get("rating.threshold", 0)
    positive = [True] + [(float(n[1:]) >= thr) if rating else True for n in m["behaviors"]]
    count = {s: [0, 0, 0] for s in ("train", "valid", "test")}   # targets, tied, tied with a larger id
    for u in range(len(off) - 1):
        items, times = [], []
        for e in range(off[u], off[u + 1]):
            if not positive[beh[e]] or (items and items[-1] == item[e]):
                continue
            items.append(int(item[e]))
            times.append(int(ts[e]))
        n = len(items)
        for p in range(1, n):
            split = "test" if n >= 3 and p == n - 1 else "valid" if n >= 3 and p == n - 2 else "train"
            c = count[split]
            c[0] += 1
            if times[p] == times[p - 1]:
                c[1] += 1
                c[2] += items[p] > items[p - 1]
    for split, (n, tied, larger) in count.items():
        print("%s: %d targets, %.3f tied with the previous positive's time, %.3f of those with a larger item id"
              % (split, n, tied / max(n, 1), larger / max(tied, 1)))


if __name__ == "__main__":
    main()
