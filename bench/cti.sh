#!/usr/bin/env bash
# CTI event fan-out: Plateau with one tenant of AGENTS agents, CLIENTS WebSocket clients (SUPERVISORS of them
# on the tenant's topic, the others spread over the agents' topics), and agent state changes at RATE per
# second made over the REST API for SECONDS. Prints the latency from the core to the clients (median, p99,
# maximum), the events received against those expected, and Plateau's CPU.
#
# Usage: bench/cti.sh [RATE changes/s] [CLIENTS] [SUPERVISORS] [AGENTS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."

RATE=${1:-1.2}
CLIENTS=${2:-1000}
SUPERVISORS=${3:-10}
AGENTS=${4:-160}
SECONDS_=${5:-30}
BIN=${PLATEAU_BIN:-build/src/app/plateau}
BENCH=${PLATEAU_CTI_BENCH:-build/bench/cti/plateau-cti-bench}
SIP_PORT=15071
HTTP_PORT=18091
TOKEN=bench-cti-token-0123456789
PROMPTS=${PLATEAU_BENCH_PROMPTS:-/tmp/plateau-bench-prompts}
work=$(mktemp -d /tmp/plateau-bench-cti.XXXXXX)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null || true' EXIT

{
  printf '[[tenant]]\nname = "bench"\nlanguage = "fr"\nnot_ready_reasons = ["break"]\n\n'
  printf '[[queue]]\ntenant = "bench"\nname = "q"\n\n'
  for i in $(seq 0 $((AGENTS - 1))); do
    u=$((10000 + i))
    printf '[[phone]]\ntenant = "bench"\nusername = "%d"\npassword = "pw%d"\n\n' $u $u
    printf '[[agent]]\ntenant = "bench"\nlogin = "%d"\nqueues = ["q"]\nphone = "%d"\n\n' $u $u
  done
} > "$work/provisioning.toml"
# Agents log in when their phone registers (no call is placed: the contact port is never used).
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
sipp 127.0.0.1:$SIP_PORT -sf bench/sipp/register.xml -inf "$work/agents.csv" -i 127.0.0.1 -p 16002 \
  -r 200 -m "$AGENTS" -timeout 60 -nostdin >/dev/null 2>&1 || { echo "registration failed"; exit 1; }

echo "rate $RATE/s, $CLIENTS clients ($SUPERVISORS on the tenant topic), $AGENTS agents, $SECONDS_ s"
"$BENCH" --port $HTTP_PORT --token $TOKEN --tenant bench --agents "$AGENTS" --clients "$CLIENTS" \
  --supervisors "$SUPERVISORS" --rate "$RATE" --seconds "$SECONDS_" --pid $pid
curl -sf http://127.0.0.1:$HTTP_PORT/metrics | grep '^plateau_cti_' || true
