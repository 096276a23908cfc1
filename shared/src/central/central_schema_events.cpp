// The central schema's first migrations: offices and their events (1), and the one way in with
// the events folded into tables for the province's figures (2).
#include "central_migrations.hpp"

namespace loket::central {

// 1: offices and their events.
const char* const kCentralMigration1 = R"sql(
CREATE SCHEMA loket;
CREATE TABLE loket.offices (
    code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]{1,39}$'),
    name text NOT NULL,
    role_name text NOT NULL UNIQUE,
    -- The newest event held, and what it was: a shipper whose log says otherwise at that id
    -- (a database restored from an older backup) is refused rather than merged.
    last_event_id bigint NOT NULL DEFAULT 0,
    last_event_type text NOT NULL DEFAULT '',
    last_event_at_ms bigint NOT NULL DEFAULT 0,
    last_sync_at timestamptz
);
CREATE TABLE loket.events (
    office text NOT NULL REFERENCES loket.offices (code),
    id bigint NOT NULL,
    type text NOT NULL,
    at timestamptz NOT NULL,
    payload jsonb NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (office, id)
);
CREATE INDEX events_type_at ON loket.events (type, at);

-- Where this office's log stands at central: (last id, its type, its time in ms).
CREATE FUNCTION loket.office_position() RETURNS TABLE (id bigint, type text, at_ms bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = loket, pg_catalog AS $$
    SELECT last_event_id, last_event_type, last_event_at_ms FROM loket.offices
     WHERE role_name = session_user
$$;

REVOKE ALL ON FUNCTION loket.office_position() FROM PUBLIC;
REVOKE ALL ON SCHEMA loket FROM PUBLIC;
)sql";

// 2: the one way in (loket.ingest), and the events folded into tables for the province's
// figures (docs/scale.md), in the same transaction as each batch: tickets and their visits (the
// stages of docs/metrics.md), counters, applications, complaints, survey responses.
const char* const kCentralMigration2 = R"sql(
ALTER TABLE loket.events ADD COLUMN ticket_id bigint GENERATED ALWAYS AS
    (CASE WHEN type LIKE 'ticket.%' THEN (payload -> 'ticket' ->> 'id')::bigint END) STORED;
CREATE INDEX events_ticket ON loket.events (office, ticket_id, id) WHERE ticket_id IS NOT NULL;

