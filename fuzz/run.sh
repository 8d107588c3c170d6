#!/bin/bash
# fuzz/run.sh - build the fuzz harnesses straight from the sources (no
# autotools) and run them.
#
#   fuzz/run.sh [--afl] [--jobs N] [--build-only] [SECONDS [TARGET...]]
#
# libFuzzer (default): builds every harness with clang
# -fsanitize=fuzzer,address,undefined into fuzz/build/libfuzzer/, runs each
# TARGET (default: all) for SECONDS (default 60) on a copy of its seed
# corpus, and prints per target the executions per second, the coverage
# (cov: and ft: from libFuzzer's last status line), the corpus size and the
# time.  A finding is left in fuzz/build/libfuzzer/run/TARGET/artifacts/
# with the log beside it, and makes the exit status 1.
#
# --afl: builds with afl-clang-fast (AFL++, its libFuzzer driver, ASan and
# UBSan) into fuzz/build/afl/.  Without SECONDS it prints the afl-fuzz
# command line for a long campaign per target; with SECONDS it runs each
# target for that long (AFL_NO_UI=1) and reports as above, from
# fuzzer_stats.
#
# --jobs N runs N targets at a time (default 1).  --build-only stops after
# building.  Environment: CC (clang, or afl-clang-fast with --afl),
# FUZZ_CFLAGS (extra compiler flags), FUZZ_MAX_LEN (libFuzzer -max_len,
# default 4096), FUZZ_BUILD_DIR (default fuzz/build), PKG_CONFIG, FUZZ_SIMD
# (the SIMD codecs to compile in, as configure would find them: default
# "ssse3 avx2 avx512vbmi" on x86, "none" for the scalar build),
# FUZZ_MAIL_TMPDIR (where the mail target makes its work tree: default
# /dev/shm if writable, else TMPDIR or /tmp).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
all_targets="decode roundtrip split impls offlen cli mime qp ew mail base58 basex tnef cms"
# The command line's files, src/cli/libcli.a's in the configured build
# (src/cli/local.mk): archived alike, from which the cli and mail targets
# take what they call.
cli_sources="args pump source sink safefile io diag mail partial"
# The test-support library's files every target links (the configured
# build's tests/support/libtestsupport.a, tests/support/local.mk).
support_sources="tap testutil basex_ref fuzz_check"

afl=0
jobs=1
build_only=0
while [ $# -gt 0 ]; do
	case $1 in
	--afl) afl=1; shift ;;
	--jobs) jobs=${2:?--jobs needs a number}; shift 2 ;;
	--jobs=*) jobs=${1#--jobs=}; shift ;;
	--build-only) build_only=1; shift ;;
	-h|--help) sed -n '2,28s/^# \{0,1\}//p' "$0"; exit 0 ;;
	--) shift; break ;;
	-*) echo "run.sh: unknown option '$1'" >&2; exit 2 ;;
	*) break ;;
	esac
done
secs=${1:-}
[ $# -gt 0 ] && shift
targets=${*:-$all_targets}
case $secs in
'') [ "$afl" = 1 ] || secs=60 ;;
*[!0-9]*) echo "run.sh: SECONDS must be a number, not '$secs'" >&2; exit 2 ;;
esac
case $jobs in
''|*[!0-9]*|0) echo "run.sh: --jobs wants a positive number" >&2; exit 2 ;;
esac
for t in $targets; do
	case " $all_targets " in
	*" $t "*) ;;
	*) echo "run.sh: no target '$t' (have: $all_targets)" >&2; exit 2 ;;
	esac
done

build_root=${FUZZ_BUILD_DIR:-$here/build}
if [ "$afl" = 1 ]; then
	cc=${CC:-afl-clang-fast}
	out=$build_root/afl
	export AFL_QUIET=1
else
	cc=${CC:-clang}
	out=$build_root/libfuzzer
fi
max_len=${FUZZ_MAX_LEN:-4096}
# Where the mail target makes its work tree (fuzz_mail.c).
if [ -n "${FUZZ_MAIL_TMPDIR:-}" ]; then
	mail_tmp=$FUZZ_MAIL_TMPDIR
elif [ -d /dev/shm ] && [ -w /dev/shm ]; then
	mail_tmp=/dev/shm
else
	mail_tmp=${TMPDIR:-/tmp}
fi
pkg_config=${PKG_CONFIG:-pkg-config}

