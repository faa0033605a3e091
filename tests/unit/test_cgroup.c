// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Container references, cgroup paths of every runtime layout (tests/data/cgroup), mountinfo,
 * the container search over a fake tree, and the cgroup id and level of real cgroups.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cgroup.h"
#include "check.h"

/* The IDs in tests/data/cgroup: sha256 of a name, so each sample has its own. */
#define ID_DOCKER "fb081ee28007cf7662db5e3558f574e6698bfcc3250c545dac4ac4700025ddf4"
#define ID_DOCKER_SD "6de102c1cecc011032305908295668eedad74d736c6d216e4c42f416ae84988f"
#define ID_K8S_BURST "54f84de8dcf43e3fb883e88074ed82990facd2f2df0ee048cffc601afe4786a9"
#define ID_K8S_BEST "9a1527ed77c7119ed8a18622400b631ba049f288dbc12df92c02ab18fe38ee38"
#define ID_K8S_GUAR "aa21536d9fd228d6134e57c7df3a779d4da73897c1dc61e83d02f4dccc8205cc"
#define ID_K8S_FS "0d181464da7e06ae282e3f59cd9c500440e968be5a2b0ed1da1bf5fa2bd8d48c"
#define ID_K8S_FS_GUAR "1e8b439e53006e85d455c0e9bbcc5266f62c5e99ba23e881e3f1a1f26bad544d"
#define ID_CRIO "c64064614423cb790e88b3e5492ff5ccf673b25ae823089f7a60c65cda24d809"
#define ID_RUNC "501e03083c73bb097e77509a3cb92cedc7f44d6d53e1e54eb4c40f23f03307e9"
#define ID_RUNC_HYBRID "6d352f551ef7edd82005443995894fe23a6539951fd68817ac5cf278b99a3dc1"
#define ID_PODMAN "2f259bab93aaaaa2542ba43ef33eb990d0999ee1b9924b557b7be53c0b7a1bb9"
#define ID_PODMAN_FS "53524afa757bb9c4b03c7d93dbb7028703f61cb1c5085dd3028933f3525f1358"
#define ID_HYBRID "0deac0a26c0d846d7869c23130c6346c4040904a4134bb2f40a8c206a03748ed"

#define POD1 "6f2c1a8e_4b1d_4c3e_9a57_0d2b8f1e6c3a"
#define POD2 "0b7d9f21_58c4_4e0e_b3a6_2c41d7e9a815"
#define BEST_POD2 "/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod" POD2 ".slice"

static char *read_sample(const char *name)
{
	const char *top = getenv("KG_TOP");
	char path[4096], *buf;
	size_t len = 0, n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/tests/data/cgroup/%s", top ? top : ".", name);
	f = fopen(path, "r");
	if (!f) {
		printf("  cannot open %s: %s (run from the repository root or set KG_TOP)\n", path,
		       strerror(errno));
		return NULL;
	}
	buf = malloc(1 << 16);
	while (buf && (n = fread(buf + len, 1, (1 << 16) - 1 - len, f)) > 0)
		len += n;
	fclose(f);
	if (buf)
		buf[len] = '\0';
	return buf;
}

