// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "escape.h"
#include "output.h"
#include "summary.h"

struct summary {
	struct summary_row *rows;
	size_t nrows;
	size_t cap;
	uint32_t *index; /* open addressing: row number + 1, 0 = empty */
	size_t index_size; /* a power of two, at least twice nrows */
	bool sorted;
};

struct summary *summary__new(void)
{
	return calloc(1, sizeof(struct summary));
}

void summary__free(struct summary *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->nrows; i++)
		free(s->rows[i].name);
	free(s->rows);
	free(s->index);
	free(s);
}

static size_t hash(int pid, int fd, bool read)
{
	return ((size_t)(unsigned)pid * 2654435761u) ^ ((size_t)(unsigned)fd * 40503u) ^ read;
}

static int grow_index(struct summary *s)
{
	size_t size = s->index_size ? s->index_size * 2 : 64, i, h;
	uint32_t *idx = calloc(size, sizeof(*idx));

	if (!idx)
		return -ENOMEM;
	for (i = 0; i < s->nrows; i++) {
		const struct summary_row *r = &s->rows[i];

		for (h = hash(r->pid, r->fd, r->read) & (size - 1); idx[h]; h = (h + 1) & (size - 1))
			;
		idx[h] = i + 1;
	}
	free(s->index);
	s->index = idx;
	s->index_size = size;
	return 0;
}

static struct summary_row *row_of(struct summary *s, int pid, int fd, bool read)
{
	struct summary_row *r;
	size_t h;

	if (s->sorted) {
		/* Sorting moved the rows: index them again. */
		s->index_size /= 2;
		if (grow_index(s))
			return NULL;
		s->sorted = false;
	}
	if (2 * (s->nrows + 1) > s->index_size && grow_index(s))
		return NULL;
	for (h = hash(pid, fd, read) & (s->index_size - 1); s->index[h];
	     h = (h + 1) & (s->index_size - 1)) {
		r = &s->rows[s->index[h] - 1];
		if (r->pid == pid && r->fd == fd && r->read == read)
			return r;
	}
	if (s->nrows == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 32;
		struct summary_row *rows = realloc(s->rows, cap * sizeof(*rows));

		if (!rows)
			return NULL;
		s->rows = rows;
		s->cap = cap;
	}
	r = &s->rows[s->nrows++];
	memset(r, 0, sizeof(*r));
	r->pid = pid;
	r->fd = fd;
	r->read = read;
	s->index[h] = s->nrows;
	return r;
}

static struct summary_row *row_of_event(struct summary *s, const struct kg_event *ev)
{
	struct summary_row *r = row_of(s, ev->pid, ev->fd, ev->flags & KG_F_READ);

	if (r)
		memcpy(r->comm, ev->comm, sizeof(r->comm));
	return r;
}

int summary__add(struct summary *s, const struct kg_msg *m)
{
	struct summary_row *r = row_of_event(s, m->ev);

	if (!r)
		return -ENOMEM;
	r->calls++;
	r->bytes += m->ev->size;
	if (m->ev->size > r->largest)
		r->largest = m->ev->size;
	if (m->ev->size > m->ev->cap)
		r->truncated++;
	if (m->ev->ret < 0)
		r->failed++;
	return 0;
}

int summary__skip(struct summary *s, const struct kg_event *ev, uint64_t n)
{
	struct summary_row *r = row_of_event(s, ev);

	if (!r)
		return -ENOMEM;
	r->skipped += n;
	return 0;
}

int summary__name(struct summary *s, const struct kg_event *ev, const char *name)
{
	struct summary_row *r = row_of_event(s, ev);
	char *copy;

	if (!r)
		return -ENOMEM;
	if (r->name && !strcmp(r->name, name))
		return 0;
	copy = strdup(name);
	if (!copy)
		return -ENOMEM;
	free(r->name);
	r->name = copy;
	return 0;
}

int summary__lost(struct summary *s, int pid, int fd, bool read, uint64_t calls)
{
	struct summary_row *r = row_of(s, pid, fd, read);

	if (!r)
		return -ENOMEM;
	r->lost += calls;
	return 0;
}

static int cmp_rows(const void *pa, const void *pb)
{
	const struct summary_row *a = pa, *b = pb;

	if (a->bytes != b->bytes)
		return a->bytes > b->bytes ? -1 : 1;
	if (a->pid != b->pid)
		return a->pid < b->pid ? -1 : 1;
	if (a->fd != b->fd)
		return a->fd < b->fd ? -1 : 1;
	return (int)a->read - (int)b->read;
}

size_t summary__rows(const struct summary *cs, const struct summary_row **rows)
{
	/* Sorting in place keeps the API simple; row_of() re-indexes after it. */
	struct summary *s = (struct summary *)cs;

	if (!s->sorted && s->nrows) {
		qsort(s->rows, s->nrows, sizeof(*s->rows), cmp_rows);
		s->sorted = true;
	}
	*rows = s->rows;
	return s->nrows;
}

void summary__print(const struct summary *s, struct outbuf *ob)
{
	const struct summary_row *rows, *r;
	size_t n = summary__rows(s, &rows), i, clen;
	char comm[KG_COMM_LEN * ESCAPE_MAX_PER_BYTE + 1];

	outbuf__printf(ob, "%8s %-16s %5s %-5s %10s %14s %10s %7s %7s %7s %7s  %s\n", "PID", "COMM",
		       "FD", "DIR", "CALLS", "BYTES", "LARGEST", "TRUNC", "LOST", "SKIPPED",
		       "FAILED", "NAME");
	for (i = 0; i < n; i++) {
		r = &rows[i];
		clen = escape__text(r->comm, strnlen(r->comm, KG_COMM_LEN), comm);
		comm[clen] = '\0';
		outbuf__printf(ob, "%8d %-16s %5d %-5s %10llu %14llu %10llu %7llu %7llu %7llu %7llu  ",
			       r->pid, clen ? comm : "?", r->fd, r->read ? "read" : "write",
			       (unsigned long long)r->calls, (unsigned long long)r->bytes,
			       (unsigned long long)r->largest, (unsigned long long)r->truncated,
			       (unsigned long long)r->lost, (unsigned long long)r->skipped,
			       (unsigned long long)r->failed);
		if (r->name)
			output__put_escaped(ob, r->name, strlen(r->name));
		else
			outbuf__puts(ob, "?");
		outbuf__puts(ob, "\n");
	}
}
