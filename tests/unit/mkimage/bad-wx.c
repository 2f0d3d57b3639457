/* expect: ^bad-wx\.eko: \.text\.wx: writable and executable section \(W\+X\)$ */
#include <linux/earlymod.h>
EARLYMOD_ENTRY("bad-wx", "1", PLATFORM);
asm(".section .text.wx, \"awx\"\n"
    "ret\n"
    ".previous\n");