TEST(parse_container_ref)
{
	char hex[65];
	const char *why;

	CHECK(cgroup__parse_container_ref("docker://ABCDEF012345", hex, sizeof(hex), &why) == 0);
	CHECK_STR(hex, "abcdef012345");
	CHECK(why == NULL);
	CHECK(cgroup__parse_container_ref("containerd://" ID_K8S_BURST, hex, sizeof(hex), &why) ==
	      0);
	CHECK_STR(hex, ID_K8S_BURST);
	CHECK(cgroup__parse_container_ref("cri-o://" ID_CRIO, hex, sizeof(hex), &why) == 0);
	CHECK_STR(hex, ID_CRIO);
	CHECK(cgroup__parse_container_ref("CRI-O://0123456789aB", hex, sizeof(hex), &why) == 0);
	CHECK_STR(hex, "0123456789ab");
	CHECK(cgroup__parse_container_ref(" 0123456789abc\n", hex, sizeof(hex), &why) == 0);
	CHECK_STR(hex, "0123456789abc");

	CHECK(cgroup__parse_container_ref("0123456789a", hex, sizeof(hex), &why) == -EINVAL);
	CHECK(why && strstr(why, "12 to 64 hexadecimal"));
	CHECK(cgroup__parse_container_ref(ID_CRIO "0", hex, sizeof(hex), &why) == -EINVAL);
	CHECK(cgroup__parse_container_ref("0123456789ag", hex, sizeof(hex), &why) == -EINVAL);
	CHECK(cgroup__parse_container_ref("rkt://0123456789ab", hex, sizeof(hex), &why) == -EINVAL);
	CHECK(cgroup__parse_container_ref("docker://", hex, sizeof(hex), &why) == -EINVAL);
	CHECK(cgroup__parse_container_ref("docker:// 0123456789ab", hex, sizeof(hex), &why) ==
	      -EINVAL);
	CHECK(cgroup__parse_container_ref("", hex, sizeof(hex), &why) == -EINVAL);
	CHECK(cgroup__parse_container_ref(NULL, hex, sizeof(hex), &why) == -EINVAL);
	CHECK(cgroup__parse_container_ref("0123456789ab", hex, 12, &why) == -ENOSPC);
	CHECK(cgroup__parse_container_ref("0123456789ab", hex, 13, &why) == 0);
	CHECK_STR(hex, "0123456789ab");
}

static const struct {
	const char *file;
	const char *v2_path; /* NULL: no "0::" line */
	const char *id;	     /* NULL: not a container */
} samples[] = {
    {"docker-cgroupfs.txt", "/docker/" ID_DOCKER, ID_DOCKER},
    {"docker-systemd.txt", "/system.slice/docker-" ID_DOCKER_SD ".scope", ID_DOCKER_SD},
    {"containerd-k8s-systemd-burstable.txt",
     "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" POD1
     ".slice/cri-containerd-" ID_K8S_BURST ".scope",
     ID_K8S_BURST},
    {"containerd-k8s-systemd-besteffort.txt", BEST_POD2 "/cri-containerd-" ID_K8S_BEST ".scope",
     ID_K8S_BEST},
    {"containerd-k8s-systemd-guaranteed.txt",
     "/kubepods.slice/kubepods-pod" POD1 ".slice/cri-containerd-" ID_K8S_GUAR ".scope",
     ID_K8S_GUAR},
    {"containerd-k8s-cgroupfs.txt",
     "/kubepods/burstable/pod6f2c1a8e-4b1d-4c3e-9a57-0d2b8f1e6c3a/" ID_K8S_FS, ID_K8S_FS},
    {"containerd-k8s-cgroupfs-guaranteed.txt",
     "/kubepods/pod0b7d9f21-58c4-4e0e-b3a6-2c41d7e9a815/" ID_K8S_FS_GUAR, ID_K8S_FS_GUAR},
    {"crio.txt", BEST_POD2 "/crio-" ID_CRIO ".scope", ID_CRIO},
    {"crio-nested.txt", BEST_POD2 "/crio-" ID_CRIO ".scope/container", ID_CRIO},
    {"crio-conmon.txt", BEST_POD2 "/crio-conmon-" ID_CRIO ".scope", NULL},
    {"runc.txt", "/" ID_RUNC, ID_RUNC},
    {"runc-hybrid.txt", "/" ID_RUNC_HYBRID, ID_RUNC_HYBRID},
    {"podman.txt", "/machine.slice/libpod-" ID_PODMAN ".scope/container", ID_PODMAN},
    {"podman-conmon.txt", "/machine.slice/libpod-conmon-" ID_PODMAN ".scope", NULL},
    {"podman-cgroupfs.txt", "/libpod_parent/libpod-" ID_PODMAN_FS, ID_PODMAN_FS},
    {"v1-hybrid.txt", "/docker/" ID_HYBRID, ID_HYBRID},
    {"v1-only.txt", NULL, NULL},
    {"host-session.txt", "/user.slice/user-1000.slice/session-3.scope", NULL},
    {"host-containerd.txt", "/system.slice/containerd.service", NULL},
    /* Only its last line is a well-formed "0::/" line; upper case is no runtime's ID. */
    {"garbage.txt", "/docker/FB081EE28007CF7662DB5E3558F574E6698BFCC3250C545DAC4AC4700025DDF4",
     NULL},
};

