/* expect: ^vm: \.data\.\.percpu\+0x[0-9a-f]+: per-CPU initializer refers to 'em_pcpu_target' \(defined by bad-pcpusite\.eko\): per-CPU sites cannot be patched$ */
#include <linux/earlymod.h>
EARLYMOD_ENTRY("pcpusite", "1", PLATFORM);
int em_pcpu_target = 1;
