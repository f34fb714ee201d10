#!/usr/bin/env python3
"""Writes an Arabic news corpus of about SIZE megabytes, one paragraph a line, for benchmarks.
usage: benches/make-corpus.py OUT [SIZE_MB]
The paragraphs are the bundled sample's and tests/data/paragraphs.txt, with their numbers varied
so that no two lines are the same."""
import os, random, re, sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
out, size = sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 8
lines = []
for name in ('assets/articles/000_d88aa69e352b5fd0.txt', 'tests/data/paragraphs.txt'):
    lines += [l.strip() for l in open(os.path.join(root, name), encoding='utf-8') if len(l.strip()) > 40]
rng = random.Random(7)
target = int(size * 1024 * 1024)
written = 0
with open(out, 'w', encoding='utf-8') as f:
    while written < target:
        line = re.sub(r'\d+', lambda m: str(rng.randint(1, 99999)), rng.choice(lines)) + '\n'
        f.write(line)
        written += len(line.encode())
print(f'{out}: {written / 1048576:.1f} MB')
