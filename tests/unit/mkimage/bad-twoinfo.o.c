#include <linux/earlymod.h>
EARLYMOD_ENTRY("twoinfo-again", "1", PLATFORM);