TEST(proc_cgroup_samples)
{
	char path[4096], id[65];

	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		char *text = read_sample(samples[i].file);
		int err;

		CHECK(text != NULL);
		if (!text)
			continue;
		err = cgroup__v2_path(text, path, sizeof(path));
		if (!samples[i].v2_path) {
			if (err != -ENOENT)
				printf("  %s: v2 path %d\n", samples[i].file, err);
			CHECK(err == -ENOENT);
			free(text);
			continue;
		}
		if (err)
			printf("  %s: v2 path %d\n", samples[i].file, err);
		CHECK(err == 0);
		CHECK_STR(err ? "" : path, samples[i].v2_path);
		strcpy(id, "unchanged");
		err = cgroup__container_id_of_path(path, id);
		if (samples[i].id) {
			CHECK(err == 0);
			CHECK_STR(id, samples[i].id);
		} else {
			if (err != -ENOENT)
				printf("  %s: found %s\n", samples[i].file, id);
			CHECK(err == -ENOENT);
		}
		free(text);
	}
}

TEST(container_id_of_path)
{
	char id[65];

	CHECK(cgroup__container_id_of_path("/docker/" ID_DOCKER "/init.scope", id) == 0);
	CHECK_STR(id, ID_DOCKER);
	/* Docker-in-Docker: the process is in the inner container. */
	CHECK(cgroup__container_id_of_path("/docker/" ID_DOCKER "/docker/" ID_RUNC, id) == 0);
	CHECK_STR(id, ID_RUNC);
	CHECK(cgroup__container_id_of_path(
		  "/sys/fs/cgroup/system.slice/docker-" ID_DOCKER_SD ".scope/", id) == 0);
	CHECK_STR(id, ID_DOCKER_SD);
	CHECK(cgroup__container_id_of_path("docker-" ID_DOCKER ".scope", id) == 0);
	CHECK_STR(id, ID_DOCKER);

	CHECK(cgroup__container_id_of_path("/docker/" ID_DOCKER "0", id) == -ENOENT);
	CHECK(cgroup__container_id_of_path("/docker/fb081ee28007cf7662db5e3558f574e6698bfcc325",
					   id) == -ENOENT);
	CHECK(cgroup__container_id_of_path("/docker-" ID_DOCKER ".scop", id) == -ENOENT);
	CHECK(cgroup__container_id_of_path("/docker-" ID_DOCKER ".scope.scope", id) == -ENOENT);
	CHECK(cgroup__container_id_of_path("/rkt-" ID_DOCKER ".scope", id) == -ENOENT);
	CHECK(cgroup__container_id_of_path("/crio-conmon-" ID_CRIO ".scope", id) == -ENOENT);
	CHECK(cgroup__container_id_of_path("", id) == -ENOENT);
	CHECK(cgroup__container_id_of_path("////", id) == -ENOENT);
	CHECK(cgroup__container_id_of_path(NULL, id) == -ENOENT);
}

