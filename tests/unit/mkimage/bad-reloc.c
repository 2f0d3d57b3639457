/* expect: ^bad-reloc\.eko: \.text\+0x4: unsupported relocation R_X86_64_GOTPCREL against 'host_value'$ */
/* cflags: -Wa,-mrelax-relocations=no */
#include <linux/earlymod.h>
EARLYMOD_ENTRY("bad-reloc", "1", PLATFORM);
asm(".text\n"
    "nop\n"
    "movq host_value@GOTPCREL(%rip), %rax\n"
    "ret\n");
