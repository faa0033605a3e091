// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include "fdname.h"

/* Hash buckets; entries are chained. Past MAX_ENTRIES the cache starts over
 * (names are then read again from /proc), so memory stays bounded. */
#define NR_BUCKETS 4096
#define MAX_ENTRIES 65536
#define NAME_MAX_LEN 512
#define AT_FDCWD_VALUE -100

struct fdentry {
	struct fdentry *next;
	__u32 pid;
	__s32 fd;
	char name[];
};

struct fdnames {
	struct fdentry *buckets[NR_BUCKETS];
	size_t nr;
	char tmp[NAME_MAX_LEN];
	char tmp2[NAME_MAX_LEN];
};

static unsigned bucket_of(__u32 pid, __s32 fd)
{
	return ((pid * 2654435761u) ^ ((__u32)fd * 40503u)) % NR_BUCKETS;
}

struct fdnames *fdnames__new(void)
{
	return calloc(1, sizeof(struct fdnames));
}

static void clear_all(struct fdnames *c)
{
	struct fdentry *e, *next;
	unsigned i;

	for (i = 0; i < NR_BUCKETS; i++) {
		for (e = c->buckets[i]; e; e = next) {
			next = e->next;
			free(e);
		}
		c->buckets[i] = NULL;
	}
	c->nr = 0;
}

void fdnames__free(struct fdnames *c)
{
	if (!c)
		return;
	clear_all(c);
	free(c);
}

static struct fdentry **find(struct fdnames *c, __u32 pid, __s32 fd)
{
	struct fdentry **link = &c->buckets[bucket_of(pid, fd)];

	while (*link && ((*link)->pid != pid || (*link)->fd != fd))
		link = &(*link)->next;
	return link;
}

static void drop(struct fdnames *c, __u32 pid, __s32 fd)
{
	struct fdentry **link = find(c, pid, fd), *e = *link;

	if (!e)
		return;
	*link = e->next;
	free(e);
	c->nr--;
}

/* Returns the stored copy (name may point into c->tmp). */
static const char *store(struct fdnames *c, __u32 pid, __s32 fd, const char *name)
{
	size_t len = strlen(name);
	struct fdentry *e;

	drop(c, pid, fd);
	if (c->nr >= MAX_ENTRIES)
		clear_all(c);
	e = malloc(sizeof(*e) + len + 1);
	if (!e)
		return name;
	e->pid = pid;
	e->fd = fd;
	memcpy(e->name, name, len + 1);
	e->next = c->buckets[bucket_of(pid, fd)];
	c->buckets[bucket_of(pid, fd)] = e;
	c->nr++;
	return e->name;
}

/* Drops pid's entries for fds first..last, scanning the whole table: for
 * exits and wide close_range calls, not for single fds. */
static void drop_range(struct fdnames *c, __u32 pid, __s64 first, __s64 last)
{
	struct fdentry **link, *e;
	unsigned i;

	for (i = 0; i < NR_BUCKETS; i++) {
		link = &c->buckets[i];
		while ((e = *link)) {
			if (e->pid == pid && e->fd >= first && e->fd <= last) {
				*link = e->next;
				free(e);
				c->nr--;
			} else {
				link = &e->next;
			}
		}
	}
}

void fdnames__forget_pid(struct fdnames *c, __u32 pid)
{
	drop_range(c, pid, INT32_MIN, INT32_MAX);
}

