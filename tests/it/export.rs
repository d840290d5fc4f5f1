//! `guidegraph export` (issue 19): each format well-formed, as many nodes and edges as
//! `stats` counts, `--around`/`--depth` limits, hostile titles escaped, the same bytes
//! from the same index. Graphviz and networkx themselves run in `tests/export/run.sh`.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use crate::common::{build_index, fixture_index, gg, run, stderr, stdout};

fn export(index: &Path, args: &[&str]) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(gg(tmp.path())
        .args(["export", "--index"])
        .arg(index)
        .args(args));
    assert!(out.status.success(), "export {args:?}: {}", stderr(&out));
    stdout(&out)
}

/// `stats --format json`'s node and edge counts.
fn stats(index: &Path) -> (usize, usize) {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(gg(tmp.path())
        .args(["stats", "--format", "json", "--index"])
        .arg(index));
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    (
        v["nodes"].as_u64().unwrap() as usize,
        v["edges"].as_u64().unwrap() as usize,
    )
}

/// A GraphML export read back: each node's id and attributes, each edge's ends and
/// attributes.
struct GraphMl {
    nodes: Vec<(String, Attributes)>,
    edges: Vec<(String, String, Attributes)>,
}

/// Names and values of `<data>`, in order.
type Attributes = Vec<(String, String)>;

impl GraphMl {
    fn node_ids(&self) -> BTreeSet<String> {
        self.nodes.iter().map(|(id, _)| id.clone()).collect()
    }

    fn attribute(&self, id: &str, name: &str) -> Option<String> {
        let (_, attrs) = self.nodes.iter().find(|(i, _)| i == id)?;
        attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }
}

fn parse_graphml(text: &str) -> GraphMl {
    let doc = roxmltree::Document::parse(text).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "graphml");
    let mut names = std::collections::HashMap::new();
    for key in root.children().filter(|n| n.has_tag_name("key")) {
        names.insert(
            key.attribute("id").unwrap().to_string(),
            key.attribute("attr.name").unwrap().to_string(),
        );
    }
    let data = |n: roxmltree::Node| -> Attributes {
        n.children()
            .filter(|c| c.has_tag_name("data"))
            .map(|c| {
                let key = c.attribute("key").unwrap();
                let name = names
                    .get(key)
                    .unwrap_or_else(|| panic!("undeclared key {key}"));
                (name.clone(), c.text().unwrap_or_default().to_string())
            })
            .collect()
    };
    let graph = root.children().find(|n| n.has_tag_name("graph")).unwrap();
    assert_eq!(graph.attribute("edgedefault"), Some("directed"));
    let nodes = graph
        .children()
        .filter(|n| n.has_tag_name("node"))
        .map(|n| (n.attribute("id").unwrap().to_string(), data(n)))
        .collect();
    let edges = graph
        .children()
        .filter(|n| n.has_tag_name("edge"))
        .map(|e| {
            (
                e.attribute("source").unwrap().to_string(),
                e.attribute("target").unwrap().to_string(),
                data(e),
            )
        })
        .collect();
    GraphMl { nodes, edges }
}

#[test]
fn graphml_is_well_formed_and_holds_the_whole_graph() {
    let index = fixture_index();
    let g = parse_graphml(&export(index, &["--format", "graphml"]));
    assert_eq!((g.nodes.len(), g.edges.len()), stats(index));
    let ids = g.node_ids();
    assert_eq!(ids.len(), g.nodes.len(), "node ids are unique");
    for (source, target, attrs) in &g.edges {
        assert!(
            ids.contains(source) && ids.contains(target),
            "{source} → {target}"
        );
        let names: Vec<&str> = attrs.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["kind", "evidence"]);
    }
    assert_eq!(
        g.attribute("recommendation:azure-se-01", "code").as_deref(),
        Some("SE:01")
    );
    assert_eq!(
        g.attribute("recommendation:azure-se-01", "pillars")
            .as_deref(),
        Some("Security")
    );
    assert_eq!(
        g.attribute("recommendation:azure-se-01", "source")
            .as_deref(),
        Some("azure-waf/security/checklist.md:16")
    );
    for (id, _) in &g.nodes {
        for name in ["id", "kind", "title", "label"] {
            assert!(g.attribute(id, name).is_some(), "{id} has no {name}");
        }
    }
}

