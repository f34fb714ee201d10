#!/usr/bin/env bash
# Every speed and memory figure of the README in one run, printed as the README's table.
# Times are the best of 5 runs on one core (taskset -c 0) unless said; instruction counts
# (valgrind --tool=callgrind, on 1 MB) are exact whatever the machine's load.
# Optional: GNU FriBidi (apt-get install libfribidi-bin) for the ratios, valgrind for the
# instruction counts. BIG=1 adds the 64 MB article and the folder of 100,000 stories (slow).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
qari=target/release/qari
mkdir -p target/bench
corpus=target/bench/news8.txt small=target/bench/news1.txt article=target/bench/article8.txt
[ -f "$corpus" ] || python3 benches/make-corpus.py "$corpus" 8 >/dev/null
[ -f "$small" ] || python3 benches/make-corpus.py "$small" 1 >/dev/null
[ -f "$article" ] || { echo "عنوان مقال طويل جدا"; cat "$corpus"; } > "$article"
mb=$(python3 -c "import os; print(os.path.getsize('$corpus') / 1048576)")
one=(taskset -c 0)
command -v taskset >/dev/null || one=()

best() { # best wall time in seconds of 5 runs of a command, output thrown away
  python3 - "$@" <<'PY'
import subprocess, sys, time
runs = []
for _ in range(5):
    s = time.monotonic(); subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True); runs.append(time.monotonic() - s)
print(f'{min(runs):.3f}')
PY
}
instructions() { # millions of instructions of a command on the 1 MB file
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\)/\1/p' | awk '{printf "%.0f", $1 / 1e6}'
}
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }

fribidi=(fribidi --nopad --nobreak --reordernsm)
have_fribidi=$(command -v fribidi >/dev/null && echo 1 || echo 0)
have_valgrind=$(command -v valgrind >/dev/null && echo 1 || echo 0)
w0=("$qari" render --plain --width 0 --shaping on)
w80=("$qari" render --plain --width 80 --shaping on)
ex=("$qari" extract --per-line --format jsonl)

echo "| run, $(printf %.0f "$mb") MB of news paragraphs | time | speed | against FriBidi | instructions a MB |"
echo "|---|---|---|---|---|"
row() { # name, seconds, fribidi seconds or -, instructions or -
  local vs=- ; [ "$3" != - ] && vs="$(ratio "$2" "$3")×"
  printf '| %s | %.2f s | %.0f MB/s | %s | %s |\n' "$1" "$2" "$(python3 -c "print($mb / $2)")" "$vs" "$4"
}
tf=- if_=-
if [ "$have_fribidi" = 1 ]; then
  tf=$(best "${one[@]}" "${fribidi[@]}" "$corpus")
  [ "$have_valgrind" = 1 ] && if_="$(instructions "${fribidi[@]}" "$small") M"
  row "\`fribidi --nopad --nobreak --reordernsm\`, one core" "$tf" - "$if_"
fi
for name in w0 w80; do
  declare -n cmd=$name
  t=$(best "${one[@]}" "${cmd[@]}" "$corpus")
  i=-; [ "$have_valgrind" = 1 ] && i="$(instructions "${cmd[@]}" "$small") M"
  row "\`qari render --plain --width ${cmd[4]} --shaping on\`, one core" "$t" "$tf" "$i"
done
t=$(best "${w0[@]}" "$corpus"); row "\`qari render --plain --width 0 --shaping on\`, $(nproc) cores" "$t" "$tf" -
t=$(best "${one[@]}" "${ex[@]}" "$corpus")
i=-; [ "$have_valgrind" = 1 ] && i="$(instructions "${ex[@]}" "$small") M"
row "\`qari extract --per-line --format jsonl\`, one core" "$t" - "$i"

peak=$(/usr/bin/time -f %M "${w0[@]}" "$corpus" 2>&1 >/dev/null | tail -1)
echo
echo "- peak memory of \`render --plain\` on the $(printf %.0f "$mb") MB file: $((peak / 1024)) MB"
echo "- reader, first frame in a pseudo-terminal: the sample $(python3 benches/first-frame.py $qari assets/articles) ms, the 8 MB article $(python3 benches/first-frame.py $qari $article) ms"
if [ "${BIG:-0}" = 1 ]; then
  big=target/bench/article64.txt folder=target/bench/stories100k
  [ -f target/bench/news64.txt ] || python3 benches/make-corpus.py target/bench/news64.txt 64 >/dev/null
  [ -f "$big" ] || { echo "عنوان مقال طويل جدا"; cat target/bench/news64.txt; } > "$big"
  [ -d "$folder" ] || python3 benches/make-folder.py "$folder" 100000 >/dev/null
  read -r peak secs < <(python3 benches/page-through.py $qari "$big" 20000)
  size=$(python3 -c "import os; print(os.path.getsize('$big') / 1048576)")
  echo "- reader, the 64 MB article opened, End, then PageUp to its top: peak $peak MB resident ($(ratio "$peak" "$size")× the file), ${secs} s"
  echo "- reader, a folder of 100,000 stories: first frame $(python3 benches/first-frame.py $qari "$folder") ms"
  key=$(cargo bench --quiet --bench layout -- library-search 2>/dev/null | sed -n 's/.*time: *\[[^ ]* [^ ]* \([^ ]*\) \([a-zµ]*\).*/\1 \2/p')
  echo "- a key of a library search over 100,000 stories, the whole index searched: $key (\`cargo bench -- library-search\`)"
fi
