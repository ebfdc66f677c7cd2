#!/bin/sh
# mips16-cc.sh GCC ARGS...: the compiler build-musl.sh gives musl's build on MIPS. It
# compiles each C file as MIPS16e, and as MIPS32 the files whose inline assembly MIPS16e
# cannot encode (syscall, ll/sc, sync, rdhwr: the assembler refuses them, and the file
# is compiled again without -mips16, its error hidden). Assembly stays MIPS32, and so
# do the maths, fenv and complex directories: MIPS16e has no floating-point
# instructions, and a MIPS16e frexp() left an undefined local alias at the link.
set -u
gcc=$1
shift
case " $* " in
*" src/math/"* | *" src/fenv/"* | *" src/complex/"*) ;;
*" -c "*.c" "* | *.c" -c "*)
	"$gcc" "$@" -mips16 2>/dev/null && exit 0 ;;
esac
exec "$gcc" "$@"
