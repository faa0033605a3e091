// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/magic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "cgroup.h"

/* From the kernel's include/linux/exportfs.h, which no uapi header carries. */
#define FILEID_KERNFS 0xfe

/* mountinfo of a node running thousands of pods is a few MiB; anything larger is not /proc. */
#define TEXT_FILE_MAX (64 << 20)

#define MIN_REF_LEN 12

static const char ref_why[] = "a container ID is 12 to 64 hexadecimal characters, "
			      "optionally after docker://, containerd:// or cri-o://";

static bool is_lower_hex(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!isdigit((unsigned char)s[i]) && (s[i] < 'a' || s[i] > 'f'))
			return false;
	return true;
}

static bool has_prefix(const char *s, size_t len, const char *prefix)
{
	size_t plen = strlen(prefix);

	return len >= plen && !memcmp(s, prefix, plen);
}

int cgroup__parse_container_ref(const char *ref, char *hex, size_t size, const char **why)
{
	static const char *const schemes[] = {"docker://", "containerd://", "cri-o://"};
	const char *end;
	size_t len;

	*why = ref_why;
	if (!ref)
		return -EINVAL;
	while (isspace((unsigned char)*ref))
		ref++;
	for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
		if (!strncasecmp(ref, schemes[i], strlen(schemes[i]))) {
			ref += strlen(schemes[i]);
			break;
		}
	}
	end = ref + strlen(ref);
	while (end > ref && isspace((unsigned char)end[-1]))
		end--;
	len = end - ref;
	if (len < MIN_REF_LEN || len > CGROUP_CONTAINER_ID_LEN)
		return -EINVAL;
	for (size_t i = 0; i < len; i++)
		if (!isxdigit((unsigned char)ref[i]))
			return -EINVAL;
	if (len >= size) {
		*why = "no room for the container ID";
		return -ENOSPC;
	}
	for (size_t i = 0; i < len; i++)
		hex[i] = tolower((unsigned char)ref[i]);
	hex[len] = '\0';
	*why = NULL;
	return 0;
}

/*
 * One path component that names a container. "crio-conmon-<id>.scope" and
 * "libpod-conmon-<id>.scope" fail the hex check after "crio-"/"libpod-" and so never count: they
 * hold the runtime's monitor, whose writes are not the container's.
 */
static bool component_container_id(const char *s, size_t len, char id[CGROUP_CONTAINER_ID_LEN + 1])
{
	static const char *const runtimes[] = {"docker-", "cri-containerd-", "crio-", "libpod-"};
	static const char scope[] = ".scope";
	const size_t scope_len = sizeof(scope) - 1;

	for (size_t i = 0; i < sizeof(runtimes) / sizeof(runtimes[0]); i++) {
		if (has_prefix(s, len, runtimes[i])) {
			s += strlen(runtimes[i]);
			len -= strlen(runtimes[i]);
			if (len == CGROUP_CONTAINER_ID_LEN + scope_len &&
			    !memcmp(s + CGROUP_CONTAINER_ID_LEN, scope, scope_len))
				len = CGROUP_CONTAINER_ID_LEN;
			break;
		}
	}
	if (len != CGROUP_CONTAINER_ID_LEN || !is_lower_hex(s, len))
		return false;
	memcpy(id, s, len);
	id[len] = '\0';
	return true;
}

int cgroup__container_id_of_path(const char *path, char id[CGROUP_CONTAINER_ID_LEN + 1])
{
	bool found = false;

	if (!path)
		return -ENOENT;
	while (*path) {
		size_t len = strcspn(path, "/");

		if (len && component_container_id(path, len, id))
			found = true;
		path += len;
		if (*path == '/')
			path++;
	}
	return found ? 0 : -ENOENT;
}

int cgroup__v2_path(const char *proc_cgroup, char *path, size_t size)
{
	static const char deleted[] = " (deleted)";
	const size_t deleted_len = sizeof(deleted) - 1;
	const char *line = proc_cgroup;

	while (line && *line) {
		size_t len = strcspn(line, "\n");

		/* The cgroup name may itself hold ':', so everything after "0::" is the path. */
		if (len >= 4 && !memcmp(line, "0::/", 4)) {
			const char *p = line + 3;

			len -= 3;
			if (len > deleted_len &&
			    !memcmp(p + len - deleted_len, deleted, deleted_len))
				len -= deleted_len;
			if (len >= size)
				return -ENAMETOOLONG;
			memcpy(path, p, len);
			path[len] = '\0';
			return 0;
		}
		line += len;
		if (*line == '\n')
			line++;
	}
	return -ENOENT;
}

