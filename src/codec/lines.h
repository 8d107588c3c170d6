/*
 * lines.h - the line loops (dec_lines and enc_lines, b64_private.h) of
 * every implementation, written once for any block width.  Text broken
 * into lines of a fixed length that is a multiple of 4 (76 for GNU and
 * MIME, 64 for PEM) is decoded and encoded a line at a time straight
 * between the caller's buffers: a line's quanta never straddle its end,
 * so each line is whole blocks from its start plus one last block that
 * ends exactly at the line end and overlaps the one before it (the
 * overlapped quanta are decoded twice to the same bytes).  No copy, no
 * compaction, and the only per-line branch is the test of the line end.
 *
 * Included by an implementation after these definitions:
 *   LN_WIDTH      characters per block (a multiple of 4)
 *   LN_TARGET     the function attribute of its instruction set (may be
 *                 empty)
 *   LN_DEC_AHEAD  characters that must follow a block being decoded, so
 *                 that what its store writes past its bytes stays within
 *                 the caller's output (0 if it writes none)
 *   LN_ENC_AHEAD  bytes that must follow a block being encoded, so that
 *                 its loads stay within the input (0 if they read none)
 *   LN_DEC_LINES  the name of the dec_lines function to define
 *   LN_ENC_LINES  the name of the enc_lines function to define
 *   LN_DEC, LN_ENC  (optional) the names of the dec and enc bulk loops to
 *                 define: blocks while they are whole, then the scalar
 *                 implementation's loops for the rest, or for encoding,
 *                 with LN_ENC_TAIL (optional), that function: it encodes
 *                 G groups (1..LN_WIDTH / 4) at IN to OUT, reading and
 *                 writing no byte past them (masked loads and stores);
 *                 likewise LN_DEC_TAIL (optional) decodes C characters
 *                 (a multiple of 4, 4..LN_WIDTH) at IN to C / 4 * 3
 *                 bytes at OUT, or returns 0 and stores nothing if any
 *                 is not in the alphabet; the BACK characters before IN
 *                 (a multiple of 4) were decoded by this call to the
 *                 BACK / 4 * 3 bytes before OUT, so it may read them and
 *                 store their bytes again
 *   LN_ENC_BACK   (optional) bytes that ln_enc_block_back reads before
 *                 its block (and LN_ENC_AHEAD after it): with it, every
 *                 block after a call's first (its first line, for
 *                 enc_lines) is coded by that function
 *   LN_ENC_QUAD, LN_DEC_QUAD  (optional) functions that code four blocks
 *                 at once for LN_ENC and LN_DEC: 4 * LN_OUT bytes at IN
 *                 to 4 * LN_WIDTH characters at OUT, reading and writing
 *                 no byte past them; 4 * LN_WIDTH characters at IN to 4 *
 *                 LN_OUT bytes at OUT, writing no byte past them, or 0
 *                 and nothing stored if any is not in the alphabet
 *   struct ln_dec, struct ln_enc   constants loaded once per call
 *   ln_val        a block's values; ln_bad, what says whether any of the
 *                 characters of one or more blocks is not in the alphabet
 * and, with LN_TARGET, static inline functions
 *   void   ln_dec_init(struct ln_dec *k, const struct b64_alphabet *a)
 *   ln_bad ln_bad_none(void)
 *   ln_val ln_values(const struct ln_dec *k, const unsigned char *in,
 *              ln_bad *bad)
 *   int    ln_bad_any(ln_bad bad)
 *   void   ln_store(const struct ln_dec *k, ln_val v, unsigned char *out)
 *   void   ln_enc_init(struct ln_enc *k, const struct b64_alphabet *a)
 *   void   ln_enc_block(const struct ln_enc *k, const unsigned char *in,
 *              char *out)
 *   void   ln_enc_block_back(k, in, out)   (with LN_ENC_BACK)
 * where ln_values looks up the LN_WIDTH characters at IN and adds to *BAD
 * whether any is not in the alphabet; ln_store packs their values into
 * LN_WIDTH / 4 * 3 bytes at OUT (storing up to LN_WIDTH bytes there);
 * ln_enc_block encodes LN_WIDTH / 4 * 3 bytes at IN to exactly LN_WIDTH
 * characters at OUT, reading LN_ENC_AHEAD more bytes at most.
 *
 * Defined here for the bulk loops too:
 *   int ln_dec_block(k, in, out): one block, or 0 (nothing stored) if it
 *       holds a byte outside the alphabet.
 * The line loop looks blocks up two at a time and tests them once: a
 * branch per block costs as much as a block.
 */
#define LN_OUT (LN_WIDTH / 4 * 3)

static inline LN_TARGET int
ln_dec_block(const struct ln_dec *k, const unsigned char *in,
    unsigned char *out)
{
	ln_bad bad = ln_bad_none();
	ln_val v = ln_values(k, in, &bad);

	if (ln_bad_any(bad))
		return 0;
	ln_store(k, v, out);
	return 1;
}

