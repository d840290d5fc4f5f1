//! The guidance for one architecture (issue 21): the engine's answers scoped to the
//! services an architecture's templates deploy. [`Engine::place`] maps each resource
//! [`crate::iac`] read to the services of the index (through the resource types stored on
//! their nodes, `vocab::services_for`); [`Engine::answer_within`] answers a question once
//! for the framework's pillars (on Azure, unless the question names a platform) and once
//! for each service guide the architecture has, each answer naming the resources it applies
//! to. The per-service answers are the question with `service:ID` added, answered strictly
//! (nothing loosened, so a guide without tradeoffs has none rather than some other kind),
//! in the guide's order when the question asks for a list. A question of words alone
//! (`model decay`) keeps in each part what holds its words over the whole guidance.

use serde::Serialize;

use crate::engine::{Engine, Options};
use crate::error::Error;
use crate::iac::{Architecture, Resource, Warning};
use crate::query::{Answer, parse::Form};
use crate::vocab::{ServiceName, services_for};

/// How a resource stands to the guidance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// A service guide covers it.
    Guide,
    /// A known Azure resource no service guide covers (a container registry, a managed
    /// identity, a role assignment).
    NoGuide,
    /// Its type could not be told, or no table knows it.
    Unknown,
    /// Not an Azure resource (another Terraform provider's).
    NotAzure,
}

/// A service by its id (the `service:` filter's value) and name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ServiceRef {
    pub id: String,
    pub name: String,
}

/// A resource with what covers it.
#[derive(Debug, Clone, Serialize)]
pub struct PlacedResource {
    #[serde(flatten)]
    pub resource: Resource,
    pub standing: Standing,
    /// The service guides of the index that cover it.
    pub services: Vec<ServiceRef>,
    /// Products the guidance names without a guide that it is (Azure Container
    /// Registry), when no guide covers it.
    pub products: Vec<String>,
}

/// A service guide the architecture has, and its resources.
#[derive(Debug, Clone, Serialize)]
pub struct PlacedService {
    #[serde(flatten)]
    pub service: ServiceRef,
    /// Positions in [`Placed::resources`].
    pub resources: Vec<usize>,
}

/// An architecture placed against the guidance of one index.
#[derive(Debug, Clone, Serialize)]
pub struct Placed {
    pub paths: Vec<String>,
    pub files: usize,
    /// In file and line order.
    pub resources: Vec<PlacedResource>,
    /// The service guides that apply, by name.
    pub services: Vec<PlacedService>,
    pub warnings: Vec<Warning>,
}

impl Placed {
    /// The resources of the service with this id.
    pub fn resources_of(&self, id: &str) -> Vec<&PlacedResource> {
        self.services
            .iter()
            .filter(|s| s.service.id == id)
            .flat_map(|s| s.resources.iter().filter_map(|&i| self.resources.get(i)))
            .collect()
    }

    /// The resources no guide covers, of Azure or not.
    pub fn without_guide(&self) -> impl Iterator<Item = &PlacedResource> {
        self.resources
            .iter()
            .filter(|r| r.standing != Standing::Guide)
    }
}

/// A resource as an answer names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResourceRef {
    pub file: String,
    pub line: u32,
    #[serde(rename = "type")]
    pub arm_type: Option<String>,
    pub name: String,
    pub existing: bool,
}

impl ResourceRef {
    pub fn of(r: &Resource) -> ResourceRef {
        ResourceRef {
            file: r.file.clone(),
            line: r.line,
            arm_type: r.arm_type.clone(),
            name: r.name.clone(),
            existing: r.existing,
        }
    }