/* "0100007F:1F90" (IPv4, a host-order u32) or 32 hex digits (IPv6, four host-order u32s). */
static bool format_addr(const char *hex, bool v6, char *buf, size_t size)
{
	unsigned char a[16];
	char ip[INET6_ADDRSTRLEN];
	unsigned port, i;
	uint32_t w;
	const char *colon = strchr(hex, ':');
	size_t hexlen = colon ? (size_t)(colon - hex) : 0;

	if (hexlen != (v6 ? 32u : 8u) || sscanf(colon + 1, "%x", &port) != 1)
		return false;
	for (i = 0; i < hexlen / 8; i++) {
		char word[9];

		memcpy(word, hex + 8 * i, 8);
		word[8] = '\0';
		w = (uint32_t)strtoul(word, NULL, 16);
		memcpy(a + 4 * i, &w, 4); /* /proc prints each word in host order */
	}
	if (!inet_ntop(v6 ? AF_INET6 : AF_INET, a, ip, sizeof(ip)))
		return false;
	snprintf(buf, size, v6 ? "[%s]:%u" : "%s:%u", ip, port);
	return true;
}

static bool unix_line(const char *line, uint64_t ino, char *buf, size_t size)
{
	unsigned long long num, inode;
	unsigned refs, proto, flags, type, st;
	int used = 0;
	const char *path;

	if (sscanf(line, "%llx: %x %x %x %x %x %llu%n", &num, &refs, &proto, &flags, &type, &st,
		   &inode, &used) != 7 || inode != ino)
		return false;
	path = line + used;
	path += strspn(path, " ");
	if (*path && *path != '\n')
		snprintf(buf, size, "unix %.*s", (int)strcspn(path, "\n"), path);
	else
		snprintf(buf, size, "unix [%llu]", inode);
	return true;
}

bool fdname__socket_line(const char *line, const char *proto, uint64_t ino, char *buf,
			 size_t size)
{
	char local[64], remote[64], l[80], r[80];
	unsigned long long inode;
	unsigned sl, st, uid;
	bool v6 = strchr(proto, '6') != NULL;

	if (!strcmp(proto, "unix"))
		return unix_line(line, ino, buf, size);
	/* sl local rem st tx:rx tr:when retrnsmt uid timeout inode */
	if (sscanf(line, " %u: %63s %63s %x %*s %*s %*s %u %*s %llu", &sl, local, remote, &st,
		   &uid, &inode) != 6 || inode != ino)
		return false;
	if (!format_addr(local, v6, l, sizeof(l)) || !format_addr(remote, v6, r, sizeof(r)))
		return false;
	/* No peer: a listening or unconnected socket shows its local address only. */
	if (!strcmp(r, "0.0.0.0:0") || !strcmp(r, "[::]:0"))
		snprintf(buf, size, "%s %s%s", proto, l,
			 !strncmp(proto, "tcp", 3) && st == 0x0a ? " (listening)" : "");
	else
		snprintf(buf, size, "%s %s->%s", proto, l, r);
	return true;
}

static bool socket_in_table(int pid, const char *proto, uint64_t ino, char *buf, size_t size)
{
	char path[64], *line = NULL;
	size_t cap = 0;
	bool found = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/net/%s", pid, proto);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (!found && getline(&line, &cap, f) > 0)
		found = fdname__socket_line(line, proto, ino, buf, size);
	free(line);
	fclose(f);
	return found;
}

/* A unix socket's peer, from sock_diag: /proc/net/unix lists only bound paths, and the
 * client end of a connection has none of its own. Works for the namespace kubeglass runs
 * in; elsewhere the peer is left out. */
