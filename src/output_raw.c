// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* --format raw: exactly the bytes captured, in order, nothing else. */
#include <stdlib.h>
#include "output.h"

static int raw_message(struct output *o, const struct kg_msg *m)
{
	size_t i;

	if (m->note_only)
		return 0;
	if (!m->lines) {
		outbuf__write(o->ob, m->data, m->len);
		return 0;
	}
	/* Lines kept by --grep or --no-repeats, byte for byte. */
	for (i = 0; i < m->nlines; i++) {
		outbuf__write(o->ob, m->lines[i].p, m->lines[i].len);
		if (m->lines[i].nl)
			outbuf__write(o->ob, "\n", 1);
	}
	return 0;
}

static int raw_existing(struct output *o, const struct kg_existing *e, const char *data,
			size_t len)
{
	if (e->phase == KG_EXISTING_DATA)
		outbuf__write(o->ob, data, len);
	return 0;
}

static int raw_notice(struct output *o, const struct kg_event *ev)
{
	return 0;
}

static void raw_free(struct output *o)
{
	free(o);
}

struct output *output_raw__new(struct outbuf *ob, const struct output_config *cfg)
{
	struct output *o = calloc(1, sizeof(*o));

	if (!o)
		return NULL;
	o->message = raw_message;
	o->notice = raw_notice;
	o->existing = raw_existing;
	o->free = raw_free;
	o->ob = ob;
	o->cfg = *cfg;
	return o;
}
