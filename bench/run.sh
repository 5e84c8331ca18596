#!/usr/bin/env bash
# Load benchmark through the whole call path: sipp callers -> greeting -> queue -> agent phones played by one
# sipp UAS (RTP echoed) -> bridge and stereo recording -> call record.
#
# Usage: bench/run.sh [RATE calls/s] [CALLS total] [AGENTS] [TALK_MS]
# Prints call setups per second, failed calls, concurrent bridged calls, RTP loss, CPU and memory per call.
set -euo pipefail
cd "$(dirname "$0")/.."

RATE=${1:-200}
CALLS=${2:-6000}
AGENTS=${3:-1200}
TALK_MS=${4:-8000}
BIN=${PLATEAU_BIN:-build/src/app/plateau}
SIP_PORT=15060
HTTP_PORT=18080
AGENT_PORT=16000
TOKEN=bench
work=$(mktemp -d /tmp/plateau-bench.XXXXXX)
trap 'pkill -f "sipp.*-p $AGENT_PORT" 2>/dev/null; kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true' EXIT

# Provisioning: one tenant, one number straight to a queue (greeting kept short), AGENTS phones.
prov=$work/provisioning.toml
{
  echo '[[tenant]]'; echo 'name = "bench"'; echo 'display_name = "Bench"'; echo 'timezone = "Africa/Casablanca"'; echo 'language = "fr"'
  echo '[[trunk]]'; echo 'tenant = "bench"'; echo 'name = "local"'; echo 'addresses = ["127.0.0.0/8"]'
  echo '[[queue]]'; echo 'tenant = "bench"'; echo 'name = "q"'; echo 'ring_timeout = 10'; echo 'max_wait = 120'; echo 'wrapup = 0'; echo 'music = "moh"'
  echo '[[number]]'; echo 'tenant = "bench"'; echo 'did = "5000"'; echo 'flow = "queue"'; echo 'greeting = "recording_notice"'; echo 'queue = "q"'
  for i in $(seq 1 "$AGENTS"); do
    u=$((100000 + i))
    echo '[[phone]]'; echo 'tenant = "bench"'; echo "username = \"$u\""; echo "password = \"pw$u\""
    echo '[[agent]]'; echo 'tenant = "bench"'; echo "login = \"$u\""; echo "name = \"Agent $u\""; echo 'queues = ["q"]'; echo "phone = \"$u\""
  done
} > "$prov"
{
  echo SEQUENTIAL
  for i in $(seq 1 "$AGENTS"); do u=$((100000 + i)); echo "$u;[authentication username=$u password=pw$u];127.0.0.1:$AGENT_PORT"; done
} > "$work/agents.csv"

"$BIN" serve --data-dir "$work/data" --sip-listen 127.0.0.1:$SIP_PORT --http-listen 127.0.0.1:$HTTP_PORT \
  --http-api-token $TOKEN --provision-file "$prov" --provision-demo false --log-level warn 2>"$work/plateau.log" &
pid=$!
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:$HTTP_PORT/healthz >/dev/null && break; sleep 0.2; done

sipp 127.0.0.1:$SIP_PORT -sf bench/sipp/agents_uas.xml -p $AGENT_PORT -i 127.0.0.1 -mi 127.0.0.1 -rtp_echo \
  -max_socket 65000 -bg -trace_err -error_file "$work/agents.err" >/dev/null || true  # -bg: the parent exits 99
sipp 127.0.0.1:$SIP_PORT -sf bench/sipp/register.xml -inf "$work/agents.csv" -i 127.0.0.1 -p 16001 \
  -r 200 -m "$AGENTS" -timeout 60 -nostdin >/dev/null 2>&1 || { echo "registration failed"; exit 1; }

cpu0=$(awk '{print $14+$15}' /proc/$pid/stat)
t0=$(date +%s.%N)
peak_rss=0; peak_calls=0
(
  while kill -0 $pid 2>/dev/null; do
    rss=$(awk '/VmRSS/{print $2}' /proc/$pid/status)
    active=$(curl -sf http://127.0.0.1:$HTTP_PORT/metrics | awk '/^plateau_calls_active\{kind="inbound"\}/{print $2}')
    echo "$rss ${active:-0}"
    sleep 1
  done
) > "$work/samples" &
sipp 127.0.0.1:$SIP_PORT -sf bench/sipp/caller_uac.xml -s 5000 -i 127.0.0.1 -p 16002 -mi 127.0.0.1 \
  -r "$RATE" -m "$CALLS" -d "$TALK_MS" -l 100000 -timeout 300 -max_socket 65000 -nostdin \
  -trace_stat -stf "$work/caller.csv" -trace_err -error_file "$work/caller.err" >"$work/caller.out" 2>&1 || true
t1=$(date +%s.%N)
cpu1=$(awk '{print $14+$15}' /proc/$pid/stat)
hz=$(getconf CLK_TCK)

last=$(tail -1 "$work/caller.csv")
hdr=$(head -1 "$work/caller.csv")
col() { echo "$hdr" | tr ';' '\n' | grep -nx "$1" | cut -d: -f1; }
ok=$(echo "$last" | cut -d';' -f"$(col SuccessfulCall\(C\))")
failed=$(echo "$last" | cut -d';' -f"$(col FailedCall\(C\))")
metrics=$(curl -sf http://127.0.0.1:$HTTP_PORT/metrics)
rx=$(echo "$metrics" | awk '/^plateau_rtp_packets_total\{direction="in"\}/{print $2}')
lost=$(echo "$metrics" | awk '/^plateau_rtp_lost_packets_total /{print $2}')
read -r peak_rss peak_calls < <(sort -k2 -n "$work/samples" | tail -1)
base_rss=$(head -1 "$work/samples" | cut -d' ' -f1)
elapsed=$(echo "$t1 - $t0" | bc)
cpu_s=$(echo "($cpu1 - $cpu0) / $hz" | bc -l)

echo "calls attempted:           $CALLS at $RATE/s (sipp), $AGENTS agents, ${TALK_MS} ms talk after a 2 s greeting"
echo "calls completed / failed:  $ok / $failed"
echo "elapsed:                   ${elapsed}s"
echo "peak concurrent calls:     $peak_calls (bridged and recorded)"
echo "RTP packets in / lost:     ${rx:-?} / ${lost:-?}"
echo "plateau CPU:               $(printf '%.1f' "$cpu_s") s = $(echo "scale=2; 100*$cpu_s/$elapsed" | bc) % of one core"
[ "${peak_calls:-0}" -gt 0 ] && echo "CPU per concurrent call:   $(echo "scale=4; 100*$cpu_s/$elapsed/$peak_calls" | bc) % of one core"
[ "${peak_calls:-0}" -gt 0 ] && echo "memory per active call:    $(( (peak_rss - base_rss) / peak_calls )) KiB (RSS growth / peak calls, recording buffers included)"
echo "work dir:                  $work"
kill -TERM $pid; wait $pid || true
