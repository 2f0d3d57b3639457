/* expect: ^bad-cycle(\.2)?\.eko: dependency cycle: (cyc-a -> cyc-b -> cyc-a|cyc-b -> cyc-a -> cyc-b)$ */
#include <linux/earlymod.h>
EARLYMOD_ENTRY("cyc-a", "1", PLATFORM);
EARLYMOD_DEPENDS("cyc-b");
