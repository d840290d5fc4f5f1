//! The MCP server (`guidegraph mcp`, issue 19): the guidance as tools and resources for
//! assistants, over the official Rust SDK (`rmcp`). A front end like the command line: it
//! asks [`Engine`] only, and every structured tool is a query-language text the engine
//! answers ([`compose`]), so a tool and `guidegraph query` never disagree.
//!
//! Tools, each with a JSON schema for its input and its structured output ([`answer`]):
//! `query`, `get`, `recommendations`, `design_principles`, `checklist`, `service_guide`,
//! `tradeoffs`, `neighbors`. The structured tools answer strictly
//! ([`Options::strict`]): a pillar with no design principles gives none, not challenges.
//!
//! Resources: every article, `guidegraph://article/<corpus>/<path>`, read whole from its
//! corpus (`text/markdown`).
//!
//! Errors: a tool that cannot answer (a query that does not parse, a pillar that names
//! nothing, an unknown id, a damaged index) returns a result marked `isError` whose text
//! is what a person would read from the command line, and whose structured content is
//! `{"error": {"code", "message", "advice"?, "problems"?}}` (a query's problems with their
//! spans and help); MCP clients show such a result to the model, where a JSON-RPC error
//! would reach it as "internal error". Arguments that do not fit a tool's schema are such
//! a result too (the SDK's, saying which); an unknown tool or resource is a JSON-RPC error
//! (`-32602`, `-32002`).

pub mod answer;
pub mod compose;

use std::sync::Arc;

use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::wrapper::{Json, Parameters};
use rmcp::model::{
    CallToolResult, ContentBlock, Implementation, ListResourceTemplatesResult, ListResourcesResult,
    PaginatedRequestParams, ReadResourceRequestParams, ReadResourceResponse, ReadResourceResult,
    Resource, ResourceContents, ResourceTemplate, ServerCapabilities, ServerConfig,
};
use rmcp::schemars::JsonSchema;
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler, tool, tool_handler, tool_router};
use serde::Deserialize;

use crate::engine::{Engine, NodeView, Options};
use crate::error::Error;
use answer::{ErrorAnswer, List, NodeAnswer, ServiceGuide};

/// How many results a list tool gives when no `limit` is asked: enough for a pillar's
/// checklist, few enough for a model's context; `total` says how many there were.
pub const DEFAULT_LIMIT: usize = 50;

/// What the server tells a client about itself when it connects.
const INSTRUCTIONS: &str = "guidegraph answers from the Microsoft Well-Architected guidance \
(Azure and Power Platform) as a graph: recommendations, design principles, checklists, \
service guides, tradeoffs, challenges, with the article and line each was read from and its \
page on Microsoft Learn. Use the structured tools when the question names a pillar, \
platform, workload or service; `query` for anything else, in plain words. Ids in results \
go to `get` (one node, its text and relations) and `neighbors`. Articles are resources \
(guidegraph://article/<corpus>/<path>).";

/// The server: an engine over one read-only index, shared by every session.
#[derive(Clone)]
pub struct Server {
    engine: Arc<Engine>,
    tool_router: ToolRouter<Server>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(crate = "rmcp::schemars")]
pub struct QueryArgs {
    /// A question in plain words or the query language (docs/QUERY.md): `security
    /// checklist for Azure`, `tradeoffs between reliability and cost`, `what can go wrong
    /// with AKS upgrades`, `service:aks kind:tradeoff`, `neighbors of SE:05`.
    pub text: String,
    /// At most this many results, 1 to 10000 [default: 50].
    pub limit: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(crate = "rmcp::schemars")]
pub struct GetArgs {
    /// A node's id from a result (`recommendation:…`), or a checklist code (`SE:05`).
    pub id: String,
    /// For a code: the platform whose checklist it is (`Azure`, `Power Platform`), when
    /// both have one.
    pub platform: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(crate = "rmcp::schemars")]
pub struct RecommendationsArgs {
    /// A pillar: reliability, security, cost optimization, operational excellence,
    /// performance efficiency, experience optimization (or `cost`, `perf`, `ops`).
    pub pillar: Option<String>,
    /// Azure or Power Platform.
    pub platform: Option<String>,
    /// A workload: AI, generative AI, mission-critical, SAP, HPC, SaaS, IoT, …
    pub workload: Option<String>,
    /// A service by name or alias (`Azure Kubernetes Service`, `AKS`, `cosmos`,
    /// `Microsoft.Network/applicationGateways`).
    pub service: Option<String>,
    /// At most this many results, 1 to 10000 [default: 50].
    pub limit: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(crate = "rmcp::schemars")]
