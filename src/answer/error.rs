//! Errors as every front end receives them. Each keeps its kind — a usage error, a query
//! that does not parse, a missing, damaged or foreign index, an I/O failure with its path —
//! until the front end renders it: text with its advice for people (`guidegraph: …`), a
//! code and a message for JSON and for assistants.

use std::io;

use serde::Serialize;

use crate::indexer::IndexError;
use crate::query::error::QueryError;
use crate::search::SearchError;
use crate::store::StoreError;

/// What went wrong, and which exit status it earns.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The user asked for something that cannot be (exit 2): `--limit 0`, a script that
    /// cannot be read, an index folder that is not guidegraph's.
    #[error("{0}")]
    Usage(String),
    /// A query that does not parse or names what is not there (exit 2), kept as data: each
    /// problem with its query, span, label and help, rendered with a caret only at the edge.
    #[error("{0}")]
    Query(QueryProblems),
    /// Anything else a command reports in words (exit 1).
    #[error("{0}")]
    Runtime(String),
    /// Nothing answered a query run with `--fail-on-empty` (exit 1); the answer itself
    /// was written as usual.
    #[error("no results (--fail-on-empty)")]
    NoResults,
    /// Reading or writing stdout, stdin or a file the user named (exit 1; a closed pipe
    /// exits 0).
    #[error(transparent)]
    Io(#[from] io::Error),
    /// The index: missing, of another format, damaged, not ours, unreadable (exit 1, or 2
    /// when the user pointed at the wrong folder).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Building an index.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// The full-text index could not answer.
    #[error(transparent)]
    Search(#[from] SearchError),
}

/// The problems of one or more queries (a script reports all its lines at once).
#[derive(Debug, Clone, Default)]
pub struct QueryProblems(pub Vec<QueryProblem>);

/// One query's problem: where the query came from, the query, and the error in it.
#[derive(Debug, Clone, Serialize)]
pub struct QueryProblem {
    /// `FILE:LINE` of a script's query; `None` for a query typed or passed whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The query's text; `None` when only the error is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    #[serde(flatten)]
    pub error: QueryError,
}

impl QueryProblems {
    /// The problem `error` in `query`.
    pub fn of(query: &str, error: QueryError) -> QueryProblems {
        QueryProblems(vec![QueryProblem {
            place: None,
            query: Some(query.to_string()),
            error,
        }])
    }

    /// Adds the problem `error` of the query at `place` (`FILE:LINE`).
    fn push_at(&mut self, place: String, query: &str, error: QueryError) {
        self.0.push(QueryProblem {
            place: Some(place),
            query: Some(query.to_string()),
            error,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Checks every query, each with its place (`FILE:LINE`), with `check`, so that a
    /// script's problems are all told at once: an [`Error::Query`] holding them, or `Ok`
    /// when there are none.
    pub fn check_all<'a, T>(
        queries: impl IntoIterator<Item = (String, &'a str)>,
        check: impl Fn(&str) -> Result<T, QueryError>,
    ) -> Result<(), Error> {
        let mut errors = QueryProblems::default();
        for (place, query) in queries {
            if let Err(e) = check(query) {
                errors.push_at(place, query, e);
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Query(errors))
        }
    }
}

/// Each problem as people read it: `FILE:LINE: ` when it has a place, then the error with
/// the query quoted and a caret under the offending text.
impl std::fmt::Display for QueryProblems {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for p in &self.0 {
            if let Some(place) = &p.place {
                write!(f, "{place}: ")?;
            }
            match &p.query {
                Some(q) => f.write_str(&p.error.render(q))?,
                None => f.write_str(&p.error.message)?,
            }
        }
        Ok(())
    }
}

/// An architecture that cannot be read is the user's mistake (exit 2).
impl From<crate::iac::ReadError> for Error {
    fn from(e: crate::iac::ReadError) -> Self {
        Error::Usage(e.to_string())
    }
}

/// An error as JSON: `{"error": {"code": …, "message": …}}`, with the fields people's
/// text is made of: `advice` (what to run about it) when guidegraph knows, and for a
/// query error its `problems`, each with `message`, `span` (`start`, `end`, bytes of the
/// query), `label`, `help`, and the `query` and script `place` it is in.
#[derive(Debug, Serialize)]
pub struct ErrorJson {
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advice: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<QueryProblem>,
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) | Error::Query(_) => 2,
            Error::Store(StoreError::NotOurs { .. } | StoreError::NotAFolder(_)) => 2,
            Error::Index(IndexError::Corpus(_)) => 2,
            Error::Index(IndexError::Store(
                StoreError::NotOurs { .. } | StoreError::NotAFolder(_),
            )) => 2,
            _ => 1,
        }
    }

    /// A stable name for the kind of error, for programs: `usage`, `query`,
    /// `index-missing`, `index-version`, `index-damaged`, `not-an-index-folder`,
    /// `permission`, `write`, `corpus`, `corpus-changed`, `search`, `io`, `runtime`,
    /// `no-results`.
    pub fn code(&self) -> &'static str {
        let store = |e: &StoreError| match e {
            StoreError::Missing(_) => "index-missing",
            StoreError::Version { .. } => "index-version",
            StoreError::Damaged { .. } => "index-damaged",
            StoreError::NotOurs { .. } | StoreError::NotAFolder(_) => "not-an-index-folder",
            StoreError::Permission { .. } => "permission",
            StoreError::Write { .. } | StoreError::Text { .. } => "write",
        };
        match self {
            Error::Usage(_) => "usage",
            Error::Query(_) => "query",
            Error::Runtime(_) => "runtime",
            Error::NoResults => "no-results",
            Error::Io(_) => "io",
            Error::Store(e) | Error::Index(IndexError::Store(e)) => store(e),
            Error::Index(IndexError::Corpus(_)) => "corpus",
            Error::Index(IndexError::CorpusChanged(_)) => "corpus-changed",
            Error::Search(_) => "search",
        }
    }

    /// True for a closed stdout (`guidegraph query … | head`), which is not an error.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }

    /// What to do about it, when guidegraph knows more than the message says: the command
    /// that rebuilds a damaged or outdated index, naming the corpora its manifest still
    /// records.
    pub fn advice(&self) -> Option<String> {
        match self {
            Error::Store(StoreError::Damaged { path, .. } | StoreError::Version { path, .. }) => {
                Some(crate::corpora::rebuild_command_for(std::path::Path::new(
                    path,
                )))
            }
            _ => None,
        }
    }

    /// An error in the words a person reads on the command line (see [`Error::report`]);
    /// the MCP server says the same.
    pub fn for_people(&self) -> String {
        self.report("guidegraph")
    }

    /// The one reporter, for the command line (`lead` `guidegraph`) and the REPL
    /// (`error`): a query error rendered with its caret under each problem; anything else
    /// after `lead`, with the [`advice`](Error::advice) in place of the message's short
    /// rebuild command.
    pub fn report(&self, lead: &str) -> String {
        match self {
            Error::Query(problems) => problems.to_string().trim_end_matches('\n').to_string(),
            Error::Store(StoreError::Damaged { path, .. } | StoreError::Version { path, .. }) => {
                let short = format!("`guidegraph index --index {path}`");
                let text = self.to_string();
                match self.advice() {
                    Some(full) => format!("{lead}: {}", text.replace(&short, &format!("`{full}`"))),
                    None => format!("{lead}: {text}"),
                }
            }
            e => format!("{lead}: {e}"),
        }
    }

    pub fn to_json(&self) -> ErrorJson {
        ErrorJson {
            code: self.code(),
            message: self.to_string(),
            advice: self.advice(),
            problems: match self {
                Error::Query(p) => p.0.clone(),
                _ => Vec::new(),
            },
        }
    }
}

impl From<crate::query::Failure> for Error {
    fn from(f: crate::query::Failure) -> Self {
        match f {
            // Rendered by the caller, who has the query text.
            crate::query::Failure::Syntax(e) => Error::Query(QueryProblems(vec![QueryProblem {
                place: None,
                query: None,
                error: e,
            }])),
            crate::query::Failure::Search(e) => Error::Search(e),
            crate::query::Failure::Store(e) => Error::Store(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_keep_their_codes_and_exit_statuses() {
        let missing = Error::Store(StoreError::Missing("ix".into()));
        assert_eq!((missing.code(), missing.exit_code()), ("index-missing", 1));
        let foreign = Error::Store(StoreError::NotAFolder("a.md".into()));
        assert_eq!(
            (foreign.code(), foreign.exit_code()),
            ("not-an-index-folder", 2)
        );
        let usage = Error::Usage("--limit 0".into());
        assert_eq!(usage.to_json().code, "usage");
        assert!(Error::Io(io::Error::from(io::ErrorKind::BrokenPipe)).is_broken_pipe());
    }
}
