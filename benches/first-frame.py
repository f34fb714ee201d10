#!/usr/bin/env python3
"""Time from starting the reader in a pseudo-terminal to its first frame on screen.
usage: benches/first-frame.py QARI_BINARY PATH... (prints milliseconds, the best of 5 runs)"""
import os, pty, select, sys, time, tempfile

def first_frame(args):
    state = tempfile.mktemp()
    env = dict(os.environ, TERM='xterm-256color', QARI_STATE=state, QARI_CONFIG='/nonexistent', COLUMNS='120', LINES='40')
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(args[0], args, env)
    import fcntl, termios, struct
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 120, 0, 0))
    seen = b''
    while True:
        r, _, _ = select.select([fd], [], [], 60)
        if not r:
            raise SystemExit('no frame within 60 s')
        try:
            seen += os.read(fd, 65536)
        except OSError:
            break
        if b'qari' in seen and b'story ' in seen:   # title bar and status bar: a whole frame
            elapsed = time.monotonic() - start
            break
    os.write(fd, b'q')
    os.waitpid(pid, 0)
    return elapsed * 1000

runs = [first_frame(sys.argv[1:]) for _ in range(5)]
print(f'{min(runs):.0f}')
