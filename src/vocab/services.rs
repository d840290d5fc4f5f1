//! Services: the products a service guide is about, the names users type for them, and
//! what one index knows of them (its guides, and products named without one).

/// A product the guidance names. A service guide (`service-guides/azure-kubernetes-service.md`)
/// makes a service node, named by its title; the data file `services.yml` beside this
/// module only adds what the articles never spell out: the short names users type (`k8s`),
/// the resource abbreviations (`agw`, `kv`), the ARM resource types a product is deployed
/// as, and products without a guide (Key Vault, Dataverse), so that queries can still be
/// scoped to them by mention.
#[derive(Debug, serde::Deserialize)]
pub struct Service {
    /// The product's name as its guide's title gives it (`Azure Kubernetes Service`); a
    /// guide titled with this name followed by more words (`… for NoSQL`, `… v2`) is it.
    pub name: String,
    /// Other names, lower case.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Resource abbreviations (Cloud Adoption Framework), lower case, read in any case.
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// Abbreviations read only when typed in capitals (`LAW`, `ER`).
    #[serde(default)]
    pub capitals: Vec<String>,
    /// ARM resource types (`Microsoft.Network/applicationGateways`).
    #[serde(default)]
    pub types: Vec<String>,
    /// For a type another product is deployed as too (`Microsoft.Web/sites`): the
    /// resource kinds that make a resource this product (`functionapp`).
    #[serde(default)]
    pub kinds: Vec<String>,
    /// The platform the product belongs to when it is not Azure's (`power-platform`).
    #[serde(default)]
    pub platforms: Vec<String>,
}

/// An ARM resource type a service is deployed as, as the index stores it on the service's
/// node (issue 21).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ResourceType {
    /// `Microsoft.Web/sites`.
    #[serde(rename = "type")]
    pub arm: String,
    /// The resource's `kind` must name one of these for the resource to be this service
    /// (`functionapp`); empty: any kind, or none.
    pub kinds: Vec<String>,
}

impl Service {
    /// Every name a query may use for the product, as the vocabulary stores it: aliases,
    /// abbreviations and resource types in lower case, capitals as typed.
    pub fn names(&self) -> impl Iterator<Item = String> + '_ {
        self.aliases
            .iter()
            .chain(&self.abbreviations)
            .map(|a| a.to_lowercase())
            .chain(self.capitals.iter().cloned())
            .chain(self.types.iter().map(|t| t.to_lowercase()))
    }

    /// Its resource types, each with the kinds that tell it from another product's.
    pub fn resource_types(&self) -> Vec<ResourceType> {
        self.types
            .iter()
            .map(|t| ResourceType {
                arm: t.clone(),
                kinds: self.kinds.clone(),
            })
            .collect()
    }
}

/// The products of `services.yml`, read once. The file is compiled in and a test reads it,
/// so it cannot fail at run time; were it ever unreadable, no product would be known
/// beyond the guides' own titles.
pub fn services() -> &'static [Service] {
    static SERVICES: std::sync::OnceLock<Vec<Service>> = std::sync::OnceLock::new();
    SERVICES.get_or_init(|| read_table(include_str!("services.yml")).unwrap_or_default())
}

/// Reads `services.yml`, which keeps to a few lines of YAML: comments, `- name: …` and
/// `  key: [a, b]`. Every query reads the table, and a YAML parser took 2.7 M instructions
/// to read its 9 KB, a sixth of a whole query over ten copies of the guidance (callgrind,
/// issue 22); this reader takes a few hundred thousand. A line of any other shape is an
/// error naming it, and a test checks that a YAML parser reads the file the same.
fn read_table(text: &str) -> Result<Vec<Service>, String> {
    let mut out: Vec<Service> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let bad = || {
            format!(
                "services.yml:{}: not `- name: …` nor `  key: [a, b]`",
                n + 1
            )
        };
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix("- name: ") {
            out.push(Service {
                name: name.trim().to_string(),
                aliases: Vec::new(),
                abbreviations: Vec::new(),
                capitals: Vec::new(),
                types: Vec::new(),
                kinds: Vec::new(),
                platforms: Vec::new(),
            });
            continue;
        }
        let (key, list) = line
            .strip_prefix("  ")
            .and_then(|l| l.split_once(": "))
            .ok_or_else(bad)?;
        let items = list
            .trim()
            .strip_prefix('[')
            .and_then(|l| l.strip_suffix(']'))
            .ok_or_else(bad)?;
        if items.contains(['[', ']', '{', '}', '"', '\'', '#']) {
            return Err(bad());
        }
        let items: Vec<String> = items
            .split(',')
            .map(str::trim)
            .filter(|i| !i.is_empty())
            .map(str::to_string)
            .collect();
        let service = out.last_mut().ok_or_else(bad)?;
        match key {
            "aliases" => service.aliases = items,
            "abbreviations" => service.abbreviations = items,
            "capitals" => service.capitals = items,
            "types" => service.types = items,
            "kinds" => service.kinds = items,
            "platforms" => service.platforms = items,
            _ => return Err(bad()),
        }
    }
    Ok(out)
}

