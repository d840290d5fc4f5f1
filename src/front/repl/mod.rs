//! The interactive session: a prompt over one opened index, reusing query and output.
//!
//! On a terminal it is a rustyline editor with completion, hints, highlighting, history in
//! the user's data folder and multi-line input while a quote is open. A paste of several
//! lines runs each line ([`paste`]). What one input prints is gathered and then shown a
//! screen at a time when it is longer than the terminal ([`pager`]); `:show` and `:open`
//! wrap at word boundaries to the terminal's width (`output::wrap`). When stdin or stdout
//! is not a terminal, queries are read line by line and answered without prompts, colour,
//! wrapping or paging, so a session can be scripted (`guidegraph repl < queries.txt`).

mod helper;
pub mod pager;
pub mod paste;

use std::cell::RefCell;
use std::fs;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

use rustyline::config::Config;
use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;

use crate::engine::{Engine, Options};
use crate::error::Error;
use crate::output::{self, Format, Style};
use crate::query::{Answer, ResultRow};

/// How many lines of history are kept between sessions.
const HISTORY_SIZE: usize = 2000;

const HELP: &str = "\
Type a query and press Enter. Examples:
  challenges related to security for Power Platform
  design areas for AI workloads on Azure
  design principles for security in AI workloads on Azure
  tradeoffs between reliability and cost
  security checklist for Azure
  kind:challenge pillar:security platform:\"power platform\"
  SE:05
  model decay
  neighbors of SE:05      links to Model decay      path from Model decay to Testing and evaluation

Commands (N is a result number of the last answer):
  :help              this text
  :explain QUERY     how a query is read
  :show N            the full item: text, sources, relations
  :neighbors N       the nodes one edge away from result N
  :open N            the source section of result N, with file and line; an
                     article's text; a pillar's or platform's own article
  :format F          table, json, markdown or csv
  :limit N           at most N results per answer
  :save FILE         append the last answer to a Markdown checklist file
  :architecture DIR  answer for the services of these templates (Bicep, ARM, Terraform);
                     :architecture alone shows it, :architecture off stops
  :stats             what the index holds
  :quit              leave (or Ctrl-D); Ctrl-C cancels the line

Tab completes kinds, pillars, platforms, workloads, titles, filters and commands.
A paste of several lines runs each line. Long output is paged ($PAGER, else space
for the next page, Enter for a line, q to quit).";

/// What one session knows between lines.
pub struct Session {
    engine: Arc<Engine>,
    format: Format,
    /// At most this many results; `None`: a structured question's whole list, else 50.
    limit: Option<usize>,
    style: Style,
    last: Option<Answer>,
    /// The architecture answers are scoped to (`:architecture DIR`, issue 21).
    architecture: Option<crate::scope::Placed>,
}

impl Session {
    pub fn new(engine: Arc<Engine>, style: Style) -> Session {
        Session {
            engine,
            format: Format::Table,
            limit: None,
            style,
            last: None,
            architecture: None,
        }
    }