/// A line of DOT, Cypher or a CSV record read as a run of double-quoted strings and
/// what lies between them; the strings unescaped by `unescape`. Panics on a string left
/// open.
fn strings(line: &str, unescape: fn(char) -> Option<char>) -> (Vec<String>, String) {
    let mut found = Vec::new();
    let mut outside = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            outside.push(c);
            continue;
        }
        let mut s = String::new();
        loop {
            match chars.next() {
                None => panic!("a string is left open in {line:?}"),
                Some('"') => break,
                Some('\\') => {
                    let e = chars.next().expect("an escape at the end");
                    s.push(unescape(e).unwrap_or_else(|| panic!("unknown escape \\{e}")));
                }
                Some(c) => s.push(c),
            }
        }
        outside.push_str("\"\"");
        found.push(s);
    }
    (found, outside)
}

fn dot_escape(c: char) -> Option<char> {
    match c {
        '\\' | '"' => Some(c),
        'n' => Some('\n'),
        _ => None,
    }
}

/// A DOT export's node ids (its legend left out) and edges.
fn parse_dot(text: &str) -> (Vec<String>, Vec<(String, String)>) {
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.first(), Some(&"digraph guidegraph {"));
    assert_eq!(lines.last(), Some(&"}"));
    let (mut nodes, mut edges) = (Vec::new(), Vec::new());
    for line in &lines[1..lines.len() - 1] {
        let (found, outside) = strings(line, dot_escape);
        let outside = outside.trim();
        assert!(
            outside.ends_with(';') || outside.ends_with('{') || outside == "}",
            "{line}"
        );
        if outside.starts_with("\"\" -> \"\" [") {
            edges.push((found[0].clone(), found[1].clone()));
        } else if outside.starts_with("\"\" [label=") && !found[0].starts_with("legend:") {
            nodes.push(found[0].clone());
        }
    }
    (nodes, edges)
}

#[test]
fn dot_holds_the_whole_graph_with_every_string_closed() {
    let index = fixture_index();
    let (nodes, edges) = parse_dot(&export(index, &["--format", "dot"]));
    assert_eq!((nodes.len(), edges.len()), stats(index));
}

/// Fields of a CSV file as neo4j-admin reads it: `"` quotes, `""` a quote inside, a
/// quoted field may span lines.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let (mut record, mut field) = (Vec::new(), String::new());
    let (mut quoted, mut was_quoted) = (false, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => {
                assert!(field.is_empty() && !was_quoted, "a quote inside a field");
                quoted = true;
                was_quoted = true;
            }
            (false, ',') => {
                record.push(std::mem::take(&mut field));
                was_quoted = false;
            }
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                was_quoted = false;
            }
            (false, c) => {
                assert!(!was_quoted, "text after a closing quote");
                field.push(c);
            }
        }
    }
    assert!(
        !quoted && field.is_empty() && record.is_empty(),
        "a last line ends"
    );
    records
}

fn export_csv(index: &Path) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("out/neo4j");
    let out = run(gg(tmp.path())
        .args(["export", "--format", "csv", "--index"])
        .arg(index)
        .arg("--out")
        .arg(&dir));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).is_empty(), "csv writes files only");
    (
        parse_csv(&fs::read_to_string(dir.join("nodes.csv")).unwrap()),
        parse_csv(&fs::read_to_string(dir.join("relationships.csv")).unwrap()),
    )
}

