//! Issue 17: a fetched repository, a `--rev`, a corpus and an index folder are hostile
//! input. Each test builds the hostile thing (a git repository with the real `git`, a
//! link to `/dev/zero`, a FIFO) and checks that nothing outside the data folder is moved,
//! deleted or written, that no command is run, and that nothing hangs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use crate::common::{copy_dir, fixtures, gg, run, stderr, stdout};
use crate::fetch::{docs_repo, git};

/// Runs `cmd` for at most `secs` seconds; `None` when it had to be killed. Output goes
/// through files, so a chatty command cannot block on a full pipe.
fn run_within(cmd: &mut Command, secs: u64) -> Option<Output> {
    let dir = tempfile::tempdir().unwrap();
    let (out_path, err_path) = (dir.path().join("out"), dir.path().join("err"));
    let mut child = cmd
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(Output {
                status,
                stdout: std::fs::read(&out_path).unwrap(),
                stderr: std::fs::read(&err_path).unwrap(),
            });
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn mkfifo(path: &Path) {
    let st = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(st.success());
}

#[cfg(unix)]
fn symlink(target: impl AsRef<Path>, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

/// A folder of the user's that a hostile repository aims at: `~/well-architected` with a
/// draft in it.
fn victim(cwd: &Path) -> PathBuf {
    let v = cwd.join("well-architected");
    std::fs::create_dir_all(&v).unwrap();
    std::fs::write(
        v.join("draft.md"),
        "# My draft\n\nNot published anywhere.\n",
    )
    .unwrap();
    v
}

/// A repository shaped like MicrosoftDocs/power-platform, its articles in
/// `power-platform/well-architected/`; one commit. Returns (repository, commit).
fn power_platform_repo(cwd: &Path) -> (PathBuf, String) {
    let repo = cwd.join("pp-upstream");
    std::fs::create_dir_all(&repo).unwrap();
    git(&repo, &["init", "-q"]);
    copy_dir(
        &fixtures().join("power-platform-waf"),
        &repo.join("power-platform/well-architected"),
    );
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "first"]);
    let head = git(&repo, &["rev-parse", "HEAD"]);
    (repo, head)
}

/// Makes the repository's `power-platform` a link to `target` and commits it.
fn commit_link(repo: &Path, at: &str, target: &Path) -> String {
    let path = repo.join(at);
    if path.is_dir() {
        std::fs::remove_dir_all(&path).unwrap();
    }
    symlink(target, &path);
    git(repo, &["add", "-A", "."]);
    git(repo, &["commit", "-q", "-m", "link"]);
    git(repo, &["rev-parse", "HEAD"])
}

fn corpus_entries(cwd: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(cwd.join("data/guidegraph/corpus"))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.ends_with(".lock"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Item 1: a repository whose `power-platform` is a link up and out of the checkout once
/// moved the user's `~/well-architected` into the data folder (fetch), or deleted it at
/// once (diff --rev).
#[test]
fn issue_17_a_linked_folder_in_the_repository_moves_nothing_of_the_users() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path().canonicalize().unwrap();
    let mine = victim(&cwd);
    let (repo, good) = power_platform_repo(&cwd);
    let from = repo.to_str().unwrap();
    let evil = commit_link(&repo, "power-platform", &cwd);

    // A relative link climbing out of the checkout, as the report had it.
    let relative = cwd.join("pp-relative");
    git(&cwd, &["clone", "-q", from, relative.to_str().unwrap()]);
    git(&relative, &["checkout", "-q", &good]);
    commit_link(&relative, "power-platform", Path::new("../../../../.."));

    for (from, rev) in [(from, evil.as_str()), (relative.to_str().unwrap(), "HEAD")] {
        let out = run(gg(&cwd).args(["fetch", "power-platform", "--from", from, "--rev", rev]));
        assert!(
            mine.join("draft.md").is_file(),
            "the user's folder was moved"
        );
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
        assert!(
            corpus_entries(&cwd).is_empty(),
            "{:?}",
            corpus_entries(&cwd)
        );
    }

    // A good commit, then the evil one through diff --rev: the scratch folder of the diff
    // must not take the user's folder with it.
    let out = run(gg(&cwd).args(["fetch", "power-platform", "--from", from, "--rev", &good]));
    assert!(out.status.success(), "{}", stderr(&out));
    let tmp = cwd.join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let range = format!("{good}..{evil}");
    let out = run(gg(&cwd)
        .env("TMPDIR", &tmp)
        .args(["diff", "--rev", &range, "power-platform"]));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    assert!(
        mine.join("draft.md").is_file(),
        "diff --rev deleted the user's folder"
    );
    // The fetched copy is as it was.
    let copy = cwd.join("data/guidegraph/corpus/power-platform");
    assert!(copy.join("gen-ai-workload").is_dir());
    assert!(!copy.join("draft.md").exists());
}

/// Item 2: a `--rev` is never an option for git.
#[test]
fn issue_17_rev_is_never_read_as_an_option() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let repo = docs_repo(cwd);
    let from = repo.to_str().unwrap();
    let pwned = cwd.join("pwned");
    let inject = format!("--upload-pack=touch {}; git-upload-pack", pwned.display());

    let out = run(gg(cwd).args(["fetch", "azure", "--from", from, &format!("--rev={inject}")]));
    assert!(!pwned.exists(), "--rev ran a command");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not a commit, tag or branch"),
        "{}",
        stderr(&out)
    );

    let out = run(gg(cwd).args(["fetch", "azure", "--from", from, "--rev=-q"]));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(corpus_entries(cwd).is_empty(), "{:?}", corpus_entries(cwd));

    let out = run(gg(cwd).args(["fetch", "azure", &format!("--from={inject}")]));
    assert!(!pwned.exists(), "--from ran a command");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));

    let out = run(gg(cwd).args(["fetch", "azure", "--from", from]));
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(gg(cwd).args(["diff", &format!("--rev={inject}..HEAD"), "azure"]));
    assert!(!pwned.exists(), "diff --rev ran a command");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

