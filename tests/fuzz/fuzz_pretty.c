// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The pretty formatter (src/output_pretty.c) and the escaper under it (src/escape.c), fed
 * messages whose header fields, comm and payload are all the fuzzer's. Properties checked:
 * - no byte the target chose reaches the output raw: the output is printable ASCII, '\n' and
 *   valid UTF-8 that is neither a C1 control nor a bidi control;
 * - escape__text is exact: unescaping its output gives back the input, within the size bound;
 * - a hexdump line is printable ASCII of fixed shape.
 * The outbuf writes to /dev/null; its buffer is inspected before each flush.
 */
#include <fcntl.h>
#include <unistd.h>
#include "escape.h"
#include "fuzz.h"
#include "output.h"
#include "textclass.h"

#define OB_CAP (1 << 20)
#define MAX_PAYLOAD 65536 /* escaped, it still fits OB_CAP: nothing flushes unseen */

/* What a terminal may safely be sent. */
static void check_terminal_safe(const char *buf, size_t len)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i = 0, n;

	while (i < len) {
		if (s[i] == '\n' || (s[i] >= 0x20 && s[i] < 0x7f)) {
			i++;
			continue;
		}
		n = utf8_seq_len(s + i, len - i);
		FUZZ_CHECK(s[i] >= 0x80 && n > 1);
		FUZZ_CHECK(!fuzz__terminal_unsafe(fuzz__code_point(s + i, n)));
		i += n;
	}
}

static int hexval(char c)
{
	return c >= 'a' ? c - 'a' + 10 : c - '0';
}

/* The inverse of escape__text. */
static size_t unescape(const char *in, size_t len, unsigned char *out)
{
	size_t i = 0, o = 0;

	while (i < len) {
		if (in[i] != '\\') {
			out[o++] = (unsigned char)in[i++];
			continue;
		}
		FUZZ_CHECK(i + 1 < len);
		switch (in[i + 1]) {
		case '\\': out[o++] = '\\'; i += 2; break;
		case 't': out[o++] = '\t'; i += 2; break;
		case 'r': out[o++] = '\r'; i += 2; break;
		case 'n': out[o++] = '\n'; i += 2; break;
		case 'e': out[o++] = 0x1b; i += 2; break;
		case 'x':
			FUZZ_CHECK(i + 3 < len);
			out[o++] = (unsigned char)(hexval(in[i + 2]) << 4 | hexval(in[i + 3]));
			i += 4;
			break;
		default:
			FUZZ_CHECK(!"an unknown escape");
		}
	}
	return o;
}

static void check_escape(const uint8_t *data, size_t len)
{
	char *esc = malloc(len * ESCAPE_MAX_PER_BYTE + 1);
	unsigned char *back = malloc(len + 1);
	char line[HEXDUMP_LINE_MAX];
	size_t n, i, off;

	if (!esc || !back)
		abort();
	n = escape__text(data, len, esc);
	FUZZ_CHECK(n <= len * ESCAPE_MAX_PER_BYTE);
	check_terminal_safe(esc, n);
	for (i = 0; i < n; i++)
		FUZZ_CHECK(esc[i] != '\n'); /* lines are the formatter's to break, not the data's */
	FUZZ_CHECK(unescape(esc, n, back) == len && !memcmp(back, data, len));
	FUZZ_CHECK(escape__utf8_tail(data, len) <= 3 && escape__utf8_tail(data, len) <= len);
	for (off = 0; off < len; off += 16) {
		n = escape__hexdump_line(data + off, len - off, off, line);
		FUZZ_CHECK(n < HEXDUMP_LINE_MAX && line[n] == '\n');
		for (i = 0; i < n; i++)
			FUZZ_CHECK(line[i] >= 0x20 && line[i] < 0x7f);
	}
	free(esc);
	free(back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = {data, size};
	struct output_config cfg = {};
	struct outbuf ob = {};
	struct kg_event ev = {};
	struct kg_msg m = {};
	struct output *o;
	const uint8_t *payload;
	size_t len;
	uint8_t mode;

	check_escape(data, size);

	mode = fuzz__u8(&in);
	ev.ts = fuzz__uint(&in, 8);
	cfg.mono_to_real_ns = (int64_t)fuzz__uint(&in, 8);
	ev.ret = (int64_t)fuzz__uint(&in, 8);
	ev.size = fuzz__uint(&in, 8);
	ev.cap = fuzz__uint(&in, 8);
	ev.pid = fuzz__uint(&in, 4);
	ev.tid = fuzz__uint(&in, 4);
	ev.fd = (int32_t)fuzz__uint(&in, 4);
	ev.msg = fuzz__uint(&in, 4);
	ev.sys = fuzz__uint(&in, 2);
	ev.kind = fuzz__u8(&in);
	ev.flags = fuzz__u8(&in);
	payload = fuzz__bytes(&in, KG_COMM_LEN, &len);
	memcpy(ev.comm, payload, len);
	payload = fuzz__bytes(&in, MAX_PAYLOAD, &len);

	ob.fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	ob.cap = OB_CAP;
	ob.buf = malloc(ob.cap);
	ob.name = "/dev/null";
	ob.owned = true;
	o = output_pretty__new(&ob, &cfg);
	if (ob.fd < 0 || !ob.buf || !o)
		abort();
	if (mode & 1) {
		o->notice(o, &ev);
	} else {
		m.ev = &ev;
		m.data = (const char *)payload;
		m.len = len;
		m.missing = mode & 2 ? fuzz__uint(&in, 8) : 0;
		o->message(o, &m);
	}
	if (o->finish)
		o->finish(o);
	check_terminal_safe(ob.buf, ob.len);
	FUZZ_CHECK(ob.len == 0 || ob.buf[ob.len - 1] == '\n');
	FUZZ_CHECK(outbuf__close(&ob) == 0);
	o->free(o);
	return 0;
}
