//! The default corpus, compiled into the binary so an installed `guidegraph` works from any
//! folder. These are the files of the repository's `corpus/`, unchanged.

/// (file name, contents) of each embedded article.
pub const FILES: &[(&str, &str)] = &[
    (
        "000_db85cb39b57c2acd.txt",
        include_str!("../../corpus/000_db85cb39b57c2acd.txt"),
    ),
    (
        "001_beeaa55239d8148c.txt",
        include_str!("../../corpus/001_beeaa55239d8148c.txt"),
    ),
    (
        "002_ecc6711b5b6f4809.txt",
        include_str!("../../corpus/002_ecc6711b5b6f4809.txt"),
    ),
];
