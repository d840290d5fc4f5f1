#!/usr/bin/env python3
"""Runs guidegraph over a hostile corpus and records peak memory and time per case.

Each case is generated into a temporary folder (nothing is committed), indexed (or run)
with the release build under GNU time (`/usr/bin/time -v`), and reported as one row of a
Markdown table: the case, its input, the exit status, the peak resident memory and the
wall time. Issue 11 sets the bar: every case at most 1 GiB and under 10 s. Issue 17 adds
cases of hostile metadata (a toc.yml linked to /dev/zero, FIFOs, a 256 KB breadcrumb),
long tables, an index whose own files are links or FIFOs, `run` over the whole guidance
(when ../shared/corpus is there) and hostile git repositories given to `fetch --from`.

Usage: benches/hostile.py [--no-build] [CASE...]     (WORK=/tmp/guidegraph-hostile)
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GG = os.path.join(ROOT, "target", "release", "guidegraph")
MB = 1024 * 1024


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(path, mode) as f:
        f.write(data)


def wide_table(cols=3900, rows=1000):
    """A 7.8 MB article: one table of `rows` x `cols` two-character cells."""
    head = "|" + "h|" * cols + "\n" + "|" + "-|" * cols + "\n"
    return "# Wide table\n\n" + head + ("|" + "x|" * cols + "\n") * rows


def case_wide_tables(corpus, n):
    text = wide_table()
    for i in range(n):
        write(os.path.join(corpus, f"wide{i}.md"), text)
    return f"{n} articles of {len(text) / MB:.1f} MB, each a 1000x3900 table"


def case_many_blocks(corpus):
    text = "# Blocks\n\n" + "para\n\n" * (7 * MB // 6)
    for i in range(8):
        write(os.path.join(corpus, f"blocks{i}.md"), text)
    return f"8 articles of {len(text) / MB:.1f} MB of one-word paragraphs"


def case_many_headings(corpus):
    text = "# h\n" * (7 * MB // 4)
    for i in range(4):
        write(os.path.join(corpus, f"headings{i}.md"), text)
    return f"4 articles of {len(text) / MB:.1f} MB of headings"


def case_huge_yml(corpus):
    write(os.path.join(corpus, "a.md"), "# A\n")
    line = "- name: item\n  href: x.md\n"
    write(os.path.join(corpus, "index.yml"), "title: T\nitems:\n" + line * (59 * MB // len(line)))
    return "a 59 MB index.yml"


def case_deep_yaml(corpus):
    deep = "[" * 100_000 + "]" * 100_000
    write(os.path.join(corpus, "deep.md"), f"---\ntitle: {deep}\n---\n# Deep\n")
    small = "[" * 30_000 + "]" * 30_000
    write(os.path.join(corpus, "deep60k.md"), f"---\ntitle: {small}\n---\n# Deep\n")
    write(os.path.join(corpus, "sub", "index.yml"), f"title: {deep}\n")
    write(os.path.join(corpus, "sub", "a.md"), "# A\n")
    return "200 KB and 60 KB of nested [[[...]]] front matter, a 200 KB nested index.yml"


def case_link_doubling(corpus):
    for level in range(14):
        here = os.path.join(corpus, f"l{level}")
        write(os.path.join(here, "page.md"), f"# Level {level}\n")
        nxt = os.path.join(corpus, f"l{level + 1}")
        os.makedirs(nxt, exist_ok=True)
        os.symlink(nxt, os.path.join(here, "a"))
        os.symlink(nxt, os.path.join(here, "b"))
    return "14 levels, each linking twice to the next (2^14 paths)"


def case_link_to_root(corpus):
    write(os.path.join(corpus, "a.md"), "# A\n")
    os.makedirs(corpus, exist_ok=True)
    os.symlink("/", os.path.join(corpus, "slash"))
    return "a link to /"


def case_big_files(corpus):
    write(os.path.join(corpus, "huge.md"), b"a" * (50 * MB))
    line = ("Some words about reliability and cost, repeated. " * 20 + "\n\n").encode()
    text = b"# Big\n\n" + line * (7 * MB // len(line))
    for i in range(8):
        write(os.path.join(corpus, f"big{i}.md"), text)
    return f"a 50 MB one-line file and 8 articles of {len(text) / MB:.1f} MB of prose"


def case_deep_nesting(corpus):
    write(os.path.join(corpus, "deep.md"), "> " * 100_000 + "deep\n" + "- " * 100_000 + "deeper\n")
    return "100000 nested quotes and list items"


def case_many_inlines(corpus):
    text = "# Inlines\n\n" + "*a* `b` [c](d) " * (7 * MB // 15)
    for i in range(8):
        write(os.path.join(corpus, f"inline{i}.md"), text)
    return f"8 articles of {len(text) / MB:.1f} MB of emphasis, code and links"


def case_copied_text(corpus):
    # Text every later block or section keeps a copy of: a 3.5 MB heading over 3000
    # sections, 3 MB of column names over 20000 rows, a 1 MB callout marker over a quote.
    write(os.path.join(corpus, "heading.md"), "# " + "word " * (700 * 1024) + "\n" + "## h\n" * 3000)
    names = "|" + "|".join(["name " * 10_000] * 64) + "|\n|" + "-|" * 64 + "\n"
    write(os.path.join(corpus, "columns.md"), "# Columns\n\n" + names + "|x|\n" * 20_000)
    write(os.path.join(corpus, "callout.md"), "# Callout\n\n> [!" + "x" * MB + "]\n" + "> - item\n" * 20_000)
    return "headings, column names and a callout marker of megabytes, copied per section or row"


def case_long_tables(corpus):
    # Issue 17: 20000 rows of 64 cells under 100-character column names, 8 articles.
    head = "|" + "|".join(f"Column {i:02} {'x' * 90}" for i in range(64)) + "|\n"
    head += "|" + "-|" * 64 + "\n"
    row = "|" + "|".join(f"c{i % 10}" for i in range(64)) + "|\n"
    text = "# Table\n\n## Data\n\n" + head + row * 20_000
    for i in range(8):
        write(os.path.join(corpus, f"table{i}.md"), text)
    return f"8 articles of {len(text) / MB:.1f} MB, each a 20000x64 table under 100-character column names"


def case_big_breadcrumb(corpus):
    # Issue 17: a breadcrumb of 256 KB of repeated entries (79 s when quadratic).
    os.makedirs(os.path.join(corpus, "security"), exist_ok=True)
    write(os.path.join(corpus, "security", "a.md"), "# A\n")
    entry = "- href: /s/\n- href: /s/security\n"
    write(os.path.join(corpus, "breadcrumb", "toc.yml"), entry * (250 * 1024 // len(entry)))
    return "a 250 KB breadcrumb/toc.yml of 7300 repeated entries"


def case_special_metadata(corpus):
    # Issue 17: metadata that is a link to /dev/zero or a FIFO (8 GB read, or a hang).
    write(os.path.join(corpus, "a.md"), "# A\n")
    os.makedirs(os.path.join(corpus, "breadcrumb"), exist_ok=True)
    os.symlink("/dev/zero", os.path.join(corpus, "breadcrumb", "toc.yml"))
    os.mkfifo(os.path.join(corpus, "index.yml"))
    os.makedirs(os.path.join(corpus, "sub"), exist_ok=True)
    os.mkfifo(os.path.join(corpus, "sub", "index.yml"))
    os.mkfifo(os.path.join(corpus, "sub", "fifo.md"))
    return "toc.yml a link to /dev/zero; FIFOs as index.yml and as an article"


def case_many_files(corpus):
    for i in range(5000):
        write(
            os.path.join(corpus, f"d{i % 50}", f"a{i}.md"),
            f"# Article {i}\n\n## Challenges\n\n- **Challenge {i}**: text about security.\n",
        )
    return "5000 small articles in 50 folders"


CASES = {
    "wide-tables": lambda c: case_wide_tables(c, 4),
    "wide-tables-24": lambda c: case_wide_tables(c, 24),
    "many-blocks": case_many_blocks,
    "many-headings": case_many_headings,
    "many-inlines": case_many_inlines,
    "copied-text": case_copied_text,
    "huge-index-yml": case_huge_yml,
    "deep-yaml": case_deep_yaml,
    "link-doubling": case_link_doubling,
    "link-to-root": case_link_to_root,
    "big-files": case_big_files,
    "deep-nesting": case_deep_nesting,
    "many-files": case_many_files,
    "long-tables": case_long_tables,
    "big-breadcrumb": case_big_breadcrumb,
    "special-metadata": case_special_metadata,
}


def git(cwd, *args):
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com",
           "GIT_CONFIG_NOSYSTEM": "1", "HOME": cwd}
    subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                   cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)


def repo_link_out(case_dir):
    """A fork whose power-platform is a link out of the checkout, at a folder of the user's."""
    victim = os.path.join(case_dir, "well-architected")
    write(os.path.join(victim, "draft.md"), "# My draft\n")
    repo = os.path.join(case_dir, "evil")
    os.makedirs(repo)
    git(repo, "init", "-q")
    os.symlink(case_dir, os.path.join(repo, "power-platform"))
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "evil")
    return ["power-platform", "--from", repo], "power-platform a link to the folder above the user's ~/well-architected"


