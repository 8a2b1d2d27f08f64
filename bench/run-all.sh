#!/usr/bin/env bash
# Runs every scenario with the settings of docs/benchmarks.md, alternating the raw Netty reference
# and the service (replicas: one service instance and two sharing a private Redis), and gathers
# the reports in one file. Usage: bench/run-all.sh <service-jar> [rounds] [out-file]
# Every run is bounded (counts, durations and timeouts below); all traffic stays on 127.0.0.x.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$(realpath "$1")"
rounds="${2:-3}"
out="$(realpath -m "${3:-$here/target/bench-results/all-$(date +%Y%m%d-%H%M%S).md}")"
bench="$here/target/plugin-io-bench.jar"
[ -f "$bench" ] || (cd "$here" && ../mvnw -q -DskipTests package)
mkdir -p "$(dirname "$out")"
cd "$here"
run() {
  local label="$1" name="$2"; shift 2
  echo "### $label: $name $*" | tee -a "$out"
  echo >> "$out"
  timeout 1800 java -Xmx2g -jar "$bench" "$name" --service-jar "$jar" --rounds "$rounds" \
    --out "target/bench-results/$label.md" "$@"
  cat "target/bench-results/$label.md" >> "$out"
  echo >> "$out"
}
echo "# plugin-io benchmarks, $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" > "$out"
echo >> "$out"
scenarios="${SCENARIOS:-fanout idle storm replicas channels fanout-100}"
for s in $scenarios; do
  case "$s" in
    fanout)     run fanout     fanout   --subscribers 1000 --publishers 8 --rate 20  --warmup 10 --duration 30 ;;
    fanout-100) run fanout-100 fanout   --subscribers 1000 --publishers 8 --rate 100 --warmup 10 --duration 20 ;;
    idle)       run idle       idle     --connections 10000 --connect-rate 2000 --class-histogram "target/bench-results/idle-heap-per-connection-{system}.txt" ;;
    storm)      run storm      storm    --connections 5000 --max-in-flight 1000 --warmup-connections 3000 ;;
    channels)   run channels   channels --subscribers 2000 --channels 200 --publishers 8 --rate 200 --warmup 10 --duration 20 ;;
    replicas)   run replicas   replicas --subscribers 1000 --publishers 8 --rate 20 --warmup 10 --duration 30 ;;
    *) echo "unknown scenario $s" >&2; exit 2 ;;
  esac
done
echo "all reports in $out"
