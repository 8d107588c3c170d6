/*
 * cpu_x86.c - which vector extensions are usable: from glibc's record
 * where it offers one (<sys/platform/x86.h>, glibc 2.33), else from CPUID
 * and XGETBV.  A feature counts only when the CPU has it and the OS saves
 * the register state it needs (XCR0), so AVX is not used under an OS or
 * hypervisor that disabled it.
 */
#include "b64_private.h"
#include "cpu_x86.h"

#if (defined(__x86_64__) || defined(__i386__)) && \
    defined(HAVE_SYS_PLATFORM_X86_H)
#include <sys/platform/x86.h>

/*
 * glibc ran CPUID at start-up and keeps what is usable (CPU support and
 * OS-saved state both) for its own function selection; reading that costs
 * nothing, where CPUID traps to the hypervisor on virtual machines.  Its
 * CPU_FEATURE_ACTIVE() shifts a signed 1 by up to 31 bits, undefined for
 * bit 31 (AVX512VL), so the table is read here with an unsigned shift.
 */
static int
active(unsigned index)
{
	const unsigned bits = 8 * sizeof(unsigned);
	const struct cpuid_feature *leaf =
	    __x86_get_cpuid_feature_leaf(index / (bits * 4));
	unsigned reg = index % (bits * 4);

	return (leaf->active_array[reg / bits] >> (reg % bits)) & 1u;
}

unsigned
b64_cpu_features(void)
{
	unsigned f = 0;

	if (active(x86_cpu_SSSE3))
		f |= B64_CPU_SSSE3;
	if (active(x86_cpu_AVX2))
		f |= B64_CPU_AVX2;
	if (active(x86_cpu_AVX512F) && active(x86_cpu_AVX512BW) &&
	    active(x86_cpu_AVX512VL) && active(x86_cpu_AVX512_VBMI)) {
		f |= B64_CPU_AVX512VBMI;
		if (active(x86_cpu_AVX512_VBMI2))
			f |= B64_CPU_AVX512VBMI2;
	}
	return f;
}
#elif defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

static unsigned long long
xgetbv0(void)
{
	unsigned int lo, hi;

	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	return (unsigned long long)hi << 32 | lo;
}

static unsigned
detect(void)
{
	unsigned int a, b, c, d, b7 = 0, c7 = 0;
	unsigned long long xcr0 = 0;
	unsigned f = 0;

	if (!__get_cpuid(1, &a, &b, &c, &d))
		return 0;
	if (c & bit_SSSE3)
		f |= B64_CPU_SSSE3;
	if (!(c & bit_OSXSAVE) || !(c & bit_AVX))
		return f;
	xcr0 = xgetbv0();
	if (__get_cpuid_max(0, NULL) >= 7) {
		__cpuid_count(7, 0, a, b7, c7, d);
	}
	/* XMM and YMM state. */
	if ((xcr0 & 0x6) == 0x6 && (b7 & bit_AVX2))
		f |= B64_CPU_AVX2;
	/* Opmask, ZMM0-15 upper halves, ZMM16-31. */
	if ((xcr0 & 0xe6) == 0xe6 && (b7 & bit_AVX512F) &&
	    (b7 & bit_AVX512BW) && (b7 & bit_AVX512VL) &&
	    (c7 & bit_AVX512VBMI))
		f |= B64_CPU_AVX512VBMI;
	if ((f & B64_CPU_AVX512VBMI) && (c7 & bit_AVX512VBMI2))
		f |= B64_CPU_AVX512VBMI2;
	return f;
}

/*
 * CPUID traps to the hypervisor on virtual machines (about 20 us here), so
 * the answer is kept: the library's only static state, a cache that every
 * thread would fill with the same value (relaxed atomics make the race
 * benign).  Bit 31 marks it filled.
 */
unsigned
b64_cpu_features(void)
{
	static unsigned cache;
	unsigned f = __atomic_load_n(&cache, __ATOMIC_RELAXED);

	if (f == 0) {
		f = detect() | 0x80000000u;
		__atomic_store_n(&cache, f, __ATOMIC_RELAXED);
	}
	return f & 0x7fffffffu;
}
#else
unsigned
b64_cpu_features(void)
{
	return 0;
}
#endif
