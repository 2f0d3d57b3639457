/* expect: ^bad-twoinfo\.eko: \.earlymod\.info: 2 records, exactly one EARLYMOD_ENTRY\(\) expected$ */
#include <linux/earlymod.h>
EARLYMOD_ENTRY("twoinfo", "1", PLATFORM);
