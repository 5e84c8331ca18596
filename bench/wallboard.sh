#!/usr/bin/env bash
# The wallboard in a running Plateau: 1,000 agents (phones registered with sipp: they log in, ready) and
# 100 queues from the provisioning plateau-wallboard-bench generates; Plateau's CPU over SECONDS with nobody
# watching, then with CLIENTS WebSocket clients on supervision:site (each receives supervision.snapshot.v1 once
# a second); bytes received per client per second; the server's own time per snapshot
# (plateau_supervision_snapshot_seconds).
#
# Usage: bench/wallboard.sh [CLIENTS] [SECONDS] [AGENTS] [QUEUES]
set -euo pipefail
cd "$(dirname "$0")/.."

CLIENTS=${1:-10}
SECONDS_=${2:-30}
AGENTS=${3:-1000}
QUEUES=${4:-100}
BIN=${PLATEAU_BIN:-build/src/app/plateau}
GEN=${PLATEAU_WALLBOARD_BENCH:-build/bench/wallboard/plateau-wallboard-bench}
SIP_PORT=15073
HTTP_PORT=18093
TOKEN=bench-wallboard-token-0123456789
PROMPTS=${PLATEAU_BENCH_PROMPTS:-/tmp/plateau-bench-prompts}
work=$(mktemp -d /tmp/plateau-bench-wallboard.XXXXXX)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null || true' EXIT

"$GEN" --agents "$AGENTS" --queues "$QUEUES" --seconds 1 --calls 1 --write "$work/provisioning.toml" >/dev/null
{
  echo SEQUENTIAL
  for i in $(seq 0 $((AGENTS - 1))); do u=$((10000 + i)); echo "$u;[authentication username=$u password=pw$u];127.0.0.1:16999"; done
} > "$work/agents.csv"

ulimit -n 65536 2>/dev/null || ulimit -n 4096
mkdir -p "$PROMPTS"
"$BIN" serve --data-dir "$work/data" --prompts-dir "$PROMPTS" --sip-listen 127.0.0.1:$SIP_PORT \
  --http-listen 127.0.0.1:$HTTP_PORT --http-api-token $TOKEN --provision-file "$work/provisioning.toml" \
  --provision-demo false --log-level warn 2>"$work/plateau.log" &
pid=$!
for _ in $(seq 1 300); do curl -sf http://127.0.0.1:$HTTP_PORT/healthz >/dev/null && break; sleep 0.2; done
sipp 127.0.0.1:$SIP_PORT -sf bench/sipp/register.xml -inf "$work/agents.csv" -i 127.0.0.1 -p 16004 \
  -r 200 -m "$AGENTS" -timeout 60 -nostdin >/dev/null 2>&1 || { echo "registration failed"; exit 1; }

/usr/bin/python3 - "$HTTP_PORT" "$TOKEN" "$CLIENTS" "$SECONDS_" "$pid" <<'PY'
import json, os, sys, threading, time, urllib.request
import websocket

port, token, clients, seconds, pid = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
tick = os.sysconf("SC_CLK_TCK")

def cpu():
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick

def metric(name):
    with urllib.request.urlopen("http://127.0.0.1:%s/metrics" % port) as r:
        for line in r.read().decode().splitlines():
            if line.startswith(name + " "):
                return float(line.split()[1])
    return 0.0

snap = json.loads(urllib.request.urlopen(urllib.request.Request(
    "http://127.0.0.1:%s/api/v1/tenants/site/supervision" % port, headers={"Authorization": "Bearer " + token})).read())
states = {}
for a in snap["agents"]:
    states[a["state"]] = states.get(a["state"], 0) + 1
print("snapshot: %d queues, %d agents %s" % (len(snap["queues"]), len(snap["agents"]), states))

c0, t0 = cpu(), time.time()
time.sleep(seconds)
idle = (cpu() - c0) / (time.time() - t0)
print("nobody watching: Plateau CPU %.2f %% of one core" % (100 * idle))

received = [0] * clients
messages = [0] * clients
stop = threading.Event()
def client(i):
    ws = websocket.create_connection("ws://127.0.0.1:%s/api/v1/ws?access_token=%s" % (port, token), timeout=10)
    ws.send(json.dumps({"id": 1, "type": "subscribe", "topics": ["supervision:site"]}))
    while not stop.is_set():
        msg = ws.recv()
        if '"name":"supervision.snapshot.v1"' in msg[-300:]:
            received[i] += len(msg)
            messages[i] += 1
    ws.close()
threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
for t in threads:
    t.start()
time.sleep(3)
n0, s0 = metric("plateau_supervision_snapshot_seconds_count"), metric("plateau_supervision_snapshot_seconds_sum")
b0, m0 = sum(received), sum(messages)
c0, t0 = cpu(), time.time()
time.sleep(seconds)
busy = (cpu() - c0) / (time.time() - t0)
elapsed = time.time() - t0
n1, s1 = metric("plateau_supervision_snapshot_seconds_count"), metric("plateau_supervision_snapshot_seconds_sum")
b1, m1 = sum(received), sum(messages)
stop.set()
print("%d clients on supervision:site: Plateau CPU %.2f %% of one core (%.2f %% more than nobody watching)"
      % (clients, 100 * busy, 100 * (busy - idle)))
print("snapshots built: %d in %.0f s; server time per snapshot (build + serialise + queue to every client) %.2f ms"
      % (n1 - n0, elapsed, 1000 * (s1 - s0) / max(1, n1 - n0)))
print("received: %.1f messages/s per client, %.1f KiB per message, %.1f KiB/s per client"
      % ((m1 - m0) / elapsed / clients, (b1 - b0) / max(1, m1 - m0) / 1024, (b1 - b0) / elapsed / clients / 1024))
PY