def repo_partial_mirror(case_dir):
    """A mirror on disk without the blobs over 100 KB: 2000 articles and 200 images."""
    up = os.path.join(case_dir, "upstream")
    for i in range(2000):
        write(os.path.join(up, "well-architected", f"d{i % 20}", f"a{i}.md"), f"# Article {i}\n\nText.\n")
    for i in range(200):
        write(os.path.join(up, "well-architected", "images", f"i{i}.png"), os.urandom(300 * 1024))
    git(up, "init", "-q")
    git(up, "add", ".")
    git(up, "commit", "-q", "-m", "first")
    git(up, "config", "uploadpack.allowFilter", "true")
    mirror = os.path.join(case_dir, "mirror.git")
    git(case_dir, "clone", "-q", "--bare", "--filter=blob:limit=100k", "file://" + up, mirror)
    shutil.rmtree(up)
    return ["azure", "--from", mirror], "a partial mirror on disk (no 300 KB images), 2000 articles"


def repo_rev_injection(case_dir):
    up = os.path.join(case_dir, "upstream")
    write(os.path.join(up, "well-architected", "a.md"), "# A\n")
    git(up, "init", "-q")
    git(up, "add", ".")
    git(up, "commit", "-q", "-m", "first")
    pwned = os.path.join(case_dir, "pwned")
    return (["azure", "--from", up, f"--rev=--upload-pack=touch {pwned}; git-upload-pack"],
            "--rev='--upload-pack=touch pwned; git-upload-pack'")


