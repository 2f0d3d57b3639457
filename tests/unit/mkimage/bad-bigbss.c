/* expect: ^bad-bigbss\.eko: \.bss: 134217728 bytes, more than a class may hold \(67108864\)$ */
#include <linux/earlymod.h>
EARLYMOD_ENTRY("bad-bigbss", "1", PLATFORM);
/* no file bytes bound a .bss: only the class limit does */
static char big[128 << 20] __attribute__((used));