TEST(v2_path_edges)
{
	char path[16];

	CHECK(cgroup__v2_path("0::/a (deleted)\n", path, sizeof(path)) == 0);
	CHECK_STR(path, "/a");
	CHECK(cgroup__v2_path("0::/x:y\n0::/second\n", path, sizeof(path)) == 0);
	CHECK_STR(path, "/x:y");
	CHECK(cgroup__v2_path("0::/", path, sizeof(path)) == 0);
	CHECK_STR(path, "/");
	CHECK(cgroup__v2_path("0::/123456789abcde", path, sizeof(path)) == 0);
	CHECK_STR(path, "/123456789abcde");
	CHECK(cgroup__v2_path("0::/123456789abcdef", path, sizeof(path)) == -ENAMETOOLONG);
	CHECK(cgroup__v2_path("", path, sizeof(path)) == -ENOENT);
	CHECK(cgroup__v2_path("10::/a\n", path, sizeof(path)) == -ENOENT);
	CHECK(cgroup__v2_path(NULL, path, sizeof(path)) == -ENOENT);
}

/* This machine's hybrid layout, then a pure v2 one and odd corners. */
static const char mountinfo_hybrid[] =
    "23 1 0:21 / /sys rw,nosuid - sysfs sysfs rw\n"
    "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
    "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n"
    "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
    "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n";

static const char mountinfo_unified[] =
    "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n"
    "29 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev shared:4 master:1 - cgroup2 cgroup2 rw\n"
    "900 29 0:26 /kubepods /mnt/my\\040cg rw - cgroup2 cgroup2 rw\n"
    "901 1 0:50 / /tmp rw - tmpfs tmpfs rw\n"
    "902 1 0:51 / /tmp rw - cgroup2 cgroup2 rw\n"
    "903 1 0:52 / /var/lib/x rw - overlay overlay rw\n"
    "garbage line\n"
    "3 4 5 6\n"
    "- - - - - - - -\n";

TEST(mountinfo_find_v2)
{
	char mnt[64];
	int depth = -7;

	CHECK(cgroup__mountinfo_find_v2(mountinfo_hybrid, NULL, mnt, sizeof(mnt), &depth) == 0);
	CHECK_STR(mnt, "/sys/fs/cgroup/unified");
	CHECK(depth == 0);
	CHECK(cgroup__mountinfo_find_v2(mountinfo_hybrid, "/sys/fs/cgroup/unified/a/b", mnt,
					sizeof(mnt), &depth) == 0);
	CHECK_STR(mnt, "/sys/fs/cgroup/unified");
	CHECK(cgroup__mountinfo_find_v2(mountinfo_hybrid, "/sys/fs/cgroup/unifiedx", mnt,
					sizeof(mnt), &depth) == -EINVAL);
	CHECK(cgroup__mountinfo_find_v2(mountinfo_hybrid, "/sys/fs/cgroup/memory/a", mnt,
					sizeof(mnt), &depth) == -EINVAL);
	CHECK(cgroup__mountinfo_find_v2(mountinfo_hybrid, "/sys/fs/cgroup/unified", mnt, 22,
					&depth) == -ENAMETOOLONG);
	CHECK(cgroup__mountinfo_find_v2(mountinfo_hybrid, "/sys/fs/cgroup/unified", mnt, 23,
					&depth) == 0);

	CHECK(cgroup__mountinfo_find_v2(mountinfo_unified, NULL, mnt, sizeof(mnt), &depth) == 0);
	CHECK_STR(mnt, "/sys/fs/cgroup");
	CHECK(depth == 0);
	CHECK(cgroup__mountinfo_find_v2(mountinfo_unified, "/mnt/my cg/pod", mnt, sizeof(mnt),
					&depth) == 0);
	CHECK_STR(mnt, "/mnt/my cg");
	CHECK(depth == 1);
	/* The later of two mounts on /tmp hides the earlier. */
	CHECK(cgroup__mountinfo_find_v2(mountinfo_unified, "/tmp/x", mnt, sizeof(mnt), &depth) ==
	      0);
	CHECK_STR(mnt, "/tmp");
	CHECK(cgroup__mountinfo_find_v2(mountinfo_unified, "/home", mnt, sizeof(mnt), &depth) ==
	      -EINVAL);
	CHECK(cgroup__mountinfo_find_v2(mountinfo_unified, "/var/lib/x/y", mnt, sizeof(mnt),
					&depth) == -EINVAL);
	CHECK(cgroup__mountinfo_find_v2("1 0 8:1 / / rw - ext4 x rw\n", NULL, mnt, sizeof(mnt),
					&depth) == -ENOENT);
	CHECK(cgroup__mountinfo_find_v2("", "/a", mnt, sizeof(mnt), &depth) == -ENOENT);
	CHECK(cgroup__mountinfo_find_v2("1 0 0:1 /../x /c rw - cgroup2 c rw\n", "/c", mnt,
					sizeof(mnt), &depth) == -EINVAL);
}

