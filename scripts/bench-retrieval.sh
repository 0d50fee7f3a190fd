#!/usr/bin/env bash
# Retrieval table (docs/retrieval.md): trains every retrieval model on each dataset and seed into
# OUT/<dataset>/<model>-s<seed>/ (resumable: finished runs are skipped), then prints the summary.
# Usage: [MAX_TRAIN=20] [EXTRA="--set k=v ..."] scripts/bench-retrieval.sh OUT "ml=/work/data/ml tb=/work/data/tb" "1 2 3" "model1 model2 ..."
# MAX_TRAIN: max_train_per_user (training targets per user and epoch; 20 = the recorded tables' budget; MovieLens
# needs them all, docs/retrieval.md#movielens-budget). EXTRA: further training settings.
set -euo pipefail
OUT="$1"; DATASETS="$2"; SEEDS="${3:-1 2 3}"
MODELS="${4:-popular item_cooc youtube_dnn mind ulim ulim_no_long ulim_self_attention ulim_no_pointer}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# one budget for every neural model (2 cores shared with other jobs; see docs/retrieval.md): early stopping
# (patience 2) ends every run; epochs=30 is a limit that does not bind (the recorded tables used epochs=3).
# hnsw_ef_search=400 is pinned: the recorded runs used it (it was the default then; the default is now 200).
SETTINGS=(--set epochs=30 --set patience=2 --set "max_train_per_user=${MAX_TRAIN:-20}" --set short_seq_len=50 --set long_seq_len=50
  --set category_seq_len=30 --set catalog_negatives=500 --set hnsw_ef_search=400)
for ds in $DATASETS; do
  name="${ds%%=*}"; dir="${ds#*=}"
  for seed in $SEEDS; do
    for m in $MODELS; do
      run="$OUT/$name/$m-s$seed"
      [ -f "$run/retrieval.json" ] && continue
      case "$m" in popular|item_cooc) [ "$seed" != "1" ] && continue ;; esac   # deterministic: one run
      echo "== $name $m seed $seed" >&2
      # shellcheck disable=SC2086
      "${R2LED_BIN:-$ROOT/r2led}" retrieve train --data "$dir" --model "$m" --seed "$seed" "${SETTINGS[@]}" ${EXTRA:-} --no-progress --out "$run" >&2
    done
  done
done
"${R2LED_BIN:-$ROOT/r2led}" retrieve summarize "$OUT"
