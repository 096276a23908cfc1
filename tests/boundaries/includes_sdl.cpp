// Built by the boundary tests against an app's UI-free library, which must not see SDL: this
// include has to fail to compile (tests/CMakeLists.txt, docs/architecture.md).
#include <SDL.h>

int main() {
    return 0;
}
