//! Bicep: `resource x 'Microsoft.Network/applicationGateways@2024-01-01' = …` (and child
//! resources declared inside a resource, their type relative to its own), `existing`
//! resources, resources in `[for …]` loops, their `kind`, and modules — a local
//! `module m './local.bicep'` (or an ARM `.json`) is read too, a registry module
//! `br/public:avm/res/network/application-gateway:0.5.0` is the resource type the Azure
//! Verified Modules index gives it, with the `kind` its `params` set.
//!
//! A scanner, not a parser: it reads tokens (identifiers, strings with their `${…}`
//! interpolations, `'''` strings, comments, brackets) and recognises the statements above
//! where a statement may start. Everything else is passed over, so a file Bicep itself
//! would refuse still gives what it declares; what the scanner cannot get past (a string,
//! comment or bracket never closed) is a problem with its line.

use std::io::Read;

use super::bytes::{Bytes, Text, is_ident_start};
use super::tables::{self, Module};
use super::{Findings, Found, Kind, LocalModule};

/// How deeply interpolations may nest inside strings.
const MAX_NESTING: usize = 32;

/// Reads one Bicep file.
pub(crate) fn scan(src: impl Read) -> Findings {
    let mut s = Scanner {
        b: Bytes::new(src),
        out: Findings::default(),
        pushed: None,
    };
    s.run();
    if let Some(e) = s.b.error.take() {
        s.out.problems.push((s.b.line, format!("read failed: {e}")));
    }
    s.out
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str { text: Text, interpolated: bool },
    Punct(u8),
    Newline,
    Eof,
}

/// What a bracket opened.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Other,
    /// The body of the resource at this index of the findings.
    Resource(usize),
    /// The body of a registry module's statement.
    Module(usize),
    /// The `params` object of a registry module.
    Params(usize),
}

struct Frame {
    close: u8,
    role: Role,
    line: u32,
}

/// A statement whose body has not opened yet.
struct Pending {
    role: Role,
    depth: usize,
}

struct Scanner<R> {
    b: Bytes<R>,
    out: Findings,
    pushed: Option<(Tok, u32)>,
}

impl<R: Read> Scanner<R> {
    fn problem(&mut self, line: u32, message: impl Into<String>) {
        self.out.problems.push((line, message.into()));
    }

    /// The next token and its line.
    fn next(&mut self) -> (Tok, u32) {
        if let Some(t) = self.pushed.take() {
            return t;
        }
        loop {
            let line = self.b.line;
            let Some(c) = self.b.peek() else {
                return (Tok::Eof, line);
            };
            match c {
                b'\n' => {
                    self.b.next();
                    return (Tok::Newline, line);
                }
                b' ' | b'\t' | b'\r' => {
                    self.b.next();
                }
                b'/' if self.b.peek_at(1) == Some(b'/') => self.b.skip_line(),
                b'/' if self.b.peek_at(1) == Some(b'*') => {
                    self.b.skip(2);
                    let mut newline = false;
                    loop {
                        if self.b.at(b"*/") {
                            self.b.skip(2);
                            break;
                        }
                        match self.b.next() {
                            Some(b'\n') => newline = true,
                            Some(_) => {}
                            None => {
                                self.problem(line, "a comment opened here is never closed");
                                return (Tok::Eof, line);
                            }
                        }
                    }
                    if newline {
                        return (Tok::Newline, line);
                    }
                }
                b'\'' if self.b.at(b"'''") => {
                    self.b.skip(3);
                    let mut text = Text::default();
                    loop {
                        if self.b.at(b"'''") {
                            self.b.skip(3);
                            break;
                        }
                        match self.b.next() {
                            Some(c) => text.push(c),
                            None => {
                                self.problem(line, "a ''' string opened here is never closed");
                                return (Tok::Eof, line);
                            }
                        }
                    }
                    return (
                        Tok::Str {
                            text,
                            interpolated: false,
                        },
                        line,
                    );
                }
                b'\'' => {
                    self.b.next();
                    let (text, interpolated) = self.string(line, 0);
                    return (Tok::Str { text, interpolated }, line);
                }
                c if is_ident_start(c) => {
                    let mut word = Text::default();
                    while let Some(n) = self.b.peek() {
                        if n.is_ascii_alphanumeric() || n == b'_' {
                            word.push(n);
                            self.b.next();
                        } else {
                            break;
                        }
                    }
                    return (Tok::Ident(word.string()), line);
                }
                c => {
                    self.b.next();
                    return (Tok::Punct(c), line);
                }
            }
        }
    }

