#!/usr/bin/env bash
# Issue-4 comparison of DIN and R2LED on one dataset, with the same tuning budget for both:
# a learning-rate search on seed 1 (best validation AUC), then seeds 1..3 at each model's best rate.
# Finished runs (with metrics.json) are kept, so the script can be re-run to fill in missing ones.
#
#   scripts/compare-din-r2led.sh DATA_DIR SIDS_DIR OUT_DIR [extra --set k=v ...]
#
# Writes OUT_DIR/lr-search/<model>-lr<rate>/seed1, OUT_DIR/final/<model>/seed<s> and OUT_DIR/summary.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="$1"; SIDS="$2"; OUT="$3"; shift 3
MODELS="${MODELS:-din r2led}"
RATES="${RATES:-1e-3 3e-4}"
SEEDS="${SEEDS:-1 2 3}"
COMMON=(--set epochs="${EPOCHS:-5}" --set patience=4 --set lr_decay_patience=2 "$@")

train() { # model lr seed dir
  if [ -f "$4/metrics.json" ]; then echo "keep $4"; return; fi
  rm -rf "$4"
  "$ROOT/r2led" train --data "$DATA" --sids "$SIDS" --model "$1" --set learning_rate="$2" --set seed="$3" \
    "${COMMON[@]}" --out "$4" --ledger "$OUT/results.tsv" --no-progress
}

valid_auc() { sed -n '/"valid"/,/}/s/.*"auc" : \([0-9.]*\).*/\1/p' "$1/metrics.json" | head -1; }

for m in $MODELS; do
  best=""; best_auc=0
  for lr in $RATES; do
    d="$OUT/lr-search/$m-lr$lr/seed1"
    train "$m" "$lr" 1 "$d"
    a=$(valid_auc "$d")
    if awk "BEGIN{exit !($a > $best_auc)}"; then best_auc=$a; best=$lr; fi
  done
  echo "$m: best learning_rate $best (valid AUC $best_auc)" | tee -a "$OUT/lr-choice.txt"
  for s in $SEEDS; do
    d="$OUT/final/$m/seed$s"
    if [ "$s" = 1 ] && [ ! -e "$d" ]; then mkdir -p "$(dirname "$d")"; cp -r "$OUT/lr-search/$m-lr$best/seed1" "$d"; fi
    train "$m" "$best" "$s" "$d"
  done
done
"$ROOT/r2led" bench summarize "$OUT/final" --out "$OUT/summary.md"