# SIMD codecs: what configure's probes define (HAVE_TARGET_<ISA>).
case $(uname -m) in
x86_64|i?86) simd=${FUZZ_SIMD:-ssse3 avx2 avx512vbmi} ;;
*) simd=${FUZZ_SIMD:-none} ;;
esac
simd_defs=""
for isa in $simd; do
	[ "$isa" = none ] && continue
	simd_defs="$simd_defs -DHAVE_TARGET_$(echo "$isa" | tr '[:lower:]' '[:upper:]')"
done

# ---- Build ------------------------------------------------------------

# Word splitting of these flag lists is wanted.
cflags="-std=c11 -g -O1 -fno-omit-frame-pointer -D_GNU_SOURCE"
cflags="$cflags -fsanitize=address,undefined -fno-sanitize-recover=all"
cflags="$cflags -I$top/src/codec -I$top/src/mime -I$top/src/cli"
cflags="$cflags -I$top/tests/support"
cflags="$cflags $simd_defs"
# Every fast-path step of the decoder replayed through its table (as
# configure --enable-checked-machine): a difference aborts, a finding.
cflags="$cflags -DB64_CHECKED_MACHINE"
cflags="$cflags ${FUZZ_CFLAGS:-}"

# Compile in the background, at most $ncpu at a time; wait_compiles
# waits for all and fails if one did.
ncpu=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
compile_failed=0
compile() {
	while [ "$(jobs -rp | wc -l)" -ge "$ncpu" ]; do
		wait -n || compile_failed=1
	done
	"$cc" "$@" &
}
wait_compiles() {
	while [ -n "$(jobs -rp)" ]; do
		wait -n || compile_failed=1
	done
	[ "$compile_failed" = 0 ] || {
		echo "run.sh: compiling failed" >&2
		exit 2
	}
}