/// Item 3: a record the repository made a link is replaced, not written through.
#[test]
fn issue_17_the_fetch_record_is_not_written_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let precious = cwd.join("precious.txt");
    std::fs::write(&precious, "mine\n").unwrap();
    let repo = docs_repo(cwd);
    symlink(
        &precious,
        &repo.join("well-architected/.guidegraph-fetch.json"),
    );
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "link the record"]);

    let out = run(gg(cwd).args(["fetch", "azure", "--from", repo.to_str().unwrap()]));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "mine\n");
    let record = cwd.join("data/guidegraph/corpus/azure/.guidegraph-fetch.json");
    let meta = std::fs::symlink_metadata(&record).unwrap();
    assert!(meta.is_file(), "the record is a link");
}

/// Item 4: a repository whose `well-architected` is a link to a folder elsewhere is
/// refused, so nothing is written there and the next index does not search it.
#[test]
fn issue_17_a_linked_source_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path().canonicalize().unwrap();
    let elsewhere = cwd.join("private");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(
        elsewhere.join("notes.md"),
        "# Salary review\n\nConfidential zanzibarite numbers.\n",
    )
    .unwrap();
    let repo = docs_repo(&cwd);
    commit_link(&repo, "well-architected", &elsewhere);

    let out = run(gg(&cwd).args(["fetch", "azure", "--from", repo.to_str().unwrap()]));
    assert!(
        !elsewhere.join(".guidegraph-fetch.json").exists(),
        "fetch wrote into the folder the link leads to"
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    assert!(
        corpus_entries(&cwd).is_empty(),
        "{:?}",
        corpus_entries(&cwd)
    );
    let out = run(gg(&cwd).args(["query", "--format", "json", "zanzibarite"]));
    assert!(!stdout(&out).contains("Salary"), "{}", stdout(&out));
}

/// Item 5: a corpus's metadata files and an index's own small files that are links to
/// `/dev/zero` or FIFOs are not read: no memory filled, no hang.
#[test]
fn issue_17_linked_or_special_metadata_files_do_not_hang_or_fill_memory() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    for (name, special) in [("zero", true), ("fifo", false)] {
        let corpus = cwd.join(format!("corpus-{name}"));
        copy_dir(&fixtures().join("azure-waf"), &corpus);
        std::fs::create_dir_all(corpus.join("breadcrumb")).unwrap();
        let toc = corpus.join("breadcrumb/toc.yml");
        let landing = corpus.join("index.yml");
        if special {
            symlink("/dev/zero", &toc);
            symlink("/dev/zero", &landing);
        } else {
            mkfifo(&toc);
            mkfifo(&landing);
        }
        let index = cwd.join(format!("idx-{name}"));
        let out = run_within(
            gg(cwd)
                .arg("index")
                .arg("--index")
                .arg(&index)
                .arg("--corpus")
                .arg(&corpus),
            60,
        )
        .unwrap_or_else(|| panic!("index hung on a {name} toc.yml"));
        assert!(out.status.success(), "{}", stderr(&out));

        // The index's CURRENT, then its manifest, made a link to /dev/zero or a FIFO.
        let current = index.join("CURRENT");
        let generation = std::fs::read_to_string(&current).unwrap();
        let manifest = index.join(generation.trim()).join("manifest.json");
        for target in [&current, &manifest] {
            let saved = std::fs::read(target).unwrap();
            std::fs::remove_file(target).unwrap();
            if special {
                symlink("/dev/zero", target);
            } else {
                mkfifo(target);
            }
            let out = run_within(
                gg(cwd)
                    .args(["query", "--index"])
                    .arg(&index)
                    .arg("security"),
                60,
            )
            .unwrap_or_else(|| panic!("query hung on a {name} {}", target.display()));
            assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
            std::fs::remove_file(target).unwrap();
            std::fs::write(target, saved).unwrap();
        }
    }
}

