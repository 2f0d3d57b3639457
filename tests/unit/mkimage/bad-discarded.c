/* expect: ^bad-discarded\.eko: \.text\+0x1: R_X86_64_PC32 against 'gone' in discarded section \.discard\.stuff$ */
#include <linux/earlymod.h>
EARLYMOD_ENTRY("discarded", "1", PLATFORM);
asm(".section .discard.stuff, \"a\"\n"
    ".globl gone\n"
    "gone: .long 0\n"
    ".text\n"
    "nop\n"
    ".long gone - .\n");
