# kubeglass as a container image: a Debian 12 stage builds the static binary,
# the final image holds that binary and nothing else.
#
#   docker build -t kubeglass .
#   podman build -t kubeglass .        (or: buildah bud -t kubeglass .)
#
# The build stage generates vmlinux.h from the build host's
# /sys/kernel/btf/vmlinux; CO-RE makes the result run on other kernels.
# Run it with --privileged --pid=host; README.md, "Containers and Kubernetes",
# lists the capabilities that can replace --privileged.

FROM debian:12 AS build
WORKDIR /src
COPY . .
RUN scripts/install-deps && make static && \
	apt-get install -y -qq --no-install-recommends busybox-static >/dev/null

# For the optional DaemonSet (deploy/kubernetes/daemonset.yaml), which must idle:
# the binary and a static busybox to sleep. docker build --target node ...
FROM scratch AS node
COPY --from=build /bin/busybox /bin/busybox
COPY --from=build /src/build/static/kubeglass /kubeglass
ENTRYPOINT ["/bin/busybox", "sleep", "2147483647"]

# The default image: the binary alone.

FROM scratch
COPY --from=build /src/build/static/kubeglass /kubeglass
ENTRYPOINT ["/kubeglass"]
