//! Terraform (`.tf`): `resource "azurerm_kubernetes_cluster" "x"` (the ARM type from the
//! AzureRM table), `resource "azapi_resource" "x"` with its `type =
//! "Microsoft.App/containerApps@…"`, `data` sources of either as existing resources, and
//! modules — `source = "Azure/avm-res-…/azurerm"` is the resource type the Azure Verified
//! Modules index gives it; a local `source = "./modules/x"` is read too; a remote one is
//! named, never fetched. `count` and `for_each` mark a loop. Resources of other providers
//! (`random_pet`) are listed as such. A data source the table does not know
//! (`azurerm_client_config`) or that reads a scope (`azurerm_subscription`,
//! `azurerm_resource_group`) reads no resource of the architecture and is left out.
//!
//! A scanner, not a parser (`hcl-rs` and `hcl-edit` parse a whole file into memory and
//! stop at its first mistake): it reads tokens — identifiers, quoted strings with their
//! `${…}` and `%{…}` templates, heredocs, comments, brackets — and recognises blocks at
//! the top level and the attributes of their bodies. What it cannot get past (a string,
//! heredoc, comment or bracket never closed) is a problem with its line.

use std::io::Read;

use super::bytes::{Bytes, Text, is_ident_start};
use super::tables::{self, Module};
use super::{Findings, Found, Kind, LocalModule};

/// How deeply templates may nest inside strings.
const MAX_NESTING: usize = 32;

/// Reads one `.tf` file.
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
    Str {
        text: Text,
        interpolated: bool,
    },
    /// `=` alone: an attribute's.
    Assign,
    Punct(u8),
    Newline,
    Eof,
}

/// A top-level block being read.
#[derive(Debug, Default)]
struct Block {
    /// `resource`, `data`, `module`, `variable`…
    keyword: String,
    labels: Vec<String>,
    line: u32,
    /// The attributes of its body that matter: `type`, `source`, `kind`.
    ty: Option<(String, bool)>,
    source: Option<(String, bool)>,
    kind: Kind,
    repeated: bool,
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
                b'#' => self.b.skip_line(),
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
                b'"' => {
                    self.b.next();
                    let (text, interpolated) = self.string(line, 0);
                    return (Tok::Str { text, interpolated }, line);
                }
                b'<' if self.b.at(b"<<") => {
                    self.b.skip(2);
                    if self.heredoc(line) {
                        // Its value is text, and its last line ends a line.
                        return (
                            Tok::Str {
                                text: Text::default(),
                                interpolated: true,
                            },
                            line,
                        );
                    }
                    return (Tok::Punct(b'<'), line);
                }
                b'=' => {
                    self.b.next();
                    if matches!(self.b.peek(), Some(b'=' | b'>')) {
                        self.b.next();
                        return (Tok::Punct(b'~'), line);
                    }
                    return (Tok::Assign, line);
                }
                b'!' | b'<' | b'>' => {
                    self.b.next();
                    if self.b.peek() == Some(b'=') {
                        self.b.next();
                    }
                    return (Tok::Punct(b'~'), line);
                }
                c if is_ident_start(c) => {
                    let mut word = Text::default();
                    while let Some(n) = self.b.peek() {
                        if n.is_ascii_alphanumeric() || n == b'_' || n == b'-' {
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

    /// A quoted string after its quote: its text, and whether it holds a template.
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
                Some(b'"') => {
                    self.b.next();
                    return (text, interpolated);
                }
                Some(b'\\') => {
                    self.b.next();
                    if let Some(c) = self.b.next() {
                        text.push(c);
                    }
                }
                // `$${` and `%%{` are the characters themselves.
                Some(c @ (b'$' | b'%')) if self.b.peek_at(1) == Some(c) => {
                    self.b.skip(2);
                    text.push(c);
                }
                Some(b'$' | b'%') if self.b.peek_at(1) == Some(b'{') => {
                    self.b.skip(2);
                    interpolated = true;
                    self.template(line, nesting);
                }
                Some(c) => {
                    text.push(c);
                    self.b.next();
                }
            }
        }
    }

