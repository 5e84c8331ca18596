#!/usr/bin/env bash
# Instructions per routing decision of the ACD engine, counted by callgrind: unlike times, the count does not
# depend on the machine, its load or its caches, so it shows how the work itself grows with the size.
#
# Usage: bench/acd/callgrind.sh [AGENTS...] [-- more plateau-acd-bench options]   (default: 100 1000 10000)
# Each size runs twice under callgrind, 2,000 and 6,000 measured rounds after the same fill and warm-up; the
# difference in instructions divided by the difference in calls is the cost of one call in the steady state.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${PLATEAU_ACD_BENCH:-build/bench/acd/plateau-acd-bench}
sizes=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do sizes+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000)
work=$(mktemp -d /tmp/plateau-acd-callgrind.XXXXXX)

# inclusive FUNCTION FILE: the inclusive instruction count of a function (the largest of its entries).
inclusive() {
  { grep -F ":plateau::acd::$1(" "$2" || true; } | awk '{gsub(",", "", $1); x = $1 + 0; if (x > m) m = x} END {printf "%.0f\n", m}'
}

echo "| agents | contact arrives: instructions per call | of which match_contact | of which check_requirement \
| agent ready: instructions per call | of which match_agent |"
echo "| --- | --- | --- | --- | --- | --- |"
for n in "${sizes[@]}"; do
  declare -A v=()
  for rounds in 2000 6000; do
    out=$work/$n-$rounds
    valgrind --tool=callgrind --callgrind-out-file="$out.cg" --collect-atstart=no \
      --toggle-collect='plateau::acd::Engine::enqueue*' --toggle-collect='plateau::acd::Engine::ended*' \
      --toggle-collect='plateau::acd::Engine::set_ready*' \
      "$BIN" --agents "$n" --samples $rounds --warmup 1000 --no-naive "$@" >/dev/null 2>"$out.err"
    callgrind_annotate --inclusive=yes --auto=no --threshold=100 "$out.cg" >"$out.txt" 2>/dev/null
    read -r ready arrivals < <(sed -nE 's/.*: ([0-9]+) agent-ready \+ ([0-9]+) contact-arrival.*/\1 \2/p' "$out.err")
    v[$rounds.ready]=$ready
    v[$rounds.arrivals]=$arrivals
    for f in Engine::enqueue Engine::ended Engine::set_ready Engine::State::match_contact \
             Engine::State::match_agent check_requirement; do
      v[$rounds.$f]=$(inclusive "$f" "$out.txt")
    done
  done
  per() {  # per FUNCTION... CALLS: instructions per call, summed over the functions
    local calls=$1; shift; local d=0
    for f in "$@"; do d=$((d + ${v[6000.$f]} - ${v[2000.$f]})); done
    echo $((d / (${v[6000.$calls]} - ${v[2000.$calls]})))
  }
  echo "| $n | $(per arrivals Engine::enqueue) | $(per arrivals Engine::State::match_contact) \
| $(per arrivals check_requirement) | $(per ready Engine::ended Engine::set_ready) \
| $(per ready Engine::State::match_agent) |"
  unset v
done
rm -rf "$work"
