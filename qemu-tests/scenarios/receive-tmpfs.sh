# receive-tmpfs: a board without a staging region. One command from the host transfers,
# verifies and boots: `tar | ssh router phramboot receive --boot --timeout 10` puts the
# whole bundle into a tmpfs directory and boots it as phramboot DIR would.
#@ arches malta virt
#@ skip.maltabe tar parsing is byte-oriented, the same on both byte orders; proven on malta
#@ timeout 180
#@ receive bundles/ok --boot --timeout 10
#@ expect @@BOOT old
#@ expect @@HOST receive: phramboot: received bundle [0-9a-f]{16} into /tmp/phramboot-bundle, [0-9]+ bytes$
#@ expect @@HOST receive: phramboot: starting trial [0-9a-f]{16}
#@ expect @@BOOT trial
#@ expect @@ trial [0-9a-f]{16} runs from squashfs on phram
#@ expect.malta @@ trial ok: still up after 20 s
#@ expect.virt @@ trial ok: still up after 30 s
# Reached only if receive --boot came back to the old firmware.
fail "receive --boot did not start the trial"
