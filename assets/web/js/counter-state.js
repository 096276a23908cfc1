// The counter console's state, shared by counter.js and the pickup panel (counter-pickup.js).
"use strict";

export const COUNTER_KEY = "loket.counter";

export const state = {
  user: null,
  services: new Map(), // id -> {id, name, name_en, prefix}
  permits: new Map(), // id -> name
  counters: [], // for the chooser
  number: Number(sessionStorage.getItem(COUNTER_KEY)) || null,
  counter: null, // GET /counters/{n}
  waiting: [], // GET /counters/{n}/waiting tickets
  waitingFetchedAt: 0,
  stats: null,
  busy: false, // a request from a button is in flight
  actions: 0, // counts finished button requests, so an older read never overwrites a newer reply
  loaded: false,
  pickup: null, // {ticketId, application (details), done} for the pickup ticket being served
};