/// A service as an index knows it: from a service guide, or from [`SERVICES`] alone.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ServiceName {
    /// The slug of its name (`azure-kubernetes-service`): the node id's key and the
    /// value of `service:` filters.
    pub id: String,
    /// Its name as results show it: the product's, without what the guide's title adds
    /// ("Azure Cosmos DB", not "… for NoSQL").
    pub name: String,
    /// Every lower-case name it goes by, its own name first.
    pub aliases: Vec<String>,
    /// The index has a service node (a guide) for it; otherwise results can only mention it.
    pub guide: bool,
    /// The ARM resource types it is deployed as.
    #[serde(default)]
    pub types: Vec<ResourceType>,
}

/// The entry of [`SERVICES`] a guide's name is about: its name, or its name followed by
/// more words ("Azure Cosmos DB for NoSQL").
fn known_service(name: &str) -> Option<&'static Service> {
    let lower = name.to_lowercase();
    services()
        .iter()
        .filter(|s| {
            let n = s.name.to_lowercase();
            lower == n || lower.starts_with(&format!("{n} "))
        })
        .max_by_key(|s| s.name.len())
}

/// The service a guide's title names: "Architecture best practices for Azure Kubernetes
/// Service (AKS)" → Azure Kubernetes Service, also called `aks`. `None` when the title does
/// not name one.
pub fn service_from_title(title: &str) -> Option<ServiceName> {
    let lower = title.to_lowercase();
    let at = lower.find("best practices for ")? + "best practices for ".len();
    let named = title.get(at..)?.trim();
    // A parenthesis holds another name: an abbreviation ("AKS") or a narrower one ("Web Apps").
    let (name, other) = match (named.find('('), named.rfind(')')) {
        (Some(open), Some(close)) if open < close => (
            format!("{} {}", named[..open].trim(), named[close + 1..].trim())
                .trim()
                .to_string(),
            Some(named[open + 1..close].trim().to_string()),
        ),
        _ => (named.to_string(), None),
    };
    if name.is_empty() {
        return None;
    }
    let known = known_service(&name);
    let canonical = known.map_or(name.as_str(), |k| k.name.as_str());
    let mut aliases = vec![name.to_lowercase()];
    let mut add = |a: String| {
        if !a.is_empty() && !aliases.contains(&a) {
            aliases.push(a);
        }
    };
    add(canonical.to_lowercase());
    if let Some(o) = other {
        add(o.to_lowercase());
    }
    // "Azure Event Hubs" is also "Event Hubs"; "Azure Files" is not "Files".
    for full in [name.as_str(), canonical] {
        let lower = full.to_lowercase();
        for prefix in ["azure ", "microsoft "] {
            if let Some(rest) = lower.strip_prefix(prefix)
                && rest.split_whitespace().count() >= 2
            {
                add(rest.to_string());
            }
        }
    }
    for a in known.into_iter().flat_map(Service::names) {
        add(a);
    }
    Some(ServiceName {
        id: crate::corpus::text::slug(canonical),
        name: canonical.to_string(),
        aliases,
        guide: true,
        types: known.map(Service::resource_types).unwrap_or_default(),
    })
}

