#pragma once
// What the backup's files share (backup.cpp, backup_restore.cpp): checking a database, copying
// it as one snapshot, and flushing and removing files.
#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <string>

#include "loket/time.hpp"

namespace loket::server::backup_detail {

// The instant in UTC as backup file names carry it: 20261207-130335Z.
std::string stamp(TimePoint at);
void fsync_path(const std::filesystem::path& path, bool directory);
// The database's PRAGMA integrity_check ("ok" when sound), cut after about 500 characters.
std::string integrity_of(SQLite::Database& db);
// The checks every Loket database passes, whatever its version: its core tables and a schema
// version this program knows (older ones are migrated on opening).
int check_loket_schema(SQLite::Database& db, const std::filesystem::path& file);
void remove_quietly(const std::filesystem::path& path);
// Copies the database at `from` into the new file `to` with the backup API, as one snapshot:
// the source's read transaction stays open across the steps (in WAL mode it holds no writer
// up), so the copy is the database as it was when the copy began. The copy is left in
// rollback-journal mode: a single file, with no -wal beside it on the USB disk.
void copy_database(const std::filesystem::path& from, const std::filesystem::path& to,
                   int source_flags);

}  // namespace loket::server::backup_detail