/// Item 13: `--corpus a/docs --corpus b/docs` with two different `x.md`: two articles,
/// each answering with its own words.
#[test]
fn issue_17_two_files_at_one_path_in_two_corpora_are_two_articles() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let (a, b) = (cwd.join("a/docs"), cwd.join("b/docs"));
    for (root, title, word) in [
        (&a, "Alpha article", "quokkas"),
        (&b, "Beta article", "wombats"),
    ] {
        std::fs::create_dir_all(root).unwrap();
        std::fs::write(
            root.join("x.md"),
            format!("---\ntitle: {title}\n---\n\n# {title}\n\nWords about {word}.\n"),
        )
        .unwrap();
    }
    let index = cwd.join("idx");
    crate::common::build_index(cwd, &index, &[a, b]);
    let ask = |q: &str| -> serde_json::Value {
        let out = run(gg(cwd)
            .args(["query", "--format", "json", "--index"])
            .arg(&index)
            .arg(q));
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let v = ask("wombats");
    assert_eq!(v["results"][0]["title"], "Beta article", "{v:#}");
    assert_eq!(v["results"][0]["sources"][0]["corpus"], "docs-2", "{v:#}");
    let v = ask("quokkas");
    assert_eq!(v["results"][0]["title"], "Alpha article", "{v:#}");
    let v = ask("articles");
    assert_eq!(v["total"], 2, "{v:#}");

    // Files at one path in corpora of two platforms were never one article, and keep the
    // ids they had: only platform and path.
    let (az, pp) = (cwd.join("azure-waf"), cwd.join("power-platform-waf"));
    copy_dir(&fixtures().join("azure-waf"), &az);
    copy_dir(&fixtures().join("power-platform-waf"), &pp);
    for (root, word) in [(&az, "quokkas"), (&pp, "wombats")] {
        std::fs::write(
            root.join("security-notes.md"),
            format!("# Security notes\n\nWords about {word}.\n"),
        )
        .unwrap();
    }
    let index = cwd.join("idx-platforms");
    crate::common::build_index(cwd, &index, &[az, pp]);
    let out = run(gg(cwd)
        .args(["query", "--format", "json", "--limit", "1000", "--index"])
        .arg(&index)
        .arg("articles"));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert!(ids.contains(&"article:azure-security-notes-md"), "{ids:?}");
    assert!(
        ids.contains(&"article:power-platform-security-notes-md"),
        "{ids:?}"
    );
    assert!(!ids.iter().any(|i| i.contains("waf")), "{ids:?}");
}

/// Item 10: `run` writes each answer as it comes. 5000 broad queries over the fixture
/// index peaked at 147 MB when every answer was held until the end, 21 MB streamed.
#[test]
fn issue_17_run_streams_its_answers() {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        eprintln!("skipped: no /usr/bin/time to measure peak memory with");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let script = cwd.join("review.txt");
    std::fs::write(&script, "recommendations\n".repeat(5000)).unwrap();
    let peak = cwd.join("peak");
    let out = run(Command::new(time)
        .args(["-f", "%M", "-o"])
        .arg(&peak)
        .arg(env!("CARGO_BIN_EXE_guidegraph"))
        .args(["run", "--index"])
        .arg(crate::common::fixture_index())
        .arg(&script)
        .current_dir(cwd)
        .env("XDG_DATA_HOME", cwd.join("data"))
        .env("NO_COLOR", "1"));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).matches("\n## ").count(), 5000);
    let kb: u64 = std::fs::read_to_string(&peak)
        .unwrap()
        .lines()
        .last()
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(kb < 64 * 1024, "run peaked at {kb} KB");
}

