# Ship targets: a fully static binary, a container image and its test.
#
#   make static       build/static/kubeglass: libbpf, libelf and zlib (and whatever
#                     libelf.pc says libelf needs, such as libzstd) linked
#                     statically, the BPF object inside through the skeleton; stripped
#   make image        $(IMAGE): FROM scratch, only that binary; built with buildah
#                     from build/image/Containerfile, no base image needed
#   make image-full   $(IMAGE) from the root Dockerfile, both stages; a local
#                     debian:12 base is made with debootstrap when missing
#   make image-test   make image (or image-full, with IMAGE_BUILD=full), then the
#                     static and image tests (tests/integration/static.sh, image.sh);
#                     make check runs them too, on the image from make image
#
# CONTAINER_STORAGE (default vfs, which works everywhere) is given to buildah and
# podman as --storage-driver; set it empty to use their configured driver.

STATIC_BIN := build/static/kubeglass
IMAGE ?= localhost/kubeglass:$(VERSION)
CONTAINER_STORAGE ?= vfs
BUILDAH := buildah $(if $(CONTAINER_STORAGE),--storage-driver $(CONTAINER_STORAGE))
# libbpf.pc lists libelf and zlib as private requirements, and libelf.pc lists
# its own (libzstd in newer elfutils): --static follows the whole chain.
STATIC_LDLIBS = $(shell pkg-config --static --libs libbpf)

.PHONY: static image image-full image-test image-deps FORCE

static: $(STATIC_BIN)
	@echo "static: $(STATIC_BIN), $$(stat -c %s $(STATIC_BIN)) bytes"

$(STATIC_BIN): build/std/main.o build/std/libkg.a
	@mkdir -p $(@D)
	$(CC) -static -s $^ $(STATIC_LDLIBS) -o $@

ifeq ($(SANITIZE),1)
# A sanitized static binary makes no sense: the static one uses the plain objects.
build/std/main.o build/std/libkg.a: FORCE
	@$(MAKE) --no-print-directory SANITIZE= $@
endif

image-deps:
	@scripts/install-deps --image

image: image-deps $(STATIC_BIN)
	@mkdir -p build/image
	cp $(STATIC_BIN) build/image/kubeglass
	printf '%s\n' 'FROM scratch' 'COPY kubeglass /kubeglass' \
		'ENTRYPOINT ["/kubeglass"]' > build/image/Containerfile
	$(BUILDAH) bud -q -t $(IMAGE) -f build/image/Containerfile build/image
	@echo "image: $(IMAGE), $$($(BUILDAH) images --format '{{.Size}}' $(IMAGE))"

image-full: image-deps
	@KG_STORAGE=$(CONTAINER_STORAGE) scripts/debian-base docker.io/library/debian:12
	$(BUILDAH) bud --pull-never -t $(IMAGE) -f Dockerfile .
	@echo "image: $(IMAGE), $$($(BUILDAH) images --format '{{.Size}}' $(IMAGE))"

# The tests read these (tests/integration/image.sh).
export KG_IMAGE = $(IMAGE)
export KG_STORAGE = $(CONTAINER_STORAGE)

image-test: $(if $(filter full,$(IMAGE_BUILD)),image-full,image) $(STATIC_BIN) test-deps
	@$(MAKE) --no-print-directory $(BIN) build/workloads/writer
	@KG_ONLY=static KG_BIN=$(abspath $(BIN)) tests/run && \
		KG_ONLY=image KG_BIN=$(abspath $(BIN)) tests/run

# make check runs the static and image tests as well: both build in seconds.
check: static image
