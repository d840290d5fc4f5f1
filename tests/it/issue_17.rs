//! Issue 17: a fetched repository, a `--rev`, a corpus and an index folder are hostile
//! input. Each test builds the hostile thing (a git repository with the real `git`, a
//! link to `/dev/zero`, a FIFO) and checks that nothing outside the data folder is moved,
//! deleted or written, that no command is run, and that nothing hangs.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use crate::common::{copy_dir, fixtures, gg, stderr};

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
