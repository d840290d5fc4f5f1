//! The facts the scanners look modules and Terraform types up in, compiled in from the
//! tables `examples/iac_tables.rs` generates from the public indexes in `../shared/data`
//! (its doc says how to run it; a test in `tests/shared_corpus.rs` checks they are up to
//! date): `avm.tsv`, the Azure Verified Modules and the ARM type each deploys (MIT), and
//! `azurerm.tsv`, the AzureRM Terraform types and the ARM type each manages (MPL-2.0).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const AVM: &str = include_str!("avm.tsv");
const AZURERM: &str = include_str!("azurerm.tsv");

/// What a module index says of a module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Module {
    /// A resource module, deploying this ARM type.
    Resource(&'static str),
    /// A pattern module: several resources, none named.
    Pattern,
}

struct Tables {
    bicep: HashMap<&'static str, Module>,
    terraform: HashMap<&'static str, Module>,
    azurerm: HashMap<&'static str, &'static str>,
    /// Every ARM type a table names, lower case.
    known: HashSet<String>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let rows = |text: &'static str| {
            text.lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .map(|l| l.split('\t').collect::<Vec<&'static str>>())
        };
        let mut t = Tables {
            bicep: HashMap::new(),
            terraform: HashMap::new(),
            azurerm: HashMap::new(),
            known: HashSet::new(),
        };
        for cols in rows(AVM) {
            let (Some(lang), Some(name)) = (cols.first(), cols.get(1)) else {
                continue;
            };
            let ty = cols.get(2).copied().unwrap_or("").trim();
            let module = if ty.is_empty() || lang.ends_with("-pattern") {
                Module::Pattern
            } else {
                t.known.insert(ty.to_ascii_lowercase());
                Module::Resource(ty)
            };
            // A child module whose type the index leaves out is no pattern: leave it out.
            if ty.is_empty() && !lang.ends_with("-pattern") {
                continue;
            }
            match lang.trim_end_matches("-pattern") {
                "bicep" => t.bicep.insert(name, module),
                _ => t.terraform.insert(name, module),
            };
        }
        for cols in rows(AZURERM) {
            if let (Some(tf), Some(arm)) = (cols.first(), cols.get(1)) {
                t.azurerm.insert(tf, arm);
                t.known.insert(arm.to_ascii_lowercase());
            }
        }
        for s in crate::vocab::services() {
            for ty in &s.types {
                t.known.insert(ty.to_ascii_lowercase());
            }
        }
        t
    })
}

/// The Bicep module at `path` of the public registry (`avm/res/network/application-gateway`).
pub fn bicep_module(path: &str) -> Option<Module> {
    tables().bicep.get(path).copied()
}

/// The Terraform module named `name` (`avm-res-network-applicationgateway`).
pub fn terraform_module(name: &str) -> Option<Module> {
    tables().terraform.get(name).copied()
}

/// The ARM type an `azurerm_*` resource type manages.
pub fn azurerm(tf: &str) -> Option<&'static str> {
    tables().azurerm.get(tf).copied()
}

/// Whether some table names the ARM type `arm`, or a parent of it (a child resource of a
/// known resource is known).
pub fn is_known(arm: &str) -> bool {
    let known = &tables().known;
    let mut ty = arm.to_ascii_lowercase();
    loop {
        if known.contains(&ty) {
            return true;
        }
        match ty.rfind('/') {
            Some(at) if ty[..at].contains('/') => ty.truncate(at),
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_name_modules_and_types() {
        assert_eq!(
            bicep_module("avm/res/container-service/managed-cluster"),
            Some(Module::Resource(
                "Microsoft.ContainerService/managedClusters"
            ))
        );
        assert_eq!(
            terraform_module("avm-res-containerservice-managedcluster"),
            Some(Module::Resource(
                "Microsoft.ContainerService/managedClusters"
            ))
        );
        // The index spells this one `databaseAccount`; the generator corrects it.
        assert_eq!(
            terraform_module("avm-res-documentdb-databaseaccount"),
            Some(Module::Resource("Microsoft.DocumentDB/databaseAccounts"))
        );
        assert_eq!(
            bicep_module("avm/ptn/aca-lza/hosting-environment"),
            Some(Module::Pattern)
        );
        assert_eq!(
            azurerm("azurerm_kubernetes_cluster"),
            Some("Microsoft.ContainerService/managedClusters")
        );
        assert!(is_known("Microsoft.Web/sites/config/whatever"));
        assert!(!is_known("Microsoft.Nothing/here"));
        assert!(tables().azurerm.len() > 1000, "{}", tables().azurerm.len());
        assert!(tables().bicep.len() > 500, "{}", tables().bicep.len());
    }
}
