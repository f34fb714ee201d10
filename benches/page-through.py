#!/usr/bin/env python3
"""Peak resident memory of the reader paging through an article end to end in a pseudo-terminal:
it opens the article, goes to its end (End), then pages back up (PageUp) as many times as given.
usage: benches/page-through.py QARI_BINARY ARTICLE [PAGES]   (prints: peak MB, seconds)"""
import os, pty, resource, select, sys, time, tempfile, fcntl, termios, struct

qari, article = sys.argv[1], sys.argv[2]
pages = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
env = dict(os.environ, TERM='xterm-256color', QARI_STATE=tempfile.mktemp(), QARI_CONFIG='/nonexistent')
start = time.monotonic()
pid, fd = pty.fork()
if pid == 0:
    os.execve(qari, [qari, article], env)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 120, 0, 0))

def drain(timeout):
    while select.select([fd], [], [], timeout)[0]:
        try:
            if not os.read(fd, 1 << 16):
                return
        except OSError:
            return

drain(2)
os.write(fd, b'\x1b[F')  # End
drain(0.5)
sent = 0
while sent < pages:  # PageUp, in batches, reading the screen as it comes so the pty never fills
    batch = min(200, pages - sent)
    os.write(fd, b'\x1b[5~' * batch)
    sent += batch
    drain(0.05)
drain(1)
os.write(fd, b'q')
drain(1)
os.waitpid(pid, 0)
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f'{peak_kb / 1024:.0f} {time.monotonic() - start:.1f}')