/* A mountinfo field, with the kernel's \ooo escapes of space, tab, newline and backslash undone. */
static char *unescape_field(const char *s, size_t len)
{
	char *out = malloc(len + 1), *o = out;

	if (!out)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 3 < len && s[i + 1] >= '0' && s[i + 1] <= '3' &&
		    s[i + 2] >= '0' && s[i + 2] <= '7' && s[i + 3] >= '0' && s[i + 3] <= '7') {
			*o++ = (char)((s[i + 1] - '0') << 6 | (s[i + 2] - '0') << 3 |
				      (s[i + 3] - '0'));
			i += 3;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

/* Components below "/", or -1 for a ".." that puts the depth out of reach (a foreign cgroupns). */
static int path_depth(const char *path)
{
	int depth = 0;

	while (*path) {
		size_t len = strcspn(path, "/");

		if (len == 2 && !memcmp(path, "..", 2))
			return -1;
		if (len && !(len == 1 && *path == '.'))
			depth++;
		path += len;
		if (*path == '/')
			path++;
	}
	return depth;
}

/* Whether mnt is path or one of its parents, compared component by component. */
static bool mount_holds(const char *mnt, const char *path)
{
	size_t len = strlen(mnt);

	if (!strcmp(mnt, "/"))
		return path[0] == '/';
	return !strncmp(mnt, path, len) && (path[len] == '\0' || path[len] == '/');
}

struct mount_entry {
	char *root;
	char *point;
	bool cgroup2;
};

/* Splits one mountinfo line; false for a line too short or without the " - " separator. */
static bool parse_mount_line(const char *line, size_t len, struct mount_entry *m)
{
	const char *field[6], *fstype = NULL;
	size_t flen[6], fstype_len = 0, n = 0;
	const char *p = line, *end = line + len;
	bool after_sep = false;

	while (p < end) {
		const char *f;

		while (p < end && *p == ' ')
			p++;
		if (p == end)
			break;
		f = p;
		while (p < end && *p != ' ')
			p++;
		if (n < 6) {
			field[n] = f;
			flen[n] = p - f;
		}
		n++;
		if (after_sep) {
			fstype = f;
			fstype_len = p - f;
			break;
		}
		/* Optional fields of any number sit between the mount options and "-". */
		if (n > 6 && p - f == 1 && *f == '-')
			after_sep = true;
	}
	if (!fstype)
		return false;
	m->root = unescape_field(field[3], flen[3]);
	m->point = unescape_field(field[4], flen[4]);
	m->cgroup2 = fstype_len == 7 && !memcmp(fstype, "cgroup2", 7);
	if (!m->root || !m->point || m->root[0] != '/' || m->point[0] != '/') {
		free(m->root);
		free(m->point);
		return false;
	}
	return true;
}

int cgroup__mountinfo_find_v2(const char *mountinfo, const char *path, char *mnt, size_t mnt_size,
			      int *root_depth)
{
	struct mount_entry best = {}, m;
	const char *line = mountinfo;
	size_t best_len = 0;
	int depth, err;

	while (line && *line) {
		size_t len = strcspn(line, "\n");
		bool better;

		if (parse_mount_line(line, len, &m)) {
			if (path) {
				better = mount_holds(m.point, path) &&
					 (!best.point || strlen(m.point) >= best_len);
			} else {
				/* A bind mount of a sub-cgroup is a view of the hierarchy, not all
				 * of it. */
				better =
				    m.cgroup2 && path_depth(m.root) >= 0 &&
				    (!best.point || path_depth(m.root) < path_depth(best.root));
			}
			if (better) {
				free(best.root);
				free(best.point);
				best = m;
				best_len = strlen(m.point);
			} else {
				free(m.root);
				free(m.point);
			}
		}
		line += len;
		if (*line == '\n')
			line++;
	}
	if (!best.point)
		return -ENOENT;
	depth = path_depth(best.root);
	if (!best.cgroup2 || depth < 0)
		err = -EINVAL;
	else if (best_len >= mnt_size)
		err = -ENAMETOOLONG;
	else
		err = 0;
	if (!err) {
		memcpy(mnt, best.point, best_len + 1);
		*root_depth = depth;
	}
	free(best.root);
	free(best.point);
	return err;
}

/* The whole of a small file, NUL-terminated; /proc files report no size, so read until EOF. */
static int read_text_file(int dirfd, const char *path, char **text)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap), *bigger;
	int fd, err = 0;
	ssize_t n;

	if (!buf)
		return -ENOMEM;
	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		goto cleanup;
	}
	for (;;) {
		if (cap - len < 2) {
			if (cap >= TEXT_FILE_MAX) {
				err = -EFBIG;
				goto cleanup;
			}
			bigger = realloc(buf, cap * 2);
			if (!bigger) {
				err = -ENOMEM;
				goto cleanup;
			}
			buf = bigger;
			cap *= 2;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			goto cleanup;
		}
		if (n == 0)
			break;
		len += n;
	}
	buf[len] = '\0';
	close(fd);
	*text = buf;
	return 0;
