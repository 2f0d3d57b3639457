/* expect: ^bad-tracepoints\.eko: __tracepoints: tracepoints .* module loader only$ */
#include <linux/earlymod.h>
EARLYMOD_ENTRY("bad-tracepoints", "1", PLATFORM);
__attribute__((section("__tracepoints"), used)) static int tp[4];
