#!/usr/bin/env bash
# Load benchmark of callers inside an IVR flow: sipp callers press RFC 4733 digits (sip-tester's dtmf_2833
# pcaps) through a language menu, a 6-digit collect checked against a pattern and a menu loop that keeps them
# in the IVR for about HOLD_S seconds, then choose to end: Plateau says goodbye and hangs up.
#
# Usage: bench/ivr.sh [RATE calls/s] [CALLS total] [HOLD_S seconds in the IVR]
# Prints peak concurrent callers in the IVR, failed calls, RTP out and round-trip loss, CPU and memory per
# caller, and the digits Plateau received against those sipp sent (from the call records' ivr_path).
set -euo pipefail
cd "$(dirname "$0")/.."

RATE=${1:-20}
CALLS=${2:-1000}
HOLD_S=${3:-30}
BIN=${PLATEAU_BIN:-build/src/app/plateau}
SIP_PORT=15070
HTTP_PORT=18090
CALLER_PORT=16010
MEDIA_PORT=26000
RTP_MIN=30000
RTP_MAX=39999
TOKEN=bench-ivr-token-0123456789
PROMPTS=${PLATEAU_BENCH_PROMPTS:-/tmp/plateau-bench-prompts}  # kept between runs: prompts are generated once
work=$(mktemp -d /tmp/plateau-bench-ivr.XXXXXX)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true' EXIT

cat > "$work/provisioning.toml" <<'EOF'
[[tenant]]
name = "bench"
display_name = "Bench"
timezone = "Africa/Casablanca"
language = "fr"

[[trunk]]
tenant = "bench"
name = "local"
addresses = ["127.0.0.0/8"]

[[queue]]
tenant = "bench"
name = "q"
wrapup = 0

[[number]]
tenant = "bench"
did = "7000"
flow = "ivrbench"
queue = "q"
EOF

# The flow: language menu, customer number (6 digits, pattern), then a menu whose choice 1 plays an
# information prompt and comes back, and whose choice 9 ends the call after "goodbye".
cat > "$work/flow.toml" <<'EOF'
[flow]
tenant = "bench"
name = "ivrbench"
languages = ["fr", "ar"]
start = "langue"
max_steps = 2000

[prompts]
enter_id = { fr = "Tapez votre numéro client à six chiffres.", ar = "أَدْخِلُوا رَقْمَ الزَّبُونِ الْمُكَوَّنَ مِنْ سِتَّةِ أَرْقَام." }
menu = { fr = "Pour réécouter nos horaires, tapez 1. Pour terminer, tapez 9.", ar = "لِلِاسْتِمَاعِ إِلَى مَوَاعِيدِنَا اضْغَطُوا عَلَى وَاحِد. لِلْإِنْهَاءِ اضْغَطُوا عَلَى تِسْعَة." }
info = { fr = "Nos agences sont ouvertes du lundi au vendredi, de huit heures à dix-huit heures.", ar = "وَكَالَاتُنَا مَفْتُوحَةٌ مِنَ الْإِثْنَيْنِ إِلَى الْجُمُعَة." }

[[step]]
id = "langue"
type = "language"
choices = { "1" = "fr", "2" = "ar" }
default = "fr"
next = "saisie"

[[step]]
id = "saisie"
type = "collect"
prompt = "enter_id"
into = "customer_number"
min = 6
max = 6
pattern = "^[1-9][0-9]{5}$"
timeout = 10
retries = 3
next = "menu"

[[step]]
id = "menu"
type = "menu"
prompt = "menu"
choices = { "1" = "info", "9" = "fin" }
into = "choice"
timeout = 10
retries = 3

[[step]]
id = "info"
type = "play"
prompt = "info"
next = "menu"

[[step]]
id = "fin"
type = "hangup"
prompt = "goodbye"
served = true
EOF