cleanup:
	if (fd >= 0)
		close(fd);
	free(buf);
	return err < 0 ? err : -EIO;
}

int cgroup__v2_root(char *mnt, size_t size)
{
	char *mountinfo;
	int err, root_depth;

	err = read_text_file(AT_FDCWD, "/proc/self/mountinfo", &mountinfo);
	if (err)
		return err;
	err = cgroup__mountinfo_find_v2(mountinfo, NULL, mnt, size, &root_depth);
	free(mountinfo);
	return err;
}

struct found_container {
	char id[CGROUP_CONTAINER_ID_LEN + 1];
	char *dir;
	int depth;
};

struct container_search {
	char prefix[CGROUP_CONTAINER_ID_LEN + 1];
	size_t prefix_len;
	dev_t dev;
	struct found_container *found;
	size_t nr_found;
	size_t cap_found;
};

static int search__add(struct container_search *s, const char *id, const char *dir, int depth)
{
	struct found_container *f, *bigger;
	char *copy;

	for (size_t i = 0; i < s->nr_found; i++) {
		f = &s->found[i];
		if (strcmp(f->id, id))
			continue;
		if (depth < f->depth) {
			copy = strdup(dir);
			if (!copy)
				return -ENOMEM;
			free(f->dir);
			f->dir = copy;
			f->depth = depth;
		}
		return 0;
	}
	if (s->nr_found == s->cap_found) {
		size_t cap = s->cap_found ? s->cap_found * 2 : 4;

		bigger = realloc(s->found, cap * sizeof(*bigger));
		if (!bigger)
			return -ENOMEM;
		s->found = bigger;
		s->cap_found = cap;
	}
	f = &s->found[s->nr_found];
	f->dir = strdup(dir);
	if (!f->dir)
		return -ENOMEM;
	memcpy(f->id, id, sizeof(f->id));
	f->depth = depth;
	s->nr_found++;
	return 0;
}

/* Walks the directory open as dirfd (closed here) named path, depth levels below the root. */
static int search__walk(struct container_search *s, int dirfd, const char *path, int depth)
{
	char id[CGROUP_CONTAINER_ID_LEN + 1];
	struct dirent *ent;
	struct stat st;
	int err = 0, fd;
	char *child;
	DIR *d;

	d = fdopendir(dirfd);
	if (!d) {
		err = -errno;
		close(dirfd);
		return err;
	}
	while ((ent = readdir(d))) {
		if (!strcmp(ent->d_name, ".") || !strcmp(ent->d_name, ".."))
			continue;
		if (ent->d_type != DT_DIR && ent->d_type != DT_UNKNOWN)
			continue;
		fd = openat(dirfd, ent->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			continue; /* a cgroup removed meanwhile, or not a directory after all */
		if (fstat(fd, &st) || st.st_dev != s->dev) {
			close(fd);
			continue;
		}
		if (asprintf(&child, "%s/%s", path, ent->d_name) < 0) {
			close(fd);
			err = -ENOMEM;
			break;
		}
		if (component_container_id(ent->d_name, strlen(ent->d_name), id) &&
		    !strncmp(id, s->prefix, s->prefix_len))
			err = search__add(s, id, child, depth + 1);
		if (!err && depth + 1 < CGROUP_MAX_DEPTH)
			err = search__walk(s, fd, child, depth + 1);
		else
			close(fd);
		free(child);
		/* An unreadable sub-cgroup says nothing about the others; only memory stops us. */
		if (err == -ENOMEM)
			break;
		err = 0;
	}
	closedir(d);
	return err;
}

static int cmp_found(const void *a, const void *b)
{
	return strcmp(((const struct found_container *)a)->id,
		      ((const struct found_container *)b)->id);
}

/* "id1,id2" into buf, its end replaced by "..." when buf is too small for all. */
static void list_matches(const struct container_search *s, char *buf, size_t size)
{
	size_t len = 0;

	if (!buf || !size)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < s->nr_found; i++) {
		size_t n = snprintf(buf + len, size - len, "%s%s", i ? "," : "", s->found[i].id);

		if (len + n >= size) {
			if (size > 3)
				memcpy(buf + size - 4, "...", 3);
			return;
		}
		len += n;
	}
}

