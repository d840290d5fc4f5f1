//! Links the `guidegraph` binary as a position-dependent executable on Linux (issue 22).
//!
//! A position-independent executable is relocated by the dynamic loader at every start:
//! some 44,000 pointers in vtables and static tables (clap's, tantivy's, the vocabulary's)
//! are written, and each page they sit on is copied on write. That was half the
//! instructions and two thirds of the page faults of `guidegraph --version` (callgrind:
//! 1.19 M instructions → 0.62 M; `perf stat`: 364 page faults → 131, 0.98 ms of CPU →
//! 0.54 ms). Without PIE the loader has nothing to relocate in the binary and its pages
//! are read from the page cache as they are touched. What is given up is the randomised
//! address of the executable's own code and data (the heap, the stack and the shared
//! libraries are still randomised); the binary forbids `unsafe` code. Only the binary is
//! linked so: the tests and benchmarks keep the default.
fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
}
