//! ARM JSON templates: every resource of `resources` (an array, or in language version 2.0
//! an object of symbolic names), child resources nested in `resources` of a resource (their
//! type relative to the parent's, `databases` in a server), resources in a `copy` loop,
//! and the resources of a `Microsoft.Resources/deployments` with an inline template
//! (`properties.template`), which lead back to the deployment's line. A linked template
//! (`templateLink`) is named, not fetched.
//!
//! The JSON is read as a stream of tokens and only the keys above are kept, so a template
//! of any size takes the memory of the resources it declares. Comments (`//`, `/* */`)
//! and trailing commas, which ARM accepts, are read too. A JSON file that is not a
//! template (no deployment template `$schema`, nor `resources` with `contentVersion`) is
//! not one of ours and is passed over.

use std::io::Read;

use super::bytes::{Bytes, Text};
use super::{Findings, Found, Kind};

/// How deeply templates and resources may nest: far deeper than any real template.
const MAX_NESTING: usize = 64;

/// Reads one JSON file.
pub(crate) fn scan(src: impl Read) -> Findings {
    let mut p = Parser {
        lex: Lexer {
            b: Bytes::new(src),
            peeked: None,
        },
    };
    let mut out = Findings::default();
    let mut info = TemplateInfo::default();
    let result = p.template(0, &mut out.resources, &mut info);
    out.template = info.is_template();
    out.from_bicep = info.from_bicep;
    if let Err((line, message)) = result {
        // A file that broke before it said it is a template is not known to be one.
        if out.template || !out.resources.is_empty() {
            out.template = true;
            out.problems.push((line, message));
        }
    }
    if let Some(e) = p.lex.b.error.take() {
        out.problems
            .push((p.lex.b.line, format!("read failed: {e}")));
    }
    out
}

type Problem = (u32, String);

#[derive(Debug)]
enum Tok {
    Open(u8),
    Close(u8),
    Colon,
    Comma,
    Str(Text),
    /// `true`, `false`, `null`, a number.
    Lit(Text),
    Eof,
}

struct Lexer<R> {
    b: Bytes<R>,
    peeked: Option<(Tok, u32)>,
}

impl<R: Read> Lexer<R> {
    /// The next token and the line it starts on.
    fn next(&mut self) -> Result<(Tok, u32), Problem> {
        if let Some(t) = self.peeked.take() {
            return Ok(t);
        }
        self.skip_space()?;
        let line = self.b.line;
        let Some(c) = self.b.next() else {
            return Ok((Tok::Eof, line));
        };
        let tok = match c {
            b'{' | b'[' => Tok::Open(c),
            b'}' | b']' => Tok::Close(c),
            b':' => Tok::Colon,
            b',' => Tok::Comma,
            b'"' => Tok::Str(self.string(line)?),
            c if c == b'-' || c.is_ascii_alphanumeric() => {
                let mut t = Text::default();
                t.push(c);
                while let Some(n) = self.b.peek() {
                    if n.is_ascii_alphanumeric() || matches!(n, b'.' | b'+' | b'-') {
                        t.push(n);
                        self.b.next();
                    } else {
                        break;
                    }
                }
                Tok::Lit(t)
            }
            c => {
                return Err((
                    line,
                    format!(
                        "unexpected `{}`; not valid JSON",
                        char::from(c).escape_default()
                    ),
                ));
            }
        };
        Ok((tok, line))
    }

    fn peek(&mut self) -> Result<&Tok, Problem> {
        if self.peeked.is_none() {
            let t = self.next()?;
            self.peeked = Some(t);
        }
        Ok(self.peeked.as_ref().map_or(&Tok::Eof, |(t, _)| t))
    }

