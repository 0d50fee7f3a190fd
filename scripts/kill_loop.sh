#!/usr/bin/env bash
# Kill loop (issue 9): kill -9 `data prepare`, `sid build` and `train` at random moments, and check
# after every kill that nothing a later command accepts is invalid:
#   - a dataset / SID directory that `data stats` / `train` accept is byte-identical to the one an
#     uninterrupted run wrote (or absent);
#   - a killed training resumes (`train --resume`, or a fresh `train` when no checkpoint was written
#     yet) to exactly the metrics of an uninterrupted run;
#   - no staging directories or orphaned temporary files survive the next command.
# Usage: scripts/kill_loop.sh OUT_DIR [KILLS_PER_COMMAND]   (default 8 kills each, 24 in all)
# Reads the shared MovieLens data (../shared/data/movielens-latest-small). Writes OUT_DIR/kill-loop.md.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$(mkdir -p "$1" && cd "$1" && pwd)"
KILLS="${2:-8}"
ML="$ROOT/../shared/data/movielens-latest-small"
[ -d "$ML" ] || { echo "kill_loop: $ML not found" >&2; exit 2; }
"$ROOT/r2led" --version >/dev/null # build once
R2="$ROOT/r2led"
REPORT="$OUT/kill-loop.md"
FAILS=0
RANDOM=42

digest() { # sha256 of every file under $1, sorted by path, except reports that record timings and paths
  (cd "$1" && find . -type f ! -name 'stats.*' ! -name 'report.*' -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16
}
leftovers() { # staging/old directories and orphaned temp files beside or inside $1
  find "$(dirname "$1")" -maxdepth 1 \( -name ".$(basename "$1").staging-*" -o -name ".$(basename "$1").old-*" \) | wc -l
}
row() { echo "| $* |" >> "$REPORT"; }
fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }

# Runs "$@" in the background and kills it with SIGKILL after a random delay in [0, $MAXMS) ms.
# Prints "killed" or "finished (rc N)".
run_and_kill() {
  local maxms=$1; shift
  "$@" > "$OUT/last.log" 2>&1 &
  local pid=$!
  local ms=$((RANDOM % maxms))
  sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
  if kill -0 "$pid" 2>/dev/null; then
    pkill -9 -P "$pid" 2>/dev/null; kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    echo "killed at ${ms} ms"
  else
    wait "$pid"; echo "finished (rc $?) before ${ms} ms"
  fi
}

echo "# Kill loop ($(date -u +%Y-%m-%dT%H:%MZ), $KILLS kills per command)" > "$REPORT"
echo >> "$REPORT"
row "command | trial | what happened | state after the kill | after rerun"
row "---|---:|---|---|---"

# ---- reference outputs from uninterrupted runs
PREP=(data prepare --source movielens --input "$ML")
"$R2" "${PREP[@]}" --out "$OUT/ref-data" > /dev/null 2>&1 || { echo "reference prepare failed" >&2; exit 1; }
REF_DATA=$(digest "$OUT/ref-data")
SID=(sid build --data "$OUT/ref-data" --encoder cooccurrence --seed 3)
"$R2" "${SID[@]}" --out "$OUT/ref-sids" > /dev/null 2>&1 || { echo "reference sid build failed" >&2; exit 1; }
REF_SIDS=$(digest "$OUT/ref-sids")
TRAIN=(train --data "$OUT/ref-data" --model din --no-progress --set epochs=1 --set max_steps=60 --set checkpoint_steps=5
  --set eval_steps=30 --set embedding_dim=16)
"$R2" "${TRAIN[@]}" --out "$OUT/ref-run" > /dev/null 2>&1 || { echo "reference train failed" >&2; exit 1; }
REF_AUC=$(python3 -c "import json,sys; print(json.load(open('$OUT/ref-run/metrics.json'))['test']['auc'])")

# ---- data prepare: the target holds the reference after the first success; a kill must keep it or nothing
for t in $(seq 1 "$KILLS"); do
  d="$OUT/data"
  what=$(run_and_kill 9000 "$R2" "${PREP[@]}" --out "$d" --force)
  if [ -d "$d" ]; then
    if "$R2" data stats "$d" > /dev/null 2>&1; then
      got=$(digest "$d"); [ "$got" = "$REF_DATA" ] && state="complete, identical to reference" || { state="ACCEPTED BUT DIFFERENT"; fail "prepare trial $t"; }
    else state="refused by data stats"; fail "prepare trial $t: a dataset directory exists but is unreadable"; fi
  else state="absent (nothing committed yet)"; fi
  "$R2" "${PREP[@]}" --out "$d" > /dev/null 2>&1 && [ "$(digest "$d")" = "$REF_DATA" ] && [ "$(leftovers "$d")" = 0 ] \
    && after="identical, no leftovers" || { after="MISMATCH"; fail "prepare rerun $t"; }
  row "data prepare | $t | $what | $state | $after"
done

# ---- sid build
for t in $(seq 1 "$KILLS"); do
  s="$OUT/sids"
  what=$(run_and_kill 5000 "$R2" "${SID[@]}" --out "$s")
  if [ -d "$s" ]; then
    got=$(cd "$s" && find . -type f -name 'codes.i32' -exec sha256sum {} \; | cut -c1-16)
    ref=$(cd "$OUT/ref-sids" && sha256sum codes.i32 | cut -c1-16)
    [ "$got" = "$ref" ] && state="complete, codes identical" || { state="ACCEPTED BUT DIFFERENT"; fail "sid trial $t"; }
  else state="absent (nothing committed yet)"; fi
  "$R2" "${SID[@]}" --out "$s" > /dev/null 2>&1 && [ "$(digest "$s")" = "$REF_SIDS" ] && [ "$(leftovers "$s")" = 0 ] \
    && after="identical, no leftovers" || { after="MISMATCH"; fail "sid rerun $t"; }
  row "sid build | $t | $what | $state | $after"
done

# ---- train: kill, then continue (resume when a checkpoint exists) until finished; metrics must equal the reference
for t in $(seq 1 "$KILLS"); do
  r="$OUT/run-$t"
  what=$(run_and_kill 15000 "$R2" "${TRAIN[@]}" --out "$r")
  kills=1
  while [ ! -f "$r/metrics.json" ]; do
    if [ -f "$r/checkpoint/last.ckpt" ]; then cmd=("$R2" "${TRAIN[@]}" --out "$r" --resume); else cmd=("$R2" "${TRAIN[@]}" --out "$r"); fi
    if [ $kills -lt 3 ]; then run_and_kill 8000 "${cmd[@]}" > /dev/null; kills=$((kills + 1)); else "${cmd[@]}" > "$OUT/last.log" 2>&1 || { fail "train trial $t: $(tail -1 "$OUT/last.log")"; break; }; fi
  done
  auc=$(python3 -c "import json; print(json.load(open('$r/metrics.json'))['test']['auc'])" 2>/dev/null)
  tmp=$(find "$r" -name '.*.tmp' | wc -l)
  [ "$auc" = "$REF_AUC" ] && [ "$tmp" = 0 ] && after="test AUC $auc = reference, $kills kills, no temp files" \
    || { after="AUC $auc vs $REF_AUC, $tmp temp files"; fail "train trial $t"; }
  row "train (din) | $t | $what | resumed | $after"
done

echo >> "$REPORT"
echo "Failures: $FAILS" >> "$REPORT"
cat "$REPORT"
exit $((FAILS > 0))
