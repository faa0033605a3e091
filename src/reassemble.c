// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "reassemble.h"

/* Unfinished messages kept at once. Normally at most one per CPU; a thread
 * whose last chunk was lost stays until it writes again. Past this many, the
 * oldest is handed over as incomplete, so memory stays bounded. */
#define PEND_MAX 1024
#define PEND_SLOTS (2 * PEND_MAX)

struct pend {
	struct kg_event hdr;
	char *buf;
	size_t len;
	size_t alloc;
	uint64_t born; /* for evicting the oldest */
	bool used;
};

struct reasm {
	reasm_msg_fn on_msg;
	reasm_notice_fn on_notice;
	void *ctx;
	struct reasm_stats stats;
	unsigned npend;
	uint64_t clock;
	struct pend slots[PEND_SLOTS];
};

struct reasm *reasm__new(reasm_msg_fn on_msg, reasm_notice_fn on_notice, void *ctx)
{
	struct reasm *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->on_msg = on_msg;
	r->on_notice = on_notice;
	r->ctx = ctx;
	return r;
}

void reasm__free(struct reasm *r)
{
	unsigned i;

	if (!r)
		return;
	for (i = 0; i < PEND_SLOTS; i++)
		free(r->slots[i].buf);
	free(r);
}

const struct reasm_stats *reasm__stats(const struct reasm *r)
{
	return &r->stats;
}

/* Open addressing with linear probing; removal shifts the run back so that
 * lookups never need tombstones. */
static unsigned slot_of(__u32 tid)
{
	return (tid * 2654435761u) % PEND_SLOTS;
}

static struct pend *find(struct reasm *r, __u32 tid)
{
	unsigned i = slot_of(tid), n;

	for (n = 0; n < PEND_SLOTS; n++, i = (i + 1) % PEND_SLOTS) {
		if (!r->slots[i].used)
			return NULL;
		if (r->slots[i].hdr.tid == tid)
			return &r->slots[i];
	}
	return NULL;
}

static void remove_slot(struct reasm *r, struct pend *p)
{
	unsigned i = p - r->slots, j = i, k;
	struct pend tmp;

	p->used = false;
	p->len = 0;
	r->npend--;
	for (;;) {
		j = (j + 1) % PEND_SLOTS;
		if (!r->slots[j].used)
			return;
		k = slot_of(r->slots[j].hdr.tid);
		/* Move j back to the hole at i unless its home lies in (i, j]. */
		if ((i <= j) ? (i < k && k <= j) : (i < k || k <= j))
			continue;
		tmp = r->slots[i];
		r->slots[i] = r->slots[j];
		r->slots[j] = tmp; /* the hole keeps its buffer for reuse */
		i = j;
	}
}

static int emit(struct reasm *r, const struct kg_event *hdr, const char *data, size_t len)
{
	struct kg_msg m = {
		.ev = hdr,
		.data = data,
		.len = len,
		.missing = hdr->cap > len ? hdr->cap - len : 0,
	};

	if (m.missing && !(hdr->flags & KG_F_FAULT))
		r->stats.incomplete++;
	return r->on_msg(r->ctx, &m);
}

static int emit_pend(struct reasm *r, struct pend *p)
{
	int ret = emit(r, &p->hdr, p->buf, p->len);

	remove_slot(r, p);
	return ret;
}

static int evict_oldest(struct reasm *r)
{
	struct pend *old = NULL;
	unsigned i;

	for (i = 0; i < PEND_SLOTS; i++)
		if (r->slots[i].used && (!old || r->slots[i].born < old->born))
			old = &r->slots[i];
	return old ? emit_pend(r, old) : 0;
}

static struct pend *insert(struct reasm *r, const struct kg_event *ev)
{
	unsigned i = slot_of(ev->tid);

	while (r->slots[i].used)
		i = (i + 1) % PEND_SLOTS;
	r->slots[i].used = true;
	r->slots[i].hdr = *ev;
	r->slots[i].len = 0;
	r->slots[i].born = r->clock++;
	r->npend++;
	return &r->slots[i];
}