CREATE TABLE loket.tickets (
    office text NOT NULL REFERENCES loket.offices (code),
    id bigint NOT NULL,
    local_date date NOT NULL,
    number text NOT NULL,
    origin_service text,
    service text NOT NULL,
    priority text,
    permit_id text,
    state text NOT NULL,
    issued_at timestamptz NOT NULL,
    -- Since when it waits in its present line: issue, the end of the visit that transferred
    -- it, or its reactivation (a stage's start, docs/metrics.md).
    line_since timestamptz NOT NULL,
    last_event_id bigint NOT NULL,
    PRIMARY KEY (office, id)
);
-- Days first: an index led by the office would compete with the primary key for the fold's
-- lookups of one ticket, and win them while a new office has no statistics yet.
CREATE INDEX tickets_days ON loket.tickets (local_date, office);

-- One per call of a ticket to a counter: a stage. Its start is the ticket's issue, the end of
-- the visit that transferred it, or its reactivation, whichever came last before the call.
CREATE TABLE loket.visits (
    office text NOT NULL,
    ticket_id bigint NOT NULL,
    call_event_id bigint NOT NULL,
    local_date date NOT NULL,
    service text NOT NULL,
    counter int,
    staff text,
    stage_start timestamptz NOT NULL,
    called_at timestamptz NOT NULL,
    last_call_at timestamptz NOT NULL,
    started_at timestamptz,
    ended_at timestamptz,
    outcome text,
    PRIMARY KEY (office, ticket_id, call_event_id),
    FOREIGN KEY (office, ticket_id) REFERENCES loket.tickets (office, id)
);
CREATE INDEX visits_day ON loket.visits (local_date, office);

CREATE TABLE loket.counters (
    office text NOT NULL REFERENCES loket.offices (code),
    number int NOT NULL,
    name text NOT NULL,
    state text NOT NULL,
    staff text,
    since timestamptz,
    last_event_id bigint NOT NULL,
    PRIMARY KEY (office, number)
);

CREATE TABLE loket.applications (
    office text NOT NULL REFERENCES loket.offices (code),
    id bigint NOT NULL,
    number text,
    permit_id text,
    permit_name text,
    state text NOT NULL,
    outcome text,
    clock_state text,
    registered_at timestamptz,
    due timestamptz,
    completed_at timestamptz,
    ready_at timestamptz,
    picked_up_at timestamptz,
    last_event_id bigint NOT NULL,
    PRIMARY KEY (office, id)
);
CREATE INDEX applications_registered ON loket.applications (registered_at, office);

CREATE TABLE loket.complaints (
    office text NOT NULL REFERENCES loket.offices (code),
    id bigint NOT NULL,
    category text,
    channel text,
    state text NOT NULL,
    received_on date NOT NULL,
    due_on date,
    closed_on date,
    last_event_id bigint NOT NULL,
    PRIMARY KEY (office, id)
);
CREATE INDEX complaints_received ON loket.complaints (received_on, office);

CREATE TABLE loket.survey_responses (
    office text NOT NULL REFERENCES loket.offices (code),
    event_id bigint NOT NULL,
    local_date date NOT NULL,
    service text,
    permit_id text,
    channel text,
    period text,
    PRIMARY KEY (office, event_id)
);
CREATE INDEX survey_responses_day ON loket.survey_responses (local_date, office);

-- When the ticket's present stage began, as of its event `as_of_id` (included): its issue, the
-- end of a visit that transferred it, or its reactivation, the last of these.
CREATE FUNCTION loket.line_since(office_code text, ticket bigint, as_of_id bigint)
RETURNS timestamptz LANGUAGE sql STABLE AS $$
    SELECT s.at FROM loket.events s
     WHERE s.office = office_code AND s.ticket_id = ticket AND s.id <= as_of_id
       AND (s.type IN ('ticket.issued', 'ticket.reactivated')
            OR (s.type = 'ticket.transferred'
                AND jsonb_typeof(s.payload -> 'from_counter') = 'number'))
     ORDER BY s.id DESC LIMIT 1
$$;

-- Folds the office's events (after_id, up_to_id] into the tables above. Set-based: a batch of
-- thousands costs a few statements, and a visit's later events find it in the table whichever
-- batch they come in.
-- Plans made for each call (force_custom_plan): a generic plan cannot know that a batch's id
-- range is a few thousand events and turns the lookups of visits and tickets into scans of the
-- office's whole history, slower with every batch.
CREATE FUNCTION loket.fold(office_code text, after_id bigint, up_to_id bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = loket, pg_catalog SET plan_cache_mode = force_custom_plan AS $$
DECLARE
    hit record;
BEGIN
    INSERT INTO loket.tickets AS t (office, id, local_date, number, origin_service, service,
                                    priority, permit_id, state, issued_at, line_since,
                                    last_event_id)
    SELECT DISTINCT ON (e.ticket_id) office_code, e.ticket_id,
           (e.payload -> 'ticket' ->> 'local_date')::date, e.payload -> 'ticket' ->> 'number',
           e.payload -> 'ticket' ->> 'origin_service', e.payload -> 'ticket' ->> 'service',
           e.payload -> 'ticket' ->> 'priority', e.payload -> 'ticket' ->> 'permit_id',
           e.payload -> 'ticket' ->> 'state',
           to_timestamp((e.payload -> 'ticket' ->> 'issued_at')::bigint / 1000.0),
           coalesce(loket.line_since(office_code, e.ticket_id, e.id),
                    to_timestamp((e.payload -> 'ticket' ->> 'issued_at')::bigint / 1000.0)),
           e.id
      FROM loket.events e
     WHERE e.office = office_code AND e.id > after_id AND e.id <= up_to_id
       AND e.ticket_id IS NOT NULL
       AND jsonb_typeof(e.payload -> 'ticket' -> 'issued_at') = 'number'
       AND jsonb_typeof(e.payload -> 'ticket' -> 'local_date') = 'string'
       AND jsonb_typeof(e.payload -> 'ticket' -> 'number') = 'string'
       AND jsonb_typeof(e.payload -> 'ticket' -> 'service') = 'string'
       AND jsonb_typeof(e.payload -> 'ticket' -> 'state') = 'string'
     ORDER BY e.ticket_id, e.id DESC
    ON CONFLICT (office, id) DO UPDATE
       SET service = EXCLUDED.service, priority = EXCLUDED.priority,
           permit_id = EXCLUDED.permit_id, state = EXCLUDED.state,
           line_since = EXCLUDED.line_since, last_event_id = EXCLUDED.last_event_id
     WHERE t.last_event_id < EXCLUDED.last_event_id;

    INSERT INTO loket.visits (office, ticket_id, call_event_id, local_date, service, counter,
                              staff, stage_start, called_at, last_call_at)
    SELECT office_code, e.ticket_id, e.id, (e.payload -> 'ticket' ->> 'local_date')::date,
           e.payload -> 'ticket' ->> 'service', (e.payload -> 'ticket' ->> 'counter')::int,
           e.payload -> 'staff' ->> 'name',
           coalesce(loket.line_since(office_code, e.ticket_id, e.id), e.at),
           e.at, e.at
      FROM loket.events e
     CROSS JOIN LATERAL (SELECT 1 FROM loket.tickets t
                          WHERE t.office = office_code AND t.id = e.ticket_id LIMIT 1) known
     WHERE e.office = office_code AND e.id > after_id AND e.id <= up_to_id
       AND e.type = 'ticket.called';

    -- What happened at each open visit: the events of its ticket after its call (and before
    -- the next call): recalls move its last call, the first start starts it, the first of
    -- finished/no-show/transferred/cancelled ends it. One update by primary key per visit, so
    -- no plan depends on statistics (an office's first batches have none).
    FOR hit IN
        WITH hits AS (
            SELECT v.call_event_id, e.ticket_id, e.type, e.id, e.at
              FROM loket.events e
              JOIN LATERAL (SELECT call_event_id FROM loket.visits v
                             WHERE v.office = office_code AND v.ticket_id = e.ticket_id
                               AND v.call_event_id < e.id
                             ORDER BY v.call_event_id DESC LIMIT 1) v ON true
             WHERE e.office = office_code AND e.id > after_id AND e.id <= up_to_id
               AND e.type IN ('ticket.recalled', 'ticket.started', 'ticket.finished',
                              'ticket.no_show', 'ticket.transferred', 'ticket.cancelled')
        )
        SELECT call_event_id, ticket_id,
               max(at) FILTER (WHERE type = 'ticket.recalled') AS recalled_at,
               min(at) FILTER (WHERE type = 'ticket.started') AS started_at,
               (array_agg(type ORDER BY id) FILTER (WHERE type NOT IN ('ticket.recalled',
                                                                       'ticket.started')))[1]
                   AS end_type,
               (array_agg(at ORDER BY id) FILTER (WHERE type NOT IN ('ticket.recalled',
                                                                     'ticket.started')))[1]
                   AS ended_at
          FROM hits GROUP BY call_event_id, ticket_id
    LOOP
        UPDATE loket.visits v
           SET last_call_at = greatest(v.last_call_at, coalesce(hit.recalled_at, v.last_call_at)),
               started_at = coalesce(v.started_at, hit.started_at),
               ended_at = hit.ended_at,
               outcome = CASE hit.end_type WHEN 'ticket.finished' THEN 'done'
                                           WHEN 'ticket.no_show' THEN 'no_show'
                                           WHEN 'ticket.transferred' THEN 'transferred'
                                           WHEN 'ticket.cancelled' THEN 'cancelled' END
         WHERE v.office = office_code AND v.ticket_id = hit.ticket_id
           AND v.call_event_id = hit.call_event_id AND v.ended_at IS NULL;
    END LOOP;

    INSERT INTO loket.counters AS c (office, number, name, state, staff, since, last_event_id)
    SELECT DISTINCT ON ((e.payload -> 'counter' ->> 'number')::int) office_code,
           (e.payload -> 'counter' ->> 'number')::int, e.payload -> 'counter' ->> 'name',
           e.payload -> 'counter' ->> 'state', nullif(e.payload -> 'counter' ->> 'staff', ''),
           to_timestamp((e.payload -> 'counter' ->> 'since')::bigint / 1000.0), e.id
      FROM loket.events e
     WHERE e.office = office_code AND e.id > after_id AND e.id <= up_to_id
       AND e.type LIKE 'counter.%' AND jsonb_typeof(e.payload -> 'counter') = 'object'
     ORDER BY (e.payload -> 'counter' ->> 'number')::int, e.id DESC
    ON CONFLICT (office, number) DO UPDATE
       SET name = EXCLUDED.name, state = EXCLUDED.state, staff = EXCLUDED.staff,
           since = EXCLUDED.since, last_event_id = EXCLUDED.last_event_id
     WHERE c.last_event_id < EXCLUDED.last_event_id;

    INSERT INTO loket.applications AS a (office, id, number, permit_id, permit_name, state,
        outcome, clock_state, registered_at, due, completed_at, ready_at, picked_up_at,
        last_event_id)
    SELECT DISTINCT ON ((e.payload -> 'application' ->> 'id')::bigint) office_code,
           (e.payload -> 'application' ->> 'id')::bigint, e.payload -> 'application' ->> 'number',
           e.payload -> 'application' -> 'permit' ->> 'id',
           e.payload -> 'application' -> 'permit' ->> 'name',
           e.payload -> 'application' ->> 'state', e.payload -> 'application' ->> 'outcome',
           e.payload -> 'application' -> 'clock' ->> 'state',
           to_timestamp((e.payload -> 'application' ->> 'registered_at')::bigint / 1000.0),
           to_timestamp((e.payload -> 'application' -> 'clock' ->> 'due')::bigint / 1000.0),
           to_timestamp((e.payload -> 'application' ->> 'completed_at')::bigint / 1000.0),
           to_timestamp((e.payload -> 'application' ->> 'ready_at')::bigint / 1000.0),
           to_timestamp((e.payload -> 'application' ->> 'picked_up_at')::bigint / 1000.0), e.id
      FROM loket.events e
     WHERE e.office = office_code AND e.id > after_id AND e.id <= up_to_id
       AND e.type LIKE 'application.%'
       AND jsonb_typeof(e.payload -> 'application' -> 'id') = 'number'
     ORDER BY (e.payload -> 'application' ->> 'id')::bigint, e.id DESC
    ON CONFLICT (office, id) DO UPDATE
       SET state = EXCLUDED.state, outcome = EXCLUDED.outcome,
           clock_state = EXCLUDED.clock_state, due = EXCLUDED.due,
           completed_at = EXCLUDED.completed_at, ready_at = EXCLUDED.ready_at,
           picked_up_at = EXCLUDED.picked_up_at, last_event_id = EXCLUDED.last_event_id
     WHERE a.last_event_id < EXCLUDED.last_event_id;

    INSERT INTO loket.complaints AS c (office, id, category, channel, state, received_on,
                                       due_on, closed_on, last_event_id)
    SELECT DISTINCT ON ((e.payload -> 'complaint' ->> 'id')::bigint) office_code,
           (e.payload -> 'complaint' ->> 'id')::bigint,
           e.payload -> 'complaint' -> 'category' ->> 'id',
           e.payload -> 'complaint' ->> 'channel', e.payload -> 'complaint' ->> 'state',
           (e.payload -> 'complaint' ->> 'received_on')::date,
           (e.payload -> 'complaint' ->> 'due_on')::date,
           (e.payload -> 'complaint' ->> 'closed_on')::date, e.id
      FROM loket.events e
     WHERE e.office = office_code AND e.id > after_id AND e.id <= up_to_id
       AND e.type LIKE 'complaint.%'
       AND jsonb_typeof(e.payload -> 'complaint' -> 'id') = 'number'
     ORDER BY (e.payload -> 'complaint' ->> 'id')::bigint, e.id DESC
    ON CONFLICT (office, id) DO UPDATE
       SET state = EXCLUDED.state, due_on = EXCLUDED.due_on, closed_on = EXCLUDED.closed_on,
           last_event_id = EXCLUDED.last_event_id
     WHERE c.last_event_id < EXCLUDED.last_event_id;

    INSERT INTO loket.survey_responses (office, event_id, local_date, service, permit_id,
                                        channel, period)
    SELECT office_code, e.id, (e.payload ->> 'local_date')::date,
           e.payload -> 'service' ->> 'id', e.payload ->> 'permit_id', e.payload ->> 'channel',
           e.payload ->> 'period'
      FROM loket.events e
     WHERE e.office = office_code AND e.id > after_id AND e.id <= up_to_id
       AND e.type = 'survey.responded';
END
$$;
REVOKE ALL ON FUNCTION loket.fold(text, bigint, bigint) FROM PUBLIC;

-- What the office says of itself (its settings: name, time zone, services and their target
-- waits, counters), sent by its shipper on each connection and after each change.
ALTER TABLE loket.offices ADD COLUMN profile jsonb NOT NULL DEFAULT '{}';
ALTER TABLE loket.offices ADD COLUMN time_zone text NOT NULL DEFAULT 'Asia/Jakarta';
CREATE FUNCTION loket.describe_office(description jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = loket, pg_catalog AS $$
BEGIN
    IF jsonb_typeof(description) IS DISTINCT FROM 'object' THEN
        RAISE EXCEPTION 'an office description is a JSON object' USING ERRCODE = '22023';
    END IF;
    UPDATE loket.offices
       SET profile = description,
           time_zone = CASE description -> 'office' ->> 'time_zone'
                           WHEN 'WITA' THEN 'Asia/Makassar' WHEN 'WIT' THEN 'Asia/Jayapura'
                           ELSE 'Asia/Jakarta' END
     WHERE role_name = session_user;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'role % ships for no office', session_user USING ERRCODE = '42501';
    END IF;
END
$$;
REVOKE ALL ON FUNCTION loket.describe_office(jsonb) FROM PUBLIC;

-- Each office's target wait per service, from its description (30 minutes when unknown,
-- the default of docs/metrics.md).
CREATE VIEW loket.service_targets AS
SELECT o.code AS office, s ->> 'id' AS service,
       coalesce((s ->> 'target_wait_minutes')::double precision, 30) AS target_minutes
  FROM loket.offices o
 CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(o.profile -> 'services') = 'array'
                                              THEN o.profile -> 'services' ELSE '[]' END) s;

-- The queue figures of docs/metrics.md per office over office-local issue days: stages are
-- visits; percentiles nearest rank (percentile_disc); minutes.
CREATE FUNCTION loket.queue_figures(from_date date, to_date date, only_office text DEFAULT NULL)
RETURNS TABLE (office text, issued bigint, called bigint, served bigint, no_show bigint,
               transferred bigint, within_target bigint, wait_mean double precision,
               wait_median double precision, wait_p90 double precision,
               wait_max double precision, service_mean double precision,
               service_median double precision, service_p90 double precision)
LANGUAGE sql STABLE AS $$
WITH stages AS (
    SELECT v.office, v.outcome,
           extract(epoch FROM v.called_at - v.stage_start)::double precision / 60 AS wait,
           CASE WHEN v.outcome = 'done'
                THEN extract(epoch FROM v.ended_at - coalesce(v.started_at, v.ended_at))::double precision / 60
           END AS service,
           coalesce(t.target_minutes, 30) AS target
      FROM loket.visits v
      LEFT JOIN loket.service_targets t ON t.office = v.office AND t.service = v.service
     WHERE v.local_date BETWEEN from_date AND to_date
       AND (only_office IS NULL OR v.office = only_office)
), per_office AS (
    SELECT s.office, count(*) AS called,
           count(*) FILTER (WHERE s.outcome = 'done') AS served,
           count(*) FILTER (WHERE s.outcome = 'no_show') AS no_show,
           count(*) FILTER (WHERE s.outcome = 'transferred') AS transferred,
           count(*) FILTER (WHERE s.outcome = 'done' AND s.wait <= s.target) AS within_target,
           avg(s.wait) AS wait_mean,
           -- One sort per column for both percentiles.
           percentile_disc(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY s.wait) AS wait_p,
           max(s.wait) AS wait_max, avg(s.service) AS service_mean,
           percentile_disc(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY s.service) AS service_p
      FROM stages s GROUP BY s.office
), issued AS (
    SELECT t.office, count(*) AS issued FROM loket.tickets t
     WHERE t.local_date BETWEEN from_date AND to_date
       AND (only_office IS NULL OR t.office = only_office)
     GROUP BY t.office
)
SELECT o.code, coalesce(i.issued, 0), coalesce(p.called, 0), coalesce(p.served, 0),
       coalesce(p.no_show, 0), coalesce(p.transferred, 0), coalesce(p.within_target, 0),
       p.wait_mean, p.wait_p[1], p.wait_p[2], p.wait_max, p.service_mean, p.service_p[1],
       p.service_p[2]
  FROM loket.offices o
  LEFT JOIN issued i ON i.office = o.code
  LEFT JOIN per_office p ON p.office = o.code
 WHERE only_office IS NULL OR o.code = only_office
 ORDER BY o.code
$$;

-- Applications, complaints and survey responses per office over office-local days.
CREATE FUNCTION loket.service_figures(from_date date, to_date date, only_office text DEFAULT NULL)
RETURNS TABLE (office text, registered bigint, finished bigint,
               finished_within_standard bigint, applications_overdue_now bigint,
               complaints_received bigint, complaints_closed bigint,
               complaints_closed_in_time bigint, complaints_overdue_now bigint,
               survey_responses bigint)
LANGUAGE sql STABLE AS $$
WITH o AS (
    SELECT code, time_zone, (from_date::timestamp AT TIME ZONE time_zone) AS starts,
           ((to_date + 1)::timestamp AT TIME ZONE time_zone) AS ends,
           (now() AT TIME ZONE time_zone)::date AS today
      FROM loket.offices WHERE only_office IS NULL OR code = only_office
)
SELECT o.code,
       (SELECT count(*) FROM loket.applications a
         WHERE a.office = o.code AND a.registered_at >= o.starts AND a.registered_at < o.ends),
       (SELECT count(*) FROM loket.applications a
         WHERE a.office = o.code AND a.completed_at >= o.starts AND a.completed_at < o.ends),
       (SELECT count(*) FROM loket.applications a
         WHERE a.office = o.code AND a.completed_at >= o.starts AND a.completed_at < o.ends
           AND (a.due IS NULL OR a.completed_at <= a.due)),
       (SELECT count(*) FROM loket.applications a
         WHERE a.office = o.code AND a.state = 'in_process' AND a.due < now()),
       (SELECT count(*) FROM loket.complaints c
         WHERE c.office = o.code AND c.received_on BETWEEN from_date AND to_date),
       (SELECT count(*) FROM loket.complaints c
         WHERE c.office = o.code AND c.closed_on BETWEEN from_date AND to_date),
       (SELECT count(*) FROM loket.complaints c
         WHERE c.office = o.code AND c.closed_on BETWEEN from_date AND to_date
           AND c.closed_on <= c.due_on),
       (SELECT count(*) FROM loket.complaints c
         WHERE c.office = o.code AND c.closed_on IS NULL AND c.due_on < o.today),
       (SELECT count(*) FROM loket.survey_responses r
         WHERE r.office = o.code AND r.local_date BETWEEN from_date AND to_date)
  FROM o ORDER BY o.code
$$;

-- Every office now: its local day, who waits and since when, counters, the link.
CREATE FUNCTION loket.offices_today()
RETURNS TABLE (office text, name text, local_date date, waiting bigint,
               longest_wait_minutes double precision, counters_open bigint,
               counters_paused bigint, issued bigint, served bigint,
               last_event_at timestamptz, last_sync_at timestamptz)
LANGUAGE sql STABLE AS $$
WITH o AS (
    SELECT code, name, time_zone, (now() AT TIME ZONE time_zone)::date AS today,
           ((now() AT TIME ZONE time_zone)::date::timestamp AT TIME ZONE time_zone) AS midnight,
           last_event_at_ms, last_sync_at
      FROM loket.offices
)
SELECT o.code, o.name, o.today,
       (SELECT count(*) FROM loket.tickets t
         WHERE t.office = o.code AND t.local_date = o.today AND t.state = 'waiting'),
       (SELECT extract(epoch FROM now() - min(t.line_since))::double precision / 60
          FROM loket.tickets t
         WHERE t.office = o.code AND t.local_date = o.today AND t.state = 'waiting'),
       (SELECT count(*) FROM loket.counters c
         WHERE c.office = o.code AND c.state = 'open' AND c.since >= o.midnight),
       (SELECT count(*) FROM loket.counters c
         WHERE c.office = o.code AND c.state = 'paused' AND c.since >= o.midnight),
       (SELECT count(*) FROM loket.tickets t WHERE t.office = o.code AND t.local_date = o.today),
       (SELECT count(*) FROM loket.visits v
         WHERE v.office = o.code AND v.local_date = o.today AND v.outcome = 'done'),
       CASE WHEN o.last_event_at_ms > 0 THEN to_timestamp(o.last_event_at_ms / 1000.0) END,
       o.last_sync_at
  FROM o ORDER BY o.code
$$;

-- A batch of the calling office's events, [{id, type, at_ms, payload}] in id order. Events
-- central holds already (id <= the last held) are skipped: a batch sent twice lands once.
CREATE FUNCTION loket.ingest(batch jsonb) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = loket, pg_catalog AS $$
DECLARE
    office_code text;
    held bigint;
    out_of_order bigint;
    newest record;
BEGIN
    SELECT code, last_event_id INTO office_code, held FROM loket.offices
     WHERE role_name = session_user FOR UPDATE;
    IF office_code IS NULL THEN
        RAISE EXCEPTION 'role % ships for no office', session_user USING ERRCODE = '42501';
    END IF;
    IF jsonb_typeof(batch) <> 'array' THEN
        RAISE EXCEPTION 'a batch is a JSON array' USING ERRCODE = '22023';
    END IF;
    IF EXISTS (SELECT 1 FROM jsonb_array_elements(batch) AS x(e)
                WHERE jsonb_typeof(x.e -> 'id') IS DISTINCT FROM 'number'
                   OR jsonb_typeof(x.e -> 'type') IS DISTINCT FROM 'string'
                   OR jsonb_typeof(x.e -> 'at_ms') IS DISTINCT FROM 'number'
                   OR jsonb_typeof(x.e -> 'payload') IS DISTINCT FROM 'object') THEN
        RAISE EXCEPTION 'every event of a batch has a numeric id and at_ms, a type and an '
                        'object payload' USING ERRCODE = '22023';
    END IF;
    SELECT count(*) INTO out_of_order FROM (
        SELECT (x.e ->> 'id')::bigint AS id, lag((x.e ->> 'id')::bigint) OVER (ORDER BY x.n) AS before
          FROM jsonb_array_elements(batch) WITH ORDINALITY AS x(e, n)
    ) ordered WHERE ordered.id IS NULL OR ordered.id <= ordered.before;
    IF out_of_order > 0 THEN
        RAISE EXCEPTION 'a batch holds ids in increasing order' USING ERRCODE = '22023';
    END IF;
    INSERT INTO loket.events (office, id, type, at, payload)
    SELECT office_code, e.id, e.type, to_timestamp(e.at_ms / 1000.0), e.payload
      FROM jsonb_to_recordset(batch) AS e(id bigint, type text, at_ms bigint, payload jsonb)
     WHERE e.id > held
     ORDER BY e.id;
    SELECT e.id, e.type, e.at_ms INTO newest
      FROM jsonb_to_recordset(batch) AS e(id bigint, type text, at_ms bigint)
     WHERE e.id > held ORDER BY e.id DESC LIMIT 1;
    IF newest.id IS NOT NULL THEN
        PERFORM loket.fold(office_code, held, newest.id);
        UPDATE loket.offices SET last_event_id = newest.id, last_event_type = newest.type,
                                 last_event_at_ms = newest.at_ms, last_sync_at = now()
         WHERE code = office_code;
        RETURN newest.id;
    END IF;
    UPDATE loket.offices SET last_sync_at = now() WHERE code = office_code;
    RETURN held;
END
$$;
REVOKE ALL ON FUNCTION loket.ingest(jsonb) FROM PUBLIC;
)sql";

}  // namespace loket::central