int cgroup__find_container(const char *root, const char *prefix, char *dir, size_t dir_size,
			   char *matches, size_t matches_size)
{
	struct container_search s = {};
	char *v2_root = NULL, *top = NULL;
	size_t root_len;
	struct stat st;
	int err, fd;

	if (matches && matches_size)
		matches[0] = '\0';
	if (!prefix)
		return -EINVAL;
	s.prefix_len = strlen(prefix);
	if (!s.prefix_len || s.prefix_len > CGROUP_CONTAINER_ID_LEN)
		return -EINVAL;
	for (size_t i = 0; i < s.prefix_len; i++) {
		if (!isxdigit((unsigned char)prefix[i]))
			return -EINVAL;
		s.prefix[i] = tolower((unsigned char)prefix[i]);
	}
	if (!root) {
		v2_root = malloc(PATH_MAX);
		if (!v2_root)
			return -ENOMEM;
		err = cgroup__v2_root(v2_root, PATH_MAX);
		if (err)
			goto cleanup;
		root = v2_root;
	}
	fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		goto cleanup;
	}
	if (fstat(fd, &st)) {
		err = -errno;
		close(fd);
		goto cleanup;
	}
	/* Staying on one file system keeps a hybrid layout's v1 hierarchies out of the walk. */
	s.dev = st.st_dev;
	root_len = strlen(root);
	while (root_len && root[root_len - 1] == '/')
		root_len--;
	top = strndup(root, root_len);
	if (!top) {
		err = -ENOMEM;
		close(fd);
		goto cleanup;
	}
	err = search__walk(&s, fd, top, 0);
	if (err)
		goto cleanup;
	if (s.nr_found == 0) {
		err = -ENOENT;
	} else if (s.nr_found > 1) {
		qsort(s.found, s.nr_found, sizeof(*s.found), cmp_found);
		list_matches(&s, matches, matches_size);
		err = -EEXIST;
	} else if (strlen(s.found[0].dir) >= dir_size) {
		err = -ENAMETOOLONG;
	} else {
		strcpy(dir, s.found[0].dir);
	}
cleanup:
	for (size_t i = 0; i < s.nr_found; i++)
		free(s.found[i].dir);
	free(s.found);
	free(top);
	free(v2_root);
	return err;
}

int cgroup__id(const char *dir, uint64_t *id, int *level)
{
	_Alignas(struct file_handle) unsigned char buf[sizeof(struct file_handle) + 64];
	struct file_handle *fh = (struct file_handle *)buf;
	char *real = NULL, *mountinfo = NULL, *mnt = NULL;
	int fd, mount_id, root_depth, depth, err;
	struct statfs sfs;

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstatfs(fd, &sfs)) {
		err = -errno;
		goto cleanup;
	}
	if (sfs.f_type != CGROUP2_SUPER_MAGIC) {
		err = -EINVAL;
		goto cleanup;
	}
	fh->handle_bytes = sizeof(buf) - sizeof(*fh);
	if (name_to_handle_at(fd, "", fh, &mount_id, AT_EMPTY_PATH)) {
		err = -errno;
		goto cleanup;
	}
	/* kernfs hands out its 64-bit node id as the handle: the id the BPF helpers return. */
	if (fh->handle_type != FILEID_KERNFS || fh->handle_bytes != sizeof(*id)) {
		err = -EOPNOTSUPP;
		goto cleanup;
	}
	memcpy(id, fh->f_handle, sizeof(*id));

	real = realpath(dir, NULL);
	if (!real) {
		err = -errno;
		goto cleanup;
	}
	err = read_text_file(AT_FDCWD, "/proc/self/mountinfo", &mountinfo);
	if (err)
		goto cleanup;
	mnt = malloc(strlen(real) + 1);
	if (!mnt) {
		err = -ENOMEM;
		goto cleanup;
	}
	err = cgroup__mountinfo_find_v2(mountinfo, real, mnt, strlen(real) + 1, &root_depth);
	if (err)
		goto cleanup;
	depth = path_depth(real + strlen(mnt));
	if (depth < 0) {
		err = -EINVAL;
		goto cleanup;
	}
	*level = root_depth + depth;