    /// `file:line`.
    pub fn location(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

/// One question asked of the architecture: for the pillars, or for one service guide.
#[derive(Debug, Clone, Serialize)]
pub struct ScopedQuery {
    pub heading: String,
    /// The question as it is answered (`reliability checklist service:azure-cosmos-db`).
    pub query: String,
    /// The service guide it asks, `None` for the pillars' part.
    pub service: Option<ServiceRef>,
    /// The resources its items apply to (none for the pillars': they apply to the whole
    /// workload).
    pub applies_to: Vec<ResourceRef>,
    /// Answered without loosening what it asks.
    #[serde(skip)]
    pub strict: bool,
    /// Its items come in their guide's order.
    #[serde(skip)]
    pub in_guide_order: bool,
    /// A question of words alone (`model decay`): in a guide it keeps what holds its
    /// words, as it does over the whole guidance, rather than list the guide by them.
    #[serde(skip)]
    pub words_only: bool,
}

/// One part of a scoped answer: a [`ScopedQuery`] and its answer.
#[derive(Debug, Clone, Serialize)]
pub struct ScopedPart {
    pub heading: String,
    pub service: Option<ServiceRef>,
    pub applies_to: Vec<ResourceRef>,
    #[serde(flatten)]
    pub answer: Answer,
}

/// A question answered for an architecture.
#[derive(Debug, Clone, Serialize)]
pub struct ScopedAnswer {
    pub query: String,
    pub architecture: Summary,
    pub parts: Vec<ScopedPart>,
    /// The architecture's resources no service guide covers.
    pub without_guide: Vec<PlacedResource>,
    /// How the question was scoped, and what the reader should know.
    pub messages: Vec<String>,
}

/// What an answer says of the architecture it is for.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub paths: Vec<String>,
    pub files: usize,
    pub resources: usize,
    pub services: Vec<ServiceRef>,
    pub warnings: usize,
}

impl Engine {
    /// Places each resource of `arch` against this index's services.
    pub fn place(&self, arch: Architecture) -> Placed {
        let services = self.vocabulary().services();
        let mut placed = Placed {
            paths: arch.paths,
            files: arch.files,
            resources: Vec::with_capacity(arch.resources.len()),
            services: Vec::new(),
            warnings: arch.warnings,
        };
        for r in arch.resources {
            let (standing, guides, products) = standing(&r, services);
            for s in &guides {
                let at = placed.resources.len();
                match placed.services.iter_mut().find(|p| p.service.id == s.id) {
                    Some(p) => p.resources.push(at),
                    None => placed.services.push(PlacedService {
                        service: s.clone(),
                        resources: vec![at],
                    }),
                }
            }
            placed.resources.push(PlacedResource {
                resource: r,
                standing,
                services: guides,
                products,
            });
        }
        placed
            .services
            .sort_by(|a, b| a.service.name.cmp(&b.service.name));
        placed
    }

    /// The questions `text` stands for over `placed`: the question for the framework's
    /// pillars, then one for each service guide the architecture has, their headings
    /// `label — Azure`, `label — Azure Cosmos DB`. A question that names services, or
    /// explores the graph (`neighbors of …`), is asked as it is.
    pub fn scope(
        &self,
        text: &str,
        label: &str,
        placed: &Placed,
    ) -> Result<(Vec<ScopedQuery>, Vec<String>), Error> {
        let plan = self.explain(text)?;
        let mut notes = Vec::new();
        let whole = |text: &str, applies_to: Vec<ResourceRef>| ScopedQuery {
            heading: label.to_string(),
            query: text.to_string(),
            service: None,
            applies_to,
            strict: false,
            in_guide_order: false,
            words_only: false,
        };
        if !matches!(plan.form.form, Form::Search) {
            notes.push(format!(
                "`{text}` explores the graph; it is answered as it is, not for each service of the architecture"
            ));
            return Ok((vec![whole(text, Vec::new())], notes));
        }
        if !plan.services.is_empty() {
            // The question chose its services: answer it, naming their resources.
            let mut applies_to = Vec::new();
            for id in &plan.services {
                let here = placed.resources_of(id);
                if here.is_empty() {
                    let name = self
                        .vocabulary()
                        .service_named(id)
                        .map_or(id.clone(), |i| self.vocabulary().service(i).name.clone());
                    notes.push(format!("the architecture has no resource of {name}"));
                }
                applies_to.extend(here.into_iter().map(|r| ResourceRef::of(&r.resource)));
            }
            return Ok((vec![whole(text, applies_to)], notes));
        }
        let list = plan.has_structure() && plan.terms.is_empty() && plan.phrases.is_empty();
        let words_only = !plan.has_structure();
        let mut out = Vec::new();
        // The pillars' part: on Azure, the platform the templates deploy to.
        let (framework, heading) = if words_only {
            (text.to_string(), format!("{label} — Azure"))
        } else if plan.platforms.is_empty() {
            (format!("{text} platform:azure"), format!("{label} — Azure"))
        } else {
            (text.to_string(), label.to_string())
        };
        out.push(ScopedQuery {
            heading,
            query: framework,
            service: None,
            applies_to: Vec::new(),
            strict: false,
            in_guide_order: false,
            words_only,
        });
        for s in &placed.services {
            out.push(ScopedQuery {
                heading: format!("{label} — {}", s.service.name),
                query: if words_only {
                    text.to_string()
                } else {
                    format!("{text} service:{}", s.service.id)
                },
                service: Some(s.service.clone()),
                applies_to: s
                    .resources
                    .iter()
                    .filter_map(|&i| placed.resources.get(i))
                    .map(|r| ResourceRef::of(&r.resource))
                    .collect(),
                strict: true,
                in_guide_order: list,
                words_only,
            });
        }
        if placed.services.is_empty() {
            notes.push("no resource of the architecture has a service guide; only the pillars' guidance applies".into());
        }
        Ok((out, notes))
    }

