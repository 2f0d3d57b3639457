/* expect: ^vm: \.text\+0x[0-9a-f]+: R_X86_64_32 against 'em_abs32_target' \(defined by bad-abs32site\.eko\) cannot be patched$ */
#include <linux/earlymod.h>
EARLYMOD_ENTRY("abs32site", "1", PLATFORM);
int em_abs32_target = 1;
