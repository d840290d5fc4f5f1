//! Command-line arguments (clap derive), close to what the user typed. `app` turns them
//! into actions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::output::Format;

/// A knowledge-graph query engine over the Microsoft Well-Architected guidance.
#[derive(Debug, Parser)]
#[command(name = "guidegraph", version, about, long_about = None, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

const AFTER_HELP: &str = "\
Examples:
  guidegraph fetch
  guidegraph index --corpus ../shared/corpus/azure-waf --corpus ../shared/corpus/power-platform-waf
  guidegraph query 'challenges related to security for Power Platform'
  guidegraph query --format json 'tradeoffs between reliability and cost'
  guidegraph run review.txt > checklist.md
  guidegraph review new payments.md --script review.txt
  guidegraph repl
  guidegraph export --format dot --around SE:05 | dot -Tsvg > se05.svg
  guidegraph completions bash > ~/.local/share/bash-completion/completions/guidegraph

With no --index, the index is ./index when the current folder has an `index/` folder (as
the repository does), else $GUIDEGRAPH_INDEX, else guidegraph/index in the user's data
folder ($XDG_DATA_HOME, ~/.local/share). guidegraph builds only in an index folder of its
own (marked by a .guidegraph-index file) or a new or empty one. With no --corpus, `index`
reads the corpora the index was built from, else the guidance `guidegraph fetch` got (kept
in guidegraph/corpus in the data folder), else ./corpus, else the three articles built
into guidegraph.";

/// The most results one answer may ask for. A limit sizes what a search collects, so an
/// unbounded one (`--limit 1000000000`) would allocate gigabytes before finding anything
/// (issue 11); no one reads ten thousand results in a terminal.
pub const MAX_LIMIT: usize = 10_000;