cleanup:
	free(mnt);
	free(mountinfo);
	free(real);
	close(fd);
	return err;
}

struct pid_list {
	int *pids;
	size_t count;
	size_t cap;
};

static int pid_list__add(struct pid_list *l, int pid)
{
	int *bigger;

	if (l->count == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;

		bigger = realloc(l->pids, cap * sizeof(*bigger));
		if (!bigger)
			return -ENOMEM;
		l->pids = bigger;
		l->cap = cap;
	}
	l->pids[l->count++] = pid;
	return 0;
}

/* A positive decimal int at *s, which is advanced past it; false for anything else. */
static bool parse_pid(const char **s, int *pid)
{
	const char *p = *s;
	long v = 0;

	if (!isdigit((unsigned char)*p))
		return false;
	while (isdigit((unsigned char)*p)) {
		v = v * 10 + (*p++ - '0');
		if (v > INT_MAX)
			return false;
	}
	if (v == 0)
		return false;
	*pid = (int)v;
	*s = p;
	return true;
}

/* Collects cgroup.procs of the cgroup open as dirfd (closed here) and of its descendants. */
static int collect_pids(struct pid_list *l, int dirfd, int depth)
{
	char *procs, *p;
	struct dirent *ent;
	int err, fd, pid;
	DIR *d;

	err = read_text_file(dirfd, "cgroup.procs", &procs);
	if (err) {
		close(dirfd);
		return err;
	}
	for (p = procs; *p;) {
		const char *q = p;

		if (parse_pid(&q, &pid) && (*q == '\n' || *q == '\0')) {
			err = pid_list__add(l, pid);
			if (err)
				break;
		}
		p += strcspn(p, "\n");
		if (*p)
			p++;
	}
	free(procs);
	if (err) {
		close(dirfd);
		return err;
	}
	d = fdopendir(dirfd);
	if (!d) {
		err = -errno;
		close(dirfd);
		return err;
	}
	while ((ent = readdir(d)) && depth + 1 < CGROUP_MAX_DEPTH) {
		if (!strcmp(ent->d_name, ".") || !strcmp(ent->d_name, ".."))
			continue;
		if (ent->d_type != DT_DIR && ent->d_type != DT_UNKNOWN)
			continue;
		fd = openat(dirfd, ent->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			continue;
		err = collect_pids(l, fd, depth + 1);
		/*
		 * A sub-cgroup removed between readdir and read is no error: containers come and
		 * go. A threaded sub-cgroup refuses cgroup.procs; its domain above already listed
		 * them.
		 */
		if (err == -ENOENT || err == -ENODEV || err == -EOPNOTSUPP)
			err = 0;
		if (err)
			break;
	}
	closedir(d);
	return err;
}

int cgroup__pids(const char *dir, int **pids, size_t *count)
{
	struct pid_list l = {};
	int fd, err;

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	err = collect_pids(&l, fd, 0);
	if (err) {
		free(l.pids);
		return err;
	}
	*pids = l.pids;
	*count = l.count;
	return 0;
}

int cgroup__parse_ns_pid(const char *status, int *ns_pid)
{
	const char *line = status;

	while (line && *line) {
		size_t len = strcspn(line, "\n");
		const char *p, *end = line + len;
		int pid, last = 0;

		if (len < 6 || memcmp(line, "NSpid:", 6)) {
			line += len;
			if (*line == '\n')
				line++;
			continue;
		}
		p = line + 6;
		while (p < end) {
			while (p < end && (*p == '\t' || *p == ' '))
				p++;
			if (p == end)
				break;
			if (!parse_pid(&p, &pid) || (p < end && *p != '\t' && *p != ' '))
				return -ENOENT;
			last = pid;
		}
		if (!last)
			return -ENOENT;
		*ns_pid = last;
		return 0;
	}
	return -ENOENT;
}

int cgroup__ns_pid(int pid, int *ns_pid)
{
	char path[32], *status;
	int err;

	if (pid <= 0)
		return -EINVAL;
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	err = read_text_file(AT_FDCWD, path, &status);
	if (err)
		return err;
	err = cgroup__parse_ns_pid(status, ns_pid);
	free(status);
	return err;
}
