# refuse-special-files: a bundle whose manifest.sig is a symlink to the watchdog device,
# and one whose manifest is a FIFO. Opening /dev/watchdog starts the watchdog, and a FIFO
# blocks open() until someone writes: both must be refused, in one line and at once,
# with the watchdog untouched (expect_refusal_no_reset checks its state and that the
# board does not reset; ib700 opened runs 30 s, so malta waits longer).
#@ arches malta virt
#@ skip.maltabe file-type checks of the same C; proven on the family's first board
#@ skip.arm64 file-type checks of the same C; proven on the family's first board
#@ timeout 150
#@ push bundles/ok
#@ expect @@BOOT old
#@ expect @@ refused with exit 2: .*manifest.sig: a symbolic link, not a regular file
#@ expect @@ refusal: no reset
#@ expect @@ refused with exit 2: .*manifest: a FIFO, not a regular file
#@ expect @@ refusal: no reset
#@ expect @@ refuse-special-files: no reset 40 s or more after the first refusal
#@ expect @@END
wd=/dev/watchdog0
[ -c $wd ] || wd=/dev/watchdog
[ -c $wd ] || fail "refuse-special-files: no watchdog device"
cp -a $B/ok /tmp/linked && rm /tmp/linked/manifest.sig && ln -s $wd /tmp/linked/manifest.sig ||
	fail "refuse-special-files: cannot make the linked bundle"
expect_refusal_no_reset 2 phramboot --timeout 10 /tmp/linked
cp -a $B/ok /tmp/fifo && rm /tmp/fifo/manifest && mkfifo /tmp/fifo/manifest ||
	fail "refuse-special-files: cannot make the FIFO bundle"
# timeout: a phramboot that blocks in open() fails here rather than at the harness's limit.
expect_refusal_no_reset 2 timeout 20 phramboot --timeout 10 /tmp/fifo
case $(guest_arch) in malta) sleep 10 ;; esac
mark "refuse-special-files: no reset 40 s or more after the first refusal"