    fn push_back(&mut self, t: (Tok, u32)) {
        self.pushed = Some(t);
    }

    /// A `'…'` string after its quote: its text, and whether it interpolates.
    fn string(&mut self, line: u32, nesting: usize) -> (Text, bool) {
        let mut text = Text::default();
        let mut interpolated = false;
        loop {
            match self.b.peek() {
                None => {
                    self.problem(line, "a string opened here is never closed");
                    return (text, interpolated);
                }
                Some(b'\n') => {
                    self.problem(line, "a string opened here is not closed on its line");
                    return (text, interpolated);
                }
                Some(b'\'') => {
                    self.b.next();
                    return (text, interpolated);
                }
                Some(b'\\') => {
                    self.b.next();
                    if let Some(c) = self.b.next() {
                        text.push(c);
                    }
                }
                Some(b'$') if self.b.peek_at(1) == Some(b'{') => {
                    self.b.skip(2);
                    interpolated = true;
                    self.interpolation(line, nesting);
                }
                Some(c) => {
                    text.push(c);
                    self.b.next();
                }
            }
        }
    }

    /// Skips a `${…}` after its `${`, strings inside it included.
    fn interpolation(&mut self, line: u32, nesting: usize) {
        if nesting >= MAX_NESTING {
            self.problem(line, format!("strings nested more than {MAX_NESTING} deep"));
        }
        let mut depth = 1usize;
        while let Some(c) = self.b.next() {
            match c {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                b'\'' if nesting < MAX_NESTING => {
                    self.string(line, nesting + 1);
                }
                _ => {}
            }
        }
        self.problem(line, "an interpolation `${` opened here is never closed");
    }

    fn run(&mut self) {
        let mut stack: Vec<Frame> = Vec::new();
        let mut item_start = true;
        let mut pending: Option<Pending> = None;
        let mut next_object: Option<Role> = None;
        loop {
            let (tok, line) = self.next();
            let at_item = item_start;
            item_start = false;
            match tok {
                Tok::Eof => break,
                Tok::Newline => {
                    item_start = true;
                    if pending.as_ref().is_some_and(|p| stack.len() <= p.depth) {
                        pending = None;
                    }
                }
                Tok::Ident(word) if at_item => {
                    let top = stack.last().map(|f| f.role);
                    match word.as_str() {
                        "resource" | "module" if top.is_none() => {
                            pending = self.statement(&word, line, None, stack.len());
                        }
                        "resource" if matches!(top, Some(Role::Resource(_))) => {
                            let parent = match top {
                                Some(Role::Resource(i)) => self.out.resources[i].arm_type.clone(),
                                _ => None,
                            };
                            pending = self.statement(&word, line, parent, stack.len());
                        }
                        _ => {
                            let (t, l) = self.next();
                            if t == Tok::Punct(b':') {
                                next_object = self.property(top, &word);
                            } else {
                                self.push_back((t, l));
                            }
                        }
                    }
                }
                Tok::Punct(c @ (b'{' | b'[' | b'(')) => {
                    let close = match c {
                        b'{' => b'}',
                        b'[' => b']',
                        _ => b')',
                    };
                    let mut role = Role::Other;
                    if let Some(p) = &pending {
                        if c == b'{' && stack.len() <= p.depth + 1 {
                            role = p.role;
                            pending = None;
                        } else if c == b'[' && stack.len() == p.depth {
                            // `= [for x in xs: {…}]`: one declaration, many resources.
                            let (t, l) = self.next();
                            if t == Tok::Ident("for".into())
                                && let Role::Resource(i) | Role::Module(i) = p.role
                            {
                                self.out.resources[i].repeated = true;
                            }
                            self.push_back((t, l));
                        }
                    } else if c == b'{' {
                        role = next_object.take().unwrap_or(Role::Other);
                    }
                    next_object = None;
                    stack.push(Frame { close, role, line });
                    item_start = c != b'(';
                }
                Tok::Punct(c @ (b'}' | b']' | b')')) => {
                    // A stray closer is passed over; one closing an outer bracket closes
                    // the brackets left open inside it.
                    if let Some(at) = stack.iter().rposition(|f| f.close == c) {
                        for f in stack.drain(at + 1..) {
                            self.problem(
                                f.line,
                                format!(
                                    "`{}` opened here is never closed",
                                    char::from(opener(f.close))
                                ),
                            );
                        }
                        stack.pop();
                    } else {
                        self.problem(line, format!("`{}` closes nothing", char::from(c)));
                    }
                }
                Tok::Punct(b',') => item_start = true,
                _ => {}
            }
        }
        for f in stack {
            self.problem(
                f.line,
                format!(
                    "`{}` opened here is never closed",
                    char::from(opener(f.close))
                ),
            );
        }
    }

