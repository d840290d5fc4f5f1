//! The layers of docs/ARCHITECTURE.md, checked over the source (issue 18): each module
//! sits in its layer's folder of `src/`, a module may use its own layer's modules and
//! those of the layers below, never one above, and the modules form no cycle. A `crate::` path in code counts (in a `use`, a `use
//! crate::{a, b}` group, or written out in place); comments and `#[cfg(test)]` modules do
//! not, as a doc link or a test that builds an index is no dependency of the program.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every module `src/lib.rs` re-exports, by layer, lowest first, with the layer's folder
/// of `src/` (none for a layer of one module, which is its own folder).
/// docs/ARCHITECTURE.md draws the same table; a new module goes in one of these rows.
const LAYERS: &[(&str, &str, &[&str])] = &[
    (
        "foundation",
        "foundation",
        &[
            "bounded", "location", "terminal", "diag", "progress", "script",
        ],
    ),
    ("ingest", "ingest", &["corpus", "fetch"]),
    ("vocabulary", "", &["vocab"]),
    ("model", "model", &["graph", "published", "extract", "iac"]),
    ("index", "index", &["search", "store", "indexer", "corpora"]),
    (
        "answer",
        "answer",
        &["query", "error", "diff", "engine", "scope"],
    ),
    ("rendering", "", &["output"]),
    (
        "front ends",
        "front",
        &["cli", "config", "commands", "repl", "review", "mcp"],
    ),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, _, ms)| ms.contains(&module))
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The module a file of `src/` belongs to (`answer/query/plan.rs` → `query`), or `None`
/// for `lib.rs`, `main.rs` and a layer folder's `mod.rs`, which only declare modules.
fn module_of(rel: &Path) -> Option<String> {
    let parts: Vec<String> = rel
        .components()
        .map(|c| {
            c.as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string()
        })
        .collect();
    let first = parts.first()?;
    let in_folder = LAYERS.iter().any(|(_, f, _)| !f.is_empty() && f == first);
    let module = if in_folder { parts.get(1)? } else { first };
    (module != "lib" && module != "main" && module != "mod").then(|| module.clone())
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
    let src = src();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let Some(module) = module_of(f.strip_prefix(&src).unwrap()) else {
            continue;
        };
        let text = std::fs::read_to_string(&f).unwrap();
        let used = uses(&code(&text));
        let entry = deps.entry(module.clone()).or_default();
        entry.extend(used.into_iter().filter(|u| u != &module));
    }
    deps
}

/// The modules a layer folder's `mod.rs` (or `lib.rs`) declares.
fn declared(file: &Path) -> Vec<String> {
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod "))
        .map(|l| l.trim_end_matches(';').to_string())
        .collect()
}

#[test]
fn every_module_has_a_layer() {
    let src = src();
    let folders: Vec<&str> = LAYERS.iter().map(|(_, f, _)| *f).collect();
    let mut modules: Vec<String> = Vec::new();
    for m in declared(&src.join("lib.rs")) {
        if folders.contains(&m.as_str()) {
            modules.extend(declared(&src.join(&m).join("mod.rs")));
        } else {
            modules.push(m);
        }
    }
    let missing: Vec<&String> = modules.iter().filter(|m| layer_of(m).is_none()).collect();
    assert!(
        missing.is_empty(),
        "modules in no layer of tests/it/layers.rs (and docs/ARCHITECTURE.md): {missing:?}"
    );
    // Each module sits in its layer's folder, and the crate root re-exports it.
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    for (layer, folder, ms) in LAYERS {
        for m in *ms {
            let at = src.join(folder);
            assert!(
                at.join(format!("{m}.rs")).is_file() || at.join(m).join("mod.rs").is_file(),
                "{m} is not in src/{folder}, the folder of the {layer} layer"
            );
            if !folder.is_empty() {
                let exported = lib
                    .lines()
                    .filter_map(|l| l.strip_prefix(&format!("pub use {folder}::{{")))
                    .flat_map(|l| l.trim_end_matches("};").split(", "))
                    .any(|name| name == *m);
                assert!(exported, "src/lib.rs does not re-export {m} from {folder}");
            }
        }
    }
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ARCHITECTURE.md"))
            .unwrap();
    for (layer, _, modules) in LAYERS {
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
    let deps = dependencies();
    // Every module's files were found where its layer keeps them.
    let modules: BTreeSet<&str> = deps.keys().map(String::as_str).collect();
    let listed: BTreeSet<&str> = LAYERS
        .iter()
        .flat_map(|(_, _, ms)| ms.iter().copied())
        .collect();
    assert_eq!(modules, listed);
    let mut wrong = Vec::new();
    for (module, used) in deps {
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
