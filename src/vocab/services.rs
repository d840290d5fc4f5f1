//! Services: the products a service guide is about, the names users type for them, and
//! what one index knows of them (its guides, and products named without one).

/// A product the guidance names. A service guide (`service-guides/azure-kubernetes-service.md`)
/// makes a service node, named by its title; this table only adds the short names users
/// type that the articles never spell out (`k8s`, `apim`, `vnet`), and names products
/// without a guide (Key Vault, Dataverse) so that queries can still be scoped to them by
/// mention.
#[derive(Debug)]
pub struct Service {
    /// The product's name as its guide's title gives it (`Azure Kubernetes Service`); a
    /// guide titled with this name followed by more words (`… for NoSQL`, `… v2`) is it.
    pub name: &'static str,
    /// Other names, lower case.
    pub aliases: &'static [&'static str],
}

macro_rules! services {
    ($(($name:literal, [$($alias:literal),* $(,)?])),+ $(,)?) => {
        &[$(Service { name: $name, aliases: &[$($alias),*] }),+]
    };
}

pub const SERVICES: &[Service] = services![
    ("Azure Kubernetes Service", ["aks", "k8s", "kubernetes"]),
    ("Azure Cosmos DB", ["cosmos", "cosmos db", "cosmosdb"]),
    (
        "Azure App Service",
        ["app service", "web apps", "webapp", "webapps"]
    ),
    ("Azure API Management", ["apim", "api management"]),
    (
        "Azure Application Gateway",
        ["appgw", "app gateway", "application gateway"]
    ),
    (
        "Azure Virtual Machines",
        ["vm", "vms", "vmss", "virtual machines", "scale sets"]
    ),
    (
        "Azure Virtual Network",
        ["vnet", "vnets", "virtual network"]
    ),
    ("Azure Front Door", ["afd", "front door"]),
    (
        "Azure SQL Database",
        ["sql database", "azure sql", "sql db"]
    ),
    (
        "Azure SQL Managed Instance",
        ["sql mi", "sql managed instance", "managed instance"]
    ),
    ("Azure Database for PostgreSQL", ["postgres", "postgresql"]),
    ("Azure Database for MySQL", ["mysql"]),
    ("Azure Blob Storage", ["blob storage", "blob", "blobs"]),
    ("Azure Files", ["file shares"]),
    ("Azure Disk Storage", ["managed disks", "disk storage"]),
    ("Azure Event Hubs", ["event hubs", "eventhubs", "event hub"]),
    ("Azure Event Grid", ["event grid"]),
    ("Azure Service Bus", ["service bus"]),
    ("Azure Functions", ["function apps", "function app"]),
    ("Azure Container Apps", ["container apps", "aca"]),
    ("Azure Firewall", ["firewall"]),
    ("Azure Load Balancer", ["load balancer"]),
    ("Azure Traffic Manager", ["traffic manager"]),
    ("Azure Virtual WAN", ["virtual wan", "vwan"]),
    ("Azure ExpressRoute", ["expressroute"]),
    ("Azure NetApp Files", ["netapp files", "anf"]),
    ("Azure Databricks", ["databricks"]),
    ("Azure Machine Learning", ["azure ml", "aml"]),
    ("Application Insights", ["app insights", "appinsights"]),
    ("Log Analytics", ["log analytics workspace"]),
    ("Azure Local", ["azure stack hci"]),
    ("Azure Service Fabric", ["service fabric"]),
    ("Azure OpenAI", ["azure openai service", "openai"]),
    ("Azure Key Vault", ["key vault"]),
    ("Azure Monitor", []),
    ("Azure AI Search", ["ai search", "cognitive search"]),
    (
        "Microsoft Entra ID",
        ["entra id", "entra", "azure active directory", "azure ad"]
    ),
    (
        "Power Apps",
        ["powerapps", "canvas apps", "model-driven apps"]
    ),
    ("Power Automate", ["cloud flows"]),
    ("Copilot Studio", []),
    ("Dataverse", []),
    ("Power BI", []),
    ("Power Pages", []),
];

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
}

/// The entry of [`SERVICES`] a guide's name is about: its name, or its name followed by
/// more words ("Azure Cosmos DB for NoSQL").
fn known_service(name: &str) -> Option<&'static Service> {
    let lower = name.to_lowercase();
    SERVICES
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
    let canonical = known.map_or(name.as_str(), |k| k.name);
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
    for a in known.map_or(&[][..], |k| k.aliases) {
        add((*a).to_string());
    }
    Some(ServiceName {
        id: crate::corpus::text::slug(canonical),
        name: canonical.to_string(),
        aliases,
        guide: true,
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
}

/// The services of [`SERVICES`] that no guide in `guides` stands for, as mention-only
/// services, after the guides themselves.
pub fn all_services(guides: &[ServiceName]) -> Vec<ServiceName> {
    let mut out = guides.to_vec();
    for s in SERVICES {
        let id = crate::corpus::text::slug(s.name);
        if out.iter().any(|g| g.id == id) {
            continue;
        }
        let mut aliases = vec![s.name.to_lowercase()];
        aliases.extend(s.aliases.iter().map(|a| (*a).to_string()));
        out.push(ServiceName {
            id,
            name: s.name.to_string(),
            aliases,
            guide: false,
        });
    }
    out
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
}
