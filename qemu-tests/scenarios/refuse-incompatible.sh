# refuse-incompatible: a good, signed bundle made for other boards (its manifest's
# compatible line names a TP-Link Archer C7 and its SoC) is refused on this one, whose
# device tree says what it is; --force-compatible is the way round, shown by a dry run.
#@ arches malta virt
#@ skip.maltabe the compatible-string check is the same C; proven on the family's first board
#@ skip.arm64 the compatible-string check is the same C; proven on the family's first board
#@ timeout 120
#@ push bundles/wrongboard
#@ expect @@BOOT old
#@ expect @@ refused with exit 2: .*it is for tplink,archer-c7-v5, qca,qca9558, and this board is (mti,malta|linux,dummy-virt); pass --force-compatible
#@ expect ^board: (mti,malta|linux,dummy-virt); the bundle is for tplink,archer-c7-v5, qca,qca9558 \(--force-compatible\)
#@ expect @@ refuse-incompatible: --force-compatible plans the boot
#@ expect @@END
expect_refusal 2 phramboot --timeout 10 $B/wrongboard
run phramboot --dry-run --force-compatible $B/wrongboard || fail "refuse-incompatible: the forced dry run failed"
mark "refuse-incompatible: --force-compatible plans the boot"