#[test]
fn csv_has_neo4j_admin_headers_and_the_whole_graph() {
    let index = fixture_index();
    let (nodes, rels) = export_csv(index);
    assert_eq!(
        nodes[0],
        [
            "id:ID",
            ":LABEL",
            "kind",
            "title",
            "code",
            "pillars:string[]",
            "platforms:string[]",
            "workloads:string[]",
            "services:string[]",
            "source",
            "url"
        ]
    );
    assert_eq!(rels[0], [":START_ID", ":END_ID", ":TYPE", "evidence"]);
    assert_eq!((nodes.len() - 1, rels.len() - 1), stats(index));
    let ids: BTreeSet<&str> = nodes[1..].iter().map(|r| r[0].as_str()).collect();
    for r in &nodes[1..] {
        assert_eq!(r.len(), nodes[0].len(), "{r:?}");
        assert!(r[1].starts_with("Guidance;"), "{r:?}");
    }
    for r in &rels[1..] {
        assert_eq!(r.len(), 4, "{r:?}");
        assert!(ids.contains(r[0].as_str()) && ids.contains(r[1].as_str()));
        assert!(
            r[2].chars().all(|c| c.is_ascii_uppercase() || c == '_'),
            "{r:?}"
        );
    }
    let se01 = nodes
        .iter()
        .find(|r| r[0] == "recommendation:azure-se-01")
        .unwrap();
    assert_eq!(se01[1], "Guidance;Recommendation");
    assert_eq!(se01[5], "Security");
}

fn cypher_escape(c: char) -> Option<char> {
    match c {
        '\\' | '"' | '\'' => Some(c),
        'n' => Some('\n'),
        'r' => Some('\r'),
        't' => Some('\t'),
        _ => None,
    }
}

#[test]
fn cypher_merges_every_node_and_edge_one_statement_a_line() {
    let index = fixture_index();
    let text = export(index, &["--format", "cypher"]);
    let (mut nodes, mut edges) = (0, 0);
    for line in text.lines().filter(|l| !l.starts_with("//")) {
        let (_, outside) = strings(line, cypher_escape);
        assert!(outside.ends_with(';'), "{line}");
        assert_eq!(outside.matches(';').count(), 1, "{line}");
        if outside.starts_with("MERGE (n:Guidance {id: \"\"}) SET n:") {
            nodes += 1;
        } else if outside
            .starts_with("MATCH (a:Guidance {id: \"\"}) MATCH (b:Guidance {id: \"\"}) MERGE (a)-[:")
        {
            edges += 1;
        } else {
            assert!(outside.starts_with("CREATE CONSTRAINT"), "{line}");
        }
    }
    assert_eq!((nodes, edges), stats(index));
}

#[test]
fn the_same_index_gives_the_same_bytes() {
    let index = fixture_index();
    for format in ["graphml", "dot", "cypher"] {
        assert_eq!(
            export(index, &["--format", format]),
            export(index, &["--format", format]),
            "{format}"
        );
    }
    assert_eq!(export_csv(index), export_csv(index));
}

/// The ids `neighbors of TARGET` lists.
fn neighbours(target: &str) -> BTreeSet<String> {
    crate::common::results(&crate::common::query_json(&format!(
        "neighbors of {target}"
    )))
    .iter()
    .map(|r| r["id"].as_str().unwrap().to_string())
    .collect()
}

