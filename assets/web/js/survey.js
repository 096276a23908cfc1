// The satisfaction survey (SKM) in the browser, phone-sized: one element per screen with big
// answer buttons, then the profile, an optional suggestion, submit, thank you. Indonesian
// first with English beneath; every string is in /i18n.js, the questions come from the server.
//   survey.html?token=<status token>  the applicant's phone, from the ticket's status page
//   survey.html?counter=<n>           the counter's tablet, logged in with the clerk's account:
//                                     it waits for the ticket finished at that counter, never
//                                     shows an answer, and starts again after each response.
"use strict";

import { TEXT } from "../i18n.js";

(function () {
  const params = new URLSearchParams(location.search);
  const counter = /^[0-9]{1,4}$/.test(params.get("counter") || "") ? params.get("counter") : "";
  const screen = document.getElementById("screen");
  const errorBox = document.getElementById("error");
  const staffToken = sessionStorage.getItem("loket.token") || "";
  let questions = null;
  let state = null; // {token, visit, scores, profile, saran, key}
  let step = 0; // 0 intro, 1..9 elements, 10 profile, 11 saran, 12 thanks

  const id = (key) => TEXT.id[key] ?? key;
  const en = (key) => TEXT.en[key] ?? id(key);
  const fill = (text, vars) => text.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (name === "class") node.className = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }
  // Indonesian, with its English beneath.
  function both(textId, textEn) {
    return [textId, el("span", { class: "en", lang: "en" }, textEn)];
  }
  function text(key, vars = {}) {
    return both(fill(id(key), vars), fill(en(key), vars));
  }
  function show(...nodes) {
    screen.replaceChildren(...nodes);
    window.scrollTo(0, 0);
  }
  // Redraws the same screen (a choice on the profile) without jumping back to its top.
  function redraw(fn) {
    const y = window.scrollY;
    fn();
    window.scrollTo(0, y);
  }
  function showError(textId, textEn) {
    errorBox.replaceChildren(...both(textId, textEn));
    errorBox.hidden = false;
  }
  function clearError() {
    errorBox.hidden = true;
  }
  function message(key) {
    show(el("div", { class: "message" }, ...text(key)));
  }

  async function api(path, options = {}) {
    const headers = { Accept: "application/json" };
    if (options.body) headers["Content-Type"] = "application/json";
    if (staffToken && counter) headers.Authorization = "Bearer " + staffToken;
    Object.assign(headers, options.headers || {});
    const res = await fetch("/api/v1" + path, { cache: "no-store", ...options, headers });
    let body = null;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    return { status: res.status, body };
  }

  function newKey() {
    const bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function begin(token, visit) {
    state = { token, visit, scores: {}, profile: {}, saran: "", key: newKey() };
    step = 0;
    render();
  }

  function render() {
    clearError();
    const elements = questions.elements;
    if (step === 0) {
      const v = state.visit;
      show(
        el("p", {}, ...text("survey.intro")),
        el("div", { class: "facts" },
          v.application
            ? el("div", {}, id("survey.application") + " / " + en("survey.application") + ": ",
              el("strong", {}, v.application.number))
            : el("div", {}, id("survey.ticket") + " / " + en("survey.ticket") + ": ", el("strong", {}, v.ticket.number)),
          el("div", {}, id("survey.service") + " / " + en("survey.service") + ": ",
            el("strong", {}, v.service.name), " / " + v.service.name_en)),
        el("div", { class: "row" },
          el("button", { type: "button", class: "primary", id: "start", onclick: () => { step = 1; render(); } },
            id("survey.start") + " / " + en("survey.start"))));
      return;
    }
    if (step <= elements.length) {
      const e = elements[step - 1];
      const answers = el("div", { class: "answers" });
      for (const a of e.answers) {
        const chosen = state.scores[e.id] === a.score;
        answers.append(el("button", {
          type: "button", class: "answer" + (chosen ? " chosen" : ""), "data-score": String(a.score),
          onclick: () => { state.scores[e.id] = a.score; step += 1; render(); },
        }, ...both(a.label, a.label_en)));
      }
      show(
        el("progress", { max: String(elements.length + 2), value: String(step) }),
        el("p", { class: "step" }, fill(id("survey.question_n"), { n: step, total: elements.length }) +
          " · " + fill(en("survey.question_n"), { n: step, total: elements.length })),
        el("p", { class: "element" }, e.name + " / " + e.name_en),
        el("p", { class: "question" }, ...both(e.question, e.question_en)),
        answers,
        el("div", { class: "row" },
          el("button", { type: "button", class: "secondary", onclick: () => { step -= 1; render(); } },
            id("survey.back") + " / " + en("survey.back"))));
      return;
    }
    if (step === elements.length + 1) return renderProfile();
    if (step === elements.length + 2) return renderSaran();
    show(el("p", { class: "thanks" }, ...text("survey.thanks")), el("p", { class: "note" }, ...text("survey.thanks_note")));
  }

  function choiceGroup(field, list) {
    const box = el("div", { class: "choices" });
    for (const option of list.options) {
      const chosen = state.profile[field] === option.id;
      box.append(el("button", {
        type: "button", class: "choice" + (chosen ? " chosen" : ""), "data-field": field, "data-value": option.id,
        onclick: () => { state.profile[field] = option.id; redraw(renderProfile); },
      }, ...both(option.label, option.label_en)));
    }
    return el("fieldset", {}, el("legend", {}, ...both(list.label, list.label_en)), box);
  }

  function renderProfile() {
    clearError();
    const p = questions.profile;
    const age = el("input", {
      type: "number", id: "age", min: String(p.age.min), max: String(p.age.max), inputmode: "numeric",
      value: state.profile.age ?? "", oninput: (e) => { state.profile.age = e.target.value; },
    });
    show(
      el("progress", { max: String(questions.elements.length + 2), value: String(step) }),
      el("h2", {}, ...text("survey.profile")),
      el("fieldset", {}, el("label", { class: "title", for: "age" }, ...both(p.age.label, p.age.label_en)), age),
      choiceGroup("sex", p.sex),
      choiceGroup("education", p.education),
      choiceGroup("occupation", p.occupation),
      el("div", { class: "row" },
        el("button", { type: "button", class: "secondary", onclick: () => { step -= 1; render(); } },
          id("survey.back") + " / " + en("survey.back")),
        el("button", { type: "button", class: "primary", id: "next", onclick: profileDone },
          id("survey.next") + " / " + en("survey.next"))));
  }

  function profileDone() {
    const p = questions.profile;
    const age = Number(state.profile.age);
    if (!state.profile.age || !state.profile.sex || !state.profile.education || !state.profile.occupation) {
      return showError(id("survey.missing_profile"), en("survey.missing_profile"));
    }
    if (!Number.isInteger(age) || age < p.age.min || age > p.age.max) {
      const vars = { min: p.age.min, max: p.age.max };
      return showError(fill(id("survey.age_range"), vars), fill(en("survey.age_range"), vars));
    }
    step += 1;
    render();
  }

  function renderSaran() {
    const area = el("textarea", {
      id: "saran", maxlength: String(questions.saran.max_chars),
      oninput: (e) => { state.saran = e.target.value; },
    });
    area.value = state.saran;
    show(
      el("progress", { max: String(questions.elements.length + 2), value: String(step) }),
      el("label", { class: "title", for: "saran" }, ...text("survey.saran")),
      area,
      el("div", { class: "row" },
        el("button", { type: "button", class: "secondary", onclick: () => { step -= 1; render(); } },
          id("survey.back") + " / " + en("survey.back")),
        el("button", { type: "button", class: "primary", id: "submit", onclick: submit },
          id("survey.submit") + " / " + en("survey.submit"))));
  }

  async function submit(event) {
    const button = event.currentTarget;
    button.disabled = true;
    button.textContent = id("survey.sending") + " / " + en("survey.sending");
    const body = {
      token: state.token,
      answers: state.scores,
      profile: {
        age: Number(state.profile.age), sex: state.profile.sex,
        education: state.profile.education, occupation: state.profile.occupation,
      },
    };
    if (state.saran.trim()) body.saran = state.saran;
    try {
      // The same key on a retry: a response that reached the server is never stored twice.
      const r = await api("/survey/responses", {
        method: "POST", body: JSON.stringify(body), headers: { "Idempotency-Key": state.key },
      });
      if (r.status === 200 || r.status === 201) {
        step = questions.elements.length + 3;
        render();
        if (counter) setTimeout(waitAtCounter, 10000);
        return;
      }
      const error = (r.body && r.body.error) || {};
      if (error.code === "survey_already_answered") return message("survey.answered");
      showError(error.message_id || id("survey.offline"), error.message || en("survey.offline"));
    } catch {
      showError(id("survey.offline"), en("survey.offline"));
    }
    button.disabled = false;
    button.textContent = id("survey.submit") + " / " + en("survey.submit");
  }

  // The counter's tablet: polls for the ticket just finished there.
  async function waitAtCounter() {
    if (!staffToken) return message("survey.counter_login");
    try {
      const r = await api("/counters/" + counter + "/survey");
      if (r.status === 401) return message("survey.counter_login");
      if (r.status === 200 && r.body.state === "open" && r.body.survey_token) {
        return begin(r.body.survey_token, { ticket: r.body.ticket, service: r.body.service });
      }
      message("survey.counter_waiting");
    } catch {
      message("survey.offline");
    }
    setTimeout(waitAtCounter, 3000);
  }

  async function start() {
    document.getElementById("title").replaceChildren(...text("survey.title"));
    try {
      const q = await api("/survey/questions");
      questions = q.body;
      if (counter) return waitAtCounter();
      const token = params.get("token") || "";
      if (!/^[0-9a-f]{32}$/.test(token)) return message("survey.no_token");
      const v = await api("/survey/visits/" + token);
      if (v.status === 404) return message("survey.not_found");
      if (v.status !== 200) return message("survey.offline");
      if (v.body.state === "open") return begin(token, v.body);
      // A file's survey opens at the hand-over, not when a counter finishes a ticket.
      message("survey." + v.body.state + (v.body.application && v.body.state === "not_yet" ? "_file" : ""));
    } catch {
      message("survey.offline");
    }
  }
  start();
})();