static int append(struct pend *p, const char *data, size_t len)
{
	if (!len)
		return 0; /* an empty first chunk: buf may still be NULL */
	if (p->len + len > p->alloc) {
		size_t want = p->alloc ? p->alloc : 64 * 1024;
		char *nb;

		while (want < p->len + len)
			want *= 2;
		nb = realloc(p->buf, want);
		if (!nb)
			return -ENOMEM;
		p->buf = nb;
		p->alloc = want;
	}
	memcpy(p->buf + p->len, data, len);
	p->len += len;
	return 0;
}

static bool valid_data(const struct kg_event *ev, size_t size)
{
	if (ev->len > KG_CHUNK || sizeof(*ev) + ev->len > size)
		return false;
	if (ev->sys == 0 || ev->sys >= KG_SYS__MAX)
		return false;
	if (ev->cap > ev->size || ev->off > ev->cap || ev->len > ev->cap - ev->off)
		return false;
	return true;
}

static int flush_pid(struct reasm *r, __u32 pid)
{
	unsigned i;
	int ret;

	for (i = 0; i < PEND_SLOTS && r->npend; i++) {
		if (r->slots[i].used && r->slots[i].hdr.pid == pid) {
			ret = emit_pend(r, &r->slots[i]);
			if (ret)
				return ret;
			i--; /* remove_slot may have moved another entry here */
		}
	}
	return 0;
}

int reasm__push(struct reasm *r, const void *rec, size_t size)
{
	struct kg_event ev;
	const char *data;
	struct pend *p;
	int ret;

	if (size < sizeof(ev)) {
		r->stats.malformed++;
		return 0;
	}
	memcpy(&ev, rec, sizeof(ev)); /* the ring only guarantees 8-byte alignment */
	data = (const char *)rec + sizeof(ev);

	if (ev.kind != KG_EV_DATA) {
		if (ev.kind == KG_EV_EXIT) {
			ret = flush_pid(r, ev.pid);
			if (ret)
				return ret;
		}
		if (ev.kind != KG_EV_EXIT && ev.kind != KG_EV_FORK && ev.kind != KG_EV_EXEC) {
			r->stats.malformed++;
			return 0;
		}
		return r->on_notice ? r->on_notice(r->ctx, &ev) : 0;
	}
	if (!valid_data(&ev, size)) {
		r->stats.malformed++;
		return 0;
	}

	p = r->npend ? find(r, ev.tid) : NULL;
	if (ev.flags & KG_F_FIRST) {
		if (ev.off != 0) {
			r->stats.malformed++;
			return 0;
		}
		if (p) {
			/* The thread moved on to its next call: the last one lost its tail. */
			ret = emit_pend(r, p);
			if (ret)
				return ret;
		}
		if (ev.flags & KG_F_LAST)
			return emit(r, &ev, data, ev.len);
		if (r->npend >= PEND_MAX) {
			ret = evict_oldest(r);
			if (ret)
				return ret;
		}
		p = insert(r, &ev);
		p->hdr.len = 0;
		if (append(p, data, ev.len))
			return -ENOMEM;
		return 0;
	}

	if (!p || ev.off != p->len || ev.cap != p->hdr.cap || ev.sys != p->hdr.sys ||
	    ev.msg != p->hdr.msg || ev.fd != p->hdr.fd) {
		/* A chunk with no start, or out of order: cannot be placed. */
		r->stats.malformed++;
		return 0;
	}
	if (append(p, data, ev.len))
		return -ENOMEM;
	p->hdr.flags |= ev.flags & KG_F_FAULT;
	if (ev.flags & KG_F_LAST)
		return emit_pend(r, p);
	return 0;
}

int reasm__flush(struct reasm *r)
{
	unsigned i;
	int ret;

	for (i = 0; i < PEND_SLOTS && r->npend; i++) {
		if (r->slots[i].used) {
			ret = emit_pend(r, &r->slots[i]);
			if (ret)
				return ret;
			i--;
		}
	}
	return 0;
}
