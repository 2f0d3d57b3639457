/* expect: ^bad-bignobits\.eko: \.data\.big: 134217728 bytes, more than a class may hold \(67108864\)$ */
#include <linux/earlymod.h>
EARLYMOD_ENTRY("bad-bignobits", "1", PLATFORM);
/* NOBITS outside .bss: a data class that create would have to zero-fill */
asm(".section .data.big, \"aw\", @nobits\n"
    ".skip 0x8000000\n"
    ".previous\n");
