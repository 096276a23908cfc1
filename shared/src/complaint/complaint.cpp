#include "loket/complaint.hpp"

#include <sodium.h>

#include <array>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "loket/trim.hpp"

namespace loket::complaint {

namespace {

using nlohmann::json;

constexpr std::array<Label, 8> kCategories = {{
    {"pelayanan", "Pelayanan petugas", "Staff service"},
    {"persyaratan", "Persyaratan", "Requirements"},
    {"waktu", "Waktu penyelesaian", "Processing time"},
    {"biaya", "Biaya atau pungutan", "Fees or illegal charges"},
    {"sarana", "Sarana dan prasarana", "Facilities"},
    {"informasi", "Informasi", "Information"},
    {"sistem", "Sistem antrean dan aplikasi", "Queue system and apps"},
    {"lainnya", "Lainnya", "Other"},
}};

// Staff channels first, in the order the staff form lists them; then the two self-service ones.
constexpr std::array<Label, 7> kChannels = {{
    {"kotak_saran", "Kotak saran", "Suggestion box"},
    {"telepon", "Telepon", "Telephone"},
    {"sms", "SMS", "SMS"},
    {"langsung", "Datang langsung", "In person"},
    {"surat", "Surat", "Letter"},
    {"kiosk", "Kios", "Kiosk"},
    {"web", "Situs web", "Website"},
}};
constexpr std::size_t kStaffChannelCount = 5;

constexpr std::array<Label, 5> kStates = {{
    {"diterima", "Diterima", "Received"},
    {"diverifikasi", "Diverifikasi", "Verified"},
    {"diproses", "Diproses", "In progress"},
    {"selesai", "Selesai", "Resolved"},
    {"ditolak", "Ditolak", "Rejected"},
}};

ComplaintInputError refusal(const std::string& field, const std::string& en, const std::string& id,
                            const std::string& code = "invalid_field") {
    return ComplaintInputError("request body", field, en, id, code);
}

// Decodes UTF-8, calling fn(code point); false when the text is not valid UTF-8.
template <typename Fn>
bool each_code_point(std::string_view text, Fn fn) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        char32_t cp = 0;
        std::size_t extra = 0;
        if (c < 0x80) {
            cp = c;
        } else if ((c & 0xE0) == 0xC0) {
            cp = c & 0x1F;
            extra = 1;
        } else if ((c & 0xF0) == 0xE0) {
            cp = c & 0x0F;
            extra = 2;
        } else if ((c & 0xF8) == 0xF0) {
            cp = c & 0x07;
            extra = 3;
        } else {
            return false;
        }
        if (i + extra >= text.size())
            return false;
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto d = static_cast<unsigned char>(text[i + k]);
            if ((d & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (d & 0x3F);
        }
        // Overlong forms, surrogates and values beyond Unicode are not UTF-8.
        if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) ||
            (extra == 3 && cp < 0x10000) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        fn(cp);
        i += extra + 1;
    }
    return true;
}

bool is_control(char32_t cp) {
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029;
}

// A text field: a string, trimmed, min..max code points, line breaks only when `multiline`.
std::string read_text(const json& body, const char* field, std::size_t min, std::size_t max,
                      bool multiline) {
    const auto it = body.find(field);
    if (it == body.end() || it->is_null())
        throw refusal(field, "is required", "wajib diisi", "missing_field");
    if (!it->is_string())
        throw refusal(field, "must be text", "harus berupa teks");
    const std::string value = trim_space(it->get_ref<const std::string&>());
    std::size_t count = 0;
    bool control = false;
    const bool valid = each_code_point(value, [&](char32_t cp) {
        ++count;
        if (is_control(cp) && !(multiline && (cp == '\n' || cp == '\r' || cp == '\t')))
            control = true;
    });
    if (!valid)
        throw refusal(field, "is not valid UTF-8", "bukan teks UTF-8 yang sah");
    if (control) {
        throw refusal(field,
                      multiline ? "must not contain control characters other than line breaks"
                                : "must be one line without control characters",
                      multiline ? "tidak boleh memuat karakter kendali selain ganti baris"
                                : "harus satu baris tanpa karakter kendali");
    }
    if (count < min || count > max) {
        const std::string range = std::to_string(min) + "-" + std::to_string(max);
        throw refusal(field, "must be " + range + " characters long",
                      "panjangnya harus " + range + " karakter",
                      count < min ? "too_short" : "too_long");
    }
    return value;
}