# The caller's script: Arabic (pressed during the language menu), the customer number, "1" every 3 s
# (during the menu or the information: either way the information plays again), then "9".
LOOPS=$(( HOLD_S > 13 ? (HOLD_S - 10) / 3 : 1 ))
KEYS="2123456$(printf '1%.0s' $(seq 1 $LOOPS))9"
PYTHONPATH=tests/sip python3 - "$work/caller.xml" "$LOOPS" <<'EOF'
import sys
from ivr_caller import digits, pause, scenario_xml
loops = int(sys.argv[2])
script = [pause(1500), digits("2"), pause(1500), digits("123456")]
script += [pause(2600), digits("1")] * loops
script += [pause(1000), digits("9")]
with open(sys.argv[1], "w") as f:
    f.write(scenario_xml(script, "bye", bye_timeout_ms=30000))
EOF

mkdir -p "$PROMPTS"
"$BIN" serve --data-dir "$work/data" --prompts-dir "$PROMPTS" --sip-listen 127.0.0.1:$SIP_PORT \
  --rtp-port-min $RTP_MIN --rtp-port-max $RTP_MAX   --http-listen 127.0.0.1:$HTTP_PORT --http-api-token $TOKEN --provision-file "$work/provisioning.toml" \
  --provision-demo false --log-level warn 2>"$work/plateau.log" &
pid=$!
for _ in $(seq 1 300); do curl -sf http://127.0.0.1:$HTTP_PORT/healthz >/dev/null && break; sleep 0.2; done
curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/toml' --data-binary @"$work/flow.toml" \
  -m 300 http://127.0.0.1:$HTTP_PORT/api/v1/flows >"$work/publish.json" || { echo "publishing failed"; exit 1; }

metric() { awk -v m="$1" 'index($0, m " ") == 1 {print $2}' "$2"; }
curl -sf http://127.0.0.1:$HTTP_PORT/metrics >"$work/metrics0"
cpu0=$(awk '{print $14+$15}' /proc/$pid/stat)
t0=$(date +%s.%N)
# Every second: RSS, callers in the IVR, CPU ticks, time; and the UDP datagrams the kernel dropped because a
# receive buffer was full, on sipp's media socket and on Plateau's RTP sockets (the largest count seen per socket).
python3 - $pid $HTTP_PORT $MEDIA_PORT $RTP_MIN $RTP_MAX $CALLER_PORT "$work/samples" "$work/drops" <<'EOF' &
import os, re, sys, time, urllib.request
pid, http, media, lo, hi, sip = (int(a) for a in sys.argv[1:7])
samples, drops_file = sys.argv[7], sys.argv[8]
seen = {}
with open(samples, "w") as out:
    while os.path.exists("/proc/%d" % pid):
        try:
            rss = re.search(r"VmRSS:\s+(\d+)", open("/proc/%d/status" % pid).read()).group(1)
            f = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
            ticks = int(f[11]) + int(f[12])
            m = urllib.request.urlopen("http://127.0.0.1:%d/metrics" % http, timeout=2).read().decode()
            active = re.search(r'^plateau_calls_active\{kind="inbound"\} (\S+)', m, re.M)
            for line in open("/proc/net/udp").read().splitlines()[1:]:
                c = line.split()
                port = int(c[1].split(":")[1], 16)
                if port in (media, sip) or lo <= port <= hi:
                    key = (port, c[9])
                    seen[key] = max(seen.get(key, 0), int(c[-1]))
        except (OSError, AttributeError, ValueError):
            break
        out.write("%s %d %d %.3f\n" % (rss, int(float(active.group(1))) if active else 0, ticks, time.time()))
        out.flush()
        sipp = sum(v for (p, _), v in seen.items() if p == media)
        sipp_sip = sum(v for (p, _), v in seen.items() if p == sip)
        with open(drops_file, "w") as d:
            d.write("%d %d %d\n" % (sipp, sum(seen.values()) - sipp - sipp_sip, sipp_sip))
        time.sleep(1)