    /// A `resource` or `module` statement after its keyword: what it declares, and the
    /// role of the body to come. `None` when the tokens are no such statement.
    fn statement(
        &mut self,
        keyword: &str,
        line: u32,
        parent: Option<String>,
        depth: usize,
    ) -> Option<Pending> {
        let (name, l) = self.next();
        let Tok::Ident(name) = name else {
            self.push_back((name, l));
            return None;
        };
        let (path, l) = self.next();
        let Tok::Str { text, interpolated } = path else {
            self.push_back((path, l));
            return None;
        };
        let declared = text.string();
        let (mut t, mut l) = self.next();
        let mut existing = false;
        if t == Tok::Ident("existing".into()) && keyword == "resource" {
            existing = true;
            (t, l) = self.next();
        }
        if t != Tok::Punct(b'=') {
            self.push_back((t, l));
            return None;
        }
        let mut found = Found {
            line,
            declared: declared.clone(),
            name,
            existing,
            ..Found::default()
        };
        if keyword == "resource" {
            if interpolated {
                found.note = Some("its type is computed".into());
            } else {
                found.arm_type = Some(super::arm_type(&declared, parent.as_deref()));
            }
            self.out.resources.push(found);
            return Some(Pending {
                role: Role::Resource(self.out.resources.len() - 1),
                depth,
            });
        }
        match module_source(&declared, interpolated) {
            Source::Local => {
                self.out.modules.push(LocalModule {
                    line,
                    path: declared,
                });
                Some(Pending {
                    role: Role::Other,
                    depth,
                })
            }
            Source::Registry(ty, note) => {
                found.arm_type = ty;
                found.note = note;
                self.out.resources.push(found);
                Some(Pending {
                    role: Role::Module(self.out.resources.len() - 1),
                    depth,
                })
            }
        }
    }

    /// A property `key:` in the body of a statement: the role of the object it opens, if
    /// any. Reads `kind` values.
    fn property(&mut self, top: Option<Role>, key: &str) -> Option<Role> {
        match (top, key) {
            (Some(Role::Resource(i) | Role::Params(i)), "kind") => {
                let (t, l) = self.next();
                self.out.resources[i].kind = match &t {
                    Tok::Str {
                        text,
                        interpolated: false,
                    } => Kind::Literal(text.string()),
                    _ => Kind::Computed,
                };
                if !matches!(t, Tok::Str { .. }) {
                    self.push_back((t, l));
                }
                None
            }
            (Some(Role::Module(i)), "params") => Some(Role::Params(i)),
            _ => None,
        }
    }
}

fn opener(close: u8) -> u8 {
    match close {
        b'}' => b'{',
        b']' => b'[',
        _ => b'(',
    }
}

/// Where a module comes from.
enum Source {
    Local,
    /// A registry or template spec: the type it deploys, if known, and a note if not.
    Registry(Option<String>, Option<String>),
}

/// The public registry as Bicep spells it in full.
const PUBLIC: &str = "br:mcr.microsoft.com/bicep/";