void refuse_unknown_keys(const json& body, std::initializer_list<std::string_view> known) {
    for (const auto& [key, value] : body.items()) {
        bool ok = false;
        for (const auto k : known)
            ok = ok || key == k;
        if (!ok)
            throw refusal(key, "is not a known field", "bukan isian yang dikenal", "unknown_key");
    }
}

void require_object(const json& body) {
    if (!body.is_object()) {
        throw ComplaintInputError("request body", "", "the body must be a JSON object (UTF-8)",
                                  "isi permintaan harus berupa objek JSON (UTF-8)", "invalid_json");
    }
}

}  // namespace

std::span<const Label> categories() {
    return kCategories;
}
std::span<const Label> staff_channels() {
    return std::span<const Label>(kChannels).first(kStaffChannelCount);
}
std::span<const Label> channels() {
    return kChannels;
}

const Label* find_category(std::string_view id) {
    for (const Label& l : kCategories) {
        if (l.id == id)
            return &l;
    }
    return nullptr;
}
const Label* find_channel(std::string_view id) {
    for (const Label& l : kChannels) {
        if (l.id == id)
            return &l;
    }
    return nullptr;
}
bool is_staff_channel(std::string_view id) {
    for (const Label& l : staff_channels()) {
        if (l.id == id)
            return true;
    }
    return false;
}

std::string_view to_string(State state) {
    return kStates[static_cast<std::size_t>(state)].id;
}
std::optional<State> parse_state(std::string_view text) {
    for (std::size_t i = 0; i < kStates.size(); ++i) {
        if (kStates[i].id == text)
            return static_cast<State>(i);
    }
    return std::nullopt;
}
Label state_label(State state) {
    return kStates[static_cast<std::size_t>(state)];
}
bool is_final(State state) {
    return state == State::Selesai || state == State::Ditolak;
}
bool transition_allowed(State from, State to) {
    if (is_final(from))
        return false;
    if (to == State::Ditolak)
        return true;
    return static_cast<int>(to) == static_cast<int>(from) + 1;
}

std::string make_tracking_number() {
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium could not be initialised");
    std::string out = "ADU-";
    for (int i = 0; i < 8; ++i) {
        if (i == 4)
            out += '-';
        out += kTrackingAlphabet[randombytes_uniform(kTrackingAlphabet.size())];
    }
    return out;
}

