# router-boot: the board boots the way a router does. U-Boot runs from flash, loads the
# old firmware's kernel from its flash partition (malta: the IDE disk) and boots it; the
# root file system is the squashfs in the rootfs_a partition; ssh answers on the
# forwarded port (this scenario runs over that ssh session).
#@ arches malta virt
#@ timeout 60
#@ expect ^U-Boot 20[0-9][0-9]\.[0-9][0-9]
#@ expect.malta ^ide read: device 0 block # 2048, count [0-9]+ \.\.\. [0-9]+ blocks read: OK
#@ expect.malta ^## Booting kernel from Legacy Image at 81000000
#@ expect.virt ^## Booting kernel from Legacy Image at 04080000
#@ expect.virt ^   Booting using the fdt blob at 0x4680000
#@ expect @@BOOT old .* root=/dev/root squashfs ssh up
#@ expect @@RUN router-boot over ssh
#@ expect @@ router-boot: / is the squashfs in flash partition rootfs_a \((/dev/mtdblock5|/dev/sda2)\)
#@ expect @@END
root=$(cmdline_arg root) || fail "router-boot: no root= on the command line"
awk '$2 == "/" && $3 == "squashfs" { found = 1 } END { exit !found }' /proc/mounts ||
	fail "router-boot: / is not squashfs: $(grep ' / ' /proc/mounts)"
case $root in
/dev/mtdblock*)
	name=$(cat "/sys/class/mtd/mtd${root#/dev/mtdblock}/name") ;;
/dev/sd*)
	# The disk has no partition names: kernel_a, rootfs_a, kernel_b, rootfs_b in order.
	name=$(echo kernel_a rootfs_a kernel_b rootfs_b | cut -d' ' -f"${root#/dev/sda}") ;;
esac
[ "$name" = rootfs_a ] || fail "router-boot: root=$root is partition '$name', not rootfs_a"
[ "$(head -c 4 "$root")" = hsqs ] || fail "router-boot: $root does not start with a squashfs superblock"
# The root holds what the firmware needs at run time.
for f in /sbin/phramboot /sbin/kexec /sbin/watchdog-arm /usr/sbin/dropbear /etc/phramboot/keys/test.pub; do
	[ -e "$f" ] || fail "router-boot: $f is missing from the firmware's root"
done
# This script came in over ssh, from QEMU's user-mode host address (10.0.2.2): the
# hostfwd on 127.0.0.1.
case ${SSH_CONNECTION:-} in
"10.0.2.2 "*" 10.0.2.15 22") ;;
*) fail "router-boot: not an ssh session through the forwarded port (SSH_CONNECTION='${SSH_CONNECTION:-}')" ;;
esac
mark "router-boot: / is the squashfs in flash partition rootfs_a ($root)"
mark "router-boot: ssh from $SSH_CONNECTION"
