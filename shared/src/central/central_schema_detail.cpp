// The central schema's migrations for the figures of docs/metrics.md that the first versions
// did not fold: the applications' incomplete visits and completions (6), one office's hours
// and its stages left waiting at close (7); the start of a stage finished without Start (8); and
// the reason of each pause as a code (9).
#include "central_migrations.hpp"

namespace loket::central {

// 6: files found incomplete at the counter ('berkas belum lengkap'), folded from the
// application.incomplete events (no personal data: the permit and the instant), and what the
// applications' median working days read.
const char* const kCentralMigration6 = R"sql(
CREATE TABLE loket.incomplete_visits (
    office text NOT NULL REFERENCES loket.offices (code),
    id bigint NOT NULL,
    permit_id text,
    at timestamptz NOT NULL,
    PRIMARY KEY (office, id)
);
CREATE INDEX incomplete_visits_at ON loket.incomplete_visits (at, office);
CREATE INDEX applications_completed ON loket.applications (completed_at, office);

-- The office's incomplete visits among its events (after_id, up_to_id]: the visit's own id and
-- instant, as the office counts them (docs/metrics.md "Applications").
CREATE FUNCTION loket.fold_incomplete_visits(office_code text, after_id bigint, up_to_id bigint)
RETURNS void LANGUAGE sql AS $$
INSERT INTO loket.incomplete_visits (office, id, permit_id, at)
SELECT office_code, (e.payload -> 'visit' ->> 'id')::bigint,
       e.payload -> 'visit' -> 'permit' ->> 'id',
       to_timestamp((e.payload -> 'visit' ->> 'at')::bigint / 1000.0)
  FROM loket.events e
 WHERE e.office = office_code AND e.id > after_id AND e.id <= up_to_id
   AND e.type = 'application.incomplete'
   AND jsonb_typeof(e.payload -> 'visit' -> 'id') = 'number'
   AND jsonb_typeof(e.payload -> 'visit' -> 'at') = 'number'
ON CONFLICT (office, id) DO NOTHING;
$$;
REVOKE ALL ON FUNCTION loket.fold_incomplete_visits(text, bigint, bigint) FROM PUBLIC;

-- Fired by ingest moving the office's position, in the batch's transaction, as the kept days
-- are (migration 4): neither ingest nor fold changes.
CREATE FUNCTION loket.fold_incomplete_visits_of_batch() RETURNS trigger
LANGUAGE plpgsql SET search_path = loket, pg_catalog SET plan_cache_mode = force_custom_plan AS $$
BEGIN
    PERFORM loket.fold_incomplete_visits(NEW.code, OLD.last_event_id, NEW.last_event_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER offices_fold_incomplete_visits AFTER UPDATE OF last_event_id ON loket.offices
    FOR EACH ROW WHEN (NEW.last_event_id > OLD.last_event_id)
    EXECUTE FUNCTION loket.fold_incomplete_visits_of_batch();

-- The events held before this version.
DO $$
BEGIN
    PERFORM loket.fold_incomplete_visits(o.code, 0, o.last_event_id) FROM loket.offices o;
END
$$;

-- Per office over office-local days: the incomplete visits, and the files completed in the
-- range with their registration and completion (ms), for the median working days the
-- dashboard counts with the office's own calendar (its profile), as the office does.
CREATE FUNCTION loket.application_figures(from_date date, to_date date,
                                          only_office text DEFAULT NULL)
RETURNS TABLE (office text, profile jsonb, incomplete_visits bigint, registered_ms bigint[],
               completed_ms bigint[])
LANGUAGE sql STABLE AS $$
WITH o AS (
    SELECT code, profile, (from_date::timestamp AT TIME ZONE time_zone) AS starts,
           ((to_date + 1)::timestamp AT TIME ZONE time_zone) AS ends
      FROM loket.offices WHERE only_office IS NULL OR code = only_office
)
SELECT o.code, o.profile,
       (SELECT count(*) FROM loket.incomplete_visits v
         WHERE v.office = o.code AND v.at >= o.starts AND v.at < o.ends),
       coalesce(f.registered_ms, '{}'), coalesce(f.completed_ms, '{}')
  FROM o
  LEFT JOIN LATERAL (
      SELECT array_agg(round(extract(epoch FROM a.registered_at) * 1000)::bigint
                       ORDER BY a.id) AS registered_ms,
             array_agg(round(extract(epoch FROM a.completed_at) * 1000)::bigint
                       ORDER BY a.id) AS completed_ms
        FROM loket.applications a
       WHERE a.office = o.code AND a.completed_at >= o.starts AND a.completed_at < o.ends
         AND a.registered_at IS NOT NULL) f ON true
 ORDER BY o.code
$$;
)sql";

// 7: one office's arrivals and waits by weekday and hour, and its stages left waiting when
// their day ended (docs/metrics.md "Per day and per hour", "unserved_at_close").
const char* const kCentralMigration7 = R"sql(
-- Office-local ISO weekday (1 Monday) and hour: tickets by the hour of their issue (arrivals),
-- called stages by the hour their stage began (how many, and the sum of their waits in
-- minutes), of the tickets issued on the days from..to.
CREATE FUNCTION loket.office_hours(only_office text, from_date date, to_date date)
RETURNS TABLE (weekday int, hour int, arrivals bigint, waits bigint,
               wait_sum double precision)
LANGUAGE sql STABLE AS $$
WITH o AS (
    SELECT time_zone FROM loket.offices WHERE code = only_office
), arrivals AS (
    SELECT extract(isodow FROM t.issued_at AT TIME ZONE o.time_zone)::int AS weekday,
           extract(hour FROM t.issued_at AT TIME ZONE o.time_zone)::int AS hour,
           count(*) AS arrivals
      FROM loket.tickets t CROSS JOIN o
     WHERE t.office = only_office AND t.local_date BETWEEN from_date AND to_date
     GROUP BY 1, 2
), waits AS (
    SELECT extract(isodow FROM v.stage_start AT TIME ZONE o.time_zone)::int AS weekday,
           extract(hour FROM v.stage_start AT TIME ZONE o.time_zone)::int AS hour,
           count(*) AS waits,
           sum(extract(epoch FROM v.called_at - v.stage_start)::double precision / 60)
               AS wait_sum
      FROM loket.visits v CROSS JOIN o
     WHERE v.office = only_office AND v.local_date BETWEEN from_date AND to_date
     GROUP BY 1, 2
)
SELECT weekday, hour, coalesce(a.arrivals, 0), coalesce(w.waits, 0), coalesce(w.wait_sum, 0)
  FROM arrivals a FULL JOIN waits w USING (weekday, hour)
 ORDER BY weekday, hour
$$;

-- Tickets of the days from..to still waiting when their day ended: their last stage was never
-- called (today's waiting tickets are not counted yet).
CREATE FUNCTION loket.unserved_at_close(only_office text, from_date date, to_date date)
RETURNS bigint LANGUAGE sql STABLE AS $$
SELECT count(*) FROM loket.tickets t
  JOIN loket.offices o ON o.code = t.office
 WHERE t.office = only_office AND t.local_date BETWEEN from_date AND to_date
   AND t.local_date < (now() AT TIME ZONE o.time_zone)::date AND t.state = 'waiting'
$$;
)sql";

// 8: a stage finished without Start began its service at its call, as the office records it
// (QueueStore::finish: the ticket's started_at is its call, so no service counts as zero);
// central took the finish as the start. Filled from the finished event's ticket, before the
// batch's days are kept again, and for the events held before this version.
const char* const kCentralMigration8 = R"sql(
-- The office's visits finished without Start among its events (after_id, up_to_id], given
-- their start; the days they are of.
CREATE FUNCTION loket.fill_implicit_starts(office_code text, after_id bigint, up_to_id bigint)
RETURNS date[] LANGUAGE sql AS $$
WITH filled AS (
    UPDATE loket.visits v
       SET started_at = to_timestamp((e.payload -> 'ticket' ->> 'started_at')::bigint / 1000.0)
      FROM loket.events e
     WHERE e.office = office_code AND e.id > after_id AND e.id <= up_to_id
       AND e.type = 'ticket.finished'
       AND jsonb_typeof(e.payload -> 'ticket' -> 'started_at') = 'number'
       AND v.office = office_code AND v.ticket_id = e.ticket_id AND v.outcome = 'done'
       AND v.started_at IS NULL AND v.ended_at = e.at
    RETURNING v.local_date
)
SELECT coalesce(array_agg(DISTINCT local_date), '{}') FROM filled
$$;
REVOKE ALL ON FUNCTION loket.fill_implicit_starts(text, bigint, bigint) FROM PUBLIC;

-- Fired by ingest moving the office's position; named to fire before offices_keep_days
-- (triggers fire in the order of their names), which keeps the batch's days.
CREATE FUNCTION loket.fill_implicit_starts_of_batch() RETURNS trigger
LANGUAGE plpgsql SET search_path = loket, pg_catalog SET plan_cache_mode = force_custom_plan AS $$
BEGIN
    PERFORM loket.fill_implicit_starts(NEW.code, OLD.last_event_id, NEW.last_event_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER offices_fill_implicit_starts AFTER UPDATE OF last_event_id ON loket.offices
    FOR EACH ROW WHEN (NEW.last_event_id > OLD.last_event_id)
    EXECUTE FUNCTION loket.fill_implicit_starts_of_batch();

-- The events held before this version, and the days they change kept again.
DO $$
BEGIN
    PERFORM loket.keep_days(o.code, loket.fill_implicit_starts(o.code, 0, o.last_event_id))
       FROM loket.offices o;
END
$$;
)sql";

// 9: a pause's reason as a code (shared/include/domain/loket/pause_reason.hpp), which offices
// ship beside the counter since the codes; their free text never arrives. A pause shipped
// before has neither, and counts as 'other'. Each counter's folded row keeps the code of its
// last event, and the staff figures read each pause's through the same function.
const char* const kCentralMigration9 = R"sql(
CREATE FUNCTION loket.pause_code(counter jsonb) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
SELECT CASE WHEN counter ->> 'state' <> 'paused' THEN NULL
            WHEN counter ->> 'pause_reason_code' IN ('break', 'prayer', 'lunch', 'meeting', 'other')
                THEN counter ->> 'pause_reason_code'
            ELSE 'other' END
$$;

ALTER TABLE loket.counters ADD COLUMN pause_reason_code text;

CREATE FUNCTION loket.counter_pause_code() RETURNS trigger
LANGUAGE plpgsql SET search_path = loket, pg_catalog AS $$
BEGIN
    NEW.pause_reason_code := (SELECT loket.pause_code(e.payload -> 'counter') FROM loket.events e
                               WHERE e.office = NEW.office AND e.id = NEW.last_event_id);
    RETURN NEW;
END
$$;
CREATE TRIGGER counters_pause_code BEFORE INSERT OR UPDATE OF last_event_id ON loket.counters
    FOR EACH ROW EXECUTE FUNCTION loket.counter_pause_code();

UPDATE loket.counters SET last_event_id = last_event_id;
)sql";

}  // namespace loket::central
