#include <linux/earlymod.h>
EARLYMOD_ENTRY("twin", "2", PLATFORM);
