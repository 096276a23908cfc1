// The admin page's warning while the server's plain-HTTP listener serves pages and the API
// (server.plain_http = "serve", kept for old TV browsers; docs/https.md): passwords and keys
// sent over it cross the network readable. GET /api/v1/transport says how the server is reached.
"use strict";

import { api } from "./api.js";
import { byId, t } from "./ui.js";

let plainServes = false;

export function renderTransportWarning() {
  const box = byId("transport-warning");
  if (!box) return;
  box.hidden = !plainServes;
  box.textContent = plainServes ? t("admin.plain_http_warning") : "";
}

export async function loadTransportWarning() {
  const transport = await api.get("/transport").catch(() => null);
  plainServes = !!(transport && transport.plain_http === "serve");
  renderTransportWarning();
}
