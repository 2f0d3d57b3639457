/* expect: ^bad-special\.eko: __mystery_table: unknown special section */
#include <linux/earlymod.h>
EARLYMOD_ENTRY("bad-special", "1", PLATFORM);
__attribute__((section("__mystery_table"), used)) static const int mystery[2] = { 1, 2 };
