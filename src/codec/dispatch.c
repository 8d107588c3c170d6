/*
 * dispatch.c - choosing an implementation, and the status strings.
 */
#include <stdlib.h>
#include <string.h>

#include "b64_private.h"

/*
 * The registry: every implementation the library knows, worst first (auto
 * picks the last usable one).  Adding one takes its file and one line
 * here; tests, fuzzers, the benchmark and CI find it through b64_impl_at().
 */
static const struct b64_impl *const impls[] = {
	&b64_impl_scalar,
	&b64_impl_ssse3,
	&b64_impl_avx2,
	&b64_impl_avx512,
	&b64_impl_neon,
};

#define NIMPLS (sizeof(impls) / sizeof(impls[0]))

/* Compiled into this build and run by this CPU. */
static int
usable(const struct b64_impl *impl)
{
	return impl->enc != NULL && (impl->usable == NULL || impl->usable());
}

/* Implementation ID if compiled in and usable on this CPU. */
static const struct b64_impl *
find(unsigned id)
{
	for (size_t k = 0; k < NIMPLS; k++)
		if (impls[k]->id == id)
			return usable(impls[k]) ? impls[k] : NULL;
	return NULL;
}

/*
 * What B64_IMPL_AUTO means in this process: the one SEXTET_IMPL names (so
 * that tests can run every implementation through code that asks for
 * none; NULL if that one is unknown or unusable), else the best usable
 * one.  Worked out once: getenv and the walk cost as much as a small
 * decode.  The cache is the library's only static state besides the CPU
 * features; every thread that fills it stores the same answer, so relaxed
 * atomics make the race benign and no lock (nor libpthread) is needed.
 */
static const struct b64_impl *
auto_pick(void)
{
	static const struct b64_impl *cache;
	static int filled;
	const struct b64_impl *impl;
	unsigned id;

	if (__atomic_load_n(&filled, __ATOMIC_ACQUIRE))
		return __atomic_load_n(&cache, __ATOMIC_RELAXED);
	id = b64_impl_from_name(getenv("SEXTET_IMPL"));
	if (id == UINT32_MAX) {
		impl = NULL;
	} else if (id != B64_IMPL_AUTO) {
		impl = find(id);
	} else {
		impl = &b64_impl_scalar;
		for (size_t k = NIMPLS; k-- > 0;) {
			if (usable(impls[k])) {
				impl = impls[k];
				break;
			}
		}
	}
	__atomic_store_n(&cache, impl, __ATOMIC_RELAXED);
	__atomic_store_n(&filled, 1, __ATOMIC_RELEASE);
	return impl;
}

const struct b64_impl *
b64_impl_pick(unsigned flags)
{
	unsigned id = flags & B64_IMPL_MASK;

	if (flags & ~(unsigned)B64_FLAGS_KNOWN)
		return NULL;
	return id == B64_IMPL_AUTO ? auto_pick() : find(id);
}

int
b64_impl_available(unsigned impl)
{
	return impl != B64_IMPL_AUTO && find(impl & B64_IMPL_MASK) != NULL;
}

const char *
b64_impl_name(unsigned flags)
{
	const struct b64_impl *impl = b64_impl_pick(flags);

	return impl ? impl->name : NULL;
}

unsigned
b64_impl_from_name(const char *name)
{
	if (name == NULL || *name == '\0' || strcmp(name, "auto") == 0)
		return B64_IMPL_AUTO;
	for (size_t k = 0; k < NIMPLS; k++)
		if (strcmp(name, impls[k]->name) == 0)
			return impls[k]->id;
	return UINT32_MAX;
}

const char *
b64_impl_at(size_t k, unsigned *id)
{
	if (k >= NIMPLS)
		return NULL;
	*id = impls[k]->id;
	return impls[k]->name;
}

const char *
b64_strerror(enum b64_status status)
{
	switch (status) {
	case B64_OK:
		return "success";
	case B64_NEED_OUTPUT:
		return "output buffer full";
	case B64_ERR_BAD_CHAR:
		return "unexpected byte";
	case B64_ERR_PAD_INSIDE:
		return "padding inside the data";
	case B64_ERR_MISSING_PAD:
		return "missing padding";
	case B64_ERR_PAD_NOT_ALLOWED:
		return "padding not allowed (unpadded encoding)";
	case B64_ERR_TOO_MUCH_PAD:
		return "too much padding";
	case B64_ERR_DATA_AFTER_PAD:
		return "data after padding";
	case B64_ERR_NONCANONICAL:
		return "non-zero unused bits (non-canonical encoding)";
	case B64_ERR_TRUNCATED:
		return "truncated: 1 character left over";
	case B64_ERR_UNSUPPORTED:
		return "unsupported flags or implementation";
	}
	return "unknown status";
}
