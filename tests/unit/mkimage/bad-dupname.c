/* expect: ^bad-dupname\.2\.eko: duplicate entry name 'twin' \(also in bad-dupname\.eko\)$ */
#include <linux/earlymod.h>
EARLYMOD_ENTRY("twin", "1", PLATFORM);
