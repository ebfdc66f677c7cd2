# The target architectures of phramboot's and watchdog-arm's device binaries, for both
# Makefiles (included with TARGET set): the GNU triplet of the cross compiler, musl's
# name for the target, and what the MIPS targets add to the compile and check at the link.

# Static and not PIE, the MIPS code can call a function with jal instead of loading its
# address from the GOT ($gp) into $t9 first: -mplt (with the default -mno-shared) does,
# and keeps the objects abicalls, so that they still link with Debian's libfdt.a, libgcc
# and musl's. -mno-abicalls would do the same but warn at each link with them.
# And MIPS16e, 16-bit encodings of the common instructions, for our code, libsodium's and
# libfdt's (31 KiB off phramboot on mipsel). QEMU's malta CPU (24Kf) has the ASE, and so
# have the 24Kc/24KEc/74Kc of ath79 and ramips and MT7621's 1004Kc; Broadcom's BMIPS
# cores have not (docs/performance.md). -minterlink-compressed: calls between it and
# MIPS32 code (musl's assembly and syscall wrappers, libgcc) switch modes with jalx.
MIPS_SIZE := -mplt -mips16 -minterlink-compressed
# A MIPS16e function that gets a double from MIPS32 code (libgcc's __floatundidf, say)
# needs the stub gcc puts in a .mips16.call.fp.* section, and --gc-sections drops it
# (binutils 2.40): the double then reads as garbage. musl's objects, PIC, call through
# libgcc's stubs instead. Our code has no floating point (mib.h); a link that discards
# such a stub stops here (target links on MIPS: ARCH_CHECK).
MIPS16FP = if awk '/^Discarded input sections/ { d = 1 } /^Memory Configuration/ { d = 0 } \
	d && /^ \.mips16\.(call|fn)\./' $@.map | grep . >&2; then \
	echo "$@: MIPS16e code uses floating point whose call stub --gc-sections dropped" >&2; \
	rm -f $@; exit 1; fi
# Both MIPS byte orders: Debian's and musl's names are the target's own.
ifneq ($(filter mipsel mips,$(TARGET)),)
GNU := $(TARGET)-linux-gnu
MUSL := $(TARGET)-linux-musl
ARCH_CFLAGS := $(MIPS_SIZE)
ARCH_CHECK = $(MIPS16FP)
else ifeq ($(TARGET),armhf)
GNU := arm-linux-gnueabihf
MUSL := arm-linux-musleabihf
else ifeq ($(TARGET),arm64)
GNU := aarch64-linux-gnu
MUSL := aarch64-linux-musl
else
$(error unknown TARGET=$(TARGET) (known: mipsel armhf mips arm64))
endif
