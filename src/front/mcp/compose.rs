//! The query-language text each structured tool asks the engine, so a tool answers as
//! `guidegraph query` would: one answer path, and an assistant can be shown the query
//! (`query` in every list answer) to run it itself. Values go in as quoted filters
//! (`pillar:"cost optimization"`), which the planner checks against the index's
//! vocabulary: a pillar or service that names nothing is the error a person would get.

/// What a list tool may be narrowed by; `None` or an empty value is not asked.
#[derive(Debug, Default, Clone)]
pub struct Filters<'a> {
    pub pillar: Option<&'a str>,
    pub platform: Option<&'a str>,
    pub workload: Option<&'a str>,
    pub service: Option<&'a str>,
}

impl Filters<'_> {
    /// The filters as query text: `pillar:"…" platform:"…" …`.
    fn text(&self) -> String {
        [
            ("pillar", self.pillar),
            ("platform", self.platform),
            ("workload", self.workload),
            ("service", self.service),
        ]
        .into_iter()
        .filter_map(|(key, value)| filter(key, value?))
        .collect::<Vec<_>>()
        .join(" ")
    }
}

/// `key:"value"`, or nothing for a value with nothing in it. A double quote would end the
/// phrase early and control characters mean nothing in a name, so both are dropped.
pub fn filter(key: &str, value: &str) -> Option<String> {
    let clean: String = value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .filter(|&c| c != '"')
        .collect();
    let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    (!clean.is_empty()).then(|| format!("{key}:\"{clean}\""))
}

fn join(head: &str, rest: &str) -> String {
    if rest.is_empty() {
        head.to_string()
    } else {
        format!("{head} {rest}")
    }
}

/// Recommendations: the framework's checklist items and every guide's recommendations.
pub fn recommendations(f: &Filters<'_>) -> String {
    join("kind:recommendation", &f.text())
}

pub fn design_principles(f: &Filters<'_>) -> String {
    join("kind:design-principle", &f.text())
}

/// A platform's design review checklist, or with a service, its guide's checklist.
pub fn checklist(f: &Filters<'_>) -> String {
    join("checklist", &f.text())
}

/// Every item of a service's guide, in the guide's order.
pub fn service_guide(service: &str) -> String {
    join(
        "service guide",
        &filter("service", service).unwrap_or_default(),
    )
}

/// The service node itself, for its name and example architectures.
pub fn service(service: &str) -> String {
    join(
        "kind:service",
        &filter("service", service).unwrap_or_default(),
    )
}

/// Tradeoffs involving every pillar named.
pub fn tradeoffs(pillars: &[&str]) -> String {
    let filters: Vec<String> = pillars.iter().filter_map(|p| filter("pillar", p)).collect();
    join("kind:tradeoff", &filters.join(" "))
}

/// The checklist item with a code (`SE:05`), on one platform when given.
pub fn code(code: &str, platform: Option<&str>) -> String {
    let platform = platform.and_then(|p| filter("platform", p));
    join(
        &filter("code", code).unwrap_or_default(),
        platform.as_deref().unwrap_or(""),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tools_ask_the_query_language() {
        let f = Filters {
            pillar: Some("cost optimization"),
            platform: Some(" Azure "),
            workload: None,
            service: Some("aks"),
        };
        assert_eq!(
            recommendations(&f),
            r#"kind:recommendation pillar:"cost optimization" platform:"Azure" service:"aks""#
        );
        assert_eq!(
            design_principles(&Filters::default()),
            "kind:design-principle"
        );
        assert_eq!(
            checklist(&Filters {
                pillar: Some(""),
                ..Filters::default()
            }),
            "checklist"
        );
        assert_eq!(service_guide("AKS"), r#"service guide service:"AKS""#);
        assert_eq!(
            tradeoffs(&["reliability", "security"]),
            r#"kind:tradeoff pillar:"reliability" pillar:"security""#
        );
        assert_eq!(
            code("SE:05", Some("power platform")),
            r#"code:"SE:05" platform:"power platform""#
        );
    }

    #[test]
    fn a_value_cannot_leave_its_phrase() {
        assert_eq!(
            filter("service", "a\" kind:article \"b").as_deref(),
            Some(r#"service:"a kind:article b""#)
        );
        assert_eq!(
            filter("pillar", "se\ncurity\t").as_deref(),
            Some(r#"pillar:"se curity""#)
        );
        assert_eq!(filter("pillar", " \"\" "), None);
    }
}
