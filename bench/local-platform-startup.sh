#!/usr/bin/env bash
# Measures the embedded default against the foundation targets: time until the launcher reports
# every process healthy, registered and routable (target <= 90 s), and the resident memory of all
# processes together once idle (target < 3 GB). Build first: mvn -q -DskipTests package
# Usage: bench/local-platform-startup.sh [runs]   (uses a fresh OPENCREDIT_HOME per run)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-3}
for i in $(seq 1 "$runs"); do
  home=$(mktemp -d /tmp/opencredit-bench-XXXX)
  out="$home/launcher.out"
  OPENCREDIT_HOME="$home" java -jar local-platform/target/local-platform.jar >"$out" 2>&1 &
  launcher=$!
  for _ in $(seq 1 300); do
    grep -q "OpenCredit is ready" "$out" && break
    kill -0 "$launcher" 2>/dev/null || { cat "$out"; exit 1; }
    sleep 1
  done
  ready=$(grep -o "ready after [0-9]* s" "$out")
  sleep 20  # let startup garbage settle before reading resident memory
  pids=$(pgrep -d, -f "local-platform.jar|target/(discovery|gateway|enterprise-credit-service|personal-credit-service|rating-service|blacklist-service)\.jar")
  rss=$(ps -o rss= -p "$pids" | awk '{s+=$1} END {printf "%.0f", s/1024}')
  t0=$(date +%s%N)
  kill -TERM "$launcher"; wait "$launcher" || true
  stop_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  echo "run $i: $ready; idle RSS of all processes ${rss} MB; clean stop ${stop_ms} ms"
  rm -rf "$home"
done