EOF
TIMEFORMAT='%U %S'
{ time sipp 127.0.0.1:$SIP_PORT -sf "$work/caller.xml" -s 7000 -i 127.0.0.1 -p $CALLER_PORT -mi 127.0.0.1 \
  -mp $MEDIA_PORT -rtp_echo -r "$RATE" -m "$CALLS" -l 100000 -timeout $((HOLD_S + 600)) -max_socket 65000 \
  -nostdin -trace_stat -stf "$work/caller.csv" -trace_err -error_file "$work/caller.err" \
  >"$work/caller.out" 2>&1 || true; } 2>"$work/sipp.time"
t1=$(date +%s.%N)
cpu1=$(awk '{print $14+$15}' /proc/$pid/stat)
sleep 2  # the last call records reach the store
curl -sf http://127.0.0.1:$HTTP_PORT/metrics >"$work/metrics1"
curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$HTTP_PORT/api/v1/calls?tenant=bench&limit=100000" \
  >"$work/calls.json"
hz=$(getconf CLK_TCK)

last=$(tail -1 "$work/caller.csv")
hdr=$(head -1 "$work/caller.csv")
col() { echo "$hdr" | tr ';' '\n' | grep -nx "$1" | cut -d: -f1; }
ok=$(echo "$last" | cut -d';' -f"$(col SuccessfulCall\(C\))")
failed=$(echo "$last" | cut -d';' -f"$(col FailedCall\(C\))")
# delta METRIC [FORMAT]: its increase during the run (values may be written 1.5e-05).
delta() { awk -v a="$(metric "$1" "$work/metrics0")" -v b="$(metric "$1" "$work/metrics1")" -v f="${2:-%.0f}" \
  'BEGIN { printf f "\n", b - a }'; }
