/* expect: ^bad-thismodule\.eko: \.gnu\.linkonce\.this_module: a \.ko's struct module */
#include <linux/earlymod.h>
EARLYMOD_ENTRY("thismodule", "1", PLATFORM);
__attribute__((section(".gnu.linkonce.this_module"), used)) static char mod[64];
