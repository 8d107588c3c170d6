/*
 * dispatch.c - choosing an implementation, and the status strings.
 */
#include <stdlib.h>
#include <string.h>

#include "b64_private.h"

/* Worst first: auto picks the last usable one. */
static const struct b64_impl *const impls[] = {
	&b64_impl_scalar,
#ifdef HAVE_TARGET_SSSE3
	&b64_impl_ssse3,
#endif
#ifdef HAVE_TARGET_AVX2
	&b64_impl_avx2,
#endif
#ifdef HAVE_TARGET_AVX512VBMI
	&b64_impl_avx512,
#endif
};

#define NIMPLS (sizeof(impls) / sizeof(impls[0]))

static int
usable(const struct b64_impl *impl)
{
	return impl->usable == NULL || impl->usable();
}

/* The implementation ID if compiled in and usable on this CPU. */
static const struct b64_impl *
find(unsigned id)
{
	for (size_t k = 0; k < NIMPLS; k++)
		if (impls[k]->id == id)
			return usable(impls[k]) ? impls[k] : NULL;
	return NULL;
}

/*
 * B64_IMPL_AUTO: the one SEXTET_IMPL names (so that tests can run every
 * implementation through code that asks for none; NULL if that one is
 * unknown or unusable), else the best usable one.
 */
const struct b64_impl *
b64_impl_pick(unsigned flags)
{
	unsigned id = flags & B64_IMPL_MASK;

	if (id == B64_IMPL_AUTO)
		id = b64_impl_from_name(getenv("SEXTET_IMPL"));
	if (id == UINT32_MAX)
		return NULL;
	if (id != B64_IMPL_AUTO)
		return find(id);
	for (size_t k = NIMPLS; k-- > 0;)
		if (usable(impls[k]))
			return impls[k];
	return &b64_impl_scalar;
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
	static const struct {
		const char *name;
		unsigned id;
	} names[] = {
		{ "scalar", B64_IMPL_SCALAR }, { "ssse3", B64_IMPL_SSSE3 },
		{ "avx2", B64_IMPL_AVX2 }, { "avx512", B64_IMPL_AVX512 },
	};

	if (name == NULL || *name == '\0' || strcmp(name, "auto") == 0)
		return B64_IMPL_AUTO;
	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++)
		if (strcmp(name, names[k].name) == 0)
			return names[k].id;
	return UINT32_MAX;
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
		return "padding not allowed (--no-pad)";
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
