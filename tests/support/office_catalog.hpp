#pragma once
// The office's permit catalog (assets/catalog, from the five SOPs), loaded once per test binary.
#include "loket/catalog.hpp"

namespace loket::testing {

inline const catalog::Catalog& office_catalog() {
    static const catalog::Catalog c =
        catalog::Catalog::load_dir(LOKET_SOURCE_DIR "/assets/catalog");
    return c;
}

}  // namespace loket::testing
