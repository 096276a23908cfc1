#pragma once
// The central schema's migrations, oldest first: each upgrades the schema by one version;
// never edit a shipped entry, append one (central_schema_events.cpp, central_schema_figures.cpp,
// central_schema_detail.cpp, central_schema_scale.cpp).
#include <array>

namespace loket::central {

extern const char* const kCentralMigration1;
extern const char* const kCentralMigration2;
extern const char* const kCentralMigration3;
extern const char* const kCentralMigration4;
extern const char* const kCentralMigration5;
extern const char* const kCentralMigration6;
extern const char* const kCentralMigration7;
extern const char* const kCentralMigration8;
extern const char* const kCentralMigration9;
extern const char* const kCentralMigration10;

inline std::array<const char*, 10> central_migrations() {
    return {kCentralMigration1, kCentralMigration2, kCentralMigration3, kCentralMigration4,
            kCentralMigration5, kCentralMigration6, kCentralMigration7, kCentralMigration8,
            kCentralMigration9, kCentralMigration10};
}

}  // namespace loket::central
