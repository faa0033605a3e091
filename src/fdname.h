/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * What each fd of a target names: a path, pipe:[inode], /dev/pts/N, or a socket with its
 * family and addresses. A cache keyed by (pid, fd), filled from /proc/PID/fd/N (and, for
 * sockets, /proc/PID/net/{tcp,tcp6,udp,udp6,unix} and sock_diag), and kept right by the
 * KG_EV_FD notices the BPF side sends when a target opens, closes, dups or connects an fd.
 * /proc is read when an fd is first seen or changes, never per event.
 */
#ifndef __KUBEGLASS_FDNAME_H
#define __KUBEGLASS_FDNAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/types.h>
#include "kubeglass.h"

struct fdnames;

struct fdnames *fdnames__new(void);
void fdnames__free(struct fdnames *c); /* accepts NULL */

/* Applies a KG_EV_FD notice; data[0..len) is its payload (an open's path). */
void fdnames__notice(struct fdnames *c, const struct kg_event *ev, const char *data, size_t len);
/* The name of fd in process pid, from the cache or else from /proc now. Never NULL; the
 * string stays valid until the next call on c. Not escaped: a target chose it. */
const char *fdnames__get(struct fdnames *c, __u32 pid, __s32 fd);
/* Names every fd of pid that want() accepts (NULL: all) now. Called once the probes are
 * attached: from then on the notices keep the names right, and an fd already closed when
 * its write is printed still has its name. */
void fdnames__prefill(struct fdnames *c, __u32 pid, bool (*want)(const void *ctx, int fd),
		      const void *ctx);
/* Drops every entry of pid (it exited). */
void fdnames__forget_pid(struct fdnames *c, __u32 pid);

/* Names what /proc/PID/fd/FD points to now into buf; false (and a placeholder saying why
 * in buf) if the fd is closed or unreadable. ino, when nonzero, is the inode the fd should
 * name: a mismatch means the fd changed since, and then the name is built from ino and
 * mode alone. */
bool fdname__resolve(int pid, int fd, uint64_t ino, unsigned mode, char *buf, size_t size);

/* If line, one line of a /proc/net table in tcp/udp format (proto "tcp", "tcp6", "udp",
 * "udp6") or unix format (proto "unix"), is socket inode ino, writes its name, such as
 * "tcp 127.0.0.1:41000->127.0.0.1:80" or "unix /run/x.sock", into buf and returns true. */
bool fdname__socket_line(const char *line, const char *proto, uint64_t ino, char *buf,
			 size_t size);

#endif /* __KUBEGLASS_FDNAME_H */
