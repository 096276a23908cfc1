#pragma once
// Helpers shared by the fuzz targets: a scratch directory on tmpfs, and reporting a finding
// with the input that caused it.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

namespace loket::fuzz {

// A fresh directory for this process, on /dev/shm when it exists (SQLite and file writes stay
// in memory), removed at exit.
inline const std::filesystem::path& scratch_dir() {
    static const std::filesystem::path dir = [] {
        const std::filesystem::path base = std::filesystem::is_directory("/dev/shm")
                                               ? "/dev/shm"
                                               : std::filesystem::temp_directory_path();
        auto path = base / ("loket-fuzz-" + std::to_string(::getpid()));
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
        std::atexit([] {
            std::error_code ec;
            std::filesystem::remove_all(scratch_dir(), ec);
        });
        return path;
    }();
    return dir;
}

// A property broke: print what and abort, so libFuzzer keeps the input as a crash.
[[noreturn]] inline void finding(std::string_view what, std::string_view detail = {}) {
    std::fprintf(stderr, "\n*** FINDING: %.*s\n", static_cast<int>(what.size()), what.data());
    if (!detail.empty()) {
        std::fprintf(stderr, "%.*s\n", static_cast<int>(std::min<std::size_t>(detail.size(), 4000)),
                     detail.data());
    }
    std::abort();
}

}  // namespace loket::fuzz