/// Every link of a Markdown text, as a Markdown viewer sees them.
fn links(markdown: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Parser, Tag};
    Parser::new(markdown)
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some(dest_url.to_string())
            }
            _ => None,
        })
        .collect()
}

/// A link guidegraph builds: a page on Learn, or a source file of the corpus `docs`.
fn ours(link: &str) -> bool {
    link.starts_with("https://learn.microsoft.com/") || link.starts_with("docs/")
}

/// A corpus of hostile titles, file names and publishing metadata (items 6 and 7).
fn hostile_titles(cwd: &Path) -> PathBuf {
    let root = cwd.join("docs");
    std::fs::create_dir_all(root.join("security")).unwrap();
    std::fs::create_dir_all(root.join("breadcrumb")).unwrap();
    std::fs::write(
        root.join("breadcrumb/toc.yml"),
        "items:\n- name: Docs\n  tocHref: \"/azure/well architected\\e<script>\\n/\"\n  topicHref: \"/azure/well architected\\e<script>\\n/security/\"\n",
    )
    .unwrap();
    std::fs::write(
        root.join("security/alpha.md"),
        "# **`[pwn](javascript:alert(1))` quokka**\n\n## \\[pwn2\\](javascript:alert(2)) quokka\n\nWords about quokka.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("security/x](javascript:alert(3)) [y.md"),
        "# Gamma quokka\n\nMore words about quokka.\n",
    )
    .unwrap();
    root
}

/// Item 6: titles and file names that spell Markdown links come out of `run` and `:save`
/// as text; the only links are the ones guidegraph builds.
#[test]
fn issue_17_checklists_carry_no_injected_links() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let root = hostile_titles(cwd);
    let index = cwd.join("idx");
    crate::common::build_index(cwd, &index, &[root]);
    let script = cwd.join("review.txt");
    std::fs::write(&script, "## quokka [a](javascript:alert(4))\nquokka\n").unwrap();
    let out = run(gg(cwd).args(["run", "--index"]).arg(&index).arg(&script));
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("pwn2"), "{text}");
    assert!(text.contains("Gamma quokka"), "{text}");
    let found = links(&text);
    assert!(!found.is_empty(), "{text}");
    for l in &found {
        assert!(ours(l), "a live link {l:?} in\n{text}");
    }

    let saved = cwd.join("saved.md");
    let mut child = gg(cwd)
        .args(["repl", "--index"])
        .arg(&index)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    writeln!(
        child.stdin.take().unwrap(),
        "quokka\n:save {}",
        saved.display()
    )
    .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(text.contains("pwn2"), "{text}");
    for l in links(&text) {
        assert!(ours(&l), "a live link {l:?} in\n{text}");
    }
}

/// Item 7: an address from toc.yml is percent-encoded in `url`.
#[test]
fn issue_17_published_addresses_are_percent_encoded() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let root = hostile_titles(cwd);
    let index = cwd.join("idx");
    crate::common::build_index(cwd, &index, &[root]);
    let out = run(gg(cwd)
        .args(["query", "--format", "json", "--index"])
        .arg(&index)
        .arg("quokka"));
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let urls: Vec<&str> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["url"].as_str())
        .collect();
    assert!(!urls.is_empty(), "{v:#}");
    for u in urls {
        assert!(
            u.starts_with(
                "https://learn.microsoft.com/azure/well%20architected%1B%3Cscript%3E%0A/"
            ),
            "{u}"
        );
        assert!(!u.contains([' ', '<', '>', '\n', '\u{1b}']), "{u}");
    }
}

/// Item 8: an index built under umask 022 is readable by everyone, tantivy's files too.
#[cfg(unix)]
#[test]
fn issue_17_index_files_follow_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let index = cwd.join("idx");
    let out = run(Command::new("/bin/sh")
        .arg("-c")
        .arg("umask 022; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_guidegraph"))
        .args(["index", "--index"])
        .arg(&index)
        .arg("--corpus")
        .arg(fixtures().join("azure-waf"))
        .current_dir(cwd)
        .env("XDG_DATA_HOME", cwd.join("data"))
        .env("NO_COLOR", "1"));
    assert!(out.status.success(), "{}", stderr(&out));
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, u32)>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let meta = e.metadata().unwrap();
            out.push((e.path(), meta.permissions().mode() & 0o777));
            if meta.is_dir() {
                walk(&e.path(), out);
            }
        }
    }
    let mut modes = Vec::new();
    walk(&index, &mut modes);
    assert!(modes.iter().any(|(p, _)| p.ends_with("text/meta.json")));
    for (path, mode) in modes {
        assert_eq!(mode & 0o044, 0o044, "{} is {mode:o}", path.display());
    }
}

