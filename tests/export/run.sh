#!/usr/bin/env bash
# guidegraph's exports checked by the tools they are for (issue 19), beyond what the
# Rust tests in tests/it/export.rs can parse themselves:
#   - networkx (pip, in a venv under the target folder) loads the GraphML of the whole
#     graph: as many nodes and edges as `guidegraph stats --format json` counts, every
#     attribute there; the GraphML of `--around X --depth 2` is networkx's own
#     `ego_graph(…, radius=2, undirected=True)` of it;
#   - Graphviz (`apt-get install graphviz` when `dot` is missing) renders the DOT of a
#     neighbourhood and of the whole graph as non-empty SVG with a node per node;
#   - both read titles holding quotes, <, &, backslashes and a line break back whole;
#   - Neo4j's own Cypher parser and linter (npm @neo4j-cypher/language-support, the one
#     behind Neo4j's editors) finds no error and no warning in the Cypher scripts;
#   - bash loads the completion script.
# neo4j-admin itself is on no registry this project may use: the CSV files are checked
# by tests/it/export.rs only.
# Usage: bash tests/export/run.sh [INDEX_DIR]  (default: an index of tests/fixtures).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
target=${CARGO_TARGET_DIR:-$root/target}

echo "== export: cargo build"
cargo build --quiet
gg="$target/debug/guidegraph"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ $# -ge 1 ]; then
  index=$1
else
  index=$work/index
  "$gg" index --index "$index" \
    --corpus tests/fixtures/azure-waf --corpus tests/fixtures/power-platform-waf >/dev/null
fi

# A corpus whose titles would break a careless writer.
mkdir -p "$work/hostile-waf/security"
cat > "$work/hostile-waf/security/checklist.md" <<'MD'
---
title: "Quote \" angle <b> amp & back\\ slash\nsecond line"
---

# Checklist

|&nbsp;|Code|Recommendation|
|---|---|---|
|&#9744;|SE:01|**Say "no" & stop; MERGE (x) // end \\**|
MD
hostile=$work/hostile-index
"$gg" index --index "$hostile" --corpus "$work/hostile-waf" >/dev/null

"$gg" stats --index "$index" --format json > "$work/stats.json"
"$gg" export --index "$index" --format graphml > "$work/all.graphml"
"$gg" export --index "$index" --format graphml --around SE:01 --depth 2 > "$work/around.graphml"
"$gg" export --index "$index" --format graphml --around SE:01 --depth 0 > "$work/centre.graphml"
"$gg" export --index "$hostile" --format graphml > "$work/hostile.graphml"

echo "== export: networkx"
venv=$target/export-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -c 'import networkx' 2>/dev/null ||
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'networkx>=3,<4'
"$venv/bin/python" - "$work" <<'PY'
import json, sys
import networkx as nx

work = sys.argv[1]
stats = json.load(open(f"{work}/stats.json"))
g = nx.read_graphml(f"{work}/all.graphml")
print(f"networkx {nx.__version__}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges;"
      f" stats: {stats['nodes']} nodes, {stats['edges']} edges")
assert g.is_directed()
assert g.number_of_nodes() == stats["nodes"], "node count differs from stats"
assert g.number_of_edges() == stats["edges"], "edge count differs from stats"
for n, attrs in g.nodes(data=True):
    for key in ("id", "kind", "title", "label"):
        assert key in attrs, f"{n} has no {key}"
    assert attrs["id"] == n
kinds = {}
for n, attrs in g.nodes(data=True):
    kinds[attrs["kind"]] = kinds.get(attrs["kind"], 0) + 1
assert kinds == {k: v for k, v in stats["kinds"].items() if v}, (kinds, stats["kinds"])
for u, v, attrs in g.edges(data=True):
    assert attrs.get("kind") and "evidence" in attrs, (u, v, attrs)

(centre,) = nx.read_graphml(f"{work}/centre.graphml").nodes  # --depth 0: the node alone
around = nx.read_graphml(f"{work}/around.graphml")
ego = nx.ego_graph(g, centre, radius=2, undirected=True)
assert set(around.nodes) == set(ego.nodes), set(around.nodes) ^ set(ego.nodes)
assert around.number_of_edges() == ego.number_of_edges()
print(f"--around {centre} --depth 2: {around.number_of_nodes()} nodes,"
      f" {around.number_of_edges()} edges, as networkx's ego_graph")

