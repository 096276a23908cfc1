#pragma once
// A realistic ticket for the print tests (office and permit from the Kaltim IKOT SOP,
// assets/catalog/sources/kaltim-ikot.txt).
#include "loket/ticket_print.hpp"

namespace loket::print::testing {

inline TicketLayout sample_layout(PaperWidth paper = PaperWidth::mm58) {
    TicketLayout t;
    t.office_name = "DPMPTSP Provinsi Kalimantan Timur";
    t.header_lines = {"Jl. Basuki Rahmat No. 55, Samarinda",
                      "Senin\u2013Kamis 08.00\u201319.00 WITA"};
    t.service_name = "Layanan Informasi";
    t.ticket_number = "A-012";
    t.permit_name = "Izin Industri Kecil Obat Tradisional (IKOT)";
    t.priority_label = "PRIORITAS: Lansia";
    t.issued_at = "Jum\u2019at, 17 Mei 2024 09.41 WITA";
    t.people_ahead = 3;
    t.estimated_wait = "\u00B1 15 menit";
    t.status_url = "https://antrean.dpmptsp.kaltimprov.go.id/t/20240517-A-012";
    t.footer_lines = {"Terima kasih \u2014 layanan gratis", "SKM: isi survei kepuasan Anda"};
    t.paper = paper;
    return t;
}

}  // namespace loket::print::testing
