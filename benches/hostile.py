#!/usr/bin/env python3
"""Runs guidegraph over a hostile corpus and records peak memory and time per case.

Each case is generated into a temporary folder (nothing is committed), indexed (or run)
with the release build under GNU time (`/usr/bin/time -v`), and reported as one row of a
Markdown table: the case, its input, the exit status, the peak resident memory and the
wall time. Issue 11 sets the bar: every case at most 1 GiB and under 10 s.

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
        shutil.rmtree(case_dir, ignore_errors=True)
    print("| case | input | exit | peak memory | time |")
    print("|---|---|---:|---:|---:|")
    for case, what, status, peak, seconds in rows:
        print(f"| {case} | {what} | {status} | {peak:.0f} MB | {seconds:.2f} s |")
    if not os.environ.get("WORK"):
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
