#!/usr/bin/env python3
"""Writes a folder of N short news stories (one a file, in the bundled sample's text format),
for the reader's large-library figures.
usage: benches/make-folder.py OUT_DIR N"""
import os, random, re, sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
out, n = sys.argv[1], int(sys.argv[2])
lines = []
for name in ('assets/articles/000_d88aa69e352b5fd0.txt', 'tests/data/paragraphs.txt'):
    lines += [l.strip() for l in open(os.path.join(root, name), encoding='utf-8') if len(l.strip()) > 40]
rng = random.Random(11)
months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
vary = lambda s: re.sub(r'\d+', lambda m: str(rng.randint(1, 99999)), s)
for k in range(n):
    sub = os.path.join(out, f'{k // 1000:03d}')
    os.makedirs(sub, exist_ok=True)
    title = vary(rng.choice(lines))[:80]
    date = f'تاريخ النشر: {rng.randint(1, 28)}th, {rng.choice(months)} {rng.randint(2015, 2025)} GMT'
    body = [vary(rng.choice(lines)) for _ in range(rng.randint(2, 6))]
    with open(os.path.join(sub, f'{k:06d}.txt'), 'w', encoding='utf-8') as f:
        f.write('\n'.join([title, date] + body + ['المصدر: RT']) + '\n')
print(f'{out}: {n} stories')
