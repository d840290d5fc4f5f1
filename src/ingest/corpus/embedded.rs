//! The default corpus, compiled into the binary so an installed `guidegraph` works from any
//! folder. These are the files of the repository's `corpus/`, unchanged, each named by
//! where it is published in the guidance's repositories (the repository's file names say
//! nothing to a reader of a result's source), so that a source reads
//! `azure-waf/ai/get-started.md:76`, and the folders place each article on its platform
//! and workload as they do for the whole guidance.

/// (published path, contents) of each embedded article.
pub const FILES: &[(&str, &str)] = &[
    (
        // An early draft of the overview below, kept as received.
        "power-platform-waf/gen-ai-workload/gen-ai-workload-overview-draft.md",
        include_str!("../../../corpus/000_db85cb39b57c2acd.txt"),
    ),
    (
        "power-platform-waf/gen-ai-workload/gen-ai-workload-overview.md",
        include_str!("../../../corpus/001_beeaa55239d8148c.txt"),
    ),
    (
        "azure-waf/ai/get-started.md",
        include_str!("../../../corpus/002_ecc6711b5b6f4809.txt"),
    ),
];