build() {
	local objs="$out/obj" t src o codec="" codec_nocmp="" cli="" mime=""
	local support=""
	local popt_cflags popt_libs nocmp="" gmp_cflags gmp_libs

	mkdir -p "$objs"
	echo "run.sh: building with $cc (SIMD: $simd) into $out"
	# The cli and mail targets exercise the command line's loops, which
	# call the codec on megabytes: their copy of the codec has edge
	# coverage but no comparison tracing (-fsanitize-coverage=trace-cmp,
	# which doubles the time it takes; the codec's own targets keep it).
	case " $targets " in
	*" cli "*|*" mail "*)
		[ "$afl" = 1 ] || nocmp=-fno-sanitize-coverage=trace-cmp ;;
	esac
	# The codec's and the MIME library's objects go into archives, as
	# configure's build does (libb64.a, libmime.a): a target links what
	# it calls, not every file (one that needs another library, GMP for
	# base58, does not burden the others).
	gmp_cflags=$("$pkg_config" --cflags gmp 2>/dev/null || true)
	gmp_libs=$("$pkg_config" --libs gmp 2>/dev/null || echo -lgmp)
	# Coverage instrumentation everywhere, the fuzzer's main at link time.
	for src in "$top"/src/codec/*.c; do
		o="$objs/codec_$(basename "$src" .c).o"
		# shellcheck disable=SC2086
		compile $cflags $gmp_cflags -fsanitize=fuzzer-no-link \
		    -c "$src" -o "$o"
		codec="$codec $o"
		if [ -n "$nocmp" ]; then
			o="$objs/codec_nocmp_$(basename "$src" .c).o"
			# shellcheck disable=SC2086
			compile $cflags $gmp_cflags -fsanitize=fuzzer-no-link \
			    $nocmp -c "$src" -o "$o"
		fi
		codec_nocmp="$codec_nocmp $o"
	done
	for src in "$top"/src/mime/*.c; do
		o="$objs/mime_$(basename "$src" .c).o"
		# shellcheck disable=SC2086
		compile $cflags -fsanitize=fuzzer-no-link -c "$src" -o "$o"
		mime="$mime $o"
	done
	for src in $support_sources; do
		o="$objs/support_$src.o"
		# shellcheck disable=SC2086
		compile $cflags -fsanitize=fuzzer-no-link \
		    -c "$top/tests/support/$src.c" -o "$o"
		support="$support $o"
	done
	popt_cflags=$("$pkg_config" --cflags popt 2>/dev/null || true)
	popt_libs=$("$pkg_config" --libs popt 2>/dev/null || echo -lpopt)
	for src in $cli_sources; do
		o="$objs/cli_$src.o"
		# shellcheck disable=SC2086
		compile $cflags $popt_cflags -fsanitize=fuzzer-no-link \
		    -c "$top/src/cli/$src.c" -o "$o"
		cli="$cli $o"
	done
	wait_compiles
	rm -f "$objs"/lib*.a
	# shellcheck disable=SC2086
	ar rcs "$objs/libcodec.a" $codec
	codec=$objs/libcodec.a
	if [ -n "$nocmp" ]; then
		# shellcheck disable=SC2086
		ar rcs "$objs/libcodec_nocmp.a" $codec_nocmp
		codec_nocmp=$objs/libcodec_nocmp.a
	else
		codec_nocmp=$codec
	fi
	# shellcheck disable=SC2086
	ar rcs "$objs/libmime.a" $mime
	mime=$objs/libmime.a
	# shellcheck disable=SC2086
	ar rcs "$objs/libtestsupport.a" $support
	support=$objs/libtestsupport.a
	# shellcheck disable=SC2086
	ar rcs "$objs/libcli.a" $cli
	cli=$objs/libcli.a
	for t in $targets; do
		case $t in
		cli)
			# shellcheck disable=SC2086
			compile $cflags -fsanitize=fuzzer "$top/fuzz/fuzz_cli.c" \
			    $cli $support $codec_nocmp $popt_libs $gmp_libs -Wl,--wrap=read \
			    -Wl,--wrap=write -Wl,--wrap=poll \
			    -o "$out/fuzz_cli"
			;;
		mail)
			# shellcheck disable=SC2086
			compile $cflags -fsanitize=fuzzer "$top/fuzz/fuzz_mail.c" \
			    $cli $mime $support $codec_nocmp -Wl,--wrap=openat \
			    -Wl,--wrap=linkat -Wl,--wrap=write \
			    -Wl,--wrap=fsync -Wl,--wrap=close \
			    -Wl,--wrap=sigaction -o "$out/fuzz_mail"
			;;
		base58)
			# shellcheck disable=SC2086
			compile $cflags $gmp_cflags -fsanitize=fuzzer \
			    "$top/fuzz/fuzz_base58.c" $support $codec $gmp_libs \
			    -o "$out/fuzz_base58"
			;;
		*)
			# shellcheck disable=SC2086
			compile $cflags -fsanitize=fuzzer "$top/fuzz/fuzz_$t.c" \
			    $mime $support $codec -o "$out/fuzz_$t"
			;;
		esac
	done
	wait_compiles
}

# ---- Run: libFuzzer -----------------------------------------------------

# The value after LABEL on the last libFuzzer status line of LOG.
last_stat() {
	grep -E '^#[0-9]+' "$1" | tail -n 1 |
	    sed -n "s/.* $2: \\([0-9][0-9]*\\).*/\\1/p"
}

run_libfuzzer() {
	local t=$1 work="$out/run/$1" rc=0 execs cov ft corp runs took found=""
	local len_control opts=() env=()

	rm -rf "$work"
	mkdir -p "$work/corpus" "$work/artifacts"
	if [ -d "$top/fuzz/corpus/$t" ]; then
		cp "$top/fuzz/corpus/$t"/* "$work/corpus/" 2>/dev/null || true
	fi
	# These reach their bulk loops and block boundaries only with long
	# inputs, which growing them step by step (libFuzzer's len_control)
	# would take most of a short run to make: allow long ones at once
	# (measured: more coverage in 30 s than with len_control=100).
	case $t in
	roundtrip|impls|cli) len_control=0 ;;
	*) len_control=100 ;;
	esac
	case $t in
	cli)
		# An input that asks for a big one (fuzz_cli.c: around the
		# pump's blocks) takes 100 times as long as the others: pick
		# inputs less often the longer they take (measured: 2.5 times
		# the executions and more coverage in 30 s).
		opts+=(-entropic_scale_per_exec_time=1)
		;;
	mail)
		# Its work tree (fuzz_mail.c) on a memory file system when
		# there is one: ext4's inode allocation took most of the time
		# of the files each input creates and removes.
		env+=("TMPDIR=$mail_tmp")
		;;
	esac
	env "${env[@]}" "$out/fuzz_$t" -max_total_time="$secs" \
	    -print_final_stats=1 -max_len="$max_len" \
	    -len_control="$len_control" "${opts[@]}" -timeout=30 \
	    -rss_limit_mb=4096 -artifact_prefix="$work/artifacts/" \
	    "$work/corpus" >"$work/log" 2>&1 || rc=$?
	execs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/log")
	cov=$(last_stat "$work/log" cov)
	ft=$(last_stat "$work/log" ft)
	corp=$(find "$work/corpus" -type f | wc -l)
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
	took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' \
	    "$work/log")
	if [ "$rc" != 0 ] || [ -n "$(ls -A "$work/artifacts")" ]; then
		found=" FINDING (exit $rc): $work/artifacts/, log $work/log"
	fi
	printf '%-10s %7s execs/s %10s runs  cov %5s  ft %6s  corpus %5s  %ss%s\n' \
	    "$t" "${execs:-?}" "${runs:-?}" "${cov:-?}" "${ft:-?}" "$corp" \
	    "${took:-?}" "${found:- ok}"
	[ -z "$found" ]
}

# ---- Run: AFL++ ---------------------------------------------------------

afl_stat() {
	sed -n "s/^$2 *: *//p" "$1" 2>/dev/null | head -n 1
}

