// The catalog editor's words for what the server names: a field path of a permit document
// ("permits[0].steps[2].time") as the user reads it ("Izin ke-1 · Langkah ke-3 · Waktu"), and
// an error code with that field ("Langkah ke-3 · Waktu: satuan waktu harus ..."). The texts are
// in i18n.js (cat.f.*, cat.item.*, cat.err.*); the codes are listed in docs/catalog-editing.md.
"use strict";

import { ApiError } from "./api.js";
import { hasText, t, tf } from "./ui.js";

// "steps[2].time" -> [{key: "steps", index: [2]}, {key: "time", index: []}]
function segments(path) {
  return path.split(".").map((part) => {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return { key: part, index: [] };
    return { key: m[1], index: [...m[2].matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1])) };
  });
}

// The label of `key` inside the list item `scope` ("steps" + "time" -> cat.f.steps.time), or of
// the key alone, or the key as written when the editor has no word for it.
function label(scope, key) {
  if (scope && hasText("cat.f." + scope + "." + key)) return t("cat.f." + scope + "." + key);
  if (hasText("cat.f." + key)) return t("cat.f." + key);
  return key;
}

// A field path as words, parts joined by " · ". An empty path is the whole document.
export function fieldWords(path) {
  if (!path) return "";
  const words = [];
  let scope = "";
  let pending = "";
  for (const { key, index } of segments(path)) {
    const dotted = pending ? pending + "." + key : key;
    if (!index.length) {
      pending = dotted;
      continue;
    }
    // A list item: "Langkah ke-3", or "<list> butir ke-n" for lists of plain texts.
    const n = index[0] + 1;
    if (hasText("cat.item." + dotted)) words.push(tf("cat.item." + dotted, { n }));
    else words.push(tf("cat.item.any", { list: label(scope, dotted), n }));
    for (const more of index.slice(1)) words.push(tf("cat.item.nth", { n: more + 1 }));
    scope = dotted;
    pending = "";
  }
  if (pending) words.push(label(scope, pending));
  return words.join(" · ");
}

// A JSON Pointer of a diff ("/steps/2/time") as the field path the server's errors use.
export function pointerToPath(pointer) {
  let path = "";
  for (const raw of pointer.split("/").slice(1)) {
    const part = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (/^\d+$/.test(part)) path += "[" + part + "]";
    else path += (path ? "." : "") + part;
  }
  return path;
}

// What went wrong, in the user's language, naming the field when the server named one.
export function catalogErrorText(error) {
  if (!(error instanceof ApiError)) return t("err.unknown_local");
  const where = fieldWords(error.field);
  if (hasText("cat.err." + error.code)) {
    const problem = tf("cat.err." + error.code, error.details || {});
    return where ? where + ": " + problem : problem;
  }
  if (hasText("err." + error.code)) {
    const text = t("err." + error.code);
    if (text.includes("{field}")) return tf("err." + error.code, { field: where });
    return where ? where + ": " + text : text;
  }
  return where ? tf("err.unknown_at", { code: error.code, field: where }) : tf("err.unknown", { code: error.code });
}