static char tmp_root[] = "/tmp/kg-test-cgroup-XXXXXX";

static int make_dirs(const char *rel)
{
	char path[4096], *p;

	snprintf(path, sizeof(path), "%s/%s", tmp_root, rel);
	for (p = path + strlen(tmp_root) + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(path, 0755) && errno != EEXIST ? -1 : 0;
}

/* Two IDs that share their first 12 characters. */
#define ID_A                                                                                       \
	"0123456789ab"                                                                             \
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define ID_B                                                                                       \
	"0123456789ab"                                                                             \
	"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

TEST(find_container)
{
	char dir[4096], want[4096], matches[512], deep[4096];
	char outside[] = "/tmp/kg-test-cgroup-out-XXXXXX";
	int n;

	CHECK(mkdtemp(tmp_root) != NULL);
	CHECK(make_dirs("docker/" ID_A) == 0);
	CHECK(make_dirs("docker/" ID_B) == 0);
	/* Six IDs, so that a readdir order that happens to be sorted is a 1 in 720 chance. */
	for (int i = 6; i > 0; i--) {
		snprintf(want, sizeof(want), "kubepods/fedcba987654%.52d", i);
		CHECK(make_dirs(want) == 0);
	}
	CHECK(make_dirs("system.slice/docker-" ID_DOCKER_SD ".scope/init.scope") == 0);
	/* A sub-cgroup named by the same ID, as a container that manages its own cgroups makes. */
	CHECK(make_dirs("system.slice/docker-" ID_DOCKER_SD ".scope/" ID_DOCKER_SD) == 0);
	CHECK(make_dirs("kubepods.slice/kubepods-besteffort.slice/crio-" ID_CRIO
			".scope/container") == 0);
	CHECK(make_dirs("kubepods.slice/kubepods-besteffort.slice/crio-conmon-" ID_CRIO ".scope") ==
	      0);
	CHECK(mkdtemp(outside) != NULL);
	snprintf(dir, sizeof(dir), "%s/%s", outside, ID_RUNC);
	CHECK(mkdir(dir, 0755) == 0);
	snprintf(want, sizeof(want), "%s/link", tmp_root);
	CHECK(symlink(outside, want) == 0);
	n = snprintf(deep, sizeof(deep), "d");
	for (int i = 1; i < CGROUP_MAX_DEPTH + 2; i++)
		n += snprintf(deep + n, sizeof(deep) - n, "/d");
	snprintf(deep + n, sizeof(deep) - n, "/%s", ID_PODMAN);
	CHECK(make_dirs(deep) == 0);

	CHECK(cgroup__find_container(tmp_root, "0123456789aba", dir, sizeof(dir), matches,
				     sizeof(matches)) == 0);
	snprintf(want, sizeof(want), "%s/docker/%s", tmp_root, ID_A);
	CHECK_STR(dir, want);

	CHECK(cgroup__find_container(tmp_root, "0123456789AB", dir, sizeof(dir), matches,
				     sizeof(matches)) == -EEXIST);
	CHECK_STR(matches, ID_A "," ID_B);
	CHECK(cgroup__find_container(tmp_root, "0123456789ab", dir, sizeof(dir), matches, 100) ==
	      -EEXIST);
	CHECK_STR(matches, ID_A ",0123456789abbbbbbbbbbbbbbbbbbbb...");
	CHECK(strlen(matches) == 99);
	CHECK(cgroup__find_container(tmp_root, "0123456789ab", dir, sizeof(dir), matches, 40) ==
	      -EEXIST);
	CHECK_STR(matches, "0123456789abaaaaaaaaaaaaaaaaaaaaaaaa...");
	CHECK(cgroup__find_container(tmp_root, "0123456789ab", dir, sizeof(dir), NULL, 0) ==
	      -EEXIST);
	CHECK(cgroup__find_container(tmp_root, "fedcba987654", dir, sizeof(dir), matches,
				     sizeof(matches)) == -EEXIST);
	n = 0;
	for (int i = 1; i <= 6; i++)
		n += snprintf(want + n, sizeof(want) - n, "%sfedcba987654%.52d", i > 1 ? "," : "",
			      i);
	CHECK_STR(matches, want);

	CHECK(cgroup__find_container(tmp_root, "6DE102C1CECC", dir, sizeof(dir), NULL, 0) == 0);
	snprintf(want, sizeof(want), "%s/system.slice/docker-%s.scope", tmp_root, ID_DOCKER_SD);
	CHECK_STR(dir, want);

	/* The conmon scope beside the container does not make the prefix ambiguous. */
	CHECK(cgroup__find_container(tmp_root, ID_CRIO, dir, sizeof(dir), NULL, 0) == 0);
	snprintf(want, sizeof(want), "%s/kubepods.slice/kubepods-besteffort.slice/crio-%s.scope",
		 tmp_root, ID_CRIO);
	CHECK_STR(dir, want);

	CHECK(cgroup__find_container(tmp_root, "deadbeef0000", dir, sizeof(dir), matches,
				     sizeof(matches)) == -ENOENT);
	/* Behind a symbolic link only; and deeper than the bound. */
	CHECK(cgroup__find_container(tmp_root, ID_RUNC, dir, sizeof(dir), NULL, 0) == -ENOENT);
	CHECK(cgroup__find_container(tmp_root, ID_PODMAN, dir, sizeof(dir), NULL, 0) == -ENOENT);

	CHECK(cgroup__find_container(tmp_root, "", dir, sizeof(dir), NULL, 0) == -EINVAL);
	CHECK(cgroup__find_container(tmp_root, "0123456789xy", dir, sizeof(dir), NULL, 0) ==
	      -EINVAL);
	CHECK(cgroup__find_container(tmp_root, ID_A "0", dir, sizeof(dir), NULL, 0) == -EINVAL);
	CHECK(cgroup__find_container(tmp_root, "0123456789aba", dir, 10, NULL, 0) == -ENAMETOOLONG);
	CHECK(cgroup__find_container("/nonexistent/kg", "0123456789ab", dir, sizeof(dir), NULL,
				     0) == -ENOENT);

	/* Another file system below root, as v1 hierarchies sit below /sys/fs/cgroup on hybrid. */
	snprintf(dir, sizeof(dir), "%s/other-fs", tmp_root);
	if (geteuid() == 0 && mkdir(dir, 0755) == 0 && mount("kg", dir, "tmpfs", 0, NULL) == 0) {
		CHECK(make_dirs("other-fs/" ID_HYBRID) == 0);
		CHECK(cgroup__find_container(tmp_root, ID_HYBRID, want, sizeof(want), NULL, 0) ==
		      -ENOENT);
		CHECK(umount(dir) == 0);
	}

	snprintf(dir, sizeof(dir), "rm -rf '%s' '%s'", tmp_root, outside);
	CHECK(system(dir) == 0);
}

TEST(parse_ns_pid)
{
	int pid = -1;

	CHECK(cgroup__parse_ns_pid("Name:\tsleep\nNSpid:\t3660\t1\nNSpgid:\t3660\t1\n", &pid) == 0);
	CHECK(pid == 1);
	CHECK(cgroup__parse_ns_pid("NSpid:\t42", &pid) == 0);
	CHECK(pid == 42);
	CHECK(cgroup__parse_ns_pid("NSpid:\t7\t8\t9 \n", &pid) == 0);
	CHECK(pid == 9);
	pid = -1;
	CHECK(cgroup__parse_ns_pid("Name:\tx\n", &pid) == -ENOENT);
	CHECK(cgroup__parse_ns_pid("NSpid:\n", &pid) == -ENOENT);
	CHECK(cgroup__parse_ns_pid("NSpid:\t12\tx\n", &pid) == -ENOENT);
	CHECK(cgroup__parse_ns_pid("NSpid:\t12x\n", &pid) == -ENOENT);
	CHECK(cgroup__parse_ns_pid("NSpid:\t99999999999\n", &pid) == -ENOENT);
	CHECK(cgroup__parse_ns_pid("NSpid:\t-1\n", &pid) == -ENOENT);
	CHECK(cgroup__parse_ns_pid("XNSpid:\t5\n", &pid) == -ENOENT);
	CHECK(cgroup__parse_ns_pid("", &pid) == -ENOENT);
	CHECK(pid == -1);

	CHECK(cgroup__ns_pid(getpid(), &pid) == 0);
	CHECK(pid == getpid());
	CHECK(cgroup__ns_pid(0, &pid) == -EINVAL);
	CHECK(cgroup__ns_pid(INT32_MAX, &pid) == -ENOENT);
}

/* Every parser over every cut of every sample and over bytes from a fixed seed: no crash. */
TEST(parsers_survive_garbage)
{
	char path[256], id[65], mnt[64], hex[65], *text;
	const char *why;
	int depth, pid;
	unsigned int seed = 1;

	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		text = read_sample(samples[i].file);
		if (!text)
			continue;
		for (size_t cut = strlen(text);; cut--) {
			text[cut] = '\0';
			if (cgroup__v2_path(text, path, sizeof(path)) == 0)
				CHECK(strlen(path) < sizeof(path) && path[0] == '/');
			if (cgroup__container_id_of_path(text, id) == 0)
				CHECK(strlen(id) == 64);
			cgroup__mountinfo_find_v2(text, "/a", mnt, sizeof(mnt), &depth);
			cgroup__parse_ns_pid(text, &pid);
			if (!cut)
				break;
		}
		free(text);
	}
	text = malloc(4097);
	for (int round = 0; text && round < 2000; round++) {
		size_t len = rand_r(&seed) % 4097;

		for (size_t j = 0; j < len; j++) {
			/* Mostly the characters these formats are made of. */
			static const char alphabet[] = "0:/ -\n\t\\0123abcdef.scope-crio";
			unsigned int r = rand_r(&seed);

			text[j] =
			    r % 4 ? alphabet[r % (sizeof(alphabet) - 1)] : (char)(r % 255 + 1);
		}
		text[len] = '\0';
		cgroup__v2_path(text, path, sizeof(path));
		cgroup__container_id_of_path(text, id);
		cgroup__mountinfo_find_v2(text, NULL, mnt, sizeof(mnt), &depth);
		cgroup__mountinfo_find_v2(text, "/0/a", mnt, sizeof(mnt), &depth);
		cgroup__parse_ns_pid(text, &pid);
		cgroup__parse_container_ref(text, hex, sizeof(hex), &why);
	}
	free(text);
}