std::optional<std::string> normalise_tracking_number(std::string_view text) {
    std::string chars;
    for (const char c : trim_space(text)) {
        if (c == '-' || c == ' ')
            continue;
        chars += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    // Applicants may leave out the printed "ADU" and confuse the letters Crockford base32
    // leaves out with the digits they look like (O for 0, I and L for 1).
    if (chars.size() == 8)
        chars = "ADU" + chars;
    if (chars.size() != 11 || chars.compare(0, 3, "ADU") != 0)
        return std::nullopt;
    for (std::size_t i = 3; i < chars.size(); ++i) {
        if (chars[i] == 'O')
            chars[i] = '0';
        else if (chars[i] == 'I' || chars[i] == 'L')
            chars[i] = '1';
        if (kTrackingAlphabet.find(chars[i]) == std::string_view::npos)
            return std::nullopt;
    }
    return "ADU-" + chars.substr(3, 4) + "-" + chars.substr(7, 4);
}

std::optional<std::size_t> code_points(std::string_view text) {
    std::size_t count = 0;
    if (!each_code_point(text, [&](char32_t) { ++count; }))
        return std::nullopt;
    return count;
}

Submission read_submission(const nlohmann::json& body, bool staff) {
    require_object(body);
    refuse_unknown_keys(
        body, {"category", "text", "name", "contact", "consent", "ticket_token", "channel"});
    Submission s;
    const auto cat = body.find("category");
    if (cat == body.end() || cat->is_null())
        throw refusal("category", "is required", "wajib diisi", "missing_field");
    if (!cat->is_string() || !find_category(cat->get_ref<const std::string&>()))
        throw refusal("category", "is not a known category", "bukan kategori yang dikenal");
    s.category = cat->get<std::string>();
    s.text = read_text(body, "text", kTextMin, kTextMax, true);

    const auto consent = body.find("consent");
    if (consent != body.end() && !consent->is_null()) {
        if (!consent->is_boolean())
            throw refusal("consent", "must be true or false", "harus true atau false");
        s.consent = consent->get<bool>();
    }
    for (const char* field : {"name", "contact"}) {
        const auto it = body.find(field);
        if (it == body.end() || it->is_null())
            continue;
        if (it->is_string() && trim_space(it->get_ref<const std::string&>()).empty())
            continue;  // an empty optional field is no personal data
        if (!s.consent) {
            throw refusal(
                "consent",
                "name and contact are kept only with the sender's consent (consent: true)",
                "nama dan kontak hanya disimpan dengan persetujuan pengirim", "consent_required");
        }
        const std::string value = read_text(body, field, 1, kPersonalMax, false);
        (std::string_view(field) == "name" ? s.name : s.contact) = value;
    }
    const auto token = body.find("ticket_token");
    if (token != body.end() && !token->is_null()) {
        const bool ok = token->is_string() && token->get_ref<const std::string&>().size() == 32 &&
                        token->get_ref<const std::string&>().find_first_not_of(
                            "0123456789abcdef") == std::string::npos;
        if (!ok)
            throw refusal("ticket_token", "is not a ticket's status token",
                          "bukan token status tiket");
        s.ticket_token = token->get<std::string>();
    }
    const auto channel = body.find("channel");
    if (staff) {
        if (channel == body.end() || channel->is_null())
            throw refusal("channel", "is required when staff record a complaint", "wajib diisi",
                          "missing_field");
        if (!channel->is_string() || !is_staff_channel(channel->get_ref<const std::string&>())) {
            throw refusal("channel", "must be kotak_saran, telepon, sms, langsung or surat",
                          "harus kotak_saran, telepon, sms, langsung, atau surat");
        }
        s.channel = channel->get<std::string>();
    } else if (channel != body.end() && !channel->is_null()) {
        throw refusal("channel", "is set only by staff recording a complaint",
                      "hanya diisi petugas yang mencatat pengaduan", "unknown_key");
    }
    return s;
}

TransitionRequest read_transition(const nlohmann::json& body) {
    require_object(body);
    refuse_unknown_keys(body, {"to", "reply", "reason"});
    TransitionRequest t;
    const auto to = body.find("to");
    if (to == body.end() || to->is_null())
        throw refusal("to", "is required", "wajib diisi", "missing_field");
    const auto state =
        to->is_string() ? parse_state(to->get_ref<const std::string&>()) : std::optional<State>{};
    if (!state || *state == State::Diterima) {
        throw refusal("to", "must be diverifikasi, diproses, selesai or ditolak",
                      "harus diverifikasi, diproses, selesai, atau ditolak");
    }
    t.to = *state;
    if (t.to == State::Selesai)
        t.reply = read_text(body, "reply", kReplyMin, kReplyMax, true);
    else if (body.contains("reply") && !body["reply"].is_null())
        throw refusal("reply", "is given only when closing as selesai",
                      "hanya diisi saat menyelesaikan (selesai)", "unknown_key");
    if (t.to == State::Ditolak)
        t.reason = read_text(body, "reason", kReasonMin, kReasonMax, true);
    else if (body.contains("reason") && !body["reason"].is_null())
        throw refusal("reason", "is given only when rejecting (ditolak)",
                      "hanya diisi saat menolak (ditolak)", "unknown_key");
    return t;
}

std::string read_note(const nlohmann::json& body) {
    require_object(body);
    refuse_unknown_keys(body, {"text"});
    return read_text(body, "text", 1, kNoteMax, true);
}

std::string read_assignee(const nlohmann::json& body) {
    require_object(body);
    refuse_unknown_keys(body, {"username"});
    return read_text(body, "username", 1, 64, false);
}

std::chrono::year_month_day due_on(std::chrono::year_month_day received) {
    return std::chrono::sys_days(received) + std::chrono::days(kResponseDays);
}

int days_left(std::chrono::year_month_day due, std::chrono::year_month_day today) {
    return static_cast<int>((std::chrono::sys_days(due) - std::chrono::sys_days(today)).count());
}

bool answered_on_time(std::chrono::year_month_day due, std::chrono::year_month_day closed) {
    return std::chrono::sys_days(closed) <= std::chrono::sys_days(due);
}

std::string_view to_string(Reminder kind) {
    switch (kind) {
        case Reminder::Days14:
            return "14_days";
        case Reminder::Days7:
            return "7_days";
        case Reminder::Overdue:
            return "overdue";
    }
    return "overdue";
}

std::optional<Reminder> reminder_due(std::chrono::year_month_day due,
                                     std::chrono::year_month_day today) {
    const int left = days_left(due, today);
    if (left < 0)
        return Reminder::Overdue;
    if (left <= 7)
        return Reminder::Days7;
    if (left <= 14)
        return Reminder::Days14;
    return std::nullopt;
}

std::string csv_cell(std::string_view text) {
    std::string value(text);
    if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' ||
                           value[0] == '@' || value[0] == '\t' || value[0] == '\r'))
        value.insert(0, 1, '\'');
    if (value.find_first_of(",\"\r\n;") == std::string::npos)
        return value;
    std::string out = "\"";
    for (const char c : value) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + "\"";
}