/// Item 9: a history file holding escape sequences: the REPL's hint shows them escaped
/// and never sends them to the terminal.
#[cfg(unix)]
#[test]
fn issue_17_history_hints_send_no_control_bytes() {
    use rexpect::session::spawn_command;
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data/guidegraph");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("history"),
        "#V2\nsecurity \u{1b}]52;c;cHduZWQ=\u{7}\u{1b}[2J after\n",
    )
    .unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_guidegraph"));
    cmd.arg("repl")
        .arg("--index")
        .arg(crate::common::fixture_index())
        .current_dir(tmp.path())
        .env("XDG_DATA_HOME", tmp.path().join("data"))
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut p = spawn_command(cmd, Some(10_000)).unwrap();
    let mut seen = p.exp_string("guidegraph> ").unwrap();
    p.send("secu").unwrap();
    p.flush().unwrap();
    // The up arrow recalls the history line, if it was kept.
    p.send("\u{1b}[A").unwrap();
    p.flush().unwrap();
    p.send_line("").unwrap();
    seen += &p.exp_string("guidegraph> ").unwrap();
    p.send_control('d').unwrap();
    seen += &p.exp_eof().unwrap();
    assert!(!seen.contains("\u{1b}]52"), "{seen:?}");
    assert!(!seen.contains("\u{1b}[2J"), "{seen:?}");
}

/// A mirror of `upstream` on disk that, like a partial clone, lacks the blobs larger
/// than 100 KB, its upstream gone.
fn partial_mirror(cwd: &Path, upstream: &Path) -> PathBuf {
    git(upstream, &["config", "uploadpack.allowFilter", "true"]);
    let mirror = cwd.join("mirror.git");
    git(
        cwd,
        &[
            "clone",
            "-q",
            "--bare",
            "--filter=blob:limit=100k",
            &format!("file://{}", upstream.display()),
            mirror.to_str().unwrap(),
        ],
    );
    std::fs::rename(upstream, cwd.join("upstream-gone")).unwrap();
    mirror
}

/// Item 14: a local mirror without the guidance's large images fetches, by path and by
/// `file://` URL, and only what is indexed comes over; one without an article says so in
/// words.
#[test]
fn issue_17_fetch_from_a_partial_local_mirror() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let repo = docs_repo(cwd);
    let noise: Vec<u8> = (0..300_000u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::create_dir_all(repo.join("well-architected/images")).unwrap();
    std::fs::write(repo.join("well-architected/images/diagram.png"), &noise).unwrap();
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "a large image"]);
    let mirror = partial_mirror(cwd, &repo);

    for from in [
        mirror.display().to_string(),
        format!("file://{}", mirror.display()),
    ] {
        let out = run(gg(cwd).args(["fetch", "azure", "--from", &from]));
        assert!(out.status.success(), "{from}: {}", stderr(&out));
        let copy = cwd.join("data/guidegraph/corpus/azure");
        assert!(copy.join("security/checklist.md").is_file());
        assert!(!copy.join("images").exists());
    }

    // An article the mirror lacks cannot be had: said in words, nothing changed.
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let repo = docs_repo(cwd);
    let words = "Words about a very long article. ".repeat(4000);
    std::fs::write(
        repo.join("well-architected/long.md"),
        format!("# Long\n\n{words}\n"),
    )
    .unwrap();
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "a long article"]);
    let mirror = partial_mirror(cwd, &repo);
    let out = run(gg(cwd).args(["fetch", "azure", "--from", mirror.to_str().unwrap()]));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("does not hold every file of the guidance"),
        "{}",
        stderr(&out)
    );
    assert!(corpus_entries(cwd).is_empty(), "{:?}", corpus_entries(cwd));
}

