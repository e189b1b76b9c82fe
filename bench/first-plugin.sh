#!/usr/bin/env bash
# Times what a new user does, as they would type it, from `git clone` to a loaded plugin written from
# the template; then `cao --version` and `cao session list` as the installed tool against
# `dotnet run --project src/CliAgentOrchestrator --` (medians of N runs, with the ratio).
# Everything goes to a temporary folder: the tool is installed with --tool-path, the template into a
# private DOTNET_CLI_HOME, CAO_HOME_DIR and the tmux socket are private. The NuGet package cache is
# the machine's unless --cold is given (then a private, empty one: a fresh machine, much slower).
# Usage: bench/first-plugin.sh [--runs N] [--cold] [--keep]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
runs=5; cold=0; keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --cold) cold=1; shift ;;
    --keep) keep=1; shift ;;
    *) echo "error: unknown option $1" >&2; exit 2 ;;
  esac
done
work="$(mktemp -d /tmp/cao-bench-XXXXXX)"
socket="cao-bench-$$"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  tmux -L "$socket" kill-server 2>/dev/null || true
  [ "$keep" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT
export DOTNET_CLI_HOME="$work/dotnet-home" CAO_HOME_DIR="$work/cao-home" CAO_TMUX_SOCKET="$socket"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 MSBUILDDISABLENODEREUSE=1
[ "$cold" = 1 ] && export NUGET_PACKAGES="$work/nuget"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export CAO_API_PORT="$port"
now() { date +%s.%N; }
declare -a names=() secs=()
step() { # step <name> <command...>: runs it, records its wall time
  local name="$1"; shift
  local t0; t0=$(now)
  "$@" >"$work/step.log" 2>&1 || { echo "step '$name' failed:"; tail -20 "$work/step.log"; exit 1; }
  names+=("$name"); secs+=("$(echo "$(now) - $t0" | bc)")
}

start=$(now)
step "git clone" git clone -q "$repo" "$work/cao"
cd "$work/cao"
step "./install.sh" ./install.sh --tool-path "$work/tools" --feed "$work/feed"
export PATH="$work/tools:$PATH"
mkdir -p "$work/plugins" && cd "$work/plugins"
step "cao plugin new Hello" cao plugin new Hello
cd Hello
step "dotnet test" dotnet test
step "cao plugin install Hello" cao plugin install Hello
t0=$(now)
cao server >"$work/server.log" 2>&1 & server_pid=$!
until grep -q "Loaded CAO plugin: hello" "$work/server.log" 2>/dev/null; do
  kill -0 "$server_pid" 2>/dev/null || { echo "server exited:"; cat "$work/server.log"; exit 1; }
  sleep 0.1
done
names+=("cao server → Loaded CAO plugin: hello"); secs+=("$(echo "$(now) - $t0" | bc)")
total=$(echo "$(now) - $start" | bc)

echo "From git clone to a loaded plugin (NuGet cache: $([ "$cold" = 1 ] && echo "empty, private" || echo "the machine's")):"
for i in "${!names[@]}"; do printf '  %-42s %7.1f s\n' "${names[$i]}" "${secs[$i]}"; done
printf '  %-42s %7.1f s\n' "total" "$total"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_runs() { # time_runs <command...>: median wall time of $runs runs
  for _ in $(seq "$runs"); do
    local t0; t0=$(now); "$@" >/dev/null 2>&1 || true; echo "$(now) - $t0" | bc
  done | median
}
cd "$work/cao"
dotnet build -v q src/CliAgentOrchestrator >/dev/null 2>&1   # dotnet run's first build is not what is measured
echo "Command start-up, median of $runs runs (server running for session list):"
for args in "--version" "session list"; do
  # shellcheck disable=SC2086
  tool=$(time_runs cao $args)
  # shellcheck disable=SC2086
  source=$(time_runs dotnet run --project src/CliAgentOrchestrator -- $args)
  printf '  cao %-14s installed tool %6.2f s   dotnet run %6.2f s   ratio %5.1fx\n' "$args" "$tool" "$source" "$(echo "$source / $tool" | bc -l)"
done
