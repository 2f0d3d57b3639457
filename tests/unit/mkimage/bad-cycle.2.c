#include <linux/earlymod.h>
EARLYMOD_ENTRY("cyc-b", "1", PLATFORM);
EARLYMOD_DEPENDS("cyc-a");