#[test]
fn around_keeps_the_nodes_within_depth() {
    let index = fixture_index();
    let at = |depth: &str| {
        parse_graphml(&export(
            index,
            &["--format", "graphml", "--around", "SE:01", "--depth", depth],
        ))
    };
    let centre = "recommendation:azure-se-01";
    let zero = at("0");
    assert_eq!(zero.node_ids(), BTreeSet::from([centre.to_string()]));
    assert!(zero.edges.is_empty());

    let one = at("1");
    let mut expected = neighbours("SE:01");
    expected.insert(centre.to_string());
    assert_eq!(one.node_ids(), expected);
    // Every edge between two kept nodes, not only those from the centre.
    assert!(one.edges.iter().any(|(s, t, _)| s != centre && t != centre));

    let two = at("2");
    assert!(two.node_ids().is_superset(&one.node_ids()));
    assert!(two.nodes.len() > one.nodes.len());
    let (_, whole) = stats(index);
    assert!(two.edges.len() < whole);
    // Each node of depth 2 is a neighbour of one of depth 1.
    let mut reach = one.node_ids();
    for id in one.node_ids() {
        reach.extend(neighbours(&id));
    }
    assert!(reach.is_superset(&two.node_ids()));
    // The default depth is 1; DOT and Cypher cut the same neighbourhood.
    assert_eq!(
        parse_graphml(&export(index, &["--format", "graphml", "--around", centre])).node_ids(),
        one.node_ids()
    );
    let (dot_nodes, dot_edges) =
        parse_dot(&export(index, &["--format", "dot", "--around", "SE:01"]));
    assert_eq!(
        (dot_nodes.len(), dot_edges.len()),
        (one.nodes.len(), one.edges.len())
    );
}

#[test]
fn around_words_say_which_node_they_read() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(gg(tmp.path())
        .args([
            "export",
            "--format",
            "dot",
            "--around",
            "security baseline",
            "--index",
        ])
        .arg(fixture_index()));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is read as recommendation:azure-se-01"),
        "{}",
        stderr(&out)
    );
    // An id, a code or a title names its node: nothing to say.
    for exact in [
        "recommendation:azure-se-01",
        "se:01",
        "Keep a security baseline",
    ] {
        let out = run(gg(tmp.path())
            .args(["export", "--format", "dot", "--around", exact, "--index"])
            .arg(fixture_index()));
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(stderr(&out), "", "{exact}");
    }
}

#[test]
fn wrong_arguments_are_usage_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let index = fixture_index();
    for (args, says) in [
        (&["--format", "csv"][..], "--out DIR"),
        (
            &["--format", "graphml", "--out", "x"][..],
            "--out is for --format csv",
        ),
        (&["--format", "dot", "--depth", "2"][..], "--around"),
        (
            &["--format", "dot", "--around", "SE:01", "--depth", "-1"][..],
            "-1",
        ),
        (&["--format", "pdf"][..], "pdf"),
        (
            &["--format", "dot", "--around", " "][..],
            "--around needs a node",
        ),
        (
            &["--format", "dot", "--around", "recommendation:no-such-id"][..],
            "names no node",
        ),
    ] {
        let out = run(gg(tmp.path())
            .args(["export", "--index"])
            .arg(index)
            .args(args));
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert!(stdout(&out).is_empty(), "{args:?}");
    }
    assert!(!tmp.path().join("x").exists());
}

/// A corpus whose titles hold quotes, `<`, `&`, backslashes (one at the end) and a line
/// break, and a checklist row that reads like Cypher.
fn hostile(cwd: &Path) -> std::path::PathBuf {
    let root = cwd.join("hostile-waf");
    fs::create_dir_all(root.join("security")).unwrap();
    fs::write(
        root.join("security/checklist.md"),
        concat!(
            "---\n",
            "title: \"Quote \\\" angle <b> amp & back\\\\ slash\\nsecond line\"\n",
            "---\n\n",
            "# Checklist\n\n",
            "|&nbsp;|Code|Recommendation|\n",
            "|---|---|---|\n",
            "|&#9744;|SE:01|**Say \"no\" & stop; MERGE (x) // end \\\\**|\n",
        ),
    )
    .unwrap();
    root
}

const HOSTILE_ARTICLE: &str = "Quote \" angle <b> amp & back\\ slash\nsecond line";
const HOSTILE_ITEM: &str = "Say \"no\" & stop; MERGE (x) // end \\";

