#!/usr/bin/env python3
"""Every relative link in the project's Markdown resolves: the file exists, and a #fragment names
a heading of that file (GitHub's anchors). Prints each dead link as file:line: target, exits 1.

Usage: check_links.py <source root>"""

import os
import re
import sys

SKIP_DIRS = {".git", "build", "node_modules", "data", "approved", "corpus"}
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
FENCE = re.compile(r"^\s*(```|~~~)")


def markdown_files(root):
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = [d for d in subdirs if d not in SKIP_DIRS and not d.startswith("build")]
        for name in files:
            if name.endswith(".md"):
                yield os.path.join(directory, name)


def prose_lines(path):
    """(line number, text) of the lines outside fenced code, inline code spans removed."""
    fenced = False
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if FENCE.match(line):
                fenced = not fenced
                continue
            if not fenced:
                yield number, re.sub(r"`[^`]*`", "", line)


def anchors(path, cache={}):
    """GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens, repeats
    numbered."""
    if path not in cache:
        seen = {}
        fenced = False
        with open(path, encoding="utf-8") as f:
            for line in f:
                if FENCE.match(line):
                    fenced = not fenced
                    continue
                match = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
                if fenced or not match:
                    continue
                slug = re.sub(r"[^\w\- ]", "", match.group(1).lower()).replace(" ", "-")
                count = seen.get(slug, 0)
                seen[slug] = count + 1
                seen.setdefault(slug if count == 0 else f"{slug}-{count}", 1)
        cache[path] = set(seen)
    return cache[path]


def main():
    root = os.path.abspath(sys.argv[1])
    dead = []
    for path in sorted(markdown_files(root)):
        for number, line in prose_lines(path):
            for target in LINK.findall(line):
                if re.match(r"^[a-z][a-z0-9+.-]*:", target):
                    continue  # https:, mailto: and the like: not ours to check offline
                file_part, _, fragment = target.partition("#")
                resolved = os.path.normpath(os.path.join(os.path.dirname(path), file_part)) \
                    if file_part else path
                where = f"{os.path.relpath(path, root)}:{number}: {target}"
                if not os.path.exists(resolved):
                    dead.append(f"{where} (no such file)")
                elif fragment and resolved.endswith(".md") and fragment not in anchors(resolved):
                    dead.append(f"{where} (no heading with that anchor)")
    for line in dead:
        print(line)
    return 1 if dead else 0


if __name__ == "__main__":
    sys.exit(main())
