#!/usr/bin/env python3
"""tests/api/smtp_receiver.py: a real SMTP server for the mail tests
(Debian's python3-aiosmtpd), on 127.0.0.1 only.

usage: smtp_receiver.py --port PORT --dir DIR [--refuse N]

Each message accepted is written to DIR/NNNN.eml (NNNN counts from 0001)
exactly as received, with the envelope recipients in a first line
"X-Envelope-To: a@b, ..." added before it. With --refuse N the Nth DATA
(counting from 1) is answered "451 4.3.0 try again later" once and not
written: a relay's temporary failure, which the sender must retry.
Prints "ready PORT" on stdout when it listens; stops on SIGTERM or when
stdin closes.
"""
import argparse
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, out_dir, refuse):
        self.out_dir = out_dir
        self.refuse = refuse
        self.datas = 0
        self.written = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.datas += 1
            if self.datas == self.refuse:
                return '451 4.3.0 try again later'
            self.written += 1
            n = self.written
        path = os.path.join(self.out_dir, '%04d.eml' % n)
        tmp = path + '.tmp'
        with open(tmp, 'wb') as f:
            f.write(b'X-Envelope-To: ' + ', '.join(envelope.rcpt_tos).encode() + b'\r\n')
            f.write(envelope.original_content)
        os.rename(tmp, path)
        return '250 OK'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--port', type=int, required=True)
    ap.add_argument('--dir', required=True)
    ap.add_argument('--refuse', type=int, default=0)
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    ctl = Controller(Handler(a.dir, a.refuse), hostname='127.0.0.1', port=a.port)
    ctl.start()
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
    print('ready %d' % a.port, flush=True)
    done.wait()
    ctl.stop()


if __name__ == '__main__':
    main()