    fn skip_space(&mut self) -> Result<(), Problem> {
        loop {
            match self.b.peek() {
                Some(b' ' | b'\t' | b'\r' | b'\n') => {
                    self.b.next();
                }
                // The byte-order mark some editors write.
                Some(0xEF) if self.b.at(&[0xEF, 0xBB, 0xBF]) => self.b.skip(3),
                Some(b'/') if self.b.peek_at(1) == Some(b'/') => self.b.skip_line(),
                Some(b'/') if self.b.peek_at(1) == Some(b'*') => {
                    let line = self.b.line;
                    self.b.skip(2);
                    loop {
                        if self.b.at(b"*/") {
                            self.b.skip(2);
                            break;
                        }
                        if self.b.next().is_none() {
                            return Err((line, "a comment opened here is never closed".into()));
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    /// A string's text after its opening quote, escapes decoded.
    fn string(&mut self, line: u32) -> Result<Text, Problem> {
        let mut t = Text::default();
        loop {
            match self.b.next() {
                None => return Err((line, "a string opened here is never closed".into())),
                Some(b'"') => return Ok(t),
                Some(b'\\') => match self.b.next() {
                    Some(b'u') => {
                        let mut code = 0u32;
                        for _ in 0..4 {
                            let d = self.b.next().and_then(|h| char::from(h).to_digit(16));
                            code = code * 16 + d.unwrap_or(0);
                        }
                        let c = char::from_u32(code).unwrap_or('\u{fffd}');
                        let mut buf = [0u8; 4];
                        for b in c.encode_utf8(&mut buf).bytes() {
                            t.push(b);
                        }
                    }
                    Some(b'n') => t.push(b'\n'),
                    Some(b't') => t.push(b'\t'),
                    Some(b'r' | b'b' | b'f') => {}
                    Some(c) => t.push(c),
                    None => return Err((line, "a string opened here is never closed".into())),
                },
                Some(c) => t.push(c),
            }
        }
    }
}

#[derive(Debug, Default)]
struct TemplateInfo {
    /// `$schema` names a deployment template.
    schema: bool,
    /// `$schema` names a parameters file.
    parameters: bool,
    resources: bool,
    content_version: bool,
    from_bicep: bool,
}

impl TemplateInfo {
    fn is_template(&self) -> bool {
        !self.parameters && (self.schema || (self.resources && self.content_version))
    }
}

/// A resource as read, its type resolved once its parent's is known.
#[derive(Debug, Default)]
struct Raw {
    line: u32,
    declared: Option<String>,
    name: String,
    kind: Kind,
    existing: bool,
    repeated: bool,
    children: Vec<Raw>,
    /// The resources of `properties.template`, for a deployment.
    template: Option<Vec<Found>>,
    template_link: bool,
}

struct Parser<R> {
    lex: Lexer<R>,
}

impl<R: Read> Parser<R> {
    /// Skips one value, however deep, without keeping it.
    fn skip_value(&mut self) -> Result<(), Problem> {
        let (t, line) = self.lex.next()?;
        match t {
            Tok::Str(_) | Tok::Lit(_) => Ok(()),
            Tok::Open(_) => {
                let mut depth = 1usize;
                loop {
                    match self.lex.next()? {
                        (Tok::Open(_), _) => depth += 1,
                        (Tok::Close(_), _) => {
                            depth -= 1;
                            if depth == 0 {
                                return Ok(());
                            }
                        }
                        (Tok::Eof, _) => {
                            return Err((line, "a bracket opened here is never closed".into()));
                        }
                        _ => {}
                    }
                }
            }
            Tok::Eof => Err((line, "the file ends where a value should be".into())),
            t => Err((line, format!("{} where a value should be", what(&t)))),
        }
    }

    /// Reads the members of an object whose `{` is next, handing each key to `member`,
    /// which must read its value.
    fn object(
        &mut self,
        mut member: impl FnMut(&mut Self, &str, u32) -> Result<(), Problem>,
    ) -> Result<u32, Problem> {
        let (t, open) = self.lex.next()?;
        if !matches!(t, Tok::Open(b'{')) {
            return Err((open, format!("{} where an object should be", what(&t))));
        }
        loop {
            let (t, line) = self.lex.next()?;
            match t {
                Tok::Close(b'}') => return Ok(open),
                Tok::Comma => {}
                Tok::Str(key) => {
                    let (colon, at) = self.lex.next()?;
                    if !matches!(colon, Tok::Colon) {
                        return Err((at, format!("{} where `:` should be", what(&colon))));
                    }
                    member(self, &key.string(), line)?;
                    match self.lex.peek()? {
                        Tok::Comma | Tok::Close(b'}') => {}
                        t => {
                            let t = what(t);
                            let at = self.lex.peeked.as_ref().map_or(line, |(_, l)| *l);
                            return Err((at, format!("{t} where `,` or `}}` should be")));
                        }
                    }
                }
                Tok::Eof => return Err((open, "an object opened here is never closed".into())),
                t => return Err((line, format!("{} where a key should be", what(&t)))),
            }
        }
    }

    /// The string value next, or `None` (and the value skipped) when it is not a string.
    fn string_value(&mut self) -> Result<Option<(String, u32)>, Problem> {
        if matches!(self.lex.peek()?, Tok::Str(_)) {
            let (t, line) = self.lex.next()?;
            if let Tok::Str(s) = t {
                return Ok(Some((s.string(), line)));
            }
        }
        self.skip_value()?;
        Ok(None)
    }

    /// A template object: its resources go to `out` as they are completed.
    fn template(
        &mut self,
        depth: usize,
        out: &mut Vec<Found>,
        info: &mut TemplateInfo,
    ) -> Result<(), Problem> {
        self.object(|p, key, _| match key {
            "$schema" => {
                if let Some((s, _)) = p.string_value()? {
                    let s = s.to_ascii_lowercase();
                    info.schema |= s.contains("deploymenttemplate.json");
                    info.parameters |= s.contains("deploymentparameters.json");
                }
                Ok(())
            }
            "contentVersion" => {
                info.content_version = true;
                p.skip_value()
            }
            "metadata" if matches!(p.lex.peek()?, Tok::Open(b'{')) => p
                .object(|p, key, _| {
                    if key != "_generator" || !matches!(p.lex.peek()?, Tok::Open(b'{')) {
                        return p.skip_value();
                    }
                    p.object(|p, key, _| {
                        if key != "name" {
                            return p.skip_value();
                        }
                        if let Some((s, _)) = p.string_value()? {
                            info.from_bicep |= s.eq_ignore_ascii_case("bicep");
                        }
                        Ok(())
                    })
                    .map(drop)
                })
                .map(drop),
            "resources" => {
                info.resources = true;
                // What was read before a mistake is kept.
                let mut found = Vec::new();
                let read = p.resources(depth, &mut found);
                for raw in found {
                    flatten(raw, None, out);
                }
                read
            }
            _ => p.skip_value(),
        })
        .map(drop)
    }

    /// A `resources` value: an array of resources, or an object of them by symbolic name.
    fn resources(&mut self, depth: usize, out: &mut Vec<Raw>) -> Result<(), Problem> {
        if depth >= MAX_NESTING {
            let line = self.lex.b.line;
            self.skip_value()?;
            return Err((
                line,
                format!("resources nested more than {MAX_NESTING} deep"),
            ));
        }
        match self.lex.peek()? {
            Tok::Open(b'[') => {
                let (_, open) = self.lex.next()?;
                loop {
                    match self.lex.peek()? {
                        Tok::Close(b']') => {
                            self.lex.next()?;
                            return Ok(());
                        }
                        Tok::Comma => {
                            self.lex.next()?;
                        }
                        Tok::Open(b'{') => {
                            out.push(self.resource(depth)?);
                            if !matches!(self.lex.peek()?, Tok::Comma | Tok::Close(b']')) {
                                let t = what(self.lex.peek()?);
                                let at = self.lex.peeked.as_ref().map_or(open, |(_, l)| *l);
                                return Err((at, format!("{t} where `,` or `]` should be")));
                            }
                        }
                        Tok::Eof => {
                            return Err((open, "an array opened here is never closed".into()));
                        }
                        _ => self.skip_value()?,
                    }
                }
            }
            Tok::Open(b'{') => self
                .object(|p, _, _| {
                    if matches!(p.lex.peek()?, Tok::Open(b'{')) {
                        out.push(p.resource(depth)?);
                        Ok(())
                    } else {
                        p.skip_value()
                    }
                })
                .map(drop),
            _ => self.skip_value(),
        }
    }

    fn resource(&mut self, depth: usize) -> Result<Raw, Problem> {
        let mut raw = Raw::default();
        let open = self.object(|p, key, line| {
            match key {
                "type" => {
                    if let Some((s, l)) = p.string_value()? {
                        raw.declared = Some(s);
                        raw.line = l;
                    } else {
                        raw.line = line;
                    }
                }
                "name" => {
                    if let Some((s, _)) = p.string_value()? {
                        raw.name = s;
                    }
                }
                "kind" => {
                    raw.kind = match p.string_value()? {
                        Some((s, _)) if is_expression(&s) => Kind::Computed,
                        Some((s, _)) => Kind::Literal(s),
                        None => Kind::Computed,
                    };
                }
                "existing" => {
                    let (t, _) = p.lex.next()?;
                    raw.existing = matches!(&t, Tok::Lit(l) if l.string() == "true");
                    if matches!(t, Tok::Open(_)) {
                        return Err((line, "`existing` is not true or false".into()));
                    }
                }
                "copy" => {
                    raw.repeated = true;
                    p.skip_value()?;
                }
                "resources" => p.resources(depth + 1, &mut raw.children)?,
                "properties" if matches!(p.lex.peek()?, Tok::Open(b'{')) => {
                    p.object(|p, key, _| match key {
                        "template" if matches!(p.lex.peek()?, Tok::Open(b'{')) => {
                            let mut found = Vec::new();
                            let mut info = TemplateInfo::default();
                            p.template(depth + 1, &mut found, &mut info)?;
                            raw.template = Some(found);
                            Ok(())
                        }
                        "templateLink" => {
                            raw.template_link = true;
                            p.skip_value()
                        }
                        _ => p.skip_value(),
                    })?;
                }
                _ => p.skip_value()?,
            }
            Ok(())
        })?;
        if raw.line == 0 {
            raw.line = open;
        }
        Ok(raw)
    }
}

/// `[parameters('kind')]` is an expression; `[[literal` a string starting with `[`.
fn is_expression(s: &str) -> bool {
    let t = s.trim();
    t.starts_with('[') && !t.starts_with("[[") && t.ends_with(']')
}

fn what(t: &Tok) -> String {
    match t {
        Tok::Open(c) | Tok::Close(c) => format!("`{}`", char::from(*c)),
        Tok::Colon => "`:`".into(),
        Tok::Comma => "`,`".into(),
        Tok::Str(s) => format!("the string \"{}\"", s.string()),
        Tok::Lit(s) => format!("`{}`", s.string()),
        Tok::Eof => "the end of the file".into(),
    }
}

/// Places a completed resource and its children (their types relative to its own) in
/// `out`; a deployment's inline template stands in for the deployment.
fn flatten(raw: Raw, parent: Option<&str>, out: &mut Vec<Found>) {
    let ty = raw
        .declared
        .as_deref()
        .filter(|d| !is_expression(d))
        .map(|d| super::arm_type(d, parent));
    let deployment = ty
        .as_deref()
        .is_some_and(|t| t.eq_ignore_ascii_case("Microsoft.Resources/deployments"));
    match (deployment, raw.template) {
        (true, Some(inner)) => {
            for mut f in inner {
                f.deployments.insert(0, raw.line);
                out.push(f);
            }
        }
        (deployment, _) => {
            let note = if deployment && raw.template_link {
                Some(
                    "a deployment of a linked template (templateLink), which is not fetched".into(),
                )
            } else if deployment {
                Some("a deployment whose template is not inline".into())
            } else if ty.is_none() {
                Some(match &raw.declared {
                    Some(d) => format!("its type `{d}` is computed"),
                    None => "no `type`".into(),
                })
            } else {
                None
            };
            out.push(Found {
                line: raw.line,
                declared: raw.declared.clone().unwrap_or_default(),
                name: raw.name,
                arm_type: if deployment { None } else { ty.clone() },
                kind: raw.kind,
                existing: raw.existing,
                repeated: raw.repeated,
                deployments: Vec::new(),
                note,
                not_azure: false,
            });
        }
    }
    for child in raw.children {
        flatten(child, ty.as_deref(), out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn types(f: &Findings) -> Vec<(u32, String)> {
        f.resources
            .iter()
            .map(|r| (r.line, r.arm_type.clone().unwrap_or_default()))
            .collect()
    }

    #[test]
    fn nested_copied_and_deployed_resources_keep_their_lines() {
        let json = r#"{
  // a comment ARM accepts
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "name": "sql",
      "type": "Microsoft.Sql/servers",
      "resources": [ { "type": "databases", "name": "db", "copy": { "name": "dbs", "count": 3 } } ]
    },
    {
      "type": "Microsoft.Resources/deployments",
      "name": "inner",
      "properties": { "mode": "Incremental", "template": {
        "resources": [ { "type": "Microsoft.Web/sites", "kind": "functionapp" } ] } }
    },
  ]
}"#;
        let f = scan(json.as_bytes());
        assert!(f.template);
        assert!(f.problems.is_empty(), "{:?}", f.problems);
        assert_eq!(
            types(&f),
            [
                (8, "Microsoft.Sql/servers".into()),
                (9, "Microsoft.Sql/servers/databases".into()),
                (15, "Microsoft.Web/sites".into())
            ]
        );
        assert!(f.resources[1].repeated);
        assert_eq!(f.resources[2].deployments, [12]);
        assert_eq!(f.resources[2].kind, Kind::Literal("functionapp".into()));
    }

    #[test]
    fn symbolic_resources_existing_and_not_templates() {
        let json = r#"{"languageVersion": "2.0", "contentVersion": "1.0.0.0", "resources": {
  "kv": {"type": "Microsoft.KeyVault/vaults", "existing": true, "kind": "[parameters('k')]"}}}"#;
        let f = scan(json.as_bytes());
        assert!(f.template);
        assert!(f.resources[0].existing);
        assert_eq!(f.resources[0].kind, Kind::Computed);
        let f = scan(&br#"{"name": "package", "dependencies": {"resources": []}}"#[..]);
        assert!(!f.template);
        let f = scan(
            &br#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "contentVersion": "1.0.0.0", "parameters": {}}"#[..],
        );
        assert!(!f.template, "a parameters file is no template");
    }

    #[test]
    fn a_broken_template_keeps_what_came_before_and_names_the_line() {
        let json = "{\n\"$schema\": \"deploymentTemplate.json\",\n\"resources\": [\n{\"type\": \"Microsoft.Web/sites\"},\n{\"type\": \"Microsoft.Sql/servers\" \"name\": 1}\n]}";
        let f = scan(json.as_bytes());
        assert!(f.template);
        assert_eq!(types(&f), [(4, "Microsoft.Web/sites".into())]);
        assert_eq!(f.problems.len(), 1, "{:?}", f.problems);
        assert_eq!(f.problems[0].0, 5, "{:?}", f.problems);
    }
}
