//! Links the `guidegraph` binary as a position-dependent executable on Linux: a
//! position-independent one makes the dynamic loader patch 45,000 pointers of read-only
//! data before `main`, touching 250 more pages than the command needs. `guidegraph
//! --version` took 0.80 ms of CPU and 388 page faults, 0.48 ms and 133 without (issue 22,
//! `perf stat -r 200`). Address-space layout randomization of the executable's own
//! image is what is given up; the libraries, heap and stack are still randomized.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
