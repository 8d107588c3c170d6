#!/bin/sh
# tests/bench/bench_base58_gnu.sh - time GNU basenc --base58 (encode, and
# decode with -d) as a process, from a file in /dev/shm to /dev/null, on
# the sizes tests/bench/bench_base58 times in memory.
#
#   bench_base58_gnu.sh [--basenc PATH] [--ours PATH] [--bench PATH]
#                       [--runs N] [--dir DIR] [SIZE...]
#
# SIZE: 64K 1M 16M by default (K, M: KiB, MiB).  The inputs are
# DIR/b58-SIZE.bin (random bytes) and DIR/b58-SIZE.txt (their 76-column
# encoding); DIR defaults to /dev/shm/sextet-b58 (else $TMPDIR).  Missing
# ones are written by the benchmark program (--bench, default
# tests/bench/bench_base58 from the current directory, which must be
# built: `make tests/bench/bench_base58`) with --data-dir, so both time
# the same bytes; without that program they come from /dev/urandom and GNU
# encodes them.  --basenc: GNU's basenc (default: basenc on PATH; it must
# know --base58, coreutils 9.8 or later; .ci/gnu-newest DIR makes one).  --ours PATH times another command taking the same options
# beside it (sextet's basenc, once it has --base58).
#
# With hyperfine (Debian: apt-get install hyperfine) each command runs
# --runs times (default 10; 3 from 16 MiB up) after one warm-up run, and
# the table gives hyperfine's mean and minimum wall-clock time and its
# mean user and system CPU time.  Without it, a loop runs each command
# --runs times under /usr/bin/time (or the shell's time) and gives the
# mean and minimum wall-clock time and the mean CPU times.  On a busy
# machine, compare CPU times (bench_base58's "best cpu s") rather than
# wall-clock times.
set -eu

basenc=basenc
ours=""
bench=tests/bench/bench_base58
runs=""
dir=""
while [ $# -gt 0 ]; do
	case $1 in
	--basenc) basenc=${2:?--basenc needs a path}; shift 2 ;;
	--ours) ours=${2:?--ours needs a path}; shift 2 ;;
	--bench) bench=${2:?--bench needs a path}; shift 2 ;;
	--runs) runs=${2:?--runs needs a number}; shift 2 ;;
	--dir) dir=${2:?--dir needs a directory}; shift 2 ;;
	-h|--help) sed -n '2,31s/^# \{0,1\}//p' "$0"; exit 0 ;;
	--) shift; break ;;
	-*) echo "bench_base58_gnu.sh: unknown option '$1'" >&2; exit 2 ;;
	*) break ;;
	esac
done
[ $# -gt 0 ] || set -- 64K 1M 16M
if [ -z "$dir" ]; then
	if [ -d /dev/shm ] && [ -w /dev/shm ]; then
		dir=/dev/shm/sextet-b58
	else
		dir=${TMPDIR:-/tmp}/sextet-b58
	fi
fi
mkdir -p "$dir"
if ! "$basenc" --base58 </dev/null >/dev/null 2>&1; then
	echo "bench_base58_gnu.sh: '$basenc' does not know --base58" \
	    "(GNU coreutils 9.8 or later)" >&2
	exit 1
fi

# Bytes in SIZE (64K, 1M, 100).
bytes() {
	case $1 in
	*K|*k) echo $(( ${1%?} * 1024 )) ;;
	*M|*m) echo $(( ${1%?} * 1048576 )) ;;
	*) echo "$1" ;;
	esac
}

for s in "$@"; do
	[ -f "$dir/b58-$s.bin" ] && [ -f "$dir/b58-$s.txt" ] && continue
	if [ -x "$bench" ]; then
		"$bench" --data-dir "$dir" --data-only "$s" >/dev/null
	else
		head -c "$(bytes "$s")" /dev/urandom >"$dir/b58-$s.bin"
		"$basenc" --base58 "$dir/b58-$s.bin" >"$dir/b58-$s.txt"
	fi
done

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null |
    head -n 1)
echo "cpu: ${cpu:-unknown}"
echo "basenc: $("$basenc" --version | head -n 1)"
[ -z "$ours" ] || echo "ours: $ours"
printf '%-6s %-7s %-5s %10s %10s %10s %10s %5s\n' size op prog \
    "mean s" "min s" "user s" "sys s" runs

# One row: SIZE OP PROG RUNS, then the command.
row_hyperfine() {
	size=$1 op=$2 prog=$3 n=$4
	shift 4
	json=$dir/hyperfine.json
	hyperfine -N --warmup 1 --runs "$n" --output=null \
	    --export-json "$json" -- "$*" >/dev/null 2>&1 || {
		echo "bench_base58_gnu.sh: '$*' failed" >&2
		exit 1
	}
	python3 - "$json" "$size" "$op" "$prog" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%-6s %-7s %-5s %10.4f %10.4f %10.4f %10.4f %5d" % (
    sys.argv[2], sys.argv[3], sys.argv[4], r["mean"], r["min"],
    r["user"], r["system"], len(r["times"])))
EOF
	rm -f "$json"
}

row_loop() {
	size=$1 op=$2 prog=$3 n=$4
	shift 4
	log=$dir/time.log
	: >"$log"
	"$@" >/dev/null # warm-up
	i=0
	while [ "$i" -lt "$n" ]; do
		if [ -x /usr/bin/time ]; then
			/usr/bin/time -a -o "$log" -f '%e %U %S' "$@" >/dev/null
		else
			# bash or dash: no -f; the POSIX format of time -p.
			{ time -p "$@" >/dev/null; } 2>&1 |
			    awk '{ v[$1] = $2 } END { print v["real"], v["user"], v["sys"] }' >>"$log"
		fi
		i=$((i + 1))
	done
	awk -v s="$size" -v o="$op" -v p="$prog" '
	    { w += $1; u += $2; y += $3; if (NR == 1 || $1 < m) m = $1 }
	    END { printf "%-6s %-7s %-5s %10.4f %10.4f %10.4f %10.4f %5d\n",
	        s, o, p, w / NR, m, u / NR, y / NR, NR }' "$log"
	rm -f "$log"
}

if command -v hyperfine >/dev/null 2>&1; then
	row=row_hyperfine
else
	row=row_loop
fi
for s in "$@"; do
	n=${runs:-10}
	[ -n "$runs" ] || [ "$(bytes "$s")" -lt 16777216 ] || n=3
	for prog in gnu ${ours:+ours}; do
		cmd=$basenc
		[ "$prog" = gnu ] || cmd=$ours
		$row "$s" encode "$prog" "$n" "$cmd" --base58 "$dir/b58-$s.bin"
		$row "$s" decode "$prog" "$n" "$cmd" --base58 -d "$dir/b58-$s.txt"
	done
done
