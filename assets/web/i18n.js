// Every string applicants and staff read in the browser, one table per language.
// Indonesian first; English as the option.
"use strict";
window.LOKET_TEXT = {
  id: {
    "status.title": "Status Nomor Antrian",
    "status.number": "Nomor Antrian",
    "status.service": "Layanan",
    "status.ahead": "Orang di depan Anda",
    "status.estimate": "Perkiraan waktu tunggu",
    "status.minutes": "menit",
    "status.unknown_estimate": "belum dapat diperkirakan (loket belum dibuka)",
    "status.state.waiting": "Menunggu dipanggil",
    "status.state.called": "Anda DIPANGGIL! Silakan menuju",
    "status.state.serving": "Sedang dilayani di",
    "status.state.done": "Layanan selesai. Terima kasih.",
    "status.state.no_show": "Anda tidak hadir saat dipanggil. Silakan hubungi petugas Informasi.",
    "status.state.cancelled": "Nomor ini dibatalkan. Silakan hubungi petugas Informasi.",
    "status.permit": "Perizinan",
    "status.updated": "Diperbarui otomatis",
    "status.not_found": "Nomor antrian tidak ditemukan. Periksa kembali tautan pada tiket Anda.",
    "status.offline": "Tidak dapat terhubung ke server antrian. Mencoba lagi…",
    "status.other_day": "Nomor ini untuk tanggal",
    "lang.switch": "English",
  },
  en: {
    "status.title": "Queue Ticket Status",
    "status.number": "Ticket number",
    "status.service": "Service",
    "status.ahead": "People ahead of you",
    "status.estimate": "Estimated wait",
    "status.minutes": "minutes",
    "status.unknown_estimate": "cannot be estimated yet (no counter open)",
    "status.state.waiting": "Waiting to be called",
    "status.state.called": "You are being CALLED! Please go to",
    "status.state.serving": "Being served at",
    "status.state.done": "Service finished. Thank you.",
    "status.state.no_show": "You were not present when called. Please ask the Information desk.",
    "status.state.cancelled": "This ticket was cancelled. Please ask the Information desk.",
    "status.permit": "Permit",
    "status.updated": "Updates automatically",
    "status.not_found": "Ticket not found. Please check the link on your ticket.",
    "status.offline": "Cannot reach the queue server. Retrying…",
    "status.other_day": "This ticket is for",
    "lang.switch": "Bahasa Indonesia",
  },
};
window.loketLang = function () {
  const saved = localStorage.getItem("loket.lang");
  return saved === "en" ? "en" : "id";
};
window.t = function (key) {
  const table = window.LOKET_TEXT[window.loketLang()];
  return table[key] ?? window.LOKET_TEXT.id[key] ?? key;
};
