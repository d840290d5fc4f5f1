#!/usr/bin/env python3
"""Print one JSON document per section of every Markdown article under the given folders,
as `tantivy index` (tantivy-cli) reads them: {"title", "body", "path"}.

Usage: benches/sections_json.py DIR [DIR ...] > docs.json
"""
import json
import os
import sys


def sections(text):
    title, body = "", []
    for line in text.splitlines():
        if line.startswith("#"):
            if title or body:
                yield title, "\n".join(body)
            title, body = line.lstrip("#").strip(), []
        else:
            body.append(line)
    if title or body:
        yield title, "\n".join(body)


def main():
    out = sys.stdout
    for root in sys.argv[1:]:
        for folder, _, files in os.walk(root):
            for f in sorted(files):
                if not f.endswith(".md"):
                    continue
                path = os.path.join(folder, f)
                with open(path, encoding="utf-8", errors="replace") as fh:
                    text = fh.read()
                for title, body in sections(text):
                    out.write(json.dumps({"title": title, "body": body, "path": path}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
