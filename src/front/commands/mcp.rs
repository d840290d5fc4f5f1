//! `guidegraph mcp`: serve the guidance to assistants over the Model Context Protocol
//! ([`crate::mcp`]), on stdio (one client, which started the server) or on streamable
//! HTTP (`--http 127.0.0.1:PORT`, a team sharing one server and one read-only index).
//!
//! The SDK is async, so this command alone runs a tokio runtime: one thread for stdio;
//! for HTTP a few workers (at most 4), as each call is a short synchronous answer from
//! the engine. Notes go to stderr: on stdio, stdout carries the protocol.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use rmcp::ServiceExt;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::{StreamableHttpServerConfig, StreamableHttpService};

use crate::cli::McpArgs;
use crate::engine::Engine;
use crate::error::Error;
use crate::mcp::Server;

pub fn execute(args: &McpArgs) -> Result<(), Error> {
    let engine = super::open(args.location.index.as_deref())?;
    // The graph is read now, so a damaged index fails here rather than on a first call.
    engine.articles()?;
    let engine = Arc::new(engine);
    match args.http {
        None => stdio(engine),
        Some(addr) => http(engine, addr, &args.allow_host),
    }
}

fn stdio(engine: Arc<Engine>) -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let served = runtime.block_on(async {
        let service = Server::new(engine)
            .serve(rmcp::transport::stdio())
            .await
            .map_err(|e| Error::Runtime(format!("MCP on stdio: {e}")))?;
        service
            .waiting()
            .await
            .map_err(|e| Error::Runtime(format!("MCP on stdio: {e}")))?;
        Ok(())
    });
    // A read of stdin still pending must not keep the process alive once the client
    // has gone.
    runtime.shutdown_background();
    served
}

fn http(engine: Arc<Engine>, addr: SocketAddr, hosts: &[String]) -> Result<(), Error> {
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 4);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| Error::Runtime(format!("cannot listen on {addr}: {e}")))?;
        let local = listener.local_addr()?;
        // The SDK accepts loopback Host headers only, against DNS rebinding; a server
        // bound to another address also answers to that address and the names given.
        let mut allowed: Vec<String> = ["localhost", "127.0.0.1", "::1"]
            .into_iter()
            .map(String::from)
            .collect();
        if !local.ip().is_loopback() {
            allowed.push(local.ip().to_string());
        }
        allowed.extend(hosts.iter().cloned());
        // A call's answer is one JSON response rather than an event stream when nothing
        // else is sent before it (always, here): in the load test, a quarter more calls
        // a second and a p99 half as long.
        let config = StreamableHttpServerConfig::default()
            .with_allowed_hosts(allowed)
            .with_json_response(true);
        let service = StreamableHttpService::new(
            move || Ok(Server::new(Arc::clone(&engine))),
            Arc::new(LocalSessionManager::default()),
            config,
        );
        crate::diag!(
            "guidegraph: serving MCP on http://{local}/mcp (streamable HTTP); Ctrl-C stops"
        );
        loop {
            let stream = match listener.accept().await {
                Ok((stream, _)) => stream,
                // Out of file descriptors, a connection reset before it was accepted: the
                // server goes on.
                Err(e) => {
                    crate::diag!("guidegraph: accepting a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            let service = TowerToHyperService::new(service.clone());
            tokio::spawn(async move {
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    })
}
