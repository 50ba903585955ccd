#!/usr/bin/env python3
"""Sends requests naming random topics, groups and KV namespaces to a silo over the remoting protocol (JSON headers)
and samples the silo's RSS from /proc every --every requests. Used by scripts/soak-names.sh; prints one line per sample
and a final JSON summary. Only the standard library: frames are [len][0<<24|headerLen][json header][body]."""
import argparse, asyncio, json, os, random, string, struct, sys, time

ROUTE, HEARTBEAT, QUERY_OFFSET, UPDATE_OFFSET, PULL, KV_LIST, SEND_V2 = 105, 34, 14, 15, 11, 219, 310


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def name(rng):
    return "Soak" + "".join(rng.choices(string.ascii_letters + string.digits, k=16))


def frame(code, opaque, fields, body=b""):
    header = json.dumps({"code": code, "extFields": fields, "flag": 0, "language": "JAVA", "opaque": opaque,
                         "serializeTypeCurrentRPC": "JSON", "version": 399}, separators=(",", ":")).encode()
    return struct.pack(">ii", 4 + len(header) + len(body), len(header)) + header + body


def request(i, rng, auto_create_sends, mix):
    """(port kind, code, fields, body) for the i-th request: a mix of every entry point that takes a name. The "names"
    mix creates nothing (pulls use one group, heartbeats are left out); "all" also auto-creates groups and retry
    topics (heartbeats and pulls of random groups), which Apache persists too."""
    n, g = name(rng), "G" + name(rng)
    kind = i % 10
    if mix == "names":
        g = "SoakFixedGroup" if kind == 6 else g
        kind = 9 if kind in (7, 8) else kind
    if kind < 3:
        return "ns", ROUTE, {"topic": n}, b""
    if kind == 3:
        return "ns", KV_LIST, {"namespace": n}, b""
    if kind == 4:
        return "broker", QUERY_OFFSET, {"consumerGroup": g, "topic": n, "queueId": "0"}, b""
    if kind == 5:
        return "broker", UPDATE_OFFSET, {"consumerGroup": g, "topic": n, "queueId": str(i % 1000), "commitOffset": str(i)}, b""
    if kind == 6:
        return "broker", PULL, {"consumerGroup": g, "topic": n, "queueId": "0", "queueOffset": "0", "maxMsgNums": "32",
                                "sysFlag": "0", "commitOffset": "0", "suspendTimeoutMillis": "0", "subscription": "*",
                                "subVersion": "0", "expressionType": "TAG"}, b""
    if kind == 7:
        body = json.dumps({"clientID": "soak@" + g, "consumerDataSet": [{"groupName": g, "consumeType": "CONSUME_PASSIVELY",
                           "messageModel": "CLUSTERING", "consumeFromWhere": "CONSUME_FROM_LAST_OFFSET", "unitMode": False,
                           "subscriptionDataSet": [{"topic": n, "subString": "*", "classFilterMode": False, "tagsSet": [],
                                                    "codeSet": [], "subVersion": 0, "expressionType": "TAG"}]}],
                           "producerDataSet": [{"groupName": "P" + g}]}).encode()
        return "broker", HEARTBEAT, {}, body
    if kind == 8 and auto_create_sends:
        return "broker", SEND_V2, {"a": "P" + g, "b": n, "c": "TBW102", "d": "4", "e": "0", "f": "0", "g": str(int(time.time() * 1000)),
                                   "h": "0", "i": "", "j": "0", "k": "false", "m": "false"}, b"soak"
    # Malformed names: refused before any look-up.
    return "ns", ROUTE, {"topic": n + " !"}, b""


async def connection(host, port):
    reader, writer = await asyncio.open_connection(host, port)
    return reader, writer


async def read_frame(reader):
    length = struct.unpack(">i", await reader.readexactly(4))[0]
    data = await reader.readexactly(length)
    header_length = struct.unpack(">i", data[:4])[0] & 0xFFFFFF
    return json.loads(data[4:4 + header_length])


async def worker(wid, args, ports, counter, codes, window):
    rng = random.Random(args.seed * 1000 + wid)
    conns = {kind: await connection(args.host, port) for kind, port in ports.items()}
    opaque = wid * 10_000_000
    inflight = {kind: 0 for kind in conns}
    async def drain(kind, upto):
        reader = conns[kind][0]
        while inflight[kind] > upto:
            response = await read_frame(reader)
            if not response.get("flag", 0) & 1:
                continue  # a request from the broker (NOTIFY_CONSUMER_IDS_CHANGED), not an answer
            codes[response.get("code")] = codes.get(response.get("code"), 0) + 1
            inflight[kind] -= 1
    while True:
        i = counter[0]
        if i >= args.requests:
            break
        counter[0] += 1
        kind, code, fields, body = request(i, rng, args.auto_create_sends, args.mix)
        opaque += 1
        conns[kind][1].write(frame(code, opaque, fields, body))
        inflight[kind] += 1
        if inflight[kind] >= window:
            await conns[kind][1].drain()
            await drain(kind, window // 2)
    for kind in conns:
        await conns[kind][1].drain()
        await drain(kind, 0)
        conns[kind][1].close()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--nameserver-port", type=int, required=True)
    parser.add_argument("--broker-port", type=int, required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--every", type=int, default=100_000)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--window", type=int, default=32)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--auto-create-sends", action="store_true")
    parser.add_argument("--mix", choices=["names", "all"], default="names")
    args = parser.parse_args()
    ports = {"ns": args.nameserver_port, "broker": args.broker_port}
    samples, codes, started = [(0, rss_kib(args.pid))], {}, time.time()
    print(f"requests=0 rss_mib={samples[0][1] / 1024:.1f}", flush=True)
    done = 0
    while done < args.requests:
        batch = min(args.every, args.requests - done)
        counter = [0]
        sub = argparse.Namespace(**vars(args))
        sub.requests, sub.seed = batch, args.seed * 7919 + done
        await asyncio.gather(*(worker(w, sub, ports, counter, codes, args.window) for w in range(args.connections)))
        done += batch
        samples.append((done, rss_kib(args.pid)))
        print(f"requests={done} rss_mib={samples[-1][1] / 1024:.1f} elapsed_s={time.time() - started:.0f}", flush=True)
    print(json.dumps({"samples": samples, "codes": codes, "seconds": round(time.time() - started, 1)}))


if __name__ == "__main__":
    asyncio.run(main())
