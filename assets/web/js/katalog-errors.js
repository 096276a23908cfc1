// The server's refusals of a permit document shown at the field they name in the form (the
// words from catalog-text.js); used by the form, the live preview and saving.
"use strict";

import { catalogErrorText } from "./catalog-text.js";

export function clearErrors() {
  for (const node of document.querySelectorAll("#permit-form .field-error")) {
    node.hidden = true;
    node.textContent = "";
  }
  for (const node of document.querySelectorAll("#permit-form [aria-invalid]")) node.removeAttribute("aria-invalid");
}

export function clearError(path) {
  for (const node of document.querySelectorAll(`#permit-form .field-error[data-error-for="${CSS.escape(path)}"]`)) {
    node.hidden = true;
    node.textContent = "";
  }
  for (const node of document.querySelectorAll(`#permit-form [data-path="${CSS.escape(path)}"], #permit-form [data-path-part="${CSS.escape(path)}"]`)) {
    node.removeAttribute("aria-invalid");
  }
}

// Shows the error at the field it names, or at the nearest enclosing one ("steps[2].actors[0]"
// -> the actors of step 3; "steps" -> under the steps). Returns the node it was shown at.
export function showFieldError(error, { focus = true } = {}) {
  clearErrors();
  let path = error.field || "";
  let line = null;
  for (;;) {
    line = document.querySelector(`#permit-form .field-error[data-error-for="${CSS.escape(path)}"]`);
    if (line || !path) break;
    path = path.replace(/(\[\d+\]|\.?[^.[\]]+)$/, "");
  }
  if (!line) return null;
  line.textContent = catalogErrorText(error);
  line.hidden = false;
  line.setAttribute("role", "alert");
  // The field itself first (a step time's text before its figure and unit).
  const inputs = [
    ...document.querySelectorAll(`#permit-form [data-path="${CSS.escape(path)}"]`),
    ...document.querySelectorAll(`#permit-form [data-path-part="${CSS.escape(path)}"]`),
  ];
  for (const input of inputs) input.setAttribute("aria-invalid", "true");
  if (focus) {
    line.scrollIntoView({ block: "center" });
    if (inputs[0]) inputs[0].focus({ preventScroll: true });
  }
  return line;
}