/// Item 15: what killed fetches and builds left is cleaned at the start of the next run,
/// even one that fails or has nothing to build; a fetch leaves no lock file behind.
#[test]
fn issue_17_leftovers_of_killed_runs_are_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let base = cwd.join("data/guidegraph/corpus");
    let partial = base.join(".azure.partial-999999/checkout/well-architected");
    std::fs::create_dir_all(&partial).unwrap();
    std::fs::write(partial.join("big.md"), "x".repeat(100_000)).unwrap();
    std::fs::write(base.join("keep-me.txt"), "not ours").unwrap();
    let out = run(gg(cwd)
        .args(["fetch", "azure", "--from"])
        .arg(cwd.join("nowhere")));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let mut left: Vec<String> = std::fs::read_dir(&base)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["keep-me.txt"]);

    let repo = docs_repo(cwd);
    let out = run(gg(cwd).args(["fetch", "azure", "--from", repo.to_str().unwrap()]));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!base.join(".azure.lock").exists());

    let index = cwd.join("idx");
    crate::common::build_index(cwd, &index, &[fixtures().join("azure-waf")]);
    let stale = index.join(".tmp-gen-000002-999999");
    std::fs::create_dir_all(stale.join("text")).unwrap();
    std::fs::write(stale.join("graph.bin"), "half").unwrap();
    let out = crate::common::build_index(cwd, &index, &[fixtures().join("azure-waf")]);
    assert!(
        stdout(&out).contains("up to date") || stderr(&out).contains("up to date"),
        "{}",
        stdout(&out)
    );
    assert!(!stale.exists(), "a no-op re-index left {}", stale.display());
}

/// Item 16: an index of the three built-in articles says so when a question reaches past
/// them, and how to get the guidance; a question they answer carries no such note.
#[test]
fn issue_17_an_index_of_the_built_in_articles_says_what_it_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let out = run(gg(cwd).args(["query", "security checklist for Azure"]));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("only the three founding articles"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("`guidegraph fetch`"),
        "{}",
        stderr(&out)
    );
    let out = run(gg(cwd).args(["query", "challenges for AI workloads on Azure"]));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("founding articles"),
        "{}",
        stderr(&out)
    );
}

/// Item 17: `diff` reports an article added or removed.
#[test]
fn issue_17_diff_reports_added_and_removed_articles() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let old = cwd.join("old/azure-waf");
    let new = cwd.join("new/azure-waf");
    copy_dir(&fixtures().join("azure-waf"), &old);
    copy_dir(&fixtures().join("azure-waf"), &new);
    std::fs::write(
        new.join("reliability/quorum-drills.md"),
        "---\ntitle: Run quorum drills\n---\n\n# Run quorum drills\n\nPractise losing a quorum.\n",
    )
    .unwrap();
    std::fs::remove_file(new.join("security/identity.md")).unwrap();
    let (a, b) = (cwd.join("idx-old"), cwd.join("idx-new"));
    crate::common::build_index(cwd, &a, &[old]);
    crate::common::build_index(cwd, &b, &[new]);
    let out = run(gg(cwd).args(["diff", "--format", "json"]).arg(&a).arg(&b));
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let titled = |list: &str, kind: &str| -> Vec<String> {
        v[list]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["kind"] == kind)
            .map(|e| e["title"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(titled("added", "article"), ["Run quorum drills"], "{v:#}");
    assert_eq!(titled("removed", "article").len(), 1, "{v:#}");
    let out = run(gg(cwd).arg("diff").arg(&a).arg(&b));
    assert!(
        stdout(&out).contains("+ added    article"),
        "{}",
        stdout(&out)
    );
}

/// Item 18: `diff`'s errors speak of its own arguments, not of `--index`.
#[test]
fn issue_17_diff_errors_name_diffs_arguments() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    std::fs::write(cwd.join("notes.txt"), "notes").unwrap();
    let index = crate::common::fixture_index();
    for (old, what) in [
        ("nowhere", "no index at nowhere"),
        ("notes.txt", "is a file"),
    ] {
        let out = run(gg(cwd).arg("diff").arg(old).arg(index));
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains(what), "{}", stderr(&out));
        assert!(stderr(&out).contains("OLD"), "{}", stderr(&out));
        assert!(!stderr(&out).contains("--index"), "{}", stderr(&out));
    }
}