TEST(cgroup_id_errors)
{
	char dir[] = "/tmp/kg-test-cgroup-id-XXXXXX";
	uint64_t id;
	int level;

	CHECK(mkdtemp(dir) != NULL);
	CHECK(cgroup__id(dir, &id, &level) == -EINVAL);
	CHECK(rmdir(dir) == 0);
	CHECK(cgroup__id(dir, &id, &level) == -ENOENT);
	CHECK(cgroup__id("/proc/self/status", &id, &level) == -ENOTDIR);
}

static char v2_root[4096];

TEST(cgroup_id_root)
{
	struct stat st;
	uint64_t id = 0;
	int level = -1;

	CHECK(cgroup__id(v2_root, &id, &level) == 0);
	CHECK(level == 0);
	CHECK(stat(v2_root, &st) == 0);
	/* With a 64-bit ino_t the kernfs node id is the inode number, not only its low half. */
	CHECK(id == (uint64_t)st.st_ino);
	CHECK(id == 1);
}

/* Creates cgroups, moves a child process into one, and removes them all again. */
TEST(cgroup_id_children)
{
	char top[4096], sub[4096], procs[4096];
	int level = -1, *pids = NULL, ns_pid = 0, status;
	uint64_t id = 0, sub_id = 0;
	size_t count = 0;
	struct stat st;
	pid_t child;
	FILE *f;

	snprintf(top, sizeof(top), "%s/kg-test-%d", v2_root, (int)getpid());
	snprintf(sub, sizeof(sub), "%s/sub", top);
	CHECK(mkdir(top, 0755) == 0);
	CHECK(mkdir(sub, 0755) == 0);

	CHECK(cgroup__id(top, &id, &level) == 0);
	CHECK(level == 1);
	CHECK(stat(top, &st) == 0 && id == (uint64_t)st.st_ino);
	CHECK(cgroup__id(sub, &sub_id, &level) == 0);
	CHECK(level == 2);
	CHECK(stat(sub, &st) == 0 && sub_id == (uint64_t)st.st_ino);
	CHECK(sub_id != id && id != 1);

	CHECK(cgroup__pids(top, &pids, &count) == 0);
	CHECK(count == 0);
	free(pids);
	pids = NULL;

	child = fork();
	if (child == 0) {
		pause();
		_exit(0);
	}
	snprintf(procs, sizeof(procs), "%s/cgroup.procs", sub);
	f = fopen(procs, "w");
	CHECK(f != NULL);
	if (f) {
		fprintf(f, "%d\n", (int)child);
		CHECK(fclose(f) == 0);
	}
	CHECK(cgroup__pids(top, &pids, &count) == 0);
	CHECK(count == 1 && pids && pids[0] == child);
	free(pids);
	CHECK(cgroup__ns_pid(child, &ns_pid) == 0);
	CHECK(ns_pid == child);

	kill(child, SIGKILL);
	waitpid(child, &status, 0);
	CHECK(rmdir(sub) == 0);
	CHECK(rmdir(top) == 0);
	CHECK(cgroup__pids(top, &pids, &count) == -ENOENT);
}

int main(void)
{
	struct statfs sfs;

	RUN(parse_container_ref);
	RUN(proc_cgroup_samples);
	RUN(container_id_of_path);
	RUN(v2_path_edges);
	RUN(mountinfo_find_v2);
	RUN(find_container);
	RUN(parse_ns_pid);
	RUN(parsers_survive_garbage);
	RUN(cgroup_id_errors);

	if (cgroup__v2_root(v2_root, sizeof(v2_root)) || statfs(v2_root, &sfs) ||
	    sfs.f_type != CGROUP2_SUPER_MAGIC) {
		printf("SKIP cgroup_id_root: no cgroup2 file system mounted\n");
		printf("SKIP cgroup_id_children: no cgroup2 file system mounted\n");
		return CHECK_DONE();
	}
	RUN(cgroup_id_root);
	if (geteuid() != 0)
		printf("SKIP cgroup_id_children: creating a cgroup needs root\n");
	else
		RUN(cgroup_id_children);
	return CHECK_DONE();
}
