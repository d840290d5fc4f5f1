//! The front ends: the command line (clap arguments, settings, a module per command),
//! the REPL, review files and the MCP server. Each asks the engine and renders with
//! `output`.

pub mod cli;
pub mod commands;
pub mod config;
pub mod mcp;
pub mod repl;
pub mod review;
