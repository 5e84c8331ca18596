#!/usr/bin/env bash
# Screen-pop look-ups over the HTTP API with N customers in SQLite (the embedded store): requests per second and
# latency of the look-up by calling number (GET /api/v1/customers?tenant=&phone=) and of the customer card
# (GET /api/v1/customers/{tenant}/{id}) and of the search box by first and last name
# (GET /api/v1/customers/{tenant}/search?q=), with wrk (Debian package, installed here if missing) as the client.
#
# Usage: bench/crm/screenpop.sh [CUSTOMERS] [SECONDS] [CONNECTIONS]
# The customers are generated once per N (bench/crm/gen_customers.py) and imported with `plateau crm import`
# into a data directory kept under /tmp between runs; the import time is printed.
set -euo pipefail
cd "$(dirname "$0")/../.."

CUSTOMERS=${1:-1000000}
SECONDS_RUN=${2:-20}
CONNECTIONS=${3:-16}
BIN=${PLATEAU_BIN:-build/src/app/plateau}
HTTP_PORT=18091
TOKEN=bench-crm-token-0123456789
DATA=/tmp/plateau-bench-crm-$CUSTOMERS
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null || true' EXIT

command -v wrk >/dev/null || { echo "installing wrk"; DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null; }

if [ ! -f "$DATA/imported" ]; then
  rm -rf "$DATA" && mkdir -p "$DATA"
  printf '[[tenant]]\nname = "bench"\ndisplay_name = "Bench"\ntimezone = "Africa/Casablanca"\nlanguage = "fr"\n' \
    > "$DATA/provisioning.toml"
  "$BIN" provision --data-dir "$DATA" "$DATA/provisioning.toml" >/dev/null
  python3 bench/crm/gen_customers.py "$CUSTOMERS" > "$DATA/customers.csv"
  start=$(date +%s.%N)
  "$BIN" crm import --data-dir "$DATA" --tenant bench "$DATA/customers.csv" | tail -1
  end=$(date +%s.%N)
  echo "import of $CUSTOMERS customers: $(echo "$end - $start" | bc) s"
  rm "$DATA/customers.csv"
  touch "$DATA/imported"
fi
echo "database: $(du -h "$DATA/plateau.db" | cut -f1)"

"$BIN" serve --data-dir "$DATA" --sip-listen 127.0.0.1:15071 --rtp-port-min 40000 --rtp-port-max 40099 \
  --http-listen 127.0.0.1:$HTTP_PORT --http-api-token $TOKEN --provision-demo false --recording-enabled false \
  --log-level warn 2>"$DATA/plateau.log" &
pid=$!
for _ in $(seq 600); do curl -sf "http://127.0.0.1:$HTTP_PORT/healthz" >/dev/null && break; sleep 0.1; done

for lookup in ${LOOKUPS:-phone id name}; do
  cpu0=$(awk '{print $14 + $15}' /proc/$pid/stat)
  printf '%-6s ' "$lookup:"
  CUSTOMERS=$CUSTOMERS LOOKUP=$lookup TOKEN=$TOKEN TENANT=bench \
    wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" -s bench/crm/lookup.lua "http://127.0.0.1:$HTTP_PORT" | tail -1
  cpu1=$(awk '{print $14 + $15}' /proc/$pid/stat)
  echo "        plateau CPU: $(( (cpu1 - cpu0) * 100 / $(getconf CLK_TCK) / SECONDS_RUN )) % of a core"
done
echo "plateau RSS: $(awk '/VmRSS/ {print $2 " " $3}' /proc/$pid/status)"
