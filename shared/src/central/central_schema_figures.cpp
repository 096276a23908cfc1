// The central schema's later migrations: the dashboard's accounts and figures per day (3), days
// per service (4) and the survey's index per office (5).
#include "central_migrations.hpp"

namespace loket::central {

// 3: the province's own accounts for the dashboard, and each office's figures per day.
const char* const kCentralMigration3 = R"sql(
CREATE TABLE loket.province_users (
    name text PRIMARY KEY CHECK (name ~ '^[a-z0-9._-]{2,32}$'),
    role text NOT NULL CHECK (role IN ('viewer', 'admin')),
    password_hash text NOT NULL,
    disabled boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE loket.province_sessions (
    token_hash text PRIMARY KEY,
    user_name text NOT NULL REFERENCES loket.province_users (name),
    expires_at timestamptz NOT NULL
);

-- One office's days: issued, served, no-shows, mean wait of called stages, served within
-- their service's target (docs/metrics.md "Per day and per hour").
CREATE FUNCTION loket.office_days(only_office text, from_date date, to_date date)
RETURNS TABLE (local_date date, issued bigint, called bigint, served bigint, no_show bigint,
               wait_mean double precision, within_target bigint)
LANGUAGE sql STABLE AS $$
WITH days AS (
    SELECT d::date AS local_date FROM generate_series(from_date, to_date, interval '1 day') d
), t AS (
    SELECT t.local_date, count(*) AS n FROM loket.tickets t
     WHERE t.office = only_office AND t.local_date BETWEEN from_date AND to_date
     GROUP BY t.local_date
), v AS (
    SELECT v.local_date, count(*) AS called,
           count(*) FILTER (WHERE v.outcome = 'done') AS served,
           count(*) FILTER (WHERE v.outcome = 'no_show') AS no_show,
           avg(extract(epoch FROM v.called_at - v.stage_start)::double precision / 60) AS wait_mean,
           count(*) FILTER (WHERE v.outcome = 'done' AND
                            extract(epoch FROM v.called_at - v.stage_start)::double precision / 60
                                <= coalesce(st.target_minutes, 30)) AS within_target
      FROM loket.visits v
      LEFT JOIN loket.service_targets st ON st.office = v.office AND st.service = v.service
     WHERE v.office = only_office AND v.local_date BETWEEN from_date AND to_date
     GROUP BY v.local_date
)
SELECT days.local_date, coalesce(t.n, 0), coalesce(v.called, 0), coalesce(v.served, 0),
       coalesce(v.no_show, 0), v.wait_mean, coalesce(v.within_target, 0)
  FROM days LEFT JOIN t USING (local_date) LEFT JOIN v USING (local_date)
 ORDER BY days.local_date
$$;
)sql";

// 4: each office's days kept per service, so figures over many days read a row per office,
// day and service instead of every stage (docs/scale.md "Central").
const char* const kCentralMigration4 = R"sql(
-- An office's day per service: its stages counted, and their waits and service times sorted
-- (minutes, docs/metrics.md). Rewritten for every day a batch touches, in the batch's
-- transaction, so it always agrees with the visits: today's row changes with each batch, and a
-- day shipped late (an office that was offline) is kept again when its events arrive.
CREATE TABLE loket.kept_days (
    office text NOT NULL REFERENCES loket.offices (code),
    local_date date NOT NULL,
    service text NOT NULL,
    -- The day's tickets now in this service (a transfer moves a ticket to another).
    issued bigint NOT NULL,
    called bigint NOT NULL,
    served bigint NOT NULL,
    no_show bigint NOT NULL,
    transferred bigint NOT NULL,
    wait_sum double precision NOT NULL,
    wait_max double precision,
    service_sum double precision NOT NULL,
    -- Every stage's wait; the served stages' waits (whether within target is decided when
    -- read, against the office's present targets); the served stages' service times.
    waits double precision[] NOT NULL,
    served_waits double precision[] NOT NULL,
    service_times double precision[] NOT NULL,
    PRIMARY KEY (local_date, office, service)
);

CREATE FUNCTION loket.keep_days(office_code text, days date[]) RETURNS void
LANGUAGE sql AS $$
DELETE FROM loket.kept_days WHERE office = office_code AND local_date = ANY (days);
INSERT INTO loket.kept_days
WITH stages AS (
    SELECT v.local_date, v.service, v.outcome,
           extract(epoch FROM v.called_at - v.stage_start)::double precision / 60 AS wait,
           CASE WHEN v.outcome = 'done'
                THEN extract(epoch FROM v.ended_at - coalesce(v.started_at, v.ended_at))::double precision / 60
           END AS service_time
      FROM loket.visits v
     WHERE v.office = office_code AND v.local_date = ANY (days)
), per_service AS (
    SELECT s.local_date, s.service, count(*) AS called,
           count(*) FILTER (WHERE s.outcome = 'done') AS served,
           count(*) FILTER (WHERE s.outcome = 'no_show') AS no_show,
           count(*) FILTER (WHERE s.outcome = 'transferred') AS transferred,
           sum(s.wait) AS wait_sum, max(s.wait) AS wait_max,
           coalesce(sum(s.service_time), 0) AS service_sum,
           array_agg(s.wait ORDER BY s.wait) AS waits,
           coalesce(array_agg(s.wait ORDER BY s.wait) FILTER (WHERE s.outcome = 'done'), '{}')
               AS served_waits,
           coalesce(array_agg(s.service_time ORDER BY s.service_time)
                        FILTER (WHERE s.outcome = 'done'), '{}') AS service_times
      FROM stages s GROUP BY s.local_date, s.service
), issued AS (
    SELECT t.local_date, t.service, count(*) AS issued FROM loket.tickets t
     WHERE t.office = office_code AND t.local_date = ANY (days)
     GROUP BY t.local_date, t.service
)
SELECT office_code, local_date, service, coalesce(i.issued, 0), coalesce(p.called, 0),
       coalesce(p.served, 0), coalesce(p.no_show, 0), coalesce(p.transferred, 0),
       coalesce(p.wait_sum, 0), p.wait_max, coalesce(p.service_sum, 0), coalesce(p.waits, '{}'),
       coalesce(p.served_waits, '{}'), coalesce(p.service_times, '{}')
  FROM per_service p FULL JOIN issued i USING (local_date, service);
$$;
REVOKE ALL ON FUNCTION loket.keep_days(text, date[]) FROM PUBLIC;

-- The days of the batch just folded, kept again: fired by ingest moving the office's position
-- (after its fold, in its transaction), so neither ingest nor fold changes.
CREATE FUNCTION loket.keep_days_of_batch() RETURNS trigger
LANGUAGE plpgsql SET search_path = loket, pg_catalog SET plan_cache_mode = force_custom_plan AS $$
BEGIN
    PERFORM loket.keep_days(NEW.code, ARRAY(
        SELECT DISTINCT (e.payload -> 'ticket' ->> 'local_date')::date FROM loket.events e
         WHERE e.office = NEW.code AND e.id > OLD.last_event_id AND e.id <= NEW.last_event_id
           AND e.ticket_id IS NOT NULL
           AND jsonb_typeof(e.payload -> 'ticket' -> 'local_date') = 'string'));
    RETURN NULL;
END
$$;
CREATE TRIGGER offices_keep_days AFTER UPDATE OF last_event_id ON loket.offices
    FOR EACH ROW WHEN (NEW.last_event_id > OLD.last_event_id)
    EXECUTE FUNCTION loket.keep_days_of_batch();

-- The days held before this version.
DO $$
BEGIN
    PERFORM loket.keep_days(o.code, ARRAY(SELECT DISTINCT t.local_date FROM loket.tickets t
                                           WHERE t.office = o.code))
       FROM loket.offices o;
END
$$;

-- The queue figures (the same columns as before) from the kept days.
CREATE OR REPLACE FUNCTION loket.queue_figures(from_date date, to_date date,
                                               only_office text DEFAULT NULL)
RETURNS TABLE (office text, issued bigint, called bigint, served bigint, no_show bigint,
               transferred bigint, within_target bigint, wait_mean double precision,
               wait_median double precision, wait_p90 double precision,
               wait_max double precision, service_mean double precision,
               service_median double precision, service_p90 double precision)
LANGUAGE sql STABLE AS $$
WITH k AS (
    SELECT k.*, coalesce(t.target_minutes, 30) AS target
      FROM loket.kept_days k
      LEFT JOIN loket.service_targets t ON t.office = k.office AND t.service = k.service
     WHERE k.local_date BETWEEN from_date AND to_date
       AND (only_office IS NULL OR k.office = only_office)
), per_office AS (
    SELECT k.office, sum(k.issued)::bigint AS issued, sum(k.called)::bigint AS called,
           sum(k.served)::bigint AS served, sum(k.no_show)::bigint AS no_show,
           sum(k.transferred)::bigint AS transferred,
           sum((SELECT count(*) FROM unnest(k.served_waits) w WHERE w <= k.target))::bigint
               AS within_target,
           sum(k.wait_sum) / nullif(sum(k.called), 0) AS wait_mean, max(k.wait_max) AS wait_max,
           sum(k.service_sum) / nullif(sum(k.served), 0) AS service_mean
      FROM k GROUP BY k.office
), waits AS (
    SELECT k.office, percentile_disc(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY w) AS p
      FROM k CROSS JOIN LATERAL unnest(k.waits) w GROUP BY k.office
), service_times AS (
    SELECT k.office, percentile_disc(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY s) AS p
      FROM k CROSS JOIN LATERAL unnest(k.service_times) s GROUP BY k.office
)
SELECT o.code, coalesce(p.issued, 0), coalesce(p.called, 0), coalesce(p.served, 0),
       coalesce(p.no_show, 0), coalesce(p.transferred, 0), coalesce(p.within_target, 0),
       p.wait_mean, w.p[1], w.p[2], p.wait_max, p.service_mean, s.p[1], s.p[2]
  FROM loket.offices o
  LEFT JOIN per_office p ON p.office = o.code
  LEFT JOIN waits w ON w.office = o.code
  LEFT JOIN service_times s ON s.office = o.code
 WHERE only_office IS NULL OR o.code = only_office
 ORDER BY o.code
$$;

-- One office's days from the kept days (the same columns as before).
CREATE OR REPLACE FUNCTION loket.office_days(only_office text, from_date date, to_date date)
RETURNS TABLE (local_date date, issued bigint, called bigint, served bigint, no_show bigint,
               wait_mean double precision, within_target bigint)
LANGUAGE sql STABLE AS $$
SELECT d::date, coalesce(sum(k.issued), 0)::bigint, coalesce(sum(k.called), 0)::bigint,
       coalesce(sum(k.served), 0)::bigint, coalesce(sum(k.no_show), 0)::bigint,
       sum(k.wait_sum) / nullif(sum(k.called), 0),
       coalesce(sum((SELECT count(*) FROM unnest(k.served_waits) w
                      WHERE w <= coalesce(t.target_minutes, 30))), 0)::bigint
  FROM generate_series(from_date, to_date, interval '1 day') d
  LEFT JOIN loket.kept_days k ON k.office = only_office AND k.local_date = d::date
  LEFT JOIN loket.service_targets t ON t.office = k.office AND t.service = k.service
 GROUP BY d ORDER BY d
$$;
)sql";

// 5: the survey's index (IKM) per office, from each day's score sums the office sends; the
// answers themselves stay in the office (docs/privacy.md "Central").
const char* const kCentralMigration5 = R"sql(
-- An office's SKM responses of a day and service: how many, and the sum of each element's
-- scores in the regulation's order (persyaratan ... sarana), enough for the exact index of any
-- range or group of offices (docs/skm.md).
CREATE TABLE loket.survey_days (
    office text NOT NULL REFERENCES loket.offices (code),
    local_date date NOT NULL,
    service text NOT NULL,
    respondents bigint NOT NULL CHECK (respondents > 0),
    score_sums bigint[] NOT NULL CHECK (cardinality(score_sums) = 9),
    PRIMARY KEY (local_date, office, service)
);

-- The calling office's survey days {"days": [date...], "rows": [{local_date, service,
-- respondents, score_sums}]}: every listed day is replaced by its rows (none: no responses).
CREATE FUNCTION loket.keep_survey_days(survey jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = loket, pg_catalog AS $$
DECLARE
    office_code text;
BEGIN
    SELECT code INTO office_code FROM loket.offices WHERE role_name = session_user;
    IF office_code IS NULL THEN
        RAISE EXCEPTION 'role % ships for no office', session_user USING ERRCODE = '42501';
    END IF;
    IF jsonb_typeof(survey -> 'days') IS DISTINCT FROM 'array'
       OR jsonb_typeof(survey -> 'rows') IS DISTINCT FROM 'array'
       OR EXISTS (SELECT 1 FROM jsonb_array_elements(survey -> 'days') d
                   WHERE jsonb_typeof(d) IS DISTINCT FROM 'string')
       OR EXISTS (SELECT 1 FROM jsonb_array_elements(survey -> 'rows') r
                   WHERE jsonb_typeof(r -> 'local_date') IS DISTINCT FROM 'string'
                      OR jsonb_typeof(r -> 'service') IS DISTINCT FROM 'string'
                      OR jsonb_typeof(r -> 'respondents') IS DISTINCT FROM 'number'
                      OR jsonb_typeof(r -> 'score_sums') IS DISTINCT FROM 'array'
                      OR jsonb_array_length(r -> 'score_sums') <> 9
                      OR NOT ((survey -> 'days') ? (r ->> 'local_date'))
                      OR EXISTS (SELECT 1 FROM jsonb_array_elements(r -> 'score_sums') x
                                  WHERE jsonb_typeof(x) IS DISTINCT FROM 'number'
                                     OR x::text::numeric < (r ->> 'respondents')::numeric
                                     OR x::text::numeric > 4 * (r ->> 'respondents')::numeric))
    THEN
        RAISE EXCEPTION 'survey days are {"days": [dates], "rows": [{local_date (one of the '
                        'days), service, respondents, score_sums: nine sums of scores 1-4}]}'
            USING ERRCODE = '22023';
    END IF;
    DELETE FROM loket.survey_days
     WHERE office = office_code
       AND local_date IN (SELECT d::date FROM jsonb_array_elements_text(survey -> 'days') d);
    INSERT INTO loket.survey_days (office, local_date, service, respondents, score_sums)
    SELECT office_code, (r ->> 'local_date')::date, r ->> 'service',
           (r ->> 'respondents')::bigint,
           ARRAY(SELECT x::text::bigint FROM jsonb_array_elements(r -> 'score_sums') x)
      FROM jsonb_array_elements(survey -> 'rows') r;
END
$$;
REVOKE ALL ON FUNCTION loket.keep_survey_days(jsonb) FROM PUBLIC;
DO $$
DECLARE
    office record;
BEGIN
    FOR office IN SELECT role_name FROM loket.offices LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION loket.keep_survey_days(jsonb) TO %I',
                       office.role_name);
    END LOOP;