static bool unix_peer(uint64_t ino, char *buf, size_t size)
{
	struct {
		struct nlmsghdr nlh;
		struct unix_diag_req req;
	} msg = {
		.nlh = {.nlmsg_len = sizeof(msg), .nlmsg_type = SOCK_DIAG_BY_FAMILY,
			.nlmsg_flags = NLM_F_REQUEST},
		.req = {.sdiag_family = AF_UNIX, .udiag_states = -1, .udiag_ino = (__u32)ino,
			.udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER,
			.udiag_cookie = {INET_DIAG_NOCOOKIE, INET_DIAG_NOCOOKIE}},
	};
	char reply[8192];
	struct nlmsghdr *h = (struct nlmsghdr *)reply;
	struct unix_diag_msg *m;
	struct rtattr *a;
	uint32_t peer = 0;
	ssize_t n;
	int len, fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);

	buf[0] = '\0';
	if (fd < 0)
		return false;
	if (send(fd, &msg, sizeof(msg), 0) != sizeof(msg)) {
		close(fd);
		return false;
	}
	n = recv(fd, reply, sizeof(reply), 0);
	close(fd);
	if (n < (ssize_t)NLMSG_LENGTH(sizeof(*m)) || !NLMSG_OK(h, (size_t)n) ||
	    h->nlmsg_type != SOCK_DIAG_BY_FAMILY)
		return false;
	m = NLMSG_DATA(h);
	len = h->nlmsg_len - NLMSG_LENGTH(sizeof(*m));
	for (a = (struct rtattr *)(m + 1); RTA_OK(a, len); a = RTA_NEXT(a, len))
		if (a->rta_type == UNIX_DIAG_PEER && RTA_PAYLOAD(a) >= 4)
			memcpy(&peer, RTA_DATA(a), 4);
	if (!peer)
		return false;
	snprintf(buf, size, "[%u]", peer);
	return true;
}

static void name_socket(int pid, uint64_t ino, char *buf, size_t size)
{
	static const char *const protos[] = {"tcp", "tcp6", "udp", "udp6", "unix"};
	char peer[32], peer_name[NAME_MAX_LEN], own[NAME_MAX_LEN];
	unsigned i;

	for (i = 0; i < sizeof(protos) / sizeof(protos[0]); i++) {
		if (!socket_in_table(pid, protos[i], ino, own, sizeof(own)))
			continue;
		if (i == 4 && unix_peer(ino, peer, sizeof(peer))) {
			uint64_t pino = strtoull(peer + 1, NULL, 10);

			/* The peer's bound path says more than its inode. */
			if (!socket_in_table(pid, "unix", pino, peer_name, sizeof(peer_name)) ||
			    !strncmp(peer_name, "unix [", 6))
				snprintf(peer_name, sizeof(peer_name), "unix %s", peer);
			snprintf(buf, size, "%s->%s", own, peer_name + 5);
		} else {
			snprintf(buf, size, "%s", own);
		}
		return;
	}
	snprintf(buf, size, "socket:[%llu]", (unsigned long long)ino);
}

static void name_from_inode(int pid, uint64_t ino, unsigned mode, char *buf, size_t size)
{
	if (S_ISSOCK(mode))
		name_socket(pid, ino, buf, size);
	else if (S_ISFIFO(mode))
		snprintf(buf, size, "pipe:[%llu]", (unsigned long long)ino);
	else
		snprintf(buf, size, "?[inode %llu: changed or closed before it could be named]",
			 (unsigned long long)ino);
}

bool fdname__resolve(int pid, int fd, uint64_t ino, unsigned mode, char *buf, size_t size)
{
	char path[64];
	struct stat st;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/fd/%d", pid, fd);
	n = readlink(path, buf, size - 1);
	if (n < 0 || stat(path, &st) || (ino && st.st_ino != ino)) {
		if (ino) {
			name_from_inode(pid, ino, mode, buf, size);
			return true;
		}
		snprintf(buf, size, "?[closed before it could be named]");
		return false;
	}
	buf[n] = '\0';
	if (S_ISSOCK(st.st_mode))
		name_socket(pid, st.st_ino, buf, size);
	return true;
}

const char *fdnames__get(struct fdnames *c, __u32 pid, __s32 fd)
{
	struct fdentry *e = *find(c, pid, fd);

	if (e)
		return e->name;
	fdname__resolve(pid, fd, 0, 0, c->tmp, sizeof(c->tmp));
	return store(c, pid, fd, c->tmp);
}

/* An open's path as the target gave it, made absolute from its cwd or dirfd. A
 * path read now from /proc/PID/fd could already name a later file. */
