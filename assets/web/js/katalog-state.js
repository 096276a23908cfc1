// The catalog editor's shared state (the permit list, the permit open in the form) and the
// catalog format's fixed values, in one place so that the page's modules see the same ones.
"use strict";

export const SERVICES = ["informasi", "customer_service", "pendaftaran", "pengambilan"];
export const APPLIES_TO = ["semua", "perorangan", "badan_usaha", "dikuasakan"];
export const BRANCHES = ["umum", "disetujui", "ditolak"];
export const ACTOR_SOURCES = ["table", "text", "unmarked"];
export const BASES = ["stated", "step_sum", "not_stated"];
export const UNITS = ["menit", "jam", "hari", "hari kerja"];

export const state = {
  user: null,
  permits: [], // GET /catalog/permits
  id: null, // the permit open in the form (null for a new one)
  doc: null, // the document being edited
  version: null, // the PermitVersion it was opened at
  isNew: false,
  dirty: false,
  tab: "form",
  versions: [],
  previewSeq: 0,
};
