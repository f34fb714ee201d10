#!/usr/bin/env python3
"""Holds `qari render --plain --width 0 --shaping on` against GNU FriBidi (apt-get install
libfribidi-bin) on a file of paragraphs, one a line: each line must come out as
`fribidi --nopad --nobreak --reordernsm` shows it. Two differences that cannot be seen are
forgiven: FriBidi's U+FEFF fillers, and an isolated presentation form where qari keeps the
letter itself (they look the same). Bidi controls are left out on both sides (qari hides them).
usage: benches/compare-fribidi.py QARI_BINARY PARAGRAPHS_FILE   (prints 'N/M identical')"""
import subprocess, sys, unicodedata

qari, path = sys.argv[1], sys.argv[2]
paragraphs = [l.rstrip('\n') for l in open(path, encoding='utf-8') if l.strip()]
CONTROLS = set('\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff')

def seen(line):
    out = []
    for ch in line.strip():
        if ch in CONTROLS:
            continue
        name = unicodedata.name(ch, '')
        if name.endswith('ISOLATED FORM') and 'LIGATURE' not in name:
            ch = unicodedata.normalize('NFKC', ch)
        out.append(ch)
    return ''.join(out)

def run(args, text):
    return subprocess.run(args, input=text.encode() + b'\n', capture_output=True, check=True).stdout.decode()

same = 0
for text in paragraphs:
    ours = run([qari, 'render', '--plain', '--width', '0', '--shaping', 'on', '-'], text).rstrip('\n')
    theirs = run(['fribidi', '--nopad', '--nobreak', '--reordernsm'], text).rstrip('\n')
    if seen(ours) == seen(theirs):
        same += 1
    else:
        print(f'differs:\n  fribidi: {theirs}\n  qari:    {ours}')
print(f'{same}/{len(paragraphs)} identical')
sys.exit(0 if same == len(paragraphs) else 1)
