//! The layers of docs/ARCHITECTURE.md, checked over the source (issue 18): a module may
//! use its own layer's modules and those of the layers below, never one above, and the
//! top-level modules form no cycle. A `crate::` path in code counts (in a `use`, a `use
//! crate::{a, b}` group, or written out in place); comments and `#[cfg(test)]` modules do
//! not, as a doc link or a test that builds an index is no dependency of the program.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every top-level module of `src/lib.rs` by layer, lowest first. docs/ARCHITECTURE.md
/// draws the same table; a new module goes in one of these rows.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "foundation",
        &[
            "bounded", "location", "terminal", "diag", "progress", "script",
        ],
    ),
    ("ingest", &["corpus", "fetch"]),
    ("vocabulary", &["vocab"]),
    ("model", &["graph", "published", "extract", "iac"]),
    ("index", &["search", "store", "indexer", "corpora"]),
    ("answer", &["query", "error", "diff", "engine", "scope"]),
    ("rendering", &["output"]),
    (
        "front ends",
        &["cli", "config", "commands", "repl", "review", "mcp"],
    ),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, ms)| ms.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The file's code: comment lines dropped, and everything from `#[cfg(test)]` on (the
/// test modules close the files that have them).
fn code(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]") {
            break;
        }
        if t.starts_with("//") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The top-level modules a file's code names through `crate::`.
fn uses(code: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `use crate::{a, b::c, d::{e, f}}`: the first name of each item at depth 0.
            let body: String = {
                let mut depth = 0;
                group
                    .chars()
                    .take_while(|c| match c {
                        '{' => {
                            depth += 1;
                            true
                        }
                        '}' if depth == 0 => false,
                        '}' => {
                            depth -= 1;
                            true
                        }
                        _ => true,
                    })
                    .collect()
            };
            let mut depth = 0;
            let mut item = String::new();
            for c in body.chars().chain(std::iter::once(',')) {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        let name = ident(&item);
                        if !name.is_empty() {
                            found.insert(name);
                        }
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found
}

/// Each top-level module and the top-level modules it uses.
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let rel = f.strip_prefix(&src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        if module == "lib" || module == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        let used = uses(&code(&text));
        let entry = deps.entry(module.clone()).or_default();
        entry.extend(used.into_iter().filter(|u| u != &module));
    }
    deps
}

#[test]
fn every_module_has_a_layer() {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let missing: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod "))
        .map(|l| l.trim_end_matches(';'))
        .filter(|m| layer_of(m).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "modules in no layer of tests/it/layers.rs (and docs/ARCHITECTURE.md): {missing:?}"
    );
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ARCHITECTURE.md"))
            .unwrap();
    for (layer, modules) in LAYERS {
        assert!(
            doc.contains(layer),
            "docs/ARCHITECTURE.md names no layer {layer}"
        );
        for m in *modules {
            assert!(doc.contains(m), "docs/ARCHITECTURE.md does not name {m}");
        }
    }
}

#[test]
fn no_layer_uses_one_above_it() {
    let mut wrong = Vec::new();
    for (module, used) in dependencies() {
        let Some(mine) = layer_of(&module) else {
            continue;
        };
        for u in used {
            // `crate::foo` where foo is no module (a macro such as `crate::diag!`).
            let Some(theirs) = layer_of(&u) else {
                continue;
            };
            if theirs > mine {
                wrong.push(format!(
                    "{module} ({}) uses {u} ({})",
                    LAYERS[mine].0, LAYERS[theirs].0
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "lower layers use higher ones:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn modules_form_no_cycle() {
    let deps = dependencies();
    // Depth-first search; a module met again on the current path closes a cycle.
    fn visit<'a>(
        m: &'a str,
        deps: &'a BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
        cycles: &mut Vec<String>,
    ) {
        if let Some(at) = path.iter().position(|p| *p == m) {
            let mut cycle: Vec<&str> = path[at..].to_vec();
            cycle.push(m);
            cycles.push(cycle.join(" → "));
            return;
        }
        if done.contains(m) {
            return;
        }
        path.push(m);
        for u in deps.get(m).into_iter().flatten() {
            if deps.contains_key(u.as_str()) {
                visit(u, deps, path, done, cycles);
            }
        }
        path.pop();
        done.insert(m);
    }
    let mut cycles = Vec::new();
    let mut done = BTreeSet::new();
    for m in deps.keys() {
        visit(m, &deps, &mut Vec::new(), &mut done, &mut cycles);
    }
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}

#[test]
fn groups_and_paths_are_read() {
    let found = uses("use crate::{a, b::c, d::{e, f}};\nlet x = crate::g::h(crate::i);\n");
    let want: BTreeSet<String> = ["a", "b", "d", "g", "i"].map(String::from).into();
    assert_eq!(found, want);
}