fn module_source(path: &str, interpolated: bool) -> Source {
    if interpolated {
        return Source::Registry(None, Some("its module path is computed".into()));
    }
    let public = path
        .strip_prefix("br/public:")
        .or_else(|| path.strip_prefix(PUBLIC));
    if let Some(rest) = public {
        let module = rest.rsplit_once(':').map_or(rest, |(m, _)| m);
        return match tables::bicep_module(module) {
            Some(Module::Resource(ty)) => Source::Registry(Some(ty.to_string()), None),
            Some(Module::Pattern) => Source::Registry(
                None,
                Some(
                    "an Azure Verified Module pattern: several resources, not known one by one"
                        .into(),
                ),
            ),
            None if module.starts_with("avm/") => Source::Registry(
                None,
                Some("an Azure Verified Module the module index does not list".into()),
            ),
            None => Source::Registry(
                None,
                Some("a public registry module that is no Azure Verified Module".into()),
            ),
        };
    }
    if path.starts_with("br:") || path.starts_with("br/") {
        return Source::Registry(
            None,
            Some("a module of a private registry, which is not fetched".into()),
        );
    }
    if path.starts_with("ts:") || path.starts_with("ts/") {
        return Source::Registry(None, Some("a template spec, which is not fetched".into()));
    }
    Source::Local
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Findings {
        scan(text.as_bytes())
    }

    #[test]
    fn resources_existing_children_loops_and_kinds() {
        let f = found(
            "@description('a ${x} and \\'q\\'')\nparam p string = '${'nested'}'\n\
resource sql 'Microsoft.Sql/servers@2023-01-01' = {\n  name: 'x'\n  resource db 'databases@2023-01-01' = [for i in range(0, 2): {\n    name: 'db${i}'\n  }]\n}\n\
resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: 'kv'\n}\n\
resource fn 'Microsoft.Web/sites@2023-01-01' = if (deploy) {\n  kind: 'functionapp,linux'\n  properties: {\n    kind: 'not this one'\n  }\n}\n\
/* resource no 'Microsoft.Nope/x@1' = {} */\nvar s = '''\nresource no 'Microsoft.Nope/y@1' = {}\n'''\n",
        );
        assert!(f.problems.is_empty(), "{:?}", f.problems);
        let got: Vec<(u32, &str, bool, bool)> = f
            .resources
            .iter()
            .map(|r| {
                (
                    r.line,
                    r.arm_type.as_deref().unwrap_or(""),
                    r.existing,
                    r.repeated,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (3, "Microsoft.Sql/servers", false, false),
                (5, "Microsoft.Sql/servers/databases", false, true),
                (9, "Microsoft.KeyVault/vaults", true, false),
                (12, "Microsoft.Web/sites", false, false),
            ]
        );
        assert_eq!(
            f.resources[3].kind,
            Kind::Literal("functionapp,linux".into())
        );
    }

    #[test]
    fn modules_local_and_from_the_registry() {
        let f = found(
            "module a './modules/app.bicep' = {\n  name: 'a'\n}\n\
module b 'br/public:avm/res/web/site:0.3.0' = {\n  name: 'b'\n  params: {\n    kind: 'functionapp'\n  }\n}\n\
module c 'br:contoso.azurecr.io/bicep/thing:1.0' = {}\n\
module d 'br/public:avm/ptn/aca-lza/hosting-environment:0.1.0' = {}\n",
        );
        assert!(f.problems.is_empty(), "{:?}", f.problems);
        assert_eq!(f.modules.len(), 1);
        assert_eq!(f.modules[0].path, "./modules/app.bicep");
        assert_eq!(f.resources.len(), 3);
        assert_eq!(
            f.resources[0].arm_type.as_deref(),
            Some("Microsoft.Web/sites")
        );
        assert_eq!(f.resources[0].kind, Kind::Literal("functionapp".into()));
        assert!(f.resources[1].arm_type.is_none());
        assert!(
            f.resources[1]
                .note
                .as_deref()
                .unwrap_or("")
                .contains("private registry")
        );
        assert!(
            f.resources[2]
                .note
                .as_deref()
                .unwrap_or("")
                .contains("pattern")
        );
    }

    #[test]
    fn what_cannot_be_read_past_is_a_problem_with_its_line() {
        let f = found(
            "resource a 'Microsoft.Web/sites@2023-01-01' = {\n  name: 'x\n}\nresource b 'Microsoft.Sql/servers@1' = {\n",
        );
        assert_eq!(f.resources.len(), 2, "{:?}", f.resources);
        let lines: Vec<u32> = f.problems.iter().map(|p| p.0).collect();
        assert!(lines.contains(&2), "{:?}", f.problems);
        assert!(lines.contains(&4), "{:?}", f.problems);
    }
}
