//! The engine every front end calls — the command line, the REPL, and what comes (an MCP
//! server, review files, exports) — and none bypasses: open an index, answer a query,
//! explain one, get a node with its relations, its neighbours, the text of a source, a
//! checklist of several queries, the graph or a node's neighbourhood for exports, what an
//! index holds (`stats`, `vocabulary`, `nodes`), two indexes compared (`compare`). It
//! returns data (serde types) and never prints; notes for the user (a correction, an
//! index being built) come back as data too, and progress through the caller's callback
//! ([`Notice`]). No front end reaches the store behind it (issue 18).

use std::io;
use std::path::{Path, PathBuf};

use petgraph::Direction;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::corpus::{Root, embedded};
use crate::error::{Error, QueryProblems};
use crate::graph::{EdgeKind, Graph, Node, NodeKind, Source};
use crate::indexer;
use crate::location::IndexPlace;
use crate::query::{self, Answer, Plan, ResultRow, parse::Form};
use crate::script::ScriptQuery;
use crate::store::{Store, StoreError};

/// An opened index.
pub struct Engine {
    store: Store,
}

/// The manifest of an index, as [`Engine::stats`] gives it.
pub use crate::store::Manifest;

/// What [`Engine::open`] tells its caller while it works: a note for the user, or a long
/// step starting and ending, which a terminal front end shows as progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Note(String),
    /// A long step began (`indexing`).
    Started(&'static str),
    /// The step begun last ended.
    Finished,
}

/// What an index holds and whether its corpus changed since it was built.
#[derive(Debug, Clone)]
pub struct Stats {
    pub manifest: Manifest,
    /// What indexing warned of.
    pub warnings: Vec<crate::corpus::Warning>,
    /// How many files of its corpora were added, changed or removed since; the reason
    /// when that cannot be checked.
    pub changed_files: Result<usize, String>,
}

/// How a query is answered.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// At most this many results; `None`: see [`query::default_limit`].
    pub limit: Option<usize>,
    /// Keep drafts in checklists.
    pub drafts: bool,
    /// Never loosen the kind, platform, workload or service asked for when nothing
    /// matches (a misspelling is still corrected): a tool that promises design principles
    /// must not answer with challenges. The answer is then empty and says what matched
    /// nothing.
    pub strict: bool,
}

/// A node with its relations, as `:show` and assistants present it.
#[derive(Debug, Clone, Serialize)]
pub struct NodeView {
    pub node: Node,
    /// The node as a result row: display names, and its page on Learn.
    pub row: ResultRow,
    pub relations: Vec<Relation>,
}

/// One edge of a node, seen from it.
#[derive(Debug, Clone, Serialize)]
pub struct Relation {
    /// `out` (this node → other) or `in`.
    pub direction: &'static str,
    pub kind: &'static str,
    pub evidence: String,
    pub id: String,
    pub title: String,
    pub node_kind: &'static str,
}

/// The section of an article a source points at.
#[derive(Debug, Clone, Serialize)]
pub struct SourceText {
    pub corpus: String,
    pub path: String,
    pub line: u32,
    /// From the section's heading to the next heading of its level, at most 80 lines.
    pub lines: Vec<String>,
}

/// The graph, or a part of it, as exports write it: its nodes as result rows (kind, title,
/// the names of their pillars, platforms, workloads and services, sources, page on Learn)
/// sorted by id, and the edges between them sorted by source, target, kind and evidence,
/// so the same index gives the same export byte for byte.
#[derive(Debug, Clone, Serialize)]
pub struct Subgraph {
    /// The id of the node a neighbourhood is around; `None` for the whole graph.
    pub around: Option<String>,
    pub nodes: Vec<ResultRow>,
    pub edges: Vec<GraphEdge>,
}

/// An edge of a [`Subgraph`], between the ids of its two nodes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct GraphEdge {
    pub source: String,
    pub target: String,
    pub kind: EdgeKind,
    pub evidence: String,
}

/// An article of the index with its whole text, read from its corpus now.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleText {
    pub row: ResultRow,
    /// At most [`crate::corpus::MAX_FILE_BYTES`] of the file.
    pub text: String,
}

