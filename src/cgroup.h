/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Turns what a user names (a container ID as Kubernetes prints it, or a cgroup v2 directory)
 * into what the kernel side filters on: a cgroup id and its level, for
 * bpf_get_current_ancestor_cgroup_id(level) == id.
 *
 * Every function that takes text (cgroup paths, /proc files) accepts any bytes: these are
 * fuzzed. Functions return 0 or a negative errno.
 */
#ifndef __KUBEGLASS_CGROUP_H
#define __KUBEGLASS_CGROUP_H

#include <stddef.h>
#include <stdint.h>

#define CGROUP_CONTAINER_ID_LEN 64 /* hex characters in a full container ID */

/*
 * Normalises a container reference as Kubernetes prints it in pod status: strips "docker://",
 * "containerd://", "cri-o://"; lower-cases; requires 12 to 64 hex characters. On error returns
 * -EINVAL and sets *why to a static message (-ENOSPC if hex cannot hold the result).
 */
int cgroup__parse_container_ref(const char *ref, char *hex, size_t size, const char **why);

/*
 * The container ID named by a cgroup path: the deepest component that is <id>, docker-<id>.scope,
 * cri-containerd-<id>.scope, crio-<id>.scope or libpod-<id>[.scope], where <id> is 64 lower-case
 * hex characters. Deepest, so that a sub-cgroup such as <id>/init.scope belongs to its container
 * and Docker-in-Docker names the inner one. crio-conmon-* and libpod-conmon-* are the monitors
 * beside a container, not the container. Returns 0 and fills id, or -ENOENT.
 */
int cgroup__container_id_of_path(const char *path, char id[CGROUP_CONTAINER_ID_LEN + 1]);

/*
 * From the full text of /proc/PID/cgroup, the cgroup v2 path (the "0::" line), without the
 * " (deleted)" mark of a removed cgroup. -ENOENT if absent, -ENAMETOOLONG if it does not fit.
 */
int cgroup__v2_path(const char *proc_cgroup, char *path, size_t size);

/*
 * From the full text of a mountinfo file, the mount that holds path (absolute, without symbolic
 * links or "..") — the one with the longest mount point above it, the latest on a tie, as the
 * kernel stacks them — if it is cgroup2; or with path NULL, the first cgroup2 mount of the whole
 * hierarchy. Fills mnt with its mount point and *root_depth with the depth of the mounted cgroup
 * in the hierarchy (0 but for a bind mount of a sub-cgroup). -ENOENT if there is none, -EINVAL if
 * path is on another file system, -ENAMETOOLONG if mnt is too small.
 */
int cgroup__mountinfo_find_v2(const char *mountinfo, const char *path, char *mnt, size_t mnt_size,
			      int *root_depth);

/*
 * The cgroup2 mount point of this mount namespace from /proc/self/mountinfo: /sys/fs/cgroup on a
 * unified system, /sys/fs/cgroup/unified on a hybrid one. The root to give cgroup__find_container.
 */
int cgroup__v2_root(char *mnt, size_t size);

/*
 * Finds the cgroup v2 directory of a container by ID prefix (case-insensitive): walks the tree
 * under root (NULL: cgroup__v2_root) without following symbolic links or leaving root's file
 * system, at most CGROUP_MAX_DEPTH deep, and matches each directory name with
 * cgroup__container_id_of_path. Sub-cgroups of a container are the same container: dir gets the
 * top-most directory of the ID. Exactly one ID: returns 0. None: -ENOENT. More than one: -EEXIST,
 * and matches (may be NULL) gets the sorted, comma-separated IDs, ending in "..." if it is too
 * small, so that the error can list them. -EINVAL for an empty, long or non-hex prefix.
 */
#define CGROUP_MAX_DEPTH 32
int cgroup__find_container(const char *root, const char *prefix, char *dir, size_t dir_size,
			   char *matches, size_t matches_size);

/*
 * The 64-bit id of a cgroup v2 directory (the value bpf_get_current_cgroup_id returns) and its
 * level: its depth in the hierarchy, the root cgroup being level 0. -ENOENT if missing, -ENOTDIR,
 * -EINVAL if not on a cgroup2 file system.
 */
int cgroup__id(const char *dir, uint64_t *id, int *level);

/*
 * The PIDs in a cgroup and its descendants (from cgroup.procs, recursively, at most
 * CGROUP_MAX_DEPTH deep). *pids is allocated; free it. A sub-cgroup that vanishes meanwhile is
 * skipped: containers come and go.
 */
int cgroup__pids(const char *dir, int **pids, size_t *count);

/*
 * From the full text of /proc/PID/status, the last field of NSpid: the PID as the innermost PID
 * namespace sees it (what `ps` inside the container shows). -ENOENT if absent or malformed.
 */
int cgroup__parse_ns_pid(const char *status, int *ns_pid);

/* cgroup__parse_ns_pid on /proc/PID/status. */
int cgroup__ns_pid(int pid, int *ns_pid);

#endif /* __KUBEGLASS_CGROUP_H */