pub struct DesignPrinciplesArgs {
    /// A pillar: reliability, security, cost optimization, operational excellence,
    /// performance efficiency, experience optimization.
    pub pillar: Option<String>,
    /// A workload: AI, generative AI, mission-critical, SAP, HPC, SaaS, IoT, …
    pub workload: Option<String>,
    /// Azure or Power Platform.
    pub platform: Option<String>,
    /// At most this many results, 1 to 10000 [default: 50].
    pub limit: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(crate = "rmcp::schemars")]
pub struct ChecklistArgs {
    /// A pillar: reliability, security, cost optimization, operational excellence,
    /// performance efficiency, experience optimization.
    pub pillar: Option<String>,
    /// Azure or Power Platform: that platform's design review checklist.
    pub platform: Option<String>,
    /// A service by name or alias: its guide's workload design checklist instead.
    pub service: Option<String>,
    /// At most this many results, 1 to 10000 [default: 50].
    pub limit: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(crate = "rmcp::schemars")]
pub struct ServiceGuideArgs {
    /// The service by name or alias: `Azure Kubernetes Service`, `AKS`, `cosmos`,
    /// `appgw`, `Microsoft.Web/sites`.
    pub service: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(crate = "rmcp::schemars")]
pub struct TradeoffsArgs {
    /// Two pillars whose tradeoffs are asked (`["reliability", "cost optimization"]`),
    /// or one for all of its tradeoffs.
    pub pillars: Vec<String>,
    /// At most this many results, 1 to 10000 [default: 50].
    pub limit: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(crate = "rmcp::schemars")]
pub struct NeighborsArgs {
    /// A node's id from a result, or a checklist code (`SE:05`).
    pub id: String,
    /// For a code: the platform whose checklist it is (`Azure`, `Power Platform`), when
    /// both have one.
    pub platform: Option<String>,
    /// At most this many results, 1 to 10000 [default: 50].
    pub limit: Option<u32>,
}

/// A tool's failure as MCP reports it: marked `isError`, with the message a person would
/// read as text and `{"error": {"code", "message", "advice"?, "problems"?}}` as structured
/// content.
fn fail(e: &Error) -> CallToolResult {
    let mut result = CallToolResult::error(vec![ContentBlock::text(e.for_people())]);
    result.structured_content = serde_json::to_value(ErrorAnswer { error: e.to_json() }).ok();
    result
}

/// The number of results to give: `limit`, checked as `--limit` is, else the default.
fn limit(asked: Option<u32>) -> Result<usize, CallToolResult> {
    match asked {
        None => Ok(DEFAULT_LIMIT),
        Some(n) => crate::cli::parse_limit(&n.to_string())
            .map_err(|why| fail(&Error::Usage(format!("limit: {why}")))),
    }
}