/* Two blocks, one test; the second is stored after the first, so it may
 * overlap the first one's spill. */
static inline LN_TARGET int
ln_dec_pair(const struct ln_dec *k, const unsigned char *in0,
    unsigned char *out0, const unsigned char *in1, unsigned char *out1)
{
	ln_bad bad = ln_bad_none();
	ln_val v0 = ln_values(k, in0, &bad);
	ln_val v1 = ln_values(k, in1, &bad);

	if (ln_bad_any(bad))
		return 0;
	ln_store(k, v0, out0);
	ln_store(k, v1, out1);
	return 1;
}

static inline int
ln_line_end(const unsigned char *p, size_t len, size_t eol)
{
	return p[len + eol - 1] == '\n' && (eol == 1 || p[len] == '\r');
}

/*
 * A line is taken only when LN_DEC_AHEAD more input bytes follow it (the
 * last block's store may write past the line's output).
 */
static LN_TARGET size_t
LN_DEC_LINES(const unsigned char *in, size_t n, unsigned char *out,
    const unsigned char *table, size_t len, size_t eol)
{
	struct ln_dec k;
	const size_t step = len + eol, olen = len / 4 * 3;
	const size_t last = len - LN_WIDTH;
	size_t lines = 0;

	if (len < LN_WIDTH || len % 4 != 0 || eol < 1 || eol > 2)
		return 0;
	ln_dec_init(&k, b64_alphabet_of(table));
	while (n >= step + LN_DEC_AHEAD && ln_line_end(in, len, eol)) {
		size_t j = 0;
		int ok = 1;

		for (; ok && len - j >= 2 * LN_WIDTH; j += 2 * LN_WIDTH)
			ok = ln_dec_pair(&k, in + j, out + j / 4 * 3,
			    in + j + LN_WIDTH, out + (j + LN_WIDTH) / 4 * 3);
		/* The rest: a block and the last one, or the last one alone;
		 * the last one ends at the line end. */
		if (ok && len - j > LN_WIDTH)
			ok = ln_dec_pair(&k, in + j, out + j / 4 * 3,
			    in + last, out + last / 4 * 3);
		else if (ok && len > j)
			ok = ln_dec_block(&k, in + last, out + last / 4 * 3);
		if (!ok)
			break;
		in += step;
		n -= step;
		out += olen;
		lines++;
	}
	return lines;
}

#ifdef LN_ENC_BACK
/* One line of enc_lines by blocks that read LN_ENC_BACK bytes before
 * theirs (and LN_ENC_AHEAD past them); then its end of line. */
static inline LN_TARGET void
ln_enc_line_back(const struct ln_enc *k, const unsigned char *in, char *out,
    size_t tail, size_t wrap, size_t eol)
{
	for (size_t c = 0; c < tail; c += LN_WIDTH)
		ln_enc_block_back(k, in + c / 4 * 3, out + c);
	ln_enc_block_back(k, in + tail / 4 * 3, out + tail);
	if (eol == 2)
		out[wrap++] = '\r';
	out[wrap] = '\n';
}
#endif

/*
 * The last block of a line reads LN_ENC_AHEAD bytes past the line's
 * input: a line is taken only when they are there.  With LN_ENC_BACK,
 * the lines after the first read before their blocks too.
 *
 * The body is compiled twice: for B64_GNU_WRAP columns and LF (GNU's
 * default, b64_private.h) with the length a constant, so that the blocks
 * of a line are unrolled, and for any other length.  On Zen 5, 64 KiB
 * to 76-column lines: AVX2 and AVX-512 a sixth faster, SSSE3 7 %.
 * (Decoding gained nothing so.)
 */
static B64_ALWAYS_INLINE LN_TARGET size_t
ln_enc_lines_body(const unsigned char *in, size_t n, size_t maxlines,
    char *out, const struct b64_alphabet *alpha, size_t wrap, size_t eol)
{
	struct ln_enc k;
	const size_t ilen = wrap / 4 * 3, tail = wrap - LN_WIDTH;
	size_t lines = 0;

	if (wrap < LN_WIDTH || wrap % 4 != 0 || eol < 1 || eol > 2)
		return 0;
	ln_enc_init(&k, alpha);
	while (lines < maxlines && n >= ilen + LN_ENC_AHEAD) {
		const unsigned char *ip = in;

		for (char *op = out; op < out + tail; op += LN_WIDTH) {
			ln_enc_block(&k, ip, op);
			ip += LN_OUT;
		}
		ln_enc_block(&k, in + tail / 4 * 3, out + tail);
		out += wrap;
		if (eol == 2)
			*out++ = '\r';
		*out++ = '\n';
		in += ilen;
		n -= ilen;
		lines++;
#ifdef LN_ENC_BACK
		/* The rest may read behind instead. */
		break;
#endif
	}
#ifdef LN_ENC_BACK
	while (lines > 0 && lines < maxlines && n >= ilen + LN_ENC_AHEAD) {
		ln_enc_line_back(&k, in, out, tail, wrap, eol);
		in += ilen;
		n -= ilen;
		out += wrap + eol;
		lines++;
	}
#endif
	return lines;
}

