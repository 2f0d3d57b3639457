/* expect: ^bad-missingdep\.eko: \.earlymod\.deps: depends on 'nowhere', which is not in the pack$ */
#include <linux/earlymod.h>
EARLYMOD_ENTRY("lonely", "1", PLATFORM);
EARLYMOD_DEPENDS("nowhere");
