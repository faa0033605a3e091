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
RUN scripts/install-deps && make static

FROM scratch
COPY --from=build /src/build/static/kubeglass /kubeglass
ENTRYPOINT ["/kubeglass"]
