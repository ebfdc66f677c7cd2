# phramboot: the two commands are `make demo` and `make check` (README.md).
# Expensive outputs (kernels, unpacked sources, kexec) are cached outside the repo by
# the scripts in scripts/, keyed by a hash of their inputs; this file only orders them.

# malta (MIPS little-endian), maltabe (MIPS big-endian), virt (32-bit ARM, two cores)
# and arm64 (two cores) run Linux 6.12 (the LTS line current OpenWrt ships);
# malta-mainline is malta with Linux mainline kernels, for the scenarios marked `#@ core`.
GUESTS := malta maltabe virt arm64 malta-mainline
ARCHES := mipsel armhf mips arm64
# QEMU guests at once in check-qemu. Most scenarios idle through watchdog timeouts, so
# four guests on two cores finished 60 runs in 7 min instead of 13, and still passed
# beside a kernel build (make -j2). That needs malta's kernels to skip their RTC wait at
# boot (qemu-tests/kernel/test-patches/LINE/0004): without it, more guests than cores once
# made a trial miss its watchdog. Five were tried with 91 runs (about 100 min of guest
# time): the host's load went to 9 and a virt trial kernel was reset before it printed
# a line; four took 27 min and passed.
JOBS ?= 4
# Jobs within one build of our C code (tools, unit tests, fuzzers): those builds are many
# small files, and one at a time left a core idle for about half a minute of a CI run.
BUILD_JOBS ?= $(shell nproc)

.PHONY: all deps tools guests check check-unit check-fuzz check-patches check-qemu check-fleet demo bench fuzz clean

all: guests

# Installs what is missing (apt-get, deb-src entry, foreign architectures); quiet otherwise.
deps:
	@sh scripts/deps.sh

# Our tools: native (the build host's `phramboot pack`, and the unit tests) and static
# musl for each target (into build/target-ARCH/, where mkguest.sh picks them up), with
# the Ed25519 verifier, libfdt and musl compiled for size from source (libsodium's and
# musl's from Debian, libfdt's from Linux 6.12, scripts/fdt-src.sh).
tools: deps
	@$(MAKE) -j$(BUILD_JOBS) -s --no-print-directory -C phramboot O=$(CURDIR)/build/phramboot-native
	@sodium=$$(scripts/sodium-src.sh) && fdt=$$(scripts/fdt-src.sh) || exit 1; \
	for a in $(ARCHES); do \
		sysroot=$$(scripts/sysroot.sh $$a) && musl=$$(scripts/build-musl.sh $$a) || exit 1; \
		$(MAKE) -j$(BUILD_JOBS) -s --no-print-directory -C phramboot TARGET=$$a SYSROOT=$$sysroot \
			SODIUM_SRC=$$sodium FDT_SRC=$$fdt MUSLLIB=$$musl O=$(CURDIR)/build/target-$$a || exit 1; \
		$(MAKE) -j$(BUILD_JOBS) -s --no-print-directory -C watchdog-arm TARGET=$$a SYSROOT=$$sysroot \
			MUSLLIB=$$musl O=$(CURDIR)/build/target-$$a || exit 1; \
	done

guests: tools
	@for g in $(GUESTS); do qemu-tests/mkguest.sh $$g || exit 1; done

# Unit tests of our C code (cmocka, then again under ASan/UBSan), then again as
# big-endian MIPS processes under qemu-mips (check-cross in each Makefile): the byte
# order of the mips routers, which the build host never has.
check-unit: deps
	@for d in phramboot watchdog-arm; do \
		if [ -f $$d/Makefile ]; then $(MAKE) -j$(BUILD_JOBS) --no-print-directory -C $$d check || exit 1; fi; \
	done
	@if command -v qemu-mips >/dev/null; then \
		fdt=$$(scripts/fdt-src.sh) && testlibs=$$(scripts/build-testlibs.sh mips) || exit 1; \
		$(MAKE) -j$(BUILD_JOBS) -s --no-print-directory -C phramboot check-cross TARGET=mips TESTLIBS=$$testlibs \
			FDT_SRC=$$fdt O=$(CURDIR)/build/phramboot-check-mips || exit 1; \
		$(MAKE) -j$(BUILD_JOBS) -s --no-print-directory -C watchdog-arm check-cross TARGET=mips TESTLIBS=$$testlibs \
			O=$(CURDIR)/build/watchdog-arm-check-mips || exit 1; \
	else \
		echo "check-unit: SKIPPED the big-endian unit tests (mips): no qemu-mips; 'make deps' installs qemu-user"; \
	fi

# The libFuzzer harnesses of every parser (phramboot/fuzz, watchdog-arm/fuzz): a few
# seconds each in check, so that a regression shows in CI; `make fuzz` runs them longer.
# The corpus each grows is kept in build/, and a crash leaves its reproducer there.
FUZZ_SECONDS ?= 60
FUZZ_OUT := $(CURDIR)/build/fuzz
check-fuzz: deps
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=3

fuzz: deps
	@$(MAKE) -j$(BUILD_JOBS) -s --no-print-directory -C phramboot fuzzers O=$(CURDIR)/build/phramboot-native
	@$(MAKE) -j$(BUILD_JOBS) -s --no-print-directory -C watchdog-arm fuzzers O=$(CURDIR)/build/watchdog-arm-native
	@FUZZ_SEEDS="phramboot/fuzz/seeds build/phramboot-native/fuzz/seeds watchdog-arm/fuzz/seeds" \
		sh scripts/run-fuzzers.sh $(FUZZ_SECONDS) $(FUZZ_OUT) \
		build/phramboot-native/fuzz/fuzz_* build/watchdog-arm-native/fuzz/fuzz_cli

# The patch-series machinery (a broken patch must stop the build and be named), and the
# kernel series for mainline and 6.12: each applies on its own with no fuzz, checkpatch
# --strict, and compile tests of what no QEMU guest runs (ath79, MT7621, x86); the
# kexec-tools series on its upstream release (and at git HEAD given a clone).
check-patches: deps
	@scripts/test-series.sh
	@scripts/check-kexec-series.sh
	@scripts/check-kernel-patches.sh

check-qemu: guests
	@qemu-tests/run -j $(JOBS) $(addprefix -a ,$(GUESTS))

# The Ansible collection (ansible/): lint, then rollouts to three emulated routers.
check-fleet: guests
	@qemu-tests/fleet/run

check: check-unit check-fuzz check-patches check-qemu check-fleet

demo: guests
	@qemu-tests/demo.sh

# Speed and memory figures, side by side in one run; never part of check.
# BENCH_GUEST=maltabe|virt|arm64 measures another board.
BENCH_GUEST ?= malta
bench: guests
	@bench/run --guest $(BENCH_GUEST)

clean:
	rm -rf build
