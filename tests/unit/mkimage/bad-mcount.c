/* expect: ^bad-mcount\.eko: __mcount_loc: ftrace call sites */
/* cflags: -pg -mrecord-mcount */
#include <linux/earlymod.h>
EARLYMOD_ENTRY("mcount", "1", PLATFORM);
int traced(int x) { return x + 1; }