static void name_open(struct fdnames *c, const struct kg_event *ev, const char *data,
		      size_t len)
{
	__s64 dirfd = (__s64)ev->size;
	char cwd_link[64];
	ssize_t n;

	if (len >= NAME_MAX_LEN)
		len = NAME_MAX_LEN - 1;
	if (len && data[0] == '/') {
		memcpy(c->tmp, data, len);
		c->tmp[len] = '\0';
		store(c, ev->pid, ev->fd, c->tmp);
		return;
	}
	if (len > 2 && data[0] == '.' && data[1] == '/') {
		data += 2;
		len -= 2;
	}
	if (dirfd == AT_FDCWD_VALUE) {
		snprintf(cwd_link, sizeof(cwd_link), "/proc/%u/cwd", ev->pid);
		n = readlink(cwd_link, c->tmp2, sizeof(c->tmp2) - 1);
		if (n < 0)
			n = snprintf(c->tmp2, sizeof(c->tmp2), "?cwd");
		c->tmp2[n] = '\0';
	} else {
		snprintf(c->tmp2, sizeof(c->tmp2), "%s", fdnames__get(c, ev->pid, (__s32)dirfd));
	}
	snprintf(c->tmp, sizeof(c->tmp), "%s%s%.*s", c->tmp2,
		 c->tmp2[0] && c->tmp2[strlen(c->tmp2) - 1] == '/' ? "" : "/", (int)len, data);
	store(c, ev->pid, ev->fd, c->tmp);
}

void fdnames__notice(struct fdnames *c, const struct kg_event *ev, const char *data, size_t len)
{
	__s64 fd, last = (__s64)ev->off;

	switch (ev->msg) {
	case KG_FDOP_OPEN:
		name_open(c, ev, data, len);
		return;
	case KG_FDOP_DUP: {
		struct fdentry *src = *find(c, ev->pid, (__s32)(__s64)ev->size);

		/* The copy names what its source names; the source's cached name is
		 * as fresh as any /proc read. */
		if (src) {
			snprintf(c->tmp, sizeof(c->tmp), "%s", src->name);
			store(c, ev->pid, ev->fd, c->tmp);
			return;
		}
		break;
	}
	case KG_FDOP_CLOSE:
		if (last - ev->fd > 4096) {
			drop_range(c, ev->pid, ev->fd, last);
			return;
		}
		for (fd = ev->fd; fd <= last; fd++)
			drop(c, ev->pid, (__s32)fd);
		return;
	case KG_FDOP_NEW:
	case KG_FDOP_ADDR:
		break;
	default:
		return;
	}
	/* New objects are named now, checked against the inode the kernel saw
	 * (known for the first fd only; a pipe's two ends share it). */
	fdname__resolve(ev->pid, ev->fd, ev->cap, (unsigned)ev->fpos, c->tmp, sizeof(c->tmp));
	store(c, ev->pid, ev->fd, c->tmp);
	if (last != ev->fd && last >= 0 && last <= INT32_MAX) {
		fdname__resolve(ev->pid, (int)last, S_ISFIFO(ev->fpos) ? ev->cap : 0,
				(unsigned)ev->fpos, c->tmp, sizeof(c->tmp));
		store(c, ev->pid, (__s32)last, c->tmp);
	}
}

void fdnames__prefill(struct fdnames *c, __u32 pid, bool (*want)(const void *ctx, int fd),
		      const void *ctx)
{
	char path[64];
	struct dirent *d;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%u/fd", pid);
	dir = opendir(path);
	if (!dir)
		return;
	while ((d = readdir(dir))) {
		char *end;
		long fd = strtol(d->d_name, &end, 10);

		if (*end || d->d_name[0] == '.' || (want && !want(ctx, (int)fd)))
			continue;
		fdname__resolve(pid, (int)fd, 0, 0, c->tmp, sizeof(c->tmp));
		store(c, pid, (__s32)fd, c->tmp);
	}
	closedir(dir);
}