std::string title_of(std::string_view category, std::string_view text) {
    const Label* label = find_category(category);
    std::string title = label ? std::string(label->name) : std::string(category);
    title += ": ";
    // The first words, up to about 60 bytes, cut at a space and on one line.
    std::string words;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto end = text.find_first_of(" \t\r\n", i);
        const std::string_view word =
            text.substr(i, end == std::string_view::npos ? text.npos : end - i);
        if (!word.empty()) {
            if (!words.empty() && words.size() + 1 + word.size() > 60) {
                words += " …";
                break;
            }
            if (!words.empty())
                words += ' ';
            words += word;
        }
        if (end == std::string_view::npos)
            break;
        i = end + 1;
    }
    return title + words;
}

std::string lapor_csv(std::span<const ExportRow> rows, std::string_view office_name) {
    std::string out = "\xEF\xBB\xBF";
    out +=
        "Nomor Pelacakan,Tanggal Diterima,Judul,Isi Laporan,Kategori,Saluran,Lokasi Kejadian,"
        "Instansi Tujuan,Anonim,Status,Tanggal Selesai,Tindak Lanjut\r\n";
    for (const ExportRow& r : rows) {
        const Label* category = find_category(r.category);
        const Label* channel = find_channel(r.channel);
        const std::array<std::string, 12> cells = {
            r.tracking_number,
            r.received_on,
            title_of(r.category, r.text),
            r.text,
            category ? std::string(category->name) : r.category,
            channel ? std::string(channel->name) : r.channel,
            std::string(office_name),
            std::string(office_name),
            r.anonymous ? "Ya" : "Tidak",
            std::string(state_label(r.state).name),
            r.closed_on,
            r.follow_up,
        };
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i)
                out += ',';
            out += csv_cell(cells[i]);
        }
        out += "\r\n";
    }
    return out;
}

}  // namespace loket::complaint
