//! The REPL driven from a pipe: queries in, answers out, no prompts or colour.

use std::io::Write;
use std::process::Stdio;

use crate::common::{fixture_index, gg};

#[test]
fn piped_queries_are_answered_line_by_line() {
    let tmp = tempfile::tempdir().unwrap();
    let mut child = gg(tmp.path())
        .args(["repl", "--index"])
        .arg(fixture_index())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"challenges related to cost\n:limit 1\nSE:02\nkind:nope\n:quit\nSE:01\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stdout), @r"
    #  title          kind       code  pillars                           platform        source
    1  Licence spend  challenge        Cost Optimization, Performance …  Power Platform  power-platform-waf/gen-ai-workload/overview.md:…
    2  Compute bills  challenge        Cost Optimization                 Azure           azure-waf/ai/overview.md:13
    #  title                          kind            code   pillars   platform  source
    1  Control identities and access  recommendation  SE:02  Security  Azure     azure-waf/security/checklist.md:17
    ");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`kind:nope` names no kind"), "{err}");
}
