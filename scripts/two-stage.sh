#!/usr/bin/env bash
# The two-stage pipeline (ULIM top-C candidates -> an exported R2LED ranker) against ULIM alone, on the
# test split, per seed, at given retrieval-time settings (docs/retrieval.md#two-stage):
#   scripts/two-stage.sh OUT DATASET "1 2 3" RANKERS [KEY=VALUE ...]
# RANKERS is a path pattern with {s} for the seed (e.g. OUT/rankers/tb-model-s{s}); ULIM seed s is re-ranked
# by ranker s. Writes OUT/two-stage/<dataset>-ulim-s<seed>[-KEY=VALUE...].txt (kept: finished seeds are not
# rerun) and prints per seed and as mean ± sample std: NDCG@10 and HR@10 of ULIM alone and of the pipeline.
set -euo pipefail
OUT="$1"; DS="$2"; SEEDS="$3"; RANKERS="$4"; shift 4
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${R2LED_BIN:-$ROOT/r2led}"
SUFFIX=""; SETS=()
for kv in "$@"; do SUFFIX="$SUFFIX-$kv"; SETS+=(--set "$kv"); done
mkdir -p "$OUT/two-stage"
rows=()
for s in $SEEDS; do
  f="$OUT/two-stage/$DS-ulim-s$s$SUFFIX.txt"
  if [ ! -s "$f" ]; then
    echo "== $DS ulim seed $s $* -> ${RANKERS//\{s\}/$s}" >&2
    "$BIN" retrieve evaluate --run "$OUT/$DS/ulim-s$s" --split test --ranker "${RANKERS//\{s\}/$s}" \
      ${SETS[@]+"${SETS[@]}"} > "$f.tmp"
    mv "$f.tmp" "$f"
  fi
  # first NDCG/HR block: ULIM alone; the one after "two-stage": the pipeline
  row=$(awk '/^two-stage/ {two=1} /^HR@10/ {if (two) h2=$2; else h1=$2} /^NDCG@10/ {if (two) n2=$2; else n1=$2}
    END {print n1, h1, n2, h2}' "$f")
  echo -e "$DS\tseed $s\tULIM NDCG@10 / HR@10 $(cut -d' ' -f1,2 <<<"$row" | tr ' ' '/')\tpipeline $(cut -d' ' -f3,4 <<<"$row" | tr ' ' '/')"
  rows+=("$row")
done
printf '%s\n' "${rows[@]}" | awk -v ds="$DS" -v sets="$*" '
  {for (i = 1; i <= 4; i++) {s[i] += $i; q[i] += $i * $i}} 
  END {for (i = 1; i <= 4; i++) {m[i] = s[i] / NR; sd[i] = NR > 1 ? sqrt((q[i] - NR * m[i] * m[i]) / (NR - 1)) : 0}
    printf "%s\t%s\t%d seeds\tULIM NDCG@10 %.4f ± %.4f, HR@10 %.4f ± %.4f\tpipeline NDCG@10 %.4f ± %.4f, HR@10 %.4f ± %.4f\n",
      ds, sets, NR, m[1], sd[1], m[2], sd[2], m[3], sd[3], m[4], sd[4]}'
