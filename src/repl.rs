//! The interactive session: a prompt over one opened index, reusing query and output.
//! When stdin is not a terminal, queries are read line by line and answered without
//! prompts or colour, so a session can be scripted.

use std::io::{self, BufRead, IsTerminal, Write};

use crate::output::{self, Format, Style};
use crate::query;
use crate::store::Store;

/// Settings a session changes with meta-commands.
struct Session {
    store: Store,
    format: Format,
    limit: usize,
    style: Style,
}

impl Session {
    /// Handles one line; returns false when the session should end.
    fn line(&mut self, out: &mut dyn Write, err: &mut dyn Write, line: &str) -> io::Result<bool> {
        let line = line.trim();
        if line.is_empty() {
            return Ok(true);
        }
        if let Some(meta) = line.strip_prefix(':') {
            let (cmd, rest) = meta.split_once(' ').unwrap_or((meta, ""));
            let rest = rest.trim();
            match cmd {
                "q" | "quit" | "exit" => return Ok(false),
                "help" | "h" => writeln!(out, "{HELP}")?,
                "explain" => match query::interpret(rest) {
                    Ok((_, plan)) => {
                        if let Err(e) = crate::app::explain(out, rest, &plan, Format::Table) {
                            writeln!(err, "{e}")?;
                        }
                    }
                    Err(e) => write!(err, "{}", e.render(rest))?,
                },
                "format" => match rest {
                    "table" => self.format = Format::Table,
                    "json" => self.format = Format::Json,
                    "markdown" => self.format = Format::Markdown,
                    "csv" => self.format = Format::Csv,
                    _ => writeln!(err, "formats are table, json, markdown, csv")?,
                },
                "limit" => match rest.parse() {
                    Ok(n) if n > 0 => self.limit = n,
                    _ => writeln!(err, "usage: :limit N (a whole number above 0)")?,
                },
                _ => writeln!(err, "unknown command `:{cmd}`; :help lists them")?,
            }
            return Ok(true);
        }
        match query::answer(&self.store, line, self.limit) {
            Ok(a) => {
                if a.results.is_empty() {
                    writeln!(err, "no results")?;
                } else {
                    output::answer(out, &a, self.format, self.style)?;
                }
            }
            Err(query::Failure::Syntax(e)) => write!(err, "{}", e.render(line))?,
            Err(e) => writeln!(err, "error: {e}")?,
        }
        Ok(true)
    }
}

const HELP: &str = "\
Type a query, for example:
  challenges related to security for Power Platform
  design areas for AI workloads on Azure
  tradeoffs between reliability and cost
  SE:05
  model decay
Commands: :help  :explain QUERY  :format table|json|markdown|csv  :limit N  :quit";

/// Runs a session over `store` on stdin and stdout.
pub fn run(store: Store) -> io::Result<()> {
    let interactive = io::stdin().is_terminal() && io::stdout().is_terminal();
    let mut session = Session {
        store,
        format: Format::Table,
        limit: 20,
        style: Style {
            width: None,
            color: interactive && std::env::var_os("NO_COLOR").is_none(),
        },
    };
    let stdout = io::stdout();
    let stderr = io::stderr();
    if !interactive {
        for line in io::stdin().lock().lines() {
            let line = line?;
            if !session.line(&mut stdout.lock(), &mut stderr.lock(), &line)? {
                break;
            }
        }
        return Ok(());
    }
    let mut editor = rustyline::DefaultEditor::new().map_err(io::Error::other)?;
    let history = crate::location::data_dir().map(|d| d.join("history"));
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    loop {
        match editor.readline("guidegraph> ") {
            Ok(line) => {
                let _ = editor.add_history_entry(line.as_str());
                if !session.line(&mut stdout.lock(), &mut stderr.lock(), &line)? {
                    break;
                }
            }
            Err(rustyline::error::ReadlineError::Interrupted) => continue,
            Err(rustyline::error::ReadlineError::Eof) => break,
            Err(e) => return Err(io::Error::other(e)),
        }
    }
    if let Some(h) = &history {
        if let Some(dir) = h.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = editor.save_history(h);
    }
    Ok(())
}