#[test]
fn hostile_titles_come_back_whole_from_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    build_index(tmp.path(), &index, &[hostile(tmp.path())]);

    let g = parse_graphml(&export(&index, &["--format", "graphml"]));
    let titles: BTreeSet<String> = g
        .nodes
        .iter()
        .filter_map(|(id, _)| g.attribute(id, "title"))
        .collect();
    assert!(titles.contains(HOSTILE_ARTICLE), "{titles:?}");
    assert!(titles.contains(HOSTILE_ITEM), "{titles:?}");

    // DOT: every string closes; the labels hold the titles (wrapped at spaces).
    let dot = export(&index, &["--format", "dot"]);
    let (nodes, _) = parse_dot(&dot);
    assert_eq!(nodes.len(), g.nodes.len());
    let labels: Vec<String> = dot
        .lines()
        .map(|l| strings(l, dot_escape).0)
        .filter(|s| s.len() > 1)
        .map(|s| s[1].split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    for title in [HOSTILE_ARTICLE, HOSTILE_ITEM] {
        let words = title.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            labels.iter().any(|l| l.contains(&words)),
            "{words:?} in {labels:?}"
        );
    }

    // CSV: the titles are fields of their own, the line break inside its quotes.
    let (csv_nodes, _) = export_csv(&index);
    let csv_titles: BTreeSet<String> = csv_nodes[1..].iter().map(|r| r[3].clone()).collect();
    assert_eq!(csv_titles, titles);

    // Cypher: one statement a line, the titles whole in their literals.
    let cypher = export(&index, &["--format", "cypher"]);
    let mut cypher_titles = BTreeSet::new();
    for line in cypher.lines().filter(|l| l.starts_with("MERGE (n:")) {
        let (found, outside) = strings(line, cypher_escape);
        assert_eq!(outside.matches(';').count(), 1, "{line}");
        // id, kind, title, …
        cypher_titles.insert(found[2].clone());
    }
    assert_eq!(cypher_titles, titles);
}

/// The neighbourhood of SE:01 in each format, as reviewed output.
#[test]
fn snapshots_of_a_neighbourhood() {
    let index = fixture_index();
    for format in ["graphml", "dot", "cypher"] {
        insta::assert_snapshot!(
            format!("around_se01_{format}"),
            export(index, &["--format", format, "--around", "SE:01"])
        );
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = run(gg(tmp.path())
        .args([
            "export", "--format", "csv", "--around", "SE:01", "--out", "neo4j", "--index",
        ])
        .arg(index));
    assert!(out.status.success(), "{}", stderr(&out));
    for file in ["nodes.csv", "relationships.csv"] {
        insta::assert_snapshot!(
            format!("around_se01_{}", file.replace('.', "_")),
            fs::read_to_string(tmp.path().join("neo4j").join(file)).unwrap()
        );
    }
}

/// A node's page on Learn is the url its answers give, in every format.
#[test]
fn urls_are_the_pages_answers_link_to() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    build_index(
        tmp.path(),
        &index,
        &crate::urls::published_corpora(tmp.path()),
    );
    let out = run(gg(tmp.path())
        .args(["query", "--format", "json", "--index"])
        .arg(&index)
        .arg("SE:01"));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let url = v["results"][0]["url"].as_str().unwrap().to_string();
    assert!(url.starts_with("https://learn.microsoft.com/"), "{url}");

    let g = parse_graphml(&export(&index, &["--format", "graphml"]));
    assert_eq!(
        g.attribute("recommendation:azure-se-01", "url"),
        Some(url.clone())
    );
    let dot = export(&index, &["--format", "dot", "--around", "SE:01"]);
    assert!(dot.contains(&format!("URL=\"{url}\"")), "{dot}");
    let (nodes, _) = export_csv(&index);
    let se01 = nodes
        .iter()
        .find(|r| r[0] == "recommendation:azure-se-01")
        .unwrap();
    assert_eq!(se01[10], url);
}
