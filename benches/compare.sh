#!/usr/bin/env bash
# Whole-process benchmarks of guidegraph against the tools a user would otherwise reach for,
# side by side in one run, with ratios and peak memory:
#   - `guidegraph index` vs tantivy-cli's `tantivy index` over the same articles (one JSON
#     document per section), at 1x and 10x;
#   - `guidegraph query "model decay"` and a structured query vs `rg -i -l "model decay"`
#     over the raw corpus, at 1x, 10x and 100x;
#   - start-up: `guidegraph --version`;
#   - with BUILD=1, the first build of a fresh clone (`cargo build --release` into an empty
#     target folder, then `cargo run --release -- query …`, the README's first command) and
#     `cargo test` (a build of its own, then the tests): minutes of work, so off by default.
# It ends with one line per goal of issue 22: met, or not and by how much. Timings are
# printed, never asserted; on a busy machine they say little (the load is printed first).
#
# Usage: benches/compare.sh            (SCALES="1 10 100", WORK=/tmp/guidegraph-bench)
#        GG=path/to/guidegraph benches/compare.sh   (measure that binary, built elsewhere)
# Needs hyperfine, ripgrep and GNU time (Debian) and tantivy-cli (crates.io); installs the
# ones that are missing. The corpus is ../shared/corpus (or $GUIDEGRAPH_SHARED/corpus).
set -euo pipefail
cd "$(dirname "$0")/.."

shared=${GUIDEGRAPH_SHARED:-../shared}
scales=${SCALES:-"1 10 100"}
work=${WORK:-/tmp/guidegraph-bench}
mkdir -p "$work"

need_apt=()
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
command -v rg >/dev/null || need_apt+=(ripgrep)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${need_apt[@]}"
fi
# tantivy-cli 0.24 builds only with dependency versions newer than its lock file.
command -v tantivy >/dev/null || cargo install tantivy-cli --version 0.24.0
if [ -n "${GG:-}" ]; then
  gg=$(realpath "$GG")
else
  cargo build --release -q
  gg=${CARGO_TARGET_DIR:-$PWD/target}/release/guidegraph
fi

# tantivy-cli asks for the schema interactively: title (stored, positions), body
# (positions), path (stored, untokenized).
tantivy_schema='title
Text
Y
N
Y
Y
Y
Y
Y
body
Text
N
N
Y
Y
Y
Y
Y
path
Text
Y
N
Y
N
N
'

