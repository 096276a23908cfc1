// Built by the boundary tests against an app's libraries, which must not see the store: this
// include has to fail to compile (tests/CMakeLists.txt, docs/architecture.md).
#include "loket/queue_store.hpp"

int main() {
    return 0;
}