    /// Handles what was entered at the prompt, a line or a paste of several: each query
    /// or command in it in order, under its own text when there are several. Returns
    /// false when the session should end.
    pub fn input(
        &mut self,
        out: &mut dyn Write,
        err: &mut dyn Write,
        text: &str,
    ) -> io::Result<bool> {
        let statements = paste::statements(text);
        let several = statements.len() > 1;
        for s in statements {
            if several {
                writeln!(out, "» {}", crate::terminal::line(&s))?;
            }
            if !self.line(out, err, &s)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Handles one query or command; returns false when the session should end.
    pub fn line(
        &mut self,
        out: &mut dyn Write,
        err: &mut dyn Write,
        line: &str,
    ) -> io::Result<bool> {
        let line = line.trim();
        if line.is_empty() {
            return Ok(true);
        }
        if let Some(meta) = line.strip_prefix(':') {
            return self.meta(out, err, meta);
        }
        let options = Options {
            limit: self.limit,
            drafts: false,
            strict: false,
        };
        if let Some(placed) = &self.architecture {
            match self.engine.answer_within(line, options, placed) {
                Ok(a) => self.show_scoped(out, err, a)?,
                Err(e) => report(err, &e)?,
            }
            return Ok(true);
        }
        match self.engine.answer(line, options) {
            Ok(a) => self.show_answer(out, err, a)?,
            Err(e) => report(err, &e)?,
        }
        Ok(true)
    }

    fn show_answer(
        &mut self,
        out: &mut dyn Write,
        err: &mut dyn Write,
        a: Answer,
    ) -> io::Result<()> {
        for m in &a.messages {
            writeln!(err, "{m}")?;
        }
        if a.results.is_empty() {
            writeln!(err, "no results")?;
        } else {
            output::answer(out, &a, self.format, self.style)?;
            if a.total > a.results.len() {
                writeln!(
                    err,
                    "({} of {} results; :limit N shows more)",
                    a.results.len(),
                    a.total
                )?;
            }
        }
        self.last = Some(a);
        Ok(())
    }

    fn meta(&mut self, out: &mut dyn Write, err: &mut dyn Write, meta: &str) -> io::Result<bool> {
        let (cmd, rest) = meta.split_once(char::is_whitespace).unwrap_or((meta, ""));
        let rest = rest.trim();
        match cmd {
            "q" | "quit" | "exit" => return Ok(false),
            "help" | "h" | "?" => self.wrapped(out, |w| writeln!(w, "{HELP}"))?,
            "explain" => match self.engine.explain(rest) {
                Ok(plan) => self.wrapped(out, |w| {
                    output::explain::explain(w, rest, &plan, Format::Table)
                })?,
                Err(e) => report(err, &e)?,
            },
            // The formats are `output::Format`'s, by the names `--format` takes.
            "format" => match <Format as clap::ValueEnum>::from_str(rest, false) {
                Ok(format) => self.format = format,
                Err(_) => writeln!(err, "usage: :format {}", format_names())?,
            },
            "limit" => match crate::cli::parse_limit(rest) {
                Ok(n) => self.limit = Some(n),
                Err(why) => writeln!(err, "usage: :limit N; {why}")?,
            },
            "show" | "neighbors" | "neighbours" | "open" => match self.numbered(rest) {
                Ok(row) => match cmd {
                    "show" => self.show(out, err, &row)?,
                    "open" => self.open(out, err, &row)?,
                    _ => match self.engine.neighbours(&row.id, self.limit) {
                        Ok(a) => self.show_answer(out, err, a)?,
                        Err(e) => report(err, &e)?,
                    },
                },
                Err(why) => writeln!(err, "{why}")?,
            },
            "save" => self.save(out, err, rest)?,
            "architecture" => self.architecture(out, err, rest)?,
            "stats" => {
                let m = self.engine.manifest();
                writeln!(
                    out,
                    "files: {}  nodes: {}  edges: {}",
                    m.files, m.nodes, m.edges
                )?;
                for (kind, n) in &m.counts {
                    writeln!(out, "  {kind:<17} {n}")?;
                }
            }
            _ => writeln!(err, "unknown command `:{cmd}`; :help lists them")?,
        }
        Ok(true)
    }

    /// An answer for the architecture: its parts numbered as one list, which `:show N`
    /// and `:save` then take as the last answer.
    fn show_scoped(
        &mut self,
        out: &mut dyn Write,
        err: &mut dyn Write,
        a: crate::scope::ScopedAnswer,
    ) -> io::Result<()> {
        for m in &a.messages {
            writeln!(err, "{m}")?;
        }
        for p in &a.parts {
            for m in &p.answer.messages {
                writeln!(err, "{}: {m}", p.heading)?;
            }
        }
        output::architecture::scoped(out, &a, self.format, self.style)?;
        let mut parts = a.parts.into_iter();
        let Some(first) = parts.next() else {
            return Ok(());
        };
        let mut last = first.answer;
        last.query = a.query;
        for p in parts {
            last.total += p.answer.total;
            last.results.extend(p.answer.results);
        }
        self.last = Some(last);
        Ok(())
    }

    /// `:architecture PATH…` scopes the answers to come; alone, says what they are
    /// scoped to; `off` stops.
    fn architecture(
        &mut self,
        out: &mut dyn Write,
        err: &mut dyn Write,
        rest: &str,
    ) -> io::Result<()> {
        let describe = |p: &crate::scope::Placed| {
            let names: Vec<&str> = p.services.iter().map(|s| s.service.name.as_str()).collect();
            format!(
                "{}: {} resources in {} files; service guides: {}",
                p.paths.join(" "),
                p.resources.len(),
                p.files,
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            )
        };
        match rest {
            "" => match &self.architecture {
                Some(p) => writeln!(out, "answers are for the architecture in {}", describe(p)),
                None => writeln!(
                    out,
                    "answers are not scoped to an architecture; :architecture DIR scopes them"
                ),
            },
            "off" | "none" => {
                self.architecture = None;
                writeln!(out, "answers are no longer scoped to an architecture")
            }
            paths => {
                let paths: Vec<PathBuf> = paths
                    .split_whitespace()
                    .map(|p| match (p.strip_prefix("~/"), std::env::var_os("HOME")) {
                        (Some(rest), Some(home)) => Path::new(&home).join(rest),
                        _ => PathBuf::from(p),
                    })
                    .collect();
                match crate::iac::read(&paths) {
                    Ok(arch) => {
                        for w in &arch.warnings {
                            writeln!(err, "{}", crate::terminal::line(&w.to_string()))?;
                        }
                        let placed = self.engine.place(arch);
                        writeln!(
                            out,
                            "answers are now for the architecture in {}",
                            describe(&placed)
                        )?;
                        self.architecture = Some(placed);
                        Ok(())
                    }
                    Err(e) => report(err, &e.into()),
                }
            }
        }
    }

    /// Result N (1-based) of the last answer.
    fn numbered(&self, arg: &str) -> Result<ResultRow, String> {
        let Some(last) = &self.last else {
            return Err("no answer yet: ask a query first".into());
        };
        let n: usize = arg
            .parse()
            .map_err(|_| format!("usage: a result number, 1 to {}", last.results.len()))?;
        last.results
            .get(n.wrapping_sub(1))
            .cloned()
            .ok_or_else(|| format!("no result {n}; the last answer has {}", last.results.len()))
    }

    fn show(&self, out: &mut dyn Write, err: &mut dyn Write, row: &ResultRow) -> io::Result<()> {
        match self.engine.node(&row.id) {
            Ok(Some(view)) => self.wrapped(out, |w| output::node::show(w, &view, row)),
            Ok(None) => Ok(()),
            Err(e) => report(err, &e),
        }
    }

    /// Prints what a result was read from: an article's text, the article a pillar,
    /// platform or workload stands for, else the section of its first source, each under
    /// its file and line.
    fn open(&self, out: &mut dyn Write, err: &mut dyn Write, row: &ResultRow) -> io::Result<()> {
        match self.engine.own_article(&row.id) {
            Ok(Some(article)) => {
                return self.wrapped(out, |w| output::node::article(w, &article));
            }
            Ok(None) => {}
            Err(e) => return report(err, &e),
        }
        let Some(source) = row.sources.first() else {
            return writeln!(err, "result has no source");
        };
        match self.engine.source_text(source) {
            Ok(text) => self.wrapped(out, |w| output::node::source(w, &text)),
            Err(e) => report(err, &e),
        }
    }

    /// Writes what `render` writes, broken at word boundaries to the terminal's width when
    /// it is known: a terminal breaks a long line mid-word. For prose (`:show`, `:open`,
    /// `:help`, `:explain`); tables fit the width themselves, and JSON, Markdown and CSV
    /// are left whole for copying.
    fn wrapped(
        &self,
        out: &mut dyn Write,
        render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        let Some(width) = self.style.width else {
            return render(out);
        };
        let mut buf = Vec::new();
        render(&mut buf)?;
        out.write_all(output::wrap::wrap(&String::from_utf8_lossy(&buf), width).as_bytes())
    }

    fn save(&self, out: &mut dyn Write, err: &mut dyn Write, file: &str) -> io::Result<()> {
        let Some(last) = &self.last else {
            return writeln!(err, "no answer yet: ask a query first");
        };
        if file.is_empty() {
            return writeln!(err, "usage: :save FILE");
        }
        // `~/review.md` as a shell would read it.
        let path = match (file.strip_prefix("~/"), std::env::var_os("HOME")) {
            (Some(rest), Some(home)) => Path::new(&home).join(rest),
            _ => Path::new(file).to_path_buf(),
        };
        match append_checklist(&path, last) {
            Ok(()) => writeln!(out, "saved {} item(s) to {file}", last.results.len()),
            Err(e) => writeln!(err, "cannot save to {file}: {e}"),
        }
    }
}

/// Appends `answer` as a Markdown checklist section to `path`, creating it with a title.
fn append_checklist(path: &Path, answer: &Answer) -> io::Result<()> {
    let fresh = !path.exists() || fs::metadata(path)?.len() == 0;
    let mut file = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    let mut buf = Vec::new();
    if fresh {
        writeln!(buf, "# guidegraph checklist")?;
    }
    writeln!(buf)?;
    output::answer(&mut buf, answer, Format::Markdown, Style::default())?;
    file.write_all(&buf)
}

/// Writes an error for the person at the prompt, with its advice; the session goes on.
fn report(err: &mut dyn Write, e: &Error) -> io::Result<()> {
    match e {
        Error::Query(_) => writeln!(err, "{}", crate::terminal::text(&e.report("error"))),
        e => writeln!(err, "{}", crate::terminal::line(&e.report("error"))),
    }
}

/// The names `:format` takes, as `--format` spells them: `table|json|markdown|csv`.
fn format_names() -> String {
    <Format as clap::ValueEnum>::value_variants()
        .iter()
        .filter_map(clap::ValueEnum::to_possible_value)
        .map(|v| v.get_name().to_string())
        .collect::<Vec<_>>()
        .join("|")
}

/// Runs a session over `engine` on stdin and stdout.
pub fn run(engine: Engine) -> io::Result<()> {
    let interactive = io::stdin().is_terminal() && io::stdout().is_terminal();
    let color = interactive
        && std::env::var_os("NO_COLOR").is_none()
        && std::env::var("TERM").map_or(true, |t| t != "dumb");
    let stdout = io::stdout();
    let mut stderr = crate::diag::Stderr;
    if !interactive {
        let mut session = Session::new(Arc::new(engine), Style::default());
        return piped(
            &mut session,
            &mut io::stdin().lock(),
            &mut stdout.lock(),
            &mut stderr,
        );
    }
    let config = Config::builder()
        .completion_type(rustyline::CompletionType::List)
        .max_history_size(HISTORY_SIZE)
        .map_err(io::Error::other)?
        .history_ignore_dups(true)
        .map_err(io::Error::other)?
        // Each query of a paste is its own history entry; see below.
        .auto_add_history(false)
        .bracketed_paste(true)
        .build();
    let mut editor: rustyline::Editor<helper::ReplHelper, DefaultHistory> =
        rustyline::Editor::with_config(config).map_err(io::Error::other)?;
    let engine = Arc::new(engine);
    editor.set_helper(Some(helper::ReplHelper::new(Arc::clone(&engine), color)));
    let history = history_file();
    let history = history.filter(|h| usable_history(h));
    if let Some(h) = &history {
        let _ = editor.load_history(h);
        drop_steering_lines(&mut editor);
    }
    let nodes = engine.manifest().nodes;
    let mut session = Session::new(
        engine,
        Style {
            width: None,
            color,
            wide: false,
        },
    );
    crate::diag!(
        "guidegraph {} — {nodes} nodes. :help for help, Ctrl-D to leave.",
        env!("CARGO_PKG_VERSION")
    );
    // Diagnostics keep their place among the text they belong to (the note after a cut
    // answer) when both go to the same terminal and the text is paged.
    let merge_stderr = io::stderr().is_terminal();
    loop {
        let dimensions = editor.dimensions();
        session.style.width = dimensions.map(|(cols, _)| usize::from(cols));
        match editor.readline("guidegraph> ") {
            Ok(text) => {
                for s in paste::statements(&text) {
                    let _ = editor.add_history_entry(s);
                }
                let captured = Captured::default();
                let keep_going = if merge_stderr {
                    let mut err = crate::diag::Escaped(captured.clone());
                    session.input(&mut captured.clone(), &mut err, &text)?
                } else {
                    session.input(&mut captured.clone(), &mut stderr, &text)?
                };
                let screen = pager::Screen {
                    width: dimensions.map_or(80, |(cols, _)| usize::from(cols)),
                    height: dimensions.map_or(24, |(_, rows)| usize::from(rows)),
                    color,
                };
                pager::show(&mut stdout.lock(), &captured.take(), screen)?;
                if let Some(h) = &history {
                    save_history(&mut editor, h);
                }
                if !keep_going {
                    break;
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(io::Error::other(e)),
        }
    }
    Ok(())
}

/// What one input printed, kept until it is done so it can be paged.
#[derive(Clone, Default)]
struct Captured(Rc<RefCell<Vec<u8>>>);

impl Captured {
    fn take(&self) -> String {
        String::from_utf8_lossy(&self.0.take()).into_owned()
    }
}

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The longest line a piped session reads; the rest of a longer one is skipped, so
/// `repl < /dev/zero` cannot fill memory.
const MAX_LINE_BYTES: usize = 64 * 1024;

/// A session fed from a pipe: one query a line. A line that is not UTF-8 or too long is
/// reported with its number and skipped; the session goes on.
fn piped(
    session: &mut Session,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<()> {
    let mut buf = Vec::new();
    for number in 1.. {
        let Some(whole) = read_line(input, &mut buf, MAX_LINE_BYTES)? else {
            return Ok(());
        };
        if !whole {
            writeln!(
                err,
                "line {number}: longer than {MAX_LINE_BYTES} bytes; skipped"
            )?;
            continue;
        }
        let Ok(line) = std::str::from_utf8(&buf) else {
            writeln!(err, "line {number}: not valid UTF-8; skipped")?;
            continue;
        };
        if !session.line(out, err, line)? {
            return Ok(());
        }
    }
    Ok(())
}

/// Reads one line (without its `\n`) into `buf`, keeping at most `max` bytes. `None` at
/// the end of input; `Some(false)` when the line was longer and its rest was skipped.
fn read_line(input: &mut dyn BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<Option<bool>> {
    buf.clear();
    let mut whole = true;
    let mut any = false;
    loop {
        let chunk = match input.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(any.then_some(whole));
        }
        any = true;
        let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        let room = max.saturating_sub(buf.len());
        if part.len() > room {
            whole = false;
        }
        buf.extend_from_slice(&part[..part.len().min(room)]);
        let used = done.unwrap_or(chunk.len());
        input.consume(used);
        if done.is_some() {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(Some(whole));
        }
    }
}

/// Drops the history lines holding control characters: nobody types an escape into a
/// query, and a line recalled with the arrow keys is shown as it is, so one written into
/// the history file (`\e]52;…` sets the clipboard, `\e[2J` clears the screen) would reach
/// the terminal (issue 17).
fn drop_steering_lines(editor: &mut rustyline::Editor<helper::ReplHelper, DefaultHistory>) {
    use rustyline::history::History;
    let lines: Vec<String> = editor.history().iter().cloned().collect();
    if !lines.iter().any(|l| l.chars().any(char::is_control)) {
        return;
    }
    let history = editor.history_mut();
    let _ = history.clear();
    for l in lines.iter().filter(|l| !l.chars().any(char::is_control)) {
        let _ = history.add(l);
    }
}

/// The largest history file read: [`HISTORY_SIZE`] lines of a bounded query each fit in a
/// fraction of it.
const MAX_HISTORY_BYTES: u64 = 16 * 1024 * 1024;

/// Whether the history file may be read and written: absent, or a regular file (not a
/// link, a FIFO or a device, which would hang the REPL or fill its memory) within
/// [`MAX_HISTORY_BYTES`] (issue 17).
fn usable_history(path: &Path) -> bool {
    match fs::symlink_metadata(path) {
        Err(e) => e.kind() == io::ErrorKind::NotFound,
        Ok(m) => m.is_file() && m.len() <= MAX_HISTORY_BYTES,
    }
}

/// History lives beside the default index in the user's data folder.
fn history_file() -> Option<PathBuf> {
    crate::location::data_dir().map(|d| d.join("history"))
}

fn save_history(editor: &mut rustyline::Editor<helper::ReplHelper, DefaultHistory>, path: &Path) {
    if let Some(dir) = path.parent() {
        let _ = fs::create_dir_all(dir);
    }
    // Saved after every line, so a session that is killed keeps what it had.
    let _ = editor.save_history(path);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_takes_the_names_format_flags_take() {
        assert_eq!(format_names(), "table|json|markdown|csv");
    }

    #[test]
    fn long_lines_are_cut_and_reported() {
        let mut input: &[u8] = b"ab\r\nabcdefgh\nlast";
        let mut buf = Vec::new();
        assert_eq!(read_line(&mut input, &mut buf, 4).unwrap(), Some(true));
        assert_eq!(buf, b"ab");
        assert_eq!(read_line(&mut input, &mut buf, 4).unwrap(), Some(false));
        assert_eq!(buf, b"abcd");
        assert_eq!(read_line(&mut input, &mut buf, 4).unwrap(), Some(true));
        assert_eq!(buf, b"last");
        assert_eq!(read_line(&mut input, &mut buf, 4).unwrap(), None);
    }
}