/// What one index holds of the vocabulary, recorded in its manifest so a query can be read
/// against this index (its services, the workloads it has) without loading the graph.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IndexVocabulary {
    /// Services with a guide in this index.
    pub services: Vec<ServiceName>,
    /// Ids of the workloads, pillars and platforms the index has nodes for.
    pub workloads: Vec<String>,
    pub pillars: Vec<String>,
    pub platforms: Vec<String>,
    /// The words of every title, most frequent first, space-separated: the dictionary that
    /// spelling corrections are drawn from.
    pub words: String,
    /// The abbreviations the guidance defines, (as written, long form in lower case):
    /// see [`crate::extract::abbreviations`]. An index built before they were read has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub abbreviations: Vec<(String, String)>,
}

/// The services of [`services`] that no guide in `guides` stands for, as mention-only
/// services, after the guides themselves.
pub fn all_services(guides: &[ServiceName]) -> Vec<ServiceName> {
    let mut out = guides.to_vec();
    for s in services() {
        let id = crate::corpus::text::slug(&s.name);
        if out.iter().any(|g| g.id == id) {
            continue;
        }
        let mut aliases = vec![s.name.to_lowercase()];
        aliases.extend(s.names());
        out.push(ServiceName {
            id,
            name: s.name.to_string(),
            aliases,
            guide: false,
            types: s.resource_types(),
        });
    }
    out
}

/// What a resource says of its kind (`kind: 'functionapp'`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindSaid<'a> {
    /// It sets none: Azure's default kind.
    Absent,
    /// A literal value (`functionapp,linux`).
    Literal(&'a str),
    /// An expression (`kind: siteKind`) that is only known when deployed.
    Computed,
}

/// The services (positions in `services`) a resource of type `arm` is deployed as: those
/// naming its type, else its parent's (`…/databaseAccounts/sqlDatabases/containers` is
/// Cosmos DB's); of several naming one type, those whose kinds the resource's kind names
/// (`Microsoft.Web/sites` of kind `functionapp` is Azure Functions), else those that ask
/// for no kind (Azure App Service); all of them when the kind is computed. Empty when no
/// service names the type or a parent of it.
pub fn services_for(arm: &str, kind: KindSaid<'_>, services: &[ServiceName]) -> Vec<usize> {
    let mut ty = arm.trim();
    loop {
        let named: Vec<usize> = services
            .iter()
            .enumerate()
            .filter(|(_, s)| s.types.iter().any(|t| t.arm.eq_ignore_ascii_case(ty)))
            .map(|(i, _)| i)
            .collect();
        if !named.is_empty() {
            return by_kind(ty, kind, services, named);
        }
        // `Namespace/type` is the last level a parent can be.
        match ty.rfind('/') {
            Some(at) if ty[..at].contains('/') => ty = &ty[..at],
            _ => return Vec::new(),
        }
    }
}

