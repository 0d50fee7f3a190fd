#!/usr/bin/env bash
# A ranker trained on a retriever's candidates (docs/retrieval.md#candidate-ranker), one retrieval run at a time:
#   [MODEL=din] [C=200] [RW=0,0.25,0.5,0.75,1] [TRAIN="--set epochs=30"] [EXPORT="--skip-recent 0"] \
#     scripts/candidate-ranker.sh OUT NAME RUN [KEY=VALUE ...]
# 1. `retrieve export-candidates --run RUN --candidates C` -> OUT/cand/NAME (the retriever's top C per target)
# 2. `r2led train --model MODEL` on it -> OUT/rankers/NAME-MODEL, `r2led export` -> OUT/rankers/NAME-MODEL.model
# 3. `retrieve evaluate --run RUN --ranker ... --candidates C --retrieval-weight RW` on valid and test
#    -> OUT/eval/NAME-MODEL-{valid,test}.txt (the retriever alone, then the pipeline at each weight)
# KEY=VALUE: retrieval-time settings of RUN (e.g. cascade_weight=1), used for the candidates and the evaluation.
# Every step is skipped when its output exists. Honours R2LED_BIN (e.g. a frozen build while sources change).
set -euo pipefail
OUT="$1"; NAME="$2"; RUN="$3"; shift 3
MODEL="${MODEL:-din}"; C="${C:-200}"; RW="${RW:-0,0.25,0.5,0.75,1}"; TRAIN="${TRAIN:-}"; EXPORT="${EXPORT:-}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${R2LED_BIN:-$ROOT/r2led}"
SETS=()
for kv in "$@"; do SETS+=(--set "$kv"); done
mkdir -p "$OUT/cand" "$OUT/rankers" "$OUT/eval"
cand="$OUT/cand/$NAME"; rank="$OUT/rankers/$NAME-$MODEL"
if [ ! -f "$cand/candidates.json" ]; then
  echo "== export candidates $NAME" >&2
  # shellcheck disable=SC2086
  "$BIN" retrieve export-candidates --run "$RUN" --out "$cand" --candidates "$C" --no-progress $EXPORT ${SETS[@]+"${SETS[@]}"} >&2
fi
if [ ! -f "$rank.model/model.json" ]; then
  echo "== train $MODEL on $cand" >&2
  # shellcheck disable=SC2086
  "$BIN" train --data "$cand" --model "$MODEL" --out "$rank" --no-progress $TRAIN >&2
  "$BIN" export --run "$rank" --out "$rank.model" >&2
fi
for split in valid test; do
  f="$OUT/eval/$NAME-$MODEL-$split.txt"
  [ -s "$f" ] && continue
  echo "== two-stage $NAME -> $MODEL ($split)" >&2
  "$BIN" retrieve evaluate --run "$RUN" --split "$split" --ranker "$rank.model" --candidates "$C" \
    --retrieval-weight "$RW" ${SETS[@]+"${SETS[@]}"} > "$f.tmp"
  mv "$f.tmp" "$f"
done