fn some(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

#[tool_router]
impl Server {
    pub fn new(engine: Arc<Engine>) -> Server {
        Server {
            engine,
            tool_router: Self::tool_router(),
        }
    }

    /// A strict answer to a composed query, as a list.
    fn list(&self, text: &str, limit: usize) -> Result<Json<List>, CallToolResult> {
        let options = Options {
            limit: Some(limit),
            strict: true,
            ..Options::default()
        };
        let answer = self.engine.answer(text, options).map_err(|e| fail(&e))?;
        Ok(Json(List::from(&answer)))
    }

    /// The node an id or a checklist code names.
    fn resolve(&self, id: &str, platform: Option<&str>) -> Result<NodeView, Error> {
        let id = id.trim();
        if let Some(view) = self.engine.node(id)? {
            return Ok(view);
        }
        let unknown = || {
            Error::Usage(format!(
                "no node has the id `{id}`; ids come from the results of the other tools, and codes look like `SE:05`"
            ))
        };
        let options = Options {
            strict: true,
            ..Options::default()
        };
        let answer = match self.engine.answer(&compose::code(id, platform), options) {
            Ok(a) => a,
            // Not a code either.
            Err(Error::Query(_)) if platform.is_none() => return Err(unknown()),
            Err(e) => return Err(e),
        };
        let platforms: Vec<String> = answer
            .results
            .iter()
            .flat_map(|r| r.platforms.iter().cloned())
            .collect();
        let first = match answer.results.first() {
            None => {
                let on = platform.map(|p| format!(" on {p}")).unwrap_or_default();
                return Err(Error::Usage(format!(
                    "no checklist item has the code `{id}`{on}"
                )));
            }
            Some(_) if platform.is_none() && platforms.iter().any(|p| *p != platforms[0]) => {
                return Err(Error::Usage(format!(
                    "`{id}` is a code on {}; say which with `platform`",
                    platforms.join(" and ")
                )));
            }
            Some(first) => first,
        };
        self.engine.node(&first.id)?.ok_or_else(unknown)
    }

    #[tool(
        description = "Ask the guidance anything, in plain words or the query language: a question (`how do I keep AKS upgrades safe`), a list (`security checklist for Azure`, `challenges for AI workloads`), filters (`service:aks kind:tradeoff`), or the graph (`neighbors of SE:05`, `path from X to Y`). Results in rank order with their sources.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    fn query(&self, Parameters(args): Parameters<QueryArgs>) -> Result<Json<List>, CallToolResult> {
        let limit = limit(args.limit)?;
        let options = Options {
            limit: Some(limit),
            ..Options::default()
        };
        let answer = self
            .engine
            .answer(&args.text, options)
            .map_err(|e| fail(&e))?;
        Ok(Json(List::from(&answer)))
    }

    #[tool(
        description = "One node of the guidance by its id (from any result) or its checklist code (`SE:05`, with `platform` when Azure and Power Platform both have it): its fields, its own text, the section it was read from, and its relations.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    fn get(
        &self,
        Parameters(args): Parameters<GetArgs>,
    ) -> Result<Json<NodeAnswer>, CallToolResult> {
        let view = self
            .resolve(&args.id, some(&args.platform))
            .map_err(|e| fail(&e))?;
        let (section, messages) = match view.node.sources.first() {
            Some(source) => match self.engine.source_text(source) {
                Ok(text) => (text.lines, Vec::new()),
                Err(e) => (Vec::new(), vec![e.to_string()]),
            },
            None => (Vec::new(), Vec::new()),
        };
        Ok(Json(NodeAnswer::new(&view, section, messages)))
    }

    #[tool(
        description = "Recommendations (the frameworks' checklist items and the service and workload guides' recommendations), narrowed by any of pillar, platform, workload and service. A filter that names nothing is an error listing what it may name.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    fn recommendations(
        &self,
        Parameters(args): Parameters<RecommendationsArgs>,
    ) -> Result<Json<List>, CallToolResult> {
        let filters = compose::Filters {
            pillar: some(&args.pillar),
            platform: some(&args.platform),
            workload: some(&args.workload),
            service: some(&args.service),
        };
        self.list(&compose::recommendations(&filters), limit(args.limit)?)
    }

    #[tool(
        description = "Design principles of a pillar, a workload (AI, mission-critical, SAP, …) or a platform, any of them optional.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    fn design_principles(
        &self,
        Parameters(args): Parameters<DesignPrinciplesArgs>,
    ) -> Result<Json<List>, CallToolResult> {
        let filters = compose::Filters {
            pillar: some(&args.pillar),
            platform: some(&args.platform),
            workload: some(&args.workload),
            service: None,
        };
        self.list(&compose::design_principles(&filters), limit(args.limit)?)
    }

    #[tool(
        description = "A design review checklist in code order: a platform's (`SE:01`, `SE:02`, …) for a pillar, or with `service` that service guide's workload design checklist.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    fn checklist(
        &self,
        Parameters(args): Parameters<ChecklistArgs>,
    ) -> Result<Json<List>, CallToolResult> {
        let filters = compose::Filters {
            pillar: some(&args.pillar),
            platform: some(&args.platform),
            workload: None,
            service: some(&args.service),
        };
        self.list(&compose::checklist(&filters), limit(args.limit)?)
    }

    #[tool(
        description = "A service's Well-Architected service guide, pillar by pillar: its workload design checklist, configuration recommendations, Azure policies and tradeoffs, with sources, and its example architectures. The service by name or alias (`AKS`, `cosmos`, `Microsoft.Web/sites`).",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    fn service_guide(
        &self,
        Parameters(args): Parameters<ServiceGuideArgs>,
    ) -> Result<Json<ServiceGuide>, CallToolResult> {
        let strict = Options {
            limit: Some(crate::query::WHOLE_LIST),
            strict: true,
            ..Options::default()
        };
        let service = self
            .engine
            .answer(&compose::service(&args.service), strict)
            .map_err(|e| fail(&e))?;
        let Some(node) = service.results.first() else {
            return Err(fail(&Error::Usage(format!(
                "this index has no service guide for `{}`; `guidegraph query services` lists the services it has",
                args.service.trim()
            ))));
        };
        let guide = self
            .engine
            .answer(&compose::service_guide(&args.service), strict)
            .map_err(|e| fail(&e))?;
        Ok(Json(ServiceGuide::new(node, &guide)))
    }

    #[tool(
        description = "Tradeoffs between two pillars (`[\"reliability\", \"cost optimization\"]`): what the guidance says one costs the other. One pillar gives all of its tradeoffs.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    fn tradeoffs(
        &self,
        Parameters(args): Parameters<TradeoffsArgs>,
    ) -> Result<Json<List>, CallToolResult> {
        let pillars: Vec<&str> = args
            .pillars
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .collect();
        if pillars.is_empty() || pillars.len() > 2 {
            return Err(fail(&Error::Usage(format!(
                "tradeoffs are between two pillars (or of one), not {}",
                pillars.len()
            ))));
        }
        self.list(&compose::tradeoffs(&pillars), limit(args.limit)?)
    }

    #[tool(
        description = "The nodes one edge away from a node (by id, or checklist code with `platform` when both platforms have it): its pillar, platform, the article and section it sits in, the items it holds, with how each relates.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    fn neighbors(
        &self,
        Parameters(args): Parameters<NeighborsArgs>,
    ) -> Result<Json<List>, CallToolResult> {
        let limit = limit(args.limit)?;
        let view = self
            .resolve(&args.id, some(&args.platform))
            .map_err(|e| fail(&e))?;
        let answer = self
            .engine
            .neighbours(&view.node.id, Some(limit))
            .map_err(|e| fail(&e))?;
        Ok(Json(List::from(&answer)))
    }
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for Server {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(
            ServerCapabilities::builder()
                .enable_tools()
                .enable_resources()
                .build(),
        )
        .with_server_info(
            Implementation::new("guidegraph", env!("CARGO_PKG_VERSION"))
                .with_title("guidegraph: the Well-Architected guidance as a graph"),
        )
        .with_instructions(INSTRUCTIONS)
    }

    async fn list_resources(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, ErrorData> {
        let rows = self
            .engine
            .articles()
            .map_err(|e| ErrorData::internal_error(e.for_people(), None))?;
        let resources = rows
            .iter()
            .filter_map(|row| {
                let source = row.sources.first()?;
                let mut description = row.summary.clone();
                if let Some(url) = &row.url {
                    description = format!("{description} ({url})");
                }
                Some(
                    Resource::new(
                        answer::article_uri(&source.corpus, &source.path),
                        format!("{}/{}", source.corpus, source.path),
                    )
                    .with_title(row.title.clone())
                    .with_description(description)
                    .with_mime_type("text/markdown"),
                )
            })
            .collect();
        Ok(ListResourcesResult::with_all_items(resources))
    }

    async fn list_resource_templates(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourceTemplatesResult, ErrorData> {
        Ok(ListResourceTemplatesResult::with_all_items(vec![
            ResourceTemplate::new(
                format!("{}{{corpus}}/{{+path}}", answer::ARTICLE_URI),
                "article",
            )
            .with_title("An article of the guidance")
            .with_description("An article by its corpus and path, as results' sources name it")
            .with_mime_type("text/markdown"),
        ]))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, ErrorData> {
        let uri = request.uri;
        let not_found = || {
            ErrorData::resource_not_found(
                format!(
                    "no article `{uri}`; articles are guidegraph://article/<corpus>/<path>, as results' sources name them"
                ),
                None,
            )
        };
        let Some((corpus, path)) = uri
            .strip_prefix(answer::ARTICLE_URI)
            .and_then(|rest| rest.split_once('/'))
        else {
            return Err(not_found());
        };
        let article = self
            .engine
            .article(corpus, path)
            .map_err(|e| ErrorData::internal_error(e.for_people(), None))?
            .ok_or_else(not_found)?;
        let contents = ResourceContents::TextResourceContents {
            uri: uri.clone(),
            mime_type: Some("text/markdown".into()),
            text: article.text,
            meta: None,
        };
        Ok(ReadResourceResult::new(vec![contents]).into())
    }
}