hostile = nx.read_graphml(f"{work}/hostile.graphml")
titles = {a["title"] for _, a in hostile.nodes(data=True)}
for t in ('Quote " angle <b> amp & back\\ slash\nsecond line', 'Say "no" & stop; MERGE (x) // end \\'):
    assert t in titles, (t, titles)
print("hostile titles read back whole")
PY

echo "== export: Graphviz"
if ! command -v dot >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq graphviz >/dev/null
fi
dot -V
svg_check() { # DOT file, SVG file: non-empty SVG with a node per DOT node (legend too)
  local want got
  want=$(grep -c '^ *"[^"]*" \[label=' "$1" || true)
  got=$(grep -c '<g id="node[0-9]*" class="node">' "$2" || true)
  if [ ! -s "$2" ] || ! grep -q '<svg' "$2" || [ "$got" -ne "$want" ] || [ "$want" -eq 0 ]; then
    echo "$2: $got SVG nodes for $want DOT nodes"
    exit 1
  fi
  echo "$(basename "$2"): $got nodes, $(wc -c < "$2") bytes"
}
"$gg" export --index "$index" --format dot --around SE:01 --depth 1 > "$work/around.dot"
dot -Tsvg "$work/around.dot" > "$work/around.svg"
svg_check "$work/around.dot" "$work/around.svg"
# dot lays out the fixtures' whole graph in a second; the guidance's takes too long.
nodes=$(sed -n 's/^ *"nodes": \([0-9]*\).*/\1/p' "$work/stats.json")
if [ "$nodes" -le 500 ]; then
  "$gg" export --index "$index" --format dot > "$work/all.dot"
  dot -Tsvg "$work/all.dot" > "$work/all.svg"
  svg_check "$work/all.dot" "$work/all.svg"
else
  echo "the whole graph ($nodes nodes) is not rendered"
fi
"$gg" export --index "$hostile" --format dot > "$work/hostile.dot"
dot -Tsvg "$work/hostile.dot" > "$work/hostile.svg"
svg_check "$work/hostile.dot" "$work/hostile.svg"
# Graphviz writes the label's text escaped for SVG, one <text> a line.
for line in 'Quote &quot; angle &lt;b&gt; amp &amp; back\</text>' 'second line</text>' \
            'SE:01 Say &quot;no&quot; &amp; stop; MERGE</text>' '(x) // end \</text>'; do
  grep -qF -- "$line" "$work/hostile.svg" || { echo "hostile.svg lacks $line"; exit 1; }
done
echo "hostile titles rendered whole"

echo "== export: Cypher (Neo4j's parser and linter)"
if ! command -v node >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
fi
lint=$target/cypher-lint
if [ ! -d "$lint/node_modules/@neo4j-cypher/language-support" ]; then
  mkdir -p "$lint"
  (cd "$lint" && npm install --silent --no-audit --no-fund --no-save \
    @neo4j-cypher/language-support@2.0.0-next.38 >/dev/null 2>&1)
fi
cat > "$lint/lint.cjs" <<'JS'
// Prints every error and warning Neo4j's linter finds in the files given; exit 1 if any.
const { lintCypherQuery } = require('@neo4j-cypher/language-support');
const fs = require('fs');
let found = 0;
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8');
  const { diagnostics } = lintCypherQuery(text, {});
  for (const d of diagnostics) {
    found++;
    console.log(`${file}:${d.range.start.line + 1}: ${d.message}`);
  }
  const statements = text.split('\n').filter((l) => l && !l.startsWith('//')).length;
  console.log(`${file.split('/').pop()}: ${statements} statements, ${diagnostics.length} diagnostics`);
}
process.exit(found ? 1 : 0);
JS
"$gg" export --index "$index" --format cypher --around SE:01 --depth 2 > "$work/around.cypher"
"$gg" export --index "$hostile" --format cypher > "$work/hostile.cypher"
node "$lint/lint.cjs" "$work/around.cypher" "$work/hostile.cypher"

echo "== export: bash completion"
bash -c 'source <("$1" completions bash) && complete -p guidegraph' _ "$gg"

echo "== export: all checks passed"
