//! Errors as every front end receives them. Each keeps its kind — a usage error, a query
//! that does not parse, a missing, damaged or foreign index, an I/O failure with its path —
//! until the front end renders it: text with its advice for people (`guidegraph: …`), a
//! code and a message for JSON and for assistants.

use std::io;

use serde::Serialize;

use crate::indexer::IndexError;
use crate::search::SearchError;
use crate::store::StoreError;

/// What went wrong, and which exit status it earns.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The user asked for something that cannot be (exit 2): `--limit 0`, a script that
    /// cannot be read, an index folder that is not guidegraph's.
    #[error("{0}")]
    Usage(String),
    /// A query that does not parse, already rendered with its caret (exit 2).
    #[error("{0}")]
    Query(String),
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

/// An error as JSON: `{"error": {"code": …, "message": …}}`.
#[derive(Debug, Serialize)]
pub struct ErrorJson {
    pub code: &'static str,
    pub message: String,
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

    pub fn to_json(&self) -> ErrorJson {
        ErrorJson {
            code: self.code(),
            message: self.to_string(),
        }
    }
}

impl From<crate::query::Failure> for Error {
    fn from(f: crate::query::Failure) -> Self {
        match f {
            // Rendered by the caller, who has the query text.
            crate::query::Failure::Syntax(e) => Error::Query(e.to_string()),
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
