#!/usr/bin/env bash
# HTTP load benchmark (issue 4): wrk against `parley serve` answering GET /v1/edges?relation=proposed on a
# database of >= 10,000 ingested articles, next to nginx serving the very same response body as a static
# file on the same machine. Prints requests/s and p50/p99 latency for both, and their ratio.
#
# Usage: bench/http/run.sh            (env: ARTICLES=10000 DURATION=10 CONNECTIONS=32 THREADS=2 BUILD=…)
# Needs: wrk, nginx-light (scripts/setup.sh installs both), a C++ toolchain. Writes into bench/out/http/.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
articles=${ARTICLES:-10000}
duration=${DURATION:-10}
connections=${CONNECTIONS:-32}
wrk_threads=${THREADS:-2}
build=${BUILD:-$root/build/bench-release}
out=$root/bench/out/http
parley_port=${PARLEY_PORT:-18080}
nginx_port=${NGINX_PORT:-18081}
target="/v1/edges?relation=proposed"

command -v wrk >/dev/null || { echo "bench: wrk is missing (run scripts/setup.sh)" >&2; exit 1; }
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
[[ -x $nginx_bin ]] || { echo "bench: nginx is missing (run scripts/setup.sh)" >&2; exit 1; }

echo "== build (Release) in $build"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPARLEY_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j2 --target parley >/dev/null
parley=$build/cli/parley

mkdir -p "$out/www/v1"
db=$out/bench.db
if [[ ! -f $db || $(sqlite3 "$db" 'SELECT count(*) FROM articles') -lt $articles ]]; then
  echo "== generating $articles articles and ingesting them into $db"
  rm -f "$db" "$db-wal" "$db-shm"
  awk -v n="$articles" -f "$root/bench/http/generate_articles.awk" > "$out/articles.ndjson"
  /usr/bin/time -f "ingest: %e s, max RSS %M KiB" "$parley" ingest --db "$db" --quiet "$out/articles.ndjson"
fi
echo "== database: $(sqlite3 "$db" 'SELECT count(*) FROM articles') articles, $(sqlite3 "$db" 'SELECT count(*) FROM edges') facts, $(sqlite3 "$db" 'SELECT count(*) FROM evidence') mentions"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

"$parley" serve --db "$db" --listen "127.0.0.1:$parley_port" --quiet --threads 2 --web-root "" &
pids+=($!)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$parley_port/readyz" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$parley_port$target" > "$out/www/v1/edges"
bytes=$(wc -c < "$out/www/v1/edges")

# nginx with the same body at the same path, as a static file (no logging, 2 workers like our 2 I/O threads).
mkdir -p "$out/nginx"
cat > "$out/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $out/nginx/nginx.pid;
error_log $out/nginx/error.log;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $out/nginx; proxy_temp_path $out/nginx; fastcgi_temp_path $out/nginx;
  uwsgi_temp_path $out/nginx; scgi_temp_path $out/nginx;
  server {
    listen 127.0.0.1:$nginx_port;
    root $out/www;
    location /v1/ { default_type application/json; try_files /v1/edges =404; }
  }
}
CONF
"$nginx_bin" -c "$out/nginx/nginx.conf" -p "$out/nginx" &
pids+=($!)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$nginx_port$target" >/dev/null && break; sleep 0.1; done
cmp -s <(curl -sf "http://127.0.0.1:$nginx_port$target") "$out/www/v1/edges" || { echo "bench: nginx body differs" >&2; exit 1; }

run_wrk() {  # name url -> prints "name req/s p50 p99"
  local report
  report=$(wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --latency "$2")
  echo "$report" > "$out/wrk-$1.txt"
  local rps p50 p99
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$report")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$report")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$report")
  echo "$1 $rps $p50 $p99"
}

echo "== wrk -t$wrk_threads -c$connections -d${duration}s --latency, body $bytes bytes"
curl -s "http://127.0.0.1:$parley_port$target" >/dev/null  # warm the page cache and statement cache
parley_line=$(run_wrk parley "http://127.0.0.1:$parley_port$target")
nginx_line=$(run_wrk nginx "http://127.0.0.1:$nginx_port$target")
printf '%-8s %12s %10s %10s\n' server "req/s" p50 p99
for line in "$parley_line" "$nginx_line"; do printf '%-8s %12s %10s %10s\n' $line; done
awk -v a="$(cut -d' ' -f2 <<<"$parley_line")" -v b="$(cut -d' ' -f2 <<<"$nginx_line")" \
  'BEGIN { printf "ratio parley/nginx (req/s): %.3f\n", a / b }'
echo "(full wrk reports in $out/wrk-*.txt)"
