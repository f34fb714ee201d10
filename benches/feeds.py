#!/usr/bin/env python3
"""Feeds benchmark: N feeds x M items served from 127.0.0.1 (a server this script starts and
stops), fetched, parsed, extracted and stored by `qari fetch`; then `qari stories --search` over
what is stored. Prints wall time and peak memory (of qari alone, from the kernel's rusage).

    python3 benches/feeds.py                       # 200 feeds x 50 items, and search over them
    python3 benches/feeds.py --feeds 2000 --items 50   # 100,000 stories, then search

Item text is made from the bundled sample's paragraphs, so extraction has real work to do.
Nothing leaves this machine: the only address used is 127.0.0.1.
"""

import argparse
import http.server
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QARI = os.path.join(ROOT, "target", "release", "qari")


def paragraphs():
    with open(os.path.join(ROOT, "assets", "articles", "000_d88aa69e352b5fd0.txt"), encoding="utf-8") as f:
        lines = [l.strip() for l in f if len(l.strip()) > 80]
    return lines


def feed_xml(n, items, paras):
    rnd = random.Random(n)
    out = [f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
           f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>feed {n}</title>']
    for i in range(items):
        body = "".join(f"<p>{escape(p)}</p>" for p in rnd.sample(paras, min(4, len(paras))))
        day = 1 + (n * items + i) % 28
        out.append(
            f"<item><title>خبر {i} من الموجز {n}</title><link>http://127.0.0.1/{n}/{i}</link>"
            f"<guid>{n}-{i}</guid><pubDate>Fri, {day:02d} Nov 2024 10:{i % 60:02d}:00 GMT</pubDate>"
            f"<description>{escape(body[:200])}</description>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>")
    out.append("</channel></rss>")
    return "".join(out).encode("utf-8")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    feeds = {}

    def do_GET(self):
        body = self.feeds.get(self.path)
        if body is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def run(args, env, quiet=True):
    """Runs qari; returns (seconds, peak resident MB of this child, stdout)."""
    out = tempfile.TemporaryFile()
    err = tempfile.TemporaryFile()
    peak_file = tempfile.NamedTemporaryFile(delete=False)
    # GNU time reports qari's own peak: the rusage of a child spawned from this (large) Python
    # process would count the parent's memory at the fork
    start = time.perf_counter()
    code = subprocess.call(["/usr/bin/time", "-f", "%M", "-o", peak_file.name, QARI] + args, env=env,
                           stdout=out, stderr=err)
    took = time.perf_counter() - start
    out.seek(0)
    err.seek(0)
    if code != 0:
        sys.exit(f"qari {' '.join(args)} failed: {err.read().decode(errors='replace')}")
    with open(peak_file.name) as f:
        peak_kb = int(f.read().split()[-1])
    os.unlink(peak_file.name)
    return took, peak_kb / 1024, out.read()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--items", type=int, default=50)
    ap.add_argument("--jobs", type=int, default=6)
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    paras = paragraphs()
    Handler.feeds = {f"/f{n}": feed_xml(n, args.items, paras) for n in range(args.feeds)}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    home = tempfile.mkdtemp(prefix="qari-bench-")
    try:
        env = dict(os.environ, QARI_DATA=os.path.join(home, "data"), QARI_CONFIG=os.path.join(home, "config.toml"),
                   QARI_STATE=os.path.join(home, "state.json"))
        with open(env["QARI_CONFIG"], "w") as f:
            f.write(f"[fetch]\njobs = {args.jobs}\ntimeout = 60\n")
        opml = os.path.join(home, "feeds.opml")
        with open(opml, "w") as f:
            f.write('<opml version="2.0"><body>')
            for n in range(args.feeds):
                f.write(f'<outline text="feed {n}" xmlUrl="http://127.0.0.1:{port}/f{n}"/>')
            f.write("</body></opml>")
        run(["feed", "import", opml], env)
        stories = args.feeds * args.items
        took, peak, _ = run(["fetch"], env)
        size = os.path.getsize(os.path.join(home, "data", "qari.db")) / 1048576
        print(f"| `qari fetch`, {args.feeds} feeds x {args.items} items ({stories:,} stories, "
              f"{sum(map(len, Handler.feeds.values())) / 1048576:.1f} MB of feeds) | {took:.1f} s | {peak:.0f} MB | "
              f"database {size:.0f} MB |")
        took, peak, _ = run(["fetch"], env)
        print(f"| `qari fetch` again (nothing new) | {took:.2f} s | {peak:.0f} MB | |")
        for query in ["بوتين", "غزة", "وزارة الدفاع الأمريكية", "الف"]:
            best = min(run(["stories", "--search", query, "--limit", "20"], env)[0] for _ in range(3))
            took, _, out = run(["stories", "--search", query], env)
            matches = out.count(b"\n")
            print(f"| `qari stories --search {query} --limit 20` over {stories:,} stories | {best * 1000:.0f} ms | "
                  f"| {matches:,} matches in all, listed in {took * 1000:.0f} ms |")
    finally:
        server.shutdown()
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
