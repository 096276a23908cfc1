#pragma once
// Report tables written as files: CSV (RFC 4180) and XLSX workbooks. The one writer of both for
// every export (the survey report, the queue reports); a table is rows of cells, each text, a
// whole number or a rounded figure. Large tables are written a row at a time (TableCsvWriter,
// TableXlsxWriter) so an export never holds its whole result in memory.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "loket/survey.hpp"  // survey::Decimal: a figure with its decimals

namespace loket::report {

// One cell: text, a whole number, or a rounded figure. `text` is what CSV writes.
struct TableCell {
    std::string text;
    std::optional<std::int64_t> integer;
    std::optional<survey::Decimal> figure;
};
using TableRow = std::vector<TableCell>;

TableCell text_cell(std::string text);
TableCell integer_cell(std::int64_t value);
TableCell figure_cell(survey::Decimal value);
// A figure rounded half up to `places` decimals; an empty cell when there is no value.
TableCell figure_cell(std::optional<double> value, int places);

struct TableDocument {
    std::string sheet_name;  // at most 31 characters are kept; "IKM 2026-12"
    std::vector<TableRow> rows;
    // The first row is column headings (bold in XLSX); otherwise only a lone title cell in the
    // first row is bold.
    bool header_row = false;
    std::vector<double> widths = {48, 18, 18, 18, 18, 18, 18, 18, 18};  // XLSX, in characters
};

// The CSV of the rows: comma-separated, CRLF, fields with a comma, quote or line break quoted;
// figures with a decimal point. The file starts with a UTF-8 byte-order mark so spreadsheet
// programs read it as UTF-8 (csv_start()).
std::string csv_start();
void append_csv_row(std::string& out, const TableRow& row);
std::string to_csv(const TableDocument& document);

// A workbook of one worksheet written row by row to `path`. constant_memory: libxlsxwriter
// flushes each row to its temporary file once the next starts (rows must come in order), so
// memory stays flat however many rows; every string is then written inline. The first row is
// bold when it is a lone title cell or `header_row` is set. Throws std::runtime_error when the
// workbook cannot be written.
class TableXlsxWriter {
  public:
    TableXlsxWriter(const std::filesystem::path& path, const std::string& sheet_name,
                    bool constant_memory);
    ~TableXlsxWriter();
    TableXlsxWriter(const TableXlsxWriter&) = delete;
    TableXlsxWriter& operator=(const TableXlsxWriter&) = delete;
    // Column widths in characters, from the first column.
    void set_widths(const std::vector<double>& widths);
    void add_row(const TableRow& row, bool bold = false);
    void close();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The whole document as XLSX bytes (written through a temporary file that is removed).
std::string to_xlsx(const TableDocument& document);

// A temporary file removed when this goes away: for workbooks streamed out after writing.
class TempFile {
  public:
    explicit TempFile(const std::string& prefix, const std::string& suffix);
    ~TempFile();
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

}  // namespace loket::report
