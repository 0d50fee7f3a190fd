#!/usr/bin/env bash
# cascade_weight of trained ULIM runs chosen on VALIDATION, no retraining (docs/retrieval.md#cascade-weight):
# evaluates OUT/<dataset>/ulim-s<seed>/ on the valid split at every weight (`retrieve evaluate --set`),
# picks per dataset the weight with the best mean valid HR@50 over the seeds SELECT_SEEDS (default: all
# seeds; ties: the smaller weight), then evaluates the test split of every seed at that weight only.
# Resumable: finished evaluations are kept.
# Usage: [SELECT_SEEDS="1"] scripts/tune-cascade.sh OUT "ml tb synlong" "1 2 3" "0 0.25 0.5 0.75 1"
# Writes OUT/cascade/<dataset>/s<seed>-cw<w>-<split>.json and prints one line per dataset and weight.
# Another retrieval-time key the same way: KEY=repeat_weight FIXED="cascade_weight=1" (keys held at a value,
# space-separated) writes OUT/cascade/<dataset>/s<seed>-<KEY><w>-<FIXED>-<split>.json.
set -euo pipefail
OUT="$1"; DATASETS="$2"; SEEDS="${3:-1 2 3}"; WEIGHTS="${4:-0 0.25 0.5 0.75 1}"
SELECT_SEEDS="${SELECT_SEEDS:-$SEEDS}"
KEY="${KEY:-cascade_weight}"
FIXED="${FIXED:-}"
if [ "$KEY" = cascade_weight ] && [ -z "$FIXED" ]; then TAG=cw; else TAG="$KEY"; fi
SUFFIX=""; SETS=()
for kv in $FIXED; do SUFFIX="$SUFFIX-$kv"; SETS+=(--set "$kv"); done
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${R2LED_BIN:-$ROOT/r2led}"
command -v jq >/dev/null || { echo "tune-cascade: needs jq" >&2; exit 1; }
file() { echo "$OUT/cascade/$1/s$2-$TAG$3$SUFFIX-$4.json"; }   # dataset seed value split
eval_at() {   # dataset seed value split
  local f; f="$(file "$@")"
  [ -f "$f" ] && return 0
  mkdir -p "$OUT/cascade/$1"
  echo "== $1 ulim seed $2 $KEY $3 $FIXED ($4)" >&2
  "$BIN" retrieve evaluate --run "$OUT/$1/ulim-s$2" --split "$4" --set "$KEY=$3" ${SETS[@]+"${SETS[@]}"} --json "$f" >&2
}
hr50() { jq -r '.metrics["hr@50"]' "$1"; }
for ds in $DATASETS; do
  best=""; bestHr=-1
  for w in $WEIGHTS; do
    vals=()
    for s in $SELECT_SEEDS; do eval_at "$ds" "$s" "$w" valid; vals+=("$(hr50 "$(file "$ds" "$s" "$w" valid)")"); done
    mean=$(printf '%s\n' "${vals[@]}" | awk '{t+=$1} END {printf "%.6f", t/NR}')
    echo -e "$ds\t$KEY=$w $FIXED\tvalid HR@50 mean $mean\t(seeds $SELECT_SEEDS: ${vals[*]})"
    if awk -v a="$mean" -v b="$bestHr" 'BEGIN {exit !(a > b)}'; then best="$w"; bestHr="$mean"; fi
  done
  echo -e "$ds\tchosen $KEY=$best $FIXED (best mean valid HR@50 $bestHr)"
  for s in $SEEDS; do eval_at "$ds" "$s" "$best" test; done
  for s in $SEEDS; do
    jq -r --arg ds "$ds" --arg s "$s" --arg kv "$KEY=$best $FIXED" \
      '"\($ds)\tseed \($s)\t\($kv)\ttest HR@50 \(.metrics["hr@50"])\tNDCG@10 \(.metrics["ndcg@10"])"' \
      "$(file "$ds" "$s" "$best" test)"
  done
done
