// Server errors at the field they name in an admin form (the add-user form, the office
// settings): both forms mark fields with data-field and their error lines with data-error-for.
"use strict";

export function clearFieldErrors(root) {
  for (const node of root.querySelectorAll(".invalid, .invalid-box")) {
    node.classList.remove("invalid", "invalid-box");
    node.removeAttribute("aria-invalid");
  }
  for (const node of root.querySelectorAll("[data-error-for]")) {
    node.hidden = true;
    node.textContent = "";
  }
}

// Shows a server error next to the field it names ("services[1].prefix", "hours.monday[0]"):
// the closest field that exists on the page, dropping the last part until one matches.
export function showFieldError(root, field, text) {
  let name = field;
  while (name) {
    const target = root.querySelector(`[data-field="${CSS.escape(name)}"]`);
    if (target) {
      target.classList.add(target.matches("input, select, textarea") ? "invalid" : "invalid-box");
      target.setAttribute("aria-invalid", "true");
      const note = root.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
      if (note) {
        note.textContent = text;
        note.hidden = false;
        if (note.id) target.setAttribute("aria-describedby", note.id);
      }
      const focusable = target.matches("input, select, textarea, button") ? target : target.querySelector("input, select, textarea");
      if (focusable) focusable.focus();
      target.scrollIntoView({ block: "center" });
      return true;
    }
    const shorter = name.replace(/(\[\d+\]|\.[^.[\]]+)$/, "");
    if (shorter === name) break;
    name = shorter;
  }
  return false;
}
