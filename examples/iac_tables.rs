//! Generates the tables `guidegraph architecture` reads infrastructure as code with
//! (issue 21) from the public indexes in `../shared/data`:
//!
//! - `src/model/iac/avm.tsv`: every Azure Verified Module (Bicep `avm/res/…` and Terraform
//!   `avm-res-…`, and the pattern modules) with the ARM resource type it deploys, from
//!   `avm/*.csv` (MIT);
//! - `src/model/iac/azurerm.tsv`: every `azurerm_*` Terraform resource type with the ARM type it
//!   manages, from `aztft/map.json` (MPL-2.0, so the file derived from it stays MPL-2.0).
//!
//! ```sh
//! cargo run --example iac_tables -- ../shared/data    # rewrites src/model/iac/*.tsv
//! ```
//!
//! The tables are committed, so a clone without `../shared` builds and tests; a test in
//! `tests/shared_corpus.rs` runs [`generate`] again and fails when they are out of date.
//! Where the indexes contradict each other the generator says so on stderr and corrects
//! the table: a Terraform module's type that no other source knows
//! (`Microsoft.DocumentDB/databaseAccount`) is taken from the Bicep module of the same
//! name (`avm/res/document-db/database-account` → `…/databaseAccounts`).

// A generator run by hand: a failure is reported and ends it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The two tables, as the files hold them, and what was corrected.
pub struct Tables {
    pub avm: String,
    pub azurerm: String,
    pub corrections: Vec<String>,
}

/// One CSV file's records (RFC 4180: quoted fields, doubled quotes, line breaks inside
/// quotes), the byte-order mark of the first field dropped.
pub fn csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// The records of a CSV file as maps from its header's names.
fn records(path: &Path) -> Result<Vec<BTreeMap<String, String>>, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut rows = csv(&text).into_iter();
    let header = rows
        .next()
        .ok_or_else(|| format!("{}: empty", path.display()))?;
    Ok(rows
        .filter(|r| r.iter().any(|f| !f.trim().is_empty()))
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.into_iter().map(|f| f.trim().to_string()))
                .collect()
        })
        .collect())
}

fn type_of(r: &BTreeMap<String, String>) -> String {
    let ns = r.get("ProviderNamespace").map_or("", String::as_str);
    let ty = r.get("ResourceType").map_or("", String::as_str);
    if ns.is_empty() || ty.is_empty() {
        String::new()
    } else {
        format!("{ns}/{ty}")
    }
}