REPOS = {
    "link-out": repo_link_out,
    "partial-mirror": repo_partial_mirror,
    "rev-injection": repo_rev_injection,
}


def measure(args, cwd):
    """Runs `args` under GNU time; (exit status, peak MB, seconds)."""
    # /dev/null opened for writing, as `> /dev/null` does: a read-write one (DEVNULL) is
    # what a closed stdout looks like, which guidegraph refuses for a command's answer.
    with open(os.devnull, "w") as devnull:
        out = subprocess.run(
            ["/usr/bin/time", "-v", *args],
            cwd=cwd,
            stdout=devnull,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
            env={**os.environ, "NO_COLOR": "1", "XDG_DATA_HOME": cwd},
        )
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", out.stderr).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", out.stderr).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    status = re.search(r"Exit status: (\d+)", out.stderr)
    return (int(status.group(1)) if status else out.returncode), peak / 1024, seconds


def main():
    argv = sys.argv[1:]
    if "--no-build" in argv:
        argv.remove("--no-build")
    else:
        subprocess.run(["cargo", "build", "--release", "-q"], cwd=ROOT, check=True)
    names = argv or list(CASES)
    work = os.environ.get("WORK") or tempfile.mkdtemp(prefix="guidegraph-hostile-")
    rows = []
    for name in names:
        case_dir = os.path.join(work, name)
        shutil.rmtree(case_dir, ignore_errors=True)
        corpus = os.path.join(case_dir, "corpus")
        os.makedirs(corpus)
        what = CASES[name](corpus)
        index = os.path.join(case_dir, "index")
        rows.append((f"index: {name}", what, *measure([GG, "index", "--index", index, "--corpus", corpus], case_dir)))
        shutil.rmtree(case_dir, ignore_errors=True)
        print(f"done {name}", file=sys.stderr)
    if not argv:
        # `run` reading a script that never ends.
        case_dir = os.path.join(work, "run")
        os.makedirs(case_dir, exist_ok=True)
        write(os.path.join(case_dir, "corpus", "a.md"), "# A\n")
        index = os.path.join(case_dir, "index")
        subprocess.run([GG, "index", "--index", index, "--corpus", os.path.join(case_dir, "corpus")],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        rows.append(("run /dev/zero", "a script that never ends", *measure([GG, "run", "--index", index, "/dev/zero"], case_dir)))
        rows.append(("query --limit 1000000000", "a limit of a billion",
                     *measure([GG, "query", "--limit", "1000000000", "--index", index, "a"], case_dir)))
        # An index whose own CURRENT and manifest are links to /dev/zero, then FIFOs.
        live = open(os.path.join(index, "CURRENT")).read().strip()
        for name, path in [("CURRENT", os.path.join(index, "CURRENT")),
                           ("manifest.json", os.path.join(index, live, "manifest.json"))]:
            saved = open(path, "rb").read()
            for kind in ["/dev/zero", "a FIFO"]:
                os.remove(path)
                if kind == "a FIFO":
                    os.mkfifo(path)
                else:
                    os.symlink("/dev/zero", path)
                rows.append((f"query, {name} {kind}", f"the index's {name} is {'a link to ' if kind == '/dev/zero' else ''}{kind}",
                             *measure([GG, "query", "--index", index, "a"], case_dir)))
            os.remove(path)
            write(path, saved)
        shutil.rmtree(case_dir, ignore_errors=True)
        # `run` of a script of 1000 broad queries over the whole guidance (all held once).
        shared = os.path.join(os.path.dirname(ROOT), "shared", "corpus")
        if os.path.isdir(shared):
            case_dir = os.path.join(work, "run-guidance")
            os.makedirs(case_dir, exist_ok=True)
            index = os.path.join(case_dir, "index")
            subprocess.run([GG, "index", "--index", index, "--corpus", os.path.join(shared, "azure-waf"),
                            "--corpus", os.path.join(shared, "power-platform-waf")],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            write(os.path.join(case_dir, "review.txt"), "recommendations\n" * 1000)
            rows.append(("run, 1000 x `recommendations`", "a 16 KB script over the whole guidance",
                         *measure([GG, "run", "--index", index, os.path.join(case_dir, "review.txt")], case_dir)))
            shutil.rmtree(case_dir, ignore_errors=True)
        for name, make in REPOS.items():
            case_dir = os.path.join(work, "repo-" + name)
            shutil.rmtree(case_dir, ignore_errors=True)
            os.makedirs(case_dir)
            args, what = make(case_dir)
            rows.append((f"fetch: {name}", what, *measure([GG, "fetch", *args], case_dir)))
            if name == "link-out" and not os.path.isfile(os.path.join(case_dir, "well-architected", "draft.md")):
                print("link-out: the user's folder was moved", file=sys.stderr)
            if name == "rev-injection" and os.path.exists(os.path.join(case_dir, "pwned")):
                print("rev-injection: the command ran", file=sys.stderr)
            shutil.rmtree(case_dir, ignore_errors=True)
    print("| case | input | exit | peak memory | time |")
    print("|---|---|---:|---:|---:|")
    for case, what, status, peak, seconds in rows:
        print(f"| {case} | {what} | {status} | {peak:.0f} MB | {seconds:.2f} s |")
    if not os.environ.get("WORK"):
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
