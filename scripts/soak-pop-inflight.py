#!/usr/bin/env python3
"""POP without acking over raw remoting frames (POP_MESSAGE 200050, JSON headers) against a silo's broker port,
sampling the silo's resident set size: what memory costs per in-flight message (issue 11, docs/benchmarks.md).

  soak-pop-inflight.py HOST:PORT SILO_PID TOPIC GROUP COUNT [CONNECTIONS=4] [INVISIBLE_MS=3600000] [AFTER_SECONDS=10]

Prints `seconds popped rss_mb anon_mb` about once a second, then `done popped seconds` and samples AFTER_SECONDS more
(with a short invisible time: while the silo revives what was popped)."""
import json, os, socket, struct, sys, threading, time

host, port = sys.argv[1].rsplit(":", 1)
pid, topic, group, count = int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
connections = int(sys.argv[6]) if len(sys.argv) > 6 else 4
invisible = int(sys.argv[7]) if len(sys.argv) > 7 else 3_600_000
after = int(sys.argv[8]) if len(sys.argv) > 8 else 10
popped = 0
failures = 0
lock = threading.Lock()
done = threading.Event()


def rss_mb():
    """VmRSS and RssAnon in MB: the resident set, and its part not backed by files (memory-mapped store files are not in it)."""
    values = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(("VmRSS:", "RssAnon:")):
                values[line.split(":")[0]] = int(line.split()[1]) / 1024
    return f"{values.get('VmRSS', 0):.0f} {values.get('RssAnon', 0):.0f}"


def read_exact(sock, n):
    chunks, got = [], 0
    while got < n:
        chunk = sock.recv(min(n - got, 1 << 20))
        if not chunk:
            raise ConnectionError("closed")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def count_messages(body):
    # The body is the stored messages back to back, each starting with its total size.
    n, at = 0, 0
    while at + 4 <= len(body):
        at += struct.unpack_from(">i", body, at)[0]
        n += 1
    return n


def worker(index):
    global popped, failures
    sock = socket.create_connection((host, int(port)))
    opaque = index * 10_000_000
    while not done.is_set():
        opaque += 1
        header = json.dumps({"code": 200050, "language": "JAVA", "version": 473, "opaque": opaque, "flag": 0, "extFields": {
            "consumerGroup": group, "topic": topic, "queueId": "-1", "maxMsgNums": "32", "invisibleTime": str(invisible),
            "pollTime": "1000", "bornTime": str(int(time.time() * 1000)), "initMode": "0", "expType": "TAG", "exp": "*",
            "order": "false"}}).encode()
        sock.sendall(struct.pack(">ii", 4 + len(header), len(header)) + header)
        total = struct.unpack(">i", read_exact(sock, 4))[0]
        frame = read_exact(sock, total)
        header_length = struct.unpack_from(">i", frame, 0)[0] & 0xFFFFFF
        response = json.loads(frame[4:4 + header_length])
        if response["code"] == 0:
            n = count_messages(frame[4 + header_length:])
            with lock:
                popped += n
                if popped >= count:
                    done.set()
        elif response["code"] != 27:  # 27: POLLING_TIMEOUT, nothing left right now
            with lock:
                failures += 1
            time.sleep(0.1)
    sock.close()


start = time.time()
threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(connections)]
for thread in threads:
    thread.start()
print("seconds popped rss_mb anon_mb", flush=True)
while not done.wait(1.0):
    print(f"{time.time() - start:.0f} {popped} {rss_mb()}", flush=True)
elapsed = time.time() - start
print(f"done {popped} {elapsed:.1f} failures={failures}", flush=True)
for _ in range(after):
    time.sleep(1)
    print(f"{time.time() - start:.0f} {popped} {rss_mb()}", flush=True)