run_afl() {
	local t=$1 work="$out/run/$1" rc=0 stats crashes found=""

	rm -rf "$work"
	mkdir -p "$work/in"
	cp "$top/fuzz/corpus/$t"/* "$work/in/" 2>/dev/null || true
	[ -n "$(ls -A "$work/in")" ] || printf 'A' >"$work/in/empty"
	AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 TMPDIR="$mail_tmp" \
	    AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
	    AFL_SKIP_CRASHES=1 AFL_QUIET=1 \
	    afl-fuzz -i "$work/in" -o "$work/out" -V "$secs" -m none \
	    -t 30000 -- "$out/fuzz_$t" >"$work/log" 2>&1 || rc=$?
	stats="$work/out/default/fuzzer_stats"
	crashes=$(find "$work/out/default/crashes" -type f \
	    ! -name README.txt 2>/dev/null | wc -l)
	if [ "$rc" != 0 ] || [ "$crashes" != 0 ]; then
		found=" FINDING ($crashes crashes, exit $rc):"
		found="$found $work/out/default/crashes/, log $work/log"
	fi
	printf '%-10s %7s execs/s %10s runs  edges %5s  bitmap %6s  corpus %5s  %ss%s\n' \
	    "$t" "$(afl_stat "$stats" execs_per_sec)" \
	    "$(afl_stat "$stats" execs_done)" \
	    "$(afl_stat "$stats" edges_found)" \
	    "$(afl_stat "$stats" bitmap_cvg)" \
	    "$(afl_stat "$stats" corpus_count)" \
	    "$(afl_stat "$stats" run_time)" "${found:- ok}"
	[ -z "$found" ]
}

print_afl_commands() {
	local t

	echo "run.sh: long AFL++ campaigns (one per core; add -M/-S for more):"
	for t in $targets; do
		printf 'AFL_SKIP_CPUFREQ=1 afl-fuzz -i %s -o %s -m none -t 30000 -- %s\n' \
		    "$top/fuzz/corpus/$t" "$out/campaign/$t" "$out/fuzz_$t"
	done
}

# ---- Main ---------------------------------------------------------------

build
[ "$build_only" = 1 ] && exit 0
if [ "$afl" = 1 ] && [ -z "$secs" ]; then
	print_afl_commands
	exit 0
fi

run_target() {
	if [ "$afl" = 1 ]; then
		run_afl "$1"
	else
		run_libfuzzer "$1"
	fi
}

status=0
start=$(date +%s)
read -r -a queue <<<"$targets"
i=0
while [ "$i" -lt "${#queue[@]}" ]; do
	pids=()
	for _ in $(seq "$jobs"); do
		[ "$i" -lt "${#queue[@]}" ] || break
		run_target "${queue[$i]}" >"$out/summary.${queue[$i]}" 2>&1 &
		pids+=("$!")
		i=$((i + 1))
	done
	for p in "${pids[@]}"; do
		wait "$p" || status=1
	done
done
for t in $targets; do
	cat "$out/summary.$t"
	rm -f "$out/summary.$t"
done
echo "run.sh: $(( $(date +%s) - start ))s in all; $([ "$status" = 0 ] &&
    echo 'no findings' || echo 'FINDINGS: see above')"
exit "$status"
