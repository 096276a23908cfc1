#pragma once
// Opens the Loket SQLite database with its settings and schema migrations applied. The queue
// store and the account store share one file and one migration list.
#include <filesystem>
#include <memory>

namespace SQLite {
class Database;
}

namespace loket {

struct StoreOptions {
    // FULL makes an acknowledged ticket survive a power cut, not only a crash.
    bool synchronous_full = true;
    int busy_timeout_ms = 10000;
};

// WAL mode, the chosen synchronous level, foreign keys, and PRAGMA user_version migrations.
// Throws StorageError (queue_store.hpp) when the file cannot be opened or is too new.
std::unique_ptr<SQLite::Database> open_database(const std::filesystem::path& path,
                                                const StoreOptions& options);

// The schema version this program writes.
int schema_version();

}  // namespace loket
