// Inputs found by tests/fuzz/fuzz_catalog that broke the loader's contract (every bad catalog
// file is an InputError naming the file), kept as plain tests.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "loket/catalog.hpp"
#include "loket/input_error.hpp"

namespace {

namespace fs = std::filesystem;

// A number too large for a double ("5e444...") made nlohmann throw out_of_range (406), not
// parse_error; it escaped Catalog::load_dir, so queue-server and the kiosk ended in
// std::terminate at start instead of naming the bad file.
TEST(CatalogFuzzRegression, ANumberTooLargeForADoubleIsAnInputErrorNamingTheFile) {
    const fs::path dir =
        fs::temp_directory_path() / ("loket-catalog-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    for (const std::string text : {"5e444444444444444444it", "{\"id\": 1e400}", "[-1e999]"}) {
        std::ofstream(dir / "permit.json", std::ios::binary | std::ios::trunc) << text;
        try {
            (void)loket::catalog::Catalog::load_dir(dir);
            ADD_FAILURE() << text << ": accepted";
        } catch (const loket::InputError& e) {
            EXPECT_NE(std::string(e.what()).find("permit.json"), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find("invalid JSON"), std::string::npos) << e.what();
        } catch (const std::exception& e) {
            ADD_FAILURE() << text << ": not an InputError: " << e.what();
        }
    }
    fs::remove_all(dir);
}

}  // namespace
