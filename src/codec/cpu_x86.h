/*
 * cpu_x86.h - which x86 vector extensions this CPU and OS let us use.
 */
#ifndef SEXTET_CPU_X86_H
#define SEXTET_CPU_X86_H

#define B64_CPU_SSSE3      0x01u
#define B64_CPU_AVX2       0x02u
#define B64_CPU_AVX512VBMI 0x04u /* with F, BW and VL */
#define B64_CPU_AVX512VBMI2 0x08u

/* The B64_CPU_* bits usable here: CPUID features the OS saves state for. */
unsigned b64_cpu_features(void);

#endif /* SEXTET_CPU_X86_H */