tx=$(delta 'plateau_rtp_packets_total{direction="out"}')
rx=$(delta 'plateau_rtp_packets_total{direction="in"}')
read -r peak_rss peak_sampled _ < <(sort -k2 -n "$work/samples" | tail -1)
base_rss=$(head -1 "$work/samples" | cut -d' ' -f1)
max_rss=$(awk '$2 > 0 && $1 > m {m = $1} END {print m + 0}' "$work/samples")  # while callers were in; the call query after adds its own
elapsed=$(echo "$t1 - $t0" | bc)
# CPU while at least 90 % of the peak sampled callers were in the IVR: the load of that many callers.
read -r steady_pct steady_callers < <(awk -v hz="$(getconf CLK_TCK)" -v peak="$peak_sampled" '
  { ok = peak > 0 && $2 >= 0.9 * peak
    if (ok && prev_ok) { ticks += $3 - t; secs += $4 - s; callers += $2; n++ }
    prev_ok = ok; t = $3; s = $4 }
  END { if (secs > 0) printf "%.1f %.0f\n", 100 * ticks / hz / secs, callers / n; else print "0 0" }' "$work/samples")
cpu_s=$(echo "($cpu1 - $cpu0) / $hz" | bc -l)
sipp_cpu_s=$(awk '{print $1 + $2}' "$work/sipp.time")
[ -f "$work/drops" ] || echo "? ? ?" >"$work/drops"
read -r drops_sipp drops_plateau drops_sipp_sip < "$work/drops"

# From the call records: peak concurrency (start/end), time in the IVR, digits received per call.
# RTP packets of one press of each key (the pcaps' records) tell sipp's digits from the echoed prompts.
read -r records peak ivr_s served digits_rx calls_exact ends digit_pkts < <(python3 - "$work/calls.json" "$KEYS" <<'EOF'
import collections, json, struct, sys
calls = json.load(open(sys.argv[1]))["calls"]
keys = sys.argv[2]
def packets(k):
    d = open("/usr/share/sip-tester/dtmf_2833_%s.pcap" % {"#": "pound", "*": "star"}.get(k, k), "rb").read()
    n, off = 0, 24
    while off + 16 <= len(d):
        n, off = n + 1, off + 16 + struct.unpack("<I", d[off + 8:off + 12])[0]
    return n
per_key = {k: packets(k) for k in "0123456789*#"}
edges, answered, served, rx, exact, ends, pkts = [], 0.0, 0, 0, 0, collections.Counter(), 0
for c in calls:
    edges += [(c["start_ms"], 1), (c["end_ms"], -1)]
    answered += (c["end_ms"] - c["start_ms"]) / 1000.0
    path = c.get("ivr_path") or {}
    got = "".join(s.get("in", "") for s in path.get("steps", []))
    rx += len(got)
    pkts += sum(per_key[k] for k in got)
    exact += got == keys
    ends[c.get("ivr_end") or "none"] += 1
    served += c.get("ivr_end") == "served"
peak = cur = 0
for _, d in sorted(edges):
    cur += d
    peak = max(peak, cur)
print(len(calls), peak, "%.0f" % answered, served, rx, exact, ",".join("%s:%d" % kv for kv in sorted(ends.items())), pkts)
EOF
)
sent=$(( ok * ${#KEYS} ))
echoed=$(( rx - digit_pkts ))
lost=$(( tx - echoed ))

echo "calls attempted:             $CALLS at $RATE/s (sipp), ${#KEYS} digits each (\"$KEYS\"), about ${HOLD_S} s in the IVR"
echo "calls completed / failed:    $ok / $failed (call records: $records; IVR ends: $ends)"
echo "elapsed:                     ${elapsed}s"
echo "peak concurrent IVR callers: $peak (call records; $peak_sampled in the 1 s samples of plateau_calls_active)"
echo "digits received / sent:      $digits_rx / $sent by the completed calls ($calls_exact calls saw exactly their ${#KEYS} digits)"
echo "RTP out (prompts):           $tx packets = $(awk -v t="$tx" -v s="$ivr_s" 'BEGIN { printf "%.1f", s ? 100 * t / 50 / s : 0 }') % of the time callers spent in the IVR"
echo "RTP round-trip loss:         $lost of $tx ($(echo "scale=4; 100 * $lost / $tx" | bc) %; sipp echoes the prompts back)"
echo "UDP drops (full buffers):    $drops_sipp at sipp's media socket, $drops_plateau at Plateau's RTP sockets, $drops_sipp_sip at sipp's SIP socket"
[ "$drops_sipp" != "?" ] && echo "RTP lost elsewhere:          $(( lost - drops_sipp )) (round-trip loss less sipp's drops)"
echo "sipp CPU:                    $(printf '%.1f' "$sipp_cpu_s") s = $(echo "scale=2; 100*$sipp_cpu_s/$elapsed" | bc) % of one core"
ticks=$(delta plateau_media_tick_seconds_count)
slow=$(( ticks - $(delta 'plateau_media_tick_seconds_bucket{le="0.02"}') ))
echo "media ticks (20 ms):         $ticks, mean $(awk -v s="$(delta plateau_media_tick_seconds_sum %.6f)" -v n="$ticks" \
  'BEGIN { printf "%.2f", n ? 1000 * s / n : 0 }') ms, $slow longer than 20 ms"
echo "plateau CPU:                 $(printf '%.1f' "$cpu_s") s = $(echo "scale=2; 100*$cpu_s/$elapsed" | bc) % of one core"
echo "plateau CPU at the plateau:  $steady_pct % of one core with $steady_callers callers in the IVR (samples >= 90 % of the peak)"
[ "${steady_callers:-0}" -gt 0 ] && echo "CPU per concurrent caller:   $(echo "scale=4; $steady_pct / $steady_callers" | bc) % of one core"
[ "${peak:-0}" -gt 0 ] && echo "RSS growth per caller:       $(( (max_rss - base_rss) / peak )) KiB (peak RSS $((max_rss / 1024)) MiB - start $((base_rss / 1024)) MiB, / peak callers)"
echo "work dir:                    $work"
kill -TERM $pid; wait $pid || true
pid=
