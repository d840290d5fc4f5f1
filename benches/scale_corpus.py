#!/usr/bin/env python3
"""Write a scaled corpus for benchmarks: N copies of each source corpus.

Usage: benches/scale_corpus.py N OUT [SRC ...]

Copy k of a corpus goes to OUT/copy-kkk/<corpus name>/, so every article has a distinct
path; from the second copy on, each article's front matter title and first heading get
" (edition k)" appended, so titles vary as they would across many workloads. Folder
landing pages (index.yml, toc.yml) are copied as they are. SRC defaults to the two corpora
in ../shared/corpus. OUT is replaced.
"""
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = [
    os.path.join(HERE, "..", "..", "shared", "corpus", "azure-waf"),
    os.path.join(HERE, "..", "..", "shared", "corpus", "power-platform-waf"),
]
TITLE = re.compile(r"^(title:\s*)(.+)$", re.M)
H1 = re.compile(r"^(#\s+)(.+)$", re.M)


def vary(text, k):
    if k == 0:
        return text
    suffix = f" (edition {k})"
    text = TITLE.sub(lambda m: m.group(1) + m.group(2).rstrip() + suffix, text, count=1)
    return H1.sub(lambda m: m.group(1) + m.group(2).rstrip() + suffix, text, count=1)


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    n, out = int(sys.argv[1]), sys.argv[2]
    sources = sys.argv[3:] or DEFAULT
    if os.path.exists(out):
        shutil.rmtree(out)
    total = 0
    for k in range(n):
        for src in sources:
            name = os.path.basename(os.path.normpath(src))
            for folder, _, files in os.walk(src):
                rel = os.path.relpath(folder, src)
                dest = os.path.join(out, f"copy-{k:03}", name, rel)
                os.makedirs(dest, exist_ok=True)
                for f in files:
                    with open(os.path.join(folder, f), "rb") as fh:
                        data = fh.read()
                    if f.endswith(".md"):
                        data = vary(data.decode("utf-8", "replace"), k).encode("utf-8")
                    with open(os.path.join(dest, f), "wb") as fh:
                        fh.write(data)
                    total += len(data)
    print(f"{n} copies, {total / 1e6:.1f} MB in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
