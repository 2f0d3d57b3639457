/* expect: ^bad-flags\.eko: the loader rejects the entry: */
#include <linux/earlymod.h>
EARLYMOD_ENTRY_FLAGS("flags", "1", PLATFORM, 0x80, 0, 0);
