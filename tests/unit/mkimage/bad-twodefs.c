/* expect: ^bad-twodefs\.2\.eko: 'em_dup_fn' is defined by bad-twodefs\.eko too, and vmlinux has one fallback$ */
#include <linux/earlymod.h>
EARLYMOD_ENTRY("def-one", "1", PLATFORM);
int em_dup_fn(void) { return 1; }
