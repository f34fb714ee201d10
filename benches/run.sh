#!/usr/bin/env bash
# Whole-run benchmarks on an 8 MB file of Arabic news paragraphs; prints a table for the README.
# Needs GNU FriBidi for the comparison (apt-get install libfribidi-bin).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
qari=target/release/qari
mkdir -p target/bench
corpus=target/bench/news8.txt
[ -f "$corpus" ] || python3 benches/make-corpus.py "$corpus" 8 >/dev/null
mb=$(python3 -c "import os; print(os.path.getsize('$corpus') / 1048576)")

best() { # best wall time in seconds of 3 runs of a command
  local b=999
  for _ in 1 2 3; do
    local s e
    s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N)
    b=$(python3 -c "print(min($b, $e - $s))")
  done
  echo "$b"
}
row() { printf '| %-58s | %7.2f s | %6.1f MB/s |\n' "$1" "$2" "$(python3 -c "print($mb / $2)")"; }

echo "| run (8 MB of news paragraphs, $(nproc) cores) | time | speed |"
echo "|---|---|---|"
if command -v fribidi >/dev/null; then
  t=$(best sh -c "fribidi --nopad --nobreak --reordernsm < $corpus"); row "fribidi --nopad --nobreak --reordernsm" "$t"
fi
t=$(best $qari render --plain --width 0 --shaping on $corpus); row "qari render --plain --width 0 --shaping on" "$t"
t=$(best $qari render --plain --width 80 --shaping on $corpus); row "qari render --plain --width 80 --shaping on" "$t"
t=$(best $qari extract --per-line --format jsonl $corpus); row "qari extract --per-line --format jsonl" "$t"
peak=$(/usr/bin/time -f %M $qari render --plain --width 0 --shaping on $corpus 2>&1 >/dev/null | tail -1)
echo
echo "peak memory of render --plain on 8 MB: $((peak / 1024)) MB"
article=target/bench/article8.txt
[ -f "$article" ] || { echo "عنوان مقال طويل جدا"; cat "$corpus"; } > "$article"
echo "first frame of the reader: sample $(python3 benches/first-frame.py $qari assets/articles) ms, 8 MB article $(python3 benches/first-frame.py $qari $article) ms"