/// What a review file records of one item of the guidance, read from the index now.
#[derive(Debug, Clone, Serialize)]
pub struct Guidance {
    pub id: String,
    pub title: String,
    pub code: Option<String>,
    /// The item's strongest pillar, by its id (`security`).
    pub pillar: Option<String>,
    pub summary: String,
    pub url: Option<String>,
    /// `TITLE.TEXT`: eight hex digits of a hash of the title, eight of the code, text and
    /// pillars, so a review can tell a retitled item from a rewritten one.
    pub fingerprint: String,
}

/// Where the guidance an index holds came from: a corpus and the commit it was fetched at.
#[derive(Debug, Clone, Serialize)]
pub struct CorpusVersion {
    pub label: String,
    pub commit: Option<String>,
}

/// Said when an index of the built-in articles cannot answer a question.
pub const EMBEDDED_ONLY: &str = "this index holds only the three founding articles built into guidegraph, which do not answer this; `guidegraph fetch` gets the whole Well-Architected guidance (with git), and the next query indexes it";

/// A `run` script's query and its answer.
#[derive(Debug, Clone, Serialize)]
pub struct ScriptAnswer {
    pub query: ScriptQuery,
    pub answer: Answer,
}

impl Engine {
    /// Opens the index at `place`. A default index that does not exist yet is built from
    /// the default corpus first, as a first `guidegraph query` on a fresh machine should
    /// just work; `hear` hears what is done and what the user should know.
    pub fn open(place: &IndexPlace, hear: &mut dyn FnMut(Notice)) -> Result<Engine, Error> {
        let dir = &place.dir;
        let store = match Store::open(dir) {
            Err(StoreError::Missing(_)) if !place.given => {
                let (roots, _) = crate::corpora::fallback();
                let what: Vec<String> = roots.iter().map(Root::describe).collect();
                hear(Notice::Note(format!(
                    "no index at {}; building it from {}",
                    dir.display(),
                    what.join(", ")
                )));
                build(&roots, dir, hear)?
            }
            other => {
                let store = other?;
                if store.manifest.guidegraph != env!("CARGO_PKG_VERSION") {
                    hear(Notice::Note(format!(
                        "the index at {} was built by guidegraph {}; rebuild it with `{}` to use this version's rules",
                        dir.display(),
                        store.manifest.guidegraph,
                        crate::corpora::rebuild_command(dir, &store.manifest.roots)
                    )));
                }
                // The default index of the embedded articles was the fallback of a machine
                // without the guidance; once it has been fetched, the index is of it.
                let fetched = crate::corpora::fetched_roots();
                if !place.given
                    && crate::corpora::is_fallback(&store.manifest.roots)
                    && !fetched.is_empty()
                {
                    hear(Notice::Note(format!(
                        "the index at {} holds only the founding articles; building it from the fetched guidance: {}",
                        dir.display(),
                        crate::corpora::names(&fetched)
                    )));
                    build(&fetched, dir, hear)?
                } else {
                    store
                }
            }
        };
        Ok(Engine { store })
    }

    /// Opens the index at `dir` as it is: it is never built nor rebuilt.
    pub fn open_existing(dir: &Path) -> Result<Engine, Error> {
        Ok(Engine {
            store: Store::open(dir)?,
        })
    }

    /// An engine over an index already opened.
    pub fn from_store(store: Store) -> Engine {
        Engine { store }
    }

    /// The folder of the index.
    pub fn dir(&self) -> &Path {
        &self.store.dir
    }

    /// The words this index's queries use: its services, workloads, pillars, kinds.
    pub fn vocabulary(&self) -> &query::Vocabulary {
        self.store.vocabulary()
    }

    /// What the index holds, from its manifest (no graph is read).
    pub fn manifest(&self) -> &Manifest {
        &self.store.manifest
    }

    /// What the index holds, what indexing warned of, and whether its corpus changed.
    pub fn stats(&self) -> Result<Stats, Error> {
        let files = self.store.files()?;
        Ok(Stats {
            changed_files: indexer::changed_files(&self.store.manifest, &files)
                .map_err(|e| e.to_string()),
            manifest: self.store.manifest.clone(),
            warnings: files.warnings,
        })
    }

