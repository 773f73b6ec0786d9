#!/usr/bin/env bash
# Server throughput and latency: a signed DescribeUserPool, GetUser with an access token, and
# the ceiling (an empty route on a bare Hummingbird app), each with wrk on loopback against a
# release build. Usage: Benchmarks/server-bench.sh [duration-seconds] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
rounds=${2:-3}
connections=${CONNECTIONS:-32}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
flags=(-c release ${SCRATCH:+--scratch-path "$SCRATCH"})
swift build "${flags[@]}" --product atelier >/dev/null
swift build "${flags[@]}" --product atelier-bench-ceiling >/dev/null
bin=$(swift build "${flags[@]}" --show-bin-path)
work=$(mktemp -d)
export ATELIER_ROOT_ACCESS_KEY_ID=AKIABENCHMARK0000001 ATELIER_ROOT_SECRET_ACCESS_KEY=benchmark-secret-key-0123456789
export AWS_ACCESS_KEY_ID=$ATELIER_ROOT_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY=$ATELIER_ROOT_SECRET_ACCESS_KEY
export AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
"$bin/atelier" serve --listen 127.0.0.1:18080 --data-dir "$work/data" --log-level error >"$work/serve.log" 2>&1 &
serve=$!
"$bin/atelier-bench-ceiling" 18090 >/dev/null 2>&1 &
ceiling=$!
trap 'kill $serve $ceiling 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -sf http://127.0.0.1:18080/healthz >/dev/null && curl -s http://127.0.0.1:18090/ >/dev/null && break; sleep 0.1; done
aws="aws --endpoint-url http://127.0.0.1:18080 --output text"
pool=$($aws cognito-idp create-user-pool --pool-name bench --query UserPool.Id)
client=$($aws cognito-idp create-user-pool-client --user-pool-id "$pool" --client-name bench \
  --explicit-auth-flows ALLOW_USER_PASSWORD_AUTH ALLOW_REFRESH_TOKEN_AUTH --query UserPoolClient.ClientId)
$aws cognito-idp admin-create-user --user-pool-id "$pool" --username bench >/dev/null
$aws cognito-idp admin-set-user-password --user-pool-id "$pool" --username bench --password 'Bench-Passw0rd!' --permanent
token=$($aws cognito-idp initiate-auth --auth-flow USER_PASSWORD_AUTH --client-id "$client" \
  --auth-parameters 'USERNAME=bench,PASSWORD=Bench-Passw0rd!' --query AuthenticationResult.AccessToken)
python3 Benchmarks/server/sign.py http://127.0.0.1:18080 AWSCognitoIdentityProviderService.DescribeUserPool \
  "{\"UserPoolId\": \"$pool\"}" >"$work/describe.lua"
python3 Benchmarks/server/sign.py http://127.0.0.1:18080 AWSCognitoIdentityProviderService.GetUser \
  "{\"AccessToken\": \"$token\"}" --unsigned >"$work/getuser.lua"
printf 'wrk.method = "POST"\n' >"$work/ceiling.lua"

measure() { # name url script
  wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$3" "$2" >"$work/out.txt"
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/out.txt")
  p50=$(awk '$1=="50%" {print $2}' "$work/out.txt")
  p99=$(awk '$1=="99%" {print $2}' "$work/out.txt")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$work/out.txt")
  echo "$1 rps=$rps p50=$p50 p99=$p99 non2xx=${non2xx:-0}"
}
echo "# wrk -t2 -c$connections -d${duration}s, $rounds rounds, $(nproc) cores, $(date -u +%FT%TZ)"
for round in $(seq "$rounds"); do
  measure ceiling http://127.0.0.1:18090/ "$work/ceiling.lua"
  measure describe-user-pool-signed http://127.0.0.1:18080/ "$work/describe.lua"
  measure get-user-token http://127.0.0.1:18080/ "$work/getuser.lua"
done
