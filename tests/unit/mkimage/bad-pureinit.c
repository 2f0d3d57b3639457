/* expect: ^bad-pureinit\.eko: \.initcall0\.init: initcall section of an unknown level */
#include <linux/earlymod.h>
EARLYMOD_ENTRY("pureinit", "1", PLATFORM);
static int pure(void) { return 0; }
__attribute__((section(".initcall0.init"), used)) static int (*const p)(void) = pure;