    /// Every node of the graph, in the graph's order.
    pub fn nodes(&self) -> Result<impl Iterator<Item = &Node>, Error> {
        Ok(self.store.graph()?.inner.node_weights())
    }

    /// Every edge of the graph with its two ends, in the graph's order.
    pub fn edges(
        &self,
    ) -> Result<impl Iterator<Item = (&Node, &crate::graph::Edge, &Node)>, Error> {
        let g = self.store.graph()?;
        Ok(g.inner
            .edge_references()
            .map(move |e| (&g.inner[e.source()], e.weight(), &g.inner[e.target()])))
    }

    /// What changed from `old` to this index: items added, removed, changed.
    pub fn compare(&self, old: &Engine) -> Result<crate::diff::Report, Error> {
        Ok(crate::diff::compare(
            old.store.graph()?,
            self.store.graph()?,
            &crate::published::Links::new(&old.store.manifest.corpora),
            &self.store.links(),
        ))
    }

    /// Answers one query.
    pub fn answer(&self, text: &str, options: Options) -> Result<Answer, Error> {
        let mut answer = query::answer_with(&self.store, text, options.limit, options.drafts)
            .map_err(|e| match e {
                query::Failure::Syntax(e) => Error::Query(QueryProblems::of(text, e)),
                other => other.into(),
            })?;
        // A newcomer's first index is often the three founding articles (no fetch yet, run
        // from another folder): an answer they cannot give says so, and how to get the
        // guidance, rather than pass two rows off as the security checklist (issue 17).
        let reaches_past = answer.results.is_empty()
            || answer
                .interpretation
                .notes
                .iter()
                .any(|n| n.starts_with("relaxed:"));
        if reaches_past && self.embedded_only() {
            answer.messages.push(EMBEDDED_ONLY.to_string());
        }
        if options.strict {
            strictly(&mut answer);
        }
        Ok(answer)
    }

    /// Whether the index holds only the articles built into guidegraph.
    pub fn embedded_only(&self) -> bool {
        let roots = &self.store.manifest.roots;
        !roots.is_empty()
            && roots
                .iter()
                .all(|r| crate::corpus::Root::from_description(r) == crate::corpus::Root::Embedded)
    }

    /// The corpora this index was built from, with the commits they were fetched at.
    pub fn corpora(&self) -> Vec<CorpusVersion> {
        self.store
            .manifest
            .corpora
            .iter()
            .map(|o| CorpusVersion {
                label: o.label.clone(),
                commit: o.commit.clone(),
            })
            .collect()
    }

    /// The items with these ids as the index holds them now; `None` for an id it does
    /// not hold (the guidance removed the item, or the id was mistyped).
    pub fn guidance(&self, ids: &[&str]) -> Result<Vec<Option<Guidance>>, Error> {
        let g = self.store.graph()?;
        let links = self.store.links();
        Ok(ids
            .iter()
            .map(|id| {
                g.index_of(id).map(|i| {
                    let n = &g.inner[i];
                    Guidance {
                        id: n.id.clone(),
                        title: n.title.clone(),
                        code: n.code.clone(),
                        pillar: n.pillars.first().map(|p| p.to_string()),
                        summary: n.summary.clone(),
                        url: links.url(n),
                        fingerprint: fingerprint(n),
                    }
                })
            })
            .collect())
    }

    /// How a query is read against this index, without answering it.
    pub fn explain(&self, text: &str) -> Result<Plan, Error> {
        query::interpret(text, self.store.vocabulary())
            .map(|(_, plan)| plan)
            .map_err(|e| Error::Query(QueryProblems::of(text, e)))
    }

    /// Checks every query of a script against this index (its syntax, and what its filters
    /// name), telling all problems at once, each at `label:LINE`.
    pub fn check_script(&self, label: &str, script: &[ScriptQuery]) -> Result<(), Error> {
        QueryProblems::check_all(
            script
                .iter()
                .map(|q| (format!("{label}:{}", q.line), q.query.as_str())),
            |q| query::interpret(q, self.store.vocabulary()),
        )
    }

