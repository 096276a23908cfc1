// Fuzz target: permit catalog files (assets/catalog/*.json) and the text parsers behind them.
//
// Each input is treated as the content of one catalog file and goes through:
//   1. Catalog::load_dir on a directory holding just that file: the loader's own JSON reading
//      (duplicate-key check), Catalog::parse_permit, and the id checks, exactly as the server
//      and kiosk load their catalog at start;
//   2. Catalog::parse_permit on nlohmann's parse of the input (without the duplicate check, so
//      documents with repeated keys reach the field validation too);
//   3. parse_time_standard on the raw text (time standards are free SOP wording);
//   4. Catalog::search over the real catalog with the input as the query (the kiosk's search
//      box and GET /api/v1/permits?q=).
// Only loket::InputError may escape the loaders; anything else is a finding. A permit that
// loads must serialise to JSON (the API's to_json) without throwing.
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "fuzz_support.hpp"
#include "loket/catalog.hpp"
#include "loket/input_error.hpp"

using namespace loket;

namespace {

const catalog::Catalog& real_catalog() {
    static const catalog::Catalog catalog =
        catalog::Catalog::load_dir(LOKET_SOURCE_DIR "/assets/catalog");
    return catalog;
}

void check_permit(const catalog::Permit& permit) {
    const std::string text = to_json(permit).dump();
    if (text.empty())
        fuzz::finding("to_json(permit) gave nothing");
    (void)permit.total_step_minutes();
    (void)permit.total_step_days();
    (void)permit.step_totals(catalog::kBranchRejected);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)real_catalog();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);

    // 1. The file loader.
    static const std::filesystem::path dir = fuzz::scratch_dir() / "catalog";
    static const bool made = std::filesystem::create_directories(dir);
    (void)made;
    { std::ofstream(dir / "permit.json", std::ios::binary | std::ios::trunc) << text; }
    try {
        const catalog::Catalog catalog = catalog::Catalog::load_dir(dir);
        if (catalog.permits().size() != 1)
            fuzz::finding("one file loaded as other than one permit");
        check_permit(catalog.permits().front());
        if (!catalog.find(catalog.permits().front().id))
            fuzz::finding("a loaded permit cannot be found by its id");
    } catch (const InputError&) {
    }

    // 2. The strict reader on whatever nlohmann accepts.
    const nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
    if (!doc.is_discarded()) {
        try {
            check_permit(catalog::Catalog::parse_permit(doc, "fuzz"));
        } catch (const InputError&) {
        }
    }

    // 3. Time standards: never throws; derived ranges are ordered when present.
    const catalog::TimeStandard time = catalog::parse_time_standard(text);
    if (time.text != text)
        fuzz::finding("parse_time_standard did not keep the original text");
    if (time.minutes_min && time.minutes_max && *time.minutes_min > *time.minutes_max)
        fuzz::finding("minutes_min > minutes_max", text);
    if (time.days_min && time.days_max && *time.days_min > *time.days_max)
        fuzz::finding("days_min > days_max", text);
    (void)to_json(time).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);

    // 4. Search (the kiosk caps queries at 200 bytes; the API at 200 characters).
    for (const catalog::Permit* p : real_catalog().search(std::string_view(text).substr(0, 256))) {
        if (!p)
            fuzz::finding("search returned a null permit");
    }
    return 0;
}