static LN_TARGET size_t
LN_ENC_LINES(const unsigned char *in, size_t n, size_t maxlines, char *out,
    const struct b64_alphabet *alpha, size_t wrap, size_t eol)
{
	if (wrap == B64_GNU_WRAP && eol == 1)
		return ln_enc_lines_body(in, n, maxlines, out, alpha,
		    B64_GNU_WRAP, 1);
	return ln_enc_lines_body(in, n, maxlines, out, alpha, wrap, eol);
}

#ifdef LN_DEC
static LN_TARGET size_t
LN_DEC(const unsigned char *in, size_t n, unsigned char *out,
    const unsigned char *table)
{
	struct ln_dec k;
	size_t i = 0;

	ln_dec_init(&k, b64_alphabet_of(table));
#ifdef LN_DEC_QUAD
	while (n - i >= 4 * LN_WIDTH && LN_DEC_QUAD(&k, in + i, out)) {
		out += 4 * LN_OUT;
		i += 4 * LN_WIDTH;
	}
#endif
	while (n - i >= 2 * LN_WIDTH + LN_DEC_AHEAD && ln_dec_pair(&k, in + i,
	    out, in + i + LN_WIDTH, out + LN_OUT)) {
		out += 2 * LN_OUT;
		i += 2 * LN_WIDTH;
	}
	while (n - i >= LN_WIDTH + LN_DEC_AHEAD && ln_dec_block(&k, in + i,
	    out)) {
		out += LN_OUT;
		i += LN_WIDTH;
	}
#ifdef LN_DEC_TAIL
	/* The rest by blocks that load and store only their own bytes,
	 * while they hold alphabet characters only. */
	while (n - i > 0) {
		size_t c = n - i < LN_WIDTH ? n - i : LN_WIDTH;

		if (!LN_DEC_TAIL(&k, in + i, c, i, out)) {
			/* The input's last quantum is where padding goes:
			 * the chunk without it. */
			if (c > 4 && c == n - i &&
			    LN_DEC_TAIL(&k, in + i, c - 4, i, out)) {
				out += (c - 4) / 4 * 3;
				i += c - 4;
			}
			break;
		}
		out += c / 4 * 3;
		i += c;
	}
#endif
	return i == n ? i : i + b64_impl_scalar.dec(in + i, n - i, out, table);
}
#endif

#ifdef LN_ENC
static LN_TARGET void
LN_ENC(const unsigned char *in, size_t ngroups, char *out,
    const struct b64_alphabet *alpha)
{
	struct ln_enc k;

	ln_enc_init(&k, alpha);
#ifdef LN_ENC_QUAD
	while (ngroups >= LN_WIDTH) {
		LN_ENC_QUAD(&k, in, out);
		in += 4 * LN_OUT;
		out += 4 * LN_WIDTH;
		ngroups -= LN_WIDTH;
	}
#endif
#ifdef LN_ENC_BACK
	/* After one block, the input before IN is there to read. */
	if (ngroups * 3 >= LN_OUT + LN_ENC_AHEAD) {
		ln_enc_block(&k, in, out);
		in += LN_OUT;
		out += LN_WIDTH;
		ngroups -= LN_WIDTH / 4;
		while (ngroups * 3 >= 2 * LN_OUT + LN_ENC_AHEAD) {
			ln_enc_block_back(&k, in, out);
			ln_enc_block_back(&k, in + LN_OUT, out + LN_WIDTH);
			in += 2 * LN_OUT;
			out += 2 * LN_WIDTH;
			ngroups -= LN_WIDTH / 2;
		}
		while (ngroups * 3 >= LN_OUT + LN_ENC_AHEAD) {
			ln_enc_block_back(&k, in, out);
			in += LN_OUT;
			out += LN_WIDTH;
			ngroups -= LN_WIDTH / 4;
		}
	}
#endif
	while (ngroups * 3 >= LN_OUT + LN_ENC_AHEAD) {
		ln_enc_block(&k, in, out);
		in += LN_OUT;
		out += LN_WIDTH;
		ngroups -= LN_WIDTH / 4;
	}
#ifdef LN_ENC_TAIL
	/* The rest by blocks that load and store only their own bytes. */
	while (ngroups > 0) {
		size_t g = ngroups < LN_WIDTH / 4 ? ngroups : LN_WIDTH / 4;

		LN_ENC_TAIL(&k, in, g, out);
		in += 3 * g;
		out += 4 * g;
		ngroups -= g;
	}
#else
	b64_impl_scalar.enc(in, ngroups, out, alpha);
#endif
}
#endif

#undef LN_OUT
