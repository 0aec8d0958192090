#!/usr/bin/env python3
"""Latency of `khlint lsp` on a ~100 KB plan, driven over stdio like an editor.

Opens a plan made of the fixture plans concatenated (~100 KB), then sends 20 single
edits, one at a time, and measures the time from each didChange to the
publishDiagnostics of that version. The server waits DEBOUNCE_MS of quiet before
analysing; the figures are reported with and without it.

    cargo build --release
    python3 benches/lsp_latency.py [path/to/khlint]   # default target/release/khlint
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

DEBOUNCE_MS = 150  # src/lsp/mod.rs: DEBOUNCE
EDITS = 20
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PARTS = ["dak-rlap-2024.txt", "lang-giang-2024.txt", "ninh-thuan-2024.txt"]


def send(proc, msg):
    body = json.dumps(msg, ensure_ascii=False).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()


def receive(proc):
    length = None
    while True:
        line = proc.stdout.readline()
        if not line:
            raise SystemExit("server closed its output")
        line = line.strip()
        if not line:
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(proc.stdout.read(length))


def wait_for(proc, pred, timeout=60):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        m = receive(proc)
        if pred(m):
            return m
    raise SystemExit("timed out")


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/release/khlint")
    text = "\n\n".join(
        open(os.path.join(ROOT, "fixtures/plans", p), encoding="utf-8").read() for p in PARTS
    )
    tmp = tempfile.mkdtemp(prefix="khlint-bench-")
    path = os.path.join(tmp, "plan-100k.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    uri = "file://" + path
    proc = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    send(proc, {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"processId": None, "rootUri": None, "capabilities": {}}})
    wait_for(proc, lambda m: m.get("id") == 1)
    send(proc, {"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def published(version):
        return lambda m: (m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"]["version"] == version)

    t0 = time.monotonic()
    send(proc, {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "plaintext", "version": 1, "text": text}}})
    first = wait_for(proc, published(1))
    open_ms = (time.monotonic() - t0) * 1000
    samples = []
    lines = text.count("\n") + 1
    for i in range(EDITS):
        version = i + 2
        line = 30 + i * (lines - 60) // EDITS  # spread over the document
        change = {"range": {"start": {"line": line, "character": 0},
                            "end": {"line": line, "character": 0}}, "text": "Đã sửa. "}
        t = time.monotonic()
        send(proc, {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
        wait_for(proc, published(version))
        samples.append((time.monotonic() - t) * 1000)
    send(proc, {"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})
    wait_for(proc, lambda m: m.get("id") == 2)
    send(proc, {"jsonrpc": "2.0", "method": "exit", "params": None})
    proc.wait(timeout=10)

    samples.sort()
    median = statistics.median(samples)
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    print(f"plan: {len(text.encode())} bytes, {lines} lines, "
          f"{len(first['params']['diagnostics'])} diagnostics")
    print(f"didOpen -> diagnostics: {open_ms:.1f} ms (no debounce on open)")
    print(f"didChange -> diagnostics over {EDITS} edits (debounce {DEBOUNCE_MS} ms included): "
          f"median {median:.1f} ms, p95 {p95:.1f} ms, max {samples[-1]:.1f} ms")
    print(f"after subtracting the debounce: median {median - DEBOUNCE_MS:.1f} ms, "
          f"p95 {p95 - DEBOUNCE_MS:.1f} ms")


if __name__ == "__main__":
    main()