/// Item 18: a closed stdout loses the answer, so it is an error; `> /dev/null` is not,
/// nor is a reader that stops reading.
#[cfg(target_os = "linux")]
#[test]
fn issue_17_a_closed_stdout_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let sh = |redirect: &str| {
        run(Command::new("/bin/sh")
            .arg("-c")
            .arg(format!(
                "\"$0\" query --index \"$1\" recommendations {redirect}"
            ))
            .arg(env!("CARGO_BIN_EXE_guidegraph"))
            .arg(crate::common::fixture_index())
            .current_dir(dir.path())
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .env("NO_COLOR", "1"))
    };
    let out = sh(">&-");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("stdout is closed"),
        "{}",
        stderr(&out)
    );
    let out = sh("> /dev/null");
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Item 18: the scratch folder of `diff --rev` is private and its name unpredictable.
#[cfg(unix)]
#[test]
fn issue_17_diff_rev_works_in_a_private_folder() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let repo = docs_repo(cwd);
    let first = git(&repo, &["rev-parse", "HEAD"]);
    crate::fetch::add_article_for_tests(&repo, "tokenization");
    let out = run(gg(cwd).args(["fetch", "azure", "--from", repo.to_str().unwrap()]));
    assert!(out.status.success(), "{}", stderr(&out));
    let tmp = cwd.join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let mut child = gg(cwd)
        .env("TMPDIR", &tmp)
        .args(["diff", "--rev", &format!("{first}..main"), "azure"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut seen = None;
    while child.try_wait().unwrap().is_none() {
        if let Some(e) = std::fs::read_dir(&tmp).unwrap().flatten().next()
            && let Ok(meta) = e.metadata()
        {
            let name = e.file_name().to_string_lossy().into_owned();
            seen = Some((name, meta.permissions().mode()));
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    assert!(child.wait().unwrap().success());
    let (name, mode) = seen.expect("diff --rev made no folder in TMPDIR");
    assert_ne!(name, format!("guidegraph-diff-{pid}"));
    assert_eq!(mode & 0o077, 0, "{name} is {mode:o}");
    assert_eq!(
        std::fs::read_dir(&tmp).unwrap().count(),
        0,
        "the scratch folder was left"
    );
}

/// Item 18: `neighbors of` a section's id explores that section, and an id the index
/// lacks is not read as words.
#[test]
fn issue_17_neighbors_of_an_id_is_that_node() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let root = cwd.join("c");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(
        root.join("hub.md"),
        "# Hub\n\nIntro.\n\n## First part\n\nAlpha.\n\n## Second part\n\nBeta.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("other.md"),
        "# Other\n\n## Any hub md\n\nGamma.\n",
    )
    .unwrap();
    let index = cwd.join("idx");
    crate::common::build_index(cwd, &index, &[root]);
    let ask = |q: &str| -> serde_json::Value {
        let out = run(gg(cwd)
            .args(["query", "--format", "json", "--index"])
            .arg(&index)
            .arg(q));
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let v = ask("neighbors of section:any-hub-md-1");
    let results = v["results"].as_array().unwrap();
    assert!(!results.is_empty(), "{v:#}");
    for r in results {
        assert_eq!(r["sources"][0]["path"], "hub.md", "{v:#}");
    }
    let v = ask("neighbors of section:any-hub-md-9");
    assert_eq!(v["results"], serde_json::json!([]), "{v:#}");
}

/// Item 11: a breadcrumb of 256 KB of repeated entries is read in linear time (it took
/// 79 s, each listed base compared with, and `stat`ed for, every listed address).
#[test]
fn issue_17_a_large_breadcrumb_is_read_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let root = cwd.join("docs");
    copy_dir(&fixtures().join("azure-waf"), &root);
    std::fs::create_dir_all(root.join("breadcrumb")).unwrap();
    let entry = "- href: /s/\n- href: /s/security\n";
    let toc = entry.repeat(250 * 1024 / entry.len());
    assert!(toc.len() < 256 * 1024);
    std::fs::write(root.join("breadcrumb/toc.yml"), toc).unwrap();
    let started = Instant::now();
    let out = run_within(
        gg(cwd)
            .args(["index", "--index"])
            .arg(cwd.join("idx"))
            .arg("--corpus")
            .arg(&root),
        60,
    )
    .expect("index took over a minute");
    assert!(out.status.success(), "{}", stderr(&out));
    let took = started.elapsed();
    assert!(took < Duration::from_secs(10), "index took {took:?}");
    let out = run(gg(cwd)
        .args(["query", "--format", "json", "--index"])
        .arg(cwd.join("idx"))
        .arg("SE:01"));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let url = v["results"][0]["url"].as_str().unwrap_or_default();
    assert!(
        url.starts_with("https://learn.microsoft.com/s/security/"),
        "{v:#}"
    );
}

/// Item 12: tables of 20000 rows of 64 cells under 100-character column names. Two such
/// articles peaked at 1.04 GB when each row kept its own copy of the column names and
/// every cell was read; 310 MB (most of it pulldown-cmark's parse) with the names shared
/// and at most `MAX_CELLS` cells read an article.
#[test]
fn issue_17_long_tables_share_their_column_names() {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        eprintln!("skipped: no /usr/bin/time to measure peak memory with");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let corpus = cwd.join("tables");
    std::fs::create_dir_all(&corpus).unwrap();
    let head: Vec<String> = (0..64)
        .map(|i| format!("Column {i:02} {}", "x".repeat(90)))
        .collect();
    let head = format!("|{}|\n|{}|\n", head.join("|"), vec!["-"; 64].join("|"));
    let row: Vec<String> = (0..64).map(|i| format!("c{}", i % 10)).collect();
    let row = format!("|{}|\n", row.join("|"));
    for f in 0..2 {
        std::fs::write(
            corpus.join(format!("t{f}.md")),
            format!("# Table {f}\n\n## Data\n\n{head}{}", row.repeat(20_000)),
        )
        .unwrap();
    }
    let peak = cwd.join("peak");
    let out = run(Command::new(time)
        .args(["-f", "%M", "-o"])
        .arg(&peak)
        .arg(env!("CARGO_BIN_EXE_guidegraph"))
        .args(["index", "--index"])
        .arg(cwd.join("idx"))
        .arg("--corpus")
        .arg(&corpus)
        .current_dir(cwd)
        .env("XDG_DATA_HOME", cwd.join("data"))
        .env("NO_COLOR", "1"));
    assert!(out.status.success(), "{}", stderr(&out));
    let kb: u64 = std::fs::read_to_string(&peak)
        .unwrap()
        .lines()
        .last()
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(kb < 500 * 1024, "index peaked at {kb} KB");
    assert!(stderr(&out).contains("table cells"), "{}", stderr(&out));
}

/// Item 5, the REPL's own file: a history file that is a FIFO or a link to /dev/zero is
/// left alone, and the session starts.
#[cfg(unix)]
#[test]
fn issue_17_a_special_history_file_does_not_hang_the_repl() {
    use rexpect::session::spawn_command;
    for special in ["fifo", "zero"] {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data/guidegraph");
        std::fs::create_dir_all(&data).unwrap();
        if special == "fifo" {
            mkfifo(&data.join("history"));
        } else {
            symlink("/dev/zero", &data.join("history"));
        }
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_guidegraph"));
        cmd.arg("repl")
            .arg("--index")
            .arg(crate::common::fixture_index())
            .current_dir(tmp.path())
            .env("XDG_DATA_HOME", tmp.path().join("data"))
            .env("NO_COLOR", "1")
            .env("TERM", "xterm");
        let mut p = spawn_command(cmd, Some(10_000)).unwrap();
        p.exp_string("guidegraph> ")
            .unwrap_or_else(|e| panic!("no prompt with a {special} history: {e}"));
        p.send_line("SE:01").unwrap();
        p.exp_string("guidegraph> ").unwrap();
        p.send_control('d').unwrap();
        p.exp_eof().unwrap();
    }
}

/// The README's first command, run in a clone of the repository: its `corpus/` holds the
/// embedded articles, which are then indexed as such, their sources named by where they
/// are published rather than by the repository's file names. A `corpus/` of one's own
/// is indexed as it is.
#[test]
fn the_repositorys_own_corpus_reads_as_the_embedded_articles() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let corpus = cwd.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for entry in std::fs::read_dir(&repo).unwrap().flatten() {
        std::fs::copy(entry.path(), corpus.join(entry.file_name())).unwrap();
    }
    let sources = |cwd: &std::path::Path| -> Vec<String> {
        let out = run(gg(cwd).args([
            "query",
            "--format",
            "json",
            "challenges for AI workloads on Azure",
        ]));
        assert!(out.status.success(), "{}", stderr(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["sources"][0]["path"].as_str().unwrap().to_string())
            .collect()
    };
    let got = sources(cwd);
    assert!(!got.is_empty());
    assert!(
        got.iter().all(|p| p == "azure-waf/ai/get-started.md"),
        "{got:?}"
    );
    // One more article: the folder is the user's own, read as it is.
    let other = tempfile::tempdir().unwrap();
    let mine = other.path().join("corpus");
    std::fs::create_dir_all(&mine).unwrap();
    for entry in std::fs::read_dir(&corpus).unwrap().flatten() {
        std::fs::copy(entry.path(), mine.join(entry.file_name())).unwrap();
    }
    std::fs::write(mine.join("notes.md"), "# Notes\n\nOur own notes.\n").unwrap();
    let got = sources(other.path());
    assert!(got.iter().all(|p| p.ends_with(".txt")), "{got:?}");
}
