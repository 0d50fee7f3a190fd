#!/usr/bin/python3
"""MovieLens with its movie ids replaced by a seeded random permutation (docs/retrieval.md#movielens-budget).

Usage: scripts/movielens-permute-ids.py SRC_DIR DST_DIR SEED
Same movies, ratings, tags and times; only the ids change (movies.csv, ratings.csv, tags.csv, links.csv), so the
prepared order (timestamp, then item id) breaks same-timestamp ties at random instead of by increasing movie id.
Prepare DST_DIR with `r2led data prepare --source movielens`. Standard library only.
"""
import csv
import random
import sys


def main():
    src, dst, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(src + "/movies.csv", encoding="utf-8", newline="") as f:
        ids = sorted({row["movieId"] for row in csv.DictReader(f)}, key=int)
    perm = ids[:]
    random.Random(seed).shuffle(perm)
    mapping = dict(zip(ids, perm))
    for name in ("movies.csv", "ratings.csv", "tags.csv", "links.csv"):
        with open(src + "/" + name, encoding="utf-8", newline="") as fi, \
                open(dst + "/" + name, "w", encoding="utf-8", newline="") as fo:
            reader = csv.DictReader(fi)
            writer = csv.DictWriter(fo, reader.fieldnames, lineterminator="\n")
            writer.writeheader()
            for row in reader:
                if row["movieId"] not in mapping:
                    sys.exit("%s: movieId %r is not in movies.csv" % (name, row["movieId"]))
                row["movieId"] = mapping[row["movieId"]]
                writer.writerow(row)


if __name__ == "__main__":
    main()