/// A module's name with only its letters and digits, lower case: what a Bicep and a
/// Terraform module of one resource share (`avm/res/document-db/database-account`,
/// `avm-res-documentdb-databaseaccount`).
fn squashed(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Builds both tables from the `data` folder (`../shared/data`).
pub fn generate(data: &Path) -> Result<Tables, String> {
    let mut corrections = Vec::new();

    // AzureRM: type → the ARM type its management plane names.
    let map_path = data.join("aztft/map.json");
    let map: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(&map_path).map_err(|e| format!("{}: {e}", map_path.display()))?,
    )
    .map_err(|e| format!("{}: {e}", map_path.display()))?;
    let mut azurerm: BTreeMap<String, String> = BTreeMap::new();
    for (tf, entry) in map
        .as_object()
        .ok_or_else(|| format!("{}: not an object", map_path.display()))?
    {
        let plane = &entry["management_plane"];
        let provider = plane["provider"].as_str().unwrap_or_default();
        let mut types: Vec<&str> = plane["types"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|t| t.as_str())
            .collect();
        // `["subscriptions", "resourceGroups"]` is the scope in a resource ID, not a
        // parent type: a resource group is `Microsoft.Resources/resourceGroups`.
        if types.len() > 1 && types[0] == "subscriptions" {
            corrections.push(format!(
                "{tf}: `{provider}/{}` is the ID's path; its type is `{provider}/{}`",
                types.join("/"),
                types[1..].join("/")
            ));
            types.remove(0);
        }
        if provider.is_empty() || types.is_empty() {
            corrections.push(format!("{tf}: no ARM type in map.json; left out"));
            continue;
        }
        azurerm.insert(tf.clone(), format!("{provider}/{}", types.join("/")));
    }

    let avm_dir = data.join("avm");
    let bicep = records(&avm_dir.join("BicepResourceModules.csv"))?;
    let terraform = records(&avm_dir.join("TerraformResourceModules.csv"))?;
    let bicep_ptn = records(&avm_dir.join("BicepPatternModules.csv"))?;
    let terraform_ptn = records(&avm_dir.join("TerraformPatternModules.csv"))?;

    // Every ARM type some source names, in its own case, by its lower case.
    let mut known: BTreeMap<String, String> = BTreeMap::new();
    for t in azurerm.values().cloned().chain(bicep.iter().map(type_of)) {
        if !t.is_empty() {
            known.entry(t.to_lowercase()).or_insert(t);
        }
    }
    let bicep_by_name: BTreeMap<String, String> = bicep
        .iter()
        .filter(|r| !type_of(r).is_empty())
        .map(|r| (squashed(&r["ModuleName"]), type_of(r)))
        .collect();

    let mut rows: BTreeSet<(String, String, String)> = BTreeSet::new();
    for r in &bicep {
        rows.insert(("bicep".into(), r["ModuleName"].clone(), type_of(r)));
    }
    for r in &terraform {
        let name = r["ModuleName"].clone();
        let mut ty = type_of(r);
        if !ty.is_empty() && !known.contains_key(&ty.to_lowercase()) {
            let twin = squashed(&name.replacen("avm-res-", "avmres", 1));
            match bicep_by_name.get(&twin) {
                Some(b) => {
                    corrections.push(format!(
                        "{name}: `{ty}` is no known ARM type; the Bicep module of the same name deploys `{b}`"
                    ));
                    ty = b.clone();
                }
                None => corrections.push(format!(
                    "{name}: `{ty}` is no known ARM type, and no Bicep module shares its name; kept"
                )),
            }
        } else if let Some(k) = known.get(&ty.to_lowercase()) {
            ty = k.clone();
        }
        rows.insert(("terraform".into(), name, ty));
    }
    for r in &bicep_ptn {
        rows.insert((
            "bicep-pattern".into(),
            r["ModuleName"].clone(),
            String::new(),
        ));
    }
    for r in &terraform_ptn {
        rows.insert((
            "terraform-pattern".into(),
            r["ModuleName"].clone(),
            String::new(),
        ));
    }

    let mut avm = String::from(
        "# Azure Verified Modules and the ARM resource type each deploys (none for a pattern\n\
         # module, which deploys several). Generated by examples/iac_tables.rs from the AVM\n\
         # module indexes (github.com/Azure/Azure-Verified-Modules, docs/static/module-indexes,\n\
         # MIT licence); do not edit by hand.\n\
         # language\tmodule\tARM type\n",
    );
    for (lang, name, ty) in &rows {
        avm.push_str(&format!("{lang}\t{name}\t{ty}\n"));
    }
    let mut rm = String::from(
        "# AzureRM Terraform resource types and the ARM resource type each manages. Generated by\n\
         # examples/iac_tables.rs from internal/resmap/map.json of github.com/magodo/aztft;\n\
         # do not edit by hand. This file is derived from that file and is, like it, subject to\n\
         # the terms of the Mozilla Public License, v. 2.0 (https://mozilla.org/MPL/2.0/).\n\
         # terraform type\tARM type\n",
    );
    for (tf, arm) in &azurerm {
        rm.push_str(&format!("{tf}\t{arm}\n"));
    }
    Ok(Tables {
        avm,
        azurerm: rm,
        corrections,
    })
}

fn main() {
    let data = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("../shared/data"), PathBuf::from);
    let tables = match generate(&data) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("iac_tables: {e}");
            std::process::exit(1);
        }
    };
    for c in &tables.corrections {
        eprintln!("iac_tables: {c}");
    }
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/model/iac");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("avm.tsv"), &tables.avm).unwrap();
    fs::write(out.join("azurerm.tsv"), &tables.azurerm).unwrap();
    eprintln!(
        "iac_tables: wrote {} and {}",
        out.join("avm.tsv").display(),
        out.join("azurerm.tsv").display()
    );
}
