#!/usr/bin/env bash
# Whole-process benchmarks of guidegraph against the tools a user would otherwise reach for,
# side by side in one run, with ratios and peak memory:
#   - `guidegraph index` vs tantivy-cli's `tantivy index` over the same articles (one JSON
#     document per section), at 1x and 10x;
#   - `guidegraph query "model decay"` and a structured query vs `rg -i -l "model decay"`
#     over the raw corpus, at 1x, 10x and 100x.
# Timings are printed, never asserted.
#
# Usage: benches/compare.sh            (SCALES="1 10 100", WORK=/tmp/guidegraph-bench)
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
cargo build --release -q
gg=$PWD/target/release/guidegraph

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

peak_kb() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n 1; }
mean_ms() { python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print(' '.join(f\"{x['mean']*1000:.1f}\" for x in r))" "$1"; }
ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{b/a:.1f}x' if a>0 else '-')" "$1" "$2"; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(uname -sr)"
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
  else
    # Too large to repeat under hyperfine: one timed build, with its peak memory.
    rm -rf "$work/gg-$s"
    read -r secs gmem < <(/usr/bin/time -f '%e %M' "$gg" index --index "$work/gg-$s" --corpus "$corpus" 2>&1 >/dev/null | tail -n 1)
    printf '%-6s %-28s %10s s  %13s %10s %12s\n' "${s}x" "index (${size} MB), one run" "$secs" "-" "-" "$gmem"
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
done
echo
echo "ratio = baseline time / guidegraph time (above 1x: guidegraph is faster)"
