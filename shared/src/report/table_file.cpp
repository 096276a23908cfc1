#include "loket/table_file.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "loket/read_file.hpp"

namespace loket::report {

TableCell text_cell(std::string text) {
    return {std::move(text), std::nullopt, std::nullopt};
}

TableCell integer_cell(std::int64_t value) {
    return {std::to_string(value), value, std::nullopt};
}

TableCell figure_cell(survey::Decimal value) {
    return {value.to_string(), std::nullopt, value};
}

TableCell figure_cell(std::optional<double> value, int places) {
    if (!value || !std::isfinite(*value))
        return text_cell("");
    double scale = 1;
    for (int i = 0; i < places; ++i)
        scale *= 10;
    // Durations and shares are never negative; a clock step backwards must not make them so.
    const auto units = static_cast<std::int64_t>(std::llround(std::max(0.0, *value) * scale));
    return figure_cell(survey::Decimal{units, places});
}

std::string csv_start() {
    return "\xEF\xBB\xBF";
}

void append_csv_row(std::string& out, const TableRow& row) {
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (i > 0)
            out += ',';
        const std::string& t = row[i].text;
        if (t.find_first_of(",\"\r\n") == std::string::npos) {
            out += t;
            continue;
        }
        out += '"';
        for (const char ch : t) {
            if (ch == '"')
                out += '"';
            out += ch;
        }
        out += '"';
    }
    out += "\r\n";
}

std::string to_csv(const TableDocument& document) {
    std::string out = csv_start();
    for (const TableRow& row : document.rows)
        append_csv_row(out, row);
    return out;
}

struct TableXlsxWriter::Impl {
    lxw_workbook* workbook = nullptr;
    lxw_worksheet* sheet = nullptr;
    lxw_format* four = nullptr;
    lxw_format* two = nullptr;
    lxw_format* bold = nullptr;
    lxw_row_t next_row = 0;
};

TableXlsxWriter::TableXlsxWriter(const std::filesystem::path& path, const std::string& sheet_name,
                                 bool constant_memory)
    : impl_(std::make_unique<Impl>()) {
    lxw_workbook_options options = {};
    options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
    impl_->workbook = workbook_new_opt(path.c_str(), &options);
    if (!impl_->workbook)
        throw std::runtime_error("cannot start the workbook");
    // Sheet names are at most 31 characters and cannot hold []:*?/\ .
    impl_->sheet = workbook_add_worksheet(impl_->workbook, sheet_name.substr(0, 31).c_str());
    if (!impl_->sheet) {
        workbook_close(impl_->workbook);
        impl_->workbook = nullptr;
        throw std::runtime_error("cannot add the worksheet '" + sheet_name + "'");
    }
    impl_->four = workbook_add_format(impl_->workbook);
    format_set_num_format(impl_->four, "0.0000");
    impl_->two = workbook_add_format(impl_->workbook);
    format_set_num_format(impl_->two, "0.00");
    impl_->bold = workbook_add_format(impl_->workbook);
    format_set_bold(impl_->bold);
}

TableXlsxWriter::~TableXlsxWriter() {
    if (impl_ && impl_->workbook)
        workbook_close(impl_->workbook);  // an abandoned workbook: its file is the caller's
}

void TableXlsxWriter::set_widths(const std::vector<double>& widths) {
    for (std::size_t c = 0; c < widths.size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        worksheet_set_column(impl_->sheet, col, col, widths[c], nullptr);
    }
}

void TableXlsxWriter::add_row(const TableRow& row, bool bold) {
    const lxw_row_t r = impl_->next_row++;
    for (std::size_t c = 0; c < row.size(); ++c) {
        const auto cc = static_cast<lxw_col_t>(c);
        const TableCell& cell = row[c];
        if (cell.integer) {
            worksheet_write_number(impl_->sheet, r, cc, static_cast<double>(*cell.integer),
                                   nullptr);
        } else if (cell.figure) {
            worksheet_write_number(impl_->sheet, r, cc, cell.figure->to_double(),
                                   cell.figure->places >= 4 ? impl_->four : impl_->two);
        } else if (!cell.text.empty()) {
            worksheet_write_string(impl_->sheet, r, cc, cell.text.c_str(),
                                   bold ? impl_->bold : nullptr);
        }
    }
}

void TableXlsxWriter::close() {
    lxw_workbook* workbook = impl_->workbook;
    impl_->workbook = nullptr;
    const lxw_error error = workbook_close(workbook);
    if (error != LXW_NO_ERROR)
        throw std::runtime_error(std::string("cannot write the workbook: ") + lxw_strerror(error));
}

TempFile::TempFile(const std::string& prefix, const std::string& suffix) {
    std::string name = (std::filesystem::temp_directory_path() / (prefix + "XXXXXX")).string();
    name += suffix;
    const int fd = mkstemps(name.data(), static_cast<int>(suffix.size()));
    if (fd < 0)
        throw std::runtime_error("cannot create a temporary file for the workbook");
    close(fd);
    path_ = name;
}

TempFile::~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
}

std::string to_xlsx(const TableDocument& document) {
    const TempFile file("loket-table-", ".xlsx");
    TableXlsxWriter writer(file.path(), document.sheet_name, false);
    writer.set_widths(document.widths);
    for (std::size_t r = 0; r < document.rows.size(); ++r) {
        const TableRow& row = document.rows[r];
        writer.add_row(row, r == 0 && (document.header_row || row.size() == 1));
    }
    writer.close();
    return read_whole_file(file.path());
}

}  // namespace loket::report
