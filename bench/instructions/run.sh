#!/usr/bin/env bash
# Instruction counts, whole process, Native AOT: each client reads the same 100,000-chunk DeepSeek stream from a
# loopback server (bench/instructions/StreamServer, the replay server serving ScriptedReply's bytes), once under
# valgrind's callgrind (instructions: they do not move with the machine's load) and once under /usr/bin/time
# (peak RSS). Prints each client's instructions, its ratio to the floor, and its peak RSS. The clients: the floor,
# the library with default options, and the `reason` CLI (plain text to a file, and --json).
#
#   bash bench/instructions/run.sh                 # floor, library (and the CLI where built)
#   bash bench/instructions/run.sh --jit 7         # JIT CPU time instead: 7 paired runs of floor and library
#   bash bench/instructions/run.sh --annotate      # also write callgrind_annotate's top functions per client
#   bash bench/instructions/run.sh --no-publish    # measure the binaries published by the last run again
#
# Needs valgrind and /usr/bin/time (Debian: apt-get install valgrind time); strace, where present, counts the
# write(2) calls each client makes to stdout and stderr. Output and profiles go to
# ${BENCH_OUT:-/tmp/reasonstream-instructions}.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${BENCH_OUT:-/tmp/reasonstream-instructions}"
chunks="${BENCH_CHUNKS:-100000}"
mode=aot
pairs=7
annotate=0
publish=1
while [ $# -gt 0 ]; do
  case "$1" in
    --jit) mode=jit; if [ $# -gt 1 ] && [[ "$2" =~ ^[0-9]+$ ]]; then pairs="$2"; shift; fi ;;
    --annotate) annotate=1 ;;
    --no-publish) publish=0 ;;
    *) echo "usage: run.sh [--jit [PAIRS]] [--annotate] [--no-publish]" >&2; exit 2 ;;
  esac
  shift
done

mkdir -p "$out"
clients=(floor library)

publish() { # name project
  local name="$1" project="$2"
  if [ "$publish" = 0 ] && [ -x "$out/$name/$name.measured" ]; then return; fi
  echo "publishing $name (Native AOT)..." >&2
  # Symbols kept in the binary (valgrind 3.19 cannot read the SDK's separate .dbg file), then the DWARF is
  # dropped so callgrind reads only the symbol table: the code is the same as a normal publish's.
  dotnet publish "$project" -c Release -p:StripSymbols=false -o "$out/$name" --nologo -v quiet > "$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
  objcopy --strip-debug "$out/$name/$name" "$out/$name/$name.measured"
}

build_jit() { # name project
  echo "building $1 (JIT)..." >&2
  dotnet build "$2" -c Release -o "$out/jit-$1" --nologo -v quiet > "$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
}

# The server, not measured: JIT, separate process, stopped when its standard input closes.
[ "$publish" = 0 ] && [ -x "$out/server/stream-server" ] || dotnet build "$here/StreamServer" -c Release -o "$out/server" --nologo -v quiet > "$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
rm -f "$out/server.in"
mkfifo "$out/server.in"
"$out/server/stream-server" "$chunks" < "$out/server.in" > "$out/server.out" 2>&1 &
server_pid=$!
exec 3> "$out/server.in"
trap 'exec 3>&-; wait "$server_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do [ -s "$out/server.out" ] && [ "$(wc -l < "$out/server.out")" -ge 2 ] && break; sleep 0.1; done
url="$(head -1 "$out/server.out")"
echo "stream: $(sed -n 2p "$out/server.out") at $url" >&2

if [ "$mode" = jit ]; then
  build_jit floor "$here/Floor"
  build_jit library "$here/Library"
  runs=8
  # Per process: the median CPU time of its warm runs (runs 3..8); per pair: library ÷ floor, run back to back.
  median_warm() { grep -o 'cpu_ms=[0-9.]*' | tail -n +3 | cut -d= -f2 | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
  ratios=()
  for p in $(seq 1 "$pairs"); do
    f=$(dotnet "$out/jit-floor/floor.dll" "$url" --repeat $runs | median_warm)
    l=$(dotnet "$out/jit-library/library.dll" "$url" --repeat $runs | median_warm)
    r=$(awk -v f="$f" -v l="$l" 'BEGIN {printf "%.3f", l / f}')
    ratios+=("$r")
    printf 'pair %d: floor %s ms, library %s ms, ratio %s\n' "$p" "$f" "$l" "$r"
  done
  printf '%s\n' "${ratios[@]}" | sort -g | awk '{a[NR]=$1} END {printf "JIT CPU time, library / floor: median %.3f (min %.3f, max %.3f) over %d pairs\n", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2), a[1], a[NR], NR}'
  exit 0
fi

publish floor "$here/Floor"
publish library "$here/Library"
publish reason "$here/../../src/ReasonStream.Cli"
clients+=(cli cli-json)
# The CLI as a user runs it, logging included, in a data and config folder of its own; stdout goes to a file.
export REASON_DATA_DIR="$out/cli-data" REASON_CONFIG_DIR="$out/cli-config"
mkdir -p "$REASON_DATA_DIR" "$REASON_CONFIG_DIR"

command_for() { # client -> command line
  case "$1" in
    floor) echo "$out/floor/floor.measured $url" ;;
    library) echo "$out/library/library.measured $url" ;;
    cli) echo "$out/reason/reason.measured --base-url $url -m deepseek-flash Explain" ;;
    cli-json) echo "$out/reason/reason.measured --base-url $url -m deepseek-flash --json Explain" ;;
  esac
}

printf '%-10s %15s %8s %10s %8s   %s\n' client instructions ratio "peak RSS" "writes" "check"
floor_ir=""
for client in "${clients[@]}"; do
  cmd=$(command_for "$client")
  # shellcheck disable=SC2086
  valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.$client" $cmd > "$out/$client.stdout" 2> "$out/$client.valgrind"
  ir=$(grep -o 'Collected : [0-9]*' "$out/$client.valgrind" | awk '{print $3}')
  # shellcheck disable=SC2086
  /usr/bin/time -v $cmd > /dev/null 2> "$out/$client.time"
  rss_kb=$(grep 'Maximum resident set size' "$out/$client.time" | awk '{print $NF}')
  if [ -z "$floor_ir" ]; then floor_ir=$ir; fi
  check=$(grep -o 'characters=[0-9]* updates=[0-9]*' "$out/$client.stdout" | head -1 || true)
  [ -n "$check" ] || check="stdout $(wc -c < "$out/$client.stdout") bytes"
  # write(2) calls to stdout and stderr (the reasoning goes to stderr), counted by strace in a third run
  writes="-"
  if command -v strace > /dev/null; then
    # shellcheck disable=SC2086
    strace -f -qq -e trace=write,writev -o "$out/$client.strace" $cmd > /dev/null 2>&1 || true
    writes=$(grep -cE '(write|writev)\([12],' "$out/$client.strace" || true)
  fi
  printf '%-10s %15s %8s %7.1f MiB %8s   %s\n' "$client" "$ir" "$(awk -v a="$ir" -v b="$floor_ir" 'BEGIN {printf "%.3f", a / b}')" "$(awk -v k="$rss_kb" 'BEGIN {print k / 1024}')" "$writes" "$check"
  if [ "$annotate" = 1 ]; then
    callgrind_annotate "$out/callgrind.$client" 2>/dev/null | sed -n '/file:function/,$p' | head -60 > "$out/$client.top" || true
  fi
done
if [ "$annotate" = 1 ]; then echo "top functions: $out/*.top" >&2; fi
exit 0
