#include <linux/earlymod.h>
EARLYMOD_ENTRY("def-two", "1", PLATFORM);
int em_dup_fn(void) { return 2; }