END
$$;

-- Per office over office-local days: respondents and each element's score sum.
CREATE FUNCTION loket.survey_figures(from_date date, to_date date, only_office text DEFAULT NULL)
RETURNS TABLE (office text, respondents bigint, score_sums bigint[])
LANGUAGE sql STABLE AS $$
WITH days AS (
    SELECT s.office, s.respondents, s.score_sums FROM loket.survey_days s
     WHERE s.local_date BETWEEN from_date AND to_date
       AND (only_office IS NULL OR s.office = only_office)
), people AS (
    SELECT d.office, sum(d.respondents)::bigint AS respondents FROM days d GROUP BY d.office
), element_sums AS (
    SELECT e.office, array_agg(e.total ORDER BY e.element) AS score_sums
      FROM (SELECT d.office, x.element, sum(x.score_sum)::bigint AS total
              FROM days d CROSS JOIN LATERAL unnest(d.score_sums) WITH ORDINALITY
                   AS x(score_sum, element)
             GROUP BY d.office, x.element) e
     GROUP BY e.office
)
SELECT o.code, coalesce(p.respondents, 0),
       coalesce(e.score_sums, array_fill(0::bigint, ARRAY[9]))
  FROM loket.offices o
  LEFT JOIN people p ON p.office = o.code
  LEFT JOIN element_sums e ON e.office = o.code
 WHERE only_office IS NULL OR o.code = only_office
 ORDER BY o.code
$$;
)sql";

}  // namespace loket::central