# Verdicts, collected as the run goes and printed at the end.
verdicts=()
# verdict GOAL MEASURED OK: one line, "met" or "NOT met".
verdict() { if [ "$3" = 1 ]; then verdicts+=("met      $1: $2"); else verdicts+=("NOT met  $1: $2"); fi; }
# at_least A B: 1 when A >= B (floats).
at_least() { python3 -c "import sys; print(int(float(sys.argv[1]) >= float(sys.argv[2])))" "$1" "$2"; }
times() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{b/a:.2f}' if a>0 else '0')" "$1" "$2"; }
peak_kb() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n 1; }
mean_ms() { python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print(' '.join(f\"{x['mean']*1000:.1f}\" for x in r))" "$1"; }
ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{b/a:.1f}x' if a>0 else '-')" "$1" "$2"; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(uname -sr); load average$(uptime | sed 's/.*load average//')"
echo "guidegraph: $gg"

# Start-up: what runs before any command does its work (static initialisation, loading).
hyperfine -N -w 20 -r 300 --export-json "$work/version.json" "$gg --version" >/dev/null 2>&1
v=$(python3 -c "import json,sys; print(f\"{json.load(open(sys.argv[1]))['results'][0]['mean']*1000:.2f}\")" "$work/version.json")
printf '\nstart-up (guidegraph --version): %s ms\n' "$v"
verdict "start-up under 0.7 ms" "$v ms" "$(at_least 0.7 "$v")"

printf '\n%-6s %-28s %12s %12s %10s %12s %12s\n' scale measure guidegraph baseline ratio "gg peak KB" "base peak KB"
for s in $scales; do
  corpus=$work/corpus-$s
  if [ ! -d "$corpus" ]; then
    python3 benches/scale_corpus.py "$s" "$corpus" "$shared/corpus/azure-waf" "$shared/corpus/power-platform-waf" >/dev/null
  fi
  size=$(du -sm "$corpus" | cut -f1)

  if [ "$s" -le 10 ]; then
    json=$work/sections-$s.json
    [ -f "$json" ] || python3 benches/sections_json.py "$corpus" > "$json"
    printf '%s' "$tantivy_schema" > "$work/schema.txt"
    hyperfine -w 1 -r 5 --export-json "$work/index-$s.json" \
      --prepare "rm -rf $work/gg-$s" \
      "$gg index --index $work/gg-$s --corpus $corpus" \
      --prepare "rm -rf $work/tv-$s && tantivy new -i $work/tv-$s < $work/schema.txt" \
      "tantivy index -i $work/tv-$s -f $json -t 2" >/dev/null
    read -r g t < <(mean_ms "$work/index-$s.json")
    rm -rf "$work/gg-$s"; gmem=$(peak_kb "$gg" index --index "$work/gg-$s" --corpus "$corpus")
    rm -rf "$work/tv-$s"; tantivy new -i "$work/tv-$s" < "$work/schema.txt" >/dev/null
    tmem=$(peak_kb tantivy index -i "$work/tv-$s" -f "$json" -t 2)
    printf '%-6s %-28s %10s ms %10s ms %10s %12s %12s\n' "${s}x" "index (${size} MB) vs tantivy" "$g" "$t" "$(ratio "$g" "$t")" "$gmem" "$tmem"
    r=$(times "$g" "$t")
    verdict "index ${s}x at least 1.0x tantivy-cli" "${r}x ($g ms vs $t ms)" "$(at_least "$r" 1.0)"
    if [ "$s" = 10 ]; then
      m=$(times "$tmem" "$gmem")
      verdict "index 10x peak memory at most 1.5x tantivy-cli's" "${m}x ($gmem KB vs $tmem KB)" "$(at_least 1.5 "$m")"
    fi
  else
    # Too large to repeat under hyperfine: one timed build, with its peak memory.
    rm -rf "$work/gg-$s"
    read -r secs gmem < <(/usr/bin/time -f '%e %M' "$gg" index --index "$work/gg-$s" --corpus "$corpus" 2>&1 >/dev/null | tail -n 1)
    printf '%-6s %-28s %10s s  %13s %10s %12s\n' "${s}x" "index (${size} MB), one run" "$secs" "-" "-" "$gmem"
    verdict "index ${s}x peak memory under 1 GiB" "$gmem KB" "$(at_least 1048576 "$gmem")"
  fi

  hyperfine -N -w 3 -r 20 --export-json "$work/query-$s.json" \
    "$gg query --index $work/gg-$s 'model decay'" \
    "$gg query --index $work/gg-$s 'challenges for AI workloads on Azure'" \
    "rg -i -l 'model decay' $corpus" >/dev/null 2>&1
  read -r q1 q2 r < <(mean_ms "$work/query-$s.json")
  qmem=$(peak_kb "$gg" query --index "$work/gg-$s" "model decay")
  rmem=$(peak_kb rg -i -l "model decay" "$corpus")
  printf '%-6s %-28s %10s ms %10s ms %10s %12s %12s\n' "${s}x" "query 'model decay' vs rg" "$q1" "$r" "$(ratio "$q1" "$r")" "$qmem" "$rmem"
  printf '%-6s %-28s %10s ms %10s ms %10s\n' "${s}x" "structured query vs rg" "$q2" "$r" "$(ratio "$q2" "$r")"
  case $s in
    1) verdict "query 1x at least 3x faster than rg" "$(times "$q1" "$r")x ($q1 ms vs $r ms)" "$(at_least "$(times "$q1" "$r")" 3)" ;;
    10) verdict "query 10x at least 15x faster than rg" "$(times "$q1" "$r")x ($q1 ms vs $r ms)" "$(at_least "$(times "$q1" "$r")" 15)" ;;
    *) verdict "query ${s}x under 10 ms" "$q1 ms" "$(at_least 10 "$q1")" ;;
  esac
done
echo
echo "ratio = baseline time / guidegraph time (above 1x: guidegraph is faster)"

if [ "${BUILD:-0}" = 1 ]; then
  # A fresh clone's first build and its first answer, then `cargo test`, each into an empty
  # target folder of its own (the crates are already downloaded; nothing else is shared).
  clone=$work/clone
  rm -rf "$clone" "$work/target-first" "$work/target-test"
  git clone -q . "$clone"
  start=$(date +%s.%N)
  (cd "$clone" && CARGO_TARGET_DIR=$work/target-first cargo run --release -q -- \
    query "challenges for AI workloads on Azure" >/dev/null 2>&1)
  first=$(python3 -c "import sys,time; print(f'{time.time()-float(sys.argv[1]):.0f}')" "$start")
  start=$(date +%s.%N)
  (cd "$clone" && CARGO_TARGET_DIR=$work/target-test cargo test -q >/dev/null 2>&1) || echo "cargo test failed"
  tests=$(python3 -c "import sys,time; print(f'{time.time()-float(sys.argv[1]):.0f}')" "$start")
  printf '\nfirst answer from a fresh clone: %s s; cargo test from nothing: %s s\n' "$first" "$tests"
  verdict "first answer from a fresh clone within 2 min" "$first s" "$(at_least 120 "$first")"
  verdict "cargo test within 2 min" "$tests s" "$(at_least 120 "$tests")"
else
  verdicts+=("-        first build and cargo test within 2 min: not measured (BUILD=1 measures them)")
fi

echo
echo "goals (issue 22):"
printf '  %s\n' "${verdicts[@]}"