    /// Answers one scoped question.
    pub fn answer_scoped_query(&self, q: &ScopedQuery, options: Options) -> Result<Answer, Error> {
        if q.words_only {
            // What holds the words over the whole guidance, kept to the guide's results,
            // or for the pillars' part to Azure's guidance outside the service guides.
            let mut answer = self.answer(
                &q.query,
                Options {
                    limit: Some(crate::query::WHOLE_LIST),
                    ..options
                },
            )?;
            answer.results.retain(|r| match &q.service {
                Some(service) => r.services.contains(&service.name),
                None => r.services.is_empty() && r.platforms.iter().any(|p| p == "Azure"),
            });
            answer.total = answer.results.len();
            let limit = options
                .limit
                .unwrap_or_else(|| crate::query::default_limit(&answer.interpretation));
            answer.results.truncate(limit);
            answer.messages.clear();
            return Ok(answer);
        }
        let mut answer = self.answer(
            &q.query,
            Options {
                strict: options.strict || q.strict,
                ..options
            },
        )?;
        if q.in_guide_order {
            answer
                .results
                .sort_by(|a, b| a.sources.first().cmp(&b.sources.first()));
        }
        Ok(answer)
    }

    /// Answers `text` for the architecture `placed`: see the module's doc.
    pub fn answer_within(
        &self,
        text: &str,
        options: Options,
        placed: &Placed,
    ) -> Result<ScopedAnswer, Error> {
        let (queries, mut messages) = self.scope(text, text, placed)?;
        let mut parts = Vec::with_capacity(queries.len());
        for q in queries {
            let answer = self.answer_scoped_query(&q, options)?;
            parts.push(ScopedPart {
                heading: q.heading,
                service: q.service,
                applies_to: q.applies_to,
                answer,
            });
        }
        let unknown = placed
            .resources
            .iter()
            .filter(|r| r.standing == Standing::Unknown)
            .count();
        if unknown > 0 {
            messages.push(format!(
                "{unknown} resource{} of the architecture {} of a type guidegraph cannot tell; `guidegraph architecture` lists {}",
                if unknown == 1 { "" } else { "s" },
                if unknown == 1 { "is" } else { "are" },
                if unknown == 1 { "it" } else { "them" },
            ));
        }
        Ok(ScopedAnswer {
            query: text.to_string(),
            architecture: summary(placed),
            parts,
            without_guide: placed.without_guide().cloned().collect(),
            messages,
        })
    }
}

/// What an answer says of `placed`.
pub fn summary(placed: &Placed) -> Summary {
    Summary {
        paths: placed.paths.clone(),
        files: placed.files,
        resources: placed.resources.len(),
        services: placed.services.iter().map(|s| s.service.clone()).collect(),
        warnings: placed.warnings.len(),
    }
}

/// How a resource stands: the guides that cover it, else the products it is.
fn standing(r: &Resource, services: &[ServiceName]) -> (Standing, Vec<ServiceRef>, Vec<String>) {
    if r.not_azure {
        return (Standing::NotAzure, Vec::new(), Vec::new());
    }
    let Some(ty) = &r.arm_type else {
        return (Standing::Unknown, Vec::new(), Vec::new());
    };
    let found = services_for(ty, r.kind_said(), services);
    let guides: Vec<ServiceRef> = found
        .iter()
        .map(|&i| &services[i])
        .filter(|s| s.guide)
        .map(|s| ServiceRef {
            id: s.id.clone(),
            name: s.name.clone(),
        })
        .collect();
    if !guides.is_empty() {
        return (Standing::Guide, guides, Vec::new());
    }
    let products: Vec<String> = found.iter().map(|&i| services[i].name.clone()).collect();
    if !products.is_empty() || crate::iac::tables::is_known(ty) {
        (Standing::NoGuide, Vec::new(), products)
    } else {
        (Standing::Unknown, Vec::new(), Vec::new())
    }
}