    /// Skips a `${…}` or `%{…}` after its opening, strings inside it included.
    fn template(&mut self, line: u32, nesting: usize) {
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
                b'"' if nesting < MAX_NESTING => {
                    self.string(line, nesting + 1);
                }
                _ => {}
            }
        }
        self.problem(line, "a template `${` opened here is never closed");
    }

    /// A heredoc after its `<<`: `<<EOF` or `<<-EOF`, to a line that is its marker alone.
    /// False when what follows `<<` is no heredoc marker.
    fn heredoc(&mut self, line: u32) -> bool {
        if self.b.peek() == Some(b'-') {
            self.b.next();
        }
        let mut marker = Vec::new();
        while let Some(c) = self.b.peek() {
            if c.is_ascii_alphanumeric() || c == b'_' {
                marker.push(c);
                self.b.next();
            } else {
                break;
            }
        }
        if marker.is_empty() {
            return false;
        }
        // The rest of the opening line.
        self.b.skip_line();
        self.b.next();
        loop {
            let mut current = Vec::new();
            let mut ended = true;
            loop {
                match self.b.peek() {
                    None => {
                        ended = false;
                        break;
                    }
                    Some(b'\n') => break,
                    Some(c) => {
                        if current.len() <= marker.len() + 64 {
                            current.push(c);
                        }
                        self.b.next();
                    }
                }
            }
            if current.trim_ascii() == marker.as_slice() {
                return true;
            }
            if !ended {
                self.problem(
                    line,
                    format!(
                        "a heredoc opened here is never closed by `{}`",
                        String::from_utf8_lossy(&marker)
                    ),
                );
                return true;
            }
            self.b.next();
        }
    }

    fn run(&mut self) {
        // Open brackets: their closer and line; the top-level block's body is the first.
        let mut stack: Vec<(u8, u32)> = Vec::new();
        let mut item_start = true;
        let mut block: Option<Block> = None;
        loop {
            let (tok, line) = self.next();
            let at_item = item_start;
            item_start = false;
            match tok {
                Tok::Eof => break,
                Tok::Newline => item_start = true,
                Tok::Ident(word) if at_item && stack.is_empty() => {
                    block = self.header(word, line);
                    if block.is_some() {
                        stack.push((b'}', line));
                        item_start = true;
                    }
                }
                Tok::Ident(word) if at_item && stack.len() == 1 && block.is_some() => {
                    let (t, l) = self.next();
                    if t != Tok::Assign {
                        self.pushed = Some((t, l));
                        continue;
                    }
                    let (value, l) = self.next();
                    if let Some(b) = block.as_mut() {
                        let literal = |v: &Tok| match v {
                            Tok::Str { text, interpolated } => Some((text.string(), *interpolated)),
                            _ => None,
                        };
                        match word.as_str() {
                            "type" => b.ty = literal(&value),
                            "source" => b.source = literal(&value),
                            "kind" => {
                                b.kind = match literal(&value) {
                                    Some((k, false)) => Kind::Literal(k),
                                    _ => Kind::Computed,
                                }
                            }
                            "count" | "for_each" => b.repeated = true,
                            _ => {}
                        }
                    }
                    self.pushed = Some((value, l));
                }
                Tok::Punct(c @ (b'{' | b'[' | b'(')) => {
                    let close = match c {
                        b'{' => b'}',
                        b'[' => b']',
                        _ => b')',
                    };
                    stack.push((close, line));
                    item_start = c != b'(';
                }
                Tok::Punct(c @ (b'}' | b']' | b')')) => {
                    if let Some(at) = stack.iter().rposition(|(close, _)| *close == c) {
                        for (close, opened) in stack.drain(at + 1..) {
                            self.problem(opened, never_closed(close));
                        }
                        stack.pop();
                        if stack.is_empty()
                            && let Some(b) = block.take()
                        {
                            self.finish(b);
                        }
                    } else {
                        self.problem(line, format!("`{}` closes nothing", char::from(c)));
                    }
                }
                Tok::Punct(b',') => item_start = true,
                _ => {}
            }
        }
        for (close, opened) in stack {
            self.problem(opened, never_closed(close));
        }
        // A block never closed still declares what it declares.
        if let Some(b) = block {
            self.finish(b);
        }
    }

    /// A block's header after its first word, up to and with its `{`: the block, when it
    /// is one of ours (`resource`, `data`, `module`) or any other block (whose body is then
    /// passed over); `None` when the tokens are no block header.
    fn header(&mut self, word: String, line: u32) -> Option<Block> {
        let mut labels = Vec::new();
        loop {
            let (t, l) = self.next();
            match t {
                Tok::Str { text, .. } => labels.push(text.string()),
                Tok::Ident(i) => labels.push(i),
                Tok::Punct(b'{') => {
                    return Some(Block {
                        keyword: word,
                        labels,
                        line,
                        ..Block::default()
                    });
                }
                t => {
                    self.pushed = Some((t, l));
                    return None;
                }
            }
        }
    }

    /// Records what a closed top-level block declares.
    fn finish(&mut self, b: Block) {
        let label = |i: usize| b.labels.get(i).cloned().unwrap_or_default();
        match b.keyword.as_str() {
            "resource" | "data" => {
                let tf = label(0);
                let data = b.keyword == "data";
                let mut found = Found {
                    line: b.line,
                    declared: if data {
                        format!("data.{tf}")
                    } else {
                        tf.clone()
                    },
                    name: label(1),
                    kind: b.kind.clone(),
                    existing: data,
                    repeated: b.repeated,
                    ..Found::default()
                };
                let provider = tf.split('_').next().unwrap_or("");
                match provider {
                    "azurerm" => match tables::azurerm(&tf) {
                        // A data source of the scope deployed to (the subscription, a
                        // resource group) reads no resource of the architecture.
                        Some(arm) if data && is_scope(arm) => return,
                        Some(arm) => {
                            found.arm_type = Some(arm.to_string());
                            // The type names what the kind would: `azurerm_linux_function_app`.
                            if found.kind == Kind::Absent && tf.contains("function_app") {
                                found.kind = Kind::Literal("functionapp".into());
                            }
                        }
                        // A data source the table does not know reads no resource
                        // (`azurerm_client_config`).
                        None if data => return,
                        None => {
                            found.note = Some(
                                "an AzureRM resource type the AzureRM table does not know".into(),
                            )
                        }
                    },
                    "azapi" => {
                        match &b.ty {
                            Some((ty, false)) => {
                                found.arm_type = Some(super::arm_type(ty, None));
                                found.declared = format!("{} {ty}", found.declared);
                            }
                            Some((ty, true)) => {
                                found.note = Some(format!("its type `{ty}` is computed"))
                            }
                            None if data => return,
                            None => found.note = Some("no `type`".into()),
                        }
                        // These change or act on a resource deployed elsewhere.
                        if matches!(
                            tf.as_str(),
                            "azapi_update_resource" | "azapi_resource_action"
                        ) {
                            found.existing = true;
                        }
                    }
                    _ if data => return,
                    other => {
                        found.not_azure = true;
                        found.note = Some(format!(
                            "a resource of the `{other}` provider, not an Azure resource"
                        ))
                    }
                }
                self.out.resources.push(found);
            }
            "module" => {
                let Some((source, computed)) = b.source.clone() else {
                    self.out.resources.push(Found {
                        line: b.line,
                        name: label(0),
                        note: Some("a module without a `source`".into()),
                        ..Found::default()
                    });
                    return;
                };
                let mut found = Found {
                    line: b.line,
                    declared: source.clone(),
                    name: label(0),
                    kind: b.kind.clone(),
                    repeated: b.repeated,
                    ..Found::default()
                };
                if computed {
                    found.note = Some("its source is computed".into());
                } else if source.starts_with("./") || source.starts_with("../") {
                    self.out.modules.push(LocalModule {
                        line: b.line,
                        path: source,
                    });
                    return;
                } else {
                    let (ty, note) = registry(&source);
                    found.arm_type = ty;
                    found.note = note;
                }
                self.out.resources.push(found);
            }
            _ => {}
        }
    }
}