/// Reads a result limit (`--limit`, `:limit`): a whole number from 1 to [`MAX_LIMIT`].
pub fn parse_limit(s: &str) -> Result<usize, String> {
    let wrong = || format!("expected a whole number from 1 to {MAX_LIMIT}, not `{s}`");
    match s.trim().parse::<u64>() {
        Ok(0) => Err(format!("a limit of 0 would show nothing; {}", wrong())),
        Ok(n) if n <= MAX_LIMIT as u64 => usize::try_from(n).map_err(|_| wrong()),
        Ok(_) => Err(format!("at most {MAX_LIMIT} results can be asked for")),
        Err(_) => Err(wrong()),
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build (or refresh) the index from Markdown articles.
    Index(IndexArgs),
    /// Print what an existing index holds.
    Stats(StatsArgs),
    /// Answer one query.
    Query(QueryArgs),
    /// List the resources of infrastructure as code (ARM JSON, Bicep, Terraform) and the
    /// service guide that covers each; nothing in the files is run.
    Architecture(ArchitectureArgs),
    /// Run a file of queries and print one checklist.
    Run(RunArgs),
    /// Explore interactively.
    Repl(ReplArgs),
    /// Download the guidance (or bring a downloaded copy up to date) with git.
    Fetch(FetchArgs),
    /// What changed in the guidance between two indexes, or two commits of a source.
    Diff(DiffArgs),
    /// Write the graph, or the neighbourhood of a node, for other tools (GraphML, DOT,
    /// neo4j-admin CSV, Cypher).
    Export(ExportArgs),
    /// Print a completion script for a shell.
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write every page into a folder.
    Man(ManArgs),
    /// Serve the guidance to assistants over the Model Context Protocol (stdio, or
    /// streamable HTTP with --http).
    Mcp(McpArgs),
    /// Keep a workload review: a checklist the team marks, updates and reports on.
    #[command(subcommand)]
    Review(ReviewCommand),
}

#[derive(Debug, Subcommand)]
#[command(after_help = "\
Examples:
  guidegraph review new payments.md --query 'security checklist for Azure' --title Payments
  guidegraph review status payments.md
  guidegraph review update payments.md
  guidegraph review milestone payments.md q1
  guidegraph review report payments.md --format html > payments.html")]
pub enum ReviewCommand {
    /// Write a new review file from queries.
    New(ReviewNewArgs),
    /// Progress per section and pillar, risks, guidance changed since.
    Status(ReviewStatusArgs),
    /// Re-run the review's queries: add new items, flag changed and removed ones.
    Update(ReviewFileArgs),
    /// Record the statuses now as a named milestone in the file.
    Milestone(ReviewMilestoneArgs),
    /// A report for stakeholders.
    Report(ReviewReportArgs),
}

#[derive(Debug, Args)]
pub struct ReviewNewArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// A query; one section of the review each.
    #[arg(
        long = "query",
        value_name = "QUERY",
        required_unless_present = "script"
    )]
    pub queries: Vec<String>,
    /// A file of queries in the `run` format instead (`## Heading` titles a section).
    #[arg(long, value_name = "FILE", conflicts_with = "queries")]
    pub script: Option<PathBuf>,
    /// The review's title [default: the file's name].
    #[arg(long)]
    pub title: Option<String>,
    /// Review the architecture in these templates (ARM JSON, Bicep, Terraform; files or
    /// folders): each query gets a section for the pillars and one per service guide its
    /// resources have; `review update` reads the templates again.
    #[arg(long = "architecture", value_name = "PATH")]
    pub architecture: Vec<PathBuf>,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
    /// The review file to write.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewStatusFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct ReviewStatusArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    #[arg(long, value_enum, default_value = "table")]
    pub format: ReviewStatusFormat,
    /// Show the progress made since this milestone.
    #[arg(long, value_name = "MILESTONE")]
    pub since: Option<String>,
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct ReviewFileArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct ReviewMilestoneArgs {
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The milestone's name.
    #[arg(value_name = "NAME")]
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Md,
    Html,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct ReviewReportArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    #[arg(long, value_enum, default_value = "md")]
    pub format: ReportFormat,
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct IndexLocation {
    /// The index folder.
    #[arg(long, value_name = "DIR")]
    pub index: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// A folder of articles; give it more than once to index several.
    #[arg(long = "corpus", value_name = "DIR")]
    pub corpus: Vec<PathBuf>,
    /// Rebuild even when the corpus has not changed.
    #[arg(long)]
    pub force: bool,
    /// Follow symbolic links that lead out of a corpus folder (not followed by default).
    #[arg(long)]
    pub follow_links: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub format: SummaryFormat,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    #[arg(long, value_enum, default_value = "text")]
    pub format: SummaryFormat,
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// At most this many results, 1 to 10000 [default: the whole list for a structured
    /// question such as a checklist, else 50].
    #[arg(long, value_parser = parse_limit)]
    pub limit: Option<usize>,
    /// Keep the rows the guidance marks as drafts (TBD) in checklists.
    #[arg(long)]
    pub drafts: bool,
    /// Show how the query was read instead of answering it.
    #[arg(long)]
    pub explain: bool,
    /// Exit with status 1 when the query has no results, for scripts.
    #[arg(long)]
    pub fail_on_empty: bool,
    /// Show each result's page on Microsoft Learn under it in the table (shown anyway on
    /// a terminal of 160 columns or more).
    #[arg(long)]
    pub wide: bool,
    /// Answer for the architecture in these templates (ARM JSON, Bicep, Terraform; files
    /// or folders): the pillars' guidance, then each service guide its resources have,
    /// naming the resources (file:line) each applies to.
    #[arg(long = "architecture", value_name = "PATH")]
    pub architecture: Vec<PathBuf>,
    /// The query; several words are joined with spaces.
    #[arg(required = true, num_args = 1.., value_name = "QUERY")]
    pub query: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: Format,
    /// At most this many results per query, 1 to 10000 [default: the whole list for a
    /// structured question such as a checklist, else 50]; a cut is stated in the output.
    #[arg(long, value_parser = parse_limit)]
    pub limit: Option<usize>,
    /// Keep the rows the guidance marks as drafts (TBD) in checklists.
    #[arg(long)]
    pub drafts: bool,
    /// Exit with status 1 when a query of the script has no results (after writing the
    /// whole checklist), for scripts.
    #[arg(long)]
    pub fail_on_empty: bool,
    /// Answer each query for the architecture in these templates (ARM JSON, Bicep,
    /// Terraform; files or folders): a section for the pillars, then one per service guide.
    #[arg(long = "architecture", value_name = "PATH")]
    pub architecture: Vec<PathBuf>,
    /// One query a line; `#` starts a comment; `## Heading` titles the next query.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ArchitectureFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  guidegraph architecture infra/
  guidegraph architecture --format json infra/main.bicep
  guidegraph query --architecture infra/ 'reliability checklist'
  guidegraph run --architecture infra/ review.txt > review.md

Reads ARM JSON templates (nested resources, copy loops, inline deployments), Bicep
(resources, existing resources, local modules, Azure Verified Modules br/public:avm/res/...)
and Terraform (azurerm_* and azapi_resource, Azure Verified Modules Azure/avm-res-.../azurerm,
local modules). Nothing is run and nothing is fetched: a module of a private registry or a
remote source is listed as unknown. A file that does not parse is a warning with its line;
the rest is read.")]
pub struct ArchitectureArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    #[arg(long, value_enum, default_value = "table")]
    pub format: ArchitectureFormat,
    /// Template files or folders.
    #[arg(required = true, num_args = 1.., value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReplArgs {
    #[command(flatten)]
    pub location: IndexLocation,
}

#[derive(Debug, Args)]
pub struct FetchArgs {
    /// Which guidance: `azure`, `power-platform` [default: both].
    #[arg(value_name = "SOURCE")]
    pub sources: Vec<String>,
    /// Fetch from this repository instead: a mirror, a fork, a local path or a file:// URL.
    #[arg(long, value_name = "URL")]
    pub from: Option<String>,
    /// A commit (its full id), tag or branch [default: the repository's default branch].
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Table,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  guidegraph diff old-index/ new-index/
  guidegraph diff --rev 1353bbb6..main azure --format markdown > changes.md")]
pub struct DiffArgs {
    /// The old and the new index folders; with --rev, the fetched source to compare
    /// (may be left out when only one source has been fetched).
    #[arg(value_name = "OLD NEW | SOURCE")]
    pub args: Vec<String>,
    /// Two commits, tags or branches of a fetched source, `OLD..NEW`.
    #[arg(long, value_name = "A..B")]
    pub rev: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: DiffFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// GraphML, for networkx, Gephi, yEd, Cytoscape.
    Graphml,
    /// Graphviz DOT, coloured by kind of node.
    Dot,
    /// nodes.csv and relationships.csv for `neo4j-admin database import` (needs --out).
    Csv,
    /// A script of MERGE statements for cypher-shell.
    Cypher,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  guidegraph export --format graphml > guidance.graphml
  guidegraph export --format dot --around SE:05 --depth 1 | dot -Tsvg > se05.svg
  guidegraph export --format csv --out neo4j-import/
  guidegraph export --format cypher --around 'Security' --depth 2 > security.cypher")]
pub struct ExportArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// What to write.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Only the neighbourhood of this node: an id, a checklist code or a title, read as
    /// `neighbors of` reads it.
    #[arg(long, value_name = "ID")]
    pub around: Option<String>,
    /// How many edges away from --around a node may be, either way.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "around")]
    pub depth: usize,
    /// The folder --format csv writes nodes.csv and relationships.csv into (made if
    /// missing; the two files are replaced). The other formats print to stdout.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  guidegraph completions bash > ~/.local/share/bash-completion/completions/guidegraph
  guidegraph completions zsh > ~/.zfunc/_guidegraph
  guidegraph completions fish > ~/.config/fish/completions/guidegraph.fish")]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  guidegraph man | man -l -
  guidegraph man export | man -l -
  guidegraph man --out ~/.local/share/man/man1")]
pub struct ManArgs {
    /// The page of this command (`guidegraph-export(1)`) [default: guidegraph(1)].
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
    /// Write every page (guidegraph.1, guidegraph-export.1, …) into this folder instead.
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub out: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  guidegraph mcp --index ~/.local/share/guidegraph/index
  guidegraph mcp --http 127.0.0.1:8765

On stdio the client starts the server and owns it; with --http one server answers a team
at http://ADDR/mcp. Tools: query, get, recommendations, design_principles, checklist,
service_guide, tradeoffs, neighbors; resources: guidegraph://article/<corpus>/<path>.")]
pub struct McpArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Serve streamable HTTP at this address (`127.0.0.1:8765`; port 0 takes a free one)
    /// instead of stdio.
    #[arg(long, value_name = "ADDR")]
    pub http: Option<std::net::SocketAddr>,
    /// With --http, also answer requests addressed to HOST (a name the team reaches the
    /// server by); loopback names and the bound address are always answered.
    #[arg(long = "allow-host", value_name = "HOST", requires = "http")]
    pub allow_host: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_bounded_whole_numbers() {
        assert_eq!(parse_limit("1"), Ok(1));
        assert_eq!(parse_limit("10000"), Ok(MAX_LIMIT));
        assert!(parse_limit("0").is_err());
        assert!(parse_limit("10001").is_err());
        assert!(parse_limit("4611686018427387904").is_err());
        assert!(parse_limit("18446744073709551616").is_err());
        assert!(parse_limit("-1").is_err());
        assert!(parse_limit("ten").is_err());
    }
}
