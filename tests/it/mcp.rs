//! `guidegraph mcp` on stdio, spoken to in raw JSON-RPC: the handshake, the tool list and
//! one call, so `cargo test` sees the server start and answer. The real client (the
//! Python SDK) is in tests/mcp, run by tests/mcp/run.sh.

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

use serde_json::{Value, json};

use crate::common::{fixture_index, gg};

#[test]
fn mcp_on_stdio_lists_its_tools_and_answers_a_call() {
    let tmp = tempfile::tempdir().unwrap();
    let mut child = gg(tmp.path())
        .args(["mcp", "--index"])
        .arg(fixture_index())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut send = |message: Value| {
        writeln!(stdin, "{message}").unwrap();
        stdin.flush().unwrap();
    };
    let mut receive = || {
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        serde_json::from_str::<Value>(&line).unwrap_or_else(|e| panic!("{e}: {line:?}"))
    };
    send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-11-25", "capabilities": {},
        "clientInfo": {"name": "guidegraph-tests", "version": "0"}}}),
    );
    let init = receive();
    assert_eq!(init["result"]["serverInfo"]["name"], "guidegraph", "{init}");
    assert!(
        init["result"]["capabilities"]["resources"].is_object(),
        "{init}"
    );
    send(json!({"jsonrpc": "2.0", "method": "notifications/initialized"}));

    send(json!({"jsonrpc": "2.0", "id": 2, "method": "tools/list"}));
    let listed = receive();
    let mut names: Vec<&str> = listed["result"]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "checklist",
            "design_principles",
            "get",
            "neighbors",
            "query",
            "recommendations",
            "service_guide",
            "tradeoffs"
        ]
    );

    send(
        json!({"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {
        "name": "checklist", "arguments": {"pillar": "security", "platform": "Azure"}}}),
    );
    let called = receive();
    let results = called["result"]["structuredContent"]["results"]
        .as_array()
        .unwrap_or_else(|| panic!("{called}"));
    let codes: Vec<&str> = results
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["SE:01", "SE:02", "SE:03"]);

    // The client going away ends the server.
    drop(stdin);
    let status = child.wait().unwrap();
    assert!(status.success(), "{status}");
}

#[test]
fn mcp_without_its_index_says_so_and_fails() {
    let tmp = tempfile::tempdir().unwrap();
    let out = crate::common::run(
        gg(tmp.path())
            .args(["mcp", "--index"])
            .arg(tmp.path().join("none")),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        crate::common::stderr(&out).contains("no index at"),
        "{}",
        crate::common::stderr(&out)
    );
    assert!(out.stdout.is_empty(), "stdout is the protocol's");
}