/// Whether an ARM type is a scope resources are deployed to rather than a resource.
fn is_scope(arm: &str) -> bool {
    let ns = arm.split('/').next().unwrap_or("");
    [
        "Microsoft.Resources",
        "Microsoft.Subscription",
        "Microsoft.Management",
    ]
    .iter()
    .any(|s| s.eq_ignore_ascii_case(ns))
}

fn never_closed(close: u8) -> String {
    let open = match close {
        b'}' => '{',
        b']' => '[',
        _ => '(',
    };
    format!("`{open}` opened here is never closed")
}

/// What a module source that is not a local path stands for: the ARM type of an Azure
/// Verified Module, or why it is not known.
fn registry(source: &str) -> (Option<String>, Option<String>) {
    let remote = [
        "git::",
        "github.com/",
        "bitbucket.org/",
        "http://",
        "https://",
        "s3::",
        "gcs::",
        "hg::",
    ];
    if remote.iter().any(|r| source.starts_with(r)) || source.contains("::") {
        return (None, Some("a remote module, which is not fetched".into()));
    }
    let address = source
        .strip_prefix("registry.terraform.io/")
        .unwrap_or(source);
    // `Azure/avm-res-x/azurerm//modules/y`: the module's own folder is what it deploys.
    let address = address.split("//").next().unwrap_or(address);
    let parts: Vec<&str> = address.split('/').collect();
    let [namespace, name, _provider] = parts.as_slice() else {
        return (
            None,
            Some("a module source guidegraph does not know".into()),
        );
    };
    if !namespace.eq_ignore_ascii_case("azure") || !name.starts_with("avm-") {
        return (
            None,
            Some("a registry module that is no Azure Verified Module, which is not fetched".into()),
        );
    }
    match tables::terraform_module(name) {
        Some(Module::Resource(ty)) => (Some(ty.to_string()), None),
        Some(Module::Pattern) => (
            None,
            Some(
                "an Azure Verified Module pattern: several resources, not known one by one".into(),
            ),
        ),
        None => (
            None,
            Some("an Azure Verified Module the module index does not list".into()),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resources_azapi_data_modules_and_other_providers() {
        let tf = r#"
# resource "azurerm_nope" "x" {}
resource "azurerm_kubernetes_cluster" "aks" {
  count = var.on ? 1 : 0
  name  = "aks-${var.name}"
  default_node_pool {
    type = "VirtualMachineScaleSets"
  }
}
resource "azapi_resource" "app" {
  type      = "Microsoft.App/containerApps@2024-03-01"
  body = <<-EOT
    resource "azurerm_not_this" "x" {
    }
  EOT
}
data "azurerm_key_vault" "kv" {
  name = "kv"
}
data "azurerm_client_config" "current" {}
module "sb" {
  source  = "Azure/avm-res-servicebus-namespace/azurerm"
  version = "0.4.0"
}
module "local" {
  source = "./modules/net"
}
module "remote" {
  source = "git::https://example.com/mod.git"
}
resource "random_pet" "p" {}
resource "azurerm_linux_function_app" "fn" {
  name = "${var.a == "b" ? "x" : "y"}"
}
"#;
        let f = scan(tf.as_bytes());
        assert!(f.problems.is_empty(), "{:?}", f.problems);
        let got: Vec<(u32, &str, bool, bool)> = f
            .resources
            .iter()
            .map(|r| {
                (
                    r.line,
                    r.arm_type.as_deref().unwrap_or("-"),
                    r.existing,
                    r.repeated,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (3, "Microsoft.ContainerService/managedClusters", false, true),
                (10, "Microsoft.App/containerApps", false, false),
                (17, "Microsoft.KeyVault/vaults", true, false),
                (21, "Microsoft.ServiceBus/namespaces", false, false),
                (28, "-", false, false),
                (31, "-", false, false),
                (32, "Microsoft.Web/sites", false, false),
            ]
        );
        assert_eq!(f.modules.len(), 1);
        assert_eq!(f.modules[0].path, "./modules/net");
        assert!(
            f.resources[5]
                .note
                .as_deref()
                .unwrap_or("")
                .contains("`random` provider")
        );
        assert_eq!(f.resources[6].kind, Kind::Literal("functionapp".into()));
    }

    #[test]
    fn what_cannot_be_read_past_is_a_problem_with_its_line() {
        let f = scan(&b"resource \"azurerm_resource_group\" \"a\" {\n  name = \"x\n}\nresource \"azurerm_key_vault\" \"b\" {\n"[..]);
        assert_eq!(f.resources.len(), 2, "{:?}", f.resources);
        let lines: Vec<u32> = f.problems.iter().map(|p| p.0).collect();
        assert!(lines.contains(&2) && lines.contains(&4), "{:?}", f.problems);
    }
}
