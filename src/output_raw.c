// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* --format raw: exactly the bytes captured, in order, nothing else. */
#include <stdlib.h>
#include "output.h"

static int raw_message(struct output *o, const struct kg_msg *m)
{
	outbuf__write(o->ob, m->data, m->len);
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
	o->free = raw_free;
	o->ob = ob;
	o->cfg = *cfg;
	return o;
}
