#!/usr/bin/env bash
# The two-stage pipeline (ULIM top-C candidates -> an exported R2LED ranker) against ULIM alone, per seed,
# at given retrieval-time settings (docs/retrieval.md#two-stage):
#   [SPLIT=valid] [RW=0,0.25,0.5] scripts/two-stage.sh OUT DATASET "1 2 3" RANKERS [KEY=VALUE ...]
# RANKERS is a path pattern with {s} for the seed (e.g. OUT/rankers/tb-model-s{s}); ULIM seed s is re-ranked
# by ranker s. RW: the retriever's shares of the final order (`retrieve evaluate --retrieval-weight`; all in
# one pass; default 0 = the ranker alone). SPLIT: test (default) or valid. Writes
# OUT/two-stage/<dataset>-ulim-s<seed>[-KEY=VALUE...][-valid][-rw<RW>].txt (kept: finished seeds are not rerun)
# and prints NDCG@10 and HR@10 of ULIM alone and of the pipeline at each weight, per seed and as mean ± sample std.
set -euo pipefail
OUT="$1"; DS="$2"; SEEDS="$3"; RANKERS="$4"; shift 4
SPLIT="${SPLIT:-test}"; RW="${RW:-0}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${R2LED_BIN:-$ROOT/r2led}"
SUFFIX=""; SETS=()
for kv in "$@"; do SUFFIX="$SUFFIX-$kv"; SETS+=(--set "$kv"); done
[ "$SPLIT" = test ] || SUFFIX="$SUFFIX-$SPLIT"
[ "$RW" = 0 ] || SUFFIX="$SUFFIX-rw$RW"
mkdir -p "$OUT/two-stage"
all=""
for s in $SEEDS; do
  f="$OUT/two-stage/$DS-ulim-s$s$SUFFIX.txt"
  if [ ! -s "$f" ]; then
    echo "== $DS ulim seed $s $* ($SPLIT, retrieval weights $RW) -> ${RANKERS//\{s\}/$s}" >&2
    "$BIN" retrieve evaluate --run "$OUT/$DS/ulim-s$s" --split "$SPLIT" --ranker "${RANKERS//\{s\}/$s}" \
      --retrieval-weight "$RW" ${SETS[@]+"${SETS[@]}"} > "$f.tmp"
    mv "$f.tmp" "$f"
  fi
  # blocks: ULIM alone, then one "two-stage (...)" block per retrieval weight, in RW's order
  all+=$(awk -v s="$s" -v rw="$RW" 'BEGIN {n = split(rw, w, ","); b = 0}
    /^two-stage/ {b++} /^HR@10/ {h[b] = $2} /^NDCG@10/ {nd[b] = $2}
    END {for (i = 1; i <= n; i++) printf "%s %s %s %s %s %s\n", s, w[i], nd[0], h[0], nd[i], h[i]}' "$f")$'\n'
done
printf '%s' "$all" | awk -v ds="$DS" -v sets="$* ($SPLIT)" '
  {printf "%s\tseed %s\tretrieval weight %s\tULIM NDCG@10 / HR@10 %s / %s\tpipeline %s / %s\n", ds, $1, $2, $3, $4, $5, $6
   k = $2; if (!(k in c)) order[++m] = k; c[k]++; for (i = 3; i <= 6; i++) {t[k, i] += $i; q[k, i] += $i * $i}}
  END {for (j = 1; j <= m; j++) {k = order[j]; n = c[k]
    for (i = 3; i <= 6; i++) {mu[i] = t[k, i] / n; sd[i] = n > 1 ? sqrt((q[k, i] - n * mu[i] * mu[i]) / (n - 1)) : 0}
    printf "%s\t%s\tretrieval weight %s\t%d seeds\tULIM NDCG@10 %.4f ± %.4f, HR@10 %.4f ± %.4f\tpipeline NDCG@10 %.4f ± %.4f, HR@10 %.4f ± %.4f\n",
      ds, sets, k, n, mu[3], sd[3], mu[4], sd[4], mu[5], sd[5], mu[6], sd[6]}}'
