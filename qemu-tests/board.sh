# The emulated routers, in one place: the machine QEMU emulates, RAM, where
# pstore/ramoops lives, the flash and its partitions. The boards of a family (malta and
# maltabe, virt and arm64: board_family in scripts/lib.sh) differ only in their CPU and
# the architecture of their programs. Sourced (after scripts/lib.sh) by the scripts that build a guest and by
# the harness; `board GUEST` sets the variables below. docs/platform-notes.md explains
# every number.
#
# ramoops: 1 MiB that neither U-Boot nor the old kernel touches. U-Boot relocates itself
# to the top of RAM and keeps about 34 MiB there (code, 16 MiB malloc, stack, its DTB
# copy: `bdinfo` shows 0x4ddf3000-0x4fffffff on virt), and loads kernels low (malta
# 0x01000000, virt 0x40008000). 192 MiB into the 256 MiB board sits clear of both.
#
# Partition lines: NAME DEVICE OFFSET SIZE [ro]; DEVICE is the image file it lives in
# (flash0/flash1 on virt; flash/disk on malta), OFFSET within that file. The harness
# hashes each one before and after a run.

board() {
	ARCH=$(board_arch "$1") || die "unknown guest '$1' (known: malta maltabe virt arm64)"
	# QEMU_MACHINE: the emulator and its machine options, as words. The ARM boards have
	# two cores (the Turris Omnia's, MediaTek's arm64 SoCs'): a kexec must take the
	# second one down (PSCI CPU_OFF) and the trial bring it up again. The MIPS boards
	# stay single-core: MIPS kexec under MIPS_MT_SMP is broken (docs/platform-notes.md).
	# arm64 without ACPI: with firmware in pflash and ACPI on, QEMU drops the pl061
	# GPIO that a DTB dumped without the flash files still describes, and the kernel
	# dies probing it (docs/platform-notes.md). Both cores in one host thread
	# (thread=single emulates them in turn; the guest still has two): the harness runs
	# four boards on two host cores, and a host thread per guest core would let one
	# booting board take both.
	ONE_THREAD="-accel tcg,thread=single"
	case $1 in
	malta) QEMU_MACHINE="qemu-system-mipsel -M malta -m 256" ;;
	maltabe) QEMU_MACHINE="qemu-system-mips -M malta -m 256" ;;
	virt) QEMU_MACHINE="qemu-system-arm -M virt,highmem=off -cpu cortex-a15 -smp 2 $ONE_THREAD -m 256" ;;
	arm64) QEMU_MACHINE="qemu-system-aarch64 -M virt,acpi=off -cpu cortex-a53 -smp 2 $ONE_THREAD -m 256" ;;
	esac
	case $(board_family "$1") in
	malta)
		CONSOLE=ttyS0 RAM_MIB=256
		RAMOOPS_ADDR=0x0c000000
		# U-Boot's own flash (4 MiB at 0x1e000000) holds U-Boot and its environment
		# (one copy: Linux has no MTD for this flash, docs/platform-notes.md); the
		# firmware is on the IDE disk (MBR, 512-byte sectors), read by `ide read`. The
		# journal is no MBR partition: Linux reaches it in /dev/sda at its offset.
		FLASH_PARTS="u-boot flash 0 0x3e0000 ro
u-boot-env flash 0x3e0000 0x20000
kernel_a disk 0x100000 0x800000
rootfs_a disk 0x900000 0x1800000
kernel_b disk 0x2100000 0x800000
rootfs_b disk 0x2900000 0x1800000
journal disk 0x4100000 0x100000"
		FLASH_FILES="flash:0x400000 disk:0x4200000"
		ROOT_DEV=/dev/sda2
		;;
	virt)
		CONSOLE=ttyAMA0 RAM_MIB=256
		RAMOOPS_ADDR=0x4c000000
		# Two 64 MiB CFI banks: U-Boot alone in the first (pflash0), its environment
		# and the firmware in the second (pflash1). Linux sees one 128 MiB MTD
		# (physmap concatenates the banks); OFFSET here is within each bank's file,
		# the DTB's partitions add 0x4000000 for the second. Every partition is whole
		# 256 KiB erase blocks. U-Boot keeps two copies of its environment (one
		# sector each, CONFIG_ENV_ADDR/_REDUND in u-boot/virt.config); slots a and b
		# hold a kernel, a DTB and a squashfs each; the journal records an update in
		# progress; ubi is UBI's, for volumes updated in place.
		FLASH_PARTS="u-boot flash0 0 0x4000000 ro
u-boot-env flash1 0 0x40000
u-boot-env-redund flash1 0x40000 0x40000
kernel_a flash1 0x80000 0x600000
dtb_a flash1 0x680000 0x40000
rootfs_a flash1 0x6c0000 0x1000000
kernel_b flash1 0x16c0000 0x600000
dtb_b flash1 0x1cc0000 0x40000
rootfs_b flash1 0x1d00000 0x1000000
journal flash1 0x2d00000 0x80000
ubi flash1 0x2d80000 0x1280000"
		FLASH_FILES="flash0:0x4000000 flash1:0x4000000"
		# mtd0 u-boot, mtd1 u-boot-env, mtd2 u-boot-env-redund, mtd3 kernel_a,
		# mtd4 dtb_a, mtd5 rootfs_a, mtd6 kernel_b, mtd7 dtb_b, mtd8 rootfs_b,
		# mtd9 journal, mtd10 ubi (a trial's phram comes next: mtd11).
		ROOT_DEV=/dev/mtdblock5 ROOT_DEV_B=/dev/mtdblock8
		;;
	esac
	RAMOOPS_SIZE=0x100000 RAMOOPS_CONSOLE=0x80000 RAMOOPS_RECORD=0x20000
	# The staging region of the `staging` board variant (phramboot receive): 136 MiB
	# from 32 MiB into RAM, above where the kernels load and below ramoops, so that a
	# root image of more than half the board's RAM fits. Only that variant's firmware
	# declares it (qemu-tests/README.md): the region is RAM the old firmware gives up.
	case $(board_family "$1") in
	malta) STAGING_ADDR=0x02000000 ;;
	virt) STAGING_ADDR=0x42000000 ;;
	esac
	STAGING_SIZE=0x08800000
}

# part FIELD NAME: one field (device, offset, size) of partition NAME.
part() {
	printf '%s\n' "$FLASH_PARTS" | awk -v n="$2" -v f="$1" '
		$1 == n { print (f == "device" ? $2 : f == "offset" ? $3 : $4); found = 1 }
		END { exit !found }'
}