fn by_kind(
    ty: &str,
    kind: KindSaid<'_>,
    services: &[ServiceName],
    named: Vec<usize>,
) -> Vec<usize> {
    if named.len() < 2 {
        return named;
    }
    let kinds_of = |i: usize| -> &[String] {
        services[i]
            .types
            .iter()
            .find(|t| t.arm.eq_ignore_ascii_case(ty))
            .map_or(&[], |t| t.kinds.as_slice())
    };
    let plain: Vec<usize> = named
        .iter()
        .copied()
        .filter(|&i| kinds_of(i).is_empty())
        .collect();
    match kind {
        KindSaid::Computed => named,
        KindSaid::Absent => {
            if plain.is_empty() {
                named
            } else {
                plain
            }
        }
        KindSaid::Literal(k) => {
            let said: Vec<String> = k
                .split(',')
                .map(|p| p.trim().to_ascii_lowercase())
                .filter(|p| !p.is_empty())
                .collect();
            let matching: Vec<usize> = named
                .iter()
                .copied()
                .filter(|&i| {
                    kinds_of(i)
                        .iter()
                        .any(|k| said.iter().any(|s| s.eq_ignore_ascii_case(k)))
                })
                .collect();
            if !matching.is_empty() {
                matching
            } else if plain.is_empty() {
                named
            } else {
                plain
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_from_guide_titles() {
        let aks =
            service_from_title("Architecture best practices for Azure Kubernetes Service (AKS)")
                .unwrap();
        assert_eq!(aks.id, "azure-kubernetes-service");
        assert_eq!(aks.name, "Azure Kubernetes Service");
        assert!(aks.aliases.iter().any(|a| a == "aks"));
        assert!(aks.aliases.iter().any(|a| a == "kubernetes service"));
        let cosmos =
            service_from_title("Architecture best practices for Azure Cosmos DB for NoSQL")
                .unwrap();
        assert_eq!(cosmos.id, "azure-cosmos-db");
        assert_eq!(cosmos.name, "Azure Cosmos DB");
        assert!(
            cosmos
                .aliases
                .iter()
                .any(|a| a == "azure cosmos db for nosql")
        );
        assert!(cosmos.aliases.iter().any(|a| a == "cosmos"));
        let files = service_from_title("Architecture best practices for Azure Files").unwrap();
        assert!(
            !files.aliases.iter().any(|a| a == "files"),
            "{:?}",
            files.aliases
        );
        assert!(service_from_title("Design review checklist for Security").is_none());
        let all = all_services(&[aks]);
        assert_eq!(
            all.iter()
                .filter(|s| s.id == "azure-kubernetes-service")
                .count(),
            1
        );
        assert!(all.iter().any(|s| s.id == "azure-key-vault" && !s.guide));
    }

    #[test]
    fn the_data_file_reads_as_yaml_does() {
        let yaml: Vec<Service> = serde_norway::from_str(include_str!("services.yml")).unwrap();
        let read = read_table(include_str!("services.yml")).unwrap();
        assert_eq!(format!("{read:?}"), format!("{yaml:?}"));
        assert!(read_table("- name: A\n  aliases:\n    - b\n").is_err());
        assert!(
            read_table("  aliases: [b]\n").is_err(),
            "a list before any name"
        );
        assert!(read_table("- name: A\n  colour: [b]\n").is_err());
        assert!(read_table("- name: A\n  aliases: [\"b, c\"]\n").is_err());
    }

    #[test]
    fn the_data_file_reads_and_names_abbreviations_and_types() {
        let all = services();
        assert!(all.len() >= 40, "{}", all.len());
        let agw = all
            .iter()
            .find(|s| s.name == "Azure Application Gateway")
            .unwrap();
        let names: Vec<String> = agw.names().collect();
        assert!(names.contains(&"agw".to_string()));
        assert!(names.contains(&"microsoft.network/applicationgateways".to_string()));
        let law = all.iter().find(|s| s.name == "Log Analytics").unwrap();
        assert!(law.names().any(|n| n == "LAW"), "capitals stay as typed");
        // An abbreviation names one product.
        let mut seen = std::collections::HashMap::new();
        for s in all {
            for a in s.abbreviations.iter().chain(&s.capitals) {
                if let Some(other) = seen.insert(a.to_lowercase(), &s.name) {
                    panic!("`{a}` names both {other} and {}", s.name);
                }
            }
        }
    }

    #[test]
    fn resource_types_name_services_by_type_parent_and_kind() {
        let all = all_services(&[]);
        let name = |arm: &str, kind: KindSaid<'_>| -> Vec<&str> {
            services_for(arm, kind, &all)
                .into_iter()
                .map(|i| all[i].name.as_str())
                .collect()
        };
        assert_eq!(
            name(
                "Microsoft.ContainerService/managedClusters",
                KindSaid::Absent
            ),
            ["Azure Kubernetes Service"]
        );
        assert_eq!(
            name("microsoft.documentdb/DATABASEACCOUNTS", KindSaid::Absent),
            ["Azure Cosmos DB"],
            "types are read in any case"
        );
        assert_eq!(
            name(
                "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers",
                KindSaid::Absent
            ),
            ["Azure Cosmos DB"],
            "a child resource is its parent's service"
        );
        assert_eq!(
            name(
                "Microsoft.Web/sites",
                KindSaid::Literal("functionapp,linux")
            ),
            ["Azure Functions"]
        );
        assert_eq!(
            name("Microsoft.Web/sites", KindSaid::Literal("app")),
            ["Azure App Service"]
        );
        assert_eq!(
            name("Microsoft.Web/sites", KindSaid::Absent),
            ["Azure App Service"]
        );
        assert_eq!(
            name("Microsoft.Web/sites", KindSaid::Computed),
            ["Azure App Service", "Azure Functions"]
        );
        assert!(name("Microsoft.Foo/bars", KindSaid::Absent).is_empty());
        assert!(name("Microsoft.Authorization/roleAssignments", KindSaid::Absent).is_empty());
    }
}
