/* expect: ^bad-unresolved\.eko: \.text\+0x2: R_X86_64_PLT32 against undefined symbol 'no_such_function' \(not in vmlinux\)$ */
#include <linux/earlymod.h>
EARLYMOD_ENTRY("bad-unresolved", "1", PLATFORM);
asm(".text\n"
    "nop\n"
    "call no_such_function\n"
    "ret\n");