    /// Answers every query of a script, after checking them all: a typo on line 30 fails
    /// before line 1 is answered. Errors name the script's `label` and the line.
    pub fn checklist(
        &self,
        label: &str,
        script: &[ScriptQuery],
        options: Options,
    ) -> Result<Vec<ScriptAnswer>, Error> {
        let mut out = Vec::new();
        self.checklist_each(label, script, options, |a| {
            out.push(a);
            Ok(())
        })?;
        Ok(out)
    }

    /// [`Engine::checklist`], handing each answer to `each` as soon as it is made, so a
    /// script of a thousand queries holds one answer at a time (all of them at once took
    /// gigabytes, issue 17).
    pub fn checklist_each(
        &self,
        label: &str,
        script: &[ScriptQuery],
        options: Options,
        mut each: impl FnMut(ScriptAnswer) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.check_script(label, script)?;
        for q in script {
            each(ScriptAnswer {
                query: q.clone(),
                answer: self.answer(&q.query, options)?,
            })?;
        }
        Ok(())
    }

    /// The node with this id, and its relations.
    pub fn node(&self, id: &str) -> Result<Option<NodeView>, Error> {
        let g = self.store.graph()?;
        let Some(index) = g.index_of(id) else {
            return Ok(None);
        };
        let relation =
            |direction, e: petgraph::graph::EdgeReference<'_, crate::graph::Edge>, other| {
                let n: &Node = &g.inner[other];
                Relation {
                    direction,
                    kind: e.weight().kind.name(),
                    evidence: e.weight().evidence.to_string(),
                    id: n.id.clone(),
                    title: n.title.clone(),
                    node_kind: n.kind.name(),
                }
            };
        let relations = g
            .inner
            .edges_directed(index, Direction::Outgoing)
            .map(|e| relation("out", e, e.target()))
            .chain(
                g.inner
                    .edges_directed(index, Direction::Incoming)
                    .map(|e| relation("in", e, e.source())),
            )
            .collect();
        let node = &g.inner[index];
        let links = self.store.links();
        Ok(Some(NodeView {
            row: ResultRow::from_node(node, 0.0, None).linked(node, &links),
            node: node.clone(),
            relations,
        }))
    }

    /// Every article of the index, as result rows, in corpus, path and line order.
    pub fn articles(&self) -> Result<Vec<ResultRow>, Error> {
        let g = self.store.graph()?;
        let links = self.store.links();
        let mut rows: Vec<ResultRow> = g
            .inner
            .node_weights()
            .filter(|n| n.kind == NodeKind::Article)
            .map(|n| ResultRow::from_node(n, 0.0, None).linked(n, &links))
            .collect();
        rows.sort_by(|a, b| a.sources.first().cmp(&b.sources.first()));
        Ok(rows)
    }

    /// The article at `path` in the corpus labelled `corpus`, with its text as the corpus
    /// holds it now; `None` when the index has no such article. A file that went away
    /// since it was indexed is an error that says so.
    pub fn article(&self, corpus: &str, path: &str) -> Result<Option<ArticleText>, Error> {
        let g = self.store.graph()?;
        let Some(node) = g.inner.node_weights().find(|n| {
            n.kind == NodeKind::Article
                && n.sources
                    .first()
                    .is_some_and(|s| s.corpus == corpus && s.path == path)
        }) else {
            return Ok(None);
        };
        let Some(source) = node.sources.first() else {
            return Ok(None);
        };
        let text = self.read_source(source).ok_or_else(|| {
            Error::Runtime(format!(
                "cannot read {corpus}/{path}; has the corpus moved since it was indexed?"
            ))
        })?;
        let links = self.store.links();
        Ok(Some(ArticleText {
            row: ResultRow::from_node(node, 0.0, None).linked(node, &links),
            text,
        }))
    }

    /// The article node `id` stands for, with its text: an article's own file; for a
    /// pillar, a platform or a workload, the article that introduces it (see
    /// [`introduces`]), else the article of its first source; `None` for other nodes, and
    /// for one first seen in a section, whose place is that section.
    ///
    /// A pillar's first source is its checklist, which names it in its title, and a
    /// platform's is whichever article came first: neither is what a person opening
    /// "Reliability" or "Azure" expects to read (issue 19).
    pub fn own_article(&self, id: &str) -> Result<Option<ArticleText>, Error> {
        let g = self.store.graph()?;
        let Some(node) = g.index_of(id).map(|i| &g.inner[i]) else {
            return Ok(None);
        };
        let Some(first) = node.sources.first() else {
            return Ok(None);
        };
        let about: fn(&Node) -> &Vec<crate::graph::Shared> = match node.kind {
            NodeKind::Article => return self.article(&first.corpus, &first.path),
            NodeKind::Pillar => |n| &n.pillars,
            NodeKind::Platform => |n| &n.platforms,
            NodeKind::Workload => |n| &n.workloads,
            _ => return Ok(None),
        };
        let Some(key) = about(node).first() else {
            return Ok(None);
        };
        // The articles about it in the corpus of its first source (a pillar shared by two
        // platforms opens where its first source is), nearest the corpus's top folder; a
        // platform's at the top itself, where a workload's overview is not.
        let chosen = g
            .inner
            .node_weights()
            .filter(|n| n.kind == NodeKind::Article && about(n).contains(key))
            .filter_map(|n| n.sources.first())
            .filter(|s| s.corpus == first.corpus)
            .filter_map(|s| Some((s.path.matches('/').count(), introduces(&s.path)?, s)))
            .filter(|(depth, _, _)| node.kind != NodeKind::Platform || *depth == 0)
            .min_by(|a, b| (a.0, a.1, &a.2.path).cmp(&(b.0, b.1, &b.2.path)))
            .map(|(_, _, s)| s);
        // Else the article its first source is, when that is a whole article (line 1: the
        // extraction ranks an article titled after it first); a mention in a section
        // opens at the section, as any other node does.
        match chosen.or((first.line == 1).then_some(first)) {
            Some(s) => self.article(&s.corpus, &s.path),
            None => Ok(None),
        }
    }

    /// The nodes one edge away from the node `id`, as an answer.
    pub fn neighbours(&self, id: &str, limit: Option<usize>) -> Result<Answer, Error> {
        let g = self.store.graph()?;
        let form = Form::Neighbors(id.to_string());
        let hits = g
            .index_of(id)
            .map(|i| query::exec::explore(g, &form, &[i]))
            .unwrap_or_default();
        let total = hits.len();
        let links = self.store.links();
        let results = hits
            .into_iter()
            .take(limit.unwrap_or(query::WHOLE_LIST))
            .map(|h| {
                let n = &g.inner[h.index];
                ResultRow::from_node(n, h.score, h.relation).linked(n, &links)
            })
            .collect();
        Ok(Answer {
            query: format!("neighbors of {id}"),
            interpretation: Plan::default(),
            total,
            results,
            messages: Vec::new(),
        })
    }

    /// The whole graph, every node and edge (as many as `stats` counts).
    pub fn graph(&self) -> Result<Subgraph, Error> {
        let g = self.store.graph()?;
        Ok(self.subgraph(g, &vec![true; g.inner.node_count()]))
    }

    /// The nodes at most `depth` edges away from the node `target` names, following edges
    /// in either direction, and every edge between two of them (what networkx calls an
    /// undirected ego graph). `target` is read as `neighbors of` reads it: an id, a code, a
    /// title, a pillar, platform or workload name, else the best full-text match. `None`
    /// when it names nothing.
    pub fn around(&self, target: &str, depth: usize) -> Result<Option<Subgraph>, Error> {
        let g = self.store.graph()?;
        let Some(start) = query::exec::resolve(&self.store.text, target)?
            .filter(|i| g.inner.node_weight(*i).is_some())
        else {
            return Ok(None);
        };
        let mut keep = vec![false; g.inner.node_count()];
        keep[start.index()] = true;
        let mut frontier = vec![start];
        for _ in 0..depth {
            let mut next = Vec::new();
            for n in frontier {
                for m in g.inner.neighbors_undirected(n) {
                    if !keep[m.index()] {
                        keep[m.index()] = true;
                        next.push(m);
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            frontier = next;
        }
        let mut sub = self.subgraph(g, &keep);
        sub.around = Some(g.inner[start].id.clone());
        Ok(Some(sub))
    }

    /// The nodes of `g` marked in `keep` (by node index) and the edges between them.
    fn subgraph(&self, g: &Graph, keep: &[bool]) -> Subgraph {
        let kept = |i: petgraph::graph::NodeIndex| keep.get(i.index()).copied().unwrap_or(false);
        let links = self.store.links();
        let mut nodes: Vec<ResultRow> = g
            .inner
            .node_indices()
            .filter(|&i| kept(i))
            .map(|i| {
                let n = &g.inner[i];
                ResultRow::from_node(n, 0.0, None).linked(n, &links)
            })
            .collect();
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        let mut edges: Vec<GraphEdge> = g
            .inner
            .edge_references()
            .filter(|e| kept(e.source()) && kept(e.target()))
            .map(|e| GraphEdge {
                source: g.inner[e.source()].id.clone(),
                target: g.inner[e.target()].id.clone(),
                kind: e.weight().kind,
                evidence: e.weight().evidence.to_string(),
            })
            .collect();
        edges.sort();
        Subgraph {
            around: None,
            nodes,
            edges,
        }
    }

    /// The section a source points at, read from the corpus now. A file that moved, went
    /// away, or changed so the line is gone is an error that says so.
    pub fn source_text(&self, source: &Source) -> Result<SourceText, Error> {
        let where_ = format!("{}/{}", source.corpus, source.path);
        let text = self.read_source(source).ok_or_else(|| {
            Error::Runtime(format!(
                "cannot read {where_}; has the corpus moved since it was indexed?"
            ))
        })?;
        let lines = section_lines(&text, source.line as usize);
        if lines.is_empty() || text.lines().count() < source.line as usize {
            return Err(Error::Runtime(format!(
                "{where_} has changed since it was indexed (line {} is gone); run `guidegraph index` again",
                source.line
            )));
        }
        Ok(SourceText {
            corpus: source.corpus.to_string(),
            path: source.path.to_string(),
            line: source.line,
            lines: lines.into_iter().map(str::to_string).collect(),
        })
    }

    fn read_source(&self, source: &Source) -> Option<String> {
        let roots: Vec<Root> = self
            .store
            .manifest
            .roots
            .iter()
            .map(|r| Root::from_description(r))
            .collect();
        for (root, label) in roots.iter().zip(crate::corpus::labels(&roots)) {
            if label != source.corpus {
                continue;
            }
            match root {
                Root::Embedded => {
                    return embedded::FILES
                        .iter()
                        .find(|(n, _)| *n == source.path)
                        .map(|(_, t)| (*t).to_string());
                }
                Root::Dir(dir) => {
                    if let Some(text) =
                        read_inside(dir, &source.path, self.store.manifest.follow_links)
                    {
                        return Some(text);
                    }
                }
            }
        }
        None
    }
}

/// Empties an answer that had to loosen what was asked to find anything, and says so in
/// place of what the loosening showed: the loosening's first step names only the first
/// constraint it dropped, while it is their combination that matched nothing.
fn strictly(answer: &mut Answer) {
    let loosened: Vec<String> = answer
        .interpretation
        .notes
        .iter()
        .filter_map(|n| n.strip_prefix("relaxed: "))
        .map(str::to_string)
        .collect();
    if loosened.is_empty() {
        return;
    }
    answer.results.clear();
    answer.total = 0;
    answer.messages.retain(|m| !loosened.contains(m));
    answer.messages.push(format!(
        "nothing matches all of `{}`; nothing was loosened, so there are no results",
        answer.query
    ));
}

/// A node's fingerprint: see [`Guidance::fingerprint`]. Whitespace is collapsed, so a
/// re-wrapped paragraph is not a change.
fn fingerprint(n: &Node) -> String {
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = if n.text.is_empty() {
        &n.summary
    } else {
        &n.text
    };
    let body = format!(
        "{}\n{}\n{}",
        n.code.as_deref().unwrap_or(""),
        words(text),
        n.pillars.join(",")
    );
    let short = |s: &str| blake3::hash(s.as_bytes()).to_hex()[..8].to_string();
    format!("{}.{}", short(&words(&n.title)), short(&body))
}

/// Builds the index at `dir` from `roots`, telling `hear` when it starts and ends, and
/// opens it.
fn build(roots: &[Root], dir: &Path, hear: &mut dyn FnMut(Notice)) -> Result<Store, Error> {
    hear(Notice::Started("indexing"));
    let built = indexer::run(roots, dir, false, || {});
    hear(Notice::Finished);
    built?;
    Ok(Store::open(dir)?)
}

/// At most an article's worth of `dir/rel` (the file may have been replaced since it was
/// indexed), unless a link made since leads out of the corpus.
fn read_inside(dir: &Path, rel: &str, follow_links: bool) -> Option<String> {
    let path: PathBuf = dir.join(rel);
    let inside = match (path.canonicalize(), dir.canonicalize()) {
        (Ok(p), Ok(d)) => p.starts_with(d),
        _ => false,
    };
    if !inside && !follow_links {
        return None;
    }
    let mut bytes = Vec::new();
    let read = crate::bounded::open(&path, crate::bounded::Links::Follow).and_then(|f| {
        io::Read::read_to_end(
            &mut io::Read::take(f, crate::corpus::MAX_FILE_BYTES),
            &mut bytes,
        )
    });
    read.ok()
        .map(|_| String::from_utf8_lossy(&bytes).into_owned())
}

/// How well the article at `path` introduces what it is about, by the file names the
/// guidance gives its introductions, best first; `None` for any other article. A
/// platform's is `what-is-….md` at the top of its corpus (Azure's index page is YAML, and
/// Power Platform's `index.md` is a heading alone); a workload's its `overview.md` or
/// `…-overview.md`; a pillar's its `principles.md`, which its table of contents puts
/// first (the pillar's landing page, `index.yml`, is no article). Depth is weighed before
/// this, so the pillar's own folder wins over a workload's overview that names it.
fn introduces(path: &str) -> Option<u8> {
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.strip_suffix(".md")?;
    if stem.starts_with("what-is-") {
        Some(0)
    } else if stem == "overview" || stem.ends_with("-overview") {
        Some(1)
    } else if stem == "principles" {
        Some(2)
    } else if stem == "index" {
        Some(3)
    } else {
        None
    }
}

/// The lines of the section holding line `line` (1-based): from its heading to the next
/// heading of the same or a higher level, at most 80 lines.
fn section_lines(text: &str, line: usize) -> Vec<&str> {
    let lines: Vec<&str> = text.lines().collect();
    if lines.is_empty() {
        return lines;
    }
    let level = |l: &str| {
        let hashes = l.chars().take_while(|&c| c == '#').count();
        (hashes > 0 && hashes <= 6 && l[hashes..].starts_with(' ')).then_some(hashes)
    };
    let at = line.saturating_sub(1).min(lines.len().saturating_sub(1));
    let start = (0..=at)
        .rev()
        .find(|&i| level(lines[i]).is_some())
        .unwrap_or(at);
    let own = lines.get(start).and_then(|l| level(l)).unwrap_or(7);
    let end = (start + 1..lines.len())
        .find(|&i| level(lines[i]).is_some_and(|l| l <= own))
        .unwrap_or(lines.len());
    lines[start..end.min(start + 80)].to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_section_runs_to_the_next_heading_of_its_level() {
        let text = "# T\nintro\n## A\na1\n### A.1\nx\n## B\nb\n";
        assert_eq!(section_lines(text, 3), ["## A", "a1", "### A.1", "x"]);
        assert_eq!(section_lines(text, 4), ["## A", "a1", "### A.1", "x"]);
        assert_eq!(section_lines(text, 8), ["## B", "b"]);
        assert_eq!(section_lines("no headings\nat all", 2), ["at all"]);
        assert!(
            section_lines("", 3).is_empty(),
            "an emptied file has no section"
        );
    }

    #[test]
    fn introductions_are_known_by_their_file_names() {
        assert_eq!(introduces("what-is-well-architected-framework.md"), Some(0));
        assert_eq!(
            introduces("mission-critical/mission-critical-overview.md"),
            Some(1)
        );
        assert_eq!(introduces("reliability/principles.md"), Some(2));
        assert_eq!(introduces("reliability/checklist.md"), None);
        assert_eq!(introduces("reliability/index.yml"), None);
    }
}
